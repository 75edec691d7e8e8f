"""One editor for one attribute value, made as the scheme types it: choice -> combo box (first
entry: not set), multi -> check boxes, boolean -> not set / yes / no, number and text -> line
edits. ``edited`` carries the new value (None when cleared); a number that does not parse is
refused with ``refused`` and the editor goes back to the stored value."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from annotator.core.scheme import AttributeDef, format_value


class ValueEditor(QWidget):
    #: The person changed the value (payload: the new value; None when cleared).
    edited = Signal(object)
    #: Typed text is not a value of the attribute (payload: a one-line message).
    refused = Signal(str)

    def __init__(self, attr: AttributeDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attr = attr
        self.setObjectName(f"value:{attr.name}")
        self.setToolTip(attr.description)
        self._value: Any = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo: QComboBox | None = None
        self.line: QLineEdit | None = None
        self.boxes: list[QCheckBox] = []
        if attr.type in ("choice", "boolean"):
            self.combo = QComboBox()
            self.combo.addItem(self.tr("(not set)"), None)
            if attr.type == "choice":
                for value in attr.values:
                    self.combo.addItem(value, value)
            else:
                self.combo.addItem(self.tr("yes"), True)
                self.combo.addItem(self.tr("no"), False)
            self.combo.activated.connect(lambda i: self._changed(self.combo.itemData(i)))
            row.addWidget(self.combo)
        elif attr.type == "multi":
            for value in attr.values:
                box = QCheckBox(value)
                box.setObjectName(f"value:{attr.name}:{value}")
                box.clicked.connect(lambda _on: self._changed(
                    [b.text() for b in self.boxes if b.isChecked()] or None))
                self.boxes.append(box)
                row.addWidget(box)
            row.addStretch(1)
        else:
            self.line = QLineEdit()
            self.line.setClearButtonEnabled(True)
            self.line.editingFinished.connect(self._typed)
            row.addWidget(self.line)

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        """Show ``value`` (as stored) without announcing it."""
        self._value = value
        if self.combo is not None:
            index = next((i for i in range(self.combo.count())
                          if self.combo.itemData(i) == value and
                          type(self.combo.itemData(i)) is type(value)), 0)
            self.combo.setCurrentIndex(index)
        elif self.boxes:
            for box in self.boxes:
                box.setChecked(isinstance(value, list) and box.text() in value)
        elif self.line is not None:
            self.line.setText(format_value(value))

    def _typed(self) -> None:
        assert self.line is not None
        text = self.line.text().strip()
        if self.attr.type != "number" or not text:
            self._changed(text or None)
            return
        number = parse_number(text)
        if number is None:
            self.refused.emit(self.tr("“{text}” is not a number (attribute {name})").format(
                text=text, name=self.attr.name))
            self.set_value(self._value)
            return
        self._changed(number)

    def _changed(self, value: Any) -> None:
        if value == self._value and type(value) is type(self._value):
            return
        self._value = value
        self.edited.emit(value)


def parse_number(text: str) -> int | float | None:
    """An int for "12", a float for "2.5", "1e9" or "-0.3"; None for anything else."""
    text = text.replace(",", "").replace("，", "").strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
