"""Spans painted under and over the text of an :class:`ArticleView` (issue 14).

The runs of :class:`annotator.ui.highlighter.SpanHighlighter` (stretches of a block that look
the same) become, per laid-out line, a wash rectangle painted *before* the text and a line
painted *after* it, so the text stays on top of the wash and the selection's highlight covers
both, as character formats did. The document is never formatted: a span change repaints the
lines it touches and Qt does not lay the paragraph out again.

Geometry is measured per laid-out line when first drawn (``QTextLine.cursorToX`` at each run's
ends) and cached in block coordinates, keyed by the block's line count and width, so a repaint
of the same lines is a list of fills; a block whose runs change, or whose lines are laid out
again (a resize, a new font), is measured again when drawn next. A paint draws only the lines
meeting its rectangle, and a span change repaints only the lines holding its characters: a
label key in a paragraph of forty lines measures and paints one.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.highlighter import Look, SpanHighlighter
from annotator.ui.shaped_blocks import ShapedBlocks
from annotator.ui.text_geometry import drawn_blocks


class _Line:
    """One laid-out line's washes and lines, grouped by look, in the block layout's
    coordinates."""

    __slots__ = ("washes", "lines")

    def __init__(self, washes: list[tuple[QColor, list[QRectF]]],
                 lines: list[tuple[QPen, list[QLineF]]]) -> None:
        self.washes = washes
        self.lines = lines


_EMPTY = _Line([], [])


class _Block:
    """One block's lines, measured when first drawn; ``key`` tells whether the block is still
    laid out so (its line count and width)."""

    __slots__ = ("key", "lines")

    def __init__(self, key: tuple[int, float]) -> None:
        self.key = key
        self.lines: dict[int, _Line] = {}


class SpanPainter:
    """Paints the spans of ``edit`` (whose runs ``highlighter`` computes)."""

    def __init__(self, edit: QPlainTextEdit, highlighter: SpanHighlighter) -> None:
        self._edit = edit
        self._hl = highlighter
        self._blocks: dict[int, _Block] = {}
        self._drawn: list[tuple[list[_Line], float, float]] = []  # this paint's lines, origins
        self._underline_y = 1.0
        self._pens: dict[tuple[int, Qt.PenStyle], QPen] = {}
        self._pen_width = 1.0
        self._shaped = ShapedBlocks()  # the glyphs of the blocks drawn, kept

    def clear(self) -> None:
        """Measure every block again when drawn (new text, spans, colors or font)."""
        self._blocks = {}
        self._shaped.release_all()
        self._pens = {}
        metrics = QFontMetricsF(self._edit.font())
        self._underline_y = max(1.0, metrics.underlinePos())
        self._pen_width = max(1.0, metrics.lineWidth())

    def forget(self, blocks: list[int],
               ranges: list[tuple[int, int]] | None = None) -> list[QRect]:
        """Measure ``blocks`` again when drawn; their rectangles on screen now (viewport
        coordinates; those out of sight are left out), for the caller to repaint: with
        ``ranges`` (document positions whose look changed), only the lines holding them, and
        only those lines are measured again (the rest of a long paragraph keeps its own)."""
        wanted = set(blocks)
        if not wanted:
            return []
        area = self._edit.viewport().rect()
        rects = []
        for block, geometry in drawn_blocks(self._edit):
            number = block.blockNumber()
            if number not in wanted:
                continue
            wanted.discard(number)
            lines = self._lines_of(block, ranges) if ranges else None
            cached = self._blocks.get(number)
            if lines is None or cached is None:
                self._blocks.pop(number, None)
            else:
                for k in range(lines[0], lines[1] + 1):
                    cached.lines.pop(k, None)
            rect = geometry.toAlignedRect()
            if rect.intersects(area):
                if lines is not None:
                    rect = self._lines_rect(block, rect, lines)
                rects.append(rect.intersected(area).adjusted(0, 0, 0, 1))
        for number in wanted:  # out of sight: measured whole when next drawn
            self._blocks.pop(number, None)
        return rects

    @staticmethod
    def _lines_of(block, ranges: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The first and last line of ``block`` holding a character of ``ranges``; None when
        the block is not laid out, or a range's line is not known."""
        layout, position = block.layout(), block.position()
        if layout.lineCount() == 0:
            return None
        first = last = None
        for start, end in ranges:
            lo, hi = max(start - position, 0), min(end - position, block.length())
            if hi <= lo:
                continue
            a, b = layout.lineForTextPosition(lo), layout.lineForTextPosition(hi - 1)
            if not (a.isValid() and b.isValid()):
                return None
            first = a.lineNumber() if first is None else min(first, a.lineNumber())
            last = b.lineNumber() if last is None else max(last, b.lineNumber())
        return None if first is None or last is None else (first, last)

    @staticmethod
    def _lines_rect(block, rect: QRect, lines: tuple[int, int]) -> QRect:
        """The part of ``rect`` (block ``block`` on screen) covering ``lines``."""
        layout = block.layout()
        first, last = layout.lineAt(lines[0]), layout.lineAt(lines[1])
        top, bottom = first.y(), last.y() + last.height()
        y = rect.top() + layout.position().y()
        return QRect(rect.left(), int(y + top), rect.width(),
                     int(bottom - top) + 2).intersected(rect)

    def measured(self, number: int) -> bool:
        """Whether block ``number`` has been measured (drawn) since it last changed."""
        return number in self._blocks

    # ------------------------------------------------------------------ painting
    def paint_under(self, painter: QPainter, area: QRect) -> None:
        """The washes of the lines meeting ``area`` (call before the text is drawn)."""
        top, bottom = area.top(), area.bottom()
        drawn: list[tuple[list[_Line], float, float]] = []
        for block, geometry in drawn_blocks(self._edit, bottom):
            if geometry.bottom() >= top and block.isVisible():
                self._shaped.keep(block)
                layout = block.layout()
                origin = geometry.topLeft() + layout.position()
                lines = self._lines_in(block.blockNumber(), layout, top - origin.y(),
                                       bottom - origin.y())
                if lines:
                    drawn.append((lines, origin.x(), origin.y()))
        self._drawn = drawn
        if self._shaped.crowded():
            self._shaped.trim({block.blockNumber() for block, _ in drawn_blocks(self._edit)})
        painter.setPen(Qt.PenStyle.NoPen)
        for lines, ox, oy in drawn:
            painter.translate(ox, oy)
            for line in lines:
                for color, rects in line.washes:
                    painter.setBrush(color)
                    painter.drawRects(rects)
            painter.translate(-ox, -oy)

    def paint_over(self, painter: QPainter) -> None:
        """The lines under the spans' characters, over the text (after :meth:`paint_under`
        in the same paint)."""
        for lines, ox, oy in self._drawn:
            painter.translate(ox, oy)
            for line in lines:
                for pen, segments in line.lines:
                    painter.setPen(pen)
                    painter.drawLines(segments)
            painter.translate(-ox, -oy)
        self._drawn = []

    # ------------------------------------------------------------------ measuring
    def _pen(self, color: QColor, style: Qt.PenStyle) -> QPen:
        key = (color.rgba(), style)
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = QPen(color, self._pen_width, style, Qt.PenCapStyle.FlatCap)
        return pen

    def _lines_in(self, number: int, layout, top: float, bottom: float) -> list[_Line]:
        """The measured lines of block ``number`` between ``top`` and ``bottom`` (layout
        coordinates) that have spans: a repaint of one line measures and draws that line."""
        count = layout.lineCount()
        if count == 0:
            return []
        key = (count, layout.lineAt(0).width())
        cached = self._blocks.get(number)
        if cached is None or cached.key != key:
            cached = self._blocks[number] = _Block(key)
        out = []
        measured = cached.lines
        for k in range(count):
            line = layout.lineAt(k)
            y = line.y()
            if y > bottom:
                break
            if y + line.height() < top:
                continue
            done = measured.get(k)
            if done is None:
                done = measured[k] = self._measure(number, line)
            if done is not _EMPTY:
                out.append(done)
        return out

    def _measure(self, number: int, line) -> _Line:
        """One line's washes and lines from its runs (one group per look: the runs share the
        highlighter's Look objects)."""
        ls = line.textStart()
        le = ls + line.textLength()
        runs = self._hl.range_runs(number, ls, le)
        n, j = len(runs), 0
        if not runs:
            return _EMPTY
        groups: dict[int, tuple[Look, list[QRectF], list[QLineF]]] = {}
        top, height = line.y(), line.height()
        y = top + line.ascent() + self._underline_y
        x_of = line.cursorToX
        last_end, last_x = -1, 0.0
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
        return _Line([(look.wash, rects) for look, rects, _lines in groups.values()],
                     [(self._pen(look.underline, look.style), lines)
                      for look, _rects, lines in groups.values()])
