"""Figures understood (issue 12, no Qt, no SQL): what 约2.5亿元 or "more than 300 million users"
is worth, in which unit, how hedged, and against which period.

- ``parse_figure(text, sentence, start)``: the figure a person marked, or None without a number.
- ``find_figures(text)``: every figure of a text (suggestions, a figure span's attributes), with
  code-point offsets, end-exclusive, never overlapping.
- ``format_figure(figure)``: the inspector's line, "≈ 250,000,000 CNY".

A figure's span is the hedge, the number, its magnitude and its unit (约2.5亿元, 超过60%, 48小时以内,
about HK$2bn), never the verb (增长, rose) nor the basis words (同比, year on year).

What ``find_figures`` leaves out, on purpose:

- years: a 4-digit number from 1900 to 2100 alone or followed by 年 (in 2023, over 2022,
  2023年, 二〇二三年); after a Chinese hedge it is a count (约2000, 近2000年);
- dates and times: 11月, 30日, 3点, 3季度, 10:30, 2023-11-30, 11/30, September 30, 30 Sept.;
- ordinals and names: 第3, 双11, 星期三, 90后, 90年代, iPhone 15, Windows 11, No. 1;
- a number inside an ASCII word: A380, 5G, COVID-19, 4K (k and m need money or a noun);
- ranges written with a dash or tilde (3-5%, 10%-20%, 5亿~6亿元), version numbers (3.5.1);
- 8 or more bare digits: 13800138000, 20231130 (phone numbers, ids);
- Chinese numeral characters that are no number where they stand: 一个, 三星, 百度, 十分,
  千万不要, 万一, 二手, 三四线;
- English number words (three, a dozen) and a hedge that does not touch the number (约为5亿
  gives 5亿, exact).

``parse_figure`` reads whatever a person marked all the same (2023年 is 2023 年, 一家 is 1 家).
Vague numbers (数万家, 几百人, 两三万个) are figures of unknown value: ``value`` None, about.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from annotator.core import figure_words as w
from annotator.core.figure_words import APPROX_SIGNS, APPROXES, BASES
from annotator.core.numerals import FULL_WIDTH, as_number, number_value

__all__ = ["APPROXES", "APPROX_SIGNS", "BASES", "Figure", "FigureMatch", "find_figures",
           "format_figure", "parse_figure"]


@dataclass(frozen=True)
class Figure:
    """``value`` in base units (250000000 for 2.5亿; None when only its order is known: 数万),
    ``unit`` (an ISO 4217 code, "%", "pp", "bp", "x", the counted noun as written, or ""),
    ``approx`` (one of APPROXES), ``basis`` (one of BASES, or None)."""

    value: float | int | None
    unit: str
    approx: str = w.EXACT
    basis: str | None = None


class FigureMatch(NamedTuple):
    """A figure found in a text: ``text[start:end]`` (code points, end-exclusive) is its span.
    A tuple: ``for start, end, figure in find_figures(text)``."""

    start: int
    end: int
    figure: Figure


_SP = "[ \u00a0]"
_D = "[0-9０-９]"
_DNUM = rf"{_D}{{1,3}}(?:,{_D}{{3}})+(?!{_D})(?:[.．]{_D}+)?|{_D}+(?:[.．]{_D}+)?"
_CD = "[零〇一二两三四五六七八九]"
_CM = "(?:千(?![克米瓦])|百(?!分)|[十万亿])"  # 5千克 is 5 kg, 0.5百分点 is 0.5 pp
_VAGUE = "数几"  # 数万, 几百: a number of that order, value unknown
_TWO_OR_THREE_RE = re.compile("一二|两三|二三|三四|四五|五六|六七|七八|八九")  # 两三万, 十二三岁: unknown too
_CORE = rf"(?:{_DNUM}|[{_VAGUE}](?={_CM})|{_CD}|{_CM})(?:{_CD}|{_CM}|点(?={_CD})|(?:{_DNUM})(?={_CM}))*"
_NOT_BEFORE_NUMBER = r"(?<![A-Za-z0-9_０-９.．])"
_EN_WORD_END = "(?![A-Za-z])"

_PRE = (rf"(?P<pre>(?<![最附临靠邻亲])近|(?<![合预签节制公条契])约"  # not 最近, 附近, 合约, 预约
        rf"|{w.alternation(set(w.ZH_BEFORE) - {'近', '约'})}"
        rf"|(?<![A-Za-z])(?i:{w.alternation(w.EN_BEFORE)}){_SP}+)")
_CURRENCY_BEFORE = rf"(?P<curpre>{w.alternation(w.CURRENCY_BEFORE)}){_EN_WORD_END}{_SP}?"
_EN_MAGNITUDE = (rf"(?P<emag>{_SP}?(?i:thousand|million|billion|trillion|mn|bn|tn)"
                 rf"|(?i:k|m)){_EN_WORD_END}")
_MONEY_UNITS = "|".join((  # after a currency sign too: 人民币5亿元
    rf"(?P<curafter>{w.alternation(w.ZH_CURRENCY_AFTER)})",
    rf"{_SP}?(?P<encur>{w.alternation(w.EN_CURRENCY_AFTER)}){_EN_WORD_END}",
))
_OTHER_UNITS = "|".join((
    rf"{_SP}?(?P<zhunit>{w.alternation(w.ZH_UNITS)})",  # 2.5 % too
    rf"(?P<tenths>{w.TENTHS})(?![交本为功立长员绩果熟])",  # 成交, 成本, 成为 are words
    rf"{_SP}?(?P<enunit>(?i:{w.alternation(set(w.EN_UNITS) - {'fold'})})){_EN_WORD_END}",
    rf"(?P<fold>-fold){_EN_WORD_END}",
    r"(?P<times>[xX×])(?![A-Za-z0-9])",
    rf"(?P<zhnoun>{w.alternation(w.ZH_NOUNS)})",
    rf"{_SP}(?P<ennoun>(?i:{w.alternation(w.EN_NOUNS)}s?)"
    rf"|(?!(?:{w.alternation(w.EN_NOT_NOUNS)}){_EN_WORD_END})[a-z]{{2,}}s){_EN_WORD_END}",
))
_POST = (rf"(?P<post>{w.alternation(set(w.ZH_AFTER) - {'上下', '多'})}|上下(?![游级文班楼])|(?<=[成年倍])多"
         rf"|{_SP}(?i:{w.alternation(w.EN_AFTER)}){_EN_WORD_END})")
_FIRST = "".join(sorted(
    {k[0] for k in (*w.ZH_BEFORE, *w.CURRENCY_BEFORE)}
    | {c for k in w.EN_BEFORE for c in (k[0], k[0].upper())}
    | set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿-−－+负" + _VAGUE)))
_FIGURE_RE = re.compile(  # the lookahead lets the scan skip most characters at once
    rf"(?=[{re.escape(_FIRST)}]){_PRE}?(?:(?P<pctpre>百分之)(?P<pcore>{_CORE})"
    rf"|{_NOT_BEFORE_NUMBER}(?P<sign>[-−－+]|负)?(?:{_CURRENCY_BEFORE})?(?P<sign2>[-−－])?"
    rf"(?P<core>{_CORE})(?P<plus>[多余])?(?P<cmag>{_CM}+)?(?P<plus2>[多余])?(?:{_EN_MAGNITUDE})?"
    rf"(?:{_MONEY_UNITS}|(?(curpre)(?!)|(?:{_OTHER_UNITS})))?)"
    rf"{_POST}?"
)

_BASIS = {**w.ZH_BASIS, **w.EN_BASIS}
_BASIS_RE = re.compile(rf"{w.alternation(w.ZH_BASIS)}|(?<![A-Za-z])(?i:{w.alternation(w.EN_BASIS)})"
                       rf"{_EN_WORD_END}")
_CLAUSE_END_RE = re.compile(
    r"[，；。！？!?;\n]|,(?![0-9]{3}(?![0-9]))|\.(?=\s|$)"
    rf"|{w.alternation(w.ZH_CONJUNCTIONS)}"
    rf"|(?<![A-Za-z])(?:{w.alternation(w.EN_CONJUNCTIONS)}){_EN_WORD_END}"
)
_CLAUSE_REACH = 400  # a clause longer than this is cut there

_UNIT_OF = {**{k.lower(): v for k, v in w.EN_UNITS.items()}, **w.ZH_UNITS,
            **{k.lower(): v for k, v in w.EN_CURRENCY_AFTER.items()}, **w.ZH_CURRENCY_AFTER}
_APPROX_OF = {**w.ZH_BEFORE, **w.EN_BEFORE, **w.ZH_AFTER, **w.EN_AFTER}
_CN_ONLY = re.compile(r"[零〇一二两三四五六七八九十百千万亿点]+")
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_ALNUM_OR_DIGIT = _ASCII_ALNUM | _DIGITS
_CHAIN = "-/:.．~～"  # 2023-11-30, 10:30, 3.5.1, 3-5%
_DASHES = "-−－~～"
_RANGE_END = frozenset("%％万亿千百十元倍成") | _DIGITS  # 10%-20%, 5亿-6亿: a range
_NOT_A_COUNT_AFTER = ("第", "双", "初", "周", "星期", "礼拜")  # 第3, 双11, 星期三
_DATE_AFTER = "月日号时点季届"  # 11月, 30日, 3点, 3季度
_PRODUCT_RE = re.compile(  # iPhone 15, PlayStation 5, Windows 11, No. 1: a name, not a count
    r"(?<![A-Za-z])(?:[A-Za-z]*[a-z][A-Z][A-Za-z]*|Windows|Model|Pixel|Mate|Galaxy|Note|Series"
    r"|Version|Phase|Level|Type|Class|Gen|Chapter|Section|Article|No|Room|Route|Line|Terminal"
    r"|Gate)\.? $")
_MONTH_BEFORE_RE = re.compile(rf"(?<![A-Za-z]){w.EN_MONTHS}{_SP}$")
_MONTH_AFTER_RE = re.compile(rf"{_SP}{w.EN_MONTHS}(?![a-z])")


class _Parts(NamedTuple):
    """The groups of one ``_FIGURE_RE`` match, in the pattern's order (read once per match)."""

    pre: str | None  # the hedge before the number
    pctpre: str | None  # 百分之
    pcore: str | None  # the number after 百分之
    sign: str | None
    curpre: str | None  # a currency before the number: US$, 人民币
    sign2: str | None  # a sign after the currency: $-5m
    core: str | None  # the number: digits, Chinese numerals and magnitudes
    plus: str | None  # 多 or 余 after the number: 300多万
    cmag: str | None  # Chinese magnitudes after 多 or 余
    plus2: str | None  # 多 or 余 after them: 1万多
    emag: str | None  # an English magnitude: bn, million
    curafter: str | None  # 元, 美元
    encur: str | None  # yuan, dollars, RMB
    zhunit: str | None  # 个百分点, 倍, %
    tenths: str | None  # 成
    enunit: str | None  # percent, percentage points, times
    fold: str | None  # -fold
    times: str | None  # x, ×
    zhnoun: str | None  # a counted noun: 家, 用户
    ennoun: str | None  # users, people
    post: str | None  # the hedge after: 以上, 左右, or more


