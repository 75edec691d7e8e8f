"""Every figure of an agreement report (per article, per pair, overall, per label, confusion)
against a straightforward reference written here from the module doc's definitions: tokens
painted one by one, spans compared all against all, coefficients from their textbook formulas.
The report's fast paths (issue 14: small articles compared without bisection, two-rater
coefficients in one pass, char tokens as ranges) must give the same figures on random layers."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.review import Doc, agreement
from annotator.review.agreement import token_bounds
from annotator.review.metrics import cohen_kappa, krippendorff_alpha, two_raters

Span = tuple[int, int, str]


# ------------------------------------------------------------------------------- reference
def ref_tokens(text: str, mode: str) -> list[tuple[int, int]]:
    if mode == "char":
        return [(i, i + 1) for i, ch in enumerate(text) if not ch.isspace()]
    starts, ends = token_bounds(text, "", "word")
    return list(zip(starts, ends))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def ref_categories(tokens: list[tuple[int, int]], spans: set[Span]) -> list[str]:
    """The innermost span's label: shortest, then earliest, then first label by name."""
    out = []
    for token in tokens:
        over = [s for s in spans if overlaps(token, s[:2])]
        out.append(min(over, key=lambda s: (s[1] - s[0], s[0], s[2]))[2] if over else "")
    return out


def ref_kappa(a: list[str], b: list[str]) -> float | None:
    n = len(a)
    if not n:
        return None
    p_o = sum(x == y for x, y in zip(a, b)) / n
    p_e = sum(a.count(c) / n * (b.count(c) / n) for c in set(a) | set(b))
    return None if p_e >= 1.0 else (p_o - p_e) / (1 - p_e)


def ref_alpha(seqs: list[list[str]]) -> float | None:
    """Krippendorff's nominal alpha from the coincidence matrix (every unit fully rated)."""
    m = len(seqs)
    units = list(zip(*seqs))
    if not units:
        return None
    coincidence: Counter[tuple[str, str]] = Counter()
    for unit in units:
        for i, j in itertools.permutations(range(m), 2):
            coincidence[unit[i], unit[j]] += 1 / (m - 1)
    totals: Counter[str] = Counter()
    for (c, _), v in coincidence.items():
        totals[c] += v
    n = sum(totals.values())
    observed = sum(v for (c, k), v in coincidence.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k) / (n - 1)
    return None if expected <= 1e-12 else 1 - observed / expected


def ref_fleiss(seqs: list[list[str]]) -> float | None:
    m = len(seqs)
    units = list(zip(*seqs))
    if not units:
        return None
    cats = {c for u in units for c in u}
    p_bar = sum((sum(u.count(c) ** 2 for c in cats) - m) / (m * (m - 1))
                for u in units) / len(units)
    p_e = sum((sum(u.count(c) for u in units) / (len(units) * m)) ** 2 for c in cats)
    return None if p_e >= 1.0 - 1e-12 else (p_bar - p_e) / (1 - p_e)


def ref_f1(matched_right: int, right: int, matched_left: int, left: int) -> float | None:
    if not left and not right:
        return None
    p = matched_right / right if right else 0.0
    r = matched_left / left if left else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def ref_counts(left: set[Span], right: set[Span], label: str | None) -> list[int]:
    """[left spans, right spans, exact, right matched, left matched] of one label (or all)."""
    a = [s for s in left if label is None or s[2] == label]
    b = [s for s in right if label is None or s[2] == label]
    return [len(a), len(b), len(set(a) & set(b)),
            sum(any(x[2] == y[2] and overlaps(x[:2], y[:2]) for y in a) for x in b),
            sum(any(x[2] == y[2] and overlaps(x[:2], y[:2]) for y in b) for x in a)]


