"""A scroll bar that repaints only when what it shows changes (issue 14).

Qt repaints a scroll bar on every change of its range or value. On a label key the annotation
list gains a row and scrolls to it, and the inspector's rows change height: both bars were
repainted, and since a scroll bar does not paint its whole background, so were the docks under
it (frame and title), about 2.6 and 1.7 ms of a label key's 18 measured here. In a list of
10,000 rows one more row, or a scroll by a few rows, moves the slider by less than a pixel:
nothing on screen changes. :class:`QuietScrollBar` compares the slider's rectangle and the
ends' states with those it last painted and asks for a repaint only when one differs. When it
does repaint, it fills its background itself (what the widget under it showed there, the
window's colour) and is opaque: the dock under it is not painted with it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar, QWidget

_Inputs = tuple[int, int, int, int, int, int, int]
_RANGE_OR_VALUE = ("SliderRangeChange", "SliderValueChange")  # names: no enum type at import


class QuietScrollBar(QScrollBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted: _Inputs | None = None  # what the last paint showed
        self._painted_look: tuple[object, ...] | None = None  # its look, once asked

    def _inputs(self) -> _Inputs:
        return (self.minimum(), self.maximum(), self.value(), self.sliderPosition(),
                self.pageStep(), self.width(), self.height())

    def _look(self, inputs: _Inputs) -> tuple[object, ...]:
        """What a paint of ``inputs`` shows: the slider's rectangle, and whether there is
        anything to scroll and either end is reached (the arrows' enabled state)."""
        from PySide6.QtWidgets import QStyle, QStyleOptionSlider  # not before the first paint

        low, high, value, position, page, _width, _height = inputs
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        option.minimum, option.maximum, option.pageStep = low, high, page
        option.sliderValue, option.sliderPosition = value, position
        rect = self.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                           QStyle.SubControl.SC_ScrollBarSlider, self)
        return rect.getRect(), low < high, value <= low, value >= high

    def sliderChange(self, change: QScrollBar.SliderChange) -> None:  # noqa: N802 (Qt override)
        painted = self._painted
        if painted is not None and change.name in _RANGE_OR_VALUE and self.isVisible():
            now = self._inputs()
            if now[5:] == painted[5:]:
                if self._painted_look is None:
                    self._painted_look = self._look(painted)
                if self._look(now) == self._painted_look:
                    return  # the same pixels: no repaint (nor of the dock under the bar)
        super().sliderChange(change)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Polish:  # after the style's polish, which turns it off
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # see paintEvent
        return handled

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        self._painted = self._inputs()  # no QStyle here: this runs before the first paint
        self._painted_look = None
        painter = QPainter(self)  # the style leaves corners unpainted: the window shows there
        painter.setPen(Qt.PenStyle.NoPen)  # drawRect, not fillRect (text_line.py says why)
        painter.setBrush(self.palette().window())
        painter.drawRect(QRectF(event.rect()))
        painter.end()
        super().paintEvent(event)


def quiet_scroll_bars(area: QAbstractScrollArea) -> None:
    """Give ``area`` quiet scroll bars (vertical: the one label keys move)."""
    area.setVerticalScrollBar(QuietScrollBar(area))
