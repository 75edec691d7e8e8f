"""One editor per attribute type, generated from the scheme (the inspector's rows).

Each editor shows the stored value (``set_value``, no signal) and emits ``committed`` with the new
value when the person changes it: a choice or a yes/no at once (a combo box's ``activated``, so
arrow keys and typing a value's first letters count, programmatic changes do not); a multi
selection on each box clicked; text and numbers on Enter and when the field loses focus, never
per keystroke. Unset is ``None`` for every type (an empty text and no box checked too).

Choices: a combo box with an empty entry first ("—", unset; "— (positive)" when the scheme
gives a default, the value unset stands for). Yes/no: a combo box (—, yes, no)
rather than a tri-state check box, whose "partly checked" look does not read as "not set yet"
and whose Space cycle passes through a state the person did not mean. Numbers: a line edit
rather than a spin box, which cannot be empty; it takes integers and decimals (full-width
digits, thousands commas, an exponent) and refuses anything else with a message.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from annotator.core.scheme import AttributeDef, format_value, is_empty
from annotator.ui.claims.flow_layout import FlowLayout

translate = QCoreApplication.translate
UNSET = "—"
#: The field of a refused entry (a number that does not parse).
REFUSED_BASE = QColor("#fde2e1")
#: What the number field lets through as it is typed (the rest is refused on commit).
NUMBER_KEYS = QRegularExpression(r"[-+0-9０-９.．,，eE]*")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_number(text: str) -> int | float | None:
    """The number typed in ``text`` (None when empty): an int unless it has a point or an
    exponent. Full-width digits count; commas only as thousands separators (1,000,000).
    Raises ValueError with a one-line message for anything else."""
    plain = unicodedata.normalize("NFKC", text).strip()
    if not plain:
        return None
    if _GROUPED.fullmatch(plain):
        plain = plain.replace(",", "")
    if not _NUMBER.fullmatch(plain):
        raise ValueError(translate("AttributeEditor", "“{0}” is not a number (write 12, -3.5, "
                                                      "1,000,000 or 2.5e8)").format(text))
    if "." not in plain and "e" not in plain.lower():
        return int(plain)
    value = float(plain)
    if not math.isfinite(value):
        raise ValueError(translate("AttributeEditor", "“{0}” is too large").format(text))
    return value


class AttributeEditor(QWidget):
    """The common face of every editor."""

    #: The person set a new value (payload: the value as stored; None: unset).
    committed = Signal(object)
    #: What the person typed is not a value (payload: a one-line message).
    refused = Signal(str)

    def __init__(self, attr: AttributeDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attr = attr
        self._value: Any = None
        self.setObjectName(f"attr:{attr.name}")
        self.setToolTip(attr.description)

    def value(self) -> Any:
        """The value shown as stored (None: unset)."""
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = None if is_empty(value) else value
        self._show(self._value)

    def focus_target(self) -> QWidget:
        return self

    def hotkeys(self) -> dict[str, Any]:
        """key -> value for the scheme's per-value hotkeys (choices only)."""
        return {}

    def choose(self, value: Any) -> None:
        """Set ``value`` as the person would (a hotkey): commits when it differs."""
        self._show(value)
        self._commit(value)

    def _commit(self, value: Any) -> None:
        value = None if is_empty(value) else value
        if value != self._value or type(value) is not type(self._value):
            self._value = value
            self.committed.emit(value)

    def _show(self, value: Any) -> None:
        raise NotImplementedError


