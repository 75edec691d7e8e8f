"""Managing spans directly (the span context menu, the boundary keys) and the project's terms
(the terms editor, "Keep as One Word"), in the real window, checked in the project file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from workbench_helpers import char_center, drag, select, show_active

from annotator.core import segment
from annotator.core.model import ArticleRecord
from annotator.formats.conll import export_conll
from annotator.store import Project
from annotator.ui import interaction
from annotator.ui.terms_editor import TermsEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TRIAL = ("此前。数据显示，拼多多正在下沉市场发力，聚划算的“百亿补贴”，社交电商平台京喜。"
         "崔丽丽认为，下沉市场还有空间。\n")


def one_article_window(qtbot, folder: Path, text: str, title: str):
    """The window on a new project holding one Chinese article, ``text``, shown."""
    from annotator.app import build_window

    path = folder / f"{title}.db"
    with Project.create(path, title=title.capitalize()) as project:
        project.add_articles([ArticleRecord(text=text, title=title, language="zh",
                                            where="test")], "setup")
    win = build_window(path, "tester")
    show_active(qtbot, win)
    qtbot.waitUntil(lambda: win.workbench.current().article() is not None)
    return win


@pytest.fixture
def trial(qtbot, tmp_path: Path, no_leaked_widgets):
    """The window on a project of one article, the trial's."""
    segment.reset()
    yield one_article_window(qtbot, tmp_path, TRIAL, "trial")
    segment.reset()


def spans(win):
    with Project.open(win.ctx.project.path, readonly=True) as project:
        return project.spans(project.articles()[0].id)


def view_of(win):
    return win.workbench.current().view


def label_range(qtbot, win, start: int, end: int, key: str = "1") -> None:
    view = view_of(win)
    select(view, start, end)
    qtbot.keyClick(view, key)


def test_the_three_bad_spans_of_the_trial_are_stored_trimmed(qtbot, trial, tmp_path):
    for raw in ("。数据显示，拼多多正在下沉市场", "社交电商平台京喜。", "百亿补贴”，"):
        start = TRIAL.index(raw)
        label_range(qtbot, trial, start, start + len(raw))
    assert sorted(s.text for s in spans(trial)) == sorted(
        ["数据显示，拼多多正在下沉市场", "社交电商平台京喜", "百亿补贴"])
    out = tmp_path / "out.conll"
    export_conll(trial.ctx.project, out)
    tagged = [line for line in out.read_text("utf-8").splitlines() if "B-claim" in line]
    assert tagged and not any(line[0] in "。，”“" for line in tagged)


def menu_at(win, cp: int) -> QMenu:
    view = view_of(win)
    menu = view.context_menu(char_center(view, cp))
    menu.setParent(None)  # deleted by the caller, not left on the window
    return menu


def entries(menu: QMenu) -> dict[str, object]:
    return {a.text().replace("&", "").split("\t")[0]: a for a in menu.actions() if a.text()}


def test_right_click_on_a_span_offers_relabel_note_boundaries_copy_and_delete(qtbot, trial):
    start = TRIAL.index("京喜")
    label_range(qtbot, trial, start, start + 2, "3")
    menu = menu_at(trial, start + 1)
    try:
        names = list(entries(menu))
        for wanted in ("Relabel", "Edit Note…", "Adjust Boundaries", "Copy Span Text",
                       "Delete Span", "Copy", "Select All"):
            assert wanted in names
        assert names[0] == "company “京喜”"
        assert names.index("Relabel") < names.index("Copy")  # the span's part comes first
        entries(menu)["Copy Span Text"].trigger()
        assert QApplication.clipboard().text() == "京喜"
    finally:
        menu.deleteLater()
    menu = menu_at(trial, TRIAL.index("认为"))  # no span there: only Copy and Select All
    try:
        assert "Relabel" not in entries(menu) and "Select All" in entries(menu)
    finally:
        menu.deleteLater()


def test_menu_relabel_note_and_delete_are_each_one_undo_step(qtbot, trial, monkeypatch):
    start = TRIAL.index("京喜")
    label_range(qtbot, trial, start, start + 2, "3")
    stack = trial.ctx.undo_stack
    menu = menu_at(trial, start)
    relabel = entries(menu)["Relabel"].menu()
    next(a for a in relabel.actions() if a.text() == "claim").trigger()
    menu.deleteLater()
    assert [s.label for s in spans(trial)] == ["claim"] and stack.count() == 2
    monkeypatch.setattr(interaction, "ask_multiline", lambda *a: "平台名")
    menu = menu_at(trial, start)
    entries(menu)["Edit Note…"].trigger()
    menu.deleteLater()
    assert [s.note for s in spans(trial)] == ["平台名"] and stack.count() == 3
    menu = menu_at(trial, start)
    entries(menu)["Delete Span"].trigger()
    menu.deleteLater()
    assert spans(trial) == [] and stack.count() == 4
    for expected in ([("claim", "平台名")], [("claim", "")], [("company", "")]):
        stack.undo()
        assert [(s.label, s.note) for s in spans(trial)] == expected


def test_a_real_right_click_shows_the_span_menu_and_selects_the_span(qtbot, trial):
    start = TRIAL.index("京喜")
    label_range(qtbot, trial, start, start + 2, "3")
    label_range(qtbot, trial, TRIAL.index("百亿"), TRIAL.index("百亿") + 2, "2")
    table = trial.annotations.table
    assert table.model().index(table.currentIndex().row(), 1).data() == "百亿"
    view = view_of(trial)
    shown: list[list[str]] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        shown.append([a.text().replace("&", "") for a in popup.actions()] if popup else [])
        if popup is not None:
            popup.close()

    QTimer.singleShot(0, look)  # runs in the menu's own event loop
    pos = char_center(view, start + 1)  # what the platform sends for a right click
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(lambda: bool(shown))
    assert "Delete Span" in shown[0] and "Relabel" in shown[0]
    assert view.span(view.selected_span_id()).text == "京喜"  # the boundary keys act on it
    assert table.model().index(table.currentIndex().row(), 1).data() == "京喜"


