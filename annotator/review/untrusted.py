"""A teammate's project file, opened as untrusted input (GUIDE invariants 5 and 6).

``open_teammate(path)`` never opens the teammate's file in SQLite and never writes it: it copies
the bytes (and the ``-wal`` beside it, if there is one, so the copy is consistent) into a private
folder (``tempfile.mkdtemp``: mode 0700), then works on the copy only; the copy's bytes are hashed
on a thread of their own while it is checked.
Before a byte is copied, the file must be a regular file (not a FIFO, a device or a symlink to
one) whose SQLite header is sound: magic string, page size, and a declared size (page count x
page size) that the file holds and that is within ``max_size`` (default 2 GB); only the declared
size is copied, so bytes appended to a file never reach the temp folder. Private folders are
named ``annotator-merge-*``; those older than a day, left by a merge that was killed, are removed
at the next merge (ours only: the name pattern, a folder owned by this user, the age).

1. the header: application_id must be ours, the schema version ours or one this annotator
   still merges (``MERGEABLE_FROM``: a file from before attributes and relation types, m009,
   is merged as it is; newer: refused, update annotator; older still: open it once in
   annotator to upgrade it);
2. the copy is opened ``mode=ro`` with ``trusted_schema=OFF`` and ``query_only`` (read through a
   memory map: nobody else can write or truncate it);
3. the schema is compared object by object, SQL text included (whitespace-normalized), with a
   freshly created reference project of the file's schema version: no views, no triggers or tables of its own, no ``spans``
   with other columns, no trigger of ours with another body;
4. ``PRAGMA quick_check`` must answer "ok";
5. every row is validated (``validate.py``).

A teammate's file that this process has open for writing is copied through its own connection
(SQLite's backup API) when it is ``project`` itself, and refused otherwise: opening and closing a
second descriptor on a live SQLite file drops the POSIX locks of its connection.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import struct
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.beside import Beside
from annotator.core.sizes import format_size
from annotator.review.errors import UntrustedFile
from annotator.store import connection as cx
from annotator.store.errors import (
    NewerSchema,
    NotAProject,
    ProjectLocked,
    ProjectNotFound,
)
from annotator.store.schema import APPLICATION_ID, EXPECTED_OBJECTS, SCHEMA_VERSION, migrations

if TYPE_CHECKING:
    from annotator.store.project import Project

_CHUNK = 1 << 20
#: What one ``copy_file_range`` call copies at most, and the errors that say it cannot copy
#: between these two files (another file system, an old kernel, a file system without it).
_COPY_CHUNK = 1 << 26
_NOT_IN_KERNEL = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM}
#: The oldest schema version merged without an upgrade: the one before m009 (attributes,
#: relation types). Its files merge as they are: they hold no values and no definitions.
MERGEABLE_FROM = next(i for i, m in enumerate(migrations._migrations)
                      if m.name == "m009_claims_with_structure")
#: The largest teammate file (declared database size plus its -wal) copied by default.
MAX_SIZE = 2 << 30
#: The name of our private copies, and the age after which one is stale (its merge was killed).
COPY_PREFIX = "annotator-merge-"
STALE_SECONDS = 24 * 3600
#: Tables SQLite itself may add (``ANALYZE``, ``PRAGMA optimize``), with their fixed SQL.
_OPTIONAL = {
    "sqlite_stat1": ("table", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    "sqlite_stat4": ("table", "sqlite_stat4",
                     "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
}


@dataclass
class Teammate:
    """A validated private copy of a teammate's file, open read-only. ``close()`` removes it."""

    path: Path  # the teammate's file: never opened in SQLite, never written
    copy: Path  # the private copy that every query reads
    #: the sha256 of the bytes copied (the file, then its -wal when one was copied), hashed
    #: from the copy on a thread of its own while the copy is checked (``sha256``)
    hashing: Beside[str]
    wal_copied: bool
    conn: sqlite3.Connection
    title: str = ""
    notes: list[str] = field(default_factory=list)
    #: its schema version: SCHEMA_VERSION, or older down to MERGEABLE_FROM (a file from before
    #: m009 has no attribute, value or relation-type table: ``has_scheme_tables``)
    version: int = SCHEMA_VERSION
    #: (label, name, stored value, first span id) of each distinct span value, as validation
    #: read them (``SchemeReport.value_groups``): the merge checks them against the merged
    #: scheme without reading every value again
    span_value_groups: list[tuple[str, str, Any, str]] | None = None

    @property
    def sha256(self) -> str:
        """The sha256 of the bytes copied (waits for the hashing thread)."""
        return self.hashing.wait()

    @property
    def has_scheme_tables(self) -> bool:
        return self.version > MERGEABLE_FROM

    @property
    def uri(self) -> str:
        """A read-only URI of the copy (for ``ATTACH``)."""
        return f"file:{urllib.parse.quote(str(self.copy))}?mode=ro"

    def close(self) -> None:
        self.conn.close()
        self.hashing.join()
        shutil.rmtree(self.copy.parent, ignore_errors=True)

    def __enter__(self) -> Teammate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def refuse(path: Path, reason: str) -> UntrustedFile:
    """The error for a file that failed a check: one line, at most ~400 characters."""
    reason = " ".join(reason.split())
    if len(reason) > 400:
        reason = reason[:400] + "..."
    return UntrustedFile(f"{path}: refused, {reason}; nothing was merged")


