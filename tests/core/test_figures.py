"""The figure parser (issue 12): values in base units, units, hedges, basis, and the span a
figure covers. The table of cases is in figure_cases.py."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.figures import (
    APPROXES,
    BASES,
    Figure,
    find_figures,
    format_figure,
    parse_figure,
)
from tests.core.figure_cases import CASES, NOT_FIGURES


def test_the_table_holds_at_least_150_cases_in_both_languages_and_every_approx_and_basis() -> None:
    chinese = [c for c in CASES if any("\u4e00" <= ch <= "\u9fff" for ch in c[0])]
    assert len(CASES) >= 150
    assert 50 <= len(chinese) <= len(CASES) - 50
    assert {c[4] for c in CASES} == set(APPROXES)
    assert {c[5] for c in CASES} == {*BASES, None}


@pytest.mark.parametrize(("sentence", "span", "value", "unit", "approx", "basis"), CASES)
def test_find_figures_marks_the_span_a_person_would_with_its_attributes(
        sentence: str, span: str, value: float | None, unit: str, approx: str,
        basis: str | None) -> None:
    found = {sentence[m.start:m.end]: m for m in find_figures(sentence)}
    assert span in found, f"found {sorted(found)}"
    match = found[span]
    assert match.start == sentence.index(span)
    assert match.figure == Figure(value, unit, approx, basis)
    assert type(match.figure.value) is type(value)  # 250000000, not 250000000.0


@pytest.mark.parametrize(("sentence", "span", "value", "unit", "approx", "basis"), CASES)
def test_parse_figure_reads_a_marked_span_in_its_sentence_alike(
        sentence: str, span: str, value: float | None, unit: str, approx: str,
        basis: str | None) -> None:
    start = sentence.index(span)
    assert parse_figure(span, sentence, start) == Figure(value, unit, approx, basis)
    assert parse_figure(span, sentence) == Figure(value, unit, approx, basis)  # start searched
    assert parse_figure(span) == Figure(value, unit, approx, None)


@pytest.mark.parametrize(("text", "why"), NOT_FIGURES)
def test_what_a_reader_would_not_call_a_figure_is_not_found(text: str, why: str) -> None:
    assert find_figures(text) == [], why


@pytest.mark.parametrize("text", ["", "营收", "同比增长", "about a third of sales", "  ", "%", "数据", "万" * 2000])
def test_a_text_without_a_number_parses_to_none(text: str) -> None:
    assert parse_figure(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023年", Figure(2023, "年")),  # a year a person marked is read as written
     ("一家", Figure(1, "家")),
     ("同比增长9%", Figure(9, "%", "exact", "yoy")),  # a span that took the verb and the basis
     ("rose 9% year on year", Figure(9, "%", "exact", "yoy")),
     (" 约2.5亿元\n", Figure(250000000, "CNY", "about")),
     ("营收5亿元，利润1亿元", Figure(500000000, "CNY"))],  # the first figure of a longer span
)
def test_parse_figure_reads_whatever_a_person_marked_that_holds_a_number(
        text: str, expected: Figure) -> None:
    assert parse_figure(text) == expected


def test_a_basis_word_of_another_clause_is_not_the_figures_basis() -> None:
    sentence = "营收同比增长5%，利润达到3亿元"
    assert parse_figure("3亿元", sentence, sentence.index("3亿元")).basis is None
    assert parse_figure("5%", sentence, sentence.index("5%")).basis == "yoy"


def test_the_sentence_may_be_the_whole_article() -> None:
    article = "营收达到5亿元。" * 2000 + "利润同比增长9%，" + "营收达到5亿元。" * 2000
    start = article.index("9%")
    assert parse_figure("9%", article, start) == Figure(9, "%", "exact", "yoy")
    assert parse_figure("5亿元", article, 0).basis is None


def test_a_marked_span_the_parser_would_not_find_still_takes_its_clauses_basis() -> None:
    sentence = "出货量同比增长一家"  # 一家 alone is no figure for find_figures
    assert parse_figure("一家", sentence, sentence.index("一家")) == Figure(1, "家", "exact", "yoy")


def test_figures_come_in_order_and_do_not_overlap() -> None:
    text = "阿里营收同比增长9%至约2.5亿元，近8万家商家中超过60%来自县城，2个百分点，48小时以内"
    spans = [text[start:end] for start, end, _ in find_figures(text)]
    assert spans == ["9%", "约2.5亿元", "近8万家", "超过60%", "2个百分点", "48小时以内"]


@pytest.mark.parametrize(
    ("figure", "shown"),
    [(Figure(250000000, "CNY", "about"), "≈ 250,000,000 CNY"),
     (Figure(60, "%", "over"), "> 60 %"),
     (Figure(80000, "家", "under"), "< 80,000 家"),
     (Figure(2, "pp"), "2 pp"),
     (Figure(3, "x"), "3 ×"),
     (Figure(100000000, "用户", "at_least"), "≥ 100,000,000 用户"),
     (Figure(48, "小时", "at_most"), "≤ 48 小时"),
     (Figure(12.5, "%"), "12.5 %"),
     (Figure(-160000000, "CNY"), "-160,000,000 CNY"),
     (Figure(1234.5, ""), "1,234.5"),
     (Figure(None, "家", "about"), "≈ ? 家")],
)
def test_format_figure_shows_the_hedge_as_a_sign(figure: Figure, shown: str) -> None:
    assert format_figure(figure) == shown


MAGNITUDES = [("", 1), ("十", 10), ("百", 100), ("千", 1000), ("万", 10**4), ("十万", 10**5),
              ("百万", 10**6), ("千万", 10**7), ("亿", 10**8), ("十亿", 10**9), ("百亿", 10**10),
              ("千亿", 10**11), ("万亿", 10**12), (" thousand", 10**3), (" million", 10**6),
              (" billion", 10**9), (" trillion", 10**12), ("k", 10**3), ("m", 10**6),
              ("mn", 10**6), ("bn", 10**9), ("tn", 10**12), ("K", 10**3), ("M", 10**6),
              ("BN", 10**9)]


@pytest.mark.parametrize(("word", "scale"), MAGNITUDES)
def test_each_magnitude_of_the_issue_scales_whole_and_decimal_numbers(word: str, scale: int) -> None:
    assert parse_figure(f"3{word}") == Figure(3 * scale, "")
    assert parse_figure(f"3.5{word}") == Figure(int(35 * scale) // 10 if scale >= 10 else 3.5, "")


@settings(max_examples=300)
@given(n=st.integers(min_value=0, max_value=10**12), magnitude=st.sampled_from(MAGNITUDES),
       separators=st.booleans())
def test_any_ascii_integer_with_a_magnitude_reads_as_its_value(
        n: int, magnitude: tuple[str, int], separators: bool) -> None:
    word, scale = magnitude
    text = f"{n:,}{word}" if separators else f"{n}{word}"
    figure = parse_figure(text)
    assert figure == Figure(n * scale, "")
    assert format_figure(figure) == f"{n * scale:,}"


FRAGMENTS = ["约", "近", "超过", "至少", "不超过", "about ", "more than ", "up to ", "同比", "环比",
             "增长", "rose ", "year on year", "，", "。", ", ", " and ", "而", "2.5", "8", "300",
             "1,200", "7000", "２０", "三千五百", "两", "四", "一", "十", "万", "亿", "千", "百",
             "多", "余", "亿元", "万元", "元", "%", "％", "个百分点", "成", "倍", "家", "人",
             "用户", "小时", "以内", "以上", "左右", "上下", " million", "bn", " users", "$",
             "HK$", " percent", "-", "负", "百分之", "年", "月", "第", "A", "x", " ", "\n",
             "2023", ":", "/", ".", "数", "几", "September ", " Sept.", "𠮷", "~", "基点", " basis points",
             "－"]
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=2), max_size=30).map("".join)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_found_spans_never_overlap_and_read_back_as_the_same_figure(text: str) -> None:
    found = find_figures(text)
    previous_end = 0
    for match in found:
        assert previous_end <= match.start < match.end <= len(text)
        previous_end = match.end
        span = text[match.start:match.end]
        assert span == span.strip()
        assert parse_figure(span, text, match.start) == match.figure
        assert parse_figure(span) == dataclasses.replace(match.figure, basis=None)
