"""Invariant 3 checked in bulk (``spans_match_texts``: the native export's check), and the
doccano label layout against the entities layout (two writers over the same spans must list
the same offsets, overlaps and dropped notes)."""

from __future__ import annotations

import json

import pytest

from annotator.formats_cli import export_format
from annotator.store import InvariantError
from annotator.store.checks import slices_match, spans_match_texts


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("unit", ["utf16", "codepoint"])
def test_doccano_label_layout_lists_the_same_spans_as_the_entities_layout(sample, tmp_path,
                                                                          unit):
    """Astral characters before spans (UTF-16 offsets), overlaps, a note, an empty article."""
    labels, entities = tmp_path / "l.jsonl", tmp_path / "e.jsonl"
    m1 = export_format(sample.project, "doccano", labels, all_annotators=True,
                       options={"layout": "label", "unit": unit})
    m2 = export_format(sample.project, "doccano", entities, all_annotators=True,
                       options={"layout": "entities", "unit": unit})
    for one, two in zip(_lines(labels), _lines(entities), strict=True):
        assert one["text"] == two["text"] and one["article_id"] == two["article_id"]
        assert one["label"] == [[e["start_offset"], e["end_offset"], e["label"]]
                                for e in two["entities"]]
    assert {k: m1["counts"][k] for k in ("articles", "spans", "overlapping")} == {
        k: m2["counts"][k] for k in ("articles", "spans", "overlapping")}
    assert m1["counts"]["overlapping"] > 0
    notes = [json.loads(x)["reason"] for x in
             (tmp_path / "l.jsonl.warnings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum("note dropped" in r for r in notes) == 2  # 1亿 and 3.5% have notes


def test_a_damaged_span_stops_the_doccano_label_export_and_is_named(sample, tmp_path):
    with sample.project.transaction() as conn:
        conn.execute("UPDATE spans SET text = 'XX' WHERE text = '30%'")
    out = tmp_path / "x.jsonl"
    with pytest.raises(InvariantError, match="says 'XX' but the text there is '30%'"):
        export_format(sample.project, "doccano", out, all_annotators=True,
                      options={"layout": "label"})
    assert not out.exists() and not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize("damage", [
    "UPDATE spans SET text = text || 'x' WHERE text = '京东' AND annotator = 'bob'",
    "UPDATE spans SET start = start + 1 WHERE text = '拼多多'",
    "UPDATE spans SET \"end\" = \"end\" + 100, text = 'Pinduoduo' WHERE text = 'Pinduoduo'",
])
def test_the_bulk_check_finds_each_kind_of_damaged_span(sample, damage):
    conn = sample.project.conn
    assert spans_match_texts(conn)
    with sample.project.transaction() as tx:
        tx.execute(damage)
    assert not spans_match_texts(conn)
    # an article filter that leaves the damaged article out passes
    assert spans_match_texts(conn, " AND a.id = :only", {"only": sample.ids["empty"]})


def test_slices_match_refuses_an_empty_or_reversed_or_outside_span():
    text = "阿里今年"
    assert slices_match(text, [0, 2], [2, 4], ["阿里", "今年"])
    assert not slices_match(text, [2], [2], [""])  # empty
    assert not slices_match(text, [3], [2], [""])  # reversed
    assert not slices_match(text, [-1], [2], ["阿里"])
    assert not slices_match(text, [2], [5], ["今年"])  # past the end
    assert not slices_match(text, [0], [2], ["阿里", "今年"])  # a text too many
    assert slices_match(text, [], [], [])
