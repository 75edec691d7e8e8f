"""The all-or-nothing bulk import of ``Project`` (``add_articles``): records checked and
written in batches, in one transaction; what came in and what was left out (``ImportReport``)."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.model import ORIGINS, STATUSES
from annotator.core.names import GOLD, GOLD_ORIGIN, LAYER_PREFIX
from annotator.core.scheme import AttributeDef, BadValue, RelationType, check_value, is_empty
from annotator.core.text import sha256_text
from annotator.store import connection as cx
from annotator.store.article_admin import next_article_id
from annotator.store.errors import ImportFailed, InvariantError
from annotator.store.fillers import PARSED, figure_fields, parsed_values
from annotator.store.spans import gold_layer

if TYPE_CHECKING:
    from annotator.core.records import ArticleRecord, SpanRecord
    from annotator.store.project import Project


class ImportCancelled(Exception):
    """The progress callback asked to stop; nothing was imported."""


@dataclass
class ImportReport:
    """What an import added, and what it left out and why."""

    added: int = 0
    spans_added: int = 0
    duplicates: list[str] = field(default_factory=list)  # "where: title (the same text as …)"
    skipped: list[str] = field(default_factory=list)  # "where: reason" (with skip_bad)
    labels_created: list[str] = field(default_factory=list)
    encodings: list[str] = field(default_factory=list)  # "file: gb18030" for each non-UTF-8 file
    unread: list[str] = field(default_factory=list)  # "file: not a regular file (a named pipe)"
    deleted: list[str] = field(default_factory=list)  # "where: title" deleted here: left out
    restored: list[str] = field(default_factory=list)  # "where: title" deleted, brought back
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [f"imported {self.added} article(s)"]
        if self.spans_added:
            parts.append(f"{self.spans_added} span(s)")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the project (skipped)")
        if self.deleted:
            parts.append(f"{len(self.deleted)} deleted from the project before (left out; "
                         "--restore brings them back)")
        if self.restored:
            parts.append(f"{len(self.restored)} deleted article(s) restored")
        if self.skipped:
            parts.append(f"{len(self.skipped)} bad record(s) skipped")
        if self.labels_created:
            parts.append("new labels: " + ", ".join(self.labels_created))
        if self.unread:
            parts.append(f"{len(self.unread)} file(s) not read (not regular files)")
        if self.encodings:
            parts.append(f"{len(self.encodings)} file(s) not in UTF-8")
        return ", ".join(parts)


Progress = Callable[[int, float], "bool | None"]


class ArticleImportMixin:

    def add_articles(self: Project, records: Iterable[ArticleRecord], who: str, *,
                     skip_bad: bool = False, create_labels: bool = False,
                     progress: Progress | None = None, restore: bool = False) -> ImportReport:
        """Import articles (with their spans) in ONE transaction: a bad record aborts the whole
        import with its ``file:line`` unless ``skip_bad``. An article whose sha256 is already
        present is skipped and reported; spans it carries whose ids are new are still added.
        An article deleted from the project before is left out and reported (``deleted``),
        unless ``restore``: then it comes back as it was deleted (same id and spans).
        ``records`` may be a generator: a reading error raised from it aborts the import too.
        ``progress(count, rate)`` may return False to cancel (nothing is imported)."""
        report = ImportReport()
        started = time.perf_counter()
        stamp = cx.now()
        with self.transaction():
            shas = dict(self.conn.execute("SELECT sha256, id FROM articles"))
            deleted = self.deleted_shas()
            firsts: dict[str, str] = {}  # sha256 -> where of the record that added it here
            labels = {r[0] for r in self.conn.execute("SELECT name FROM labels")}
            batch = _Batch(self, next_article_id(self.conn))
            count = 0
            for record in records:
                count += 1
                try:
                    # with skip_bad a savepoint per record lets a bad one leave no trace (and
                    # the record is written at once); without it any error aborts the whole
                    # transaction anyway, so rows are written in large batches
                    with self.transaction() if skip_bad else nullcontext():
                        sha = sha256_text(record.text)
                        where = f"{record.where}: {record.title}".strip()
                        gone = deleted.get(sha)
                        if gone is not None and not restore:
                            report.deleted.append(where)
                        else:
                            known = gone if gone is not None else shas.get(sha)
                            article_id = self._add_record(
                                record, sha, known, restoring=gone is not None,
                                create_labels=create_labels, labels=labels, batch=batch,
                                write_now=skip_bad, report=report, who=who, stamp=stamp)
                            # counted only once the whole record went in (a bad span in a
                            # skipped record must not leave its article behind as "known")
                            if gone is not None:
                                del deleted[sha]
                                shas[sha] = gone
                                report.restored.append(where)
                                self._log(who, "article.restore", "article", gone,
                                          {"import": where})
                            elif sha not in shas:
                                shas[sha] = article_id
                                firsts[sha] = record.where
                                report.added += 1
                            else:
                                first = firsts.get(sha)
                                report.duplicates.append(
                                    f"{where} (the same text as {first})" if first else
                                    f"{where} (already here as article {shas[sha]})")
                except (InvariantError, ValueError, sqlite3.IntegrityError) as exc:
                    if not skip_bad:
                        raise ImportFailed(f"{record.where}: {exc}; nothing was imported") from exc
                    batch.clear()
                    report.skipped.append(f"{record.where}: {exc}")
                if progress is not None and count % 200 == 0:
                    rate = count / max(time.perf_counter() - started, 1e-9)
                    if progress(count, rate) is False:
                        raise ImportCancelled("import cancelled; nothing was imported")
            report.spans_added += batch.flush()
            self._log(who, "import", "project", "",
                      {"added": report.added, "spans": report.spans_added,
                       "duplicates": len(report.duplicates), "skipped": len(report.skipped)})
        report.seconds = time.perf_counter() - started
        if progress is not None:
            progress(count, count / max(report.seconds, 1e-9))
        return report

    def _add_record(self: Project, record: ArticleRecord, sha: str, known: int | None, *,
                    restoring: bool, create_labels: bool, labels: set[str], batch: _Batch,
                    write_now: bool, report: ImportReport, who: str, stamp: str) -> int:
        """One record's writes in ``add_articles``: new labels, the article unless it is
        ``known`` (here already, or a deleted one coming back: ``restoring``), its spans and
        relations. Returns the article's id."""
        for name in _new_labels(record, labels, create_labels):
            self._insert_label_row(name, len(labels))
            labels.add(name)
            report.labels_created.append(name)
        if restoring and known is not None:
            self._restore_saved(known)
        article_id = known or batch.article(record, sha, stamp)
        batch.spans(article_id, record, who, stamp)
        batch.statuses(article_id, record, who, stamp)
        batch.article_attributes(article_id, record, who, stamp)
        if write_now or record.relations or batch.full():
            report.spans_added += batch.flush()
        if record.relations:
            self._insert_relations(record, who, stamp, create_labels, report)
        return article_id

    def _insert_relations(self: Project, record: ArticleRecord, who: str, stamp: str,
                          create: bool, report: ImportReport) -> None:
        """The record's relations, each checked against the scheme's relation types (a type
        the project lacks, or a label pair it does not allow, is created or widened only with
        ``create_labels``, and reported; else the record is refused)."""
        labels_of = {s.id: s.label for s in record.spans if s.id}
        for r in record.relations:
            ends = []
            for span_id in (r.from_span, r.to_span):
                label = labels_of.get(span_id) or next(iter(self.conn.execute(
                    "SELECT label FROM spans WHERE id = ?", (span_id,))), (None,))[0]
                if label is None:
                    raise InvariantError(f"relation {r.id or r.type!r} names span {span_id!r}, "
                                         "which is not in the file or the project")
                ends.append(label)
            rel = self.scheme().relation(r.type)
            if rel is not None and rel.allows(*ends):
                continue
            if not create:
                raise InvariantError(
                    f"relation type '{r.type}' " + (
                        f"does not allow {ends[0]} -> {ends[1]}" if rel else
                        "is not in the project's scheme") +
                    " (add it to the scheme, or import with --create-labels)")
            widened = RelationType(r.type, tuple(dict.fromkeys(
                (*(rel.from_labels if rel else ()), ends[0]))), tuple(dict.fromkeys(
                    (*(rel.to_labels if rel else ()), ends[1]))),
                rel.symmetric if rel else False, rel.color if rel else None,
                rel.description if rel else "")
            self.set_relation_type(widened, who)
            report.labels_created.append(f"relation {r.type} ({ends[0]} -> {ends[1]})")
        self.conn.executemany(
            "INSERT OR IGNORE INTO relations(id, from_span, to_span, type, annotator, "
            "created_at) VALUES (?,?,?,?,?,?)",
            [(r.id or str(uuid.uuid4()), r.from_span, r.to_span, r.type, r.annotator or who,
              r.created_at or stamp) for r in record.relations])


