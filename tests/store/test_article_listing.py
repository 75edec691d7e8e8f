"""Span counts kept by the store (triggers) and the listing reads the window pages through."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.review import merge
from annotator.store import Project, ProjectError
from annotator.store.schema import SCHEMA_VERSION
from tests.review.helpers import make_project

ZH = "阿里今年的小目标是新增至少1亿用户。京东表示下沉市场增长迅速。"
EN = "Alibaba said the county market grew 3.5% this year."


def counted(project: Project) -> dict[int, int]:
    """Span counts as the list shows them, next to a recount: the two must agree."""
    shown = {s.id: s.span_count for s in project.articles()}
    recount = dict(project.conn.execute(
        "SELECT a.id, (SELECT count(*) FROM spans s WHERE s.article_id = a.id) FROM articles a"))
    assert shown == recount
    return shown


def test_counts_follow_add_delete_restore_and_import(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("阿里", ZH, [(0, 2, "company", "ann")]),
                                            ("county", EN, [])])
    with Project.open(path) as project:
        assert counted(project) == {1: 1, 2: 0}
        span = project.add_span(2, 0, 7, "company", "ann")
        project.add_span(2, 14, 20, "claim", "bo")
        assert counted(project) == {1: 1, 2: 2}
        gone = project.delete_span(span.id, "ann")
        assert counted(project) == {1: 1, 2: 1}
        project.restore_span(gone, "ann")  # undo of a delete
        project.update_span(gone.id, "ann", label="figure", start=1)
        assert counted(project) == {1: 1, 2: 2}


def test_a_rejected_span_changes_no_count(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("county", EN, [(0, 7, "company", "ann", "s1")])])
    with Project.open(path) as project:
        for bad in ({"start": 0, "end": 999}, {"start": 0, "end": 7, "span_id": "s1"}):
            with pytest.raises(ProjectError):
                project.add_span(1, label="claim", annotator="ann", **bad)
        assert counted(project) == {1: 1}


def test_counts_stay_right_after_a_merge(tmp_path: Path):
    ours = make_project(tmp_path / "ours.db", [("阿里", ZH, [(0, 2, "company", "ann", "a1")])])
    theirs = make_project(tmp_path / "theirs.db", [
        ("阿里", ZH, [(0, 2, "company", "bo", "b1"), (0, 2, "company", "ann", "a1")]),
        ("county", EN, [(0, 7, "company", "bo", "b2"), (27, 31, "figure", "bo", "b3")])])
    with Project.open(ours) as project:
        merge(project, theirs, "ann")
        assert sorted(counted(project).values()) == [2, 2]


def test_an_old_file_gets_its_counts_when_it_is_upgraded(tmp_path: Path):
    path = make_project(tmp_path / "old.db", [("阿里", ZH, [(0, 2, "company", "ann"),
                                                            (3, 5, "claim", "bo")]),
                                              ("county", EN, [(0, 7, "company", "ann")])])
    conn = sqlite3.connect(path)  # back to schema 2, as an older annotator wrote it
    for name in ("span_counts_insert", "span_counts_delete", "span_counts_move",
                 "status_counts_insert", "status_counts_update", "status_counts_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP INDEX articles_listing")
    conn.execute("DROP INDEX spans_annotator_article")
    conn.execute("DROP TABLE span_counts")
    conn.execute("DROP TABLE status_counts")
    for name in ("status_progress_insert", "status_progress_update", "status_progress_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE article_statuses")
    conn.execute("DROP TABLE status_progress")
    conn.execute("UPDATE articles SET status = 'done' WHERE id = 2")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name IN "
                 "('m003_article_listing', 'm004_article_statuses', "
                 "'m008_spans_by_annotator_and_article')")
    conn.execute("PRAGMA user_version=2")
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        assert project.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert counted(project) == {1: 2, 2: 1}
        # the one status goes to the annotator with most spans in the article
        assert project.status_counts("ann") == {"todo": 1, "in-progress": 0, "done": 1}
        assert project.check() == []


def test_listing_ids_by_status_and_pages_of_summaries(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [(f"t{i}", f"{EN} {i}", []) for i in range(7)])
    with Project.open(path) as project:
        project.set_status(3, "done", "ann")
        project.set_status(6, "done", "ann")
        assert project.article_ids() == range(1, 8)  # no gaps: nothing read
        assert list(project.article_ids("done", annotator="ann")) == [3, 6]
        assert list(project.article_ids("todo", annotator="ann")) == [1, 2, 4, 5, 7]
        assert list(project.article_ids("done", annotator="bo")) == []
        assert list(project.article_ids("in-progress", annotator="ann")) == []
        assert [s.title for s in project.article_summaries([6, 2, 99])] == ["t1", "t5"]


def test_filter_pages_through_the_project_in_id_order(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [
        ("京东物流", ZH, []), ("county", EN, []), ("x", "没有", []), ("y", "京东的县城", []),
        ("京东", EN + "!", [])])
    with Project.open(path) as project:
        assert project.filter_article_ids("京东") == [1, 4, 5]  # title or text
        assert project.filter_article_ids("京东", limit=2) == [1, 4]
        assert project.filter_article_ids("京东", after_id=1, upto_id=4) == [4]
        project.set_status(4, "done", "ann")
        assert project.filter_article_ids("京东", "done", annotator="ann") == [4]
        assert project.filter_article_ids("京东", "todo", annotator="bo") == [1, 4, 5]
        assert project.filter_article_ids("nothing here") == []
        assert project.max_article_id() == 5


def test_annotators_are_listed_once_each_in_name_order(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("阿里", ZH, [(0, 2, "company", "lin"),
                                                          (3, 5, "claim", "bo"),
                                                          (6, 8, "claim", "lin")])])
    with Project.open(path) as project:
        assert project.annotators() == ["bo", "lin"]
        only = project.add_span(1, 9, 11, "figure", "ann")
        assert project.annotators() == ["ann", "bo", "lin"]
        project.delete_span(only.id, "ann")
        assert project.annotators() == ["bo", "lin"]


def test_check_reports_a_kept_count_that_disagrees_with_the_spans(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [("阿里", ZH, [(0, 2, "company", "ann")])])
    with Project.open(path) as project:
        assert project.check() == []
        project.conn.execute("UPDATE span_counts SET spans = 5")  # a tool that bypassed us
        project.conn.execute("UPDATE status_counts SET articles = 3 WHERE status = 'todo'")
        project.set_status(1, "done", "ann")
        project.conn.execute("UPDATE status_progress SET articles = 2")
        assert project.check() == ["article 1: the article list counts 5 span(s) but it has 1",
                                   "the article list counts 3 article(s) but there are 1",
                                   "the status bar counts 2 article(s) done for ann but there "
                                   "are 1"]


def test_listing_ids_with_gaps_reads_them(tmp_path: Path):
    path = make_project(tmp_path / "p.db", [(f"t{i}", f"{EN} {i}", []) for i in range(4)])
    with Project.open(path) as project:
        project.conn.execute("UPDATE articles SET id = 9 WHERE id = 2")  # e.g. a hand-made file
        assert list(project.article_ids()) == [1, 3, 4, 9]
        assert list(project.article_ids("todo")) == [1, 3, 4, 9]
        project.conn.execute("UPDATE articles SET id = 0 WHERE id = 9")  # 0..3: four, max 3
        project.conn.execute("UPDATE articles SET id = 2 WHERE id = 4")
        assert list(project.article_ids()) == [0, 1, 2, 3]


def test_status_counts_follow_import_status_changes_and_merge(tmp_path: Path):
    ours = make_project(tmp_path / "ours.db", [("阿里", ZH, []), ("county", EN, [])])
    theirs = make_project(tmp_path / "theirs.db", [("阿里", ZH, []), ("x", "新的一篇", [])])
    with Project.open(ours) as project:
        assert project.status_counts("ann") == {"todo": 2, "in-progress": 0, "done": 0}
        project.set_status(1, "done", "ann")
        project.set_status(1, "done", "ann")  # no change: counted once
        project.set_status(2, "in-progress", "ann")
        assert project.status_counts("ann") == {"todo": 0, "in-progress": 1, "done": 1}
        assert project.status_counts("bo") == {"todo": 2, "in-progress": 0, "done": 0}
        merge(project, theirs, "ann")  # one new article, one already here
        assert project.status_counts("ann") == {"todo": 1, "in-progress": 1, "done": 1}
        assert project.check() == []
