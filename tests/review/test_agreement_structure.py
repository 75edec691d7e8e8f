"""Agreement on attributes, relations and article attributes (issue 11): a hand-computed
fixture, checked against scikit-learn's ``cohen_kappa_score`` and the ``krippendorff``
package; the same figures from a project through ``load_docs`` and the CLI's JSON."""

from __future__ import annotations

import argparse
import json
import math

import pytest

from annotator.core.model import ArticleRecord
from annotator.core.scheme import parse_scheme
from annotator.review import Doc, agreement, load_docs
from annotator.review.metrics import alpha_of_units, observed_of_units
from annotator.review_cli import add_parsers
from annotator.store import Project

krippendorff = pytest.importorskip("krippendorff")
sklearn_metrics = pytest.importorskip("sklearn.metrics")
np = pytest.importorskip("numpy")

SCHEME = parse_scheme({
    "labels": [
        {"name": "claim", "attributes": [
            {"name": "certainty", "type": "choice",
             "values": ["certain", "hedged", "speculative"]},
            {"name": "check_worthy", "type": "boolean"},
            {"name": "speaker", "type": "text"}]},
        {"name": "figure", "attributes": [{"name": "value", "type": "number"}]},
        {"name": "company", "attributes": [
            {"name": "sector", "type": "multi", "values": ["retail", "logistics", "media"]}]}],
    "relations": [{"name": "cites", "from": ["claim"], "to": ["figure"]},
                  {"name": "about", "from": ["claim"], "to": ["company"]}],
    "article_attributes": [{"name": "topic", "type": "choice",
                            "values": ["e-commerce", "finance", "other"]}]}, "test scheme")

TEXT = "😀" + "x" * 99
C = [(10 * i + 1, 10 * i + 5, "claim") for i in range(6)]
F = [(10 * i + 6, 10 * i + 8, "figure") for i in range(3)]
CO = (61, 64, "company")
#: certainty: alice / bob on the six claims both marked; the sixth is unset on alice's side
CERTAINTY = [("certain", "certain"), ("certain", "hedged"), ("hedged", "hedged"),
             ("speculative", "speculative"), ("certain", "speculative"), (None, "certain")]
WORTHY = [(True, True), (True, False), (False, False)]
VALUES = [(100, 100), (2.5, 3), (9, 9)]


def _values(pairs, side):
    return [p[side] for p in pairs]


def _docs() -> list[Doc]:
    spans = [*C, *F, CO]
    attrs: dict[str, dict] = {"alice": {}, "bob": {}}
    for side, name in enumerate(("alice", "bob")):
        for key, pair in zip(C, CERTAINTY):
            if pair[side] is not None:
                attrs[name].setdefault(key, {})["certainty"] = pair[side]
        for key, pair in zip(C, WORTHY):
            attrs[name].setdefault(key, {})["check_worthy"] = pair[side]
        for key, pair in zip(F, VALUES):
            attrs[name].setdefault(key, {})["value"] = pair[side]
        attrs[name][C[0]]["speaker"] = ["韩瑞 ", "韩瑞"][side]
        attrs[name][CO] = {"sector": [["retail", "media"], ["media", "retail"]][side]}
    relations = {
        "alice": frozenset({(C[0], F[0], "cites"), (C[1], F[1], "cites"), (C[0], CO, "about")}),
        "bob": frozenset({(C[0], F[0], "cites"), (C[0], CO, "about"), (C[1], CO, "about"),
                          (C[2], F[2], "cites")}),
    }
    return [Doc(1, TEXT, layers={"alice": spans, "bob": spans}, attributes=attrs,
                relations=relations,
                article_attributes={"alice": {"topic": "finance"}, "bob": {"topic": "finance"}})]


@pytest.fixture
def report():
    return agreement(_docs(), ["alice", "bob"], tokens="char", cache=False, scheme=SCHEME)


def _sk_kappa(pairs):
    both = [p for p in pairs if None not in p]
    return sklearn_metrics.cohen_kappa_score([str(a) for a, _ in both],
                                             [str(b) for _, b in both])


def _k_alpha(pairs, level):
    data = np.array([[np.nan if v is None else v for v in _values(pairs, s)] for s in (0, 1)],
                    dtype=float)
    return krippendorff.alpha(reliability_data=data, level_of_measurement=level)


