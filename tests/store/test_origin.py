"""A copy says where it came from: a snapshot records its origin (file, path, time) in its own
``meta``; ``Project.record_origin`` / ``Project.origin`` are the one helper (assignment packages
use it too); a teammate's junk in that row reads as no origin."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from annotator.store import Project


def test_a_snapshot_records_the_master_it_was_copied_from(tmp_path: Path):
    master = tmp_path / "news.db"
    with Project.create(master) as project:
        assert project.origin() is None  # the master is nobody's copy
        out = project.snapshot(tmp_path / "carol.db")
        assert project.origin() is None  # snapshotting writes nothing into the master
    with Project.open(out, readonly=True) as copy:
        origin = copy.origin()
    assert origin is not None
    assert origin["kind"] == "copy" and origin["file"] == "news.db"
    assert origin["path"] == str(master.resolve())
    made = datetime.fromisoformat(origin["made"].replace("Z", "+00:00"))
    assert abs((datetime.now(made.tzinfo) - made).total_seconds()) < 600


def test_a_snapshot_of_a_readonly_master_records_its_origin_too(tmp_path: Path):
    master = tmp_path / "news.db"
    Project.create(master).close()
    with Project.open(master, readonly=True) as project:
        out = project.snapshot(tmp_path / "share.db")
    with Project.open(out, readonly=True) as copy:
        assert copy.origin()["file"] == "news.db"  # type: ignore[index]


def test_a_copy_of_a_copy_names_its_immediate_source(tmp_path: Path):
    with Project.create(tmp_path / "news.db") as project:
        first = project.snapshot(tmp_path / "carol.db")
    with Project.open(first) as copy:
        second = copy.snapshot(tmp_path / "carol-2.db")
    with Project.open(second, readonly=True) as again:
        assert again.origin()["file"] == "carol.db"  # type: ignore[index]


def test_record_origin_is_one_logged_change(tmp_path: Path):
    with Project.create(tmp_path / "alice.db") as project:
        project.record_origin(tmp_path / "news.db", kind="assignment", who="lead")
        origin = project.origin()
        log = project.changes(entity="meta", entity_id="origin")
    assert origin is not None and origin["kind"] == "assignment"
    assert origin["file"] == "news.db"
    assert len(log) == 1 and log[0]["who"] == "lead"


@pytest.mark.parametrize("junk", ["not json", "[1, 2]", '{"file": 3, "made": "x"}',
                                  '{"file": "news.db"}'])
def test_a_junk_origin_row_in_a_teammates_file_reads_as_none(tmp_path: Path, junk: str):
    path = tmp_path / "odd.db"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO meta(key, value) VALUES ('origin', ?)", (junk,))
    conn.close()
    with Project.open(path, readonly=True) as project:
        assert project.origin() is None
