"""The article list dock: filter by text and status, keyboard navigation, status changes."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import STATUSES, Span
from annotator.store import ProjectError
from annotator.ui import commands
from annotator.ui.context import AppContext
from annotator.ui.models import STATUS_TEXT, ArticleListModel
from annotator.ui.tables import row_table

FILTER_DELAY_MS = 150


class ArticleListDock(QDockWidget):
    #: Open this article in the current pane (payload: article id).
    articleActivated = Signal(int)
    #: Open this article in the right pane (payload: article id).
    openInRight = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Articles", parent)
        self.setObjectName("articleDock")
        self.ctx = ctx
        self.model = ArticleListModel(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("articleFilter")
        self.filter_edit.setPlaceholderText("Filter by title or text…")
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem("All", "")
        for status in STATUSES:
            self.status_combo.addItem(STATUS_TEXT[status], status)
        self.table = row_table(self.model, "articleTable")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ArticleListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ArticleListModel.STATUS,
                                    QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ArticleListModel.SPANS,
                                    QHeaderView.ResizeMode.ResizeToContents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._quiet = False

        box = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.status_combo)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.setWidget(box)

        self.filter_edit.textChanged.connect(lambda _t: self._timer.start())
        self.filter_edit.returnPressed.connect(self.reload)
        self._timer.timeout.connect(self.reload)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.activated.connect(self._on_activated)
        self.table.customContextMenuRequested.connect(self._context_menu)
        ctx.articlesChanged.connect(self.reload)
        ctx.statusChanged.connect(self.model.set_status)
        ctx.spanAdded.connect(lambda span: self._count(span, +1))
        ctx.spanRemoved.connect(lambda span: self._count(span, -1))

    # ------------------------------------------------------------------ content
    def reload(self) -> None:
        """Read the list again from the store with the current filters; keep the selection."""
        self._timer.stop()
        keep = self.current_article_id()
        project = self.ctx.project
        rows = []
        if project is not None:
            try:
                rows = project.articles(status=self.status_combo.currentData() or None,
                                        query=self.filter_edit.text().strip() or None)
            except ProjectError as exc:
                self.ctx.report_error(str(exc))
        self._quiet = True
        try:
            self.model.set_articles(rows)
            if keep is not None:
                self.select_article(keep)
        finally:
            self._quiet = False

    def current_article_id(self) -> int | None:
        summary = self.model.summary(self.table.currentIndex().row())
        return summary.id if summary is not None else None

    def select_article(self, article_id: int | None) -> None:
        """Highlight an article without opening it (another pane became current)."""
        row = self.model.row_of(article_id) if article_id is not None else -1
        self._quiet = True
        try:
            if row < 0:
                self.table.clearSelection()
                self.table.setCurrentIndex(QModelIndex())
            else:
                index = self.model.index(row, 0)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
        finally:
            self._quiet = False

    def step(self, delta: int) -> bool:
        """Open the next (+1) or previous (-1) article of the list; False at either end."""
        count = self.model.rowCount()
        if not count:
            return False
        row = self.table.currentIndex().row()
        target = (0 if delta > 0 else count - 1) if row < 0 else row + delta
        if not 0 <= target < count:
            return False
        self.table.setCurrentIndex(self.model.index(target, 0))  # opens it
        return True

    def set_status(self, article_id: int, status: str, title: str = "") -> None:
        commands.push(self.ctx, commands.SetStatus(self.ctx, article_id, status, title))

    # ------------------------------------------------------------------ slots
    def _count(self, span: Span, delta: int) -> None:
        self.model.add_span_count(span.article_id, delta)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self.model.summary(current.row())
        if summary is not None and not self._quiet:
            self.articleActivated.emit(summary.id)

    def _on_activated(self, index: QModelIndex) -> None:
        summary = self.model.summary(index.row())
        if summary is not None:
            self.articleActivated.emit(summary.id)

    def _context_menu(self, pos: QPoint) -> None:
        summary = self.model.summary(self.table.indexAt(pos).row())
        if summary is None:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.articleActivated.emit(summary.id))
        menu.addAction("Open in Right Pane", lambda: self.openInRight.emit(summary.id))
        menu.addSeparator()
        for status in STATUSES:
            action = menu.addAction(f"Mark {STATUS_TEXT[status]}",
                                    partial(self.set_status, summary.id, status, summary.title))
            action.setEnabled(status != summary.status and self.ctx.writable())
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()
