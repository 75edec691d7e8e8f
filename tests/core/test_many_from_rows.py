"""Objects built straight from database rows are the objects ``__init__`` builds."""

from __future__ import annotations

import dataclasses

import pytest

from annotator.core.model import ArticleSummary, Span, many_from_rows

ROWS = {
    Span: [("id-1", 1, "claim", 0, 3, "阿里今", "ann", "", "manual", "t0", "t1"),
           ("id-2", 1, "figure", 5, 7, "1亿", "bo", "a note", "imported", "t2", "t3")],
    ArticleSummary: [(1, "uid-1", "阿里今年的小目标", "done", "zh", 12, 2),
                     (2, "uid-2", "", "todo", "", 0, 0)],
}


@pytest.mark.parametrize("cls", list(ROWS))
def test_rows_build_equal_hashable_frozen_objects(cls):
    built = many_from_rows(cls, iter(ROWS[cls]))  # a cursor is an iterator
    made = [cls(*row) for row in ROWS[cls]]
    assert built == made and list(map(hash, built)) == list(map(hash, made))
    assert [dataclasses.astuple(b) for b in built] == ROWS[cls]
    with pytest.raises(dataclasses.FrozenInstanceError):
        built[0].id = 9  # type: ignore[misc]


def test_spans_are_tuples_made_straight_from_rows_of_any_iterable():
    """Span is a tuple (issue 14: each made from its row without a Python call): from a cursor,
    a generator or nothing at all, the same spans as Span(*row), with no dict of their own."""
    import pickle

    rows = ROWS[Span]
    assert not hasattr(many_from_rows(Span, rows)[0], "__dict__")
    assert many_from_rows(Span, (r for r in rows)) == [Span(*r) for r in rows]
    assert many_from_rows(Span, iter([])) == []
    span = many_from_rows(Span, rows)[1]
    assert type(span) is Span and span.label == "figure" and span.end == 7
    assert pickle.loads(pickle.dumps(span)) == span


def test_a_span_keeps_the_dataclass_api_it_had():
    """Code and teammates' branches that treat a Span as the frozen dataclass it was keep
    working: replace, fields, asdict, astuple, defaults, repr; no field can be set or deleted."""
    span = Span("id-1", 1, "claim", 0, 3, "阿里今", "ann")
    assert dataclasses.is_dataclass(span)
    assert [f.name for f in dataclasses.fields(Span)] == list(Span._fields)
    changed = dataclasses.replace(span, label="figure", note="n")
    assert (changed.label, changed.note, span.label, span.note) == ("figure", "n", "claim", "")
    assert type(changed) is Span
    assert dataclasses.asdict(span)["origin"] == "manual" and dataclasses.astuple(span)[4] == 3
    assert repr(span).startswith("Span(id='id-1', article_id=1, label='claim'")
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 1  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.colour = "red"  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del span.note  # type: ignore[misc]


def test_a_row_of_another_width_is_refused_not_made_into_a_broken_span():
    with pytest.raises(ValueError, match="Span has 11 fields, a row has 10"):
        many_from_rows(Span, [ROWS[Span][0][:10]])
