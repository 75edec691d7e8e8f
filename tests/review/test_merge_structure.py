"""Merge of attribute values, relations, article attributes and their definitions (issue 11):
what comes in, what stays ours, the package owner's newer value, and the files refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import ArticleRecord
from annotator.core.scheme import AttributeDef, RelationType
from annotator.review import merge, preview
from annotator.review.assign import assign
from annotator.store import Project, ProjectError
from tests.review.helpers import span_records

TEXT = "😀京东表示，营收同比增长9%，约2.5亿元。"
JD, FIG, CLAIM = (1, 3, "company"), (11, 13, "figure"), (1, 14, "claim")


def make_project(path: Path, articles, title: str) -> Path:
    """A closed project with the default claim scheme (labels the spans use are created)."""
    with Project.create(path, title=title) as project:
        project.add_articles([ArticleRecord(text=text, title=t, language="",
                                            spans=span_records(text, spans))
                              for t, text, spans in articles], "builder", create_labels=True)
        # the figure's value, unit and approx parsed on import (issue 12) are cleared: these
        # tests count only the values they set
        for span_id, name in project.conn.execute(
                "SELECT span_id, name FROM span_attributes WHERE source = 'parsed'").fetchall():
            project.set_attribute(span_id, name, None, "builder")
    return path


def _spans(who: str) -> list[tuple]:
    return [(*JD, who, f"{who}-jd"), (*FIG, who, f"{who}-fig"), (*CLAIM, who, f"{who}-claim")]


def _topic(project: Project, values=("finance", "other")) -> None:
    project.set_attribute_def(None, AttributeDef("topic", "choice", tuple(values)), "lead")


def _annotate(project: Project, who: str, certainty: str = "certain") -> None:
    project.set_attribute(f"{who}-claim", "certainty", certainty, who)
    project.set_attribute(f"{who}-fig", "value", 9, who)
    project.add_relation(f"{who}-claim", f"{who}-fig", "cites", who, f"{who}-cites")
    project.set_article_attribute(1, who, "topic", "finance", who)


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    path = make_project(tmp_path / "ours.db", [("t", TEXT, [])], title="ours")
    with Project.open(path) as p:
        _topic(p)
    return path


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    path = make_project(tmp_path / "bob.db", [("t", TEXT, _spans("bob"))], title="bob")
    with Project.open(path) as p:
        _topic(p)
        _annotate(p, "bob")
    return path


def _merge(target: Path, source: Path):
    with Project.open(target) as project:
        return merge(project, source, "lead")


def _state(path: Path) -> dict:
    with Project.open(path, readonly=True) as p:
        return {"spans": p.conn.execute("SELECT count(*) FROM spans").fetchone()[0],
                "values": sorted(p.conn.execute(
                    "SELECT span_id, name, value, source FROM span_attributes")),
                "relations": sorted(p.conn.execute("SELECT id, from_span, to_span, type "
                                                   "FROM relations")),
                "article": sorted(p.conn.execute(
                    "SELECT article_id, annotator, name, value FROM article_attributes")),
                "scheme": p.scheme().to_json()}


def test_values_relations_and_article_attributes_of_new_spans_come_in(ours, theirs):
    with Project.open(ours, readonly=True) as project:
        dry = preview(project, theirs)
    report = _merge(ours, theirs)
    assert (dry.attributes_added, dry.relations_added, dry.article_attributes_added) == (2, 1, 1)
    assert (report.attributes_added, report.relations_added,
            report.article_attributes_added) == (2, 1, 1)
    assert "2 attribute value(s)" in report.summary() and "1 article attribute(s)" in (
        report.summary())
    with Project.open(ours, readonly=True) as p:
        assert p.attributes("bob-claim") == {"certainty": "certain"}
        assert p.attributes("bob-fig") == {"value": 9}
        assert [r.type for r in p.relations_in_article(1)] == ["cites"]
        assert p.article_attributes(1) == {"bob": {"topic": "finance"}}
        assert p.check() == []


def test_merging_twice_adds_nothing_the_second_time(ours, theirs):
    _merge(ours, theirs)
    before = _state(ours)
    again = _merge(ours, theirs)
    assert (again.attributes_added, again.attributes_present, again.relations_added,
            again.relations_present, again.article_attributes_present) == (0, 2, 0, 1, 1)
    assert not again.changed and _state(ours) == before


def test_values_a_teammate_set_later_on_spans_already_here_are_added(ours, theirs, tmp_path):
    _merge(ours, theirs)
    with Project.open(theirs) as p:
        p.set_attribute("bob-claim", "check_worthy", True, "bob")
        p.set_attribute("bob-jd", "entity", "京东集团", "bob")
    report = _merge(ours, theirs)
    assert (report.attributes_added, report.attributes_present) == (2, 2)
    with Project.open(ours, readonly=True) as p:
        assert p.attributes("bob-claim") == {"certainty": "certain", "check_worthy": True}


def test_a_differing_value_keeps_ours_and_is_counted_as_a_conflict(ours, theirs):
    _merge(ours, theirs)
    with Project.open(ours) as p:  # the lead corrects bob's value here
        p.set_attribute("bob-claim", "certainty", "possible", "lead")
    with Project.open(theirs) as p:  # and bob changes it there, later
        p.set_attribute("bob-claim", "certainty", "probable", "bob")
    before = _state(ours)
    report = _merge(ours, theirs)
    assert (report.attribute_conflicts, report.attributes_updated) == (1, 0)
    assert "1 attribute value(s) that differ here (ours kept)" in report.summary()
    assert any("bob-claim" in line and "certainty" in line for line in report.conflict_examples)
    assert _state(ours) == before


def test_a_value_we_have_that_they_cleared_is_never_deleted(ours, theirs):
    _merge(ours, theirs)
    with Project.open(theirs) as p:
        p.set_attribute("bob-claim", "certainty", None, "bob")
        p.set_article_attribute(1, "bob", "topic", None, "bob")
    _merge(ours, theirs)
    with Project.open(ours, readonly=True) as p:
        assert p.attributes("bob-claim") == {"certainty": "certain"}
        assert p.article_attributes(1) == {"bob": {"topic": "finance"}}


def test_definitions_we_lack_come_with_the_labels_that_use_them(ours, tmp_path):
    path = make_project(tmp_path / "carol.db",
                        [("t", TEXT, [(1, 3, "person", "carol", "c-p"), *_spans("carol")])],
                        title="carol")
    with Project.open(path) as p:
        _topic(p)
        p.set_attribute_def("person", AttributeDef("role", "choice", ("ceo", "analyst")),
                            "carol")
        p.set_attribute_def("claim", AttributeDef("sentiment", "number"), "carol")
        p.set_attribute_def(None, AttributeDef("outlet", "text"), "carol")
        p.set_relation_type(RelationType("said_by", ("claim",), ("person",)), "carol")
        p.set_attribute("c-p", "role", "ceo", "carol")
        p.set_attribute("carol-claim", "sentiment", -0.5, "carol")
        p.set_article_attribute(1, "carol", "outlet", "财新", "carol")
        p.add_relation("carol-claim", "c-p", "said_by", "carol", "c-said")
    report = _merge(ours, path)
    assert report.labels_created == ["person"]
    assert set(report.definitions_added) == {
        "attribute person.role", "attribute claim.sentiment", "article attribute outlet",
        "relation type said_by"}
    with Project.open(ours, readonly=True) as p:
        scheme = p.scheme()
        assert scheme.attribute("person", "role").values == ("ceo", "analyst")
        assert scheme.relation("said_by").allows("claim", "person")
        assert p.attributes("c-p") == {"role": "ceo"}
        assert p.attributes("carol-claim") == {"sentiment": -0.5}
        assert p.article_attributes(1)["carol"] == {"outlet": "财新"}
        assert p.check() == []


def test_our_extra_choice_values_are_no_contradiction(ours, theirs):
    with Project.open(ours) as p:
        _topic(p, ("finance", "other", "media"))
    assert _merge(ours, theirs).article_attributes_added == 1


@pytest.mark.parametrize("attr, named", [
    (AttributeDef("certainty", "text"), "attribute 'certainty' of label 'claim' is a text"),
    (AttributeDef("certainty", "choice", ("certain", "probable", "possible", "underspecified",
                                          "rumour")), "the value 'rumour'"),
])
def test_a_definition_that_contradicts_ours_refuses_the_file_naming_it(ours, theirs, attr,
                                                                       named):
    with Project.open(theirs) as p:
        p.set_attribute("bob-claim", "certainty", None, "bob")
        p.set_attribute_def("claim", attr, "bob")
    before = _state(ours)
    with pytest.raises(ProjectError, match=named) as err:
        _merge(ours, theirs)
    assert "nothing was merged" in str(err.value)
    assert _state(ours) == before


def test_a_relation_our_type_does_not_allow_refuses_the_file(ours, theirs):
    with Project.open(theirs) as p:
        p.set_relation_type(RelationType("cites", ("claim",), ("figure", "company")), "bob")
        p.add_relation("bob-claim", "bob-jd", "cites", "bob", "bob-cites-jd")
    before = _state(ours)
    with pytest.raises(ProjectError, match="bob-cites-jd.*claim -> company"):
        _merge(ours, theirs)
    assert _state(ours) == before


def _crafted(theirs: Path, tmp_path: Path, *statements: str) -> Path:
    bad = tmp_path / "crafted.db"
    shutil.copyfile(theirs, bad)
    conn = sqlite3.connect(bad, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()
    return bad


def test_a_relation_whose_end_is_missing_refuses_the_file(ours, theirs, tmp_path):
    bad = _crafted(theirs, tmp_path, "DELETE FROM span_attributes WHERE span_id = 'bob-fig'",
                   "DELETE FROM spans WHERE id = 'bob-fig'")
    before = _state(ours)
    with pytest.raises(ProjectError, match="bob-cites.*(not|exist)"):
        _merge(ours, bad)
    assert _state(ours) == before


def test_a_value_the_scheme_refuses_refuses_the_file_naming_the_span(ours, theirs, tmp_path):
    bad = _crafted(theirs, tmp_path, "UPDATE span_attributes SET value = '\"sure\"' "
                                     "WHERE span_id = 'bob-claim'")
    before = _state(ours)
    with pytest.raises(ProjectError, match="bob-claim.*sure") as err:
        _merge(ours, bad)
    assert "nothing was merged" in str(err.value)
    assert _state(ours) == before


def test_a_value_valid_there_but_not_as_the_merged_scheme_stores_it_refuses_the_file(
        ours, theirs):
    # the same multi attribute, its values listed in another order there: their value is
    # stored in their order, which is not the order it is stored in here
    with Project.open(ours) as p:
        p.set_attribute_def("claim", AttributeDef("tags", "multi", ("risk", "growth")), "lead")
    with Project.open(theirs) as p:
        p.set_attribute_def("claim", AttributeDef("tags", "multi", ("growth", "risk")), "bob")
        p.set_attribute("bob-claim", "tags", ["growth", "risk"], "bob")
    before = _state(ours)
    with pytest.raises(ProjectError, match="bob-claim.*tags.*not as the scheme stores it") as err:
        _merge(ours, theirs)
    assert "nothing was merged" in str(err.value)
    assert _state(ours) == before


def test_a_relation_whose_id_is_taken_here_keeps_ours(ours, theirs, tmp_path):
    _merge(ours, theirs)
    bad = _crafted(theirs, tmp_path, "UPDATE relations SET type = 'about', to_span = 'bob-jd' "
                                     "WHERE id = 'bob-cites'")
    report = _merge(ours, bad)
    assert (report.relation_conflicts, report.relations_added) == (1, 0)
    with Project.open(ours, readonly=True) as p:
        assert p.relation("bob-cites").type == "cites"


def test_relations_and_values_of_an_article_deleted_here_are_left_out(ours, theirs):
    with Project.open(ours) as p:
        p.delete_article(1, "lead")
    report = _merge(ours, theirs)
    assert report.articles_deleted and report.relations_skipped == 1
    assert (report.relations_added, report.attributes_added,
            report.article_attributes_added) == (0, 0, 0)


# ---------------------------------------------------------------------- the package owner
@pytest.fixture
def package(tmp_path: Path) -> tuple[Path, Path]:
    master = make_project(tmp_path / "master.db", [("t", TEXT, [])], title="news")
    with Project.open(master) as project:
        _topic(project)
        report = assign(project, ["alice", "bob"], tmp_path / "out", "lead", overlap=1.0,
                        seed=7)
    alice = report.packages[0].path
    with Project.open(alice) as p:
        for start, end, label in (JD, FIG, CLAIM):
            p.add_span(1, start, end, label, "alice", span_id=f"alice-{label}")
        p.set_attribute("alice-claim", "certainty", "certain", "alice")
        p.set_article_attribute(1, "alice", "topic", "finance", "alice")
    _merge(master, alice)
    return master, alice


def test_alices_own_value_set_later_in_her_package_replaces_ours_and_the_log_keeps_it(
        package):
    master, alice = package
    with Project.open(alice) as p:
        p.set_attribute("alice-claim", "certainty", "possible", "alice")
        p.set_article_attribute(1, "alice", "topic", "other", "alice")
    with Project.open(master, readonly=True) as project:
        dry = preview(project, alice)
    assert (dry.attributes_updated, dry.article_attributes_updated) == (1, 1)
    report = _merge(master, alice)
    assert (report.owner, report.attributes_updated, report.attribute_conflicts) == (
        "alice", 1, 0)
    assert "replaced 1 attribute value(s) and 1 article attribute(s) of alice's" in (
        report.summary())
    with Project.open(master, readonly=True) as p:
        assert p.attributes("alice-claim") == {"certainty": "possible"}
        assert p.article_attributes(1) == {"alice": {"topic": "other"}}
        log = [c for c in p.changes("span", "alice-claim") if c["action"] == "span.attribute"]
        assert log[0]["data"]["before"]["value"] == "certain"
        assert log[0]["data"]["merge"] == alice.name
    assert _merge(master, alice).attributes_updated == 0  # idempotent


def test_an_older_value_from_alices_package_never_replaces_a_newer_one_here(package):
    master, alice = package
    with Project.open(alice) as p:
        p.set_attribute("alice-claim", "certainty", "possible", "alice")
    with Project.open(master) as p:  # the lead's later fix
        p.set_attribute("alice-claim", "certainty", "probable", "lead")
    report = _merge(master, alice)
    assert (report.attributes_updated, report.attribute_conflicts) == (0, 1)
    with Project.open(master, readonly=True) as p:
        assert p.attributes("alice-claim") == {"certainty": "probable"}


def test_bobs_package_never_replaces_alices_value(package, tmp_path):
    master, _ = package
    bob = tmp_path / "out" / "bob.db"
    if not bob.exists():
        bob = next(p for p in (tmp_path / "out").glob("*bob*.db"))
    with Project.open(bob) as p:
        p.add_span(1, *CLAIM[:2], "claim", "alice", span_id="alice-claim")
        p.set_attribute("alice-claim", "certainty", "underspecified", "bob")
    report = _merge(master, bob)
    assert report.owner == "bob" and report.attributes_updated == 0
    assert report.attribute_conflicts == 1
