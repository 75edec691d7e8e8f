"""Decoding and the canonical article text (invariant 1)."""

from __future__ import annotations

import codecs
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text import (
    HAN_RANGES,
    TextDecodeError,
    canonical_text,
    decode_bytes,
    guess_language,
    normalize_newlines,
    sha256_text,
)

# Written for these tests: Chinese with English, full-width punctuation, 𠮷 (U+20BB7) and an emoji.
ARTICLE = (
    "阿里巴巴（Alibaba）今年的小目标是新增至少1亿用户。\n"
    "“双十一”期间，拼多多的GMV增长了3.5%，交易额达到￥1,000亿。\n"
    "吉野家的“𠮷”字不在GBK里，表情😀也不在。\n"
    "The company said it expects growth to continue.\n"
)
ARTICLE_BMP = ARTICLE.replace("𠮷", "吉").replace("😀", "")


def encodings_of(text: str) -> dict[str, bytes]:
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8 BOM": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16-le BOM": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf-16-be BOM": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf-32-le BOM": codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
        "gb18030": text.encode("gb18030"),
    }


@pytest.mark.parametrize("label", list(encodings_of(ARTICLE)))
def test_every_encoding_gives_the_same_canonical_text(label: str) -> None:
    data = encodings_of(ARTICLE)[label]
    text, _ = canonical_text(data, f"article.{label}")
    assert text == ARTICLE
    assert sha256_text(text) == sha256_text(ARTICLE)


def test_gbk_article_decodes_with_gb18030() -> None:
    with pytest.raises(UnicodeEncodeError):
        ARTICLE.encode("gbk")  # the astral characters need GB18030
    text, encoding = canonical_text(ARTICLE_BMP.encode("gbk"), "gbk.txt")
    assert (text, encoding) == (ARTICLE_BMP, "gb18030")
    assert sha256_text(text) == sha256_text(canonical_text(ARTICLE_BMP.encode("utf-8"))[0])


def test_reported_encodings() -> None:
    assert decode_bytes(ARTICLE.encode("utf-8"))[1] == "utf-8"
    assert decode_bytes(codecs.BOM_UTF8 + b"a")[1] == "utf-8-sig"
    assert decode_bytes(codecs.BOM_UTF16_LE + "a".encode("utf-16-le"))[1] == "utf-16-le"
    assert decode_bytes(codecs.BOM_UTF16_BE + "a".encode("utf-16-be"))[1] == "utf-16-be"
    assert decode_bytes(ARTICLE.encode("gb18030"))[1] == "gb18030"


def test_only_one_utf8_bom_is_removed() -> None:
    data = codecs.BOM_UTF8 + "\ufeff阿里".encode()
    assert decode_bytes(data) == ("\ufeff阿里", "utf-8-sig")


@pytest.mark.parametrize(
    "text",
    ["你好", "中国人", "新闻标题", "阿里今年的小目标是新增至少1亿用户", "臺灣的經濟學家認為"],
)
def test_short_chinese_in_gbk_is_not_misdetected(text: str) -> None:
    # charset-normalizer 3.5.3 alone says big5 / cp949 for the first three
    assert decode_bytes(text.encode("gbk"), "short.txt") == (text, "gb18030")


@pytest.mark.parametrize(
    "text",
    [
        "臺灣的經濟學家認為，這個問題很複雜。\n政府應該提出更多的政策來支持中小企業。\n",
        "臺灣的經濟學家認為，這個問題很複雜。",  # charset-normalizer alone: shift_jis_2004
        "經濟",
    ],
)
def test_big5_traditional_chinese_decodes(text: str) -> None:
    assert decode_bytes(text.encode("big5"), "trad.txt") == (text, "big5")


def test_utf16_without_bom_is_detected_when_it_has_ascii() -> None:
    text = "Hello 阿里巴巴, this is UTF-16 without a byte order mark.\n"
    assert decode_bytes(text.encode("utf-16-le"), "u16.txt")[0] == text
    assert decode_bytes(text.encode("utf-16-be"), "u16.txt")[0] == text


@pytest.mark.parametrize(
    "text",
    ["He said “hello” — and left… it cost €5.", "The café served crème brûlée, naïvely."],
)
def test_windows_1252_english(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), "en.txt") == (text, "cp1252")


def test_korean_is_not_read_as_chinese() -> None:
    text = "한국의 경제 성장률이 올해 2% 대로 떨어질 것이라는 전망이 나왔다."
    assert decode_bytes(text.encode("euc-kr"), "ko.txt") == (text, "cp949")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\n\r\nb\r", "a\n\nb\n"),
        ("mixed\r\nnew\rlines\nhere\r\r\n", "mixed\nnew\nlines\nhere\n\n"),
        ("\n\r", "\n\n"),
    ],
)
def test_newlines_normalize(raw: str, expected: str) -> None:
    assert normalize_newlines(raw) == expected
    assert canonical_text(raw.encode("utf-8"))[0] == expected


