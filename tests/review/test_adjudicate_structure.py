"""Review rows for attribute, relation and article-attribute disagreements (issue 11) and
the decisions that settle them into gold: headless, on the claim fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.review import adjudicate
from annotator.review.adjudicate_structure import decide, redo, structure_rows, undo
from annotator.review.layers import GOLD, layer_spans
from annotator.store import Project
from tests.review.structure_fixture import EXPECTED, build, summary
from tests.review.structure_fixture import gold_state as structure_gold


@pytest.fixture
def claims(tmp_path: Path):
    c = build(tmp_path / "claims.db")
    yield c
    c.project.close()


def rows(c):
    return structure_rows(c.project, c.ids["zh"], "alice", "bob")


def row(c, kind, name):
    return next(r for r in rows(c) if (r.kind, r.name) == (kind, name))


def gold_state(c):
    return structure_gold(c.project, c.ids["zh"])


def test_review_rows_for_an_attribute_and_a_relation_disagreement(claims):
    assert summary(rows(claims)) == EXPECTED
    assert not any(r.resolved for r in rows(claims))
    # values equal as agreement compares them (trimmed text, a set) are no rows
    assert "speaker" not in {r.name for r in rows(claims)}
    assert "topics" not in {r.name for r in rows(claims)}


def test_accept_left_on_an_attribute_creates_the_gold_span_with_that_value(claims):
    r = row(claims, "attribute", "certainty")
    change = decide(claims.project, r, "left", "carol")
    gold = gold_state(claims)[0]
    assert gold[r.key]["certainty"] == "probable"
    # the new gold span carries the values both sides agree on, not the disputed one
    assert gold[r.key]["speaker"] == "京东 CFO" and gold[r.key]["check_worthy"] is True
    assert row(claims, "attribute", "certainty").resolved
    gold_span = change.created[0]
    assert gold_span.annotator == GOLD
    prov = adjudicate.provenance(claims.project, [gold_span.id])[gold_span.id]
    assert prov["adjudicator"] == "carol" and set(prov["from"]) == set(r.sources)
    value = next(v for v in claims.project.attribute_values(gold_span.id)
                 if v.name == "certainty")
    assert value.source == "person"


def test_accept_right_sets_unset_and_a_second_decision_reuses_the_gold_span(claims):
    made = decide(claims.project, row(claims, "relation", "about"), "left", "carol").created
    r = row(claims, "attribute", "entity")
    change = decide(claims.project, r, "right", "carol")
    assert change.created == [] and r.key in {(s.start, s.end, s.label) for s in made}
    gold = gold_state(claims)[0]
    assert "entity" not in gold.get(r.key, {})
    assert row(claims, "attribute", "entity").resolved  # gold holds "unset", as decided


def test_edit_an_attribute_puts_the_adjudicators_value(claims):
    r = row(claims, "attribute", "certainty")
    decide(claims.project, r, "edit", "carol", "possible")
    assert gold_state(claims)[0][r.key]["certainty"] == "possible"
    assert row(claims, "attribute", "certainty").resolved


def test_accept_a_relation_creates_gold_spans_of_both_ends_and_the_relation(claims):
    r = row(claims, "relation", "cites")
    change = decide(claims.project, r, "left", "carol")
    assert {(s.start, s.end, s.label) for s in change.created} == {r.key, r.to_key}
    assert ("cites", r.key, r.to_key) in gold_state(claims)[1]
    assert row(claims, "relation", "cites").resolved


def test_accepting_the_side_without_a_relation_or_rejecting_puts_none(claims):
    for name, decision in (("cites", "right"), ("of", "reject")):
        r = row(claims, "relation", name)
        change = decide(claims.project, r, decision, "carol")
        assert change.relation is None
        assert not gold_state(claims)[1]
        assert row(claims, "relation", name).resolved


def test_edit_a_relation_picks_another_type(claims):
    r = row(claims, "relation", "of")
    decide(claims.project, r, "edit", "carol", "of")
    assert gold_state(claims)[1] == {("of", r.key, r.to_key)}
    r2 = row(claims, "relation", "about")
    decide(claims.project, r2, "edit", "carol", "about")
    assert row(claims, "relation", "about").resolved


def test_a_relation_the_type_does_not_allow_is_refused_and_nothing_written(claims):
    before = gold_state(claims)
    with pytest.raises(Exception, match="relation goes from"):
        decide(claims.project, row(claims, "relation", "of"), "edit", "carol", "cites")
    assert gold_state(claims) == before
    assert not row(claims, "relation", "of").resolved


def test_article_attribute_decision_sets_gold_article_value(claims):
    r = row(claims, "article_attribute", "genre")
    decide(claims.project, r, "right", "carol")
    assert gold_state(claims)[2] == {"genre": "opinion"}
    assert row(claims, "article_attribute", "genre").resolved


@pytest.mark.parametrize("kind,name,decision,value", [
    ("attribute", "certainty", "left", None), ("attribute", "entity", "edit", "JD"),
    ("relation", "cites", "left", None), ("relation", "of", "reject", None),
    ("article_attribute", "genre", "edit", "analysis")])
def test_undo_restores_gold_exactly_and_redo_puts_back_the_same_ids(claims, kind, name,
                                                                     decision, value):
    before = gold_state(claims)
    change = decide(claims.project, row(claims, kind, name), decision, "carol", value)
    after = gold_state(claims)
    ids_after = sorted(s.id for s in layer_spans(claims.project, claims.ids["zh"], GOLD))
    undo(claims.project, change, "carol")
    assert gold_state(claims) == before
    assert not row(claims, kind, name).resolved
    redo(claims.project, change, "carol")
    assert gold_state(claims) == after
    assert sorted(s.id for s in layer_spans(claims.project, claims.ids["zh"], GOLD)) == ids_after
    assert row(claims, kind, name).resolved


def test_decisions_persist_across_reopen(claims):
    decide(claims.project, row(claims, "relation", "of"), "reject", "carol")
    decide(claims.project, row(claims, "attribute", "entity"), "right", "carol")
    claims.project.close()
    with Project.open(claims.path, readonly=True) as p:
        again = structure_rows(p, claims.ids["zh"], "alice", "bob")
        assert {(r.kind, r.name) for r in again if r.resolved} == {
            ("relation", "of"), ("attribute", "entity")}
    claims.project = Project.open(claims.path)


def test_accept_left_on_a_span_row_carries_that_sides_attributes(tmp_path):
    from tests.formats.claims_fixture import build_claims

    c = build_claims(tmp_path / "c.db")
    try:
        p, zh = c.project, c.ids["zh"]
        d = next(x for x in adjudicate.disagreements(p, zh, "alice", "bob")
                 if x.left and x.left[0].id == c.spans["pct"].id)
        gold = adjudicate.accept_left(p, d, "carol")
        assert p.attributes(gold[0].id) == {"value": 9, "unit": "%", "basis": "yoy"}
    finally:
        c.project.close()


def test_gold_against_an_annotator_lists_what_gold_lacks(claims):
    cites = row(claims, "relation", "cites")
    decide(claims.project, cites, "left", "carol")
    against_gold = structure_rows(claims.project, claims.ids["zh"], "alice", GOLD)
    found = {r.row_key for r in against_gold}
    assert cites.row_key not in found  # gold has it now
    # alice's other citation: gold has both ends but not the relation
    assert ("relation", "cites", *cites.row_key[2:3]) in {r.row_key[:3] for r in against_gold}
    # the gold claim made for the relation carries only what alice and bob agreed on
    assert ("attribute", "certainty") in {(r.kind, r.name) for r in against_gold}


def test_a_rejected_relation_is_open_again_when_gold_gets_it_after_all(claims):
    """A rejection holds while gold has no such relation, whatever else gold gains."""
    r = row(claims, "relation", "about")
    decide(claims.project, r, "reject", "carol")
    decide(claims.project, row(claims, "attribute", "entity"), "left", "carol")
    assert row(claims, "relation", "about").resolved
    # gold then gets the relation by hand: the rejection no longer holds
    p, zh = claims.project, claims.ids["zh"]
    gold = {(s.start, s.end, s.label): s.id for s in layer_spans(p, zh, GOLD)}
    made = decide(p, row(claims, "attribute", "certainty"), "left", "carol").created
    gold.update({(s.start, s.end, s.label): s.id for s in made})
    p.add_relation(gold[r.key], gold[r.to_key], "about", GOLD)
    assert not row(claims, "relation", "about").resolved
