"""A one-line text that never re-lays out the window.

A ``QLabel`` asks its parents to lay out again on every ``setText``; for a line that changes on
every label key (the annotation list's summary) that meant the dock and the main window laid out
and repainted each time. ``TextLine`` has a fixed height, takes the width it is given, elides
what does not fit (the whole text is its tooltip) and only repaints itself: it paints its own
background, so its parents (a dock's frame and title) are not painted under it (issue 14).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QStaticText,
    QTextLayout,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN = 2
#: Texts kept elided and laid out (every one-line text and list cell shares them), up to this
#: many; beyond, the cache starts again (a list of 10k spans scrolled through keeps none long).
KEPT = 4096
LAID_OUT: dict[tuple[str, int, str], QStaticText] = {}


def laid_out(text: str, width: int, font: QFont, metrics: QFontMetrics,
             font_key: str | None = None) -> QStaticText:
    """``text`` elided to ``width`` pixels of ``font`` (``metrics``) and laid out, once: kept
    for every paint after (Qt's own text drawing shapes it again on every paint). A span's
    "<b>" stays the characters it is. ``font_key`` is ``font.key()`` if the caller keeps it
    (it spells the whole font out: about a third of a cell's paint)."""
    key = (text, width, font_key or font.key())
    static = LAID_OUT.get(key)
    if static is None:
        if len(LAID_OUT) >= KEPT:
            LAID_OUT.clear()
        static = LAID_OUT[key] = QStaticText(
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
        static.setTextFormat(Qt.TextFormat.PlainText)
    return static


class TextLine(QWidget):
    def __init__(self, parent: QWidget | None = None, *, margin: int = MARGIN) -> None:
        super().__init__(parent)
        self._margin = margin
        self._text = ""
        self._swatch: QColor | None = None  # a square of this color before the text
        self._font_key = self.font().key()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height() + 2 * margin)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name, for callers and tests)
        if text != self._text:
            self._text = text
            self.setToolTip(text)
            self.update()

    def set_swatch(self, color: QColor | None) -> None:
        """Show a square of ``color`` before the text (None: none), as a label's color."""
        if color != self._swatch:
            self._swatch = color
            self.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._font_key = self.font().key()
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        # drawRect, not fillRect: any fillRect makes PySide build QGradient's five enum
        # types (one of ~180 presets) before the first paint, ~3 ms (issue 14)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().window())
        painter.drawRect(QRectF(self.rect()))  # a QRect would cover one more pixel
        area = self.rect().adjusted(self._margin, 0, -self._margin, 0)
        if self._swatch is not None:
            side = self.fontMetrics().ascent() - 2
            painter.setBrush(self._swatch)
            painter.drawRect(QRectF(area.x(), (self.height() - side) // 2, side, side))
            area.setLeft(area.x() + side + self.fontMetrics().horizontalAdvance(" "))
        # laid out once: the inspector's lines repeat a key's label, annotator and origin
        static = laid_out(self._text, area.width(), self.font(), self.fontMetrics(),
                          self._font_key)
        painter.setPen(self.palette().windowText().color())
        painter.drawStaticText(area.x(), (self.height() - self.fontMetrics().height()) // 2,
                               static)
        painter.end()


def line_height(font: QFont) -> int:
    """The height of a line of ``font`` holding Latin letters and Chinese characters, common
    and rare (a fallback font's, when ``font`` has none, may be taller: 𠮷 is one more)."""
    layout = QTextLayout("Ag国\U00020bb7", font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return math.ceil(line.height())
