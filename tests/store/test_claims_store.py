"""Issue 10 in the store: the scheme's attributes and relation types, values checked on every
write, relations checked against their label pairs, deletes and undo keep everything."""

from __future__ import annotations

import json
import sqlite3

import pytest

from annotator.core.labels import SchemeError
from annotator.core.model import ArticleRecord
from annotator.core.scheme import (
    DEFAULT_CLAIM_SCHEME,
    AttributeDef,
    BadValue,
    load_scheme_file,
    parse_scheme,
)
from annotator.store.errors import InvariantError
from annotator.store.project import Project
from annotator.store.scheme_store import AttributeValue

TEXT = "😀京东表示，营收同比增长9%，约2.5亿元。"


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "claims.db")
    p.add_articles([ArticleRecord(text=TEXT, title="t")], "alice")
    yield p
    p.close()


def spans(p):
    jd = p.add_span(1, 1, 3, "company", "alice")
    fig = p.add_span(1, 15, 21, "figure", "alice")
    claim = p.add_span(1, 1, 14, "claim", "alice")
    return jd, fig, claim


def test_a_new_project_has_the_default_claim_model(project):
    scheme = project.scheme()
    assert [a.name for a in scheme.attributes_of("claim")][:1] == ["certainty"]
    assert {r.name for r in scheme.relations} == {"cites", "about", "pursued_by", "of"}
    assert scheme.to_json() == DEFAULT_CLAIM_SCHEME.to_json()


def test_values_are_checked_against_the_scheme_on_every_write(project):
    _, fig, claim = spans(project)
    project.set_attribute(claim.id, "certainty", "probable", "alice")
    project.set_attribute(claim.id, "check_worthy", True, "alice")
    project.set_attribute(fig.id, "value", 250000000, "alice")
    assert project.attributes(claim.id) == {"certainty": "probable", "check_worthy": True}
    for name, value in [("certainty", "sure"), ("check_worthy", "yes"), ("nope", "x")]:
        with pytest.raises(BadValue):
            project.set_attribute(claim.id, name, value, "alice")
    with pytest.raises(BadValue):
        project.set_attribute(fig.id, "value", float("nan"), "alice")
    assert project.attributes(claim.id) == {"certainty": "probable", "check_worthy": True}


def test_a_filler_never_overwrites_a_persons_value(project):
    _, fig, _ = spans(project)
    project.set_attribute(fig.id, "value", 9, "parser", source="parsed")
    project.set_attribute(fig.id, "value", 10, "alice")
    project.set_attribute(fig.id, "value", 11, "parser", source="parsed")
    assert project.attribute_values(fig.id)[0] == AttributeValue(
        "value", 10, "person", project.attribute_values(fig.id)[0].updated_at)


def test_relations_follow_the_allowed_label_pairs(project):
    jd, fig, claim = spans(project)
    project.add_relation(claim.id, fig.id, "cites", "alice")
    with pytest.raises(InvariantError, match="from claim to figure"):
        project.add_relation(fig.id, claim.id, "cites", "alice")
    with pytest.raises(InvariantError, match="no relation type"):
        project.add_relation(claim.id, jd.id, "funds", "alice")
    assert [r.name for r in project.allowed_relation_types(claim.id, jd.id)] == ["about"]


def test_deleting_a_span_takes_its_relations_and_values_and_restoring_brings_them_back(
        project):
    _, fig, claim = spans(project)
    rel = project.add_relation(claim.id, fig.id, "cites", "alice")
    project.set_attribute(claim.id, "speaker", "韩瑞", "alice")
    values = project.attribute_values(claim.id)
    relations = project.relations_of(claim.id)
    project.delete_span(claim.id, "alice")
    assert project.relations_in_article(1) == []
    assert project.conn.execute("SELECT count(*) FROM span_attributes").fetchone()[0] == 0
    project.restore_span(claim, "alice", attributes=values, relations=relations)
    assert project.relations_in_article(1) == [rel]
    assert project.attribute_values(claim.id) == values


def test_removing_a_value_in_use_is_refused_with_counts_and_a_rename_moves_every_value(
        project):
    _, _, claim = spans(project)
    project.set_attribute(claim.id, "certainty", "possible", "alice")
    narrowed = AttributeDef("certainty", "choice", ("certain", "probable"))
    with pytest.raises(SchemeError, match="'possible' .* used 1 time"):
        project.set_attribute_def("claim", narrowed, "alice")
    assert project.rename_choice_value("claim", "certainty", "possible", "hedged", "alice") == 1
    assert project.attributes(claim.id) == {"certainty": "hedged"}
    assert "hedged" in project.scheme().attribute("claim", "certainty").values


