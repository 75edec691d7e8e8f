"""The File menu: new, open, import (off the GUI thread, cancellable), export (the export
dialog), import a teammate's work (the merge dialog), snapshot.

Import design: the project file is flock-locked per open file description, and a sqlite3
connection cannot cross threads, so the window *suspends* its project (closes the connection and
the lock; the views keep what they show), an :class:`ImportWorker` opens the file in its own
QThread and imports everything in one transaction, and the window reopens the file when the
worker is done. The progress dialog is window-modal meanwhile. Cancel makes the store roll the
transaction back: nothing is imported. Export runs in the thread pool on a read-only connection,
which takes no lock (``export_dialog.py``); merging suspends the project like import
(``merge_dialog.py``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from annotator.core import segment
from annotator.store import Project, ProjectError, ProjectNotFound, projects_home
from annotator.store.articles import ImportReport
from annotator.ui import interaction
from annotator.ui.context import AppContext
from annotator.ui.status import file_line
from annotator.ui.tasks import ImportWorker, after_first_paint, run_task


class ProjectOps(QObject):
    #: A line for the status bar (payload: text).
    message = Signal(str)
    #: An import is about to start (payload: the ImportWorker; tests cancel through it).
    importStarted = Signal(object)
    #: An import ended (ImportReport or None, error: "" on success, "cancelled", or a message).
    importFinished = Signal(object, str)
    #: An export ended (payload: the manifest dict, or None on error or cancel).
    exportFinished = Signal(object)
    #: The background integrity check of a newly opened project ended (payload: "" when the
    #: file is healthy, else the sentence writes are refused with).
    integrityChecked = Signal(str)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.progress_dialog: QProgressDialog | None = None
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None
        self._paths: list[str] = []
        self._suspended: Path | None = None
        self.export_dialog: QDialog | None = None
        #: The import's summary or bad-files dialog last shown (tests look at it).
        self.report_dialog: QDialog | None = None
        self.merge_dialog: QDialog | None = None
        #: Until the window has painted once, the integrity check of the project opened at
        #: start waits: it reads the whole file (1 GB at 100k articles) on a second core, and
        #: its imports take the GIL, both while the first paint is being made (issue 14).
        self._painted = False
        self._waiting: Project | None = None
        after_first_paint(window, self._on_first_paint)

    def _on_first_paint(self) -> None:
        self._painted = True
        project, self._waiting = self._waiting, None
        if project is not None and project is self.ctx.project:
            self._check_integrity(project)

    def _folder(self) -> str:
        path = self.ctx.project_path()
        return str(path.parent if path else projects_home())

    # ------------------------------------------------------------------ projects
    def open_path(self, path: str | Path) -> bool:
        current = self.ctx.project_path()
        if current is not None and Path(path).resolve() == current.resolve():
            return True  # already open here (a second open would meet our own lock)
        try:
            project = Project.open(path, verify=False)  # checked in the background (adopt)
        except ProjectError as exc:
            if isinstance(exc, ProjectNotFound):
                self.ctx.settings.forget_project(path)
            interaction.warn(self.window, self.tr("Cannot open the project"), str(exc))
            return False
        self.adopt(project)
        return True

    def adopt(self, project: Project) -> None:
        segment.set_terms(project.terms())
        self.ctx.set_project(project)
        self.ctx.settings.remember_project(project.path)
        origin = project.origin()
        self.message.emit(self.tr("Opened {line}").format(line=file_line(project.path, origin))
                          if origin is not None
                          else self.tr("Opened {path}").format(path=project.path))
        if project.readonly:
            return
        if self._painted:
            self._check_integrity(project)
        else:
            self._waiting = project

    def _check_integrity(self, project: Project) -> None:
        """SQLite's quick_check off the GUI thread; a damaged file stops taking edits at once
        (the bar, as for a file that changed under the window)."""
        def done(reason: str | None, error: BaseException | None) -> None:
            if self.ctx.project is not project:
                return  # another project was opened meanwhile
            if error is not None:
                reason = f"{project.path} could not be checked ({error}); nothing more is " \
                         "written to it"
            if reason:
                project.refuse_writes(reason)
                self.ctx.writable()  # notices the refusal: fileLost, the bar, edits off
            self.integrityChecked.emit(reason or "")

        run_task(project.damage_found, done, self)

    def new_project(self) -> bool:
        path = interaction.new_project_path(self.window, self._folder())
        if not path:
            return False
        try:
            project = Project.create(path, title=Path(path).stem, who=self.ctx.annotator)
        except ProjectError as exc:
            interaction.warn(self.window, self.tr("Cannot create the project"), str(exc))
            return False
        self.adopt(project)
        return True

    def open_project(self) -> bool:
        path = interaction.open_project_path(self.window, self._folder())
        return self.open_path(path) if path else False

    # ------------------------------------------------------------------ import
    def importing(self) -> bool:
        return self._thread is not None

    def import_files(self, paths: list[str] | None = None, *, skip_bad: bool = False) -> bool:
        """Start importing ``paths`` (asked for when None); returns False when not started."""
        if self.importing() or not self.ctx.writable():
            return False
        if paths is None:
            paths = interaction.import_paths(self.window, self._folder())
        if not paths:
            return False
        self._paths = list(paths)
        self._suspended = self.ctx.suspend()
        worker = ImportWorker(self._suspended, self._paths, self.ctx.annotator, skip_bad=skip_bad)
        thread = QThread(self)
        worker.moveToThread(thread)
        dialog = QProgressDialog(self.tr("Reading files…"), self.tr("Cancel"), 0, 0, self.window)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle(self.tr("Import"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(worker.cancel, Qt.ConnectionType.DirectConnection)
        dialog.canceled.connect(lambda: dialog.setLabelText(self.tr("Cancelling: nothing is imported…")))
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        thread.started.connect(worker.run)
        self._thread, self._worker, self.progress_dialog = thread, worker, dialog
        dialog.show()
        self.importStarted.emit(worker)
        thread.start()
        return True

    def shutdown(self) -> None:
        """The window is closing: stop an import (nothing is imported) and wait for it."""
        if self._worker is not None:
            self._worker.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    def _on_progress(self, count: int) -> None:
        if self.progress_dialog is not None and not self.progress_dialog.wasCanceled():
            self.progress_dialog.setLabelText(self.tr("Importing… {count} record(s) read").format(count=count))

    def _on_finished(self, report: ImportReport | None, error: str, failed: bool) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
            self.window.activateWindow()  # hotkeys go to the window again
        if self._suspended is not None:
            path, self._suspended = self._suspended, None
            try:
                self.ctx.resume(path)
            except ProjectError as exc:
                interaction.warn(self.window, self.tr("Cannot reopen the project"), str(exc))
        if failed:  # the report is the trial run's: nothing was written
            self.importFinished.emit(None, error)
            self._ask_about_bad_files(report, error)
            return
        self.importFinished.emit(report, error)
        from annotator.ui import import_report  # its dialogs: not before the first paint

        if report is not None:
            self.message.emit(import_report.counts(report))
            if import_report.needs_summary(report):
                self.report_dialog = self._report(import_report.ImportSummary(report,
                                                                              self.window))
        elif error == "cancelled":
            self.message.emit(self.tr("Import cancelled: nothing was imported"))
        else:
            interaction.warn(self.window, self.tr("Import failed"), error)

    def _ask_about_bad_files(self, trial: ImportReport | None, error: str) -> None:
        """One dialog lists every bad file and record; Import the Good Ones runs the import
        again skipping them, Cancel leaves the project as it was."""
        from annotator.ui import import_report

        dialog = import_report.BadFiles(trial, error, self.window)
        paths = list(self._paths)
        dialog.accepted.connect(lambda: self.import_files(paths, skip_bad=True))
        dialog.rejected.connect(lambda: self.message.emit(
            self.tr("Import cancelled: nothing was imported")))
        self.report_dialog = self._report(dialog)

    def _report(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ export and snapshot
    def export(self) -> QDialog | None:
        """File ▸ Export…: the export dialog (window-modal, non-blocking); see export_dialog."""
        from annotator.ui.export_dialog import ExportDialog

        if self.ctx.project is None:
            return None
        dialog = ExportDialog(self.ctx, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._exported)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _exported(self, manifest: dict | None, error: str) -> None:
        if manifest is not None:
            files = manifest.get("files", [])
            self.message.emit(self.tr("Exported to {path}").format(path=files[0] if files else "?"))
        elif error == "cancelled":
            self.message.emit(self.tr("Export cancelled: nothing was written"))
        self.exportFinished.emit(manifest)

    def import_teammate(self, paths: list[str] | None = None) -> QDialog | None:
        """File ▸ Import Teammate's Work…: preview, then merge (see merge_dialog)."""
        from annotator.ui.merge_dialog import MergeDialog

        if not self.ctx.writable() or self.importing():
            return None
        if paths is None:
            paths = interaction.teammate_paths(self.window, self._folder())
        if not paths:
            return None
        dialog = MergeDialog(self.ctx, paths, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self._merged)
        self.merge_dialog = dialog
        dialog.open()
        dialog.start_preview()
        return dialog

    def _merged(self, reports: list | None, error: str) -> None:
        if reports is not None:
            self.message.emit("; ".join(r.summary() for r in reports))

    def _copy_path(self, project: Project | None, kind: str, title: str) -> str:
        """Ask where a copy of ``project`` goes (suggesting NAME-KIND-STAMP.db beside it)."""
        if project is None:
            return ""
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        suggested = project.path.with_name(f"{project.path.stem}-{kind}-{stamp}.db")
        return interaction.save_path(self.window, title, str(suggested),
                                     interaction.PROJECT_FILTER) or ""

    def save_open_as(self) -> bool:
        """The project's file is gone or replaced: copy everything the open connection holds
        into a new file (backup API) and carry on working in that copy."""
        project = self.ctx.project
        out = self._copy_path(project, "saved", self.tr("Save what is open as"))
        if project is None or not out:
            return False
        try:
            written = project.save_copy(out)
            copy = Project.open(written)
        except ProjectError as exc:
            interaction.warn(self.window, self.tr("Not saved"), str(exc))
            return False
        self.adopt(copy)
        self.message.emit(self.tr("Saved everything to {path}; you are now working in it").format(
            path=written))
        return True

    def snapshot(self) -> bool:
        project = self.ctx.project
        out = self._copy_path(project, "snapshot", self.tr("Snapshot for sharing"))
        if project is None or not out:
            return False
        try:
            written = project.snapshot(out, replace=True)  # the save dialog asked
        except ProjectError as exc:
            interaction.warn(self.window, self.tr("Snapshot failed"), str(exc))
            return False
        self.message.emit(self.tr("Snapshot written to {path}; send that file, not the live one")
                          .format(path=written))
        return True

