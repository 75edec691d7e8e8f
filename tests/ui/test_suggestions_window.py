"""Suggestions in the window (issue 12): Article ▸ Suggest as one undo step, suggestions drawn
dashed and listed apart, A / Enter / X / Shift+A on a suggestion with undo, Suggest on
Opening an Article; A in review mode still accepts left. Checked in the project file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from review_helpers import at, make_review_project
from workbench_helpers import char_center, select, show_active

from annotator.core.model import ArticleRecord
from annotator.core.registry import make_company
from annotator.review import GOLD, layer_spans
from annotator.store import Project
from annotator.store.suggest import suggest
from annotator.ui import settings as S

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SHIFT = Qt.KeyboardModifier.ShiftModifier
TEXT = ("😀𠮷阿里巴巴今年收入约2.5亿元，同比增长9%。京东新增近8万家商户，"
        "阿里表示超过60%的新用户来自下沉市场。\n")
OTHER = "京东物流今年投入30亿元建设仓库。\n"
WHO = "tester"


def make_project(path: Path) -> Path:
    with Project.create(path, title="Suggestions") as project:
        project.add_articles([ArticleRecord(text=TEXT, title="one", language="zh", where="t:1"),
                              ArticleRecord(text=OTHER, title="two", language="zh",
                                            where="t:2")], "setup")
        project.add_companies([make_company("阿里巴巴", ["阿里"]), make_company("京东")],
                              "setup")
    return path


def open_window(qtbot, path: Path, who: str = WHO):
    from annotator.app import build_window

    win = build_window(path, who)
    show_active(qtbot, win)
    qtbot.waitUntil(lambda: win.workbench.current().article() is not None)
    return win


@pytest.fixture
def win(qtbot, tmp_path, no_leaked_widgets):
    return open_window(qtbot, make_project(tmp_path / "s.db"))


def stored(win, article_id: int = 1):
    """(text, label, origin) of the annotator's spans, read from the file anew."""
    with Project.open(win.ctx.project.path, readonly=True) as project:
        return sorted((s.text, s.label, s.origin) for s in project.spans(article_id, WHO))


def suggested(win, article_id: int = 1):
    return [(t, lb) for t, lb, o in stored(win, article_id) if o == "suggested"]


def view(win):
    return win.workbench.current().view


def span_of(win, text: str):
    return next(s for s in view(win).spans() if s.text == text)


def suggest_all(win):
    win.acts.suggest_all.trigger()
    return win.statusBar().currentMessage()


def select_and_press(qtbot, win, text: str, key, modifier=Qt.KeyboardModifier.NoModifier):
    v = view(win)
    v.setFocus()
    v.select_span(span_of(win, text).id)
    qtbot.keyClick(v, key, modifier)


FIGURES = ["超过60%", "约2.5亿元", "9%", "近8万家"]
COMPANIES = ["京东", "阿里", "阿里巴巴"]


# ------------------------------------------------------------------ Article ▸ Suggest
def test_suggest_all_from_the_menu_is_one_undo_step_and_says_how_many_by_kind(qtbot, win):
    assert win.acts.suggest_all in win.suggestions.menu.actions()
    assert suggest_all(win) == "Suggested 4 figures, 3 companies"
    assert sorted(t for t, lb in suggested(win) if lb == "figure") == sorted(FIGURES)
    assert sorted(t for t, lb in suggested(win) if lb == "company") == sorted(COMPANIES)
    assert suggested(win, 2) == []  # the open article only
    ids = sorted(s.id for s in view(win).spans())
    assert len(ids) == 7
    win.ctx.undo_stack.undo()
    assert stored(win) == [] and view(win).spans() == []
    win.ctx.undo_stack.redo()
    assert sorted(s.id for s in view(win).spans()) == ids  # the same spans, with their values
    with Project.open(win.ctx.project.path, readonly=True) as project:
        figure = next(s for s in project.spans(1, WHO) if s.text == "约2.5亿元")
        assert project.attributes(figure.id)["value"] == 250000000
    assert suggest_all(win) == "No new suggestions"  # running twice adds nothing
    assert win.ctx.undo_stack.count() == 1


def test_each_kind_alone_and_no_suggestion_from_an_empty_registry(qtbot, win):
    win.acts.suggest_companies.trigger()
    assert win.statusBar().currentMessage() == "Suggested 3 companies"
    assert {lb for _t, lb in suggested(win)} == {"company"}
    win.acts.suggest_figures.trigger()
    assert win.statusBar().currentMessage() == "Suggested 4 figures"
    win.acts.suggest_repeats.trigger()  # nothing of mine to repeat yet
    assert win.statusBar().currentMessage() == "No new suggestions"
    assert win.ctx.undo_stack.count() == 2


