"""Cells painted from a cache (issue 14): the annotation list's delegate.

Qt's item delegate asks the model seven roles per cell (a call into Python), then lays the
text out again on every paint, twice (once to place it, once to draw it). A label key adds a
row to the annotation list and scrolls to it, so every visible cell was painted that way:
about half of the list's 4 ms per key measured here. :class:`FastCells` asks the model once per
cell (``cell(row, column)``: its text and icon), elides each text once per width and draws it
as a :class:`QStaticText` (``text_line.laid_out``: laid out once, kept), with the selection's colours of the palette.
What is not drawn: a focus frame around the current cell (the selected row shows where the
keyboard is) and check boxes (a span list has none).

:class:`FastTable` goes one step further: its paint event draws every cell it is asked for in
one Python call. Qt's table called the delegate once per cell, copying a style option, a model
index and a palette into Python each time: about 150k instructions a cell, counted with
callgrind, for 25 cells a label key. A span table has whole-row selection, no grid, no editing
and no row numbers (``tables.row_table``), which is all it paints. Each row is drawn once
into a pixmap kept under what it shows (``CellModel.row_key``), its selection, the columns'
widths and the palette and font: a label key inserts a row, and the rows below it, moved
down, are copied, not drawn again.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QStaticText,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from annotator.ui.text_line import LAID_OUT, laid_out

MARGIN = 3


class CellModel(Protocol):
    def cell(self, row: int, col: int) -> tuple[str, QIcon | None] | None: ...

    def row_key(self, row: int) -> tuple[object, ...] | None: ...


class FastCells(QStyledItemDelegate):
    def __init__(self, table: QTableView, model: CellModel) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._pixmaps: dict[int, QPixmap] = {}

    @property
    def _texts(self) -> dict[tuple[str, int, str], QStaticText]:
        """The texts laid out so far (shared with every TextLine)."""
        return LAID_OUT

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        cell = self._model.cell(index.row(), index.column())
        if cell is None:
            super().paint(painter, option, index)
            return
        look, rect = _Look(self._table, option), option.rect
        if self._table.selectionModel().isSelected(index):
            painter.fillRect(rect, look.highlight)
            painter.setPen(look.highlighted_text)
        else:
            painter.setPen(look.text)
        self.draw(painter, rect.x(), rect.y(), rect.width(), rect.height(), cell, look)

    def draw(self, painter: QPainter, x: int, y: int, width: int, height: int,
             cell: tuple[str, QIcon | None], look: _Look) -> None:
        """One cell's icon and text, elided, in the painter's pen (its background is the
        caller's)."""
        text, icon = cell
        x += MARGIN
        if icon is not None:
            side = look.icon_size.height()
            key = icon.cacheKey()
            pixmap = self._pixmaps.get(key)
            if pixmap is None:
                pixmap = self._pixmaps[key] = icon.pixmap(look.icon_size,
                                                          self._table.devicePixelRatioF())
            painter.drawPixmap(x, y + (height - side) // 2, side, side, pixmap)
            width -= side + MARGIN
            x += side + MARGIN
        width -= 2 * MARGIN + 1  # as QRect.right() counts
        if width <= 0 or not text:
            return
        static = laid_out(text, width, look.font, look.metrics, look.font_key)
        painter.drawStaticText(x, y + (height - look.metrics.height()) // 2, static)


class _Look:
    """What every cell of one paint shares: colours, font, icon size."""

    def __init__(self, table: QTableView, option: QStyleOptionViewItem) -> None:
        palette = option.palette
        group = (QPalette.ColorGroup.Active if table.isActiveWindow()
                 else QPalette.ColorGroup.Inactive)
        self.highlight = palette.brush(group, QPalette.ColorRole.Highlight)
        self.highlighted_text = palette.color(group, QPalette.ColorRole.HighlightedText)
        self.text = palette.color(group, QPalette.ColorRole.Text)
        self.font, self.metrics = QFont(option.font), QFontMetrics(option.fontMetrics)
        self.font_key = self.font.key()
        self.icon_size = QSize(option.decorationSize)
        self.base = palette.brush(group, QPalette.ColorRole.Base)
        self.key = (group, palette.cacheKey(), self.font_key, table.devicePixelRatioF())


#: Rows kept drawn, at most (a screen of rows is about 15-30, a row ~26 KB; beyond, the cache
#: starts again).
ROWS_KEPT = 128


class FastTable(QTableView):
    """A span table whose paint draws its cells in one pass (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        # the viewport's wrapper made by name: a first viewport() walks every QWidget
        # subclass PySide knows (~30 ms before the first paint; see ArticleView.__init__)
        self.findChild(QWidget, "qt_scrollarea_viewport",
                       Qt.FindChildOption.FindDirectChildrenOnly)
        self._cells: FastCells | None = None
        self._model: CellModel | None = None
        self._rows: dict[tuple[object, ...], QPixmap] = {}  # rows drawn, by what they show

    def paint_cells(self, model: CellModel) -> None:
        """Paint ``model``'s cells (this table's model) with :class:`FastCells`."""
        self._cells, self._model = FastCells(self, model), model
        self.setItemDelegate(self._cells)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        cells, model = self._cells, self._model
        if cells is None or model is None or self.showGrid():
            super().paintEvent(event)
            return
        area = event.rect()
        first = self.rowAt(area.top())
        if first < 0:
            return  # no row there: the background Qt filled is all
        last = self.rowAt(area.bottom())
        if last < 0:
            last = self.model().rowCount() - 1
        header = self.horizontalHeader()
        columns = []
        for column in range(header.count()):
            x, width = self.columnViewportPosition(column), self.columnWidth(column)
            if not header.isSectionHidden(column) and x < area.right() + 1 and x + width > area.left():
                columns.append((column, x, width))
        if not columns:
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        look = _Look(self, option)
        left = columns[0][1]
        width = columns[-1][1] + columns[-1][2] - left
        shape = (tuple((x - left, w) for _column, x, w in columns), look.key)
        selection, root, rows = self.selectionModel(), self.rootIndex(), self._rows
        if len(rows) > ROWS_KEPT:
            rows.clear()
        painter = QPainter(self.viewport())
        try:
            for row in range(first, last + 1):
                shows = model.row_key(row)
                if shows is None:
                    continue
                y, height = self.rowViewportPosition(row), self.rowHeight(row)
                selected = selection.isRowSelected(row, root)
                key = (shows, selected, height, shape)
                pixmap = rows.get(key)
                if pixmap is None:
                    pixmap = rows[key] = self._draw_row(row, columns, left, width, height,
                                                        selected, look)
                painter.drawPixmap(left, y, pixmap)
        finally:
            painter.end()

    def _draw_row(self, row: int, columns: list[tuple[int, int, int]], left: int, width: int,
                  height: int, selected: bool, look: _Look) -> QPixmap:
        """Row ``row``'s cells, drawn on a pixmap of the row's background."""
        assert self._cells is not None and self._model is not None
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill((look.highlight if selected else look.base).color())
        painter = QPainter(pixmap)
        try:
            painter.setPen(look.highlighted_text if selected else look.text)
            draw, cell_of = self._cells.draw, self._model.cell
            for column, x, w in columns:
                cell = cell_of(row, column)
                if cell is not None:
                    draw(painter, x - left, 0, w, height, cell, look)
        finally:
            painter.end()
        return pixmap
