"""Agreement over shared work (issue 9, point 1): an article counts for a pair only when both
annotators worked on it (a span, or a status other than todo), unless ``--units`` says
otherwise; what was left out is counted."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from annotator.review import Doc, agreement, load_docs
from annotator.review.report_html import render
from annotator.review_cli import add_parsers
from annotator.samples import create_sample_project
from annotator.store import Project
from tests.review.helpers import EN, ZH, make_project

# alice and bob: three company spans each on the Chinese article, one of them the same
ALICE_ZH = [(0, 2, "company", "alice"), (18, 20, "company", "alice"),
            (24, 26, "company", "alice")]
BOB_ZH = [(0, 2, "company", "bob"), (18, 19, "company", "bob"), (22, 24, "company", "bob")]


def _agreement_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    parser = argparse.ArgumentParser(prog="annotator")
    add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["agreement", *argv, "--json", "--tokens", "char"])
    assert args.func(args) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def issue_case(tmp_path: Path) -> Path:
    """The issue's case: alice and bob on the Chinese article, alice alone on the English."""
    return make_project(tmp_path / "p.db", [("阿里", ZH, ALICE_ZH + BOB_ZH),
                                            ("county", EN, [(0, 7, "company", "alice")])])


def test_an_article_only_alice_touched_is_left_out_of_alice_and_bob(issue_case, capsys):
    data = _agreement_json(capsys, str(issue_case))
    assert data["units"] == "touched"
    [pair] = data["pairs"]
    assert (pair["articles"], pair["articles_left_out"]) == (1, 1)
    assert pair["corpus"]["all"]["f1_exact"] == pytest.approx(1 / 3)  # as before the English
    assert data["overall"]["articles_left_out"] == 1


def test_units_all_keeps_the_old_rule_the_issue_reported(issue_case, capsys):
    data = _agreement_json(capsys, str(issue_case), "--units", "all")
    [pair] = data["pairs"]
    assert (data["units"], pair["articles"], pair["articles_left_out"]) == ("all", 2, 0)
    assert pair["corpus"]["all"]["f1_exact"] == pytest.approx(2 / 7)  # 0.286 of the issue


def test_bobs_status_alone_says_nothing_to_label_and_counts(issue_case, capsys):
    with Project.open(issue_case) as project:
        project.set_status(2, "done", "bob")  # bob read the English article: no company
    [pair] = _agreement_json(capsys, str(issue_case))["pairs"]
    assert (pair["articles"], pair["articles_left_out"]) == (2, 0)
    assert pair["corpus"]["all"]["f1_exact"] == pytest.approx(2 / 7)


def test_units_done_takes_only_articles_both_marked_done(issue_case, capsys):
    with Project.open(issue_case) as project:
        project.set_status(1, "done", "alice")
        project.set_status(2, "done", "alice")
        project.set_status(1, "in-progress", "bob")
    [pair] = _agreement_json(capsys, str(issue_case), "--units", "done")["pairs"]
    assert (pair["articles"], pair["articles_left_out"]) == (0, 2)
    with Project.open(issue_case) as project:
        project.set_status(1, "done", "bob")
    [pair] = _agreement_json(capsys, str(issue_case), "--units", "done")["pairs"]
    assert (pair["articles"], pair["articles_left_out"]) == (1, 1)


def test_overall_counts_an_article_only_when_every_annotator_worked_on_it():
    docs = [Doc(1, "abcdef", "en", {"l": [(0, 2, "a")], "m": [(0, 2, "a")],
                                    "r": [(0, 3, "a")]}),
            Doc(2, "ghijkl", "en", {"l": [(0, 2, "a")], "m": [(0, 2, "a")]})]
    report = agreement(docs, ["l", "m", "r"], tokens="char")
    assert (report.overall.articles, report.overall.articles_left_out) == (1, 1)
    assert report.pair("l", "m").articles == 2  # both worked on both
    assert (report.pair("l", "r").articles, report.pair("l", "r").articles_left_out) == (1, 1)
    assert report.overall.corpus["all"]["f1_exact"] == pytest.approx(1 / 3)  # doc 1 only


def test_a_label_filter_does_not_make_an_article_untouched():
    doc = Doc(1, "abcdef", "en", {"l": [(0, 2, "a")]}, spanned=frozenset({"l", "r"}))
    report = agreement([doc], ["l", "r"], labels=["a"], tokens="char")
    assert report.pairs[0].articles == 1  # r labelled something else there: r worked on it


def test_bundled_sample_leaves_out_the_articles_lin_never_touched(tmp_path):
    create_sample_project(tmp_path / "sample.db").close()
    with Project.open(tmp_path / "sample.db", readonly=True) as project:
        docs, names = load_docs(project)
    assert names == ["lin", "sample"]
    report = agreement(docs, names, tokens="char")
    lin = {d.id for d in docs if d.layers.get("lin")}
    assert len(lin) == 1 and len(docs) == 5
    assert (report.pairs[0].articles, report.pairs[0].articles_left_out) == (1, 4)


def test_html_report_says_the_units_and_what_was_left_out(issue_case):
    with Project.open(issue_case, readonly=True) as project:
        docs, names = load_docs(project)
    page = render(agreement(docs, names, tokens="char"))
    assert "Units: touched" in page and "left out" in page


def test_the_printed_table_names_the_units_and_the_articles_left_out(issue_case, capsys):
    parser = argparse.ArgumentParser(prog="annotator")
    add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["agreement", str(issue_case), "--tokens", "char"])
    assert args.func(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("units: touched: an article counts when every compared annotator "
                             "worked on it (a span, or a status other than todo)")
    assert "left out" in lines[3]
    assert lines[4].split()[:5] == ["alice", "/", "bob", "1", "1"]