def test_choice_attribute_figures_match_the_hand_count_and_the_reference_packages(report):
    got = report.pairs[0].corpus["attributes"]["claim"]["certainty"]
    # five pairs set on both sides (the sixth is unset on alice's side and left out):
    # 3 agree; marginals alice c3 h1 s1, bob c1 h2 s2: p_e = 7/25
    assert got["matched"] == 5
    assert got["observed"] == pytest.approx(0.6)
    assert got["cohen_kappa"] == pytest.approx((0.6 - 0.28) / 0.72)
    assert got["cohen_kappa"] == pytest.approx(_sk_kappa(CERTAINTY))
    # n = 10 values (c4 h3 s3): D_e = (100 - 34) / 9; two disagreeing units of 2
    assert got["krippendorff_alpha"] == pytest.approx(1 - 4 / (66 / 9))
    codes = {"certain": 0, "hedged": 1, "speculative": 2}
    assert got["krippendorff_alpha"] == pytest.approx(_k_alpha(
        [tuple(None if v is None else codes[v] for v in p) for p in CERTAINTY], "nominal"))


def test_a_value_set_on_one_side_only_is_left_out_not_a_disagreement(report):
    got = report.pairs[0].corpus["attributes"]["claim"]["certainty"]
    assert got["matched"] == len([p for p in CERTAINTY if None not in p]) == 5


def test_boolean_attribute_is_nominal(report):
    got = report.pairs[0].corpus["attributes"]["claim"]["check_worthy"]
    assert got["matched"] == 3 and got["observed"] == pytest.approx(2 / 3)
    assert got["cohen_kappa"] == pytest.approx(_sk_kappa(WORTHY))
    assert got["krippendorff_alpha"] == pytest.approx(
        _k_alpha([tuple(int(v) for v in p) for p in WORTHY], "nominal"))


def test_number_attribute_gets_interval_alpha_and_no_kappa(report):
    got = report.pairs[0].corpus["attributes"]["figure"]["value"]
    assert got["matched"] == 3 and got["observed"] == pytest.approx(2 / 3)
    assert got["cohen_kappa"] is None
    assert got["krippendorff_alpha"] == pytest.approx(_k_alpha(VALUES, "interval"))
    assert got["krippendorff_alpha"] != pytest.approx(_k_alpha(VALUES, "nominal"))


def test_text_is_compared_trimmed_and_multi_as_a_set(report):
    attributes = report.pairs[0].corpus["attributes"]
    assert attributes["claim"]["speaker"]["matched"] == 1
    assert attributes["claim"]["speaker"]["observed"] == 1.0
    assert attributes["company"]["sector"]["observed"] == 1.0


def test_relation_precision_recall_f1_need_both_ends_and_the_type(report):
    got = report.pairs[0].corpus["relations"]
    # alice 3, bob 4; matched: cites C0->F0 and about C0->CO (about C1->CO is not cites C1->F1)
    assert got == {"relations_left": 3, "relations_right": 4,
                   "precision_exact": pytest.approx(0.5), "recall_exact": pytest.approx(2 / 3),
                   "f1_exact": pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))}


def test_article_attributes_are_compared_over_the_articles_both_annotated(report):
    got = report.pairs[0].corpus["article_attributes"]["topic"]
    assert got["matched"] == 1 and got["observed"] == 1.0
    assert got["krippendorff_alpha"] is None  # one category only: undefined


def test_json_keys_are_exactly_those_of_the_issue(report):
    corpus = report.to_dict()["pairs"][0]["corpus"]
    assert set(corpus["attributes"]["claim"]["certainty"]) == {
        "matched", "observed", "cohen_kappa", "krippendorff_alpha"}
    assert set(corpus["relations"]) == {"relations_left", "relations_right", "precision_exact",
                                        "recall_exact", "f1_exact"}
    assert set(corpus["article_attributes"]["topic"]) == {
        "matched", "observed", "cohen_kappa", "krippendorff_alpha"}
    overall = report.to_dict()["overall"]["corpus"]
    assert overall["attributes"]["claim"]["certainty"]["krippendorff_alpha"] == pytest.approx(
        corpus["attributes"]["claim"]["certainty"]["krippendorff_alpha"])
    assert overall["relations"]["f1_exact"] == pytest.approx(corpus["relations"]["f1_exact"])


def test_label_filter_drops_relations_whose_end_has_another_label():
    report = agreement(_docs(), ["alice", "bob"], ["claim", "figure"], tokens="char",
                       cache=False, scheme=SCHEME)
    corpus = report.pairs[0].corpus
    assert corpus["relations"]["relations_left"] == 2  # the 'about' relation is out
    assert corpus["relations"]["relations_right"] == 2
    assert set(corpus["attributes"]) == {"claim", "figure"}