# ------------------------------------------------------------------ listed apart, counted apart
def test_suggestions_are_listed_apart_under_their_heading_and_not_counted_as_work(qtbot, win):
    v = view(win)
    select(v, TEXT.index("下沉市场"), TEXT.index("下沉市场") + 4)
    qtbot.keyClick(v, "4")  # strategy: my own span
    suggest_all(win)
    dock = win.annotations
    assert [s.text for s in dock.model.spans()] == ["下沉市场"]
    assert dock.suggestion_model.rowCount() == 7
    assert dock.suggestion_heading.isVisible()
    assert dock.suggestion_heading.text().startswith("Suggestions (7)")
    assert dock.summary.text() == "1 span(s): 1 strategy"
    select_and_press(qtbot, win, "京东", Qt.Key.Key_A)
    assert [s.text for s in dock.model.spans()] == ["京东", "下沉市场"]
    assert dock.suggestion_heading.text().startswith("Suggestions (6)")
    win.ctx.undo_stack.undo()
    assert [s.text for s in dock.model.spans()] == ["下沉市场"]
    assert dock.suggestion_model.rowCount() == 7
    win.ctx.undo_stack.undo()  # the suggestions go: the heading and its table hide
    assert dock.suggestion_model.rowCount() == 0
    assert not dock.suggestion_heading.isVisible() and not dock.suggestion_table.isVisible()


def test_the_article_lists_spans_column_counts_a_suggestion_once_accepted(qtbot, win):
    def shown() -> int:
        model = win.articles.model
        return model.data(model.index(model.row_of(1), model.SPANS))

    suggest_all(win)
    assert shown() == 0
    select_and_press(qtbot, win, "9%", Qt.Key.Key_A)
    assert shown() == 1
    select_and_press(qtbot, win, "京东", Qt.Key.Key_X)
    assert shown() == 1
    win.ctx.undo_stack.undo()
    win.ctx.undo_stack.undo()
    assert shown() == 0
    win.articles.reload()  # read again from the file: the same
    assert shown() == 0


def test_suggestions_are_drawn_dashed_with_a_fainter_wash(qtbot, win):
    v = view(win)
    start = TEXT.index("京东新增")
    select(v, start, start + 9)  # 京东新增近8万家商户: a claim of mine over two suggestions
    qtbot.keyClick(v, "1")
    suggest_all(win)
    highlighter = v.highlighter()
    offsets = v.offsets()
    style = {}
    for run_start, length, look in highlighter.block_runs(0):
        for u in range(run_start, run_start + length):
            style[u] = look
    alone = style[offsets.to_utf16(TEXT.index("约2.5亿元"))]  # a suggestion alone
    assert alone.style == Qt.PenStyle.DashLine
    inside = style[offsets.to_utf16(TEXT.index("近8万家"))]  # inside my claim
    assert inside.style == Qt.PenStyle.SolidLine
    mine = style[offsets.to_utf16(TEXT.index("新增"))]  # my claim only
    assert inside.wash.alphaF() < mine.wash.alphaF()


