"""Damaged, read-only and tampered project files on the command line (issue 8, items 4 and 10).

Every command answers a damaged file with one line (never a traceback); a healthy project in a
read-only folder can be read; ``check`` notices a changed text, a span out of range and a failed
integrity check.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from file_attacks import damage_an_index_page, random_body, truncate_half
from test_cli import ROOT, one_error_line, run

from annotator.core.model import ArticleRecord
from annotator.store import Project

TEXT = "阿里今年的小目标是新增至少1亿用户。"


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Project.create(path) as project:
        project.add_articles([ArticleRecord(text=TEXT, title="阿里"),
                              ArticleRecord(text="JD.com will invest more.", title="JD")], "x")
        first = project.articles()[0].id
        project.add_span(first, 0, 2, "company", "ann")
    return path


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "new.txt"
    path.write_text("拼多多的战略是下沉市场。\n", encoding="utf-8")
    return path


def _every_command(project: Path, tmp_path: Path, article_file: Path) -> list[list[object]]:
    return [["import", project, article_file], ["list", project], ["stats", project],
            ["check", project], ["labels", project], ["terms", project, "--add", "阿里"],
            ["snapshot", project, tmp_path / "copy.db"],
            ["export", project, "-f", "jsonl", "-o", tmp_path / "out.jsonl"],
            ["merge", project, project], ["agreement", project]]


@pytest.mark.parametrize("damage", [truncate_half, random_body], ids=["truncated", "random-body"])
def test_every_command_on_a_damaged_file_prints_one_line(capsys, damage, small_project: Path,
                                                         tmp_path: Path, article_file: Path):
    damage(small_project)
    before = small_project.read_bytes()
    for args in _every_command(small_project, tmp_path, article_file):
        code, _, err = run(capsys, *args)
        assert code == 1, args
        assert "is damaged" in one_error_line(err), args
    assert small_project.read_bytes() == before
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / "out.jsonl").exists()


def test_import_into_a_file_that_fails_its_integrity_check_is_refused_with_checks_words(
        capsys, small_project: Path, article_file: Path):
    damage_an_index_page(small_project)
    code, out, _ = run(capsys, "check", small_project)
    assert code == 1
    finding = out.splitlines()[0]
    assert finding.startswith("quick_check: ")
    before = small_project.read_bytes()
    code, _, err = run(capsys, "import", small_project, article_file)
    assert code == 1 and finding in one_error_line(err)
    assert small_project.read_bytes() == before


# ------------------------------------------------------------------ a truly read-only folder
READ_ONLY_RUN = textwrap.dedent("""
    import json, sys
    from annotator import cli
    from contextlib import redirect_stderr, redirect_stdout
    from io import StringIO
    results = []
    for args in json.loads(sys.argv[1]):
        out, err = StringIO(), StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(args)
        results.append([code, out.getvalue(), err.getvalue()])
    print(json.dumps(results))
""")


def _run_in_read_only_folder(folder: Path, commands: list[list[str]]) -> list[list]:
    """Run CLI commands while ``folder`` is really read-only: a read-only bind mount in a private
    mount namespace when root (permission bits do not stop root), else chmod a-w."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANNOTATOR_USER": "carol"}
    argv = [sys.executable, "-c", READ_ONLY_RUN, json.dumps(commands)]
    if os.geteuid() == 0:
        if shutil.which("unshare") is None:
            pytest.skip("root without unshare: cannot make a folder read-only")
        quoted = " ".join(f"'{a}'" for a in argv[:1]) + " -c \"$0\" \"$1\""
        argv = ["unshare", "-m", "sh", "-c",
                f"mount --bind '{folder}' '{folder}' && "
                f"mount -o remount,bind,ro '{folder}' '{folder}' && exec {quoted}",
                READ_ONLY_RUN, json.dumps(commands)]
        done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
        if "mount" in done.stderr and done.returncode != 0:
            pytest.skip(f"no private read-only mount here: {done.stderr.strip()}")
    else:
        folder.chmod(0o555)
        try:
            done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
        finally:
            folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_healthy_project_in_a_read_only_folder_can_be_read_and_writes_name_the_folder(
        small_project: Path, tmp_path: Path, article_file: Path):
    folder = tmp_path / "shelf"
    folder.mkdir()
    project = folder / "news.db"
    shutil.move(small_project, project)
    out = tmp_path / "out"
    out.mkdir()
    listing = sorted(p.name for p in folder.iterdir())
    reading = [["list", str(project)], ["check", str(project)], ["stats", str(project)],
               ["labels", str(project)], ["snapshot", str(project), str(out / "copy.db")],
               ["export", str(project), "-f", "jsonl", "-o", str(out / "o.jsonl")]]
    writing = [["import", str(project), str(article_file)],
               ["terms", str(project), "--add", "阿里"]]
    results = _run_in_read_only_folder(folder, reading + writing)

    for args, (code, _, stderr) in zip(reading, results):
        assert code == 0, (args, stderr)
        assert "damaged" not in stderr
    assert "阿里" in results[0][1] and results[1][1].startswith("ok: 2 articles, 1 spans")
    with Project.open(out / "copy.db", readonly=True) as copy:
        assert copy.span_count() == 1
    for args, (code, _, stderr) in zip(writing, results[len(reading):]):
        assert code == 1, args
        assert f"the folder {folder.resolve()} is read-only" in one_error_line(stderr)
    assert sorted(p.name for p in folder.iterdir()) == listing


# ------------------------------------------------------------------ check catches tampering
def _tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(sql)
    finally:
        conn.close()


def test_check_notices_an_article_text_changed_behind_its_sha256(capsys, small_project: Path):
    # the span [0, 2) still matches: only the sha256 comparison can notice
    _tamper(small_project, "UPDATE articles SET text = text || '!' WHERE title = '阿里'")
    code, out, err = run(capsys, "check", small_project)
    assert code == 1
    assert out.splitlines() == ["article 1 (阿里): text does not match its sha256"]
    assert "1 problem(s)" in one_error_line(err)


def test_check_notices_a_span_out_of_range(capsys, small_project: Path):
    _tamper(small_project, 'UPDATE spans SET start = 30, "end" = 40')
    code, out, _ = run(capsys, "check", small_project)
    assert code == 1
    assert f"[30, 40) is outside the text (length {len(TEXT)})" in out


def test_check_notices_a_failed_integrity_check(capsys, small_project: Path):
    damage_an_index_page(small_project)
    code, out, err = run(capsys, "check", small_project)
    assert code == 1
    assert out.startswith("quick_check: ") and "problem(s)" in one_error_line(err)
