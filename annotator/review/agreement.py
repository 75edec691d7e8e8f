"""Agreement between annotators over spans (issue 5, item 2). Pure functions: no Qt, no SQL.

Definitions (the JSON keys are ``f1_exact``, ``f1_overlap``, ``cohen_kappa``, ``fleiss_kappa``,
``krippendorff_alpha``):

* **Span precision / recall / F1**, per annotator pair: the left annotator is the reference.
  *Exact*: the same start, end and label. *Overlap*: a span is matched when a span of the other
  side with the same label shares at least one character with it; precision is the share of the
  right side's spans matched, recall the left side's. Identical spans (start, end, label) of one
  annotator count once. "overall" adds up the counts of every pair (micro average).
* **Tokens**: ``word`` (default): ``core.segment.tokens`` (jieba words for runs of Han
  characters, with the project's terms; regex words for Latin text; every other non-space
  character); ``char``: every non-whitespace character.
* **A token's category**: the label of the shortest span overlapping it (innermost: a figure
  inside a claim stays a figure); between spans of equal length the earliest, then the first
  label by name; "O" when no span overlaps it.
* **Token coefficients**: Cohen's kappa per pair, Fleiss' kappa over all annotators (overall),
  Krippendorff's alpha (nominal) for both. Per label: that label against everything else.
* **Units** (``units``): which articles count for a comparison. ``touched`` (the default): an
  article counts for a pair when both annotators worked on it, each with a span in it (of any
  label) or a status other than todo there (a status with no spans is a judgement: "nothing to
  label here"); for "overall", when every compared annotator worked on it. ``done``: only
  articles every compared annotator marked done. ``all``: when at least one of them has a span
  in it (the rule before units existed). ``articles_left_out`` counts the articles one of them
  worked on that the rule left out.
* **Label filter**: spans with other labels are left out before anything is computed.
* **Per article**: span scores and token coefficients for all labels, and per label the span
  F1s of the labels that article has (its token coefficients would mostly be undefined).
* **Confusion matrix** (per pair): every pair of overlapping spans counts once under (left
  label, right label); a span that overlaps nothing on the other side counts under "O".
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import add
from typing import TYPE_CHECKING, Any

from annotator.core.token_cache import TokenCache
from annotator.review import metrics
from annotator.review.structure import Structure

if TYPE_CHECKING:
    from annotator.core.scheme import Scheme

OUTSIDE = ""
"""The category of a token no span covers (no label can be empty), shown as "O"."""
TOKEN_MODES = ("word", "char")
UNITS = ("touched", "done", "all")
#: What each of ``UNITS`` means, in words (the CLI and the HTML report say it).
UNITS_TEXT = {
    "touched": "an article counts when every compared annotator worked on it (a span, or a "
               "status other than todo)",
    "done": "an article counts when every compared annotator marked it done",
    "all": "an article counts when any compared annotator has a span in it",
}
Spans = Sequence[tuple[int, int, str]]
#: str.isspace() and the pattern's \s are the same test (Py_UNICODE_ISSPACE)
_SPACE_RE = re.compile(r"\s")
#: Up to this many pairs of spans (left x right), an article's spans are compared all against
#: all (``pair_counts``), cheaper than bisecting at the sizes of most articles.
_SMALL = 64
_LEFT, _RIGHT, _EXACT, _HIT_RIGHT, _HIT_LEFT = range(5)


@dataclass(frozen=True)
class Doc:
    """One article: its text and each annotator's spans ``(start, end, label)``."""

    id: int
    text: str
    lang: str = ""
    layers: Mapping[str, Spans] = field(default_factory=dict)
    title: str = ""
    #: annotator -> their status of the article (absent: todo)
    statuses: Mapping[str, str] = field(default_factory=dict)
    #: annotators with a span in the article before any label filter (None: those of
    #: ``layers``)
    spanned: frozenset[str] | None = None
    #: annotator -> (start, end, label) -> attribute name -> value (``structure.py``)
    attributes: Mapping[str, Mapping[tuple[int, int, str], Mapping[str, Any]]] = field(
        default_factory=dict)
    #: annotator -> relations ((start, end, label) of each end, type)
    relations: Mapping[str, frozenset[tuple[tuple[int, int, str], tuple[int, int, str], str]]
                       ] = field(default_factory=dict)
    #: annotator -> article attribute name -> value
    article_attributes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def worked(self, name: str) -> bool:
        """``name`` has a span here or a status other than todo."""
        return self.who_worked([name])[0]

    def who_worked(self, names: Sequence[str]) -> list[bool]:
        """:meth:`worked` of each of ``names``."""
        spanned = self.spanned if self.spanned is not None else {
            n for n, spans in self.layers.items() if spans}
        return [name in spanned or self.statuses.get(name, "todo") != "todo" for name in names]


