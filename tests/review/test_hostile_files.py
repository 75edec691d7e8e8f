"""Hostile teammate files beyond the schema (issue 8, item 5): files that hang, exhaust the temp
folder or carry megabyte fields are refused before or while copying, naming the file."""

from __future__ import annotations

import errno
import os
import shutil
import struct
import tempfile
import threading
import time
from pathlib import Path

import pytest

from annotator import cli
from annotator.review import UntrustedFile, merge
from annotator.review import untrusted as U
from annotator.store import NotAProject, Project
from tests.review.helpers import assert_refused, bad_copy, file_hash, full_dump, normalized

GB = 1 << 30


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp folder private copies go to (empty at the start of the test)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of bytes each call of the copy step copied."""
    sizes: list[int] = []
    real = U._copy_bytes

    def spy(src, fd, size, dst):
        sizes.append(size)
        real(src, fd, size, dst)

    monkeypatch.setattr(U, "_copy_bytes", spy)
    return sizes


def _patched_header(src: Path, dst: Path, offset: int, fmt: str, value: int) -> Path:
    data = bytearray(src.read_bytes())
    data[offset:offset + struct.calcsize(fmt)] = struct.pack(fmt, value)
    dst.write_bytes(bytes(data))
    return dst


def _refused_untouched(ours: Path, bad: Path, error: type[Exception], match: str) -> None:
    """Like ``assert_refused`` for files too large to hash in a test: the bad file's size and
    modification time stay the same."""
    before = full_dump(ours)
    stat = bad.stat()
    with Project.open(ours) as project, pytest.raises(error, match=match):
        merge(project, bad, "ann")
    assert full_dump(ours) == before
    assert (bad.stat().st_size, bad.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)


def _page_count(path: Path) -> int:
    return struct.unpack(">I", path.read_bytes()[28:32])[0]


# ------------------------------------------------------------------------------- not files
def test_merging_a_fifo_is_refused_at_once_instead_of_hanging(ours, tmp_path, temp_folder):
    fifo = tmp_path / "bob.db"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            with Project.open(ours) as project:
                merge(project, fifo, "ann")
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=120)  # a guard against a hang, not a speed limit
    assert not worker.is_alive(), "merge of a FIFO hangs"
    assert isinstance(outcome[0], UntrustedFile)
    assert "is a FIFO, not a regular file" in str(outcome[0]) and str(fifo) in str(outcome[0])
    assert list(temp_folder.iterdir()) == []


def test_a_symlink_to_dev_zero_is_refused_without_filling_the_temp_folder(
        ours, tmp_path, temp_folder, copies):
    link = tmp_path / "zero.db"
    link.symlink_to("/dev/zero")
    before = full_dump(ours)
    with Project.open(ours) as project, \
            pytest.raises(UntrustedFile, match="zero.db: refused, it is a device, not a regular"):
        merge(project, link, "ann")
    assert full_dump(ours) == before
    assert copies == [] and list(temp_folder.iterdir()) == []


def test_a_wal_that_is_a_fifo_is_refused(ours, theirs, temp_folder):
    os.mkfifo(f"{theirs}-wal")
    with Project.open(ours) as project, pytest.raises(UntrustedFile, match="theirs.db-wal.*FIFO"):
        merge(project, theirs, "ann")
    assert list(temp_folder.iterdir()) == []


# ------------------------------------------------------------------------------- sizes
def test_a_3_gb_sparse_file_without_a_header_is_refused_before_anything_is_copied(
        ours, tmp_path, temp_folder, copies):
    sparse = tmp_path / "sparse.db"
    with open(sparse, "wb") as fh:
        fh.truncate(3 * GB)
    _refused_untouched(ours, sparse, NotAProject, "not a SQLite database")
    assert copies == [] and list(temp_folder.iterdir()) == []


def test_a_file_declaring_3_gb_is_refused_by_the_size_cap_before_copying(
        ours, theirs, tmp_path, temp_folder, copies):
    page_size = struct.unpack(">H", theirs.read_bytes()[16:18])[0]
    big = _patched_header(theirs, tmp_path / "big.db", 28, ">I", 3 * GB // page_size)
    with open(big, "r+b") as fh:
        fh.truncate(3 * GB)  # sparse: the file really is as large as it says
    _refused_untouched(ours, big, UntrustedFile, r"3 GB, over the 2 GB limit.*--max-size")
    assert copies == [] and list(temp_folder.iterdir()) == []


def test_bytes_appended_to_a_project_are_not_copied(ours, theirs, tmp_path, copies):
    declared = _page_count(theirs) * struct.unpack(">H", theirs.read_bytes()[16:18])[0]
    assert declared == theirs.stat().st_size
    original = file_hash(theirs)
    padded = tmp_path / "padded.db"
    padded.write_bytes(theirs.read_bytes())
    with open(padded, "r+b") as fh:
        fh.truncate(3 * GB)
    with Project.open(ours) as project:
        report = merge(project, padded, "ann")
    assert copies == [declared]
    assert report.source_sha256 == original and report.spans_added == 4


def test_a_file_shorter_than_its_header_declares_is_refused_as_truncated(ours, theirs,
                                                                         tmp_path, copies):
    short = _patched_header(theirs, tmp_path / "short.db", 28, ">I", _page_count(theirs) + 10)
    assert_refused(ours, short, UntrustedFile, "it is truncated: its header declares")
    assert copies == []


@pytest.mark.parametrize("page_size", [0, 1000, 256])
def test_an_impossible_page_size_is_refused(ours, theirs, tmp_path, page_size):
    bad = _patched_header(theirs, tmp_path / "pages.db", 16, ">H", page_size)
    assert_refused(ours, bad, NotAProject, f"page size {page_size}")


def test_a_header_that_does_not_declare_its_size_is_refused(ours, theirs, tmp_path):
    bad = _patched_header(theirs, tmp_path / "legacy.db", 92, ">I",
                          struct.unpack(">I", theirs.read_bytes()[24:28])[0] + 1)
    assert_refused(ours, bad, NotAProject, "does not declare the database size")


def test_max_size_option_refuses_a_larger_file_and_allows_a_raised_limit(ours, theirs, capsys):
    before = full_dump(ours)
    assert cli.main(["merge", str(ours), str(theirs), "--max-size", "4K"]) == 1
    err = capsys.readouterr().err
    assert "over the 4 KB limit" in err and str(theirs) in err and len(err.splitlines()) == 1
    assert full_dump(ours) == before
    assert cli.main(["merge", str(ours), str(theirs), "--max-size", "10M"]) == 0
    assert "added 1 article(s), 4 span(s)" in capsys.readouterr().out


def test_max_size_that_is_not_a_size_is_a_usage_error(ours, theirs, capsys):
    assert cli.main(["merge", str(ours), str(theirs), "--max-size", "lots"]) == 2
    assert "'lots' is not a size" in capsys.readouterr().err


def _no_kernel_copy(*args: object) -> int:
    raise OSError(errno.EXDEV, "Invalid cross-device link")


def _disk_full(*args: object) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("by_hand", [False, True], ids=["in the kernel", "by hand"])
def test_no_space_left_names_the_temp_folder_and_leaves_nothing(ours, theirs, temp_folder,
                                                                monkeypatch, by_hand):
    if by_hand:  # the kernel cannot copy between the two: the bytes go through here
        monkeypatch.setattr(os, "copy_file_range", _no_kernel_copy, raising=False)
        monkeypatch.setattr(os, "pwrite", _disk_full)
    else:
        monkeypatch.setattr(os, "copy_file_range", _disk_full, raising=False)
    before = full_dump(ours)
    with Project.open(ours) as project, \
            pytest.raises(UntrustedFile, match="no space left in .*tmp.*annotator-merge-"):
        merge(project, theirs, "ann")
    assert full_dump(ours) == before and list(temp_folder.iterdir()) == []


def test_a_file_the_kernel_cannot_copy_is_copied_by_hand_with_the_same_hash(
        ours, theirs, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    shutil.copyfile(ours, other)
    with Project.open(ours) as project:
        in_kernel = merge(project, theirs, "ann")
    monkeypatch.setattr(os, "copy_file_range", _no_kernel_copy, raising=False)
    with Project.open(other) as project:
        by_hand = merge(project, theirs, "ann")
    assert by_hand.source_sha256 == in_kernel.source_sha256 == file_hash(theirs)
    assert normalized(other) == normalized(ours)


# ------------------------------------------------------------------------------- stale copies
def test_stale_copies_of_a_killed_merge_are_removed_at_the_next_merge_and_nothing_else(
        ours, theirs, tmp_path, temp_folder):
    day_old = time.time() - 2 * 24 * 3600

    def made(name: str, *, old: bool, folder: bool = True) -> Path:
        path = temp_folder / name
        if folder:
            path.mkdir()
            (path / "teammate.db").write_bytes(b"x" * 100)
        else:
            path.write_bytes(b"x")
        if old:
            os.utime(path, (day_old, day_old))
        return path

    stale = made("annotator-merge-killed", old=True)
    running = made("annotator-merge-running", old=False)  # another merge, still at work
    other = made("someone-elses-folder", old=True)
    plain = made("annotator-merge-a-file", old=True, folder=False)
    target = made("keep-me", old=True)
    link = temp_folder / "annotator-merge-link"
    link.symlink_to(target)
    os.utime(link, (day_old, day_old), follow_symlinks=False)
    with Project.open(ours) as project:
        merge(project, theirs, "ann")
    assert not stale.exists()
    assert running.is_dir() and other.is_dir() and plain.is_file()
    assert link.is_symlink() and (target / "teammate.db").exists()
    assert {p.name for p in temp_folder.iterdir()} == {
        running.name, other.name, plain.name, target.name, link.name}


def test_a_merge_leaves_no_private_copy_behind(ours, theirs, temp_folder):
    with Project.open(ours) as project:
        merge(project, theirs, "ann")
    assert list(temp_folder.iterdir()) == []


# ------------------------------------------------------------------------------- field caps
def test_a_5_mb_label_name_is_refused_naming_the_label(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "label.db",
                   "INSERT INTO labels(name, color, description, position) "
                   "VALUES ('huge' || zeroblob(0) || printf('%.*c', 5000000, 'x'), '#123456', "
                   "'', 9)")
    assert_refused(ours, bad, UntrustedFile,
                   r"label name 'hugexxx.*'\.\.\. is 5000004 characters long \(at most 64\)")


def test_a_200_kb_note_is_refused_naming_the_span(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "note.db",
                   "UPDATE spans SET note = printf('%.*c', 200000, 'n') WHERE id = 's-bo-2'")
    assert_refused(ours, bad, UntrustedFile, r"span 's-bo-2'.*note is longer than 64 KB")


def test_a_note_of_64_kb_is_accepted(ours, theirs, tmp_path):
    ok = bad_copy(theirs, tmp_path, "note-ok.db",
                  "UPDATE spans SET note = printf('%.*c', 65536, 'n') WHERE id = 's-bo-2'")
    with Project.open(ours) as project:
        assert merge(project, ok, "ann").spans_added == 4


def test_a_note_over_64_kb_in_utf8_but_not_in_characters_is_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "note-zh.db",  # 30,000 characters, 90,000 bytes
                   "UPDATE spans SET note = replace(printf('%.*c', 30000, 'n'), 'n', '注') "
                   "WHERE id = 's-bo-2'")
    assert_refused(ours, bad, UntrustedFile, r"span 's-bo-2'.*note is longer")


def test_a_2_kb_title_is_refused_naming_the_article(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "title.db",
                   "UPDATE articles SET title = printf('%.*c', 2000, 't') WHERE title = 'county'")
    assert_refused(ours, bad, UntrustedFile, r"article \d+ \('ttt.*title is longer than 1 KB")


def test_a_2_kb_project_title_is_refused(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "ptitle.db",
                   "UPDATE meta SET value = printf('%.*c', 2000, 't') WHERE key = 'title'")
    assert_refused(ours, bad, UntrustedFile, r"meta 'title' is longer than 1 KB")


def test_an_article_text_over_the_cap_is_refused(ours, theirs, tmp_path, monkeypatch):
    from annotator.review import validate

    monkeypatch.setattr(validate, "MAX_TEXT", 40)  # 200 MB in production: the rule, not the size
    assert_refused(ours, theirs, UntrustedFile, r"article \d+ \('county'\).*text longer than")


def test_field_caps_are_the_documented_ones():
    from annotator.core.names import MAX_NAME
    from annotator.review import validate

    assert (MAX_NAME, validate.MAX_NOTE, validate.MAX_TITLE, validate.MAX_TEXT) == (
        64, 64 * 1024, 1024, 200 * 1024 * 1024)
    assert U.MAX_SIZE == 2 * GB
