"""`annotator article PROJECT ID --title T | --delete | --restore` and `import --restore`."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store import Project
from tests.test_cli import one_error_line, run

JUNK = "这是一篇误导入的垃圾文章，里面有京东。"


@pytest.fixture(autouse=True)
def _user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_USER", "carol")


@pytest.fixture
def junk_file(tmp_path: Path) -> Path:
    path = tmp_path / "junk.txt"
    path.write_text(JUNK, encoding="utf-8")
    return path


@pytest.fixture
def two(project_path: Path, junk_file: Path, capsys) -> Path:
    run(capsys, "new", project_path)
    (junk_file.parent / "keep.txt").write_text("留下的文章。", encoding="utf-8")
    run(capsys, "import", project_path, junk_file.parent / "keep.txt", junk_file)
    with Project.open(project_path) as p:
        p.add_span(2, 16, 18, "company", "alice")
    return project_path


def test_article_title_renames_and_list_shows_it(capsys, two):
    code, out, _ = run(capsys, "article", two, "2", "--title", "Junk, renamed")
    assert code == 0 and f"renamed from '{JUNK}' to 'Junk, renamed'" in out
    _, out, _ = run(capsys, "list", two)
    assert "Junk, renamed" in out
    with Project.open(two, readonly=True) as p:
        assert p.changes("article", "2")[0]["who"] == "carol"


def test_article_delete_counts_spans_then_reimport_is_reported_and_restore_brings_it_back(
        capsys, two, junk_file):
    code, out, _ = run(capsys, "article", two, "2", "--delete")
    assert code == 0 and "deleted with 1 span(s)" in out and "--restore" in out
    _, out, _ = run(capsys, "article", two, "--deleted")
    assert out.startswith(f"2\t{JUNK}\t1 span(s)\tdeleted ")
    code, out, _ = run(capsys, "import", two, junk_file)
    assert code == 0 and "imported 0 article(s)" in out
    assert "deleted from the project before" in out and f"{junk_file}" in out
    code, out, _ = run(capsys, "article", two, "2", "--restore")
    assert code == 0 and "restored with 1 span(s)" in out
    with Project.open(two, readonly=True) as p:
        assert [s.text for s in p.spans(2)] == ["京东"] and p.check() == []


def test_import_restore_brings_a_deleted_article_back(capsys, two, junk_file):
    run(capsys, "article", two, "2", "--delete")
    code, out, _ = run(capsys, "import", two, junk_file, "--restore")
    assert code == 0 and "1 deleted article(s) restored" in out
    with Project.open(two, readonly=True) as p:
        assert p.article(2).title == JUNK and len(p.spans(2)) == 1


def test_article_without_an_action_or_a_missing_id_is_one_error_line(capsys, two):
    code, _, err = run(capsys, "article", two, "2")
    assert code == 1 and "--title T, --delete, --restore" in one_error_line(err)
    code, _, err = run(capsys, "article", two, "99", "--delete")
    assert code == 1 and "no article with id 99" in one_error_line(err)
    code, _, err = run(capsys, "article", two, "1", "--restore")
    assert code == 1 and "not a deleted article" in one_error_line(err)
