"""A mouse drag over a 100k-character Chinese article (one line, no line breaks), with the
selection shown snapped to words on every move (issue 13 §2). Floor, in the same run: the same
moves with snapping off (Qt's own drag selection). Each move is sent as a real mouse event to the
view's viewport; the snapped drag segments only the sentence (or window) around each end, cached,
never the article."""

from __future__ import annotations

import os
import random
import time

from benchmarks.common import Row, median, percentile, zh_article


def _drag(view, points, snapping: bool) -> list[float]:
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    view.set_snapping(snapping)
    view.clear_selection()
    vp = view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier

    def send(kind: QEvent.Type, point, buttons) -> None:
        pos = QPointF(point)
        event = QMouseEvent(kind, pos, QPointF(vp.mapToGlobal(point)),
                            left if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
                            buttons, none)
        QApplication.sendEvent(vp, event)

    send(QEvent.Type.MouseButtonPress, points[0], left)
    times = []
    for point in points[1:]:
        t0 = time.perf_counter()
        send(QEvent.Type.MouseMove, point, left)
        times.append(time.perf_counter() - t0)
    send(QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)
    return times


def run(quick: bool) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from annotator.core import segment
    from annotator.core.labels import DEFAULT_SCHEME
    from annotator.core.model import Article
    from annotator.ui.article_view import ArticleView

    app = QApplication.instance() or QApplication([])
    segment.warm_up()  # the dictionary load is not what we measure
    text = zh_article(random.Random(20261130), 100_000).replace("\n", "")
    view = ArticleView()
    view.resize(1200, 800)
    view.set_article(Article(id=1, uid="b", title="drag", text=text, sha256="", status="todo",
                             language="zh"), [], list(DEFAULT_SCHEME))
    view.show()
    app.processEvents()
    rect = view.viewport().rect()
    step = 6 if quick else 2
    points = [QPoint(x, y) for y in range(10, rect.height() - 10, 40)
              for x in range(10, rect.width() - 10, step)]
    rounds = 1 if quick else 3
    snapped: list[float] = []
    raw: list[float] = []
    for _ in range(rounds):
        segment._window_tokens.cache_clear()  # every sentence segmented again, as at first
        snapped += _drag(view, points, True)
        raw += _drag(view, points, False)
    view.close()
    p95, floor95 = percentile(snapped, 95), percentile(raw, 95)
    return [
        Row(f"drag a selection, 100k-char line, snapped, p50 ({len(points)} moves)",
            median(snapped) * 1e3, "ms", floor=median(raw) * 1e3,
            floor_name="the same moves, snapping off", goal="info"),
        Row("drag a selection, 100k-char line, snapped, p95", p95 * 1e3, "ms",
            floor=floor95 * 1e3, floor_name="the same moves, snapping off",
            goal="p95 <= 16 ms", ok=p95 <= 0.016),
    ]
