"""Merging a teammate's project file into ours (issue 5, item 1).

``preview`` and ``merge`` share everything but the writes: the teammate's file is copied and
checked by ``untrusted.open_teammate`` (copy, header, schema allowlist, ``quick_check``, every
row), the private copy is ATTACHed read-only to the project's connection, the same queries count
what would be added and skipped, and ``merge`` then inserts in ONE transaction (all or nothing)
with ``INSERT ... SELECT`` (no Python round trip per span).

Rules: articles match by sha256 of their text (the same title with another text is another
article); articles we lack are added (their ``uid`` kept unless ours has it already); spans come
in with their ids, annotators, origins and timestamps, and their provenance gains an entry in its
``merges`` list: ``{"file", "file_sha256", "project", "at", "by"}``; a span whose id is already
here is skipped (the same span: already merged; another span with that id: ours is kept and the
report says so) - except one case: a file ``annotator assign`` handed to an annotator (its
``assigned_from`` token matches our plan) brings back that annotator's own spans, and one she
edited there (label, boundaries, note) since we last had it (a later ``updated_at``) replaces
ours, the change log keeping ours (``span.update``, ``"merge"`` naming the file); labels we
lack are created (without a hotkey ours already uses); relations come in when their id is new
and neither end is such a conflicting span. Nothing is ever deleted, nor updated but by that
rule, so merges are idempotent and, up to which copy of a conflicting id arrives first,
order-independent. The other exception is a status (progress, not an annotation): an
annotator's status we lack comes in; one we have is replaced when theirs changed later
(``changed_at``), and each such update is logged (``article.status``, with the file it came
from). The teammate's file is only read.

Attribute values, article attributes and the definitions they need follow the same rules
(``merge_structure.py``): what we lack comes in, what differs keeps ours and is counted, but
for the package owner's own value set later there; a definition that contradicts ours, a
relation its type does not allow here or whose end is missing refuses the file. A relation
whose id is another relation's here keeps ours (counted); one of an article deleted here is
left out with it.

The writes are SQL on ``project.conn`` inside ``Project.transaction()`` (the store's API has no
bulk span insert with provenance); the change log gets one ``merge`` entry.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.review.merge_structure import (
    StructurePlan,
    plan_definitions,
    plan_values,
    write_definitions,
    write_values,
)
from annotator.review.registry_merge import merge_registry, merge_rejections
from annotator.review.untrusted import MAX_SIZE, Teammate, open_teammate
from annotator.store import connection as cx
from annotator.store.article_admin import next_article_id
from annotator.store.assignments import ASSIGNED_FROM
from annotator.store.errors import ProjectError

if TYPE_CHECKING:
    from annotator.store.project import Project

_DB = "teammate"
_EXAMPLES = 20
#: Page cache (KiB, SQLite's negative form) while merging: 1M spans look up and insert ids at
#: random places of the span index; with SQLite's default 2 MB a merge took 24 s, with this 13 s.
_CACHE_KIB = 256 * 1024

#: Every span of the teammate by annotator and fate: NULL (new here), '' (the same span is here
#: already) or where the span here with the same id differs from theirs (a conflict).
_DIFFERS = ('(x.start != s.start OR x."end" != s."end" OR x.label != s.label '
            "OR x.annotator != s.annotator OR x.note != s.note)")
#: The package's owner's own span, edited there after we last had it: theirs replaces ours.
_OWNERS_NEWER = ("(m.sha256 = ta.sha256 AND x.annotator IS :owner AND s.annotator IS :owner "
                 "AND s.updated_at > x.updated_at)")
_CLASSIFY = f"""
    SELECT s.annotator, CASE
        WHEN x.id IS NULL THEN NULL
        WHEN m.sha256 IS NOT ta.sha256 THEN 'in another article'
        WHEN NOT {_DIFFERS} THEN ''
        WHEN {_OWNERS_NEWER} THEN 'update'
        WHEN x.start != s.start OR x."end" != s."end" THEN
            'at [' || x.start || ', ' || x."end" || ') here, [' || s.start || ', ' || s."end"
            || ') there'
        WHEN x.label != s.label THEN 'labelled ' || x.label || ' here, ' || s.label || ' there'
        WHEN x.annotator != s.annotator THEN 'by ' || x.annotator || ' here, '
            || s.annotator || ' there'
        WHEN x.note != s.note THEN 'with another note'
        ELSE ''
    END AS fate, count(*), min(s.id)
    FROM {_DB}.spans s LEFT JOIN main.spans x ON x.id = s.id
    LEFT JOIN {_DB}.articles ta ON ta.id = s.article_id AND x.id IS NOT NULL
    LEFT JOIN main.articles m ON m.id = x.article_id
    {{where}} GROUP BY 1, 2
