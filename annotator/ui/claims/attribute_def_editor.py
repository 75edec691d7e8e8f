"""The attributes of one label (or the article attributes) in the scheme editor: add, remove,
change type, values, default, required, description and value hotkeys.

Every change is one store call through the editor's ``apply`` (which shows the store's or the
core's message when it is refused). Removing a choice value that spans use is refused by the
store with the count; the editor then offers to rename the value across all of them instead,
one undoable step (undo renames it back).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.scheme import (
    ATTRIBUTE_TYPES,
    AttributeDef,
    SchemeError,
    check_identifier,
    format_value,
)
from annotator.store import Project
from annotator.ui import interaction
from annotator.ui.claims.article_commands import RenameChoiceValue
from annotator.ui.claims.attribute_editors import parse_number
from annotator.ui.claims.name_list import NameList, list_beside_form
from annotator.ui.commands import push
from annotator.ui.context import AppContext

#: One store change; returns True when it was written (else the editor shows why not).
Apply = Callable[[Callable[[Project], object]], bool]
_SPLIT = re.compile(r"[\s,，;；]+")


def split_values(text: str) -> tuple[str, ...]:
    """"certain, hedged  speculative" -> the values, in order, without repeats."""
    return tuple(dict.fromkeys(v for v in _SPLIT.split(text.strip()) if v))


def parse_hotkeys(text: str) -> tuple[tuple[str, str], ...]:
    """"hedged=h, certain=c" -> ((value, key), ...); SchemeError names a malformed pair."""
    pairs = []
    for part in (p for p in re.split(r"[,，;；]", text) if p.strip()):
        value, sep, key = part.partition("=")
        if not sep or not value.strip() or not key.strip():
            raise SchemeError(f"hotkeys: '{part.strip()}' is not value=key")
        pairs.append((value.strip(), key.strip()))
    return tuple(pairs)


def format_hotkeys(attr: AttributeDef) -> str:
    return ", ".join(f"{value}={key}" for value, key in attr.hotkeys)


def parse_default(attr: AttributeDef, text: str) -> Any:
    """The default as the attribute's type stores it (checked by the store against the
    values): "" none, multi split like values, boolean true/false, number parsed."""
    text = text.strip()
    if not text:
        return None
    if attr.type == "multi":
        return list(split_values(text.replace("|", " ")))
    if attr.type == "boolean":
        return {"true": True, "false": False}.get(text.lower(), text)
    if attr.type == "number":
        try:
            number = parse_number(text)
        except ValueError:  # the core's check names it as the scheme file would
            return text
        return text if number is None else number
    return text


def with_changes(attr: AttributeDef, **changes: Any) -> AttributeDef:
    """``attr`` with some fields replaced; a type without values drops values and hotkeys."""
    fields = {"name": attr.name, "type": attr.type, "values": attr.values,
              "default": attr.default, "required": attr.required,
              "description": attr.description, "hotkeys": attr.hotkeys, **changes}
    if fields["type"] not in ("choice", "multi"):
        fields["values"] = ()
    if fields["type"] != "choice":
        fields["hotkeys"] = ()
    return AttributeDef(**fields)


class AttributeDefEditor(QWidget):
    def __init__(self, ctx: AppContext, apply: Apply, show_error: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.apply = apply
        self.show_error = show_error
        self.owner: str | None = None
        self.list = NameList()
        self.list.setObjectName("attributeList")
        self.name = QLabel()
        self.name.setObjectName("attributeName")
        self.type = QComboBox()
        self.type.setObjectName("attributeType")
        self.type.addItems(list(ATTRIBUTE_TYPES))
        self.values = QListWidget()
        self.values.setObjectName("attributeValues")
        self.values.setMaximumHeight(140)
        self.default = QLineEdit()
        self.default.setObjectName("attributeDefault")
        self.default.setPlaceholderText(self.tr("none"))
        self.required = QCheckBox()
        self.required.setObjectName("attributeRequired")
        self.description = QLineEdit()
        self.description.setObjectName("attributeDescription")
        self.hotkeys = QLineEdit()
        self.hotkeys.setObjectName("attributeHotkeys")
        self.hotkeys.setPlaceholderText(self.tr("value=key, … (while the inspector has focus)"))
        self.add_button = QPushButton(self.tr("Add Attribute…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_value_button = QPushButton(self.tr("Add Value…"))
        self.rename_value_button = QPushButton(self.tr("Rename Value…"))
        self.remove_value_button = QPushButton(self.tr("Remove Value"))
        self._layout()
        for button in self.findChildren(QPushButton):  # Enter commits a field, nothing more
            button.setAutoDefault(False)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.type.activated.connect(lambda _i: self._retype(self.type.currentText()))
        self.required.clicked.connect(lambda on: self._change(required=on))
        self.description.editingFinished.connect(
            lambda: self._change(description=self.description.text().strip()))
        self.default.editingFinished.connect(self._set_default)
        self.hotkeys.editingFinished.connect(self._set_hotkeys)
        self.add_button.clicked.connect(self.add_attribute)
        self.remove_button.clicked.connect(self.remove_attribute)
        self.add_value_button.clicked.connect(self.add_value)
        self.rename_value_button.clicked.connect(lambda: self.rename_value())
        self.remove_value_button.clicked.connect(lambda: self.remove_value())

    def _layout(self) -> None:
        value_buttons = QHBoxLayout()
        for b in (self.add_value_button, self.rename_value_button, self.remove_value_button):
            value_buttons.addWidget(b)
        value_buttons.addStretch(1)
        values = QVBoxLayout()
        values.setContentsMargins(0, 0, 0, 0)
        values.addWidget(self.values)
        values.addLayout(value_buttons)
        self.form = form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Type"), self.type)
        form.addRow(self.tr("Values"), values)
        form.addRow(self.tr("Default"), self.default)
        form.addRow("", self.required)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Value hotkeys"), self.hotkeys)
        list_beside_form(self, self.list, [self.add_button, self.remove_button], form)

    # ------------------------------------------------------------------ reading
    def attributes(self) -> tuple[AttributeDef, ...]:
        project = self.ctx.project
        if project is None:
            return ()
        scheme = project.scheme()
        return (scheme.attributes_of(self.owner) if self.owner is not None
                else scheme.article_attributes)

    def current(self) -> AttributeDef | None:
        name = self.list.current_name()
        return next((a for a in self.attributes() if a.name == name), None)

    def set_owner(self, label: str | None) -> None:
        """Show the attributes of ``label`` (None: the article attributes)."""
        self.owner = label
        self.required.setText(
            self.tr("Required (a span without it is marked incomplete)") if label is not None
            else self.tr("Required"))
        # value hotkeys work while the inspector (a span's attributes) has focus
        self.form.setRowVisible(self.hotkeys, label is not None)
        self.refresh()

    def select(self, name: str) -> None:
        self.list.select(name)

    def refresh(self) -> None:
        keep = self.list.current_name()
        self.list.refill([(QListWidgetItem(f"{a.name}   ({a.type}{', *' if a.required else ''})"),
                           a.name, a.description) for a in self.attributes()], keep)
        self._show_current()

    def _show_current(self) -> None:
        attr = self.current()
        editable = self.ctx.writable()
        has_values = attr is not None and attr.type in ("choice", "multi")
        widgets: tuple[QWidget, ...] = (self.type, self.required, self.description,
                                         self.default, self.remove_button)
        for widget in widgets:
            widget.setEnabled(attr is not None and editable)
        widgets = (self.values, self.add_value_button, self.rename_value_button,
                   self.remove_value_button)
        for widget in widgets:
            widget.setEnabled(has_values and editable)
        self.hotkeys.setEnabled(attr is not None and attr.type == "choice" and editable)
        self.add_button.setEnabled(editable and self.ctx.project is not None)
        self.name.setText(attr.name if attr else "")
        self.type.setCurrentText(attr.type if attr else "")
        self.values.clear()
        self.values.addItems(list(attr.values) if attr else [])
        self.default.setText(format_value(attr.default) if attr else "")
        self.required.setChecked(bool(attr and attr.required))
        self.description.setText(attr.description if attr else "")
        self.hotkeys.setText(format_hotkeys(attr) if attr else "")

    # ------------------------------------------------------------------ changes
    def _write(self, attr: AttributeDef) -> bool:
        owner = self.owner
        done = self.apply(lambda p: p.set_attribute_def(owner, attr, self.ctx.annotator))
        self.refresh()
        if done:
            self.select(attr.name)
        return done

    def _change(self, **changes: Any) -> bool:
        attr = self.current()
        if attr is None:
            return False
        after = with_changes(attr, **changes)
        return after != attr and self._write(after)

    def _retype(self, type_: str) -> None:
        attr = self.current()
        if attr is None or type_ == attr.type:
            return
        values = attr.values
        if type_ in ("choice", "multi") and not values:
            values = split_values(interaction.ask_text(
                self, self.tr("Values"), self.tr("Values of “{0}” (separated by spaces or "
                                                 "commas):").format(attr.name)) or "")
        default = attr.default if type_ == attr.type else None
        self._change(type=type_, values=values, default=default)

    def _set_default(self) -> None:
        attr = self.current()
        if attr is not None:
            self._change(default=parse_default(attr, self.default.text()))

    def _set_hotkeys(self) -> None:
        try:
            hotkeys = parse_hotkeys(self.hotkeys.text())
        except SchemeError as exc:
            self.show_error(str(exc))
            self._show_current()
            return
        self._change(hotkeys=hotkeys)

    def add_attribute(self) -> None:
        name = interaction.ask_text(self, self.tr("New attribute"),
                                    self.tr("Name of the new attribute (letters, digits, _ "
                                            "and -):"))
        if not name or not name.strip():
            return
        type_ = interaction.ask_choice(self, self.tr("New attribute"),
                                       self.tr("Type of “{0}”:").format(name.strip()),
                                       list(ATTRIBUTE_TYPES))
        if not type_:
            return
        values: tuple[str, ...] = ()
        if type_ in ("choice", "multi"):
            values = split_values(interaction.ask_text(
                self, self.tr("New attribute"), self.tr("Values of “{0}” (separated by "
                                                        "spaces or commas):").format(
                    name.strip())) or "")
        self._write(AttributeDef(name.strip(), type_, values))

    def remove_attribute(self) -> None:
        attr = self.current()
        if attr is None:
            return
        owner = self.owner
        self.apply(lambda p: p.remove_attribute_def(owner, attr.name, self.ctx.annotator))
        self.refresh()

    def add_value(self) -> None:
        attr = self.current()
        if attr is None:
            return
        new = interaction.ask_text(self, self.tr("Add value"),
                                   self.tr("New value(s) of “{0}”:").format(attr.name))
        if new and split_values(new):
            self._change(values=tuple(dict.fromkeys((*attr.values, *split_values(new)))))

    def selected_value(self) -> str | None:
        item = self.values.currentItem()
        return item.text() if item is not None else None

    def rename_value(self, value: str | None = None, prompt: str = "") -> bool:
        """Rename ``value`` (default: the selected one) across the scheme and every stored
        value, as one undo step."""
        attr = self.current()
        value = value or self.selected_value()
        if attr is None or value is None:
            return False
        new = interaction.ask_text(self, self.tr("Rename value"), prompt or self.tr(
            "Rename “{0}” (in the scheme and in every value set) to:").format(value), value)
        if not new or new.strip() == value:
            return False
        new = new.strip()
        try:
            check_identifier(new, "value")
            if new in attr.values:
                raise SchemeError(f"attribute '{attr.name}' already has a value '{new}'")
        except SchemeError as exc:
            self.show_error(str(exc))
            return False
        error = push(self.ctx, RenameChoiceValue(self.ctx, self.owner, attr.name, value, new))
        self.show_error(str(error) if error else "")
        self.refresh()
        self.select(attr.name)
        return error is None

    def remove_value(self, value: str | None = None) -> None:
        """Remove a value; while values use it the store refuses, and renaming it across all
        of them is offered instead."""
        attr = self.current()
        value = value or self.selected_value()
        if attr is None or value is None:
            return
        if self._change(values=tuple(v for v in attr.values if v != value)):
            return
        project = self.ctx.project
        used = project.attribute_usage(self.owner, attr.name, value) if project else 0
        if used:
            where = (self.tr("{0} span(s)") if self.owner is not None
                     else self.tr("{0} article(s)")).format(used)
            self.rename_value(value, self.tr(
                "“{value}” is used by {where}, so it cannot be removed. Rename it across all "
                "{where} instead, to:").format(value=value, where=where))

