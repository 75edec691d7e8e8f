"""Native JSONL export of the 1M-span project vs a single SQL ``json_object`` scan.

The floor builds each article's line in SQL (``json_object`` with its spans as a
``json_group_array`` of ``json_object`` in (start, end, id) order) and writes the lines to a file:
the same bytes as the native export (checked once per run; ``start_utf16``/``end_utf16`` = the
code-point offsets, exact for this all-BMP corpus), without the export's extras (the check of
every span against its text, the astral test, relations, counts, fsync and rename).
"""

from __future__ import annotations

import filecmp
import importlib.util
import os
import sqlite3
import time

from benchmarks.common import Row, best_of, progress, raw_connect, span_project, temp_dir

# The spans array is spliced in as text: passed to json_object through a scalar subquery it would
# lose its JSON subtype (SQLite 3.40) and need a json() re-parse, which costs ~15%.
FLOOR_SQL = """
SELECT substr(head, 1, length(head) - 1) || ',"spans":' || spans || ',"relations":[]}' FROM (
  SELECT json_object(
      'id', a.uid, 'title', a.title, 'text', a.text, 'sha256', a.sha256, 'source', a.source,
      'url', a.url, 'published', a.published, 'language', a.language,
      'status', coalesce((SELECT st.status FROM article_statuses st
                          WHERE st.article_id = a.id AND st.annotator = ''), 'todo'),
      'statuses', json((SELECT json_group_object(st.annotator, st.status)
                        FROM article_statuses st WHERE st.article_id = a.id)),
      'external_id', a.external_id, 'original_file', a.original_file,
      'meta', json(a.meta)) AS head,
    (SELECT json_group_array(json_object(
        'id', s.id, 'start', s.start, 'end', s."end", 'text', s.text, 'label', s.label,
        'annotator', s.annotator, 'origin', s.origin, 'note', s.note,
        'created_at', s.created_at, 'updated_at', s.updated_at,
        'start_utf16', s.start, 'end_utf16', s."end"))
      FROM (SELECT * FROM spans s WHERE s.article_id = a.id ORDER BY s.start, s."end", s.id) s
    ) AS spans
  FROM articles a ORDER BY a.id)
"""
FLOOR_NAME = "one SQL json_object/json_group_array scan, lines written to a file"

#: The same scan where spans carry attribute values (issue 10): each span's values looked up
#: by its id and appended as "attributes" when it has some (the native export's bytes).
FLOOR_VALUES_SQL = FLOOR_SQL.replace(
    """(SELECT json_group_array(json_object(
        'id', s.id, 'start', s.start, 'end', s.\"end\", 'text', s.text, 'label', s.label,
        'annotator', s.annotator, 'origin', s.origin, 'note', s.note,
        'created_at', s.created_at, 'updated_at', s.updated_at,
        'start_utf16', s.start, 'end_utf16', s.\"end\"))""",
    """(SELECT json_group_array(json(CASE WHEN s.attrs IS NULL THEN json_object(
        'id', s.id, 'start', s.start, 'end', s.\"end\", 'text', s.text, 'label', s.label,
        'annotator', s.annotator, 'origin', s.origin, 'note', s.note,
        'created_at', s.created_at, 'updated_at', s.updated_at,
        'start_utf16', s.start, 'end_utf16', s.\"end\") ELSE json_object(
        'id', s.id, 'start', s.start, 'end', s.\"end\", 'text', s.text, 'label', s.label,
        'annotator', s.annotator, 'origin', s.origin, 'note', s.note,
        'created_at', s.created_at, 'updated_at', s.updated_at,
        'start_utf16', s.start, 'end_utf16', s.\"end\", 'attributes', json(s.attrs)) END))""").replace(
    "FROM (SELECT * FROM spans s WHERE",
    "FROM (SELECT s.*, (SELECT json_group_object(v.name, json(v.value)) FROM span_attributes v "
    "WHERE v.span_id = s.id HAVING count(*)) AS attrs FROM spans s WHERE")
assert FLOOR_VALUES_SQL.count("attrs") == 3, "FLOOR_SQL changed: update FLOOR_VALUES_SQL"


def _floor(db_path, out, sql: str = FLOOR_SQL) -> float:
    conn = raw_connect(db_path)
    try:
        t0 = time.perf_counter()
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            for (line,) in conn.execute(sql):
                fh.write(line)
                fh.write("\n")
        return time.perf_counter() - t0
    finally:
        conn.close()


def _export(db_path, out) -> tuple[float, dict[str, int]]:
    from annotator.formats.native import export_jsonl
    from annotator.store import Project

    with Project.open(db_path, readonly=True) as project:
        t0 = time.perf_counter()
        counts = export_jsonl(project, out)
        return time.perf_counter() - t0, counts