def test_article_attributes_are_per_annotator(project):
    project.set_relation_type  # noqa: B018 - the API exists
    scheme = parse_scheme({"labels": ["claim"], "article_attributes": [
        {"name": "topic", "type": "choice", "values": ["finance", "other"]}]})
    project.install_scheme(scheme, "alice")
    project.set_article_attribute(1, "alice", "topic", "finance", "alice")
    project.set_article_attribute(1, "bob", "topic", "other", "bob")
    assert project.article_attributes(1) == {"alice": {"topic": "finance"},
                                            "bob": {"topic": "other"}}
    with pytest.raises(BadValue):
        project.set_article_attribute(1, "alice", "topic", "sports", "alice")


def test_a_label_rename_carries_its_attributes_and_relation_ends(project):
    project.update_label("claim", "alice", new_name="assertion")
    scheme = project.scheme()
    assert scheme.attribute("assertion", "certainty") is not None
    assert scheme.relation("cites").from_labels == ("assertion",)


@pytest.mark.parametrize("bad, message", [
    ({"labels": [{"name": "a", "attributes": [{"name": "x", "type": "date"}]}]},
     "unknown type 'date'"),
    ({"labels": [{"name": "a", "attributes": [{"name": "x", "type": "choice"}]}]},
     "needs a list of values"),
    ({"labels": [{"name": "a", "attributes": [{"name": "x", "type": "text"},
                                              {"name": "x", "type": "number"}]}]},
     "'x' is named twice"),
    ({"labels": ["a"], "relations": [{"name": "r", "from": ["a"], "to": ["b"]}]},
     "names label 'b'"),
    ({"labels": [{"name": "a", "attributes": [
        {"name": "x", "type": "choice", "values": ["p", "q"], "default": "z"}]}]},
     "default 'z' is not an allowed value"),
    ({"labels": [{"name": "a", "attributes": [{"name": "my attr", "type": "text"}]}]},
     "not an identifier"),
    ({"labels": [{"name": "a", "hotkey": "R"}]}, "reserved by the window"),
    ({"labels": [{"name": "a", "hotkey": "1", "attributes": [
        {"name": "x", "type": "choice", "values": ["p"], "hotkeys": {"p": "1"}}]}]},
     "is a label's hotkey"),
])
def test_a_scheme_file_breaking_a_rule_is_refused_naming_file_and_entry(tmp_path, bad,
                                                                         message):
    path = tmp_path / "scheme.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(SchemeError, match=message) as info:
        load_scheme_file(path)
    assert str(path) in str(info.value)


def test_the_json_shape_reads_back_unchanged():
    again = parse_scheme(json.loads(json.dumps(DEFAULT_CLAIM_SCHEME.to_json())))
    assert again.to_json() == DEFAULT_CLAIM_SCHEME.to_json()
    assert all(set(lb) == {"name", "color", "hotkey", "description", "attributes"}
               for lb in again.to_json()["labels"])


def test_an_m008_file_upgrades_with_its_relation_types(tmp_path):
    from annotator.store.schema import migrations

    path = tmp_path / "old.db"
    project = Project.create(path)
    project.add_articles([ArticleRecord(text=TEXT)], "alice")
    a = project.add_span(1, 1, 3, "company", "alice")
    b = project.add_span(1, 15, 21, "figure", "alice")
    project.close()
    conn = sqlite3.connect(path)
    for table in ("span_attributes", "article_attributes", "relation_ends", "relation_types",
                  "label_attributes", "article_attribute_defs"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX relations_type")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_claims_with_structure'")
    conn.execute("INSERT INTO relations VALUES ('r', ?, ?, 'owns', 'alice', 'now')",
                 (a.id, b.id))
    conn.execute(f"PRAGMA user_version={len(migrations._migrations) - 1}")
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        assert project.scheme().relation("owns").from_labels == ("company",)
        assert project.scheme().attribute("claim", "certainty") is not None


