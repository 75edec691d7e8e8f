"""The inspector's row for a suggestion (issue 12): "Suggested" with Accept and Reject, each one
undo step (the same commands as the A and X keys)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from annotator.core.model import Span
from annotator.ui import commands
from annotator.ui.context import AppContext
from annotator.ui.suggestion_commands import AcceptSuggestions, RejectSuggestion, is_suggestion


class SuggestionRow(QWidget):
    def __init__(self, ctx: AppContext, report: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectorSuggestion")
        self.ctx, self.report = ctx, report
        self.span: Span | None = None
        self.caption = QLabel(self.tr("Suggested: not yours until accepted"))
        self.caption.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setToolTip(self.tr("Make it your span (A or Enter in the article)"))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setToolTip(self.tr("Remove it; it is never suggested again (X)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.addWidget(self.caption, 1)
        row.addWidget(self.accept_button)
        row.addWidget(self.reject_button)
        self.accept_button.clicked.connect(self.accept)
        self.reject_button.clicked.connect(self.reject)
        self.hide()

    def show_span(self, span: Span | None, read_only: bool) -> None:
        """Shown for a suggestion only; its buttons for the annotator's own, when editable."""
        self.span = span if is_suggestion(span) else None
        self.setVisible(self.span is not None)
        mine = self.span is not None and self.span.annotator == self.ctx.annotator
        for button in (self.accept_button, self.reject_button):
            button.setEnabled(mine and not read_only)

    def accept(self) -> bool:
        return self.span is not None and self._push(AcceptSuggestions(self.ctx, [self.span]))

    def reject(self) -> bool:
        return self.span is not None and self._push(RejectSuggestion(self.ctx, self.span))

    def _push(self, command: commands.StoreCommand) -> bool:
        error = commands.push(self.ctx, command)
        if error is not None:
            self.report(str(error))
        return error is None
