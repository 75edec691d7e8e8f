"""Nothing is dropped (issue 11, review mode): for random layers of the claim model, every
attribute that differs on a span pair matched exactly and every relation on one side only is in
exactly one review row; after a random decision on every row, every row is resolved."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleRecord
from annotator.review.adjudicate_structure import decide, structure_rows
from annotator.store import Project
from tests.formats.claims_fixture import CLAIM_SCHEME

TEXT = "😀京东表示营收增长9%，约2.5亿元；阿里称利润增长12%。"
KEYS = [(1, 13, "claim"), (19, 29, "claim"), (9, 11, "figure"), (14, 18, "figure"),
        (1, 3, "company")]
RELATIONS = [("cites", a, b) for a in KEYS[:2] for b in KEYS[2:4]] + [
    ("about", a, KEYS[4]) for a in KEYS[:2]] + [("of", b, KEYS[4]) for b in KEYS[2:4]]
VALUES = {"claim": {"certainty": st.sampled_from([None, "certain", "probable"]),
                    "topics": st.sampled_from([None, ["economy"], ["economy", "markets"],
                                               ["markets", "economy"]]),
                    "speaker": st.sampled_from([None, "京东", " 京东 ", "阿里"])},
          "figure": {"value": st.sampled_from([None, 9, 9.0, 12])},
          "company": {"entity": st.sampled_from([None, "JD.com"])}}


@st.composite
def side(draw):
    keys = draw(st.sets(st.sampled_from(KEYS)))
    values = {k: {n: draw(s) for n, s in VALUES[k[2]].items()} for k in keys}
    flags = draw(st.lists(st.booleans(), min_size=len(RELATIONS), max_size=len(RELATIONS)))
    rels = {r for r, on in zip(RELATIONS, flags) if on and {r[1], r[2]} <= keys}
    return values, rels


def norm(value):
    if value in (None, "", []):
        return None
    return frozenset(value) if isinstance(value, list) else (
        value.strip() if isinstance(value, str) else value)


def write(p: Project, who: str, values, rels) -> None:
    ids = {}
    for key, attrs in values.items():
        ids[key] = p.add_span(1, *key, who).id
        p.set_attributes(ids[key], {n: v for n, v in attrs.items() if v is not None}, who)
    for type_, a, b in rels:
        p.add_relation(ids[a], ids[b], type_, who)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(left=side(), right=side(), picks=st.lists(st.sampled_from(["left", "right", "reject"]),
                                                 min_size=20, max_size=20))
def test_every_differing_value_and_one_sided_relation_is_in_exactly_one_row(left, right, picks):
    with tempfile.TemporaryDirectory() as folder, \
            Project.create(Path(folder) / "p.db", title="p", scheme=CLAIM_SCHEME) as p:
        p.add_articles([ArticleRecord(text=TEXT, title="t", language="zh")], "setup")
        write(p, "alice", *left)
        write(p, "bob", *right)
        expected = Counter(
            ("attribute", name, key) for key in left[0].keys() & right[0].keys()
            for name in VALUES[key[2]]
            if norm(left[0][key][name]) != norm(right[0][key][name]))
        expected.update(("relation", *r) for r in left[1] ^ right[1])
        rows = structure_rows(p, 1, "alice", "bob")
        found = Counter((r.kind, r.name, r.key) if r.kind == "attribute"
                        else (r.kind, r.name, r.key, r.to_key) for r in rows)
        assert found == expected
        for row, pick in zip(rows, picks):
            decide(p, row, pick, "judge")  # reject on an attribute: gold keeps none
        assert all(r.resolved for r in structure_rows(p, 1, "alice", "bob"))
