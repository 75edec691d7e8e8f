"""The open project's search index, kept up to date in the background (issue 14).

So that the first search of a session finds its index ready (a scan of 100k articles takes
seconds; the index answers in milliseconds), the window builds the project's trigram index
(``store/search_index.py``: in the user's cache folder, never in the project file) as soon as
it has painted, and extends it whenever articles come in (an import, a merge, a restore):

- in one worker thread of its own, at the lowest CPU priority (nice 19, that thread only):
  the label key, the window's start and the searches come first;
- paused while a search runs (``pause_for_search``): the scan of what the index does not cover
  yet gets both CPUs and the GIL;
- a batch of ``BATCH`` articles per transaction (~25 ms): SQLite tokenizes without the GIL,
  so the GUI thread is never held up for longer than a batch's few Python statements;
- stopped after its current batch when the project closes or another opens, and resumed where
  the index stops (it grows by id) when the project is opened again.

The search dock shows how far it got ("indexing: 40%", "index ready"); a search meanwhile uses
the index for the articles it covers and scans the rest (``store/search.py``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from annotator.store import Project, ProjectError
from annotator.store.search_index import SearchIndex, last_article_id

log = logging.getLogger(__name__)

#: Articles per transaction in the background (~0.5 ms each: a batch is over in ~25 ms).
BATCH = 50
#: The builder thread's nice value (19: runs only on what the rest leaves).
NICE = 19
#: The builder's page cache for reading the project (KB).
READ_CACHE_KB = 256
#: How often the builder says how far it got (the dock's note; not a repaint per batch).
PROGRESS_SECONDS = 0.5
#: After an edit (a label key, an attribute, a delete), the builder waits this long before its
#: next batch: a build running beside the label keys made their p95 ~4 ms longer (two CPUs
#: that share a core, and the GIL), measured at 10k articles.
QUIET_SECONDS = 2.0
#: While a search runs, the builder looks this often whether it is over.
SEARCH_POLL_SECONDS = 0.02


class _Quiet:
    """Until when the builder waits between batches (``time.monotonic()``; written on the GUI
    thread, read by the worker), whether a search runs (it waits too), and whether it is
    waiting now."""

    def __init__(self) -> None:
        self.until = 0.0
        self.searching = False
        self.waiting = False


def open_index(project: Project, *, create: bool = False) -> SearchIndex | None:
    """The project's sidecar index, or None (then the search scans; never an error)."""
    try:
        return SearchIndex.open(project.conn, project.path, create=create)
    except (sqlite3.Error, OSError) as exc:
        log.warning("search index unavailable: %s", exc)
        return None


def _lower_priority() -> None:
    """This thread only (on Linux a thread has its own nice value); elsewhere nothing."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)


class _Relay(QObject):
    """Lives on the GUI thread; the task's emits are queued to it."""

    #: (generation, indexed through id, last id); (generation, 0, 0): empty or failed.
    progressed = Signal(int, int, int)
    #: The task ended (generation).
    finished = Signal(int)