def run(quick: bool) -> list[Row]:
    big = span_project(quick)
    size = f"{big.spans / 1e6:g}M" if big.spans >= 1e6 else f"{big.spans // 1000}k"
    name = f"export native JSONL, {size} spans / {big.articles // 1000}k articles"
    if importlib.util.find_spec("annotator.formats.native") is None:
        return [Row(f"{name}: SKIPPED (no annotator/formats/native.py)", 0.0, "s")]
    folder = temp_dir("annotator-bench-export-")
    floor_s: list[float] = []
    export_s: list[float] = []
    repeat = 3
    for i in range(repeat):  # interleaved: both see the same page-cache state
        floor_out = folder / f"floor{i}.jsonl"
        floor_s.append(_floor(big.path, floor_out))
        seconds, counts = _export(big.path, folder / f"export{i}.jsonl")
        export_s.append(seconds)
        if i == 0:  # the floor writes what the export writes
            assert filecmp.cmp(floor_out, folder / "export0.jsonl", shallow=False)
        assert counts["articles"] == big.articles and counts["spans"] >= big.spans, counts
        progress(f"export round {i + 1}/{repeat}: export_jsonl {seconds:.2f} s, "
                 f"floor {floor_s[-1]:.2f} s "
                 f"({os.path.getsize(floor_out) / 1e6:.0f} MB)")
        for f in folder.iterdir():
            f.unlink()
    floor = min(floor_s)
    measured = min(export_s)
    return [Row(name, measured, "s", floor, FLOOR_NAME, "<= 1.5x", measured / floor <= 1.5),
            _values_row(big, size, folder), _layers_row(big.path, size)]


def _with_values(src, dst) -> int:
    """A copy of the big project where every claim has certainty and check_worthy and every
    figure a value (half the spans carry values); returns how many values."""
    source, copy = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(copy)
        with copy:
            for label, name, value in (("claim", "certainty", '"probable"'),
                                       ("claim", "check_worthy", "true"),
                                       ("figure", "value", "100000000")):
                copy.execute("INSERT INTO span_attributes(span_id, name, value, source, "
                             "updated_at) SELECT id, ?, ?, 'person', updated_at FROM spans "
                             "WHERE label = ?", (name, value, label))
        return int(copy.execute("SELECT count(*) FROM span_attributes").fetchone()[0])
    finally:
        source.close()
        copy.close()


def _values_row(big, size: str, folder) -> Row:
    """The native export where half the spans carry attribute values, against the floor scan
    that writes the same bytes (values looked up per span in SQL)."""
    valued = folder / "valued.db"
    values = _with_values(big.path, valued)
    floor_s, export_s = [], []
    for i in range(2):
        floor_out = folder / f"vfloor{i}.jsonl"
        floor_s.append(_floor(valued, floor_out, FLOOR_VALUES_SQL))
        seconds, _ = _export(valued, folder / f"vexport{i}.jsonl")
        export_s.append(seconds)
        if i == 0:
            assert filecmp.cmp(floor_out, folder / "vexport0.jsonl", shallow=False)
        progress(f"export with values round {i + 1}/2: export_jsonl {seconds:.2f} s, "
                 f"floor {floor_s[-1]:.2f} s")
        for f in folder.glob("v*.jsonl"):
            f.unlink()
    valued.unlink()
    floor, measured = min(floor_s), min(export_s)
    return Row(f"export native JSONL, {size} spans with {values // 1000}k attribute values",
               measured, "s", floor, "the same SQL scan with each span's values looked up",
               "<= 1.5x", measured / floor <= 1.5)


def _layers_row(db_path, size: str) -> Row:
    """Which layers a project has: what every export to a format that cannot name the
    annotator checks, and what the Export dialog asks as it opens (on the GUI thread). Floor:
    the one scan of the spans table that finding "no gold span" takes without an index."""
    from annotator.review.layers import layer_names
    from annotator.store import Project

    conn = raw_connect(db_path)
    try:
        floor = best_of(lambda: conn.execute(
            "SELECT 1 FROM spans WHERE origin = 'adjudicated' LIMIT 1").fetchone())
    finally:
        conn.close()
    with Project.open(db_path, readonly=True) as project:
        measured = best_of(lambda: layer_names(project))
    return Row(f"layers of a project ({size} spans, no gold): export check, dialog open",
               measured * 1000, "ms", floor * 1000, "one scan of spans for origin", "<= 1.5x",
               measured <= 1.5 * floor)