def test_nothing_but_newlines_changes() -> None:
    kept = "a\u00a0b\u2028c\u2029d\te\u3000Ｆ\x85g\x0bh\x0ci  \n  trailing  \n"
    assert normalize_newlines(kept) == kept
    assert canonical_text(kept.encode("utf-8"))[0] == kept
    assert kept.splitlines() != kept.split("\n")  # why splitlines must not be used


@given(st.text(alphabet=st.sampled_from(["\r", "\n", "a", "阿", "\u2028", "\u00a0", "😀"])))
def test_newline_normalization_property(text: str) -> None:
    result = normalize_newlines(text)
    assert "\r" not in result
    assert result == text.replace("\r\n", "\n").replace("\r", "\n")
    assert normalize_newlines(result) == result


def test_sha256_is_of_the_utf8_encoding() -> None:
    assert sha256_text("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert sha256_text("阿里") != sha256_text("阿里\n")


def test_empty_input_is_refused() -> None:
    with pytest.raises(TextDecodeError, match=r"^empty\.txt: the file is empty$"):
        decode_bytes(b"", "empty.txt")
    with pytest.raises(ValueError, match="the file is empty"):  # TextDecodeError is a ValueError
        canonical_text(b"")


def test_binary_with_nul_bytes_names_the_file_and_offset() -> None:
    data = b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(512)
    with pytest.raises(TextDecodeError, match=r"^picture\.png: contains NUL bytes at byte offset"):
        decode_bytes(data, "picture.png")


@pytest.mark.parametrize("seed", range(5))
def test_binary_without_nul_bytes_is_not_text(seed: int) -> None:
    rng = random.Random(seed)
    data = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(1, 256) for _ in range(512))
    with pytest.raises(TextDecodeError, match=r"^picture\.png: not a text file"):
        decode_bytes(data, "picture.png")


def test_nul_byte_in_utf8_text_names_the_byte_offset() -> None:
    with pytest.raises(TextDecodeError, match=r"^notes\.txt: contains NUL bytes at byte offset 9;"):
        decode_bytes("阿里 ab\x00cd".encode(), "notes.txt")


def test_nul_character_after_decoding_names_the_position() -> None:
    data = codecs.BOM_UTF16_LE + "😀阿\x00".encode("utf-16-le")
    with pytest.raises(
        TextDecodeError, match=r"^u16\.txt: contains a NUL character at position 2;"
    ):
        decode_bytes(data, "u16.txt")


def test_invalid_utf16_after_bom_is_refused() -> None:
    data = codecs.BOM_UTF16_LE + b"\x00\xd8a\x00"  # a lone high surrogate
    with pytest.raises(
        TextDecodeError, match=r"^bad\.txt: starts with a utf-16-le byte order mark"
    ):
        decode_bytes(data, "bad.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ARTICLE, "zh"),
        ("阿里今年的小目标是新增至少1亿用户", "zh"),
        ("Alibaba (阿里巴巴) said revenue rose 12% in the quarter to a record high.", "en"),
        ("The company said it expects growth to continue.", "en"),
        ("阿里巴巴集团（Alibaba Group）", "zh"),
        ("", ""),
        ("12345 ,.;!? 😀", ""),
        ("ひらがなとカタカナの文章です", ""),
        ("Экономика России", ""),
    ],
)
def test_guess_language(text: str, expected: str) -> None:
    assert guess_language(text) == expected


def test_guess_language_reads_only_the_start_of_a_long_article() -> None:
    # the guess runs for every imported file: it samples the first characters, so a Chinese
    # article followed by a long English appendix stays Chinese (and costs the same as a short one)
    text = "阿里今年的小目标是新增至少1亿用户。" * 60 + "The appendix is in English. " * 5000
    assert guess_language(text) == "zh"
    assert guess_language(text, sample=len(text)) == "en"


@given(st.text(alphabet=st.sampled_from("阿里京东 ab,.1Éяかㄱ\n"), max_size=60))
def test_guess_language_follows_its_documented_rules(text: str) -> None:
    # the rules, counted one character at a time (guess_language counts runs and stops early)
    han = len(re.findall(f"[{HAN_RANGES}]", text))
    latin = len(re.findall(r"[A-Za-z\u00c0-\u024f]", text))
    other = len(re.findall(r"[^\W\d_]", text)) - han - latin
    letters = han + latin + other
    expected = ("" if letters == 0 else "zh" if han * 5 >= letters and han >= other
                else "en" if latin * 2 >= letters else "")
    assert guess_language(text) == expected
