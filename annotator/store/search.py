"""Project search and the article filter's id query (no Qt): a streaming scan, helped by an index.

Both walk the articles in id order, one window of ids per statement, so a caller in a
worker thread gets its first results as soon as the first matching article is read (a few ms
for a common needle) and can stop between windows (``progress`` returning False, or closing the
generator). A needle found in few articles or none would need the whole scan (about 0.7 s at
10k articles, 2-3 s at 100k on this machine), so ``search_hits`` takes an optional
``SearchIndex`` (``store/search_index.py``: trigrams in the user's cache folder, never in the
project file) and then reads only the articles it proposes, up to those it covers, and scans
the rest. The article filter (title or text) scans; ``benchmarks/bench_search.py`` measures both.

The scan (``store/search_scan.py``) reads each window's texts as UTF-8 bytes and tests them in
Python a chunk at a time (``bytes.find``): about 2.5x faster than SQLite's ``instr``, which walks
the text a character at a time. A UTF-8 needle found in UTF-8 text always starts at a character
boundary (no character's encoding holds another's), so a byte match is a text match; only the
articles that match are decoded, and their hits found again in the text, as code points.

Offsets are code points, end-exclusive (never UTF-16: only ``core/offsets.py`` converts).
Matching: a needle without letters that have case (Chinese, digits) matches exactly; a needle
whose cased letters are all ASCII matches ignoring ASCII case (SQLite's ``lower()`` folds exactly
those, so it prefilters); any other cased needle (É, Ω) is matched with Python's full case
folding in every article.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from annotator.store.search_index import SearchIndex, last_article_id
from annotator.store.search_scan import Matcher, ScanProgress, scan

if TYPE_CHECKING:
    from annotator.store.project import Project

#: Characters of context on each side of a hit.
CONTEXT = 18
DEFAULT_LIMIT = 1000



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


def _texts(conn: sqlite3.Connection, matcher: Matcher, first: int,
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
    last = last_article_id(conn)
    if index is not None and expression is not None:
        for page in index.candidates(expression, after_id=first, through=through):
            marks = ",".join("?" * len(page))
            yield from conn.execute(
                f"SELECT id, text FROM articles WHERE id IN ({marks}) ORDER BY id", page)
            if progress is not None and progress(page[-1], last) is False:
                return
        first = max(first, through)
    yield from scan(conn, matcher, first, last, progress)


def search_hits(conn: sqlite3.Connection, query: str, *, limit: int = DEFAULT_LIMIT,
                after: tuple[int, int] | None = None, context: int = CONTEXT,
                progress: ScanProgress | None = None,
                index: SearchIndex | None = None) -> Iterator[SearchHit]:
    """Every occurrence of ``query`` in the articles' texts, in (article id, start) order,
    at most ``limit``; ``after=(article_id, start)`` resumes after that hit. With an ``index``
    (in step with this project) only its candidates are read, up to the articles it covers."""
    if not query or limit <= 0:
        return
    matcher = Matcher(query)
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
