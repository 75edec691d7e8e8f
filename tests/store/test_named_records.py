"""The store's small records are NamedTuples (issue 14: a frozen dataclass compiles six methods
when the window starts), and code written for the dataclasses they were keeps working."""

from __future__ import annotations

import dataclasses
import json

import pytest

from annotator.store.article_admin import DeletedArticle
from annotator.store.assignments import Progress
from annotator.store.scheme_store import AttributeValue

SAMPLES = [
    AttributeValue("entity", ["阿里", "京东"], "person", "2026-11-30T08:00:00Z"),
    DeletedArticle(3, "ab" * 32, "阿里今年的小目标", "2026-11-30T08:00:00Z", "ann", 12),
    Progress("plan-1", "2026-11-30T08:00:00Z", "ann", 40, 12, 3),
]


@pytest.mark.parametrize("record", SAMPLES, ids=lambda r: type(r).__name__)
def test_a_record_answers_the_dataclass_functions_as_before(record):
    cls = type(record)
    assert dataclasses.is_dataclass(record)
    assert [f.name for f in dataclasses.fields(cls)] == list(cls._fields)
    first = cls._fields[0]
    changed = dataclasses.replace(record, **{first: record[1]})
    assert type(changed) is cls and getattr(changed, first) == record[1]
    assert getattr(record, first) == record[0]  # the original is unchanged
    as_dict = dataclasses.asdict(record)
    assert as_dict == record._asdict() and json.loads(json.dumps(as_dict)) == as_dict
    with pytest.raises(AttributeError):
        setattr(record, first, "changed")


def test_an_attribute_value_keeps_its_defaults_and_a_progress_its_summary():
    assert AttributeValue("approx", True) == AttributeValue("approx", True, "person", "")
    assert SAMPLES[2].summary() == "ann 12/40 done, 3 in progress"
