"""Undoable attribute edits: one ``SetAttribute`` per change made in the inspector.

``redo`` and ``undo`` call the store only (``set_attribute`` returns the value before, with how it
was set; undo puts that back exactly, source included) and then tell the views through the
context (``notify_attributes``). A value the scheme refuses (it changed meanwhile) is reported
like any store error and the command is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from annotator.core.labels import SchemeError
from annotator.core.model import Span
from annotator.core.scheme import format_value, is_empty
from annotator.store import Project
from annotator.store.errors import InvariantError
from annotator.store.scheme_store import AttributeValue
from annotator.ui.commands import StoreCommand, excerpt
from annotator.ui.context import AppContext

translate = QCoreApplication.translate


class SetAttribute(StoreCommand):
    """Set (or clear: ``value`` None, "" or []) one attribute of one span."""

    def __init__(self, ctx: AppContext, span: Span, name: str, value: Any) -> None:
        shown = (translate("SetAttribute", "unset") if is_empty(value)
                 else excerpt(format_value(value)))
        super().__init__(ctx, translate("SetAttribute", "Set {0} of {1} to {2}").format(
            name, excerpt(span.text), shown))
        self.span_id = span.id
        self.name = name
        self.after = value
        self.before: AttributeValue | None = None

    def _run(self, step) -> None:
        """As every store command, and a value the scheme refuses is reported the same way."""
        def checked(project: Project) -> None:
            try:
                step(project)
            except SchemeError as exc:
                raise InvariantError(str(exc)) from exc

        super()._run(checked)

    def _redo(self, project: Project) -> None:
        self.before = project.set_attribute(self.span_id, self.name, self.after, self.who)
        self.ctx.notify_attributes(self.span_id)

    def _undo(self, project: Project) -> None:
        project.restore_attribute(self.span_id, self.before, self.name, self.who)
        self.ctx.notify_attributes(self.span_id)
