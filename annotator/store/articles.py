"""Article reads and writes of ``Project``: listing, filtering, texts, statuses. The bulk
import is ``article_import``."""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.model import STATUSES, Article, ArticleSummary, many_from_rows
from annotator.store import connection as cx

# the import's names, where they were before ``article_import`` was split off
from annotator.store.article_import import ImportCancelled, ImportReport, Progress
from annotator.store.errors import InvariantError, NotFound

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["ArticlesMixin", "ImportCancelled", "ImportReport", "Progress", "status_sql"]

#: What a list row shows; span counts are kept by triggers (schema m003), never recounted; the
#: status is one annotator's (the first parameter of every query using ``_SUMMARY_FROM``); how
#: many annotators marked the article done is read from the statuses' primary key.
SUMMARY_COLUMNS = (
    "a.id, a.uid, a.title, coalesce(s.status, 'todo'), a.language, coalesce(c.spans, 0), "
    "(SELECT count(*) FROM article_statuses d WHERE d.article_id = a.id AND d.status = 'done')")
_SUMMARY_FROM = ("articles a LEFT JOIN span_counts c ON c.article_id = a.id "
                 "LEFT JOIN article_statuses s ON s.article_id = a.id AND s.annotator = ?")
_MATCHES = "(instr(a.title, ?) > 0 OR instr(a.text, ?) > 0)"

def status_sql(alias: str, annotator_param: str) -> str:
    """SQL for one annotator's status of the article ``alias`` (the exports' ``--status``
    filter and ``status`` field); ``annotator_param`` is a bound parameter, e.g. ":who"."""
    return (f"coalesce((SELECT x.status FROM article_statuses x WHERE x.article_id = "
            f"{alias}.id AND x.annotator = {annotator_param}), 'todo')")


ARTICLE_COLUMNS = (
    "id, uid, title, text, sha256, status, language, source, url, published, original_file, "
    "external_id, imported_at, meta"
)

#: How many article texts ``_text_of`` keeps (the two panes' articles).
TEXTS_KEPT = 2


