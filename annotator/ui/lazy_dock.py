"""Docks that cost the start nothing (issue 14: docks other issues add load lazily).

``LazyDock``: its widgets are made (``_build``) and its content read (``reload``) the first time
it is shown; a change while it is hidden (``content_changed``) marks it stale, read again when
next shown. ``DockOnDemand``: the dock itself (and its module) is made when first wanted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget


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


class DockOnDemand(QObject):
    """A dock made, and its module imported, the first time it is wanted (issue 14: a dock
    hidden at start costs the first paint nothing). Until then only its View entry (``action``,
    the dock's title) exists; ``dock()`` makes it: placed where a saved layout put it (or in
    ``area``, hidden), and from then on the View menu holds the dock's own toggle instead."""

    def __init__(self, window: QMainWindow, title: str, make: Callable[[], QDockWidget],
                 area: Qt.DockWidgetArea) -> None:
        super().__init__(window)
        self._window = window
        self._make = make
        self._area = area
        self._dock: QDockWidget | None = None
        self.action = QAction(title, self)
        self.action.setCheckable(True)
        self.action.triggered.connect(self._triggered)

    def made(self) -> bool:
        return self._dock is not None

    def shown(self) -> bool:
        """Made and not hidden (whether or not the window is on screen)."""
        return self._dock is not None and not self._dock.isHidden()

    def dock(self) -> QDockWidget:
        if self._dock is None:
            dock = self._dock = self._make()
            if not self._window.restoreDockWidget(dock):  # a layout saved with it
                self._window.addDockWidget(self._area, dock)
                dock.hide()
            for menu in self.action.associatedObjects():
                if isinstance(menu, QMenu):
                    menu.insertAction(self.action, dock.toggleViewAction())
                    menu.removeAction(self.action)
        return self._dock

    def _triggered(self, on: bool) -> None:
        toggle = self.dock().toggleViewAction()
        if toggle.isChecked() != on:
            toggle.trigger()
