"""Decoding and the canonical article text (invariant 1)."""

from __future__ import annotations

import codecs
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text import (
    ALLOWED_DETECTED,
    HAN_RANGES,
    BrokenUtf8,
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


def test_the_cafe_served_creme_brulee_in_cp1252_keeps_decoding() -> None:
    text = "The café served crème brûlée"
    assert decode_bytes(text.encode("cp1252"), "menu.txt") == (text, "cp1252")


# ---------------------------------------------------------------- encodings that lie (issue 8)
NEVER_UTF8 = [0xC0, 0xC1, *range(0xF5, 0x100)]  # bytes that occur nowhere in UTF-8
WORDS = ["The", "company", "said", "GMV", "rose", "3.5%", "in", "Q3", ",", ".", " ", "\n"]


@st.composite
def utf8_with_one_bad_byte(draw: st.DrawFn) -> tuple[bytes, int]:
    """Chinese, maybe mixed with English, with one byte overwritten by one that never occurs
    in UTF-8. When the text holds a single Chinese character the byte is not one of its own:
    b"\\xc1\\xb7\\xb8" is 淸 with its first byte overwritten and just as well GBK 练窺, so a
    lone damaged character cannot be told from two-byte legacy text."""
    han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1,
                  max_size=8)
    pieces = draw(st.lists(st.one_of(han, st.sampled_from(WORDS)), min_size=1, max_size=12))
    text = "".join(pieces)
    if text.isascii():
        text += draw(han)
    data = bytearray(text.encode("utf-8"))
    allowed = list(range(len(data)))
    if sum(not ch.isascii() for ch in text) == 1:
        start = next(i for i, byte in enumerate(data) if byte > 0x7F)
        allowed = [i for i in allowed if not start <= i < start + 3]
        if not allowed:
            data += b" said"
            allowed = list(range(len(data) - 5, len(data)))
    pos = draw(st.sampled_from(allowed))
    data[pos] = draw(st.sampled_from(NEVER_UTF8))
    return bytes(data), pos


@settings(max_examples=150)
@given(utf8_with_one_bad_byte())
def test_utf8_with_one_invalid_byte_is_refused_never_imported(case: tuple[bytes, int]) -> None:
    data, pos = case
    with pytest.raises(BrokenUtf8, match=r"^news\.txt:\d+: byte 0x[0-9a-f]{2} at offset "
                                         r"[\d,]+ is not valid UTF-8$") as caught:
        decode_bytes(data, "news.txt")
    assert caught.value.offset <= pos  # the first byte that cannot be UTF-8


def test_broken_utf8_names_line_and_byte_offset() -> None:
    lines = [f"第{n}行：文本 line {n}\n".encode() for n in range(1, 101)]
    data = bytearray(b"".join(lines))
    offset = len(b"".join(lines[:50])) + 3
    data[offset] = 0xFF
    with pytest.raises(BrokenUtf8) as caught:
        decode_bytes(bytes(data), "news.txt")
    assert str(caught.value) == f"news.txt:51: byte 0xff at offset {offset:,} is not valid UTF-8"


@pytest.mark.parametrize("rows", [1_001, 20_001])
def test_one_invalid_byte_is_not_read_as_cp737_mojibake(rows: int) -> None:
    # charset-normalizer calls these bytes cp737 and 文本 becomes όΨΘόευ in every record
    records = [f'{{"text": "文本 {n}"}}\n'.encode() for n in range(rows)]
    records[500] = records[500].replace(b"500", b"5\xff0")
    with pytest.raises(BrokenUtf8, match=r"^dump\.jsonl:501: byte 0xff at offset [\d,]+ is"):
        decode_bytes(b"".join(records), "dump.jsonl")
    records[500] = records[500].replace("文".encode(), b"\xff\x96")  # the bad byte in 文 itself
    with pytest.raises(BrokenUtf8, match=r"^dump\.jsonl:501: byte 0xff at offset"):
        decode_bytes(b"".join(records), "dump.jsonl")


def test_latin_text_in_utf8_with_a_bad_byte_is_refused_not_read_as_cp1252() -> None:
    data = "The café served crème brûlée.".encode().replace(b"served", b"serv\xffd")
    with pytest.raises(BrokenUtf8, match=r"^menu\.txt:1: byte 0xff at offset 14 "):
        decode_bytes(data, "menu.txt")


@pytest.mark.parametrize(
    ("text", "codec"),
    [("Экономика России растёт медленнее, чем ожидалось.", "cp1251"),
     ("Η οικονομία της Ελλάδας αναπτύσσεται.", "cp1253")],
)
def test_non_western_single_byte_text_is_refused_not_read_as_accented_latin(
        text: str, codec: str) -> None:
    with pytest.raises(TextDecodeError, match=r"^x\.txt: not a text file in a supported "
                                              r"encoding \(UTF-8, UTF-16, GB18030/GBK, Big5 or "
                                              r"Windows-1252\); save it as UTF-8$"):
        decode_bytes(text.encode(codec), "x.txt")


def test_detection_only_chooses_allowed_encodings() -> None:
    assert {"gb18030", "big5", "cp1252"} <= ALLOWED_DETECTED
    assert not {"cp737", "cp949", "shift_jis", "cp1250", "cp437"} & ALLOWED_DETECTED


def test_korean_is_refused_not_read_as_chinese() -> None:
    # EUC-KR is not on the allowlist (GB18030, Big5, UTF-16, Windows-1252): said, not guessed
    text = "한국의 경제 성장률이 올해 2% 대로 떨어질 것이라는 전망이 나왔다."
    with pytest.raises(TextDecodeError, match=r"^ko\.txt: looks like Korean \(EUC-KR\)"):
        decode_bytes(text.encode("euc-kr"), "ko.txt")


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