class ArticlesMixin:
    # ------------------------------------------------------------------ reads
    def articles(self: Project, status: str | None = None, query: str | None = None, *,
                 annotator: str = "") -> list[ArticleSummary]:
        """Articles in import order with their span counts and ``annotator``'s status (of
        ``status`` if given); ``query`` filters by a substring of the title or text."""
        sql = f"SELECT {SUMMARY_COLUMNS} FROM {_SUMMARY_FROM}"
        where, args = [], [annotator]
        if status:
            where.append("coalesce(s.status, 'todo') = ?")
            args.append(status)
        if query:
            where.append(_MATCHES)
            args += [query, query]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.id"
        return [ArticleSummary(*row) for row in self.conn.execute(sql, args)]

    def article_count(self: Project) -> int:
        """How many articles there are, as the store keeps it (``status_counts``, where every
        article is 'todo' since m004): not a count."""
        return int(self.conn.execute(
            "SELECT coalesce(sum(articles), 0) FROM status_counts").fetchone()[0])

    def article_ids(self: Project, status: str | None = None, *,
                    annotator: str = "") -> Sequence[int]:
        """Ids of the articles (of ``annotator``'s ``status``), ascending, read from indexes
        alone (no article text is touched). All of them, when they are 1..N (no gaps: the
        usual case, ids are never reused), are a ``range``: nothing to read or hold."""
        if status and status != "todo":
            return _joined_ids(self.conn.execute(
                "SELECT group_concat(article_id) FROM article_statuses INDEXED BY "
                "article_statuses_listing WHERE annotator = ? AND status = ?",
                (annotator, status)).fetchone()[0])
        count = self.article_count()
        low, high = self.conn.execute("SELECT (SELECT min(id) FROM articles), "
                                      "(SELECT max(id) FROM articles)").fetchone()
        every: Sequence[int]
        gone: set[int] = set()
        if count == 0 or (low == 1 and high == count):
            every = range(1, count + 1)
        elif low == 1 and high - len(gone := self._deleted_ids_upto(high)) == count:
            every = array("q", (i for i in range(1, high + 1) if i not in gone))  # 1..N but
            # for deleted articles: no read of the listing
        else:
            every = _joined_ids(self.conn.execute(
                "SELECT group_concat(a.id) FROM articles AS a INDEXED BY articles_listing"
            ).fetchone()[0])
        if status is None:
            return every
        started = set(_joined_ids(self.conn.execute(
            "SELECT group_concat(article_id) FROM article_statuses INDEXED BY "
            "article_statuses_listing WHERE annotator = ? AND status != 'todo'",
            (annotator,)).fetchone()[0]))
        if not started:
            return every
        return array("q", (i for i in every if i not in started))

    def _deleted_ids_upto(self: Project, high: int) -> set[int]:
        try:
            return {r[0] for r in self.conn.execute(
                "SELECT article_id FROM deleted_articles WHERE article_id <= ?", (high,))}
        except sqlite3.OperationalError:  # a file from before m007 opened read-only
            return set()

    def mine_ids(self: Project, annotator: str) -> Sequence[int]:
        """Ids (ascending) of the articles ``annotator`` worked on: a status other than todo,
        or a span of theirs."""
        ids = set(_joined_ids(self.conn.execute(
            "SELECT group_concat(article_id) FROM article_statuses INDEXED BY "
            "article_statuses_listing WHERE annotator = ? AND status != 'todo'",
            (annotator,)).fetchone()[0]))
        ids.update(r[0] for r in self.conn.execute(
            "SELECT DISTINCT article_id FROM spans WHERE annotator = ?", (annotator,)))
        return array("q", sorted(ids))

    def article_summaries(self: Project, ids: Sequence[int], *,
                          annotator: str = "") -> list[ArticleSummary]:
        """Summaries of these articles (in id order; unknown ids are left out), with
        ``annotator``'s status."""
        out: list[ArticleSummary] = []
        for i in range(0, len(ids), 500):  # under SQLite's bound-parameter limit
            chunk = list(ids[i:i + 500])
            marks = ",".join("?" * len(chunk))
            out += many_from_rows(ArticleSummary, self.conn.execute(
                f"SELECT {SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE a.id IN ({marks}) "
                "ORDER BY a.id", [annotator, *chunk]))
        return out

    def filter_article_ids(self: Project, query: str, status: str | None = None, *,
                           after_id: int = 0, upto_id: int | None = None,
                           limit: int = 1000, annotator: str = "") -> list[int]:
        """Ids (ascending) of articles whose title or text holds ``query``, of ``annotator``'s
        ``status`` if given, with ``after_id < id <= upto_id``, at most ``limit`` of them. Callers page
        through the project with ``after_id`` (and bound each call's scan with ``upto_id``)."""
        sql = "SELECT a.id FROM articles a WHERE a.id > ?"
        args: list[Any] = [after_id]
        if upto_id is not None:
            sql += " AND a.id <= ?"
            args.append(upto_id)
        if status:
            sql += (" AND coalesce((SELECT s.status FROM article_statuses s WHERE s.article_id"
                    " = a.id AND s.annotator = ?), 'todo') = ?")
            args += [annotator, status]
        sql += f" AND {_MATCHES} ORDER BY a.id LIMIT ?"
        args += [query, query, limit]
        return [r[0] for r in self.conn.execute(sql, args)]

    def max_article_id(self: Project) -> int:
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def article(self: Project, article_id: int) -> Article:
        row = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        article = Article(*row[:-1], meta=json.loads(row[-1] or "{}"))  # type: ignore[misc]
        self._remember_text(article.id, article.uid, article.text)
        return article

    def _text_of(self: Project, article_id: int) -> str:
        """The article's canonical text, for checking span writes against it. The text never
        changes after import, so the last few are kept (the very string ``article()`` returned,
        so an open article is not held twice); the article's ``uid``, read each time (it sits
        before the text in the row, so that read is cheap), guards against a stale entry."""
        cached = self._texts.get(article_id)
        if cached is not None:
            row = self.conn.execute("SELECT uid FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
            if row is not None and cached[0] == row[0]:
                return cached[1]
        row = self.conn.execute("SELECT uid, text FROM articles WHERE id = ?",
                                (article_id,)).fetchone()  # one read, not two (issue 14)
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        self._remember_text(article_id, row[0], row[1])
        return str(row[1])

    def _remember_text(self: Project, article_id: int, uid: str, text: str) -> None:
        self._texts.pop(article_id, None)
        self._texts[article_id] = (uid, text)
        while len(self._texts) > TEXTS_KEPT:
            del self._texts[next(iter(self._texts))]  # the least recently used

    def article_id_by_ref(self: Project, ref: str) -> int:
        """The id of an article named as the CLI takes it: all digits is the id ``list``
        prints, anything else an article uid."""
        ref = ref.strip()
        if ref.isascii() and ref.isdigit():
            row = self.conn.execute("SELECT id FROM articles WHERE id = ?",
                                    (int(ref),)).fetchone()
        else:
            row = self.conn.execute("SELECT id FROM articles WHERE uid = ?", (ref,)).fetchone()
        if row is None:
            what = "id" if ref.isascii() and ref.isdigit() else "uid"
            raise NotFound(f"no article with {what} {ref!r} in {self.path} "
                           "(`annotator list` prints the ids)")
        return int(row[0])

    def article_id_by_sha(self: Project, sha: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE sha256 = ?", (sha,)).fetchone()
        return None if row is None else int(row[0])

    def status_counts(self: Project, annotator: str = "") -> dict[str, int]:
        """Articles per status of ``annotator``, as the store keeps them (``status_progress``
        and ``status_counts``, kept by triggers): not a count."""
        counts = dict.fromkeys(STATUSES, 0)
        counts.update(self.conn.execute(
            "SELECT status, articles FROM status_progress WHERE annotator = ? "
            "AND status != 'todo'", (annotator,)))
        counts["todo"] = self.article_count() - counts["in-progress"] - counts["done"]
        return counts

    def progress(self: Project) -> dict[str, dict[str, int]]:
        """annotator -> status -> articles, for every annotator with a status other than todo
        somewhere (todo is not listed: it is every other article), as the store keeps them."""
        out: dict[str, dict[str, int]] = {}
        for annotator, status, count in self.conn.execute(
                "SELECT annotator, status, articles FROM status_progress "
                "WHERE status != 'todo' AND articles > 0 ORDER BY annotator, status"):
            out.setdefault(annotator, {})[status] = count
        return out

    def has_article(self: Project, article_id: int) -> bool:
        """Whether the article is here (never imported, or deleted: False); the text is not read."""
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?",
                                 (article_id,)).fetchone() is not None

    def article_status(self: Project, article_id: int, annotator: str) -> str:
        """``annotator``'s status of the article ("todo" when they never set one). A file from
        before m004 opened read-only has one status for everyone: that one."""
        try:
            row = self.conn.execute(
                "SELECT status FROM article_statuses WHERE article_id = ? AND annotator = ?",
                (article_id, annotator)).fetchone()
        except sqlite3.OperationalError:  # no such table: an older file, read-only
            row = self.conn.execute("SELECT status FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"no article with id {article_id}") from None
            return str(row[0])
        if row is not None:
            return str(row[0])
        if self.conn.execute("SELECT 1 FROM articles WHERE id = ?",
                             (article_id,)).fetchone() is None:
            raise NotFound(f"no article with id {article_id}")
        return "todo"

    def article_statuses(self: Project, article_id: int) -> dict[str, str]:
        """annotator -> status of everyone who set one on the article (a status set back to
        todo stays listed as todo: it carries when it changed)."""
        return dict(self.conn.execute(
            "SELECT annotator, status FROM article_statuses WHERE article_id = ? "
            "ORDER BY annotator", (article_id,)))

    def status_changes(self: Project, article_id: int) -> dict[str, tuple[str, str]]:
        """annotator -> (status, changed_at) on the article."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT annotator, status, changed_at FROM article_statuses WHERE article_id = ?",
            (article_id,))}

    # ------------------------------------------------------------------ writes
    def set_status(self: Project, article_id: int, status: str, who: str, *,
                   annotator: str | None = None, at: str | None = None) -> str:
        """Set ``annotator``'s (default: ``who``'s) status of an article; returns the previous
        one. Logged, with its time (``at``, default now) kept for merge."""
        if status not in STATUSES:
            raise InvariantError(f"unknown status '{status}' (use one of {', '.join(STATUSES)})")
        annotator = who if annotator is None else annotator
        stamp = at or cx.now()
        with self.transaction():
            before = self.article_status(article_id, annotator)
            self._write_status(article_id, annotator, status, stamp)
            self._log(who, "article.status", "article", article_id,
                      {"annotator": annotator, "before": before, "after": status}, stamp)
        return before

    def _write_status(self: Project, article_id: int, annotator: str, status: str,
                      stamp: str) -> None:
        self.conn.execute(
            "INSERT INTO article_statuses(article_id, annotator, status, changed_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(article_id, annotator) DO UPDATE SET "
            "status = excluded.status, changed_at = excluded.changed_at",
            (article_id, annotator, status, stamp))

def _joined_ids(joined: str | None) -> array[int]:
    """``group_concat`` of ids -> an ascending array (one string instead of 100k row tuples:
    half the time)."""
    return array("q", sorted(map(int, joined.split(",")))) if joined else array("q")
