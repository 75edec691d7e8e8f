"""The read-only, one-row-at-a-time table every list in the window uses."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTableView

from annotator.ui.quiet_scroll import quiet_scroll_bars


@cache
def small_icon_size() -> int:
    """The style's small icon size (``PM_SmallIconSize``: a table cell's icon), in pixels.

    Read as a combo box's default icon size, which Qt takes from that same metric: naming
    ``QStyle.PixelMetric`` (or calling ``widget.style()``) makes PySide create QStyle's eleven
    enum types, ~14 ms before the window's first paint (issue 14)."""
    return QComboBox().iconSize().width()


def row_table(model: QAbstractItemModel, name: str, *, grid: bool = False,
              view: type[QTableView] = QTableView) -> QTableView:
    """A QTableView (or ``view``) over ``model``: whole rows, single selection, no editing,
    no row numbers, no wrapping (and no grid unless asked)."""
    table = view()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(grid)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    # no bold header on the selected row's columns: with whole rows selected, every new
    # selection (each label key selects the new span's row) would repaint the whole header
    table.horizontalHeader().setHighlightSections(False)
    # nor any header repaint for a new selection: a header repaints the columns of every
    # selection change in its selection model (a whole row selected is every column), so it
    # gets one of its own, never selected in (clicks on it still emit sectionClicked)
    table.horizontalHeader().setSelectionModel(QItemSelectionModel(model, table))
    quiet_scroll_bars(table)  # a new row or a scroll by a few rows moves no slider pixel
    return table
