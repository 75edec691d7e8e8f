"""File ▸ Assign Work…: split the articles between annotators, one project file per person
(``review.assign``, the same as ``annotator assign``).

The packages are written in the thread pool through a read-only connection of the worker's own
(the window keeps its project open: reading takes no lock); the plan is then recorded on the GUI
thread through the window's connection (one transaction). Files that exist are replaced only
after the user agrees.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.outputs import existing
from annotator.review.assign import AssignReport, package_names, record, write_packages
from annotator.store import Project, ProjectError
from annotator.ui import interaction
from annotator.ui.context import AppContext
from annotator.ui.tasks import run_task


def _write(path: Path, people: list[str], folder: str, who: str, overlap: float,
           force: bool) -> AssignReport:
    with Project.open(path, readonly=True) as project:
        return write_packages(project, people, folder, who, overlap=overlap, force=force)


class AssignDialog(QDialog):
    #: The plan was recorded (payload: the AssignReport), or failed (None, the reason).
    finished_assigning = Signal(object, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Assign work"))
        self.people = QLineEdit()
        self.people.setObjectName("assignPeople")
        self.people.setPlaceholderText(self.tr("alice, bob, carol"))
        self.overlap = QSpinBox()
        self.overlap.setObjectName("assignOverlap")
        self.overlap.setRange(0, 100)
        self.overlap.setSuffix(" %")
        self.overlap.setValue(20)
        self.folder = QLineEdit()
        self.folder.setObjectName("assignFolder")
        path = ctx.project_path()
        if path is not None:
            self.folder.setText(str(path.with_name(f"{path.stem}-assigned")))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Annotators (comma-separated)"), self.people)
        form.addRow(self.tr("Shared by everyone, for agreement"), self.overlap)
        form.addRow(self.tr("Folder for the files"), where)
        self.result_label = QLabel(self.tr(
            "Each annotator gets one project file: the labels, terms, guidelines and their "
            "articles. Send each person their file; merge the returned files with File ▸ "
            "Import Teammate's Work…"))
        self.result_label.setObjectName("assignResult")
        self.result_label.setWordWrap(True)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.assign_button = self.buttons.addButton(self.tr("Assign"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.assign_button.setObjectName("assignButton")
        self.assign_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 300)

    def _browse(self) -> None:
        chosen = interaction.assign_folder(self, self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def start(self) -> bool:
        """Check the names, ask before replacing files, then write the packages off the GUI
        thread. False when nothing was started."""
        path, folder = self.ctx.project_path(), self.folder.text().strip()
        people = [p for p in self.people.text().split(",") if p.strip()]
        if path is None or not self.ctx.writable():
            return False
        try:
            files = package_names(people)
            if not folder:
                raise ProjectError(self.tr("choose a folder for the files"))
        except ProjectError as exc:
            self.result_label.setText(str(exc))
            return False
        found = existing(Path(folder) / f for f in files.values())
        force = bool(found) and interaction.confirm_replace(self, [str(f) for f in found])
        if found and not force:
            return False
        self.assign_button.setEnabled(False)
        self.result_label.setText(self.tr("Writing the files…"))
        who, share = self.ctx.annotator, self.overlap.value() / 100
        run_task(lambda: _write(path, list(files), folder, who, share, force), self._done, self)
        return True

    def _done(self, report: AssignReport | None, error: BaseException | None) -> None:
        self.assign_button.setEnabled(True)
        project = self.ctx.project
        if error is None and report is not None and project is not None:
            try:
                record(project, report)
            except ProjectError as exc:
                error = exc
        if error is not None or report is None:
            reason = str(error) if isinstance(error, (ProjectError, OSError)) else repr(error)
            self.result_label.setText(self.tr("Nothing was assigned: %1").replace("%1", reason))
            self.finished_assigning.emit(None, reason)
            return
        self.result_label.setText("\n".join([
            *(self.tr("%1: %2 article(s), %3 of them shared").replace("%1", str(p.path))
              .replace("%2", str(p.articles)).replace("%3", str(p.shared))
              for p in report.packages),
            self.tr("The plan is recorded in this project; merge the returned files with "
                    "File ▸ Import Teammate's Work…")]))
        self.finished_assigning.emit(report, "")
