"""The records of an import or a merge are made when first asked for, where they always were."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest


def test_the_records_come_from_core_model_as_before_and_are_the_same_classes():
    from annotator.core import model, records
    from annotator.core.model import ArticleRecord, RelationRecord, SpanRecord

    assert (ArticleRecord, SpanRecord, RelationRecord) == (
        records.ArticleRecord, records.SpanRecord, records.RelationRecord)
    record = ArticleRecord(text="阿里", spans=(SpanRecord(0, 2, "company", "阿里"),))
    assert pickle.loads(pickle.dumps(record)) == record
    with pytest.raises(AttributeError, match="has no attribute 'ArticleRecords'"):
        model.ArticleRecords  # noqa: B018 - a misspelt name is still refused


def test_importing_core_model_makes_no_record_class():
    code = ("import sys, annotator.core.model as m;"
            "print('annotator.core.records' in sys.modules, 'ArticleRecord' in vars(m))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out == ["False", "False"]
