"""The application context: the open project, who is annotating, settings and the undo stack.

Passed explicitly to every controller and dock (no globals, git-cola style). Writes go through
undo commands, which call the store and then one of the ``notify_*`` methods; views follow the
signals below, never each other.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.model import Label, Relation, Span
from annotator.core.names import GOLD_ORIGIN, BadName, check_person_name
from annotator.review.layers import provenance
from annotator.store import Project, ProjectFileLost
from annotator.store import connection as cx
from annotator.ui.settings import ANNOTATOR, PROJECT_ANNOTATOR, Settings


class AppContext(QObject):
    #: A span was stored (payload: the Span as stored).
    spanAdded = Signal(object)
    #: A span was deleted (payload: the Span as it was).
    spanRemoved = Signal(object)
    #: A span changed label, note or extent (payload: the Span as stored now).
    spanChanged = Signal(object)
    #: A relation was stored or restored (payload: the Relation).
    relationAdded = Signal(object)
    #: A relation was deleted (payload: the Relation as it was).
    relationRemoved = Signal(object)
    #: A span's attribute values changed (payload: the span id).
    spanAttributesChanged = Signal(str)
    #: An article's status changed (article id, new status).
    statusChanged = Signal(int, str)
    #: The label scheme changed (payload: the list of Labels, in order).
    labelsChanged = Signal(object)
    #: Articles were added or the project was replaced: article lists reload.
    articlesChanged = Signal()
    #: One article was renamed, deleted or restored (payload: its id); lists reload too.
    articleEdited = Signal(int)
    #: An article attribute of an article changed (payload: the article id).
    articleAttributesChanged = Signal(int)
    #: Another project was opened, or the project was closed (payload: Project or None).
    projectChanged = Signal(object)
    #: The annotator's name changed (payload: the new name).
    annotatorChanged = Signal(str)
    #: A write failed (payload: one-line message for the user).
    errorOccurred = Signal(str)
    #: The project's file was deleted, replaced or moved away under the window: no more edits
    #: (payload: the one-sentence explanation). Cleared when another project is adopted.
    fileLost = Signal(str)

    def __init__(self, settings: Settings, annotator: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.annotator = annotator
        self.project: Project | None = None
        self.undo_stack = QUndoStack(self)
        self._labels: list[Label] = []
        #: Why the open project's file can no longer be written (see ``fileLost``), or None.
        self.lost: str | None = None
        self._suspended: Path | None = None  # must still be the same file when reopened

    # -------------------------------------------------------------------- project
    def set_project(self, project: Project | None) -> None:
        """Adopt ``project`` (closing the previous one); the undo history starts afresh."""
        old, self.project = self.project, project
        if old is not None and old is not project:
            old.close()
        self.lost = None
        if self._suspended is not None:
            cx.expect_same_file(self._suspended, None)
            self._suspended = None
        self.undo_stack.clear()
        self._labels = project.labels() if project is not None else []
        if project is not None:
            project.checkpoint_in_background()  # no label key waits for a checkpoint
            self._annotator_of(project.path)
        self.projectChanged.emit(project)
        self.labelsChanged.emit(list(self._labels))
        self.articlesChanged.emit()

    def close_project(self) -> None:
        self.set_project(None)

    def suspend(self) -> Path:
        """Close the project's connection (and its lock) so a worker thread can open the file;
        the views keep what they show. Pair with :meth:`resume`."""
        project = self.require_project()
        if self._noticed_lost():  # callers check writable() first: this is the last guard
            raise ProjectFileLost(self.lost or "")
        # the worker and resume() must find this very file again, never one put in its place
        cx.expect_same_file(project.path, project.identity)
        self._suspended = project.path
        self.project = None
        project.close()
        return project.path

    def resume(self, path: Path) -> None:
        """Reopen after :meth:`suspend`; the undo history stays valid (commands hold ids)."""
        try:
            self.project = Project.open(path, verify=False)  # checked when first opened
        except Exception:
            self.set_project(None)
            raise
        self.project.checkpoint_in_background()
        self.reload_labels()
        self.articlesChanged.emit()

    def require_project(self) -> Project:
        if self.project is None:
            raise RuntimeError("no project is open")
        return self.project

    def project_path(self) -> Path | None:
        return self.project.path if self.project is not None else None

    def writable(self) -> bool:
        """True when edits may go to the project: open for writing, and its path still names
        the file we opened (one ``os.stat``; the first time it does not, ``fileLost`` fires)."""
        if self.project is None or self.project.readonly:
            return False
        return not self._noticed_lost()

    def _noticed_lost(self) -> bool:
        if self.lost is None and self.project is not None:
            why = self.project.file_lost()
            if why is not None:
                self.lost = why
                # its commands would write into a file we refuse (not cleared mid-push)
                QTimer.singleShot(0, self.undo_stack, self.undo_stack.clear)
                self.fileLost.emit(why)
        return self.lost is not None

    # -------------------------------------------------------------------- annotator
    def set_annotator(self, name: str) -> None:
        """Raises BadName (core/names.py) for a name that cannot be a person's."""
        name = check_person_name(name.strip()) if name.strip() else ""
        if name and name != self.annotator:
            self.annotator = name
            self.annotatorChanged.emit(name)

    def choose_annotator(self, name: str) -> None:
        """The user chose ``name`` (raises BadName): remembered for the open project file only
        (a teammate's copy opened as "carol" leaves the master's name alone); with no project
        open, it is the name for project files not opened before."""
        self.set_annotator(name)
        path = self.project_path()
        if path is None:
            self.settings.set(ANNOTATOR, self.annotator)
        else:
            self.settings.set_for(path, PROJECT_ANNOTATOR, self.annotator)

    def _annotator_of(self, path: Path) -> None:
        """Take the name remembered for the project file ``path``; a file opened for the first
        time (or with a name that is not valid, from an edited settings file) keeps the
        current name, which is remembered for it."""
        with suppress(BadName):
            self.set_annotator(self.settings.get_for(path, PROJECT_ANNOTATOR))
        self.settings.set_for(path, PROJECT_ANNOTATOR, self.annotator)

    # -------------------------------------------------------------------- labels
    def gold_note(self, span: Span) -> str:
        """"adjudicated by NAME" for a gold span (from its provenance), "" for any other."""
        if span.origin != GOLD_ORIGIN or self.project is None:
            return ""
        prov = provenance(self.project, [span.id]).get(span.id, {})
        who = prov.get("adjudicator")
        return self.tr("adjudicated by {0}").format(who) if isinstance(who, str) else ""

    def labels(self) -> list[Label]:
        return list(self._labels)

    def label(self, name: str) -> Label | None:
        return next((label for label in self._labels if label.name == name), None)

    def reload_labels(self) -> None:
        self._labels = self.project.labels() if self.project is not None else []
        self.labelsChanged.emit(list(self._labels))

    # -------------------------------------------------------------------- notifications
    def notify_span_added(self, span: Span) -> None:
        self.spanAdded.emit(span)

    def notify_span_removed(self, span: Span) -> None:
        self.spanRemoved.emit(span)

    def notify_span_changed(self, span: Span) -> None:
        self.spanChanged.emit(span)

    def notify_relation_added(self, relation: Relation) -> None:
        self.relationAdded.emit(relation)

    def notify_relation_removed(self, relation: Relation) -> None:
        self.relationRemoved.emit(relation)
    def notify_attributes(self, span_id: str) -> None:
        self.spanAttributesChanged.emit(span_id)

    def notify_article(self, article_id: int) -> None:
        self.articlesChanged.emit()
        self.articleEdited.emit(article_id)

    def notify_article_attributes(self, article_id: int) -> None:
        self.articleAttributesChanged.emit(article_id)

    def notify_status(self, article_id: int, status: str) -> None:
        self.statusChanged.emit(article_id, status)

    def report_error(self, error: str | Exception) -> None:
        """A failed write: the file-lost refusal raises ``fileLost`` (once), anything else
        ``errorOccurred``."""
        if isinstance(error, ProjectFileLost) or self.lost is not None:
            self._noticed_lost()
            return
        self.errorOccurred.emit(str(error))
