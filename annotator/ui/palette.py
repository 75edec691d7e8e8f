"""The label palette dock: one button per label (hotkey, color, name; description as tooltip).

No style sheet (issue 14): one on the buttons made Qt build its QStyleSheetStyle and parse a
rule per button before the first paint, and draw them through it; a ``LabelButton`` is a tool
button (its icon and text sit at its left) that paints its label's colour along its left edge.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label
from annotator.ui.actions import swatch

#: The width of the label's colour along a button's left edge, and the room around its text.
EDGE = 4
PADDING = QSize(8, 2)
SQUARE = 14  # the label's colour square, PADDING.width() right of the edge


def padded_swatch(color: str) -> QIcon:
    """The label's colour square with room on its left (a tool button puts its icon at its
    very left, whatever its margins)."""
    pixmap = QPixmap(PADDING.width() + SQUARE, SQUARE)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.drawPixmap(PADDING.width(), 0, swatch(color, SQUARE).pixmap(SQUARE, SQUARE))
    painter.end()
    return QIcon(pixmap)


class LabelButton(QToolButton):
    """A palette button: the label's colour along its left edge and as a square, its key and
    name beside the square, at the left."""

    def __init__(self, color: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edge = QColor(color)
        self.setIcon(padded_swatch(color))
        self.setIconSize(QSize(PADDING.width() + SQUARE, SQUARE))
        self.setText(text)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return super().sizeHint() + QSize(0, 2 * PADDING.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)  # no fillRect before the first paint (text_line.py)
        painter.setBrush(self._edge)
        painter.drawRect(QRectF(0, 0, EDGE, self.height()))
        painter.end()


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
        self._buttons: dict[str, LabelButton] = {}
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
            button = LabelButton(label.color, f"  {key}   {label.name}")
            button.setObjectName(f"label:{label.name}")
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

    def button(self, name: str) -> LabelButton | None:
        return self._buttons.get(name)

    def set_editable(self, on: bool) -> None:
        for button in self._buttons.values():
            button.setEnabled(on)

    def _clicked(self, name: str) -> None:
        exact = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)
        self.labelClicked.emit(name, exact)
