"""Undoable relation edits: one QUndoCommand per relation added or deleted.

``redo``/``undo`` call the store only (``add_relation``, ``delete_relation``,
``restore_relations``) and then tell the views through the context. Undoing a delete puts the
relation back with its id, annotator and creation time.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.model import Relation, Span
from annotator.store import Project
from annotator.ui.commands import StoreCommand, excerpt
from annotator.ui.context import AppContext

translate = QCoreApplication.translate


class AddRelation(StoreCommand):
    """A relation of ``type_`` from ``source`` to ``target``, recorded under the annotator."""

    def __init__(self, ctx: AppContext, source: Span, target: Span, type_: str) -> None:
        super().__init__(ctx, translate("commands", "Relate {0} {1} → {2}").format(
            excerpt(source.text), type_, excerpt(target.text)))
        self.args = (source.id, target.id, type_)
        self.relation: Relation | None = None

    def _redo(self, project: Project) -> None:
        if self.relation is None:
            from_span, to_span, type_ = self.args
            self.relation = project.add_relation(from_span, to_span, type_, self.who)
        else:  # redo after undo: the same relation, same id
            project.restore_relations([self.relation], self.who)
        self.ctx.notify_relation_added(self.relation)

    def _undo(self, project: Project) -> None:
        assert self.relation is not None
        self.relation = project.delete_relation(self.relation.id, self.who)
        self.ctx.notify_relation_removed(self.relation)


class DeleteRelation(StoreCommand):
    def __init__(self, ctx: AppContext, relation: Relation, text: str = "") -> None:
        super().__init__(ctx, translate("commands", "Delete relation {0} {1}").format(
            relation.type, excerpt(text)))
        self.relation = relation

    def _redo(self, project: Project) -> None:
        self.relation = project.delete_relation(self.relation.id, self.who)
        self.ctx.notify_relation_removed(self.relation)

    def _undo(self, project: Project) -> None:
        project.restore_relations([self.relation], self.who)
        self.ctx.notify_relation_added(self.relation)
