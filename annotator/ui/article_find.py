"""Find in article, the review's marks and the selected span's outline: what
:class:`ArticleView` draws around parts of its text (issues 3 and 5). A mixin of the view, kept
apart so the view module holds its text, spans and clicks; ranges are held in UTF-16 (the
document's) and given back in code points."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.offsets import OffsetIndex
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.text_geometry import range_rects, scroll_to, visible_range

MATCH_COLOR = QColor("#ffe44d")
CURRENT_MATCH_COLOR = QColor("#ff9f1a")
MARK_COLOR = QColor("#c2185b")


class FindAndMarks(QPlainTextEdit):
    """Matches of the last find, the marked ranges and the outline of the selected span; the
    text, offsets, spans and selected span are the subclass's (:class:`ArticleView`)."""

    _text: str
    _offsets: OffsetIndex
    _highlighter: SpanHighlighter
    _selected: str | None

    def _init_find_and_marks(self) -> None:
        self._matches: list[tuple[int, int]] = []  # code points
        self._match_u: list[tuple[int, int]] = []  # the same in UTF-16
        self._match_starts: list[int] = []
        self._current_match = -1
        self._marks: list[tuple[int, int]] = []  # UTF-16 ranges outlined dashed (review)
        self._current_mark = -1

    def select_range(self, start: int, end: int) -> None:
        """Select code points ``[start, end)`` without scrolling (a double or triple click)."""
        ustart, uend = self._offsets.span_to_utf16(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(ustart)
        cursor.setPosition(uend, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def reveal(self, start: int, end: int) -> None:
        """Scroll to and select ``[start, end)`` (code points)."""
        self.select_range(start, end)
        scroll_to(self, self._offsets.to_utf16(start))

    # ------------------------------------------------------------------ marks
    def set_marks(self, ranges: list[tuple[int, int]], current: int = -1) -> None:
        """Outline code-point ranges with a dashed line (the review's disagreements); the
        ``current`` one (an index into ``ranges``) solid. Cleared by :meth:`set_article`."""
        self._marks = sorted(self._offsets.span_to_utf16(s, e) for s, e in ranges)
        self._current_mark = (self._marks.index(self._offsets.span_to_utf16(*ranges[current]))
                              if 0 <= current < len(ranges) else -1)
        self.viewport().update()

    def marks(self) -> list[tuple[int, int]]:
        """The marked ranges, code points, in text order."""
        return [self._offsets.span_from_utf16(s, e) for s, e in self._marks]

    # ------------------------------------------------------------------ find in article
    def find_all(self, needle: str) -> int:
        """Mark every occurrence of ``needle`` (case-insensitive for Latin); return the count."""
        self._reset_find()
        if needle:
            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            self._matches = [m.span() for m in pattern.finditer(self._text)]
            self._match_u = [self._offsets.span_to_utf16(s, e) for s, e in self._matches]
            self._match_starts = [s for s, _ in self._match_u]
        self.viewport().update()
        return len(self._matches)

    def find_next(self) -> int:
        """Select the match after the current one (or after the cursor); its index or -1."""
        if not self._matches:
            return -1
        if self._current_match < 0:
            pos = self.textCursor().selectionStart()
            i = bisect_left(self._match_starts, pos)
            return self._go_to_match(i if i < len(self._matches) else 0)
        return self._go_to_match((self._current_match + 1) % len(self._matches))

    def find_previous(self) -> int:
        """Select the match before the current one (or before the cursor); its index or -1."""
        if not self._matches:
            return -1
        if self._current_match < 0:
            pos = self.textCursor().selectionStart()
            i = bisect_left(self._match_starts, pos) - 1
            return self._go_to_match(i if i >= 0 else len(self._matches) - 1)
        return self._go_to_match((self._current_match - 1) % len(self._matches))

    def find_count(self) -> int:
        return len(self._matches)

    def find_current(self) -> int:
        """0-based index of the selected match, -1 when none."""
        return self._current_match

    def find_matches(self) -> list[tuple[int, int]]:
        """The matches of the last :meth:`find_all`, code-point ranges in text order."""
        return list(self._matches)

    def clear_find(self) -> None:
        self._reset_find()
        self.viewport().update()

    def _reset_find(self) -> None:
        self._matches, self._match_u, self._match_starts = [], [], []
        self._current_match = -1

    def _go_to_match(self, i: int) -> int:
        self._current_match = i
        self.reveal(*self._matches[i])
        self.viewport().update()
        return i

    def _paint_overlays(self, painter: QPainter, area: QRect | None = None) -> None:
        """Find matches, marks and the selected span's outline, of the blocks drawn in
        ``area`` (the paint's rectangle; the whole viewport when None)."""
        lo, hi = visible_range(self, area)
        if self._matches:
            i = max(0, bisect_right(self._match_starts, lo) - 1)
            while i < len(self._match_u) and self._match_u[i][0] < hi:
                rects = range_rects(self, *self._match_u[i], lo, hi)
                if i == self._current_match:  # selected as well: ring it
                    painter.setPen(QPen(CURRENT_MATCH_COLOR, 2))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    for rect in rects:
                        painter.drawRect(rect.adjusted(-1, -1, 1, 1))
                else:  # "multiply" keeps the text and the span colors legible
                    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
                    for rect in rects:
                        painter.fillRect(rect, MATCH_COLOR)
                    painter.setCompositionMode(
                        QPainter.CompositionMode.CompositionMode_SourceOver)
                i += 1
        self._paint_marks(painter, lo, hi)
        span = self._highlighter.span(self._selected) if self._selected else None
        if span is not None:
            ustart, uend = self._offsets.span_to_utf16(span.start, span.end)
            if ustart < hi and uend > lo:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                pen = QPen(self._highlighter.label_color(span.label).darker(130), 2)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in range_rects(self, ustart, uend, lo, hi):
                    painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)

    def _paint_marks(self, painter: QPainter, lo: int, hi: int) -> None:
        """Few per article (one per disagreement): a linear pass is cheap."""
        for k, (ustart, uend) in enumerate(self._marks):
            if ustart >= hi:
                break
            if uend <= lo:
                continue
            current = k == self._current_mark
            pen = QPen(MARK_COLOR, 2.0 if current else 1.5)
            pen.setStyle(Qt.PenStyle.SolidLine if current else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in range_rects(self, ustart, uend, lo, hi):
                painter.drawRect(rect.adjusted(-2, -1, 2, 1))
