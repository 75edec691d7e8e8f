"""A dock built when first shown (issue 14: docks other issues add load lazily).

Its widgets are made (``_build``) and its content read (``reload``) the first time it is shown;
a change while it is hidden (``content_changed``) marks it stale, read again when next shown.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget


class LazyDock(QDockWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._built = False
        self._stale = False  # the content changed while the dock was hidden

    def built(self) -> bool:
        return self._built

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if not self._built:
            self._built = True
            self._build()
            self.reload()
        elif self._stale:
            self.reload()
        super().showEvent(event)

    def content_changed(self, *_args: object) -> None:
        """What the dock shows changed: read it now if it is shown, else when next shown."""
        if self._built and self.isVisible():
            self.reload()
        else:
            self._stale = self._built

    def _build(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """Read the content again (subclasses start with ``self._stale = False``)."""
        raise NotImplementedError
