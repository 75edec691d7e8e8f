"""Issue 11, checked against the real consumer: doccano 1.8.4 (a sequence-labeling project with
relations and overlapping spans allowed) imported ``claims-sent.jsonl``, our doccano export of
the claim fixture, as "JSONL (Relation)"; ``claims-export.jsonl`` is its JSONL export of that
project, byte for byte. No server is needed here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats_cli import export_format, import_format
from annotator.store import Project
from tests.formats.claims_fixture import (
    CLAIM_SCHEME,
    build_claims,
    relation_rows,
    with_prediction,
)

KEPT = Path(__file__).parent.parent / "fixtures" / "doccano_1_8"


@pytest.fixture
def sent(tmp_path):
    claims = build_claims(tmp_path / "claims.db")
    with_prediction(claims)  # doccano cannot mark a suggestion: left out of the export
    yield claims
    claims.project.close()


def people_spans(project: Project) -> list[tuple[str, int, int, str, str]]:
    return sorted((project.article(a.id).text[:4], s.start, s.end, s.label, s.text)
                  for a in project.articles() for s in project.spans(a.id)
                  if s.origin != "suggested")


def test_doccano_1_8_export_of_claims_reads_back_every_span_and_relation(sent, tmp_path):
    back = Project.create(tmp_path / "back.db", scheme=CLAIM_SCHEME)
    report = import_format(back, "doccano", [KEPT / "claims-export.jsonl"], "carol")
    assert not report.warnings and not report.skipped
    assert len(people_spans(back)) == 8
    assert people_spans(back) == people_spans(sent.project)  # the emoji: UTF-16 both ways
    assert len(relation_rows(back)) == 5
    assert relation_rows(back) == relation_rows(sent.project)
    # doccano's own keys: its example id kept as the external id, its empty Comments dropped
    assert [back.article(a.id).meta for a in back.articles()] == [{}, {}]
    assert [back.article(a.id).external_id for a in back.articles()] == ["1", "2"]
    back.close()


def test_the_doccano_lines_we_write_are_the_ones_doccano_1_8_imported(sent, tmp_path):
    out = tmp_path / "claims.jsonl"
    export_format(sent.project, "doccano", out, all_annotators=True)

    def lines(path: Path) -> list[dict]:
        rows = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
        return [{k: v for k, v in row.items() if k != "article_id"} for row in rows]

    assert lines(out) == lines(KEPT / "claims-sent.jsonl"), (
        "the doccano export changed: check it against doccano again (see the README)")