if _Parts._fields != tuple(sorted(_FIGURE_RE.groupindex, key=_FIGURE_RE.groupindex.__getitem__)):
    raise ImportError("figures: _Parts does not follow the groups of _FIGURE_RE")


def _strong_unit(p: _Parts) -> bool:
    """A unit that makes Chinese numerals a number wherever they stand (四成, 三倍, 五亿元)."""
    return bool(p.zhunit or p.tenths or p.curafter or p.encur or p.enunit or p.fold or p.times)


def _words(text: str) -> str:
    return " ".join(text.split()).lower()


def _value(p: _Parts) -> Decimal | None:
    if p.pctpre:
        return number_value(p.pcore)
    value = number_value((p.core or "") + (p.cmag or ""))
    if value is None:
        return None
    if p.emag:
        value *= w.EN_MAGNITUDES[_words(p.emag)]
    if p.tenths:
        value *= 10
    if p.sign in ("-", "−", "－", "负") or p.sign2:
        value = -value
    return value


def _unit(p: _Parts) -> str:
    if p.pctpre or p.tenths:
        return w.PERCENT
    if p.curpre:
        return w.CURRENCY_BEFORE[p.curpre]
    if p.fold or p.times:
        return w.TIMES
    for named in (p.zhunit, p.curafter, p.encur, p.enunit):
        if named:
            return _UNIT_OF[_words(named)]
    return p.zhnoun or p.ennoun or ""


