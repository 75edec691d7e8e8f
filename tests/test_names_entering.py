"""Names that hide are refused wherever they enter headless: every ``--annotator`` (and
``--who``, ``-a``), ``$ANNOTATOR_USER``, import files (native JSONL and dataset formats), scheme
files and the store's label API (issue 8, item 6)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from annotator import cli
from annotator.core.text import sha256_text
from annotator.store import LabelError, Project

SPOOF = "bob\u202eecilA"  # shows as "bobAlice"
TEXT = "阿里今年的小目标是新增至少1亿用户。"


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ANNOTATOR_USER", "carol")
    path = tmp_path / "p.db"
    Project.create(path, title="p").close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _native(path: Path, annotator: str = "alice", label: str = "company") -> Path:
    records = [
        {"text": "第一篇", "sha256": sha256_text("第一篇"), "spans": []},
        {"text": TEXT, "sha256": sha256_text(TEXT), "spans": [
            {"start": 0, "end": 2, "text": "阿里", "label": label, "annotator": annotator}]},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


# ------------------------------------------------------------------------------- the CLI
@pytest.mark.parametrize("args", [
    ["import", "{p}", "{f}", "--annotator", SPOOF],
    ["terms", "{p}", "--add", "双十一", "--annotator", SPOOF],
    ["export", "{p}", "-f", "jsonl", "-o", "{o}", "--annotator", SPOOF],
    ["merge", "{p}", "{p}", "--who", SPOOF],
    ["agreement", "{p}", "-a", SPOOF, "-a", "bo"],
    ["gui", "{p}", "--annotator", SPOOF],
], ids=["import", "terms", "export", "merge", "agreement", "gui"])
def test_a_spoofing_name_on_any_command_line_is_a_usage_error(capsys, made, tmp_path, args):
    f = _native(tmp_path / "in.jsonl")
    before = made.read_bytes()
    argv = [a.format(p=made, f=f, o=tmp_path / "out.jsonl") for a in args]
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert "U+202E" in err and "\u202e" not in err
    assert made.read_bytes() == before and not (tmp_path / "out.jsonl").exists()


def test_at_names_are_refused_for_people_but_gold_selects_the_gold_layer(capsys, made, tmp_path):
    code, _, err = _run(capsys, "import", made, _native(tmp_path / "in.jsonl"),
                        "--annotator", "@gold")
    assert code == 2 and "reserved for layers" in err
    code, _, err = _run(capsys, "export", made, "-f", "jsonl", "-o", tmp_path / "g.jsonl",
                        "--annotator", "@gold")
    assert code == 0, err


def test_a_spoofing_annotator_user_variable_is_refused_in_one_line(capsys, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setenv("ANNOTATOR_USER", SPOOF)
    code, _, err = _run(capsys, "new", tmp_path / "n.db")
    assert code == 1 and not (tmp_path / "n.db").exists()
    assert err.strip().startswith("annotator: error: $ANNOTATOR_USER: annotator name")
    assert "U+202E" in err and len(err.strip().splitlines()) == 1


def test_a_decomposed_name_on_the_command_line_is_stored_in_nfc(capsys, made, tmp_path):
    nfd = unicodedata.normalize("NFD", "José")
    code, _, err = _run(capsys, "import", made, _native(tmp_path / "in.jsonl", annotator=""),
                        "--annotator", nfd)
    assert code == 0, err
    with Project.open(made, readonly=True) as project:
        assert {s.annotator for a in project.articles() for s in project.spans(a.id)} == {
            "José"}


# ------------------------------------------------------------------------------- import files
def test_a_native_jsonl_span_by_a_spoofing_annotator_is_refused_with_file_and_line(
        capsys, made, tmp_path):
    f = _native(tmp_path / "in.jsonl", annotator=SPOOF)
    code, _, err = _run(capsys, "import", made, f)
    assert code == 1
    assert f"{f}:2: span 1: annotator name 'bob\\u202eecilA' contains" in err
    assert "nothing was imported" in err
    with Project.open(made, readonly=True) as project:
        assert project.articles() == []


def test_skip_bad_imports_the_good_records_and_reports_the_spoofed_one(capsys, made, tmp_path):
    f = _native(tmp_path / "in.jsonl", annotator=SPOOF)
    code, out, _ = _run(capsys, "import", made, f, "--skip-bad")
    assert code == 0 and f"{f}:2: span 1: annotator name" in out
    with Project.open(made, readonly=True) as project:
        assert [project.article(a.id).text for a in project.articles()] == ["第一篇"]


def test_a_native_jsonl_label_with_a_zero_width_space_is_refused(capsys, made, tmp_path):
    f = _native(tmp_path / "in.jsonl", label="com\u200bpany")
    code, _, err = _run(capsys, "import", made, f, "--create-labels")
    assert code == 1 and f"{f}:2: span 1: label name" in err and "U+200B" in err


def test_an_imported_decomposed_annotator_is_stored_in_nfc(capsys, made, tmp_path):
    f = _native(tmp_path / "in.jsonl", annotator=unicodedata.normalize("NFD", "José"))
    assert _run(capsys, "import", made, f)[0] == 0
    with Project.open(made, readonly=True) as project:
        assert {s.annotator for a in project.articles() for s in project.spans(a.id)} == {
            "José"}


def test_a_dataset_format_label_with_a_bidi_isolate_is_refused_with_file_and_line(
        capsys, made, tmp_path):
    f = tmp_path / "doccano.jsonl"
    f.write_text(json.dumps({"text": TEXT, "label": [[0, 2, "公司\u2066"]]},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    code, _, err = _run(capsys, "import", made, f, "--format", "doccano", "--create-labels")
    assert code == 1 and f"{f}:1: span 1: label name" in err and "U+2066" in err


# ------------------------------------------------------------------------------- schemes, store
def test_a_scheme_file_with_a_spoofing_label_is_refused_naming_file_and_label(capsys,
                                                                              tmp_path):
    scheme = tmp_path / "scheme.json"
    scheme.write_text(json.dumps([{"name": "claim"}, {"name": "fig\u202eure"}]),
                      encoding="utf-8")
    code, _, err = _run(capsys, "new", tmp_path / "n.db", "--labels", scheme)
    assert code == 1 and not (tmp_path / "n.db").exists()
    assert f"{scheme}: label 2: label name 'fig\\u202eure'" in err


def test_a_text_scheme_with_a_65_character_label_is_refused(capsys, tmp_path):
    scheme = tmp_path / "scheme.txt"
    scheme.write_text("claim\n" + "x" * 65 + "\n", encoding="utf-8")
    code, _, err = _run(capsys, "new", tmp_path / "n.db", "--labels", scheme)
    assert code == 1 and "label 2: label name" in err and "at most 64" in err


def test_the_store_refuses_adding_or_renaming_a_label_to_a_hiding_name(made):
    with Project.open(made) as project:
        with pytest.raises(LabelError, match="U\\+200D"):
            project.add_label("per\u200dson", "carol")
        with pytest.raises(LabelError, match="U\\+202E"):
            project.update_label("claim", "carol", new_name="cl\u202eaim")
        assert [label.name for label in project.labels()][0] == "claim"
        added = project.add_label(unicodedata.normalize("NFD", "société"), "carol")
        assert added.name == "société"