class _BuildTask(QRunnable):
    def __init__(self, generation: int, path: Path, relay: _Relay, quiet: _Quiet) -> None:
        super().__init__()
        self.generation = generation
        self.path = path
        self.relay = relay
        self.quiet = quiet
        self.cancel = threading.Event()
        self._told = 0.0

    def _emit(self, signal: Any, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the indexer was deleted meanwhile
            signal.emit(self.generation, *args)

    def _progress(self, done: int, last: int) -> bool:
        now = time.perf_counter()
        if done >= last or now - self._told >= PROGRESS_SECONDS:
            self._told = now
            self._emit(self.relay.progressed, done, last)
        self._hold_off()
        return not self.cancel.is_set()

    def _hold_off(self) -> None:
        """Wait while the user works (an edit moves ``quiet.until`` on) or a search runs, or
        until cancelled."""
        quiet = self.quiet
        while not self.cancel.is_set():
            left, searching = quiet.until - time.monotonic(), quiet.searching
            if left <= 0 and not searching:
                break
            quiet.waiting = True
            # a pause shortened meanwhile is seen soon, a search's end at once
            self.cancel.wait(SEARCH_POLL_SECONDS if searching else min(left, 0.25))
        quiet.waiting = False

    def run(self) -> None:
        _lower_priority()
        try:
            self._hold_off()  # started by a search, or during an edit: not its first batch yet
            if not self.cancel.is_set():
                self._build()
        except (ProjectError, sqlite3.Error, OSError) as exc:
            log.warning("search index not built: %s", exc)
            self._emit(self.relay.progressed, 0, 0)
        finally:
            self._emit(self.relay.finished)

    def _build(self) -> None:
        with Project.open(self.path, readonly=True) as project:
            # each text is read once, in id order: SQLite's 2 MB page cache would only hold
            # pages never read again (~4 MB of the window's resident size, measured)
            project.conn.execute(f"PRAGMA cache_size=-{READ_CACHE_KB}")
            index = open_index(project, create=True)
            if index is None:
                self._emit(self.relay.progressed, 0, 0)
                return
            with index:
                last = last_article_id(project.conn)
                self._emit(self.relay.progressed, index.indexed_through(), last)
                index.update(project.conn, progress=self._progress, batch=BATCH)
                if not self.cancel.is_set():  # where it ends, whatever was last told
                    last = last_article_id(project.conn)
                    self._emit(self.relay.progressed, index.indexed_through(), last)


class SearchIndexer(QObject):
    """Builds and extends the current project's index, one task at a time."""

    #: How far the index reaches (indexed through id, last article id); (0, 0): there is
    #: none (an empty project, or it could not be built: searches scan).
    progressed = Signal(int, int)
    #: A build stopped or finished (payload: True when the index covers every article).
    idle = Signal(bool)

    def __init__(self, project_getter: Callable[[], Project | None],
                 parent: QObject | None = None, *, held: bool = False) -> None:
        """``held``: nothing starts before ``release()`` (the window's first paint)."""
        super().__init__(parent)
        self._project = project_getter
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_progressed)
        self._relay.finished.connect(self._on_finished)
        self._task: _BuildTask | None = None
        self._generation = 0
        self._again = False  # asked to start while a task ran: go again when it ends
        self._reach: tuple[int, int] | None = None  # (through, last) of the current project
        self._held = held
        self._quiet = _Quiet()

    def release(self) -> None:
        """Start now, and from now on whenever asked."""
        self._held = False
        self.start()

    def running(self) -> bool:
        return self._task is not None

    def reach(self) -> tuple[int, int] | None:
        """(indexed through id, last id) last heard of for this project, or None."""
        return self._reach

    def start(self) -> None:
        """Bring the current project's index up to date in the background (a build already
        running goes on, and looks again for new articles when it ends)."""
        project = self._project()
        if self._held or project is None:
            return
        if self._task is not None:
            self._again = True
            return
        self._again = False
        self._generation += 1
        self._task = _BuildTask(self._generation, project.path, self._relay, self._quiet)
        self._pool.start(self._task)

    def hold_off(self, seconds: float | None = None) -> None:
        """The user is working (an edit): the build waits ``seconds`` (``QUIET_SECONDS``)
        before its next batch (0: go on now)."""
        self._quiet.until = time.monotonic() + (QUIET_SECONDS if seconds is None else seconds)

    def pause_for_search(self, searching: bool) -> None:
        """A search starts (True) or ends: meanwhile the build waits between batches, so the
        search has the CPUs and the GIL (at 10k articles, a scan beside a build took ~15%
        longer). A batch under way finishes first (~``BATCH`` articles)."""
        self._quiet.searching = searching

    def holding_off(self) -> bool:
        """Whether the build is waiting for the user to pause."""
        return self._task is not None and self._quiet.waiting

    def stop(self) -> None:
        """Stop after the current batch (what was indexed is kept; ``start`` resumes)."""
        self._again = False
        if self._task is not None:
            self._task.cancel.set()
            self._task = None
            self._generation += 1

    def project_changed(self, _project: object = None) -> None:
        """Another project, or none: stop, then (once the window has painted) start on it."""
        self.stop()
        self._reach = None
        self.start()

    def shutdown(self) -> None:
        """The window closes: stop, and wait for the current batch (at most ~``BATCH``
        articles) so no thread outlives the window."""
        self.stop()
        self.wait()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (shutdown, tests, benchmarks; never on a key)."""
        return self._pool.waitForDone(msecs)

    def _on_progressed(self, generation: int, done: int, last: int) -> None:
        if generation == self._generation:
            self._reach = (done, last)
            self.progressed.emit(done, last)

    def _on_finished(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._task = None
        if self._again:
            self.start()
            return
        through, last = self._reach or (0, 0)
        self.idle.emit(last > 0 and through >= last)
