"""Relations drawn over a big article (issue 10 §Speed): 1 MB of Chinese under 10k spans and 2k
relations (quick: 100k characters, 2k spans, 400 relations), each figure in a fresh interpreter,
Qt offscreen, against the same article without relations measured in the same run:

- first paint: the window from process start to its first paint (as ``bench_articles``).
- scrolling: a page down (scroll bar + ``viewport().repaint()``), p95 over consecutive pages
  from four places in the article.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_window import LABELS, _child_start, _wait_paint
from benchmarks.common import Row, insert_spans_raw, median, percentile, raw_connect, spawn_child

#: (from label, to label) -> the default scheme's type for it
TYPES = {("claim", "figure"): "cites", ("claim", "company"): "about",
         ("claim", "strategy"): "about", ("strategy", "company"): "pursued_by",
         ("figure", "company"): "of"}
STAMP = "2026-11-30T08:00:00.000Z"


def _prepare(folder: Path, quick: bool) -> dict[str, Any]:
    """``plain.db`` (the article and its spans) and ``related.db`` (the same plus relations,
    each between a span and one of the next few in text order that a type allows)."""
    from annotator.core.model import ArticleRecord
    from annotator.store import Project
    from benchmarks.common import zh_article

    rng = random.Random(20261130)
    text = zh_article(rng, 100_000 if quick else 344_000)
    plain, related = folder / "plain.db", folder / "related.db"
    with Project.create(plain, title="relations") as project:
        project.add_articles([ArticleRecord(text=text, title="big", language="zh")], "bench")
        article_id = project.articles()[0].id
    spans = []
    for i in range(2_000 if quick else 10_000):
        start = rng.randrange(0, len(text) - 40)
        end = start + rng.randint(1, 30)
        spans.append((f"s-{i:06}", article_id, LABELS[i % 4], start, end, text[start:end],
                      "bench", "", "manual", "{}", STAMP, STAMP))
    insert_spans_raw(plain, spans)
    shutil.copy(plain, related)
    ordered = sorted(spans, key=lambda row: row[3])
    wanted = 400 if quick else 2_000
    step = max(1, len(ordered) // wanted - 1)
    relations: list[tuple] = []
    j = 0
    while j < len(ordered) and len(relations) < wanted:
        for k in range(j + 1, min(j + 8, len(ordered))):
            type_ = TYPES.get((ordered[j][2], ordered[k][2]))
            if type_ is not None:
                relations.append((f"r-{len(relations):06}", ordered[j][0], ordered[k][0], type_,
                                  "bench", STAMP))
                j += step - 1
                break
        j += 1
    conn = raw_connect(related)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO relations(id, from_span, to_span, type, annotator, "
                         "created_at) VALUES (?,?,?,?,?,?)", relations)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return {"bytes": len(text.encode()), "spans": len(spans), "relations": len(relations)}


def _child_scroll(path: Path, quick: bool) -> dict[str, Any]:
    """Page down from four places in the article; each page's scroll and repaint timed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from annotator.app import build_window

    app = QApplication([])
    window = build_window(path, "bench")
    window.resize(1320, 820)
    window.show()
    view = window.workbench.left.view
    _wait_paint(app, view.viewport())
    bar = view.verticalScrollBar()
    layer = window.relations.layer(window.workbench.left)
    arcs: list[float] = []  # the layer's own part of each frame

    def timed_paint(painter: Any, paint: Any = layer.paint) -> None:
        t0 = time.perf_counter()
        paint(painter)
        arcs.append(time.perf_counter() - t0)

    view.overlay_painters[view.overlay_painters.index(layer.paint)] = timed_paint
    frames, drawn = [], []
    pages = 12 if quick else 25
    for where in (0.0, 0.25, 0.5, 0.75):
        bar.setValue(int(bar.maximum() * where))
        app.processEvents()
        for _ in range(pages):
            t0 = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            view.viewport().repaint()
            frames.append(time.perf_counter() - t0)
            drawn.append(len(layer.paths()))
    window.close()
    return {"p95": percentile(frames, 95), "p50": median(frames),
            "drawn": sum(drawn) / len(drawn), "arcs_p95": percentile(arcs[-len(frames):], 95)}


def _child(mode: str, path: Path, quick: bool) -> None:
    if mode == "prepare":
        out = _prepare(path, quick)
    elif mode == "start-window":
        out = _child_start(path, bare=False)
    else:
        out = _child_scroll(path, quick)
    print(json.dumps(out))


def _spawn(mode: str, path: Path, quick: bool) -> dict[str, Any]:
    return spawn_child("benchmarks.bench_relations", mode, path, quick,
                       {"BENCH_T0": repr(time.time()),
                        "ANNOTATOR_SETTINGS_DIR": str(path.parent / f"settings-{path.stem}")})


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = _spawn("prepare", folder, quick)
        plain, related = folder / "plain.db", folder / "related.db"
        opened, floor = [], []
        for _ in range(3 if quick else 5):  # interleaved: a busy moment hurts both alike
            floor.append(_spawn("start-window", plain, quick)["seconds"])
            opened.append(_spawn("start-window", related, quick)["seconds"])
        scroll = _spawn("scroll", related, quick)
        scroll_floor = _spawn("scroll", plain, quick)
    what = (f"{size['bytes'] / 1e6:.1f} MB article, {size['spans'] // 1000}k spans, "
            f"{size['relations']} relations")
    return [
        Row(f"open: {what}, start -> first paint", median(opened) * 1e3, "ms",
            floor=median(floor) * 1e3, floor_name="the same article without relations",
            goal="<= 2x", ok=median(opened) <= 2 * median(floor)),
        Row(f"page down + repaint, {what} ({scroll['drawn']:.0f} arcs a page), p95",
            scroll["p95"] * 1e3, "ms", floor=scroll_floor["p95"] * 1e3,
            floor_name="the same without relations, p95",
            goal="p95 <= 16 ms", ok=scroll["p95"] * 1e3 <= 16),
        # the arcs' own share of those frames (what this layer adds), p95
        Row("  of which the relation layer's paint, p95", scroll["arcs_p95"] * 1e3, "ms",
            floor=scroll["p95"] * 1e3, floor_name="the whole frame, p95"),
    ]


if __name__ == "__main__":
    _child(sys.argv[1], Path(sys.argv[2]), quick=sys.argv[3] == "--quick")
