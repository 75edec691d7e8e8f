"""Issue 11, exchange formats: the claim fixture (attributes of every type, figures, companies,
relations of two types, an article attribute, an emoji before the spans) through doccano,
CoNLL, CLUENER, CSV and spaCy. Each test names what the format cannot carry; the warnings file
says it once per attribute, with counts."""

from __future__ import annotations

import json

import pytest

from annotator.formats_cli import export_format, import_format
from annotator.store import Project
from annotator.store.errors import ImportFailed
from tests.formats.claims_fixture import CLAIM_SCHEME, attribute_rows, relation_rows

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
    # nothing came from the file; the figures' values were parsed on import (issue 12)
    assert back.conn.execute("SELECT count(*) FROM span_attributes WHERE source != 'parsed'"
                             ).fetchone()[0] == 0
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


# ----------------------------------------------------------------------------- brat
def brat_conf(path) -> dict[str, dict[str, dict[str, list[str]]]]:
    """annotation.conf read with brat's grammar (projectconfig.py): ``[section]`` headers,
    ``TYPE<TAB>KEY:V1|V2, KEY:V...`` lines, ``#`` comments; section -> type -> key -> values."""
    out: dict[str, dict[str, dict[str, list[str]]]] = {}
    section = None
    for line in path.read_text("utf-8").split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            out[section] = {}
            continue
        assert section is not None, line
        name, _, args = line.partition("\t")
        assert name and " " not in name, line
        parsed: dict[str, list[str]] = {}
        for arg in filter(None, args.split(", ")):
            key, sep, values = arg.partition(":")
            assert sep and values, line
            parsed[key] = values.split("|")
        out[section][name] = parsed
    return out


def ann_lines(out) -> list[list[str]]:
    return [line.split("\t") for ann in sorted(out.glob("*.ann"))
            for line in ann.read_text("utf-8").splitlines()]


def test_brat_round_trip_keeps_attributes_and_relations_but_not_article_attributes(claims,
                                                                                   tmp_path):
    out = tmp_path / "brat"
    manifest = export_format(claims.project, "brat", out)
    lines = ann_lines(out)
    claim_t = next(t for t, *rest in lines if rest[-1] == claims.spans["claim"].text)
    assert ["A4", f"certainty {claim_t} probable"] in lines
    assert ["A5", f"check_worthy {claim_t}"] in lines  # true: a binary attribute
    assert [x for x in lines if x[1].startswith("topics ")] == [
        ["A7", f"topics {claim_t} economy"], ["A8", f"topics {claim_t} markets"]]
    notes = {x[2] for x in lines if x[0].startswith("#")}
    assert {"value=250000000", "speaker=京东 CFO", "check_worthy=false", "value=4.0",
            "speaker=Jane Doe, CFO"} <= notes
    assert sum(1 for x in lines if x[0].startswith("R")) == 5
    reasons = [w["reason"] for w in warnings_of(out / "warnings.jsonl")]
    assert reasons == ["article attribute left out: brat cannot hold article attributes"]
    assert "article attributes" in manifest["not_carried"]
    back = fresh(tmp_path)
    report = import_format(back, "brat", [out], "carol")
    assert report.added == 2 and not report.warnings
    assert attribute_rows(back) == claims.values()
    assert relation_rows(back) == relation_rows(claims.project)
    assert "brat" not in back.article(back.articles()[0].id).meta  # no second copy in meta
    assert back.article_attributes(back.articles()[0].id) == {}
    back.close()


def test_brat_annotation_conf_declares_attributes_and_relation_arguments(claims, tmp_path):
    out = tmp_path / "brat"
    export_format(claims.project, "brat", out)
    conf = brat_conf(out / "annotation.conf")
    entities = set(conf["entities"])
    assert entities == {"claim", "figure", "company", "strategy"}
    assert conf["relations"]["cites"] == {"Arg1": ["claim"], "Arg2": ["figure"]}
    assert conf["relations"]["about"] == {"Arg1": ["claim"], "Arg2": ["company", "strategy"]}
    assert conf["relations"]["<OVERLAP>"]["<OVL-TYPE>"] == ["<ANY>"]  # a claim holds figures
    attrs = conf["attributes"]
    assert attrs["certainty"] == {"Arg": ["claim"],
                                  "Value": ["certain", "probable", "possible", "underspecified"]}
    assert attrs["check_worthy"] == {"Arg": ["claim"]}  # binary
    assert "value" not in attrs and "speaker" not in attrs  # notes, not attributes
    # every line of the .ann files is allowed by the conf, as brat's verifier checks
    for ann in sorted(out.glob("*.ann")):
        labels = {}
        for line in ann.read_text("utf-8").splitlines():
            ident, body, *_ = line.split("\t")
            words = body.split(" ")
            if ident.startswith("T"):
                assert words[0] in entities
                labels[ident] = words[0]
            elif ident.startswith("R"):
                args = dict(w.split(":") for w in words[1:])
                rel = conf["relations"][words[0]]
                assert labels[args["Arg1"]] in rel["Arg1"] and labels[args["Arg2"]] in rel["Arg2"]
            elif ident.startswith("A"):
                spec = attrs[words[0]]
                assert labels[words[1]] in spec["Arg"] or spec["Arg"] == ["<ENTITY>"]
                assert (words[2:] == []) == ("Value" not in spec)
                assert words[2:] == [] or words[2] in spec["Value"]


