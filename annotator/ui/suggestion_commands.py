"""Undoable suggestion edits (issue 12): run ``suggest`` on one article, accept, reject, accept
every suggestion of a label. Each is one QUndoCommand; redo/undo call the store only, then tell
the views through the context (see ``commands.py``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from annotator.core.model import Relation, Span
from annotator.store import Project
from annotator.store.scheme_store import AttributeValue
from annotator.store.suggest import KINDS, SUGGESTED, SuggestReport, suggest
from annotator.ui.commands import Outcome, StoreCommand, excerpt
from annotator.ui.context import AppContext

translate = QCoreApplication.translate


def is_suggestion(span: Span | None) -> bool:
    return span is not None and span.origin == SUGGESTED


class _Saved:
    """A span with what goes when it is deleted (values, relations), to bring it back."""

    def __init__(self, project: Project, span: Span) -> None:
        self.span = span
        self.attributes: list[AttributeValue] = project.attribute_values(span.id)
        self.relations: list[Relation] = project.relations_of(span.id)
        self.provenance = project.span_provenance(span.id)  # {"suggested": kind}

    def restore(self, project: Project, who: str) -> Span:
        return project.restore_span(self.span, who, attributes=self.attributes,
                                    relations=self.relations, provenance=self.provenance)


class SuggestOutcome(Outcome):
    """What a suggest run made (kept apart: Qt deletes a command that made nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self.report: SuggestReport | None = None


class RunSuggest(StoreCommand):
    """Suggest spans of ``kinds`` in one article for the current annotator. Undo deletes
    exactly the spans it made; redo brings the same spans back (same ids and values)."""

    def __init__(self, ctx: AppContext, article_id: int, kinds: Sequence[str] = KINDS) -> None:
        super().__init__(ctx, translate("commands", "Suggest in article"))
        self.article_id = article_id
        self.kinds = tuple(kinds)
        self.result = self.outcome = SuggestOutcome()
        self.made: list[Span] = []
        self.saved: list[_Saved] = []

    def _suggested_ids(self, project: Project) -> set[str]:
        return {s.id for s in project.spans(self.article_id, self.who) if s.origin == SUGGESTED}

    def _redo(self, project: Project) -> None:
        if self.result.report is None:
            before = self._suggested_ids(project)
            self.result.report = suggest(project, self.who, kinds=self.kinds,
                                  article_ids=[self.article_id])
            self.made = [s for s in project.spans(self.article_id, self.who)
                         if s.origin == SUGGESTED and s.id not in before]
        else:
            with project.transaction():
                self.made = [saved.restore(project, self.who) for saved in self.saved]
        if not self.made:
            self.setObsolete(True)  # nothing to undo: no empty step on the stack
        for span in self.made:
            self.ctx.notify_span_added(span)

    def _undo(self, project: Project) -> None:
        with project.transaction():
            self.saved = [_Saved(project, span) for span in self.made]
            gone = [project.delete_span(span.id, self.who) for span in self.made]
        for span in gone:
            self.ctx.notify_span_removed(span)


class AcceptSuggestions(StoreCommand):
    """Accept suggestions (origin becomes manual); undo makes them suggestions again."""

    def __init__(self, ctx: AppContext, spans: Sequence[Span], text: str = "") -> None:
        first = spans[0]
        super().__init__(ctx, text or translate("commands", "Accept {0} {1}").format(
            first.label, excerpt(first.text)))
        self.ids = [s.id for s in spans]

    def _redo(self, project: Project) -> None:
        with project.transaction():
            for span_id in self.ids:
                project.accept_suggestion(span_id, self.who)
            after = [project.span(span_id) for span_id in self.ids]
        for span in after:
            self.ctx.notify_span_changed(span)

    def _undo(self, project: Project) -> None:
        with project.transaction():
            after = [project.unaccept_suggestion(span_id, self.who) for span_id in self.ids]
        for span in after:
            self.ctx.notify_span_changed(span)


class RejectSuggestion(StoreCommand):
    """Reject a suggestion: deleted and remembered, never suggested again. Undo brings it back
    (same id, values, relations) and forgets the rejection."""

    def __init__(self, ctx: AppContext, span: Span) -> None:
        super().__init__(ctx, translate("commands", "Reject {0} {1}").format(
            span.label, excerpt(span.text)))
        self.span = span
        self.saved: _Saved | None = None

    def _redo(self, project: Project) -> None:
        with project.transaction():
            self.saved = _Saved(project, project.span(self.span.id))
            self.span = project.reject_suggestion(self.span.id, self.who)
        self.ctx.notify_span_removed(self.span)

    def _undo(self, project: Project) -> None:
        assert self.saved is not None
        with project.transaction():
            self.span = self.saved.restore(project, self.who)
            project.forget_rejection(self.span, self.who)
        self.ctx.notify_span_added(self.span)
