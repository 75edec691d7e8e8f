"""A trigram index of a project's texts, kept in the user's cache folder (no Qt).

Why beside the project and not in it: reading never writes (a read-only open could not build
it), a teammate's file could carry a forged one, and it is derived data the merge and the
allowlist would have to refuse. So it lives in ``<cache>/annotator/search/<key>.db``, keyed by
the project's resolved path and creation stamp; nothing in the project file changes.

Never trusted for an answer: it only proposes candidate articles, and every hit is found again
in the article's text (so a stale or tampered index can hide a hit, never invent one; and it is
checked against the project's sha256 of its first and last indexed article before each use).
Texts are immutable and ids never reused (a deleted article's id stays its own), so it grows by id: ``update()`` indexes the
articles after ``indexed_through()`` in small transactions and can stop and resume at any batch.

What it serves: a needle of 3+ characters through the FTS5 ``trigram`` tokenizer (the AND of its
trigrams); a needle of 2 characters through the vocabulary of trigrams that start with it (each
text is indexed with a newline appended, so a pair at the very end has one too). ``detail=none``
keeps only which articles hold a trigram, not where. A 1-character needle and one with non-ASCII
letters that have case are not served (the caller scans), nor a 2-character one so common that
listing its trigrams takes longer than ``VOCABULARY_SECONDS`` (a scan meets it at once).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

VERSION = 1
#: Articles per transaction while building.
BATCH = 200
#: Candidate ids fetched per query.
PAGE = 256
#: At most this many trigrams of a long needle are ANDed (candidates are verified anyway).
MAX_TRIGRAMS = 12
#: Looking up the trigrams that start with a 2-character needle may take this long; longer
#: means the pair is common, and a scan finds it at once.
VOCABULARY_SECONDS = 0.01

SCHEMA = """
CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(
    text, content='', tokenize='trigram', detail='none');
CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5vocab(grams, 'row');
"""

Progress = Callable[[int, int], "bool | None"]


def index_path(project_path: Path, created: str) -> Path:
    from annotator.core.segment import cache_dir

    key = hashlib.sha256(f"{Path(project_path).resolve()}\0{created}".encode()).hexdigest()
    return cache_dir() / "search" / f"{key[:32]}.db"


def _created(project_conn: sqlite3.Connection) -> str:
    row = project_conn.execute("SELECT value FROM meta WHERE key = 'created'").fetchone()
    return str(row[0]) if row else ""


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SearchIndex:
    """One project's sidecar index, open on one thread."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, project_conn: sqlite3.Connection, project_path: Path, *,
             create: bool = False) -> SearchIndex | None:
        """The project's index when it exists and is in step with the project; with ``create``
        a missing, damaged or out-of-step one is (re)made empty. Else None: scan instead."""
        path = index_path(project_path, _created(project_conn))
        if not create and not path.exists():
            return None
        for attempt in (1, 2):
            try:
                index = cls._connect(path, create)
            except sqlite3.DatabaseError:
                index = None
            if index is not None:
                try:
                    if index.in_step(project_conn):
                        return index
                except sqlite3.DatabaseError:
                    pass
                index.close()
            if not create or attempt == 2:
                return None
            _remove(path)  # damaged, foreign or out of step: derived data, start again
        return None

    @classmethod
    def _connect(cls, path: Path, create: bool) -> SearchIndex:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        # A search never waits long for the index (it scans instead): the builder may hold it
        # while it creates the file; only the builder sets the (persistent) WAL mode, which
        # needs the file to itself.
        conn = sqlite3.connect(path if create else f"file:{path}?mode=rw", uri=not create,
                               isolation_level=None, timeout=5 if create else 0.25)
        try:
            conn.execute("PRAGMA trusted_schema=OFF")
            if create:
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # derived data: a crash costs a rebuild
            if create:
                conn.executescript(SCHEMA)
                conn.execute("INSERT OR IGNORE INTO info(key, value) VALUES ('version', ?)",
                             (str(VERSION),))
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return cls(path, conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- state
    def indexed_through(self) -> int:
        """Every article with an id up to this one is indexed (0: none)."""
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM docs").fetchone()[0])

    def in_step(self, project_conn: sqlite3.Connection) -> bool:
        """Same version, and the first and last indexed articles have the project's texts."""
        version = self.conn.execute("SELECT value FROM info WHERE key = 'version'").fetchone()
        if version is None or version[0] != str(VERSION):
            return False
        for which in ("min", "max"):
            row = self.conn.execute(
                f"SELECT id, sha256 FROM docs WHERE id = (SELECT {which}(id) FROM docs)"
            ).fetchone()
            if row is None:
                return True
            theirs = project_conn.execute("SELECT sha256 FROM articles WHERE id = ?",
                                          (row[0],)).fetchone() or _deleted(project_conn, row[0])
            if theirs is None or theirs[0] != row[1]:
                return False
        return True

    # ----------------------------------------------------------------- building
    def update(self, project_conn: sqlite3.Connection, *,
               progress: Progress | None = None, batch: int | None = None) -> int:
        """Index the articles added since the last update, ``batch`` (``BATCH``) per
        transaction, until none is left (articles added meanwhile included);
        ``progress(indexed_through_id, last_id)`` returning False stops after a batch.
        Returns how many articles were indexed."""
        done = self._restored(project_conn)
        while True:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                # read inside the transaction: another builder (the window's, an import's)
                # may have gone on meanwhile; then this one goes on after it
                rows = project_conn.execute(
                    "SELECT id, sha256, text FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                    (self.indexed_through(), batch or BATCH)).fetchall()
                self._insert(rows)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            if not rows:
                break
            done += len(rows)
            if progress is not None and progress(rows[-1][0],
                                                 last_article_id(project_conn)) is False:
                break
        return done

    def _insert(self, rows: list[tuple[int, str, str]]) -> None:
        self.conn.executemany("INSERT INTO grams(rowid, text) VALUES (?, ?)",
                              [(r[0], r[2] + "\n") for r in rows])
        self.conn.executemany("INSERT INTO docs(id, sha256) VALUES (?, ?)",
                              [(r[0], r[1]) for r in rows])

    def _restored(self, project_conn: sqlite3.Connection) -> int:
        """Index the articles the index passed while they were deleted and that came back
        since (a restore keeps the article's id); returns how many (a few ms at 100k)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            through = self.indexed_through()
            ours = {row[0] for row in self.conn.execute("SELECT id FROM docs")}
            missing = [row[0] for row in project_conn.execute(
                "SELECT id FROM articles WHERE id <= ?", (through,)) if row[0] not in ours]
            for start in range(0, len(missing), PAGE):
                page = missing[start:start + PAGE]
                self._insert(project_conn.execute(
                    f"SELECT id, sha256, text FROM articles WHERE id IN "
                    f"({','.join('?' * len(page))})", page).fetchall())
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return len(missing)

    # ----------------------------------------------------------------- reading
    def match_expression(self, needle: str) -> str | None:
        """The FTS5 query whose rows hold every article containing ``needle`` (and perhaps
        others), "" when no article can, None when the index cannot serve the needle."""
        if len(needle) < 2 or any(not c.isascii() and c.lower() != c.upper() for c in needle):
            return None
        folded = needle.lower()
        if len(folded) >= 3:
            grams = sorted({folded[i:i + 3] for i in range(len(folded) - 2)})
            if len(grams) > MAX_TRIGRAMS:
                step = len(grams) / MAX_TRIGRAMS
                grams = [grams[int(i * step)] for i in range(MAX_TRIGRAMS)]
            return " AND ".join(_quote(g) for g in grams)
        # the vocabulary counts each term's articles as it lists it, so a common pair is slow
        # to look up; but then a scan meets it within the first few articles: give up and scan
        # (a timer thread interrupts it: a progress handler would take the GIL at every step)
        timer = threading.Timer(VOCABULARY_SECONDS, self.conn.interrupt)
        timer.start()
        try:
            terms = [row[0] for row in self.conn.execute(
                "SELECT term FROM terms WHERE term >= ? AND term < ?",
                (folded, folded + "\U0010ffff"))]
        except sqlite3.OperationalError:  # interrupted: a common pair
            return None
        finally:
            timer.cancel()
            timer.join()
        return " OR ".join(_quote(t) for t in terms)

    def candidates(self, expression: str, *, after_id: int, through: int) -> Iterator[list[int]]:
        """Ids in (after_id, through] that the index proposes, in id order, a page at a time."""
        if not expression:
            return
        low = after_id
        while low < through:
            page = [row[0] for row in self.conn.execute(
                "SELECT rowid FROM grams WHERE grams MATCH ? AND rowid > ? AND rowid <= ? "
                "ORDER BY rowid LIMIT ?", (expression, low, through, PAGE))]
            if not page:
                return
            yield page
            low = page[-1]


def last_article_id(project_conn: sqlite3.Connection) -> int:
    """The highest article id (0: none); ids only grow."""
    return int(project_conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])


def refresh_index(project_conn: sqlite3.Connection, project_path: Path) -> int:
    """After an import, while its texts are still in the page cache: index the new articles
    when the project has an index on this machine (none is made here: the window builds it
    in the background when it opens the project). Returns how many were indexed; an index that
    cannot be opened or written is left to the next build (derived data, never an error)."""
    try:
        index = SearchIndex.open(project_conn, project_path)
        if index is None:
            return 0
        with index:
            return index.update(project_conn)
    except (sqlite3.Error, OSError):
        return 0


def _deleted(project_conn: sqlite3.Connection, article_id: int) -> tuple[str] | None:
    """(sha256,) of a deleted article (schema m007): its id is never reused, so the index's
    entry for it is not wrong, only unused (the search finds no text there)."""
    try:
        row = project_conn.execute("SELECT sha256 FROM deleted_articles WHERE article_id = ?",
                                   (article_id,)).fetchone()
    except sqlite3.OperationalError:  # a file from before m007, opened read-only
        return None
    return None if row is None else (str(row[0]),)


def remove_index(project_conn: sqlite3.Connection, project_path: Path) -> None:
    """Forget the project's index (it is rebuilt on the next search)."""
    _remove(index_path(project_path, _created(project_conn)))


def index_size(project_conn: sqlite3.Connection, project_path: Path) -> int:
    """Bytes the project's index takes on disk (0 when there is none)."""
    path = index_path(project_path, _created(project_conn))
    return sum(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if p.exists())
