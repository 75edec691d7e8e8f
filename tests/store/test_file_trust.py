"""Attacks on the project file from outside while it is open, and damaged or read-only files.

Issue 8, items 1 and 4: the store refuses to write once the path no longer names the file it
opened; a copy of everything acknowledged can still be saved from the open connection; a damaged
file is refused for writing with ``check``'s words; a read-only folder can be read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from file_attacks import UNDER_THE_WINDOW, damage_an_index_page

from annotator.core.model import ArticleRecord
from annotator.store import CorruptProject, Project, ProjectFileLost, ReadOnlyProject
from annotator.store import connection as cx

TEXT = "阿里今年的小目标是新增至少1亿用户。"


@pytest.fixture
def open_project(project_path: Path):
    project = Project.create(project_path)
    project.add_articles([ArticleRecord(text=TEXT, title="阿里")], "setup")
    yield project
    project.close()


@pytest.mark.parametrize("attack", sorted(UNDER_THE_WINDOW))
def test_file_changed_under_an_open_project_refuses_writes_and_keeps_what_was_saved(
        attack: str, open_project: Project, project_path: Path, tmp_path: Path):
    article = open_project.articles()[0].id
    saved = open_project.add_span(article, 0, 2, "company", "ann")
    foreign = UNDER_THE_WINDOW[attack](project_path)
    before = foreign.read_bytes() if foreign is not None else None

    with pytest.raises(ProjectFileLost, match="NOT saved") as caught:
        open_project.add_span(article, 13, 15, "figure", "ann")
    assert "\n" not in str(caught.value) and str(project_path) in str(caught.value)
    with pytest.raises(ProjectFileLost):  # stays refused, whatever the write
        open_project.set_meta("title", "x", "ann")
    if foreign is not None:
        assert foreign.read_bytes() == before, "wrote into the file that replaced ours"

    copy = open_project.save_copy(tmp_path / "rescued.db")
    with Project.open(copy) as rescued:
        assert [s.id for s in rescued.spans(article)] == [saved.id]
        assert rescued.check() == []
    open_project.close()
    if foreign is not None:
        assert foreign.read_bytes() == before, "closing wrote into the file that replaced ours"
    # no journal of ours is left next to whatever sits at the path now
    assert not Path(f"{project_path}-wal").exists() and not Path(f"{project_path}-shm").exists()
    if attack == "replace":  # so the other project opens clean, with nothing of ours replayed
        with Project.open(project_path, readonly=True) as other:
            assert other.title == "someone else's" and other.check() == []
            assert other.span_count() == 0


def test_renamed_away_and_back_is_still_the_same_file(open_project: Project,
                                                      project_path: Path):
    away = project_path.with_name("away.db")
    project_path.rename(away)
    away.rename(project_path)
    article = open_project.articles()[0].id
    assert open_project.add_span(article, 0, 2, "company", "ann").text == TEXT[:2]


def test_save_copy_refuses_an_existing_target(open_project: Project, tmp_path: Path):
    target = tmp_path / "taken.db"
    target.write_bytes(b"mine")
    with pytest.raises(Exception, match="already exists"):
        open_project.save_copy(target)
    assert target.read_bytes() == b"mine"


def test_writing_into_a_project_that_fails_its_integrity_check_is_refused(project_path: Path):
    Project.create(project_path).close()
    damage_an_index_page(project_path)
    before = project_path.read_bytes()
    with Project.open(project_path, readonly=True) as project:
        expected = project.check()[0]
    assert expected.startswith("quick_check: ")
    with pytest.raises(CorruptProject) as caught:
        Project.open(project_path)
    assert expected in str(caught.value) and "\n" not in str(caught.value)
    assert project_path.read_bytes() == before


def _pretend_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """As root, permission bits do not stop writes: make this process *believe* the folder is
    read-only, and check below that nothing gets created in it (a truly read-only folder fails
    exactly where SQLite would create files)."""
    real = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path).resolve() == folder.resolve():
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(cx.os, "access", access)


def test_read_only_folder_reads_without_creating_files_and_refuses_writes_naming_it(
        project_path: Path, monkeypatch: pytest.MonkeyPatch):
    with Project.create(project_path) as project:
        project.add_articles([ArticleRecord(text=TEXT, title="阿里")], "setup")
    folder = project_path.parent
    listing = sorted(p.name for p in folder.iterdir())
    _pretend_read_only(monkeypatch, folder)

    with Project.open(project_path, readonly=True) as project:
        assert [a.title for a in project.articles()] == ["阿里"]
        assert project.check() == []
    assert sorted(p.name for p in folder.iterdir()) == listing  # no -wal, no -shm
    with pytest.raises(ReadOnlyProject, match=f"the folder {folder.resolve()} is read-only"):
        Project.open(project_path)


def test_read_only_folder_with_a_pending_journal_says_how_to_proceed(
        project_path: Path, monkeypatch: pytest.MonkeyPatch):
    Project.create(project_path).close()
    Path(f"{project_path}-wal").write_bytes(b"\0" * 32)  # changes not yet in the main file
    _pretend_read_only(monkeypatch, project_path.parent)
    with pytest.raises(ReadOnlyProject, match="is read-only .* copy the folder somewhere"):
        Project.open(project_path, readonly=True)


def test_file_emptied_in_place_under_an_open_project_refuses_writes(open_project: Project,
                                                                     project_path: Path):
    os.truncate(project_path, 0)  # `: > news.db`: the same file, its content gone
    with pytest.raises(ProjectFileLost, match="was emptied"):
        open_project.add_span(open_project.articles()[0].id, 0, 2, "company", "ann")
    assert project_path.stat().st_size == 0
