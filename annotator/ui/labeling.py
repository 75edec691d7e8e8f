"""What a label hotkey, Delete, N and Ctrl+Enter do in the current pane.

A label key with a span selected relabels it; with a text selection it creates a span (snapped to
words unless ``exact``), selects the new span and clears the text selection. Every change is an
undo command; the first span in an article still "to do" also marks it in progress (one undo
step).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.core import segment
from annotator.core.model import Span
from annotator.ui import commands, interaction
from annotator.ui.context import AppContext
from annotator.ui.workbench import Workbench


class Labeler(QObject):
    #: A short message for the status bar (payload: text).
    message = Signal(str)
    #: The labeler selected a span it just created (payload: span id).
    spanSelected = Signal(str)

    def __init__(self, ctx: AppContext, workbench: Workbench,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workbench = workbench

    def label(self, name: str, *, exact: bool = False) -> bool:
        """Apply label ``name`` in the current pane; True when something was stored."""
        pane = self.workbench.current()
        article = pane.article()
        if article is None or not self._can_edit(pane):
            return False
        span = pane.selected_span()
        if span is not None:
            return self.relabel(span, name)
        selected = pane.view.selected_range(exact=exact)
        if selected is None:
            self.message.emit(self.tr("Select some text first, then press a label key"))
            return False
        start, end = selected
        command = commands.AddSpan(self.ctx, article.id, start, end, name,
                                   article.text[start:end])
        if not self._push(command):
            return False
        pane.view.clear_selection()
        if command.span is not None:
            # no scroll: the span is the text just selected, where the user is looking (a
            # selection on the last line shown jumped a third of the view up)
            pane.view.select_span(command.span.id, reveal=False)
            self.spanSelected.emit(command.span.id)
        return True

    def relabel(self, span: Span, name: str) -> bool:
        if span.label == name or not self._can_edit(self.workbench.current()):
            return False
        return self._push(commands.Relabel(self.ctx, span, name))

    def delete_selected(self) -> bool:
        span = self.workbench.current().selected_span()
        return span is not None and self.delete(span)

    def delete(self, span: Span) -> bool:
        if not self._can_edit(self.workbench.current()):
            return False
        return self._push(commands.DeleteSpan(self.ctx, span))

    def move_boundary(self, *, end: bool, forward: bool) -> bool:
        """Move the selected span's end (``end``) or start one word (snapping on; punctuation
        skipped) or one character (snapping off) right (``forward``) or left; one undo step."""
        pane = self.workbench.current()
        span, article = pane.selected_span(), pane.article()
        if span is None or article is None:
            self.message.emit(self.tr("Click a span first, then move its start or end"))
            return False
        if not self._can_edit(pane):
            return False
        text, pos = article.text, (span.end if end else span.start)
        if pane.view.snapping():
            pos = segment.word_edge(text, pos, forward, ends=end, lang=pane.view.language())
        else:
            pos = max(0, min(len(text), pos + (1 if forward else -1)))
        start, stop = (span.start, pos) if end else (pos, span.end)
        if (start, stop) == (span.start, span.end):
            return False
        if not 0 <= start < stop <= len(text):
            self.message.emit(self.tr("A span keeps at least one character"))
            return False
        ok = self._push(commands.MoveSpan(self.ctx, span, start, stop, text[start:stop]))
        pane.view.select_span(span.id)
        return ok

    def edit_note(self, span: Span | None = None) -> bool:
        pane = self.workbench.current()
        span = span or pane.selected_span()
        if span is None:
            self.message.emit(self.tr("Click a span first, then press N to edit its note"))
            return False
        if not self._can_edit(pane):
            return False
        note = interaction.ask_multiline(
            pane, self.tr("Note"),
            self.tr("Note on {label} “{text}”:").format(label=span.label, text=span.text),
            span.note)
        if note is None or note == span.note:
            return False
        ok = self._push(commands.EditNote(self.ctx, span, note))
        pane.view.select_span(span.id)
        return ok

    def clear(self) -> None:
        view = self.workbench.current().view
        view.clear_selection()
        view.select_span(None)

    def toggle_done(self) -> bool:
        """Mark the current article done; when it already is, back to in progress."""
        article = self.workbench.current().article()
        if article is None or not self.ctx.writable():
            return False
        project = self.ctx.require_project()
        status = project.article_status(article.id, self.ctx.annotator)
        target = "in-progress" if status == "done" else "done"
        return self._push(commands.SetStatus(self.ctx, article.id, target, article.title))

    # ------------------------------------------------------------------ helpers
    def can_edit(self, pane) -> bool:
        """May the user edit what ``pane`` shows? If not, say why (``message``)."""
        return self._can_edit(pane)

    def _can_edit(self, pane) -> bool:
        if not self.ctx.writable():
            self.message.emit(self.ctx.lost or self.tr("The project is open read-only"))
            return False
        if pane.is_read_only():
            self.message.emit(self.tr("This pane shows {name}'s spans read-only; switch it to "
                                      "“My spans” or “All annotators” to edit").format(
                                          name=pane.span_filter()))
            return False
        return True

    def _push(self, command: commands.StoreCommand) -> bool:
        error = commands.push(self.ctx, command)
        if error is not None:
            self.message.emit(str(error))
        return error is None
