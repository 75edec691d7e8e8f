"""The workbench window: start to first paint, and labeling through the whole window.

Each measurement runs in a fresh interpreter (``python -m benchmarks.bench_window MODE``), Qt
offscreen. Floors, taken in the same run:

- start: a process with the *same imports* that shows a bare ``QMainWindow``; both are timed
  from just before the process is spawned to the end of their first paint, so interpreter start
  and imports count on both sides and the ratio is what building our window costs.
- label: ``Project.add_span`` alone (the durable commit), against the full path of a label key
  in the window: undo command, commit, view, annotation list, article list, repaint.
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

from benchmarks.common import Row, median, percentile, spawn_child

LABELS = ("claim", "figure", "company", "strategy")


def _wait_paint(app: Any, widget: Any) -> None:
    from PySide6.QtCore import QEvent, QObject

    class Painted(QObject):
        done = False

        def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                self.done = True
            return False

    spy = Painted()
    widget.installEventFilter(spy)
    while not spy.done:
        app.processEvents()
    widget.removeEventFilter(spy)


def _child_start(path: Path, bare: bool) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMainWindow

    import annotator.app as app_module  # the same imports on both sides

    app = QApplication([])
    if bare:
        window: Any = QMainWindow()
        window.resize(1320, 820)
        window.show()
        _wait_paint(app, window)
    else:
        window = app_module.build_window(path, "bench")
        window.show()
        _wait_paint(app, window.workbench.left.view.viewport())
    elapsed = time.time() - float(os.environ["BENCH_T0"])
    window.close()
    return {"seconds": elapsed}


def _child_label(path: Path, quick: bool) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from annotator.app import build_window
    from annotator.core.offsets import OffsetIndex

    app = QApplication([])
    window = build_window(path, "bench")
    window.show()
    view = window.workbench.left.view
    _wait_paint(app, view.viewport())
    article = view.article()
    project = window.ctx.require_project()
    offsets = OffsetIndex(article.text)
    first = offsets.from_utf16(view.firstVisibleBlock().position(), snap="left")
    last = offsets.from_utf16(
        view.cursorForPosition(view.viewport().rect().bottomRight()).position(), snap="left")
    rng = random.Random(11)
    store: list[float] = []
    full: list[float] = []
    for i in range(40 if quick else 150):
        start = rng.randrange(first, max(first + 1, last - 6))
        end = start + rng.randint(2, 5)
        t0 = time.perf_counter()
        project.add_span(article.id, start, end, LABELS[i % 4], "floor",
                         text=article.text[start:end])
        store.append(time.perf_counter() - t0)
        cursor = QTextCursor(view.document())
        cursor.setPosition(offsets.to_utf16(start + 1))
        cursor.setPosition(offsets.to_utf16(end + 1), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        view.select_span(None)
        t0 = time.perf_counter()
        window.labeler.label(LABELS[(i + 1) % 4], exact=True)
        view.viewport().repaint()
        full.append(time.perf_counter() - t0)
    spans = len(project.spans(article.id))
    window.close()
    return {"spans": spans, "store_p95": percentile(store, 95),
            "p50": percentile(full, 50), "p95": percentile(full, 95)}


def _child(mode: str, path: Path, quick: bool) -> None:
    if mode == "prepare-sample":
        from annotator.samples import create_sample_project

        create_sample_project(path).close()
        out: dict[str, Any] = {}
    elif mode == "prepare-big":
        from benchmarks.bench_gui import _prepare

        _prepare(path, quick)
        out = {}
    elif mode in ("start-bare", "start-window"):
        out = _child_start(path, bare=mode == "start-bare")
    else:
        out = _child_label(path, quick)
    print(json.dumps(out))


def _spawn(mode: str, path: Path, quick: bool) -> dict[str, Any]:
    return spawn_child("benchmarks.bench_window", mode, path, quick,
                       {"BENCH_T0": repr(time.time()),
                        "ANNOTATOR_SETTINGS_DIR": str(path.parent / "settings")})


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample.db"
        big = Path(folder) / "big.db"
        _spawn("prepare-sample", sample, quick)
        _spawn("prepare-big", big, quick)
        rounds = 3 if quick else 5
        bare, ours = [], []
        for _ in range(rounds):  # interleaved, so a busy moment hurts both sides alike
            bare.append(_spawn("start-bare", sample, quick)["seconds"])
            ours.append(_spawn("start-window", sample, quick)["seconds"])
        label = _spawn("label", big, quick)
    start, floor = median(ours), median(bare)
    n = f"{label['spans'] // 1000}k"
    return [
        Row("window: start -> first paint, sample project", start * 1e3, "ms",
            floor=floor * 1e3, floor_name="same imports, bare QMainWindow -> first paint",
            goal="<= 1.5x", ok=start <= 1.5 * floor),
        Row(f"window: label key at {n} spans, p50 (all views)", label["p50"] * 1e3, "ms"),
        Row(f"window: label key at {n} spans, p95 (all views)", label["p95"] * 1e3, "ms",
            floor=label["store_p95"] * 1e3, floor_name="Project.add_span alone, p95",
            goal="p95 <= 16 ms", ok=label["p95"] * 1e3 <= 16),
    ]


if __name__ == "__main__":
    _child(sys.argv[1], Path(sys.argv[2]), quick=sys.argv[3] == "--quick")
