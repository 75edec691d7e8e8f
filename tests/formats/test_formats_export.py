"""What every export shares: manifest and warnings files, the filters (annotators, labels,
status, gold layer), atomic output and cancelling; and CSV's spreadsheet-safe mode."""

from __future__ import annotations

import csv
import json
import sys

import pytest

from annotator.formats._common import ExportCancelled, FormatError
from annotator.formats_cli import EXPORT_OPTIONS, export_format, load_all
from annotator.outputs import OutputExists

OUTPUTS = {"doccano": "d.jsonl", "label-studio": "t.json", "brat": "brat", "conll": "x.conll",
           "spacy": "x.spacy", "cluener": "c.json", "csv": "s.csv"}
UNITS = {"doccano": "UTF-16 code units", "label-studio": "code points",
         "brat": "code points", "cluener": "code points", "csv": "code points",
         "conll": "tokens (one per line)", "spacy": "code points (Doc.char_span, strict)"}


def _manifest_path(out):
    return out / "manifest.json" if out.suffix == "" else out.with_name(
        f"{out.name}.manifest.json")


def _warnings_path(out):
    return out / "warnings.jsonl" if out.suffix == "" else out.with_name(
        f"{out.name}.warnings.jsonl")


def test_every_format_is_registered_with_its_options():
    names = load_all()
    tables = {"claims", "relations"}  # tests/formats/test_claims_table.py
    assert set(OUTPUTS) | {"jsonl"} | tables <= set(names)
    assert set(EXPORT_OPTIONS) == set(OUTPUTS) | {"jsonl"} | tables


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_export_writes_a_manifest_and_a_warnings_file(sample, tmp_path, name):
    if name == "spacy":
        pytest.importorskip("spacy", reason="the spacy extra is not installed")
    out = tmp_path / OUTPUTS[name]
    returned = export_format(sample.project, name, out, annotators=["alice", "bob"],
                             statuses=["todo", "done"], options={})
    manifest = json.loads(_manifest_path(out).read_text(encoding="utf-8"))
    assert manifest == returned
    assert manifest["format"] == name and manifest["offset_unit"] == UNITS[name]
    assert manifest["filters"] == {"annotators": ["alice", "bob"], "labels": None,
                                   "statuses": ["todo", "done"], "gold_only": False,
                                   "skip_empty": False, "statuses_of": ""}
    assert manifest["counts"]["articles"] == 3
    assert manifest["counts"]["spans"] == 11  # alice's 5 and bob's 6
    assert manifest["annotator_version"] and manifest["created"].endswith("+00:00")
    assert manifest["project"]["title"] == "formats"
    warnings = _warnings_path(out).read_text(encoding="utf-8").splitlines()
    assert len(warnings) == manifest["counts"]["warnings"]
    for line in warnings:
        entry = json.loads(line)
        # an article's warning names it; one about the whole export says so
        assert entry["reason"] and (entry["article_uid"] if entry.get("scope") != "export"
                                    else "article_uid" not in entry)
    assert not list(tmp_path.glob(".*partial"))


def test_gold_only_exports_the_adjudicated_layer(sample, tmp_path):
    out = tmp_path / "gold.json"
    counts = export_format(sample.project, "cluener", out, gold_only=True,
                           options={})["counts"]
    assert counts["spans"] == 1
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["label"] == {"company": {"京东": [[21, 22]]}}
    assert [x["label"] for x in lines[1:]] == [{}, {}]


def test_label_status_and_skip_empty_filters(sample, tmp_path):
    out = tmp_path / "f.csv"
    export_format(sample.project, "csv", out, labels=["figure"], statuses=["done"],
                  options={}, status_of="setup")  # the importer's status: done
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["label"], r["text"]) for r in rows] == [("figure", "3.5%")]
    export_format(sample.project, "csv", out, labels=["figure"], statuses=["done"],
                  options={}, status_of="bob", force=True)  # bob marked nothing done
    with open(out, encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh)) == []
    counts = export_format(sample.project, "doccano", tmp_path / "x.jsonl",
                           labels=["figure"], skip_empty=True, all_annotators=True,
                           options={})["counts"]
    assert counts["articles"] == 2  # the article without spans is left out
    assert export_format(sample.project, "doccano", tmp_path / "y.jsonl", annotators=[],
                         options={})["counts"]["spans"] == 0


