"""Where text sits in a QPlainTextEdit: visible blocks, the character under a point, the
rectangles of a range, scrolling a position into view. Positions are the document's (UTF-16)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QTextBlock, QTextLine
from PySide6.QtWidgets import QPlainTextEdit


def line_x(line: QTextLine, position: int) -> float:
    """x of the cursor before ``position`` in ``line`` (PySide returns (x, position))."""
    result: Any = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)


def drawn_blocks(edit: QPlainTextEdit, bottom: float | None = None
                 ) -> Iterator[tuple[QTextBlock, QRectF]]:
    """Each block drawn in the viewport from the top down to ``bottom`` (viewport y; the
    viewport's bottom by default), with its rectangle on screen.

    Heights are added up as QPlainTextEdit's own paint does. ``blockBoundingGeometry`` walks
    every block from the top one to the one asked (a page of blocks asked one by one is
    quadratic: 83 us a call measured on a page down), and asked of the block below the last
    one shown, lays that block out only to find it below."""
    block = edit.firstVisibleBlock()
    if not block.isValid():
        return
    offset = edit.contentOffset()
    top = edit.blockBoundingGeometry(block).translated(offset).top()
    limit = float(edit.viewport().height()) if bottom is None else bottom
    layout = edit.document().documentLayout()
    while block.isValid() and top <= limit:
        rect = layout.blockBoundingRect(block)
        yield block, QRectF(offset.x() + rect.x(), top, rect.width(), rect.height())
        top += rect.height()
        block = block.next()


def visible_blocks(edit: QPlainTextEdit) -> list[QTextBlock]:
    """The blocks drawn in the viewport now, top to bottom."""
    return [block for block, _rect in drawn_blocks(edit)]


def visible_range(edit: QPlainTextEdit, area: QRect | None = None) -> tuple[int, int]:
    """Document positions of the first and past the last visible character (of the blocks
    drawn: their heights added up, not a hit test at the bottom corner, which lays out and
    searches the last paragraph's lines on every paint); with ``area`` (viewport
    coordinates), of the blocks drawn in it only (a paint of one line), empty when none is."""
    if area is None:
        first = edit.firstVisibleBlock()
        drawn = [block for block, _rect in drawn_blocks(edit)]
    else:
        drawn = [block for block, rect in drawn_blocks(edit, float(area.bottom() + 1))
                 if rect.bottom() >= area.top()]
        if not drawn:
            return 0, 0
        first = drawn[0]
    last = drawn[-1] if drawn else first
    return first.position(), last.position() + last.length()


def char_at(edit: QPlainTextEdit, pos: QPoint) -> int | None:
    """Document position of the character drawn at ``pos`` (viewport coordinates)."""
    block = edit.cursorForPosition(pos).block()
    if not block.isValid():
        return None
    layout = block.layout()
    origin = (edit.blockBoundingGeometry(block).translated(edit.contentOffset()).topLeft()
              + layout.position())
    x, y = pos.x() - origin.x(), pos.y() - origin.y()
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        if line.y() <= y < line.y() + line.height():
            if not line.x() <= x < line.x() + line.naturalTextWidth():
                return None
            local = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
            if local >= line.textStart() + line.textLength():
                return None
            return block.position() + local
    return None


def range_rects(edit: QPlainTextEdit, ustart: int, uend: int, lo: int, hi: int) -> list[QRectF]:
    """Viewport rectangles of the characters ``[ustart, uend)`` within ``[lo, hi)``."""
    doc = edit.document()
    rects: list[QRectF] = []
    block = doc.findBlock(max(ustart, lo))
    offset = edit.contentOffset()
    while block.isValid() and block.position() < min(uend, hi):
        layout = block.layout()
        origin = edit.blockBoundingGeometry(block).translated(offset).topLeft() + \
            layout.position()
        a, z = ustart - block.position(), uend - block.position()
        # from the line holding the range's first character: a paragraph of many lines is
        # not walked from its top for a span of a few characters (the selected span's outline
        # is measured twice on every label key)
        first = layout.lineForTextPosition(a) if a > 0 else None
        count = layout.lineCount()
        for i in range(first.lineNumber() if first is not None and first.isValid() else 0,
                       count):
            line = layout.lineAt(i)
            begin = line.textStart()
            if begin >= z:
                break
            s, e = max(a, begin), min(z, begin + line.textLength())
            if e > s:
                x1, x2 = line_x(line, s), line_x(line, e)
                rects.append(QRectF(origin.x() + min(x1, x2), origin.y() + line.y(),
                                    abs(x2 - x1), line.height()))
        block = block.next()
    return rects


def scroll_to(edit: QPlainTextEdit, u: int) -> None:
    """Scroll so that document position ``u`` is visible, a third down the view."""
    block = edit.document().findBlock(u)
    if not block.isValid():
        return
    layout = block.layout()
    line = layout.lineForTextPosition(u - block.position()) if layout.lineCount() else None
    number = block.firstLineNumber() + (line.lineNumber() if line and line.isValid() else 0)
    bar = edit.verticalScrollBar()
    page = max(1, bar.pageStep())
    if not bar.value() <= number < bar.value() + page - 1:
        bar.setValue(max(0, number - page // 3))
