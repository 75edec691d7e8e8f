"""Agreement coefficients from count tables (pure functions, no Qt, no SQL).

A *pattern table* maps the categories that the raters gave one unit (a token), as a tuple in
rater order, to the number of units that got exactly that tuple. Every rater rates every unit
(an uncovered token is "O"), so there is no missing data. Each function returns None where the
coefficient is undefined (every unit in one category: expected disagreement is 0).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

Patterns = Mapping[tuple[Any, ...], int]


@lru_cache(maxsize=1 << 16)
def _profile(pattern: tuple[str, ...]) -> tuple[tuple[tuple[str, int], ...], int]:
    """((category, raters), ...) of one pattern and the sum of the squared rater counts
    (patterns repeat across articles: computed once each)."""
    counts = Counter(pattern)
    return tuple(counts.items()), sum(k * k for k in counts.values())


def cohen_kappa(table: Patterns) -> float | None:
    """Cohen's kappa of two raters: ``(p_o - p_e) / (1 - p_e)`` with each rater's own
    marginals."""
    total = sum(table.values())
    if not total:
        return None
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    agree = 0
    for (a, b), n in table.items():
        left[a] += n
        right[b] += n
        if a == b:
            agree += n
    p_o = agree / total
    p_e = sum(left[c] * right[c] for c in left) / (total * total)
    if p_e >= 1.0:
        return None
    return (p_o - p_e) / (1.0 - p_e)


def two_raters(table: Patterns) -> tuple[float | None, float | None]:
    """``(cohen_kappa(table), krippendorff_alpha(table))`` of a two-rater table in one pass
    (agreement's per-article figures, issue 14): the same integer sums, then the same float
    operations, so the same values to the last digit."""
    total = 0
    agree = 0
    left: dict[str, int] = {}
    right: dict[str, int] = {}
    for (a, b), n in table.items():
        total += n
        left[a] = left.get(a, 0) + n
        right[b] = right.get(b, 0) + n
        if a == b:
            agree += n
    if not total:
        return None, None
    # alpha with m = 2: a unit differs by 4 - 2 = 2 when the two differ; each category's
    # values are its left and right counts
    cross = pooled = 0
    for c, k in left.items():
        r = right.get(c, 0)
        cross += k * r
        pooled += (k + r) * (k + r)
    for c, r in right.items():
        if c not in left:
            pooled += r * r
    kappa = None
    p_o = agree / total
    p_e = cross / (total * total)
    if p_e < 1.0:
        kappa = (p_o - p_e) / (1.0 - p_e)
    values = total * 2
    expected = (values * values - pooled) / (values - 1)
    if expected <= 0.0:
        return kappa, None
    disagreement = 2 * (total - agree) / (2 - 1)  # krippendorff_alpha's, m = 2
    return kappa, 1.0 - disagreement / expected


def fleiss_kappa(patterns: Patterns) -> float | None:
    """Fleiss' kappa of m >= 2 raters who all rated every unit."""
    units = sum(patterns.values())
    if not units:
        return None
    m = len(next(iter(patterns)))
    if m < 2:
        return None
    per_category: Counter[str] = Counter()
    agreement = 0  # sum over units of sum_j n_ij (n_ij - 1) = sum_j n_ij^2 - m
    for pattern, n in patterns.items():
        counts, squares = _profile(pattern)
        for category, k in counts:
            per_category[category] += k * n
        agreement += n * (squares - m)
    p_bar = agreement / (units * m * (m - 1))
    p_e = sum((k / (units * m)) ** 2 for k in per_category.values())
    if p_e >= 1.0:
        return None
    return (p_bar - p_e) / (1.0 - p_e)


def krippendorff_alpha(patterns: Patterns) -> float | None:
    """Krippendorff's alpha, nominal, for m >= 2 raters who all rated every unit:
    ``1 - D_o / D_e`` from the coincidence matrix."""
    units = sum(patterns.values())
    if not units:
        return None
    m = len(next(iter(patterns)))
    if m < 2:
        return None
    values = units * m  # n: pairable values
    per_category: Counter[str] = Counter()
    differing = 0  # sum over units of (m^2 - sum_c n_uc^2)
    for pattern, n in patterns.items():
        counts, squares = _profile(pattern)
        for category, k in counts:
            per_category[category] += k * n
        differing += n * (m * m - squares)
    disagreement = differing / (m - 1)
    expected = (values * values - sum(k * k for k in per_category.values())) / (values - 1)
    if expected <= 0.0:
        return None
    return 1.0 - disagreement / expected


def binary(patterns: Patterns, label: str, other: str = "-") -> Counter[tuple[str, ...]]:
    """The table with every category but ``label`` merged into ``other`` (per-label
    coefficients: this label against everything else)."""
    out: Counter[tuple[str, ...]] = Counter()
    for pattern, n in patterns.items():
        out[tuple(c if c == label else other for c in pattern)] += n
    return out


def marginal(patterns: Patterns, i: int, j: int) -> Counter[tuple[str, ...]]:
    """The two-rater table of raters ``i`` and ``j`` out of an m-rater pattern table."""
    out: Counter[tuple[str, ...]] = Counter()
    for pattern, n in patterns.items():
        out[pattern[i], pattern[j]] += n
    return out


def prf(matched_right: int, right: int, matched_left: int, left: int
        ) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 of ``right`` against ``left`` (the reference): precision is
    the share of right spans matched, recall the share of left spans matched. All None when
    neither side has a span; 0.0 for a side with none when the other has some."""
    if not left and not right:
        return None, None, None
    precision = matched_right / right if right else 0.0
    recall = matched_left / left if left else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def categories_of(patterns: Iterable[tuple[str, ...]]) -> set[str]:
    return {c for pattern in patterns for c in pattern}


def _interval_expected(values: Counter[Any]) -> float:
    """sum over c, k of n_c n_k (c - k)^2, in closed form."""
    n = sum(values.values())
    first = sum(k * float(v) for v, k in values.items())
    second = sum(k * float(v) * float(v) for v, k in values.items())
    return 2 * n * second - 2 * first * first


def alpha_of_units(units: Iterable[Sequence[Any]], interval: bool = False) -> float | None:
    """Krippendorff's alpha of units rated by any number of raters (missing values are simply
    absent from a unit; a unit with fewer than two values is not pairable and is left out),
    nominal (values compared with ``==``) or ``interval`` (squared difference of numbers).
    None when no value is pairable or every pairable value is the same."""
    pooled: Counter[Any] = Counter()
    observed = 0.0
    for unit in units:
        m = len(unit)
        if m < 2:
            continue
        counts = Counter(unit)
        pooled.update(counts)
        if interval:
            observed += _interval_expected(counts) / (m - 1)
        else:
            observed += (m * m - sum(k * k for k in counts.values())) / (m - 1)
    n = sum(pooled.values())
    if n < 2:
        return None
    if interval:
        expected = _interval_expected(pooled) / (n - 1)
    else:
        expected = (n * n - sum(k * k for k in pooled.values())) / (n - 1)
    if expected <= 0.0:
        return None
    return 1.0 - observed / expected


def observed_of_units(units: Iterable[Sequence[Any]]) -> float | None:
    """The share of agreeing pairs among every pair of values rated on the same unit (two
    raters: the share of units where they agree). None when no unit has two values."""
    agree = pairs = 0
    for unit in units:
        m = len(unit)
        if m < 2:
            continue
        pairs += m * (m - 1)
        agree += sum(k * (k - 1) for k in Counter(unit).values())
    return agree / pairs if pairs else None
