"""The project file at 1M spans: add-span-and-commit latency and spans-of-one-article reads.

Fixture (shared with bench_export, built once per run): 10k generated Chinese articles through
``Project.add_articles`` and 1M valid spans through one raw ``executemany``. Floors run on a plain
sqlite3 connection to the same file with the store's pragmas (WAL, ``synchronous=FULL``), and are
measured interleaved with the store calls so both see the same WAL and page-cache state.
"""

from __future__ import annotations

import os
import random
import time
import uuid

from benchmarks.common import Row, percentile, progress, raw_connect, span_project

CALLS = 500
STAMP = "2024-06-02T09:00:00.000Z"


def _add_span_latency(big, rng: random.Random, calls: int) -> tuple[list[float], list[float]]:
    from annotator.store import Project

    ids = list(big.lengths)
    labels = ("claim", "figure", "company", "strategy")
    store_ms: list[float] = []
    floor_ms: list[float] = []
    raw = raw_connect(big.path)
    insert = ('INSERT INTO spans(id, article_id, label, start, "end", text, annotator, note, '
              "origin, provenance, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
    try:
        with Project.open(big.path) as project:
            for i in range(calls + 20):  # the first 20 warm caches and are not counted
                aid, aid2 = rng.choice(ids), rng.choice(ids)
                start = rng.randrange(min(big.lengths[aid], big.lengths[aid2]) - 40)
                end = start + 1 + rng.randrange(30)
                label = rng.choice(labels)
                # the floor's row is valid too (the project still checks clean)
                covered = raw.execute("SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                                      (start + 1, end - start, aid2)).fetchone()[0]
                row = (str(uuid.uuid4()), aid2, label, start, end, covered, "bench", "",
                       "manual", "{}", STAMP, STAMP)

                def store(aid=aid, start=start, end=end, label=label) -> None:
                    project.add_span(aid, start, end, label, "bench")

                def floor(row=row) -> None:
                    raw.execute("BEGIN IMMEDIATE")
                    raw.execute(insert, row)
                    raw.execute("COMMIT")

                # alternate who goes first: WAL auto-checkpoints land on either side
                pair = _timed_pair(store, floor, i % 2 == 1)
                if i >= 20:
                    store_ms.append(pair[0])
                    floor_ms.append(pair[1])
    finally:
        raw.close()
    return store_ms, floor_ms


def _timed_pair(first, second, swap: bool) -> tuple[float, float]:
    """Milliseconds of ``first()`` and ``second()``, run in that order or swapped."""
    order = (second, first) if swap else (first, second)
    times = []
    for fn in order:
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return (times[1], times[0]) if swap else (times[0], times[1])


def _spans_of_article(big, rng: random.Random, calls: int) -> tuple[list[float], list[float]]:
    from annotator.store import Project

    ids = list(big.lengths)
    store_ms: list[float] = []
    floor_ms: list[float] = []
    raw = raw_connect(big.path)
    select = ('SELECT id, article_id, label, start, "end", text, annotator, note, origin, '
              "created_at, updated_at FROM spans WHERE article_id = ? ORDER BY start")
    try:
        with Project.open(big.path, readonly=True) as project:
            for i in range(calls + 20):
                aid = rng.choice(ids)
                got: list[int] = []

                def store(aid=aid, got=got) -> None:
                    got.append(len(project.spans(aid)))

                def floor(aid=aid, got=got) -> None:
                    got.append(len(raw.execute(select, (aid,)).fetchall()))

                pair = _timed_pair(store, floor, i % 2 == 1)
                if i % 2 == 1:
                    got.reverse()
                assert got[0] == got[1] > 0
                if i >= 20:
                    store_ms.append(pair[0])
                    floor_ms.append(pair[1])
    finally:
        raw.close()
    return store_ms, floor_ms


def run(quick: bool) -> list[Row]:
    big = span_project(quick)
    size = f"{big.spans / 1e6:g}M" if big.spans >= 1e6 else f"{big.spans // 1000}k"
    calls = 100 if quick else CALLS
    rng = random.Random(7)

    # Flush what earlier modules (and the fixture) left dirty in the page cache: its writeback
    # would otherwise land in our fsyncs and measure the previous benchmark, not this one.
    os.sync()
    progress(f"add_span + commit x {calls} (and the raw floor, interleaved) ...")
    store, floor = _add_span_latency(big, rng, calls)
    add_floor = "raw BEGIN IMMEDIATE; INSERT one span; COMMIT (WAL, synchronous=FULL)"
    p95 = percentile(store, 95)
    rows = [
        Row(f"add_span+commit p50 @{size} spans ({calls} calls)", percentile(store, 50), "ms",
            percentile(floor, 50), add_floor),
        Row(f"add_span+commit p95 @{size} spans ({calls} calls)", p95, "ms",
            percentile(floor, 95), add_floor, "p95 <= 1 ms", p95 <= 1.0),
    ]

    progress(f"spans(article) x {calls} ...")
    store, floor = _spans_of_article(big, rng, calls)
    per = big.spans // big.articles
    read_floor = "raw SELECT ... WHERE article_id=? ORDER BY start, fetchall"
    rows += [
        Row(f"spans(article) p50 @{size} spans ({per}/article)", percentile(store, 50), "ms",
            percentile(floor, 50), read_floor, "close to floor"),
        Row(f"spans(article) p95 @{size} spans ({per}/article)", percentile(store, 95), "ms",
            percentile(floor, 95), read_floor, "close to floor"),
    ]
    return rows