def ref_confusion(left: set[Span], right: set[Span]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for x in left:
        over = [y for y in right if overlaps(x[:2], y[:2])]
        for y in over:
            out[x[2], y[2]] += 1
        if not over:
            out[x[2], ""] += 1
    for y in right:
        if not any(overlaps(x[:2], y[:2]) for x in left):
            out["", y[2]] += 1
    return out


def approx(value: float | None) -> Any:
    return None if value is None else pytest.approx(value, rel=1e-9, abs=1e-12)


# ------------------------------------------------------------------------------- the property
TEXT = st.text(alphabet="ab c", max_size=14)


@st.composite
def corpora(draw: Any) -> tuple[list[Doc], list[str]]:
    names = ["l", "m", "r"][:draw(st.sampled_from([2, 3]))]
    docs = []
    for i in range(draw(st.integers(0, 6))):
        text = draw(TEXT)
        layers = {}
        for name in names:
            spans = []
            if len(text):
                for _ in range(draw(st.integers(0, 5))):
                    s = draw(st.integers(0, len(text) - 1))
                    e = draw(st.integers(s + 1, len(text)))
                    spans.append((s, e, draw(st.sampled_from("xyz"))))
            layers[name] = spans
        docs.append(Doc(i + 1, text, "", layers, f"t{i}"))
    return docs, names


@settings(max_examples=150, deadline=None)
@given(corpora(), st.sampled_from(["char", "word"]), st.booleans())
def test_every_figure_matches_the_reference_on_random_layers(corpus, mode, big):
    docs, names = corpus
    if big:  # the same articles, many times over: past the small-article paths' limits
        docs = [Doc(d.id, d.text * 12, "", {n: [(s + k * len(d.text), e + k * len(d.text), lab)
                                               for k in range(12) for s, e, lab in spans]
                                            for n, spans in d.layers.items()}, d.title)
                for d in docs]
    report = agreement(docs, names, tokens=mode, cache=False, units="all")
    sets = {d.id: {n: set(d.layers[n]) for n in names} for d in docs}
    cats = {d.id: {n: ref_categories(ref_tokens(d.text, mode), sets[d.id][n]) for n in names}
            for d in docs}
    labels = sorted({s[2] for d in docs for n in names for s in d.layers[n]})
    assert report.labels == labels
    for i, j in itertools.combinations(range(len(names)), 2):
        a, b = names[i], names[j]
        pair = report.pair(a, b)
        counted = [d for d in docs if sets[d.id][a] or sets[d.id][b]]
        assert pair.articles == len(counted)
        seq_a = [c for d in counted for c in cats[d.id][a]]
        seq_b = [c for d in counted for c in cats[d.id][b]]
        assert pair.tokens == len(seq_a)
        for row, d in zip(pair.per_article, counted, strict=True):
            left, right = sets[d.id][a], sets[d.id][b]
            counts = ref_counts(left, right, None)
            assert row["article_id"] == d.id and row["tokens"] == len(cats[d.id][a])
            assert (row["spans_left"], row["spans_right"]) == tuple(counts[:2])
            assert row["f1_exact"] == approx(ref_f1(counts[2], counts[1], counts[2], counts[0]))
            assert row["f1_overlap"] == approx(ref_f1(counts[3], counts[1], counts[4], counts[0]))
            assert row["cohen_kappa"] == approx(ref_kappa(cats[d.id][a], cats[d.id][b]))
            assert row["krippendorff_alpha"] == approx(ref_alpha([cats[d.id][a],
                                                                  cats[d.id][b]]))
            present = {s[2] for s in left | right}
            assert set(row["per_label"]) == present
            for label in present:
                c = ref_counts(left, right, label)
                assert row["per_label"][label] == {
                    "spans_left": c[0], "spans_right": c[1],
                    "f1_exact": approx(ref_f1(c[2], c[1], c[2], c[0])),
                    "f1_overlap": approx(ref_f1(c[3], c[1], c[4], c[0]))}
        total = [sum(x) for x in zip(*(ref_counts(sets[d.id][a], sets[d.id][b], None)
                                       for d in counted))] or [0] * 5
        corpus_all = pair.corpus["all"]
        assert (corpus_all["spans_left"], corpus_all["spans_right"]) == tuple(total[:2])
        assert corpus_all["f1_exact"] == approx(ref_f1(total[2], total[1], total[2], total[0]))
        assert corpus_all["f1_overlap"] == approx(ref_f1(total[3], total[1], total[4],
                                                         total[0]))
        assert corpus_all["cohen_kappa"] == approx(ref_kappa(seq_a, seq_b))
        assert corpus_all["krippendorff_alpha"] == approx(ref_alpha([seq_a, seq_b]))
        for label in labels:
            per = pair.corpus["per_label"][label]
            c = [sum(x) for x in zip(*(ref_counts(sets[d.id][a], sets[d.id][b], label)
                                       for d in counted))] or [0] * 5
            assert per["f1_exact"] == approx(ref_f1(c[2], c[1], c[2], c[0]))
            assert per["f1_overlap"] == approx(ref_f1(c[3], c[1], c[4], c[0]))
            bin_a = [x if x == label else "-" for x in seq_a]
            bin_b = [x if x == label else "-" for x in seq_b]
            assert per["cohen_kappa"] == approx(ref_kappa(bin_a, bin_b))
            assert per["krippendorff_alpha"] == approx(ref_alpha([bin_a, bin_b]))
        confusion: Counter[tuple[str, str]] = Counter()
        for d in counted:
            confusion.update(ref_confusion(sets[d.id][a], sets[d.id][b]))
        axis = pair.confusion["labels"]
        shown = {(axis[x], axis[y]): n for x, row in enumerate(pair.confusion["matrix"])
                 for y, n in enumerate(row) if n}
        outside = "(none)" if "O" in labels else "O"
        assert shown == {(x or outside, y or outside): n for (x, y), n in confusion.items()}
    overall = report.overall
    assert overall is not None
    counted = [d for d in docs if any(sets[d.id][n] for n in names)]
    assert overall.articles == len(counted)
    seqs = [[c for d in counted for c in cats[d.id][n]] for n in names]
    assert overall.corpus["all"]["krippendorff_alpha"] == approx(ref_alpha(seqs))
    if len(names) == 3:
        assert overall.corpus["all"]["fleiss_kappa"] == approx(ref_fleiss(seqs))
        for row, d in zip(overall.per_article, counted, strict=True):
            doc_seqs = [cats[d.id][n] for n in names]
            assert row["article_id"] == d.id
            assert row["spans"] == sum(len(sets[d.id][n]) for n in names)
            assert row["fleiss_kappa"] == approx(ref_fleiss(doc_seqs))
            assert row["krippendorff_alpha"] == approx(ref_alpha(doc_seqs))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("xyO"), st.sampled_from("xyO")), max_size=40))
def test_two_rater_coefficients_in_one_pass_are_the_general_ones_to_the_last_digit(pairs):
    table = Counter(pairs)
    assert two_raters(table) == (cohen_kappa(table), krippendorff_alpha(table))
