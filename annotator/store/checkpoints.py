"""Checkpoints of a project's write-ahead log, on a thread of their own (issue 14).

SQLite copies its WAL back into the database file (a *checkpoint*) on the commit that finds the
log past 1,000 pages. That commit waits for the copy and an fsync of the whole file: a label
key in the window took 180-210 ms once every few dozen keys (measured on the generated 10k
project), where the others took 15. In the window the project's own connection therefore does
no checkpoint (``wal_autocheckpoint=0``) and :class:`Checkpointer` runs a passive one from
another connection when the log has grown and nothing was written for a moment (a
checkpoint's fsync slows a commit made meanwhile on the same disk: run during a burst of keys,
it made them wait as long), so no key waits for it. Nothing about durability
changes: each commit is on disk in the log (``synchronous=FULL``) before it returns, and a
file closed or left by a crash is read back with its log, as before. The command line keeps
SQLite's own checkpoints (one process, one thread, no key to keep quick).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

from annotator.store.connection import connect

#: Log size (pages) past which a checkpoint runs: SQLite's own default.
PAGES = 1000
#: How often the log's size is looked at, in seconds.
EVERY = 0.5
#: A checkpoint waits until the log has not been written for this long (seconds) ...
QUIET = 0.5
#: ... unless the log is this many times past ``PAGES`` (writes that never pause).
AT_ANY_RATE = 16


class Checkpointer:
    """Checkpoints ``path``'s log from a daemon thread until :meth:`stop`."""

    def __init__(self, path: Path, page_size: int, *, pages: float = PAGES,
                 every: float = EVERY, quiet: float = QUIET,
                 most: float = AT_ANY_RATE) -> None:
        self.path = path
        self.done = 0  # checkpoints run
        self._wal = Path(f"{path}-wal")
        self._limit = pages * page_size
        self._every = every
        self._quiet = quiet
        self._most = most * self._limit
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while not self._stop.wait(self._every):
                try:
                    wal = os.stat(self._wal)
                    if wal.st_size < self._limit or (
                            time.time() - wal.st_mtime < self._quiet
                            and wal.st_size < self._most):
                        continue
                    if conn is None:
                        conn = connect(self.path, mode="rw")
                    # PASSIVE: copies what it can without waiting for the window's connection
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.done += 1
                except (OSError, sqlite3.Error):
                    continue  # the file went away or is busy: the next look tries again
        finally:
            if conn is not None:
                conn.close()

    def stop(self) -> None:
        """Stop (after a checkpoint under way), and close its connection."""
        self._stop.set()
        self._thread.join()