def _approx(p: _Parts) -> str:
    if p.pre:
        return _APPROX_OF[_words(p.pre)]
    if p.plus or p.plus2:
        return w.OVER
    if p.post:
        return _APPROX_OF[_words(p.post)]
    return w.EXACT


def _build(p: _Parts) -> Figure | None:
    core = p.core
    if core and (core[0] in _VAGUE or _TWO_OR_THREE_RE.search(core)):  # 数万家, 两三万个
        rest = _TWO_OR_THREE_RE.sub(lambda pair: pair.group()[-1], core.lstrip(_VAGUE))
        if p.sign or p.sign2 or number_value(rest + (p.cmag or "")) is None:
            return None
        approx = _approx(p)
        return Figure(None, _unit(p), w.ABOUT if approx == w.EXACT else approx, None)
    value = _value(p)
    if value is None:
        return None
    return Figure(as_number(value), _unit(p), _approx(p), None)


def _reads_as_a_number(p: _Parts) -> bool:
    """Chinese numeral characters alone are a number only where they stand as one: 三千五百万,
    四成, 近百家, 两年, 千万用户; not 一个, 三星, 百度, 十分, 千万不要, 万一, 一一. A one-letter
    magnitude needs money or a noun: $40K, 300k users; not 4K电视."""
    core = p.core or ""
    if p.emag and len(p.emag) == 1 and not (p.curpre or p.curafter or p.encur or p.ennoun
                                            or p.zhnoun):
        return False
    if p.pctpre or not _CN_ONLY.fullmatch(core):
        return True
    strong = bool(p.pre or p.post or p.plus or p.plus2 or p.curpre
                  or _strong_unit(p))
    counted = strong or bool(p.zhnoun or p.ennoun)
    whole = core + (p.cmag or "")
    digits = [c for c in whole if c in "零〇一二两三四五六七八九"]
    if "点" in whole or (digits and whole[0] in digits and len(whole) > len(digits)):
        return True  # 三点五, 三千五百万, 一百
    if not digits:  # magnitudes alone: 十, 百, 千万, 千亿
        if whole[0] in "万亿":
            return whole in ("万", "亿", "万亿") and strong
        if "亿" in whole:
            return True
        return strong or (counted and (whole == "十" or len(whole) > 1))
    if len(whole) > 1:
        return counted and (  # 十二家, 七八个; not 一一, 十一五, 三四线
            whole[0] == "十" and len(whole) == 2 or bool(_TWO_OR_THREE_RE.search(whole)))
    if whole in "零〇":
        return False
    return strong if whole == "一" else counted


