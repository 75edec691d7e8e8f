"""Keep the shaped glyphs of the article's blocks in sight.

A ``QTextLayout`` throws its shaped glyphs away after every draw unless its cache is on, and
shapes its text again for each ``cursorToX`` after that. On a label key the long paragraph
holding the new span was shaped three or four times over: to measure the span's lines, to
draw the lines repainted, to draw the text cursor (about a sixth of a key's instructions,
counted with callgrind: issue 14). The view's painter keeps the cache on for the blocks it
draws; beyond ``LIMIT`` blocks, those out of sight are let go, and their glyphs freed, so a
long article scrolled through holds the glyphs of about a screen, not of its whole text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter, QTextBlock, QTextLayout

#: Blocks kept shaped at most, beyond those in sight.
LIMIT = 48
#: A clip above every line: a draw through it draws nothing, then frees the glyphs of a
#: layout whose cache is off (what ``QTextLayout.draw`` does at its end).
_NOWHERE = QRectF(0.0, -4.0, 1.0, 1.0)


class ShapedBlocks:
    def __init__(self) -> None:
        self._kept: dict[int, QTextBlock] = {}

    def keep(self, block: QTextBlock) -> None:
        """Keep ``block``'s glyphs from now on (it is being drawn)."""
        number = block.blockNumber()
        if number not in self._kept:
            block.layout().setCacheEnabled(True)
            self._kept[number] = block

    def crowded(self) -> bool:
        """Whether more than ``LIMIT`` blocks are kept (time to :meth:`trim`)."""
        return len(self._kept) > LIMIT

    def trim(self, in_sight: set[int]) -> None:
        """Let go of the blocks kept that are not in ``in_sight`` (block numbers)."""
        self._release([number for number in self._kept if number not in in_sight])

    def release_all(self) -> None:
        """Let every block go (before the text is replaced, or everything is drawn anew)."""
        self._release(list(self._kept))

    def _release(self, numbers: list[int]) -> None:
        layouts: list[QTextLayout] = []
        for number in numbers:
            block = self._kept.pop(number)
            if block.isValid():
                layout = block.layout()
                layout.setCacheEnabled(False)
                if layout.lineCount():
                    layouts.append(layout)
        if layouts:
            image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            try:
                for layout in layouts:
                    layout.draw(painter, QPointF(), [], _NOWHERE)
            finally:
                painter.end()
