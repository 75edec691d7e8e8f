"""The project search's scan (no Qt): the articles whose texts hold a needle, in id order.

Each window of ids is read as UTF-8 bytes (``CAST(text AS BLOB)``) and tested a chunk of
articles at a time: one ``bytes.find`` over the chunk's texts joined with 0xFF, a byte no UTF-8
text or needle holds (so no match runs across two articles), instead of one test per article.
CPython searches a haystack of 30,000+ bytes with its two-way algorithm, a shorter one with a
Horspool loop that Chinese UTF-8 (lead bytes E4-E9 everywhere) moves on a byte at a time: ~20%
fewer instructions per scan (cachegrind, 10k articles). Chunks stay small (``CHUNK_BYTES``): in
the CPU's cache, and under the size from which malloc maps fresh pages for every join. Only the
matching articles are decoded.

With ``helper`` (a function opening a second read-only connection to the same project), a thread
of its own scans windows too, claimed one at a time from the same counter: SQLite reads pages
and copies overflow chains without the GIL (its ``pread`` calls are about a quarter of the
scan; never ``mmap``: an I/O error there is SIGBUS, not our "file lost" bar), so the two
threads' reads overlap each other's tests on two CPUs. The results are handed on in id
order (the caller's own window streams as it is read, a helper's waits until its turn), the
helper stays at most ``LOOKAHEAD`` windows ahead, and it stops between two chunks once the
caller stops (a cancelled search, the limit reached) or fails.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate

#: Article ids scanned per statement: small enough to stop promptly, large enough to be cheap.
WINDOW = 1000
#: Ids per window when two threads scan: small, so neither waits long for the other at the end.
SHARED_WINDOW = 250
#: Windows the helper may read ahead of the one being handed on.
LOOKAHEAD = 4
#: Bytes of texts tested at once (about 10 generated Chinese articles).
CHUNK_BYTES = 1 << 16
#: Articles in a thread's first chunk: a common needle's first hit is reported at once.
FIRST_CHUNK_ROWS = 4
#: Joins a chunk's texts: no UTF-8 text or needle holds the byte 0xFF.
SEPARATOR = b"\xff"
SQL = "SELECT id, CAST(text AS BLOB) FROM articles WHERE id > ? AND id <= ? ORDER BY id"

#: ``progress(scanned_through_id, last_id)``; returning False stops the scan.
ScanProgress = Callable[[int, int], "bool | None"]
Found = list[tuple[int, str]]


class Matcher:
    """How one needle is prefiltered on the texts' UTF-8 bytes and found in Python."""

    def __init__(self, needle: str) -> None:
        self.needle = needle
        #: The needle's UTF-8 bytes a text's bytes must hold (lowered: ASCII case ignored);
        #: None: no prefilter (every text is read and matched with full case folding).
        self.raw: bytes | None
        self.fold = False
        cased = needle.lower() != needle.upper()
        ascii_cased = all(c.isascii() for c in needle if c.lower() != c.upper())
        if not cased:
            self.raw = needle.encode()
            self.pattern = re.compile(re.escape(needle))
        elif ascii_cased:  # bytes.lower() folds ASCII letters only, as the pattern does
            self.raw, self.fold = needle.lower().encode(), True
            self.pattern = re.compile(re.escape(needle), re.IGNORECASE | re.ASCII)
        else:
            self.raw = None
            self.pattern = re.compile(re.escape(needle), re.IGNORECASE)

    def chunk(self, rows: list[tuple[int, bytes]]) -> tuple[Found, int]:
        """(id, text) of the articles of ``rows`` that hold the needle, and their bytes."""
        data = [row[1] for row in rows]
        joined = SEPARATOR.join(data)
        if self.raw is None:  # no prefilter: every article is matched in Python
            return [(row[0], text.decode()) for row, text in zip(rows, data)], len(joined)
        if self.fold:
            joined = joined.lower()
        found: Found = []
        at = joined.find(self.raw)
        if at >= 0:
            ends = list(accumulate(len(text) + 1 for text in data))  # each separator + 1
            while at >= 0:
                k = bisect_right(ends, at)
                found.append((rows[k][0], data[k].decode()))
                at = joined.find(self.raw, ends[k])
        return found, len(joined)


