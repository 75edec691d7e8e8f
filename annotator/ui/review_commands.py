"""Adjudication decisions as undo commands (one QUndoCommand per decision).

``redo`` the first time calls the decision of :mod:`annotator.review.adjudicate` (accept left,
right or both, edit, accept all agreeing), which creates gold spans in one transaction; the
command keeps them and their provenance. ``undo`` deletes exactly those gold spans; a later
``redo`` puts them back with ``restore_gold`` (same ids, times and provenance). A rejection
creates nothing: its undo records ``unreject``. Views follow the context's span signals and the
undo stack's ``indexChanged``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from annotator.core.labels import SchemeError
from annotator.core.model import Span
from annotator.review import adjudicate
from annotator.review import adjudicate_structure as structure
from annotator.review.adjudicate import Disagreement
from annotator.review.adjudicate_structure import StructureRow
from annotator.review.layers import GOLD, layer_spans, provenance
from annotator.store import InvariantError, Project
from annotator.store.scheme_store import AttributeValue
from annotator.ui.commands import StoreCommand, excerpt
from annotator.ui.context import AppContext

#: decision name -> (menu text, function(project, disagreement, who) -> created gold spans)
DECISIONS: dict[str, tuple[str, Callable[[Project, Disagreement, str], list[Span]]]] = {
    "left": (str(QT_TRANSLATE_NOOP("review_commands", "Accept left")), adjudicate.accept_left),
    "right": (str(QT_TRANSLATE_NOOP("review_commands", "Accept right")),
              adjudicate.accept_right),
    "both": (str(QT_TRANSLATE_NOOP("review_commands", "Accept both")), adjudicate.accept_both),
}


class GoldCommand(StoreCommand):
    """A decision that creates gold spans; ``make(project, who)`` runs it the first time. It
    may also add sources to gold spans already there and record ``rejected`` ids as rejected;
    undo takes back all three in one transaction."""

    def __init__(self, ctx: AppContext, text: str, article_id: int,
                 make: Callable[[Project, str], list[Span]],
                 rejected: Sequence[str] = ()) -> None:
        super().__init__(ctx, text)
        self.article_id = article_id
        self.make = make
        self.rejected = list(rejected)
        self.created: list[Span] = []
        self.provenances: dict[str, dict[str, Any]] = {}
        self.values: dict[str, list[AttributeValue]] = {}  # attribute values of created spans
        self.changed: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # id: before, after
        self.done_once = False

    def _gold_provenance(self, project: Project) -> dict[str, dict[str, Any]]:
        return provenance(project, [s.id for s in layer_spans(project, self.article_id, GOLD)])

    def _redo(self, project: Project) -> None:
        if not self.done_once:
            before = self._gold_provenance(project)
            self.created = self.make(project, self.who)
            after = self._gold_provenance(project)
            self.changed = {i: (old, after[i]) for i, old in before.items()
                            if after.get(i, old) != old}
            self.provenances = {s.id: after[s.id] for s in self.created}
            self.values = {s.id: project.attribute_values(s.id) for s in self.created}
            self.done_once = True
        else:
            with project.transaction():
                self.created = adjudicate.restore_gold(project, self.created, self.provenances,
                                                       self.who)
                for span_id, values in self.values.items():
                    project.restore_attribute_values(span_id, values, self.who)
                self._set(project, 1, "review.reject")
        for span in self.created:
            self.ctx.notify_span_added(span)

    def _undo(self, project: Project) -> None:
        with project.transaction():
            removed = [project.delete_span(span.id, self.who) for span in self.created]
            self._set(project, 0, "review.unreject")
        for span in removed:
            self.ctx.notify_span_removed(span)

    def _set(self, project: Project, which: int, action: str) -> None:
        for span_id, pair in self.changed.items():
            project.set_provenance(span_id, pair[which], self.who)
        if self.rejected:
            project.log(self.who, action, "review", str(self.article_id),
                        {"spans": self.rejected})


def decide(ctx: AppContext, decision: str, d: Disagreement) -> GoldCommand:
    """Accept the left side, the right side or both of ``d`` (the other side is rejected)."""
    text, func = DECISIONS[decision]
    text = QCoreApplication.translate("review_commands", text)
    return GoldCommand(ctx, f"{text}: {excerpt(_label_text(d, decision))}", d.article_id,
                       lambda project, who: func(project, d, who),
                       adjudicate.losers(d, decision))


def edit(ctx: AppContext, d: Disagreement, start: int, end: int, label: str,
         covered: str) -> GoldCommand:
    """A gold span with the adjudicator's own extent and label, from ``d``'s spans."""
    return GoldCommand(ctx, QCoreApplication.translate("review_commands", "Gold {0} {1}").format(
        label, excerpt(covered)), d.article_id,
                       lambda project, who: adjudicate.edit(project, d, who, start, end, label))


def accept_agreeing(ctx: AppContext, article_id: int, left: str, right: str) -> GoldCommand:
    return GoldCommand(ctx, QCoreApplication.translate("review_commands",
                                                       "Accept all agreeing spans"), article_id,
                       lambda project, who: adjudicate.accept_all_agreeing(
                           project, article_id, left, right, who))


class Reject(StoreCommand):
    """Neither side: no gold span; recorded in the change log (undo: ``unreject``)."""

    def __init__(self, ctx: AppContext, d: Disagreement) -> None:
        super().__init__(ctx, QCoreApplication.translate("review_commands", "Reject {0}").format(
            excerpt(_label_text(d))))
        self.d = d

    def _redo(self, project: Project) -> None:
        adjudicate.reject(project, self.d, self.who)

    def _undo(self, project: Project) -> None:
        adjudicate.unreject(project, self.d, self.who)


def _label_text(d: Disagreement, side: str = "left") -> str:
    """The label and text of the span a decision about ``d`` keeps (the right side's first
    span for "right"), or the kind of ``d``."""
    sides = (d.right, d.left) if side == "right" else (d.left, d.right)
    span = (sides[0] or sides[1] or (None,))[0]
    return f"{span.label} {span.text}" if span is not None else d.kind


class StructureDecision(StoreCommand):
    """A decision on an attribute, relation or article-attribute row
    (:mod:`annotator.review.adjudicate_structure`): the first redo decides, undo takes back
    exactly what it changed, a later redo puts it back with the same ids."""

    def __init__(self, ctx: AppContext, row: StructureRow, decision: str,
                 value: Any = None) -> None:
        text = QCoreApplication.translate("review_commands", STRUCTURE_TEXT[decision])
        super().__init__(ctx, f"{text}: {row.kind} {row.name}")
        self.row, self.decision, self.value = row, decision, value
        self.change: structure.Change | None = None

    def _redo(self, project: Project) -> None:
        try:
            if self.change is None:
                self.change = structure.decide(project, self.row, self.decision, self.who,
                                               self.value)
            else:
                structure.redo(project, self.change, self.who)
        except SchemeError as exc:  # a value the scheme refuses: nothing was written
            raise InvariantError(str(exc)) from exc
        for span in self.change.created:
            self.ctx.notify_span_added(span)
        if self.change.relation is not None:
            self.ctx.notify_relation_added(self.change.relation)
        self._notify_values()

    def _undo(self, project: Project) -> None:
        assert self.change is not None
        structure.undo(project, self.change, self.who)
        if self.change.relation is not None:
            self.ctx.notify_relation_removed(self.change.relation)
        for span in self.change.created:
            self.ctx.notify_span_removed(span)
        self._notify_values()

    def _notify_values(self) -> None:
        assert self.change is not None
        if self.change.attribute is not None:
            self.ctx.notify_attributes(self.change.attribute[0])
        if self.change.article_value is not None:
            self.ctx.notify_article_attributes(self.row.article_id)


#: decision -> undo text of a structure decision
STRUCTURE_TEXT = {
    "left": str(QT_TRANSLATE_NOOP("review_commands", "Accept left")),
    "right": str(QT_TRANSLATE_NOOP("review_commands", "Accept right")),
    "edit": str(QT_TRANSLATE_NOOP("review_commands", "Gold value")),
    "reject": str(QT_TRANSLATE_NOOP("review_commands", "Reject")),
}
