"""The value of a number as news text writes it (no Qt): ``1,200``, ``４.７``, ``三千五百万``,
``十二点五亿``, ``2.1万亿``, ``1亿2000万``, ``两万五``.

Exact arithmetic (``Decimal``): ``4.7亿`` is 470000000, never 470000000.00000006. The figure
parser (``core/figures.py``) finds where a number is; this module only says what it is worth.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
BIG = (("亿", 10**8), ("万", 10**4))  # the first 亿 splits before any 万: 2.1万亿 = 2.1万 x 亿

FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")  # full-width digits, point
_ZEROS = "零〇"
_TOKEN_RE = re.compile(
    r"[0-9][0-9,]*(?:\.[0-9]+)?"          # ASCII digits (full-width ones translated first)
    r"|点[零〇一二两三四五六七八九]+"        # a Chinese decimal part
    r"|[零〇一二两三四五六七八九]+|[十百千万亿]"
)

Tokens = list[str]
MAX_LENGTH = 40  # a longer run of digits is an id or a code, not an amount


@lru_cache(maxsize=4096)
def number_value(core: str) -> Decimal | None:
    """What ``core`` (digits and Chinese numeral characters, nothing else) is worth, or None
    when it is not a well-formed number (``十二五``, ``千千``, ``万一`` is read as 10001 but
    the figure parser never asks for it)."""
    if len(core) > MAX_LENGTH:
        return None
    text = core.translate(FULL_WIDTH)
    tokens = _TOKEN_RE.findall(text)
    if not tokens or "".join(tokens) != text:
        return None
    if len(tokens) > 1 and any(len(t) > 1 and t[0] in CN_DIGITS and t[0] not in _ZEROS
                               for t in tokens):
        return None  # 二〇二三 alone is 2023; 两三万 is no number (two or three 万)
    return _big(tokens)


def _big(tokens: Tokens) -> Decimal | None:
    for mark, scale in BIG:
        if mark not in tokens:
            continue
        at = tokens.index(mark)
        left = _big(tokens[:at]) if at else Decimal(1)
        right_tokens = tokens[at + 1:]
        if left is None:
            return None
        if not right_tokens:
            return left * scale
        if len(right_tokens) == 1 and right_tokens[0] in CN_DIGITS and right_tokens[0] not in _ZEROS:
            return left * scale + CN_DIGITS[right_tokens[0]] * Decimal(scale) / 10  # 两万五
        right = _big(right_tokens)  # 一万零五: 零五 is 5
        if right is None or right >= scale:
            return None
        return left * scale + right
    return _section(tokens)


def _section(tokens: Tokens) -> Decimal | None:
    """A number below 万: digits, 十 百 千 (each smaller than the one before), a decimal part."""
    total = Decimal(0)
    current: Decimal | None = None
    single = False  # current is one digit: 三千五 is 3500, 十二 is 12
    last_mag: int | None = None
    zero = False  # a 零 stands for a missing place: 一百零五 is 105
    for token in tokens:
        if token in SMALL:
            mag = SMALL[token]
            if last_mag is not None and mag >= last_mag:
                return None
            total += (Decimal(1) if current is None else current) * mag
            current, last_mag, zero = None, mag, False
        elif token.startswith("点"):
            fraction = Decimal("0." + "".join(str(CN_DIGITS[c]) for c in token[1:]))
            if current is None:
                if last_mag is None:
                    return None
                total += fraction
            else:
                current += fraction
                single = False
        else:
            if current is not None:
                return None
            if token[0] in CN_DIGITS:
                if last_mag is not None and token[0] in _ZEROS:
                    zero = True
                    token = token.lstrip(_ZEROS)
                    if not token:
                        continue
                if len(token) > 1 and (last_mag is not None or total):
                    return None
                current = Decimal("".join(str(CN_DIGITS[c]) for c in token))  # 二〇二三: 2023
            else:
                current = Decimal(token.replace(",", ""))
            single = len(token) == 1
    if current is not None:
        if last_mag is not None and single and not zero:
            current = current * last_mag / 10
        total += current
    return total


def as_number(value: Decimal) -> int | float:
    """An int when the value is whole (250000000), else a float (2.5)."""
    return int(value) if value == value.to_integral_value() else float(value)
