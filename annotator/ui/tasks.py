"""Work off the GUI thread. Workers talk to widgets through queued signals only.

``run_task(func, callback)`` runs a plain function in Qt's thread pool and calls ``callback(result,
error)`` back on the GUI thread (Picard's habit). :class:`ImportWorker` imports files into a
project in its own thread with its own ``Project`` connection (a sqlite3 connection cannot cross
threads, and the project's flock is per open file, so the GUI closes its connection first; see
``ProjectOps.import_files``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from annotator.store import ImportCancelled, ImportFailed, Project, ProjectError

if TYPE_CHECKING:
    from annotator.importing import ImportReport

log = logging.getLogger(__name__)


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self._then)  # once the paint has returned (and
            # not at all if the widget is gone by then)
            self.deleteLater()
        return False


def after_first_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call ``then`` once ``widget`` has painted for the first time (work the first paint
    does not need waits until the user sees the window)."""
    _FirstPaint(widget, then)


class _Relay(QObject):
    """Lives on the GUI thread: the worker emits ``done``, Qt queues ``deliver`` here."""

    done = Signal(object, object)  # result, error (BaseException or None)

    def __init__(self, callback: Callable[[Any, BaseException | None], None],
                 parent: QObject) -> None:
        super().__init__(parent)
        self.callback = callback
        self.done.connect(self.deliver)

    @Slot(object, object)
    def deliver(self, result: Any, error: BaseException | None) -> None:
        try:
            self.callback(result, error)
        finally:
            self.deleteLater()


class _Task(QRunnable):
    def __init__(self, func: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.func = func
        self.relay = relay

    def run(self) -> None:
        result, error = None, None
        try:
            result = self.func()
        except Exception as exc:  # reported to the callback on the GUI thread
            error = exc
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self.relay.done.emit(result, error)


def run_task(func: Callable[[], Any], callback: Callable[[Any, BaseException | None], None],
             parent: QObject) -> None:
    """Run ``func()`` in the thread pool; ``callback(result, error)`` runs on ``parent``'s
    thread, and not at all if ``parent`` is gone by then."""
    relay = _Relay(callback, parent)
    QThreadPool.globalInstance().start(_Task(func, relay))


class ImportWorker(QObject):
    """Imports ``paths`` into the project at ``project_path``; lives in a worker QThread."""

    #: Records read so far (payload: int).
    progress = Signal(int)
    #: The import ended (report or None, error message: "" on success, "cancelled" when
    #: cancelled, else one line; failed: True when a bad record aborted it: then the report
    #: is the trial run's that names every bad file and record, nothing having been written).
    finished = Signal(object, str, bool)

    def __init__(self, project_path: Path, paths: list[str], who: str, *,
                 skip_bad: bool = False) -> None:
        super().__init__()
        self.project_path = project_path
        self.paths = paths
        self.who = who
        self.skip_bad = skip_bad
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the import to stop (thread-safe); nothing will have been imported."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        # imported on the first import, not at start-up (the first paint does not need it)
        from annotator.importing import ReadError, import_paths

        try:
            if self._cancel.is_set():
                raise ImportCancelled("import cancelled; nothing was imported")
            with Project.open(self.project_path) as project:
                report = import_paths(project, self.paths, self.who, skip_bad=self.skip_bad,
                                      progress=self._progress)
        except ImportCancelled:
            self.finished.emit(None, "cancelled", False)
        except ImportFailed as exc:
            self.finished.emit(self._trial(), str(exc), True)
        except (ProjectError, ReadError, OSError) as exc:
            self.finished.emit(None, str(exc), False)
        except Exception as exc:  # a bug: keep the window alive and say so
            log.exception("import failed")
            self.finished.emit(None, f"the import failed unexpectedly: {exc!r}", False)
        else:
            self.finished.emit(report, "", False)

    def _trial(self) -> ImportReport | None:
        """Every bad file and record of the import, from a trial run that writes nothing
        (None when even that fails or is cancelled: the first error is all there is)."""
        from annotator.importing import ReadError, check_paths

        try:
            with Project.open(self.project_path) as project:
                return check_paths(project, self.paths, self.who, progress=self._progress)
        except (ImportCancelled, ProjectError, ReadError, OSError):
            return None

    def _progress(self, count: int, _rate: float) -> bool:
        self.progress.emit(count)
        return not self._cancel.is_set()
