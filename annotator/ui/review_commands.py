"""Adjudication decisions as undo commands (one QUndoCommand per decision).

``redo`` the first time calls the decision of :mod:`annotator.review.adjudicate` (accept left,
right or both, edit, accept all agreeing), which creates gold spans in one transaction; the
command keeps them and their provenance. ``undo`` deletes exactly those gold spans; a later
``redo`` puts them back with ``restore_gold`` (same ids, times and provenance). A rejection
creates nothing: its undo records ``unreject``. Views follow the context's span signals and the
undo stack's ``indexChanged``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotator.core.model import Span
from annotator.review import adjudicate
from annotator.review.adjudicate import Disagreement
from annotator.review.layers import provenance
from annotator.store import Project
from annotator.ui.commands import StoreCommand, excerpt
from annotator.ui.context import AppContext

#: decision name -> (menu text, function(project, disagreement, who) -> created gold spans)
DECISIONS: dict[str, tuple[str, Callable[[Project, Disagreement, str], list[Span]]]] = {
    "left": ("Accept left", adjudicate.accept_left),
    "right": ("Accept right", adjudicate.accept_right),
    "both": ("Accept both", adjudicate.accept_both),
}


class GoldCommand(StoreCommand):
    """A decision that creates gold spans; ``make(project, who)`` runs it the first time."""

    def __init__(self, ctx: AppContext, text: str,
                 make: Callable[[Project, str], list[Span]]) -> None:
        super().__init__(ctx, text)
        self.make = make
        self.created: list[Span] = []
        self.provenances: dict[str, dict[str, Any]] = {}
        self.done_once = False

    def _redo(self, project: Project) -> None:
        if not self.done_once:
            self.created = self.make(project, self.who)
            self.provenances = provenance(project, [s.id for s in self.created])
            self.done_once = True
        else:
            self.created = adjudicate.restore_gold(project, self.created, self.provenances,
                                                   self.who)
        for span in self.created:
            self.ctx.notify_span_added(span)

    def _undo(self, project: Project) -> None:
        with project.transaction():
            removed = [project.delete_span(span.id, self.who) for span in self.created]
        for span in removed:
            self.ctx.notify_span_removed(span)


def decide(ctx: AppContext, decision: str, d: Disagreement) -> GoldCommand:
    """Accept the left side, the right side or both of ``d``."""
    text, func = DECISIONS[decision]
    return GoldCommand(ctx, f"{text}: {excerpt(_label_text(d, decision))}",
                       lambda project, who: func(project, d, who))


def edit(ctx: AppContext, d: Disagreement, start: int, end: int, label: str,
         covered: str) -> GoldCommand:
    """A gold span with the adjudicator's own extent and label, from ``d``'s spans."""
    return GoldCommand(ctx, f"Gold {label} {excerpt(covered)}",
                       lambda project, who: adjudicate.edit(project, d, who, start, end, label))


def accept_agreeing(ctx: AppContext, article_id: int, left: str, right: str) -> GoldCommand:
    return GoldCommand(ctx, "Accept all agreeing spans",
                       lambda project, who: adjudicate.accept_all_agreeing(
                           project, article_id, left, right, who))


class Reject(StoreCommand):
    """Neither side: no gold span; recorded in the change log (undo: ``unreject``)."""

    def __init__(self, ctx: AppContext, d: Disagreement) -> None:
        super().__init__(ctx, f"Reject {excerpt(_label_text(d))}")
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
