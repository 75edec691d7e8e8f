"""The project file: one SQLite database per project, and the only place that writes it.

``Project`` is the API the CLI and the GUI share. Every public write is one transaction
(``BEGIN IMMEDIATE`` ... ``COMMIT``) that checks invariant 3 before it commits and appends to the
change log, so when a call returns the action is durable (WAL, ``synchronous=FULL``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from annotator.core.beside import Beside
from annotator.core.model import Label
from annotator.core.scheme import DEFAULT_CLAIM_SCHEME, Scheme
from annotator.store import connection as cx
from annotator.store.article_admin import ArticleAdminMixin
from annotator.store.article_import import ArticleImportMixin
from annotator.store.articles import ArticlesMixin
from annotator.store.assignments import AssignmentsMixin
from annotator.store.errors import (
    CorruptProject,
    NotAProject,
    ProjectError,
    ProjectExists,
    ProjectFileLost,
    ProjectLocked,
    ReadOnlyProject,
)
from annotator.store.labels import LabelsMixin
from annotator.store.registry import RegistryMixin
from annotator.store.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    attach_compat_statuses,
    migrations,
)
from annotator.store.scheme_store import SchemeMixin, _write_definitions
from annotator.store.search import SearchMixin
from annotator.store.spans import SpansMixin
from annotator.store.suggest import SuggestionsMixin

__all__ = ["Project"]

#: json.dumps(data, ensure_ascii=False) without a new encoder per call (every action logs)
_log_json = json.JSONEncoder(ensure_ascii=False).encode


def _known_error(exc: sqlite3.Error) -> ProjectError | None:
    """Map SQLite errors a user can act on; anything else is a bug and propagates as is."""
    text = str(exc).lower()
    if "database or disk is full" in text or "disk i/o error" in text:
        return ProjectError(f"the disk is full or failing; the last action was NOT saved ({exc})")
    if "database is locked" in text or "database is busy" in text:
        return ProjectLocked("the project is busy in another process; the last action was NOT saved")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyProject("the project is open read-only; nothing was changed")
    if "malformed" in text or "not a database" in text:
        return CorruptProject(f"the project file is damaged ({exc})")
    return None


if TYPE_CHECKING:
    from annotator.store.checkpoints import Checkpointer

class Project(SpansMixin, ArticlesMixin, ArticleImportMixin, ArticleAdminMixin, LabelsMixin,
              SchemeMixin, SearchMixin, AssignmentsMixin, RegistryMixin, SuggestionsMixin):
    """An open project file."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool,
                 lock: cx.FileLock | None = None) -> None:
        self.path = path
        self.conn = conn
        self.db = Database(conn, execute_plugins=False)  # no entry-point scan at open
        self.readonly = readonly
        self._lock = lock
        self.backup_path: Path | None = None
        #: (device, inode) of the file opened for writing: every write checks the path still
        #: names it (``lost``: why not, once it did not; writes stay refused from then on).
        self._identity = lock.key if lock is not None and lock.key else cx.file_key(path)
        self.lost: str | None = None
        self._journal: dict[str, tuple[int, int] | None] = {}
        self._texts: dict[int, tuple[str, str]] = {}  # article id -> (uid, text), see _text_of
        self._checkpointer: Checkpointer | None = None  # checkpoint_in_background

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def create(cls, path: str | Path, *, title: str = "", labels: Iterable[Label] | None = None,
               who: str = "", scheme: Scheme | None = None) -> Project:
        """Create a new project file; refuse when anything already exists at ``path``.
        ``scheme`` (a validated scheme file) gives labels, attributes and relation types;
        ``labels`` alone gives labels only; neither: the default claim scheme."""
        path = cx.resolve_path(path)
        if path.exists():
            raise ProjectExists(f"{path} already exists; open it instead")
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".creating")
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp)
        try:
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db = Database(conn, execute_plugins=False)
            migrations.apply(db)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            created = cx.now()
            with db.atomic():
                meta = {
                    "title": title or path.stem,
                    "created": created,
                    "scheme_version": "1",
                    "segmentation": json.dumps({"snap": True, "terms": []}),
                }
                conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta.items())
                if scheme is None and labels is None:
                    scheme = DEFAULT_CLAIM_SCHEME
                chosen = scheme.labels if scheme is not None else tuple(labels or ())
                for i, label in enumerate(chosen):
                    conn.execute(
                        "INSERT INTO labels(name, color, hotkey, description, position) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (label.name, label.color, label.hotkey, label.description, i),
                    )
                if scheme is not None:
                    _write_definitions(conn, scheme, {lb.name for lb in chosen})
                conn.execute(
                    "INSERT INTO changes(at, who, action, entity, entity_id, data) "
                    "VALUES (?, ?, 'project.create', 'project', '', ?)",
                    (created, who, json.dumps({"title": meta["title"]})),
                )
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        if path.exists():  # raced with another creator: keep theirs
            tmp.unlink(missing_ok=True)
            raise ProjectExists(f"{path} already exists; open it instead")
        tmp.replace(path)
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, verify: bool = True) -> Project:
        """Open an existing project. Never creates a file; refuses foreign and newer files.

        Opening for writing runs ``PRAGMA quick_check`` (``verify``) and refuses a damaged file;
        ``verify=False`` only when reopening a file this process verified and alone wrote since.
        """
        path = cx.resolve_path(path)
        version = cx.check_header(path)
        lock = None
        if not readonly:
            cx.refuse_unwritable(path)
            lock = cx.FileLock(path)
            lock.acquire()
            try:
                cx.refuse_unexpected(path, lock.key)
            except ProjectFileLost:
                lock.release()
                raise
        backup: Beside[Path] | None = None
        conn: sqlite3.Connection | None = None
        try:
            try:
                if version < SCHEMA_VERSION and not readonly:
                    # the copy made before migrating is written while the file is checked: two
                    # readers of the same pages, each most of an upgrade's time alone
                    backup = Beside("backup before migration", cx.backup_copy, path, version)
                conn = cx.connect(path, mode="ro" if readonly else "rw")
                project = cls(path, conn, readonly=readonly, lock=lock)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                if not readonly:
                    project._journal = cx.journal_keys(path)
                if verify and not readonly:
                    project._refuse_damaged()
                if backup is not None:
                    project.backup_path = backup.wait()
                    migrations.apply(project.db)
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                missing = {"meta", "labels", "articles", "spans"} - set(project.db.table_names())
                if missing:
                    raise NotAProject(f"{path} lacks the tables {', '.join(sorted(missing))}")
                if readonly and version < SCHEMA_VERSION and "article_statuses" not in set(
                        project.db.table_names()):
                    attach_compat_statuses(conn)
            except sqlite3.DatabaseError as exc:
                if conn is not None:
                    conn.close()
                raise CorruptProject(f"{path} is damaged and cannot be opened ({exc})") from exc
            except BaseException:
                if conn is not None:
                    conn.close()
                raise
        except BaseException:
            if backup is not None:
                backup.join()  # (the first error is the one to tell)
            if lock:
                lock.release()
            raise
        return project

    def _refuse_damaged(self) -> None:
        """A write into a file whose integrity check fails is refused with ``check``'s words.

        Run once, when a project is opened for writing (not per label key)."""
        from annotator.store.checks import integrity_problems

        problems = integrity_problems(self.conn)
        if problems:
            raise CorruptProject(f"{self.path} is damaged ({problems[0]}); nothing was changed "
                                 f"(see: annotator check {self.path})")

    def _refuse_lost(self) -> None:
        """Refuse to write when the path no longer names the file we opened (ProjectFileLost)."""
        if self.lost is None:
            why = cx.lost_reason(self.path, self._identity) if self._identity else None
            if why is None:
                return
            self.lost = (f"{self.path} {why} by another program while it was open, so nothing "
                         "more is written to it and changes are NOT saved; save what is open as "
                         "a new file to keep your work")
            self.conn.execute("PRAGMA query_only=ON")  # belt and braces: this connection is done
            # SQLite never deletes the WAL of a moved file: it would sit next to the file now at
            # our path, and whoever opens that would replay our journal into it (malformed)
            cx.drop_journal(self.path, self._journal)
        raise ProjectFileLost(self.lost)

    @property
    def identity(self) -> tuple[int, int] | None:
        """(device, inode) of the file this project opened."""
        return self._identity

    def file_lost(self) -> str | None:
        """Why the path no longer names the file this project writes (then writes are refused
        for good), or None. One ``os.stat``: cheap enough to ask before every edit."""
        if not self.readonly:
            with suppress(ProjectFileLost):
                self._refuse_lost()
        return self.lost

    def refuse_writes(self, reason: str) -> None:
        """From now on every write is refused with ``reason`` (raised as ProjectFileLost, as for
        a file that changed under us): the window's background integrity check found damage."""
        self.lost = reason
        self.conn.execute("PRAGMA query_only=ON")

    def damage_found(self) -> str | None:
        """Run ``quick_check`` on this file through a connection of its own (safe off the GUI
        thread; the project's own connection is not used) and return the sentence writes are
        then refused with, or None for a healthy file."""
        from annotator.store.checks import integrity_problems

        conn = cx.connect(self.path, mode="ro")
        try:
            problems = integrity_problems(conn)
        finally:
            conn.close()
        if not problems:
            return None
        return (f"{self.path} is damaged ({problems[0]}), so nothing more is written to it; "
                f"save what is open as a new file, and see: annotator check {self.path}")

    def save_copy(self, out: str | Path) -> Path:
        """Everything this connection has committed into a new project file (backup API); the
        way out when the file was deleted or replaced under an open project."""
        return cx.save_copy(self.conn, Path(out))

    def checkpoint_in_background(self, **limits: float) -> Checkpointer | None:
        """Leave the log's checkpoints to a thread of their own (the window: no label key
        waits for one; :mod:`annotator.store.checkpoints`, whose ``limits`` a test may set)."""
        if self.readonly:
            return None
        if self._checkpointer is None:
            from annotator.store.checkpoints import Checkpointer

            self.conn.execute("PRAGMA wal_autocheckpoint=0")
            page_size = self.conn.execute("PRAGMA page_size").fetchone()[0]
            self._checkpointer = Checkpointer(self.path, page_size, **limits)
        return self._checkpointer

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        try:
            self.conn.close()
        finally:
            if self._lock:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- transactions and log
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable unit of work. Nested calls become savepoints of the outer one."""
        if self.readonly:
            raise ReadOnlyProject(f"{self.path} is open read-only; nothing was changed")
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.conn
            return
        self._refuse_lost()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise (_known_error(exc) or exc) from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            known = _known_error(exc)
            if known is not None:
                raise known from exc
            raise
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _log(self, who: str, action: str, entity: str, entity_id: object,
             data: dict[str, Any], at: str | None = None) -> None:
        self.conn.execute(
            "INSERT INTO changes(at, who, action, entity, entity_id, data) VALUES (?,?,?,?,?,?)",
            (at or cx.now(), who, action, entity, str(entity_id), _log_json(data)),
        )

    def log(self, who: str, action: str, entity: str, entity_id: object,
            data: dict[str, Any], at: str | None = None) -> None:
        """Append an entry to the change log in its own transaction (or the caller's)."""
        with self.transaction():
            self._log(who, action, entity, entity_id, data, at)

    def changes(self, entity: str | None = None, entity_id: str | None = None,
                limit: int = 1000) -> list[dict[str, Any]]:
        sql = "SELECT id, at, who, action, entity, entity_id, data FROM changes"
        where: list[str] = []
        args: list[object] = []
        if entity:
            where.append("entity = ?")
            args.append(entity)
        if entity_id is not None:
            where.append("entity_id = ?")
            args.append(str(entity_id))
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(limit)
        rows = self.conn.execute(sql, args).fetchall()
        keys = ("id", "at", "who", "action", "entity", "entity_id", "data")
        out = []
        for row in rows:
            item = dict(zip(keys, row))
            item["data"] = json.loads(item["data"])
            out.append(item)
        return out

    # ----------------------------------------------------------------- metadata
    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    @property
    def title(self) -> str:
        return self.meta().get("title", self.path.stem)

    def set_meta(self, key: str, value: str, who: str = "") -> None:
        with self.transaction():
            old = self.meta().get(key)
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self._log(who, "meta.set", "meta", key, {"before": old, "after": value})

    def terms(self) -> list[str]:
        seg = json.loads(self.meta().get("segmentation", "{}"))
        return list(seg.get("terms", []))

    def set_terms(self, terms: Iterable[str], who: str) -> list[str]:
        """The project's term list (company names, 双十一...), kept whole by segmentation."""
        clean = sorted({t.strip() for t in terms if t.strip()})
        seg = json.loads(self.meta().get("segmentation", "{}"))
        seg["terms"] = clean
        self.set_meta("segmentation", json.dumps(seg, ensure_ascii=False), who)
        return clean

    # ----------------------------------------------------------------- whole-file operations
    def snapshot(self, out: str | Path, *, replace: bool = False) -> Path:
        """Write a consistent single-file copy for sharing (never a copy of the live file);
        an existing ``out`` only with ``replace``."""
        return cx.snapshot(self.conn, Path(out), replace=replace,
                           origin=cx.origin_value(self.path, "copy"))

    def record_origin(self, source_path: str | Path, kind: str = "copy", who: str = "") -> None:
        """Record in this file that it was made from ``source_path`` (``kind``: "copy" for a
        snapshot; an assignment package its own word), with the time; one transaction."""
        with self.transaction():
            old = self.meta().get(cx.ORIGIN_KEY)
            value = cx.origin_value(Path(source_path), kind)
            cx.write_origin(self.conn, value)
            self._log(who, "meta.set", "meta", cx.ORIGIN_KEY, {"before": old, "after": value})

    def origin(self) -> dict[str, str] | None:
        """Where this file was copied from: ``kind``, ``file``, ``path``, ``made`` (UTC, ISO
        8601), or None for a file that is no copy (or whose record is not readable)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?",
                                (cx.ORIGIN_KEY,)).fetchone()
        return cx.read_origin(row[0]) if row else None

    def check(self) -> list[str]:
        """Every problem found: SQLite integrity, foreign keys, sha256, span offsets and text."""
        from annotator.store.checks import check_project

        return check_project(self)

    def check_warnings(self) -> list[str]:
        """What ``check`` reports as warnings, not problems: spans missing a required
        attribute (incomplete)."""
        from annotator.store.checks import check_warnings

        return check_warnings(self)

    def stats(self, annotator: str = "") -> dict[str, Any]:
        from annotator.store.checks import project_stats

        return project_stats(self, annotator)
