"""Exports that peers misread (issue 8, item 7), checked against what the peer does: Label
Studio 1.23 counts code points and forgets who annotated; doccano counts UTF-16 units and drops
overlapping spans unless its project allows them; brat's reader breaks lines at U+2028 too and
keeps attribute values such as ``Typo+UNK``. And every format's default offset unit is pinned,
in the options table and on the command line."""

from __future__ import annotations

import json

import pytest

from annotator.core.names import GOLD
from annotator.formats_cli import EXPORT_OPTIONS, IMPORT_OPTIONS, export_format, import_format

ANNOTATORS = {"alice", "bob", GOLD}  # "model" made the suggested span: a prediction


def _as_label_studio_exports_it(tasks: list[dict]) -> list[dict]:
    """What Label Studio's own JSON export gives back after importing our tasks: the
    annotation's ``annotator`` key is gone and every annotation is its importing user's."""
    out = []
    for n, task in enumerate(tasks, 1):
        annotations = [{"id": 100 * n + k, "completed_by": 1, "was_cancelled": False,
                        "ground_truth": a["ground_truth"], "result": a["result"],
                        "lead_time": 0.0}
                       for k, a in enumerate(task["annotations"])]
        out.append({"id": n, "data": task["data"], "annotations": annotations,
                    "predictions": task["predictions"]})
    return out


def test_label_studio_round_trip_through_label_studio_keeps_who_annotated(sample, fresh,
                                                                          rows, tmp_path):
    out = tmp_path / "ls.json"
    export_format(sample.project, "label-studio", out, options={})
    tasks = json.loads(out.read_text(encoding="utf-8"))
    back = tmp_path / "from-label-studio.json"
    back.write_text(json.dumps(_as_label_studio_exports_it(tasks), ensure_ascii=False),
                    encoding="utf-8")
    target = fresh()
    report = import_format(target, "label-studio", [back], "importer")
    assert not report.skipped and not report.warnings
    who = {s.annotator for a in target.articles() for s in target.spans(a.id)}
    assert who == ANNOTATORS | {"model"}
    assert "label-studio user 1" not in who
    full = ("start", "end", "label", "text", "annotator")
    assert rows(target, full) == rows(sample.project, full)
    assert all("annotators" not in target.article(a.id).meta for a in target.articles())


def test_label_studio_file_without_our_names_still_says_which_user(fresh, tmp_path):
    task = {"id": 1, "data": {"text": "阿里和京东", "annotators": "not a mapping"},
            "annotations": [{"completed_by": 7, "result": [
                {"id": "x", "type": "labels", "from_name": "label", "to_name": "text",
                 "value": {"start": 0, "end": 2, "text": "阿里", "labels": ["company"]}}]}]}
    src = tmp_path / "t.json"
    src.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    project = fresh()
    import_format(project, "label-studio", [src], "me")
    [span] = project.spans(project.articles()[0].id)
    assert span.annotator == "label-studio user 7"


def test_label_studio_import_reads_code_points_first_and_utf16_files_with_a_warning(
        sample, fresh, tmp_path):
    old = tmp_path / "old.json"  # an export for an older Label Studio
    export_format(sample.project, "label-studio", old, options={"unit": "utf16"})
    target = fresh()
    report = import_format(target, "label-studio", [old], "me")
    assert any("match the text only as UTF-16 units" in w for w in report.warnings)
    zh = target.articles()[0].id
    assert sorted(s.text for s in target.spans(zh))[0] == "1亿"  # right characters anyway


# -------------------------------------------------------------- default units, pinned
def _option(table, fmt, name):
    return next(o for o in table[fmt] if o.name == name)


@pytest.mark.parametrize("table", [EXPORT_OPTIONS, IMPORT_OPTIONS], ids=["export", "import"])
def test_each_format_has_its_own_unit_default(table):
    assert _option(table, "doccano", "unit").default == "utf16"  # doccano 1.8.4's UI
    assert _option(table, "label-studio", "unit").default == "codepoint"  # Label Studio 1.23
    assert "doccano" in _option(table, "doccano", "unit").help
    assert "Label Studio" in _option(table, "label-studio", "unit").help


UNIT_OF = {"jsonl": "code points", "doccano": "UTF-16 code units",
           "label-studio": "code points", "brat": "code points", "cluener": "code points",
           "csv": "code points", "conll": "tokens (one per line)"}


@pytest.mark.parametrize("name", sorted(UNIT_OF))
def test_the_command_line_default_unit_of_every_format(sample, tmp_path, capsys, name):
    from annotator.cli import main

    sample.project.close()
    out = tmp_path / ("out" if name == "brat" else f"out.{name}")
    assert main(["export", str(sample.path), "-f", name, "-o", str(out),
                 "--all-annotators"]) == 0
    assert f"(offsets in {UNIT_OF[name]})" in capsys.readouterr().out


