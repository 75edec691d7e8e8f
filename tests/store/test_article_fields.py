"""The article panel's store side: an article's metadata edited in one logged transaction,
published kept as typed (the window warns about a date that does not look ISO)."""

from __future__ import annotations

import pytest

from annotator.core.dates import iso_like
from annotator.core.model import ArticleRecord
from annotator.store.errors import InvariantError, NotFound
from annotator.store.project import Project


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "fields.db")
    p.add_articles([ArticleRecord(text="京东表示，营收增长。", title="京东", source="新浪",
                                  published="2024-03-01", language="zh")], "alice")
    yield p
    p.close()


def test_fields_change_together_and_the_before_values_come_back_for_undo(project):
    before = project.update_article_fields(1, "alice", source=" 财新\n网 ",
                                           url="https://example.org/a", published="2024年3月")
    assert before == {"source": "新浪", "url": "", "published": "2024-03-01"}
    assert project.article_fields(1) == {"title": "京东", "source": "财新 网",
                                         "url": "https://example.org/a",
                                         "published": "2024年3月", "language": "zh"}
    project.update_article_fields(1, "alice", **before)
    assert project.article(1).source == "新浪" and project.article(1).url == ""


def test_each_change_is_logged_with_before_and_after_and_no_change_logs_nothing(project):
    project.update_article_fields(1, "bob", language="en")
    project.update_article_fields(1, "bob", language="en")
    logged = [c for c in project.changes("article", "1") if c["action"] == "article.fields"]
    assert len(logged) == 1
    assert logged[0]["data"] == {"before": {"language": "zh"}, "after": {"language": "en"}}


def test_the_text_and_unknown_fields_are_refused_and_nothing_changes(project):
    with pytest.raises(InvariantError, match="no field text"):
        project.update_article_fields(1, "alice", text="改写", source="x")
    assert project.article(1).source == "新浪"
    with pytest.raises(NotFound):
        project.update_article_fields(9, "alice", source="x")


@pytest.mark.parametrize(("text", "ok"), [
    ("", True), ("2024", True), ("2024-03", True), ("2024-03-01", True),
    ("2024-03-01T08:30", True), ("2024-03-01 08:30:15+08:00", True), ("2024-02-30", False),
    ("2024-13", False), ("2024年3月", False), ("03/01/2024", False), ("spring 2023", False)])
def test_published_dates_that_look_iso(text, ok):
    assert iso_like(text) is ok