def _is_year(p: _Parts) -> bool:
    """A 4-digit number from 1900 to 2100 alone (in 2023, over 2022) or followed by 年 (2023年,
    二〇二三年); a Chinese hedge makes it a count (约2000, 近2000年), an English one does not."""
    core = (p.core or "").translate(FULL_WIDTH)
    if len(core) != 4 or p.cmag or p.emag or p.plus or p.plus2 or p.post:
        return False
    digits = core if core.isdigit() else "".join(str("〇一二三四五六七八九".find(c)) for c in core)
    if not digits.isdigit() or not 1900 <= int(digits) <= 2100:
        return False
    if p.ennoun:
        return _words(p.ennoun).rstrip("s") not in w.EN_NOUNS
    if p.curpre or _strong_unit(p) or p.zhnoun not in (None, "年"):
        return False
    return not p.pre or p.pre.isascii()


def _counts_here(text: str, m: re.Match[str], p: _Parts) -> bool:
    """False when the context says this is no figure: a longer ASCII word, a chain of numbers
    (dates, times, versions, ranges), an ordinal or a name, a date, a year."""
    start, end = m.span()
    size = len(text)
    number_start = m.end("pre") if p.pre else start
    core_end = m.end("pcore") if p.pctpre else m.end("core")
    if end < size and text[end] in _ASCII_ALNUM and text[end - 1] in _ASCII_ALNUM:
        return False
    if (number_start >= 2 and text[number_start - 1] in _CHAIN
            and text[number_start - 2] in _ALNUM_OR_DIGIT):
        return False
    if core_end + 1 < size and text[core_end] in _CHAIN and text[core_end + 1] in _DIGITS:
        return False
    if end + 1 < size and text[end] in _DASHES and text[end + 1] in _DIGITS:
        return False  # the first figure of a range: 10%-20%
    before = text[number_start - 1] if number_start else ""
    if p.sign and p.sign in _DASHES and before in _RANGE_END:
        return False  # the second: -20% after 10%
    if before and before in _DASHES and number_start >= 2 and text[number_start - 2] in _RANGE_END:
        return False  # ~6亿元 after 5亿
    if not p.pre and text[max(0, number_start - 2):number_start].endswith(_NOT_A_COUNT_AFTER):
        return False
    if p.pctpre:
        return True
    following = text[end:end + 1]
    if (before == " " and not (p.pre or p.sign or p.curpre) and (end == core_end or p.ennoun)
            and (p.core or "").isdigit()
            and _PRODUCT_RE.search(text, max(0, number_start - 16), number_start)):
        return False  # iPhone 15, Windows 11, Model 3: a name
    if end == core_end:  # nothing after the number
        if following and following in _DATE_AFTER:
            return False
        if following == " " and _MONTH_AFTER_RE.match(text, end):  # 30 September
            return False
        if (number_start and text[number_start - 1] == " "
                and _MONTH_BEFORE_RE.search(text, max(0, number_start - 11), number_start)):
            return False  # September 30
        if following == "后" and end - m.start("core") == 2:  # 90后, 00后
            return False
        if not p.pre and end - m.start("core") >= 8 and (p.core or "").isdigit():
            return False  # 13800138000, 20231130: a phone number, an id, a date
    elif p.zhnoun == "年" and following == "代":  # 90年代
        return False
    return m.end("core") - m.start("core") != 4 or not _is_year(p)


