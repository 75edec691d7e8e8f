"""Word boundaries in code points: jieba for Han runs, a regex for Latin text, snap and trim."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import segment
from annotator.core.segment import (
    EDGE_PUNCTUATION,
    add_terms,
    sentence_at,
    snap,
    tokens,
    trim,
    trim_edges,
    word_at,
    word_edge,
)

SENTENCE = "阿里今年的小目标是新增至少1亿用户"
ALPHABET = list("阿里今年的小目标是双十一ab Z10.,%'-\n，。") + ["\u3000", "\u00a0", "😀", "𠮷"]
small_texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=30)
quick = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """jieba's cache goes to a temporary XDG cache home, not the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        segment.reset()
        segment.warm_up()
        yield
        segment.reset()


@pytest.fixture
def fresh() -> Iterator[None]:
    """No project terms and no tokenizer before the test; none left after it."""
    segment.reset()
    yield
    segment.reset()


def jieba_words(text: str) -> list[tuple[int, int]]:
    return [(a, b) for _, a, b in segment._get_tokenizer().tokenize(text)]


def words(text: str, lang: str | None = None) -> list[str]:
    return [text[a:b] for a, b in tokens(text, lang)]


def test_importing_core_loads_neither_jieba_nor_charset_normalizer() -> None:
    code = (
        "import sys\n"
        "import annotator.core.segment as s, annotator.core.text, annotator.core.offsets\n"
        "assert s.tokens('the company 阿里', lang='en')\n"
        "bad = [m for m in ('jieba', 'charset_normalizer', 'PySide6') if m in sys.modules]\n"
        "sys.exit(str(bad) if bad else 0)\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_segmenting_skips_pkg_resources_and_still_builds_the_dictionary(tmp_path: Path) -> None:
    """jieba imported without setuptools' slow pkg_resources (issue 14) reads its dictionary
    and HMM tables by path: a fresh cache builds the trie, and the words are jieba's."""
    code = (
        "import sys\n"
        "from annotator.core import segment\n"
        "text = '崔丽丽在聚划算的直播间里卖出了三千五百万元的货'\n"
        "print('/'.join(text[a:b] for a, b in segment.tokens(text, 'zh')))\n"
        "sys.exit('pkg_resources' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=root, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "崔/丽丽/在/聚/划算/的/直播间/里/卖出/了/三千五百/万元/的/货"
    assert list((tmp_path / "annotator").glob("jieba-*.trie"))


def test_double_eleven_is_one_token_only_after_add_terms(fresh: None) -> None:
    text = "今年双十一期间，拼多多的销量"
    assert "双十一" not in words(text)  # plain jieba: 双十 / 一
    assert words("双十一") == [w for w, _, _ in segment._get_tokenizer().tokenize("双十一")]
    assert words("双十一") == ["双十", "一"]
    add_terms(["双十一", "拼多多", " ", ""])
    assert words(text)[:3] == ["今年", "双十一", "期间"]
    assert "拼多多" in words(text)
    assert [w for w, _, _ in segment._get_tokenizer().tokenize(text)][:2] == ["今年", "双十一"]


def test_terms_added_before_the_tokenizer_exists_apply_later(fresh: None) -> None:
    add_terms(["双十一"])
    assert not segment.is_ready()
    assert words("迎来双十一的高峰") == ["迎来", "双十一", "的", "高峰"]
    assert segment.is_ready()


def test_mixed_and_latin_terms_hold_together(fresh: None) -> None:
    text = "我在B站看Ant Group和Alibaba的新闻"
    assert "B站" not in words(text)
    add_terms(["B站", "Ali"])
    assert words(text)[:3] == ["我", "在", "B站"]
    assert "Alibaba" in words(text)  # a term inside a longer word never splits it


def test_snap_mid_word_expands_to_jieba_words() -> None:
    spans = jieba_words(SENTENCE)
    assert tokens(SENTENCE) == spans
    assert any(b - a > 1 for a, b in spans)

    def word_of(i: int) -> tuple[int, int]:
        return next((a, b) for a, b in spans if a <= i < b)

    for i in range(len(SENTENCE)):
        for j in range(i + 1, len(SENTENCE) + 1):
            assert snap(SENTENCE, i, j) == (word_of(i)[0], word_of(j - 1)[1]), (i, j)


def test_snap_latin_word() -> None:
    text = "the company said"
    i = text.index("ompan")
    assert snap(text, i, i + 5) == (4, 11)
    assert text[4:11] == "company"
    assert snap(text, i, i + 9) == (4, 16)  # "ompany sa" -> "company said"
    assert snap(text, 3, i + 2) == (4, 11)  # leading space trimmed, then widened


def test_offsets_are_exact_after_astral_characters_and_newlines() -> None:
    prefix = "😀𠮷\n第一行。\n"
    text = prefix + SENTENCE
    shift = len(prefix)
    assert tokens(text)[-len(jieba_words(SENTENCE)) :] == [
        (a + shift, b + shift) for a, b in jieba_words(SENTENCE)
    ]
    assert words(text)[:2] == ["😀", "𠮷"]
    i = text.index("今年") + 1
    assert text[slice(*snap(text, i, i + 1))] == "今年"
    assert snap(text, 0, 1) == (0, 1)


def test_latin_words_and_numbers() -> None:
    text = "Revenue rose 3.5% to 1,000 units; don't stop, state-owned COVID-19 company's 50％"
    assert words(text) == [
        "Revenue", "rose", "3.5%", "to", "1,000", "units", ";", "don't", "stop", ",",
        "state-owned", "COVID-19", "company", "'", "s", "50％",
    ]  # fmt: skip


def test_emoji_sequences_and_combining_marks_stay_whole() -> None:
    text = "好👍🏽 🇨🇳 👨\u200d👩\u200d👧 cafe\u0301"
    assert words(text) == ["好", "👍🏽", "🇨🇳", "👨\u200d👩\u200d👧", "cafe\u0301"]


def test_english_mode_does_not_segment_chinese() -> None:
    assert words("马云 said", lang="en") == ["马", "云", "said"]


def test_trim_and_snap_drop_surrounding_whitespace() -> None:
    text = " \u3000阿里\u00a0今年 \n the company \t"
    start, end = trim(text, 0, len(text))
    assert text[start:end] == "阿里\u00a0今年 \n the company"
    assert snap(text, 0, len(text)) == (start, end)
    assert trim(text, 0, 2) == (0, 0)
    assert snap(text, 0, 2) == (0, 0)
    assert snap(text, 4, 5) == (4, 4)  # only NBSP
    assert snap(text, 3, 3) == (3, 3)  # empty selection
    i = text.index("company")
    assert trim(text, i + 1, i + 4) == (i + 1, i + 4)  # trim never widens


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (2, 1), (0, 99)])
def test_selection_out_of_range_raises(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        snap(SENTENCE, start, end)
    with pytest.raises(ValueError, match="out of range"):
        trim(SENTENCE, start, end)


def test_word_at() -> None:
    text = "阿里 the company"
    assert word_at(text, 1) == (0, 2)
    assert word_at(text, 2) is None
    assert word_at(text, len(text)) is None
    assert word_at(text, len(text) - 1) == (7, 14)


@quick
@given(small_texts)
def test_tokens_are_sorted_disjoint_and_cover_every_visible_character(text: str) -> None:
    spans = tokens(text)
    covered: set[int] = set()
    for (a, b), nxt in zip(spans, spans[1:] + [(len(text), len(text))]):
        assert 0 <= a < b <= nxt[0]
        assert not any(ch.isspace() for ch in text[a:b])
        covered.update(range(a, b))
    assert covered == {i for i, ch in enumerate(text) if not ch.isspace()}


@quick
@given(small_texts, st.data())
def test_snap_widens_to_the_words_at_both_ends_and_drops_edge_punctuation(
        text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    kept = [k for k in range(i, j) if not text[k].isspace() and text[k] not in EDGE_PUNCTUATION]
    start, end = snap(text, i, j)
    if not kept:
        assert (start, end) == (i, i)
        return
    spans = tokens(text)
    first, last = trim_edges(text, i, j)
    assert start == next(a for a, b in spans if a <= first < b)
    assert end == next(b for a, b in spans if a <= last - 1 < b)
    assert text[start] not in EDGE_PUNCTUATION and text[end - 1] not in EDGE_PUNCTUATION
    assert snap(text, start, end) == (start, end)


def test_long_line_windows_match_whole_line_segmentation() -> None:
    text = "阿里今年的小目标是新增至少1亿用户。The company's 3.5% growth，双十一！ " * 300
    assert len(text) > 3 * segment._WINDOW
    spans = tokens(text)
    starts = {a: (a, b) for a, b in spans}
    by_char = {k: span for span in starts.values() for k in range(*span)}
    for i in range(0, len(text) - 3, 37):
        if text[i].isspace() or text[i + 2].isspace():
            continue
        first, last = trim_edges(text, i, i + 3)
        if first == last:
            continue
        assert snap(text, i, i + 3) == (by_char[first][0], by_char[last - 1][1]), i


def test_snap_in_a_1_mb_line_segments_only_a_window_around_the_selection(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The work of one snap does not grow with the article, even in a line with no place to
    cut (how fast it is: benchmarks/bench_segment.py)."""
    segmented: list[int] = []
    original = segment._window_tokens

    def spy(chunk: str, lang: str | None) -> tuple[tuple[int, int], ...]:
        segmented.append(len(chunk))
        return original(chunk, lang)

    monkeypatch.setattr(segment, "_window_tokens", spy)
    paragraph = (SENTENCE + "，双十一期间拼多多和京东竞争激烈。") * 30
    article = "\n".join([paragraph] * 3)
    offset = len(paragraph) + 1  # the second line
    assert snap(article, offset + 480, offset + 490) == tuple(
        offset + x for x in snap(paragraph, 480, 490))
    assert segmented == [len(paragraph)] * len(segmented)  # only that line
    segmented.clear()
    long_line = SENTENCE * 60_000  # 1 MB, no whitespace or 。 to cut at
    start, end = snap(long_line, 500_001, 500_010)
    assert start <= 500_001 and end >= 500_010
    assert segmented and max(segmented) <= segment._WINDOW


def test_cache_lives_in_the_user_cache_dir_and_nothing_is_printed(
    fresh: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    segment.warm_up()
    assert [p.name for p in (tmp_path / "cache" / "annotator").iterdir()] == [
        f"jieba-{sys.modules['jieba'].__version__}.trie"
    ]
    assert tokens("阿里")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
    monkeypatch.setenv("HOME", os.fspath(Path.cwd() / "nonexistent-home-for-test"))
    monkeypatch.setattr(Path, "mkdir", lambda *a, **k: None)
    assert segment.cache_dir() == Path.cwd() / "nonexistent-home-for-test" / ".cache" / "annotator"


def test_warm_up_from_many_threads_makes_one_tokenizer(fresh: None) -> None:
    made: list[object] = []
    threads = [
        threading.Thread(target=lambda: made.append(segment._get_tokenizer())) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 4 and all(t is made[0] for t in made)


@pytest.mark.parametrize(("text", "selected", "stored"), [
    ("此前。数据显示，下沉市场", "。数据显示，下沉市场", "数据显示，下沉市场"),
    ("社交电商平台京喜。", "社交电商平台京喜。", "社交电商平台京喜"),
    ("“百亿补贴”，", "百亿补贴”，", "百亿补贴"),
    ("「双十一」『天猫』《人民日报》（新华社）【快讯】", "「双十一」『天猫』《人民日报》（新华社）【快讯】",
     "双十一」『天猫』《人民日报》（新华社）【快讯"),
    ("‘京东’、‘阿里’；：？！…—·", "‘京东’、‘阿里’；：？！…—·", "京东’、‘阿里"),
    ('He said: "(growth) [fast]!?"', ': "(growth) [fast]!?"', "growth) [fast"),
    ("增长62%。", "62%。", "62%"),
    ("用户超过60%，", "超过60%，", "超过60%"),
    ("亏损-1.6亿元。", "-1.6亿元。", "-1.6亿元"),
    ("a (+5％) gain", "(+5％)", "+5％"),
    ('raised "$3.5bn".', '"$3.5bn".', "$3.5bn"),
    ("by Alibaba Group Holding Ltd.", "Alibaba Group Holding Ltd.", "Alibaba Group Holding Ltd."),
    ("Foo Inc., and Bar Co.", "Foo Inc.,", "Foo Inc."),
    ("from the U.S.", "the U.S.", "the U.S."),
    ("it grew.", "grew.", "grew"),
])  # fmt: skip
def test_snap_trims_edge_punctuation_never_inside_and_keeps_numbers_and_abbreviations(
        text: str, selected: str, stored: str) -> None:
    i = text.index(selected)
    start, end = snap(text, i, i + len(selected))
    assert text[start:end] == stored


def test_a_selection_of_only_punctuation_snaps_to_nothing() -> None:
    assert snap("京东。”，阿里", 2, 5) == (2, 2)


def test_sentence_at_ends_at_sentence_marks_or_the_line_end() -> None:
    text = "第一句话。京东也在下沉市场发力！\nHello there? Fine 3.5% growth\n"
    assert text[slice(*sentence_at(text, text.index("下沉")))] == "京东也在下沉市场发力！"
    assert text[slice(*sentence_at(text, 0))] == "第一句话。"
    assert text[slice(*sentence_at(text, text.index("there")))] == "Hello there?"
    assert text[slice(*sentence_at(text, text.index("3.5")))] == "Fine 3.5% growth"
    assert sentence_at(text, text.index("\n")) is None


def test_word_edge_steps_by_words_and_skips_punctuation() -> None:
    text = "京东也在下沉市场发力。阿里巴巴回应"
    assert word_edge(text, 4, True, ends=True) == 6  # 下沉
    assert word_edge(text, 4, False, ends=True) == 3
    assert word_edge(text, 10, True, ends=True) == 15  # over 。 to 阿里巴巴
    assert word_edge(text, 11, False, ends=False) == 8  # back over 。 to 发力
    assert word_edge(text, len(text), True, ends=True) == len(text)  # nothing further
