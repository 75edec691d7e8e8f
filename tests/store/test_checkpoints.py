"""The window's project checkpoints its log from a thread of its own (issue 14): a label key
never waits for SQLite's checkpoint (180-210 ms once every few dozen keys, measured), and
nothing written is lost or left behind."""

from __future__ import annotations

import sqlite3

from annotator.core.model import ArticleRecord
from annotator.store import Project

TEXT = "阿里今年的小目标是新增至少1亿用户。" * 50


def _project(tmp_path):
    path = tmp_path / "p.db"
    with Project.create(path) as project:
        project.add_articles([ArticleRecord(text=TEXT, title="t", where="t")], "setup")
    return path


def test_commits_run_no_checkpoint_and_the_thread_runs_one_once_writes_pause(qtbot, tmp_path):
    path = _project(tmp_path)
    project = Project.open(path)
    try:
        checkpointer = project.checkpoint_in_background(pages=4, every=0.01, quiet=0.05)
        assert checkpointer is not None
        assert project.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        for i in range(200):
            project.add_span(1, i, i + 2, "claim", "ann")
        qtbot.waitUntil(lambda: checkpointer.done > 0, timeout=10_000)
        # the window's own connection found everything it wrote, and goes on writing
        project.add_span(1, 300, 302, "figure", "ann")
        assert len(project.spans(1)) == 201
    finally:
        project.close()
    assert not checkpointer._thread.is_alive()  # closing the project stops the thread
    with Project.open(path, readonly=True) as again:
        assert len(again.spans(1)) == 201


def test_a_short_pause_between_keys_does_not_start_a_checkpoint(tmp_path):
    """A checkpoint waits for the log to be still: run in a burst of keys, its fsync slowed
    the commits made meanwhile as much as running it in them did."""
    path = _project(tmp_path)
    project = Project.open(path)
    try:
        checkpointer = project.checkpoint_in_background(pages=4, every=0.001, quiet=3600,
                                                        most=10_000)
        for i in range(200):
            project.add_span(1, i, i + 2, "claim", "ann")
        assert checkpointer.done == 0
    finally:
        project.close()


def test_the_command_line_keeps_sqlites_own_checkpoints(tmp_path):
    path = _project(tmp_path)
    with Project.open(path) as project:
        assert project.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    with Project.open(path, readonly=True) as project:
        assert project.checkpoint_in_background() is None
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
