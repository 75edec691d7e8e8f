"""``annotator check`` and ``annotator stats``: read-only inspections of a project."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from annotator.store.scheme_checks import check_scheme_rows, incomplete_warnings

if TYPE_CHECKING:
    from annotator.store.project import Project


#: Articles whose kept span count (``span_counts``, maintained by triggers) is not a recount
#: (suggestions left out since m012: the placeholder is the recount's condition).
_COUNTS_DIFFER = """
    SELECT a.id, coalesce(c.spans, 0), coalesce(n.spans, 0) FROM articles a
    LEFT JOIN span_counts c ON c.article_id = a.id
    LEFT JOIN (SELECT article_id, count(*) AS spans FROM spans WHERE {counted}
               GROUP BY article_id) n
        ON n.article_id = a.id
    WHERE coalesce(c.spans, 0) != coalesce(n.spans, 0) ORDER BY a.id
"""


def _counts_differ(conn: sqlite3.Connection) -> str:
    """The recount of the file's own kind: a file from before m012 (read, not upgraded)
    counts its suggestions."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                       "name = 'span_counts_insert'").fetchone()
    counted = "origin != 'suggested'" if row and "suggested" in (row[0] or "") else "1"
    return _COUNTS_DIFFER.format(counted=counted)

#: (annotator, status) pairs whose kept article count (``status_progress``) is not a recount.
_PROGRESS_DIFFERS = """
    SELECT annotator, status, kept, actual FROM (
        SELECT p.annotator, p.status, p.articles AS kept, coalesce(n.articles, 0) AS actual
        FROM status_progress p LEFT JOIN (SELECT annotator, status, count(*) AS articles
            FROM article_statuses GROUP BY annotator, status) n
            ON n.annotator = p.annotator AND n.status = p.status
        UNION ALL
        SELECT n.annotator, n.status, 0, count(*) FROM article_statuses n
        WHERE NOT EXISTS (SELECT 1 FROM status_progress p WHERE p.annotator = n.annotator
                          AND p.status = n.status) GROUP BY n.annotator, n.status)
    WHERE kept != actual ORDER BY annotator, status
"""


def check_project(project: Project) -> list[str]:
    conn = project.conn
    problems = integrity_problems(conn)
    if problems:
        return problems
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent} row")
    for art_id, title, text, sha in conn.execute("SELECT id, title, text, sha256 FROM articles"):
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
            problems.append(f"article {art_id} ({title}): text does not match its sha256")
    for span_id, art_id, start, end, text, actual, length in span_mismatches(conn):
        if end > length or start < 0 or end <= start:
            problems.append(f"span {span_id} in article {art_id}: [{start}, {end}) is outside "
                            f"the text (length {length})")
        else:
            problems.append(f"span {span_id} in article {art_id}: stored text {text!r} but the "
                            f"article has {actual!r} at [{start}, {end})")
    for art_id, kept, actual in conn.execute(_counts_differ(conn)):
        problems.append(f"article {art_id}: the article list counts {kept} span(s) but it has "
                        f"{actual}")
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if project.article_count() != total:
        problems.append(f"the article list counts {project.article_count()} article(s) but "
                        f"there are {total}")
    for annotator, status, kept, actual in conn.execute(_PROGRESS_DIFFERS):
        problems.append(f"the status bar counts {kept} article(s) {status} for {annotator} but "
                        f"there are {actual}")
    orphans = conn.execute(
        "SELECT count(*) FROM spans WHERE label NOT IN (SELECT name FROM labels)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} span(s) carry a label missing from the scheme")
    return problems + check_scheme_rows(conn, warnings=False).errors