def _raw_figures(text: str) -> list[FigureMatch]:
    found = []
    for m in _FIGURE_RE.finditer(text):
        p = _Parts._make(m.groups())
        if _counts_here(text, m, p) and _reads_as_a_number(p):
            figure = _build(p)
            if figure is not None:
                found.append(FigureMatch(m.start(), m.end(), figure))
    return found


def _clause(text: str, at: int) -> tuple[int, int]:
    """The clause holding position ``at``: from the last clause end before it to the next
    (at most ``_CLAUSE_REACH`` characters either way)."""
    after = _CLAUSE_END_RE.search(text, at, at + _CLAUSE_REACH)
    end = after.start() if after else min(len(text), at + _CLAUSE_REACH)
    reach = 32
    while True:  # most clauses are short: look a little way back first
        lo = max(0, at - reach)
        start = lo
        for b in _CLAUSE_END_RE.finditer(text, lo, at):
            start = b.end()
        if start > lo or lo == 0 or reach >= _CLAUSE_REACH:
            return start, end
        reach *= 4


def _bases(text: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """The basis of each figure span (sorted, not overlapping): each basis word of a clause
    belongs to the nearest figure of that clause (a tie goes to the figure after the word)."""
    bases: list[str | None] = [None] * len(spans)
    starts = [s for s, _ in spans]
    for word in _BASIS_RE.finditer(text):
        c_start, c_end = _clause(text, word.start())
        first = bisect_left(starts, c_start)
        best, best_distance = None, 0
        for i in range(first, len(spans)):
            s, e = spans[i]
            if e > c_end:
                break
            distance = word.start() - e if e <= word.start() else s - word.end()
            if best is None or distance <= best_distance:
                best, best_distance = i, distance
        if best is not None and bases[best] is None:
            bases[best] = _BASIS[_words(word.group())]
    return bases


def find_figures(text: str) -> list[FigureMatch]:
    """Every figure in ``text``, in order, never overlapping, with its basis from its clause."""
    found = _raw_figures(text)
    if found:
        bases = _bases(text, [(f.start, f.end) for f in found])
        found = [f if b is None else f._replace(figure=replace(f.figure, basis=b))
                 for f, b in zip(found, bases)]
    return found


def parse_figure(text: str, sentence: str = "", start: int | None = None) -> Figure | None:
    """The figure of a span's ``text``; None when it holds no number. ``sentence`` and ``start``
    (the span's code-point offset in it; found by searching when None) give its basis: the
    basis words of its own clause that are nearer to it than to any other figure there. The
    sentence may be the whole article: only the span's surroundings are read. Without a
    sentence the text itself is searched for basis words. A text that is not one figure (the
    span took a verb or a basis word) gives its first figure."""
    stripped = text.strip()
    m = _FIGURE_RE.fullmatch(stripped)
    figure = _build(_Parts._make(m.groups())) if m else None
    if figure is None:
        inside = find_figures(stripped) or [
            FigureMatch(f.start(), f.end(), b) for f in _FIGURE_RE.finditer(stripped)
            if (b := _build(_Parts._make(f.groups()))) is not None]
        if not inside:
            return None
        figure = inside[0].figure
    if not sentence:
        return figure
    if start is None:
        start = sentence.find(text)
        if start < 0:
            return figure
    lo = max(0, start - 2 * _CLAUSE_REACH)  # the whole article may be the sentence
    around = sentence[lo:start + len(text) + 2 * _CLAUSE_REACH]
    own = (start - lo, start - lo + len(text))
    spans = sorted([own, *((f.start, f.end) for f in _raw_figures(around)
                           if f.end <= own[0] or f.start >= own[1])])
    return replace(figure, basis=_bases(around, spans)[spans.index(own)])


def format_figure(figure: Figure) -> str:
    """The inspector's line: the approximation as a sign (exact: none, about ≈, under <, over >,
    at_least ≥, at_most ≤), the value with thousands separators, the unit ("x" as ×):
    "≈ 250,000,000 CNY", "> 60 %", "< 80,000 家", "2 pp", "3 ×". An unknown value shows "?"."""
    if figure.value is None:
        number = "?"
    elif isinstance(figure.value, int):
        number = f"{figure.value:,}"
    else:
        number = format(Decimal(repr(figure.value)), ",f")
    unit = "×" if figure.unit == w.TIMES else figure.unit
    return " ".join(p for p in (APPROX_SIGNS.get(figure.approx, ""), number, unit) if p)
