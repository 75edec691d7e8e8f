"""Review rows of attributes and relations (issue 11) for a busy article: two annotators with
600 claims and 600 figures each (quick: 150), eight values per claim-figure pair and a
relation on four pairs in five; some certainty values differ. Timed: ``structure_rows``, the
list review mode recomputes after every decision, next to the floor of reading the same rows
(both layers' and gold's spans, values decoded from JSON, relations) with raw SQL. Then one
decision (accept left on an attribute row, creating the gold span) and its undo."""

from __future__ import annotations

import json
import random

from benchmarks.common import Row, best_of, progress, temp_dir

SEED = 20261130


def _project(pairs: int):
    from annotator.core.model import ArticleRecord
    from annotator.core.scheme import DEFAULT_CLAIM_SCHEME
    from annotator.store import Project

    rng = random.Random(SEED)
    text = "京东表示营收增长9%。" * pairs
    p = Project.create(temp_dir() / "structure.db", title="review", scheme=DEFAULT_CLAIM_SCHEME)
    p.add_articles([ArticleRecord(text=text, title="busy", language="zh")], "bench")
    with p.transaction():
        for who in ("alice", "bob"):
            for i in range(pairs):
                claim = p.add_span(1, i * 11, i * 11 + 10, "claim", who)
                fig = p.add_span(1, i * 11 + 6, i * 11 + 8, "figure", who)
                p.set_attributes(claim.id, {
                    "certainty": rng.choice(["certain", "probable"]), "polarity": "positive",
                    "speaker": "京东", "check_worthy": True, "claim_type": ["numerical"]}, who)
                p.set_attributes(fig.id, {"value": 9, "unit": "%", "basis": "yoy"}, who)
                if rng.random() < 0.8:
                    p.add_relation(claim.id, fig.id, "cites", who)
    return p


_FLOOR_SPANS = ('SELECT id, start, "end", label FROM spans WHERE article_id = 1 AND '
                "annotator = ?")
_FLOOR_VALUES = ("SELECT a.span_id, a.name, a.value FROM spans s JOIN span_attributes a ON "
                 "a.span_id = s.id WHERE s.article_id = 1 AND s.annotator = ?")
_FLOOR_RELATIONS = ("SELECT r.from_span, r.to_span, r.type FROM spans s JOIN relations r ON "
                    "r.from_span = s.id WHERE s.article_id = 1 AND s.annotator = ?")


def _floor(conn) -> None:
    for layer in ("alice", "bob", "@gold"):
        conn.execute(_FLOOR_SPANS, (layer,)).fetchall()
        [json.loads(v) for _i, _n, v in conn.execute(_FLOOR_VALUES, (layer,))]
        conn.execute(_FLOOR_RELATIONS, (layer,)).fetchall()


def run(quick: bool) -> list[Row]:
    from annotator.review.adjudicate_structure import decide, structure_rows, undo

    pairs = 150 if quick else 600
    progress(f"review rows: one article, 2 x {pairs} claims and figures with values")
    p = _project(pairs)
    try:
        rows = structure_rows(p, 1, "alice", "bob")
        seconds = best_of(lambda: structure_rows(p, 1, "alice", "bob"), 5)
        floor = best_of(lambda: _floor(p.conn), 5)
        what = f"review rows of an article with 2x{2 * pairs} spans ({len(rows)} rows)"
        out = [Row(what, seconds * 1000, "ms", floor * 1000,
                   "raw SQL: the three layers' spans, values (JSON decoded), relations",
                   "<= 4x", seconds <= 4 * floor)]
        row = next(r for r in rows if r.kind == "attribute")
        change = None

        def one() -> None:
            nonlocal change
            change = decide(p, row, "left", "bench")

        decided = best_of(lambda: (one(), undo(p, change, "bench")), 3)
        out.append(Row("one attribute decision + its undo (gold span made and removed)",
                       decided * 1000, "ms", goal="<= 50 ms", ok=decided <= 0.05))
        return out
    finally:
        p.close()
