"""A small project for the format tests, written here (no outside data): Chinese with an emoji
and 𠮷 (U+20BB7) before spans, English, overlapping spans, two annotators agreeing, a note, a
suggested span, an adjudicated (gold) span, a relation, an article without spans."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.core.model import ArticleRecord, Label
from annotator.core.scheme import RelationType
from annotator.store import Project

ZH = "😀𠮷阿里今年的小目标是新增至少1亿用户。\n京东表示，今年双十一增长了30%！\n\n拼多多 称：“下沉市场”仍在增长。"
EN = "Alibaba said growth rose 3.5% in county towns.\nJD.com 🚀 expanded; Pinduoduo did not."
EMPTY = "这一篇还没有标注。"
LABELS = (Label("company", "#2ca02c", "1"), Label("figure", "#1f77b4", "2"),
          Label("claim", "#d62728", "3"), Label("market segment", "#ff7f0e", "4"))

RELATION_TYPES = (RelationType("targets", ("company",), ("figure",)),
                  RelationType("owns", ("company",), ("company",)))


@dataclass
class Sample:
    project: Project
    path: Path
    ids: dict[str, int]  # "zh", "en", "empty" -> article id

    def span(self, key: str, surface: str, label: str, who: str = "alice", nth: int = 0,
             **kw):
        text = {"zh": ZH, "en": EN, "empty": EMPTY}[key]
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return self.project.add_span(self.ids[key], start, start + len(surface), label, who,
                                     **kw)


def build(path: Path) -> Sample:
    project = Project.create(path, title="formats", labels=LABELS)
    project.add_articles([ArticleRecord(text=ZH, title="阿里的小目标", language="zh"),
                          ArticleRecord(text=EN, title="Retail", language="en", status="done"),
                          ArticleRecord(text=EMPTY, title="空", language="zh")], "setup")
    ids = dict(zip(("zh", "en", "empty"), (a.id for a in project.articles())))
    s = Sample(project, path, ids)
    ali = s.span("zh", "阿里", "company")
    fig = s.span("zh", "1亿", "figure", note="约数\n见原文")
    s.span("zh", "阿里今年的小目标是新增至少1亿用户", "claim")  # overlaps both
    s.span("zh", "阿里", "company", who="bob")  # the same span by another annotator
    s.span("zh", "京东", "company", who="bob")
    s.span("zh", "30%", "figure", who="bob")
    s.span("zh", "京东", "company", who="lead", origin="adjudicated")
    s.span("zh", "下沉市场", "market segment", who="model", origin="suggested")
    s.span("zh", "拼多多", "company", who="bob")
    s.span("en", "Alibaba", "company")
    s.span("en", "3.5%", "figure", note="=1+1")
    s.span("en", "JD.com", "company", who="bob")
    s.span("en", "Pinduoduo", "company", who="bob")
    project.set_relation_type(RELATION_TYPES[0], "setup")
    project.add_relation(ali.id, fig.id, "targets", "alice")
    return s


@pytest.fixture
def sample(tmp_path: Path):
    s = build(tmp_path / "sample.db")
    yield s
    s.project.close()


@pytest.fixture
def fresh(tmp_path: Path):
    """A factory of empty projects with the sample's labels and relation types."""
    opened: list[Project] = []

    def make(name: str = "new", labels=LABELS) -> Project:
        p = Project.create(tmp_path / f"{name}.db", title=name, labels=labels)
        opened.append(p)
        names = {lb.name for lb in labels}
        # the relation types the sample's files use: an import checks relations against them
        for rel in RELATION_TYPES:
            if names >= {*rel.from_labels, *rel.to_labels}:
                p.set_relation_type(rel, "setup")
        return p

    yield make
    for p in opened:
        p.close()


def span_rows(project: Project, fields=("start", "end", "label", "text")) -> dict[str, list]:
    """{article text: sorted span tuples}: what a round trip compares."""
    out = {}
    for summary in project.articles():
        art = project.article(summary.id)
        out[art.text] = sorted(tuple(getattr(s, f) for f in fields)
                               for s in project.spans(summary.id))
    return out


@pytest.fixture
def rows():
    return span_rows


@pytest.fixture
def claims(tmp_path: Path):
    """The claim fixture of issue 11 (tests/formats/claims_fixture.py)."""
    from tests.formats.claims_fixture import build_claims

    c = build_claims(tmp_path / "claims.db")
    yield c
    c.project.close()
