"""Project search and the article filter's id query (no Qt): a streaming scan, helped by an index.

Both walk the articles in id order, one window of ``WINDOW`` ids per statement, so a caller in a
worker thread gets its first results as soon as the first matching article is read (a few ms
for a common needle) and can stop between windows (``progress`` returning False, or closing the
generator). A needle found in few articles or none would need the whole scan (about 0.7 s at
10k articles, 2-3 s at 100k on this machine), so ``search_hits`` takes an optional
``SearchIndex`` (``store/search_index.py``: trigrams in the user's cache folder, never in the
project file) and then reads only the articles it proposes, up to those it covers, and scans
the rest. The article filter (title or text) scans; ``benchmarks/bench_search.py`` measures both.

The scan reads each window's texts as UTF-8 bytes and tests them in Python (``bytes in``, a fast
two-way search): about 2.5x faster than SQLite's ``instr``, which walks the text a character at
a time. A UTF-8 needle found in UTF-8 text always starts at a character boundary (no character's
encoding holds another's), so a byte match is a text match; only the articles that match are
decoded, and their hits found again in the text, as code points. A second worker thread gained
nothing on this machine's two cores (the test holds the GIL; reading is half the time).

Offsets are code points, end-exclusive (never UTF-16: only ``core/offsets.py`` converts).
Matching: a needle without letters that have case (Chinese, digits) matches exactly; a needle
whose cased letters are all ASCII matches ignoring ASCII case (SQLite's ``lower()`` folds exactly
those, so it prefilters); any other cased needle (É, Ω) is matched with Python's full case
folding in every article.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from annotator.store.search_index import SearchIndex, last_article_id

if TYPE_CHECKING:
    from annotator.store.project import Project

#: Article ids scanned per statement: small enough to stop promptly, large enough to be cheap.
WINDOW = 1000
#: Characters of context on each side of a hit.
CONTEXT = 18
DEFAULT_LIMIT = 1000

#: ``progress(scanned_through_id, last_id)``; returning False stops the scan.
ScanProgress = Callable[[int, int], "bool | None"]


class Snippet(NamedTuple):
    """The hit and its context, each on one line (runs of whitespace become one space)."""

    before: str
    match: str
    after: str

    def __str__(self) -> str:
        return f"…{self.before}【{self.match}】{self.after}…"


class SearchHit(NamedTuple):
    article_id: int
    start: int  # code points, end-exclusive
    end: int
    snippet: Snippet


def _flat(text: str) -> str:
    return " ".join(text.split())


class _Matcher:
    """How one needle is prefiltered on the texts' UTF-8 bytes and found in Python."""

    def __init__(self, needle: str) -> None:
        self.needle = needle
        #: The needle's UTF-8 bytes a text's bytes must hold (lowered: ASCII case ignored);
        #: None: no prefilter (every text is read and matched with full case folding).
        self.raw: bytes | None
        self.fold = False
        cased = needle.lower() != needle.upper()
        ascii_cased = all(c.isascii() for c in needle if c.lower() != c.upper())
        if not cased:
            self.raw = needle.encode()
            self.pattern = re.compile(re.escape(needle))
        elif ascii_cased:  # bytes.lower() folds ASCII letters only, as the pattern does
            self.raw, self.fold = needle.lower().encode(), True
            self.pattern = re.compile(re.escape(needle), re.IGNORECASE | re.ASCII)
        else:
            self.raw = None
            self.pattern = re.compile(re.escape(needle), re.IGNORECASE)

    def holds(self, data: bytes) -> bool:
        """Whether a text's UTF-8 bytes may hold the needle (exactly: see the module)."""
        if self.raw is None:
            return True
        return self.raw in (data.lower() if self.fold else data)


def _windows(conn: sqlite3.Connection, first: int,
             progress: ScanProgress | None) -> Iterator[tuple[int, int]]:
    """(low, high] id windows from ``first`` (exclusive) to the last article's id."""
    last = last_article_id(conn)
    low = first
    while low < last:
        high = min(low + WINDOW, last)
        yield low, high
        if progress is not None and progress(high, last) is False:
            return
        low = high


def _texts(conn: sqlite3.Connection, matcher: _Matcher, first: int,
           progress: ScanProgress | None,
           index: SearchIndex | None) -> Iterator[tuple[int, str]]:
    """(id, text) of the articles after ``first`` that may hold the needle, in id order: the
    index's candidates up to what it covers, then a scan of the rest."""
    # How far the index reaches is read before the query (each read is its own snapshot, and
    # a builder may commit between them): the index only grows, so the query then covers at
    # least those articles. Read the other way round, a pair's trigrams listed before a batch
    # landed and a reach read after it would skip that batch's hits.
    through = index.indexed_through() if index is not None else 0
    expression = index.match_expression(matcher.needle) if index is not None else None
    if index is not None and expression is not None:
        last = last_article_id(conn)
        for page in index.candidates(expression, after_id=first, through=through):
            marks = ",".join("?" * len(page))
            yield from conn.execute(
                f"SELECT id, text FROM articles WHERE id IN ({marks}) ORDER BY id", page)
            if progress is not None and progress(page[-1], last) is False:
                return
        first = max(first, through)
    yield from _scan(conn, matcher, first, progress)


def _scan(conn: sqlite3.Connection, matcher: _Matcher, first: int,
               progress: ScanProgress | None) -> Iterator[tuple[int, str]]:
    """(id, text) of every article after ``first`` whose bytes hold the needle, in id order."""
    sql = "SELECT id, CAST(text AS BLOB) FROM articles WHERE id > ? AND id <= ? ORDER BY id"
    for low, high in _windows(conn, first, progress):
        for article_id, data in conn.execute(sql, (low, high)):
            if matcher.holds(data):
                yield article_id, data.decode()


def search_hits(conn: sqlite3.Connection, query: str, *, limit: int = DEFAULT_LIMIT,
                after: tuple[int, int] | None = None, context: int = CONTEXT,
                progress: ScanProgress | None = None,
                index: SearchIndex | None = None) -> Iterator[SearchHit]:
    """Every occurrence of ``query`` in the articles' texts, in (article id, start) order,
    at most ``limit``; ``after=(article_id, start)`` resumes after that hit. With an ``index``
    (in step with this project) only its candidates are read, up to the articles it covers."""
    if not query or limit <= 0:
        return
    matcher = _Matcher(query)
    after_id, after_start = after if after is not None else (0, -1)
    count = 0
    for article_id, text in _texts(conn, matcher, max(0, after_id - 1), progress, index):
        for m in matcher.pattern.finditer(text):
            s, e = m.span()
            if article_id == after_id and s <= after_start:
                continue
            yield SearchHit(article_id, s, e, Snippet(
                _flat(text[max(0, s - context):s]), _flat(text[s:e])[:200],
                _flat(text[e:e + context])))
            count += 1
            if count >= limit:
                return


class SearchMixin:
    def search_hits(self: Project, query: str, *, limit: int = DEFAULT_LIMIT,
                    after: tuple[int, int] | None = None) -> list[SearchHit]:
        return list(search_hits(self.conn, query, limit=limit, after=after))