def test_an_import_brings_attributes_and_article_attributes_and_refuses_a_bad_value(project):
    from annotator.core.model import SpanRecord
    from annotator.store.errors import ImportFailed

    scheme = parse_scheme({"labels": ["claim"], "article_attributes": [
        {"name": "topic", "type": "choice", "values": ["finance", "other"]}]})
    project.install_scheme(scheme, "alice")
    good = ArticleRecord(text="阿里说：增长9%。", where="in.jsonl:1", spans=(
        SpanRecord(0, 2, "claim", "阿里", "bob", attributes={"certainty": "certain"}),),
        article_attributes={"bob": {"topic": "finance"}})
    bad = ArticleRecord(text="另一篇", where="in.jsonl:2", spans=(
        SpanRecord(0, 2, "claim", "另一", "bob", attributes={"certainty": "sure"}),))
    with pytest.raises(ImportFailed, match=r"in.jsonl:2: .*'sure' is not one of"):
        project.add_articles([good, bad], "alice")
    assert project.article_count() == 1
    project.add_articles([good], "alice")
    span = project.spans(2)[0]
    assert project.attribute_values(span.id)[0].source == "imported"
    assert project.attributes(span.id) == {"certainty": "certain"}
    assert project.article_attributes(2) == {"bob": {"topic": "finance"}}
    project.set_attribute(span.id, "certainty", "possible", "parser", source="parsed")
    assert project.attributes(span.id) == {"certainty": "certain"}


def test_incomplete_spans_are_found_among_spans_already_read_and_one_by_one(project):
    jd, fig, claim = spans(project)
    assert project.incomplete_among(1, [jd, fig, claim]) == set()  # nothing required yet
    project.set_attribute_def("claim", AttributeDef("certainty", "choice",
                                                    ("certain", "probable", "possible",
                                                     "uncertain"), required=True), "alice")
    assert project.incomplete_among(1, [jd, fig, claim]) == {claim.id}
    assert project.is_incomplete(claim) and not project.is_incomplete(fig)
    project.set_attribute(claim.id, "certainty", "possible", "alice")
    assert not project.is_incomplete(claim)
    assert project.incomplete_span_ids(1) == set()
# ----------------------------------------------------------------- keys kept by the window
def test_a_label_hotkey_the_window_keeps_is_refused_with_its_use(project):
    from annotator.store.errors import LabelError

    with pytest.raises(LabelError, match=r"hotkey 'n' is reserved by the window \(edit the "
                                         r"span's note\)"):
        project.update_label("strategy", "alice", hotkey="n")
    with pytest.raises(LabelError, match="reserved by the window"):
        project.add_label("person", "alice", hotkey="Del")
    assert project.label("strategy").hotkey == "4"


def test_a_value_hotkey_reserved_taken_by_a_label_or_by_another_value_is_refused(project):
    def hedge(key, name="hedge", value="hedged"):
        return AttributeDef(name, "choice", (value, "firm"), hotkeys=((value, key),))

    with pytest.raises(SchemeError, match=r"hotkey 'r' of 'hedged' is reserved by the window"):
        project.set_attribute_def("claim", hedge("r"), "alice")
    with pytest.raises(SchemeError, match=r"hotkey '2' of 'hedged' is a label's hotkey"):
        project.set_attribute_def("claim", hedge("2"), "alice")
    project.set_attribute_def("claim", hedge("h"), "alice")
    with pytest.raises(SchemeError, match=r"already used by value 'hedged' of attribute 'hedge'"):
        project.set_attribute_def("claim", hedge("h", "tone", "soft"), "alice")
    project.set_attribute_def("claim", hedge("j"), "alice")  # its own key may change
    with pytest.raises(Exception, match=r"already used by value 'hedged' of attribute 'hedge'"):
        project.update_label("strategy", "alice", hotkey="j")


def test_narrowing_a_relation_type_counts_the_relations_it_would_orphan(project):
    jd, fig, claim = spans(project)
    other = project.add_span(1, 8, 10, "figure", "alice")
    project.add_relation(claim.id, fig.id, "cites", "alice")
    project.add_relation(claim.id, other.id, "cites", "alice")
    narrowed = project.scheme().relation("cites")
    from dataclasses import replace
    with pytest.raises(SchemeError, match=r"2 'cites' relation\(s\) join labels"):
        project.set_relation_type(replace(narrowed, to_labels=("company",)), "alice")
    with pytest.raises(SchemeError, match="'red' is not a color"):
        project.set_relation_type(replace(narrowed, color="red"), "alice")
