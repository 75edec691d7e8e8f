"""The article filter's query, run off the GUI thread and streamed back in id order.

``ArticleFilter.start(path, query, status)`` scans the project through its own read-only
connection (a sqlite3 connection cannot cross threads) in windows of ids, emitting ``found`` with
each window's matches as soon as it has them; starting again (the query changed) or ``cancel()``
stops the previous scan at its next window and drops whatever it still sends. The matching itself
is ``Project.filter_article_ids`` (a substring of the title or text).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from annotator.store import Project, ProjectError

#: Ids scanned per call: the first window is small so first results come quickly, then each
#: window is four times the last, up to WINDOW (~30 ms of ``instr`` over 2,000-character texts).
FIRST_WINDOW = 100
WINDOW = 4000
CHUNK = 2000


class _Relay(QObject):
    """Carries the worker's results to the GUI thread (queued), tagged with their run."""

    found = Signal(int, list)
    done = Signal(int, str)


class _Scan(QRunnable):
    def __init__(self, run: int, relay: _Relay, path: Path, query: str, status: str | None,
                 annotator: str, stop: threading.Event) -> None:
        super().__init__()
        self.run_id, self.relay, self.path = run, relay, path
        self.query, self.status, self.stop = query, status, stop
        self.annotator = annotator

    def run(self) -> None:
        error = ""
        try:
            with Project.open(self.path, readonly=True) as project:
                self._scan(project)
        except ProjectError as exc:
            error = str(exc)
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self.relay.done.emit(self.run_id, error)

    def _scan(self, project: Project) -> None:
        last, window = project.max_article_id(), FIRST_WINDOW
        low = 0
        status, mine = self.status, None
        if status == "mine":  # the articles the annotator worked on, read once
            status, mine = None, set(project.mine_ids(self.annotator))
        elif status == "incomplete":  # with a span of theirs missing a required value
            status, mine = None, set(project.incomplete_article_ids(self.annotator))
        while low < last and not self.stop.is_set():
            high = low + window
            ids = project.filter_article_ids(self.query, status, after_id=low,
                                             upto_id=high, limit=CHUNK,
                                             annotator=self.annotator)
            low = ids[-1] if len(ids) == CHUNK else high
            if mine is not None:
                ids = [i for i in ids if i in mine]
            if ids and not self.stop.is_set():
                with contextlib.suppress(RuntimeError):
                    self.relay.found.emit(self.run_id, ids)
            window = min(WINDOW, window * 4)


class ArticleFilter(QObject):
    """One filter scan at a time; results of a superseded scan never arrive."""

    #: Ids (ascending, above every id sent before in this run) matching the current query.
    found = Signal(list)
    #: The current scan ended (payload: an error message, "" when it went through).
    finished = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.found.connect(self._on_found)
        self._relay.done.connect(self._on_done)
        self._run = 0
        self._stop = threading.Event()
        self._running = False

    def start(self, path: Path, query: str, status: str | None = None,
              annotator: str = "") -> None:
        """Scan for ``query`` among articles of ``annotator``'s ``status``."""
        self.cancel()
        self._run += 1
        self._stop = threading.Event()
        self._running = True
        self._pool.start(_Scan(self._run, self._relay, path, query, status, annotator,
                               self._stop))

    def cancel(self) -> None:
        """Stop the current scan (at its next window); nothing more of it is delivered."""
        self._stop.set()
        self._run += 1
        self._running = False

    def running(self) -> bool:
        return self._running

    def wait(self, msecs: int = 5000) -> bool:
        """Block until no scan runs (closing the window or the project)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, list)
    def _on_found(self, run: int, ids: list) -> None:
        if run == self._run:
            self.found.emit(ids)

    @Slot(int, str)
    def _on_done(self, run: int, error: str) -> None:
        if run == self._run:
            self._running = False
            self.finished.emit(error)
