"""Assignment without a server, on the cached 10k-article project (``scale.py``).

``assign`` to 10 people with 20% overlap (each package: ~2,800 articles of ~2,000 characters,
that person's spans) against its floor: ``annotator snapshot`` of the same project, 10 times
(the lead could hand out 10 whole copies instead). Goal <= 2x.

Merge-back: every package has 10% of its owner's spans edited (a new label, a later
``updated_at``) and is merged back into the master, all 10 in turn (copied, checked row by row,
classified; edited spans replace ours, logged). Its floor does what any merge-back must do, the
way the merge does it: per package, copy it (our rules never open a teammate's file itself, so
any safe merge-back copies it once), ATTACH the copy, ``INSERT OR IGNORE ... SELECT`` its spans
(article ids mapped through the sha256) and ``UPDATE ... FROM`` the newer ones, one transaction
each.
Both run twice, interleaved, and the best of each is kept (a busy disk moment hurts one round).
Goal: within the merge row's ratio (<= 2x).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from benchmarks.common import Row, progress, raw_connect, temp_dir
from benchmarks.scale import ANNOTATORS, fresh_copy

PEOPLE = (*ANNOTATORS, *(f"p{i}" for i in range(len(ANNOTATORS), 10)))
_CACHE_KIB = 256 * 1024
_FLOOR_SPANS = """
    INSERT OR IGNORE INTO main.spans(id, article_id, label, start, "end", text, annotator, note,
        origin, provenance, created_at, updated_at)
    SELECT s.id, m.id, s.label, s.start, s."end", s.text, s.annotator, s.note, s.origin,
        s.provenance, s.created_at, s.updated_at
    FROM t.spans s JOIN t.articles ta ON ta.id = s.article_id
    JOIN main.articles m ON m.sha256 = ta.sha256 ORDER BY s.rowid"""
_FLOOR_UPDATE = """
    UPDATE main.spans SET label = s.label, start = s.start, "end" = s."end", text = s.text,
        note = s.note, updated_at = s.updated_at
    FROM t.spans s WHERE s.id = main.spans.id AND s.updated_at > main.spans.updated_at"""


def _snapshots(master: Path, folder: Path, times: int) -> float:
    from annotator.store import Project

    with Project.open(master, readonly=True) as project:
        t0 = time.perf_counter()
        for i in range(times):
            project.snapshot(folder / f"snapshot-{i}.db")
        seconds = time.perf_counter() - t0
    for i in range(times):
        (folder / f"snapshot-{i}.db").unlink()
    return seconds


def _edit(packages: list[Path]) -> int:
    """Relabel every tenth span of each package's owner, later: returns how many."""
    edited = 0
    for path in packages:
        conn = raw_connect(path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            edited += conn.execute(
                "UPDATE spans SET label = CASE label WHEN 'claim' THEN 'figure' ELSE 'claim' "
                "END, updated_at = '2027-01-01T00:00:00.000Z' WHERE rowid % 10 = 0").rowcount
            conn.execute("COMMIT")
        finally:
            conn.close()
    return edited


def _floor(master: Path, packages: list[Path], folder: Path) -> float:
    conn = raw_connect(master)
    copy = folder / "package-copy.db"
    try:
        conn.execute(f"PRAGMA main.cache_size=-{_CACHE_KIB}")
        t0 = time.perf_counter()
        for path in packages:
            shutil.copyfile(path, copy)
            conn.execute("ATTACH DATABASE ? AS t", (f"file:{copy}?mode=ro",))
            conn.execute(f"PRAGMA t.cache_size=-{_CACHE_KIB}")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(_FLOOR_SPANS)
            conn.execute(_FLOOR_UPDATE)
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE t")
            copy.unlink()
        return time.perf_counter() - t0
    finally:
        conn.close()


def run(quick: bool) -> list[Row]:
    from annotator.review.assign import assign
    from annotator.review.merge import merge_all
    from annotator.store import Project

    articles = 1_000 if quick else 10_000
    folder = temp_dir()
    master = fresh_copy(articles)
    progress(f"assign: snapshot x10 of the {articles:,}-article project (floor)")
    floor = _snapshots(master, folder, 10)
    progress(f"assign: {articles:,} articles to {len(PEOPLE)} people, 20% overlap")
    with Project.open(master) as project:
        t0 = time.perf_counter()
        report = assign(project, PEOPLE, folder / "out", "bench", overlap=0.2, seed=1)
        seconds = time.perf_counter() - t0
    rows = [Row(f"assign {articles // 1000}k articles to {len(PEOPLE)} people, 20% overlap",
                seconds, "s", floor, "snapshot of the same project x10", "<= 2x",
                seconds <= 2 * floor)]

    packages = [p.path for p in report.packages]
    edited = _edit(packages)
    wal = Path(f"{master}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the master was not checkpointed"
    floor_s: list[float] = []
    merge_s: list[float] = []
    for i in range(2):  # interleaved, best of each: a busy disk moment hurts one round, not both
        copy = folder / f"master-floor-{i}.db"
        shutil.copyfile(master, copy)
        progress(f"merge-back round {i + 1}: {len(packages)} packages, {edited:,} edited spans")
        floor_s.append(_floor(copy, packages, folder))
        target = folder / f"master-merge-{i}.db"
        shutil.copyfile(master, target)  # the master as assign left it (its plan recorded)
        with Project.open(target) as project:
            t0 = time.perf_counter()
            reports = merge_all(project, packages, "bench")
            merge_s.append(time.perf_counter() - t0)
        updated = sum(r.spans_updated for r in reports)
        assert updated == edited, (updated, edited)
        for path in (copy, target):
            for extra in ("", "-wal", "-shm"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
    floor, seconds = min(floor_s), min(merge_s)
    rows.append(Row(f"merge back {len(packages)} packages ({edited // 1000}k edited spans)",
                    seconds, "s", floor,
                    "copy + ATTACH + INSERT OR IGNORE/UPDATE ... SELECT per file",
                    "<= 2x", seconds <= 2 * floor))
    return rows