def test_brat_span_across_a_line_break_keeps_attributes_and_relations_on_its_first_fragment(
        tmp_path):
    from annotator.core.model import ArticleRecord

    text = "营收增长9%\n利润下降3%。"
    p = Project.create(tmp_path / "frag.db", scheme=CLAIM_SCHEME)
    p.add_articles([ArticleRecord(text=text, title="t")], "alice")
    claim = p.add_span(1, 0, 12, "claim", "alice")
    fig = p.add_span(1, 4, 6, "figure", "alice")
    p.set_attributes(claim.id, {"certainty": "certain", "speaker": "公司"}, "alice")
    p.add_relation(claim.id, fig.id, "cites", "alice")
    out = tmp_path / "brat"
    export_format(p, "brat", out)
    warnings = warnings_of(out / "warnings.jsonl")
    assert [w["reason"] for w in warnings if w.get("span_id") == claim.id] == [
        "crosses a line break: written as 2 fragments (an import gives one span per "
        "fragment; its attributes and relations go with the first fragment)"]
    back = fresh(tmp_path)
    report = import_format(back, "brat", [out], "carol")
    assert any("its attributes and relations are on its first fragment" in w
               for w in report.warnings)
    assert attribute_rows(back) == {
        ("营收增长", 0, 6, "claim"): {"certainty": "certain", "speaker": "公司"},
        ("营收增长", 7, 12, "claim"): {},
        # brat carried no value for the figure: an import parses it (issue 12)
        ("营收增长", 4, 6, "figure"): {"value": 9, "unit": "%", "approx": "exact"}}
    assert relation_rows(back) == {("营收增长9%", "cites", "9%")}
    p.close()
    back.close()


def test_brat_attribute_value_the_scheme_refuses_names_the_line(claims, tmp_path):
    out = tmp_path / "brat"
    export_format(claims.project, "brat", out)
    ann = sorted(out.glob("*.ann"))[0]
    ann.write_text(ann.read_text("utf-8").replace("certainty T2 probable",
                                                  "certainty T2 sure"), "utf-8")
    back = fresh(tmp_path)
    with pytest.raises(ImportFailed, match=rf"{ann.name}:\d+: attribute 'certainty' of claim: "
                                        "'sure' is not one of"):
        import_format(back, "brat", [out], "carol")
    assert back.articles() == []
    back.close()


def test_brat_attributes_the_scheme_lacks_stay_in_meta(claims, tmp_path):
    out = tmp_path / "brat"
    export_format(claims.project, "brat", out)
    ann = sorted(out.glob("*.ann"))[0]
    ann.write_text(ann.read_text("utf-8") + "A99\tNegation T2\n", "utf-8")
    back = fresh(tmp_path)
    import_format(back, "brat", [out], "carol")
    meta = back.article(back.articles()[0].id).meta
    assert [a["name"] for a in meta["brat"]["attributes"]] == ["Negation"]
    back.close()


# ----------------------------------------------------------------------------- Label Studio
def ls_results(out) -> list[dict]:
    return [r for task in json.loads(out.read_text("utf-8")) for a in task["annotations"]
            for r in a["result"]]


def test_label_studio_round_trip_keeps_attributes_relations_and_article_attributes(claims,
                                                                                   tmp_path):
    out = tmp_path / "tasks.json"
    export_format(claims.project, "label-studio", out)
    results = ls_results(out)
    claim_id = claims.spans["claim"].id
    mine = [r for r in results if r["id"] == claim_id]
    assert [r["type"] for r in mine] == ["labels"] + ["choices"] * 3 + ["textarea", "choices",
                                                                         "choices"]
    certainty = next(r for r in mine if r["from_name"] == "claim.certainty")
    assert certainty["value"] == {"start": 1, "end": 21, "text": claims.spans["claim"].text,
                                  "choices": ["probable"]}
    assert next(r for r in mine if r["from_name"] == "claim.topics")["value"]["choices"] == [
        "economy", "markets"]
    value = next(r for r in results if r["id"] == claims.spans["yuan"].id
                 and r["type"] == "number")
    assert value["value"]["number"] == 250000000
    cites = [r for r in results if r["type"] == "relation" and r["from_id"] == claim_id]
    assert {(r["direction"], r["labels"][0]) for r in cites} == {("right", "cites"),
                                                                  ("right", "about")}
    genre = [r for r in results if r.get("from_name") == "article.genre"]
    assert [r["value"] for r in genre] == [{"choices": ["news"]}, {"choices": ["analysis"]}]
    back = fresh(tmp_path)
    report = import_format(back, "label-studio", [out], "carol")
    assert not report.warnings
    assert attribute_rows(back) == claims.values()
    assert relation_rows(back) == relation_rows(claims.project)
    zh, en = (a.id for a in back.articles())
    assert back.article_attributes(zh) == {"alice": {"genre": "news"}}
    assert back.article_attributes(en) == {"bob": {"genre": "analysis"}}
    back.close()


