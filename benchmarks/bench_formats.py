"""Dataset formats: doccano and CSV export of the 1M-span project, CoNLL export vs jieba, and
import of the CLUENER train set.

- doccano export (``annotator.formats.doccano``) vs one SQL scan that builds the same lines
  (``json_object`` with the ``[start, end, label]`` arrays from ``json_group_array``) and writes
  them: the export also checks every span against its text (invariant 3), converts offsets to
  UTF-16 where needed, and writes the manifest and warnings files.
- CSV export vs a plain scan: the same columns joined in SQL, written by ``csv.writer``.
- CoNLL export (jieba words, IOB2) of generated Chinese articles vs ``jieba.tokenize`` over the
  same texts with the same tokenizer: segmentation should dominate.
- CLUENER train import (``import_format``: parse, check every surface, one transaction) vs raw
  ``executemany`` of the same article and span rows into an empty project. Skipped when
  ../shared/data/cluener/train.json is absent.

The 1M-span fixture is ``benchmarks.common.span_project`` (shared with bench_store and
bench_export). Floors and measurements are interleaved, best of each.
"""

from __future__ import annotations

import csv
import json
import random
import time
import uuid
from pathlib import Path

from benchmarks.common import (
    Row,
    progress,
    raw_connect,
    sha256_hex,
    span_project,
    temp_dir,
    zh_corpus,
)

CLUENER = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "cluener" / "train.json"
STAMP = "2024-06-02T08:00:00.000Z"

DOCCANO_FLOOR = """
SELECT json_object('text', a.text, 'label', json((SELECT json_group_array(
    json_array(s.start, s."end", s.label)) FROM (SELECT * FROM spans s WHERE s.article_id = a.id
    ORDER BY s.start, s."end", s.label) s)), 'article_id', a.uid, 'title', a.title)
FROM articles a ORDER BY a.id
"""
CSV_FLOOR = """
SELECT a.id, a.title, s.label, s.start, s."end", s.text, s.annotator, s.note, s.origin, s.id,
    a.uid FROM spans s JOIN articles a ON a.id = s.article_id ORDER BY s.article_id, s.start
"""


def _scan(db: Path, out: Path, kind: str) -> float:
    conn = raw_connect(db)
    try:
        t0 = time.perf_counter()
        with open(out, "w", encoding="utf-8", newline="" if kind == "csv" else "\n") as fh:
            if kind == "csv":
                writer = csv.writer(fh)
                writer.writerow(("article_id", "title", "label", "start", "end", "text",
                                 "annotator", "note", "origin", "span_id", "article_uid"))
                writer.writerows(conn.execute(CSV_FLOOR))
            else:
                for (line,) in conn.execute(DOCCANO_FLOOR):
                    fh.write(line)
                    fh.write("\n")
        return time.perf_counter() - t0
    finally:
        conn.close()


def _export(db: Path, name: str, out: Path) -> tuple[float, dict]:
    from annotator.formats_cli import export_format
    from annotator.store import Project

    with Project.open(db, readonly=True) as project:
        t0 = time.perf_counter()
        manifest = export_format(project, name, out, options={})
        return time.perf_counter() - t0, manifest["counts"]


def _exports(quick: bool) -> list[Row]:
    big = span_project(quick)
    size = f"{big.spans / 1e6:g}M" if big.spans >= 1e6 else f"{big.spans // 1000}k"
    folder = temp_dir("annotator-bench-formats-")
    rows = []
    for name, kind, floor_name in (
            ("doccano", "json", "one SQL json_object/json_group_array scan, lines to a file"),
            ("csv", "csv", "plain SQL scan of the same columns, csv.writer.writerows")):
        floors, measured = [], []
        for i in range(3 if quick else 2):
            floors.append(_scan(big.path, folder / f"floor{i}", kind))
            seconds, counts = _export(big.path, name, folder / f"out{i}")
            measured.append(seconds)
            assert counts["spans"] >= big.spans, counts
            progress(f"{name} export round {i + 1}: {seconds:.2f} s, floor {floors[-1]:.2f} s")
            for f in folder.iterdir():
                f.unlink()
        floor, best = min(floors), min(measured)
        rows.append(Row(f"export {name}, {size} spans / {big.articles // 1000}k articles", best,
                        "s", floor, floor_name, "<= 1.5x", best / floor <= 1.5))
    return rows