def open_teammate(path: str | os.PathLike[str], *, project: Project | None = None,
                  max_size: int = MAX_SIZE) -> Teammate:
    """Copy, check and open a teammate's file; raises a ProjectError subclass when refused."""
    from annotator.review.validate import validate

    src = Path(path).expanduser()
    if not src.exists():
        raise ProjectNotFound(f"no file at {src}")
    if src.is_dir():
        raise NotAProject(f"{src} is a folder, not a project file")
    remove_stale_copies()
    folder = Path(tempfile.mkdtemp(prefix=COPY_PREFIX))
    copy = folder / "teammate.db"
    conn: sqlite3.Connection | None = None
    hashing: Beside[str] | None = None
    try:
        wal_copied = _copy(src, copy, project, max_size)
        # the bytes are hashed from the copy beside the checks (hashlib lets the GIL go, and
        # so does SQLite): on two CPUs the hash costs the user nothing
        hashing = Beside("hash the copy", _hash_files,
                         [copy, Path(f"{copy}-wal")] if wal_copied else [copy])
        version = _check_header(src, copy)
        conn = _connect(copy)
        teammate = Teammate(src, copy, hashing, wal_copied, conn, version=version)
        if wal_copied:
            teammate.notes.append(f"{src.name}-wal was copied with it (the file was not a "
                                  "snapshot: share files made with `annotator snapshot`)")
        try:
            _check_schema(src, conn, version)
            _quick_check(src, conn)
            teammate.title = validate(teammate, _has_article(project))
        except sqlite3.DatabaseError as exc:
            raise refuse(src, f"the file is damaged ({exc})") from exc
        except UnicodeDecodeError as exc:
            raise refuse(src, f"it holds text that is not valid UTF-8 ({exc.reason})") from exc
        return teammate
    except BaseException:
        if conn is not None:
            conn.close()
        if hashing is not None:
            hashing.join()
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _has_article(project: Project | None) -> Callable[[list[str]], set[str]] | None:
    """Which of some sha256s ``project`` has an article with, in one query (None without a
    project)."""
    if project is None:
        return None
    conn = project.conn
    return lambda shas: {row[0] for row in conn.execute(
        "SELECT sha256 FROM main.articles WHERE sha256 IN (SELECT value FROM json_each(?))",
        (json.dumps(shas),))}


def remove_stale_copies(folder: str | os.PathLike[str] | None = None,
                        max_age: float = STALE_SECONDS) -> list[Path]:
    """Remove our private copies older than ``max_age`` seconds (a merge killed before its
    cleanup): folders named ``annotator-merge-*`` in the temp folder, owned by this user, not
    symlinks. Nothing else is touched. Returns what was removed."""
    root = Path(folder if folder is not None else tempfile.gettempdir())
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(root))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(COPY_PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
                and now - info.st_mtime > max_age):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


