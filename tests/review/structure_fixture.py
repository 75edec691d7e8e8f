"""The claim fixture of issue 11 with a second annotator on its Chinese article (tests only):
bob marked alice's claim, figures and company exactly, and differs from her on one attribute
value, one value he left unset, two relations he lacks, one relation only he made, and the
article's genre. His other values equal hers as agreement compares them (a text with spaces
around it, a multiple choice in another order)."""

from __future__ import annotations

from pathlib import Path

from annotator.review.adjudicate_structure import StructureRow
from annotator.review.layers import GOLD, layer_spans
from annotator.store import Project
from tests.formats.claims_fixture import Claims, build_claims

#: (kind, name, left, right) of every row alice (left) against bob (right) gives, in order
EXPECTED = [
    ("attribute", "entity", "JD.com", None),
    ("attribute", "certainty", "probable", "certain"),
    ("relation", "about", True, False),
    ("relation", "cites", True, False),
    ("relation", "of", False, True),
    ("article_attribute", "genre", "news", "opinion"),
]


def build(path: Path) -> Claims:
    c = build_claims(path)
    p, s, zh = c.project, c.spans, c.ids["zh"]
    bob = {name: p.add_span(zh, s[name].start, s[name].end, s[name].label, "bob")
           for name in ("claim", "jd", "pct", "yuan")}
    p.set_attributes(bob["claim"].id, {"certainty": "certain", "polarity": "positive",
                                       "attribution": "indirect_quote",
                                       "speaker": " 京东 CFO ", "check_worthy": True,
                                       "topics": ["markets", "economy"]}, "bob")
    p.set_attributes(bob["pct"].id, {"value": 9, "unit": "%", "basis": "yoy"}, "bob")
    p.set_attributes(bob["yuan"].id, {"value": 250000000, "unit": "CNY", "approx": "about"},
                     "bob")
    p.add_relation(bob["claim"].id, bob["pct"].id, "cites", "bob")
    p.add_relation(bob["yuan"].id, bob["jd"].id, "of", "bob")
    p.set_article_attribute(zh, "bob", "genre", "opinion", "bob")
    c.spans.update({f"bob_{k}": v for k, v in bob.items()})
    return c


def gold_state(project: Project, article_id: int) -> tuple:
    """Gold's span values by (start, end, label), its relations and article attributes."""
    spans = layer_spans(project, article_id, GOLD)
    keys = {s.id: (s.start, s.end, s.label) for s in spans}
    return ({keys[s.id]: project.attributes(s.id) for s in spans},
            {(r.type, keys[r.from_span], keys[r.to_span])
             for r in project.relations_in_article(article_id, GOLD)},
            project.article_attributes(article_id).get(GOLD, {}))


def summary(rows: list[StructureRow]) -> list[tuple]:
    return [(r.kind, r.name, r.left, r.right) for r in rows]
