"""The agreement dashboard: numbers of a small case, computed off the GUI thread; clicks open
the review; the HTML report."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from review_helpers import TITLE, make_review_project

from annotator.ui import interaction

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dash(qtbot, tmp_path, no_leaked_widgets):
    from annotator.app import build_window

    win = build_window(make_review_project(tmp_path / "review.db"), "judge")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.acts.dashboard.triggered, timeout=1000):
        win.acts.dashboard.trigger()
    board = win.dashboard
    qtbot.waitUntil(lambda: board.latest is not None, timeout=30000)
    return win, board


def cell(model, row: int, col: int) -> str:
    return model.data(model.index(row, col))


def test_dashboard_shows_the_numbers_of_a_small_case(dash):
    _win, board = dash
    # ann: company x2, figure, claim; bo: company, figure, strategy x2; exact: 拼多多 only
    assert [cell(board.pairs, 0, c) for c in range(5)] == ["ann / bo", "1", "0.250", "–",
                                                          "0.500"]  # no relations: –
    labels = {cell(board.labels, r, 0): cell(board.labels, r, 1)
              for r in range(board.labels.rowCount())}
    assert labels == {"claim": "0.000", "company": "0.667", "figure": "0.000",
                      "strategy": "0.000"}
    people = [[cell(board.people, r, c) for c in range(4)] for r in range(2)]
    assert people == [["ann", "4", "1", "0"], ["bo", "4", "1", "0"]]
    kappa = board.latest.report.pairs[0].corpus["all"]["cohen_kappa"]
    assert cell(board.pairs, 0, 5) == f"{kappa:.3f}"
    assert board.pair_chart.chart().series()[0].count() == 2  # kappa and F1 bars
    assert [s.label() for s in board.label_chart.chart().series()[0].barSets()] == [
        "exact", "overlap"]


def test_token_mode_recomputes_in_the_background(qtbot, dash):
    _win, board = dash
    board.tokens.setCurrentIndex(board.tokens.findData("char"))
    with qtbot.waitSignal(board.computed, timeout=30000) as done:
        board.tokens.activated.emit(1)
    assert done.args[0].report.tokens == "char"
    assert "char" in board.status.text()


def test_clicking_a_pair_or_a_label_opens_the_review_on_it(qtbot, dash):
    win, board = dash
    table = board.pair_table
    rect = table.visualRect(board.pairs.index(0, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.review.active()
    assert (win.review.left, win.review.right) == ("ann", "bo")
    assert win.ctx.project.article(win.review.article_id).title == TITLE
    assert win.review_dock.model.rowCount() == 4
    win.review.stop()
    row = next(r for r in range(board.labels.rowCount()) if cell(board.labels, r, 0) == "company")
    rect = board.label_table.visualRect(board.labels.index(row, 1))
    qtbot.mouseClick(board.label_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.review.active() and win.review.article_id is not None
    listed = win.review_dock.model.disagreements()
    assert win.review_dock.model.label_filter() == "company" and listed
    assert all("company" in {s.label for s in (*d.left, *d.right)} for d in listed)


def test_save_html_report(dash, tmp_path, monkeypatch):
    _win, board = dash
    out = tmp_path / "report.html"
    monkeypatch.setattr(interaction, "save_path", lambda *a: str(out))
    assert board.save_html()
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "ann / bo" in text and "Cohen" in text


def test_dashboard_models_pass_the_model_tester(dash, qtmodeltester):
    _win, board = dash
    for model in (board.labels, board.pairs, board.people):
        qtmodeltester.check(model)
