"""The article list dock: filter by text and status, keyboard navigation, status changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import STATUSES, ArticleSummary, Span
from annotator.store import ProjectError
from annotator.store.suggest import SUGGESTED
from annotator.ui import commands, interaction
from annotator.ui.article_filter import ArticleFilter
from annotator.ui.context import AppContext
from annotator.ui.models import STATUS_TEXT, ArticleListModel, status_text
from annotator.ui.tables import row_table, small_icon_size

FILTER_DELAY_MS = 150
#: The status filter's "Mine": articles the current annotator worked on.
MINE = "mine"
#: The status filter's "Incomplete": articles with a span of the current annotator missing a
#: required attribute.
INCOMPLETE = "incomplete"


def _fixed_columns(table: QTableView) -> None:
    """Status and Spans get widths from the font, not from their contents: a column sized to
    contents re-measures rows on every change (a label key cost ~16,800 ``data()`` calls in a
    1,000-row list) and would read every row of a lazy list."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(ArticleListModel.TITLE, QHeaderView.ResizeMode.Stretch)
    metrics = table.fontMetrics()
    pad = 2 * metrics.horizontalAdvance("M")
    icon = small_icon_size()
    widths = {ArticleListModel.STATUS: max(metrics.horizontalAdvance(t) for t in
                                           (*map(status_text, STATUS_TEXT), table.model().headerData(
                                               ArticleListModel.STATUS, Qt.Orientation.Horizontal))) + icon + pad,
              ArticleListModel.SPANS: max(metrics.horizontalAdvance(t) for t in
                                          (table.model().headerData(ArticleListModel.SPANS, Qt.Orientation.Horizontal),
                                           "00000")) + pad,
              ArticleListModel.DONE: max(metrics.horizontalAdvance(t) for t in
                                         (table.model().headerData(
                                             ArticleListModel.DONE, Qt.Orientation.Horizontal),
                                          "00 of 00")) + pad}
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width)


