"""Review mode's docks in the main window: the review dock takes the annotation list's and the
inspector's place, and every dock goes back where it was afterwards; the actions of review
mode and outside it are never enabled together. A mixin of ``MainWindow``, split off to keep
the window's module small."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt

from annotator.ui.actions import OUTSIDE_REVIEW, REVIEW_ONLY
from annotator.ui.window_docks import docks_shown

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.review_panel import ReviewDock


class ReviewDocksMixin:
    #: where every dock was before review mode (None: not in review mode)
    _docks_before_review: QByteArray | None = None
    #: the docks on demand shown then (made at the next start if the window closes in review)
    _docks_shown_before_review: list[str] = []

    @property
    def review_dock(self: MainWindow) -> ReviewDock:
        """Review mode's dock, made when review mode first needs it."""
        return self.review.dock

    def _make_review_dock(self: MainWindow) -> ReviewDock:
        from annotator.ui.review_panel import ReviewDock

        dock = ReviewDock([getattr(self.acts, n) for n in REVIEW_ONLY], self)
        if not self.restoreDockWidget(dock):  # a layout saved with it
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()  # until review mode starts
        return dock

    def _toggle_review(self: MainWindow, on: bool) -> None:
        if not on:
            self.review.stop()
        elif not self.review.start():
            self._on_review_active(False)

    def _on_review_active(self: MainWindow, on: bool) -> None:
        if on:
            self._fit_review_dock()
        else:
            self._restore_docks()
        for name in REVIEW_ONLY:
            getattr(self.acts, name).setEnabled(on and self.ctx.lost is None)
        for name in OUTSIDE_REVIEW:  # R is Reject in review mode: never both enabled
            getattr(self.acts, name).setEnabled(not on and self.ctx.lost is None)
        if on:
            self.relations.cancel(quiet=True)
        self.acts.review.blockSignals(True)
        self.acts.review.setChecked(on)
        self.acts.review.blockSignals(False)

    def _keep_docks(self: MainWindow) -> None:
        """Before review mode shows its dock: remember where every dock is."""
        self._docks_before_review = self.saveState()
        self._docks_shown_before_review = docks_shown(self._on_demand)

    def _fit_review_dock(self: MainWindow) -> None:
        """The review dock takes the annotation list's and the inspector's place: its table
        lists the disagreements (the View menu shows either again)."""
        self.annotations.hide()
        if self.inspector is not None:
            self.inspector.hide()
        self.resizeDocks([self.label_palette, self.review_dock],
                         [self.label_palette.height(), self.height()], Qt.Orientation.Vertical)

    def _restore_docks(self: MainWindow) -> None:
        """After review mode: every dock back where it was (no gap where the review dock
        stood); the search and concordance docks stay as the user left them."""
        if self._docks_before_review is None:
            return
        shown = [(dock, dock.isVisible())
                 for dock in self.made_docks("search", "concordance")]
        self.restoreState(self._docks_before_review)
        self._docks_before_review = None
        for dock, visible in shown:
            dock.setVisible(visible)
