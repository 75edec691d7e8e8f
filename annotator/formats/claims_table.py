"""The claims table and the relations table (no Qt): CSV a social scientist loads into pandas,
R or Stata.

``claims``: one row per span of the claim label (``claim_label``, default ``claim``), columns
``article_id, title, published, claim_id, text, start, end, annotator``, then ``attr:NAME`` for
each attribute the scheme gives the claim label, ``rel:TYPE`` for each relation type that can
leave a claim (the target spans' texts, in text order, joined by " | "), and, where the type can
reach a label with ``value`` and ``unit`` attributes (a figure), ``rel:TYPE:value`` and
``rel:TYPE:unit`` (one entry per target, joined by " | " in the same order; a target without
one gives an empty entry), then ``article:NAME`` for each article attribute (the claim's
annotator's value). Multi values are joined by " | ", booleans are ``true``/``false``, unset
cells are empty. A ``labels`` filter limits the relation targets shown, never the claims.

``relations``: one row per relation between exported spans: ``article_id, title,
relation_id, type, annotator``, then ``from_id, from_label, from_start, from_end, from_text``
and the same for ``to_``.

Offsets are code points, end-exclusive. ``excel`` and ``safe`` are those of the ``csv`` format.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.scheme import Scheme
from annotator.formats import register
from annotator.formats._common import (
    S_ANNOTATOR,
    S_END,
    S_ID,
    S_LABEL,
    S_START,
    S_TEXT,
    ExportLog,
    ExportProgress,
    Filters,
    FormatError,
    article_values,
    atomic_path,
    iter_export,
    project_relations,
    span_values,
)
from annotator.formats.csv_spans import neutralize, spreadsheet_notes

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["claim_columns", "export_claims", "export_relations"]

HEAD = ("article_id", "title", "published", "claim_id", "text", "start", "end", "annotator")
RELATION_COLUMNS = ("article_id", "title", "relation_id", "type", "annotator",
                    "from_id", "from_label", "from_start", "from_end", "from_text",
                    "to_id", "to_label", "to_start", "to_end", "to_text")
JOIN = " | "
#: the attributes that make a relation target a figure
FIGURE_PARTS = ("value", "unit")


class ClaimColumns:
    """The columns of a claims table for a scheme: what each holds, in order."""

    def __init__(self, scheme: Scheme, claim_label: str) -> None:
        self.attributes = [a.name for a in scheme.attributes_of(claim_label)]
        self.relations: list[tuple[str, bool]] = []  # (type, has figure columns)
        for rel in scheme.relations:
            targets = list(rel.to_labels) if claim_label in rel.from_labels else []
            if rel.symmetric and claim_label in rel.to_labels:
                targets += list(rel.from_labels)
            if targets:
                figure = any({a.name for a in scheme.attributes_of(t)} >= set(FIGURE_PARTS)
                             for t in targets)
                self.relations.append((rel.name, figure))
        self.article = [a.name for a in scheme.article_attributes]
        self.symmetric = frozenset(r.name for r in scheme.relations if r.symmetric)

    def names(self) -> list[str]:
        out = list(HEAD) + [f"attr:{n}" for n in self.attributes]
        for type_, figure in self.relations:
            out.append(f"rel:{type_}")
            if figure:
                out += [f"rel:{type_}:{part}" for part in FIGURE_PARTS]
        return out + [f"article:{n}" for n in self.article]


def claim_columns(project: Project, claim_label: str = "claim") -> list[str]:
    """The header of the claims table of ``project``."""
    return ClaimColumns(project.scheme(), claim_label).names()


def _open(tmp: Path, excel: bool) -> Any:
    return open(tmp, "w", encoding="utf-8-sig" if excel else "utf-8", newline="")


def _safe_row(row: list[Any], counts: dict[str, int]) -> list[Any]:
    safe = [neutralize(c) if isinstance(c, str) else c for c in row]
    if safe != row:
        counts["neutralized"] += 1
    return safe


def export_claims(project: Project, out: str | os.PathLike[str], *,
                  annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
                  statuses: Iterable[str] | None = None, gold_only: bool = False,
                  skip_empty: bool = False, progress: ExportProgress | None = None,
                  excel: bool = False, safe: bool = False, claim_label: str = "claim",
                  include_suggested: bool = True) -> dict[str, int]:
    """Write the claims table; return counts. (An article without claims has no row, so
    ``skip_empty`` changes nothing.) A table cannot mark a suggestion: ``export_format``
    leaves suggested spans out unless asked."""
    if claim_label not in {lb.name for lb in project.labels()}:
        raise FormatError(f"there is no label '{claim_label}' in {project.path.name}; "
                          "choose the claim label with --claim-label")
    filters = Filters.make(annotators, None, statuses, gold_only, skip_empty, include_suggested)
    targets_shown = None if labels is None else frozenset(labels)
    out = Path(out)
    columns = ClaimColumns(project.scheme(), claim_label)
    relations = project_relations(project, filters)
    values = span_values(project, filters, shown=True)  # format_value's text, from SQLite
    article_attrs = article_values(project, filters, shown=True)
    log = ExportLog(out, "claims")
    counts = {"articles": 0, "claims": 0, "relations": 0, "neutralized": 0}
    try:
        with atomic_path(out) as tmp, _open(tmp, excel) as fh:
            writer = csv.writer(fh)
            writer.writerow(columns.names())
            for article, rows in iter_export(project, filters, progress=progress, raw=True):
                claims = [r for r in rows if r[S_LABEL] == claim_label]
                if not claims:
                    continue
                counts["articles"] += 1
                by_id = {r[S_ID]: r for r in rows}
                span_attrs = values.get(article.id)
                art = article_attrs.get(article.id)
                leaving: dict[str, dict[str, list[Any]]] = {}
                for _rid, a, b, type_, _who in relations.get(article.id, ()):
                    pairs = ((a, b), (b, a)) if type_ in columns.symmetric else ((a, b),)
                    for source, target in pairs:
                        end = by_id[target]
                        if targets_shown is None or end[S_LABEL] in targets_shown:
                            leaving.setdefault(source, {}).setdefault(type_, []).append(end)
                for r in claims:
                    mine = span_attrs.get(r[S_ID], {})
                    row: list[Any] = [article.id, article.title, article.published, r[S_ID],
                                      r[S_TEXT], r[S_START], r[S_END], r[S_ANNOTATOR]]
                    row += [mine.get(n, "") for n in columns.attributes]
                    out_rel = leaving.get(r[S_ID], {})
                    for type_, figure in columns.relations:
                        ends = sorted(out_rel.get(type_, ()), key=lambda e: (e[1], e[2]))
                        counts["relations"] += len(ends)
                        row.append(JOIN.join(e[S_TEXT] for e in ends))
                        if figure:
                            row += [JOIN.join(span_attrs.get(e[S_ID], {}).get(part, "")
                                              for e in ends) for part in FIGURE_PARTS]
                    theirs = art.get(r[S_ANNOTATOR], {})
                    row += [theirs.get(n, "") for n in columns.article]
                    writer.writerow(_safe_row(row, counts) if safe else row)
                counts["claims"] += len(claims)
    except BaseException:
        log.abort()
        raise
    log.finish(project, unit="code points", filters=filters, files=[out], counts=counts,
               options={"excel": excel, "safe": safe, "claim_label": claim_label,
                        "targets": None if labels is None else sorted(targets_shown or ())},
               notes=[*spreadsheet_notes(excel, safe), "multi values and several targets joined by ' | '"],
               not_carried=["spans of other labels (only as relation targets)", "notes",
                            "relations into a claim"])
    return counts


def export_relations(project: Project, out: str | os.PathLike[str], *,
                     annotators: Iterable[str] | None = None,
                     labels: Iterable[str] | None = None,
                     statuses: Iterable[str] | None = None, gold_only: bool = False,
                     skip_empty: bool = False, progress: ExportProgress | None = None,
                     excel: bool = False, safe: bool = False,
                     include_suggested: bool = True) -> dict[str, int]:
    """Write one row per relation between exported spans; return counts (``skip_empty``
    changes nothing: an article without relations has no row)."""
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty,
                           include_suggested)
    out = Path(out)
    params: dict[str, Any] = {}
    where = filters.span_where(params, "s") + filters.span_where(params, "t")
    rows = project.conn.execute(
        "SELECT a.id, a.title, r.id, r.type, r.annotator, s.id, s.label, s.start, s.\"end\", "
        "s.text, t.id, t.label, t.start, t.\"end\", t.text FROM relations r "
        "JOIN spans s ON s.id = r.from_span JOIN spans t ON t.id = r.to_span "
        f"JOIN articles a ON a.id = s.article_id WHERE 1{where} "
        "ORDER BY a.id, s.start, r.created_at, r.rowid", params)
    log = ExportLog(out, "relations")
    counts = {"relations": 0, "neutralized": 0}
    try:
        with atomic_path(out) as tmp, _open(tmp, excel) as fh:
            writer = csv.writer(fh)
            writer.writerow(RELATION_COLUMNS)
            for row in rows:
                counts["relations"] += 1
                writer.writerow(_safe_row(list(row), counts) if safe else row)
    except BaseException:
        log.abort()
        raise
    log.finish(project, unit="code points", filters=filters, files=[out], counts=counts,
               options={"excel": excel, "safe": safe}, notes=spreadsheet_notes(excel, safe),
               not_carried=["attributes", "spans without relations"])
    return counts


register("claims", writer=export_claims,
         description="the claims table: CSV, one row per claim with its attributes, relation "
                     "targets and article attributes (--claim-label; --excel, --safe)")
register("relations", writer=export_relations,
         description="CSV, one row per relation with both ends' text, label and offsets "
                     "(--excel, --safe)")
