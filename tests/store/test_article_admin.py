"""Renaming, deleting and restoring articles: counts, change log, search, re-import, merge."""

from __future__ import annotations

import pytest

from annotator.core.model import ArticleRecord, SpanRecord
from annotator.review import merge
from annotator.store import InvariantError, NotFound, Project
from annotator.store.search_index import SearchIndex
from tests.review.helpers import EN, ZH, make_project, snapshot

JUNK = "junk text that should never have been imported 京东"


def _fill(project: Project) -> None:
    project.add_articles([
        ArticleRecord(text=ZH, title="keep", where="a.txt:1",
                      spans=(SpanRecord(0, 2, "company", "阿里", annotator="ann", id="k1"),)),
        ArticleRecord(text=JUNK, title="junk", where="b.txt:1",
                      spans=(SpanRecord(47, 49, "company", "京东", annotator="ann", id="j1"),
                             SpanRecord(0, 4, "claim", "junk", annotator="bo", id="j2"))),
        ArticleRecord(text=EN, title="last", where="c.txt:1"),
    ], "ann")
    project.set_status(2, "done", "ann")


@pytest.fixture
def filled(project: Project) -> Project:
    _fill(project)
    return project


def test_rename_changes_the_title_and_logs_before_and_after(filled):
    assert filled.rename_article(2, "  not junk \n after all ", "ann") == "junk"
    assert filled.article(2).title == "not junk after all"
    entry = filled.changes("article", "2")[0]
    assert entry["action"] == "article.title"
    assert entry["data"] == {"before": "junk", "after": "not junk after all"}


def test_rename_to_blank_or_a_missing_article_is_refused(filled):
    with pytest.raises(InvariantError, match="empty"):
        filled.rename_article(2, "   ", "ann")
    with pytest.raises(NotFound):
        filled.rename_article(99, "x", "ann")


def test_delete_takes_the_spans_keeps_the_counts_and_passes_check(filled):
    assert filled.article_span_count(2) == 2
    gone = filled.delete_article(2, "ann")
    assert (gone.article_id, gone.title, gone.spans) == (2, "junk", 2)
    assert [a.id for a in filled.articles()] == [1, 3]
    assert list(filled.article_ids()) == [1, 3]
    assert filled.spans(2) == []
    assert filled.status_counts("ann")["done"] == 0 and filled.status_counts("ann")["todo"] == 2
    assert filled.check() == []
    entry = filled.changes("article", "2")[0]
    assert entry["action"] == "article.delete" and entry["data"]["spans"] == 2
    with pytest.raises(NotFound):
        filled.article(2)


def test_restore_brings_back_the_same_id_spans_and_status(filled):
    before = [(s.id, s.label, s.start, s.end, s.annotator) for s in filled.spans(2)]
    filled.delete_article(2, "ann")
    assert filled.restore_article(2, "ann") == 2
    assert filled.article(2).title == "junk" and filled.article_status(2, "ann") == "done"
    assert [(s.id, s.label, s.start, s.end, s.annotator) for s in filled.spans(2)] == before
    assert filled.article_span_count(2) == 2 and filled.status_counts("ann")["done"] == 1
    assert filled.deleted_articles() == [] and filled.check() == []
    assert filled.changes("article", "2")[0]["action"] == "article.restore"


def test_restoring_an_article_that_is_not_deleted_is_refused(filled):
    with pytest.raises(NotFound, match="not a deleted article"):
        filled.restore_article(1, "ann")


def test_ids_are_never_reused_after_deleting_the_last_article(filled):
    filled.delete_article(3, "ann")
    report = filled.add_articles([ArticleRecord(text="a new text", where="d.txt:1")], "ann")
    assert report.added == 1
    assert [a.id for a in filled.articles()] == [1, 2, 4]
    filled.restore_article(3, "ann")
    assert [a.id for a in filled.articles()] == [1, 2, 3, 4]


def test_reimporting_a_deleted_article_is_reported_not_added(filled):
    filled.delete_article(2, "ann")
    report = filled.add_articles([ArticleRecord(text=JUNK, title="junk", where="b.txt:1"),
                                  ArticleRecord(text="fresh", where="e.txt:1")], "ann")
    assert report.added == 1 and report.deleted == ["b.txt:1: junk"]
    assert "1 deleted from the project before" in report.summary()
    assert 2 not in [a.id for a in filled.articles()]


def test_reimport_with_restore_brings_the_deleted_article_back_with_its_spans(filled):
    filled.delete_article(2, "ann")
    report = filled.add_articles([ArticleRecord(text=JUNK, title="junk", where="b.txt:1")],
                                 "ann", restore=True)
    assert report.restored == ["b.txt:1: junk"] and report.added == 0
    assert {s.id for s in filled.spans(2)} == {"j1", "j2"}
    assert filled.check() == []


def test_search_stays_right_when_an_indexed_article_is_deleted(filled, project_path):
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        index.update(filled.conn)
    assert {h.article_id for h in filled.search_hits("京东")} == {1, 2}
    filled.delete_article(2, "ann")
    assert {h.article_id for h in filled.search_hits("京东")} == {1}
    filled.delete_article(3, "ann")  # the index's last document: still in step, not rebuilt
    with SearchIndex.open(filled.conn, project_path) as index:
        assert index is not None and index.indexed_through() == 3
    filled.restore_article(2, "ann")
    assert {h.article_id for h in filled.search_hits("京东")} == {1, 2}


def test_merge_leaves_out_an_article_deleted_here_and_says_so(tmp_path):
    ours = make_project(tmp_path / "ours.db", [("阿里", ZH, [(0, 2, "company", "ann", "a1")]),
                                               ("en", EN, [])], title="ours")
    theirs = snapshot(make_project(tmp_path / "t.db", [
        ("阿里", ZH, [(0, 2, "company", "bo", "b1")]),
        ("en", EN, [(0, 7, "company", "bo", "b2")]),
        ("new", "全新的文章。", [])], title="theirs"), tmp_path / "theirs.db")
    with Project.open(ours) as project:
        project.delete_article(2, "ann")
        report = merge(project, theirs, "ann")
        assert report.articles_deleted == ["en (article 2)"]
        assert (report.articles_added, report.spans_added) == (1, 1)
        assert "deleted here before" in report.summary()
        assert [a.id for a in project.articles()] == [1, 3]
        assert {s.id for s in project.spans(1)} == {"a1", "b1"}
        assert project.check() == []


def test_article_ids_after_deletes_skip_exactly_the_deleted_ones(filled):
    filled.add_articles([ArticleRecord(text=f"more {i}", where=f"m:{i}") for i in range(5)],
                        "ann")
    filled.delete_article(2, "ann")
    filled.delete_article(5, "ann")
    assert list(filled.article_ids()) == [1, 3, 4, 6, 7, 8]
    filled.delete_article(8, "ann")  # the highest: ids stop at 7
    assert list(filled.article_ids()) == [1, 3, 4, 6, 7]
    assert list(filled.article_ids("todo")) == [1, 3, 4, 6, 7]
