"""Team review: agreement over a CLUENER-sized corpus, and merging a 1M-span teammate file.

Agreement: 10k generated Chinese articles of ~45 characters (CLUENER2020 records are 40-50),
two annotators with ~25k spans each (the second agrees with the first on ~70% of spans exactly;
the rest are moved, relabelled, dropped or added). Timed from an open project: loading the layers,
segmenting (``word``: jieba; the dictionary load is timed too, in a "cold" run that starts from
an unloaded segmenter) and computing every metric with per-article results.

Merge: the shared 1M-span fixture (``common.span_project``: 10k articles of 3,000 characters) is
the teammate's file, merged into a new project; the floor is a raw ``executemany`` of the same
article and span rows (read into memory beforehand, not timed) into a new project on a plain
connection with the store's pragmas, SQLite's default page cache. A second floor with the page
cache the merge uses (256 MB) shows what part of the difference is that setting.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from pathlib import Path

from benchmarks.common import Row, progress, raw_connect, span_project, temp_dir

ZH = ("北京", "上海", "阿里巴巴", "腾讯", "银行", "公司", "球队", "比赛", "今年", "用户", "市场",
      "增长", "发布", "游戏", "电影", "政府", "认为", "表示", "记者", "获悉", "昨日", "国内",
      "投资", "基金", "产品", "平台", "战略", "新增", "至少", "万元", "曼联", "温格", "彭小军")
LABELS = ("name", "company", "organization", "address", "game", "government", "book",
          "movie", "position", "scene")
SEED = 20240605


def _texts(count: int, rng: random.Random) -> list[str]:
    texts = []
    for i in range(count):
        words = [f"第{i}条"]
        size = len(words[0])
        target = rng.randint(38, 52)
        while size < target:
            word = rng.choice(ZH) if rng.random() > 0.05 else rng.choice(("CSOL", "NBA", "3.5%"))
            words.append(word)
            size += len(word)
            if rng.random() < 0.12:
                words.append("，")
                size += 1
        texts.append("".join(words) + "。")
    return texts


def _spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int, str]]:
    out = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 6)
        out.append((start, start + rng.randint(2, 6), rng.choice(LABELS)))
    return out


def _second(spans: list[tuple[int, int, str]], length: int, rng: random.Random
            ) -> list[tuple[int, int, str]]:
    out = []
    for s, e, label in spans:
        roll = rng.random()
        if roll < 0.70:
            out.append((s, e, label))
        elif roll < 0.82:
            out.append((s, min(length, e + 1), label))
        elif roll < 0.90:
            out.append((s, e, rng.choice(LABELS)))
        elif roll < 0.95:
            out.append(_spans_at(length, rng))
    return out


def _spans_at(length: int, rng: random.Random) -> tuple[int, int, str]:
    start = rng.randrange(0, length - 6)
    return start, start + rng.randint(2, 6), rng.choice(LABELS)


def cluener_project(path: Path, articles: int, spans_per_annotator: int) -> Path:
    from annotator.core.model import ArticleRecord, SpanRecord
    from annotator.store import Project

    rng = random.Random(SEED)
    texts = _texts(articles, rng)
    records = []
    per = spans_per_annotator / articles
    for i, text in enumerate(texts):
        n = int(per) + (1 if rng.random() < per - int(per) else 0)
        first = _spans(text, n, rng)
        second = _second(first, len(text), rng)
        spans = tuple(SpanRecord(s, e, label, text[s:e], annotator=who, origin="manual")
                      for who, layer in (("ann", first), ("bo", second))
                      for s, e, label in layer)
        records.append(ArticleRecord(text=text, title=f"record {i}", language="zh",
                                     spans=spans))
    with Project.create(path, title="cluener-sized", labels=[]) as project:
        project.add_articles(records, "bench", create_labels=True)
    return path


def _agreement(path: Path, tokens: str, cold: bool) -> tuple[float, int]:
    from annotator.core import segment
    from annotator.review.agreement import agreement
    from annotator.review.layers import load_docs
    from annotator.store import Project

    if cold:
        segment.reset()
    t0 = time.perf_counter()
    with Project.open(path, readonly=True) as project:
        docs, names = load_docs(project, ["ann", "bo"])
        report = agreement(docs, names, tokens=tokens)
    seconds = time.perf_counter() - t0
    spans = sum(report.annotator_summary[n]["spans"] for n in names)
    return seconds, spans


def _merge_rows(path: Path) -> tuple[list[tuple], list[tuple]]:
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        articles = src.execute(
            "SELECT uid, title, source, url, published, language, text, sha256, status, "
            "original_file, external_id, imported_at, meta FROM articles ORDER BY id").fetchall()
        spans = src.execute(
            'SELECT id, article_id, label, start, "end", text, annotator, note, origin, '
            "provenance, created_at, updated_at FROM spans ORDER BY rowid").fetchall()
    finally:
        src.close()
    return articles, spans


def _floor(folder: Path, articles: list[tuple], spans: list[tuple], cache_kib: int | None
           ) -> float:
    from annotator.store import Project

    path = folder / f"floor-{uuid.uuid4().hex}.db"
    Project.create(path, title="floor").close()
    conn = raw_connect(path)
    try:
        if cache_kib:
            conn.execute(f"PRAGMA cache_size=-{cache_kib}")
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO articles(uid, title, source, url, published, language, text, sha256, "
            "status, original_file, external_id, imported_at, meta) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
        conn.executemany(
            'INSERT INTO spans(id, article_id, label, start, "end", text, annotator, note, '
            "origin, provenance, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            spans)
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _merge(folder: Path, teammate: Path) -> tuple[float, int]:
    from annotator.review.merge import merge
    from annotator.store import Project

    path = folder / f"merge-{uuid.uuid4().hex}.db"
    with Project.create(path, title="merge target") as project:
        t0 = time.perf_counter()
        report = merge(project, teammate, "bench")
        seconds = time.perf_counter() - t0
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return seconds, report.spans_added


def run(quick: bool) -> list[Row]:
    from annotator.review.merge import _CACHE_KIB

    rows: list[Row] = []
    folder = temp_dir()
    n_articles, n_spans = (1_000, 2_500) if quick else (10_000, 25_000)
    progress(f"agreement corpus: {n_articles:,} articles, ~{n_spans:,} spans per annotator")
    corpus = cluener_project(folder / "cluener.db", n_articles, n_spans)
    for tokens, cold in (("word", True), ("word", False), ("char", False)):
        seconds, n_spans = _agreement(corpus, tokens, cold)
        when = " (cold jieba)" if cold else (" (warm)" if tokens == "word" else "")
        rows.append(Row(f"agreement 2x{n_spans // 2 // 1000}k spans, {tokens} tokens{when}",
                        seconds, "s", goal="<= 3 s", ok=seconds <= 3.0))

    big = span_project(quick)
    progress(f"merge: teammate file of {big.spans:,} spans")
    articles, spans = _merge_rows(big.path)
    floor = _floor(folder, articles, spans, None)
    floor_cached = _floor(folder, articles, spans, _CACHE_KIB)
    del articles, spans
    seconds, added = _merge(folder, big.path)
    assert added == big.spans, (added, big.spans)
    size = f"{big.spans // 1000}k" if big.spans < 1_000_000 else f"{big.spans // 1_000_000}M"
    rows.append(Row(f"merge {size}-span teammate file into a new project", seconds, "s",
                    floor, "raw executemany of the same rows, default page cache",
                    "<= 2x", seconds <= 2 * floor))
    rows.append(Row(f"merge {size}-span file (vs floor with merge's cache)", seconds, "s",
                    floor_cached, f"the same executemany with the {_CACHE_KIB // 1024} MB page "
                                  "cache the merge sets", "<= 2x", seconds <= 2 * floor_cached))
    return rows
