"""The window reopening an article with many spans shows its first screen first: the spans in
sight before the first paint, every span right after it (issue 14). Nothing the user can see
may be missing from that first frame, nothing may be lost or doubled by what happens before
the rest arrives, and the rest must never land on another article."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

from annotator.core.model import ArticleRecord
from annotator.core.offsets import OffsetIndex
from annotator.store import Project
from annotator.ui import pane as pane_module
from annotator.ui import settings as S
from annotator.ui.first_screen import text_in_sight

PARAGRAPHS = [f"第{i}段：电商平台调整会员策略，物流公司扩大投入，😀与𠮷也在其中。"
              for i in range(300)]
LONG = "\n\n".join(PARAGRAPHS)
LABELS = ("claim", "figure", "company", "strategy")


@pytest.fixture
def many_spans(tmp_path: Path, monkeypatch) -> Path:
    """Article 2: 300 paragraphs under ~900 spans, a few of them hundreds of characters long
    (reaching into any screen from above); the pane's threshold lowered to 100 spans."""
    monkeypatch.setattr(pane_module, "MANY_SPANS", 100)
    path = tmp_path / "many.db"
    rng = random.Random(5)
    with Project.create(path, title="many") as project:
        project.add_articles([ArticleRecord(text="短文一。", title="first", where="t:1"),
                              ArticleRecord(text=LONG, title="long", where="t:2"),
                              ArticleRecord(text="短文三。", title="third", where="t:3")], "x")
        for i in range(900):
            length = rng.choice((2, 3, 5, 8)) if i % 100 else 700
            start = rng.randrange(0, len(LONG) - length)
            project.add_span(2, start, start + length, LABELS[i % 4], "ann")
    return path


def _reopen_at(path: Path, scroll: int) -> None:
    S.Settings().remember_article(path, 2, scroll)


def _build(qtbot, path: Path):
    from annotator.app import build_window

    win = build_window(path, "tester")
    qtbot.addWidget(win)
    return win


def _in_sight(view) -> tuple[int, int]:
    """Code points of the text the view shows now (its first and last visible character)."""
    offsets = view.offsets()
    first = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    last = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    return (offsets.from_utf16(first, snap="left"), offsets.from_utf16(last, snap="right") + 1)


def test_the_first_frame_holds_every_span_in_sight_and_then_every_span_is_shown(
        qtbot, many_spans, no_leaked_widgets):
    _reopen_at(many_spans, 400)
    win = _build(qtbot, many_spans)
    pane = win.workbench.left
    first = {s.id for s in pane.view.spans()}
    assert pane.loading() == 900 and 0 < len(first) < 900  # only the first screen was read
    assert win.annotations.summary.text() == "Reading 900 spans…"
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: pane.loading() == 0)
    with Project.open(many_spans, readonly=True) as project:
        stored = project.spans(2)
    assert sorted(s.id for s in pane.view.spans()) == sorted(s.id for s in stored)
    assert win.annotations.model.rowCount() == 900
    assert win.annotations.summary.text().startswith("900 span(s)")
    lo, hi = _in_sight(pane.view)
    assert lo > 1000  # scrolled well into the article
    in_sight = {s.id for s in stored if s.start < hi and s.end > lo}
    assert in_sight and in_sight <= first  # nothing on screen was missing from the first frame
    win.close()


def test_a_span_made_before_the_rest_arrives_is_kept_once(qtbot, many_spans,
                                                          no_leaked_widgets):
    _reopen_at(many_spans, 400)
    win = _build(qtbot, many_spans)
    pane = win.workbench.left
    view = pane.view
    start = view.offsets().from_utf16(view.firstVisibleBlock().position(), snap="left")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets().to_utf16(start + 1))
    cursor.setPosition(view.offsets().to_utf16(start + 3), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert pane.loading()
    assert win.labeler.label("figure", exact=True)  # a label key before the first paint
    win.show()
    qtbot.waitUntil(lambda: pane.loading() == 0)
    ids = [s.id for s in view.spans()]
    assert len(ids) == len(set(ids)) == 901
    assert win.annotations.model.rowCount() == 901
    new = [s for s in view.spans() if (s.start, s.end, s.label) == (start + 1, start + 3,
                                                                        "figure")]
    assert len(new) == 1 and new[0].text == LONG[start + 1:start + 3]
    win.close()


def test_the_rest_never_lands_on_an_article_opened_before_it(qtbot, many_spans,
                                                            no_leaked_widgets):
    _reopen_at(many_spans, 400)
    win = _build(qtbot, many_spans)
    pane = win.workbench.left
    assert pane.loading()
    win.workbench.open_article(3, pane)  # before the first paint
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.annotations.summary.text().startswith("No spans yet"))
    assert pane.article_id() == 3 and pane.view.spans() == [] and pane.loading() == 0
    win.close()


def test_a_window_never_shown_reads_the_rest_a_moment_later(qtbot, many_spans, monkeypatch,
                                                            no_leaked_widgets):
    monkeypatch.setattr(pane_module, "REST_AT_THE_LATEST_MS", 50)
    _reopen_at(many_spans, 0)
    win = _build(qtbot, many_spans)
    pane = win.workbench.left
    assert pane.loading()
    qtbot.waitUntil(lambda: pane.loading() == 0)
    assert len(pane.view.spans()) == 900
    win.close()


def test_an_article_with_few_spans_opens_whole(qtbot, many_spans, monkeypatch,
                                               no_leaked_widgets):
    monkeypatch.setattr(pane_module, "MANY_SPANS", 900)  # not more than that: read at once
    _reopen_at(many_spans, 400)
    win = _build(qtbot, many_spans)
    assert win.workbench.left.loading() == 0 and len(win.workbench.left.view.spans()) == 900
    win.close()


def test_a_window_about_to_open_maximized_is_estimated_at_its_screens_size(qtbot):
    """Before it shows, a window restored maximized still has its normal size: the text in
    sight is estimated from the screen, or the first frame would miss the spans below."""
    window = QMainWindow()
    qtbot.addWidget(window)
    view = QPlainTextEdit()
    window.setCentralWidget(view)
    view.setPlainText(LONG)
    window.resize(300, 200)
    lo, hi = text_in_sight(view, OffsetIndex(LONG))
    window.setWindowState(Qt.WindowState.WindowMaximized)
    screen = window.screen().availableGeometry()
    assert screen.width() * screen.height() > 4 * 300 * 200
    big_lo, big_hi = text_in_sight(view, OffsetIndex(LONG))
    assert big_lo == lo == 0 and big_hi > 4 * hi  # the view's top is the article's start
