"""Spans painted under and over the text of an :class:`ArticleView` (issue 14).

The runs of :class:`annotator.ui.highlighter.SpanHighlighter` (stretches of a block that look
the same) become, per laid-out line, a wash rectangle painted *before* the text and a line
painted *after* it, so the text stays on top of the wash and the selection's highlight covers
both, as character formats did. The document is never formatted: a span change repaints the
lines it touches and Qt does not lay the paragraph out again.

Geometry is measured once per block (``QTextLine.cursorToX`` at each run's ends) and cached in
block coordinates, keyed by the block's line count and width, so a repaint of the same blocks
is a list of fills; a block whose runs change, or whose lines are laid out again (a resize, a
new font), is measured again when drawn next.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.highlighter import Look, SpanHighlighter


class _Block:
    """One block's washes and lines, grouped by color and pen (one draw call per group), in
    the block layout's coordinates; ``key`` tells whether its lines are still laid out so."""

    __slots__ = ("key", "washes", "lines")

    def __init__(self, key: tuple[int, float], washes: list[tuple[QColor, list[QRectF]]],
                 lines: list[tuple[QPen, list[QLineF]]]) -> None:
        self.key = key
        self.washes = washes
        self.lines = lines


class SpanPainter:
    """Paints the spans of ``edit`` (whose runs ``highlighter`` computes)."""

    def __init__(self, edit: QPlainTextEdit, highlighter: SpanHighlighter) -> None:
        self._edit = edit
        self._hl = highlighter
        self._blocks: dict[int, _Block] = {}
        self._drawn: list[tuple[_Block, float, float]] = []  # this paint's blocks, origins
        self._underline_y = 1.0
        self._pens: dict[tuple[int, Qt.PenStyle], QPen] = {}
        self._pen_width = 1.0

    def clear(self) -> None:
        """Measure every block again when drawn (new text, spans, colors or font)."""
        self._blocks = {}
        self._pens = {}
        metrics = QFontMetricsF(self._edit.font())
        self._underline_y = max(1.0, metrics.underlinePos())
        self._pen_width = max(1.0, metrics.lineWidth())

    def forget(self, blocks: list[int]) -> list[QRect]:
        """Measure ``blocks`` again when drawn; their rectangles on screen now (viewport
        coordinates; those out of sight are left out), for the caller to repaint."""
        edit = self._edit
        doc, offset = edit.document(), edit.contentOffset()
        area = edit.viewport().rect()
        rects = []
        for number in blocks:
            self._blocks.pop(number, None)
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                continue
            rect = edit.blockBoundingGeometry(block).translated(offset).toAlignedRect()
            if rect.intersects(area):
                rects.append(rect.intersected(area).adjusted(0, 0, 0, 1))
            elif rect.top() > area.bottom():
                break
        return rects

    def measured(self, number: int) -> bool:
        """Whether block ``number`` has been measured (drawn) since it last changed."""
        return number in self._blocks

    # ------------------------------------------------------------------ painting
    def paint_under(self, painter: QPainter, area: QRect) -> None:
        """The washes of the blocks meeting ``area`` (call before the text is drawn)."""
        edit = self._edit
        offset = edit.contentOffset()
        bottom = area.bottom()
        drawn: list[tuple[_Block, float, float]] = []
        block = edit.firstVisibleBlock()
        while block.isValid():
            geometry = edit.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if geometry.bottom() >= area.top() and block.isVisible():
                layout = block.layout()
                measured = self._measure(block.blockNumber(), layout)
                if measured is not None:
                    origin = geometry.topLeft() + layout.position()
                    drawn.append((measured, origin.x(), origin.y()))
            block = block.next()
        self._drawn = drawn
        painter.setPen(Qt.PenStyle.NoPen)
        for measured, ox, oy in drawn:
            if measured.washes:
                painter.translate(ox, oy)
                for color, rects in measured.washes:
                    painter.setBrush(color)
                    painter.drawRects(rects)
                painter.translate(-ox, -oy)

    def paint_over(self, painter: QPainter) -> None:
        """The lines under the spans' characters, over the text (after :meth:`paint_under`
        in the same paint)."""
        for measured, ox, oy in self._drawn:
            if measured.lines:
                painter.translate(ox, oy)
                for pen, lines in measured.lines:
                    painter.setPen(pen)
                    painter.drawLines(lines)
                painter.translate(-ox, -oy)
        self._drawn = []

    # ------------------------------------------------------------------ measuring
    def _pen(self, color: QColor, style: Qt.PenStyle) -> QPen:
        key = (color.rgba(), style)
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = QPen(color, self._pen_width, style, Qt.PenCapStyle.FlatCap)
        return pen

    def _measure(self, number: int, layout) -> _Block | None:
        """The block's washes and lines from its runs and its laid-out lines (cached)."""
        count = layout.lineCount()
        if count == 0:
            return None
        key = (count, layout.lineAt(0).width())
        cached = self._blocks.get(number)
        if cached is not None and cached.key == key:
            return cached
        runs = self._hl.block_runs(number)
        # one group per look (runs share the highlighter's Look objects): a draw call each
        groups: dict[int, tuple[Look, list[QRectF], list[QLineF]]] = {}
        n, i, below = len(runs), 0, self._underline_y
        for k in range(count if n else 0):
            line = layout.lineAt(k)
            ls = line.textStart()
            le = ls + line.textLength()
            while i < n and runs[i][0] + runs[i][1] <= ls:
                i += 1
            if i >= n or runs[i][0] >= le:
                continue
            top, height = line.y(), line.height()
            y = top + line.ascent() + below
            x_of = line.cursorToX
            last_end, last_x = -1, 0.0
            j = i
            while j < n and runs[j][0] < le:
                start, length, look = runs[j]
                a = start if start > ls else ls
                z = start + length if start + length < le else le
                x1 = last_x if a == last_end else x_of(a)[0]  # runs often touch
                x2 = x_of(z)[0]
                last_end, last_x = z, x2
                if x2 < x1:
                    x1, x2 = x2, x1
                group = groups.get(id(look))
                if group is None:
                    group = groups[id(look)] = (look, [], [])
                group[1].append(QRectF(x1, top, x2 - x1, height))
                group[2].append(QLineF(x1, y, x2, y))
                j += 1
        measured = self._blocks[number] = _Block(
            key, [(look.wash, rects) for look, rects, _lines in groups.values()],
            [(self._pen(look.underline, look.style), lines)
             for look, _rects, lines in groups.values()])
        return measured
