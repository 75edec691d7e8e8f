"""The scheme editor: labels (add, rename, recolor, reorder, hotkeys and descriptions), each
label's attributes, the relation types and the article attributes (issue 10; the last three in
``ui/claims/``), a label list on the left and a tab for each on the right.

Every change is written to the project at once (one transaction each, logged by the store) and
announced through the context, so the palette, the hotkeys and the views follow. Deleting a label
that spans use is refused with the count: nothing cascades.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.keys import reserved_use
from annotator.core.labels import SchemeError
from annotator.core.model import Label
from annotator.store import LabelInUse, ProjectError
from annotator.ui import interaction
from annotator.ui.actions import label_key_use, swatch
from annotator.ui.claims.attribute_def_editor import AttributeDefEditor
from annotator.ui.claims.relation_type_editor import RelationTypeEditor
from annotator.ui.context import AppContext


class SchemeEditor(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemeEditor")
        self.setWindowTitle(self.tr("Label Scheme"))
        self.ctx = ctx
        self.list = QListWidget()
        self.list.setObjectName("labelList")
        self.name = QLineEdit()
        self.name.setObjectName("labelName")
        self.hotkey = QLineEdit()
        self.hotkey.setObjectName("labelHotkey")
        self.hotkey.setMaxLength(12)
        self.hotkey.setPlaceholderText(self.tr("e.g. 5 (none: leave empty)"))
        self.description = QLineEdit()
        self.description.setObjectName("labelDescription")
        self.color = QPushButton()
        self.color.setObjectName("labelColor")
        self.error = QLabel()
        self.error.setObjectName("schemeError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Hotkey"), self.hotkey)
        form.addRow(self.tr("Color"), self.color)
        form.addRow(self.tr("Description"), self.description)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        label_tab = QWidget()
        label_column = QVBoxLayout(label_tab)
        label_column.addLayout(form)
        label_column.addStretch(1)
        self.attributes = AttributeDefEditor(ctx, self._apply, self.error.setText)
        self.relations = RelationTypeEditor(ctx, self._apply)
        self.article_attributes = AttributeDefEditor(ctx, self._apply, self.error.setText)
        self.article_attributes.setObjectName("articleAttributeEditor")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("schemeTabs")
        self.tabs.addTab(label_tab, self.tr("Label"))
        self.tabs.addTab(self.attributes, self.tr("Attributes of the Label"))
        self.tabs.addTab(self.relations, self.tr("Relation Types"))
        self.tabs.addTab(self.article_attributes, self.tr("Article Attributes"))
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.tabs, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("Changes are saved as you make them.")))
        layout.addWidget(close)
        self.resize(1080, 640)

        for button in self.findChildren(QPushButton):  # Enter commits a field, nothing more
            button.setAutoDefault(False)
            button.setDefault(False)
        close.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.name.editingFinished.connect(self._rename)
        self.hotkey.editingFinished.connect(self._rekey)
        self.description.editingFinished.connect(self._describe)
        self.color.clicked.connect(self._recolor)
        self.add_button.clicked.connect(self.add_label)
        self.delete_button.clicked.connect(self.delete_label)
        self.up_button.clicked.connect(lambda: self.move_label(-1))
        self.down_button.clicked.connect(lambda: self.move_label(+1))
        self._fill()
        self.relations.refresh()
        self.article_attributes.set_owner(None)

    # ------------------------------------------------------------------ public actions
    def current(self) -> Label | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole).name == name:
                self.list.setCurrentRow(row)
                return

    def add_label(self) -> None:
        name = interaction.ask_text(self, self.tr("New label"),
                                    self.tr("Name of the new label:"))
        if name and name.strip():
            used = {label.hotkey for label in self.ctx.labels()}
            key = next((str(k) for k in range(1, 10) if str(k) not in used), None)
            if self._apply(lambda p: p.add_label(name, self.ctx.annotator, hotkey=key)):
                self.select(name.strip())

    def delete_label(self) -> None:
        label = self.current()
        if label is None:
            return
        project = self.ctx.require_project()
        count = project.label_usage().get(label.name, 0)
        if count:
            interaction.warn(self, self.tr("Label in use"), self.tr(
                "“{label}” is used by {count} span(s), so it was not deleted.\nRelabel or delete "
                "those spans first (deleting a label never deletes spans), or rename the label "
                "instead.").format(label=label.name, count=count))
            return
        if not interaction.confirm(self, self.tr("Delete label"), self.tr(
                "Delete the label “{label}”? No span uses it.").format(label=label.name)):
            return
        self._apply(lambda p: p.delete_label(label.name, self.ctx.annotator))

    def move_label(self, delta: int) -> None:
        label = self.current()
        names = [lab.name for lab in self.ctx.labels()]
        if label is None or not 0 <= names.index(label.name) + delta < len(names):
            return
        i = names.index(label.name)
        names[i], names[i + delta] = names[i + delta], names[i]
        if self._apply(lambda p: p.reorder_labels(names, self.ctx.annotator)):
            self.select(label.name)

    # ------------------------------------------------------------------ field edits
    def _rename(self) -> None:
        label = self.current()
        new = self.name.text().strip()
        if (label is not None and new and new != label.name
                and self._apply(lambda p: p.update_label(label.name, self.ctx.annotator,
                                                         new_name=new))):
            self.select(new)

    def _rekey(self) -> None:
        label = self.current()
        key = self.hotkey.text().strip()
        if label is None or key == (label.hotkey or ""):
            return
        use = key and not reserved_use(key) and label_key_use(replace(label, hotkey=key))
        if use:  # a shortcut of the window (Ctrl+E...); the store refuses the reserved keys
            self.error.setText(self.tr("Hotkey “{key}” is the window's key ({use})").format(
                key=key, use=use))
            self._show_current()
            return
        self._apply(lambda p: p.update_label(label.name, self.ctx.annotator, hotkey=key))

    def _describe(self) -> None:
        label = self.current()
        text = self.description.text().strip()
        if label is not None and text != label.description:
            self._apply(lambda p: p.update_label(label.name, self.ctx.annotator,
                                                 description=text))

    def _recolor(self) -> None:
        label = self.current()
        if label is None:
            return
        color = interaction.ask_color(self, label.color)
        if color and color.lower() != label.color.lower():
            self._apply(lambda p: p.update_label(label.name, self.ctx.annotator, color=color))

    # ------------------------------------------------------------------ helpers
    def _apply(self, change) -> bool:
        """Run one store change; on success reload everyone's labels, else show the error."""
        keep = self.current()
        try:
            change(self.ctx.require_project())
        except (ProjectError, LabelInUse, SchemeError) as exc:
            self.error.setText(str(exc))
            self._show_current()
            return False
        self.error.setText("")
        self.ctx.reload_labels()
        self._fill()
        if keep is not None:
            self.select(keep.name)
        self.relations.refresh()
        self.article_attributes.set_owner(None)
        return True

    def _fill(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for label in self.ctx.labels():
            text = f"{label.hotkey or ' '}   {label.name}"
            item = QListWidgetItem(swatch(label.color, 14), text)
            item.setData(Qt.ItemDataRole.UserRole, label)
            item.setToolTip(label.description)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
        self._show_current()

    def _show_current(self) -> None:
        label = self.current()
        for widget in (self.name, self.hotkey, self.description, self.color,
                       self.delete_button, self.up_button, self.down_button):
            widget.setEnabled(label is not None and self.ctx.writable())
        self.name.setText(label.name if label else "")
        self.hotkey.setText((label.hotkey or "") if label else "")
        self.description.setText(label.description if label else "")
        self.color.setText(label.color if label else "")
        self.color.setIcon(swatch(label.color, 14) if label else swatch("#ffffff", 14))
        if label is not None:
            self.attributes.set_owner(label.name)
            self.tabs.setTabText(1, self.tr("Attributes of “{0}”").format(label.name))
