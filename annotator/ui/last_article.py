"""Reopen the article a project showed last, at its scroll position, after a restart or a crash.

The left pane's article and scroll position are written to the settings per project file a
moment after they change (and synced, so a crash keeps them) and when the window closes. On
opening a project only that one article is read (the start-up figure of issue 14 counts it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from annotator.ui.context import AppContext
from annotator.ui.pane import ArticlePane

#: Changes are written this long after the last one (scrolling writes once, not per step).
SAVE_DELAY_MS = 1000
#: How long a restored scroll position waits for the text's layout to reach it.
SCROLL_WAIT_MS = 3000


class LastArticle(QObject):
    def __init__(self, ctx: AppContext, pane: ArticlePane, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pane = pane
        self._shown: tuple[Path, int] | None = None  # (project file, article) on screen
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self._wanted: int | None = None  # a scroll position waiting for the layout
        pane.articleChanged.connect(self._on_article)
        bar = pane.view.verticalScrollBar()
        bar.valueChanged.connect(lambda _v: self._shown and self._timer.start())
        bar.rangeChanged.connect(self._on_range)

    def _on_article(self, article: object) -> None:
        path = self.ctx.project_path()
        article_id = self.pane.article_id()
        self._wanted = None
        if path is not None and article_id is not None:
            self._shown = (path, article_id)
            self._timer.start()

    def save(self) -> None:
        """Write where the pane is now (for the project it shows)."""
        self._timer.stop()
        if self._shown is None or self.pane.article_id() != self._shown[1]:
            return
        path, article_id = self._shown
        self.ctx.settings.remember_article(path, article_id,
                                           self.pane.view.verticalScrollBar().value())
        self.ctx.settings.sync()  # a crash keeps it

    def reopen(self) -> bool:
        """Open the project's last article at its scroll position; False when there is none
        (never opened, or deleted since)."""
        project, path = self.ctx.project, self.ctx.project_path()
        last = self.ctx.settings.last_article(path) if path is not None else None
        if project is None or last is None:
            return False
        article_id, scroll = last
        if not project.has_article(article_id):
            return False
        self.pane.open_article(article_id, first_screen=scroll)  # many spans: those in sight
        if self.pane.article_id() != article_id:
            return False
        self._scroll_to(scroll)
        return True

    def _scroll_to(self, value: int) -> None:
        bar = self.pane.view.verticalScrollBar()
        bar.setValue(value)
        if bar.value() == value:
            return
        self._wanted = value  # the layout is not that long yet: follow its growth a while
        QTimer.singleShot(SCROLL_WAIT_MS, self._give_up)

    def _on_range(self, _low: int, high: int) -> None:
        if self._wanted is None:
            return
        bar = self.pane.view.verticalScrollBar()
        bar.setValue(min(self._wanted, high))
        if high >= self._wanted:
            self._wanted = None

    def _give_up(self) -> None:
        self._wanted = None
