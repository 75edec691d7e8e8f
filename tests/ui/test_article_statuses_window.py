"""Each annotator's own status in the window: the list shows and filters the current
annotator's, "done by N of M" counts everyone's, Ctrl+Enter sets only yours."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui.models import ArticleListModel
from tests.ui.workbench_helpers import article_id

CTRL = Qt.KeyboardModifier.ControlModifier


def done_by(dock, article: int) -> str:
    return dock.model.data(dock.model.index(dock.model.row_of(article), ArticleListModel.DONE))


def test_ctrl_enter_marks_only_my_status_and_the_list_counts_done_by(qtbot, window):
    project, dock = window.ctx.project, window.articles
    aid = article_id(project, "阿里的小目标")
    project.set_status(aid, "done", "alice")  # alice's file, merged: no signal
    window.ctx.articlesChanged.emit()
    assert dock.model.summary(dock.model.row_of(aid)).status == "todo"  # alice's is not mine
    assert done_by(dock, aid) == "1 of 2"  # alice, and tester who annotates now
    qtbot.keyClick(window.workbench.left.view, Qt.Key.Key_Return, CTRL)
    assert project.article_statuses(aid) == {"alice": "done", "tester": "done"}
    assert dock.model.summary(dock.model.row_of(aid)).status == "done"
    assert done_by(dock, aid) == "2 of 2"
    assert window.status.progress.text() == "1 / 3 done"


def test_switching_annotator_shows_their_statuses_and_progress(qtbot, window):
    project, dock = window.ctx.project, window.articles
    aid = article_id(project, "拼多多的补贴")
    project.set_status(aid, "in-progress", "alice")
    window.ctx.set_annotator("alice")
    assert dock.model.summary(dock.model.row_of(aid)).status == "in-progress"
    assert window.status.progress.text() == "0 / 3 done · 1 in progress"
    window.ctx.set_annotator("bob")
    assert dock.model.summary(dock.model.row_of(aid)).status == "todo"
    assert window.status.progress.text() == "0 / 3 done"


def test_mine_lists_the_articles_i_worked_on(qtbot, window):
    project, dock = window.ctx.project, window.articles
    first, second, third = (article_id(project, t) for t in
                            ("阿里的小目标", "拼多多的补贴", "Same-day delivery"))
    project.add_span(third, 0, 4, "claim", "tester")
    project.set_status(first, "done", "tester")
    project.set_status(second, "done", "alice")
    dock.status_combo.setCurrentIndex(dock.status_combo.findData("mine"))
    assert dock.model.ids() == [first, third]
    dock.filter_edit.setText("Same")  # a text filter within mine runs off the GUI thread
    with qtbot.waitSignal(dock.filter.finished, timeout=10_000):
        dock.reload()
    assert dock.model.ids() == [third]
