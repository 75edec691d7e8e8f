"""Generated projects at corpus scale (10k and 100k articles) for the window and CLI benchmarks.

``scale_project(n)`` returns the path of a closed project file with ``n`` Chinese articles of
about 2,000 characters and 10 spans each (three annotators), plus one *heavy* article (id 1) of
about ``heavy_chars`` characters holding ``heavy_spans`` spans: the article the window benchmarks
open. Building 100k articles takes about a minute, so the file is cached in the user's cache
folder (``$XDG_CACHE_HOME/annotator-bench``), keyed by the parameters and the schema (its version
and its source); ``fresh_copy()`` gives each benchmark its own copy to write into.

Rows go in through one raw ``executemany`` per table: building the fixture is not what we measure.
"""

from __future__ import annotations

import os
import random
import shutil
import time
import uuid
from pathlib import Path

from benchmarks.common import cache_dir, progress, raw_connect, sha256_hex, temp_dir, zh_article

SEED = 20261130
STAMP = "2026-11-30T08:00:00.000Z"
ANNOTATORS = ("ann", "bo", "chen")


def _paragraphs(rng: random.Random, count: int = 4000) -> list[str]:
    """A pool of generated paragraphs (~200 characters each); articles are drawn from it."""
    return [zh_article(rng, 200).rstrip("\n") + "\n" for _ in range(count)]


def _article_text(rng: random.Random, pool: list[str], number: int, chars: int) -> str:
    parts = [f"第{number}篇报道\n"]
    size = len(parts[0])
    while size < chars:
        para = pool[int(rng.random() * len(pool))]
        parts.append(para)
        size += len(para)
    return "".join(parts)


def _spans_for(rng: random.Random, aid: int, text: str, count: int,
               labels: list[str]) -> list[tuple]:
    rows = []
    length = len(text)
    rand = rng.random
    for _ in range(count):
        start = int(rand() * max(1, length - 40))
        end = min(length, start + 1 + int(rand() * 30))
        rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), aid,
                     labels[int(rand() * len(labels))], start, end, text[start:end],
                     ANNOTATORS[int(rand() * len(ANNOTATORS))], "", "manual", "{}", STAMP,
                     STAMP))
    return rows


def build(path: Path, articles: int, *, spans_per_article: int = 10, chars: int = 2000,
          heavy_chars: int = 100_000, heavy_spans: int = 10_000) -> None:
    """Write a new project at ``path`` (which must not exist)."""
    from annotator.store import Project

    with Project.create(path, title=f"scale {articles}") as project:
        labels = [lb.name for lb in project.labels()]
    rng = random.Random(SEED)
    pool = _paragraphs(rng)
    conn = raw_connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        batch: list[tuple] = []
        span_rows: list[tuple] = []

        def flush() -> None:
            conn.executemany(
                "INSERT INTO articles(id, uid, title, source, language, text, sha256, "
                "imported_at) VALUES (?,?,?,?,?,?,?,?)", batch)
            conn.executemany(
                'INSERT INTO spans(id, article_id, label, start, "end", text, annotator, note, '
                "origin, provenance, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                span_rows)
            batch.clear()
            span_rows.clear()

        for aid in range(1, articles + 1):
            heavy = aid == 1
            text = _article_text(rng, pool, aid, heavy_chars if heavy else chars)
            batch.append((aid, str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                          f"报道 {aid}", "bench", "zh", text, sha256_hex(text), STAMP))
            span_rows += _spans_for(rng, aid, text, heavy_spans if heavy else spans_per_article,
                                    labels)
            if len(batch) >= 2000:
                flush()
        flush()
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def scale_project(articles: int, **params: int) -> Path:
    """The cached project of ``articles`` articles (built on first use)."""
    from annotator.store import schema

    key = "-".join(f"{k}{v}" for k, v in sorted(params.items()))
    # the schema's source too: two branches may each append a different migration number N
    source = sha256_hex(Path(schema.__file__).read_text(encoding="utf-8"))[:8]
    name = f"scale-{articles}-{key or 'default'}-v{schema.SCHEMA_VERSION}-{source}.db"
    path = cache_dir() / name
    if not path.exists():
        progress(f"building a {articles:,}-article project (cached at {path}) ...")
        t0 = time.perf_counter()
        tmp = path.with_name(path.name + f".{os.getpid()}.building")
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        build(tmp, articles, **params)
        os.replace(tmp, path)
        progress(f"built in {time.perf_counter() - t0:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
    return path


def fresh_copy(articles: int, **params: int) -> Path:
    """A private copy of the cached project, removed when the process exits."""
    src = scale_project(articles, **params)
    dst = temp_dir() / src.name
    shutil.copyfile(src, dst)
    return dst


def forget_search_index(path: Path) -> None:
    """Remove the search index a window built for a private copy (``fresh_copy``): it lives in
    the user's cache folder, keyed by the copy's path, and would outlive the copy."""
    from annotator.store import Project
    from annotator.store.search_index import remove_index

    with Project.open(path, readonly=True) as project:
        remove_index(project.conn, project.path)
