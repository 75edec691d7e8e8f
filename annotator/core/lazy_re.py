"""Regular expressions compiled when first used, not when their module is imported.

Compiling a character class of Han or Hangul ranges costs ~2.5 ms; the window imports the
modules that hold them (``core/text.py``, ``core/segment.py``) before its first paint but
uses the patterns only later (importing files, snapping a selection): ~10 ms of start-up
(issue 14). ``lazy_re(pattern)`` stands for ``re.compile(pattern)``: the pattern is compiled
by its first method call or attribute read, once, and answers as the compiled one would.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast


class _LazyPattern:
    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:  # only for what the slots above do not hold
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self._pattern!r})"


def lazy_re(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done on first use."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, flags))