# ------------------------------------------------------------------------------- steps
def _copy(src: Path, dst: Path, project: Project | None, max_size: int) -> bool:
    """Copy ``src`` (and its -wal) to ``dst``; return whether a -wal was copied."""
    if project is not None and _same_file(src, project.path):
        out = sqlite3.connect(dst)
        try:
            project.conn.backup(out)
        finally:
            out.close()
        return False
    if cx.held_for_writing(src):
        raise ProjectLocked(f"{src} is open for writing in this window; close it first, or "
                            "merge a snapshot of it (annotator snapshot)")
    journal = Path(f"{src}-journal")
    if journal.exists() and journal.stat().st_size > 0:
        raise refuse(src, f"a write to it was interrupted ({journal.name} exists): open it in "
                          "annotator once, or share a snapshot instead")
    wal = Path(f"{src}-wal")
    fd = _open_regular(src)
    wal_fd = None
    try:
        wal_fd = _open_regular(wal) if os.path.lexists(wal) else None
        size = _declared_size(src, fd)
        wal_size = os.fstat(wal_fd).st_size if wal_fd is not None else 0
        if size + wal_size > max_size:
            raise refuse(src, f"it is {format_size(size + wal_size)}, over the "
                              f"{format_size(max_size)} limit for a teammate's file "
                              "(annotator merge --max-size raises it)")
        _copy_bytes(src, fd, size, dst)
        if wal_fd is not None and wal_size:
            _copy_bytes(wal, wal_fd, wal_size, Path(f"{dst}-wal"))
    finally:
        os.close(fd)
        if wal_fd is not None:
            os.close(wal_fd)
    return wal_size > 0


def _open_regular(path: Path) -> int:
    """A read descriptor of ``path``, refused unless it is a regular file. ``O_NONBLOCK``: a
    FIFO opens at once (and is then refused) instead of waiting for a writer forever."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise refuse(path, f"it cannot be read ({exc.strerror})") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode)
                or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "special")
        raise refuse(path, f"it is {kind}, not a regular file")
    return fd


def _declared_size(src: Path, fd: int) -> int:
    """The database size its SQLite header declares (page count x page size), refused when the
    header is not SQLite's, the page size is impossible or the file is shorter than declared."""
    header = os.pread(fd, 100, 0)
    if len(header) < 100 or not header.startswith(cx.SQLITE_MAGIC):
        raise NotAProject(f"{src} is not an annotator project (not a SQLite database, or "
                          "truncated before its header); nothing was merged")
    page_size, = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    page_count, = struct.unpack(">I", header[28:32])
    counter, valid_for = header[24:28], header[92:96]
    if page_size < 512 or page_size & (page_size - 1):
        raise NotAProject(f"{src} is not an annotator project (its SQLite header is damaged: "
                          f"page size {page_size}); nothing was merged")
    if page_count == 0 or counter != valid_for:
        raise NotAProject(f"{src} is not an annotator project (its SQLite header does not "
                          "declare the database size: damaged, or written by a SQLite older "
                          "than 3.7.0); nothing was merged")
    size = page_count * page_size
    actual = os.fstat(fd).st_size
    if actual < size:
        raise refuse(src, f"it is truncated: its header declares {page_count} pages of "
                          f"{page_size} bytes ({format_size(size)}), the file has "
                          f"{format_size(actual)}")
    return size


def _copy_bytes(src: Path, fd: int, size: int, dst: Path) -> None:
    """Copy the first ``size`` bytes of ``fd`` to ``dst`` (a new file): inside the kernel where
    it can (``copy_file_range``: no pass through Python, a quarter of the time of reading and
    writing the bytes here), else read and written here."""
    try:
        with open(dst, "xb") as fout:
            out, offset = fout.fileno(), 0
            in_kernel = hasattr(os, "copy_file_range")
            while offset < size:
                count = min(_COPY_CHUNK, size - offset)
                if in_kernel:
                    try:
                        done = os.copy_file_range(fd, out, count, offset, offset)
                    except OSError as exc:
                        if exc.errno not in _NOT_IN_KERNEL:
                            raise
                        in_kernel = False  # not between these two: the same, by hand
                        continue
                else:
                    done = os.pwrite(out, os.pread(fd, count, offset), offset)
                if not done:
                    raise refuse(src, f"it shrank while being copied (at {offset} bytes)")
                offset += done
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise UntrustedFile(f"{src}: no space left in {dst.parent} for its private copy "
                                f"({format_size(size)}); nothing was merged") from exc
        raise


