"""Span reads and writes of ``Project`` (mixed into it; uses its transaction and log)."""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from annotator.core.model import ORIGINS, Relation, Span, many_from_rows
from annotator.core.names import GOLD, GOLD_ORIGIN, LAYER_PREFIX
from annotator.store import connection as cx
from annotator.store.errors import InvariantError, LabelError, NotFound

if TYPE_CHECKING:
    from annotator.store.project import Project
    from annotator.store.scheme_store import AttributeValue

SPAN_COLUMNS = (
    'id, article_id, label, start, "end", text, annotator, note, origin, created_at, updated_at'
)


def span_from_row(row: tuple) -> Span:
    return Span(*row)


_SPAN_FIELDS = Span._fields  # the order of SPAN_COLUMNS


def _tie_order(row: tuple) -> tuple:
    return (-row[4], row[9], row[0])  # longer first ("end" DESC), then created_at, id


def in_text_order(rows: list[tuple]) -> list[tuple]:
    """Span rows (SPAN_COLUMNS) sorted by start put in text order, in place: each run of equal
    starts sorted longer first, then older, then by id (what ``ORDER BY start, "end" DESC,
    created_at, id`` gives; Python compares str as SQLite's BINARY collation compares UTF-8)."""
    starts = list(map(itemgetter(3), rows))
    end = -1  # the last row of the run put in order last
    for i in [i for i, (a, b) in enumerate(zip(starts, starts[1:])) if a == b]:
        if i < end:
            continue
        end = i + 1
        while end + 1 < len(starts) and starts[end + 1] == starts[i]:
            end += 1
        rows[i:end + 1] = sorted(rows[i:end + 1], key=_tie_order)
    return rows


def spans_from_rows(rows: Iterable[tuple]) -> list[Span]:
    """``span_from_row`` of every row (``many_from_rows``)."""
    return many_from_rows(Span, rows)


def span_dict(span: Span) -> dict[str, Any]:
    """``dataclasses.asdict(span)`` without its recursive deep copy (every field is a str or
    an int): ~10x faster, and a label key writes it twice."""
    return {name: getattr(span, name) for name in _SPAN_FIELDS}


def new_id() -> str:
    return str(uuid.uuid4())


