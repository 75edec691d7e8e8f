"""Review mode: one article, two layers side by side, their disagreements, and the decisions.

While active, the left pane shows the left layer's spans and the right pane the right layer's
(an annotator, or the gold layer ``@gold``), both read-only for ordinary span edits (the window
routes label keys here: a label key turns the selection into a gold span, an "edit" decision),
with synchronized scrolling. Every disagreement is outlined dashed in both panes (the current one
solid). Decisions are undo commands (:mod:`annotator.ui.review_commands`); after any change on the
undo stack the list and the panes are recomputed from the project (one article: cheap).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from annotator.core.model import Article
from annotator.core.names import GOLD
from annotator.review.layers import layer_names, layer_spans
from annotator.store import ProjectError
from annotator.ui import interaction
from annotator.ui.commands import push
from annotator.ui.context import AppContext
from annotator.ui.workbench import Workbench

if TYPE_CHECKING:
    from annotator.review.adjudicate_structure import StructureRow
    from annotator.ui import review_commands
    from annotator.ui.review_panel import ReviewDock, Row

# Review mode's dock, its decisions and the review package's comparisons are imported when
# review mode is first used: the window's first paint needs none of them (issue 14).


class ReviewMode(QObject):
    #: Review mode was switched on or off (payload: bool).
    activeChanged = Signal(bool)
    #: Review mode is about to show its dock (the window keeps its dock layout to restore).
    entering = Signal()
    #: The disagreement list was recomputed (payload: list of every Disagreement).
    refreshed = Signal(object)
    #: A line for the status bar (payload: text).
    message = Signal(str)

    def __init__(self, ctx: AppContext, workbench: Workbench, make_dock: Callable[[], ReviewDock],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workbench = workbench
        self._make_dock = make_dock
        self._dock: ReviewDock | None = None
        self.article_id: int | None = None
        self.left = ""
        self.right = GOLD
        self._active = False
        self._applying = False
        self._sync_before = False
        self._current: tuple[str, ...] | None = None  # the span ids of the current row
        ctx.undo_stack.indexChanged.connect(lambda _i: self.refresh())
        ctx.labelsChanged.connect(lambda _l: self.refresh())
        ctx.annotatorChanged.connect(lambda _n: self.refresh())
        ctx.articlesChanged.connect(self.refresh)  # e.g. a teammate's work was merged
        ctx.projectChanged.connect(lambda _p: self.stop())
        for pane in workbench.panes():
            pane.articleChanged.connect(self._on_pane_article)

    @property
    def dock(self) -> ReviewDock:
        """The review dock, made when review mode first needs it (hidden until it starts)."""
        if self._dock is None:
            dock = self._dock = self._make_dock()
            dock.articleChosen.connect(self.set_article)
            dock.layersChosen.connect(self.set_layers)
            dock.disagreementChosen.connect(self._on_chosen)
        return self._dock

    # ------------------------------------------------------------------ mode
    def active(self) -> bool:
        return self._active

    def start(self, article_id: int | None = None, left: str | None = None,
              right: str | None = None, *, label: str | None = None) -> bool:
        """Review ``article_id`` (default: the current pane's article) between two layers
        (default: the first two annotators, or the only one against gold), listing only the
        disagreements that involve ``label`` when one is given."""
        project = self.ctx.project
        if project is None:
            return False
        article_id = article_id or self.article_id or self.workbench.current().article_id()
        if article_id is None:
            self.message.emit(self.tr("Open an article first"))
            return False
        names = [n for n in layer_names(project) if n != GOLD]
        if left is None or right is None:
            if self.left and self._active:
                left, right = left or self.left, right or self.right
            else:
                left = left or (names[0] if names else self.ctx.annotator)
                right = right or next((n for n in names if n != left), GOLD)
        was_active, self._active = self._active, True
        self.article_id, self.left, self.right = article_id, left, right
        self._current = None
        if not was_active:
            self.entering.emit()
            self._sync_before = self.workbench.sync_scroll()
            self.workbench.set_right_visible(True)
            self.workbench.set_sync_scroll(True)
            for pane in self.workbench.panes():
                pane.who.hide()
            self.dock.show()
            self.dock.raise_()
        self.dock.set_articles(project.articles(annotator=self.ctx.annotator), article_id)
        self.dock.set_layers(names, left, right)
        self.dock.set_label_names([lb.name for lb in self.ctx.labels()], label)
        self.refresh(reset_scroll=True)
        if not was_active:
            self.activeChanged.emit(True)
        self.next()
        return True

    def stop(self) -> None:
        if not self._active:
            return
        self._active = False
        self.workbench.set_sync_scroll(self._sync_before)
        for pane in self.workbench.panes():
            pane.who.show()
            pane.view.set_marks([])
            pane.reload()
        self.dock.model.set_disagreements([], "")
        self.dock.hide()
        self.activeChanged.emit(False)

    def set_article(self, article_id: int) -> None:
        if self._active and article_id != self.article_id:
            self.article_id = article_id
            self._current = None
            self.dock.set_article(article_id)
            self.refresh(reset_scroll=True)
            self.next()

    def set_layers(self, left: str, right: str) -> None:
        if self._active and (left, right) != (self.left, self.right):
            self.left, self.right = left, right
            self.refresh(reset_scroll=True)

    # ------------------------------------------------------------------ what is shown
    def refresh(self, *, reset_scroll: bool = False) -> None:
        """Recompute the disagreements and show both layers (after any change)."""
        project = self.ctx.project
        if not self._active or project is None or self.article_id is None:
            return
        from annotator.review import disagreements
        from annotator.review.adjudicate_structure import structure_rows

        try:
            article = project.article(self.article_id)
            found: list[Row] = [
                *disagreements(project, self.article_id, self.left, self.right),
                *structure_rows(project, self.article_id, self.left, self.right)]
        except ProjectError as exc:
            self.message.emit(str(exc))
            return
        model = self.dock.model
        model.set_disagreements(found, article.text)
        self._show(article, reset_scroll)
        gold = len(layer_spans(project, article.id, GOLD))
        open_ = sum(not d.resolved for d in found)
        self.dock.summary.setText(self.tr("{0} disagreement(s), {1} open; {2} gold span(s) in "
                                          "this article").format(len(found), open_, gold))
        row = model.row_of(self._current)
        self._applying = True
        try:
            self.dock.select_row(row)
        finally:
            self._applying = False
        self._mark(self.dock.current())
        self.refreshed.emit(found)

    def _show(self, article: Article, reset_scroll: bool) -> None:
        from annotator.ui.review_panel import layer_title

        project = self.ctx.require_project()
        self._applying = True
        try:
            for pane, layer in zip(self.workbench.panes(), (self.left, self.right)):
                spans = layer_spans(project, article.id, layer)
                if reset_scroll or pane.article_id() != article.id:
                    pane.view.set_article(article, spans, self.ctx.labels())
                else:
                    pane.view.set_spans(spans)
                pane.view.set_read_only_spans(True)
                pane.title.setText(f"{layer_title(layer)} — {article.title or article.id}")
                pane.spansReset.emit(pane.view.spans())
        finally:
            self._applying = False

    def _mark(self, current: Row | None) -> None:
        ranges = list(dict.fromkeys((d.start, d.end) for d in self.dock.model.all()
                                    if not d.resolved and d.end > d.start))
        key = (current.start, current.end) if current is not None else None
        index = ranges.index(key) if key in ranges else -1
        for pane in self.workbench.panes():
            pane.view.set_marks(ranges, index)

    def _on_chosen(self, d: Row | None) -> None:
        if self._applying:
            return
        self._current = d.row_key if d is not None else None
        self._mark(d)
        if d is not None and d.end > d.start:
            for pane in self.workbench.panes():
                pane.view.reveal(d.start, d.end)

    def _on_pane_article(self, article: Article | None) -> None:
        """An article opened in a pane (the article list) is reviewed in both."""
        if not self._active or self._applying:
            return
        if article is None:
            self.stop()
        else:
            self.article_id = None
            self.set_article(article.id)

    # ------------------------------------------------------------------ navigation
    def next(self) -> bool:
        return self._step(+1)

    def previous(self) -> bool:
        return self._step(-1)

    def _step(self, direction: int) -> bool:
        rows = self.dock.model.rowCount() if self._active else 0
        if rows == 0:
            return False
        row = self.dock.table.currentIndex().row()
        if row < 0:
            row = 0 if direction > 0 else rows - 1
        else:
            row = (row + direction) % rows
        self.dock.select_row(row)
        return True

    # ------------------------------------------------------------------ decisions
    def current(self) -> Row | None:
        return self.dock.current() if self._active else None

    def decide(self, decision: str) -> bool:
        """Accept "left", "right" or "both" sides of the current disagreement."""
        from annotator.review.adjudicate_structure import StructureRow
        from annotator.ui import review_commands

        d = self._require_current()
        if isinstance(d, StructureRow):
            if decision == "both":
                self.message.emit(self.tr("Accept Both is for span rows: pick a value (E)"))
                return False
            return self._push(review_commands.StructureDecision(self.ctx, d, decision), d)
        return d is not None and self._push(review_commands.decide(self.ctx, decision, d), d)

    def reject(self) -> bool:
        from annotator.review.adjudicate_structure import StructureRow
        from annotator.ui import review_commands

        d = self._require_current()
        if isinstance(d, StructureRow):
            return self._push(review_commands.StructureDecision(self.ctx, d, "reject"), d)
        return d is not None and self._push(review_commands.Reject(self.ctx, d), d)

    def accept_agreeing(self) -> bool:
        if not self._active or self.article_id is None or not self._writable():
            return False
        from annotator.ui import review_commands

        return self._push(review_commands.accept_agreeing(self.ctx, self.article_id, self.left,
                                                          self.right), None)

    def edit(self) -> bool:
        """A gold span over the selection (or the current disagreement), label asked for."""
        from annotator.review.adjudicate_structure import StructureRow

        d = self.current()
        if isinstance(d, StructureRow):
            return self._edit_structure(d)
        selected = self.workbench.current().view.selected_range(exact=True)
        if selected is None and d is not None:
            selected = (d.start, d.end)
        if selected is None:
            self.message.emit(self.tr("Select a range or a disagreement first"))
            return False
        names = [label.name for label in self.ctx.labels()]
        first = [s.label for s in ((*d.left, *d.right) if d is not None else ())]
        names = list(dict.fromkeys([*first, *names]))
        label = interaction.ask_choice(self.workbench, self.tr("Gold span"),
                                       self.tr("Label of the gold span:"), names)
        return bool(label) and self._edit(*selected, str(label))

    def label(self, name: str, *, exact: bool = False) -> bool:
        """A label key in review mode: the selection becomes a gold span with that label."""
        selected = self.workbench.current().view.selected_range(exact=exact)
        if selected is None:
            self.message.emit(self.tr("Select some text, then press a label key for a gold span"))
            return False
        return self._edit(*selected, name)

    def _edit(self, start: int, end: int, label: str) -> bool:
        if not self._active or self.article_id is None or not self._writable():
            return False
        from annotator.review import Disagreement
        from annotator.ui import review_commands

        d = self.current()
        overlapping = [x for x in self.dock.model.all()
                       if isinstance(x, Disagreement) and x.start < end and start < x.end]
        if d is None or d not in overlapping:
            d = overlapping[0] if overlapping else Disagreement(self.article_id, "edit", start,
                                                                  end, (), ())
        text = self.ctx.require_project().article(self.article_id).text[start:end]
        return self._push(review_commands.edit(self.ctx, d, start, end, label, text), d)

    def _edit_structure(self, d: StructureRow) -> bool:
        """A value in the attribute's own editor, or a relation type, chosen for gold."""
        if not self._writable():
            return False
        from annotator.ui import review_commands
        from annotator.ui.review_structure import ask_structure_value

        value = ask_structure_value(self.workbench, self.ctx.require_project().scheme(), d)
        if value is None:
            return False
        return self._push(review_commands.StructureDecision(self.ctx, d, "edit", value[0]), d)

    def _require_current(self) -> Row | None:
        d = self.current()
        if d is None:
            self.message.emit(self.tr("Pick a disagreement first (F8: next)"))
            return None
        return d if self._writable() else None

    def _writable(self) -> bool:
        if not self.ctx.writable():
            self.message.emit(self.tr("The project is open read-only"))
            return False
        return True

    def _push(self, command: review_commands.StoreCommand, d: Row | None) -> bool:
        before = self.dock.table.currentIndex().row()
        error = push(self.ctx, command)  # the stack's indexChanged refreshes the list
        if error is not None:
            self.message.emit(str(error))
            return False
        if d is not None:
            self._after_decision(d, before)
        return True

    def _after_decision(self, d: Row, row_before: int) -> None:
        """Move on to the next open disagreement after the one just settled."""
        rows = self.dock.model.disagreements()
        at = self.dock.model.row_of(d.row_key)
        open_rows = [i for i, x in enumerate(rows) if not x.resolved]
        later = [i for i in open_rows if i > at] or open_rows
        if later:
            self.dock.select_row(later[0])
        elif rows:
            self.dock.select_row(min(max(row_before, 0), len(rows) - 1))
