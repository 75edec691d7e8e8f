"""What the file-trust checks cost: the path identity check before every write (one ``os.stat``)
and the integrity check (``PRAGMA quick_check``) when a project is opened for writing.

Floors: a bare ``os.stat`` of the path; opening the same project read-only (no lock, no check).
"""

from __future__ import annotations

import os
import time

from benchmarks.common import Row, median, progress
from benchmarks.scale import fresh_copy

CALLS = 20000
ARTICLES = 10000


def _per_call_us(fn, calls: int) -> float:
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t0) / calls * 1e6


def run(quick: bool) -> list[Row]:
    from annotator.store import Project

    path = fresh_copy(ARTICLES)
    calls = CALLS // 10 if quick else CALLS
    progress(f"identity check x {calls} ...")
    with Project.open(path) as project:
        check = [_per_call_us(project.file_lost, calls) for _ in range(5)]
        floor = [_per_call_us(lambda: os.stat(path), calls) for _ in range(5)]
    rows = [Row(f"path identity check per write ({calls} calls)", median(check), "us",
                median(floor), "bare os.stat(path)", "<= 3x")]
    rows[0].ok = rows[0].ratio is not None and rows[0].ratio <= 3

    progress(f"open for writing (quick_check) @{ARTICLES // 1000}k articles ...")
    writable, readonly = [], []
    for _ in range(2 if quick else 3):
        t0 = time.perf_counter()
        Project.open(path).close()
        writable.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        Project.open(path, readonly=True).close()
        readonly.append(time.perf_counter() - t0)
    size = path.stat().st_size / 1e6
    rows.append(Row(f"Project.open for writing incl. quick_check @{ARTICLES // 1000}k articles "
                    f"({size:.0f} MB)", min(writable), "s", min(readonly),
                    "Project.open read-only (no check)", "reported"))
    return rows
