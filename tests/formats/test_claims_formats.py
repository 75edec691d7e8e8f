"""Issue 11, exchange formats: the claim fixture (attributes of every type, figures, companies,
relations of two types, an article attribute, an emoji before the spans) through doccano,
CoNLL, CLUENER, CSV and spaCy. Each test names what the format cannot carry; the warnings file
says it once per attribute, with counts."""

from __future__ import annotations

import json

import pytest

from annotator.formats_cli import export_format, import_format
from annotator.store import Project
from tests.formats.claims_fixture import CLAIM_SCHEME, relation_rows

#: (label, attribute) -> values set in the claim fixture
FIXTURE_VALUES = {("claim", "attribution"): 1, ("claim", "certainty"): 2,
                  ("claim", "check_worthy"): 2, ("claim", "polarity"): 2,
                  ("claim", "speaker"): 2, ("claim", "topics"): 1, ("company", "entity"): 1,
                  ("figure", "approx"): 1, ("figure", "basis"): 2, ("figure", "unit"): 3,
                  ("figure", "value"): 3}


def warnings_of(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def left_out(warnings: list[dict]) -> dict[tuple[str, str], int]:
    return {(w["label"], w["attribute"]): w["values"] for w in warnings
            if w["reason"].startswith("attribute left out")}


def fresh(tmp_path, name="back") -> Project:
    return Project.create(tmp_path / f"{name}.db", scheme=CLAIM_SCHEME)


def test_doccano_carries_relations_but_not_attributes_said_once_per_attribute(claims,
                                                                              tmp_path):
    out = tmp_path / "claims.jsonl"
    manifest = export_format(claims.project, "doccano", out, all_annotators=True)
    assert manifest["options"]["layout"] == "entities"
    first = json.loads(out.read_text("utf-8").splitlines()[0])
    ids = {e["id"]: e for e in first["entities"]}
    assert {(ids[r["from_id"]]["label"], r["type"], ids[r["to_id"]]["label"])
            for r in first["relations"]} == {("claim", "cites", "figure"),
                                             ("claim", "about", "company")}
    assert set(first["relations"][0]) == {"id", "from_id", "to_id", "type"}
    warnings = warnings_of(tmp_path / "claims.jsonl.warnings.jsonl")
    assert left_out(warnings) == FIXTURE_VALUES  # one line per attribute, with its count
    article = [w for w in warnings if w["reason"].startswith("article attribute left out")]
    assert [(w["attribute"], w["values"]) for w in article] == [("genre", 2)]
    assert "span attributes" in manifest["not_carried"]
    back = fresh(tmp_path)
    import_format(back, "doccano", [out], "carol")
    assert relation_rows(back) == relation_rows(claims.project)
    assert back.conn.execute("SELECT count(*) FROM span_attributes").fetchone()[0] == 0
    back.close()


def test_conll_cluener_and_csv_say_what_they_left_out_with_counts(claims, tmp_path):
    for name, suffix in (("conll", "conll"), ("cluener", "json"), ("csv", "csv")):
        out = tmp_path / f"claims.{suffix}"
        manifest = export_format(claims.project, name, out, all_annotators=True)
        warnings = warnings_of(tmp_path / f"claims.{suffix}.warnings.jsonl")
        assert left_out(warnings) == FIXTURE_VALUES, name
        relations = [w for w in warnings if w["reason"].startswith("relations left out")]
        assert [w["relations"] for w in relations] == [5], name
        assert {"span attributes", "article attributes", "relations"} <= set(
            manifest["not_carried"]), name


def test_the_counts_follow_the_annotator_filter(claims, tmp_path):
    out = tmp_path / "bob.csv"
    export_format(claims.project, "csv", out, annotators=["bob"])
    warnings = warnings_of(tmp_path / "bob.csv.warnings.jsonl")
    assert left_out(warnings) == {("claim", "polarity"): 1, ("claim", "speaker"): 1,
                                  ("figure", "basis"): 1, ("figure", "unit"): 1,
                                  ("figure", "value"): 1}
    assert [w["values"] for w in warnings if w.get("attribute") == "genre"] == [1]
    assert [w["relations"] for w in warnings if "relations" in w] == [2]


def test_a_project_without_attributes_or_relations_warns_nothing(tmp_path):
    p = fresh(tmp_path, "plain")
    from annotator.core.model import ArticleRecord

    p.add_articles([ArticleRecord(text="京东表示", title="t")], "alice")
    p.add_span(1, 0, 2, "company", "alice")
    export_format(p, "csv", tmp_path / "plain.csv")
    assert (tmp_path / "plain.csv.warnings.jsonl").read_text("utf-8") == ""
    p.close()


def test_spacy_keeps_attributes_relations_and_article_attributes_in_user_data(claims,
                                                                             tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "claims.spacy"
    manifest = export_format(claims.project, "spacy", out, all_annotators=True)
    assert manifest["counts"]["misaligned"] == 0 and manifest["counts"]["relations"] == 5
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    zh = docs[0].user_data["annotator"]
    claim = claims.spans["claim"]
    kept = zh["spans"][claim.id]["attributes"]
    assert kept["topics"] == ("economy", "markets")  # spaCy's msgpack gives lists as tuples
    assert {**kept, "topics": list(kept["topics"])} == claims.project.attributes(claim.id)
    assert zh["spans"][claims.spans["yuan"].id]["attributes"]["value"] == 250000000
    by_id = {sp.id_: sp.text for sp in docs[0].spans["sc"]}
    assert {(by_id[r["from"]], r["type"], by_id[r["to"]]) for r in zh["relations"]} == {
        (claim.text, "cites", "9%"), (claim.text, "cites", "2.5亿元"),
        (claim.text, "about", "京东")}
    assert zh["article_attributes"] == {"alice": {"genre": "news"}}
    assert docs[1].user_data["annotator"]["spans"][claims.spans["en_fig"].id][
        "attributes"] == {"value": 4.0, "unit": "%", "basis": "yoy"}
    reasons = {w["reason"] for w in warnings_of(tmp_path / "claims.spacy.warnings.jsonl")}
    assert reasons == {"overlaps a longer span: in doc.spans['sc'] only, not doc.ents"}
