"""The export stream with each article's spans as columns (no Qt): one row per article from
SQLite instead of one per span, for writers that need only offsets and labels (doccano's label
layout).

Fetching a row through ``sqlite3`` costs far more than SQLite appending to a string: every
column is a locked API call and every row releases and takes the GIL. So the spans come
grouped by article, in one scan of the (article_id, start) index: their starts and ends
(comma-separated, parsed at C speed by ``json.loads``), labels and texts (NUL-separated:
article texts never hold NUL, and label names are visible characters). Invariant 3 is checked
at C speed on the NUL-joined slices; only a failure reads the article's spans one by one, to
name the first bad one as :func:`iter_export` does. Spans are put in iter_export's order,
(start, end, label, text), in Python: the index gives start order, and only spans that share
a start are sorted again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from itertools import compress
from operator import eq, le, lt
from typing import TYPE_CHECKING, Any

from annotator.formats._common import (
    ARTICLE_COLUMNS,
    OPTIONAL,
    ExportArticle,
    ExportProgress,
    Filters,
    Ticks,
    check_rows,
    span_sql,
)

if TYPE_CHECKING:
    from annotator.store.project import Project


class SpanColumns:
    """One article's exported spans in (start, end, label, text) order, as columns; ``flags``
    are the values of the caller's aggregates over them."""

    __slots__ = ("starts", "ends", "labels", "flags")

    def __init__(self, starts: list[int], ends: list[int], labels: list[str],
                 flags: tuple[Any, ...]) -> None:
        self.starts = starts
        self.ends = ends
        self.labels = labels
        self.flags = flags


def iter_export_columns(project: Project, filters: Filters, flags: Sequence[str] = (), *,
                        progress: ExportProgress | None = None
                        ) -> Iterator[tuple[ExportArticle, SpanColumns | None]]:
    """``(article, spans)`` for every exported article, in id order, as :func:`iter_export`
    gives them (the same filters, check, order, progress and cancelling), except that the
    spans are :class:`SpanColumns` (None: the article has no exported span). ``flags``: SQL
    aggregates over the article's spans ``s`` (``max(s.note <> '')``)."""
    params: dict[str, Any] = {"nul": "\0"}
    art_where = filters.article_where(params)
    span_where = filters.span_where(params)
    conn = project.conn
    total = int(conn.execute(f"SELECT count(*) FROM articles a WHERE 1{art_where}",
                             params).fetchone()[0])
    articles = conn.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE 1{art_where} "
                            "ORDER BY a.id", params)
    extra = "".join(f", {flag}" for flag in flags)
    groups = conn.execute(
        "SELECT s.article_id, group_concat(s.start, ','), group_concat(s.\"end\", ','), "
        f"group_concat(s.label, :nul), group_concat(s.text, :nul){extra} FROM spans s "
        f"WHERE 1{span_where} GROUP BY s.article_id ORDER BY s.article_id", params)
    group = next(groups, None)
    ticks = Ticks(progress, total)
    loads = json.loads
    for row in articles:
        article = ExportArticle(*row)
        while group is not None and group[0] < article.id:
            group = next(groups, None)  # spans of an article the filters left out
        spans = None
        if group is not None and group[0] == article.id:
            _, starts, ends, labels, texts, *values = group
            group = next(groups, None)
            spans = SpanColumns(loads(f"[{starts}]"), loads(f"[{ends}]"), labels.split("\0"),
                                tuple(values))
            text = article.text
            if "\0".join(map(text.__getitem__, map(slice, spans.starts, spans.ends))) != texts:
                _name_culprit(project, filters, article)
            _sort(spans)
        ticks.tick()
        if spans is not None or not filters.skip_empty:
            yield article, spans
    ticks.end()


def _sort(spans: SpanColumns) -> None:
    """Put the spans in (start, end, label, text) order: they come in start order (the
    index's) unless the query took another index; then they are sorted whole. Their texts
    never decide: spans with the same offsets have the same text (it was just checked)."""
    starts, ends, labels = spans.starts, spans.ends, spans.labels
    if all(map(lt, starts, starts[1:])):
        return  # no two spans start together: the usual case
    if not all(map(le, starts, starts[1:])):
        spans.starts, spans.ends, spans.labels = map(list, zip(*sorted(zip(starts, ends,
                                                                           labels))))
        return
    same = list(compress(range(len(starts)), map(eq, starts, starts[1:])))  # i: i and i + 1
    k = 0
    while k < len(same):
        first = last = same[k]
        while k < len(same) and same[k] == last:
            last += 1
            k += 1
        if (ends[first], labels[first]) <= (ends[first + 1], labels[first + 1]) \
                and last == first + 1:
            continue  # two spans, already in order: the usual tie
        run = sorted(zip(ends[first:last + 1], labels[first:last + 1]))
        ends[first:last + 1] = [end for end, _ in run]
        labels[first:last + 1] = [label for _, label in run]


def article_rows(project: Project, filters: Filters, article_id: int, fields: frozenset[str],
                 where: str = "") -> list[Any]:
    """The raw span rows (:func:`span_sql`) of one article that the export takes (and
    ``where``), sorted as :func:`iter_export` sorts them."""
    params: dict[str, Any] = {"one_article": article_id}
    span_where = filters.span_where(params)
    return sorted(project.conn.execute(
        f"{span_sql(fields)} WHERE s.article_id = :one_article{span_where}{where}", params))


def _name_culprit(project: Project, filters: Filters, article: ExportArticle) -> None:
    """The bulk check failed: read the article's spans and raise as :func:`iter_export`
    does."""
    check_rows(article, article_rows(project, filters, article.id, OPTIONAL))
