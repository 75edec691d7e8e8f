"""The concordance (no Qt): spans across the project with their context, keyword in context.

Each :class:`Line` is one span with up to ``width`` code points of its article's text on each
side, cut by SQLite (``substr`` counts code points, as our offsets do, so an emoji or 𠮷 before
a span moves nothing) and never copied whole into Python. Contexts are exact slices of the
text: ``left + text + right == text[start - len(left):end + len(right)]``; showing a line break
as ⏎ is the display's business (:func:`one_line`).

Lines come in document order (article id, then start, then the row), one statement per page:
each page starts after the last line of the previous one (a keyset, not an OFFSET), so the
first page of a million spans costs what one page costs, and a caller in a worker thread can
stop between pages. The scan walks the ``spans_article_start`` index in that order and checks
the filters row by row; when an index says the label or annotator filter keeps at most
``SORT_BELOW`` spans, that index finds them and SQLite sorts those few instead (a rare label
would otherwise read the whole table for one page).

Filters: ``label`` and ``annotator`` exact; ``text`` a substring of the span's text (ASCII
letters ignore case, everything else matches exactly: SQLite's ``LIKE``); ``attrs``
``NAME=VALUE`` pairs through :func:`_attribute_filter`, the one place that knows where span
attributes live.

Sorting by context (the window's columns): :func:`sorted_rowids` orders every matching span by
its left context read backwards (the word just before the span first, as KWIC tools sort), its
right context or its text, in code point order, inside SQLite (bounded memory); only the row
ids come back, and :func:`lines_by_rowids` reads the lines of one page of them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from annotator.store.errors import ProjectError

__all__ = ["DEFAULT_WIDTH", "ConcordanceQuery", "Line", "lines", "lines_by_rowids", "one_line",
           "pages", "parse_attr", "sorted_rowids"]

#: Code points of context on each side unless asked otherwise.
DEFAULT_WIDTH = 30
MAX_WIDTH = 1000
#: Lines per page (the window's fetchMore, the benchmark's "first page").
PAGE = 200
#: A label or annotator index that finds at most this many spans is used, and its spans sorted
#: (SQLite cuts the contexts of every one before it sorts: ~30 ms for 2,000; a walk in document
#: order reads 200 x spans / matches rows for a page: 100k of 1M when 2,000 match, ~70 ms).
SORT_BELOW = 2_000
#: Where issue 10 keeps span attributes (checked in sqlite_master; see _attribute_filter).
ATTRIBUTE_TABLE = "span_attributes"
#: How a line break (and other breaks) shows in one line; tabs show as a space.
NEWLINE_MARK = "⏎"
_ONE_LINE = str.maketrans({"\n": NEWLINE_MARK, "\r": NEWLINE_MARK, "\u2028": NEWLINE_MARK,
                           "\u2029": NEWLINE_MARK, "\u0085": NEWLINE_MARK, "\t": " ",
                           "\v": " ", "\f": " "})

SortKey = Literal["left", "right", "text"]


class ConcordanceError(ProjectError):
    """A filter the project cannot answer (a bad --attr, attributes before issue 10)."""


class Line(NamedTuple):
    """One span in context; offsets are code points, end-exclusive."""

    article_id: int
    title: str
    annotator: str
    label: str
    left: str
    text: str
    right: str
    start: int
    end: int
    span_id: str
    rowid: int  # the spans row: where the next page starts

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.article_id, self.start, self.rowid)


@dataclass(frozen=True)
class ConcordanceQuery:
    """Which spans, and how much context. ``None`` (or empty) means no filter."""

    label: str | None = None
    text: str | None = None
    annotator: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()
    width: int = DEFAULT_WIDTH

    def __post_init__(self) -> None:
        if not 0 <= self.width <= MAX_WIDTH:
            raise ConcordanceError(f"the context width must be 0 to {MAX_WIDTH} characters, "
                                   f"not {self.width}")

    def where(self, conn: sqlite3.Connection, params: dict[str, Any]) -> str:
        """The filters as `` AND ...`` terms on ``s`` (the spans)."""
        sql = ""
        if self.label:
            params["label"] = self.label
            sql += " AND s.label = :label"
        if self.annotator:
            params["annotator"] = self.annotator
            sql += " AND s.annotator = :annotator"
        if self.text:
            params["text"] = "%" + _escape_like(self.text) + "%"
            sql += " AND s.text LIKE :text ESCAPE '\\'"
        return sql + _attribute_filter(conn, self.attrs, params)


def one_line(text: str) -> str:
    """``text`` for a one-line display: line breaks as ⏎, tabs and form feeds as a space."""
    return text.translate(_ONE_LINE)


def parse_attr(item: str) -> tuple[str, str]:
    """``NAME=VALUE`` as a pair; a clear error otherwise."""
    name, sep, value = item.partition("=")
    if not sep or not name.strip():
        raise ConcordanceError(f"--attr {item!r}: give NAME=VALUE (e.g. certainty=hedged)")
    return name.strip(), value


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _attribute_filter(conn: sqlite3.Connection, attrs: Sequence[tuple[str, str]],
                      params: dict[str, Any]) -> str:
    """The one place that filters spans by attribute values (``--attr NAME=VALUE``).

    One ``EXISTS`` term per pair on ``span_attributes`` (m009): the value as the user types it
    (hedged, true, 250000000) matches a choice or text value, a boolean, a number written the
    same way, or one value of a multi attribute. A file older than m009 (read-only) has no
    values: refused with a clear message."""
    if not attrs:
        return ""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                         (ATTRIBUTE_TABLE,)).fetchone()
    names = ", ".join(f"{n}={v}" for n, v in attrs)
    if found is None:
        raise ConcordanceError(f"--attr {names}: this project file has no span attributes "
                               "(it predates them; open it for writing once to upgrade it)")
    terms = []
    for i, (name, value) in enumerate(attrs):
        params[f"attr_name{i}"], params[f"attr_value{i}"] = name, value
        # values are JSON: true/false and numbers compare as written, a text or choice value
        # and each value of a multi attribute through json_each (a scalar gives itself)
        terms.append(
            f" AND EXISTS (SELECT 1 FROM {ATTRIBUTE_TABLE} v WHERE v.span_id = s.id AND "
            f"v.name = :attr_name{i} AND (v.value = :attr_value{i} OR EXISTS (SELECT 1 FROM "
            f"json_each(v.value) j WHERE j.value = :attr_value{i})))")
    return "".join(terms)


def _select(width: int) -> str:
    # substr is 1-based and counts code points; max(x, 0) is SQLite's scalar max
    return (
        "SELECT s.article_id, a.title, s.annotator, s.label, "
        f"substr(a.text, max(s.start - {width}, 0) + 1, s.start - max(s.start - {width}, 0)), "
        f's.text, substr(a.text, s."end" + 1, {width}), s.start, s."end", s.id, s.rowid '
        "FROM spans s {index} CROSS JOIN articles a ON a.id = s.article_id")


def _few(conn: sqlite3.Connection, query: ConcordanceQuery) -> str | None:
    """The index to use when the label or annotator filter keeps few spans (``SORT_BELOW``),
    counted from the index alone; else None (walk the spans in document order)."""
    best: tuple[int, str] | None = None
    for column, value, index in (("label", query.label, "spans_label"),
                                 ("annotator", query.annotator, "spans_annotator_article")):
        if not value:
            continue
        count = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM spans INDEXED BY {index} "
                             f"WHERE {column} = ? LIMIT {SORT_BELOW + 1})",
                             (value,)).fetchone()[0]
        if count <= SORT_BELOW and (best is None or count < best[0]):
            best = (count, index)
    return None if best is None else best[1]


def lines(conn: sqlite3.Connection, query: ConcordanceQuery, *,
          after: tuple[int, int, int] | None = None, limit: int | None = None,
          _index: str | None = "") -> Iterator[Line]:
    """The matching lines in document order, after the line whose ``key`` is ``after``;
    at most ``limit`` of them. One statement: close the iterator to stop early."""
    params: dict[str, Any] = {}
    where = query.where(conn, params)
    index = _few(conn, query) if _index == "" else _index
    if after is not None:
        params.update(zip(("ka", "ks", "kr"), after))
        where += " AND (s.article_id, s.start, s.rowid) > (:ka, :ks, :kr)"
    sql = (_select(query.width).format(index=f"INDEXED BY {index or 'spans_article_start'}")
           + f" WHERE 1{where} ORDER BY s.article_id, s.start, s.rowid")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    make = Line._make
    for row in conn.execute(sql, params):
        yield make(row)


def pages(conn: sqlite3.Connection, query: ConcordanceQuery, size: int = PAGE,
          after: tuple[int, int, int] | None = None) -> Iterator[list[Line]]:
    """The matching lines a page at a time (one statement per page, none held open between
    pages); the last page may be short, and no empty page is yielded."""
    index = _few(conn, query)
    while True:
        page = list(lines(conn, query, after=after, limit=size, _index=index))
        if page:
            yield page
        if len(page) < size:
            return
        after = page[-1].key


def sorted_rowids(conn: sqlite3.Connection, query: ConcordanceQuery, by: SortKey,
                  descending: bool = False) -> list[int]:
    """The row ids of every matching span ordered by its context ``by`` (``left`` read
    backwards from the span), ties in document order. The ordering happens in SQLite."""
    params: dict[str, Any] = {}
    where = query.where(conn, params)
    width = query.width
    keys = {
        "left": f"reverse_text(substr(a.text, max(s.start - {width}, 0) + 1, "
                f"s.start - max(s.start - {width}, 0)))",
        "right": f'substr(a.text, s."end" + 1, {width})',
        "text": "s.text",
    }
    if by not in keys:
        raise ValueError(f"sort by one of {', '.join(keys)}, not {by!r}")
    conn.create_function("reverse_text", 1, _reverse, deterministic=True)
    order = "DESC" if descending else "ASC"
    sql = (f"SELECT s.rowid FROM spans s CROSS JOIN articles a ON a.id = s.article_id "
           f"WHERE 1{where} ORDER BY {keys[by]} {order}, s.article_id, s.start, s.rowid")
    return [row[0] for row in conn.execute(sql, params)]


def _reverse(text: str | None) -> str | None:
    return None if text is None else text[::-1]


def lines_by_rowids(conn: sqlite3.Connection, rowids: Sequence[int],
                    width: int = DEFAULT_WIDTH) -> list[Line]:
    """The lines of these spans, in the order given (a span deleted meanwhile is left out)."""
    if not rowids:
        return []
    marks = ", ".join("?" * len(rowids))
    sql = _select(width).format(index="") + f" WHERE s.rowid IN ({marks})"
    found = {row[-1]: Line._make(row) for row in conn.execute(sql, list(rowids))}
    return [found[r] for r in rowids if r in found]
