"""Deleting an article (with its spans) and undoing that, on a generated project.

The project is ``scale_project(N)`` (N as in ``bench_window``: 10,000 articles, or
``ANNOTATOR_BENCH_ARTICLES``); article 1 holds 100,000 characters and 10,000 spans, the worst
case a junk import leaves. Floors, on a plain sqlite3 connection with the store's pragmas, in
the same run and interleaved with the store calls:

- delete: read the article's row and its spans, delete them, one durable commit.
- undo (restore): insert the same article row and spans again (``executemany``), one commit.

The store does more than the floor and that is the price measured: it saves every row as JSON
in ``deleted_articles`` (so the delete can be undone after a restart, and a re-import reported),
logs the change, and the kept counts follow through their triggers.
"""

from __future__ import annotations

import os
import time
from functools import partial

from benchmarks.common import Row, median, raw_connect, timed


def _count() -> int:
    return int(os.environ.get("ANNOTATOR_BENCH_ARTICLES", "10000"))


def _raw_delete(conn, article_id: int) -> tuple[tuple, list[tuple]]:
    conn.execute("BEGIN IMMEDIATE")
    article = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    spans = conn.execute("SELECT * FROM spans WHERE article_id = ?", (article_id,)).fetchall()
    conn.execute("DELETE FROM spans WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM span_counts WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    conn.execute("COMMIT")
    return article, spans


def _raw_restore(conn, article: tuple, spans: list[tuple]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(f"INSERT INTO articles VALUES ({','.join('?' * len(article))})", article)
    if spans:
        conn.executemany(f"INSERT INTO spans VALUES ({','.join('?' * len(spans[0]))})", spans)
    conn.execute("COMMIT")


def run(quick: bool) -> list[Row]:
    from annotator.store import Project
    from benchmarks.scale import fresh_copy

    count = _count()
    path = fresh_copy(count)
    rounds = 3 if quick else 7
    ours_del, ours_undo, floor_del, floor_undo = [], [], [], []
    raw = raw_connect(path)
    try:
        with Project.open(path) as project:
            spans = project.article_span_count(1)
            for _ in range(rounds):  # interleaved: the same WAL and page-cache state for both
                ours_del.append(timed(lambda: project.delete_article(1, "bench")))
                ours_undo.append(timed(lambda: project.restore_article(1, "bench")))
                t0 = time.perf_counter()
                article, rows = _raw_delete(raw, 1)
                floor_del.append(time.perf_counter() - t0)
                floor_undo.append(timed(partial(_raw_restore, raw, article, rows)))
            assert project.check() == [], "the project must check clean after the rounds"
    finally:
        raw.close()
    n = f"{count // 1000}k articles, {spans:,} spans in it"
    d, fd = median(ours_del), median(floor_del)
    u, fu = median(ours_undo), median(floor_undo)
    return [
        Row(f"delete article ({n})", d * 1e3, "ms", floor=fd * 1e3,
            floor_name="raw: read its rows, delete them, commit", goal="<= 3x", ok=d <= 3 * fd),
        Row(f"undo delete article ({n})", u * 1e3, "ms", floor=fu * 1e3,
            floor_name="raw: executemany the same rows back, commit", goal="<= 3x",
            ok=u <= 3 * fu),
    ]
