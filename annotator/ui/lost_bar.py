"""The bar across the window when the project's file was deleted, replaced or moved away.

It says in one sentence what happened and offers "Save what is open as…" (a copy written from
the still-open connection with SQLite's backup API, see ``ProjectOps.save_open_as``). The window
disables every edit while it shows; adopting another project hides it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

STYLE = """
QFrame#fileLostBar { background: #fdecea; border-bottom: 2px solid #c62828; }
QFrame#fileLostBar QLabel { color: #7f1d1d; font-weight: 600; }
"""


class FileLostBar(QFrame):
    #: The user asked to save what is open into a new file.
    saveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileLostBar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.label = QLabel()
        self.label.setObjectName("fileLostMessage")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save what is open as…"))
        self.save_button.setObjectName("saveOpenAs")
        self.save_button.clicked.connect(self.saveRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.save_button)
        self.hide()

    def show_message(self, sentence: str) -> None:
        if not self.styleSheet():  # styled when first shown: a style sheet costs the start
            self.setStyleSheet(STYLE)
        self.label.setText(sentence)
        self.show()

    def message(self) -> str:
        return self.label.text() if self.isVisible() else ""
