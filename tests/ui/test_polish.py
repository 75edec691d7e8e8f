# ruff: noqa: F811 (tests take the imported review_window fixture as a parameter)
"""Polish seen in a new user's afternoon (issue 13, item 10). The toolbar and Label-column cases
guard earlier fixes (they passed before this change); every other case failed before its fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QToolBar
from test_main_window import add_with_key, char_point
from test_review import (
    press,
    review_window,  # noqa: F401 (the fixture)
    start,
)
from workbench_helpers import ZH_ASTRAL

from annotator.ui.models import SpanListModel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_relabel_updates_the_annotation_summary(qtbot, window):
    view = window.workbench.left.view
    start_ = ZH_ASTRAL.index("阿里")
    add_with_key(qtbot, window, start_, start_ + 2, "1")
    assert window.annotations.summary.text() == "1 span(s): 1 claim"
    view.select_span(None)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=char_point(view, start_ + 1))
    qtbot.keyClick(view, "2")  # relabel: claim -> figure
    assert window.annotations.model.span_at(0).label == "figure"
    assert window.annotations.summary.text() == "1 span(s): 1 figure"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.annotations.summary.text() == "1 span(s): 1 claim"


@pytest.mark.parametrize(("row", "named"), [(0, "figure 100亿"), (2, "strategy 阿里巴巴")])
def test_the_undo_text_after_accept_right_names_the_accepted_span(qtbot, review_window,
                                                                 row, named):
    win = review_window
    dock = start(win)
    dock.select_row(row)
    press(qtbot, win, Qt.Key.Key_D)  # Accept Right
    text = win.ctx.undo_stack.undoText()
    assert text == f"Accept right: {named}", text


def test_toolbar_buttons_stay_put_from_an_empty_undo_stack_to_a_long_undo_text(qtbot, window):
    """The steady Undo/Redo twins keep their text: the buttons after them never move (with the
    stack's own actions in the toolbar they moved by the width of "Undo Add claim 阿里…")."""
    bar = window.findChild(QToolBar, "mainToolbar")

    def xs() -> list[int]:
        return [bar.widgetForAction(a).x() for a in bar.actions()
                if bar.widgetForAction(a) is not None]

    before = xs()
    text = ZH_ASTRAL
    for word in ("阿里今年的小目标是新增至少1亿用户", "京东也在下沉市场发力"):
        start_ = text.index(word)
        add_with_key(qtbot, window, start_, start_ + len(word), "4")
        QApplication.processEvents()
        assert len(window.acts.undo.text()) > 20
        assert xs() == before
    window.ctx.undo_stack.undo()
    window.ctx.undo_stack.undo()
    QApplication.processEvents()
    assert not window.ctx.undo_stack.canUndo() and xs() == before


def test_the_label_column_shows_the_longest_label_name_unelided(qtbot, window):
    view = window.workbench.left.view
    for word, key in (("阿里", "1"), ("1亿", "2"), ("京东", "3")):
        start_ = ZH_ASTRAL.index(word)
        add_with_key(qtbot, window, start_, start_ + len(word), key)
    start_ = ZH_ASTRAL.index("1亿")
    view.select_span(None)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=char_point(view, start_ + 1))
    qtbot.keyClick(view, "4")  # relabel to the longest name, "strategy"
    table = window.annotations.table
    QApplication.processEvents()
    width = table.horizontalHeader().sectionSize(SpanListModel.LABEL)
    model = window.annotations.model
    for row in range(model.rowCount()):
        needed = table.sizeHintForIndex(model.index(row, SpanListModel.LABEL)).width()
        assert width >= needed, (model.span_at(row).label, width, needed)
    assert "strategy" in {model.span_at(r).label for r in range(model.rowCount())}


def test_the_disagreement_table_shows_at_least_eight_rows_at_the_default_size(review_window):
    win = review_window
    assert (win.width(), win.height()) == (1320, 820)  # the size of a first start
    table = start(win).table
    QApplication.processEvents()
    assert table.viewport().height() >= 8 * table.rowHeight(0)


def test_docks_are_where_they_were_after_leaving_review_mode(qtbot, review_window):
    win = review_window
    docks = (win.articles, win.label_palette, win.annotations, win.search)
    before = [(d.isVisible(), d.geometry()) for d in docks]
    start(win)
    QApplication.processEvents()
    assert win.review_dock.isVisible() and not win.annotations.isVisible()
    win.acts.review.trigger()  # leave
    QApplication.processEvents()
    assert not win.review.active() and not win.review_dock.isVisible()
    qtbot.waitUntil(lambda: [(d.isVisible(), d.geometry()) for d in docks] == before)


def test_an_empty_project_says_how_to_import_articles(qtbot, tmp_path, no_leaked_widgets):
    from annotator.app import build_window
    from annotator.store import Project

    path = tmp_path / "empty.db"
    Project.create(path, title="Empty").close()
    win = build_window(path, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    title = win.workbench.left.title.text()
    assert "File ▸ Import Files…" in title and "(Ctrl+I)" in title, title
    assert "article list" not in title


def test_dashboard_value_axes_have_room_for_every_label(qtbot, tmp_path, no_leaked_widgets):
    """Six ticks from 0.0 to 1.0 on a chart ~150 px high were drawn as "…"."""
    from review_helpers import make_review_project

    from annotator.app import build_window

    win = build_window(make_review_project(tmp_path / "review.db"), "judge")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    board = win.show_dashboard()
    qtbot.waitUntil(lambda: board.latest is not None, timeout=30000)
    QApplication.processEvents()
    for view in (board.label_chart, board.pair_chart, board.people_chart):
        chart = view.chart()
        [y] = chart.axes(Qt.Orientation.Vertical)
        room = chart.plotArea().height() / (y.tickCount() - 1)
        assert not y.truncateLabels()
        assert room >= QFontMetrics(y.labelsFont()).height(), (chart.title(), room)


def test_closing_during_review_saves_the_docks_as_they_are_outside_it(review_window):
    from annotator.ui import settings as S

    win = review_window
    before = win.saveState()
    start(win)
    QApplication.processEvents()
    win.save_settings()
    assert win.ctx.settings.get(S.WINDOW_STATE) == before