def test_overall_alpha_of_three_annotators_with_missing_values_matches_the_package():
    key = C[0]
    docs = []
    rows = [("certain", "certain", "hedged"), ("hedged", None, "hedged"),
            (None, None, "certain"), ("speculative", "certain", "certain")]
    for i, row in enumerate(rows):
        attrs = {name: {key: {"certainty": v}} for name, v in zip("abc", row) if v is not None}
        docs.append(Doc(i + 1, TEXT, layers={n: [key] for n in "abc"}, attributes=attrs))
    report = agreement(docs, list("abc"), tokens="char", cache=False, scheme=SCHEME)
    got = report.overall.corpus["attributes"]["claim"]["certainty"]
    codes = {"certain": 0, "hedged": 1, "speculative": 2}
    data = np.array([[np.nan if r[k] is None else codes[r[k]] for r in rows] for k in range(3)],
                    dtype=float)
    assert got["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    assert got["matched"] == 3  # the third article has one value only: not pairable
    assert got["cohen_kappa"] is None  # a two-rater measure: null for three annotators


def test_units_helpers_are_undefined_without_a_pairable_unit():
    assert alpha_of_units([[1], []]) is None and observed_of_units([["a"]]) is None
    assert math.isclose(observed_of_units([["a", "a", "b"]]), 2 / 6)


# ------------------------------------------------------------------------------ a project
def _project(tmp_path):
    path = tmp_path / "claims.db"
    text = "😀京东表示，营收同比增长9%，约2.5亿元。"
    with Project.create(path) as p:
        p.add_articles([ArticleRecord(text=text, title="t")], "lead")
        from annotator.core.scheme import AttributeDef
        p.set_attribute_def(None, AttributeDef("topic", "choice", ("finance", "other")), "lead")
        for who, certainty, value in (("alice", "certain", 9), ("bob", "possible", 9.5)):
            jd = p.add_span(1, 1, 3, "company", who)
            fig = p.add_span(1, 11, 13, "figure", who)
            claim = p.add_span(1, 1, 14, "claim", who)
            p.set_attribute(claim.id, "certainty", certainty, who)
            p.set_attribute(fig.id, "value", value, who)
            p.add_relation(claim.id, fig.id, "cites", who)
            p.add_relation(claim.id, jd.id, "about", who)
            p.set_article_attribute(1, who, "topic", "finance", who)
    return path


def test_a_project_gives_the_same_structure_through_load_docs_and_the_cli(tmp_path, capsys):
    path = _project(tmp_path)
    with Project.open(path, readonly=True) as p:
        docs, names = load_docs(p)
        report = agreement(docs, names, tokens="char", cache=False, scheme=p.scheme())
    corpus = report.pairs[0].corpus
    assert corpus["attributes"]["claim"]["certainty"]["matched"] == 1
    assert corpus["attributes"]["claim"]["certainty"]["observed"] == 0.0
    assert corpus["attributes"]["figure"]["value"]["cohen_kappa"] is None
    assert corpus["relations"]["f1_exact"] == 1.0
    assert corpus["article_attributes"]["topic"]["observed"] == 1.0
    parser = argparse.ArgumentParser(prog="annotator")
    add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["agreement", str(path), "--json", "--tokens", "char"])
    assert args.func(args) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["pairs"][0]["corpus"]["relations"]["relations_left"] == 2
    args = parser.parse_args(["agreement", str(path), "--json", "--tokens", "char",
                              "--label", "claim", "--label", "figure"])
    assert args.func(args) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["pairs"][0]["corpus"]["relations"]["relations_left"] == 1
    assert "company" not in printed["pairs"][0]["corpus"]["attributes"]


def test_the_html_report_has_a_table_per_label_and_the_relation_f1(report):
    from annotator.review.report_html import render

    page = render(report, title="claims")
    assert "Attributes of claim" in page and "Attributes of figure" in page
    assert "<td class=\"name\">certainty</td><td>5</td><td>0.600</td>" in page
    assert "relation F1" in page and "<h4>Relations</h4>" in page
    assert "Article attributes" in page and "left out" in page


def test_the_cli_table_lists_the_attributes_both_set_and_the_relation_f1(tmp_path, capsys):
    path = _project(tmp_path)
    parser = argparse.ArgumentParser(prog="annotator")
    add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["agreement", str(path), "--tokens", "char"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "a value set on one side only is left out" in out
    assert "relations     2 / 2" in out and "claim.certainty" in out
    assert "article.topic" in out and "figure.value" in out
