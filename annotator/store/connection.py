"""Opening, creating, locking and snapshotting project files.

Rules (GUIDE invariants 4-6): an existing file is opened with ``mode=rw`` so a typo never becomes an
empty project; the header is read before SQLite touches the file, so a foreign or newer file is
refused untouched; a writable project holds an exclusive ``flock`` for as long as it is open, which
the kernel releases when the process dies (no stale lock after a crash).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import struct
import sys
import urllib.parse
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from annotator.store.errors import (
    CorruptProject,
    NewerSchema,
    NotAProject,
    ProjectError,
    ProjectExists,
    ProjectFileLost,
    ProjectLocked,
    ProjectNotFound,
    ReadOnlyProject,
)
from annotator.store.schema import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def projects_home() -> Path:
    """Where bare project names live: $ANNOTATOR_PROJECTS, else ./projects."""
    return Path(os.environ.get("ANNOTATOR_PROJECTS") or "projects")


def resolve_path(name_or_path: str | os.PathLike[str]) -> Path:
    """A bare NAME means projects/NAME.db; anything with a slash or ending in .db is a path."""
    text = os.fspath(name_or_path)
    if "/" in text or os.sep in text or text.endswith(".db"):
        return Path(text).expanduser()
    return projects_home() / f"{text}.db"


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) from the file header, without opening it in SQLite."""
    held = _held_here(path)
    try:
        if held is not None:  # never open (and close) a second descriptor: see FileLock
            header = os.pread(held, 100, 0)
        else:
            with open(path, "rb") as fh:
                header = fh.read(100)
    except IsADirectoryError:
        raise NotAProject(f"{path} is a folder, not a project file") from None
    except OSError as exc:
        raise ProjectNotFound(f"{path}: cannot read ({exc.strerror})") from exc
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotAProject(f"{path} is not an annotator project (not a SQLite database)")
    user_version, = struct.unpack(">I", header[60:64])
    app_id, = struct.unpack(">I", header[68:72])
    return app_id, user_version


def check_header(path: Path) -> int:
    """Refuse files that are not ours or come from a newer annotator; return the schema version."""
    if not path.exists():
        raise ProjectNotFound(
            f"no project at {path} (create one with: annotator new {path})"
        )
    app_id, version = read_header(path)
    if app_id != APPLICATION_ID:
        raise NotAProject(
            f"{path} is a SQLite file but not an annotator project (application_id {app_id:#x})"
        )
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"{path} was written by a newer annotator (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); update annotator to open it"
        )
    return version


def _uri(path: Path, mode: str, immutable: bool = False) -> str:
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode={mode}"
    return uri + "&immutable=1" if immutable else uri


def _wal_pending(path: Path) -> bool:
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


def read_only_folder(path: Path) -> Path | None:
    """The folder holding ``path`` when this process cannot create files in it, else None."""
    folder = path.resolve().parent
    return None if os.access(folder, os.W_OK) else folder


def refuse_unwritable(path: Path) -> None:
    """A write needs the folder (SQLite's journal files) and the file: name whichever is not."""
    folder = read_only_folder(path)
    if folder is not None:
        raise ReadOnlyProject(
            f"the folder {folder} is read-only, so {path} cannot be changed; nothing was "
            "changed (reading commands still work; copy the project to a writable folder to edit)")
    if not os.access(path, os.W_OK):
        raise ReadOnlyProject(f"{path} is a read-only file; nothing was changed")