class _Reader:
    """One thread's reading: its connection and its chunk size (adapted to the texts seen)."""

    def __init__(self, conn: sqlite3.Connection, matcher: Matcher) -> None:
        self.conn = conn
        self.matcher = matcher
        self.rows, self.seen_rows, self.seen_bytes = FIRST_CHUNK_ROWS, 0, 0

    def window(self, low: int, high: int,
               stop: threading.Event | None = None) -> Iterator[tuple[int, str]]:
        cursor = self.conn.execute(SQL, (low, high))
        while (stop is None or not stop.is_set()) and (rows := cursor.fetchmany(self.rows)):
            found, size = self.matcher.chunk(rows)
            yield from found
            self.seen_rows, self.seen_bytes = self.seen_rows + len(rows), self.seen_bytes + size
            self.rows = max(1, CHUNK_BYTES * self.seen_rows // max(1, self.seen_bytes))


def spare_cpu(loadavg: str | None = None, cpus: int | None = None) -> bool:
    """Whether a CPU is free for a second scanning thread now: fewer threads ready to run
    (``/proc/loadavg``'s fourth field, this one included) than CPUs. On a busy machine a
    second thread only adds its GIL hand-overs (measured at load 5 on two CPUs: ~12% more CPU
    per scan and no sooner done). Without ``/proc`` (not Linux): whether there are 2+ CPUs."""
    cpus = cpus if cpus is not None else (os.cpu_count() or 1)
    if cpus < 2:
        return False
    if loadavg is None:
        try:
            with open("/proc/loadavg", encoding="ascii") as f:
                loadavg = f.read()
        except OSError:
            return True
    try:
        running = int(loadavg.split()[3].split("/")[0])
    except (IndexError, ValueError):
        return True
    return running < cpus


def _bounds(first: int, last: int, size: int) -> list[tuple[int, int]]:
    return [(low, min(low + size, last)) for low in range(first, last, size)]


def scan(conn: sqlite3.Connection, matcher: Matcher, first: int, last: int,
         progress: ScanProgress | None = None,
         helper: Callable[[], sqlite3.Connection] | None = None) -> Iterator[tuple[int, str]]:
    """(id, text) of every article in (first, last] whose bytes hold the needle, in id
    order; ``progress(high, last)`` after each window handed on, False stops."""
    if helper is None:
        reader = _Reader(conn, matcher)
        for low, high in _bounds(first, last, WINDOW):
            yield from reader.window(low, high)
            if progress is not None and progress(high, last) is False:
                return
        return
    shared = _Shared(_bounds(first, last, SHARED_WINDOW))
    thread = threading.Thread(target=shared.help, args=(helper, matcher),
                              name="search-scan", daemon=True)
    thread.start()
    try:
        yield from shared.lead(_Reader(conn, matcher), progress, last)
    finally:
        shared.finish()
        thread.join()


class _Shared:
    """Windows claimed by two threads; results handed on in window order by the caller's."""

    def __init__(self, bounds: list[tuple[int, int]]) -> None:
        self.bounds = bounds
        self.claimed = 0  # windows claimed so far (the next to claim)
        self.handed = 0  # windows handed on so far (the next to hand on)
        self.done: dict[int, Found | BaseException] = {}  # the helper's, until handed on
        self.stop = threading.Event()
        self.cond = threading.Condition()

    def _claim(self, limit: int) -> int | None:
        """The next window, when one is left below ``limit`` (under the lock)."""
        if self.claimed >= min(limit, len(self.bounds)):
            return None
        self.claimed += 1
        return self.claimed - 1

    def help(self, connect: Callable[[], sqlite3.Connection], matcher: Matcher) -> None:
        """The helper thread: claim windows ahead, keep what they hold for the caller."""
        try:
            conn = connect()
        except (sqlite3.Error, OSError, ValueError):
            return  # the caller reads every window itself
        try:
            reader = _Reader(conn, matcher)
            while (k := self._next_for_helper()) is not None:
                result: Found | BaseException
                try:
                    result = list(reader.window(*self.bounds[k], stop=self.stop))
                except BaseException as exc:  # the caller raises it in its turn
                    result = exc
                with self.cond:
                    self.done[k] = result
                    self.cond.notify_all()
        finally:
            conn.close()

    def _next_for_helper(self) -> int | None:
        """The helper's next window (waiting while it is ``LOOKAHEAD`` ahead), or None."""
        with self.cond:
            while not self.stop.is_set():
                if (k := self._claim(self.handed + 1 + LOOKAHEAD)) is not None:
                    return k
                if self.claimed >= len(self.bounds):
                    return None
                self.cond.wait()
        return None

    def lead(self, reader: _Reader, progress: ScanProgress | None,
             last: int) -> Iterator[tuple[int, str]]:
        """The caller's thread: hand on the windows in order. The one due next is streamed
        as it is read when no one has claimed it; while the helper still reads it, read the
        next unclaimed one for later (or wait when the helper is ``LOOKAHEAD`` ahead)."""
        while self.handed < len(self.bounds):
            due, claimed = self.handed, None
            with self.cond:
                while due not in self.done and (
                        claimed := self._claim(due + 1 + LOOKAHEAD)) is None:
                    self.cond.wait()
                result = self.done.pop(due, None)
            if result is None and claimed is not None and claimed != due:  # read ahead
                ahead = list(reader.window(*self.bounds[claimed]))
                with self.cond:
                    self.done[claimed] = ahead
                continue
            if isinstance(result, BaseException):
                raise result
            yield from result if result is not None else reader.window(*self.bounds[due])
            with self.cond:
                self.handed += 1
                self.cond.notify_all()
            if progress is not None and progress(self.bounds[due][1], last) is False:
                return

    def finish(self) -> None:
        with self.cond:
            self.stop.set()
            self.cond.notify_all()
