"""``suggest`` (issue 12) over the cached 10k-article project (``scale.py``; 1,000 of its
articles with ``--quick``): figures, registry companies and repeats for one annotator, written
in one transaction, next to the floor the issue names: tokenizing the same texts with the
project's segmenter (jieba with the project's terms, which the registry's names join), measured
in the same run. Goal: suggest <= 3x tokenizing.

Two "info" rows split it (issue 14): finding the suggestions (a dry run after the run: the
same matching, each one found already there) against the same floor, and writing them (the run less its dry run) against a raw ``executemany`` of the same
rows into bare tables of the same columns (no index, trigger or key) in a file of its own, with
the store's pragmas, one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks.common import Row, progress, raw_connect, temp_dir, timed
from benchmarks.scale import fresh_copy

REGISTRY = (("阿里巴巴", ("阿里", "Alibaba")), ("京东", ("JD",)), ("拼多多", ("Pinduoduo",)),
            ("苏宁", ()))
WHO = "dana"

if TYPE_CHECKING:
    from annotator.store import Project


def run(quick: bool) -> list[Row]:
    from annotator.core import segment
    from annotator.core.registry import make_company
    from annotator.store import Project
    from annotator.store.suggest import suggest

    path = fresh_copy(10_000)
    with Project.open(path) as project:
        project.add_companies([make_company(n, a) for n, a in REGISTRY], "bench")
        for n in range(2, 200):  # a few hundred distinct fake names: a registry of some size
            project.add_companies([make_company(f"公司{n:03d}号", [f"Corp{n:03d}"])], "bench")
        ids = project.article_ids()[1:1001 if quick else None]  # not the 100k-char article
        text = project._text_of(ids[0])
        start = text.index("双十一")
        project.add_span(ids[0], start, start + 3, "strategy", WHO)  # something to repeat
        start = text.index("直播")
        project.add_span(ids[0], start, start + 2, "strategy", WHO)
        texts = [project.article(i).text for i in ids]
        terms = project.terms()
        chars = sum(map(len, texts))
        progress(f"suggest over {len(ids):,} articles ({chars / 1e6:.1f}M characters) ...")
        report = None

        def go() -> None:
            nonlocal report
            report = suggest(project, WHO, article_ids=ids)

        measured = timed(go)
        dry = timed(lambda: suggest(project, WHO, article_ids=ids, dry_run=True))
        raw, (spans, values) = raw_insert(project)
    segment.set_terms(terms)
    segment.warm_up()
    floor = timed(lambda: [segment.tokens(t, "zh") for t in texts])
    assert report is not None
    made = sum(report.counts.values())
    ratio = measured / floor
    floor_name = "segment.tokens (jieba + project terms) of the same texts"
    return [Row(f"suggest: {len(ids):,} articles, {made:,} suggestions", measured, "s",
                floor=floor, floor_name=floor_name, goal="<= 3x", ok=ratio <= 3),
            Row("suggest: finding them (dry run)", dry, "s", floor=floor, floor_name=floor_name,
                goal="info"),
            Row(f"suggest: writing {spans:,} spans + {values:,} values (run less "
                "dry run)", measured - dry, "s", floor=raw,
                floor_name="executemany of the same rows into bare tables, one transaction",
                goal="info")]


SPAN_COLUMNS = ('id, article_id, label, start, "end", text, annotator, note, origin, '
                "created_at, updated_at, provenance")
VALUE_COLUMNS = "span_id, name, value, source, updated_at"


def raw_insert(project: Project) -> tuple[float, list[int]]:
    """Seconds to insert the suggested spans and values, as the run wrote them, into bare
    tables (no index, trigger or key) in one transaction, and how many of each. Read 100,000
    at a time (10k articles suggest ~3M: never all held); only the inserts are timed."""
    conn = raw_connect(temp_dir() / "raw-suggest.db")
    seconds, counts = 0.0, []
    conn.execute("BEGIN IMMEDIATE")
    for table, columns, where in (
            ("spans", SPAN_COLUMNS, "origin = 'suggested'"),
            ("span_attributes", VALUE_COLUMNS,
             "span_id IN (SELECT id FROM spans WHERE origin = 'suggested')")):
        conn.execute(f"CREATE TABLE {table}({columns})")
        insert = f"INSERT INTO {table} VALUES ({','.join('?' * (columns.count(',') + 1))})"
        cursor = project.conn.execute(f"SELECT {columns} FROM {table} WHERE {where}")
        counts.append(0)
        while rows := cursor.fetchmany(100_000):
            seconds += timed(lambda: conn.executemany(insert, rows))  # noqa: B023
            counts[-1] += len(rows)
    seconds += timed(lambda: conn.execute("COMMIT"))
    conn.close()
    return seconds, counts
