"""Annotation layers of a project: each annotator's own spans, and the gold layer.

An annotator's layer is their spans of origin "manual" or "imported" (a "suggested" span is a
machine's proposal nobody has confirmed; an "adjudicated" span belongs to the gold layer even
though its annotator is the adjudicator). The gold layer, named ``GOLD`` wherever an annotator
name is expected, is every span of origin "adjudicated".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.model import Span
from annotator.core.names import GOLD
from annotator.review.agreement import Doc
from annotator.store.spans import SPAN_COLUMNS, spans_from_rows

if TYPE_CHECKING:
    from annotator.store.project import Project

# GOLD (defined in core/names.py): the gold layer (spans of origin "adjudicated"), usable as an
# annotator name.
HUMAN_ORIGINS = ("manual", "imported")


def layer_where(layer: str) -> tuple[str, list[Any]]:
    """SQL condition (on the ``spans`` table) and arguments selecting one layer."""
    if layer == GOLD:
        return "origin = 'adjudicated'", []
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
    """Annotators with a layer (sorted), then ``GOLD`` when the project has gold spans."""
    names = [r[0] for r in project.conn.execute(
        "SELECT DISTINCT annotator FROM spans WHERE origin IN ('manual', 'imported') "
        "ORDER BY annotator")]
    if project.conn.execute("SELECT 1 FROM spans WHERE origin = 'adjudicated' LIMIT 1"
                            ).fetchone():
        names.append(GOLD)
    return names


def load_docs(project: Project, annotators: Sequence[str] | None = None,
              labels: Sequence[str] | None = None) -> tuple[list[Doc], list[str]]:
    """The articles where any of ``annotators`` (default: every annotator with a layer, not
    gold) has a span, with those layers; returns (docs, annotators). Registers the project's
    terms with the segmenter so word tokens match the workbench's."""
    from annotator.core import segment

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
    docs = [Doc(article_id, text, lang or "", layers[article_id], title)
            for article_id, title, text, lang in project.conn.execute(
                "SELECT id, title, text, language FROM articles "
                "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                (json.dumps(sorted(layers)),))]
    return docs, names