def ordered_ids() -> Iterator[str]:
    """UUIDs of version 7 (RFC 9562) for a bulk write: this millisecond, then a random
    74-bit counter counted up by one, so the ids of one run are unique and ascending. An
    index takes ascending keys at one place; random ones (``new_id``) touch a page each, and
    a million of them took most of ``suggest``'s time once its page cache was full."""
    head = (time.time_ns() // 1_000_000 & (1 << 48) - 1) << 80 | 7 << 76
    counter = secrets.randbits(73)  # half the range: counting up never wraps
    while True:
        n = head | (counter >> 62) << 64 | 2 << 62 | counter & (1 << 62) - 1
        h = f"{n:032x}"
        prefix = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-"
        low, room = n & (1 << 48) - 1, (1 << 48) - (n & (1 << 48) - 1)
        for tail in range(low, low + room):  # the last 12 digits count up; the rest stays
            yield f"{prefix}{tail:012x}"
        counter += room


def gold_layer(annotator: str, origin: str, provenance: dict[str, Any]
               ) -> tuple[str, dict[str, Any]]:
    """(annotator, provenance) as stored: an adjudicated span is ``@gold``'s, with the person
    who adjudicated it in ``provenance["adjudicator"]``; ``@...`` names no other span."""
    if annotator.startswith(LAYER_PREFIX) and (annotator, origin) != (GOLD, GOLD_ORIGIN):
        raise InvariantError(f"annotator {annotator!r} is a layer, not a person: only an "
                             f"adjudicated span belongs to {GOLD}")
    if origin == GOLD_ORIGIN and annotator != GOLD:
        provenance = {**provenance, "adjudicator": provenance.get("adjudicator", annotator)}
        annotator = GOLD
    return annotator, provenance


class SpansMixin:
    # ------------------------------------------------------------------ reads
    def spans(self: Project, article_id: int, annotator: str | None = None, *,
              starts: tuple[int, int] | None = None) -> list[Span]:
        """Spans of one article in text order (start, then longer first, then older, then
        by id); with ``starts`` (lo, hi), only those starting at lo or after and before hi
        (a range of the index, whatever the article holds elsewhere)."""
        sql = f"SELECT {SPAN_COLUMNS} FROM spans WHERE article_id = ?"
        args: list[Any] = [article_id]
        if annotator is not None:
            sql += " AND annotator = ?"
            args.append(annotator)
        if starts is not None:
            sql += " AND start >= ? AND start < ?"
            args += starts
        # the index's order (spans_article_start); SQLite's sort of the whole rows for the
        # rest of the order cost more than putting the few ties in order here (issue 14)
        rows = self.conn.execute(sql + " ORDER BY start", args).fetchall()
        return spans_from_rows(in_text_order(rows))

    def span(self: Project, span_id: str) -> Span:
        row = self.conn.execute(
            f"SELECT {SPAN_COLUMNS} FROM spans WHERE id = ?", (span_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no span with id {span_id}")
        return span_from_row(row)

    def annotators(self: Project) -> list[str]:
        """Who has spans, in name order: one index probe per name (a skip-scan of
        ``spans_annotator_article``), not a pass over every span."""
        rows = self.conn.execute(
            "WITH RECURSIVE who(name) AS (SELECT min(annotator) FROM spans UNION ALL "
            "SELECT (SELECT min(annotator) FROM spans WHERE annotator > who.name) FROM who "
            "WHERE who.name IS NOT NULL) SELECT name FROM who WHERE name IS NOT NULL")
        return [r[0] for r in rows]

    def span_count(self: Project) -> int:
        return int(self.conn.execute("SELECT count(*) FROM spans").fetchone()[0])

    # ------------------------------------------------------------------ checks
    def _covered(self: Project, article_id: int, start: int, end: int) -> str:
        """The article's text[start:end], checked against its length (invariant 3). The text
        comes from ``_text_of``'s cache, so a write to a 50 MB article does not re-read it."""
        if not (isinstance(start, int) and isinstance(end, int)):
            raise InvariantError(f"span offsets must be integers, got {start!r}, {end!r}")
        text = self._text_of(article_id)
        if not 0 <= start < end <= len(text):
            raise InvariantError(
                f"span [{start}, {end}) is outside article {article_id} (length {len(text)})"
            )
        return text[start:end]

    def _check_label(self: Project, label: str) -> None:
        if self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label,)).fetchone() is None:
            raise LabelError(f"unknown label '{label}'")

    # ------------------------------------------------------------------ writes
    def add_span(self: Project, article_id: int, start: int, end: int, label: str,
                 annotator: str, *, text: str | None = None, note: str = "",
                 origin: str = "manual", span_id: str | None = None,
                 created_at: str | None = None, provenance: dict | None = None,
                 who: str | None = None) -> Span:
        """Create a span; durable when this returns. ``text``, when given, must equal the
        covered slice of the article (invariant 3). An adjudicated span belongs to the gold
        layer: its annotator is ``@gold`` and a person named as its annotator becomes its
        provenance's ``adjudicator``. ``who`` is logged as the author (default: the
        adjudicator or annotator)."""
        if origin not in ORIGINS:
            raise InvariantError(f"unknown span origin '{origin}'")
        if not annotator:
            raise InvariantError("a span needs an annotator name")
        annotator, provenance = gold_layer(annotator, origin, provenance or {})
        who = who or provenance.get("adjudicator") or annotator
        with self.transaction():
            covered = self._covered(article_id, start, end)
            if text is not None and text != covered:
                raise InvariantError(
                    f"span text {text!r} does not match the article's text {covered!r} "
                    f"at [{start}, {end})"
                )
            self._check_label(label)
            stamp = cx.now()
            span = Span(span_id or new_id(), article_id, label, start, end, covered, annotator,
                        note, origin, created_at or stamp, stamp)
            row = span_dict(span)
            try:
                self.conn.execute(
                    f"INSERT INTO spans({SPAN_COLUMNS}, provenance) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (*row.values(), json.dumps(provenance) if provenance else "{}"),
                )
            except sqlite3.IntegrityError as exc:
                raise InvariantError(f"span {span.id} already exists") from exc
            self._log(str(who), "span.add", "span", span.id, {"after": row}, stamp)
        return span

    def restore_span(self: Project, span: Span, who: str, *,
                     attributes: Iterable[AttributeValue] = (),
                     relations: Iterable[Relation] = (),
                     provenance: dict[str, Any] | None = None) -> Span:
        """Put back a deleted span with its id, annotator and creation time, and the attribute
        values, relations and provenance (``span_provenance`` before the delete) that went
        with it (undo of delete): one transaction. A choice value renamed since the delete
        comes back under its new name."""
        with self.transaction():
            attributes = self.renamed_since_delete(span, attributes)
            restored = self.add_span(span.article_id, span.start, span.end, span.label,
                                     span.annotator, text=span.text, note=span.note,
                                     origin=span.origin, span_id=span.id,
                                     created_at=span.created_at, provenance=provenance)
            self.restore_attribute_values(span.id, attributes, who)
            self.restore_relations(list(relations), who)
        return restored

    def update_span(self: Project, span_id: str, who: str, *, label: str | None = None,
                    note: str | None = None, start: int | None = None,
                    end: int | None = None) -> Span:
        """Relabel, re-note or move a span. Returns the span as stored afterwards."""
        with self.transaction():
            before = self.span(span_id)
            new_start = before.start if start is None else start
            new_end = before.end if end is None else end
            covered = self._covered(before.article_id, new_start, new_end)
            new_label = before.label if label is None else label
            if label is not None:
                self._check_label(label)
            stamp = cx.now()
            after = Span(before.id, before.article_id, new_label, new_start, new_end, covered,
                         before.annotator, before.note if note is None else note, before.origin,
                         before.created_at, stamp)
            self.conn.execute(
                'UPDATE spans SET label = ?, start = ?, "end" = ?, text = ?, note = ?, '
                "updated_at = ? WHERE id = ?",
                (after.label, after.start, after.end, after.text, after.note, stamp, span_id),
            )
            self._log(who, "span.update", "span", span_id,
                      {"before": span_dict(before), "after": span_dict(after)}, stamp)
        return after

    def span_provenance(self: Project, span_id: str) -> dict[str, Any]:
        """Where a span came from: ``{"suggested": kind}``, a gold span's sources and
        adjudicator, or {} (what ``restore_span`` needs to bring a deleted span back whole)."""
        row = self.conn.execute("SELECT provenance FROM spans WHERE id = ?",
                                (span_id,)).fetchone()
        if row is None:
            raise NotFound(f"no span with id {span_id}")
        value = json.loads(row[0] or "{}")
        return value if isinstance(value, dict) else {}

    def set_provenance(self: Project, span_id: str, provenance: dict[str, Any], who: str
                       ) -> dict[str, Any]:
        """Replace a span's provenance (a gold span gaining sources); returns the old one."""
        with self.transaction():
            before = self.span_provenance(span_id)
            self.conn.execute("UPDATE spans SET provenance = ? WHERE id = ?",
                              (json.dumps(provenance), span_id))
            self._log(who, "span.provenance", "span", span_id,
                      {"before": before, "after": provenance})
        return before

    def delete_span(self: Project, span_id: str, who: str) -> Span:
        """Delete a span (and relations touching it); the change log keeps everything needed
        to restore it."""
        with self.transaction():
            before = self.span(span_id)
            relations = [asdict(r) for r in self.relations_of(span_id)]
            attributes = [v._asdict() for v in self.attribute_values(span_id)]
            self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            self._log(who, "span.delete", "span", span_id,
                      {"before": span_dict(before), "relations": relations,
                       "attributes": attributes})
        return before

    # ------------------------------------------------------------------ relations
    def relations_of(self: Project, span_id: str) -> list[Relation]:
        rows = self.conn.execute(
            "SELECT id, from_span, to_span, type, annotator, created_at FROM relations "
            "WHERE from_span = ? OR to_span = ? ORDER BY created_at, rowid",
            (span_id, span_id),
        )
        return [Relation(*r) for r in rows]

    def add_relation(self: Project, from_span: str, to_span: str, type_: str,
                     annotator: str, relation_id: str | None = None, *,
                     who: str | None = None, created_at: str | None = None) -> Relation:
        """A relation of a type the scheme defines, between labels it allows (both spans in
        one article); durable when this returns."""
        with self.transaction():
            a, b = self.span(from_span), self.span(to_span)
            self.check_relation(a, b, type_)
            rel = Relation(relation_id or new_id(), from_span, to_span, type_, annotator,
                           created_at or cx.now())
            try:
                self.conn.execute(
                    "INSERT INTO relations(id, from_span, to_span, type, annotator, created_at)"
                    " VALUES (?,?,?,?,?,?)", tuple(asdict(rel).values()),
                )
            except sqlite3.IntegrityError as exc:
                raise InvariantError(f"relation {rel.id} already exists") from exc
            self._log(who or annotator, "relation.add", "relation", rel.id,
                      {"after": asdict(rel)})
        return rel
