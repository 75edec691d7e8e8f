"""Byte sizes as people write them: ``500M``, ``2G``, ``1.5GB``, ``200 MB``, ``4096`` (no Qt).

Units are binary (K = 1024 bytes, M = 1024 K, ...), as ``ls -h`` and ``du -h`` count them.
"""

from __future__ import annotations

import re

_UNITS = {"": 0, "K": 1, "M": 2, "G": 3, "T": 4}
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``"500M"`` -> 524288000. ValueError (with the text and an example) for anything else,
    zero or a negative size."""
    match = _SIZE_RE.match(str(text))
    if match is None:
        raise ValueError(f"'{text}' is not a size (write it like 500M, 2G or 4096 bytes)")
    number, unit = match.groups()
    size = int(float(number) * 1024 ** _UNITS[unit.upper()])
    if size <= 0:
        raise ValueError(f"'{text}' is not a size greater than zero")
    return size


def format_size(n: int) -> str:
    """``524288000`` -> ``"500 MB"``; whole numbers drop their decimals; under 1 KB in bytes."""
    if n < 1024:
        return f"{n} bytes" if n != 1 else "1 byte"
    value = float(n)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            break
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} {unit}"