def _hash_files(paths: list[Path]) -> str:
    """The sha256 of the files' bytes, one after the other."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_header(src: Path, copy: Path) -> int:
    """The file's schema version, once it is one this annotator merges."""
    try:
        app_id, version = cx.read_header(copy)
    except NotAProject:
        raise NotAProject(f"{src} is not an annotator project (not a SQLite database, or "
                          "truncated before its header); nothing was merged") from None
    if app_id != APPLICATION_ID:
        raise NotAProject(f"{src} is a SQLite file but not an annotator project "
                          f"(application_id {app_id:#x}); nothing was merged")
    if version > SCHEMA_VERSION:
        raise NewerSchema(f"{src} was written by a newer annotator (schema {version}, this one "
                          f"reads up to {SCHEMA_VERSION}); update annotator to merge it")
    if version < MERGEABLE_FROM:
        raise NotAProject(f"{src} was written by an older annotator (schema {version}); open "
                          "it once with this annotator to upgrade it, then merge")
    return version


def _connect(copy: Path, *, any_thread: bool = False) -> sqlite3.Connection:
    uri = f"file:{urllib.parse.quote(str(copy))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=not any_thread)
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA query_only=ON")
    conn.execute("PRAGMA cell_size_check=ON")
    # read through a memory map: quick_check and the row checks read every page once, and
    # halve their time without a read() per page. Safe here: the copy is ours alone (a private
    # folder), never written nor truncated while open.
    conn.execute(f"PRAGMA mmap_size={MAX_SIZE}")
    return conn


def _normalized(sql: str | None) -> str | None:
    return None if sql is None else " ".join(sql.split())


def schema_objects(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str | None]]:
    """name -> (type, table, whitespace-normalized SQL) of every schema object."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema")
    return {name: (type_, table, _normalized(sql)) for type_, name, table, sql in rows}


@functools.cache
def reference_schema(version: int = SCHEMA_VERSION) -> dict[str, tuple[str, str, str | None]]:
    """The schema objects of a project freshly created by this annotator (its first
    ``version`` migrations), run in memory (``Project.create`` runs the same ones; a file cost
    0.15 s, fsyncs included)."""
    from sqlite_utils import Database

    from annotator.store.schema import migrations

    later = [m.name for m in migrations._migrations[version:]]
    conn = sqlite3.connect(":memory:")
    try:
        migrations.apply(Database(conn, execute_plugins=False), stop_before=later or None)
        objects = schema_objects(conn)
    finally:
        conn.close()
    named = {(type_, name) for name, (type_, _, _) in objects.items()
             if not name.startswith("sqlite_autoindex_")}
    assert version != SCHEMA_VERSION or named == set(EXPECTED_OBJECTS), \
        "schema.EXPECTED_OBJECTS is out of date"
    return objects


def _check_schema(src: Path, conn: sqlite3.Connection, version: int = SCHEMA_VERSION) -> None:
    encoding = conn.execute("PRAGMA encoding").fetchone()[0]
    if encoding != "UTF-8":
        raise refuse(src, f"its text encoding is {encoding}, not UTF-8")
    theirs = schema_objects(conn)
    ours = reference_schema(version)
    problems: list[str] = []
    for name, (type_, table, sql) in sorted(theirs.items()):
        if name in _OPTIONAL and (type_, name, sql) == _OPTIONAL[name]:
            continue
        expected = ours.get(name)
        if expected is None:
            problems.append(f"unexpected {type_} '{name}'" + (f" on '{table}'" if table != name
                                                              else ""))
        elif expected[0] != type_:
            problems.append(f"'{name}' is a {type_}, not a {expected[0]}")
        elif expected != (type_, table, sql):
            problems.append(f"the {type_} '{name}' is defined differently from ours")
    problems += [f"the {ours[name][0]} '{name}' is missing" for name in sorted(ours)
                 if name not in theirs]
    if problems:
        shown = "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)"
                                           if len(problems) > 5 else "")
        raise refuse(src, f"its schema is not an annotator project's: {shown}")


def _quick_check(src: Path, conn: sqlite3.Connection) -> None:
    result = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if result != ["ok"]:
        raise refuse(src, f"the file is damaged (quick_check: {'; '.join(result[:3])})")
