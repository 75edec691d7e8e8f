"""Suggestions (issue 12): spans of origin ``suggested`` that a person accepts or rejects.

- **companies**: every occurrence of a registry name, alias or ticker, matched in the text
  itself (not through the segmenter), longest first, none inside or across another; a name that starts
  or ends with a Latin letter or digit matches on a word boundary there ("Alibaba Group",
  not "Alibabas"); case counts. ``entity`` = the canonical name.
- **figures**: every figure ``core.figures.find_figures`` finds, attributes filled (parsed).
- **repeats**: every other occurrence of a text of two characters or more that the annotator
  labeled (not a suggestion), with the same label.

A suggestion is left out where the annotator already has a span of the same label that
overlaps it (their own 约2.5亿元 gets no 2.5亿元 beside it; running twice adds nothing), and
where they rejected that suggestion before (``suggestion_rejections``: annotator, article,
offsets, label, text)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from annotator.core.model import Span
from annotator.core.names import check_person_name
from annotator.core.scheme import Scheme, check_value
from annotator.store import connection as cx
from annotator.store.errors import InvariantError
from annotator.store.fillers import PARSED, figure_fields, figure_values, parsed_values
from annotator.store.registry import has_registry
from annotator.store.spans import ordered_ids, span_dict

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["KINDS", "SuggestReport", "SuggestionsMixin", "name_matcher", "suggest"]

KINDS = ("companies", "figures", "repeats")
SUGGESTED = "suggested"
MIN_REPEAT = 2  # a one-character text (他, 3) would be suggested everywhere
_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass
class SuggestReport:
    """What ``suggest`` added (or would add, dry run): spans per kind, articles read."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    articles: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in self.counts.items())


def _boundary_before(name: str) -> str:
    return r"(?<![A-Za-z0-9])" if _LATIN.match(name) else ""


