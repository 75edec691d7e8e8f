"""After a restart or a crash the window reopens the project's last article at its scroll
position (per project file), reading only that article."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.model import ArticleRecord
from annotator.store import Project
from annotator.ui import settings as S

LONG = "".join(f"第{i}段：电商平台调整会员策略，物流公司扩大投入。\n\n" for i in range(400))


@pytest.fixture
def long_project(tmp_path: Path) -> Path:
    path = tmp_path / "long.db"
    with Project.create(path, title="long") as project:
        project.add_articles([ArticleRecord(text="短文一。", title="first", where="t:1"),
                              ArticleRecord(text=LONG, title="long", where="t:2"),
                              ArticleRecord(text="短文三。", title="third", where="t:3")], "x")
    return path


def _open(qtbot, path: Path):
    from annotator.app import build_window

    win = build_window(path, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _scroll_down(qtbot, win) -> int:
    bar = win.workbench.left.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200)
    bar.setValue(bar.maximum() // 2)
    return bar.value()


def test_restart_reopens_the_last_article_at_its_scroll_position(qtbot, long_project,
                                                                 no_leaked_widgets):
    win = _open(qtbot, long_project)
    assert win.workbench.left.article_id() == 1  # first start: the first article
    win.articles.step(+1)
    assert win.workbench.left.article_id() == 2
    value = _scroll_down(qtbot, win)
    win.close()
    again = _open(qtbot, long_project)
    assert again.workbench.left.article_id() == 2
    assert again.articles.current_article_id() == 2
    bar = again.workbench.left.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() == value)
    again.close()


def test_after_a_crash_the_position_written_a_moment_after_scrolling_survives(
        qtbot, long_project, no_leaked_widgets):
    settings = S.Settings()
    win = _open(qtbot, long_project)
    win.articles.step(+1)
    value = _scroll_down(qtbot, win)
    qtbot.waitUntil(lambda: S.Settings().last_article(long_project) == (2, value),
                    timeout=5000)
    win.ctx.close_project()  # "crash": no closeEvent, nothing saved at exit
    win.hide()
    again = _open(qtbot, long_project)
    assert again.workbench.left.article_id() == 2
    qtbot.waitUntil(lambda: again.workbench.left.view.verticalScrollBar().value() == value)
    assert settings.last_article(long_project) is not None
    again.close()
    win.close()


def test_each_project_file_remembers_its_own_article(qtbot, long_project, tmp_path,
                                                      no_leaked_widgets):
    other = tmp_path / "other.db"
    with Project.create(other, title="other") as project:
        project.add_articles([ArticleRecord(text=f"文章{i}。", where=f"o:{i}")
                              for i in range(4)], "x")
    S.Settings().remember_article(long_project, 3, 0)
    S.Settings().remember_article(other, 4, 0)
    win = _open(qtbot, long_project)
    assert win.workbench.left.article_id() == 3
    assert win.ops.open_path(other)
    assert win.workbench.left.article_id() == 4
    win.close()


def test_a_deleted_or_garbled_last_article_falls_back_to_the_first(qtbot, long_project,
                                                                   no_leaked_widgets):
    S.Settings().remember_article(long_project, 99, 500)
    win = _open(qtbot, long_project)
    assert win.workbench.left.article_id() == 1
    win.close()
    S.Settings().set_for(long_project, S.LAST_ARTICLE, "two lines")
    assert S.Settings().last_article(long_project) is None
    win = _open(qtbot, long_project)
    assert win.workbench.left.article_id() == 1
    win.close()
    QApplication.processEvents()