def test_the_help_gives_each_format_its_unit_default(capsys):
    from annotator.cli import main

    assert main(["export", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "doccano: offsets in UTF-16 code units" in text
    assert "(default: utf16); label-studio: offsets in code points" in text
    assert "(default: codepoint)" in text


# ----------------------------------------------------------------------------- brat
#: every line boundary of Python's str.splitlines(), which brat's .ann reader uses
BREAKS = ["\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def _brat_reads(ann_text: str, txt: str) -> list[tuple[str, str, list[tuple[int, int]], str]]:
    """The T lines as brat's reader sees them (lines split like str.splitlines); every other
    line must be a known annotation line, not the tail of a broken one."""
    spans = []
    for line in ann_text.splitlines():
        kind = line[:1]
        assert kind in "TRAN#", f"a junk line: {line!r}"
        if kind != "T":
            continue
        tid, middle, covered = line.split("\t", 2)
        label, where = middle.split(" ", 1)
        frags = [(int(a), int(b)) for a, b in (f.split() for f in where.split(";"))]
        assert " ".join(txt[a:b] for a, b in frags) == covered, line  # brat's own check
        spans.append((tid, label, frags, covered))
    return spans


@pytest.mark.parametrize("sep", BREAKS, ids=[f"U+{ord(c):04X}" for c in BREAKS])
def test_brat_span_holding_a_line_separator_is_written_as_fragments_brat_reads(fresh, tmp_path,
                                                                               sep):
    from annotator.core.model import ArticleRecord

    project = fresh()
    text = f"Intro. The line{sep}separator claim ends here."
    project.add_articles([ArticleRecord(text=text, title="t")], "x")
    art = project.articles()[0].id
    start = text.index("line")
    end = text.index(" ends")
    project.add_span(art, start, end, "claim", "alice", note=f"first{sep}second")
    out = tmp_path / "brat"
    manifest = export_format(project, "brat", out, options={})
    [ann] = out.glob("*.ann")
    txt = ann.with_suffix(".txt").read_bytes().decode("utf-8")
    [(_tid, label, frags, covered)] = _brat_reads(ann.read_text(encoding="utf-8"), txt)
    assert label == "claim" and covered == "line separator claim"
    assert frags == [(start, start + 4), (start + 5, end)]  # around the separator
    assert manifest["counts"]["fragmented"] == 1
    notes = [line for line in ann.read_text(encoding="utf-8").splitlines()
             if line.startswith("#")]
    assert notes == ["#1\tAnnotatorNotes T1\tfirst second"]


def _brat_folder(folder, value: str):
    folder.mkdir()
    (folder / "doc.txt").write_text("阿里和京东", encoding="utf-8")
    (folder / "doc.ann").write_text(f"T1\tcompany 0 2\t阿里\nA1\tError T1 {value}\n",
                                    encoding="utf-8")
    (folder / "annotation.conf").write_text(
        "[entities]\ncompany\n[relations]\n[events]\n[attributes]\n"
        f"Error\tArg:<ENTITY>, Value:{value}|Typo\n", encoding="utf-8")
    return folder


def test_brat_keeps_attribute_values_brat_accepts_such_as_typo_plus_unk(fresh, tmp_path):
    """brat's own example configuration uses Typo+UNK: it must come back unchanged, and an
    annotator name with an @ (an attribute value too) stays as it is."""
    project = fresh()
    import_format(project, "brat", [_brat_folder(tmp_path / "in", "Typo+UNK")],
                  "li@example.org")
    out = tmp_path / "brat"
    manifest = export_format(project, "brat", out, options={})
    [ann] = out.glob("*.ann")
    lines = ann.read_text(encoding="utf-8").splitlines()
    assert "A1\tAnnotatedBy T1 li@example.org" in lines
    assert "A2\tError T1 Typo+UNK" in lines
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Error\tArg:<ENTITY>, Value:Typo+UNK" in conf
    mappings = [line for line in conf.splitlines() if line.startswith("# annotator-name")]
    assert "Typo_UNK" not in conf and not [m for m in mappings if "Typo" in m or "@" in m]
    assert manifest["counts"]["warnings"] == 0


def test_brat_says_in_the_warnings_file_when_a_name_must_change(sample, tmp_path):
    """A space cannot be in a brat type or attribute value: the renaming is a warning (once
    per name) and annotation.conf maps it back."""
    sample.span("en", "county towns", "market segment", who="Li Wei")
    out = tmp_path / "brat"
    export_format(sample.project, "brat", out, options={})
    warnings = [json.loads(line) for line in
                (out / "warnings.jsonl").read_text(encoding="utf-8").splitlines()]
    renamed = {(w["name"], w["written"]) for w in warnings if "renamed" in w["reason"]}
    assert renamed == {("market segment", "market_segment"), ("Li Wei", "Li_Wei")}
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert '\tLi_Wei\t"Li Wei"' in conf and '\tmarket_segment\t"market segment"' in conf


# ----------------------------------------------------------------------------- doccano
def test_doccano_export_with_overlapping_spans_says_so_with_the_setting_to_turn_on(
        sample, tmp_path, capsys):
    """doccano (allow_overlapping off, its default) silently drops spans that overlap: the
    manifest and the command's output count them and name the setting."""
    from annotator.cli import main

    sample.project.close()
    out = tmp_path / "d.jsonl"
    assert main(["export", str(sample.path), "-f", "doccano", "-o", str(out),
                 "--all-annotators"]) == 0
    printed = capsys.readouterr().out
    manifest = json.loads((tmp_path / "d.jsonl.manifest.json").read_text(encoding="utf-8"))
    # 阿里 twice (alice, bob), the claim over 阿里 and 1亿, 京东 twice (bob, the gold layer)
    assert manifest["counts"]["overlapping"] == 4
    [line] = manifest["attention"]
    assert line.startswith("4 span(s) overlap an earlier span") and "allow_overlapping" in line
    assert line in printed
    gold = tmp_path / "gold.jsonl"
    assert main(["export", str(sample.path), "-f", "doccano", "-o", str(gold),
                 "--gold-only"]) == 0
    assert "overlap" not in capsys.readouterr().out.replace("0 overlapping", "")
