"""The review view: two layers side by side, disagreements marked, decisions with keys and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip
from review_helpers import EXPECTED, TITLE, at, make_review_project
from test_article_view import char_center
from workbench_helpers import ZH_PLAIN, select, show_active

from annotator.review import GOLD, layer_spans
from annotator.store import Project
from annotator.ui import interaction

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def review_window(qtbot, tmp_path, no_leaked_widgets):
    return _open_window(qtbot, make_review_project(tmp_path / "review.db"), "judge")


def _open_window(qtbot, path, who: str):
    from annotator.app import build_window

    win = build_window(path, who)
    show_active(qtbot, win)
    return win


def article(win) -> int:
    return next(a.id for a in win.ctx.project.articles() if a.title == TITLE)


def gold(win) -> list[tuple[int, int, str]]:
    with Project.open(win.ctx.project.path, readonly=True) as project:
        return [(s.start, s.end, s.label) for s in layer_spans(project, article(win), GOLD)]


def start(win, right: str = "bo"):
    assert win.review.start(article(win), "ann", right)
    return win.review_dock


def press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(win.workbench.current().view, key, modifier)


def test_review_marks_exactly_the_disagreements_in_both_panes(review_window):
    win = review_window
    dock = start(win)
    rows = dock.model.disagreements()
    assert [(d.start, d.end, d.kind) for d in rows] == EXPECTED
    left, right = win.workbench.panes()
    assert win.workbench.right_visible() and win.workbench.sync_scroll()
    for pane in (left, right):
        assert pane.article().text == ZH_PLAIN
        assert pane.view.marks() == [(s, e) for s, e, _ in EXPECTED]
        assert pane.view.read_only_spans()
    assert {s.annotator for s in left.view.spans()} == {"ann"}
    assert {s.annotator for s in right.view.spans()} == {"bo"}
    assert dock.table.currentIndex().row() == 0  # the first disagreement is revealed
    assert left.view.selected_range(exact=True) == EXPECTED[0][:2]
    model = dock.model
    text = [model.data(model.index(r, model.TEXT)) for r in range(4)]
    assert text == ["100亿元", "补贴农产品", "阿里巴巴", "下沉市场"]
    assert [model.data(model.index(2, c)) for c in (model.LEFT, model.RIGHT)] == [
        "company", "strategy"]
    assert win.acts.review.isChecked() and win.acts.accept_left.isEnabled()
    win.acts.review.trigger()  # leave: the panes show everyone's spans again
    assert not win.review.active() and not win.acts.accept_left.isEnabled()
    assert left.view.marks() == [] and not left.view.read_only_spans()


def test_next_previous_keys_move_through_the_list(qtbot, review_window):
    win = review_window
    dock = start(win)
    press(qtbot, win, Qt.Key.Key_F8)
    assert dock.table.currentIndex().row() == 1
    assert win.workbench.right.view.selected_range(exact=True) == EXPECTED[1][:2]
    press(qtbot, win, Qt.Key.Key_F8, SHIFT)
    press(qtbot, win, Qt.Key.Key_F8, SHIFT)
    assert dock.table.currentIndex().row() == 3  # wraps around


@pytest.mark.parametrize(("key", "row", "expected"), [
    (Qt.Key.Key_A, 0, [(*at("100亿元"), "figure")]),
    (Qt.Key.Key_D, 0, [(*at("100亿"), "figure")]),
    (Qt.Key.Key_B, 0, [(*at("100亿"), "figure"), (*at("100亿元"), "figure")]),
    (Qt.Key.Key_B, 2, [(*at("阿里巴巴"), "company"), (*at("阿里巴巴"), "strategy")]),
    (Qt.Key.Key_D, 1, []),  # right side of a left-only disagreement: the left one rejected
    (Qt.Key.Key_R, 1, []),
    (Qt.Key.Key_G, 0, [(*at("拼多多"), "company")]),
])
def test_each_decision_key_changes_the_gold_layer_and_undo_redo_restore_it(
        qtbot, review_window, key, row, expected):
    win = review_window
    dock = start(win)
    dock.select_row(row)
    press(qtbot, win, key)
    assert sorted(gold(win)) == sorted(expected)
    settled = key != Qt.Key.Key_G
    assert [d.resolved for d in dock.model.all()][row] is settled
    ids = sorted(s.id for s in layer_spans(win.ctx.project, article(win), GOLD))
    assert win.workbench.right.view.marks() == [
        (d.start, d.end) for d in dock.model.all() if not d.resolved]
    win.ctx.undo_stack.undo()
    assert gold(win) == []
    assert not any(d.resolved for d in dock.model.all())
    win.ctx.undo_stack.redo()
    assert sorted(gold(win)) == sorted(expected)
    assert sorted(s.id for s in layer_spans(win.ctx.project, article(win), GOLD)) == ids
    assert [d.resolved for d in dock.model.all()][row] is settled


def test_edit_with_e_and_with_a_label_key_makes_gold_spans(qtbot, review_window,
                                                           monkeypatch):
    win = review_window
    dock = start(win)
    dock.select_row(2)
    asked = []
    monkeypatch.setattr(interaction, "ask_choice",
                        lambda _p, _t, _l, items: asked.append(items) or "claim")
    press(qtbot, win, Qt.Key.Key_E)  # the disagreement's extent, the label asked for
    assert gold(win) == [(*at("阿里巴巴"), "claim")]
    assert asked[0][:2] == ["company", "strategy"]  # the two sides' labels first
    view = win.workbench.left.view
    select(view, *at("农产品"))
    qtbot.keyClick(view, "2", Qt.KeyboardModifier.AltModifier)  # label key: gold, not ann's
    assert sorted(gold(win)) == sorted([(*at("阿里巴巴"), "claim"), (*at("农产品"), "figure")])
    with Project.open(win.ctx.project.path, readonly=True) as project:
        assert not [s for s in project.spans(article(win)) if s.annotator == "judge"
                    and s.origin != "adjudicated"]
    win.ctx.undo_stack.undo()
    assert gold(win) == [(*at("阿里巴巴"), "claim")]


def test_label_filter_lists_only_that_labels_disagreements(review_window):
    win = review_window
    dock = start(win)
    combo = dock.label_filter
    index = combo.findData("company")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what choosing it in the combo emits
    rows = dock.model.disagreements()
    model = dock.model
    assert [model.data(model.index(r, model.TEXT)) for r in range(len(rows))] == ["阿里巴巴"]
    assert all("company" in {s.label for s in (*d.left, *d.right)} for d in rows)
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert dock.model.rowCount() == 4
    win.review.stop()


def test_hide_resolved_and_gold_as_the_right_layer(qtbot, review_window):
    win = review_window
    dock = start(win)
    press(qtbot, win, Qt.Key.Key_A)  # figure 100亿元 to gold; moves to the next open one
    assert dock.table.currentIndex().row() == 1
    dock.hide_resolved.setChecked(True)
    assert dock.model.rowCount() == 3
    win.review.set_layers("ann", GOLD)
    assert [s.label for s in win.workbench.right.view.spans()] == ["figure"]
    kinds = [d.kind for d in dock.model.all()]
    assert kinds == ["left_only", "left_only", "left_only"]  # 100亿元 agrees with gold now
    win.review.stop()


def test_an_article_chosen_in_the_list_is_reviewed(qtbot, review_window):
    win = review_window
    start(win)
    first = next(a.id for a in win.ctx.project.articles() if a.title != TITLE)
    win.articles.articleActivated.emit(first)
    assert win.review.article_id == first
    assert win.workbench.left.article_id() == win.workbench.right.article_id() == first
    assert win.review_dock.model.rowCount() == 0


def test_disagreement_model_passes_the_model_tester(review_window, qtmodeltester):
    win = review_window
    dock = start(win)
    qtmodeltester.check(dock.model)
    dock.hide_resolved.setChecked(True)
    qtmodeltester.check(dock.model)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_figure_nested_in_a_claim_is_its_own_row_and_d_on_the_claim_leaves_it(
        qtbot, tmp_path, no_leaked_widgets):
    """Issue 9, item 2: alice's "70%" inside her claim, bob's claim with another boundary."""
    from tests.review.helpers import ALICE, BOB, TEXT, make_project

    path = make_project(tmp_path / "70.db", [("天猫", TEXT, ALICE + BOB)])
    win = _open_window(qtbot, path, "bob")
    assert win.review.start(1, "alice", "bob")
    dock = win.review_dock
    press(qtbot, win, Qt.Key.Key_G)  # accept all agreeing: the two companies
    model = dock.model

    def rows():
        return {model.data(model.index(r, model.TEXT)): (
            model.data(model.index(r, model.KIND)), model.disagreement(r).resolved)
            for r in range(model.rowCount())}

    claim = TEXT[TEXT.index("天猫"):TEXT.index("，")]
    assert rows() == {claim: ("boundary", False), "70%": ("left only", False)}
    dock.select_row(next(r for r in range(2) if model.disagreement(r).left[0].label == "claim"))
    press(qtbot, win, Qt.Key.Key_D)  # bob's claim to gold; alice's recorded as rejected
    assert rows() == {claim: ("boundary", True), "70%": ("left only", False)}
    assert model.disagreement(dock.table.currentIndex().row()).span_ids == ("a-70",)
    with Project.open(path, readonly=True) as project:
        assert [s.text for s in layer_spans(project, 1, GOLD)] == [
            "阿里巴巴", "天猫", TEXT[TEXT.index("销量"):TEXT.index("，")]]
    press(qtbot, win, Qt.Key.Key_A)  # the figure: to gold
    assert rows() == {claim: ("boundary", True), "70%": ("left only", True)}
    win.review.stop()
    # the annotation list tells gold from bob's own spans, and says who adjudicated on hover
    listed = win.annotations.model
    gold_rows = [r for r in range(listed.rowCount())
                 if listed.data(listed.index(r, listed.ANNOTATOR)) == GOLD]
    assert len(gold_rows) == 4
    assert [listed.data(listed.index(r, listed.ANNOTATOR)) for r in range(listed.rowCount())
            ].count("bob") == 3
    tip = listed.data(listed.index(gold_rows[0], 0), Qt.ItemDataRole.ToolTipRole)
    assert "by @gold (adjudicated by bob)" in tip
    view = win.workbench.current().view
    point = char_center(view, next(s for s in view.spans() if s.annotator == GOLD).start)
    view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, point,
                                  view.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "@gold" in QToolTip.text() and "(adjudicated by bob)" in QToolTip.text()
    QToolTip.hideText()


def test_accepting_a_key_already_gold_adds_sources_and_undo_takes_them_back(qtbot,
                                                                          review_window):
    from annotator.review import provenance
    from annotator.ui import review_commands
    from annotator.ui.commands import push

    win = review_window
    dock = start(win)
    only, label = dock.model.disagreements()[1], dock.model.disagreements()[2]
    # the reviewer's own gold company over 阿里巴巴, made from the 补贴农产品 row
    assert push(win.ctx, review_commands.edit(win.ctx, only, *at("阿里巴巴"), "company",
                                              "阿里巴巴")) is None
    gold_id, = (s.id for s in layer_spans(win.ctx.project, article(win), GOLD))
    before = provenance(win.ctx.project, [gold_id])[gold_id]
    dock.select_row(2)
    assert dock.current() == label
    press(qtbot, win, Qt.Key.Key_A)  # ann's company: gold already has it
    after = provenance(win.ctx.project, [gold_id])[gold_id]
    assert after["from"] == [*before["from"], label.left[0].id]
    assert [d.resolved for d in dock.model.all()] == [False, True, True, False]
    win.ctx.undo_stack.undo()
    assert provenance(win.ctx.project, [gold_id])[gold_id] == before
    assert [d.resolved for d in dock.model.all()] == [False, True, False, False]
    win.ctx.undo_stack.redo()
    assert provenance(win.ctx.project, [gold_id])[gold_id] == after
    assert [d.resolved for d in dock.model.all()] == [False, True, True, False]
