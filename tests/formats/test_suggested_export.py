"""Suggested spans in exports: formats that cannot mark a suggestion (doccano, CoNLL, CLUENER,
CSV, spaCy) leave them out unless --include-suggested; the native JSONL carries them marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.model import ArticleRecord
from annotator.formats_cli import export_format
from annotator.store import Project
from annotator.store.suggest import suggest
from tests.test_cli import run

TEXT = "阿里今年收入约2.5亿元，同比增长9%。"


@pytest.fixture
def news(tmp_path: Path) -> Path:
    path = tmp_path / "n.db"
    with Project.create(path) as p:
        p.add_articles([ArticleRecord(text=TEXT, title="t")], "alice")
        p.add_span(1, 0, 2, "company", "alice")
        suggest(p, "alice", kinds=["figures"])  # 约2.5亿元 and 9%, origin suggested
    return path


def doccano_labels(out: Path) -> list[list]:
    return [r["label"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())]


def test_doccano_leaves_suggestions_out_unless_asked(news, tmp_path, capsys):
    code, _, _ = run(capsys, "export", news, "-f", "doccano", "-o", tmp_path / "a.jsonl")
    assert code == 0 and doccano_labels(tmp_path / "a.jsonl") == [[[0, 2, "company"]]]
    manifest = json.loads((tmp_path / "a.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert "left out" in json.dumps(manifest)
    run(capsys, "export", news, "-f", "doccano", "-o", tmp_path / "b.jsonl",
        "--include-suggested")
    assert doccano_labels(tmp_path / "b.jsonl") == [
        [[0, 2, "company"], [6, 12, "figure"], [17, 19, "figure"]]]


@pytest.mark.parametrize("fmt", ["conll", "cluener", "csv"])
def test_other_anonymous_formats_leave_suggestions_out(news, tmp_path, fmt):
    with Project.open(news, readonly=True) as p:
        left = export_format(p, fmt, tmp_path / "left")
        kept = export_format(p, fmt, tmp_path / "kept", include_suggested=True)
    assert left["counts"]["spans"] == 1 and kept["counts"]["spans"] == 3


def test_the_native_jsonl_carries_suggestions_marked(news, tmp_path):
    with Project.open(news, readonly=True) as p:
        export_format(p, "jsonl", tmp_path / "n.jsonl")
    record = json.loads((tmp_path / "n.jsonl").read_text(encoding="utf-8"))
    assert sorted(s["origin"] for s in record["spans"]) == ["manual", "suggested", "suggested"]


def test_the_claims_and_relations_tables_leave_suggested_spans_out_unless_asked(news,
                                                                                tmp_path):
    import csv

    with Project.open(news) as p:
        claim = p.add_span(1, 0, 12, "claim", "alice")
        p.add_span(1, 13, 19, "claim", "alice", origin="suggested")
        figure = next(s for s in p.spans(1) if s.label == "figure" and s.start == 6)
        p.add_relation(claim.id, figure.id, "cites", "alice")  # its figure is a suggestion
        left = export_format(p, "claims", tmp_path / "left.csv")
        kept = export_format(p, "claims", tmp_path / "kept.csv", include_suggested=True)
        export_format(p, "relations", tmp_path / "rel-left.csv")
    def read(name):
        with (tmp_path / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    rows = read("left.csv")
    assert [r["text"] for r in rows] == ["阿里今年收入约2.5亿元"] and rows[0]["rel:cites"] == ""
    assert "left out" in left["suggested"] and "suggested" not in kept
    again = read("kept.csv")
    assert len(again) == 2 and again[0]["rel:cites"] == "约2.5亿元"
    assert read("rel-left.csv") == []
