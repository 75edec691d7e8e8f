"""The relation types in the scheme editor: add, remove, and edit which labels a type goes
from and to, whether it is symmetric, its color and description. Every change is one store
call (``set_relation_type``, ``remove_relation_type``) through the editor's ``apply``; the store
refuses, with the count, a narrowing or a removal that stored relations would fall outside."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from annotator.core.scheme import RelationType
from annotator.ui import interaction
from annotator.ui.actions import swatch
from annotator.ui.claims.attribute_def_editor import Apply
from annotator.ui.claims.name_list import NameList, list_beside_form
from annotator.ui.context import AppContext


class RelationTypeEditor(QWidget):
    def __init__(self, ctx: AppContext, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.apply = apply
        self.list = NameList()
        self.list.setObjectName("relationList")
        self.name = QLabel()
        self.name.setObjectName("relationName")
        self.ends = {side: QListWidget() for side in ("from", "to")}
        for side, box in self.ends.items():
            box.setObjectName(f"relation:{side}")
            box.setMaximumHeight(150)
            box.itemChanged.connect(lambda _item: self._set_ends())
        self.symmetric = QCheckBox(self.tr("Symmetric (either direction)"))
        self.symmetric.setObjectName("relationSymmetric")
        self.color = QPushButton()
        self.color.setObjectName("relationColor")
        self.description = QLineEdit()
        self.description.setObjectName("relationDescription")
        self.add_button = QPushButton(self.tr("Add Relation Type…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("From labels"), self.ends["from"])
        form.addRow(self.tr("To labels"), self.ends["to"])
        form.addRow("", self.symmetric)
        form.addRow(self.tr("Color"), self.color)
        form.addRow(self.tr("Description"), self.description)
        list_beside_form(self, self.list, [self.add_button, self.remove_button], form)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.symmetric.clicked.connect(lambda on: self._change(symmetric=on))
        self.description.editingFinished.connect(
            lambda: self._change(description=self.description.text().strip()))
        self.color.clicked.connect(self._recolor)
        self.add_button.clicked.connect(self.add_type)
        self.remove_button.clicked.connect(self.remove_type)

    def types(self) -> tuple[RelationType, ...]:
        project = self.ctx.project
        return project.scheme().relations if project is not None else ()

    def current(self) -> RelationType | None:
        name = self.list.current_name()
        return next((r for r in self.types() if r.name == name), None)

    def select(self, name: str) -> None:
        self.list.select(name)

    def refresh(self) -> None:
        items = []
        for rel in self.types():
            arrow = "↔" if rel.symmetric else "→"
            items.append((QListWidgetItem(swatch(rel.color or "#888888", 12), f"{rel.name}   "
                                          f"{', '.join(rel.from_labels)} {arrow} "
                                          f"{', '.join(rel.to_labels)}"),
                          rel.name, rel.description))
        self.list.refill(items, self.list.current_name())
        self._show_current()

    def _show_current(self) -> None:
        rel = self.current()
        editable = rel is not None and self.ctx.writable()
        for widget in (*self.ends.values(), self.symmetric, self.color, self.description,
                       self.remove_button):
            widget.setEnabled(editable)
        self.add_button.setEnabled(self.ctx.writable())
        self.name.setText(rel.name if rel else "")
        labels = [lb.name for lb in self.ctx.labels()]
        for side, box in self.ends.items():
            chosen = (rel.from_labels if side == "from" else rel.to_labels) if rel else ()
            box.blockSignals(True)
            box.clear()
            for name in labels:
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if name in chosen
                                   else Qt.CheckState.Unchecked)
                box.addItem(item)
            box.blockSignals(False)
        self.symmetric.setChecked(bool(rel and rel.symmetric))
        self.color.setText((rel.color or self.tr("(none)")) if rel else "")
        self.color.setIcon(swatch((rel.color if rel else None) or "#ffffff", 14))
        self.description.setText(rel.description if rel else "")

    def checked(self, side: str) -> tuple[str, ...]:
        box = self.ends[side]
        return tuple(box.item(i).text() for i in range(box.count())
                     if box.item(i).checkState() == Qt.CheckState.Checked)

    def _write(self, rel: RelationType) -> bool:
        done = self.apply(lambda p: p.set_relation_type(rel, self.ctx.annotator))
        self.refresh()
        if done:
            self.select(rel.name)
        return done

    def _change(self, **changes: Any) -> bool:
        rel = self.current()
        if rel is None:
            return False
        after = replace(rel, **changes)
        return after != rel and self._write(after)

    def _set_ends(self) -> None:
        self._change(from_labels=self.checked("from"), to_labels=self.checked("to"))

    def _recolor(self) -> None:
        rel = self.current()
        if rel is not None:
            color = interaction.ask_color(self, rel.color or "#888888")
            if color:
                self._change(color=color.lower())

    def add_type(self) -> None:
        name = interaction.ask_text(self, self.tr("New relation type"), self.tr(
            "Name of the new relation type (letters, digits, _ and -):"))
        labels = [lb.name for lb in self.ctx.labels()]
        if name and name.strip() and labels:
            self._write(RelationType(name.strip(), (labels[0],), (labels[0],)))

    def remove_type(self) -> None:
        rel = self.current()
        if rel is not None:
            self.apply(lambda p: p.remove_relation_type(rel.name, self.ctx.annotator))
            self.refresh()
