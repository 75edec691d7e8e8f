"""The window builds the project's search index after its first paint, before any search;
stops when the project closes and resumes where it stopped; extends it after an import."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotator.core.model import ArticleRecord
from annotator.store import Project
from annotator.store.search_index import SearchIndex
from annotator.ui import search_indexer


def _indexed(path: Path) -> tuple[int, int]:
    """(indexed through id, articles in the index), read as a search would."""
    with Project.open(path, readonly=True) as project:
        index = SearchIndex.open(project.conn, project.path)
        if index is None:
            return 0, 0
        with index:
            count = index.conn.execute("SELECT count(*) FROM docs").fetchone()[0]
            return index.indexed_through(), count


def _ready(window, last: int) -> bool:
    indexer = window.search_index.get()
    return indexer.reach() == (last, last) and not indexer.running()


def test_the_index_is_built_after_the_first_paint_with_no_search_asked(qtbot, window,
                                                                       workbench_project):
    qtbot.waitUntil(lambda: _ready(window, 3), timeout=10_000)
    assert window.made_docks("search") == []  # nobody searched: the dock was never made
    assert _indexed(workbench_project) == (3, 3)
    dock = window.search  # made now: it tells how far the window's index got
    assert dock.index_status.text() == "index ready"
    dock.edit.setText("阿里")
    with qtbot.waitSignal(dock.searchFinished, timeout=10_000):
        dock.run()
    assert dock.model.rowCount() > 0


@pytest.fixture
def gate(monkeypatch):
    """Holds the builder after its first batch (one article) until released."""
    reached, release = threading.Event(), threading.Event()
    real = search_indexer._BuildTask._progress

    def held(task, done, last):
        reached.set()
        release.wait(10)
        return real(task, done, last)

    monkeypatch.setattr(search_indexer, "BATCH", 1)
    monkeypatch.setattr(search_indexer._BuildTask, "_progress", held)
    return reached, release


def test_closing_the_project_stops_the_build_and_reopening_resumes_where_it_stopped(
        qtbot, window, workbench_project, gate, monkeypatch):
    reached, release = gate
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    window.ctx.close_project()  # the builder stops after the batch it is in
    release.set()
    window.search_index.get().wait()
    assert not window.search_index.get().running()
    assert _indexed(workbench_project) == (1, 1)
    counts: list[int] = []
    real = SearchIndex.update

    def counted(self, *args, **kwargs):
        counts.append(real(self, *args, **kwargs))
        return counts[-1]

    monkeypatch.setattr(SearchIndex, "update", counted)
    assert window.ops.open_path(workbench_project)
    qtbot.waitUntil(lambda: _ready(window, 3), timeout=10_000)
    assert _indexed(workbench_project) == (3, 3)  # each article once
    assert sum(counts) == 2  # the two it had not reached, not the whole project again


def test_an_import_in_the_window_extends_the_index(qtbot, window, workbench_project, tmp_path):
    qtbot.waitUntil(lambda: _ready(window, 3), timeout=10_000)
    new = tmp_path / "new.txt"
    new.write_text("拼多多今年的农产品补贴翻了一倍。\n", encoding="utf-8")
    with qtbot.waitSignal(window.ops.importFinished, timeout=30_000) as finished:
        assert window.ops.import_files([str(new)])
    assert finished.args[0].added == 1
    qtbot.waitUntil(lambda: _ready(window, 4), timeout=10_000)
    assert _indexed(workbench_project) == (4, 4)
    with Project.open(workbench_project, readonly=True) as project, \
            SearchIndex.open(project.conn, project.path) as index:
        assert list(index.candidates(index.match_expression("农产品补贴"), after_id=0,
                                     through=4)) == [[4]]


def test_the_builder_only_reads_the_project_and_writes_in_the_cache_folder(qtbot, tmp_path):
    path = tmp_path / "p.db"
    with Project.create(path, title="p") as project:
        project.add_articles([ArticleRecord(text="京东的物流", title="x", where="t")], "setup")
    before = path.read_bytes()
    with Project.open(path, readonly=True) as project:
        indexer = search_indexer.SearchIndexer(lambda: project)
        with qtbot.waitSignal(indexer.idle, timeout=10_000) as idle:
            indexer.start()
        assert idle.args == [True] and indexer.reach() == (1, 1)
        indexer.shutdown()
    assert path.read_bytes() == before  # reading never writes (SQLite's -shm aside)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db", "p.db-shm", "p.db-wal"]
    assert _indexed(path) == (1, 1)


def test_a_label_key_holds_the_build_off_until_the_user_pauses(qtbot, window,
                                                               workbench_project,
                                                               monkeypatch):
    """The build yields to the user: after an edit it waits before its next batch (it ran
    beside the label keys and made them slower), and goes on once the user pauses."""
    from workbench_helpers import select

    monkeypatch.setattr(search_indexer, "BATCH", 1)
    monkeypatch.setattr(search_indexer, "QUIET_SECONDS", 60.0)  # however slow this machine
    from annotator.store.search_index import remove_index

    indexer = window.search_index.get()
    indexer.stop()
    indexer.wait()
    project = window.ctx.project
    remove_index(project.conn, project.path)  # all three to index again
    indexer.hold_off(0)
    view = window.workbench.left.view
    window.workbench.open_article(1, window.workbench.left)
    select(view, 0, 2)
    window.labeler.label("claim")  # an edit: the build waits from now on
    indexer.start()
    qtbot.waitUntil(indexer.holding_off, timeout=10_000)
    reach = indexer.reach()
    assert reach is None or reach[0] < 3
    assert _indexed(workbench_project)[0] < 3
    indexer.hold_off(0)  # the user paused
    qtbot.waitUntil(lambda: _ready(window, 3), timeout=10_000)
    assert _indexed(workbench_project) == (3, 3)
