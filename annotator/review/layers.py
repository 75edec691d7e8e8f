"""Annotation layers of a project: each annotator's own spans, and the gold layer.

An annotator's layer is their spans of origin "manual" or "imported" (a "suggested" span is a
machine's proposal nobody has confirmed). The gold layer, named ``GOLD`` ("@gold") wherever an
annotator name is expected, is every span of origin "adjudicated"; the store files each under
the annotator ``@gold`` (schema m005 moved older files' gold there), with the person who
adjudicated it in its provenance's ``adjudicator``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.model import Span
from annotator.core.names import GOLD
from annotator.store.spans import SPAN_COLUMNS, spans_from_rows

if TYPE_CHECKING:
    from annotator.review.agreement import Doc
    from annotator.store.project import Project

# GOLD (defined in core/names.py): the gold layer (spans of origin "adjudicated"), usable as an
# annotator name.
HUMAN_ORIGINS = ("manual", "imported")


def layer_where(layer: str) -> tuple[str, list[Any]]:
    """SQL condition (on the ``spans`` table) and arguments selecting one layer."""
    if layer == GOLD:  # the store files every adjudicated span, and only those, under GOLD
        return "annotator = ?", [GOLD]
    return "annotator = ? AND origin IN ('manual', 'imported')", [layer]


def layer_spans(project: Project, article_id: int, layer: str) -> list[Span]:
    """The spans of one layer in one article, in text order."""
    where, args = layer_where(layer)
    rows = project.conn.execute(
        f"SELECT {SPAN_COLUMNS} FROM spans WHERE article_id = ? AND {where} "
        'ORDER BY start, "end" DESC, label, id', [article_id, *args])
    return spans_from_rows(rows)


def provenance(project: Project, span_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """span id -> its provenance (a JSON object)."""
    if not span_ids:
        return {}
    rows = project.conn.execute(
        "SELECT id, provenance FROM spans WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(span_ids)),))
    return {span_id: json.loads(text) for span_id, text in rows}


def layer_names(project: Project) -> list[str]:
    """Annotators with a layer (sorted), then ``GOLD`` when the project has gold spans.

    One index probe per name (``Project.annotators``, then the first span of a human origin
    of each), not a DISTINCT over every span: the Export dialog asks this as it opens."""
    names = [name for name in project.annotators() if project.conn.execute(
        "SELECT 1 FROM spans WHERE annotator = ? AND origin IN ('manual', 'imported') LIMIT 1",
        (name,)).fetchone()]
    if project.conn.execute("SELECT 1 FROM spans WHERE annotator = ? LIMIT 1", (GOLD,)
                            ).fetchone():  # an index probe (a scan by origin took 0.9 s at 1M)
        names.append(GOLD)
    return names


def load_docs(project: Project, annotators: Sequence[str] | None = None,
              labels: Sequence[str] | None = None) -> tuple[list[Doc], list[str]]:
    """The articles where any of ``annotators`` (default: every annotator with a layer, not
    gold) has a span or a status other than todo, with those layers, their statuses and who
    has a span of any label there (agreement's units); returns (docs, annotators). The gold
    layer counts as done where it has spans. Registers the project's terms with the segmenter
    so word tokens match the workbench's."""
    # agreement's tables and the token cache: loaded when agreement is computed, not by the
    # window's start-up, which imports this module for the review mode's layers (issue 14)
    from annotator.core import segment
    from annotator.review.agreement import Doc
    from annotator.review.structure import load_structure

    names = list(annotators) if annotators else [n for n in layer_names(project) if n != GOLD]
    segment.add_terms(project.terms())
    layers: dict[int, dict[str, list[tuple[int, int, str]]]] = {}
    label_filter, label_args = "", []
    if labels:
        label_filter = " AND label IN (SELECT value FROM json_each(?))"
        label_args = [json.dumps(list(labels))]
    humans = [n for n in names if n != GOLD]
    queries = []
    if humans:
        queries.append((
            'SELECT article_id, annotator, start, "end", label FROM spans '
            "WHERE origin IN ('manual', 'imported') "
            f"AND annotator IN (SELECT value FROM json_each(?)){label_filter}",
            [json.dumps(humans), *label_args]))
    if GOLD in names:
        queries.append((
            f"SELECT article_id, ?, start, \"end\", label FROM spans "
            f"WHERE origin = 'adjudicated'{label_filter}", [GOLD, *label_args]))
    for sql, args in queries:
        for article_id, name, start, end, label in project.conn.execute(sql, args):
            layers.setdefault(article_id, {}).setdefault(name, []).append((start, end, label))
    statuses = _statuses(project, humans)
    if GOLD in names:
        for (article_id,) in project.conn.execute(
                "SELECT DISTINCT article_id FROM spans WHERE origin = 'adjudicated'"):
            statuses.setdefault(article_id, {})[GOLD] = "done"
    spanned = _spanned(project, humans, GOLD in names) if labels else None
    wanted = set(layers) | set(statuses) | set(spanned or ())
    docs = [Doc(article_id, text, lang or "", layers.get(article_id, {}), title,
                statuses.get(article_id, {}),
                None if spanned is None else frozenset(spanned.get(article_id, ())))
            for article_id, title, text, lang in project.conn.execute(
                "SELECT id, title, text, language FROM articles "
                "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                (json.dumps(sorted(wanted)),))]
    return load_structure(project, docs, names, labels), names


def _statuses(project: Project, humans: Sequence[str]) -> dict[int, dict[str, str]]:
    """article id -> annotator -> status other than todo, of ``humans``."""
    out: dict[int, dict[str, str]] = {}
    try:
        rows = project.conn.execute(
            "SELECT article_id, annotator, status FROM article_statuses "
            "WHERE status != 'todo' AND annotator IN (SELECT value FROM json_each(?))",
            (json.dumps(list(humans)),)).fetchall()
    except sqlite3.OperationalError:  # a file from before m004, read-only: no statuses
        rows = []
    for article_id, name, status in rows:
        out.setdefault(article_id, {})[name] = status
    return out


def _spanned(project: Project, humans: Sequence[str], gold: bool) -> dict[int, set[str]]:
    """article id -> the layers with a span of any label there."""
    out: dict[int, set[str]] = {}
    for article_id, name in project.conn.execute(
            "SELECT DISTINCT article_id, annotator FROM spans WHERE origin IN "
            "('manual', 'imported') AND annotator IN (SELECT value FROM json_each(?))",
            (json.dumps(list(humans)),)):
        out.setdefault(article_id, set()).add(name)
    if gold:
        for (article_id,) in project.conn.execute(
                "SELECT DISTINCT article_id FROM spans WHERE origin = 'adjudicated'"):
            out.setdefault(article_id, set()).add(GOLD)
    return out
