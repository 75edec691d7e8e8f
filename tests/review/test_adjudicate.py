"""Disagreements of a small hand-built article, and decisions on the gold layer (with undo)."""

from __future__ import annotations

import json

import pytest

from annotator import review
from annotator.review import GOLD
from annotator.store import InvariantError, Project
from tests.review.helpers import make_project

TEXT = "阿里今年的小目标是新增至少1亿用户。京东表示下沉市场增长迅速。"
ANN = [(0, 2, "company", "ann", "a-agree"), (13, 15, "figure", "ann", "a-boundary"),
       (18, 20, "company", "ann", "a-label"), (22, 26, "strategy", "ann", "a-only"),
       (5, 8, "claim", "ann", "a-both")]
BO = [(0, 2, "company", "bo", "b-agree"), (13, 16, "figure", "bo", "b-boundary"),
      (18, 20, "claim", "bo", "b-label"), (26, 30, "claim", "bo", "b-only"),
      (4, 8, "strategy", "bo", "b-both")]


@pytest.fixture
def case(tmp_path):
    path = make_project(tmp_path / "adj.db", [("京东", TEXT, ANN + BO)])
    with Project.open(path) as project:
        yield project, project.articles()[0].id


def _by_kind(project, art, left="ann", right="bo"):
    return {d.kind: d for d in review.disagreements(project, art, left, right)}


def _gold(project, art):
    return [(s.start, s.end, s.label) for s in review.layer_spans(project, art, GOLD)]


def test_the_disagreements_of_the_hand_built_case(case):
    project, art = case
    found = review.disagreements(project, art, "ann", "bo")
    assert [(d.kind, d.start, d.end, [s.id for s in d.left], [s.id for s in d.right])
            for d in found] == [
        ("label_boundary", 4, 8, ["a-both"], ["b-both"]),
        ("boundary", 13, 16, ["a-boundary"], ["b-boundary"]),
        ("label", 18, 20, ["a-label"], ["b-label"]),
        ("left_only", 22, 26, ["a-only"], []),
        ("right_only", 26, 30, [], ["b-only"]),
    ]
    assert not any(d.resolved for d in found)
    (lefts, rights), = review.agreeing(project, art, "ann", "bo")
    assert [s.id for s in lefts] == ["a-agree"] and [s.id for s in rights] == ["b-agree"]


def test_accept_left_creates_a_gold_span_and_undo_removes_it(case):
    project, art = case
    d = _by_kind(project, art)["boundary"]
    gold, = review.accept_left(project, d, "judge")
    assert (gold.start, gold.end, gold.label, gold.text) == (13, 15, "figure", "1亿")
    assert gold.origin == "adjudicated" and gold.annotator == GOLD
    prov = json.loads(project.conn.execute(
        "SELECT provenance FROM spans WHERE id = ?", (gold.id,)).fetchone()[0])
    assert prov == {"from": ["a-boundary"], "decision": "left", "adjudicator": "judge"}
    assert _by_kind(project, art)["boundary"].resolved
    assert not _by_kind(project, art)["label"].resolved
    saved = review.provenance(project, [gold.id])
    project.delete_span(gold.id, "judge")  # what the GUI's undo does
    assert _gold(project, art) == [] and not _by_kind(project, art)["boundary"].resolved
    again, = review.restore_gold(project, [gold], saved, "judge")  # redo
    assert again.id == gold.id and review.provenance(project, [gold.id]) == saved
    assert _by_kind(project, art)["boundary"].resolved


def test_accept_right_both_and_edit(case):
    project, art = case
    kinds = _by_kind(project, art)
    right = review.accept_right(project, kinds["label"], "judge")
    both = review.accept_both(project, kinds["label_boundary"], "judge")
    edited = review.edit(project, kinds["right_only"], "judge", 26, 28, "figure")
    assert [(s.start, s.end, s.label) for s in right] == [(18, 20, "claim")]
    assert sorted((s.start, s.end, s.label) for s in both) == [(4, 8, "strategy"),
                                                              (5, 8, "claim")]
    assert [(s.start, s.end, s.label, s.text) for s in edited] == [(26, 28, "figure", "增长")]
    assert sorted(_gold(project, art)) == [(4, 8, "strategy"), (5, 8, "claim"),
                                           (18, 20, "claim"), (26, 28, "figure")]
    assert review.accept_right(project, kinds["label"], "judge") == []  # already gold


def test_a_failing_decision_leaves_the_gold_layer_unchanged(case):
    project, art = case
    d = _by_kind(project, art)["left_only"]
    with pytest.raises(InvariantError):
        review.edit(project, d, "judge", 22, 999, "strategy")
    assert _gold(project, art) == []


def test_reject_settles_and_unreject_reopens(case):
    project, art = case
    d = _by_kind(project, art)["left_only"]
    assert review.reject(project, d, "judge") == []
    assert _by_kind(project, art)["left_only"].resolved and _gold(project, art) == []
    review.unreject(project, d, "judge")
    assert not _by_kind(project, art)["left_only"].resolved


def test_accept_all_agreeing_once(case):
    project, art = case
    gold, = review.accept_all_agreeing(project, art, "ann", "bo", "judge")
    assert (gold.start, gold.end, gold.label) == (0, 2, "company")
    prov = json.loads(project.conn.execute(
        "SELECT provenance FROM spans WHERE id = ?", (gold.id,)).fetchone()[0])
    assert sorted(prov["from"]) == ["a-agree", "b-agree"]
    assert review.accept_all_agreeing(project, art, "ann", "bo", "judge") == []


def test_an_annotator_against_the_gold_layer(case):
    project, art = case
    review.accept_all_agreeing(project, art, "ann", "bo", "judge")
    review.accept_left(project, _by_kind(project, art)["label"], "judge")
    kinds = {(d.kind, d.start) for d in review.disagreements(project, art, "bo", GOLD)}
    # gold has (0, 2) company and (18, 20) company; bo's other spans are not in it
    assert kinds == {("label", 18), ("left_only", 4), ("left_only", 13), ("left_only", 26)}
    d = _by_kind(project, art, "bo", GOLD)["label"]
    assert review.accept_right(project, d, "judge") == []  # the gold side is gold already
    # the gold spans are not part of the adjudicator's own layer
    assert review.layer_spans(project, art, "judge") == []
