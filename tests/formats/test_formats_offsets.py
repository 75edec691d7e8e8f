"""An emoji (😀, U+1F600) and 𠮷 (U+20BB7) before the spans: every format's offsets select the
span's text in the unit the format's tool counts (UTF-16 for doccano, code points for Label
Studio 1.23 and the rest), and the manifest says which unit that is."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.formats_cli import export_format

ZH = "😀𠮷阿里今年的小目标是新增至少1亿用户。\n京东表示，今年双十一增长了30%！\n\n拼多多 称：“下沉市场”仍在增长。"


def _utf16(text: str, start: int, end: int) -> str:
    data = text.encode("utf-16-le")
    return data[2 * start:2 * end].decode("utf-16-le")


def _zh_spans(sample) -> list[tuple[str, str]]:
    return sorted((s.label, s.text) for s in sample.project.spans(sample.ids["zh"]))


def test_the_sample_has_astral_characters_before_every_span(sample):
    assert sample.project.article(sample.ids["zh"]).text == ZH
    assert ZH.startswith("😀𠮷")
    assert len(ZH.encode("utf-16-le")) // 2 == len(ZH) + 2


@pytest.mark.parametrize("unit", ["utf16", "codepoint"])
def test_doccano_offsets_select_the_span_text(sample, tmp_path, unit):
    out = tmp_path / "d.jsonl"
    manifest = export_format(sample.project, "doccano", out, all_annotators=True, include_suggested=True,
                             options={"unit": unit, "layout": "label"})
    assert manifest["offset_unit"] == {"utf16": "UTF-16 code units",
                                       "codepoint": "code points"}[unit]
    line = json.loads(out.read_text(encoding="utf-8").split("\n")[0])
    cut = _utf16 if unit == "utf16" else (lambda t, s, e: t[s:e])
    assert sorted((lab, cut(line["text"], s, e)) for s, e, lab in line["label"]) \
        == _zh_spans(sample)
    if unit == "utf16":
        assert [s for s, _e, lab in line["label"] if lab == "claim"] == [4]  # 阿 at cp 2


@pytest.mark.parametrize("unit", [None, "codepoint", "utf16"])
def test_label_studio_offsets_select_the_span_text_in_code_points_by_default(sample, tmp_path,
                                                                             unit):
    """Label Studio 1.23 counts code points (UTF-16 offsets highlighted 26 of 27 spans on the
    wrong characters); --unit utf16 stays for older versions."""
    out = tmp_path / "t.json"
    manifest = export_format(sample.project, "label-studio", out,
                             options={} if unit is None else {"unit": unit})
    assert manifest["offset_unit"] == ("UTF-16 code units" if unit == "utf16" else
                                       "code points")
    cut = _utf16 if unit == "utf16" else (lambda t, s, e: t[s:e])
    task = json.loads(out.read_text(encoding="utf-8"))[0]
    text = task["data"]["text"]
    got = []
    for layer in task["annotations"] + task["predictions"]:
        for r in layer["result"]:
            if r["type"] == "labels":
                v = r["value"]
                assert cut(text, v["start"], v["end"]) == v["text"]
                got.append((v["labels"][0], v["text"]))
    assert sorted(got) == _zh_spans(sample)
    claim = next(r["value"] for layer in task["annotations"] for r in layer["result"]
                 if r["type"] == "labels" and r["value"]["labels"] == ["claim"])
    assert claim["start"] == (4 if unit == "utf16" else 2)  # 阿 after 😀𠮷


def test_brat_offsets_are_code_points_into_the_txt_bytes(sample, tmp_path):
    out = tmp_path / "brat"
    assert export_format(sample.project, "brat", out, include_suggested=True, options={})["offset_unit"] == "code points"
    stem = f"{sample.ids['zh']:05d}-{sample.project.article(sample.ids['zh']).uid}"
    text = (out / f"{stem}.txt").read_bytes().decode("utf-8")
    assert text == ZH
    got = []
    for line in (out / f"{stem}.ann").read_text(encoding="utf-8").split("\n"):
        if line.startswith("T"):
            _tid, middle, covered = line.split("\t")
            label, s, e = middle.split(" ")
            assert text[int(s):int(e)] == covered
            got.append((label.replace("_", " "), covered))
    assert sorted(got) == _zh_spans(sample)


def test_cluener_inclusive_ends_select_the_span_text(sample, tmp_path):
    out = tmp_path / "c.json"
    manifest = export_format(sample.project, "cluener", out, all_annotators=True, include_suggested=True, options={})
    assert (manifest["offset_unit"], manifest["end"]) == ("code points", "inclusive")
    line = json.loads(out.read_text(encoding="utf-8").split("\n")[0])
    got = set()
    for label, surfaces in line["label"].items():
        for surface, pairs in surfaces.items():
            for s, e in pairs:
                assert line["text"][s:e + 1] == surface
                got.add((label, surface))
    assert sorted(got) == sorted(set(_zh_spans(sample)))


def test_csv_offsets_select_the_span_text(sample, tmp_path):
    out = tmp_path / "s.csv"
    export_format(sample.project, "csv", out, include_suggested=True, options={})
    with open(out, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if int(r["article_id"]) == sample.ids["zh"]]
    assert sorted((r["label"], ZH[int(r["start"]):int(r["end"])]) for r in rows) \
        == _zh_spans(sample)


def test_conll_and_spacy_tokens_of_each_entity_are_the_span_text(sample, tmp_path):
    out = tmp_path / "x.conll"
    export_format(sample.project, "conll", out, all_annotators=True, include_suggested=True, options={"token": "char"})
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[2:4] == ["😀 O", "𠮷 O"]
    first = lines[: lines.index("-DOCSTART- O", 1)]
    entities, current = [], ""
    for line in first:
        tag = line.split(" ")[-1] if line else "O"
        if tag[:2] in ("B-", "O") and current:
            entities.append(current)
            current = ""
        if tag[:2] in ("B-", "I-"):
            current += line.split(" ")[0]
    assert entities[0] == "阿里今年的小目标是新增至少1亿用户"
    spacy = pytest.importorskip("spacy", reason="the spacy extra is not installed")
    from spacy.tokens import DocBin

    export_format(sample.project, "spacy", tmp_path / "x.spacy", all_annotators=True, include_suggested=True, options={})
    doc = next(DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy.blank("xx").vocab))
    assert sorted((s.label_, s.text) for s in doc.spans["sc"]) == _zh_spans(sample)
    assert doc.ents[0].start_char == 2 and doc.ents[0].text.startswith("阿里")
