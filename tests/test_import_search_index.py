"""`annotator import` brings the project's search index up to date while the texts are at hand
(when this machine has one: the window builds it otherwise); the index never enters the
project file."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import cli
from annotator.store import Project
from annotator.store.search_index import SearchIndex


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "articles"
    path.mkdir()
    (path / "a.txt").write_text("阿里今年的小目标是新增至少1亿用户。\n", encoding="utf-8")
    return path


def _import(capsys: pytest.CaptureFixture[str], project: Path, *paths: Path) -> str:
    assert cli.main(["import", str(project), *map(str, paths)]) == 0
    return capsys.readouterr().out


def test_import_extends_an_existing_index_so_the_first_search_needs_no_scan(
        capsys, project_path: Path, folder: Path):
    assert cli.main(["new", str(project_path)]) == 0
    _import(capsys, project_path, folder)
    with Project.open(project_path, readonly=True) as project, \
            SearchIndex.open(project.conn, project.path, create=True) as index:
        index.update(project.conn)  # what the window built when it opened the project
    more = folder.parent / "more"
    more.mkdir()
    (more / "b.txt").write_text("拼多多的战略是下沉市场。\n", encoding="utf-8")
    out = _import(capsys, project_path, more)
    assert "search index: 1 new article(s) indexed" in out
    with Project.open(project_path, readonly=True) as project, \
            SearchIndex.open(project.conn, project.path) as index:
        assert index.indexed_through() == 2
        assert list(index.candidates(index.match_expression("下沉市场"), after_id=0,
                                     through=2)) == [[2]]


def test_import_into_a_project_never_indexed_here_makes_no_index(capsys, project_path: Path,
                                                                 folder: Path):
    assert cli.main(["new", str(project_path)]) == 0
    out = _import(capsys, project_path, folder)
    assert "search index" not in out
    with Project.open(project_path, readonly=True) as project:
        assert SearchIndex.open(project.conn, project.path) is None
