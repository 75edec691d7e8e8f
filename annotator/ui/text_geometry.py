"""Where text sits in a QPlainTextEdit: visible blocks, the character under a point, the
rectangles of a range, scrolling a position into view. Positions are the document's (UTF-16)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QTextBlock, QTextLine
from PySide6.QtWidgets import QPlainTextEdit


def line_x(line: QTextLine, position: int) -> float:
    """x of the cursor before ``position`` in ``line`` (PySide returns (x, position))."""
    result: Any = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)


def visible_blocks(edit: QPlainTextEdit) -> list[QTextBlock]:
    """The blocks drawn in the viewport now, top to bottom."""
    blocks = []
    block = edit.firstVisibleBlock()
    offset = edit.contentOffset()
    height = edit.viewport().height()
    while block.isValid():
        if edit.blockBoundingGeometry(block).translated(offset).top() > height:
            break
        blocks.append(block)
        block = block.next()
    return blocks


def visible_range(edit: QPlainTextEdit) -> tuple[int, int]:
    """Document positions of the first and past the last visible character."""
    first = edit.firstVisibleBlock()
    bottom = edit.viewport().rect().bottomRight()
    last = edit.cursorForPosition(bottom).block()
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
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            s = max(a, line.textStart())
            e = min(z, line.textStart() + line.textLength())
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