def _add_spans(project, texts: tuple[str, ...], rng: random.Random) -> None:
    """50 random spans per article (raw rows: building the fixture is not what we measure)."""
    for art in project.articles():
        text = texts[art.id - 1]
        rows = []
        for _ in range(50):
            start = rng.randrange(len(text) - 20)
            end = start + 1 + rng.randrange(12)
            rows.append((str(uuid.uuid4()), art.id, "company", start, end, text[start:end],
                         "bench", "", "manual", "{}", STAMP, STAMP))
        project.conn.executemany(
            'INSERT INTO spans(id, article_id, label, start, "end", text, annotator, note, '
            "origin, provenance, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def _conll(quick: bool) -> Row:
    from annotator.core import segment
    from annotator.core.model import ArticleRecord
    from annotator.store import Project

    n = 60 if quick else 400
    texts = zh_corpus(n, seed=7)
    folder = temp_dir("annotator-bench-conll-")
    rng = random.Random(3)
    with Project.create(folder / "conll.db") as project:
        project.add_articles([ArticleRecord(text=t, language="zh") for t in texts], "bench")
        with project.transaction():
            _add_spans(project, texts, rng)
    tokenizer = segment._get_tokenizer()  # the very tokenizer the export uses, warmed up
    for t in texts[:5]:
        list(tokenizer.tokenize(t))
    floors, measured = [], []
    chars = sum(map(len, texts))
    for i in range(3):
        t0 = time.perf_counter()
        for t in texts:
            list(tokenizer.tokenize(t))
        floors.append(time.perf_counter() - t0)
        seconds, _counts = _export(folder / "conll.db", "conll", folder / f"x{i}.conll")
        measured.append(seconds)
        progress(f"conll export round {i + 1}: {seconds:.2f} s, jieba {floors[-1]:.2f} s")
    floor, best = min(floors), min(measured)
    return Row(f"export conll (jieba words, IOB2), {n} articles / {chars / 1e6:.1f}M chars",
               best, "s", floor, "jieba.tokenize over the same texts (same tokenizer)",
               "<= 1.3x", best / floor <= 1.3)


def _cluener_floor(folder: Path, lines: list[dict]) -> float:
    from annotator.store import Project

    path = folder / f"floor{time.monotonic_ns()}.db"
    Project.create(path, title="floor", labels=[]).close()
    labels = sorted({name for obj in lines for name in obj.get("label", {})})
    articles, spans = [], []
    for i, obj in enumerate(lines, 1):
        text = obj["text"]
        articles.append((i, uuid.uuid4().hex, text[:200], "", "", "", "zh", text,
                         sha256_hex(text), "todo", "", "", STAMP, "{}"))
        for name, surfaces in obj.get("label", {}).items():
            for _surface, pairs in surfaces.items():
                for s, e in pairs:
                    spans.append((str(uuid.uuid4()), i, name, s, e + 1, text[s:e + 1], "bench",
                                  "", "imported", "{}", STAMP, STAMP))
    conn = raw_connect(path)
    try:
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO labels(name, color, position) VALUES (?, '#000000', ?)",
                         [(n, k) for k, n in enumerate(labels)])
        conn.executemany(
            "INSERT INTO articles(id, uid, title, source, url, published, language, text, "
            "sha256, status, original_file, external_id, imported_at, meta) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
        conn.executemany(
            'INSERT INTO spans(id, article_id, label, start, "end", text, annotator, note, '
            "origin, provenance, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            spans)
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()


def _cluener(folder: Path) -> Row:
    from annotator.formats_cli import import_format
    from annotator.store import Project

    src = CLUENER.resolve()
    with open(src, encoding="utf-8") as fh:
        lines = [json.loads(x) for x in fh if x.strip()]
    floors, measured = [], []
    for i in range(3):
        floors.append(_cluener_floor(folder, lines))
        path = folder / f"import{i}.db"
        Project.create(path, title="cluener", labels=[]).close()
        with Project.open(path) as project:
            t0 = time.perf_counter()
            report = import_format(project, "cluener", [src], "bench", create_labels=True)
            measured.append(time.perf_counter() - t0)
        assert report.added == len(lines), report.summary()
        progress(f"cluener import round {i + 1}: {measured[-1]:.2f} s "
                 f"({report.spans_added:,} spans), floor {floors[-1]:.2f} s")
    floor, best = min(floors), min(measured)
    return Row(f"import CLUENER train ({len(lines):,} records) via import_format", best, "s",
               floor, "raw executemany of the same article and span rows, one transaction",
               "<= 2x", best / floor <= 2.0)


def run(quick: bool) -> list[Row]:
    rows = _exports(quick)
    rows.append(_conll(quick))
    if CLUENER.resolve().exists():
        rows.append(_cluener(temp_dir("annotator-bench-cluener-")))
    else:
        rows.append(Row("import CLUENER train: SKIPPED (no ../shared/data/cluener)", 0.0, "s"))
    return rows
