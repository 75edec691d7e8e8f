"""The project search dock works off the GUI thread: hits stream in, a new query cancels."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import ArticleRecord
from annotator.store.search_index import SearchIndex
from annotator.ui import search as search_ui
from annotator.ui.search import SearchDock

TEXTS = [f"第{i}篇：京东和阿里在下沉市场。Harbor Street {i}\n" for i in range(40)]


@pytest.fixture
def dock(qtbot, project):
    project.add_articles([ArticleRecord(text=t, title=f"报道{i}", where=f"t:{i}")
                          for i, t in enumerate(TEXTS)], "setup")
    widget = SearchDock(lambda: project)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.project_changed(None)
    widget.wait()


def test_run_returns_before_any_hit_and_hits_stream_in_while_searching(qtbot, dock):
    batches: list[tuple[int, bool]] = []
    dock.model.rowsInserted.connect(
        lambda _p, first, last: batches.append((last - first + 1, dock.running())))
    dock.edit.setText("京东")
    with qtbot.waitSignal(dock.searchFinished, timeout=10_000) as done:
        dock.run()
        assert dock.model.rowCount() == 0 and dock.running()  # the GUI thread did not wait
    assert done.args == ["京东"]
    assert batches[0] == (1, True)  # the first hit is shown at once, before the scan ends
    assert sum(n for n, _ in batches) == len(TEXTS) == dock.model.rowCount()
    assert [h.article_id for h in dock.model.hits()] == list(range(1, len(TEXTS) + 1))
    assert dock.status.text() == f"{len(TEXTS)} match(es) in {len(TEXTS)} article(s)"


def test_enter_moves_focus_to_the_first_hit_and_enter_again_opens_it(qtbot, dock):
    opened: list[tuple[int, int, int]] = []
    dock.hitActivated.connect(lambda *args: opened.append(args))
    dock.open()
    qtbot.keyClicks(dock.edit, "street 7")
    with qtbot.waitSignal(dock.searchFinished, timeout=10_000):
        qtbot.keyClick(dock.edit, Qt.Key.Key_Return)
    assert dock.table.hasFocus() and dock.table.currentIndex().row() == 0
    qtbot.keyClick(dock.table, Qt.Key.Key_Return)
    start = TEXTS[7].index("Street 7")
    assert opened == [(8, start, start + len("Street 7"))]


def test_typing_a_new_query_cancels_the_running_search(qtbot, dock, monkeypatch):
    gate = threading.Event()
    yielded: list[int] = []
    real = search_ui.iter_hits

    def slow_for_alibaba(conn, needle, limit, progress=None, index=None):
        for n, hit in enumerate(real(conn, needle, limit, progress, index)):
            if needle == "阿里":
                yielded.append(n)
                if n == 1:
                    gate.wait(10)
            yield hit

    monkeypatch.setattr(search_ui, "iter_hits", slow_for_alibaba)
    finished: list[str] = []
    dock.searchFinished.connect(finished.append)
    dock.edit.setText("阿里")
    dock.run()
    qtbot.waitUntil(lambda: dock.model.rowCount() == 1)  # then the worker is held at the gate
    dock.edit.selectAll()
    qtbot.keyClicks(dock.edit, "harbor")  # typing: the old search stops, the new one waits
    assert dock.model.rowCount() == 0 and not dock.running()
    gate.set()
    qtbot.waitUntil(lambda: finished == ["harbor"], timeout=10_000)
    assert {h.match for h in dock.model.hits()} == {"Harbor"}
    assert dock.model.rowCount() == len(TEXTS)
    assert len(yielded) <= 3  # the cancelled worker stopped right after the gate


def test_clearing_the_query_or_closing_the_project_empties_the_list(qtbot, dock):
    dock.edit.setText("下沉市场")
    with qtbot.waitSignal(dock.searchFinished, timeout=10_000):
        dock.run()
    assert dock.model.rowCount() == len(TEXTS)
    dock.project_changed(None)
    assert dock.model.rowCount() == 0 and dock.status.text() == ""
    dock.edit.clear()
    dock.run()
    assert dock.model.rowCount() == 0 and not dock.running()


def test_no_match_says_so_naming_the_needle(qtbot, dock):
    dock.edit.setText("不存在的词")
    with qtbot.waitSignal(dock.searchFinished, timeout=10_000):
        dock.run()
    assert dock.model.rowCount() == 0
    assert dock.status.text() == "No match for “不存在的词”"


def test_a_project_file_that_vanished_is_reported_in_one_line(qtbot, dock, project_path):
    dock.edit.setText("京东")
    project_path.rename(project_path.with_name("moved.db"))
    with qtbot.waitSignal(dock.searchFinished, timeout=10_000):
        dock.run()
    assert "no project at" in dock.status.text() and "\n" not in dock.status.text()


def test_the_first_search_builds_the_index_and_later_ones_use_it(qtbot, dock, project):
    dock.edit.setText("农产品")
    with qtbot.waitSignal(dock.searchFinished, timeout=10_000):
        dock.run()
    assert dock.model.rowCount() == 0
    qtbot.waitUntil(lambda: dock.index_status.text() == "index ready", timeout=10_000)
    with SearchIndex.open(project.conn, project.path) as index:
        assert index.indexed_through() == len(TEXTS)
    project.add_articles([ArticleRecord(text="新到的农产品", title="new", where="t:new")],
                         "ann")  # after the index: found by the scan of the rest
    for needle, count in (("下沉市场", len(TEXTS)), ("农产品", 1), ("京东", len(TEXTS))):
        dock.edit.setText(needle)
        with qtbot.waitSignal(dock.searchFinished, timeout=10_000):
            dock.run()
        assert dock.model.rowCount() == count, needle
    assert dock.model.hit(0).match == "京东"


def test_a_search_under_way_holds_the_index_build_off_until_it_ends(qtbot, dock, project,
                                                                    monkeypatch):
    """The build and the scan would share the CPUs and the GIL: the build waits."""
    gate = threading.Event()
    real = search_ui.iter_hits

    def held(conn, needle, limit, progress=None, index=None):
        for hit in real(conn, needle, limit, progress, index):
            gate.wait(10)
            yield hit

    monkeypatch.setattr(search_ui, "iter_hits", held)
    dock.edit.setText("京东")
    dock.run()  # the dock's indexer starts with the first search, and waits for its end
    qtbot.waitUntil(dock.indexer.holding_off, timeout=10_000)
    index = SearchIndex.open(project.conn, project.path)
    assert index is None or index.indexed_through() == 0
    if index is not None:
        index.close()
    with qtbot.waitSignal(dock.searchFinished, timeout=10_000):
        gate.set()
    qtbot.waitUntil(lambda: dock.index_status.text() == "index ready", timeout=10_000)
    assert not dock.indexer.holding_off()