def test_boundary_keys_move_the_end_and_start_by_a_word_each_one_undo_step(qtbot, trial):
    start = TRIAL.index("拼多多")
    label_range(qtbot, trial, start, start + 3)  # 拼多多 (jieba: 拼 / 多多)
    view = view_of(trial)
    stack = trial.ctx.undo_stack
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT | ALT)
    assert [s.text for s in spans(trial)] == ["拼多多正在"]
    qtbot.keyClick(view, Qt.Key.Key_Left, CTRL | ALT)  # over the ，to 显示
    assert [s.text for s in spans(trial)] == ["显示，拼多多正在"]
    qtbot.keyClick(view, Qt.Key.Key_Right, CTRL | ALT)
    qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT | ALT)
    assert [s.text for s in spans(trial)] == ["拼多多"]
    assert stack.count() == 5
    stack.undo()
    assert [s.text for s in spans(trial)] == ["拼多多正在"]
    trial.acts.snapping.setChecked(False)  # a character at a time
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT | ALT)
    assert [s.text for s in spans(trial)] == ["拼多多正在下"]


def test_boundary_keys_never_make_an_empty_span(qtbot, trial):
    start = TRIAL.index("京喜")
    label_range(qtbot, trial, start, start + 2)
    qtbot.keyClick(view_of(trial), Qt.Key.Key_Left, SHIFT | ALT)
    assert [s.text for s in spans(trial)] == ["京喜"]
    assert trial.ctx.undo_stack.count() == 1


def test_terms_editor_adds_cui_lili_and_a_drag_snaps_to_it_at_once(qtbot, trial):
    view = view_of(trial)
    name = TRIAL.index("崔丽丽")
    assert drag(qtbot, view, name + 1, name + 4)[-1] == (name + 1, name + 5)  # 丽丽认为
    editor = TermsEditor(trial.ctx, trial)
    qtbot.addWidget(editor)
    editor.show()
    editor.entry.insert("崔丽丽")  # as an input method commits it
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.terms() == ["崔丽丽"]
    editor.close()
    with Project.open(trial.ctx.project.path, readonly=True) as project:
        assert project.terms() == ["崔丽丽"]
    view.clear_selection()
    assert drag(qtbot, view, name + 1, name + 2)[-1] == (name, name + 3)  # 崔丽丽 whole
    qtbot.keyClick(view, "3")
    assert [s.text for s in spans(trial)] == ["崔丽丽"]


def test_terms_editor_refuses_a_term_with_a_space_and_removes_terms(qtbot, trial):
    editor = TermsEditor(trial.ctx, trial)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.entry, "Harbor Street")
    qtbot.keyClick(editor.entry, Qt.Key.Key_Return)
    assert editor.terms() == [] and "space" in editor.status.text()
    editor.entry.clear()
    editor.entry.insert("京喜平台")
    qtbot.keyClick(editor.entry, Qt.Key.Key_Return)
    editor.list.item(0).setSelected(True)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.terms() == []
    with Project.open(trial.ctx.project.path, readonly=True) as project:
        assert project.terms() == []


def test_keep_as_one_word_on_the_selection_menu_is_used_by_snapping_at_once(qtbot, trial):
    view = view_of(trial)
    name = TRIAL.index("崔丽丽")
    select(view, name, name + 3)
    menu = menu_at(trial, name + 1)
    entries(menu)["Keep as One Word"].trigger()
    menu.deleteLater()
    assert trial.ctx.project.terms() == ["崔丽丽"]
    select(view, name + 1, name + 2)
    assert view.selected_range() == (name, name + 3)


def test_edit_terms_opens_the_terms_editor_with_the_project_terms(qtbot, trial):
    trial.ctx.project.set_terms(["聚划算"], "tester")
    seen: list[list[str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.terms() if isinstance(dialog, TermsEditor) else [])
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(0, look)
    trial.acts.terms.trigger()
    assert seen == [["聚划算"]]


def test_a_label_key_on_the_last_line_shown_does_not_scroll_the_article(qtbot, tmp_path,
                                                                         no_leaked_widgets):
    """The span is the text just selected, where the user looks: the article stays put (a
    selection on the last line shown used to jump a third of the view up), while a span
    chosen elsewhere (the annotation list) is still scrolled into view."""
    text = "".join(f"第{i}段：拼多多正在下沉市场发力，京东也来了。\n" for i in range(200))
    win = one_article_window(qtbot, tmp_path, text, "long")
    view = win.workbench.left.view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    last = view.cursorForPosition(view.viewport().rect().bottomLeft()).block()
    start = last.position()
    select(view, start, start + 3)
    before = bar.value()
    qtbot.keyClick(view, "3")  # company
    project = win.ctx.project
    [span] = project.spans(1)
    assert (span.start, span.label) == (start, "company")
    assert bar.value() == before and view.selected_span_id() == span.id
    view.select_span(None)
    bar.setValue(bar.maximum())  # far away: choosing it from the list scrolls back to it
    win.annotations.spanChosen.emit(span)
    qtbot.waitUntil(lambda: bar.value() != bar.maximum())
    win.close()