def _trie_pattern(node: dict[str, Any]) -> str:
    """The alternation of a trie's branches, longer first (the empty branch, where a name
    ends, comes last): the engine tries each character once, not each name at each place."""
    branches = [re.escape(ch) + _trie_pattern(child)
                for ch, child in sorted(node.items()) if ch != ""]
    if "" in node:
        branches.append(node[""])  # a name ends here: its word boundary, or nothing
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def name_matcher(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern whose group 1 is, at each position, the longest of ``names`` starting there
    (a lookahead: overlapping candidates are all found). Latin edges need a word boundary.
    Built from a trie, so a registry of thousands of names costs about what one costs."""
    root: dict[str, Any] = {}
    for name in set(names):
        if not name:
            continue
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = r"(?![A-Za-z0-9])" if _LATIN.match(name[-1]) else ""
    if not root:
        return None
    firsts = ["(?:" + _boundary_before(ch) + re.escape(ch) + _trie_pattern(child) + ")"
              for ch, child in sorted(root.items())]
    return re.compile("(?=(" + "|".join(firsts) + "))")


def longest_first(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the matches of a ``name_matcher`` pattern: longest first, then
    leftmost; none inside or overlapping another. In text order."""
    found = [(m.start(), m.end(1), m.group(1)) for m in pattern.finditer(text)]
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken = bytearray(len(text))
    out = []
    for f in found:
        if 1 not in taken[f[0]:f[1]]:
            taken[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
            out.append(f)
    return sorted(out)


def _company_texts(project: Project) -> dict[str, str]:
    """Every name, alias and ticker -> the canonical name. A ticker is matched as written
    (BABA, 9988.HK, the JD of "(NASDAQ: JD)") and only as a whole token: ``name_matcher``
    wants a boundary at a Latin or digit edge. A ticker that is also another entry's name or
    alias names that entry."""
    companies = project.companies()
    names = {text: c.name for c in companies for text in c.names()}
    for c in companies:
        for ticker in c.tickers:
            for form in ticker_forms(ticker):
                names.setdefault(form, c.name)
    return names


_HK_TICKER = re.compile(r"0*(\d{1,5})\.HK", re.IGNORECASE)


def ticker_forms(ticker: str) -> list[str]:
    """The ways a ticker is written: as registered, and a Hong Kong code with or without
    its leading zeros (700.HK, 0700.HK, 00700.HK; 9988.HK, 09988.HK)."""
    match = _HK_TICKER.fullmatch(ticker)
    if match is None:
        return [ticker]
    digits = match.group(1)
    forms = [ticker] + [f"{digits.zfill(width)}.HK" for width in (len(digits), 4, 5)]
    return list(dict.fromkeys(forms))


def _preferred(labels: Iterable[str], name: str) -> str | None:
    labels = list(labels)
    return name if name in labels else (labels[0] if labels else None)


class _Plan:
    """What one run suggests: the labels, matchers and attribute definitions, built once."""

    def __init__(self, project: Project, annotator: str, kinds: Sequence[str]) -> None:
        scheme: Scheme = project.scheme()
        self.figures = figure_fields(scheme)
        self.figure_label = _preferred(self.figures, "figure") if "figures" in kinds else None
        company_labels = [lb for lb, attrs in scheme.attributes.items()
                          if any(a.name == "entity" and a.type == "text" for a in attrs)]
        self.company_label = (_preferred(company_labels, "company")
                              if "companies" in kinds else None)
        self.entity = (scheme.attribute(self.company_label, "entity")
                       if self.company_label else None)
        names = _company_texts(project) if self.company_label else {}
        self.canonical = names
        self.companies = name_matcher(names)
        self.repeats: dict[str, re.Pattern[str]] = {}
        if "repeats" in kinds:
            by_label: dict[str, set[str]] = defaultdict(set)
            for label, text in project.conn.execute(
                    "SELECT DISTINCT label, text FROM spans WHERE annotator = ? AND "
                    "origin != ? AND length(text) >= ?", (annotator, SUGGESTED, MIN_REPEAT)):
                if text.strip() == text:
                    by_label[label].add(text)
            self.repeats = {lb: p for lb, texts in by_label.items()
                            if (p := name_matcher(texts)) is not None}

    def candidates(self, text: str) -> Iterable[tuple[str, str, int, int, dict[str, Any]]]:
        """(kind, label, start, end, {attribute: (value, source)}) in the order kinds win."""
        if self.companies is not None and self.company_label and self.entity:
            for start, end, name in longest_first(self.companies, text):
                entity = check_value(self.entity, self.canonical[name], self.company_label)
                yield "companies", self.company_label, start, end, {"entity": (entity, SUGGESTED)}
        if self.figure_label:
            from annotator.core.figures import find_figures  # ~25 ms: not at every start

            for start, end, figure in find_figures(text):
                values = figure_values(self.figures[self.figure_label], figure,
                                       self.figure_label)
                yield ("figures", self.figure_label, start, end,
                       {k: (v, PARSED) for k, v in values.items()})
        for label, pattern in self.repeats.items():
            own = self.figures.get(label)
            for start, end, found in longest_first(pattern, text):
                values = parsed_values(own, found, text, start, label) if own else {}
                yield "repeats", label, start, end, {k: (v, PARSED) for k, v in values.items()}


def suggest(project: Project, annotator: str, *, kinds: Sequence[str] = KINDS,
            article_ids: Sequence[int] | None = None, dry_run: bool = False,
            who: str | None = None) -> SuggestReport:
    """Suggest spans for ``annotator`` in every article (or ``article_ids``), all in one
    transaction; ``dry_run`` counts them and writes nothing (a read-only project will do)."""
    annotator = check_person_name(annotator)  # never @gold: suggestions are a person's
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise InvariantError(f"unknown suggestion kind {sorted(unknown)[0]!r} "
                             f"(one of {', '.join(KINDS)})")
    plan = _Plan(project, annotator, kinds)
    report = SuggestReport()
    if "figures" in kinds and plan.figure_label is None:
        report.notes.append("no label has a number attribute 'value': no figures suggested")
    if "companies" in kinds and plan.company_label is None:
        report.notes.append("no label has a text attribute 'entity': no companies suggested")
    elif "companies" in kinds and plan.companies is None:
        report.notes.append("the company registry is empty (`annotator registry PROJECT add`)")
    rejected = _rejections(project, annotator)
    ids = list(article_ids) if article_ids is not None else project.article_ids()
    with nullcontext() if dry_run else project.transaction():
        rows = _Rows(project, dry_run)
        for article_id in ids:
            report.articles += 1
            _suggest_in(project, plan, annotator, article_id, rejected.get(article_id, set()),
                        rows, report)
        rows.flush()
        if not dry_run and any(report.counts.values()):
            project._log(who or annotator, "suggest", "project", "",
                         {"annotator": annotator, **report.counts}, rows.stamp)
    return report


def _suggest_in(project: Project, plan: _Plan, annotator: str, article_id: int,
                gone: set[tuple[int, int, str]], rows: _Rows, report: SuggestReport) -> None:
    """One article's suggestions into ``rows``, counted in ``report``."""
    text = project._text_of(article_id)
    taken: dict[str, bytearray] = defaultdict(lambda: bytearray(len(text)))  # per label
    for label, start, end in project.conn.execute(
            'SELECT label, start, "end" FROM spans WHERE annotator = ? AND article_id = ?',
            (annotator, article_id)):
        taken[label][start:end] = b"\x01" * (end - start)
    for kind, label, start, end, values in plan.candidates(text):
        if (start, end, label) in gone or 1 in taken[label][start:end]:
            continue
        taken[label][start:end] = b"\x01" * (end - start)
        report.counts[kind] += 1
        rows.add((article_id, label, start, end, text[start:end], annotator, kind), values)


_SPAN_INSERT = ('INSERT INTO spans(id, article_id, label, start, "end", text, annotator, note, '
                "origin, created_at, updated_at, provenance) VALUES ")
_VALUE_INSERT = "INSERT INTO span_attributes(span_id, name, value, source, updated_at) VALUES "
_PER_STATEMENT = 80  # rows of 12 values: under 999, the oldest SQLite's limit of parameters


def insert_many(conn: sqlite3.Connection, head: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """``head`` ("INSERT INTO t(a, b) VALUES ") for ``rows``, ``_PER_STATEMENT`` rows to a
    statement. ``executemany`` runs one statement per row, and where a statement could fail
    halfway (a table with a trigger, foreign keys) SQLite first copies each page it touches
    (the row's and each index's) to a statement journal: ~3 writes per index entry, most of
    the time of a large insert. Values are bound as ``executemany`` binds them."""
    if not rows:
        return
    one = "(" + ",".join("?" * len(rows[0])) + ")"
    full = head + ",".join([one] * _PER_STATEMENT)
    for i in range(0, len(rows), _PER_STATEMENT):
        part = rows[i:i + _PER_STATEMENT]
        sql = full if len(part) == _PER_STATEMENT else head + ",".join([one] * len(part))
        conn.execute(sql, list(chain.from_iterable(part)))


class _Rows:
    """Suggested spans and their values, written in batches of ``SIZE`` (a run over 10k
    articles suggests a million spans: never all held at once), many rows to a statement
    (``insert_many``); their ids ascend (``ordered_ids``)."""

    SIZE = 20_000

    def __init__(self, project: Project, dry_run: bool) -> None:
        self.project, self.dry_run = project, dry_run
        self.stamp = cx.now()
        self.ids = ordered_ids()
        self.spans: list[tuple[Any, ...]] = []
        self.values: list[tuple[Any, ...]] = []
        self.dumped: dict[Any, str] = {}

    def add(self, span: tuple[Any, ...], values: Mapping[str, tuple[Any, str]]) -> None:
        if self.dry_run:
            return
        span_id = next(self.ids)
        article_id, label, start, end, text, annotator, kind = span
        self.spans.append((span_id, article_id, label, start, end, text, annotator, "",
                           SUGGESTED, self.stamp, self.stamp, self._json({"suggested": kind})))
        self.values.extend((span_id, name, self._json(v), source, self.stamp)
                           for name, (v, source) in values.items())
        if len(self.spans) >= self.SIZE:
            self.flush()

    def _json(self, value: Any) -> str:
        """JSON of a value, remembered (the same units, hedges and names come again and
        again)."""
        kind = value.__class__  # 1 and True are equal keys; 0.0 and -0.0 too: repr those
        key = (kind, value) if kind is str or kind is int or kind is bool else repr(value)
        out = self.dumped.get(key)
        if out is None:
            if len(self.dumped) > 10_000:
                self.dumped.clear()
            out = self.dumped[key] = json.dumps(value, ensure_ascii=False)
        return out

    def flush(self) -> None:
        insert_many(self.project.conn, _SPAN_INSERT, self.spans)
        insert_many(self.project.conn, _VALUE_INSERT, self.values)
        self.spans.clear()
        self.values.clear()


def _rejections(project: Project, annotator: str) -> dict[int, set[tuple[int, int, str]]]:
    out: dict[int, set[tuple[int, int, str]]] = defaultdict(set)
    if has_registry(project.conn):
        for article_id, start, end, label in project.conn.execute(
                'SELECT article_id, start, "end", label FROM suggestion_rejections '
                "WHERE annotator = ?", (annotator,)):
            out[article_id].add((start, end, label))
    return out


class SuggestionsMixin:
    def _suggestion(self: Project, span_id: str) -> Span:
        span = self.span(span_id)
        if span.origin != SUGGESTED:
            raise InvariantError(f"span {span_id} is not a suggestion (its origin is "
                                 f"{span.origin})")
        return span

    def accept_suggestion(self: Project, span_id: str, who: str) -> Span:
        """A suggestion becomes the annotator's own span (origin ``manual``), its values as
        they are; one transaction. Returns the span as it was."""
        with self.transaction():
            before = self._suggestion(span_id)
            stamp = cx.now()
            self.conn.execute("UPDATE spans SET origin = 'manual', updated_at = ? WHERE id = ?",
                              (stamp, span_id))
            self._log(who, "suggestion.accept", "span", span_id, {"before": span_dict(before)},
                      stamp)
        return before

    def unaccept_suggestion(self: Project, span_id: str, who: str) -> Span:
        """Undo of ``accept_suggestion``: the span is a suggestion again (origin
        ``suggested``), its values as they are; one transaction. Returns the span now."""
        with self.transaction():
            before = self.span(span_id)
            if before.origin != "manual":
                raise InvariantError(f"span {span_id} was not an accepted suggestion (its "
                                     f"origin is {before.origin})")
            stamp = cx.now()
            self.conn.execute("UPDATE spans SET origin = ?, updated_at = ? WHERE id = ?",
                              (SUGGESTED, stamp, span_id))
            self._log(who, "suggestion.unaccept", "span", span_id,
                      {"before": span_dict(before)}, stamp)
        return before._replace(origin=SUGGESTED, updated_at=stamp)

    def reject_suggestion(self: Project, span_id: str, who: str) -> Span:
        """Delete a suggestion and remember it (annotator, article, offsets, label, text):
        it is never suggested to that annotator again. One transaction; returns the span
        (``restore_span`` and ``forget_rejection`` undo it)."""
        with self.transaction():
            span = self._suggestion(span_id)
            self.conn.execute(
                'INSERT OR IGNORE INTO suggestion_rejections(annotator, article_id, start, "end",'
                " label, text, rejected_at) VALUES (?,?,?,?,?,?,?)",
                (span.annotator, span.article_id, span.start, span.end, span.label, span.text,
                 cx.now()))
            self.delete_span(span_id, who)
        return span

    def forget_rejection(self: Project, span: Span, who: str) -> None:
        """Undo of ``reject_suggestion``'s memory: that suggestion may come again."""
        with self.transaction():
            self.conn.execute(
                'DELETE FROM suggestion_rejections WHERE annotator = ? AND article_id = ? AND '
                'start = ? AND "end" = ? AND label = ?',
                (span.annotator, span.article_id, span.start, span.end, span.label))
            self._log(who, "suggestion.forget", "span", span.id, {"span": span_dict(span)})

    def rejected_suggestions(self: Project, annotator: str) -> Mapping[int, set[tuple[int, int,
                                                                                     str]]]:
        """article id -> {(start, end, label)} the annotator rejected."""
        return _rejections(self, annotator)
