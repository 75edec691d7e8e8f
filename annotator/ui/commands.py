"""Undoable edits: one small QUndoCommand per user action (orange-canvas-core style).

``redo`` and ``undo`` call the store only (each call is its own durable transaction) and then tell
the views through the context. Undoing an add deletes the span; undoing a delete restores it with
the same id, annotator and creation time. A store error (disk full, locked file...) is reported
through the context and marks the command obsolete, so Qt drops it instead of leaving a stack
entry that does not match the file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.core.model import Relation, Span
from annotator.store import Project, ProjectError
from annotator.store.fillers import fill_figure_attributes
from annotator.store.scheme_store import AttributeValue
from annotator.ui.context import AppContext

translate = QCoreApplication.translate
EXCERPT = 16


def excerpt(text: str, limit: int = EXCERPT) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


class Outcome:
    """Survives the command (Qt deletes an obsolete one): the error of the last step, if any."""

    def __init__(self) -> None:
        self.error: ProjectError | None = None


class StoreCommand(QUndoCommand):
    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.who = ctx.annotator
        self.outcome = Outcome()

    def redo(self) -> None:
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step) -> None:
        try:
            step(self.ctx.require_project())
        except ProjectError as exc:
            self.outcome.error = exc
            self.setObsolete(True)
            self.ctx.report_error(exc)

    def _redo(self, project: Project) -> None:
        raise NotImplementedError

    def _undo(self, project: Project) -> None:
        raise NotImplementedError


def push(ctx: AppContext, command: StoreCommand) -> ProjectError | None:
    """Run ``command`` and put it on the undo stack; return the store's error, if any."""
    outcome = command.outcome
    ctx.undo_stack.push(command)
    return outcome.error


class AddSpan(StoreCommand):
    """Add a span; the first span of an article still "todo" also marks it in progress."""

    def __init__(self, ctx: AppContext, article_id: int, start: int, end: int, label: str,
                 text: str, note: str = "") -> None:
        super().__init__(ctx, translate("commands", "Add {0} {1}").format(label, excerpt(text)))
        self.args = (article_id, start, end, label)
        self.covered = text
        self.note = note
        self.span: Span | None = None
        self.started = False  # this command moved the article from todo to in-progress

    def _redo(self, project: Project) -> None:
        article_id, start, end, label = self.args
        with project.transaction():
            if self.span is None:
                self.span = project.add_span(article_id, start, end, label, self.who,
                                             text=self.covered, note=self.note)
                self.started = project.article_status(article_id, self.who) == "todo"
            else:  # redo after undo: the same span, same id
                self.span = project.restore_span(self.span, self.who)
            # a figure's value, unit, approx and basis, parsed (issue 12); nothing for others
            fill_figure_attributes(project, self.span, self.who)
        self.ctx.notify_span_added(self.span)
        if self.started:
            project.set_status(article_id, "in-progress", self.who)
            self.ctx.notify_status(article_id, "in-progress")

    def _undo(self, project: Project) -> None:
        assert self.span is not None
        self.span = project.delete_span(self.span.id, self.who)
        self.ctx.notify_span_removed(self.span)
        if self.started:
            project.set_status(self.span.article_id, "todo", self.who)
            self.ctx.notify_status(self.span.article_id, "todo")


class DeleteSpan(StoreCommand):
    """Delete a span; undo brings it back with its attribute values and relations."""

    def __init__(self, ctx: AppContext, span: Span) -> None:
        super().__init__(ctx, translate("commands", "Delete {0} {1}").format(
            span.label, excerpt(span.text)))
        self.span = span
        self.attributes: list[AttributeValue] = []
        self.relations: list[Relation] = []
        self.provenance: dict = {}

    def _redo(self, project: Project) -> None:
        # what goes with the span (the store deletes it too), read to come back on undo
        self.attributes = project.attribute_values(self.span.id)
        self.relations = project.relations_of(self.span.id)
        self.provenance = project.span_provenance(self.span.id)
        self.span = project.delete_span(self.span.id, self.who)
        self.ctx.notify_span_removed(self.span)

    def _undo(self, project: Project) -> None:
        self.span = project.restore_span(self.span, self.who, attributes=self.attributes,
                                         relations=self.relations, provenance=self.provenance)
        self.ctx.notify_span_added(self.span)


