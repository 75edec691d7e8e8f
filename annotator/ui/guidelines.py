"""The guidelines dock: the project's annotation guidelines (Markdown) rendered beside the
article, and an editor for them (View > Guidelines toggles the dock).

The dock reads the guidelines when a project opens and after its own edits; saving is one
``Project.set_guidelines`` call (one transaction, logged). Links open nothing: a teammate's
guidelines are text to read, not a way to launch programs.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.store import ProjectError
from annotator.ui.context import AppContext


class GuidelinesEditor(QDialog):
    """Markdown source on the left, the rendering on the right, updated as one types."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesEditor")
        self.setWindowTitle(self.tr("Edit guidelines"))
        self.source = QPlainTextEdit()
        self.source.setObjectName("guidelinesSource")
        self.source.setPlainText(text)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.source.textChanged.connect(
            lambda: self.preview.setMarkdown(self.source.toPlainText()))
        self.preview.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Markdown: # headings, **bold**, - lists, tables")))
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(900, 600)

    def text(self) -> str:
        return self.source.toPlainText()


class GuidelinesDock(QDockWidget):
    #: The guidelines were saved (payload: the text as stored).
    guidelinesSaved = Signal(str)
    #: Saving failed (payload: the one-line reason).
    saveFailed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Guidelines"))
        self.setObjectName("guidelinesDock")
        self.browser = QTextBrowser()
        self.browser.setObjectName("guidelinesView")
        self.browser.setOpenLinks(False)
        self.edit_button = QPushButton(self.tr("Edit guidelines…"))
        self.edit_button.setObjectName("editGuidelines")
        self.edit_button.setFlat(True)
        self.edit_button.clicked.connect(self.edit)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.edit_button)
        self.setWidget(box)
        self.reload()

    def reload(self) -> None:
        """Show the open project's guidelines (after opening a project or merging)."""
        project = self.ctx.project
        self.edit_button.setEnabled(project is not None and self.ctx.writable())
        self.show_text(project.guidelines() if project is not None else "")

    def show_text(self, text: str) -> None:
        if text.strip():
            self.browser.setMarkdown(text)
        else:
            self.browser.setPlainText(self.tr(
                "No guidelines yet. Write them with “Edit guidelines…”, or on the command "
                "line: annotator guidelines PROJECT --set FILE.md"))

    def edit(self) -> bool:
        """Open the editor; save what the user keeps. True when saved."""
        from annotator.ui import interaction

        project = self.ctx.project
        if project is None or not self.ctx.writable():
            return False
        text = interaction.edit_guidelines(self, project.guidelines())
        if text is None:
            return False
        try:
            stored = project.set_guidelines(text, self.ctx.annotator)
        except ProjectError as exc:
            self.saveFailed.emit(str(exc))
            return False
        self.show_text(stored)
        self.guidelinesSaved.emit(stored)
        return True
