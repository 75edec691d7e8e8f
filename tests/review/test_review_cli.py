"""The ``merge`` and ``agreement`` commands, and the self-contained HTML report."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from annotator.review import Doc, ReviewError, agreement
from annotator.review.report_html import render
from annotator.review_cli import add_parsers
from annotator.store import NotAProject, Project
from tests.review.helpers import file_hash, full_dump, make_project, snapshot

ZH = "阿里今年的小目标是新增至少1亿用户。京东表示下沉市场增长迅速。"


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="annotator")
    add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


@pytest.fixture
def two(tmp_path: Path) -> Path:
    return make_project(tmp_path / "two.db", [
        ("阿里", ZH, [(0, 2, "company", "ann"), (0, 2, "company", "bo"),
                    (13, 15, "figure", "ann"), (13, 16, "figure", "bo"),
                    (18, 20, "company", "ann"), (18, 20, "claim", "<b>bo</b>")]),
    ])


def test_agreement_prints_a_table(two, capsys):
    assert _run("agreement", str(two), "-a", "ann", "-a", "bo") == 0
    out = capsys.readouterr().out
    assert "ann / bo" in out and "F1exact" in out and "company" in out


def test_agreement_json_has_the_key_names(two, capsys):
    assert _run("agreement", str(two), "--json", "--tokens", "char") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tokens"] == "char" and len(data["pairs"]) == 3
    assert {"f1_exact", "f1_overlap", "cohen_kappa", "krippendorff_alpha"} <= set(
        data["pairs"][0]["corpus"]["all"])
    assert "fleiss_kappa" in data["overall"]["corpus"]["all"]


def test_agreement_label_filter(two, capsys):
    assert _run("agreement", str(two), "-a", "ann", "-a", "bo", "--label", "company",
                "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["labels"] == ["company"]
    assert data["pairs"][0]["corpus"]["all"]["f1_exact"] == pytest.approx(2 / 3)  # 1 of 2, 1


def test_agreement_user_errors(two, tmp_path):
    with pytest.raises(ReviewError, match="no spans by zoe"):
        _run("agreement", str(two), "-a", "ann", "-a", "zoe")
    with pytest.raises(ReviewError, match="needs two annotators"):
        _run("agreement", str(two), "-a", "ann")
    with pytest.raises(ReviewError, match="unknown label"):
        _run("agreement", str(two), "--label", "nope")
    lonely = make_project(tmp_path / "lonely.db", [("x", ZH, [(0, 2, "company", "ann")])])
    with pytest.raises(ReviewError, match="needs two annotators"):
        _run("agreement", str(lonely))


def test_agreement_html_report_is_self_contained(two, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert _run("agreement", str(two), "--html", str(out)) == 0
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page.lower() and "@import" not in page
    assert page.count("<table") >= 5 and page.count("<svg") >= 3
    for heading in ("F1 exact", "Cohen's κ", "Fleiss' κ", "Krippendorff's α"):
        assert heading in page
    assert "&lt;b&gt;bo&lt;/b&gt;" in page and "<b>bo</b>" not in page  # names are escaped
    assert f"report written to {out}" in capsys.readouterr().out


def test_report_renders_negative_and_undefined_values():
    docs = [Doc(1, "abcdefgh", "en", {"l": [(0, 4, "a")], "r": [(4, 8, "a")]})]
    page = render(agreement(docs, ["l", "r"], tokens="char"), title="t")
    assert "n/a" in page or "–" in page
    assert "<svg" in page


def test_merge_command_and_dry_run(two, tmp_path, capsys):
    other = snapshot(make_project(tmp_path / "other.db", [
        ("new", "拼多多的补贴战略吸引了县城消费者。", [(0, 3, "company", "chen")])]),
        tmp_path / "share.db")
    before, shared = full_dump(two), file_hash(other)
    assert _run("merge", str(two), str(other), "--dry-run") == 0
    assert "would add 1 article(s), 1 span(s)" in capsys.readouterr().out
    assert full_dump(two) == before
    assert _run("merge", str(two), str(other), "--who", "lead") == 0
    assert "added 1 article(s), 1 span(s)" in capsys.readouterr().out
    assert _run("merge", str(two), str(other), "--json") == 0
    reports = json.loads(capsys.readouterr().out)
    assert reports[0]["spans_present"] == 1 and reports[0]["spans_added"] == 0
    assert file_hash(other) == shared
    with Project.open(two, readonly=True) as project:
        assert project.changes("project")[0]["who"] == "lead"


def test_merge_command_refuses_a_foreign_file(two, tmp_path):
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    with pytest.raises(NotAProject):
        _run("merge", str(two), str(foreign))
