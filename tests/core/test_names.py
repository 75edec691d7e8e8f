"""Names that hide: every annotator and label name passes core/names.py (issue 8, item 6)."""

from __future__ import annotations

import unicodedata

import pytest

from annotator.core.names import (
    GOLD,
    BadName,
    check_label_name,
    check_layer_name,
    check_person_name,
)

BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
ZERO_WIDTH = [chr(c) for c in [*range(0x200B, 0x2010), 0xFEFF]]


@pytest.mark.parametrize("char", BIDI + ZERO_WIDTH, ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_and_zero_width_characters_are_refused_in_person_and_label_names(char):
    for check in (check_person_name, check_label_name):
        with pytest.raises(BadName, match=f"U\\+{ord(char):04X}"):
            check(f"bob{char}ecilA")


def test_right_to_left_override_spoofing_alice_is_refused_and_shown_escaped():
    with pytest.raises(BadName) as info:
        check_person_name("bob\u202eecilA")
    message = str(info.value)
    assert "\u202e" not in message  # the message itself cannot be reordered
    assert "\\u202e" in message and "\n" not in message


@pytest.mark.parametrize("name", ["ali\x00ce", "ali\nce", "alice\x7f", "a\u2028b", "a\u0085b"])
def test_control_characters_and_line_separators_are_refused(name):
    with pytest.raises(BadName, match="invisible or control character"):
        check_person_name(name)


@pytest.mark.parametrize("name", [" alice", "alice ", "alice\u3000", "\u00a0alice"])
def test_whitespace_at_either_end_is_refused(name):
    with pytest.raises(BadName, match="whitespace"):
        check_person_name(name)


def test_empty_and_overlong_names_are_refused():
    with pytest.raises(BadName, match="empty"):
        check_label_name("")
    check_label_name("x" * 64)
    with pytest.raises(BadName, match="65 characters long"):
        check_label_name("x" * 65)
    with pytest.raises(BadName, match="at most 64"):
        check_person_name("名" * 5_000_000)


def test_a_name_that_is_not_text_is_refused():
    with pytest.raises(BadName, match="not text"):
        check_person_name(b"alice")


def test_names_are_stored_in_nfc_so_two_spellings_of_one_name_are_one_annotator():
    decomposed = unicodedata.normalize("NFD", "José")
    assert decomposed != "José"
    assert check_person_name(decomposed) == "José"
    assert check_label_name(unicodedata.normalize("NFD", "société")) == "société"


def test_at_names_are_layers_not_people():
    with pytest.raises(BadName, match="reserved for layers"):
        check_person_name(GOLD)
    with pytest.raises(BadName, match="reserved for layers"):
        check_person_name("@alice")
    assert check_layer_name(GOLD) == GOLD
    assert check_layer_name("alice") == "alice"
    with pytest.raises(BadName, match="reserved"):
        check_layer_name("@silver")


def test_ordinary_names_pass_unchanged():
    for name in ("alice", "王小明", "Mary-Jane O'Neil", "ann 2", "𠮷野家", "company"):
        assert check_person_name(name) == name
        assert check_label_name(name) == name
