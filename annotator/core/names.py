"""Annotator and label names: one check wherever a name enters (issue 8, item 6).

A name is shown in lists, reports and the change log; a character that is invisible or that
reorders text (bidi controls U+202A-U+202E and U+2066-U+2069, zero-width U+200B-U+200F and
U+FEFF, any control character) would let ``bob\\u202eecilA`` pass for "bobAlice". So a name is
NFC-normalized and must be 1-64 characters of visible text without whitespace at either end.
Names starting with ``@`` are layers (``@gold``), never people.

Each check returns the NFC name or raises ``BadName`` (a ``ValueError``) with a one-line message that shows the
offending character escaped (``repr`` escapes non-printable characters).
"""

from __future__ import annotations

import unicodedata
from typing import Any

MAX_NAME = 64
LAYER_PREFIX = "@"
GOLD = "@gold"
"""The gold layer (review/layers.py): usable wherever an annotator name selects spans, and the
annotator of every span of origin ``GOLD_ORIGIN``; who adjudicated is in its provenance."""
GOLD_ORIGIN = "adjudicated"
#: Unicode categories refused anywhere in a name: controls, format characters (bidi, zero
#: width), line and paragraph separators, surrogates, unassigned code points.
_REFUSED = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})


class BadName(ValueError):
    """A name that cannot be an annotator's or a label's; the message says why, in one line."""


def _check(name: Any, what: str) -> str:
    if type(name) is not str:
        raise BadName(f"{what} name {name!r} is not text")
    nfc = unicodedata.normalize("NFC", name)
    if not nfc:
        raise BadName(f"{what} name is empty")
    if nfc != nfc.strip():
        raise BadName(f"{what} name {nfc!r} starts or ends with whitespace")
    if len(nfc) > MAX_NAME:
        raise BadName(f"{what} name {nfc[:20]!r}... is {len(nfc)} characters long "
                         f"(at most {MAX_NAME})")
    for char in nfc:
        if unicodedata.category(char) in _REFUSED:
            raise BadName(f"{what} name {nfc!r} contains the invisible or control "
                             f"character U+{ord(char):04X}")
    return nfc


def check_person_name(name: Any) -> str:
    """An annotator's name: the NFC form, or ValueError (``@...`` is reserved for layers)."""
    nfc = _check(name, "annotator")
    if nfc.startswith(LAYER_PREFIX):
        raise BadName(f"annotator name {nfc!r} starts with {LAYER_PREFIX!r}, which is "
                         "reserved for layers such as @gold")
    return nfc


def check_layer_name(name: Any) -> str:
    """A name that selects spans (``agreement -a``, ``export --annotator``): a person's name or
    the gold layer ``@gold``."""
    return GOLD if name == GOLD else check_person_name(name)


def check_span_annotator(name: Any, origin: str) -> str:
    """The annotator of a span of ``origin``: ``@gold`` for an adjudicated span (the gold layer
    is not a person), a person's name otherwise."""
    if name == GOLD and origin == GOLD_ORIGIN:
        return GOLD
    if name == GOLD:
        raise BadName(f"annotator name {GOLD!r} is the gold layer: only an adjudicated span "
                      f"carries it, not a span of origin {origin!r}")
    return check_person_name(name)


def check_registry_name(name: Any, what: str = "company") -> str:
    """A company registry entry's name, alias or ticker: the NFC form, or BadName."""
    return _check(name, what)


def check_label_name(name: Any) -> str:
    """A label's name: the NFC form, or ValueError."""
    return _check(name, "label")
