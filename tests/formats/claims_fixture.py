"""The claim fixture every exchange-format test of issue 11 uses (written here, no outside
data): the default claim model plus a multi attribute and an article attribute, so every
attribute type is set somewhere; an emoji before the spans; a claim citing two figures and
about a company (two relation types); a figure of a company; a second annotator's claim."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.model import ArticleRecord
from annotator.core.scheme import DEFAULT_CLAIM_SCHEME, parse_scheme
from annotator.store import Project

ZH = "😀京东表示，营收同比增长9%，约2.5亿元。\n阿里称利润增长了12%。"
EN = "Walmart's CFO, Jane Doe, said sales rose 4% year on year."

_SCHEME = DEFAULT_CLAIM_SCHEME.to_json()
_SCHEME["labels"][0]["attributes"].append(
    {"name": "topics", "type": "multi", "values": ["economy", "policy", "markets"]})
_SCHEME["article_attributes"] = [
    {"name": "genre", "type": "choice", "values": ["news", "opinion", "analysis"]}]
CLAIM_SCHEME = parse_scheme(_SCHEME, "the claim fixture")


@dataclass
class Claims:
    project: Project
    path: Path
    ids: dict[str, int]
    spans: dict[str, Any]  # name -> Span

    def values(self) -> dict[tuple[str, int, int, str], dict[str, Any]]:
        """(article text head, start, end, label) -> attributes: what a round trip keeps."""
        return attribute_rows(self.project)


def attribute_rows(project: Project) -> dict[tuple[str, int, int, str], dict[str, Any]]:
    out = {}
    for summary in project.articles():
        art = project.article(summary.id)
        values = project.article_span_attributes(summary.id)
        for s in project.spans(summary.id):
            out[(art.text[:4], s.start, s.end, s.label)] = dict(values.get(s.id, {}))
    return out


def relation_rows(project: Project) -> set[tuple[str, str, str]]:
    """(from text, type, to text) of every relation."""
    out = set()
    for summary in project.articles():
        by_id = {s.id: s for s in project.spans(summary.id)}
        for rel in project.relations_in_article(summary.id):
            out.add((by_id[rel.from_span].text, rel.type, by_id[rel.to_span].text))
    return out


def build_claims(path: Path) -> Claims:
    p = Project.create(path, title="claims", scheme=CLAIM_SCHEME)
    p.add_articles([ArticleRecord(text=ZH, title="京东营收", language="zh",
                                  published="2026-11-02"),
                    ArticleRecord(text=EN, title="Walmart", language="en")], "setup")
    zh, en = (a.id for a in p.articles())

    def span(aid: int, text: str, surface: str, label: str, who: str = "alice") -> Any:
        start = text.index(surface)
        return p.add_span(aid, start, start + len(surface), label, who)

    s = {
        "claim": span(zh, ZH, "京东表示，营收同比增长9%，约2.5亿元", "claim"),
        "jd": span(zh, ZH, "京东", "company"),
        "pct": span(zh, ZH, "9%", "figure"),
        "yuan": span(zh, ZH, "2.5亿元", "figure"),
        "ali_claim": span(zh, ZH, "阿里称利润增长了12%", "claim"),
        "en_claim": span(en, EN, "sales rose 4% year on year", "claim", "bob"),
        "en_fig": span(en, EN, "4%", "figure", "bob"),
        "walmart": span(en, EN, "Walmart", "company", "bob"),
    }
    p.set_attributes(s["claim"].id, {"certainty": "probable", "polarity": "positive",
                                     "attribution": "indirect_quote", "speaker": "京东 CFO",
                                     "check_worthy": True, "topics": ["economy", "markets"]},
                     "alice")
    p.set_attributes(s["pct"].id, {"value": 9, "unit": "%", "basis": "yoy"}, "alice")
    p.set_attributes(s["yuan"].id, {"value": 250000000, "unit": "CNY", "approx": "about"},
                     "alice")
    p.set_attributes(s["jd"].id, {"entity": "JD.com"}, "alice")
    p.set_attributes(s["ali_claim"].id, {"check_worthy": False, "certainty": "certain"},
                     "alice")
    p.set_attributes(s["en_claim"].id, {"speaker": "Jane Doe, CFO", "polarity": "positive"},
                     "bob")
    p.set_attributes(s["en_fig"].id, {"value": 4.0, "unit": "%", "basis": "yoy"}, "bob")
    p.add_relation(s["claim"].id, s["pct"].id, "cites", "alice")
    p.add_relation(s["claim"].id, s["yuan"].id, "cites", "alice")
    p.add_relation(s["claim"].id, s["jd"].id, "about", "alice")
    p.add_relation(s["en_claim"].id, s["en_fig"].id, "cites", "bob")
    p.add_relation(s["en_fig"].id, s["walmart"].id, "of", "bob")
    p.set_article_attribute(zh, "alice", "genre", "news", "alice")
    p.set_article_attribute(en, "bob", "genre", "analysis", "bob")
    return Claims(p, path, {"zh": zh, "en": en}, s)


def with_prediction(claims: Claims) -> Any:
    """A suggested company (a Label Studio prediction) with its entity attribute set, beside
    the people's annotations: what the Label Studio check sent as predictions."""
    p = claims.project
    start = ZH.index("阿里")
    span = p.add_span(claims.ids["zh"], start, start + 2, "company", "model",
                      origin="suggested")
    p.set_attributes(span.id, {"entity": "Alibaba"}, "model")
    claims.spans["ali"] = span
    return span