@dataclass
class PairResult:
    left: str
    right: str
    articles: int = 0
    articles_left_out: int = 0
    tokens: int = 0
    corpus: dict[str, Any] = field(default_factory=dict)  # {"all": {...}, "per_label": {...}}
    per_article: list[dict[str, Any]] = field(default_factory=list)
    confusion: dict[str, Any] = field(default_factory=dict)  # {"labels": [...], "matrix"}


@dataclass
class OverallResult:
    annotators: list[str]
    articles: int = 0
    articles_left_out: int = 0
    tokens: int = 0
    corpus: dict[str, Any] = field(default_factory=dict)
    per_article: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AgreementReport:
    tokens: str
    annotators: list[str]
    labels: list[str]
    annotator_summary: dict[str, dict[str, int]]  # name -> {"spans", "articles"}
    pairs: list[PairResult]
    overall: OverallResult | None
    units: str = "touched"

    def pair(self, left: str, right: str) -> PairResult:
        for p in self.pairs:
            if (p.left, p.right) in ((left, right), (right, left)):
                return p
        raise KeyError(f"no pair {left} / {right}")

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


# ------------------------------------------------------------------------------- tokens
def token_bounds(text: str, lang: str = "", mode: str = "word",
                 cache: TokenCache | None = None) -> tuple[Sequence[int], Sequence[int]]:
    """Sorted token starts and ends (code points) of ``text``; word tokens come from ``cache``
    when one is given (see :mod:`annotator.core.token_cache`). Char tokens of a text without
    whitespace are ranges."""
    if mode == "char":
        if _SPACE_RE.search(text) is None:  # most texts (issue 14): no list to build
            return range(len(text)), range(1, len(text) + 1)
        starts = [i for i, ch in enumerate(text) if not ch.isspace()]
        return starts, [i + 1 for i in starts]
    if mode != "word":
        raise ValueError(f"unknown token mode {mode!r} (word or char)")
    if cache is not None:
        return cache.bounds(text, lang)
    from annotator.core.segment import tokens

    bounds = tokens(text, lang or None)
    return [a for a, _ in bounds], [b for _, b in bounds]


def _inner_last(span: tuple[int, int, str]) -> tuple[int, int, str]:
    start, end, label = span
    return end - start, start, label


def token_categories(starts: Sequence[int], ends: Sequence[int], spans: Spans) -> list[str]:
    """Each token's category: the label of the shortest overlapping span, else OUTSIDE."""
    cats = [OUTSIDE] * len(starts)
    # longest first, so shorter spans overwrite; among equal lengths the earliest start and
    # then the first label by name are written last and win
    order = spans if len(spans) < 2 else sorted(spans, key=_inner_last, reverse=True)
    for start, end, label in order:
        i = bisect_right(ends, start)
        j = bisect_left(starts, end)
        if i < j:
            cats[i:j] = [label] * (j - i)
    return cats


