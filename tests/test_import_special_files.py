"""Issue 8, item 3: special files in imported folders. Only regular files are read (after
resolving links); pipes, devices, sockets, link loops and broken links are never opened and are
named with the reason; each article's text is under a size cap (per article, not per file)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.sizes import parse_size
from annotator.formats_cli import import_format
from annotator.importing import ImportReport, ReadError, import_paths
from annotator.importing.source import read_regular
from annotator.store import ImportFailed, Project

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "阿里今年的小目标是新增至少1亿用户。\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def imp(project: Project, *paths: Path, **kw) -> ImportReport:
    return import_paths(project, list(paths), "tester", **kw)


def folder_with_one_article(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@needs_fifo
def test_fifo_named_txt_in_a_folder_is_skipped_and_named_not_waited_for(tmp_path: Path):
    # a real process, so that a read that blocks fails the test (timeout) instead of hanging it
    folder = folder_with_one_article(tmp_path)
    os.mkfifo(folder / "x.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANNOTATOR_PROJECTS": str(tmp_path)}
    cli = [sys.executable, "-m", "annotator"]
    subprocess.run([*cli, "new", "p"], env=env, check=True, capture_output=True, timeout=60)
    done = subprocess.run([*cli, "import", "p", str(folder), "--annotator", "t"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported 1 article(s), 1 file(s) not read (not regular files)")
    assert "not read (not regular files):\n" in done.stdout
    assert f"{folder / 'x.txt'}: not a regular file (a named pipe)" in done.stdout
    assert "Traceback" not in done.stderr


def test_symlink_to_dev_zero_is_skipped_not_read(project: Project, tmp_path: Path):
    folder = folder_with_one_article(tmp_path)
    (folder / "zero.txt").symlink_to("/dev/zero")
    report = imp(project, folder)
    assert report.added == 1
    assert report.unread == [f"{folder / 'zero.txt'}: not a regular file (a character device)"]


def test_symlink_loop_is_named_not_a_traceback(project: Project, tmp_path: Path):
    folder = folder_with_one_article(tmp_path)
    (folder / "b.txt").symlink_to(folder / "c.txt")
    (folder / "c.txt").symlink_to(folder / "b.txt")
    report = imp(project, folder)
    assert report.added == 1
    assert report.unread == [f"{folder / 'b.txt'}: a symbolic link loop, not a regular file",
                              f"{folder / 'c.txt'}: a symbolic link loop, not a regular file"]


def test_broken_link_is_named_with_its_target(project: Project, tmp_path: Path):
    folder = folder_with_one_article(tmp_path)
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    report = imp(project, folder)
    assert report.added == 1
    assert report.unread == [
        f"{folder / 'gone.txt'}: a broken symbolic link (to {tmp_path / 'deleted.txt'})"]


def test_link_to_a_regular_file_is_still_imported(project: Project, tmp_path: Path):
    folder = folder_with_one_article(tmp_path)
    (tmp_path / "outside.txt").write_text("Outside the folder, linked in.\n", encoding="utf-8")
    (folder / "linked.txt").symlink_to(tmp_path / "outside.txt")
    assert imp(project, folder).added == 2


@needs_fifo
def test_a_pipe_given_alone_is_refused_before_the_import_starts(project: Project,
                                                                  tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(ReadError, match=r"pipe\.txt: not a regular file \(a named pipe\); "
                                        r"nothing to import$"):
        imp(project, tmp_path / "pipe.txt")
    assert project.articles() == []


@needs_fifo
def test_a_pipe_swapped_in_after_the_folder_walk_is_refused_without_blocking(tmp_path: Path):
    os.mkfifo(tmp_path / "late.txt")  # no writer: a blocking open or read would never return
    with pytest.raises(ReadError, match=r"late\.txt: not a regular file \(a named pipe\)$"):
        read_regular(tmp_path / "late.txt", str(tmp_path / "late.txt"))


def test_dataset_format_folder_skips_special_files_too(project: Project, tmp_path: Path):
    folder = tmp_path / "doccano"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "阿里巴巴", "label": [[0, 2, "company"]]}\n',
                                    encoding="utf-8")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    report = import_format(project, "doccano", [folder], "tester", create_labels=True)
    assert report.added == 1
    assert report.unread == [f"{folder / 'zero.jsonl'}: not a regular file (a character "
                              "device)"]


# ------------------------------------------------------------------ the size cap
def test_txt_over_the_cap_aborts_unread_and_says_how_to_raise_it(project: Project,
                                                                   tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text("x" * 3000, encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"big\.txt: 2\.9 KB is over the 2 KB size cap for one "
                                           r"article \(raise it with --max-size\); nothing was "
                                           r"imported$"):
        imp(project, big, max_size=2048)
    assert project.articles() == []


def test_txt_over_the_cap_with_skip_bad_is_skipped_and_named(project: Project, tmp_path: Path):
    folder = folder_with_one_article(tmp_path)
    (folder / "big.txt").write_text("x" * 3000, encoding="utf-8")
    report = imp(project, folder, max_size=2048, skip_bad=True)
    assert report.added == 1
    assert report.skipped == [f"{folder / 'big.txt'}: 2.9 KB is over the 2 KB size cap for one "
                              "article (raise it with --max-size) (file skipped)"]


def test_cap_is_per_article_not_per_jsonl_file(project: Project, tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(f'{{"text": "第{i}篇 {"新闻" * 300}"}}\n' for i in range(40)),
                    encoding="utf-8")
    assert dump.stat().st_size > 4 * 2048  # the file is far over the cap, no article is
    assert imp(project, dump, max_size=2048).added == 40


def test_one_jsonl_record_over_the_cap_is_named_by_its_line(project: Project, tmp_path: Path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"text": "short"}\n' + '{"text": "%s"}\n' % ("长" * 1000), encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"dump\.jsonl:2: 2\.9 KB is over the 2 KB size cap"):
        imp(project, dump, max_size=2048)
    assert project.articles() == []
    report = imp(project, dump, max_size=2048, skip_bad=True)
    assert report.added == 1 and report.skipped[0].startswith(f"{dump}:2: 2.9 KB is over")


def test_cli_max_size_option(capsys, project_path: Path, tmp_path: Path):
    from annotator.cli import main

    assert main(["new", str(project_path)]) == 0
    (tmp_path / "big.txt").write_text("x" * 3000, encoding="utf-8")
    assert main(["import", str(project_path), str(tmp_path / "big.txt"), "--max-size", "2K",
                 "--annotator", "t"]) == 1
    assert "over the 2 KB size cap" in capsys.readouterr().err
    assert main(["import", str(project_path), str(tmp_path / "big.txt"), "--max-size", "500M",
                 "--annotator", "t"]) == 0
    assert capsys.readouterr().out.startswith("imported 1 article(s)")
    assert main(["import", str(project_path), str(tmp_path), "--max-size", "lots"]) == 2
    assert "'lots' is not a size" in capsys.readouterr().err
    assert parse_size("500M") == 500 * 2**20
