"""The article view: open a 1 MB Chinese article with 10,000 spans, add a span, memory.

Every measurement runs in a fresh interpreter (``python -m benchmarks.bench_gui MODE``) so that
memory figures are honest and one measurement's caches do not help another. Qt runs offscreen.

Floors, taken in the same run: a bare ``QPlainTextEdit`` loading the same text to its first
paint, and the resident memory of a process that shows only that bare widget.
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

from benchmarks.common import Row, median, percentile, rss_mb, spawn_child, zh_article

LABELS = ("claim", "figure", "company", "strategy")


# ---------------------------------------------------------------------- in the child process
def _article_and_spans(quick: bool) -> tuple[str, list[tuple[int, int, str]]]:
    """A ~1 MB Chinese article in paragraphs and 10,000 spans, a fifth nested in another."""
    rng = random.Random(20240601)
    text = zh_article(rng, 60_000 if quick else 344_000)
    count = 2_000 if quick else 10_000
    spans: list[tuple[int, int, str]] = []
    while len(spans) < count:
        start = rng.randrange(0, len(text) - 40)
        end = start + rng.randint(2, 30)
        if "\n" in text[start:end] or text[start:end].strip() != text[start:end]:
            continue
        spans.append((start, end, rng.choice(LABELS)))
        if len(spans) % 5 == 0 and end - start > 4:  # a nested one inside it
            a = rng.randrange(start, end - 2)
            spans.append((a, rng.randint(a + 1, end), rng.choice(LABELS)))
    return text, spans[:count]


def _app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication.instance() or QApplication([])
    warm = QPlainTextEdit()  # load fonts and glyphs once, for both contenders
    warm.setPlainText("阿里今年的小目标 Alibaba 1亿\n" * 50)
    warm.resize(900, 700)
    warm.show()
    warm.repaint()
    app.processEvents()
    warm.close()
    return app


def _first_paint(app: Any, widget: Any, load: Any) -> float:
    """Seconds from ``load()`` to the end of the widget's next paint."""
    from PySide6.QtCore import QEvent, QObject

    class Painted(QObject):
        done = False

        def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                self.done = True
            return False

    widget.resize(900, 700)
    widget.show()
    app.processEvents()
    spy = Painted()
    widget.viewport().installEventFilter(spy)
    started = time.perf_counter()
    load()
    while not spy.done:
        app.processEvents()
    app.processEvents()  # the paint itself has returned by now
    elapsed = time.perf_counter() - started
    widget.viewport().removeEventFilter(spy)
    return elapsed


def _prepare(path: Path, quick: bool) -> None:
    """Write the project file: the article and its spans, imported in one transaction."""
    from annotator.core.model import ArticleRecord, SpanRecord
    from annotator.store import Project

    text, spans = _article_and_spans(quick)
    records = tuple(SpanRecord(s, e, label, text[s:e], annotator="bench", origin="manual")
                    for s, e, label in spans)
    with Project.create(path, title="bench") as project:
        project.add_articles([ArticleRecord(text=text, title="1 MB", language="zh",
                                            spans=records)], who="bench")


def _open(path: Path) -> tuple[Any, int]:
    """Open the prepared project, as the window does; return it and the article's id."""
    from annotator.store import Project

    project = Project.open(path)
    return project, project.articles()[0].id


def _child_time(path: Path, quick: bool) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from annotator.ui.article_view import ArticleView

    app = _app()
    project, article_id = _open(path)
    t0 = time.perf_counter()
    article = project.article(article_id)
    spans = project.spans(article_id)
    read = time.perf_counter() - t0
    text = article.text
    labels = project.labels()
    bare: list[float] = []
    view_times: list[float] = []
    for _ in range(3 if quick else 7):
        edit = QPlainTextEdit()
        bare.append(_first_paint(app, edit, lambda e=edit: e.setPlainText(text)))
        edit.close()
        edit.deleteLater()
        view = ArticleView()
        view_times.append(_first_paint(
            app, view, lambda v=view: v.set_article(article, spans, labels)))
        view.close()
        view.deleteLater()
        app.processEvents()
    view = ArticleView()
    _first_paint(app, view, lambda: view.set_article(article, spans, labels))
    first = view.firstVisibleBlock().position()
    last = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    rng = random.Random(7)
    total: list[float] = []
    store: list[float] = []
    drawn: list[float] = []
    for i in range(50 if quick else 200):
        start = rng.randrange(first, max(first + 1, last - 6))  # text on screen
        end = start + rng.randint(2, 5)
        t0 = time.perf_counter()
        span = project.add_span(article_id, start, end, LABELS[i % 4], "bench",
                                text=text[start:end])
        t1 = time.perf_counter()
        view.add_span(span)
        QApplication.processEvents()  # the repaint Qt does for it: the lines it touches
        QApplication.processEvents()
        t2 = time.perf_counter()
        store.append(t1 - t0)
        drawn.append(t2 - t1)
        total.append(t2 - t0)
    project.close()
    return {"chars": len(text), "bytes": len(text.encode()), "spans": len(spans),
            "read": read, "bare": median(bare), "view": median(view_times),
            "add_p50": percentile(total, 50), "add_p95": percentile(total, 95),
            "store_p95": percentile(store, 95), "view_p95": percentile(drawn, 95)}


