"""The concordance on the 1M-span project (quick: 100k), filtered by one label (a quarter of
the spans).

- First page (``store/concordance.pages``, 200 lines with their contexts cut by SQLite),
  project opening included: goal <= 0.5 s. Floor: the same 200 spans (no context, no title)
  read by raw sqlite3 in the same order.
- The full CSV (``concordance --csv``: every line, contexts and titles): goal <= 2x the native
  JSONL export of the same spans (``export -f jsonl --label L``), measured interleaved.
- Sorting every match by its left context read backwards (the dock's Left header), row ids
  only: no goal; the floor is the same match read in document order, row ids only.
"""

from __future__ import annotations

import time

from benchmarks.common import Row, best_of, progress, raw_connect, span_project, temp_dir

LABEL = "figure"


def _first_page(path) -> float:
    from annotator.store import Project
    from annotator.store.concordance import ConcordanceQuery, pages

    t0 = time.perf_counter()
    with Project.open(path, readonly=True) as project:
        page = next(pages(project.conn, ConcordanceQuery(label=LABEL)))
    seconds = time.perf_counter() - t0
    assert len(page) == 200 and all(line.label == LABEL for line in page)
    return seconds


def _floor_page(path) -> float:
    conn = raw_connect(path)
    try:
        t0 = time.perf_counter()
        rows = conn.execute(
            'SELECT article_id, start, "end", text FROM spans INDEXED BY spans_article_start '
            "WHERE label = ? ORDER BY article_id, start, rowid LIMIT 200", (LABEL,)).fetchall()
        seconds = time.perf_counter() - t0
    finally:
        conn.close()
    assert len(rows) == 200
    return seconds


def _csv(path, out) -> tuple[float, int]:
    from annotator.concordance_cli import write_csv
    from annotator.store import Project
    from annotator.store.concordance import ConcordanceQuery, lines

    with Project.open(path, readonly=True) as project:
        t0 = time.perf_counter()
        counts = write_csv(lines(project.conn, ConcordanceQuery(label=LABEL)), out)
        return time.perf_counter() - t0, counts["lines"]


def _jsonl(path, out) -> tuple[float, int]:
    from annotator.formats.native import export_jsonl
    from annotator.store import Project

    with Project.open(path, readonly=True) as project:
        t0 = time.perf_counter()
        counts = export_jsonl(project, out, labels=[LABEL])
        return time.perf_counter() - t0, counts["spans"]


def _sort(path) -> tuple[float, float]:
    from annotator.store import Project
    from annotator.store.concordance import ConcordanceQuery, lines, sorted_rowids

    with Project.open(path, readonly=True) as project:
        query = ConcordanceQuery(label=LABEL)
        t0 = time.perf_counter()
        ordered = sorted_rowids(project.conn, query, "left")
        sort_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        plain = [line.rowid for line in lines(project.conn, ConcordanceQuery(label=LABEL,
                                                                             width=0))]
        floor_s = time.perf_counter() - t0
    assert sorted(ordered) == sorted(plain)
    return sort_s, floor_s


def run(quick: bool) -> list[Row]:
    big = span_project(quick)
    size = f"{big.spans / 1e6:g}M" if big.spans >= 1e6 else f"{big.spans // 1000}k"
    rows: list[Row] = []
    page = best_of(lambda: _first_page(big.path))
    floor = best_of(lambda: _floor_page(big.path))
    rows.append(Row(f"concordance first page, {size} spans, --label {LABEL}", page, "s", floor,
                    "200 spans of the label in document order, raw sqlite3, no context",
                    "<= 0.5 s", page <= 0.5))
    folder = temp_dir("annotator-bench-concordance-")
    csv_s: list[float] = []
    jsonl_s: list[float] = []
    for i in range(3 if quick else 2):  # interleaved: both see the same page-cache state
        seconds, lines = _csv(big.path, folder / f"c{i}.csv")
        csv_s.append(seconds)
        seconds, spans = _jsonl(big.path, folder / f"j{i}.jsonl")
        jsonl_s.append(seconds)
        assert lines == spans, (lines, spans)
        progress(f"concordance round {i + 1}: CSV {csv_s[-1]:.2f} s, native JSONL "
                 f"{jsonl_s[-1]:.2f} s ({lines:,} spans)")
        for f in folder.iterdir():
            f.unlink()
    measured, floor = min(csv_s), min(jsonl_s)
    rows.append(Row(f"concordance --csv, {size} spans, --label {LABEL}", measured, "s", floor,
                    "native JSONL export of the same spans (export -f jsonl --label)",
                    "<= 2x", measured <= 2 * floor))
    sort_s, plain_s = _sort(big.path)
    rows.append(Row(f"concordance sorted by left context, {size} spans, --label {LABEL}",
                    sort_s, "s", plain_s, "the same matches' row ids in document order",
                    "(no goal: off the GUI thread)"))
    return rows
