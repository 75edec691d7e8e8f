"""Edit ▸ Add Selection as Alias… (also on the span menu and the inspector's "Add to
Registry"): the selected characters, or the selected span's text, become an alias of a
registry entry chosen in a combo that completes as you type, or of a new entry. A company span
of yours under the selection (the span itself, or one with exactly its offsets) gets
``entity`` = that entry's name. One undo step (``AddAlias``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from annotator.core.model import Span
from annotator.core.scheme import is_empty
from annotator.store.registry import ENTITY
from annotator.ui import commands
from annotator.ui.context import AppContext
from annotator.ui.pane import ArticlePane
from annotator.ui.registry import dialogs
from annotator.ui.registry.commands import AddAlias

translate = QCoreApplication.translate


def place_shown(pane: ArticlePane) -> tuple[int, int]:
    """(article id, start of the selection or -1): where an entry's "next span" starts."""
    selected = pane.view.selected_range(exact=True)
    return (pane.article_id() or 0, selected[0] if selected else -1)


def _target(ctx: AppContext, pane: ArticlePane, span: Span | None
            ) -> tuple[str, Span | None] | None:
    """(alias text, the company span to link or None) for what is selected in ``pane``."""
    article = pane.article()
    selected = pane.view.selected_range(exact=True) if span is None else None
    span = span or pane.selected_span()
    if selected is not None and article is not None:
        text = article.text[slice(*selected)]
        if span is None or (span.start, span.end) != selected:
            span = next((s for s in pane.view.spans_at(selected[0])
                         if (s.start, s.end) == selected), None)
    elif span is not None:
        text = span.text
    else:
        return None
    mine = (span is not None and span.annotator == ctx.annotator and not pane.is_read_only()
            and span.label in ctx.require_project().company_label_names())
    return text.strip(), span if mine else None


def add_selection_as_alias(ctx: AppContext, pane: ArticlePane, parent: QWidget | None,
                           span: Span | None = None) -> str:
    """Ask which entry the selection (or ``span``) names and add it; a one-line outcome."""
    project = ctx.project
    if project is None or not ctx.writable():
        return translate("Registry", "The project is not open for writing")
    target = _target(ctx, pane, span)
    if target is None or not target[0]:
        return translate("Registry", "Select the company's name in the text, or a span, first")
    alias, link = target
    names = [c.name for c in project.companies()]
    suggested = project.company_names().get(alias, "")
    if link is not None and not suggested:
        entity = project.attributes(link.id).get(ENTITY)
        suggested = entity if not is_empty(entity) and entity in names else ""
    name = dialogs.ask_alias_company(parent, alias, names, suggested)
    if name is None:
        return translate("Registry", "Nothing added")
    error = commands.push(ctx, AddAlias(ctx, name, alias, link))
    if error is not None:
        return str(error)
    if link is not None:
        return translate("Registry", "“{0}” names {1}; the span links to it").format(alias, name)
    return translate("Registry", "“{0}” names {1}").format(alias, name)
