"""Published dates as people type them. The store keeps any text ("2024年3月", "spring 2023");
the window warns when one does not look like ISO 8601, which sorting and every export expect."""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")


def iso_like(text: str) -> bool:
    """True for "" and for YYYY, YYYY-MM, YYYY-MM-DD (a real day), optionally with a time
    (``T`` or a space, HH:MM[:SS], a zone)."""
    text = text.strip()
    if not text:
        return True
    match = _ISO.fullmatch(text)
    if match is None:
        return False
    year, month, day = (int(match[k]) if match[k] else 1 for k in ("y", "m", "d"))
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
