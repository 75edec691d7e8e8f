"""Dataset formats: doccano and CSV export of the 1M-span project, CoNLL export vs jieba, and
import of the CLUENER train set.

- doccano export (``annotator.formats.doccano``) vs one SQL scan that builds the same bytes
  (``json_quote`` and the ``[start, end, label]`` arrays from ``group_concat``, checked equal
  once per run) and writes them: the export also checks every span against its text
  (invariant 3), counts overlaps, converts offsets to UTF-16 where needed, and writes the
  manifest and warnings files.
- CSV export vs a plain scan: the same columns joined in SQL, written by ``csv.writer``.
- The claims table (``export -f claims``) of 100k claims (quick: 10k) with their attributes,
  relations (cites a figure, about a company) and article attributes, vs the native JSONL
  export of the same project in the same run (goal <= 2x). The project is built through
  ``Project.add_articles`` (the import path: spans with attributes, relations by span id).
- CoNLL export (IOB2; jieba words, then characters) of generated Chinese articles vs reading
  the texts and spans from the project (the SQL the export needs), ``segment.tokens`` over the
  texts with the same tokenizer, and writing one ``TOKEN O`` line per token: segmentation
  should dominate. (The CLUENER import is a whole-process row in bench_import.)

The 1M-span fixture is ``benchmarks.common.span_project`` (shared with bench_store and
bench_export). Floors and measurements are interleaved, best of each.
"""

from __future__ import annotations

import csv
import filecmp
import random
import time
import uuid
from pathlib import Path

from benchmarks.common import (
    Row,
    progress,
    raw_connect,
    span_project,
    temp_dir,
    zh_corpus,
)

STAMP = "2024-06-02T08:00:00.000Z"

