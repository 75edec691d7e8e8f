"""Export safety (issue 8, item 8): nothing a command wrote before is replaced without
``--force``; ``-o -`` writes the data to standard output and nothing else anywhere; errors name
the user's output, not our hidden temporary file; killed exports' temporary files are swept;
the native JSONL export has its manifest like every other export."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import cli
from annotator.core.model import ArticleRecord
from annotator.formats_cli import export_format
from annotator.outputs import OutputExists, refuse_existing, sweep_partials
from annotator.store import Project
from tests.test_cli import run

TEXT = "😀𠮷阿里今年的小目标是新增至少1亿用户。"


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with Project.create(path) as p:
        p.add_articles([ArticleRecord(text=TEXT, title="阿里"),
                        ArticleRecord(text="JD.com will invest more.", title="JD")], "x")
        a, b = (s.id for s in p.articles())
        p.add_span(a, 2, 4, "company", "alice")
        p.add_span(a, 15, 17, "figure", "bob", note="一亿")
        p.add_span(b, 0, 6, "company", "bob")
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("name,target,side", [
    ("doccano", "d.jsonl", "d.jsonl.manifest.json"),
    ("csv", "s.csv", "s.csv.warnings.jsonl"),
    ("label-studio", "t.json", "t.label_config.xml"),
    ("jsonl", "n.jsonl", "n.jsonl.manifest.json"),
])
def test_export_refuses_to_replace_the_output_or_any_file_it_writes_beside_it(
        project_file, tmp_path, capsys, name, target, side):
    (tmp_path / side).write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "export", project_file, "-f", name, "-o", tmp_path / target,
                         "--all-annotators")
    assert code == 1 and out == ""
    assert f"{tmp_path / side} already exists" in err and "--force" in err
    assert (tmp_path / side).read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / target).exists()
    code, out, err = run(capsys, "export", project_file, "-f", name, "-o", tmp_path / target,
                         "--all-annotators", "--force")
    assert code == 0, err
    assert (tmp_path / side).read_text(encoding="utf-8") != "mine"


def test_force_replaces_an_earlier_brat_export_whole(project_file, tmp_path, capsys):
    out = tmp_path / "brat"
    assert run(capsys, "export", project_file, "-f", "brat", "-o", out)[0] == 0
    (out / "stale.ann").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "export", project_file, "-f", "brat", "-o", out)
    assert code == 1 and "not an empty folder" in err and "--force" in err
    assert run(capsys, "export", project_file, "-f", "brat", "-o", out, "--force")[0] == 0
    assert not (out / "stale.ann").exists() and len(list(out.glob("*.ann"))) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dash_writes_the_data_to_stdout_the_summary_to_stderr_and_no_files(
        project_file, tmp_path, monkeypatch, capsys):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    buffer = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer, encoding="utf-8"))
    code = cli.main(["export", str(project_file), "-f", "doccano", "-o", "-",
                     "--all-annotators"])
    err = capsys.readouterr().err
    assert code == 0, err
    lines = buffer.getvalue().decode("utf-8").splitlines()
    assert [json.loads(line)["label"] for line in lines] == [[[4, 6, "company"],
                                                              [17, 19, "figure"]],
                                                             [[0, 6, "company"]]]
    assert "exported 2 articles, 3 spans, 0 relations, 0 overlapping to standard output" in err
    assert "1 span(s) could not be carried exactly (1 note dropped)" in err  # no file named
    assert list(work.iterdir()) == []  # no file named "-", no manifest, no warnings file
    assert not list(tmp_path.rglob("*.manifest.json"))


@pytest.mark.parametrize("name", ["brat", "label-studio"])
def test_dash_refuses_formats_that_write_more_than_one_file(project_file, tmp_path,
                                                             monkeypatch, capsys, name):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "export", project_file, "-f", name, "-o", "-")
    assert code == 1 and out == "" and "standard output cannot hold" in err
    assert not (tmp_path / "-").exists()


def test_a_write_error_names_the_output_not_the_hidden_partial_file(project_file, tmp_path,
                                                                    capsys):
    out = tmp_path / "d.jsonl"
    blocker = tmp_path / f".d.jsonl.{os.getpid()}.partial"
    blocker.mkdir()  # our temporary name is taken: opening it fails
    code, _, err = run(capsys, "export", project_file, "-f", "doccano", "-o", out,
                       "--all-annotators")
    assert code == 1
    assert f"error: {out}: " in err and ".partial" not in err


def test_partial_files_of_killed_exports_are_swept_at_the_next_export(project_file, tmp_path,
                                                                      capsys):
    dead = _dead_pid()
    killed = [tmp_path / f".big.jsonl.{dead}.partial",
              tmp_path / f".big.jsonl.warnings.{dead}.partial"]
    for path in killed:
        path.write_bytes(b"x" * 1000)
    (tmp_path / f".brat.{dead}.partial").mkdir()
    (tmp_path / f".brat.{dead}.partial" / "1.ann").write_text("", encoding="utf-8")
    running = tmp_path / f".other.jsonl.{os.getppid()}.partial"  # a live process: kept
    running.write_text("", encoding="utf-8")
    mine = tmp_path / ".notes.partial"  # not ours: kept
    mine.write_text("", encoding="utf-8")
    assert run(capsys, "export", project_file, "-f", "csv", "-o", tmp_path / "s.csv")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == sorted(
        [running.name, mine.name])


def test_sweep_leaves_a_folder_it_cannot_read_alone(tmp_path):
    assert sweep_partials(tmp_path / "missing") == []


def test_native_jsonl_export_writes_a_manifest_and_an_empty_warnings_file(project_file,
                                                                          tmp_path):
    out = tmp_path / "n.jsonl"
    with Project.open(project_file, readonly=True) as project:
        manifest = export_format(project, "jsonl", out, annotators=["bob"])
    on_disk = json.loads((tmp_path / "n.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest
    assert manifest["format"] == "jsonl" and manifest["offset_unit"] == "code points"
    assert manifest["counts"] == {"articles": 2, "spans": 2, "relations": 0, "warnings": 0}
    assert manifest["filters"]["annotators"] == ["bob"]
    assert (tmp_path / "n.jsonl.warnings.jsonl").read_text(encoding="utf-8") == ""


def test_snapshot_refuses_an_existing_file_unless_forced(project_file, tmp_path, capsys):
    out = tmp_path / "share.db"
    out.write_bytes(b"an older copy")
    code, _, err = run(capsys, "snapshot", project_file, out)
    assert code == 1 and "already exists" in err and "--force" in err
    assert out.read_bytes() == b"an older copy"
    assert run(capsys, "snapshot", project_file, out, "--force")[0] == 0
    with Project.open(out, readonly=True) as copy:
        assert copy.span_count() == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_agreement_html_refuses_an_existing_report_unless_forced(project_file, tmp_path,
                                                                  capsys):
    page = tmp_path / "report.html"
    page.write_text("last week's report", encoding="utf-8")
    code, _, err = run(capsys, "agreement", project_file, "--html", page)
    assert code == 1 and f"{page} already exists" in err and "--force" in err
    assert page.read_text(encoding="utf-8") == "last week's report"
    assert run(capsys, "agreement", project_file, "--html", page, "--force")[0] == 0
    assert "<table" in page.read_text(encoding="utf-8")


def test_refuse_existing_is_one_rule_for_every_writing_command(tmp_path):
    """The helper ``assign --out``, ``registry export`` and ``concordance --csv`` will call."""
    empty = tmp_path / "empty"
    empty.mkdir()
    refuse_existing([tmp_path / "new.csv", empty], force=False)  # nothing would be lost
    (tmp_path / "old.csv").write_text("x", encoding="utf-8")
    with pytest.raises(OutputExists, match="old.csv already exists; nothing was written"):
        refuse_existing(tmp_path / "old.csv", force=False)
    refuse_existing(tmp_path / "old.csv", force=True)
