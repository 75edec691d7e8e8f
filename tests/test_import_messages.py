"""What a failing import says (issue 8, item 8): progress never claims "imported" before the
one transaction commits, and a JSON fault is reported where it is."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from annotator import cli


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    assert cli.main(["new", str(path)]) == 0
    return path


def test_a_failing_import_never_says_imported_before_nothing_was_imported(
        project, tmp_path, monkeypatch, capsys):
    src = tmp_path / "big.jsonl"
    good = [json.dumps({"text": f"第{n}篇文章。"}, ensure_ascii=False) for n in range(450)]
    src.write_text("\n".join(good) + '\n{"text": "bad", "x": tru}\n', encoding="utf-8")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["import", str(project), str(src)]) == 1
    said = terminal.getvalue()
    assert "read 400 records" in said
    assert said.count("imported") == 1 and said.rstrip().endswith("nothing was imported")
    assert f"{src}:451: not valid JSON (Expecting value at column 22)" in said


def test_a_pretty_printed_object_with_a_fault_is_reported_at_the_fault(project, tmp_path,
                                                                       capsys):
    """Read as JSON lines, its first line "{" was reported as the fault (column 1 or 2)."""
    src = tmp_path / "task.json"
    src.write_text('{\n  "data": {"text": "阿里"},\n  "annotations": tru\n}\n',
                   encoding="utf-8")
    assert cli.main(["import", str(project), str(src), "--format", "label-studio"]) == 1
    err = capsys.readouterr().err
    assert f"{src}:3: not valid JSON (Expecting value at column 18)" in err


def test_a_control_character_message_reads_once(project, tmp_path, capsys):
    src = tmp_path / "d.jsonl"
    src.write_text('{"text": "ok"}\n{"text": "a\tb"}\n', encoding="utf-8")
    assert cli.main(["import", str(project), str(src), "--format", "doccano"]) == 1
    err = capsys.readouterr().err
    assert "(Invalid control character at column 12)" in err and "at at" not in err