# the export's bytes (json.dumps' separators), built in SQL: checked once per run
DOCCANO_FLOOR = """
SELECT '{"text": ' || json_quote(a.text) || ', "label": [' || coalesce((SELECT group_concat(
    '[' || s.start || ', ' || s."end" || ', ' || json_quote(s.label) || ']', ', ') FROM (
    SELECT s.start, s."end", s.label FROM spans s WHERE s.article_id = a.id
    ORDER BY s.start, s."end", s.label, s.text, s.id) s), '') || '], "article_id": '
    || json_quote(a.uid) || ', "title": ' || json_quote(a.title) || '}'
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


def _export(db: Path, name: str, out: Path, options: dict | None = None
            ) -> tuple[float, dict]:
    from annotator.formats_cli import export_format
    from annotator.store import Project

    with Project.open(db, readonly=True) as project:
        t0 = time.perf_counter()
        manifest = export_format(project, name, out, all_annotators=True,
                                 options=options or {})
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
            if i == 0 and kind == "json":  # the floor writes what the export writes
                assert filecmp.cmp(folder / "floor0", folder / "out0", shallow=False)
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


def _conll(quick: bool) -> list[Row]:
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
    segment.warm_up()  # the very tokenizer the export uses, loaded
    chars = sum(map(len, texts))
    rows = []
    for token, lang in (("word", "zh"), ("char", "en")):  # char: the export's lang="en"
        floors, measured = [], []
        for i in range(3):
            floors.append(_conll_floor(folder / "conll.db", lang, folder / f"floor{i}.conll"))
            seconds, _counts = _export(folder / "conll.db", "conll", folder / f"x-{token}{i}.conll",
                                       {"token": token})
            measured.append(seconds)
            progress(f"conll --token {token} export round {i + 1}: {seconds:.2f} s, "
                     f"floor {floors[-1]:.2f} s")
        floor, best = min(floors), min(measured)
        rows.append(Row(f"export conll --token {token}, {n} articles / {chars / 1e6:.1f}M chars",
                        best, "s", floor, "reading texts and spans + segment.tokens over the "
                        "texts + writing a TOKEN O line per token", "<= 1.5x",
                        best / floor <= 1.5))
    return rows


def _conll_floor(db: Path, lang: str, out: Path) -> float:
    from annotator.core.segment import tokens

    conn = raw_connect(db)
    try:
        t0 = time.perf_counter()
        texts = [text for (text,) in conn.execute("SELECT text FROM articles ORDER BY id")]
        conn.execute('SELECT article_id, start, "end", label, text FROM spans '
                     "ORDER BY article_id, start").fetchall()
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            for text in texts:
                fh.write("".join([f"{text[a:b]} O\n" for a, b in tokens(text, lang)]))
        return time.perf_counter() - t0
    finally:
        conn.close()


def _claims_project(path: Path, n_articles: int) -> int:
    """Articles of 240 characters, each with 4 claims, 4 figures and 2 companies: every claim
    cites a figure and is about a company, every figure is of a company; claims carry 5
    attributes (choice, boolean, multi, text), figures 2 (number, text), each article a genre.
    Returns the number of claims."""
    from annotator.core.model import ArticleRecord, RelationRecord, SpanRecord
    from annotator.core.scheme import DEFAULT_CLAIM_SCHEME, parse_scheme
    from annotator.store import Project

    data = DEFAULT_CLAIM_SCHEME.to_json()
    data["labels"][0]["attributes"].append(
        {"name": "topics", "type": "multi", "values": ["economy", "policy", "markets"]})
    data["article_attributes"] = [{"name": "genre", "type": "choice",
                                   "values": ["news", "opinion"]}]
    texts = zh_corpus(n_articles, seed=11, chars=240)
    rng = random.Random(5)

    def records():
        for n, text in enumerate(texts):
            spans, rels = [], []

            def span(k, label, length, attributes, text=text, spans=spans):
                sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                a = 24 * k
                spans.append(SpanRecord(a, a + length, label, text[a:a + length], "bench",
                                        "manual", id=sid, created_at=STAMP,
                                        attributes=attributes))
                return sid

            companies = [span(8 + k, "company", 4, {}) for k in range(2)]
            for k in range(4):
                fig = span(4 + k, "figure", 5, {"value": 1000 * k + n, "unit": "CNY"})
                claim = span(k, "claim", 20, {
                    "certainty": "probable", "polarity": "positive", "check_worthy": k % 2 == 0,
                    "topics": ["economy", "markets"], "speaker": f"发言人{k}"})
                rels += [RelationRecord(claim, fig, "cites", "bench"),
                         RelationRecord(claim, companies[k % 2], "about", "bench"),
                         RelationRecord(fig, companies[k % 2], "of", "bench")]
            yield ArticleRecord(text=text, title=f"article {n}", language="zh",
                                spans=tuple(spans), relations=tuple(rels),
                                article_attributes={"bench": {"genre": "news"}})

    with Project.create(path, title="claims", scheme=parse_scheme(data, "bench")) as project:
        project.add_articles(records(), "bench")
    return 4 * n_articles


def _claims_table(quick: bool) -> list[Row]:
    folder = temp_dir("annotator-bench-claims-")
    db = folder / "claims.db"
    t0 = time.perf_counter()
    claims = _claims_project(db, 2_500 if quick else 25_000)
    progress(f"claims fixture: {claims:,} claims in {time.perf_counter() - t0:.1f} s")
    floors, measured = [], []
    for i in range(3 if quick else 2):
        seconds, _counts = _export(db, "jsonl", folder / f"native{i}.jsonl")
        floors.append(seconds)
        seconds, counts = _export(db, "claims", folder / f"claims{i}.csv")
        measured.append(seconds)
        assert counts["claims"] == claims and counts["relations"] == 2 * claims, counts
        progress(f"claims table round {i + 1}: {seconds:.2f} s, native JSONL "
                 f"{floors[-1]:.2f} s")
        for f in folder.glob("*.*"):
            if f.name != "claims.db":
                f.unlink()
    floor, best = min(floors), min(measured)
    return [Row(f"export claims table, {claims // 1000}k claims (attributes, relations)", best,
                "s", floor, "native JSONL export of the same project", "<= 2x",
                best / floor <= 2)]


def run(quick: bool) -> list[Row]:
    return _exports(quick) + _claims_table(quick) + _conll(quick)