class Relabel(StoreCommand):
    def __init__(self, ctx: AppContext, span: Span, label: str) -> None:
        super().__init__(ctx, translate("commands", "Relabel {0} {1} → {2}").format(
            excerpt(span.text), span.label, label))
        self.span_id = span.id
        self.before = span.label
        self.after = label

    def _redo(self, project: Project) -> None:
        self.ctx.notify_span_changed(project.update_span(self.span_id, self.who,
                                                         label=self.after))

    def _undo(self, project: Project) -> None:
        self.ctx.notify_span_changed(project.update_span(self.span_id, self.who,
                                                         label=self.before))


class EditNote(StoreCommand):
    def __init__(self, ctx: AppContext, span: Span, note: str) -> None:
        super().__init__(ctx, translate("commands", "Edit note of {0}").format(excerpt(span.text)))
        self.span_id = span.id
        self.before = span.note
        self.after = note

    def _redo(self, project: Project) -> None:
        self.ctx.notify_span_changed(project.update_span(self.span_id, self.who,
                                                         note=self.after))

    def _undo(self, project: Project) -> None:
        self.ctx.notify_span_changed(project.update_span(self.span_id, self.who,
                                                         note=self.before))


class MoveSpan(StoreCommand):
    """New boundaries for a span (the boundary keys, the span menu): one undo step."""

    def __init__(self, ctx: AppContext, span: Span, start: int, end: int, text: str) -> None:
        super().__init__(ctx, translate("commands", "Move {0} {1} → {2}").format(
            span.label, excerpt(span.text), excerpt(text)))
        self.span_id = span.id
        self.before = (span.start, span.end)
        self.after = (start, end)

    def _redo(self, project: Project) -> None:
        start, end = self.after
        self.ctx.notify_span_changed(project.update_span(self.span_id, self.who, start=start,
                                                         end=end))

    def _undo(self, project: Project) -> None:
        start, end = self.before
        self.ctx.notify_span_changed(project.update_span(self.span_id, self.who, start=start,
                                                         end=end))


class SetStatus(StoreCommand):
    def __init__(self, ctx: AppContext, article_id: int, status: str, title: str = "") -> None:
        super().__init__(ctx, translate("commands", "Mark {0} {1}").format(
            excerpt(title) or translate("commands", "article"), status))
        self.article_id = article_id
        self.status = status
        self.before: str | None = None

    def _redo(self, project: Project) -> None:
        self.before = project.set_status(self.article_id, self.status, self.who)
        self.ctx.notify_status(self.article_id, self.status)

    def _undo(self, project: Project) -> None:
        assert self.before is not None
        project.set_status(self.article_id, self.before, self.who)
        self.ctx.notify_status(self.article_id, self.before)


class RenameArticle(StoreCommand):
    def __init__(self, ctx: AppContext, article_id: int, before: str, title: str) -> None:
        super().__init__(ctx, QCoreApplication.translate(
            "commands", "Rename article “{0}” to “{1}”").format(
            excerpt(before), excerpt(title)))
        self.article_id = article_id
        self.before = before
        self.after = title

    def _redo(self, project: Project) -> None:
        self.before = project.rename_article(self.article_id, self.after, self.who)
        self.ctx.notify_article(self.article_id)

    def _undo(self, project: Project) -> None:
        project.rename_article(self.article_id, self.before, self.who)
        self.ctx.notify_article(self.article_id)


class DeleteArticle(StoreCommand):
    """Delete an article with its spans; undo brings it back with the same id and spans."""

    def __init__(self, ctx: AppContext, article_id: int, title: str) -> None:
        super().__init__(ctx, QCoreApplication.translate(
            "commands", "Delete article “{0}”").format(excerpt(title)))
        self.article_id = article_id

    def _redo(self, project: Project) -> None:
        project.delete_article(self.article_id, self.who)
        self.ctx.notify_article(self.article_id)

    def _undo(self, project: Project) -> None:
        project.restore_article(self.article_id, self.who)
        self.ctx.notify_article(self.article_id)
