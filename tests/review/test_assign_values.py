"""Assignment packages carry the scheme's definitions whole, and of the articles handed out
the annotator's own spans with their attribute values and relations, and their own article
attributes; nobody else's (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.scheme import DEFAULT_CLAIM_SCHEME, AttributeDef, RelationType
from annotator.review.assign import assign
from annotator.store import Project
from tests.review.helpers import make_project

TEXTS = [f"第{i}篇：阿里巴巴今年收入增长{i}成。" for i in range(4)]


@pytest.fixture
def master(tmp_path: Path) -> Path:
    path = make_project(tmp_path / "master.db",
                        [(f"a{i}", text, []) for i, text in enumerate(TEXTS)])
    with Project.open(path) as p:
        p.install_scheme(DEFAULT_CLAIM_SCHEME, "x")
        p.set_attribute_def(None, AttributeDef("topic", "choice", ("finance", "other")), "x")
        p.set_attribute_def("company", AttributeDef("sector", "multi", ("retail", "media")),
                            "x")
        p.set_relation_type(RelationType("contradicts", ("claim",), ("claim",), True), "x")
        for article_id in (1, 2, 3, 4):
            for who in ("alice", "bob"):
                text = TEXTS[article_id - 1]
                claim = p.add_span(article_id, 0, len(text) - 1, "claim", who)
                figure = p.add_span(article_id, text.index("增长") + 2,
                                    text.index("成") + 1, "figure", who)
                company = p.add_span(article_id, text.index("阿里"), text.index("阿里") + 4,
                                     "company", who)
                p.set_attribute(claim.id, "certainty", "probable", who)
                p.set_attribute(figure.id, "value", article_id * 10, who)
                p.set_attribute(company.id, "sector", ["retail"], who)
                p.add_relation(claim.id, figure.id, "cites", who)
                p.add_relation(claim.id, company.id, "about", who)
                p.set_article_attribute(article_id, who, "topic",
                                        "finance" if who == "alice" else "other", who)
    return path


def test_a_package_holds_the_scheme_and_only_its_annotators_values_and_relations(
        master: Path, tmp_path: Path):
    with Project.open(master) as p:
        scheme = p.scheme()
        report = assign(p, ["alice", "bob"], tmp_path / "out", "lead", overlap=0.5, seed=3)
    package = next(x for x in report.packages if x.annotator == "alice")
    with Project.open(package.path, readonly=True) as alice, \
            Project.open(master, readonly=True) as m:
        assert alice.scheme() == scheme
        ids = [a.id for a in alice.articles()]
        assert len(ids) == 3 and alice.check() == []
        for article_id in ids:
            spans = alice.spans(article_id)
            assert {s.annotator for s in spans} == {"alice"}
            assert alice.article_span_attributes(article_id) == \
                m.article_span_attributes(article_id, "alice")
            assert sorted(r.type for r in alice.relations_in_article(article_id)) == [
                "about", "cites"]
            assert alice.article_attributes(article_id) == {"alice": {"topic": "finance"}}
        assert alice.relations_in_article(ids[0]) == m.relations_in_article(ids[0], "alice")


def test_a_master_from_before_m009_read_only_gives_packages_what_m009_would(master: Path,
                                                                            tmp_path: Path):
    from annotator.review.assign import write_packages
    from tests.review.test_validate_values import _downgrade_to_before_m009

    _downgrade_to_before_m009(master)
    with Project.open(master, readonly=True) as p:
        report = write_packages(p, ["alice"], tmp_path / "out", "lead")
    with Project.open(report.packages[0].path, readonly=True) as alice:
        scheme = alice.scheme()
        assert [a.name for a in scheme.attributes_of("claim")][:1] == ["certainty"]
        # types of its relations, and the default ones (m009 never saw "contradicts")
        assert {r.name for r in scheme.relations} == {"cites", "about", "pursued_by", "of"}
        assert alice.check() == [] and len(alice.relations_in_article(1)) == 2
        assert alice.article_span_attributes(1) == {} and alice.article_attributes(1) == {}


def test_relations_made_in_the_same_instant_reach_the_package_in_the_masters_order(
        tmp_path: Path, monkeypatch):
    """Packages copied relations in whatever order SQLite read them (an index on their source
    span): two relations of one instant came out swapped, and the package's export differed."""
    from annotator.store import connection

    path = make_project(tmp_path / "m.db", [("a0", TEXTS[0], [])])
    monkeypatch.setattr(connection, "now", lambda: "2026-11-30T08:00:00.000Z")
    with Project.open(path) as p:
        p.install_scheme(DEFAULT_CLAIM_SCHEME, "x")
        text = TEXTS[0]
        claim = p.add_span(1, 0, len(text) - 1, "claim", "alice", span_id="m-claim")
        figure = p.add_span(1, text.index("增长") + 2, text.index("成") + 1, "figure", "alice",
                            span_id="z-figure")
        company = p.add_span(1, text.index("阿里"), text.index("阿里") + 4, "company", "alice",
                             span_id="a-company")
        # the second's target sorts first: read through the target index, they swapped
        first = p.add_relation(claim.id, figure.id, "cites", "alice")
        second = p.add_relation(claim.id, company.id, "about", "alice")
        report = assign(p, ["alice"], tmp_path / "out", "lead", overlap=0.0, seed=1)
    with Project.open(report.packages[0].path, readonly=True) as alice:
        assert [r.id for r in alice.relations_in_article(1)] == [first.id, second.id]