def _child_rss(path: Path, quick: bool, bare: bool) -> dict[str, Any]:
    from PySide6.QtWidgets import QPlainTextEdit

    app = _app()
    if bare:  # the same text (same seed), without importing the store
        text, _ = _article_and_spans(quick)
        edit = QPlainTextEdit()
        _first_paint(app, edit, lambda: edit.setPlainText(text))
        return {"rss": rss_mb()}
    from annotator.core import segment
    from annotator.ui.article_view import ArticleView

    project, article_id = _open(path)
    view = ArticleView()
    article, spans = project.article(article_id), project.spans(article_id)
    labels = project.labels()
    _first_paint(app, view, lambda: view.set_article(article, spans, labels))
    rss = rss_mb()
    segment.warm_up()  # the window loads jieba in the background, for snapping
    with_jieba = rss_mb()
    project.close()
    return {"rss": rss, "rss_jieba": with_jieba}


def _child(mode: str, path: Path, quick: bool) -> None:
    if mode == "prepare":
        _prepare(path, quick)
        out: dict[str, Any] = {}
    elif mode == "time":
        out = _child_time(path, quick)
    else:
        if mode == "rss-view-lean":  # sqlite-utils imports them when installed
            sys.modules["pandas"] = sys.modules["numpy"] = None  # type: ignore[assignment]
        out = _child_rss(path, quick, bare=(mode == "rss-bare"))
    print(json.dumps(out))


# ---------------------------------------------------------------------- in the parent
def _spawn(mode: str, path: Path, quick: bool) -> dict[str, Any]:
    return spawn_child("benchmarks.bench_gui", mode, path, quick)


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        _spawn("prepare", path, quick)
        t = _spawn("time", path, quick)
        bare = _spawn("rss-bare", path, quick)
        view = _spawn("rss-view", path, quick)
        lean = _spawn("rss-view-lean", path, quick)
    size = f"{t['bytes'] / 1e6:.1f} MB zh, {t['spans']:,} spans"
    n = f"{t['spans'] // 1000}k"
    ratio_ok = t["view"] <= 2 * t["bare"]
    return [
        Row(f"gui: open article ({size}) -> first paint", t["view"] * 1e3, "ms",
            floor=t["bare"] * 1e3, floor_name="bare QPlainTextEdit setPlainText -> first paint",
            goal="<= 2x", ok=ratio_ok),
        Row("gui: read the article and its spans from the store", t["read"] * 1e3, "ms"),
        Row(f"gui: add one span at {n} spans, p50 (commit + repaint)", t["add_p50"] * 1e3, "ms"),
        Row(f"gui: add one span at {n} spans, p95 (commit + repaint)", t["add_p95"] * 1e3, "ms",
            floor=t["store_p95"] * 1e3, floor_name="the durable store commit alone, p95",
            goal="p95 <= 16 ms", ok=t["add_p95"] * 1e3 <= 16),
        Row("gui: add one span, the view's part alone (runs + repaint of its lines), p95",
            t["view_p95"] * 1e3, "ms"),
        Row("gui: resident memory with the article open", view["rss"], "MB",
            floor=bare["rss"], floor_name="process showing a bare QPlainTextEdit, same text",
            goal="<= 150 MB", ok=view["rss"] <= 150),
        Row("gui: resident memory once jieba's dictionary is loaded", view["rss_jieba"], "MB",
            floor=bare["rss"], floor_name="process showing a bare QPlainTextEdit, same text",
            goal="<= 150 MB", ok=view["rss_jieba"] <= 150),
        Row("gui: the same, numpy and pandas kept out of sqlite-utils", lean["rss"], "MB",
            floor=bare["rss"], goal="<= 150 MB", ok=lean["rss"] <= 150),
        Row("gui: the same + jieba, numpy and pandas kept out", lean["rss_jieba"], "MB",
            floor=bare["rss"]),
    ]


if __name__ == "__main__":
    _child(sys.argv[1], Path(sys.argv[2]), quick=sys.argv[3] == "--quick")
