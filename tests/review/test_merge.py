"""Merging a teammate's file: refusals leave both files untouched; merges add, never change."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing

import pytest

from annotator.core.scheme import RelationType
from annotator.review import UntrustedFile, merge, merge_all, preview
from annotator.store import NewerSchema, NotAProject, Project, ProjectError, ProjectLocked
from annotator.store.schema import SCHEMA_VERSION
from tests.review.helpers import (
    ZH,
    ZH2,
    assert_refused,
    bad_copy,
    file_hash,
    files_hash,
    full_dump,
    make_project,
    snapshot,
)


# ------------------------------------------------------------------------------- refusals
def test_truncated_file_isassert_refused(ours, theirs, tmp_path):
    bad = tmp_path / "truncated.db"
    data = theirs.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    assert_refused(ours, bad, ProjectError, "nothing was merged")


def test_flipped_bytes_in_the_middle_areassert_refused(ours, tmp_path):
    # one long article fills most of the file: the middle is its text or a b-tree page
    long_text = "".join(f"第{i}段：阿里今年的小目标是新增至少1亿用户。\n" for i in range(3000))
    live = make_project(tmp_path / "long.db", [("长文", long_text, [(0, 2, "claim", "bo")])])
    good = snapshot(live, tmp_path / "long-snapshot.db")
    data = bytearray(good.read_bytes())
    # the middle of the text, wherever its pages sit: the file's middle byte can fall in the
    # unused part of an index page (each appended migration moves it)
    middle = data.index("第1500段".encode())
    data[middle:middle + 16] = bytes(b ^ 0xFF for b in data[middle:middle + 16])
    bad = tmp_path / "flipped.db"
    bad.write_bytes(bytes(data))
    assert_refused(ours, bad, ProjectError, "refused|damaged")


def test_sqlite_file_that_is_not_a_project_isassert_refused(ours, tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE spans(id, text)")
    conn.commit()
    conn.close()
    assert_refused(ours, other, NotAProject, "not an annotator project")


def test_text_file_isassert_refused(ours, tmp_path):
    other = tmp_path / "notes.db"
    other.write_text("not a database at all, just some notes\n" * 10)
    assert_refused(ours, other, NotAProject, "not an annotator project")


def test_project_from_a_newer_schema_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "newer.db", f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    assert_refused(ours, bad, NewerSchema, "newer annotator")


def test_spans_table_replaced_by_a_view_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "view.db",
                    'CREATE TABLE shadow(id, article_id, label, start, "end", text, annotator, '
                    "note, origin, provenance, created_at, updated_at)",
                    "INSERT INTO shadow SELECT * FROM spans",
                    "DROP TABLE spans",
                    "CREATE VIEW spans AS SELECT * FROM shadow")
    assert_refused(ours, bad, UntrustedFile, "'spans' is a view")


def test_trigger_on_spans_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "trigger.db",
                    "CREATE TRIGGER spans_wipe AFTER INSERT ON spans "
                    "BEGIN DELETE FROM articles; END")
    assert_refused(ours, bad, UntrustedFile, "unexpected trigger 'spans_wipe' on 'spans'")


def test_our_trigger_name_with_another_body_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "body.db",
                    "DROP TRIGGER changes_append_only_delete",
                    "CREATE TRIGGER changes_append_only_delete BEFORE DELETE ON changes "
                    "BEGIN SELECT 1; END")
    assert_refused(ours, bad, UntrustedFile, "'changes_append_only_delete' is defined differently")


def test_the_reference_schema_is_that_of_a_project_created_and_opened_here(tmp_path):
    from annotator.review.untrusted import reference_schema, schema_objects

    with Project.create(tmp_path / "new.db", title="new") as project:
        assert schema_objects(project.conn) == reference_schema()


def test_spans_table_with_other_columns_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "columns.db", "ALTER TABLE spans ADD COLUMN extra TEXT")
    assert_refused(ours, bad, UntrustedFile, "'spans' is defined differently")


def test_span_whose_text_is_not_its_slice_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "slice.db",
                    "UPDATE spans SET text = 'XX' WHERE id = 's-bo-1'")
    assert_refused(ours, bad, UntrustedFile, "span 's-bo-1'.*is not the article's text")


def test_span_outside_its_text_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "range.db",
                    "UPDATE spans SET \"end\" = 10000 WHERE id = 's-bo-3'")
    assert_refused(ours, bad, UntrustedFile, r"span 's-bo-3'.*outside the text")


def test_article_whose_text_does_not_match_its_sha256_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "sha.db",
                    "UPDATE articles SET text = text || '!' WHERE title = 'county'")
    assert_refused(ours, bad, UntrustedFile, "does not match its sha256")


def test_wrongly_typed_values_areassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "types.db",
                    "UPDATE spans SET note = x'00ff' WHERE id = 's-bo-2'")
    assert_refused(ours, bad, UntrustedFile, "s-bo-2")


def test_invalid_utf8_isassert_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "utf8.db",
                    "UPDATE spans SET annotator = CAST(x'62ff6f' AS TEXT) WHERE id = 's-bo-4'")
    assert_refused(ours, bad, ProjectError, "UTF-8")


def test_one_bad_file_among_several_merges_nothing(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "trigger.db",
                    "CREATE TRIGGER t AFTER INSERT ON spans BEGIN SELECT 1; END")
    before = full_dump(ours)
    with Project.open(ours) as project, pytest.raises(UntrustedFile):
        merge_all(project, [theirs, bad], "ann")
    assert full_dump(ours) == before


def test_a_failure_while_writing_leaves_nothing_behind(ours, theirs, monkeypatch):
    import importlib

    # (``annotator.review.merge`` as an attribute is the function the package exports)
    merge_module = importlib.import_module("annotator.review.merge")

    real = merge_module._expect

    def fail_on_spans(got: int, expected: int, what: str) -> None:
        real(got, expected, what)
        if what == "spans":  # articles and labels are in by now
            raise ProjectError("disk full (simulated)")

    monkeypatch.setattr(merge_module, "_expect", fail_on_spans)
    before = full_dump(ours)
    with Project.open(ours) as project, pytest.raises(ProjectError, match="simulated"):
        merge(project, theirs, "ann")
    assert full_dump(ours) == before


def test_a_file_open_for_writing_in_this_process_isassert_refused(ours, theirs):
    with Project.open(theirs), Project.open(ours) as project, \
            pytest.raises(ProjectLocked, match="open for writing"):
        merge(project, theirs, "ann")


def test_missing_file_is_a_clear_error(ours, tmp_path):
    with Project.open(ours) as project, pytest.raises(ProjectError, match="no file at"):
        merge(project, tmp_path / "nope.db", "ann")


# ------------------------------------------------------------------------------- merging
def test_merge_adds_articles_spans_and_provenance(ours, theirs):
    before = file_hash(theirs)
    with Project.open(ours) as project:
        report = merge(project, theirs, "ann")
        spans = {s.id: s for a in project.articles() for s in project.spans(a.id)}
        prov = dict(project.conn.execute("SELECT id, provenance FROM spans"))
        log = project.changes("project")
    assert file_hash(theirs) == before
    assert (report.articles_added, report.articles_present) == (1, 1)
    assert report.spans_added == 4 and report.spans_by_annotator == {"bo": 4}
    assert set(spans) == {"s-ann-1", "s-ann-2", "s-bo-1", "s-bo-2", "s-bo-3", "s-bo-4"}
    assert spans["s-bo-3"].text == "Alibaba" and spans["s-bo-3"].annotator == "bo"
    entry = json.loads(prov["s-bo-1"])["merges"][0]
    assert entry["file_sha256"] == before == report.source_sha256
    assert entry["project"] == "Bo's project" and entry["by"] == "ann" and entry["at"]
    assert json.loads(prov["s-ann-1"]) == {}
    assert log[0]["action"] == "merge" and log[0]["data"]["spans"] == 4
    assert "added 1 article(s), 4 span(s)" in report.summary()


def test_merge_is_idempotent(ours, theirs):
    with Project.open(ours) as project:
        merge(project, theirs, "ann")
    after_first = full_dump(ours)
    with Project.open(ours) as project:
        report = merge(project, theirs, "ann")
    assert full_dump(ours) == after_first
    assert (report.articles_added, report.spans_added) == (0, 0)
    assert (report.articles_present, report.spans_present) == (2, 4)


def test_merge_into_itself_adds_nothing(ours):
    before = full_dump(ours)
    with Project.open(ours) as project:
        report = merge(project, ours, "ann")
        assert full_dump(ours) == before
        span = project.add_span(project.articles()[0].id, 2, 4, "claim", "ann")  # still ours
    assert not report.changed and report.spans_present == 2
    with Project.open(ours, readonly=True) as project:
        assert project.span(span.id) == span


def test_merge_of_a_snapshot_of_itself_adds_nothing(ours, tmp_path):
    copy = snapshot(ours, tmp_path / "copy.db")
    before = full_dump(ours)
    with Project.open(ours) as project:
        assert not merge(project, copy, "ann").changed
    assert full_dump(ours) == before


def test_same_title_with_another_text_stays_two_articles(tmp_path):
    a = make_project(tmp_path / "a.db", [("报道", ZH, [(0, 2, "company", "ann")])])
    b = make_project(tmp_path / "b.db", [("报道", ZH2, [(0, 3, "company", "bo")])])
    with Project.open(a) as project:
        report = merge(project, b, "ann")
        titles = [x.title for x in project.articles()]
    assert report.articles_added == 1 and titles == ["报道", "报道"]


def test_preview_reports_without_writing(ours, theirs):
    before = full_dump(ours)
    with Project.open(ours, readonly=True) as project:
        planned = preview(project, theirs)
    assert full_dump(ours) == before
    assert planned.dry_run and planned.spans_added == 4 and planned.articles_added == 1
    with Project.open(ours) as project:
        done = merge(project, theirs, "ann")
    assert (done.spans_added, done.articles_added) == (planned.spans_added,
                                                       planned.articles_added)


def test_labels_we_lack_are_created_without_a_taken_hotkey(tmp_path):
    a = make_project(tmp_path / "a.db", [("x", ZH, [])])
    b = make_project(tmp_path / "b.db", [("x", ZH, [(0, 2, "brand", "bo")])],
                     labels=["claim", "brand"])
    with Project.open(b) as project:
        project.update_label("brand", "bo", hotkey="1")  # our "claim" has hotkey 1
    with Project.open(a) as project:
        report = merge(project, b, "ann")
        brand = project.label("brand")
    assert report.labels_created == ["brand"] and brand.hotkey is None
    assert any("hotkey 1" in note for note in report.notes)


def test_conflicting_span_id_keeps_ours_and_is_reported(tmp_path):
    a = make_project(tmp_path / "a.db", [("x", ZH, [(0, 2, "company", "ann", "same-id")])])
    b = make_project(tmp_path / "b.db", [("x", ZH, [(0, 2, "claim", "ann", "same-id")])])
    with Project.open(a) as project:
        report = merge(project, b, "ann")
        span = project.span("same-id")
    assert span.label == "company" and report.span_conflicts == 1
    assert "labelled company here, claim there" in report.conflict_examples[0]


def test_relations_come_along(ours, tmp_path):
    live = make_project(tmp_path / "rel.db", [
        ("阿里", ZH, [(0, 2, "company", "bo", "r1"), (13, 16, "figure", "bo", "r2")])])
    with Project.open(live) as project:
        project.set_relation_type(RelationType("has_figure", ("company",), ("figure",)), "bo")
        project.add_relation("r1", "r2", "has_figure", "bo", relation_id="rel-1")
    with Project.open(ours) as project:
        report = merge(project, live, "ann")
        relations = project.relations_of("r1")
    assert report.relations_added == 1 and relations[0].id == "rel-1"


def test_a_wal_beside_the_file_is_copied_too(ours, theirs, tmp_path):
    live = tmp_path / "live.db"
    shutil.copyfile(theirs, live)
    conn = sqlite3.connect(live, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE spans SET note = 'from the wal' WHERE id = 's-bo-4'")
    shared = tmp_path / "shared"
    shared.mkdir()
    for suffix in ("", "-wal"):  # what a careless copy of a live project gives
        shutil.copyfile(f"{live}{suffix}", shared / f"bo.db{suffix}")
    conn.close()
    before = files_hash(shared / "bo.db")
    with Project.open(ours) as project:
        report = merge(project, shared / "bo.db", "ann")
        note = project.span("s-bo-4").note
    assert note == "from the wal" and any("-wal was copied" in n for n in report.notes)
    assert files_hash(shared / "bo.db") == before


def test_a_conflicting_span_arriving_with_new_spans_never_overwrites_ours(tmp_path):
    # (INSERT OR REPLACE instead of OR IGNORE would replace ours here)
    a = make_project(tmp_path / "a.db", [("x", ZH, [(0, 2, "company", "ann", "same-id")])])
    b = make_project(tmp_path / "b.db", [("x", ZH, [(0, 2, "claim", "bo", "same-id"),
                                                    (13, 16, "figure", "bo", "new-id")])])
    with closing(sqlite3.connect(a)) as conn:
        before = conn.execute("SELECT * FROM spans WHERE id = 'same-id'").fetchone()
    with Project.open(a) as project:
        report = merge(project, b, "ann")
        after = project.conn.execute("SELECT * FROM spans WHERE id = 'same-id'").fetchone()
        ids = {row[0] for row in project.conn.execute("SELECT id FROM spans")}
    assert (report.spans_added, report.span_conflicts) == (1, 1)
    assert tuple(after) == tuple(before) and ids == {"same-id", "new-id"}


def test_merging_a_newer_snapshot_adds_its_new_spans_and_leaves_merged_ones_alone(
        ours, theirs, tmp_path):
    with Project.open(ours) as project:
        merge(project, theirs, "ann")
    with closing(sqlite3.connect(ours)) as conn:
        first = dict(conn.execute("SELECT id, provenance FROM spans"))
    newer = bad_copy(theirs, tmp_path, "newer.db",
                     "INSERT INTO spans SELECT 's-bo-5', article_id, 'claim', start, \"end\", "
                     "text, annotator, note, origin, provenance, created_at, updated_at "
                     "FROM spans WHERE id = 's-bo-3'")
    with Project.open(ours) as project:
        report = merge(project, newer, "ann")
        second = dict(project.conn.execute("SELECT id, provenance FROM spans"))
    assert (report.spans_added, report.spans_present) == (1, 4)
    assert {k: v for k, v in second.items() if k != "s-bo-5"} == first
