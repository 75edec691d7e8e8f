"""Project -> export -> import into a new project -> the same spans, for every format that
reads back; each test names what its format cannot carry. And the other direction: a file
written the tool's way -> import -> export -> the same content."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.formats_cli import export_format, import_format

FULL = ("start", "end", "label", "text", "annotator", "note")


def _roundtrip(sample, fresh, name: str, out: Path, **options):
    export_format(sample.project, name, out, all_annotators=True, include_suggested=True, options=options)
    target = fresh(name.replace("-", "_"))
    report = import_format(target, name, [out], "importer")
    return target, report


def _relations(project) -> list[tuple]:
    out = []
    for summary in project.articles():
        for span in project.spans(summary.id):
            for rel in project.relations_of(span.id):
                if rel.from_span == span.id:
                    to = project.span(rel.to_span)
                    out.append((span.text, span.label, rel.type, to.text, to.label))
    return sorted(out)


def test_doccano_roundtrip_keeps_offsets_labels_and_relations(sample, fresh, rows, tmp_path):
    """doccano cannot carry annotators, notes, origins or span ids: spans come back with the
    importer's name and origin "imported"."""
    target, report = _roundtrip(sample, fresh, "doccano", tmp_path / "d.jsonl")
    assert report.added == 3 and not report.skipped
    assert rows(target) == rows(sample.project)
    assert _relations(target) == _relations(sample.project)
    assert {s.annotator for a in target.articles() for s in target.spans(a.id)} == {"importer"}
    # the article uid travels in "article_id"
    assert [a.uid for a in target.articles()] == [a.uid for a in sample.project.articles()]


def test_doccano_label_layout_roundtrip(sample, fresh, rows, tmp_path):
    """The plain label layout has no relations (each is listed in the warnings file)."""
    out = tmp_path / "plain.jsonl"
    manifest = export_format(sample.project, "doccano", out, all_annotators=True, include_suggested=True, options={"layout": "label"})
    assert manifest["warnings_by_reason"]["relation dropped"] == 1
    target = fresh()
    import_format(target, "doccano", [out], "importer")
    assert rows(target) == rows(sample.project)
    assert _relations(target) == []


def test_label_studio_roundtrip_keeps_annotators_notes_gold_and_predictions(
        sample, fresh, rows, tmp_path):
    """Label Studio cannot tell manual from imported spans: both come back "imported"."""
    target, report = _roundtrip(sample, fresh, "label-studio", tmp_path / "ls.json")
    assert not report.skipped and not report.warnings
    assert rows(target, FULL) == rows(sample.project, FULL)
    origin = {"manual": "imported"}
    before = rows(sample.project, ("id", "origin"))
    expected = {k: sorted((i, origin.get(o, o)) for i, o in v) for k, v in before.items()}
    assert rows(target, ("id", "origin")) == expected  # span ids kept too
    assert _relations(target) == _relations(sample.project)


def test_brat_roundtrip_keeps_annotators_notes_origins_and_label_names(
        sample, fresh, rows, tmp_path):
    """brat cannot carry span ids, and a note's line break becomes a space; "market segment"
    (a space: not a valid brat type) comes back through the annotation.conf mapping."""
    target, report = _roundtrip(sample, fresh, "brat", tmp_path / "brat")
    assert not report.skipped and not report.warnings
    fields = ("start", "end", "label", "text", "annotator")
    assert rows(target, fields) == rows(sample.project, fields)
    notes = rows(target, ("text", "note"))
    assert ("1亿", "约数 见原文") in notes[sample.project.article(sample.ids["zh"]).text]
    origin = {"manual": "imported"}
    before = rows(sample.project, ("start", "origin"))
    assert rows(target, ("start", "origin")) == {
        k: sorted((s, origin.get(o, o)) for s, o in v) for k, v in before.items()}
    assert _relations(target) == _relations(sample.project)
    assert [a.uid for a in target.articles()] == [a.uid for a in sample.project.articles()]


def test_brat_span_across_a_line_break_comes_back_as_fragments(sample, fresh, tmp_path):
    """A span across a line break is written as brat fragments and read as one span per
    fragment: the one thing the brat round trip changes, listed in the warnings file."""
    sample.span("zh", "用户。\n京东", "claim", who="carol")
    out = tmp_path / "brat"
    manifest = export_format(sample.project, "brat", out, include_suggested=True, options={})
    assert manifest["counts"]["fragmented"] == 1
    warnings = (out / "warnings.jsonl").read_text(encoding="utf-8")
    assert "crosses a line break" in warnings
    target = fresh()
    report = import_format(target, "brat", [out], "importer")
    assert any("discontinuous" in w for w in report.warnings)
    carol = [s.text for a in target.articles() for s in target.spans(a.id)
             if s.annotator == "carol"]
    assert sorted(carol) == ["京东", "用户。"]