"""
#: Leaves out the spans of articles deleted here (only asked when the file has such articles:
#: a lookup per span, about a third of the classification).
_NOT_DELETED_HERE = f"""
    WHERE NOT EXISTS (SELECT 1 FROM {_DB}.articles td JOIN main.deleted_articles d
                      ON d.sha256 = td.sha256 WHERE td.id = s.article_id)"""

_SAME_ID = (f"FROM {_DB}.spans s JOIN main.spans x ON x.id = s.id "
            f"JOIN {_DB}.articles ta ON ta.id = s.article_id "
            f"JOIN main.articles m ON m.id = x.article_id")

#: Articles of the teammate deleted here before: left out (with their spans) and reported.
_DELETED_HERE = f"""
    SELECT t.title, d.article_id FROM {_DB}.articles t
    JOIN main.deleted_articles d ON d.sha256 = t.sha256 ORDER BY t.id
"""


_INSERT_ARTICLES = f"""
    INSERT INTO main.articles(id, uid, title, source, url, published, language, text,
        sha256, status, original_file, external_id, imported_at, meta)
    SELECT :first + row_number() OVER (ORDER BY t.id), CASE WHEN EXISTS (SELECT 1 FROM main.articles u WHERE u.uid = t.uid)
        THEN lower(hex(randomblob(16))) ELSE t.uid END, t.title, t.source, t.url, t.published,
        t.language, t.text, t.sha256, 'todo', t.original_file, t.external_id, :stamp,
        t.meta
    FROM {_DB}.articles t
    WHERE NOT EXISTS (SELECT 1 FROM main.articles m WHERE m.sha256 = t.sha256)
    AND NOT EXISTS (SELECT 1 FROM main.deleted_articles d WHERE d.sha256 = t.sha256)
    ORDER BY t.id
"""

#: :entry is this merge's provenance entry, appended to the span's ``merges`` list.
_INSERT_SPANS = f"""
    INSERT OR IGNORE INTO main.spans(id, article_id, label, start, "end", text, annotator, note,
        origin, provenance, created_at, updated_at)
    SELECT s.id, m.id, s.label, s.start, s."end", s.text, s.annotator, s.note, s.origin,
        CASE WHEN s.provenance = '{{}}' THEN json_object('merges', json_array(json(:entry)))
            WHEN json_type(s.provenance, '$.merges') = 'array'
                THEN json_insert(s.provenance, '$.merges[#]', json(:entry))
            ELSE json_set(s.provenance, '$.merges', json_array(json(:entry))) END,
        s.created_at, s.updated_at
    FROM {_DB}.spans s JOIN {_DB}.articles ta ON ta.id = s.article_id
    JOIN main.articles m ON m.sha256 = ta.sha256
    ORDER BY s.rowid
"""


#: Every status of the teammate with ours for the same article (by text) and annotator: their
#: status and time, ours (NULL: we have none, or not the article yet) and our article's id.
_STATUSES = f"""
    SELECT ts.annotator, ts.status, ts.changed_at, x.status, x.changed_at, m.id
    FROM {_DB}.article_statuses ts JOIN {_DB}.articles ta ON ta.id = ts.article_id
    LEFT JOIN main.articles m ON m.sha256 = ta.sha256
    LEFT JOIN main.article_statuses x ON x.article_id = m.id AND x.annotator = ts.annotator
