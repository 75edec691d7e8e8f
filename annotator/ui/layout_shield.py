"""A widget that keeps a child's layout requests to itself while the child keeps its height.

Qt lays out again from a widget up to its window whenever the widget may have changed size:
``QLabel.setText`` asks for it on every new text, a ``QStackedWidget`` on every page it shows,
and every layout that runs asks its own parent again. In the inspector that meant, on every
label key, the header's grid, the attribute stack (whose height for a width asks every page)
and the scroll area's body laid out again, word-wrapped texts laid out several times, though
nothing moved (about a sixth of a key: issue 14).

``Shield`` holds one child at its own rectangle, without a layout: the child's request reaches
the shield, which asks the child the height it needs at its width and passes a request on only
when that height changed. ``grow=True`` keeps the tallest height asked so far (the inspector's
attribute pages: their box does not jump between labels), asking only the page shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGroupBox


class Shield(QWidget):
    def __init__(self, child: QWidget, parent: QWidget | None = None, *,
                 grow: bool = False) -> None:
        super().__init__(parent)
        self.child = child
        self._grow = grow
        child.setParent(self)
        self.setSizePolicy(child.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
        self.setFocusProxy(child)
        self._height = 0
        self._height = self._needed(max(child.sizeHint().width(), 1))
        self.setFixedHeight(self._height)
        self._background: Callable[[], QColor] | None = None

    def set_background(self, color: Callable[[], QColor]) -> None:
        """Paint the shield's rectangle in ``color()`` and make it opaque: a repaint inside
        it (a label key shows another attribute page) then starts at the shield, not at
        the widget under it (a group box's frame, drawn by scaling the style's picture over
        the whole box: about 2% of a label key)."""
        self._background = color
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self._background is not None:
            painter = QPainter(self)
            painter.setPen(Qt.PenStyle.NoPen)  # drawRect, not fillRect (text_line.py says why)
            painter.setBrush(self._background())
            painter.drawRect(QRectF(event.rect()))
            painter.end()

    def _asked(self) -> QWidget:
        """The widget whose height counts: a stack's current page (the others keep theirs)."""
        child = self.child
        page = child.currentWidget() if self._grow and isinstance(child, QStackedWidget) else None
        return page if page is not None else child

    def _needed(self, width: int) -> int:
        asked = self._asked()
        height = (asked.heightForWidth(width) if asked.hasHeightForWidth()
                  else asked.sizeHint().height())
        height = max(height, asked.minimumHeight(), self.child.minimumHeight())
        return max(height, self._height) if self._grow else height

    def _fit(self) -> None:
        height = self._needed(self.width())
        if height != self._height:
            self._height = height
            self.setFixedHeight(height)  # the one request that goes on up
            self.child.setGeometry(self.rect())
            # now, not a posted event per level: no frame shows the parents half laid out
            parent = self.parentWidget()
            while parent is not None and parent.isVisible():
                layout = parent.layout()
                if layout is None:
                    break
                layout.activate()
                parent = parent.parentWidget()

    def settle(self) -> None:
        """Lay the child out now, not at the next turn of the event loop: a page just shown
        is in place, at its height, before anything reads it or clicks in it."""
        for widget in (self.child, self._asked()):
            layout = widget.layout()
            if layout is not None:
                layout.activate()
        self._fit()
        QCoreApplication.removePostedEvents(self, QEvent.Type.LayoutRequest)  # answered

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.child.sizeHint().width(), self._height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.child.minimumSizeHint().width(), self._height)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit()
            return True
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit()  # what the child asked while hidden never came

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        if event.oldSize().width() != event.size().width():
            self._fit()
        self.child.setGeometry(self.rect())


_INTERIORS: dict[tuple[str, int], QColor] = {}


def group_box_interior(box: QGroupBox) -> QColor:
    """The colour ``box``'s style paints inside its frame (Fusion's is a shade darker than
    the window), taken once per style and palette from a small frame drawn off screen."""
    style, palette = box.style(), box.palette()
    key = (style.name(), palette.cacheKey())
    color = _INTERIORS.get(key)
    if color is None:
        # here, not at import: PySide makes QStyle's types and enums on first use (ms)
        from PySide6.QtGui import QImage
        from PySide6.QtWidgets import QStyle, QStyleOptionFrame

        image = QImage(48, 48, QImage.Format.Format_ARGB32)
        image.fill(palette.window().color())
        option = QStyleOptionFrame()
        option.initFrom(box)
        option.rect = image.rect()
        painter = QPainter(image)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameGroupBox, option, painter, box)
        painter.end()
        color = _INTERIORS[key] = image.pixelColor(24, 24)
    return color
