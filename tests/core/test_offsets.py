"""Code point <-> UTF-16 conversion (invariant 2), checked against Python's own UTF-16 codec."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import OffsetIndex, from_utf16, to_utf16

SPECIAL = [
    "😀",
    "𠮷",
    "阿",
    "里",
    "a",
    "Z",
    " ",
    "\n",
    "\u00a0",
    "\u2028",
    "👍",
    "\U0001f3fd",
    "\U0010ffff",
]
texts = st.text(
    alphabet=st.sampled_from(SPECIAL) | st.characters(exclude_categories=["Cs"]), max_size=40
)


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_concrete_span_after_emoji_and_extension_b() -> None:
    text = "😀𠮷阿里"
    index = OffsetIndex(text)
    assert text[2:4] == "阿里"
    assert index.span_to_utf16(2, 4) == (4, 6)
    assert index.span_from_utf16(4, 6) == (2, 4)
    assert index.utf16_length == 6
    assert index.length == 4
    assert to_utf16(text, 2) == 4
    assert from_utf16(text, 6) == 4


@given(texts)
def test_every_code_point_offset_matches_the_utf16_codec(text: str) -> None:
    index = OffsetIndex(text)
    assert index.utf16_length == utf16_len(text)
    for cp in range(len(text) + 1):
        u = index.to_utf16(cp)
        assert u == utf16_len(text[:cp])
        assert to_utf16(text, cp) == u
        assert index.is_boundary_utf16(u)
        assert index.from_utf16(u) == cp
        assert from_utf16(text, u) == cp


@given(texts)
def test_mid_surrogate_offsets_are_detected_and_snapped(text: str) -> None:
    index = OffsetIndex(text)
    boundaries = {index.to_utf16(cp) for cp in range(len(text) + 1)}
    for u in range(index.utf16_length + 1):
        if u in boundaries:
            assert index.is_boundary_utf16(u)
            continue
        assert not index.is_boundary_utf16(u)
        with pytest.raises(ValueError, match="surrogate pair"):
            index.from_utf16(u)
        left = index.from_utf16(u, snap="left")
        right = index.from_utf16(u, snap="right")
        assert right == left + 1
        assert ord(text[left]) > 0xFFFF
        assert index.to_utf16(left) == u - 1
        assert index.to_utf16(right) == u + 1


@given(texts, st.data())
def test_slicing_the_utf16_encoding_gives_the_same_text(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    index = OffsetIndex(text)
    encoded = text.encode("utf-16-le")
    ua, ub = index.span_to_utf16(a, b)
    assert encoded[2 * ua : 2 * ub].decode("utf-16-le") == text[a:b]


@given(st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"])))
def test_text_without_astral_characters_converts_by_identity(text: str) -> None:
    index = OffsetIndex(text)
    assert not index.has_astral
    assert index.utf16_length == len(text)
    for cp in range(len(text) + 1):
        assert index.to_utf16(cp) == cp == index.from_utf16(cp)


@pytest.mark.parametrize("text", ["", "abc", "😀𠮷阿里"])
def test_out_of_range_offsets_raise(text: str) -> None:
    index = OffsetIndex(text)
    for bad in (-1, len(text) + 1):
        with pytest.raises(ValueError, match="out of range"):
            index.to_utf16(bad)
        with pytest.raises(ValueError, match="out of range"):
            to_utf16(text, bad)
    for bad in (-1, index.utf16_length + 1):
        with pytest.raises(ValueError, match="out of range"):
            index.from_utf16(bad)
        with pytest.raises(ValueError, match="out of range"):
            index.is_boundary_utf16(bad)
        with pytest.raises(ValueError, match="out of range"):
            from_utf16(text, bad, snap="left")


def test_unknown_snap_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="snap"):
        OffsetIndex("😀").from_utf16(1, snap="middle")  # type: ignore[arg-type]


def test_many_astral_characters_convert_quickly() -> None:
    text = "阿里😀" * 100_000
    index = OffsetIndex(text)
    assert index.to_utf16(len(text)) == 400_000
    assert index.from_utf16(400_000 - 2) == len(text) - 1
    assert index.from_utf16(400_000 - 1, snap="right") == len(text)
