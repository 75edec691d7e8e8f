"""Opening and creating project files: never create on a typo, refuse what is not ours."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.store import (
    NewerSchema,
    NotAProject,
    Project,
    ProjectExists,
    ProjectNotFound,
    resolve_path,
)
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION


def test_bare_name_lives_in_projects_home(monkeypatch, tmp_path):
    monkeypatch.setenv("ANNOTATOR_PROJECTS", str(tmp_path / "home"))
    assert resolve_path("news") == tmp_path / "home" / "news.db"
    assert resolve_path("sub/news") == Path("sub/news")
    assert resolve_path("news.db") == Path("news.db")


def test_create_sets_pragmas_and_default_scheme(project: Project, project_path: Path):
    conn = project.conn
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    labels = project.labels()
    assert [(lb.name, lb.hotkey) for lb in labels] == [
        ("claim", "1"), ("figure", "2"), ("company", "3"), ("strategy", "4")]
    assert len({lb.color for lb in labels}) == 4
    assert not project_path.with_name(project_path.name + ".creating").exists()


def test_create_refuses_existing_file(project_path: Path):
    project_path.write_bytes(b"precious")
    with pytest.raises(ProjectExists, match="already exists"):
        Project.create(project_path)
    assert project_path.read_bytes() == b"precious"


def test_missing_path_never_becomes_a_project(tmp_path: Path):
    missing = tmp_path / "typo.db"
    with pytest.raises(ProjectNotFound, match="no project at"):
        Project.open(missing)
    assert list(tmp_path.iterdir()) == []


def test_sqlite_file_that_is_not_a_project_is_refused_untouched(tmp_path: Path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(NotAProject, match="not an annotator project"):
        Project.open(other)
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_text_file_is_refused(tmp_path: Path):
    f = tmp_path / "notes.db"
    f.write_text("hello")
    with pytest.raises(NotAProject, match="not a SQLite database"):
        Project.open(f)
    assert f.read_text() == "hello"


def test_newer_schema_is_refused_untouched(project: Project, project_path: Path):
    project.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    project.close()
    before = project_path.read_bytes()
    with pytest.raises(NewerSchema, match="newer annotator"):
        Project.open(project_path)
    assert project_path.read_bytes() == before


def test_second_writer_in_another_process_gets_a_clear_message(project: Project,
                                                               project_path: Path):
    code = textwrap.dedent(f"""
        from annotator.store import Project, ProjectLocked
        try:
            Project.open({str(project_path)!r})
        except ProjectLocked as exc:
            print("LOCKED:", exc)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert "LOCKED:" in out.stdout and "already open for writing" in out.stdout
    project.close()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout == ""


def test_readonly_open_alongside_writer_and_cannot_write(project: Project, project_path: Path):
    from annotator.store import ReadOnlyProject

    ro = Project.open(project_path, readonly=True)
    try:
        assert [lb.name for lb in ro.labels()][0] == "claim"
        with pytest.raises(ReadOnlyProject):
            ro.add_label("x", "me")
    finally:
        ro.close()


def test_snapshot_is_a_consistent_project(project: Project, tmp_path: Path):
    from annotator.core.model import ArticleRecord

    project.add_articles([ArticleRecord(text="阿里今年的小目标", title="t")], "me")
    art = project.articles()[0]
    project.add_span(art.id, 0, 2, "company", "me")
    out = project.snapshot(tmp_path / "share.db")
    copy = Project.open(out, readonly=True)
    try:
        assert copy.span_count() == 1 and copy.check() == []
    finally:
        copy.close()
    with pytest.raises(ProjectExists):
        project.snapshot(out)


def test_older_schema_is_migrated_after_a_backup(project: Project, project_path: Path):
    project.conn.execute("PRAGMA user_version=0")
    project.close()
    reopened = Project.open(project_path)
    try:
        assert reopened.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        backup = reopened.backup_path
        assert backup is not None and backup.exists()
        conn = sqlite3.connect(backup)  # `with connect()` commits but never closes
        try:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
            assert conn.execute("SELECT count(*) FROM labels").fetchone()[0] == 4
        finally:
            conn.close()
    finally:
        reopened.close()


def test_an_older_file_whose_backup_fails_is_refused_and_left_as_it_was(
        project: Project, project_path: Path, monkeypatch: pytest.MonkeyPatch):
    import annotator.store.connection as cx

    project.conn.execute("PRAGMA user_version=0")
    project.close()
    before = project_path.read_bytes()

    def no_room(path: Path, from_version: int) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cx, "backup_copy", no_room)
    with pytest.raises(OSError, match="No space left"):
        Project.open(project_path)
    assert project_path.read_bytes() == before  # not migrated without its backup
    monkeypatch.undo()
    reopened = Project.open(project_path)  # the lock was let go
    try:
        assert reopened.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert reopened.backup_path is not None and reopened.backup_path.exists()
    finally:
        reopened.close()


def test_a_file_from_before_the_status_index_reads_its_statuses_read_only(
        project: Project, project_path: Path):
    from annotator.core.model import ArticleRecord

    project.add_articles([ArticleRecord(text="一篇文章", title="t")], "ann")
    article_id = project.articles()[0].id
    project.set_status(article_id, "done", "ann")
    with project.transaction() as conn:  # as a version-1 file has it
        conn.execute("DROP INDEX articles_id_status")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_article_status_index'")
    project.conn.execute("PRAGMA user_version=1")
    project.close()
    reader = Project.open(project_path, readonly=True)
    try:
        assert reader.article_status(article_id, "ann") == "done"
    finally:
        reader.close()
    writer = Project.open(project_path)  # migrated: the index is back
    try:
        assert writer.article_status(article_id, "ann") == "done"
        assert writer.conn.execute("SELECT count(*) FROM sqlite_master "
                                   "WHERE name = 'articles_id_status'").fetchone()[0] == 1
    finally:
        writer.close()
