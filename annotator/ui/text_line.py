"""A one-line text that never re-lays out the window.

A ``QLabel`` asks its parents to lay out again on every ``setText``; for a line that changes on
every label key (the annotation list's summary) that meant the dock and the main window laid out
and repainted each time. ``TextLine`` has a fixed height, takes the width it is given, elides
what does not fit (the whole text is its tooltip) and only repaints itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 2


class TextLine(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height() + 2 * MARGIN)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name, for callers and tests)
        if text != self._text:
            self._text = text
            self.setToolTip(text)
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        width = self.width() - 2 * MARGIN
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, width)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.rect().adjusted(MARGIN, 0, -MARGIN, 0),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        painter.end()
