"""`annotator concordance PROJECT`: keyword-in-context lines and their CSV."""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from pathlib import Path

import pytest

from annotator.store import Project
from tests.test_cli import one_error_line, run

TEXTS = (
    ("阿里", "阿里今年的小目标是新增至少1亿用户。\nJD bets on logistics."),
    ("京东", "😀𠮷京东宣布投资5亿元，建设物流。"),
    ("Revenue", "Revenue rose 9% to $1.1 billion, the company said."),
    ("Formula", "=cmd|' /C calc'!A0 said Alibaba"),
)
#: (article, span text, label, annotator), in document order
SPANS = (
    (1, "1亿", "figure", "alice"), (1, "JD", "company", "bob"),
    (2, "京东", "company", "bob"), (2, "5亿元", "figure", "alice"),
    (3, "9%", "figure", "alice"), (3, "$1.1 billion", "figure", "bob"),
    (4, "Alibaba", "company", "alice"),
)


@pytest.fixture
def corpus(project_path: Path, tmp_path: Path) -> Path:
    with Project.create(project_path, title="concordance") as project:
        from annotator.core.model import ArticleRecord

        project.add_articles([ArticleRecord(text=text, title=title, where=f"t:{i}")
                              for i, (title, text) in enumerate(TEXTS)], "setup")
        for article, span, label, who in SPANS:
            start = TEXTS[article - 1][1].index(span)
            project.add_span(article, start, start + len(span), label, who)
    return project_path


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def test_printed_spans_line_up_when_chinese_characters_take_two_columns(capsys, corpus):
    code, out, err = run(capsys, "concordance", corpus, "--width", "12")
    assert code == 0 and err.strip() == "7 span(s) in 4 article(s)"
    printed = out.splitlines()
    assert len(printed) == len(SPANS)
    starts = set()
    for line, (_, span, _, _) in zip(printed, SPANS):
        at = line.index(f"  {span}  ")
        starts.add(columns(line[:at]))
    assert starts == {12}  # every span starts in the same terminal column
    # ... although the Chinese and the English lines hold different numbers of characters
    assert len({printed[0].index("  1亿  "), printed[4].index("  9%  ")}) == 2


def test_a_line_break_in_the_context_shows_as_a_mark_and_the_article_and_annotator_follow(
        capsys, corpus):
    _, out, _ = run(capsys, "concordance", corpus, "--label", "company", "--width", "30")
    first = out.splitlines()[0]
    assert "用户。⏎  JD  " in first and first.endswith("#1 阿里 · bob")


def test_filters_by_label_annotator_and_text_combine(capsys, corpus):
    def spans(*args: str) -> list[str]:
        code, out, _ = run(capsys, "concordance", corpus, "--width", "40", *args)
        assert code == 0
        return [next(s for _, s, _, _ in SPANS if f"  {s}  " in line)
                for line in out.splitlines()]

    assert spans("--label", "figure") == ["1亿", "5亿元", "9%", "$1.1 billion"]
    assert spans("--annotator", "bob") == ["JD", "京东", "$1.1 billion"]
    assert spans("--label", "figure", "--annotator", "bob") == ["$1.1 billion"]
    assert spans("--text", "亿") == ["1亿", "5亿元"]
    assert spans("--text", "BILLION") == ["$1.1 billion"]  # ASCII letters ignore case
    assert spans("--text", "%") == ["9%"]  # % and _ are characters, not wildcards
    assert spans("--text", "_") == []


def test_csv_has_the_columns_in_document_order_and_contexts_are_exact_slices(
        capsys, corpus, tmp_path):
    out = tmp_path / "lines.csv"
    code, printed, _ = run(capsys, "concordance", corpus, "--csv", out, "--width", "5")
    assert code == 0 and printed.strip() == f"wrote 7 line(s) to {out}"
    rows = read_csv(out)
    assert list(rows[0]) == ["article_id", "title", "annotator", "label", "left", "text",
                             "right", "start", "end", "span_id"]
    assert [r["text"] for r in rows] == [s for _, s, _, _ in SPANS]
    for row in rows:
        text = TEXTS[int(row["article_id"]) - 1][1]
        start, end = int(row["start"]), int(row["end"])
        assert text[start:end] == row["text"]
        assert row["left"] == text[max(0, start - 5):start]
        assert row["right"] == text[end:end + 5]
    assert rows[1]["right"] == " bets"
    assert rows[0]["right"] == "用户。\nJ"  # the CSV keeps the line break as it is


def test_an_emoji_and_an_astral_character_before_a_span_keep_its_offsets(capsys, corpus,
                                                                         tmp_path):
    out = tmp_path / "jd.csv"
    run(capsys, "concordance", corpus, "--annotator", "alice", "--text", "5亿", "--csv", out)
    (row,) = read_csv(out)
    assert (row["left"], row["text"], row["right"]) == ("😀𠮷京东宣布投资", "5亿元", "，建设物流。")
    assert (row["start"], row["end"]) == ("8", "11")  # code points, not UTF-16 units (10, 13)


def test_an_existing_csv_is_refused_and_kept_unless_force(capsys, corpus, tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("my notes\n", encoding="utf-8")
    code, _, err = run(capsys, "concordance", corpus, "--csv", out)
    assert code == 1 and "keep.csv already exists" in one_error_line(err)
    assert out.read_text(encoding="utf-8") == "my notes\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    code, _, _ = run(capsys, "concordance", corpus, "--csv", out, "--force")
    assert code == 0 and len(read_csv(out)) == len(SPANS)


def test_excel_and_safe_options_write_a_bom_and_defuse_formula_cells(capsys, corpus, tmp_path):
    out = tmp_path / "x.csv"
    code, printed, _ = run(capsys, "concordance", corpus, "--label", "company", "--csv", out,
                           "--excel", "--safe")
    assert code == 0 and "1 line(s) with cells prefixed" in printed
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out, "utf-8-sig")
    assert rows[-1]["left"] == "'=cmd|' /C calc'!A0 said "
    plain = tmp_path / "plain.csv"
    run(capsys, "concordance", corpus, "--label", "company", "--csv", plain)
    assert read_csv(plain)[-1]["left"] == "=cmd|' /C calc'!A0 said "  # as stored by default


def test_reading_never_writes_the_project(capsys, corpus, tmp_path):
    before = hashlib.sha256(corpus.read_bytes()).hexdigest()
    run(capsys, "concordance", corpus)
    run(capsys, "concordance", corpus, "--csv", tmp_path / "a.csv")
    assert hashlib.sha256(corpus.read_bytes()).hexdigest() == before


def test_a_misspelt_label_or_an_attribute_filter_is_one_clear_line(capsys, corpus):
    code, out, err = run(capsys, "concordance", corpus, "--label", "figures")
    assert code == 1 and out == ""
    assert "no label 'figures'" in one_error_line(err) and "figure" in err
    code, _, err = run(capsys, "concordance", corpus, "--attr", "certainty")
    assert code == 1 and "NAME=VALUE" in one_error_line(err)
