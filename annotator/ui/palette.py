"""The label palette dock: one button per label (hotkey, color, name; description as tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label
from annotator.ui.actions import swatch


class LabelPalette(QDockWidget):
    #: A label button was clicked (label name, exact: Alt was held).
    labelClicked = Signal(str, bool)
    #: "Edit labels…" was clicked.
    editRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("LabelPalette", "Labels"), parent)
        self.setObjectName("paletteDock")
        self._box = QWidget()
        self._layout = QVBoxLayout()
        self._layout.setSpacing(3)
        self._buttons: dict[str, QPushButton] = {}
        self._edit = QPushButton(self.tr("Edit labels…"))
        self._edit.setObjectName("editLabels")
        self._edit.setFlat(True)
        self._edit.clicked.connect(self.editRequested)
        outer = QVBoxLayout(self._box)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(self._layout)
        outer.addWidget(self._edit)
        outer.addStretch(1)
        self.setWidget(self._box)
        self.set_labels([])

    def set_labels(self, labels: list[Label]) -> None:
        for button in self._buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = {}
        for label in labels:
            key = label.hotkey or " "
            button = QPushButton(swatch(label.color, 14), f"  {key}   {label.name}")
            button.setObjectName(f"label:{label.name}")
            button.setStyleSheet(
                f"QPushButton {{ text-align: left; padding: 4px 8px;"
                f" border-left: 4px solid {label.color}; }}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tip = label.description or label.name
            if label.hotkey:
                tip += QCoreApplication.translate(
                    "LabelPalette", "\nKey {key} (Alt+{key}: exact characters, no snapping)"
                ).format(key=label.hotkey)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the text selection's focus
            button.clicked.connect(lambda _c=False, n=label.name: self._clicked(n))
            self._layout.addWidget(button)
            self._buttons[label.name] = button

    def button(self, name: str) -> QPushButton | None:
        return self._buttons.get(name)

    def set_editable(self, on: bool) -> None:
        for button in self._buttons.values():
            button.setEnabled(on)

    def _clicked(self, name: str) -> None:
        exact = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)
        self.labelClicked.emit(name, exact)
