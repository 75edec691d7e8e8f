"""Merging teammates' company registries: a union; a conflict (one alias under two names)
is reported and left out, never guessed; bad registry rows in a teammate's file are named."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from annotator.core.registry import make_company
from annotator.review.registry_merge import merge_registry, registry_problems
from annotator.review.untrusted import open_teammate
from annotator.store.project import Project


@pytest.fixture
def two(tmp_path):
    ours = Project.create(tmp_path / "ours.db")
    ours.add_companies([make_company("阿里巴巴", ["阿里", "淘宝"], ["BABA"]),
                       make_company("京东")], "lead")
    with Project.create(tmp_path / "bo.db") as bo:
        bo.add_companies([
            make_company("阿里巴巴", ["阿里巴巴集团", "Alibaba Group"], ["9988.HK"], "Hangzhou"),
            make_company("阿里云", ["淘宝"]),  # 淘宝 is our 阿里巴巴's alias: a conflict
            make_company("阿里", ["阿里系"]),  # their name is our alias: a conflict
            make_company("京东方", ["BOE"]),
            make_company("美团", ["京东"]),  # their alias is our company: a conflict
        ], "bo")
    yield ours, tmp_path / "bo.db"
    ours.close()


def read_only(path):
    return closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


def test_merge_unions_registries_and_reports_conflicts(two):
    ours, theirs = two
    with read_only(theirs) as conn:
        result = merge_registry(ours, conn, "lead")
    assert (result.added, result.widened) == (3, 1)
    assert result.conflicts == [
        "their alias '京东' of '美团' names our '京东'",
        "their company '阿里' is an alias of our '阿里巴巴'",
        "their alias '淘宝' of '阿里云' names our '阿里巴巴'",
    ]
    names = ours.company_names()
    assert names["阿里"] == "阿里巴巴" and names["Alibaba Group"] == "阿里巴巴"
    assert names["京东"] == "京东" and names["BOE"] == "京东方" and "阿里系" not in names
    ali = next(c for c in ours.companies() if c.name == "阿里巴巴")
    assert ali.tickers == ("9988.HK", "BABA") and ali.note == "Hangzhou"
    assert "阿里巴巴集团" in ours.terms()


def test_merging_the_same_registry_again_adds_nothing(two):
    ours, theirs = two
    with read_only(theirs) as conn:
        merge_registry(ours, conn, "lead")
        again = merge_registry(ours, conn, "lead")
    assert (again.added, again.widened) == (0, 0) and len(again.conflicts) == 3


def test_a_teammate_file_passes_the_untrusted_checks_and_its_rows_are_clean(two):
    ours, theirs = two
    with open_teammate(theirs, project=ours) as teammate:
        assert registry_problems(teammate.conn) == []


def test_bad_registry_rows_in_a_teammate_file_are_named(two):
    _, theirs = two
    with closing(sqlite3.connect(theirs)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE companies SET name = 'bad\u202ename' WHERE name = '京东方'")
        conn.execute("INSERT INTO company_aliases VALUES ('x|y', '美团')")
        conn.commit()
    with read_only(theirs) as conn:
        problems = registry_problems(conn)
    assert any("companies row 'bad\\u202ename'" in p and "U+202E" in p for p in problems)
    assert any("company_aliases row 'x|y'" in p for p in problems)
    assert any("name no company" in p for p in problems)


def test_an_assignment_package_carries_the_registry(tmp_path):
    from annotator.core.model import ArticleRecord
    from annotator.review.assign import assign

    with Project.create(tmp_path / "master.db") as master:
        master.add_articles([ArticleRecord(text="阿里和京东。")], "lead")
        master.add_companies([make_company("阿里巴巴", ["阿里"], ["BABA"], "note")], "lead")
        report = assign(master, ["alice"], tmp_path / "out", "lead", seed=7)
        companies = master.companies()
    with Project.open(report.packages[0].path, readonly=True) as package:
        assert package.companies() == companies and "阿里" in package.terms()


def test_annotator_merge_brings_the_teammates_registry_and_says_so(two):
    from annotator.review.merge import merge

    ours, theirs = two
    report = merge(ours, theirs, "lead")
    assert ours.company_names()["BOE"] == "京东方"
    assert "registry: 3 compan(ies) added, 1 widened; 3 conflict(s) left out" in report.summary()
    again = merge(ours, theirs, "lead")
    assert again.registry.startswith("registry: 0 compan(ies) added, 0 widened; 3 conflict")
    assert not again.changed


# ------------------------------------------------------------------ rejected suggestions
def _with_rejection(tmp_path, name, text, rejections):
    """A project holding ``text`` (after an article of its own, so ids differ from ours) whose
    annotator rejected the given (start, end, label) suggestions."""
    from annotator.core.model import ArticleRecord

    with Project.create(tmp_path / name) as p:
        p.add_articles([ArticleRecord(text=f"only in {name}"), ArticleRecord(text=text)], "x")
        for start, end, label in rejections:
            p.conn.execute(
                'INSERT INTO suggestion_rejections(annotator, article_id, start, "end", label, '
                "text, rejected_at) VALUES ('bo', 2, ?, ?, ?, ?, '2026-11-30T10:00:00Z')",
                (start, end, label, text[start:end]))
            p.conn.commit()
    return tmp_path / name


def test_merge_unions_a_teammates_rejections_on_our_article_with_the_same_text(tmp_path):
    from annotator.core.model import ArticleRecord
    from annotator.review.merge import merge
    from annotator.store.suggest import suggest

    text = "阿里巴巴和京东都在做直播。"
    theirs = _with_rejection(tmp_path, "bo.db", text, [(0, 4, "company")])
    with Project.create(tmp_path / "ours.db") as ours:
        ours.add_articles([ArticleRecord(text=text)], "lead")
        ours.add_companies([make_company("阿里巴巴"), make_company("京东")], "lead")
        report = merge(ours, theirs, "lead")
        assert "1 rejected suggestion(s) remembered" in report.summary()
        assert ours.rejected_suggestions("bo") == {1: {(0, 4, "company")}}
        again = merge(ours, theirs, "lead")  # idempotent
        assert "rejected" not in again.summary()
        assert (report.rejections_added, again.rejections_added) == (1, 0)
        assert not again.changed
        assert ours.rejected_suggestions("bo") == {1: {(0, 4, "company")}}
        suggest(ours, "bo", kinds=["companies"])
        assert [s.text for s in ours.spans(1, "bo")] == ["京东"]  # 阿里巴巴 stays rejected


def test_merge_never_deletes_our_rejections(tmp_path):
    from annotator.core.model import ArticleRecord
    from annotator.review.merge import merge

    text = "阿里巴巴和京东都在做直播。"
    theirs = _with_rejection(tmp_path, "bo.db", text, [])
    with Project.create(tmp_path / "ours.db") as ours:
        ours.add_articles([ArticleRecord(text=text)], "lead")
        ours.conn.execute(
            'INSERT INTO suggestion_rejections VALUES (\'bo\', 1, 5, 7, \'company\', \'京东\', '
            "'2026-11-30T09:00:00Z')")
        ours.conn.commit()
        merge(ours, theirs, "lead")
        assert ours.rejected_suggestions("bo") == {1: {(5, 7, "company")}}


@pytest.mark.parametrize(("column", "value", "why"), [
    ("start", 40, "is not inside the text"),
    ("text", "京东", "is not the article's text there"),
    ("article_id", 99, "its article does not exist"),
    ("annotator", "bo\u202e", "U+202E"),
    ("rejected_at", "yesterday", "'yesterday' is not a timestamp"),
])
def test_a_bad_rejection_row_refuses_the_teammates_file_naming_the_row(tmp_path, column, value,
                                                                      why):
    from annotator.core.model import ArticleRecord
    from annotator.review.merge import merge
    from annotator.store.errors import ProjectError

    text = "阿里巴巴和京东都在做直播。"
    theirs = _with_rejection(tmp_path, "bo.db", text, [(0, 4, "company")])
    with closing(sqlite3.connect(theirs)) as conn:
        conn.execute(f'UPDATE suggestion_rejections SET "{column}" = ?', (value,))
        conn.commit()
    with Project.create(tmp_path / "ours.db") as ours:
        ours.add_articles([ArticleRecord(text=text)], "lead")
        with pytest.raises(ProjectError, match="suggestion_rejections row") as refused:
            merge(ours, theirs, "lead")
        assert why in str(refused.value)
        assert ours.rejected_suggestions("bo") == {} and ours.article_count() == 1


def test_a_bad_registry_row_refuses_the_merge_before_anything_is_written(two):
    from annotator.review.merge import merge
    from annotator.store.errors import ProjectError

    ours, theirs = two
    with closing(sqlite3.connect(theirs)) as conn:
        conn.execute("INSERT INTO company_aliases VALUES ('x|y', '美团')")
        conn.commit()
    with pytest.raises(ProjectError, match="company_aliases row 'x|y'"):
        merge(ours, theirs, "lead")
    assert "BOE" not in ours.company_names()
