"""Bad input gets a message with its file and line, and nothing is imported unless skip_bad;
real-world files of each tool (written here) are read with warnings, not failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats_cli import import_format
from annotator.importing import ReadError
from annotator.store import ImportFailed


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def _fails(project, name, paths, *where_reason, options=None):
    with pytest.raises(ImportFailed) as info:
        import_format(project, name, paths, "me", options=options)
    message = str(info.value)
    for part in where_reason:
        assert part in message, message
    assert message.endswith("nothing was imported")
    assert project.articles() == []
    return message


def test_malformed_json_line_names_its_line_and_imports_nothing(fresh, tmp_path):
    src = _write(tmp_path / "d.jsonl", '{"text": "阿里", "label": [[0, 2, "company"]]}\n'
                                       '{"text": "broken\n'
                                       '{"text": "京东", "label": []}\n')
    project = fresh()
    _fails(project, "doccano", [src], f"{src}:2: not valid JSON")
    report = import_format(project, "doccano", [src], "me", skip_bad=True)
    assert report.added == 2 and report.skipped[0].startswith(f"{src}:2:")


def test_brat_offsets_beyond_the_text(fresh, tmp_path):
    _write(tmp_path / "doc.txt", "阿里和京东")
    ann = _write(tmp_path / "doc.ann", "T1\tcompany 0 2\t阿里\nT2\tcompany 3 9\t京东\n")
    _fails(fresh(), "brat", [tmp_path], f"{ann}:2: offsets [3, 9) are outside the text")


def test_brat_t_line_whose_text_does_not_match_its_slice(fresh, tmp_path):
    _write(tmp_path / "doc.txt", "阿里和京东")
    ann = _write(tmp_path / "doc.ann", "T1\tcompany 1 3\t阿里\n")
    _fails(fresh(), "brat", [ann], f"{ann}:1: T1 says '阿里' but the text at 1 3 is '里和'")


def test_brat_skip_bad_keeps_the_good_documents(fresh, tmp_path):
    _write(tmp_path / "a.txt", "阿里")
    _write(tmp_path / "a.ann", "T1\tcompany 0 2\t阿里\n")
    _write(tmp_path / "b.txt", "京东")
    _write(tmp_path / "b.ann", "T1\tcompany 0 5\t京东\n")
    project = fresh()
    report = import_format(project, "brat", [tmp_path], "me", skip_bad=True)
    assert report.added == 1 and len(report.skipped) == 1
    assert report.skipped[0].startswith(f"{tmp_path / 'b.ann'}:1:")


def test_conll_i_tag_after_o(fresh, tmp_path):
    src = _write(tmp_path / "x.conll", "阿 B-company\n里 I-company\n和 O\n京 I-company\n东 I-company\n")
    _fails(fresh(), "conll", [src], f"{src}:4: I-company after O")


def test_conll_bioes_entity_left_open(fresh, tmp_path):
    src = _write(tmp_path / "x.bioes", "阿 B-company\n里 I-company\n和 O\n")
    _fails(fresh(), "conll", [src], f"{src}:1: the company entity starting here is not closed",
           options={"scheme": "bioes"})


@pytest.mark.parametrize("name, text, where", [
    ("conll", "阿 B-company\n里 I-company\n\n京 B-retailer\n东 I-retailer\n", ":4: unknown label"),
    ("cluener", '{"text": "阿里", "label": {"company": {"阿里": [[0, 1]]}}}\n'
                '{"text": "京东", "label": {"retailer": {"京东": [[0, 1]]}}}\n',
     ":2: unknown label"),
    ("doccano", '{"text": "阿里", "label": [[0, 2, "retailer"]]}\n', ":1: unknown label"),
])
def test_unknown_label_names_file_and_line(fresh, tmp_path, name, text, where):
    src = _write(tmp_path / f"in.{'conll' if name == 'conll' else 'jsonl'}", text)
    _fails(fresh(), name, [src], f"{src}{where}", "retailer")
    project = fresh("created")
    report = import_format(project, name, [src], "me", create_labels=True)
    assert "retailer" in report.labels_created


def test_brat_unknown_label_names_its_line(fresh, tmp_path):
    _write(tmp_path / "doc.txt", "阿里和京东")
    ann = _write(tmp_path / "doc.ann", "T1\tcompany 0 2\t阿里\nT2\tretailer 3 5\t京东\n")
    _fails(fresh(), "brat", [tmp_path], f"{ann}:2: unknown label 'retailer'")


def test_cluener_end_that_looks_exclusive(fresh, tmp_path):
    src = _write(tmp_path / "c.json", '{"text": "阿里和京东", "label": {"company": {"阿里": [[0, 2]]}}}\n')
    _fails(fresh(), "cluener", [src], f"{src}:1:", "the end looks exclusive")


def test_label_studio_region_text_that_does_not_match(fresh, tmp_path):
    task = {"data": {"text": "阿里和京东"}, "annotations": [{"result": [
        {"id": "a1", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 0, "end": 2, "text": "京东", "labels": ["company"]}}]}]}
    src = _write(tmp_path / "t.json", json.dumps([task], ensure_ascii=False, indent=1))
    _fails(fresh(), "label-studio", [src], f"{src}:2: annotation 1 result 1:", "says '京东'")


def test_a_missing_path_is_refused_before_anything(fresh, tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        import_format(fresh(), "brat", [tmp_path / "nothing"], "me")


# ------------------------------------------------------------ real-world shapes, read fine
def test_label_studio_export_with_users_cancelled_choices_and_codepoint_offsets(fresh,
                                                                                tmp_path):
    text = "😀 阿里和京东"
    tasks = [{"id": 7, "data": {"text": text, "source": "weibo"}, "annotations": [
        {"id": 1, "completed_by": {"id": 3, "email": "li@example.org"}, "was_cancelled": False,
         "ground_truth": False, "result": [
             {"id": "Xa9_b2", "type": "labels", "from_name": "label", "to_name": "text",
              "origin": "manual",
              "value": {"start": 3, "end": 5, "text": "阿里", "labels": ["company"]}},
             {"id": "c1", "type": "choices", "from_name": "tone", "to_name": "text",
              "value": {"choices": ["neutral"]}}]},
        {"id": 2, "completed_by": 4, "was_cancelled": True, "result": []}],
        "predictions": [{"model_version": "ner-v2", "score": 0.9, "result": [
            {"id": "Xa9_b2", "type": "labels", "from_name": "label", "to_name": "text",
             "value": {"start": 5, "end": 7, "text": "京东", "labels": ["company"]}}]}]}]
    src = _write(tmp_path / "export.json", json.dumps(tasks, ensure_ascii=False))
    project = fresh()
    report = import_format(project, "label-studio", [src], "me")
    art = project.articles()[0]
    spans = project.spans(art.id)
    assert [(s.text, s.annotator, s.origin) for s in spans] == [
        ("阿里", "li@example.org", "imported"), ("京东", "ner-v2", "suggested")]
    assert spans[0].id != spans[1].id  # Label Studio reuses region ids; ours are unique
    assert project.article(art.id).external_id == "7"
    assert project.article(art.id).meta == {"source": "weibo"}
    assert any("cancelled" in w for w in report.warnings)
    assert any("choices 'tone' (not in the scheme) x1" in w for w in report.warnings)
    # code points are read first (what Label Studio 1.23 counts); the annotation's UTF-16
    # offsets (an older version) are read so, with a warning
    assert any("match the text only as UTF-16 units" in w for w in report.warnings)


def test_brat_events_equivalences_and_crlf_text(fresh, tmp_path):
    _write(tmp_path / "doc.txt", "Google bought\r\nYouTube.\r\n")
    _write(tmp_path / "doc.ann",
           "T1\tcompany 0 6\tGoogle\nT2\tcompany 15 22\tYouTube\nT3\tMerge 7 13\tbought\n"
           "E1\tMerge:T3 Org-Arg:T1 Org-Arg2:T2\n*\tAlias T1 T2\nA1\tConfidence E1 High\n"
           "R1\tbuys Arg1:T1 Arg2:T2\t\n#1\tAnnotatorNotes E1\tan event note\n")
    project = fresh()
    report = import_format(project, "brat", [tmp_path], "me", create_labels=True)
    art = project.articles()[0]
    assert project.article(art.id).text == "Google bought\nYouTube.\n"
    assert [(s.start, s.end, s.text) for s in project.spans(art.id)] == [
        (0, 6, "Google"), (7, 13, "bought"), (14, 21, "YouTube")]
    assert len(report.warnings) == 4  # E, *, the attribute of E1, the note on E1
    assert all(":" in w and "doc.ann" in w for w in report.warnings)


def test_label_studio_single_task_file_pretty_printed(fresh, tmp_path):
    task = {"data": {"text": "阿里和京东"}, "annotations": [{"result": [
        {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 3, "end": 5, "text": "京东", "labels": ["company"]}}]}]}
    src = _write(tmp_path / "one.json", json.dumps(task, ensure_ascii=False, indent=2))
    project = fresh()
    assert import_format(project, "label-studio", [src], "me").added == 1
    assert [s.text for s in project.spans(project.articles()[0].id)] == ["京东"]
