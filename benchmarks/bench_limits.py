"""The cost of refusing hostile teammate files (issue 8), next to a raw floor of the same run.
(The time limits that used to sit in unit tests live in bench_segment.py and bench_import.py.)

- merge refusals: a 3 GB sparse file without a header, and one whose header declares 3 GB, are
  refused before a byte is copied; a project with 3 GB appended merges at the cost of the
  project alone. Floor: ``os.stat`` of the file / merging the plain snapshot.
"""

from __future__ import annotations

import os
import random
import struct
import tempfile
import time
from pathlib import Path

from benchmarks.common import Row, best_of, zh_article

SENTENCE = "阿里今年的小目标是新增至少1亿用户"
GB = 1 << 30


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="annotator-bench-limits-") as tmp:
        folder = Path(tmp)
        return _merge(folder)


# ------------------------------------------------------------------------------- merge
def _merge(folder: Path) -> list[Row]:
    from annotator.core.model import ArticleRecord
    from annotator.review import merge
    from annotator.store import Project, ProjectError

    rng = random.Random(2)
    live = folder / "theirs-live.db"
    with Project.create(live, title="theirs") as project:
        project.add_articles([ArticleRecord(text=f"{i}\n{zh_article(rng, 3000)}")
                              for i in range(200)], "bo")
        snapshot = project.snapshot(folder / "theirs.db")

    def merged(path: Path, name: str) -> float:
        target = folder / f"{name}.db"
        Project.create(target, title=name).close()
        with Project.open(target) as project:
            began = time.perf_counter()
            merge(project, path, "bench")
            return time.perf_counter() - began

    def refused(path: Path) -> float:
        with Project.open(folder / "ours.db") as project:
            began = time.perf_counter()
            try:
                merge(project, path, "bench")
            except ProjectError:
                return time.perf_counter() - began
        raise AssertionError(f"{path} was not refused")

    Project.create(folder / "ours.db", title="ours").close()
    sparse = folder / "sparse.db"
    with open(sparse, "wb") as fh:
        fh.truncate(3 * GB)
    declared = folder / "declared.db"
    data = bytearray(Path(snapshot).read_bytes())
    page_size, = struct.unpack(">H", data[16:18])
    data[28:32] = struct.pack(">I", 3 * GB // page_size)
    declared.write_bytes(bytes(data))
    with open(declared, "r+b") as fh:
        fh.truncate(3 * GB)
    padded = folder / "padded.db"
    padded.write_bytes(Path(snapshot).read_bytes())
    with open(padded, "r+b") as fh:
        fh.truncate(3 * GB)
    stat_s = best_of(lambda: os.stat(sparse), 5)
    plain_s = min(merged(Path(snapshot), f"plain{i}") for i in range(3))
    padded_s = min(merged(padded, f"padded{i}") for i in range(3))
    rows = [
        Row("merge: refuse a 3 GB sparse file without a header", 1e3 * min(
            refused(sparse) for _ in range(3)), "ms", stat_s * 1e3, "os.stat of the file",
            "<= 50 ms"),
        Row("merge: refuse a file whose header declares 3 GB", 1e3 * min(
            refused(declared) for _ in range(3)), "ms", stat_s * 1e3, "os.stat of the file",
            "<= 50 ms"),
        Row("merge: 200 articles with 3 GB appended", padded_s, "s", plain_s,
            "merge of the same snapshot without the 3 GB", "<= 1.5x", padded_s <= 1.5 * plain_s),
    ]
    for row in rows[:2]:
        row.ok = row.measured <= 50
    return rows
