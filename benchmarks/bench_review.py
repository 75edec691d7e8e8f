"""Team review: agreement over a CLUENER-sized corpus, and merging a 1M-span teammate file.

Agreement: 10k generated Chinese articles of ~45 characters (CLUENER2020 records are 40-50),
two annotators with ~25k spans each (the second agrees with the first on ~70% of spans exactly;
the rest are moved, relabelled, dropped or added). Timed from an open project: loading the layers,
segmenting (``word``: jieba, without the token cache: the segmenter's own time; the dictionary
load is timed too, in a "cold" run that starts from an unloaded segmenter) and computing every
metric with per-article results. A batch this big is segmented with a helper process when the
machine has two CPUs (``core/segment_helper.py``); an "info" row runs it in one process. Then
``annotator agreement --json`` as whole processes on the generated 10k-article project
(``scale.py``): word tokens twice (the first run fills the token cache in a private cache
folder, the second reads it) against ``--tokens char``.

Merge: the shared 1M-span fixture (``common.span_project``: 10k articles of 3,000 characters) is
the teammate's file, merged into a new project; the floor does what the merge does at least, the
way it does it: ATTACH the file and one ``INSERT ... SELECT`` per table (span article ids mapped
through the sha256), with the merge's page cache, in one transaction. The merge also copies and
checks the file, classifies every span and writes provenance. A second merge row gives the same
file an attribute value on each span of a label with attributes (three in four); its floor adds
one ``INSERT ... SELECT`` of the values.
"""

from __future__ import annotations

import random
import shutil
import time
import uuid
from pathlib import Path

from benchmarks.common import Row, progress, raw_connect, span_project, temp_dir
from benchmarks.processes import cli_seconds, process_seconds
from benchmarks.scale import scale_project

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


def _agreement(path: Path, tokens: str, cold: bool, helper: bool = True) -> tuple[float, int]:
    from annotator.core import segment, segment_helper
    from annotator.review.agreement import agreement
    from annotator.review.layers import load_docs
    from annotator.store import Project

    if cold:
        segment.reset()
    min_chars = segment_helper.MIN_CHARS
    if not helper:  # every token segmented in this process
        segment_helper.MIN_CHARS = 1 << 62
    try:
        t0 = time.perf_counter()
        with Project.open(path, readonly=True) as project:
            docs, names = load_docs(project, ["ann", "bo"])
            report = agreement(docs, names, tokens=tokens, cache=False)  # the segmenter's time
        seconds = time.perf_counter() - t0
    finally:
        segment_helper.MIN_CHARS = min_chars
    spans = sum(report.annotator_summary[n]["spans"] for n in names)
    return seconds, spans


def _agreement_processes(quick: bool) -> list[Row]:
    """``annotator agreement --json`` as whole processes on the generated 10k-article project
    (1k quick): word tokens with an empty token cache (the first run, reported), then again (the
    cache read), against ``--tokens char`` (no segmenter at all). Each in a private cache folder
    whose jieba dictionary is built beforehand (not timed)."""
    n = 1_000 if quick else 10_000
    project = scale_project(n)
    cache = temp_dir() / "xdg-cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    process_seconds(["-c", "from annotator.core import segment; segment.warm_up()"], env)
    args = ["agreement", str(project), "--json", "--tokens"]
    progress(f"agreement --json on {n:,} articles: char, word (first run), word (second run)")
    char = cli_seconds([*args, "char"], env)
    shutil.rmtree(cache / "annotator" / "tokens", ignore_errors=True)
    first = cli_seconds([*args, "word"], env)
    second = cli_seconds([*args, "word"], env)
    size = sum(f.stat().st_size for f in (cache / "annotator" / "tokens").glob("*.tok")) / 1e6
    floor_name = "the same command with --tokens char (no segmenter)"
    what = f"agreement --json {n // 1000}k articles, word tokens"
    progress(f"token cache: {size:.1f} MB")
    return [
        Row(f"{what}, 1st run", first, "s", char, floor_name, "info"),
        Row(f"{what}, 2nd run", second, "s", char, floor_name, "<= 2x", second <= 2 * char),
    ]