def test_conll_roundtrip_gives_the_longest_spans_as_label_and_text(sample, fresh, tmp_path):
    """CoNLL cannot carry the text's whitespace (rebuilt from tokens), overlapping spans
    (longest wins), annotators, notes, origins, ids or relations: compare (label, text) in
    order."""
    out = tmp_path / "x.conll"
    manifest = export_format(sample.project, "conll", out, all_annotators=True, include_suggested=True, options={})
    target = fresh()
    report = import_format(target, "conll", [out], "importer")
    assert report.added == 3 and not report.skipped
    got = [[(s.label, s.text) for s in target.spans(a.id)] for a in target.articles()]
    assert got[0] == [("claim", "阿里今年的小目标是新增至少1亿用户"), ("company", "京东"),
                      ("figure", "30%"), ("company", "拼多多"),
                      ("market segment", "下沉市场")]
    # Latin tokens are joined by one space: "JD.com" (three tokens) comes back spaced
    assert got[1] == [("company", "Alibaba"), ("figure", "3.5%"), ("company", "JD . com"),
                      ("company", "Pinduoduo")]
    assert got[2] == []
    # dropped: the two 阿里 (inside the claim), 1亿 (inside the claim), one of the two 京东
    assert manifest["warnings_by_reason"] == {"overlaps a longer span": 4,
                                              "relations left out": 1}
    zh = target.article(target.articles()[0].id).text
    assert zh.startswith("😀𠮷阿里今年的小目标是新增至少1亿用户。\n京东表示，")


def test_conll_character_tokens_rebuild_chinese_text_exactly(fresh, tmp_path):
    """With character tokens and one sentence per line, Chinese text comes back exactly."""
    from annotator.core.model import ArticleRecord

    source = fresh("chars")
    text = "阿里今年新增1亿用户。"
    source.add_articles([ArticleRecord(text=text, language="zh")], "me")
    aid = source.articles()[0].id
    source.add_span(aid, 0, 2, "company", "me")
    source.add_span(aid, 6, 8, "figure", "me")
    for scheme in ("iob2", "bioes", "bmes"):
        out = tmp_path / f"{scheme}.conll"
        export_format(source, "conll", out, all_annotators=True, options={"token": "char", "scheme": scheme})
        target = fresh(scheme)
        import_format(target, "conll", [out], "me")
        art = target.articles()[0]
        assert target.article(art.id).text == text
        assert [(s.start, s.end, s.label) for s in target.spans(art.id)] == [
            (0, 2, "company"), (6, 8, "figure")]


def test_cluener_roundtrip_keeps_offsets_and_uids(sample, fresh, rows, tmp_path):
    """CLUENER cannot carry annotators, notes, origins, ids, or two spans with the same label
    and offsets (bob's 阿里 duplicates alice's, the lead's gold 京东 bob's: one entry each, the
    other listed in the warnings file)."""
    out = tmp_path / "c.json"
    manifest = export_format(sample.project, "cluener", out, all_annotators=True, include_suggested=True, options={})
    assert manifest["warnings_by_reason"]["duplicate"] == 2
    target = fresh()
    import_format(target, "cluener", [out], "importer")
    expected = {k: sorted(set(v)) for k, v in rows(sample.project).items()}
    assert rows(target) == expected
    assert [a.uid for a in target.articles()] == [a.uid for a in sample.project.articles()]


# --------------------------------------------------------------- the other direction
def test_doccano_file_import_then_export_gives_the_same_labels(fresh, tmp_path):
    lines = [{"text": "😀 阿里和京东", "label": [[3, 5, "company"], [6, 8, "company"]]},
             {"text": "没有标签", "label": []}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                   encoding="utf-8")
    project = fresh()
    import_format(project, "doccano", [src], "me")
    out = tmp_path / "out.jsonl"
    export_format(project, "doccano", out, all_annotators=True, include_suggested=True, options={})
    back = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [{"text": b["text"], "label": b["label"]} for b in back] == lines


def test_brat_folder_import_then_export_gives_the_same_annotations(fresh, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "doc.txt").write_text("Alibaba bought a stake in Suning.\n", encoding="utf-8")
    ann = ("T1\tcompany 0 7\tAlibaba\nT2\tcompany 26 32\tSuning\n"
           "R1\towns Arg1:T1 Arg2:T2\t\nA1\tMention T2 Name\n"
           "N1\tReference T2 Wikidata:Q7637000\tSuning.com\n#1\tAnnotatorNotes T1\tbuyer\n")
    (src / "doc.ann").write_text(ann, encoding="utf-8")
    project = fresh()
    import_format(project, "brat", [src], "me")
    out = tmp_path / "out"
    export_format(project, "brat", out, include_suggested=True, options={})
    written = next(out.glob("*.ann")).read_text(encoding="utf-8").splitlines()
    assert "T1\tcompany 0 7\tAlibaba" in written and "T2\tcompany 26 32\tSuning" in written
    assert "R1\towns Arg1:T1 Arg2:T2\t" in written
    assert "A3\tMention T2 Name" in written  # after the two AnnotatedBy attributes
    assert "N1\tReference T2 Wikidata:Q7637000\tSuning.com" in written
    assert "#1\tAnnotatorNotes T1\tbuyer" in written
    assert next(out.glob("*.txt")).read_bytes() == (src / "doc.txt").read_bytes()