class _Batch:
    """Article and span rows of an import, checked at once and written with executemany
    (one statement per row costs ~3x the floor on many short records, e.g. CLUENER)."""

    SIZE = 5000

    def __init__(self, project: Project, next_id: int) -> None:
        self.project = project
        self.next_id = next_id
        self.uids: set[str] = set()
        self.article_rows: list[tuple[Any, ...]] = []
        self.span_rows: list[tuple[Any, ...]] = []
        self.status_rows: list[tuple[Any, ...]] = []
        self.attribute_rows: list[tuple[Any, ...]] = []
        self.parsed_rows: list[tuple[Any, ...]] = []
        self.article_attribute_rows: list[tuple[Any, ...]] = []
        self._figures: dict[str, dict[str, AttributeDef]] | None = None

    def figure_fields(self) -> dict[str, dict[str, AttributeDef]]:
        """The figure labels' parsed fields (read once per import)."""
        if self._figures is None:
            self._figures = figure_fields(self.project.scheme())
        return self._figures

    def article(self, record: ArticleRecord, sha: str, stamp: str) -> int:
        if not record.text:
            raise InvariantError("the article text is empty")
        if "\x00" in record.text:
            raise InvariantError(f"the text has a NUL character at {record.text.index(chr(0))}")
        uid = record.uid or uuid.uuid4().hex
        if record.uid and (uid in self.uids or self.project.conn.execute(
                "SELECT 1 FROM articles WHERE uid = ?", (uid,)).fetchone()):
            uid = uuid.uuid4().hex  # same id, different text: a different article
        self.uids.add(uid)
        article_id = self.next_id
        self.next_id += 1
        self.article_rows.append(
            (article_id, uid, record.title, record.source, record.url, record.published,
             record.language, record.text, sha, "todo", record.original_file,
             record.external_id, stamp, json.dumps(record.meta, ensure_ascii=False)))
        return article_id

    def spans(self, article_id: int, record: ArticleRecord, who: str, stamp: str) -> None:
        text = record.text
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
            annotator, provenance = s.annotator or who, "{}"
            if s.origin == GOLD_ORIGIN or annotator[:1] == LAYER_PREFIX:  # gold: "@gold"
                annotator, layered = gold_layer(s.annotator or GOLD, s.origin, {})
                provenance = json.dumps(layered, ensure_ascii=False) if layered else "{}"
            span_id = s.id or str(uuid.uuid4())
            self.span_rows.append(
                (span_id, article_id, s.label, s.start, s.end, s.text,
                 annotator, s.note, s.origin, s.created_at or stamp,
                 s.updated_at or s.created_at or stamp, provenance))
            if s.attributes:
                self._span_values(s, span_id, stamp)
            elif record.parse_figures and (
                    fields := self.figure_fields().get(s.label)) is not None:
                # a figure span without attributes: its value, unit, approx, basis parsed
                self.parsed_rows.extend(
                    (span_id, name, json.dumps(value, ensure_ascii=False), PARSED, stamp,
                     span_id, s.label)
                    for name, value in parsed_values(fields, s.text, text, s.start,
                                                     s.label).items())

    def _span_values(self, s: SpanRecord, span_id: str, stamp: str) -> None:
        """The span's attribute values, checked against its label's attributes; an error
        names the span (its offsets, label and text) and the attribute."""
        scheme = self.project.scheme()
        where = f"span [{s.start}, {s.end}) {s.label} {s.text[:30]!r}"
        for name, value in s.attributes.items():
            attr = scheme.attribute(s.label, name)
            if attr is None:
                raise InvariantError(f"{where}: label '{s.label}' has no attribute '{name}'")
            if is_empty(value):
                continue
            try:
                checked = check_value(attr, value, s.label)
            except BadValue as exc:
                raise InvariantError(f"{where}: {exc}") from None
            self.attribute_rows.append(
                (span_id, name, json.dumps(checked, ensure_ascii=False), "imported",
                 s.updated_at or s.created_at or stamp))

    def article_attributes(self, article_id: int, record: ArticleRecord, who: str,
                           stamp: str) -> None:
        if not record.article_attributes:
            return
        scheme = self.project.scheme()
        for annotator, values in record.article_attributes.items():
            if not isinstance(values, dict):
                raise InvariantError(f"article attributes of {annotator!r} must be an object")
            for name, value in values.items():
                attr = scheme.article_attribute(name)
                if attr is None:
                    raise InvariantError(f"the scheme has no article attribute '{name}'")
                if is_empty(value):
                    continue
                try:
                    checked = check_value(attr, value, f"the article ({annotator or who})")
                except BadValue as exc:
                    raise InvariantError(str(exc)) from None
                self.article_attribute_rows.append(
                    (article_id, annotator or who, name,
                     json.dumps(checked, ensure_ascii=False), "imported", stamp))

    def statuses(self, article_id: int, record: ArticleRecord, who: str, stamp: str) -> None:
        """The record's ``statuses`` (annotator -> status); a lone ``status`` other than todo is
        the importing annotator's. An annotator's status already in the project is kept."""
        given = dict(record.statuses) if record.statuses else (
            {who: record.status} if record.status != "todo" else {})
        for annotator, status in given.items():
            if status not in STATUSES:
                raise InvariantError(f"unknown status '{status}' for {annotator!r}")
            self.status_rows.append((article_id, annotator, status, stamp))

    def full(self) -> bool:
        return len(self.article_rows) + len(self.span_rows) >= self.SIZE

    def clear(self) -> None:
        self.article_rows.clear()
        self.span_rows.clear()
        self.status_rows.clear()
        self.attribute_rows.clear()
        self.parsed_rows.clear()
        self.article_attribute_rows.clear()

    def flush(self) -> int:
        """Write what is pending; return how many spans were new (ids already present are
        skipped: importing the same file twice adds nothing)."""
        conn = self.project.conn
        if self.article_rows:
            conn.executemany(
                "INSERT INTO articles(id, uid, title, source, url, published, language, text, "
                "sha256, status, original_file, external_id, imported_at, meta) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.article_rows)
        added = 0
        if self.span_rows:  # rowcount: the span-count triggers' updates are not new spans
            added = conn.executemany(
                'INSERT OR IGNORE INTO spans(id, article_id, label, start, "end", text, '
                "annotator, note, origin, created_at, updated_at, provenance) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                self.span_rows).rowcount
        if self.status_rows:
            conn.executemany(
                "INSERT OR IGNORE INTO article_statuses(article_id, annotator, status, "
                "changed_at) VALUES (?,?,?,?)", self.status_rows)
        if self.attribute_rows:  # a span already here keeps its values (never overwritten)
            conn.executemany(
                "INSERT OR IGNORE INTO span_attributes(span_id, name, value, source, "
                "updated_at) VALUES (?,?,?,?,?)", self.attribute_rows)
        if self.parsed_rows:  # only onto the span the record describes (not one with its id)
            conn.executemany(
                "INSERT OR IGNORE INTO span_attributes(span_id, name, value, source, "
                "updated_at) SELECT ?,?,?,?,? WHERE EXISTS (SELECT 1 FROM spans WHERE id = ? "
                "AND label = ?)", self.parsed_rows)
        if self.article_attribute_rows:
            conn.executemany(
                "INSERT OR IGNORE INTO article_attributes(article_id, annotator, name, value, "
                "source, updated_at) VALUES (?,?,?,?,?,?)", self.article_attribute_rows)
        self.clear()
        return added


def _new_labels(record: ArticleRecord, known: set[str], create: bool) -> list[str]:
    missing = sorted({s.label for s in record.spans} - known)
    if missing and not create:
        raise InvariantError(
            f"unknown label(s) {', '.join(missing)} (add them to the project's scheme, "
            "or import with --create-labels)")
    return missing
