"""Each export read by the consumer it is for: spaCy's DocBin, seqeval's entity extraction,
the field layout doccano's and Label Studio's importers expect, a strict brat line grammar, and
Python's csv module."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from annotator.formats.conll import resolve_overlaps
from annotator.formats_cli import export_format


def _spans(project):
    return {project.article(a.id).text: project.spans(a.id) for a in project.articles()}


def _longest(spans):
    return [(s.label, s.start, s.end) for s in resolve_overlaps(spans)[0]]


# ----------------------------------------------------------------------------- spaCy
def test_spacy_docbin_from_disk_gives_the_same_entities(sample, tmp_path):
    spacy = pytest.importorskip("spacy", reason="the spacy extra is not installed")
    from spacy.tokens import DocBin

    out = tmp_path / "train.spacy"
    manifest = export_format(sample.project, "spacy", out, all_annotators=True, include_suggested=True, options={})
    assert manifest["counts"]["misaligned"] == 0
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    expected = _spans(sample.project)
    assert [d.text for d in docs] == list(expected)
    for doc in docs:
        spans = expected[doc.text]
        assert [(e.label_, e.start_char, e.end_char) for e in doc.ents] == _longest(spans)
        assert sorted((s.label_, s.start_char, s.end_char, s.id_) for s in doc.spans["sc"]) \
            == sorted((s.label, s.start, s.end, s.id) for s in spans)
        who = doc.user_data["annotator"]["spans"]
        assert {k: v["annotator"] for k, v in who.items()} == {s.id: s.annotator for s in spans}


def test_spacy_counts_spans_that_do_not_align(sample, tmp_path):
    spacy = pytest.importorskip("spacy", reason="the spacy extra is not installed")
    from spacy.tokens import DocBin

    sample.span("zh", "里今", "claim", who="carol")  # cuts two jieba words
    sample.span("en", " county", "claim", who="carol")  # starts on a space
    out = tmp_path / "x.spacy"
    counts = export_format(sample.project, "spacy", out, all_annotators=True,
                           options={"split": False})["counts"]
    assert counts["misaligned"] == 2
    warnings = [json.loads(x) for x in
                Path(f"{out}.warnings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(w["text"] for w in warnings if w["reason"].startswith("misaligned")) == [
        " county", "里今"]
    # split at span edges (the default), only the span on whitespace is left out
    assert export_format(sample.project, "spacy", tmp_path / "y.spacy", all_annotators=True,
                         options={})["counts"]["misaligned"] == 1
    docs = list(DocBin().from_disk(tmp_path / "y.spacy").get_docs(spacy.blank("xx").vocab))
    assert "里今" in [s.text for s in docs[0].spans["sc"]]


# ----------------------------------------------------------------------------- seqeval
def _conll_articles(path: Path) -> list[list[tuple[list[str], list[str]]]]:
    articles: list[list[tuple[list[str], list[str]]]] = []
    sentence: tuple[list[str], list[str]] = ([], [])
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            articles.append([])
        elif not line:
            if sentence[0]:
                articles[-1].append(sentence)
            sentence = ([], [])
        else:
            token, tag = line.split(" ")
            sentence[0].append(token)
            sentence[1].append(tag)
    return articles


@pytest.mark.parametrize("scheme", ["iob2", "bioes", "bmes"])
@pytest.mark.parametrize("token", ["word", "char"])
def test_seqeval_get_entities_on_conll_tags_gives_the_projects_spans(sample, tmp_path, scheme,
                                                                      token):
    from seqeval.metrics.sequence_labeling import get_entities

    out = tmp_path / "x.conll"
    export_format(sample.project, "conll", out, all_annotators=True, include_suggested=True, options={"scheme": scheme, "token": token})
    expected = _spans(sample.project)
    articles = _conll_articles(out)
    assert len(articles) == len(expected)
    for (text, spans), sentences in zip(expected.items(), articles):
        got = []
        pos = 0
        for tokens, tags in sentences:
            starts = []
            for tok in tokens:  # tokens are the text's own, in order
                pos = text.index(tok, pos)
                starts.append(pos)
                pos += len(tok)
            if scheme == "bmes":  # seqeval knows I, not M
                tags = [t.replace("M-", "I-", 1) for t in tags]
            for type_, first, last in get_entities(tags):
                got.append((type_.replace("_", " "), starts[first],
                            starts[last] + len(tokens[last])))
        assert got == _longest(spans)


# ----------------------------------------------------------------------------- doccano
def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


@pytest.mark.parametrize("layout", ["label", "entities"])
def test_doccano_lines_have_the_layout_doccano_imports(sample, tmp_path, layout):
    out = tmp_path / "d.jsonl"
    export_format(sample.project, "doccano", out, all_annotators=True, include_suggested=True, options={"layout": layout})
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        obj = json.loads(line)
        assert isinstance(obj["text"], str)
        size = len(obj["text"].encode("utf-16-le")) // 2
        if layout == "label":
            assert "entities" not in obj
            for item in obj["label"]:
                s, e, label = item
                assert _is_int(s) and _is_int(e) and 0 <= s < e <= size
                assert isinstance(label, str)
        else:
            ids = set()
            for ent in obj["entities"]:
                assert set(ent) == {"id", "label", "start_offset", "end_offset"}
                assert _is_int(ent["id"]) and ent["id"] not in ids
                assert 0 <= ent["start_offset"] < ent["end_offset"] <= size
                ids.add(ent["id"])
            for rel in obj["relations"]:
                assert set(rel) == {"id", "from_id", "to_id", "type"}
                assert rel["from_id"] in ids and rel["to_id"] in ids


# ----------------------------------------------------------------------------- Label Studio
def test_label_studio_tasks_match_the_labeling_config(sample, tmp_path):
    out = tmp_path / "tasks.json"
    manifest = export_format(sample.project, "label-studio", out, include_suggested=True, options={})
    config = ET.fromstring((tmp_path / "tasks.label_config.xml").read_text(encoding="utf-8"))
    labels_tag, text_tag = config.find("Labels"), config.find("Text")
    assert labels_tag is not None and text_tag is not None
    assert labels_tag.get("toName") == text_tag.get("name")
    values = {x.get("value") for x in labels_tag.iter("Label")}
    assert values == {lb.name for lb in sample.project.labels()}
    assert {x.get("value") for x in config.iter("Relation")} == {"targets"}
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == manifest["counts"]["articles"]
    key = text_tag.get("value").lstrip("$")
    n_results = 0
    for task in tasks:
        assert isinstance(task["data"][key], str)
        for layer in task["annotations"] + task["predictions"]:
            ids = {r["id"] for r in layer["result"] if r["type"] == "labels"}
            for r in layer["result"]:
                if r["type"] == "relation":
                    assert r["from_id"] in ids and r["to_id"] in ids
                    continue
                n_results += 1
                assert r["type"] == "labels"
                assert r["from_name"] == labels_tag.get("name")
                assert r["to_name"] == text_tag.get("name")
                assert set(r["value"]["labels"]) <= values
                assert _is_int(r["value"]["start"]) and _is_int(r["value"]["end"])
        assert all(isinstance(a["ground_truth"], bool) for a in task["annotations"])
        assert all(isinstance(p["model_version"], str) for p in task["predictions"])
    assert n_results == manifest["counts"]["spans"]
    gold = [a for t in tasks for a in t["annotations"] if a["ground_truth"]]
    assert [r["value"]["text"] for a in gold for r in a["result"]] == ["京东"]
    predictions = [r["value"]["text"] for t in tasks for p in t["predictions"]
                   for r in p["result"]]
    assert predictions == ["下沉市场"]


# ----------------------------------------------------------------------------- brat
NAME = r"[\w.\-]+"
BRAT_LINE = re.compile(
    rf"T[1-9]\d*\t{NAME} \d+ \d+(?:;\d+ \d+)*\t[^\n]*"
    rf"|R[1-9]\d*\t{NAME} Arg1:T[1-9]\d* Arg2:T[1-9]\d*\t"
    rf"|A[1-9]\d*\t{NAME} T[1-9]\d*(?: {NAME})?"
    rf"|N[1-9]\d*\t{NAME} T[1-9]\d* \S+\t[^\t\n]*"
    rf"|#[1-9]\d*\t{NAME} T[1-9]\d*\t[^\t\n]*")


def test_brat_files_follow_the_standoff_grammar(sample, tmp_path):
    out = tmp_path / "brat"
    export_format(sample.project, "brat", out, include_suggested=True, options={})
    anns = sorted(out.glob("*.ann"))
    assert len(anns) == 3
    for ann in anns:
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        lines = ann.read_text(encoding="utf-8").split("\n")
        assert lines[-1] == ""
        defined = set()
        for line in lines[:-1]:
            assert BRAT_LINE.fullmatch(line), line
            if line.startswith("T"):
                tid, middle, covered = line.split("\t")
                frags = [tuple(map(int, f.split())) for f in middle.split(" ", 1)[1].split(";")]
                assert " ".join(text[a:b] for a, b in frags) == covered
                defined.add(tid)
            else:
                targets = re.findall(r"(?<=[ :])T\d+", line.split("\t")[1])
                assert targets and set(targets) <= defined
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    for section in ("[entities]", "[relations]", "[events]", "[attributes]"):
        assert section in conf
    assert "market_segment" in conf and "targets\tArg1:company, Arg2:figure" in conf
    assert "company\tbgColor:#2ca02c" in (out / "visual.conf").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- CSV
@pytest.mark.parametrize("excel", [False, True])
def test_csv_rows_are_the_projects_spans(sample, tmp_path, excel):
    out = tmp_path / "spans.csv"
    export_format(sample.project, "csv", out, include_suggested=True, options={"excel": excel})
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == excel
    with open(out, encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    texts = {a.id: sample.project.article(a.id).text for a in sample.project.articles()}
    spans = sorted((s.id, s.start, s.end, s.label, s.text, s.annotator, s.note)
                   for a in sample.project.articles() for s in sample.project.spans(a.id))
    got = sorted((r["span_id"], int(r["start"]), int(r["end"]), r["label"], r["text"],
                  r["annotator"], r["note"]) for r in table)
    assert got == spans
    for r in table:
        assert texts[int(r["article_id"])][int(r["start"]):int(r["end"])] == r["text"]