def check_warnings(project: Project) -> list[str]:
    """What ``check`` reports without failing: spans missing a required attribute."""
    scheme = check_scheme_rows(project.conn, warnings=False).scheme
    return [] if scheme is None else incomplete_warnings(project.conn, scheme)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own verdict on the file (``PRAGMA quick_check``): [] when healthy."""
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        return [f"quick_check: {exc}"]
    # SQLite puts several findings in one row, separated by newlines: one line each here
    lines = [line.strip() for r in result for line in str(r).splitlines() if line.strip()]
    lines = [line for line in lines if line != "*** in database main ***"]
    if result == ["ok"]:
        return []
    return [f"quick_check: {line}" for line in (lines or map(str, result))][:20]


def span_mismatches(conn: sqlite3.Connection, article_where: str = "",
                    params: dict[str, Any] | None = None
                    ) -> Iterator[tuple[str, int, int, int, str, str, int]]:
    """Spans whose offsets or text disagree with their article (invariant 3):
    ``(span id, article id, start, end, stored text, actual slice, article length)``.

    One pass over the articles and one over the spans in index order, compared in Python:
    SQLite's ``substr`` walks UTF-8 from the start of the text for every span, which is
    ~10x slower on long articles.
    """
    params = params or {}
    articles = conn.execute(f"SELECT a.id, a.text FROM articles a WHERE 1{article_where} "
                            "ORDER BY a.id", params)
    spans = conn.execute('SELECT s.article_id, s.start, s."end", s.text, s.id FROM spans s '
                         "JOIN articles a ON a.id = s.article_id "
                         f"WHERE 1{article_where} ORDER BY s.article_id, s.start", params)
    groups = groupby(spans, itemgetter(0))
    group = next(groups, None)
    for art_id, text in articles:
        while group is not None and group[0] < art_id:
            group = next(groups, None)
        if group is None or group[0] != art_id:
            continue
        rows = list(group[1])
        group = next(groups, None)
        # article texts never hold NUL: the joined strings are equal only if every pair is
        if "\0".join([text[r[1]:r[2]] for r in rows]) == "\0".join([r[3] for r in rows]) \
                and all(0 <= r[1] < r[2] <= len(text) for r in rows):
            continue
        for _, start, end, stored, span_id in rows:
            if not (0 <= start < end <= len(text)) or text[start:end] != stored:
                yield span_id, art_id, start, end, stored, text[start:end], len(text)


def spans_match_texts(conn: sqlite3.Connection, article_where: str = "",
                      params: dict[str, Any] | None = None) -> bool:
    """Invariant 3 in bulk: True when every span of the articles ``article_where`` selects is
    its article's slice (``span_mismatches`` names the others). SQLite aggregates each
    article's offsets and texts in one scan in index order (no Python row per span); the
    comparison runs at C speed (``slices_match``)."""
    params = params or {}
    join = " JOIN articles a ON a.id = s.article_id" if article_where else ""
    groups = conn.execute(
        "SELECT s.article_id, group_concat(s.start || ',' || s.\"end\", ','), "
        f"group_concat(s.text, char(0)) FROM spans s{join} WHERE 1{article_where} "
        "GROUP BY s.article_id ORDER BY s.article_id", params)
    articles = conn.execute(f"SELECT a.id, a.text FROM articles a WHERE 1{article_where} "
                            "ORDER BY a.id", params)
    article: Any = (-1, "")
    for art_id, offsets, texts in groups:
        while article[0] != art_id:  # both in id order: articles without spans are skipped
            article = next(articles, None)
            if article is None:
                return False  # a span of an article that is not there
        if not slices_match(article[1], *offsets_and_texts(offsets, texts)):
            return False
    return True


def offsets_and_texts(offsets: str | None, texts: str | None
                      ) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and texts from "start,end,start,end,..." and the texts joined by NUL, as
    SQL's ``group_concat`` gives them (None: no spans)."""
    if offsets is None or texts is None:
        return [], [], []
    nums = json.loads(f"[{offsets}]")  # integers parsed at C speed
    return nums[0::2], nums[1::2], texts.split("\0")


def slices_match(text: str, starts: list[int], ends: list[int], texts: list[str]) -> bool:
    """Invariant 3 for one article's spans, at C speed (no Python step per span): every
    ``0 <= start < end <= len(text)`` and ``text[start:end]`` is the stored text."""
    if not starts:
        return not texts
    if not _inside(text, starts, ends):
        return False
    return list(map(text.__getitem__, map(slice, starts, ends))) == texts


def joined_slices_match(text: str, offsets: str, texts: str) -> bool:
    """:func:`slices_match` for spans as SQL's ``group_concat`` gives them (at least one):
    "start,end,start,end,..." and their texts joined by NUL. The slices joined by NUL are
    compared with the joined texts, without a string per stored text: exact when the article
    text holds no NUL (import refuses one; else they are compared one by one)."""
    if "\0" in text:
        return slices_match(text, *offsets_and_texts(offsets, texts))
    nums = json.loads(f"[{offsets}]")
    starts, ends = nums[0::2], nums[1::2]
    return (_inside(text, starts, ends)
            and "\0".join(map(text.__getitem__, map(slice, starts, ends))) == texts)


def _inside(text: str, starts: list[int], ends: list[int]) -> bool:
    """Every ``0 <= start < end <= len(text)`` (a slice would silently clip the others)."""
    return (min(starts) >= 0 and max(ends) <= len(text)
            and all(map(int.__lt__, starts, ends)))


def project_stats(project: Project, annotator: str = "") -> dict[str, Any]:
    """What ``annotator stats`` prints; the articles per status are ``annotator``'s, and every
    annotator's progress is listed too."""
    conn = project.conn
    return {
        "title": project.title,
        "articles": int(conn.execute("SELECT count(*) FROM articles").fetchone()[0]),
        "spans": project.span_count(),
        "articles_per_status": project.status_counts(annotator),
        "progress": project.progress(),
        "spans_per_label": project.label_usage(),
        "spans_per_annotator": dict(conn.execute(
            "SELECT annotator, count(*) FROM spans GROUP BY annotator ORDER BY annotator")),
    }