class ComboEditor(AttributeEditor):
    """A choice or a yes/no: a combo box whose first entry is "—" (unset)."""

    def __init__(self, attr: AttributeDef, items: list[tuple[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"attr:{attr.name}:combo")
        # the scheme's default, if any, is what unset stands for: shown beside the dash
        self.combo.addItem(UNSET if attr.default is None else
                           f"{UNSET} ({format_value(attr.default)})", None)
        for text, value in items:
            self.combo.addItem(text, value)
        self.combo.setToolTip(attr.description)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(lambda i: self._commit(self.combo.itemData(i)))

    def focus_target(self) -> QWidget:
        return self.combo

    def hotkeys(self) -> dict[str, Any]:
        return {key: value for value, key in self.attr.hotkeys}

    def _show(self, value: Any) -> None:
        index = next((i for i in range(self.combo.count())
                      if self.combo.itemData(i) == value
                      and type(self.combo.itemData(i)) is type(value)), 0)
        self.combo.setCurrentIndex(index)


class MultiEditor(AttributeEditor):
    """A check box per value, as many to a row as the dock's width holds (they wrap, never
    widen the inspector); each click commits the whole selection."""

    def __init__(self, attr: AttributeDef, parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        flow = FlowLayout(self)
        flow.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for name in attr.values:
            box = QCheckBox(self)
            box.setText(name)  # a scheme value: data, never translated
            box.setObjectName(f"attr:{attr.name}:{name}")
            box.clicked.connect(lambda _on: self._commit(self.checked()))
            flow.addWidget(box)
            self.boxes[name] = box
        if attr.values:
            self.setFocusProxy(self.boxes[attr.values[0]])

    def checked(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]

    def focus_target(self) -> QWidget:
        return next(iter(self.boxes.values()), self)

    def _show(self, value: Any) -> None:
        chosen = set(value or ())
        for name, box in self.boxes.items():
            box.setChecked(name in chosen)


class CommitLineEdit(QLineEdit):
    """A line edit that asks to commit on Enter and when it loses focus after an edit, even
    when its validator finds the text unfinished (QLineEdit's own signals stay silent then),
    and goes back to the stored text on Esc."""

    commitRequested = Signal()
    revertRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.commitRequested.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.isModified():
            self.revertRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        if self.isModified():
            self.commitRequested.emit()


class LineEditor(AttributeEditor):
    """Text, or a number (``attr.type == "number"``)."""

    def __init__(self, attr: AttributeDef, parent: QWidget | None = None) -> None:
        super().__init__(attr, parent)
        self.edit = CommitLineEdit(self)
        self.edit.setObjectName(f"attr:{attr.name}:edit")
        self.edit.setToolTip(attr.description)
        self.edit.setClearButtonEnabled(True)
        if attr.type == "number":
            self.edit.setValidator(QRegularExpressionValidator(NUMBER_KEYS, self.edit))
            self.edit.setPlaceholderText(translate("AttributeEditor", "a number"))
        if attr.default is not None:
            self.edit.setPlaceholderText(format_value(attr.default))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit)
        self.edit.commitRequested.connect(self._typed)
        self.edit.revertRequested.connect(lambda: self._show(self._value))

    def focus_target(self) -> QWidget:
        return self.edit

    def _typed(self) -> None:
        text = self.edit.text()
        if self.attr.type == "number":
            try:
                value: Any = parse_number(text)
            except ValueError as exc:
                self.edit.setProperty("refused", True)
                self._restyle()
                self.refused.emit(str(exc))
                return
        else:
            value = text.strip()
        self.edit.setModified(False)
        self._commit(value)
        self._show(self._value)

    def _show(self, value: Any) -> None:
        self.edit.setText(format_value(value))
        self.edit.setModified(False)
        if self.edit.property("refused"):
            self.edit.setProperty("refused", False)
            self._restyle()

    def _restyle(self) -> None:
        """A refused entry gets a pale red field until it is corrected or reverted (set on
        the field itself: the inspector has no style sheet, issue 14)."""
        palette = QApplication.palette(self.edit)
        if self.edit.property("refused"):
            palette.setColor(QPalette.ColorRole.Base, REFUSED_BASE)
        self.edit.setPalette(palette)


def make_editor(attr: AttributeDef, parent: QWidget | None = None) -> AttributeEditor:
    """The editor for ``attr``'s type."""
    if attr.type == "choice":
        return ComboEditor(attr, [(v, v) for v in attr.values], parent)
    if attr.type == "boolean":
        return ComboEditor(attr, [(translate("AttributeEditor", "yes"), True),
                                  (translate("AttributeEditor", "no"), False)], parent)
    if attr.type == "multi":
        return MultiEditor(attr, parent)
    return LineEditor(attr, parent)
