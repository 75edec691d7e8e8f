"""The main window: builds its children, puts actions in menus, wires everything in
``_connect_signals()``. Behaviour lives in the children and controllers, not here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.core import segment
from annotator.core.model import Article, Span
from annotator.ui import interaction
from annotator.ui import settings as S
from annotator.ui.actions import (
    BOUNDARY,
    REVIEW_ONLY,
    Actions,
    build_label_actions,
    scheme_key_problems,
)
from annotator.ui.annotation_list import AnnotationListDock
from annotator.ui.article_list import ArticleListDock
from annotator.ui.claims.relation_picker import RelationTool
from annotator.ui.context import AppContext
from annotator.ui.i18n import LANGUAGES, LanguageMenu
from annotator.ui.labeling import Labeler
from annotator.ui.last_article import LastArticle
from annotator.ui.lost_bar import FileLostBar
from annotator.ui.palette import LabelPalette
from annotator.ui.project_ops import ProjectOps
from annotator.ui.review_docks import ReviewDocksMixin
from annotator.ui.review_mode import ReviewMode
from annotator.ui.status import StatusWidgets, window_title
from annotator.ui.suggestions import Suggestions
from annotator.ui.tasks import after_first_paint, run_task
from annotator.ui.window_dialogs import WindowDialogsMixin
from annotator.ui.window_docks import (
    IndexerOnDemand,
    WindowDocksMixin,
    docks_on_demand,
    docks_shown,
    view_entries,
)
from annotator.ui.workbench import Workbench

if TYPE_CHECKING:
    from annotator.ui.claims.inspector import InspectorDock
    from annotator.ui.dashboard import Dashboard

FONT_STEPS = (8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 16.0, 18.0, 20.0, 24.0, 28.0, 32.0)
#: Actions that change the project file: disabled while its file is lost (see FileLostBar).
EDIT_ACTIONS = ("delete_span", "edit_note", "mark_done", "label_scheme", "import_files",
                "import_teammate", "review", "terms", "keep_word", "add_alias", "assign_work",
                *BOUNDARY)


def _warm_up() -> None:
    """In the thread pool, after the first paint: what the first snap and the first figure
    label would otherwise wait for (jieba's dictionary; the figure parser's tables, ~25 ms of
    imports and regular expressions that the first figure span's parse paid in the key)."""
    import annotator.core.figures  # noqa: F401

    segment.warm_up()


class MainWindow(WindowDialogsMixin, WindowDocksMixin, ReviewDocksMixin, QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.acts = Actions(self, ctx.undo_stack)
        # No style sheet on the window, nor on the panes: it makes every widget under it draw
        # through QStyleSheetStyle (a table cell ~2x slower to paint; ~15 ms of start-up for
        # the panes). The current pane's accent line is painted by the pane itself.
        self.workbench = Workbench(ctx, self)
        self.lost_bar = FileLostBar(self)
        self.setCentralWidget(self._central(self.lost_bar, self.workbench))
        self.articles = ArticleListDock(ctx, self)
        self.annotations = AnnotationListDock(self)
        self.label_palette = LabelPalette(self)
        self.labeler = Labeler(ctx, self.workbench, self)
        self.relations = RelationTool(ctx, self.workbench, self.labeler.can_edit, self)
        self.ops = ProjectOps(ctx, self)
        self.last_article = LastArticle(ctx, self.workbench.left, self)
        self.review = ReviewMode(ctx, self.workbench, self._make_review_dock, self)
        self.suggestions = Suggestions(ctx, self.workbench, self.acts, self.review, self)
        self.dashboard: Dashboard | None = None
        self.inspector: InspectorDock | None = None  # built when first shown (start-up time)
        self.status = StatusWidgets(self.statusBar())
        # the project's search index, built and extended in a low-priority thread from the
        # window's first paint on, so the first search finds it ready (issue 14)
        self.search_index = IndexerOnDemand(ctx, self)
        after_first_paint(self.workbench.left.view.viewport(), self.search_index.release)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.labels_menu = QMenu(self.tr("&Labels"), self)
        self.boundary_menu = QMenu(self.tr("Span &Boundaries"), self)
        self.boundary_menu.addActions([getattr(self.acts, name) for name in BOUNDARY])
        self.language_menu = LanguageMenu(ctx.settings, self, self._on_language_chosen)
        self._label_actions: list[QAction] = []
        self._key_problems: list[str] = []  # reserved hotkeys of the scheme, last told
        self._docks_before_review: QByteArray | None = None
        self._place_docks()
        self._build_menus()
        self._build_toolbar()
        self._connect_signals()
        self._restore_settings()
        self._on_review_active(False)
        self._on_project_changed(ctx.project)
        self._on_labels_changed(ctx.labels())
        self.status.set_annotator(ctx.annotator)

    # ------------------------------------------------------------------ building
    def _place_docks(self) -> None:
        area = Qt.DockWidgetArea
        self.addDockWidget(area.LeftDockWidgetArea, self.articles)
        self.addDockWidget(area.RightDockWidgetArea, self.label_palette)
        self.addDockWidget(area.RightDockWidgetArea, self.annotations)
        # Search, Concordance, Registry, Guidelines, Article: made when first shown
        self._on_demand = docks_on_demand(self)
        # wide enough for titles beside the status, span and done-by columns, unless the
        # screen is small (then the article keeps its room)
        wide = self.screen().availableGeometry().width() >= 1200
        self.resizeDocks([self.articles, self.label_palette], [370 if wide else 290, 390],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.label_palette, self.annotations], [150, 600],
                         Qt.Orientation.Vertical)
        if self.ctx.settings.get(S.INSPECTOR):  # else built when first shown
            self.inspector_dock()

    def _central(self, *children: QWidget) -> QWidget:
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for child in children:  # the last one takes the height
            column.addWidget(child, 1 if child is children[-1] else 0)
        return central

    def _build_menus(self) -> None:
        a, bar = self.acts, self.menuBar()
        edit = self.tr("&Edit")
        menus: dict[str, list[QAction | QMenu | None]] = {
            self.tr("&File"): [a.new_project, a.open_project, self.recent_menu, None, a.import_files,
                      a.import_teammate, a.export, a.snapshot, a.assign_work, None, a.quit],
            edit: [a.undo, a.redo, None, a.delete_span, a.edit_note, a.edit_attributes,
                      a.add_relation, self.boundary_menu,
                      a.clear_selection, None, a.find, a.project_search, None, a.label_scheme,
                      a.terms, a.keep_word, a.add_alias, a.change_annotator],
            self.tr("&Article"): [a.next_article, a.previous_article, a.mark_done, None, a.open_right,
                                  None, self.suggestions.menu],
            self.tr("&View"): [a.toggle_right, a.sync_scroll, a.snapping, a.show_relations, None, a.font_bigger,
                      a.font_smaller, a.font_reset, None,
                      *(d.toggleViewAction() for d in (self.articles, self.annotations,
                                                        self.label_palette)),
                      *view_entries(self._on_demand),
                      a.show_inspector,
                      None, self.language_menu],
            self.tr("&Review"): [a.review, a.dashboard, None, a.review_next, a.review_previous, None,
                        *(getattr(a, n) for n in REVIEW_ONLY[2:])],
            self.tr("&Help"): [a.shortcuts, None, a.about],
        }
        for title, items in menus.items():
            menu = bar.addMenu(title)
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif isinstance(item, QMenu):
                    menu.addMenu(item)
                else:
                    menu.addAction(item)
            if title == edit:
                bar.addMenu(self.labels_menu)
        self.addActions(a.all())  # shortcuts work even while a menu is hidden

    def _build_toolbar(self) -> None:
        a = self.acts
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in (a.import_files, None, a.undo_tool, a.redo_tool, None, a.snapping, None,
                     a.toggle_right, a.sync_scroll, None, a.find, a.project_search):
            bar.addSeparator() if item is None else bar.addAction(item)
        self.addToolBar(bar)

    def _on_language_chosen(self, code: str) -> None:
        self.statusBar().showMessage(
            self.tr("The interface will be in %1 from the next start").replace(
                "%1", LANGUAGES[code]), 10000)

    # ------------------------------------------------------------------ wiring
    def _connect_signals(self) -> None:
        a, ctx, wb, lab = self.acts, self.ctx, self.workbench, self.labeler
        # File
        a.new_project.triggered.connect(self.ops.new_project)
        a.open_project.triggered.connect(self.ops.open_project)
        a.import_files.triggered.connect(lambda: self.ops.import_files())
        a.import_teammate.triggered.connect(lambda: self.ops.import_teammate())
        a.export.triggered.connect(lambda: self.ops.export())
        a.snapshot.triggered.connect(self.ops.snapshot)
        a.assign_work.triggered.connect(self.assign_work)
        a.quit.triggered.connect(self.close)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        # Edit
        a.delete_span.triggered.connect(lambda: self.review.active()
                                        or self.relations.delete_selected()
                                        or lab.delete_selected())
        a.add_relation.triggered.connect(self.relations.start)
        a.edit_note.triggered.connect(lambda: self.review.active() or lab.edit_note())
        a.clear_selection.triggered.connect(lab.clear)
        a.edit_attributes.triggered.connect(self.edit_attributes)
        a.find.triggered.connect(lambda: wb.current().find_bar.open_bar())
        a.project_search.triggered.connect(lambda: self.search.open())
        a.label_scheme.triggered.connect(self.edit_scheme)
        a.change_annotator.triggered.connect(self.change_annotator)
        a.terms.triggered.connect(self.edit_terms)
        a.keep_word.triggered.connect(self.keep_selection_as_word)
        a.add_alias.triggered.connect(lambda: self.add_selection_as_alias())
        for name in BOUNDARY:  # span_end_right -> the end, forward
            getattr(a, name).triggered.connect(
                lambda _c=False, n=name: self.review.active() or lab.move_boundary(
                    end="_end_" in n, forward=n.endswith("right")))
        # Article
        a.next_article.triggered.connect(lambda: self.articles.step(+1))
        a.previous_article.triggered.connect(lambda: self.articles.step(-1))
        a.mark_done.triggered.connect(lab.toggle_done)
        a.open_right.triggered.connect(self._open_list_article_right)
        # View
        a.toggle_right.toggled.connect(wb.set_right_visible)
        a.sync_scroll.toggled.connect(self._set_sync_scroll)
        a.snapping.toggled.connect(self._set_snapping)
        a.show_relations.toggled.connect(self._set_show_relations)
        a.show_inspector.toggled.connect(self._show_inspector)
        a.font_bigger.triggered.connect(lambda: self._step_font(+1))
        a.font_smaller.triggered.connect(lambda: self._step_font(-1))
        a.font_reset.triggered.connect(lambda: self.set_font_size(S.FONT_SIZE.default))
        # Context
        ctx.projectChanged.connect(self._on_project_changed)
        ctx.labelsChanged.connect(self._on_labels_changed)
        ctx.annotatorChanged.connect(self.status.set_annotator)
        ctx.annotatorChanged.connect(lambda _name: self._update_progress())
        ctx.statusChanged.connect(lambda _id, _s: self._update_progress())
        ctx.articlesChanged.connect(self._update_progress)
        ctx.articleEdited.connect(self._on_article_edited)
        ctx.errorOccurred.connect(self._on_error)
        ctx.fileLost.connect(self._on_file_lost)
        ctx.fileLost.connect(lambda _why: self._inspect())
        self.lost_bar.saveRequested.connect(self.ops.save_open_as)
        # Workbench and docks
        wb.currentArticleChanged.connect(self._on_current_article)
        self.annotations.model.describe = ctx.gold_note
        for pane in wb.panes():
            pane.view.describe = ctx.gold_note
        wb.currentSpansReset.connect(self.annotations.set_spans)
        wb.currentSpansLoading.connect(self.annotations.show_loading)
        wb.currentSpanAdded.connect(self.annotations.add_span)
        wb.currentSpanRemoved.connect(self.annotations.remove_span)
        wb.currentSpanChanged.connect(self.annotations.change_span)
        wb.currentPaneChanged.connect(self._update_palette)
        wb.currentPaneChanged.connect(lambda _pane: self._inspect())
        wb.rightPaneToggled.connect(self._on_right_toggled)
        for pane in wb.panes():
            pane.view.spanActivated.connect(self.annotations.highlight)
            pane.view.selectedSpanChanged.connect(lambda _id: self._inspect())
            pane.view.contextMenuBuilding.connect(
                lambda menu, cp, p=pane: self._fill_span_menu(menu, cp, p))
            pane.who.activated.connect(lambda _i, p=pane: self._update_palette(p))
        self.articles.articleActivated.connect(lambda i: wb.open_article(i))
        self.articles.openInRight.connect(lambda i: wb.open_article(i, wb.right))
        self.annotations.spanChosen.connect(self.jump_to_span)
        self.label_palette.labelClicked.connect(self.apply_label)
        self.label_palette.editRequested.connect(self.edit_scheme)
        self.status.annotatorClicked.connect(self.change_annotator)
        lab.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.relations.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        lab.spanSelected.connect(self.annotations.highlight)
        self.ops.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.suggestions.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # Review
        rv = self.review
        a.review.toggled.connect(self._toggle_review)
        rv.activeChanged.connect(self._on_review_active)
        rv.activeChanged.connect(lambda _on: self._inspect())
        rv.entering.connect(self._keep_docks)
        rv.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        a.dashboard.triggered.connect(self.show_dashboard)
        a.review_next.triggered.connect(rv.next)
        a.review_previous.triggered.connect(rv.previous)
        a.accept_left.triggered.connect(lambda: rv.decide("left"))
        a.accept_right.triggered.connect(lambda: rv.decide("right"))
        a.accept_both.triggered.connect(lambda: rv.decide("both"))
        a.reject.triggered.connect(rv.reject)
        a.edit_gold.triggered.connect(rv.edit)
        a.accept_agreeing.triggered.connect(rv.accept_agreeing)
        # Help
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)

    # ------------------------------------------------------------------ slots
    def _fill_span_menu(self, menu: QMenu, cp: int, pane) -> None:
        """A pane's context menu: the span and selection entries (span_menu.py, imported
        with the first menu, not before the first paint)."""
        from annotator.ui.span_menu import fill_context_menu

        fill_context_menu(menu, cp, pane, self.labeler, self.acts, self.ctx.labels(),
                          self.ctx.writable() and not self.review.active())

    def apply_label(self, name: str, exact: bool = False) -> None:
        """A label key or palette click: a span of mine, or in review mode a gold span."""
        if self.review.active():
            self.review.label(name, exact=exact)
        else:
            self.labeler.label(name, exact=exact)

    def inspector_dock(self) -> InspectorDock:
        """The inspector, built and wired when first needed (View ▸ Show Inspector)."""
        if self.inspector is not None:
            return self.inspector
        from annotator.ui.claims.inspector import InspectorDock

        dock = self.inspector = InspectorDock(self.ctx, self)
        if not self.restoreDockWidget(dock):  # a window state saved with it puts it back
            area = Qt.DockWidgetArea.RightDockWidgetArea
            self.addDockWidget(area, dock)
            self.splitDockWidget(self.label_palette, dock, Qt.Orientation.Vertical)
            self.resizeDocks([self.label_palette, dock, self.annotations], [120, 470, 230],
                             Qt.Orientation.Vertical)
        dock.spanRequested.connect(self.jump_to_span)
        dock.spanRequested.connect(lambda span: self.annotations.highlight(span.id))
        dock.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        dock.leaveRequested.connect(lambda: self.workbench.current().view.setFocus())
        dock.registryRequested.connect(self.add_selection_as_alias)
        dock.toggleViewAction().toggled.connect(self._on_inspector_toggled)
        dock.visibilityChanged.connect(lambda shown: self._inspect() if shown else None)
        self._on_inspector_toggled(not dock.isHidden())
        self._inspect()
        return dock

    def _show_inspector(self, on: bool) -> None:
        if on:
            self.inspector_dock().show()
        elif self.inspector is not None:
            self.inspector.hide()
        self.ctx.settings.set(S.INSPECTOR, on)

    def _on_inspector_toggled(self, on: bool) -> None:
        """The dock's own close button or View entry: the menu's check follows. Closing the
        window hides its docks too: that is no choice to remember (the inspector left shown
        is shown, and built, at the next start)."""
        self.acts.show_inspector.blockSignals(True)
        self.acts.show_inspector.setChecked(on)
        self.acts.show_inspector.blockSignals(False)
        if on or self.isVisible():
            self.ctx.settings.set(S.INSPECTOR, on)

    def _inspect(self) -> None:
        """The inspector follows the current pane's selected span (when it is shown)."""
        if self.inspector is None or self.inspector.isHidden():
            return
        pane = self.workbench.current()
        self.inspector.show_span(pane.selected_span(),
                                 read_only=pane.is_read_only() or self.review.active())

    def edit_attributes(self) -> None:
        """Edit ▸ Attributes: the keyboard goes to the selected span's first attribute."""
        if self.workbench.current().selected_span() is None:
            self.statusBar().showMessage(self.tr("Click a span first, then edit its "
                                                 "attributes"), 6000)
            return
        self.acts.show_inspector.setChecked(True)
        if not self.inspector_dock().focus_first_editor():
            self.statusBar().showMessage(self.tr("This span's label has no attributes"), 6000)

    def _share_right_column(self, dock: QDockWidget, on: bool) -> None:
        """A dock shown from View (guidelines, article): half the right column's height, not
        a sliver under the list."""
        if on and not dock.isFloating():
            half = max(200, (self.annotations.height() + dock.height()) // 2)
            self.resizeDocks([self.annotations, dock], [half, half], Qt.Orientation.Vertical)

    def _on_concordance_toggled(self, on: bool) -> None:
        """Shown from View: a third of the window's height, enough rows to read."""
        if on and not self.concordance.isFloating():
            self.resizeDocks([self.concordance], [max(240, self.height() // 3)],
                             Qt.Orientation.Vertical)

    def jump_to_span(self, span: Span) -> None:
        view = self.workbench.current().view
        view.reveal(span.start, span.end)
        view.select_span(span.id)
        view.setFocus()

    def open_hit(self, article_id: int, start: int, end: int) -> None:
        pane = self.workbench.current()
        if pane.article_id() != article_id:
            self.workbench.open_article(article_id, pane)
        pane.view.reveal(start, end)
        pane.view.setFocus()

    def add_selection_as_alias(self, span: Span | None = None) -> None:
        """Edit ▸ Add Selection as Alias… (the span menu; the inspector's Add to Registry)."""
        from annotator.ui.registry.alias import add_selection_as_alias

        self.statusBar().showMessage(add_selection_as_alias(
            self.ctx, self.workbench.current(), self, span), 8000)

    def set_font_size(self, pt: float) -> None:
        self.workbench.set_font_point_size(pt)
        self.ctx.settings.set(S.FONT_SIZE, float(pt))

    def warm_up_segmenter(self) -> None:
        """Load jieba's dictionary in the thread pool so the first snap does not freeze."""
        if segment.is_ready():
            return
        self.statusBar().showMessage(self.tr("Loading the Chinese word list…"))
        run_task(_warm_up, lambda _r, error: self.statusBar().showMessage(
            self.tr("Word snapping unavailable: {error}").format(error=error) if error
            else self.tr("Ready"), 4000), self)

    def _step_font(self, direction: int) -> None:
        now = self.workbench.left.view.font_point_size()
        steps = [s for s in FONT_STEPS if (s > now + 0.1 if direction > 0 else s < now - 0.1)]
        if steps:
            self.set_font_size(steps[0] if direction > 0 else steps[-1])

    def _set_snapping(self, on: bool) -> None:
        self.workbench.set_snapping(on)
        self.ctx.settings.set(S.SNAPPING, on)

    def _set_show_relations(self, on: bool) -> None:
        self.relations.set_shown(on)
        self.ctx.settings.set(S.SHOW_RELATIONS, on)

    def _set_sync_scroll(self, on: bool) -> None:
        self.workbench.set_sync_scroll(on)
        self.ctx.settings.set(S.SYNC_SCROLL, on)

    def _on_right_toggled(self, on: bool) -> None:
        self.acts.toggle_right.blockSignals(True)
        self.acts.toggle_right.setChecked(on)
        self.acts.toggle_right.blockSignals(False)

    def _open_list_article_right(self) -> None:
        article_id = self.articles.current_article_id() or self.workbench.current().article_id()
        if article_id is not None:
            self.workbench.open_article(article_id, self.workbench.right)

    def _on_current_article(self, article: Article | None) -> None:
        self.status.set_article(article)
        self.articles.select_article(article.id if article is not None else None)

    def _on_article_edited(self, article_id: int) -> None:
        """Renamed, deleted or restored: the panes that show it follow (a deleted one shows
        nothing until another article opens)."""
        project = self.ctx.project
        for pane in self.workbench.panes():
            if pane.article_id() != article_id or project is None:
                continue
            if project.has_article(article_id):
                pane.reload()
            else:
                pane.open_article(None)

    def _update_palette(self, pane) -> None:
        self.label_palette.set_editable(not pane.is_read_only() and self.ctx.lost is None)

    def _on_file_lost(self, sentence: str) -> None:
        self.lost_bar.show_message(sentence)
        self.statusBar().showMessage(sentence, 10000)
        self._enable_edits(False)

    def _enable_edits(self, on: bool) -> None:
        for name in EDIT_ACTIONS:
            getattr(self.acts, name).setEnabled(on)
        for action in self._label_actions:
            action.setEnabled(on)
        self.acts.undo.setEnabled(on and self.ctx.undo_stack.canUndo())
        self.acts.redo.setEnabled(on and self.ctx.undo_stack.canRedo())
        self._on_review_active(self.review.active())
        self._update_palette(self.workbench.current())

    def _on_project_changed(self, project: object) -> None:
        has = self.ctx.project is not None
        self.lost_bar.hide()
        self._enable_edits(True)
        for action in (self.acts.import_files, self.acts.export, self.acts.snapshot,
                       self.acts.label_scheme, self.acts.project_search, self.acts.mark_done,
                       self.acts.import_teammate, self.acts.review, self.acts.dashboard,
                       self.acts.assign_work):
            action.setEnabled(has)
        project = self.ctx.project
        self.setWindowTitle(window_title(
            project.path if project is not None else None,
            project.title if project is not None else "", has and not self.ctx.writable()))
        self.status.set_file(project.path if project is not None else None,
                             project.origin() if project is not None else None)
        self._update_progress()
        if has:
            self.articles.reload()
            self.workbench.set_current(self.workbench.left)
            if not self.last_article.reopen():  # else the first article, at its top (a big
                first = self.articles.model.summary(0)  # one by its first screen)
                if first is not None:
                    self.workbench.left.open_article(first.id, first_screen=0)
            self.workbench.left.view.setFocus()

    def _on_labels_changed(self, labels: list) -> None:
        self.label_palette.set_labels(labels)
        self.annotations.set_labels(labels)
        for action in self._label_actions:
            self.removeAction(action)
            action.deleteLater()
        self.labels_menu.clear()
        self._label_actions = []
        for label, action, exact in build_label_actions(self, labels):
            action.triggered.connect(lambda _c=False, n=label.name, e=exact:
                                     self.apply_label(n, e))
            action.setEnabled(self.ctx.lost is None)
            self.addAction(action)
            if not exact:
                self.labels_menu.addAction(action)
            self._label_actions.append(action)
        problems = (scheme_key_problems(self.ctx.project.scheme())
                    if self.ctx.project is not None else [])
        if problems and problems != self._key_problems:  # once, after the window settles
            QTimer.singleShot(0, self, lambda p=problems: interaction.warn(
                self, self.tr("Hotkeys not bound"), "\n".join(p)))
        self._key_problems = problems

    def _update_progress(self) -> None:
        project = self.ctx.project
        self.status.set_progress(project.status_counts(self.ctx.annotator)
                                 if project is not None else {})

    def _on_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        interaction.warn(self, self.tr("Not saved"), message)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.ctx.settings.get(S.RECENT_PROJECTS):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.ops.open_path(p))
        self.recent_menu.setEnabled(True)
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        st = self.ctx.settings
        geometry = st.get(S.GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1320, 820)
        state = st.get(S.WINDOW_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self.workbench.set_pane_sizes(st.get(S.SPLITTER_SIZES))
        self.set_font_size(st.get(S.FONT_SIZE))
        for action, setting in ((self.acts.snapping, S.SNAPPING),
                                (self.acts.sync_scroll, S.SYNC_SCROLL),
                                (self.acts.show_relations, S.SHOW_RELATIONS)):
            action.setChecked(st.get(setting))
            action.toggled.emit(action.isChecked())

    def save_settings(self) -> None:
        self.last_article.save()
        st = self.ctx.settings
        st.set(S.GEOMETRY, self.saveGeometry())
        # closed during review: keep the docks as they are outside it
        kept = self._docks_before_review
        st.set(S.WINDOW_STATE, kept if kept is not None else self.saveState())
        shown = docks_shown(self._on_demand)
        st.set(S.DOCKS_SHOWN, " ".join(shown if kept is None else sorted(
            {*shown, *self._docks_shown_before_review})))
        sizes = self.workbench.pane_sizes()
        if len(sizes) == 2 and min(sizes) > 0:
            st.set(S.SPLITTER_SIZES, sizes)
        path = self.ctx.project_path()
        if path is not None:
            st.set(S.LAST_PROJECT, str(Path(path).resolve()))
        st.sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.ctx.writable()  # back in the window: notice a file deleted or replaced meanwhile
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.save_settings()
        self.articles.shutdown()
        self.ops.shutdown()
        self.ctx.close_project()
        self.search_index.shutdown()
        super().closeEvent(event)

