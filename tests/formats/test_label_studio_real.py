"""Issue 11, checked against the real consumer: what Label Studio 1.23.2 itself exported after
importing our export of the claim fixture (with a suggested company as a prediction). The files
in tests/fixtures/label_studio_1_23/ were written by that server (scripts/check_label_studio.py):
``claims-export.json`` a snapshot export with the predictions included, ``.quick.json`` its
plain JSON export (predictions by id only), ``.min.json`` JSON_MIN,
``claims-edited-in-editor.json`` a snapshot after values were set in its editor. Label Studio writes each file on one line, so a message names the task.
``claims.label_config.xml`` is the labeling config it accepted. No server is needed here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats_cli import export_format, import_format
from annotator.store import Project
from annotator.store.errors import ImportFailed
from tests.formats.claims_fixture import (
    CLAIM_SCHEME,
    attribute_rows,
    build_claims,
    relation_rows,
    with_prediction,
)

KEPT = Path(__file__).parent.parent / "fixtures" / "label_studio_1_23"


@pytest.fixture
def sent(tmp_path):
    """The claim fixture with its prediction, as it was sent to Label Studio."""
    claims = build_claims(tmp_path / "claims.db")
    with_prediction(claims)
    yield claims
    claims.project.close()


@pytest.fixture
def back(tmp_path):
    project = Project.create(tmp_path / "back.db", scheme=CLAIM_SCHEME)
    yield project
    project.close()


def who_made(project: Project) -> set[tuple[str, str]]:
    return {(s.annotator, s.origin) for a in project.articles() for s in project.spans(a.id)}


def test_label_studio_1_23_export_of_claims_reads_back_every_attribute_and_relation(sent, back):
    report = import_format(back, "label-studio", [KEPT / "claims-export.json"], "carol")
    assert not report.warnings and not report.skipped
    assert attribute_rows(back) == attribute_rows(sent.project)  # 9 spans, every value
    assert len(relation_rows(back)) == 5
    assert relation_rows(back) == relation_rows(sent.project)
    zh, en = (a.id for a in back.articles())
    assert back.article_attributes(zh) == {"alice": {"genre": "news"}}
    assert back.article_attributes(en) == {"bob": {"genre": "analysis"}}
    assert who_made(back) == {("alice", "imported"), ("bob", "imported"),
                              ("model", "suggested")}


def test_label_studio_1_23_plain_json_export_lists_predictions_by_id_and_import_says_so(
        sent, back):
    report = import_format(back, "label-studio", [KEPT / "claims-export.quick.json"], "carol")
    [warning] = report.warnings
    assert "claims-export.quick.json:1 task 9: 1 prediction(s) listed by id only" in warning
    expected = attribute_rows(sent.project)
    del expected[("😀京东表", 23, 25, "company")]  # the suggested 阿里: not in the file
    assert attribute_rows(back) == expected
    assert relation_rows(back) == relation_rows(sent.project)
    assert ("model", "suggested") not in who_made(back)


def test_label_studio_1_23_json_min_export_is_refused_naming_the_record(back):
    with pytest.raises(ImportFailed, match=r"claims-export\.min\.json:2: this is Label "
                                           "Studio's JSON_MIN export.*export JSON"):
        import_format(back, "label-studio", [KEPT / "claims-export.min.json"], "carol")
    assert back.articles() == []


def test_the_labeling_config_we_write_is_the_one_label_studio_1_23_accepted(sent, tmp_path):
    export_format(sent.project, "label-studio", tmp_path / "claims.json")
    ours = (tmp_path / "claims.label_config.xml").read_text("utf-8")
    assert ours == (KEPT / "claims.label_config.xml").read_text("utf-8"), (
        "the config changed: rerun scripts/check_label_studio.py against Label Studio")


def _shapes(tasks: list[dict]) -> list[set[str]]:
    """Each task's results without their ids: what Label Studio keeps of ours."""
    out = []
    for task in tasks:
        regions = {}
        shapes = set()
        for layer in task["annotations"] + task["predictions"]:
            for r in layer["result"]:
                if r["type"] == "labels":
                    regions[r["id"]] = json.dumps(r["value"], ensure_ascii=False)
        for layer in task["annotations"] + task["predictions"]:
            for r in layer["result"]:
                if r["type"] == "relation":
                    shape = [regions[r["from_id"]], regions[r["to_id"]], r["labels"],
                             r["direction"]]
                else:
                    shape = [r["from_name"], r["to_name"], r["type"], r["value"]]
                shapes.add(json.dumps(shape, ensure_ascii=False, sort_keys=True))
        out.append(shapes)
    return out


def test_every_result_we_write_is_one_label_studio_1_23_kept_unchanged(sent, tmp_path):
    export_format(sent.project, "label-studio", tmp_path / "claims.json")
    ours = json.loads((tmp_path / "claims.json").read_text("utf-8"))
    theirs = json.loads((KEPT / "claims-export.json").read_text("utf-8"))
    assert [len(s) for s in _shapes(ours)] == [26, 11]
    assert _shapes(ours) == _shapes(theirs)


def test_values_set_in_the_label_studio_1_23_editor_come_back(sent, back):
    """claims-edited-in-editor.json: in Label Studio's editor, basis ``qoq`` and period
    ``2026 Q3`` set on 2.5亿元 (task 7); a new claim drawn in the English article and a relation
    from it to 4% without choosing its type (task 8); each saved with Update. The editor writes
    ``origin: manual`` on every result, its relations without ids and its own short region ids."""
    edited = json.loads((KEPT / "claims-edited-in-editor.json").read_text("utf-8"))
    [untyped] = [r for t in edited for r in t["annotations"][0]["result"]
                 if r["type"] == "relation" and "labels" not in r]
    assert "id" not in untyped and len(untyped["from_id"]) == 10  # "9O5_algFIH"
    report = import_format(back, "label-studio", [KEPT / "claims-edited-in-editor.json"],
                           "carol")
    assert report.warnings == [
        f"{KEPT / 'claims-edited-in-editor.json'}:1 task 8: annotation 1 result 13: a relation "
        "without a type (Label Studio saves one drawn without choosing a relation label): "
        "skipped"]
    expected = attribute_rows(sent.project)
    expected[("😀京东表", 16, 21, "figure")].update(basis="qoq", period="2026 Q3")
    expected[("Walm", 15, 56, "claim")] = {}  # the new claim: bob's, as his other regions
    assert attribute_rows(back) == expected
    assert relation_rows(back) == relation_rows(sent.project)
    assert who_made(back) == {("alice", "imported"), ("bob", "imported"),
                              ("model", "suggested")}
