"""What a right click on the article adds to its menu: the span's own actions (relabel, note,
attributes, boundaries, copy, delete; accept or reject a suggestion) and, for a text selection, "Keep as One Word".

:func:`build_span_menu` builds the part for one span; a new kind of span edit (attributes) adds
its entries there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu

from annotator.core.model import Label, Span
from annotator.ui.actions import BOUNDARY, Actions, swatch
from annotator.ui.commands import excerpt
from annotator.ui.labeling import Labeler
from annotator.ui.pane import ArticlePane
from annotator.ui.suggestion_commands import is_suggestion

translate = QCoreApplication.translate


def span_under(pane: ArticlePane, cp: int) -> Span | None:
    """The selected span when the click is on it, else the innermost span at ``cp``."""
    found = pane.view.spans_at(cp) if cp >= 0 else []
    selected = pane.selected_span()
    if selected is not None and any(s.id == selected.id for s in found):
        return selected
    return found[0] if found else None


def build_span_menu(menu: QMenu, span: Span, labels: list[Label], labeler: Labeler,
                    acts: Actions, editable: bool) -> list[QAction]:
    """The actions for ``span`` (submenus parented to ``menu``), in menu order."""
    title = QAction(f"{span.label} “{excerpt(span.text, 24)}”", menu)
    title.setEnabled(False)
    relabel = QMenu(translate("SpanMenu", "&Relabel"), menu)
    relabel.setObjectName("relabelMenu")
    for label in labels:
        action = relabel.addAction(swatch(label.color), label.name)
        action.setCheckable(True)
        action.setChecked(label.name == span.label)
        action.triggered.connect(lambda _c=False, n=label.name: labeler.relabel(span, n))
    relabel.setEnabled(editable)
    boundaries = QMenu(translate("SpanMenu", "Adjust &Boundaries"), menu)
    boundaries.setObjectName("boundaryMenu")
    boundaries.addActions([getattr(acts, name) for name in BOUNDARY])
    boundaries.setEnabled(editable)
    note = _action(menu, translate("SpanMenu", "Edit &Note…"), lambda: labeler.edit_note(span), editable)
    copy = _action(menu, translate("SpanMenu", "&Copy Span Text"),
                   lambda: QApplication.clipboard().setText(span.text), True)
    delete = _action(menu, translate("SpanMenu", "&Delete Span"), lambda: labeler.delete(span), editable)
    # the span is selected by now: the inspector shows it and the keyboard goes there
    return [title, relabel.menuAction(), note, acts.edit_attributes, boundaries.menuAction(),
            copy, delete]


def fill_context_menu(menu: QMenu, cp: int, pane: ArticlePane, labeler: Labeler,
                      acts: Actions, labels: list[Label], editable: bool) -> None:
    """Put the span's actions (the span is selected, so the boundary keys act on it) and
    "Keep as One Word" above the view's Copy and Select All."""
    first = menu.actions()[0] if menu.actions() else None
    added: list[QAction] = []
    if pane.view.selected_range(exact=True) is not None:
        added.append(acts.keep_word)
    span = span_under(pane, cp)
    if span is not None:
        pane.view.select_span(span.id)
        pane.view.spanActivated.emit(span.id)  # as a click on it: the list shows it too
        added += build_span_menu(menu, span, labels, labeler, acts,
                                 editable and not pane.is_read_only())
        if is_suggestion(span):  # enabled when it is this annotator's (the keys')
            added += [acts.accept_suggestion, acts.reject_suggestion,
                      acts.accept_label_suggestions]
    if added:  # the selection, or the span, may name a company
        added.append(acts.add_alias)
    if not added:
        return
    if first is None:
        menu.addActions(added)
    else:
        menu.insertActions(first, added)
        menu.insertSeparator(first)


def _action(menu: QMenu, text: str, slot: Callable[[], object], enabled: bool) -> QAction:
    action = QAction(text, menu)
    action.triggered.connect(lambda _checked=False: slot())
    action.setEnabled(enabled)
    return action
