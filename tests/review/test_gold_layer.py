"""Gold is a layer, not a person (issue 9, item 4): adjudicated spans carry ``@gold`` as their
annotator everywhere, who adjudicated stays in provenance, and older files are migrated."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator import cli, review
from annotator.formats.native import export_jsonl
from annotator.importing import import_paths
from annotator.review import GOLD
from annotator.store import InvariantError, Project
from annotator.store.schema import SCHEMA_VERSION
from tests.review.helpers import ZH, make_project

#: 京东 (company) marked by alice and bob; bob then adjudicates.
JD = (18, 20)


@pytest.fixture
def adjudicated(tmp_path: Path) -> Path:
    path = make_project(tmp_path / "team.db", [("京东", ZH, [
        (*JD, "company", "alice", "a-jd"), (*JD, "company", "bob", "b-jd"),
        (13, 15, "figure", "alice", "a-fig")])])
    with Project.open(path) as project:
        review.accept_all_agreeing(project, 1, "alice", "bob", "bob")
    return path


def test_gold_spans_are_gold_and_not_the_reviewers(adjudicated: Path):
    with Project.open(adjudicated, readonly=True) as project:
        gold, = review.layer_spans(project, 1, GOLD)
        assert gold.annotator == GOLD and gold.origin == "adjudicated"
        assert review.provenance(project, [gold.id])[gold.id]["adjudicator"] == "bob"
        assert [s.id for s in project.spans(1, annotator="bob")] == ["b-jd"]
        assert project.stats()["spans_per_annotator"] == {GOLD: 1, "alice": 2, "bob": 1}
        add, = [c for c in project.changes("span", gold.id)]
        assert add["who"] == "bob"  # the change log names who adjudicated


def test_stats_on_the_command_line_counts_gold_apart(adjudicated: Path, capsys):
    assert cli.main(["stats", str(adjudicated), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["spans_per_annotator"] == {GOLD: 1, "alice": 2, "bob": 1}


def test_a_native_export_names_the_gold_layer_and_imports_back_as_gold(
        adjudicated: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    with Project.open(adjudicated, readonly=True) as project:
        export_jsonl(project, out)
    spans = json.loads(out.read_text(encoding="utf-8").splitlines()[0])["spans"]
    assert sorted((s["annotator"], s["origin"]) for s in spans) == [
        (GOLD, "adjudicated"), ("alice", "manual"), ("alice", "manual"),
        ("bob", "manual")]
    copy = make_project(tmp_path / "copy.db", [])
    with Project.open(copy) as project:
        import_paths(project, [out], "carol")
        gold, = review.layer_spans(project, 1, GOLD)
        assert gold.annotator == GOLD and project.check() == []


def test_the_store_refuses_the_gold_name_on_a_persons_span(adjudicated: Path):
    with Project.open(adjudicated) as project:
        with pytest.raises(InvariantError, match="only an adjudicated span belongs to @gold"):
            project.add_span(1, 0, 2, "company", GOLD)
        with pytest.raises(InvariantError, match="'@judge' is a layer, not a person"):
            project.add_span(1, 0, 2, "company", "@judge", origin="adjudicated")
        # an adjudicated span handed over under a person's name is filed under @gold
        span = project.add_span(1, 0, 2, "company", "dana", origin="adjudicated")
        assert span.annotator == GOLD
        assert review.provenance(project, [span.id])[span.id] == {"adjudicator": "dana"}


def test_an_older_file_has_its_gold_moved_to_the_gold_layer(tmp_path: Path):
    path = make_project(tmp_path / "old.db", [("京东", ZH, [(*JD, "company", "bob", "b-jd")])])
    conn = sqlite3.connect(path)  # as the previous schema wrote gold: under the reviewer
    conn.execute(
        "INSERT INTO spans(id, article_id, label, start, \"end\", text, annotator, origin, "
        "provenance, created_at, updated_at) VALUES ('g-1', 1, 'company', 18, 20, '京东', "
        "'bob', 'adjudicated', '{\"from\": [\"b-jd\"], \"decision\": \"right\"}', 't', 't')")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_gold_layer'")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with Project.open(path) as project:
        assert project.backup_path is not None and project.backup_path.exists()
        gold = project.span("g-1")
        assert gold.annotator == GOLD
        assert review.provenance(project, ["g-1"])["g-1"] == {
            "from": ["b-jd"], "decision": "right", "adjudicator": "bob"}
        assert project.stats()["spans_per_annotator"] == {GOLD: 1, "bob": 1}
        assert project.check() == []
    backup = sqlite3.connect(project.backup_path)
    try:  # the backup is the file as it was
        assert backup.execute("SELECT annotator FROM spans WHERE id = 'g-1'").fetchone() == (
            "bob",)
    finally:
        backup.close()
