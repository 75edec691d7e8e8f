"""Big articles in the window (issue 8 §9, issue 14): each measured in a fresh interpreter
(``python -m benchmarks.bench_articles MODE``), Qt offscreen. Floors, taken in the same run:

- open a big article (1 MB, 10k spans; quick: smaller): the window from process start to its
  first paint, against a process that imports the store, reads the article, fetches its spans
  raw and paints the text in a bare ``QPlainTextEdit``.
- label key in a 20 MB article: its median against the median in a 9 KB article.
- 20k spans stacked on one 6.6k-character article: label key p95 against ``Project.add_span``
  alone (and a 9 KB article with no spans printed beside it: this machine's baseline).
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_window import LABELS, _child_start, _labels, _wait_paint, _warmed_up
from benchmarks.common import Row, median, spawn_child


def _child_open_floor(path: Path) -> dict[str, Any]:
    """The floor of opening a big article: the storage import, the article's text and a raw
    fetch of its spans, shown in a bare ``QPlainTextEdit``, to its first paint."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from annotator.store import Project
    from annotator.store.spans import SPAN_COLUMNS

    app = QApplication([])
    project = Project.open(path, readonly=True)
    article_id, text = project.conn.execute(
        "SELECT id, text FROM articles ORDER BY id LIMIT 1").fetchone()
    rows = project.conn.execute(f"SELECT {SPAN_COLUMNS} FROM spans WHERE article_id = ?",
                                (article_id,)).fetchall()
    edit = QPlainTextEdit()
    edit.setPlainText(text)
    edit.resize(1320, 820)
    edit.show()
    _wait_paint(app, edit.viewport())
    elapsed = time.time() - float(os.environ["BENCH_T0"])
    project.close()
    return {"seconds": elapsed, "spans": len(rows)}


def _child_label(path: Path, quick: bool) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from annotator.app import build_window

    app = QApplication([])
    window = build_window(path, "bench")
    window.show()
    _wait_paint(app, window.workbench.left.view.viewport())
    _warmed_up(app, window)
    out = _labels(window, 40 if quick else 150)
    window.close()
    return out


def _prepare_one(path: Path, kind: str, quick: bool) -> dict[str, Any]:
    """One article: ``small`` (~9 KB), ``huge`` (~20 MB; quick: 2 MB), ``stacked`` (6.6k
    characters under 20,000 spans; quick: 5,000) or ``big`` (1 MB under 10k spans; quick: 2k).
    Spans go in through one raw ``executemany`` (building the fixture is not what we measure)."""
    from annotator.core.model import ArticleRecord
    from annotator.store import Project
    from benchmarks.common import insert_spans_raw, zh_article

    rng = random.Random(20261130)
    chars = {"small": 3_000, "huge": 690_000 if quick else 6_900_000, "stacked": 6_600,
             "big": 100_000 if quick else 344_000}[kind]
    text = zh_article(rng, chars)
    with Project.create(path, title=kind) as project:
        project.add_articles([ArticleRecord(text=text, title=kind, language="zh")], "bench")
        article_id = project.articles()[0].id
    count = {"stacked": 5_000 if quick else 20_000, "big": 2_000 if quick else 10_000}.get(kind, 0)
    stamp = "2026-11-30T08:00:00.000Z"
    rows = []
    for i in range(count):
        start = rng.randrange(0, len(text) - 40)
        end = start + rng.randint(1, 30)
        rows.append((f"{kind}-{i:06}", article_id, LABELS[i % 4], start, end, text[start:end],
                     "bench", "", "manual", "{}", stamp, stamp))
    insert_spans_raw(path, rows)
    return {"bytes": len(text.encode()), "chars": len(text), "spans": count}


def _child(mode: str, path: Path, quick: bool) -> None:
    if mode.startswith("prepare-"):
        out = _prepare_one(path, mode.removeprefix("prepare-"), quick)
    elif mode == "start-window":
        out = _child_start(path, bare=False)
    elif mode == "open-floor":
        out = _child_open_floor(path)
    else:
        out = _child_label(path, quick)
    print(json.dumps(out))


def _spawn(mode: str, path: Path, quick: bool) -> dict[str, Any]:
    return spawn_child("benchmarks.bench_articles", mode, path, quick,
                       {"BENCH_T0": repr(time.time()),
                        "ANNOTATOR_SETTINGS_DIR": str(path.parent / "settings")})


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        sizes = {kind: _spawn(f"prepare-{kind}", Path(folder) / f"{kind}.db", quick)
                 for kind in ("big", "small", "huge", "stacked")}
        big = Path(folder) / "big.db"
        opened, open_floor = [], []
        for _ in range(3 if quick else 5):  # interleaved, so a busy moment hurts both alike
            open_floor.append(_spawn("open-floor", big, quick)["seconds"])
            opened.append(_spawn("start-window", big, quick)["seconds"])
        keys = {kind: _spawn("label", Path(folder) / f"{kind}.db", quick)
                for kind in ("small", "huge", "stacked")}
    small, huge, stacked = keys["small"], keys["huge"], keys["stacked"]
    big_size = sizes["big"]
    return [
        Row(f"open a {big_size['bytes'] / 1e6:.1f} MB article with "
            f"{big_size['spans'] // 1000}k spans, start -> first paint",
            median(opened) * 1e3, "ms", floor=median(open_floor) * 1e3,
            floor_name="storage import + article + raw span fetch, bare QPlainTextEdit",
            goal="<= 1.5x", ok=median(opened) <= 1.5 * median(open_floor)),
        Row(f"label key, {sizes['huge']['bytes'] / 1e6:.0f} MB article, median",
            huge["p50"] * 1e3, "ms", floor=small["p50"] * 1e3,
            floor_name=f"the same in a {sizes['small']['bytes'] / 1e3:.0f} KB article",
            goal="<= 3x", ok=huge["p50"] <= 3 * small["p50"]),
        Row(f"label key, {stacked['spans'] // 1000}k spans on "
            f"{sizes['stacked']['chars'] / 1000:.1f}k chars, p95", stacked["p95"] * 1e3, "ms",
            floor=stacked["store_p50"] * 1e3, floor_name="Project.add_span alone, p50",
            goal="p95 <= 16 ms", ok=stacked["p95"] * 1e3 <= 16),
        Row(f"label key, {sizes['small']['bytes'] / 1e3:.0f} KB article, no spans, p95",
            small["p95"] * 1e3, "ms"),  # this machine's baseline for the row above
    ]


if __name__ == "__main__":
    _child(sys.argv[1], Path(sys.argv[2]), quick=sys.argv[3] == "--quick")