# ------------------------------------------------------------------ the keys
@pytest.mark.parametrize("key", [Qt.Key.Key_A, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_a_or_enter_accepts_the_selected_suggestion_and_undo_makes_it_one_again(
        qtbot, win, key):
    suggest_all(win)
    select_and_press(qtbot, win, "约2.5亿元", key)
    assert ("约2.5亿元", "figure", "manual") in stored(win)
    assert len(suggested(win)) == 6
    assert view(win).selected_span_id() == span_of(win, "9%").id  # the next one, to go on
    win.ctx.undo_stack.undo()
    assert ("约2.5亿元", "figure", "suggested") in stored(win)
    win.ctx.undo_stack.redo()
    assert ("约2.5亿元", "figure", "manual") in stored(win)


def test_a_at_the_text_cursor_accepts_the_suggestion_there(qtbot, win):
    suggest_all(win)
    v = view(win)
    v.setFocus()
    v.select_span(None)
    select(v, TEXT.index("9%") + 1, TEXT.index("9%") + 1)  # the caret inside 9%
    assert win.acts.accept_suggestion.isEnabled()
    qtbot.keyClick(v, Qt.Key.Key_A)
    assert ("9%", "figure", "manual") in stored(win)


def test_x_rejects_undo_brings_it_back_and_redo_rejects_again(qtbot, win):
    suggest_all(win)
    gone = span_of(win, "近8万家")
    select_and_press(qtbot, win, "近8万家", Qt.Key.Key_X)
    assert "近8万家" not in [t for t, _lb, _o in stored(win)]
    assert view(win).span(gone.id) is None
    project = win.ctx.project
    assert (gone.start, gone.end, "figure") in project.rejected_suggestions(WHO)[1]
    win.ctx.undo_stack.undo()
    assert ("近8万家", "figure", "suggested") in stored(win)
    assert view(win).span(gone.id) is not None  # the same span
    assert project.attributes(gone.id)["approx"] == "under"  # with its values
    assert project.span_provenance(gone.id) == {"suggested": "figures"}  # where it came from
    assert 1 not in project.rejected_suggestions(WHO)
    win.ctx.undo_stack.redo()
    assert "近8万家" not in [t for t, _lb, _o in stored(win)]
    assert (gone.start, gone.end, "figure") in project.rejected_suggestions(WHO)[1]


def test_a_rejected_suggestion_is_not_suggested_again(qtbot, win):
    suggest_all(win)
    select_and_press(qtbot, win, "阿里", Qt.Key.Key_X)
    assert suggest_all(win) == "No new suggestions"
    assert "阿里" not in [t for t, _lb in suggested(win)]


def test_shift_a_accepts_every_suggestion_of_that_label_in_one_step(qtbot, win):
    suggest_all(win)
    select_and_press(qtbot, win, "9%", Qt.Key.Key_A, SHIFT)
    assert sorted(t for t, lb, o in stored(win) if o == "manual") == sorted(FIGURES)
    assert sorted(t for t, _lb in suggested(win)) == sorted(COMPANIES)
    assert win.statusBar().currentMessage() == "Accepted 4 suggestion(s) of figure"
    win.ctx.undo_stack.undo()
    assert len(suggested(win)) == 7


def test_the_keys_are_enabled_only_on_my_suggestion(qtbot, win):
    keys = (win.acts.accept_suggestion, win.acts.reject_suggestion,
            win.acts.accept_label_suggestions)
    assert not any(a.isEnabled() for a in keys)
    v = view(win)
    select(v, TEXT.index("下沉市场"), TEXT.index("下沉市场") + 4)
    qtbot.keyClick(v, "4")  # my strategy span is selected: not a suggestion
    assert not any(a.isEnabled() for a in keys)
    qtbot.keyClick(v, Qt.Key.Key_X)  # nothing happens to my span
    assert ("下沉市场", "strategy", "manual") in stored(win)
    suggest_all(win)
    v.select_span(span_of(win, "京东").id)
    assert all(a.isEnabled() for a in keys)


def test_a_x_and_enter_do_not_fire_while_a_text_field_has_focus(qtbot, win):
    suggest_all(win)
    v = view(win)
    v.select_span(span_of(win, "京东").id)
    qtbot.keyClick(v, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # the find bar
    field = win.workbench.current().find_bar.edit
    qtbot.waitUntil(field.hasFocus)
    for key in (Qt.Key.Key_A, Qt.Key.Key_X, Qt.Key.Key_Return):
        qtbot.keyClick(field, key)
    assert field.text() == "ax"
    assert len(suggested(win)) == 7


def test_enter_still_confirms_a_relation_picked_from_a_suggestion(qtbot, win):
    suggest_all(win)
    select_and_press(qtbot, win, "约2.5亿元", Qt.Key.Key_R)  # a relation from it
    v = view(win)
    assert win.relations.pick is not None
    qtbot.keyClick(v, Qt.Key.Key_Tab)  # the nearest company it may point to
    qtbot.keyClick(v, Qt.Key.Key_Return)
    assert win.relations.pick is None
    figure = span_of(win, "约2.5亿元")
    assert [r.type for r in win.ctx.project.relations_of(figure.id)] == ["of"]
    assert figure.origin == "suggested"  # Enter made the relation, it accepted nothing
    assert len(suggested(win)) == 7


# ------------------------------------------------------------------ on opening an article
def test_suggest_on_opening_runs_once_per_article_and_is_remembered(qtbot, win):
    assert not win.acts.suggest_on_open.isChecked()  # off by default
    win.acts.suggest_on_open.trigger()
    assert win.ctx.settings.get(S.SUGGEST_ON_OPEN)
    win.articles.step(+1)  # article two opens: its figure and company are suggested
    qtbot.waitUntil(lambda: len(suggested(win, 2)) == 2)
    assert sorted(t for t, _lb in suggested(win, 2)) == ["30亿元", "京东"]
    win.ctx.undo_stack.undo()
    win.articles.step(-1)
    qtbot.waitUntil(lambda: len(suggested(win, 1)) == 7)  # the first one, opened again
    win.articles.step(+1)  # two again: not a second time in this session
    qtbot.waitUntil(lambda: view(win).article().id == 2)
    QApplication.processEvents()
    assert suggested(win, 2) == []


def test_suggest_on_opening_never_writes_a_read_only_project(qtbot, win, tmp_path):
    win.acts.suggest_on_open.trigger()
    other = make_project(tmp_path / "ro.db")
    win.ops.adopt(Project.open(other, readonly=True))  # opening it as File ▸ Open would
    qtbot.waitUntil(lambda: view(win).article() is not None)
    QApplication.processEvents()
    assert view(win).spans() == []
    assert not win.acts.suggest_all.isEnabled()
    assert suggested(win) == []


# ------------------------------------------------------------------ review mode
def test_a_in_review_mode_still_accepts_left(qtbot, tmp_path, no_leaked_widgets):
    path = make_review_project(tmp_path / "review.db")
    with Project.open(path) as project:
        suggest(project, "judge", kinds=("figures",))
    win = open_window(qtbot, path, "judge")
    article = next(a.id for a in win.ctx.project.articles() if a.title == "拼多多的补贴")
    assert win.review.start(article, "ann", "bo")
    assert not win.acts.accept_suggestion.isEnabled() and win.acts.accept_left.isEnabled()
    win.review_dock.select_row(1)  # 补贴农产品: ann's only
    qtbot.keyClick(win.workbench.current().view, Qt.Key.Key_A)
    gold = [(s.start, s.end) for s in layer_spans(win.ctx.project, article, GOLD)]
    assert gold == [at("补贴农产品")]
    assert {s.origin for s in win.ctx.project.spans(article, "judge")} == {"suggested"}


# ------------------------------------------------------------------ the inspector
def test_the_inspector_shows_a_suggestion_with_accept_and_reject(qtbot, win):
    win.acts.show_inspector.setChecked(True)
    inspector = win.inspector_dock()
    suggest_all(win)
    v = view(win)
    v.select_span(span_of(win, "约2.5亿元").id)
    row = inspector.suggestion_row  # made with the inspector's rows, for a first span
    qtbot.waitUntil(row.isVisible)
    assert row.accept_button.isEnabled() and row.reject_button.isEnabled()
    qtbot.mouseClick(row.accept_button, Qt.MouseButton.LeftButton)
    assert ("约2.5亿元", "figure", "manual") in stored(win)
    qtbot.waitUntil(lambda: not row.isVisible())  # my span now: no row
    win.ctx.undo_stack.undo()
    qtbot.waitUntil(row.isVisible)  # a suggestion again
    qtbot.mouseClick(row.reject_button, Qt.MouseButton.LeftButton)
    assert "约2.5亿元" not in [t for t, _lb, _o in stored(win)]
    assert inspector.span is None


def test_the_right_click_menu_of_a_suggestion_accepts_and_rejects_it(qtbot, win):
    suggest_all(win)
    v = view(win)
    figure = span_of(win, "约2.5亿元")
    menu = v.context_menu(char_center(v, figure.start + 1))
    menu.setParent(None)
    try:
        actions = menu.actions()
        for name in ("accept_suggestion", "reject_suggestion", "accept_label_suggestions"):
            action = getattr(win.acts, name)
            assert action in actions and action.isEnabled(), name
        win.acts.accept_suggestion.trigger()
    finally:
        menu.deleteLater()
    assert ("约2.5亿元", "figure", "manual") in stored(win)
    menu = v.context_menu(char_center(v, figure.start + 1))
    menu.setParent(None)
    try:  # an accepted span is no suggestion: its menu has no such entries
        assert win.acts.accept_suggestion not in menu.actions()
    finally:
        menu.deleteLater()


def test_opening_a_shorter_article_with_a_span_selected_far_down_raises_nothing(qtbot, win):
    """The span's deselection is announced once the new text is in: the suggestion keys
    looked up the old cursor (past the end of the short article) in the new article's
    offsets and raised in the middle of the switch."""
    v = win.workbench.left.view
    start = TEXT.index("下沉市场")
    select(v, start, start + 4)
    qtbot.keyClick(v, "4")
    assert v.selected_span_id() and v.textCursor().position() > len(OTHER)
    win.articles.step(+1)
    qtbot.waitUntil(lambda: v.article() is not None and v.article().title == "two")
    assert v.selected_span_id() is None and win.inspector.span is None
