"""What an import did, told in the window: the status-bar counts, the summary when anything was
left out (duplicates, deleted articles, bad records, unread files, other encodings), and the one
dialog that lists every bad file and record before anything is imported.

Both dialogs show every line (no "and 40 more") in a read-only text box and can copy the whole
report to the clipboard; they open window-modal without blocking (``open()``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.store.articles import ImportReport

#: lupdate reads translate("Context", "text"): every string here is in context ImportReport
translate = QCoreApplication.translate


def counts(report: ImportReport) -> str:
    """One line for the status bar: what was imported and what was left out, counted."""
    parts = [translate("ImportReport", "Imported {0} article(s)").format(report.added)]
    for count, text in (
            (report.spans_added, translate("ImportReport", "{0} span(s)")),
            (len(report.duplicates),
             translate("ImportReport", "{0} already in the project (same text)")),
            (len(report.deleted),
             translate("ImportReport", "{0} deleted from the project before (left out)")),
            (len(report.restored), translate("ImportReport", "{0} deleted article(s) restored")),
            (len(report.skipped), translate("ImportReport", "{0} bad record(s) skipped")),
            (len(report.unread),
             translate("ImportReport", "{0} file(s) not read (not regular files)")),
            (len(report.encodings), translate("ImportReport", "{0} file(s) not in UTF-8"))):
        if count:
            parts.append(text.format(count))
    if report.labels_created:
        parts.append(translate("ImportReport", "new labels: {0}").format(
            ", ".join(report.labels_created)))
    return ", ".join(parts)


def sections(report: ImportReport) -> list[tuple[str, list[str]]]:
    """(heading, lines) of everything the import left out or should tell, in that order."""
    found = [
        (translate("ImportReport", "Bad files and records"), report.skipped),
        (translate("ImportReport", "Not read (not regular files)"), report.unread),
        (translate("ImportReport", "Already in the project (the same text), merged into the "
                                   "article there"), report.duplicates),
        (translate("ImportReport", "Deleted from the project before, left out (the command "
                                   "line's `annotator import --restore` or `annotator article "
                                   "PROJECT ID --restore` brings one back)"), report.deleted),
        (translate("ImportReport", "Deleted before, restored"), report.restored),
        (translate("ImportReport", "Decoded as something other than UTF-8"), report.encodings)]
    return [(heading, lines) for heading, lines in found if lines]


def needs_summary(report: ImportReport) -> bool:
    """Anything skipped, merged as a duplicate, left out or decoded otherwise?"""
    return bool(sections(report))


class ReportDialog(QDialog):
    """A headline, the report's lines (all of them) and a Copy button; subclasses add the
    buttons that decide."""

    def __init__(self, parent: QWidget | None, name: str, title: str, headline: str,
                 parts: list[tuple[str, list[str]]]) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        body = "\n\n".join("\n".join([f"{heading}:", *lines]) for heading, lines in parts)
        self.report_text = f"{headline}\n\n{body}".strip() + "\n"
        self.headline = QLabel(headline)
        self.headline.setObjectName("reportHeadline")
        self.headline.setWordWrap(True)
        self.details = QPlainTextEdit(body)
        self.details.setObjectName("reportDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.buttons = QDialogButtonBox()
        self.copy_button = self.button(translate("ImportReport", "Copy the Report"),
                                       QDialogButtonBox.ButtonRole.ActionRole, "copyReport")
        self.copy_button.clicked.connect(self.copy_report)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)

    def button(self, text: str, role: QDialogButtonBox.ButtonRole, name: str) -> QPushButton:
        button = self.buttons.addButton(text, role)
        button.setObjectName(name)
        return button

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text)


class ImportSummary(ReportDialog):
    """After an import that left something out or merged duplicates."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent, "importSummary", translate("ImportReport", "Import"),
                         counts(report) + ".", sections(report))
        close = self.button(translate("ImportReport", "Close"),
                            QDialogButtonBox.ButtonRole.RejectRole, "closeReport")
        close.setDefault(True)


class BadFiles(ReportDialog):
    """An import met bad files or records: nothing is imported yet. Lists every one (from the
    trial run) and offers Import the Good Ones / Cancel / Copy the Report."""

    def __init__(self, trial: ImportReport | None, error: str,
                 parent: QWidget | None = None) -> None:
        if trial is None:  # the trial itself failed: the first problem is all we know
            headline = translate("ImportReport",
                                 "The import stopped at a bad record; nothing was imported.")
            parts = [(translate("ImportReport", "Problem"), [error])]
        else:
            bad = len(trial.skipped) + len(trial.unread)
            headline = translate(
                "ImportReport", "{0} bad file(s) or record(s) found; nothing has been imported "
                "yet. {1} good article(s) can be imported without them.").format(bad, trial.added)
            parts = sections(trial)
        super().__init__(parent, "badFiles", translate("ImportReport", "Import: bad files"),
                         headline, parts)
        self.import_button = self.button(translate("ImportReport", "Import the Good Ones"),
                                         QDialogButtonBox.ButtonRole.AcceptRole, "importGood")
        self.import_button.setEnabled(trial is not None
                                      and bool(trial.added or trial.spans_added))
        cancel = self.button(translate("ImportReport", "Cancel"),
                             QDialogButtonBox.ButtonRole.RejectRole, "cancelImport")
        (self.import_button if self.import_button.isEnabled() else cancel).setDefault(True)
