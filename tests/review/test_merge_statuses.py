"""Merge carries each annotator's statuses: a status is progress, the one thing a merge may
update, and only with a later change (which the change log records)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.review import UntrustedFile, merge, preview
from annotator.store import Project
from tests.review.helpers import EN, ZH, assert_refused, bad_copy, make_project

EARLY, MIDDLE, LATE = ("2026-11-01T09:00:00.000Z", "2026-11-02T09:00:00.000Z",
                       "2026-11-03T09:00:00.000Z")


@pytest.fixture
def master(tmp_path: Path) -> Path:
    return make_project(tmp_path / "master.db", [("阿里", ZH, [])])


@pytest.fixture
def alices(tmp_path: Path) -> Path:
    """alice's copy: the same article and one the master lacks."""
    return make_project(tmp_path / "alice.db", [("阿里", ZH, []), ("county", EN, [])])


def _set(path: Path, article: int, status: str, annotator: str, at: str) -> None:
    with Project.open(path) as project:
        project.set_status(article, status, annotator, at=at)


def test_statuses_we_lack_come_in_with_new_and_known_articles(master, alices):
    _set(alices, 1, "done", "alice", MIDDLE)
    _set(alices, 2, "in-progress", "alice", MIDDLE)
    with Project.open(master) as project:
        assert preview(project, alices).statuses_added == 2
        report = merge(project, alices, "lead")
        assert (report.statuses_added, report.statuses_updated) == (2, 0)
        assert project.article_statuses(1) == {"alice": "done"}
        assert project.article_statuses(2) == {"alice": "in-progress"}
        assert project.status_changes(1)["alice"] == ("done", MIDDLE)
        assert project.progress() == {"alice": {"done": 1, "in-progress": 1}}
        assert merge(project, alices, "lead").changed is False  # twice: nothing more
        assert project.check() == []


def test_a_later_change_there_wins_and_is_logged(master, alices):
    _set(master, 1, "in-progress", "alice", EARLY)
    _set(alices, 1, "done", "alice", MIDDLE)
    with Project.open(master) as project:
        report = merge(project, alices, "lead")
        assert report.statuses_updated == 1 and "1 updated" in report.summary()
        assert project.status_changes(1)["alice"] == ("done", MIDDLE)
        entry = project.changes("article", "1", limit=1)[0]
        assert (entry["who"], entry["action"]) == ("lead", "article.status")
        assert entry["data"]["before"] == "in-progress" and entry["data"]["after"] == "done"
        assert entry["data"]["merged_from"] == "alice.db"
        assert project.status_counts("alice")["done"] == 1


def test_a_later_change_here_is_kept_in_both_directions(master, alices, tmp_path):
    _set(master, 1, "done", "alice", LATE)
    _set(alices, 1, "in-progress", "alice", MIDDLE)
    with Project.open(master) as project:
        report = merge(project, alices, "lead")
        assert (report.statuses_updated, report.statuses_kept) == (0, 1)
        assert project.article_status(1, "alice") == "done"
        project.snapshot(tmp_path / "master-copy.db")
    with Project.open(alices) as project:  # and back: the master's later change wins there
        report = merge(project, tmp_path / "master-copy.db", "alice")
        assert report.statuses_updated == 1
        assert project.status_changes(1)["alice"] == ("done", LATE)


def test_back_to_todo_later_wins_over_an_earlier_done(master, alices):
    _set(master, 1, "done", "alice", EARLY)
    _set(alices, 1, "done", "alice", EARLY)
    _set(alices, 1, "todo", "alice", LATE)
    with Project.open(master) as project:
        merge(project, alices, "lead")
        assert project.article_status(1, "alice") == "todo"
        assert project.progress() == {}


@pytest.mark.parametrize(("statement", "says"), [
    ("UPDATE article_statuses SET changed_at = '9999-99-99 soon'", "is not a timestamp"),
    ("UPDATE article_statuses SET annotator = 'al' || char(8203) || 'ice'", "annotator"),
    ("UPDATE article_statuses SET article_id = 77", "its article does not exist"),
])
def test_a_crafted_status_is_refused_and_nothing_is_merged(master, alices, tmp_path,
                                                           statement, says):
    _set(alices, 1, "done", "alice", MIDDLE)
    bad = bad_copy(alices, tmp_path, "crafted.db", "PRAGMA foreign_keys=OFF", statement)
    assert_refused(master, bad, UntrustedFile, says)