# ------------------------------------------------------------------------------- spans
def _hits(xs: list[tuple[int, int]], ys: list[tuple[int, int]]) -> int:
    """How many of ``xs`` overlap at least one of ``ys`` (both sorted by start)."""
    if not xs or not ys:
        return 0
    starts = [s for s, _ in ys]
    reach: list[int] = []  # the furthest end among ys[:k + 1]
    far = -1
    for _, e in ys:
        far = max(far, e)
        reach.append(far)
    count = 0
    for s, e in xs:
        k = bisect_left(starts, e)
        if k and reach[k - 1] > s:
            count += 1
    return count


def _by_label(spans: list[tuple[int, int, str]]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for s, e, label in spans:
        out.setdefault(label, []).append((s, e))
    return out


def span_counts(left: Mapping[str, list[tuple[int, int]]],
                right: Mapping[str, list[tuple[int, int]]]) -> dict[str, list[int]]:
    """Per label: [left spans, right spans, exact matches, right matched, left matched]."""
    out = {}
    for label in left.keys() | right.keys():
        a, b = left.get(label, []), right.get(label, [])
        exact = len(set(a) & set(b)) if a and b else 0
        out[label] = [len(a), len(b), exact, _hits(b, a), _hits(a, b)]
    return out


def confusion_counts(left: Spans, right: Spans) -> Counter[tuple[str, str]]:
    """(left label, right label) of every overlapping pair; unmatched spans against "O"."""
    out: Counter[tuple[str, str]] = Counter()
    right = sorted(right)
    starts = [s for s, _, _ in right]
    longest = max((e - s for s, e, _ in right), default=0)
    matched_right: set[int] = set()
    for s, e, label in left:
        found = False
        for k in range(bisect_right(starts, s - longest), bisect_left(starts, e)):
            if right[k][1] > s:
                out[label, right[k][2]] += 1
                matched_right.add(k)
                found = True
        if not found:
            out[label, OUTSIDE] += 1
    for k, (_, _, label) in enumerate(right):
        if k not in matched_right:
            out[OUTSIDE, label] += 1
    return out


def pair_counts(left: Spans, right: Spans
                ) -> tuple[dict[str, list[int]], dict[tuple[str, str], int]]:
    """``span_counts`` of the two sides grouped by label and their ``confusion_counts``, in one
    pass; each side without duplicates. Small articles are compared all against all (the
    same overlap test: the other starts before this ends and ends after this starts)."""
    if len(left) * len(right) > _SMALL:
        return (span_counts(_by_label(list(left)), _by_label(list(right))),
                dict(confusion_counts(left, right)))
    rows: dict[str, list[int]] = {}
    for _, _, label in left:
        row = rows.get(label)
        if row is None:
            rows[label] = [1, 0, 0, 0, 0]
        else:
            row[_LEFT] += 1
    for _, _, label in right:
        row = rows.get(label)
        if row is None:
            rows[label] = [0, 1, 0, 0, 0]
        else:
            row[_RIGHT] += 1
    confusion: dict[tuple[str, str], int] = {}
    overlapped = [False] * len(right)  # by a left span of any label
    hit = [False] * len(right)  # by a left span of its label
    for s, e, label in left:
        found = same = False
        for k, (s2, e2, label2) in enumerate(right):
            if s2 < e and e2 > s:
                key = label, label2
                confusion[key] = confusion.get(key, 0) + 1
                found = overlapped[k] = True
                if label2 == label:
                    same = hit[k] = True
            if label2 == label and s2 == s and e2 == e:
                rows[label][_EXACT] += 1
        if same:
            rows[label][_HIT_LEFT] += 1
        if not found:
            key = label, OUTSIDE
            confusion[key] = confusion.get(key, 0) + 1
    for k, (_, _, label2) in enumerate(right):
        if hit[k]:
            rows[label2][_HIT_RIGHT] += 1
        if not overlapped[k]:
            key = OUTSIDE, label2
            confusion[key] = confusion.get(key, 0) + 1
    return rows, confusion


@functools.lru_cache(maxsize=1 << 12)
def _prfs(left: int, right: int, exact: int, hit_right: int, hit_left: int
          ) -> tuple[float | None, ...]:
    """Precision, recall and F1, exact then overlap, of one row of counts (the same small rows
    recur in article after article: computed once each)."""
    return (*metrics.prf(exact, right, exact, left),
            *metrics.prf(hit_right, right, hit_left, left))


def _scores(counts: Mapping[str, list[int]] | list[int]) -> dict[str, Any]:
    total = counts if isinstance(counts, list) else _sum_counts(counts.values())
    p, r, f, po, ro, fo = _prfs(*total)
    return {"spans_left": total[_LEFT], "spans_right": total[_RIGHT],
            "precision_exact": p, "recall_exact": r, "f1_exact": f,
            "precision_overlap": po, "recall_overlap": ro, "f1_overlap": fo}


def _f1s(row: list[int]) -> dict[str, Any]:
    """Only the two F1s (per article and label, where token coefficients are mostly
    undefined)."""
    scores = _prfs(*row)
    return {"spans_left": row[_LEFT], "spans_right": row[_RIGHT], "f1_exact": scores[2],
            "f1_overlap": scores[5]}


def _sum_counts(rows: Iterable[list[int]]) -> list[int]:
    return list(map(sum, zip(*rows))) or [0] * 5


# ------------------------------------------------------------------------------- the report
def _counts_for(units: str, doc: Doc, who: Sequence[str], layers: Sequence[Spans],
                worked: Sequence[bool]) -> tuple[bool, bool]:
    """(the article counts for a comparison of ``who``, one of them worked on it); ``worked``:
    whether each of ``who`` worked on it (``Doc.who_worked``)."""
    if units == "all":
        counted = any(layers)
    elif units == "done":
        counted = all(doc.statuses.get(name) == "done" for name in who)
    else:
        counted = all(worked)
    return counted, counted or any(worked) or any(layers)


def agreement(docs: Iterable[Doc], annotators: Sequence[str],
              labels: Sequence[str] | None = None, tokens: str = "word",
              per_article: bool = True, cache: bool = True,
              units: str = "touched", scheme: Scheme | None = None) -> AgreementReport:
    """Every pair of ``annotators`` and all of them together; see the module doc (and
    ``structure.py`` for attributes, relations and article attributes, typed by ``scheme``).

    Word tokens are cached per article in the user's cache folder unless ``cache`` is False.
    """
    if tokens not in TOKEN_MODES:
        raise ValueError(f"unknown token mode {tokens!r} (word or char)")
    if units not in UNITS:
        raise ValueError(f"unknown units {units!r} ({', '.join(UNITS)})")
    token_cache = TokenCache() if cache and tokens == "word" else None
    names = list(dict.fromkeys(annotators))
    keep = set(labels) if labels else None
    pairs = list(itertools.combinations(range(len(names)), 2))
    tables: dict[tuple[int, int], Counter] = {p: Counter() for p in pairs}
    counts: dict[tuple[int, int], dict[str, list[int]]] = {p: {} for p in pairs}
    confusion: dict[tuple[int, int], dict[tuple[str, str], int]] = {p: {} for p in pairs}
    results = {p: PairResult(names[p[0]], names[p[1]]) for p in pairs}
    overall = OverallResult(names) if len(names) >= 2 else None
    patterns: Counter[tuple[str, ...]] = Counter()
    summary = {name: {"spans": 0, "articles": 0} for name in names}
    seen_labels: set[str] = set()
    overall_counts: dict[tuple[int, int], dict[str, list[int]]] = {p: {} for p in pairs}
    structures = {p: Structure(scheme, labels) for p in pairs}
    overall_structure = Structure(scheme, labels)
    two = len(names) == 2  # the one pair is the overall comparison: its counts serve both
    #: the articles compared: (doc, its layers, the pairs it counts for, counts for overall)
    compared: list[tuple[Doc, list[list[tuple[int, int, str]]], dict[tuple[int, int], bool],
                         bool]] = []
    for doc in docs:
        layers = [sorted(set(doc.layers.get(name, ()))) if keep is None else
                  sorted({s for s in doc.layers.get(name, ()) if s[2] in keep})
                  for name in names]
        for name, spans in zip(names, layers):
            if spans:
                summary[name]["spans"] += len(spans)
                summary[name]["articles"] += 1
                seen_labels.update(label for _, _, label in spans)
        if overall is None:
            continue
        worked = doc.who_worked(names)
        in_overall, overall_seen = _counts_for(units, doc, names, layers, worked)
        in_pair: dict[tuple[int, int], bool] = {}
        for p in pairs:
            i, j = p
            counted, seen = (in_overall, overall_seen) if two else _counts_for(
                units, doc, [names[i], names[j]], [layers[i], layers[j]],
                [worked[i], worked[j]])
            if counted:
                in_pair[p] = True
            elif seen:
                results[p].articles_left_out += 1
        if not in_overall and overall_seen:
            overall.articles_left_out += 1
        if not in_pair and not in_overall:
            continue
        compared.append((doc, layers, in_pair, in_overall))
    bounds = _all_bounds([doc for doc, _, _, _ in compared], tokens, token_cache)
    for (doc, layers, in_pair, in_overall), (starts, ends) in zip(compared, bounds):
        assert overall is not None  # compared is empty without two annotators
        cats = [token_categories(starts, ends, spans) if spans else [OUTSIDE] * len(starts)
                for spans in layers]
        doc_patterns = Counter(zip(*cats))
        if in_overall:
            overall_structure.add(doc, names, layers, relations=False)
            if not two:
                patterns.update(doc_patterns)
            overall.articles += 1
            overall.tokens += len(starts)
        doc_total = [0] * 5
        for p in pairs:
            if p not in in_pair:
                continue
            i, j = p
            table: Counter[tuple[str, ...]] = (
                doc_patterns if two else Counter(zip(cats[i], cats[j])))
            _add_counts(tables[p], table)
            doc_counts, doc_confusion = pair_counts(layers[i], layers[j])
            for label, row in doc_counts.items():
                _add_row(counts[p], label, row)
                if in_overall and not two:
                    _add_row(overall_counts[p], label, row)
            _add_counts(confusion[p], doc_confusion)
            relation_counts = structures[p].add(doc, [names[i], names[j]],
                                                [layers[i], layers[j]])
            if in_overall:
                overall_structure.add_relations(relation_counts)
            result = results[p]
            result.articles += 1
            result.tokens += len(starts)
            total = _sum_counts(doc_counts.values())
            if not two:
                doc_total = _sum_counts((doc_total, total))
            if per_article:
                kappa, alpha = metrics.two_raters(table)
                result.per_article.append({
                    "article_id": doc.id, "title": doc.title, "tokens": len(starts),
                    **_scores(total), "cohen_kappa": kappa, "krippendorff_alpha": alpha,
                    "per_label": {label: _f1s(row) for label, row in doc_counts.items()}})
        if in_overall and per_article and not two:  # with two, the pair says it all
            overall.per_article.append({
                "article_id": doc.id, "title": doc.title, "tokens": len(starts),
                "spans": sum(map(len, layers)),
                "f1_exact": _scores(doc_total)["f1_exact"],
                "f1_overlap": _scores(doc_total)["f1_overlap"],
                "fleiss_kappa": metrics.fleiss_kappa(doc_patterns),
                "krippendorff_alpha": metrics.krippendorff_alpha(doc_patterns)})
    bounds.close()  # a helper process (word tokens) is done
    label_list = list(labels) if labels else sorted(seen_labels)
    if two:
        patterns, overall_counts = tables[pairs[0]], counts
    for p in pairs:
        _finish_pair(results[p], tables[p], counts[p], confusion[p], label_list)
        results[p].corpus.update(structures[p].result(2, label_list))
    if overall is not None:
        _finish_overall(overall, patterns, [overall_counts[p] for p in pairs], label_list)
        overall.corpus.update(overall_structure.result(len(names), label_list))
    if token_cache is not None and token_cache.written:
        token_cache.prune()
    return AgreementReport(tokens, names, label_list, summary, [results[p] for p in pairs],
                           overall, units)


def _all_bounds(docs: Sequence[Doc], mode: str, cache: TokenCache | None
                ) -> Generator[tuple[Sequence[int], Sequence[int]], None, None]:
    """``token_bounds`` of each of ``docs``, in order; word tokens the cache lacks are
    segmented as one batch, with a helper process when it pays (``core.segment_helper``)."""
    from annotator.core import segment

    if mode != "word" or (cache is not None and cache.segmenter is not segment.tokens):
        for doc in docs:
            yield token_bounds(doc.text, doc.lang, mode, cache)
        return
    from annotator.core.segment_helper import bounds_of_many, tokens_of_many

    if cache is None:  # the helper's bounds as they come
        yield from bounds_of_many([(doc.text, doc.lang or None) for doc in docs])
        return
    found = [cache.lookup(doc.text, doc.lang) for doc in docs]
    fresh = tokens_of_many([(doc.text, doc.lang or None)
                            for doc, bounds in zip(docs, found) if bounds is None])
    for doc, bounds in zip(docs, found):
        if bounds is None:
            spans = next(fresh)
            cache.store(doc.text, doc.lang, spans)
            bounds = [a for a, _ in spans], [b for _, b in spans]
        yield bounds


def _add_counts(acc: dict[Any, int], counts: Mapping[Any, int]) -> None:
    """``acc`` += ``counts`` (what Counter.update does with a mapping, without its checks)."""
    for key, n in counts.items():
        acc[key] = acc.get(key, 0) + n


def _add_row(acc: dict[str, list[int]], label: str, row: list[int]) -> None:
    total = acc.get(label)
    acc[label] = list(map(add, total, row)) if total else list(row)


def _finish_pair(result: PairResult, table: Counter, counts: dict[str, list[int]],
                 confusion: Mapping[tuple[str, str], int], labels: list[str]) -> None:
    result.corpus = {
        "all": {**_scores(counts), "cohen_kappa": metrics.cohen_kappa(table),
                "krippendorff_alpha": metrics.krippendorff_alpha(table)},
        "per_label": {label: {**_scores(counts.get(label, [0] * 5)),
                              "cohen_kappa": metrics.cohen_kappa(metrics.binary(table, label)),
                              "krippendorff_alpha": metrics.krippendorff_alpha(
                                  metrics.binary(table, label))}
                      for label in labels}}
    axis = [label for label in labels
            if any(label in key for key in confusion)] + [OUTSIDE]
    axis += sorted({c for key in confusion for c in key} - set(axis))
    shown = "(none)" if "O" in axis else "O"
    result.confusion = {"labels": [label or shown for label in axis],
                        "matrix": [[confusion.get((a, b), 0) for b in axis] for a in axis]}


def _finish_overall(overall: OverallResult, patterns: Counter,
                    pair_counts: list[dict[str, list[int]]], labels: list[str]) -> None:
    def micro(label: str | None) -> dict[str, Any]:
        rows = [c.get(label, [0] * 5) if label else _sum_counts(c.values())
                for c in pair_counts]
        scores = _scores(_sum_counts(rows))
        return {"f1_exact": scores["f1_exact"], "f1_overlap": scores["f1_overlap"]}

    overall.corpus = {
        "all": {**micro(None), "fleiss_kappa": metrics.fleiss_kappa(patterns),
                "krippendorff_alpha": metrics.krippendorff_alpha(patterns)},
        "per_label": {label: {**micro(label),
                              "fleiss_kappa": metrics.fleiss_kappa(
                                  metrics.binary(patterns, label)),
                              "krippendorff_alpha": metrics.krippendorff_alpha(
                                  metrics.binary(patterns, label))}
                      for label in labels}}