"""

_INSERT_STATUSES = f"""
    INSERT INTO main.article_statuses(article_id, annotator, status, changed_at)
    SELECT m.id, ts.annotator, ts.status, ts.changed_at
    FROM {_DB}.article_statuses ts JOIN {_DB}.articles ta ON ta.id = ts.article_id
    JOIN main.articles m ON m.sha256 = ta.sha256
    WHERE NOT EXISTS (SELECT 1 FROM main.article_statuses x
                      WHERE x.article_id = m.id AND x.annotator = ts.annotator)
"""


@dataclass
class MergeReport:
    """What a merge added and skipped, and why (``preview`` fills it without writing)."""

    source: str
    source_sha256: str
    source_title: str
    dry_run: bool
    articles_added: int = 0
    articles_present: int = 0  # the same text (sha256) is already here
    articles_deleted: list[str] = field(default_factory=list)  # "title (article N)" deleted here
    spans_added: int = 0
    spans_present: int = 0  # the same span (id and content) is already here
    span_conflicts: int = 0  # another span with the same id is here: ours kept
    spans_updated: int = 0  # the package owner's own spans, edited there since: theirs won
    owner: str = ""  # the annotator this file was assigned to (its token matched our plan)
    conflict_examples: list[str] = field(default_factory=list)
    spans_by_annotator: dict[str, int] = field(default_factory=dict)  # added
    labels_created: list[str] = field(default_factory=list)
    relations_added: int = 0
    relations_present: int = 0
    relations_skipped: int = 0  # an end is a conflicting span, or in an article deleted here
    relation_conflicts: int = 0  # another relation with the same id is here: ours kept
    definitions_added: list[str] = field(default_factory=list)  # attributes, relation types
    attributes_added: int = 0  # span attribute values we lacked
    attributes_present: int = 0  # the same value is here
    attributes_updated: int = 0  # the package owner's own value, set later there: theirs won
    attribute_conflicts: int = 0  # another value is here: ours kept
    article_attributes_added: int = 0
    article_attributes_present: int = 0
    article_attributes_updated: int = 0
    article_attribute_conflicts: int = 0
    statuses_added: int = 0  # an annotator's status we lacked
    statuses_updated: int = 0  # theirs changed later than ours
    statuses_kept: int = 0  # ours is the same or changed later
    registry: str = ""  # the company registry's union (review/registry_merge.py), when written
    registry_added: int = 0  # companies added or given new aliases, tickers or a note
    rejections_added: int = 0  # suggestions the teammate rejected, now remembered here
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.registry_added or self.rejections_added or self.articles_added or self.spans_added or self.labels_created
                    or self.relations_added or self.spans_updated or self.statuses_added
                    or self.statuses_updated or self.definitions_added
                    or self.attributes_added or self.attributes_updated
                    or self.article_attributes_added or self.article_attributes_updated)

    def summary(self) -> str:
        verb = "would add" if self.dry_run else "added"
        name = Path(self.source).name
        parts = [f"{name} ({self.source_title}): {verb} {self.articles_added} article(s), "
                 f"{self.spans_added} span(s)"]
        if self.relations_added:
            parts.append(f"{self.relations_added} relation(s)")
        if self.attributes_added:
            parts.append(f"{self.attributes_added} attribute value(s)")
        if self.article_attributes_added:
            parts.append(f"{self.article_attributes_added} article attribute(s)")
        if self.labels_created:
            parts.append("new label(s) " + ", ".join(self.labels_created))
        if self.registry:
            parts.append(self.registry)
        if self.definitions_added:
            parts.append("new " + ", ".join(self.definitions_added))
        if self.attributes_updated or self.article_attributes_updated:
            verb = "would replace" if self.dry_run else "replaced"
            parts.append(f"{verb} {self.attributes_updated} attribute value(s) and "
                         f"{self.article_attributes_updated} article attribute(s) of "
                         f"{self.owner}'s set later there (the old ones stay in the change "
                         "log)")
        if self.spans_updated:
            verb = "would replace" if self.dry_run else "replaced"
            parts.append(f"{verb} {self.spans_updated} of {self.owner}'s span(s) with the "
                         "newer version edited there (the old one stays in the change log)")
        if self.statuses_added or self.statuses_updated:
            parts.append(f"{self.statuses_added} status(es), {self.statuses_updated} updated "
                         "(changed later there)")
        skipped = self.skipped()
        text = ", ".join(parts)
        if skipped:
            text += "; skipped " + ", ".join(skipped)
        return text

    def skipped(self) -> list[str]:
        """What is not added, and why (for the summary line and the GUI's preview)."""
        out = []
        if self.articles_present:
            out.append(f"{self.articles_present} article(s) already here (same text)")
        if self.articles_deleted:
            out.append(f"{len(self.articles_deleted)} article(s) deleted here before, with "
                       "their spans (`annotator article PROJECT ID --restore` brings one back)")
        if self.spans_present:
            out.append(f"{self.spans_present} span(s) already here")
        if self.span_conflicts:
            out.append(f"{self.span_conflicts} span(s) whose id is taken by a different "
                       "span here (ours kept)")
        if self.relations_present:
            out.append(f"{self.relations_present} relation(s) already here")
        if self.relations_skipped:
            out.append(f"{self.relations_skipped} relation(s) joining a span left out")
        if self.relation_conflicts:
            out.append(f"{self.relation_conflicts} relation(s) whose id is taken by a "
                       "different relation here (ours kept)")
        present = self.attributes_present + self.article_attributes_present
        if present:
            out.append(f"{present} attribute value(s) already here")
        conflicts = self.attribute_conflicts + self.article_attribute_conflicts
        if conflicts:
            out.append(f"{conflicts} attribute value(s) that differ here (ours kept)")
        if self.statuses_kept:
            out.append(f"{self.statuses_kept} status(es) the same here or changed later here")
        return out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def preview(project: Project, teammate_path: str | os.PathLike[str],
            *, max_size: int = MAX_SIZE) -> MergeReport:
    """What ``merge`` would add and skip; writes nothing (the project may be read-only)."""
    with open_teammate(teammate_path, project=project, max_size=max_size) as teammate:
        return _run(project, teammate, who="", write=False)


def merge(project: Project, teammate_path: str | os.PathLike[str], who: str,
          *, max_size: int = MAX_SIZE) -> MergeReport:
    """Merge a teammate's file into ``project`` in one transaction; see the module doc."""
    with open_teammate(teammate_path, project=project, max_size=max_size) as teammate:
        return _run(project, teammate, who=who, write=True)


def merge_all(project: Project, paths: Sequence[str | os.PathLike[str]], who: str,
              *, dry_run: bool = False, max_size: int = MAX_SIZE) -> list[MergeReport]:
    """Check every file first (one refused file: nothing is merged), then merge each in turn,
    one transaction per file."""
    opened: list[Teammate] = []
    try:
        for path in paths:
            opened.append(open_teammate(path, project=project, max_size=max_size))
        with _big_cache(project):  # kept across the files: they share our articles' pages
            return [_run(project, t, who=who, write=not dry_run) for t in opened]
    finally:
        for teammate in opened:
            teammate.close()


# ------------------------------------------------------------------------------- internals
@contextmanager
def _big_cache(project: Project) -> Iterator[None]:
    """Our page cache at ``_CACHE_KIB`` for the block, then as it was."""
    conn = project.conn
    cache = conn.execute("PRAGMA main.cache_size").fetchone()[0]
    conn.execute(f"PRAGMA main.cache_size=-{_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA main.cache_size={int(cache)}")


@contextmanager
def _attached(project: Project, teammate: Teammate) -> Iterator[None]:
    if project.conn.in_transaction:
        raise ProjectError("a merge cannot run inside another transaction")
    conn = project.conn
    conn.execute(f"ATTACH DATABASE ? AS {_DB}", (teammate.uri,))
    try:
        with _big_cache(project):
            conn.execute(f"PRAGMA {_DB}.cache_size=-{_CACHE_KIB}")
            conn.execute(f"PRAGMA {_DB}.mmap_size={MAX_SIZE}")  # our private copy (untrusted.py)
            yield
    finally:
        conn.execute(f"DETACH DATABASE {_DB}")


def _run(project: Project, teammate: Teammate, *, who: str, write: bool) -> MergeReport:
    started = time.perf_counter()
    report = MergeReport(str(teammate.path), teammate.sha256, teammate.title,
                         dry_run=not write, notes=list(teammate.notes))
    if write and not who:
        raise ProjectError("a merge needs the name of who merges")
    row = teammate.conn.execute("SELECT value FROM meta WHERE key = ?",
                                (ASSIGNED_FROM,)).fetchone()
    report.owner = project.package_owner(row[0] if row else None) or ""
    with _attached(project, teammate):
        labels = _plan(project, report)
        structure = StructurePlan()
        scheme = plan_definitions(project, teammate, report, structure)
        conflicts = _classify(project, report)
        relations = _relations(project, report, conflicts)
        plan_values(project, teammate, report, structure, scheme, conflicts)
        updates = _statuses(project, report)
        if write:
            with project.transaction():
                _write(project, teammate, report, who, labels, relations, structure,
                       conflicts)
                _write_statuses(project, teammate, report, who, updates)
                registry = merge_registry(project, teammate.conn, who)
                registry.rejections = report.rejections_added = merge_rejections(project, _DB)
                report.registry_added = registry.added + registry.widened
                if report.registry_added or registry.conflicts or registry.rejections:
                    report.registry = registry.summary()
    report.seconds = time.perf_counter() - started
    return report


def _plan(project: Project, report: MergeReport) -> list[tuple[str, str, str | None, str]]:
    """Count articles and spans to add; return the labels to create."""
    conn = project.conn
    total, present = conn.execute(
        f"SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM main.articles m "
        f"WHERE m.sha256 = t.sha256)), 0) FROM {_DB}.articles t").fetchone()
    report.articles_deleted = [f"{title} (article {article_id})"
                               for title, article_id in conn.execute(_DELETED_HERE)]
    report.articles_present = present
    report.articles_added = total - present - len(report.articles_deleted)
    ours = {name: hotkey for name, hotkey in conn.execute("SELECT name, hotkey FROM main.labels")}
    taken = {h for h in ours.values() if h}
    create = []
    for name, color, hotkey, description in conn.execute(
            f"SELECT name, color, hotkey, description FROM {_DB}.labels "
            f"ORDER BY position, name"):
        if name in ours:
            continue
        if hotkey and hotkey in taken:
            report.notes.append(f"label {name}: hotkey {hotkey} is already used here, so it "
                                "comes without one")
            hotkey = None
        if hotkey:
            taken.add(hotkey)
        create.append((name, color, hotkey, description))
        report.labels_created.append(name)
    return create


def _classify(project: Project, report: MergeReport) -> set[str]:
    """Count the spans to add per annotator, and those whose id we have: the same span
    (already merged) or another one (a conflict: ours is kept). Returns the conflicting ids."""
    conflicted = False
    owner = {"owner": report.owner or None}
    where = _NOT_DELETED_HERE if report.articles_deleted else ""
    for annotator, fate, count, first_id in project.conn.execute(
            _CLASSIFY.format(where=where), owner):
        if fate is None:
            report.spans_by_annotator[annotator] = count
        elif fate == "":
            report.spans_present += count
        elif fate == "update":
            report.spans_updated += count
        else:
            report.span_conflicts += count
            conflicted = True
            if len(report.conflict_examples) < _EXAMPLES:
                report.conflict_examples.append(
                    f"span {first_id}{' and others' if count > 1 else ''}: {fate} (ours kept)")
    report.spans_added = sum(report.spans_by_annotator.values())
    if not conflicted:
        return set()
    return {row[0] for row in project.conn.execute(
        f"SELECT s.id {_SAME_ID} WHERE m.sha256 != ta.sha256 "
        f"OR ({_DIFFERS} AND NOT {_OWNERS_NEWER})", owner)}


def _relations(project: Project, report: MergeReport, conflicts: set[str]) -> list[tuple]:
    """Count the relations to add, already here, joining a span left out (a conflicting one,
    or one of an article deleted here) and whose id is another relation's here."""
    rows = project.conn.execute(
        f"SELECT r.id, r.from_span, r.to_span, r.type, r.annotator, r.created_at, m.id, "
        f"m.from_span IS r.from_span AND m.to_span IS r.to_span AND m.type IS r.type, "
        f"EXISTS (SELECT 1 FROM {_DB}.spans a JOIN {_DB}.articles td ON td.id = a.article_id "
        f"JOIN main.deleted_articles d ON d.sha256 = td.sha256 WHERE a.id = r.from_span) "
        f"FROM {_DB}.relations r LEFT JOIN main.relations m ON m.id = r.id "
        f"ORDER BY r.created_at, r.rowid").fetchall()  # the order relations are read in
    new = []
    for *relation, here, same, deleted in rows:
        if here is not None:
            if same:
                report.relations_present += 1
            else:
                report.relation_conflicts += 1
        elif relation[1] in conflicts or relation[2] in conflicts or deleted:
            report.relations_skipped += 1
        else:
            new.append(tuple(relation))
    report.relations_added = len(new)
    return new


def _statuses(project: Project, report: MergeReport) -> list[tuple[int, str, str, str, str]]:
    """Count the statuses to add, update and keep; return the updates
    ``(article id, annotator, ours, theirs, their changed_at)``."""
    updates = []
    for annotator, theirs, their_time, ours, our_time, article_id in project.conn.execute(
            _STATUSES):
        if ours is None:
            report.statuses_added += 1
        elif their_time > our_time and theirs != ours:
            report.statuses_updated += 1
            updates.append((article_id, annotator, ours, theirs, their_time))
        else:
            report.statuses_kept += 1
    return updates


def _write_statuses(project: Project, teammate: Teammate, report: MergeReport, who: str,
                    updates: list[tuple[int, str, str, str, str]]) -> None:
    """Add the statuses we lack; apply and log each later change of theirs."""
    added = (project.conn.execute(_INSERT_STATUSES).rowcount if report.statuses_added else 0)
    _expect(added, report.statuses_added, "statuses")
    stamp = cx.now()
    for article_id, annotator, ours, theirs, their_time in updates:
        project._write_status(article_id, annotator, theirs, their_time)
        project._log(who, "article.status", "article", article_id, {
            "annotator": annotator, "before": ours, "after": theirs, "changed_at": their_time,
            "merged_from": teammate.path.name, "file_sha256": teammate.sha256}, stamp)


def _write(project: Project, teammate: Teammate, report: MergeReport, who: str,
           labels: list[tuple[str, str, str | None, str]], relations: list[tuple],
           structure: StructurePlan, conflicts: set[str]) -> None:
    conn = project.conn
    stamp = cx.now()
    position = int(conn.execute("SELECT coalesce(max(position) + 1, 0) FROM main.labels")
                   .fetchone()[0])
    for name, color, hotkey, description in labels:
        project.insert_label(name, position, color, hotkey, description)
        position += 1
    write_definitions(project, structure)
    # rowcount, not total_changes: the rows the triggers touch (span counts) are not inserts
    added = conn.execute(_INSERT_ARTICLES, {"stamp": stamp, "first": next_article_id(conn) - 1}
                         ).rowcount if report.articles_added else 0
    _expect(added, report.articles_added, "articles")
    entry = json.dumps({"file": teammate.path.name, "file_sha256": teammate.sha256,
                        "project": teammate.title, "at": stamp, "by": who},
                       ensure_ascii=False)
    # OR IGNORE: skip the ids we have (every other row is valid)
    added = conn.execute(_INSERT_SPANS, {"entry": entry}).rowcount if report.spans_added else 0
    _expect(added, report.spans_added, "spans")
    if report.spans_updated:
        _update_owners_spans(project, teammate, report, who, entry, stamp)
    write_values(project, teammate, report, who, structure, conflicts)
    conn.executemany(
        "INSERT INTO main.relations(id, from_span, to_span, type, annotator, created_at) "
        "VALUES (?,?,?,?,?,?)", relations)
    if report.changed:
        project.log(who, "merge", "project", teammate.sha256, {
            "file": str(teammate.path), "file_sha256": teammate.sha256,
            "project": teammate.title, "articles": report.articles_added,
            "spans": report.spans_added, "relations": report.relations_added,
            "labels": report.labels_created, "conflicts": report.span_conflicts,
            "statuses": report.statuses_added, "statuses_updated": report.statuses_updated,
            "updated": report.spans_updated, "owner": report.owner,
            "definitions": report.definitions_added,
            "attributes": report.attributes_added,
            "attributes_updated": report.attributes_updated,
            "attribute_conflicts": report.attribute_conflicts,
            "article_attributes": report.article_attributes_added,
            "article_attributes_updated": report.article_attributes_updated}, stamp)


def _update_owners_spans(project: Project, teammate: Teammate, report: MergeReport, who: str,
                         entry: str, stamp: str) -> None:
    """Replace the owner's spans they edited since with their version; the change log keeps
    ours (one ``span.update`` entry per span, ``"merge"`` naming the file). No Python round
    trip per span: the pairs (their span, ours) are found once, into a temporary table (one
    pass over the file's spans, looking each up here), then the log entries (they read ours)
    and the update read only those pairs (a pass each before: ~0.15 s of 10 packages)."""
    conn = project.conn
    fixed = {"id", "article_id", "annotator", "origin", "provenance", "created_at"}
    columns = [c for c in (r[1] for r in conn.execute("PRAGMA main.table_info(spans)"))
               if c not in fixed]
    params = {"owner": report.owner, "at": stamp, "who": who, "file": teammate.path.name,
              "entry": entry}

    def fields(alias: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns) + ")"

    conn.execute("DROP TABLE IF EXISTS temp.merge_updates")
    conn.execute("CREATE TEMP TABLE merge_updates(theirs INTEGER PRIMARY KEY, "
                 "ours INTEGER NOT NULL)")
    try:
        conn.execute(f"INSERT INTO temp.merge_updates(theirs, ours) SELECT s.rowid, x.rowid "
                     f"{_SAME_ID} WHERE {_DIFFERS} AND {_OWNERS_NEWER}", params)
        pairs = (f"FROM temp.merge_updates u JOIN {_DB}.spans s ON s.rowid = u.theirs "
                 "JOIN main.spans x ON x.rowid = u.ours")
        logged = conn.execute(
            f"INSERT INTO main.changes(at, who, action, entity, entity_id, data) "
            f"SELECT :at, :who, 'span.update', 'span', s.id, json_object('before', "
            f"{fields('x')}, 'after', {fields('s')}, 'merge', :file, 'owner', :owner) "
            f"{pairs} ORDER BY u.theirs", params).rowcount
        _expect(logged, report.spans_updated, "updated spans")
        assigned = ", ".join(f'"{c}" = s."{c}"' for c in columns)
        picked = ", ".join(f's."{c}"' for c in columns)
        updated = conn.execute(
            f"UPDATE main.spans AS y SET {assigned}, provenance = CASE "
            "WHEN json_type(y.provenance, '$.merges') = 'array' "
            "THEN json_insert(y.provenance, '$.merges[#]', json(:entry)) "
            "ELSE json_set(y.provenance, '$.merges', json_array(json(:entry))) END "
            f"FROM (SELECT u.ours AS target, {picked} FROM temp.merge_updates u "
            f"JOIN {_DB}.spans s ON s.rowid = u.theirs) AS s WHERE y.rowid = s.target",
            params).rowcount
        _expect(updated, report.spans_updated, "updated spans")
    finally:  # (a failed merge rolls it back with the rest)
        with contextlib.suppress(sqlite3.Error):
            conn.execute("DROP TABLE IF EXISTS temp.merge_updates")


def _expect(got: int, expected: int, what: str) -> None:
    if got != expected:
        raise ProjectError(f"merge aborted: {got} {what} inserted where {expected} were "
                           "expected; nothing was merged")