def connect(path: Path, *, mode: str) -> sqlite3.Connection:
    """Open ``path``. Reading from a read-only folder (where SQLite could not create the WAL's
    ``-shm`` file) uses ``immutable=1`` when no WAL is pending, so nothing is created there."""
    immutable = False
    if mode == "ro" and read_only_folder(path) is not None:
        if _wal_pending(path):
            raise ReadOnlyProject(
                f"the folder {path.resolve().parent} is read-only and {path} has changes still in "
                f"its journal ({path.name}-wal); copy the folder somewhere writable and read the "
                "copy there")
        immutable = True
    conn = sqlite3.connect(_uri(path, mode, immutable), uri=True,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA foreign_keys=ON")
        if mode == "ro":
            conn.execute("PRAGMA query_only=ON")
        else:
            conn.execute("PRAGMA journal_mode=WAL")  # a damaged file fails here
            conn.execute("PRAGMA synchronous=FULL")
    except BaseException:
        conn.close()
        raise
    return conn


#: Descriptors of the project files this process holds open for writing, by (device, inode).
_HELD: dict[tuple[int, int], int] = {}


def file_key(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def lost_reason(path: Path, key: tuple[int, int]) -> str | None:
    """Why ``path`` no longer names the open file whose (device, inode) is ``key``, or None.

    One ``os.stat`` by path (never an open: see FileLock), so it is cheap enough for every write.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "was deleted or moved away"
    except OSError as exc:
        return f"can no longer be reached ({exc.strerror})"
    if (st.st_dev, st.st_ino) != key:
        return "was replaced by another file"
    if st.st_size == 0:
        return "was emptied"
    return None


JOURNAL_SUFFIXES = ("-wal", "-shm")


def journal_keys(path: Path) -> dict[str, tuple[int, int] | None]:
    """(device, inode) of the WAL files next to ``path`` (they exist once a connection reads)."""
    return {suffix: file_key(Path(f"{path}{suffix}")) for suffix in JOURNAL_SUFFIXES}


def drop_journal(path: Path, keys: dict[str, tuple[int, int] | None]) -> None:
    """Unlink the WAL files we opened next to a file that is gone or replaced, so no program
    opening whatever now sits at ``path`` replays our journal into it. Our connection keeps
    reading them through its descriptors; a file that is not ours (other inode) is left alone."""
    for suffix, key in keys.items():
        name = Path(f"{path}{suffix}")
        if key is not None and file_key(name) == key:
            with contextlib.suppress(OSError):
                name.unlink()


#: Project files this process closed for a moment (the window hands its project to a worker
#: thread for an import or merge) and must find again at the same path, by resolved path.
_EXPECTED: dict[str, tuple[int, int]] = {}


def expect_same_file(path: Path, key: tuple[int, int] | None) -> None:
    """Until called again with None, opening ``path`` for writing in this process is refused
    (ProjectFileLost) unless it is still the file whose (device, inode) is ``key``."""
    if key is None:
        _EXPECTED.pop(str(path.resolve()), None)
    else:
        _EXPECTED[str(path.resolve())] = key


def refuse_unexpected(path: Path, key: tuple[int, int] | None) -> None:
    expected = _EXPECTED.get(str(path.resolve()))
    if expected is not None and key is not None and key != expected:
        raise ProjectFileLost(
            f"{path} was replaced by another file while annotator had it closed for an import "
            "or merge, so nothing was written to it; open the file you mean to work in")


def _held_here(path: Path) -> int | None:
    """The lock descriptor of ``path`` if this process has it open for writing."""
    key = file_key(path)
    return None if key is None else _HELD.get(key)


def held_for_writing(path: str | os.PathLike[str]) -> bool:
    """True when this process holds ``path`` open for writing: opening that file again (to
    read or copy it) and closing it would drop SQLite's POSIX locks on the live file."""
    return _held_here(Path(path)) is not None


class FileLock:
    """An exclusive advisory lock on the project file itself, released by the OS on exit.

    Closing ANY descriptor of a SQLite file drops every POSIX lock this process holds on it,
    including those of a live connection (sqlite.org/howtocorrupt.html, 2.2). A foreign writer
    (sqlite3 shell, DB Browser) that then closes the file believes it is the last user and
    deletes the WAL under our connection: later commits are lost on a crash. So a file already
    open for writing in this process is refused without being opened again, and its header is
    read through the descriptor we hold.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._key: tuple[int, int] | None = None

    def acquire(self) -> None:
        if sys.platform == "win32":  # pragma: no cover - SQLite's own locking still applies
            return
        import fcntl

        if _held_here(self.path) is not None:
            raise ProjectLocked(
                f"{self.path} is already open for writing in this window; use that one"
            )
        fd = os.open(self.path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ProjectLocked(
                f"{self.path} is already open for writing in another annotator window or "
                "command; close it there first"
            ) from None
        self._fd = fd
        st = os.fstat(fd)
        self._key = (st.st_dev, st.st_ino)
        _HELD[self._key] = fd

    @property
    def key(self) -> tuple[int, int] | None:
        """(device, inode) of the file locked, read from the descriptor held."""
        return self._key

    def release(self) -> None:
        if self._fd is not None:
            if self._key is not None and _HELD.get(self._key) == self._fd:
                del _HELD[self._key]
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None
            self._key = None


def now() -> str:
    """UTC timestamp, ISO 8601 with milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def backup_copy(path: Path, from_version: int) -> Path:
    """A consistent copy made before a migration, next to the original."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.schema{from_version}-{stamp}.bak.db")
    src = sqlite3.connect(_uri(path, "ro"), uri=True)
    try:
        _backup(src, target)
    finally:
        src.close()
    return target


def _backup(src: sqlite3.Connection, target: Path) -> None:
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()


def _new_file(out: Path, write: Callable[[Path], None], *, replace: bool = False) -> Path:
    """Write ``out`` through ``write(tmp)`` and a rename: refuses an existing ``out`` (unless
    ``replace``: then it is replaced whole once the copy is complete) or a missing folder, and
    leaves nothing behind when ``write`` fails."""
    out = Path(out)
    if out.exists() and not replace:
        raise ProjectExists(f"{out} already exists; nothing was written (choose another name, "
                            "or use --force to replace it)")
    if not out.parent.is_dir():
        raise ProjectNotFound(f"folder {out.parent} does not exist")
    tmp = out.with_name(out.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        write(tmp)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def save_copy(conn: sqlite3.Connection, out: Path) -> Path:
    """Every committed page of the open connection into a new file, with SQLite's backup API.

    For a project whose file was deleted or replaced under us: the connection still reads the
    original (its descriptors), so nothing acknowledged is lost. ``out`` must not exist.
    """
    def write(tmp: Path) -> None:
        _backup(conn, tmp)
        fix = sqlite3.connect(tmp)  # the copy is a plain file: its own WAL starts on next open
        try:
            fix.execute("PRAGMA journal_mode=DELETE")
        finally:
            fix.close()

    try:
        return _new_file(out, write)
    except (sqlite3.Error, OSError) as exc:
        raise ProjectError(f"could not write {out}: {exc}") from exc


ORIGIN_KEY = "origin"


def origin_value(source: Path, kind: str) -> str:
    """The ``meta`` value that says a file was made from ``source``: kind ("copy" for a
    snapshot), the source's file name and full path, and when (UTC)."""
    return json.dumps({"kind": kind, "file": source.name, "path": str(source.resolve()),
                       "made": now()}, ensure_ascii=False)


def write_origin(conn: sqlite3.Connection, value: str) -> None:
    """Set the ``origin`` meta row (the caller holds the transaction)."""
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (ORIGIN_KEY, value))


def read_origin(value: object) -> dict[str, str] | None:
    """The ``origin`` meta value as a dict of strings with at least ``file`` and ``made``, or
    None when it is missing or not one (a teammate's file is untrusted)."""
    try:
        data = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    clean = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
    return clean if clean.get("file") and clean.get("made") else None


def snapshot(conn: sqlite3.Connection, out: Path, *, replace: bool = False,
             origin: str | None = None) -> Path:
    """A consistent single-file copy of a live project (VACUUM INTO), for sharing. An existing
    ``out`` is replaced (whole, once the copy is complete) only with ``replace``. ``origin``
    (see :func:`origin_value`) is written into the copy before it takes the name ``out``."""
    def write(tmp: Path) -> None:
        # A read-only project (mode=ro) can be snapshotted too: query_only would refuse VACUUM
        # INTO, while mode=ro still keeps the project itself unwritable; only ``out`` is written.
        query_only = conn.execute("PRAGMA query_only").fetchone()[0]
        if query_only:
            conn.execute("PRAGMA query_only=OFF")
        try:
            conn.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            if query_only:
                conn.execute("PRAGMA query_only=ON")
        if origin is not None:
            copy = sqlite3.connect(tmp)
            try:
                with copy:
                    write_origin(copy, origin)
            finally:
                copy.close()

    try:
        return _new_file(out, write, replace=replace)
    except sqlite3.Error as exc:
        text = str(exc).lower()
        if "full" in text or "i/o" in text or "unable to open" in text:
            raise ProjectError(f"could not write snapshot {out}: {exc}") from exc
        raise CorruptProject(f"could not write snapshot {out}: {exc}") from exc


def copy_file(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