def test_cancelling_leaves_no_file(sample, tmp_path):
    out = tmp_path / "x.conll"
    with pytest.raises(ExportCancelled):
        export_format(sample.project, "conll", out, all_annotators=True, options={},
                      progress=lambda done, total: False)
    assert list(tmp_path.iterdir()) == [sample.path] or not out.exists()
    assert not out.exists() and not _manifest_path(out).exists()
    assert not list(tmp_path.glob(".*partial"))
    seen = []
    export_format(sample.project, "conll", out, all_annotators=True, options={},
                  progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_brat_refuses_a_folder_with_files(sample, tmp_path):
    out = tmp_path / "brat"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExists, match="not an empty folder"):
        export_format(sample.project, "brat", out, options={})
    with pytest.raises(OutputExists, match="not an annotator export"):  # not even with force
        export_format(sample.project, "brat", out, options={}, force=True)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    (out / "keep.txt").unlink()
    export_format(sample.project, "brat", out, options={})  # an empty folder is fine
    assert len(list(out.glob("*.ann"))) == 3


def test_unknown_option_and_bad_choice_are_user_errors(sample, tmp_path):
    with pytest.raises(FormatError, match="no option schema"):
        export_format(sample.project, "conll", tmp_path / "x", all_annotators=True, options={"schema": "bio"})
    with pytest.raises(FormatError, match="scheme must be one of iob2, bioes, bmes"):
        export_format(sample.project, "conll", tmp_path / "x", all_annotators=True, options={"scheme": "bio"})
    with pytest.raises(FormatError, match="cannot export with gold_only"):
        export_format(sample.project, "jsonl", tmp_path / "x.jsonl", gold_only=True)


def test_spacy_without_spacy_says_how_to_install_it(sample, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setitem(sys.modules, "spacy.tokens", None)
    with pytest.raises(FormatError, match=r"pip install 'annotator\[spacy\]'"):
        export_format(sample.project, "spacy", tmp_path / "x.spacy", all_annotators=True, options={})


# ------------------------------------------------------------------ CSV spreadsheet safety
RISKY = ["=SUM(A1:A9)", "+86 10 1234", "-3%", "@cmd", "\tx", "\rx"]


def _risky_project(fresh):
    from annotator.core.model import ArticleRecord

    project = fresh("risky")
    text = "".join(f"{cell} | " for cell in RISKY)
    project.add_articles([ArticleRecord(text=text, title="=HYPERLINK(\"x\")")], "me")
    aid = project.articles()[0].id
    for cell in RISKY:
        start = text.index(cell)
        project.add_span(aid, start, start + len(cell), "figure", "-eve", note="+note")
    return project


def _cells(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_default_mode_leaves_cells_untouched(fresh, tmp_path):
    out = tmp_path / "plain.csv"
    manifest = export_format(_risky_project(fresh), "csv", out, options={})
    rows = _cells(out)
    assert [r["text"] for r in rows] == RISKY
    assert {r["annotator"] for r in rows} == {"-eve"} and {r["note"] for r in rows} == {"+note"}
    assert rows[0]["title"] == "=HYPERLINK(\"x\")"
    assert manifest["counts"]["warnings"] == 0


def test_csv_safe_mode_neutralizes_formula_cells(fresh, tmp_path):
    out = tmp_path / "safe.csv"
    manifest = export_format(_risky_project(fresh), "csv", out, options={"safe": True})
    rows = _cells(out)
    assert [r["text"] for r in rows] == ["'" + cell for cell in RISKY]
    assert {r["annotator"] for r in rows} == {"'-eve"} and {r["note"] for r in rows} == {"'+note"}
    assert rows[0]["title"] == "'=HYPERLINK(\"x\")"
    assert [r["start"] for r in rows] == sorted((r["start"] for r in rows), key=int)
    assert manifest["counts"]["neutralized"] == len(RISKY)
    assert manifest["counts"]["warnings"] == len(RISKY) + 1  # each span, and the title


def test_a_span_that_does_not_match_its_text_stops_the_export(sample, tmp_path):
    """Invariant 3 is checked on export: a damaged span stops it, and no file is left."""
    from annotator.store import InvariantError

    with sample.project.transaction() as conn:
        conn.execute("UPDATE spans SET start = start + 1, \"end\" = \"end\" + 1 "
                     "WHERE text = '京东' AND annotator = 'bob'")
    for name, out in (("doccano", "x.jsonl"), ("csv", "x.csv"), ("brat", "brat")):
        with pytest.raises(InvariantError, match="says '京东' but the text there is '东表'"):
            export_format(sample.project, name, tmp_path / out, all_annotators=True, options={})
        assert not (tmp_path / out).exists()
    assert not list(tmp_path.glob(".*partial"))
