"""The article list at any size: a lazy model, counts from the store, a filter off the GUI
thread that a newer query cancels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex

from annotator.core.model import ArticleRecord, ArticleSummary
from annotator.store import Project
from annotator.ui import article_filter
from annotator.ui.models import ArticleListModel
from annotator.ui.tables import row_table


class FakeStore:
    """Summaries made up from ids; remembers which ids were read."""

    def __init__(self) -> None:
        self.read: list[int] = []

    def fetch(self, ids):
        self.read += ids
        return [ArticleSummary(i, f"u{i}", f"title {i}", "todo", "zh", i % 7) for i in ids]


def test_lazy_model_passes_the_model_tester_while_rows_stream_in(qtmodeltester):
    store = FakeStore()
    model = ArticleListModel()
    model.set_ids([2, 5, 9], store.fetch)
    qtmodeltester.check(model, force_py=True)
    model.append_ids([10, 40])
    model.append_ids([])
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5 and model.data(model.index(4, 0)) == "title 40"
    assert [model.row_of(i) for i in (2, 9, 40, 3, 41, 0)] == [0, 2, 4, -1, -1, -1]


def test_every_article_held_as_a_range_still_takes_streamed_rows():
    model = ArticleListModel()
    model.set_ids(range(1, 4), FakeStore().fetch)  # every article, ids 1..N
    model.append_ids([7])
    assert model.ids() == [1, 2, 3, 7] and model.row_of(7) == 3 and model.row_of(4) == -1
    assert model.summary(3).title == "title 7"


def test_a_100k_list_reads_only_the_rows_on_screen(qtbot):
    store = FakeStore()
    model = ArticleListModel()
    model.set_ids(range(1, 100_001), store.fetch)
    table = row_table(model, "t")
    qtbot.addWidget(table)
    table.resize(300, 400)
    table.show()
    qtbot.waitUntil(lambda: 1 in store.read)  # painted
    assert len(store.read) <= 2 * ArticleListModel.PAGE
    table.scrollToBottom()
    qtbot.waitUntil(lambda: 100_000 in store.read)
    assert len(store.read) <= 4 * ArticleListModel.PAGE


def test_the_cache_stays_bounded_when_scrolling_through_everything():
    store = FakeStore()
    model = ArticleListModel()
    model.set_ids(range(1, 20_001), store.fetch)
    for row in range(0, 20_000, 50):
        assert model.summary(row).id == row + 1
    assert len(model._cache) <= ArticleListModel.CACHE_ROWS


def test_a_label_key_repaints_one_cell_and_never_reads_the_store():
    """A label key repaints the article's Spans cell only (not its title, the dearest cell to
    draw); a status change its Status to Done by cells."""
    store = FakeStore()
    model = ArticleListModel()
    model.set_ids(range(1, 1001), store.fetch)
    assert model.summary(500).span_count == 501 % 7
    reads = len(store.read)
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append(
        (a.row(), a.column(), b.row(), b.column())))
    model.add_span_count(501, +1)
    model.set_status(501, "done")
    model.add_span_count(999_999, +1)  # not listed: ignored
    spans, status, done = ArticleListModel.SPANS, ArticleListModel.STATUS, ArticleListModel.DONE
    assert changed == [(500, spans, 500, spans), (500, status, 500, done)]
    assert len(store.read) == reads
    assert model.summary(500).span_count == 501 % 7 + 1
    assert model.summary(500).status == "done"


# --------------------------------------------------------------------------- the real window
@pytest.fixture
def many(tmp_path: Path) -> Path:
    """60 articles: even ones mention 京东, every tenth one 阿里 too."""
    path = tmp_path / "many.db"
    texts = [f"第{i}篇。" + ("京东物流。" if i % 2 == 0 else "") + ("阿里。" if i % 10 == 0 else "")
             for i in range(1, 61)]
    with Project.create(path, title="many") as project:
        project.add_articles([ArticleRecord(text=t, title=f"t{i}", language="zh")
                              for i, t in enumerate(texts, 1)], "setup")
    return path


@pytest.fixture
def big_window(qtbot, many, no_leaked_widgets, monkeypatch):
    from annotator.app import build_window

    monkeypatch.setattr(article_filter, "FIRST_WINDOW", 3)  # many small windows: a scan
    monkeypatch.setattr(article_filter, "WINDOW", 3)  # is still running when we look
    win = build_window(many, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_filter_answers_through_a_signal_and_the_gui_thread_goes_on(qtbot, big_window):
    dock = big_window.articles
    dock.filter_edit.setText("京东")
    dock.reload()  # what the typing timer calls
    assert dock.filter.running() and dock.model.rowCount() == 0  # returned before any result
    assert dock.windowTitle() == "Articles — filtering…"
    with qtbot.waitSignal(dock.filter.finished, timeout=10_000) as done:
        pass
    assert done.args == [""]
    assert dock.model.ids() == list(range(2, 61, 2))
    assert dock.windowTitle() == "Articles — 30 found"
    assert dock.toggleViewAction().text() == "Articles"  # the View menu
    dock.filter_edit.clear()
    dock.reload()
    assert dock.model.rowCount() == 60 and not dock.filter.running()
    assert dock.windowTitle() == "Articles"


def test_a_filter_that_cannot_read_the_file_says_so_in_the_dock(qtbot, big_window, tmp_path):
    dock = big_window.articles
    missing = tmp_path / "gone.db"
    dock.filter.start(missing, "京东")
    with qtbot.waitSignal(dock.filter.finished, timeout=10_000) as done:
        pass
    assert "gone.db" in done.args[0] and dock.windowTitle().startswith("Articles — filter failed")


def test_a_new_query_cancels_the_old_one_and_its_late_results_are_dropped(qtbot, big_window):
    dock = big_window.articles
    inserted: list[int] = []
    dock.model.rowsInserted.connect(
        lambda _p, first, last: inserted.extend(dock.model.ids()[first:last + 1]))
    dock.filter_edit.setText("京东")
    dock.reload()
    qtbot.waitUntil(lambda: len(inserted) > 0)  # the first scan has delivered something
    dock.filter_edit.setText("阿里")
    dock.reload()
    inserted.clear()
    with qtbot.waitSignal(dock.filter.finished, timeout=10_000):
        pass
    assert dock.model.ids() == [10, 20, 30, 40, 50, 60]
    assert set(inserted) <= {10, 20, 30, 40, 50, 60}


def test_the_filter_keeps_the_open_article_selected(qtbot, big_window):
    dock = big_window.articles
    dock.select_article(40)
    dock.filter_edit.setText("阿里")
    dock.reload()
    with qtbot.waitSignal(dock.filter.finished, timeout=10_000):
        pass
    assert dock.current_article_id() == 40
    assert dock.table.currentIndex() != QModelIndex()


def test_status_and_span_counts_come_from_the_store_after_a_reload(qtbot, big_window):
    dock, project = big_window.articles, big_window.ctx.project
    project.add_span(7, 0, 3, "claim", "bo")  # written by someone else's path: no signal
    project.set_status(7, "done", "bo", annotator=big_window.ctx.annotator)
    big_window.ctx.articlesChanged.emit()  # what an import or a merge emits
    row = dock.model.row_of(7)
    assert dock.model.summary(row).span_count == 1 and dock.model.summary(row).status == "done"
    dock.status_combo.setCurrentIndex(dock.status_combo.findData("done"))
    assert dock.model.ids() == [7]


def test_rows_not_yet_read_stay_blank_while_an_import_has_the_file(qtbot, big_window):
    dock, ctx = big_window.articles, big_window.ctx
    dock.model.set_ids(range(1, 61), dock._summaries)  # nothing read yet
    path = ctx.suspend()  # what import and merge do: the connection is closed
    assert dock.model.summary(50) is None and dock.model.data(dock.model.index(50, 0)) is None
    ctx.resume(path)
    assert dock.model.summary(50).title == "t51"
