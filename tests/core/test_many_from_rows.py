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


def test_spans_are_slotted_and_built_a_column_at_a_time_from_any_iterable():
    """Span has slots (issue 14: 120 bytes instead of 216, built without a call per span):
    from a cursor, a generator or nothing at all, the same spans as Span(*row)."""
    import pickle

    rows = ROWS[Span]
    assert not hasattr(many_from_rows(Span, rows)[0], "__dict__")
    assert many_from_rows(Span, (r for r in rows)) == [Span(*r) for r in rows]
    assert many_from_rows(Span, iter([])) == []
    span = many_from_rows(Span, rows)[1]
    assert pickle.loads(pickle.dumps(span)) == span
    assert dataclasses.replace(span, label="claim").label == "claim" and span.label == "figure"