def test_label_studio_config_has_per_region_controls_and_relations(claims, tmp_path):
    from xml.etree import ElementTree as ET

    out = tmp_path / "tasks.json"
    export_format(claims.project, "label-studio", out)
    view = ET.parse(tmp_path / "tasks.label_config.xml").getroot()
    assert {r.get("value") for r in view.iter("Relation")} == {"cites", "about", "of",
                                                               "pursued_by"}
    claim_box = next(v for v in view.iter("View") if v.get("whenLabelValue") == "claim")
    assert (claim_box.get("visibleWhen"), claim_box.get("whenTagName")) == (
        "region-selected", "label")
    certainty = next(c for c in claim_box.iter("Choices") if c.get("name") == "claim.certainty")
    assert (certainty.get("perRegion"), certainty.get("choice")) == ("true", "single")
    assert [c.get("value") for c in certainty] == ["certain", "probable", "possible",
                                                   "underspecified"]
    topics = next(c for c in claim_box.iter("Choices") if c.get("name") == "claim.topics")
    assert topics.get("choice") == "multiple"
    assert claim_box.find("TextArea[@name='claim.speaker']").get("perRegion") == "true"
    assert view.find(".//Number[@name='figure.value']").get("perRegion") == "true"
    genre = view.find(".//Choices[@name='article.genre']")
    assert genre.get("perRegion") is None  # a task-level control
    # every control a result names is in the config
    names = {c.get("name") for c in view.iter() if c.get("name")}
    assert {r["from_name"] for r in ls_results(out) if "from_name" in r} <= names


def _with_label_studio_ids(tasks: list[dict]) -> list[dict]:
    """What Label Studio's own export gives: its short region ids, numeric annotation ids,
    completed_by instead of our annotator key, no data.annotators."""
    out = []
    for n, task in enumerate(tasks, 1):
        new_ids: dict[str, str] = {}

        def short(rid: str, new_ids: dict[str, str] = new_ids) -> str:
            return new_ids.setdefault(rid, f"ls{len(new_ids):06d}x")

        annotations = []
        for k, ann in enumerate(task["annotations"]):
            result = []
            for r in ann["result"]:
                r = dict(r, id=short(r["id"]))
                if r["type"] == "relation":
                    r.update(from_id=short(r["from_id"]), to_id=short(r["to_id"]))
                result.append(r)
            annotations.append({"id": 100 * n + k, "completed_by": {"email": ann["annotator"]},
                                "result": result, "ground_truth": ann["ground_truth"]})
        data = {k: v for k, v in task["data"].items() if k != "annotators"}
        out.append({"id": n, "data": data, "annotations": annotations, "predictions": []})
    return out


def test_label_studio_file_with_its_own_ids_gives_back_attributes_and_relations(claims,
                                                                                tmp_path):
    out = tmp_path / "tasks.json"
    export_format(claims.project, "label-studio", out)
    theirs = tmp_path / "from-label-studio.json"
    theirs.write_text(json.dumps(_with_label_studio_ids(json.loads(out.read_text("utf-8"))),
                                 ensure_ascii=False), "utf-8")
    back = fresh(tmp_path)
    import_format(back, "label-studio", [theirs], "carol")
    assert attribute_rows(back) == claims.values()
    assert relation_rows(back) == relation_rows(claims.project)
    assert back.article_attributes(back.articles()[0].id) == {"alice": {"genre": "news"}}
    back.close()


def test_label_studio_value_the_scheme_refuses_names_the_task_and_result(claims, tmp_path):
    out = tmp_path / "tasks.json"
    export_format(claims.project, "label-studio", out)
    tasks = json.loads(out.read_text("utf-8"))
    for r in tasks[0]["annotations"][0]["result"]:
        if r.get("from_name") == "claim.certainty":
            r["value"]["choices"] = ["sure"]
    out.write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
    back = fresh(tmp_path)
    with pytest.raises(ImportFailed, match=r"tasks.json:1: annotation 1 result \d+: attribute "
                                        "'certainty' of claim: 'sure' is not one of"):
        import_format(back, "label-studio", [out], "carol")
    assert back.articles() == []
    back.close()


def test_label_studio_controls_the_scheme_lacks_are_skipped_with_a_warning(claims, tmp_path):
    out = tmp_path / "tasks.json"
    export_format(claims.project, "label-studio", out)
    tasks = json.loads(out.read_text("utf-8"))
    region = tasks[0]["annotations"][0]["result"][0]
    tasks[0]["annotations"][0]["result"].append(
        {"id": region["id"], "from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {**{k: region["value"][k] for k in ("start", "end", "text")},
                   "choices": ["Positive"]}})
    out.write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")
    back = fresh(tmp_path)
    report = import_format(back, "label-studio", [out], "carol")
    assert any("choices 'sentiment' (not in the scheme) x1" in w for w in report.warnings)
    assert attribute_rows(back) == claims.values()
    back.close()
