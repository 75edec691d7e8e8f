"""Article reads and writes of ``Project``, including the all-or-nothing bulk import."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.model import ORIGINS, STATUSES, Article, ArticleRecord, ArticleSummary
from annotator.core.text import sha256_text
from annotator.store import connection as cx
from annotator.store.errors import ImportFailed, InvariantError, NotFound

if TYPE_CHECKING:
    from annotator.store.project import Project

ARTICLE_COLUMNS = (
    "id, uid, title, text, sha256, status, language, source, url, published, original_file, "
    "external_id, imported_at, meta"
)


class ImportCancelled(Exception):
    """The progress callback asked to stop; nothing was imported."""


@dataclass
class ImportReport:
    added: int = 0
    spans_added: int = 0
    duplicates: list[str] = field(default_factory=list)  # "where: title" already present
    skipped: list[str] = field(default_factory=list)  # "where: reason" (with skip_bad)
    labels_created: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [f"imported {self.added} article(s)"]
        if self.spans_added:
            parts.append(f"{self.spans_added} span(s)")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the project (skipped)")
        if self.skipped:
            parts.append(f"{len(self.skipped)} bad record(s) skipped")
        if self.labels_created:
            parts.append("new labels: " + ", ".join(self.labels_created))
        return ", ".join(parts)


Progress = Callable[[int, float], "bool | None"]


class ArticlesMixin:
    # ------------------------------------------------------------------ reads
    def articles(self: Project, status: str | None = None,
                 query: str | None = None) -> list[ArticleSummary]:
        """Articles in import order with their span counts; ``query`` filters by a substring
        of the title or text."""
        sql = (
            "SELECT a.id, a.uid, a.title, a.status, a.language, "
            "(SELECT count(*) FROM spans s WHERE s.article_id = a.id) FROM articles a"
        )
        where, args = [], []
        if status:
            where.append("a.status = ?")
            args.append(status)
        if query:
            where.append("(instr(a.title, ?) > 0 OR instr(a.text, ?) > 0)")
            args += [query, query]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.id"
        return [ArticleSummary(*row) for row in self.conn.execute(sql, args)]

    def article(self: Project, article_id: int) -> Article:
        row = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return Article(*row[:-1], meta=json.loads(row[-1] or "{}"))  # type: ignore[misc]

    def article_id_by_sha(self: Project, sha: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE sha256 = ?", (sha,)).fetchone()
        return None if row is None else int(row[0])

    def status_counts(self: Project) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        counts.update(self.conn.execute("SELECT status, count(*) FROM articles GROUP BY status"))
        return counts

    # ------------------------------------------------------------------ writes
    def set_status(self: Project, article_id: int, status: str, who: str) -> str:
        """Set an article's status; returns the previous one."""
        if status not in STATUSES:
            raise InvariantError(f"unknown status '{status}' (use one of {', '.join(STATUSES)})")
        with self.transaction():
            before = self.article_status(article_id)
            self.conn.execute("UPDATE articles SET status = ? WHERE id = ?", (status, article_id))
            self._log(who, "article.status", "article", article_id,
                      {"before": before, "after": status})
        return before

    def article_status(self: Project, article_id: int) -> str:
        row = self.conn.execute(
            "SELECT status FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return str(row[0])

    def add_articles(self: Project, records: Iterable[ArticleRecord], who: str, *,
                     skip_bad: bool = False, create_labels: bool = False,
                     progress: Progress | None = None) -> ImportReport:
        """Import articles (with their spans) in ONE transaction: a bad record aborts the whole
        import with its ``file:line`` unless ``skip_bad``. An article whose sha256 is already
        present is skipped and reported; spans it carries whose ids are new are still added.
        ``records`` may be a generator: a reading error raised from it aborts the import too.
        ``progress(count, rate)`` may return False to cancel (nothing is imported)."""
        report = ImportReport()
        started = time.perf_counter()
        stamp = cx.now()
        with self.transaction():
            shas = dict(self.conn.execute("SELECT sha256, id FROM articles"))
            labels = {r[0] for r in self.conn.execute("SELECT name FROM labels")}
            next_position = len(labels)
            count = 0
            for record in records:
                count += 1
                try:
                    # with skip_bad a savepoint per record lets a bad one leave no trace;
                    # without it any error aborts the whole transaction anyway
                    with self.transaction() if skip_bad else nullcontext():
                        new_labels = _new_labels(record, labels, create_labels)
                        for name in new_labels:
                            self._insert_label_row(name, next_position)
                            next_position += 1
                            labels.add(name)
                            report.labels_created.append(name)
                        sha = sha256_text(record.text)
                        article_id = shas.get(sha)
                        if article_id is None:
                            article_id = self._insert_article(record, sha, stamp)
                            shas[sha] = article_id
                            report.added += 1
                        else:
                            report.duplicates.append(f"{record.where}: {record.title}".strip())
                        report.spans_added += self._insert_record_spans(
                            article_id, record, who, stamp)
                except (InvariantError, ValueError, sqlite3.IntegrityError) as exc:
                    if not skip_bad:
                        raise ImportFailed(f"{record.where}: {exc}; nothing was imported") from exc
                    report.skipped.append(f"{record.where}: {exc}")
                if progress is not None and count % 200 == 0:
                    rate = count / max(time.perf_counter() - started, 1e-9)
                    if progress(count, rate) is False:
                        raise ImportCancelled("import cancelled; nothing was imported")
            self._log(who, "import", "project", "",
                      {"added": report.added, "spans": report.spans_added,
                       "duplicates": len(report.duplicates), "skipped": len(report.skipped)})
        report.seconds = time.perf_counter() - started
        if progress is not None:
            progress(count, count / max(report.seconds, 1e-9))
        return report

    def _insert_article(self: Project, record: ArticleRecord, sha: str, stamp: str) -> int:
        if not record.text:
            raise InvariantError("the article text is empty")
        if "\x00" in record.text:
            raise InvariantError(f"the text has a NUL character at {record.text.index(chr(0))}")
        if record.status not in STATUSES:
            raise InvariantError(f"unknown status '{record.status}'")
        uid = record.uid or uuid.uuid4().hex
        if record.uid and self.conn.execute(
                "SELECT 1 FROM articles WHERE uid = ?", (uid,)).fetchone():
            uid = uuid.uuid4().hex  # same id, different text: a different article
        cur = self.conn.execute(
            "INSERT INTO articles(uid, title, source, url, published, language, text, sha256, "
            "status, original_file, external_id, imported_at, meta) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (uid, record.title, record.source, record.url, record.published, record.language,
             record.text, sha, record.status, record.original_file, record.external_id, stamp,
             json.dumps(record.meta, ensure_ascii=False)),
        )
        return int(cur.lastrowid or 0)

    def _insert_record_spans(self: Project, article_id: int, record: ArticleRecord, who: str,
                             stamp: str) -> int:
        if not record.spans and not record.relations:
            return 0
        text = record.text
        rows: list[tuple[Any, ...]] = []
        for s in record.spans:
            if not (isinstance(s.start, int) and isinstance(s.end, int)
                    and 0 <= s.start < s.end <= len(text)):
                raise InvariantError(f"span [{s.start}, {s.end}) is outside the text "
                                     f"(length {len(text)})")
            if text[s.start:s.end] != s.text:
                raise InvariantError(f"span [{s.start}, {s.end}) says {s.text!r} but the text "
                                     f"there is {text[s.start:s.end]!r}")
            if s.origin not in ORIGINS:
                raise InvariantError(f"unknown span origin '{s.origin}'")
            span_id = s.id or str(uuid.uuid4())
            rows.append((span_id, article_id, s.label, s.start, s.end, s.text,
                         s.annotator or who, s.note, s.origin, s.created_at or stamp,
                         s.updated_at or s.created_at or stamp))
        before = self.conn.total_changes
        self.conn.executemany(
            'INSERT OR IGNORE INTO spans(id, article_id, label, start, "end", text, annotator, '
            "note, origin, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        added = self.conn.total_changes - before
        for r in record.relations:
            self.conn.execute(
                "INSERT OR IGNORE INTO relations(id, from_span, to_span, type, annotator, "
                "created_at) VALUES (?,?,?,?,?,?)",
                (r.id or str(uuid.uuid4()), r.from_span, r.to_span, r.type, r.annotator or who,
                 r.created_at or stamp))
        return added


def _new_labels(record: ArticleRecord, known: set[str], create: bool) -> list[str]:
    missing = sorted({s.label for s in record.spans} - known)
    if missing and not create:
        raise InvariantError(
            f"unknown label(s) {', '.join(missing)} (add them to the project's scheme, "
            "or import with --create-labels)")
    return missing
