"""The two article panes side by side: which one is current, scrolling together, span events.

The *current* pane (the one last focused or clicked) drives the annotation list, the palette
and the label hotkeys; its events are re-emitted as ``current*`` signals.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QApplication, QScrollBar, QSplitter, QWidget

from annotator.core.model import Span
from annotator.ui.context import AppContext
from annotator.ui.pane import ArticlePane


class Workbench(QSplitter):
    #: The current pane changed (payload: ArticlePane).
    currentPaneChanged = Signal(object)
    #: The current pane shows another article, or another pane became current (Article|None).
    currentArticleChanged = Signal(object)
    #: The current pane's spans were replaced (payload: list of Span).
    currentSpansReset = Signal(object)
    #: The current pane shows the first screen of an article; this many spans are being read
    #: (``ArticlePane.spansLoading``), then ``currentSpansReset``.
    currentSpansLoading = Signal(int)
    #: A span was added to / removed from / changed in the current pane (payload: Span).
    currentSpanAdded = Signal(object)
    currentSpanRemoved = Signal(object)
    currentSpanChanged = Signal(object)
    #: The right pane was shown or hidden (payload: bool).
    rightPaneToggled = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("workbench")
        self.setChildrenCollapsible(False)
        self.ctx = ctx
        self.left = ArticlePane(ctx, "left", parent=self)
        self.right = ArticlePane(ctx, "right", closable=True, parent=self)
        self.addWidget(self.left)
        self.addWidget(self.right)
        self.right.hide()
        self._current = self.left
        self._sync = False
        self._syncing = False
        self._sizes: list[int] = []  # the two panes' widths, applied when the right one shows
        for pane in (self.left, self.right):
            self._wire(pane)
        self.right.closeRequested.connect(lambda: self.set_right_visible(False))
        ctx.spanAdded.connect(self._on_span_added)
        ctx.spanRemoved.connect(self._on_span_removed)
        ctx.spanChanged.connect(self._on_span_changed)
        ctx.spanAttributesChanged.connect(self._on_attributes_changed)
        ctx.labelsChanged.connect(self._on_labels_changed)
        ctx.projectChanged.connect(self._on_project_changed)
        ctx.annotatorChanged.connect(self._on_annotator_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # ------------------------------------------------------------------ panes
    def panes(self) -> tuple[ArticlePane, ArticlePane]:
        return self.left, self.right

    def current(self) -> ArticlePane:
        return self._current

    def set_current(self, pane: ArticlePane) -> None:
        if pane is self._current or (pane is self.right and self.right.isHidden()):
            return
        self._current = pane
        self._mark_current()
        self.currentPaneChanged.emit(pane)
        self.currentArticleChanged.emit(pane.article())
        if pane.loading():
            self.currentSpansLoading.emit(pane.loading())
        else:
            self.currentSpansReset.emit(pane.view.spans())

    def right_visible(self) -> bool:
        return not self.right.isHidden()

    def set_right_visible(self, on: bool) -> None:
        if on == self.right_visible():
            return
        if not on:
            self._sizes = self.sizes()
        self.right.setVisible(on)
        self._mark_current()
        if on:
            total = sum(self.sizes())
            if len(self._sizes) == 2 and min(self._sizes) >= 50 and total:
                self.setSizes([round(total * s / sum(self._sizes)) for s in self._sizes])
            elif total and min(self.sizes()) < 50:
                self.setSizes([total // 2, total - total // 2])
            self.set_current(self.right)
            self.right.view.setFocus()
        else:
            self.set_current(self.left)
            self.left.view.setFocus()
        self.rightPaneToggled.emit(on)

    def open_article(self, article_id: int | None, pane: ArticlePane | None = None) -> None:
        pane = pane or self._current
        if pane is self.right:
            self.set_right_visible(True)
        pane.open_article(article_id)
        self.set_current(pane)

    def pane_sizes(self) -> list[int]:
        """The widths of the two panes side by side (remembered while the right one is hidden)."""
        return self.sizes() if self.right_visible() else list(self._sizes)

    def set_pane_sizes(self, sizes: list[int]) -> None:
        if len(sizes) == 2 and min(sizes) > 0:
            self._sizes = list(sizes)
            if self.right_visible():
                self.setSizes(sizes)

    # ------------------------------------------------------------------ view options
    def set_font_point_size(self, pt: float) -> None:
        for pane in self.panes():
            pane.view.set_font_point_size(pt)

    def set_snapping(self, on: bool) -> None:
        for pane in self.panes():
            pane.view.set_snapping(on)

    def set_sync_scroll(self, on: bool) -> None:
        self._sync = bool(on)
        if on:
            self._follow(self._current.view.verticalScrollBar(), self._other(self._current))

    def sync_scroll(self) -> bool:
        return self._sync

    # ------------------------------------------------------------------ wiring
    def _wire(self, pane: ArticlePane) -> None:
        def if_current(signal: SignalInstance) -> Callable[[object], None]:
            return lambda payload: signal.emit(payload) if pane is self._current else None

        pane.articleChanged.connect(if_current(self.currentArticleChanged))
        pane.spansReset.connect(if_current(self.currentSpansReset))
        pane.spansLoading.connect(if_current(self.currentSpansLoading))
        pane.spanAdded.connect(if_current(self.currentSpanAdded))
        pane.spanRemoved.connect(if_current(self.currentSpanRemoved))
        pane.spanChanged.connect(if_current(self.currentSpanChanged))
        pane.view.spanActivated.connect(lambda _id: self.set_current(pane))
        pane.view.selectionChangedRange.connect(
            lambda s, _e: self.set_current(pane) if s >= 0 else None)
        bar = pane.view.verticalScrollBar()
        bar.valueChanged.connect(lambda _v: self._on_scrolled(pane))

    def _mark_current(self) -> None:
        """With two panes shown, the current one gets an accent line."""
        for pane in self.panes():
            pane.set_accent(pane is self._current and self.right_visible())

    def _other(self, pane: ArticlePane) -> ArticlePane:
        return self.right if pane is self.left else self.left

    def _on_scrolled(self, pane: ArticlePane) -> None:
        if self._sync and not self._syncing and self.right_visible():
            self._follow(pane.view.verticalScrollBar(), self._other(pane))

    def _follow(self, source: QScrollBar, pane: ArticlePane) -> None:
        """Scroll ``pane`` to the same proportional position as ``source``."""
        target = pane.view.verticalScrollBar()
        ratio = source.value() / source.maximum() if source.maximum() > 0 else 0.0
        self._syncing = True
        try:
            target.setValue(round(ratio * target.maximum()))
        finally:
            self._syncing = False

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        while new is not None:
            if new is self.left or new is self.right:
                self.set_current(new)  # type: ignore[arg-type]
                return
            new = new.parentWidget()

    def _on_span_added(self, span: Span) -> None:
        for pane in self.panes():
            pane.apply_added(span)

    def _on_span_removed(self, span: Span) -> None:
        for pane in self.panes():
            pane.apply_removed(span)

    def _on_span_changed(self, span: Span) -> None:
        for pane in self.panes():
            pane.apply_changed(span)

    def _on_attributes_changed(self, span_id: str) -> None:
        for pane in self.panes():
            pane.apply_attributes(span_id)

    def _on_labels_changed(self, labels: list) -> None:
        for pane in self.panes():
            pane.labels_changed(labels)

    def _on_project_changed(self, _project: object) -> None:
        for pane in self.panes():
            pane.refresh_annotators()
            pane.open_article(None)
        self.set_right_visible(False)

    def _on_annotator_changed(self, _name: str) -> None:
        for pane in self.panes():
            pane.refresh_annotators()
            pane.reload()
