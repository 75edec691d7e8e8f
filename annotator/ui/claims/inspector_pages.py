"""The inspector's label pages (issue 14): one page per label (its attribute rows; a figure's
parsed line, a company's registry line), built once and kept in one stack.

- The stack is held at the tallest page shown so far (by the ``Shield`` the inspector puts it
  in): a label key of another label than the last swaps a page and moves nothing under it, nor
  the inspector's scroll bar.
- Pages are built ahead while the window idles, one per turn of the event loop, so that the
  first key of each label only shows its page (building one is 5-10 ms). A page's value keys
  work only while it is shown.
- A page whose label's attributes changed is built again when next shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLabel, QStackedWidget, QWidget

from annotator.core.scheme import AttributeDef
from annotator.store.fillers import figure_fields

if TYPE_CHECKING:
    from annotator.ui.claims.attribute_editors import AttributeEditor
    from annotator.ui.registry.company_line import CompanyLine

Attrs = tuple[AttributeDef, ...]
translate = QCoreApplication.translate
UNSET_NOTE = "—"


@dataclass
class Rows:
    """One label's page: its widget, its attributes' editors and names, hotkeys, and for a
    figure label its parsed figure line, for a company label its registry line (issue 12)."""
    widget: QWidget
    editors: dict[str, AttributeEditor]
    names: dict[str, QLabel]
    shortcuts: list[QShortcut]
    figure: QLabel | None = None
    company: CompanyLine | None = None


@dataclass
class PageHooks:
    """What a page's widgets call back: the widget its hotkeys belong to (shortcuts), a value
    committed, a value refused (its message), a value hotkey pressed, Add to Registry."""
    shortcut_parent: QWidget
    commit: Callable[[AttributeDef, Any], None]
    refused: Callable[[str], None]
    hotkey: Callable[[str], None]
    add_to_registry: Callable[[], None]


def build_rows(project: Any, label: str, attrs: Attrs, hooks: PageHooks) -> Rows:
    """``label``'s page: a form of an editor per attribute (generated from the scheme), with
    a figure's parsed line or a company's registry line first, and the values' hotkeys."""
    from annotator.ui.claims.attribute_editors import make_editor
    from annotator.ui.registry.company_line import CompanyLine

    rows = Rows(QWidget(), {}, {}, [])
    form = QFormLayout(rows.widget)
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    if label in figure_fields(project.scheme()):
        # a figure's parsed meaning ("≈ 250,000,000 CNY", issue 12), or "—" without one
        rows.figure = QLabel(UNSET_NOTE)
        rows.figure.setObjectName("inspectorFigure")
        rows.figure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(QLabel(translate("InspectorDock", "Figure")), rows.figure)
    if label in project.company_label_names():
        # the span's registry entry, or "Not in the registry" and a button (issue 12)
        rows.company = CompanyLine(rows.widget)
        rows.company.addRequested.connect(hooks.add_to_registry)
        form.addRow(rows.company.caption, rows.company)
    previous: QWidget | None = None
    for attr in attrs:
        editor = make_editor(attr, rows.widget)
        name = QLabel(attr.name + (" *" if attr.required else ""))
        name.setObjectName(f"attrName:{attr.name}")
        name.setToolTip(attr.description)
        name.setBuddy(editor.focus_target())
        form.addRow(name, editor)
        editor.committed.connect(lambda value, a=attr: hooks.commit(a, value))
        editor.refused.connect(hooks.refused)
        rows.editors[attr.name] = editor
        rows.names[attr.name] = name
        if previous is not None:
            QWidget.setTabOrder(previous, editor.focus_target())
        previous = editor.focus_target()
    if not attrs:
        form.addRow(QLabel(translate("InspectorDock", "This label has no attributes")))
    keys: dict[str, None] = {}
    for editor in rows.editors.values():
        keys.update(dict.fromkeys(editor.hotkeys()))
    for key in keys:
        shortcut = QShortcut(QKeySequence(key), hooks.shortcut_parent)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda k=key: hooks.hotkey(k))
        rows.shortcuts.append(shortcut)
    return rows


class LabelPages:
    """The pages of ``stack``, made by :func:`build_rows` with ``hooks``; ``owner`` is the
    object the idle builds are scheduled on (gone with it)."""

    def __init__(self, stack: QStackedWidget, hooks: PageHooks, owner: QObject) -> None:
        self.stack = stack
        self._hooks = hooks
        self._owner = owner
        self.forms: dict[str, tuple[Attrs, Rows]] = {}
        self.shown: Rows | None = None
        self.to_build: list[str] = []  # labels whose page is still to be built ahead
        self.stack.addWidget(QWidget())  # nothing shown yet: an empty page

    def rows(self, label: str) -> Rows | None:
        """The page built for ``label``, if any."""
        cached = self.forms.get(label)
        return cached[1] if cached is not None else None

    def show(self, project: Any, label: str, attrs: Attrs) -> Rows:
        """Show ``label``'s page (built now if missing, or again if its attributes changed);
        the page shown before keeps its hotkeys off."""
        if self.shown is not None:
            for shortcut in self.shown.shortcuts:
                shortcut.setEnabled(False)
        cached = self.forms.get(label)
        stale = None
        if cached is None or cached[0] != attrs:
            stale = cached[1] if cached is not None else None
            cached = self._add(project, label, attrs)
        rows = cached[1]
        old = self.stack.currentWidget()
        if old is not None and rows.widget is not old:
            # the stack's Shield (inspector.py) holds it at the tallest page shown so far
            self.stack.setCurrentWidget(rows.widget)  # shown now: Tab finds the rows
            if not any(kept.widget is old for _attrs, kept in self.forms.values()):
                self._drop(old)  # the first empty page, or one whose attributes changed
        if stale is not None:
            for shortcut in stale.shortcuts:
                shortcut.deleteLater()
            if stale.widget is not old:
                self._drop(stale.widget)
        self.shown = rows
        return rows

    def build_ahead(self, labels: list[str], project_of: Callable[[], Any]) -> None:
        """Build the pages of ``labels`` while the window idles, one per turn of the event
        loop, until done or ``project_of()`` gives None (the project went)."""
        start = not self.to_build
        self.to_build = list(labels)
        if start and self.to_build:
            QTimer.singleShot(0, self._owner, lambda: self._build_next(project_of))

    def _build_next(self, project_of: Callable[[], Any]) -> None:
        project = project_of()
        if project is None:
            self.to_build = []  # the next project's turn comes with it
            return
        while self.to_build:
            label = self.to_build.pop(0)
            if label in self.forms:  # built (again, if its attributes changed, when shown)
                continue
            rows = self._add(project, label, project.scheme().attributes_of(label))[1]
            for shortcut in rows.shortcuts:  # a page's value keys work while it is shown
                shortcut.setEnabled(False)
            break
        if self.to_build:
            QTimer.singleShot(0, self._owner, lambda: self._build_next(project_of))

    def _add(self, project: Any, label: str, attrs: Attrs) -> tuple[Attrs, Rows]:
        cached = self.forms[label] = (attrs, build_rows(project, label, attrs, self._hooks))
        self.stack.addWidget(cached[1].widget)
        return cached

    def _drop(self, page: QWidget) -> None:
        self.stack.removeWidget(page)
        page.deleteLater()
