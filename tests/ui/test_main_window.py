"""The workbench as a person uses it: select, press a key, check what the project file holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from workbench_helpers import EN, ZH_ASTRAL, ZH_PLAIN, article_id, select
from workbench_helpers import char_center as char_point

from annotator.core import segment
from annotator.store import Project
from annotator.ui import interaction
from annotator.ui import settings as S

# The offscreen platform plugin warns whenever a top-level window's size limits change.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def stored(window, title: str):
    """The spans of an article as a second, read-only connection sees them."""
    with Project.open(window.ctx.project.path, readonly=True) as project:
        return project.spans(article_id(project, title))


def add_with_key(qtbot, window, start: int, end: int, key: str = "1", exact: bool = True):
    view = window.workbench.current().view
    select(view, start, end)
    qtbot.keyClick(view, key, ALT if exact else Qt.KeyboardModifier.NoModifier)


def test_window_opens_the_project_on_its_first_article(window):
    assert "Workbench test" in window.windowTitle()
    pane = window.workbench.current()
    assert pane is window.workbench.left
    assert pane.article().text == ZH_ASTRAL
    assert window.articles.model.rowCount() == 3
    assert window.status.progress.text() == "0 / 3 done"
    assert "tester" in window.status.annotator.text()
    assert [b.text().split()[-1] for b in window.label_palette.findChildren(
        type(window.label_palette.button("claim")))
        if b.objectName().startswith("label:")] == ["claim", "figure", "company", "strategy"]


def test_opening_a_project_reads_its_first_article_once(qtbot, workbench_project, monkeypatch,
                                                         no_leaked_widgets):
    from annotator.app import build_window
    from annotator.store.spans import SpansMixin

    reads: list[int] = []
    spans = SpansMixin.spans

    def counted(self, article_id, annotator=None):
        reads.append(article_id)
        return spans(self, article_id, annotator)

    monkeypatch.setattr(SpansMixin, "spans", counted)
    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    assert win.workbench.current().article().text == ZH_ASTRAL
    assert reads == [win.workbench.current().article_id()]  # a 10k-span article: 100 ms each


@pytest.mark.parametrize("word", ["阿里", "1亿", "京东"])
def test_hotkey_stores_the_selected_characters_after_emoji_and_astral(qtbot, window, word):
    view = window.workbench.left.view
    start = ZH_ASTRAL.index(word)
    select(view, start, start + len(word))
    qtbot.keyClick(view, "1")
    spans = stored(window, "阿里的小目标")
    assert [(s.label, s.text, s.start, s.end, s.annotator) for s in spans] == [
        ("claim", word, start, start + len(word), "tester")]
    assert ZH_ASTRAL[spans[0].start:spans[0].end] == word
    assert window.annotations.model.rowCount() == 1
    assert view.selected_span_id() == spans[0].id  # the new span is selected
    assert view.selected_range() is None  # and the text selection is gone


def test_snapping_widens_a_chinese_selection_to_whole_jieba_words(qtbot, window):
    view = window.workbench.left.view
    assert window.acts.snapping.isChecked()
    start = ZH_ASTRAL.index("里今")  # cuts 阿里 and 今年 in half
    select(view, start, start + 2)
    qtbot.keyClick(view, "2")
    [span] = stored(window, "阿里的小目标")
    words = segment.tokens(ZH_ASTRAL, "zh")
    assert (span.start, span.end) == segment.snap(ZH_ASTRAL, start, start + 2, "zh")
    assert span.start in {a for a, _ in words} and span.end in {b for _, b in words}
    assert span.start <= start and span.end >= start + 2 and span.end - span.start > 2
    assert "阿里" in span.text and span.text == ZH_ASTRAL[span.start:span.end]


def test_alt_hotkey_and_snapping_off_take_the_exact_characters(qtbot, window):
    view = window.workbench.left.view
    start = ZH_ASTRAL.index("里今")
    add_with_key(qtbot, window, start, start + 2, "3", exact=True)
    window.acts.snapping.setChecked(False)
    assert window.ctx.settings.get(S.SNAPPING) is False
    select(view, start + 3, start + 5)
    qtbot.keyClick(view, "4")
    assert sorted((s.label, s.text) for s in stored(window, "阿里的小目标")) == [
        ("company", "里今"), ("strategy", "的小")]


def test_relabel_note_delete_undo_redo_change_the_store(qtbot, window, monkeypatch):
    view = window.workbench.left.view
    model = window.annotations.model
    start = ZH_ASTRAL.index("阿里")
    add_with_key(qtbot, window, start, start + 2, "1")
    [span] = stored(window, "阿里的小目标")
    assert window.acts.undo.text() == "Undo Add claim 阿里"

    view.select_span(None)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=char_point(view, start + 1))
    assert view.selected_span_id() == span.id
    qtbot.keyClick(view, "2")  # relabel
    assert [s.label for s in stored(window, "阿里的小目标")] == ["figure"]
    assert model.span_at(0).label == "figure"

    monkeypatch.setattr(interaction, "ask_multiline", lambda *a, **k: "a company, not a claim")
    qtbot.keyClick(view, "n")
    assert stored(window, "阿里的小目标")[0].note == "a company, not a claim"
    assert model.span_at(0).note == "a company, not a claim"

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(window, "阿里的小目标") == []
    assert model.rowCount() == 0 and view.spans() == []

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo delete: the same span comes back
    [back] = stored(window, "阿里的小目标")
    assert (back.id, back.label, back.note) == (span.id, "figure", "a company, not a claim")
    assert model.rowCount() == 1
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo note
    assert stored(window, "阿里的小目标")[0].note == ""
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo relabel
    assert stored(window, "阿里的小目标")[0].label == "claim"
    assert model.span_at(0).label == "claim"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo add
    assert stored(window, "阿里的小目标") == [] and model.rowCount() == 0
    assert not window.ctx.undo_stack.canUndo()

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # redo add
    [again] = stored(window, "阿里的小目标")
    assert (again.id, again.label, again.text) == (span.id, "claim", "阿里")
    assert model.rowCount() == 1 and [s.id for s in view.spans()] == [span.id]


def test_the_first_span_marks_the_article_in_progress_and_undo_takes_it_back(qtbot, window):
    project = window.ctx.project
    aid = article_id(project, "阿里的小目标")
    add_with_key(qtbot, window, 2, 4, "1")
    assert project.article_status(aid, window.ctx.annotator) == "in-progress"
    assert window.articles.model.summary(0).status == "in-progress"
    assert window.articles.model.summary(0).span_count == 1
    window.acts.undo.trigger()
    assert project.article_status(aid, window.ctx.annotator) == "todo"
    assert window.articles.model.summary(0).span_count == 0


def test_mark_done_toggles_and_counts_progress(qtbot, window):
    project = window.ctx.project
    view = window.workbench.left.view
    aid = article_id(project, "阿里的小目标")
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert project.article_status(aid, window.ctx.annotator) == "done"
    assert window.status.progress.text() == "1 / 3 done"
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert project.article_status(aid, window.ctx.annotator) == "in-progress"
    assert window.status.progress.text() == "0 / 3 done · 1 in progress"
    window.acts.undo.trigger()
    assert project.article_status(aid, window.ctx.annotator) == "done"


def test_alt_down_and_up_walk_the_article_list(qtbot, window):
    view = window.workbench.left.view
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert window.workbench.left.article().text == ZH_PLAIN
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert window.workbench.left.article().text == EN
    assert "Same-day delivery" in window.status.article.text()
    assert not window.articles.step(+1)  # the end of the list
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)
    assert window.workbench.left.article().text == ZH_PLAIN


def test_article_list_filters_by_text_and_status(qtbot, window):
    dock = window.articles
    dock.filter_edit.insert("下沉市场")  # QTest types ASCII only
    qtbot.waitUntil(lambda: dock.model.rowCount() == 2)
    dock.filter_edit.clear()
    qtbot.waitUntil(lambda: dock.model.rowCount() == 3)
    window.labeler.toggle_done()
    dock.status_combo.setCurrentIndex(dock.status_combo.findData("done"))
    assert [s.title for s in dock.model.summaries()] == ["阿里的小目标"]


def test_two_articles_side_by_side_each_get_their_own_span(qtbot, window):
    wb = window.workbench
    right_id = article_id(window.ctx.project, "拼多多的补贴")
    window.articles.openInRight.emit(right_id)
    assert wb.right_visible() and window.acts.toggle_right.isChecked()
    assert wb.current() is wb.right and wb.right.article().text == ZH_PLAIN
    assert wb.left.article().text == ZH_ASTRAL

    start = ZH_PLAIN.index("拼多多")
    select(wb.right.view, start, start + 3)
    qtbot.keyClick(wb.right.view, "3")
    assert [s.text for s in window.annotations.model.spans()] == ["拼多多"]

    wb.left.view.setFocus()
    qtbot.waitUntil(lambda: wb.current() is wb.left)
    assert window.annotations.model.rowCount() == 0  # follows the focused pane
    start = ZH_ASTRAL.index("1亿")
    select(wb.left.view, start, start + 2)
    qtbot.keyClick(wb.left.view, "2", ALT)
    assert [(s.label, s.text) for s in stored(window, "阿里的小目标")] == [("figure", "1亿")]
    assert [(s.label, s.text) for s in stored(window, "拼多多的补贴")] == [("company", "拼多多")]
    assert [s.text for s in wb.right.view.spans()] == ["拼多多"]
    assert [s.text for s in wb.left.view.spans()] == ["1亿"]

    qtbot.keyClick(wb.left.view, Qt.Key.Key_Backslash, CTRL)
    assert not wb.right_visible() and wb.current() is wb.left


def test_same_article_twice_with_another_annotators_spans_read_only(qtbot, window):
    project = window.ctx.project
    aid = article_id(project, "阿里的小目标")
    theirs = project.add_span(aid, 2, 4, "company", "lin", text="阿里")
    wb = window.workbench
    wb.open_article(aid, wb.right)
    wb.right.show_annotator("lin")
    assert wb.right.is_read_only() and wb.right.view.read_only_spans()
    assert [s.id for s in wb.right.view.spans()] == [theirs.id]
    select(wb.right.view, 5, 7)
    qtbot.keyClick(wb.right.view, "1", ALT)
    assert [s.id for s in project.spans(aid)] == [theirs.id]  # nothing added
    assert "read-only" in window.statusBar().currentMessage()

    wb.left.show_annotator("tester")  # "My spans": lin's span is not shown
    assert wb.left.view.spans() == []
    select(wb.left.view, 5, 7)
    qtbot.keyClick(wb.left.view, "1", ALT)
    assert len(project.spans(aid, annotator="tester")) == 1
    assert [s.id for s in wb.right.view.spans()] == [theirs.id]  # the right pane: lin only


def test_annotation_list_click_and_enter_jump_to_the_span(qtbot, window):
    view = window.workbench.left.view
    for word in ("阿里", "京东"):
        start = ZH_ASTRAL.index(word)
        add_with_key(qtbot, window, start, start + 2, "3")
    view.select_span(None)
    table = window.annotations.table
    table.setFocus()
    rect = table.visualRect(window.annotations.model.index(1, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    second = window.annotations.model.span_at(1)
    assert second.text == "京东"
    assert view.selected_span_id() == second.id
    start = ZH_ASTRAL.index("京东")
    assert view.selected_range(exact=True) == (start, start + 2)

    table.setFocus()
    table.setCurrentIndex(window.annotations.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert view.selected_span_id() == window.annotations.model.span_at(0).id


def test_find_in_article_with_ctrl_f(qtbot, window):
    pane = window.workbench.current()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, CTRL)
    assert pane.find_bar.isVisible()
    pane.find_bar.edit.insert("小目标")
    assert pane.view.find_count() == 1
    start = ZH_ASTRAL.index("小目标")
    assert pane.view.selected_range(exact=True) == (start, start + 3)


def test_project_search_finds_a_chinese_substring_and_enter_opens_it(qtbot, window):
    dock = window.search
    qtbot.keyClick(window.workbench.left.view, Qt.Key.Key_F,
                   CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert dock.isVisible()
    dock.edit.insert("补贴农产品")
    with qtbot.waitSignal(dock.searchFinished):
        qtbot.keyClick(dock.edit, Qt.Key.Key_Return)
    assert dock.model.rowCount() == 1
    hit = dock.model.hit(0)
    assert hit.match == "补贴农产品" and hit.title == "拼多多的补贴"
    assert "100亿元" in hit.before
    qtbot.keyClick(dock.table, Qt.Key.Key_Return)
    pane = window.workbench.current()
    assert pane.article().text == ZH_PLAIN
    start = ZH_PLAIN.index("补贴农产品")
    assert pane.view.selected_range(exact=True) == (start, start + 5)

    dock.edit.setText("harbor STREET")  # Latin: case-insensitive
    with qtbot.waitSignal(dock.searchFinished):
        dock.run()
    assert [(h.title, h.match) for h in dock.model.hits()] == [
        ("Same-day delivery", "Harbor Street")]
    dock.edit.setText("下沉市场")
    with qtbot.waitSignal(dock.searchFinished):
        dock.run()
    assert {h.title for h in dock.model.hits()} == {"阿里的小目标", "拼多多的补贴"}


def test_font_size_keys_change_both_panes_and_are_remembered(qtbot, window):
    view = window.workbench.left.view
    before = view.font_point_size()
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    after = view.font_point_size()
    assert after > before
    assert window.workbench.right.view.font_point_size() == after
    assert window.ctx.settings.get(S.FONT_SIZE) == after
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.font_point_size() == before


def test_changing_the_annotator_from_the_status_bar(qtbot, window, monkeypatch):
    monkeypatch.setattr(interaction, "ask_annotator_name", lambda *a: "wang")
    qtbot.mouseClick(window.status.annotator, Qt.MouseButton.LeftButton)
    assert window.ctx.annotator == "wang"
    path = window.ctx.project_path()
    assert window.ctx.settings.get_for(path, S.PROJECT_ANNOTATOR) == "wang"  # this file's name
    assert "wang" in window.status.annotator.text()
    add_with_key(qtbot, window, 2, 4, "1")
    assert stored(window, "阿里的小目标")[0].annotator == "wang"


def test_closing_saves_settings_and_releases_the_project(qtbot, window, workbench_project):
    window.close()
    settings = S.Settings()
    assert settings.get(S.LAST_PROJECT) == str(workbench_project.resolve())
    assert not settings.get(S.GEOMETRY).isEmpty()
    with Project.open(workbench_project):  # the lock was released
        pass


def many_files(folder, n: int) -> list[str]:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03}.txt").write_text(f"第{i}篇\n\n电商平台第{i}次调整会员策略。\n",
                                            encoding="utf-8")
    return [str(folder)]


def test_import_with_cancel_imports_nothing(qtbot, window, tmp_path):
    paths = many_files(tmp_path / "in", 450)
    ops = window.ops
    def click_cancel(_worker) -> None:  # as soon as the dialog is up
        [button] = ops.progress_dialog.findChildren(QPushButton)
        assert button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    ops.importStarted.connect(click_cancel)
    with qtbot.waitSignal(ops.importFinished, timeout=30000) as finished:
        assert ops.import_files(paths)
        assert ops.importing() and window.ctx.project is None  # the worker has the file
    assert finished.args == [None, "cancelled"]
    assert window.ctx.project is not None and window.ctx.writable()
    assert len(window.ctx.project.articles()) == 3
    assert window.articles.model.rowCount() == 3
    assert "nothing was imported" in window.statusBar().currentMessage()


def test_import_runs_in_a_worker_and_the_window_follows(qtbot, window, tmp_path, monkeypatch):
    paths = many_files(tmp_path / "in", 5)
    monkeypatch.setattr(interaction, "import_paths", lambda *a: paths)
    with qtbot.waitSignal(window.ops.importFinished, timeout=30000) as finished:
        window.acts.import_files.trigger()
    report, error = finished.args
    assert error == "" and report.added == 5
    assert window.articles.model.rowCount() == 8
    assert window.status.progress.text() == "0 / 8 done"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    add_with_key(qtbot, window, 2, 4, "1")  # the reopened project takes new spans
    assert len(stored(window, "阿里的小目标")) == 1
    assert window.acts.undo.text() == "Undo Add claim 阿里"
    window.acts.undo.trigger()
    assert stored(window, "阿里的小目标") == []


def test_import_from_the_window_names_files_not_in_utf8(qtbot, window, tmp_path):
    folder = tmp_path / "legacy"
    folder.mkdir()
    (folder / "gbk.txt").write_bytes("拼多多的战略是下沉市场，新增用户很多。\n".encode("gbk"))
    with qtbot.waitSignal(window.ops.importFinished, timeout=30000) as done:
        window.ops.import_files([str(folder)])
    report, error = done.args
    assert error == "" and report.encodings == [f"{folder / 'gbk.txt'}: gb18030"]
    summary = window.ops.report_dialog
    assert summary.objectName() == "importSummary" and summary.isVisible()
    assert "1 file(s) not in UTF-8" in summary.headline.text()
    assert (f"Decoded as something other than UTF-8:\n{folder / 'gbk.txt'}: gb18030"
            in summary.report_text)
    summary.close()


def test_export_and_snapshot(qtbot, window, tmp_path, monkeypatch):
    import json

    add_with_key(qtbot, window, 2, 4, "1")
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(interaction, "inform", lambda *a: None)
    window.acts.export.trigger()  # the export dialog: native JSONL is its first format
    dialog = window.ops.export_dialog
    assert dialog.format_name() == "jsonl"
    dialog.out.setText(str(out))
    with qtbot.waitSignal(window.ops.exportFinished, timeout=30000) as done:
        dialog.export_button.click()
    assert done.args[0]["counts"]["articles"] == 3 and done.args[0]["counts"]["spans"] == 1
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["spans"][0]["text"] == "阿里"
    snap = tmp_path / "share.db"
    monkeypatch.setattr(interaction, "save_path", lambda *a: str(snap))
    window.acts.snapshot.trigger()
    with Project.open(snap, readonly=True) as copy:
        assert copy.span_count() == 1


def test_new_and_open_project_from_the_file_menu(qtbot, window, tmp_path, monkeypatch,
                                                 workbench_project):
    fresh = tmp_path / "fresh.db"
    monkeypatch.setattr(interaction, "new_project_path", lambda *a: str(fresh))
    window.acts.new_project.trigger()
    assert window.ctx.project.path == fresh.resolve() or window.ctx.project.path == fresh
    assert "fresh" in window.windowTitle()
    assert window.articles.model.rowCount() == 0
    assert window.workbench.left.article() is None
    assert window.ctx.settings.get(S.RECENT_PROJECTS)[0] == str(fresh.resolve())
    monkeypatch.setattr(interaction, "open_project_path", lambda *a: str(workbench_project))
    window.acts.open_project.trigger()
    assert window.articles.model.rowCount() == 3
    assert not window.ctx.undo_stack.canUndo()
    warned: list[str] = []
    monkeypatch.setattr(interaction, "warn", lambda p, t, text: warned.append(text))
    assert not window.ops.open_path(tmp_path / "missing.db")
    assert warned and "no project at" in warned[0]
    assert window.articles.model.rowCount() == 3  # still on the open project


def test_palette_click_labels_the_selection(qtbot, window):
    view = window.workbench.left.view
    start = ZH_ASTRAL.index("京东")
    select(view, start, start + 2)
    button = window.label_palette.button("strategy")
    assert "plan" in button.toolTip() and "Alt+4" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [(s.label, s.text) for s in stored(window, "阿里的小目标")] == [("strategy", "京东")]


def test_synchronized_scrolling_keeps_the_panes_at_the_same_proportion(qtbot, window):
    from annotator.core.model import ArticleRecord

    project = window.ctx.project
    long_a = "".join(f"第{i}段：电商平台继续扩大下沉市场投入。\n" for i in range(300))
    long_b = "".join(f"Paragraph {i}: the retailer keeps expanding.\n" for i in range(120))
    project.add_articles([ArticleRecord(text=long_a, title="long a", where="t:a"),
                          ArticleRecord(text=long_b, title="long b", where="t:b")], "setup")
    window.ctx.articlesChanged.emit()
    wb = window.workbench
    wb.open_article(article_id(project, "long a"), wb.left)
    wb.open_article(article_id(project, "long b"), wb.right)
    left, right = wb.left.view.verticalScrollBar(), wb.right.view.verticalScrollBar()
    qtbot.waitUntil(lambda: left.maximum() > 0 and right.maximum() > 0)
    window.acts.sync_scroll.setChecked(True)
    assert window.ctx.settings.get(S.SYNC_SCROLL) is True
    left.setValue(left.maximum())
    assert right.value() == right.maximum()
    left.setValue(left.maximum() // 2)  # the view may settle on a block's first line
    assert 0.3 < left.value() / left.maximum() < 0.7
    assert abs(right.value() / right.maximum() - left.value() / left.maximum()) < 0.05
    right.setValue(0)
    assert left.value() == 0
    window.acts.sync_scroll.setChecked(False)
    left.setValue(left.maximum())
    assert right.value() == 0


def test_recent_projects_menu_lists_the_open_project(qtbot, window, workbench_project):
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [
        str(workbench_project.resolve())]


def test_pane_widths_are_remembered(qtbot, window, workbench_project):
    wb = window.workbench
    wb.set_right_visible(True)
    total = sum(wb.sizes())
    wb.setSizes([total // 4, total - total // 4])
    wb.set_right_visible(False)
    wb.set_right_visible(True)
    assert abs(wb.sizes()[0] - total // 4) <= 2
    window.close()
    assert S.Settings().get(S.SPLITTER_SIZES) == wb.pane_sizes()
    from annotator.app import build_window

    again = build_window(workbench_project, "tester")
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.resize(window.size())  # restoreGeometry clamps to the 800x800 offscreen screen
    again.workbench.set_right_visible(True)
    left, right = again.workbench.sizes()
    assert abs(left / (left + right) - 0.25) < 0.03


def test_esc_clears_the_span_and_text_selection(qtbot, window):
    view = window.workbench.left.view
    start = ZH_ASTRAL.index("阿里")
    add_with_key(qtbot, window, start, start + 2, "1")
    assert view.selected_span_id() is not None
    assert window.annotations.table.selectionModel().hasSelection()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_span_id() is None and view.selected_range() is None
    assert not window.annotations.table.selectionModel().hasSelection()
    qtbot.keyClick(view, "2")  # nothing selected: nothing happens
    assert [s.label for s in stored(window, "阿里的小目标")] == ["claim"]
    assert "Select some text first" in window.statusBar().currentMessage()


def test_jieba_warms_up_off_the_gui_thread(qtbot, window, monkeypatch):
    import threading

    threads: list[int] = []
    monkeypatch.setattr(segment, "is_ready", lambda: False)
    monkeypatch.setattr(segment, "warm_up", lambda: threads.append(threading.get_ident()))
    window.warm_up_segmenter()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Ready", timeout=10000)
    assert threads and threads[0] != threading.get_ident()


def test_a_label_key_neither_moves_the_toolbar_nor_re_lays_it_out(qtbot, window):
    """The Undo button showed the stack's text ("Undo label claim 阿里…"), so every label key
    widened the toolbar, moved the buttons after it and re-laid out the whole window."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "mainToolbar")
    undo_button = bar.widgetForAction(window.acts.undo_tool)
    view = window.workbench.left.view
    text = view.article().text

    def label(word: str) -> None:
        start = text.index(word)
        add_with_key(qtbot, window, start, start + len(word))
        QApplication.processEvents()

    def geometry() -> dict:
        return {a.objectName(): bar.widgetForAction(a).geometry() for a in bar.actions()
                if bar.widgetForAction(a) is not None}

    label("阿里")  # the first edit enables Undo (and may lay out once)
    before = geometry()
    layouts: list[str] = []

    class Spy(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.LayoutRequest:
                layouts.append(obj.objectName())
            return False

    spy = Spy()
    bar.installEventFilter(spy)
    label("1亿")
    assert window.acts.undo.text().startswith("Undo ") and len(window.acts.undo.text()) > 6
    assert undo_button.text() == "Undo" and window.acts.undo_tool.isEnabled()
    assert geometry() == before and layouts == []
    assert window.annotations.summary.text().startswith(f"{len(view.spans())} span(s)")
    qtbot.mouseClick(undo_button, Qt.MouseButton.LeftButton)  # the twin really undoes
    assert [s.text for s in view.spans()] == ["阿里"]


def test_a_dock_hidden_at_start_is_made_by_its_view_entry_and_toggles_as_before(window):
    """Issue 14: the Guidelines dock does not exist until View ▸ Guidelines asks for it; then
    it shows, and from then on its entry is the dock's own toggle (checked while shown)."""
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    entry = next(a for a in view.actions() if a.text() == "Guidelines")
    assert not window._on_demand["guidelines"].made()
    entry.trigger()
    dock = window.guidelines
    assert window._on_demand["guidelines"].made() and not dock.isHidden()
    assert dock.toggleViewAction() in view.actions() and entry not in view.actions()
    assert dock.toggleViewAction().isChecked()
    dock.toggleViewAction().trigger()
    assert dock.isHidden() and not dock.toggleViewAction().isChecked()


def test_with_two_panes_the_current_one_has_the_accent_line_and_no_style_sheet_is_used(window):
    """The accent along the current pane's top is painted by the pane (a style sheet on the
    panes made every widget in them draw through QStyleSheetStyle, issue 14)."""
    from annotator.ui.pane import ACCENT, ACCENT_HEIGHT

    wb = window.workbench
    wb.open_article(wb.left.article_id(), wb.right)

    def accent(pane) -> bool:
        image = pane.grab().toImage()
        return all(image.pixelColor(x, y) == ACCENT
                   for x in (2, pane.width() // 2) for y in range(ACCENT_HEIGHT))

    assert accent(wb.right) and not accent(wb.left)
    wb.set_current(wb.left)
    assert accent(wb.left) and not accent(wb.right)
    wb.set_right_visible(False)
    assert not accent(wb.left)  # one pane: no accent
    assert window.styleSheet() == "" and wb.styleSheet() == "" and wb.left.styleSheet() == ""


def test_no_widget_of_the_window_has_a_style_sheet_at_start_and_the_palette_shows_its_colours(
        window):
    """The label palette's buttons had a style sheet each (issue 14: Qt then built its
    QStyleSheetStyle and parsed four rules before the first paint): each now paints its label's
    colour along its left edge itself, its square and key and name at its left."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QWidget

    from annotator.ui.palette import EDGE, SQUARE

    assert [w.objectName() for w in window.findChildren(QWidget) if w.styleSheet()] == []
    for label in window.ctx.labels():
        button = window.label_palette.button(label.name)
        image = button.grab().toImage()
        color = QColor(label.color)
        row = [image.pixelColor(x, button.height() // 2) == color for x in range(button.width())]
        # the edge, a gap, the square, then the key and name: no more of the label's colour
        square = row.index(True, EDGE)
        assert row[:EDGE] == [True] * EDGE and not any(row[EDGE:square])
        assert square > EDGE and row[square:square + SQUARE] == [True] * SQUARE
        assert not any(row[square + SQUARE:])
        assert button.text().split() == [label.hotkey, label.name]
        assert button.iconSize().width() > 0 and not button.icon().isNull()