class ArticleListDock(QDockWidget):
    #: Open this article in the current pane (payload: article id).
    articleActivated = Signal(int)
    #: Open this article in the right pane (payload: article id).
    openInRight = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ArticleListDock", "Articles"), parent)
        self.setObjectName("articleDock")
        self.ctx = ctx
        self.model = ArticleListModel(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("articleFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by title or text…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(self.tr("All"), "")
        self.status_combo.addItem(self.tr("Mine"), MINE)
        self.status_combo.setItemData(
            1, self.tr("Articles you worked on: a span of yours, or your status other than to "
                       "do"), Qt.ItemDataRole.ToolTipRole)
        for status in STATUSES:
            self.status_combo.addItem(status_text(status), status)
        self.status_combo.addItem(self.tr("Incomplete"), INCOMPLETE)
        self.status_combo.setItemData(
            self.status_combo.count() - 1,
            self.tr("Articles with a span of yours missing a required attribute"),
            Qt.ItemDataRole.ToolTipRole)
        self.status_combo.setToolTip(self.tr("Filter by your own status (each annotator has "
                                             "their own)"))
        self.table = row_table(self.model, "articleTable")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setAlternatingRowColors(True)
        _fixed_columns(self.table)
        self.filter = ArticleFilter(self)
        self.filter.found.connect(self._on_found)
        self.filter.finished.connect(self._on_filtered)
        self._keep: int | None = None  # the article to select again once the filter finds it
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
        ctx.annotatorChanged.connect(lambda _name: self.reload())  # their statuses
        ctx.statusChanged.connect(self._on_status)
        ctx.spanAdded.connect(lambda span: self._count(span, +1))
        ctx.spanRemoved.connect(lambda span: self._count(span, -1))
        ctx.spanChanged.connect(self._recount)  # an accepted suggestion counts from now on

    # ------------------------------------------------------------------ content
    def reload(self) -> None:
        """Read the list again from the store with the current filters; keep the selection.

        Without a text filter the ids come from the listing index at once (rows are read as
        they are shown); with one, the scan runs off the GUI thread and rows arrive as it
        finds them (``filter.found``), a newer query cancelling an older one."""
        self._timer.stop()
        self.filter.cancel()
        keep = self.current_article_id() if self._keep is None else self._keep
        project = self.ctx.project
        status = self.status_combo.currentData() or None
        query = self.filter_edit.text().strip()
        ids: Sequence[int] = ()
        if project is not None and not query:
            try:
                ids = (project.mine_ids(self.ctx.annotator) if status == MINE else
                       project.incomplete_article_ids(self.ctx.annotator)
                       if status == INCOMPLETE else
                       project.article_ids(status, annotator=self.ctx.annotator))
            except ProjectError as exc:
                self.ctx.report_error(str(exc))
        self._count_team()
        self._quiet = True
        try:
            self.model.set_ids(ids, self._summaries)
            self._keep = None
            if keep is not None:
                self.select_article(keep)
        finally:
            self._quiet = False
        self._title(self.tr("Articles — filtering…") if project is not None and query
                    else self.tr("Articles"))
        if project is not None and query:
            self._keep = keep
            self.filter.start(project.path, query, status, self.ctx.annotator)

    def _summaries(self, ids: Sequence[int]) -> list[ArticleSummary]:
        """Rows for the lazy model, read through whatever project is open now: none while an
        import or merge has the file (``ctx.suspend``), and rows not shown yet stay blank."""
        project = self.ctx.project
        if project is None:
            return []
        try:
            return project.article_summaries(ids, annotator=self.ctx.annotator)
        except (ProjectError, sqlite3.Error):
            return []

    def shutdown(self) -> None:
        """Stop a running filter scan and wait for it (the project is closing)."""
        self.filter.cancel()
        self.filter.wait()

    def _on_filtered(self, error: str) -> None:
        count = self.model.rowCount()
        self._title(self.tr("Articles — filter failed: {error}").format(error=error) if error
                    else self.tr("Articles — {count} found").format(count=f"{count:,}")
                    if count != 1 else self.tr("Articles — 1 found"))

    def _title(self, text: str) -> None:
        """The dock's title says what the filter is doing; the View menu keeps "Articles"."""
        self.setWindowTitle(text)
        self.toggleViewAction().setText(self.tr("Articles"))

    def _on_found(self, ids: list[int]) -> None:
        self.model.append_ids(ids)
        if self._keep is not None and self.model.row_of(self._keep) >= 0:
            self.select_article(self._keep)
            self._keep = None

    def current_article_id(self) -> int | None:
        summary = self.model.summary(self.table.currentIndex().row())
        return summary.id if summary is not None else None

    def select_article(self, article_id: int | None) -> None:
        """Highlight an article without opening it (another pane became current)."""
        self._keep = None  # chosen now: a filter still running must not move the selection
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
    def _count_team(self) -> None:
        """M of "done by N of M": who set a status (kept counts: no scan), and whoever
        annotates now."""
        project = self.ctx.project
        if project is None:
            return
        try:
            team = project.progress().keys() | {self.ctx.annotator}
        except (ProjectError, sqlite3.Error):
            return
        self.model.set_team_size(len(team))

    def _on_status(self, article_id: int, status: str) -> None:
        self.model.set_status(article_id, status)
        self._count_team()

    def _count(self, span: Span, delta: int) -> None:
        if span.origin != SUGGESTED:  # not work done (the kept counts leave them out)
            self.model.add_span_count(span.article_id, delta)

    def _recount(self, span: Span) -> None:
        """The kept count of the span's article (one indexed row): a span's change may be a
        suggestion accepted, or made one again by undo."""
        project = self.ctx.project
        if project is None:
            return
        try:
            kept = project.article_span_count(span.article_id)
        except (ProjectError, sqlite3.Error):
            return
        self.model.set_span_count(span.article_id, kept)

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
        menu = self.context_menu(summary)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self, summary: ArticleSummary) -> QMenu:
        """The right-click menu of one row (not shown: tests trigger its actions)."""
        menu = QMenu(self)
        menu.setObjectName("articleMenu")
        menu.addAction(self.tr("Open"), lambda: self.articleActivated.emit(summary.id))
        menu.addAction(self.tr("Open in Right Pane"), lambda: self.openInRight.emit(summary.id))
        menu.addSeparator()
        for status in STATUSES:
            action = menu.addAction(self.tr("Mark {status}").format(status=status_text(status)),
                                    partial(self.set_status, summary.id, status, summary.title))
            action.setEnabled(status != summary.status and self.ctx.writable())
        menu.addSeparator()
        for text, slot in ((self.tr("Rename…"), self.rename_article),
                           (self.tr("Delete…"), self.delete_article)):
            action = menu.addAction(text, partial(slot, summary.id))
            action.setEnabled(self.ctx.writable())
        return menu

    def rename_article(self, article_id: int) -> bool:
        """Ask for a new title (one undo step, logged)."""
        project = self.ctx.project
        if project is None or not self.ctx.writable():
            return False
        before = project.article(article_id).title
        title = interaction.ask_text(self, self.tr("Rename article"), self.tr("Title:"), before)
        if title is None or not title.strip() or title.strip() == before:
            return False
        return commands.push(self.ctx, commands.RenameArticle(
            self.ctx, article_id, before, title)) is None

    def delete_article(self, article_id: int) -> bool:
        """Delete the article and its spans after a confirmation that counts them (one undo
        step); the next article of the list opens when it was the open one."""
        project = self.ctx.project
        if project is None or not self.ctx.writable():
            return False
        title = project.article(article_id).title
        spans = project.article_span_count(article_id)
        question = self.tr("Delete “{0}” and its {1} span(s), of every annotator?\n\n"
                           "Undo (Ctrl+Z) brings it back. A later import or merge of the same "
                           "text is reported, not added.").format(title, spans)
        if not interaction.confirm(self, self.tr("Delete article"), question):
            return False
        row = self.model.row_of(article_id)
        was_open = self.current_article_id() == article_id
        neighbour = self.model.summary(row + 1) or self.model.summary(row - 1)
        if commands.push(self.ctx, commands.DeleteArticle(self.ctx, article_id, title)):
            return False
        if was_open and neighbour is not None:
            self.select_article(neighbour.id)
            self.articleActivated.emit(neighbour.id)
        return True
