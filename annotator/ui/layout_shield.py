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

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QWidget


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
