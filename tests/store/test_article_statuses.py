"""Each annotator's own status per article: kept apart, counted by the store, logged with
when it changed, and moved out of the one shared status of older files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import ArticleRecord
from annotator.store import NotFound, Project
from annotator.store.schema import SCHEMA_VERSION
from tests.review.helpers import file_hash, make_project

ZH = "阿里今年的小目标是新增至少1亿用户。京东表示下沉市场增长迅速。"
EN = "Alibaba said the county market grew 3.5% this year."


def test_two_annotators_statuses_of_one_article_stay_apart(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("阿里", ZH, []), ("county", EN, [])])
    with Project.open(path) as project:
        assert project.set_status(1, "done", "alice") == "todo"
        assert project.set_status(1, "in-progress", "bob") == "todo"
        assert project.article_status(1, "alice") == "done"
        assert project.article_status(1, "bob") == "in-progress"
        assert project.article_status(1, "carol") == "todo"
        assert project.article_statuses(1) == {"alice": "done", "bob": "in-progress"}
        assert project.article_statuses(2) == {}
        assert project.progress() == {"alice": {"done": 1}, "bob": {"in-progress": 1}}
        assert [s.done_by for s in project.articles(annotator="bob")] == [1, 0]
        assert [s.status for s in project.articles(annotator="bob")] == ["in-progress", "todo"]


def test_setting_anothers_status_logs_who_did_it_and_when(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("阿里", ZH, [])])
    with Project.open(path) as project:
        project.set_status(1, "done", "lead", annotator="alice")
        assert project.article_status(1, "alice") == "done"
        assert project.article_status(1, "lead") == "todo"
        [entry] = project.changes("article", "1", limit=1)
        assert (entry["who"], entry["action"]) == ("lead", "article.status")
        assert entry["data"] == {"annotator": "alice", "before": "todo", "after": "done"}
        assert project.status_changes(1)["alice"] == ("done", entry["at"])


def test_back_to_todo_leaves_the_progress_and_keeps_when(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("阿里", ZH, []), ("county", EN, [])])
    with Project.open(path) as project:
        project.set_status(2, "done", "alice")
        assert project.set_status(2, "todo", "alice") == "done"
        assert project.progress() == {}
        assert project.status_counts("alice") == {"todo": 2, "in-progress": 0, "done": 0}
        assert project.article_statuses(2) == {"alice": "todo"}
        assert project.check() == []


def test_unknown_article_or_status_is_refused(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("阿里", ZH, [])])
    with Project.open(path) as project:
        with pytest.raises(NotFound):
            project.set_status(99, "done", "alice")
        with pytest.raises(NotFound):
            project.article_status(99, "alice")
        with pytest.raises(Exception, match="unknown status 'finished'"):
            project.set_status(1, "finished", "alice")
        assert project.progress() == {}


def test_mine_lists_articles_with_my_spans_or_my_status(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("阿里", ZH, [(0, 2, "company", "alice")]),
                                            ("county", EN, []), ("x", "没有", [])])
    with Project.open(path) as project:
        project.set_status(3, "done", "alice")
        project.set_status(2, "done", "bob")
        assert list(project.mine_ids("alice")) == [1, 3]
        assert list(project.mine_ids("bob")) == [2]


def test_import_statuses_win_and_a_lone_status_is_the_importers(project: Project):
    project.add_articles([
        ArticleRecord(text=ZH, title="both", status="in-progress",
                      statuses={"alice": "done", "bob": "in-progress"}),
        ArticleRecord(text=EN, title="lone", status="done")], "carol")
    assert project.article_statuses(1) == {"alice": "done", "bob": "in-progress"}
    assert project.article_statuses(2) == {"carol": "done"}
    assert project.check() == []


def test_an_older_file_moves_each_status_to_who_set_it(tmp_path: Path):
    path = make_project(tmp_path / "old.db", [("by log", ZH, [(0, 2, "company", "bob")]),
                                              ("by spans", EN, [(0, 7, "company", "bob"),
                                                                (8, 12, "claim", "alice"),
                                                                (13, 19, "claim", "alice")]),
                                              ("by nobody", "没有标注的文章", []),
                                              ("still todo", "另一篇", [])])
    with Project.open(path) as project:
        project.set_status(1, "in-progress", "bob")
        project.set_status(1, "done", "carol", annotator="carol")
    _to_schema_3(path)
    with Project.open(path) as project:
        assert project.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert project.backup_path is not None and project.backup_path.exists()
        assert project.article_statuses(1) == {"carol": "done"}  # the last log entry
        assert project.article_statuses(2) == {"alice": "in-progress"}  # most spans
        creator = next(c["who"] for c in project.changes("project", "")
                       if c["action"] == "project.create") or "unknown"
        assert project.article_statuses(3) == {creator: "done"}
        assert project.article_statuses(4) == {}
        assert project.article_count() == 4
        assert project.check() == []


def test_an_older_file_read_only_shows_the_statuses_it_would_get_and_stays_as_it_is(
        tmp_path: Path):
    path = make_project(tmp_path / "old.db", [("by spans", EN, [(0, 7, "company", "bob")]),
                                              ("x", "没有", []), ("y", "另一篇", []),
                                              ("z", "第四篇", [])])
    _to_schema_3(path)
    before = file_hash(path)
    with Project.open(path, readonly=True) as project:
        assert project.article_statuses(1) == {"bob": "done"}  # most spans, as m004 would
        assert [s.status for s in project.articles(annotator="bob")][:1] == ["done"]
        assert list(project.article_ids("done", annotator="bob")) == [1]
        assert project.status_counts("bob")["done"] == 1
    assert file_hash(path) == before  # reading never writes


def _to_schema_3(path: Path) -> None:
    """Back to schema 3: one status per article (1 and 3 done, 2 in progress)."""
    conn = sqlite3.connect(path)
    for name in ("status_progress_insert", "status_progress_update", "status_progress_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE article_statuses")
    conn.execute("DROP TABLE status_progress")
    conn.execute("UPDATE articles SET status = 'done' WHERE id IN (1, 3)")
    conn.execute("UPDATE articles SET status = 'in-progress' WHERE id = 2")
    conn.execute("UPDATE status_counts SET articles = CASE status WHEN 'todo' THEN 1 "
                 "WHEN 'done' THEN 2 ELSE 1 END")
    conn.execute("INSERT INTO status_counts(status, articles) VALUES ('done', 2), "
                 "('in-progress', 1) ON CONFLICT(status) DO UPDATE SET articles = "
                 "excluded.articles")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_article_statuses'")
    conn.execute("PRAGMA user_version=3")
    conn.commit()
    conn.close()
