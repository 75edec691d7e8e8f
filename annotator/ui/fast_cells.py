"""Cells painted from a cache (issue 14): the annotation list's delegate.

Qt's item delegate asks the model seven roles per cell (a call into Python), then lays the
text out again on every paint, twice (once to place it, once to draw it). A label key adds a
row to the annotation list and scrolls to it, so every visible cell was painted that way:
about half of the list's 4 ms per key measured here. :class:`FastCells` asks the model once per
cell (``cell(row, column)``: its text and icon), elides each text once per width and draws it
as a :class:`QStaticText` (``text_line.laid_out``: laid out once, kept), with the selection's colours of the palette.
What is not drawn: a focus frame around the current cell (the selected row shows where the
keyboard is) and check boxes (a span list has none).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QFont, QIcon, QPainter, QPalette, QPixmap, QStaticText
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from annotator.ui.text_line import LAID_OUT, laid_out

MARGIN = 3


class CellModel(Protocol):
    def cell(self, row: int, col: int) -> tuple[str, QIcon | None] | None: ...


class FastCells(QStyledItemDelegate):
    def __init__(self, table: QTableView, model: CellModel) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._pixmaps: dict[int, QPixmap] = {}
        self._font: tuple[QFont, str] | None = None  # the cells' font and its key

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
        text, icon = cell
        table, rect, palette = self._table, option.rect, option.palette
        group = (QPalette.ColorGroup.Active if table.isActiveWindow()
                 else QPalette.ColorGroup.Inactive)
        if table.selectionModel().isSelected(index):
            painter.fillRect(rect, palette.brush(group, QPalette.ColorRole.Highlight))
            painter.setPen(palette.color(group, QPalette.ColorRole.HighlightedText))
        else:
            painter.setPen(palette.color(group, QPalette.ColorRole.Text))
        x = rect.x() + MARGIN
        if icon is not None:
            side = option.decorationSize.height()
            pixmap = self._pixmaps.get(icon.cacheKey())
            if pixmap is None:
                pixmap = self._pixmaps[icon.cacheKey()] = icon.pixmap(
                    option.decorationSize, table.devicePixelRatioF())
            painter.drawPixmap(x, rect.y() + (rect.height() - side) // 2, side, side, pixmap)
            x += side + MARGIN
        width = rect.right() - x - MARGIN
        if width <= 0 or not text:
            return
        font = option.font
        if self._font is None or self._font[0] != font:
            self._font = (QFont(font), font.key())  # a copy: the option goes
        static = laid_out(text, width, font, option.fontMetrics, self._font[1])
        top = rect.y() + (rect.height() - option.fontMetrics.height()) // 2
        painter.drawStaticText(x, top, static)