#: The floor of a merge: what any merge must do at least, the way the merge does it: ATTACH the
#: teammate's file, then one ``INSERT ... SELECT`` per table (span article ids mapped through the
#: articles' sha256), with the merge's page cache, in one transaction.
_FLOOR_ARTICLES = """
    INSERT INTO main.articles(uid, title, source, url, published, language, text, sha256, status,
        original_file, external_id, imported_at, meta)
    SELECT uid, title, source, url, published, language, text, sha256, status, original_file,
        external_id, imported_at, meta FROM t.articles ORDER BY id"""
_FLOOR_SPANS = """
    INSERT INTO main.spans(id, article_id, label, start, "end", text, annotator, note, origin,
        provenance, created_at, updated_at)
    SELECT s.id, m.id, s.label, s.start, s."end", s.text, s.annotator, s.note, s.origin,
        s.provenance, s.created_at, s.updated_at
    FROM t.spans s JOIN t.articles ta ON ta.id = s.article_id
    JOIN main.articles m ON m.sha256 = ta.sha256 ORDER BY s.rowid"""


def _floor(folder: Path, teammate: Path, cache_kib: int, values: bool = False) -> float:
    from annotator.store import Project

    path = folder / f"floor-{uuid.uuid4().hex}.db"
    Project.create(path, title="floor").close()
    conn = raw_connect(path)
    try:
        t0 = time.perf_counter()
        conn.execute("ATTACH DATABASE ? AS t", (f"file:{teammate}?mode=ro",))
        conn.execute(f"PRAGMA main.cache_size=-{cache_kib}")
        conn.execute(f"PRAGMA t.cache_size=-{cache_kib}")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(_FLOOR_ARTICLES)
        conn.execute(_FLOOR_SPANS)
        if values:
            conn.execute(_FLOOR_VALUES)
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


#: One attribute value per span of a label that has attributes (the default claim scheme).
_VALUES = """
    INSERT INTO span_attributes(span_id, name, value, source, updated_at)
    SELECT id, CASE label WHEN 'claim' THEN 'certainty' WHEN 'figure' THEN 'value'
        ELSE 'entity' END, CASE label WHEN 'claim' THEN '"certain"' WHEN 'figure' THEN '1'
        ELSE '"x"' END, 'person', updated_at FROM spans WHERE label != 'strategy'"""
_FLOOR_VALUES = """
    INSERT INTO main.span_attributes(span_id, name, value, source, updated_at)
    SELECT span_id, name, value, source, updated_at FROM t.span_attributes"""


def _with_values(folder: Path, teammate: Path) -> tuple[Path, int]:
    """A copy of the teammate's file with an attribute value on three spans in four."""
    path = folder / "with-values.db"
    shutil.copyfile(teammate, path)
    conn = raw_connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        values = conn.execute(_VALUES).rowcount
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path, values


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
    seconds, n_spans = _agreement(corpus, "word", False, helper=False)
    rows.append(Row(f"agreement 2x{n_spans // 2 // 1000}k spans, word tokens (warm, "
                    "no helper process)", seconds, "s", goal="info"))

    rows += _agreement_processes(quick)

    big = span_project(quick)
    progress(f"merge: teammate file of {big.spans:,} spans")
    floor = _floor(folder, big.path, _CACHE_KIB)
    seconds, added = _merge(folder, big.path)
    assert added == big.spans, (added, big.spans)
    size = f"{big.spans // 1000}k" if big.spans < 1_000_000 else f"{big.spans // 1_000_000}M"
    rows.append(Row(f"merge {size}-span teammate file into a new project", seconds, "s",
                    floor, "ATTACH + INSERT ... SELECT of the same rows, the merge's page cache",
                    "<= 2x", seconds <= 2 * floor))
    valued, n_values = _with_values(folder, big.path)
    floor = _floor(folder, valued, _CACHE_KIB, values=True)
    seconds, added = _merge(folder, valued)
    rows.append(Row(f"merge {size}-span file with {n_values // 1000}k attribute values",
                    seconds, "s", floor,
                    "the same floor plus INSERT ... SELECT of the values", "<= 2x",
                    seconds <= 2 * floor))
    return rows
