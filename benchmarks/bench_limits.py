"""Time limits that used to sit in unit tests (snapping, a 50 MB import), and the cost of
refusing hostile teammate files (issue 8): each figure next to a raw floor of the same run.

- snap: one selection in a 3,000-character article with a cold window cache, and one in a 1 MB
  line without a break; floor: jieba's ``lcut`` of the same 4,000-character window.
- import: a generated 50 MB JSONL file through ``import_paths`` (streamed); floor: reading and
  ``json.loads`` of every line.
- merge refusals: a 3 GB sparse file without a header, and one whose header declares 3 GB, are
  refused before a byte is copied; a project with 3 GB appended merges at the cost of the
  project alone. Floor: ``os.stat`` of the file / merging the plain snapshot.
"""

from __future__ import annotations

import json
import os
import random
import struct
import tempfile
import time
from pathlib import Path

from benchmarks.common import Row, best_of, progress, zh_article

SENTENCE = "阿里今年的小目标是新增至少1亿用户"
GB = 1 << 30


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="annotator-bench-limits-") as tmp:
        folder = Path(tmp)
        return [*_snap(), _import(folder, 5 if quick else 50), *_merge(folder)]


# ------------------------------------------------------------------------------- snapping
def _snap() -> list[Row]:
    import jieba

    from annotator.core import segment

    segment.warm_up()
    article = "\n".join([(SENTENCE + "，双十一期间拼多多和京东竞争激烈。") * 30] * 3)
    long_line = SENTENCE * 60_000  # 1 MB, no whitespace or 。 to cut at

    def cold(text: str, start: int, end: int) -> float:
        segment._window_tokens.cache_clear()
        began = time.perf_counter()
        segment.snap(text, start, end)
        return time.perf_counter() - began

    article_s = min(cold(article, 1500, 1510) for _ in range(5))
    line_s = min(cold(long_line, 500_001, 500_010) for _ in range(5))
    window = long_line[498_000:502_000]
    floor = best_of(lambda: jieba.lcut(window), 5)
    line = article.split("\n")[1]
    line_floor = best_of(lambda: jieba.lcut(line), 5)
    progress(f"snap: article {article_s * 1e3:.1f} ms, 1 MB line {line_s * 1e3:.1f} ms")
    return [
        Row("snap one selection, 3,000-char article, cold", article_s * 1e3, "ms",
            line_floor * 1e3, "jieba.lcut of the selection's line", "<= 200 ms",
            article_s <= 0.2),
        Row("snap one selection in a 1 MB line, cold", line_s * 1e3, "ms", floor * 1e3,
            "jieba.lcut of one 4,000-character window", "<= 500 ms", line_s <= 0.5),
    ]


# ------------------------------------------------------------------------------- import
def _import(folder: Path, megabytes: int) -> Row:
    from annotator.importing import import_paths
    from annotator.store import Project

    rng = random.Random(1)
    block = zh_article(rng, 3000)
    path = folder / "big.jsonl"
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        while fh.tell() < megabytes << 20:
            fh.write(json.dumps({"text": f"第{n}篇\r\n{block}", "id": n}, ensure_ascii=False)
                     + "\r\n")
            n += 1

    def parse() -> None:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                json.loads(line)

    floor = best_of(parse, 3)
    with Project.create(folder / "import.db", title="bench") as project:
        began = time.perf_counter()
        report = import_paths(project, [path], "bench")
        seconds = time.perf_counter() - began
    assert report.added == n, (report.added, n)
    progress(f"import of a {megabytes} MB JSONL file: {seconds:.1f} s")
    return Row(f"import a {megabytes} MB JSONL file via import_paths", seconds, "s", floor,
               "read + json.loads of every line", "<= 60 s", seconds <= 60)


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
