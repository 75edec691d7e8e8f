"""Code-point offsets <-> UTF-16 code-unit offsets: the one place that converts (invariant 2).

Python indexes strings by code point; Qt (``QTextCursor`` positions) and JavaScript count UTF-16
code units, where every astral character (above U+FFFF: emoji, 𠮷 U+20BB7 and the rest of CJK
Extension B and later) takes two units, a surrogate pair. Spans are stored in code points; the UI
converts at its boundary with an :class:`OffsetIndex` built once per article text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Literal

Snap = Literal["left", "right"]

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


class OffsetIndex:
    """Converts offsets for one text; building is O(n), each conversion O(log a).

    ``a`` is the number of astral characters; texts without any (most articles) convert by
    identity. Offsets are positions between characters, 0 to length inclusive.
    """

    __slots__ = ("_length", "_astral", "_starts")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # code-point positions of astral characters, ascending
        self._astral = [m.start() for m in _ASTRAL_RE.finditer(text)]
        # UTF-16 position of the high surrogate of the k-th astral character
        self._starts = [cp + k for k, cp in enumerate(self._astral)]

    @property
    def length(self) -> int:
        """Length of the text in code points."""
        return self._length

    @property
    def utf16_length(self) -> int:
        """Length of the text in UTF-16 code units."""
        return self._length + len(self._astral)

    @property
    def has_astral(self) -> bool:
        """True when some offsets differ between the two units."""
        return bool(self._astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset ``cp`` (0 <= cp <= length)."""
        if not 0 <= cp <= self._length:
            raise ValueError(f"code-point offset {cp} out of range 0..{self._length}")
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def from_utf16(self, u: int, *, snap: Snap | None = None) -> int:
        """Code-point offset of UTF-16 offset ``u`` (0 <= u <= utf16_length).

        An offset between the two halves of a surrogate pair raises ValueError, unless ``snap``
        says where to go: "left" to the start of that character, "right" to its end.
        """
        if snap not in (None, "left", "right"):
            raise ValueError(f"snap must be 'left', 'right' or None, not {snap!r}")
        self._check_utf16(u)
        if not self._astral:
            return u
        before = bisect_left(self._starts, u)  # astral characters starting before u
        if before and self._starts[before - 1] + 1 == u:
            cp = self._astral[before - 1]
            if snap == "left":
                return cp
            if snap == "right":
                return cp + 1
            raise ValueError(f"UTF-16 offset {u} falls inside a surrogate pair")
        return u - before

    def is_boundary_utf16(self, u: int) -> bool:
        """False when ``u`` falls between the two halves of a surrogate pair."""
        self._check_utf16(u)
        if not self._astral:
            return True
        before = bisect_left(self._starts, u)
        return not (before and self._starts[before - 1] + 1 == u)

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """Convert a code-point span ``[start, end)`` to UTF-16."""
        return self.to_utf16(start), self.to_utf16(end)

    def span_from_utf16(self, start: int, end: int) -> tuple[int, int]:
        """Convert a UTF-16 span to code points, widening any half of a pair to the whole."""
        return self.from_utf16(start, snap="left"), self.from_utf16(end, snap="right")

    def _check_utf16(self, u: int) -> None:
        if not 0 <= u <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {u} out of range 0..{self.utf16_length}")


def to_utf16(text: str, cp: int) -> int:
    """One-off conversion of a code-point offset into ``text`` to UTF-16."""
    if not 0 <= cp <= len(text):
        raise ValueError(f"code-point offset {cp} out of range 0..{len(text)}")
    return cp + len(_ASTRAL_RE.findall(text, 0, cp))


def from_utf16(text: str, u: int, *, snap: Snap | None = None) -> int:
    """One-off conversion of a UTF-16 offset into ``text`` to code points (see OffsetIndex)."""
    return OffsetIndex(text).from_utf16(u, snap=snap)
