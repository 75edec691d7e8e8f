"""A list widget whose items carry a name (``UserRole``): the scheme editor's lists of
attributes and relation types select and read by name, never by row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class NameList(QListWidget):
    def add(self, item: QListWidgetItem, name: str, tip: str = "") -> None:
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setToolTip(tip)
        self.addItem(item)

    def current_name(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, name: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.setCurrentRow(row)
                return

    def refill(self, items: list[tuple[QListWidgetItem, str, str]], keep: str | None) -> None:
        """Replace the items (item, name, tooltip) without announcing it; select ``keep``
        again, else the first row."""
        self.blockSignals(True)
        self.clear()
        for item, name, tip in items:
            self.add(item, name, tip)
        self.blockSignals(False)
        if keep is not None:
            self.select(keep)
        if self.currentRow() < 0 and self.count():
            self.setCurrentRow(0)


def list_beside_form(owner: QWidget, names: QWidget, buttons: list[QWidget],
                     form: QLayout) -> None:
    """The scheme editor tabs' layout: the list with its buttons on the left (2/5), the form
    of the selected entry on the right (3/5)."""
    row_of_buttons = QHBoxLayout()
    for button in buttons:
        row_of_buttons.addWidget(button)
    row_of_buttons.addStretch(1)
    left = QVBoxLayout()
    left.addWidget(names, 1)
    left.addLayout(row_of_buttons)
    right = QVBoxLayout()
    right.addLayout(form)
    right.addStretch(1)
    row = QHBoxLayout(owner)
    row.addLayout(left, 2)
    row.addLayout(right, 3)
