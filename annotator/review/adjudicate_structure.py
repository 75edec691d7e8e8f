"""Disagreements on attributes, relations and article attributes between two layers of one
article, and the decisions that settle them into gold (issue 11, review mode). No Qt.

Rows (``StructureRow``), in this order after the span rows of ``adjudicate``:

* ``attribute``: a span both sides marked exactly (same start, end, label) whose attribute
  values differ: unset against set counts, a multiple choice is compared as a set, a text after
  trimming (``structure.comparable``). A side's identical duplicates count as one span: its
  value is the first one set among them (in id order).
* ``relation``: a relation (type, from-span key, to-span key; keys are (start, end, label),
  either direction for a symmetric type) present on one side only.
* ``article_attribute``: an article attribute whose values differ between the two layers.

Every differing attribute of every matched span pair and every one-sided relation is in exactly
one row (property test ``tests/review/test_structure_rows_complete.py``).

Decisions write the gold layer (``@gold``) in one transaction each: ``left`` / ``right`` put
that side's value or relation into gold (a relation only one side has: accepting the side
without it puts none); ``edit`` a value or relation type the adjudicator chose; ``reject``
(relations: neither) writes nothing to gold. The gold span of the row's key is created when
missing (as ``accept_all_agreeing`` creates one, provenance from both sides' spans); a value is
set with source ``person`` (the adjudicator is who). Each decision is logged (change log, action
``review.structure``, entity ``review``, entity id the article id, data ``{"rows": [row key],
"decision": ..., "value": ...}``; its undo logs ``review.structure.undo``), and returns a
``Change`` that ``undo`` reverses exactly and ``redo`` puts back (same ids).

A row is resolved when the latest logged decision for it stands and gold holds what it decided
(a rejected relation or the side without it: gold has no relation of that type between the two
ends; a rejected attribute: gold's value is unset), or, without a decision, when gold already
holds one side's value or the relation.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from annotator.core.model import Relation, Span
from annotator.core.names import GOLD_ORIGIN
from annotator.core.scheme import PERSON, is_empty
from annotator.review import adjudicate
from annotator.review.layers import GOLD, layer_spans, provenance
from annotator.review.structure import comparable

if TYPE_CHECKING:
    from annotator.store.project import Project
    from annotator.store.scheme_store import AttributeValue

Key = tuple[int, int, str]
KINDS = ("attribute", "relation", "article_attribute")
DECIDE, UNDO = "review.structure", "review.structure.undo"


@dataclass(frozen=True)
class StructureRow:
    article_id: int
    kind: str  # one of KINDS
    name: str  # the attribute's name or the relation's type
    key: Key | None  # the span (attribute), the from end (relation), None (article attribute)
    to_key: Key | None  # the relation's to end
    left: Any  # attribute: the left value (None: unset); relation: True when left has it
    right: Any
    start: int  # the extent shown (the article's start for an article attribute)
    end: int
    sources: tuple[str, ...] = ()  # ids of the spans of both sides with ``key`` / ``to_key``
    resolved: bool = False

    @property
    def row_key(self) -> tuple[str, ...]:
        """What identifies the row across sessions (logged with each decision)."""
        ends = [f"{k[0]}:{k[1]}:{k[2]}" for k in (self.key, self.to_key) if k is not None]
        return (self.kind, self.name, *ends)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(k[2] for k in (self.key, self.to_key) if k is not None)


@dataclass
class Change:
    """What a decision changed in gold: undo reverses it, redo puts it back."""

    row: StructureRow
    decision: str
    value: Any = None
    created: list[Span] = field(default_factory=list)
    provenances: dict[str, dict[str, Any]] = field(default_factory=dict)
    values: dict[str, list[AttributeValue]] = field(default_factory=dict)  # of created spans
    attribute: tuple[str, AttributeValue | None, Any] | None = None  # span id, before, after
    relation: Relation | None = None
    article_value: tuple[Any, Any] | None = None  # before, after (gold's article attribute)


# ------------------------------------------------------------------------------- the rows
def structure_rows(project: Project, article_id: int, left: str, right: str
                   ) -> list[StructureRow]:
    """Every attribute, relation and article-attribute disagreement, in text order."""
    from annotator.review.structure import infer_type  # agreement's module: not at start-up

    sides = [_side(project, article_id, layer) for layer in (left, right)]
    gold = _side(project, article_id, GOLD)
    types = _types(project)
    rows: list[StructureRow] = []
    common = sorted(sides[0].spans.keys() & sides[1].spans.keys())
    for key in common:
        lv, rv = sides[0].values.get(key, {}), sides[1].values.get(key, {})
        for name in sorted(lv.keys() | rv.keys()):
            t = types.get((key[2], name)) or infer_type([lv.get(name), rv.get(name)])
            if _same(lv.get(name), rv.get(name), t):
                continue
            sources = _ids(sides, key)
            rows.append(StructureRow(article_id, "attribute", name, key, None, lv.get(name),
                                     rv.get(name), key[0], key[1], sources))
    for rel in sorted(sides[0].relations ^ sides[1].relations):
        type_, a, b = rel
        rows.append(StructureRow(article_id, "relation", type_, a, b, rel in sides[0].relations,
                                 rel in sides[1].relations, min(a[0], b[0]), max(a[1], b[1]),
                                 _ids(sides, a) + _ids(sides, b)))
    article = project.article_attributes(article_id)
    la, ra = article.get(left, {}), article.get(right, {})
    for name in sorted(la.keys() | ra.keys()):
        if not _same(la.get(name), ra.get(name), types.get((None, name), "choice")):
            rows.append(StructureRow(article_id, "article_attribute", name, None, None,
                                     la.get(name), ra.get(name), 0, 0))
    decided = _decisions(project, article_id)
    return [_with_resolved(row, decided.get(row.row_key), gold, article.get(GOLD, {}), types)
            for row in rows]


@dataclass
class _Side:
    spans: dict[Key, list[Span]]
    values: dict[Key, dict[str, Any]]
    relations: set[tuple[str, Key, Key]]


def _side(project: Project, article_id: int, layer: str) -> _Side:
    spans = sorted(layer_spans(project, article_id, layer), key=lambda s: s.id)
    by_key: dict[Key, list[Span]] = {}
    for s in spans:
        by_key.setdefault(adjudicate.key_of(s), []).append(s)
    stored = project.article_span_attributes(article_id, layer) if spans else {}
    values: dict[Key, dict[str, Any]] = {}
    for key, group in by_key.items():
        merged: dict[str, Any] = {}
        for s in group:
            for name, value in stored.get(s.id, {}).items():
                merged.setdefault(name, value)
        values[key] = merged
    keys = {s.id: adjudicate.key_of(s) for s in spans}
    symmetric = {r.name for r in project.scheme().relations if r.symmetric}
    relations = set()
    for rel in project.relations_in_article(article_id, layer) if spans else []:
        if rel.from_span in keys and rel.to_span in keys:
            a, b = keys[rel.from_span], keys[rel.to_span]
            if rel.type in symmetric and b < a:
                a, b = b, a
            relations.add((rel.type, a, b))
    return _Side(by_key, values, relations)


def _types(project: Project) -> dict[tuple[str | None, str], str]:
    scheme = project.scheme()
    out: dict[tuple[str | None, str], str] = {
        (label, a.name): a.type for label, attrs in scheme.attributes.items() for a in attrs}
    out.update({(None, a.name): a.type for a in scheme.article_attributes})
    return out


def _norm(value: Any, type_: str) -> Hashable:
    return None if is_empty(value) else comparable(value, type_)


def _same(a: Any, b: Any, type_: str) -> bool:
    return _norm(a, type_) == _norm(b, type_)


def _ids(sides: Sequence[_Side], key: Key) -> tuple[str, ...]:
    return tuple(s.id for side in sides for s in side.spans.get(key, ())
                 if s.origin != GOLD_ORIGIN)


def _decisions(project: Project, article_id: int) -> dict[tuple[str, ...], dict[str, Any]]:
    """Row key -> its latest decision's data (None-valued when undone)."""
    out: dict[tuple[str, ...], dict[str, Any]] = {}
    for change in reversed(project.changes("review", str(article_id), limit=100_000)):
        if change["action"] in (DECIDE, UNDO):
            for row in change["data"].get("rows", []):
                out[tuple(row)] = change["data"] if change["action"] == DECIDE else {}
    return out


def _with_resolved(row: StructureRow, decision: dict[str, Any] | None, gold: _Side,
                   gold_article: dict[str, Any], types: dict[tuple[str | None, str], str]
                   ) -> StructureRow:
    if row.kind == "relation":
        held_types = {t for t, a, b in gold.relations
                      if (a, b) in ((row.key, row.to_key), (row.to_key, row.key))}
        decided = decision.get("value") if decision else row.name
        resolved = (decided in held_types if decided is not None
                    else row.name not in held_types)
        return replace(row, resolved=resolved)
    held = _gold_holds(row, gold, gold_article, types)
    type_ = _type_of(row, types)
    if decision:  # the value it put in gold (None for a rejection) is logged with it
        resolved = held == _norm(decision.get("value"), type_)
    else:
        resolved = held is not None and held in (_norm(row.left, type_),
                                                 _norm(row.right, type_))
    return replace(row, resolved=resolved)


def _type_of(row: StructureRow, types: dict[tuple[str | None, str], str]) -> str:
    from annotator.review.structure import infer_type

    return types.get((row.key[2] if row.key else None, row.name)) or infer_type(
        [row.left, row.right])


def _gold_holds(row: StructureRow, gold: _Side, gold_article: dict[str, Any],
                types: dict[tuple[str | None, str], str]) -> Hashable:
    """Gold's value of an attribute or article-attribute row (None: unset)."""
    if row.kind == "article_attribute":
        return _norm(gold_article.get(row.name), _type_of(row, types))
    assert row.key is not None
    return _norm(gold.values.get(row.key, {}).get(row.name), _type_of(row, types))


# ------------------------------------------------------------------------------- decisions
def decide(project: Project, row: StructureRow, decision: str, who: str,
           value: Any = None) -> Change:
    """Settle ``row``: ``decision`` is left, right, edit (``value``: the attribute value, or
    the relation type) or reject. One transaction; returns what changed."""
    if decision not in ("left", "right", "edit", "reject"):
        raise ValueError(f"unknown decision '{decision}'")
    if decision in ("left", "right"):
        value = row.left if decision == "left" else row.right
        if row.kind == "relation":
            value = row.name if value else None
    change = Change(row, decision, None if decision == "reject" else value)
    with project.transaction():
        if decision != "reject":
            _write(project, change, who)
        _log(project, change, who, DECIDE)
    return change


def _write(project: Project, change: Change, who: str) -> None:
    row = change.row
    if row.kind == "article_attribute":
        before = project.set_article_attribute(row.article_id, GOLD, row.name, change.value,
                                               who)
        change.article_value = (before, change.value)
        return
    if row.kind == "relation" and is_empty(change.value):
        return  # the side without the relation: nothing in gold
    ends = [k for k in (row.key, row.to_key) if k is not None]
    gold = _gold_spans(project, change, ends, who)
    if row.kind == "attribute":
        span_id = gold[0]
        before = project.set_attribute(span_id, row.name, change.value, who, source=PERSON)
        change.attribute = (span_id, before, change.value)
    elif not _has_relation(project, row.article_id, gold[0], gold[1], str(change.value)):
        change.relation = project.add_relation(gold[0], gold[1], str(change.value), GOLD,
                                               who=who)


def _gold_spans(project: Project, change: Change, ends: Sequence[Key], who: str) -> list[str]:
    """The gold span id of each key, made (with provenance) when gold lacks one."""
    have = {adjudicate.key_of(s): s.id for s in layer_spans(project, change.row.article_id, GOLD)}
    missing = [(*k, [i for i in change.row.sources if _key_of_id(project, i) == k])
               for k in dict.fromkeys(ends) if k not in have]
    if missing:
        created = adjudicate.create_gold(project, change.row.article_id, who, "agreeing",
                                         missing)
        change.created += created
        change.provenances.update(provenance(project, [s.id for s in created]))
        change.values.update({s.id: project.attribute_values(s.id) for s in created})
        have.update({adjudicate.key_of(s): s.id for s in created})
    return [have[k] for k in ends]


def _key_of_id(project: Project, span_id: str) -> Key:
    return adjudicate.key_of(project.span(span_id))


def _has_relation(project: Project, article_id: int, a: str, b: str, type_: str) -> bool:
    return any(r.from_span == a and r.to_span == b and r.type == type_
               for r in project.relations_in_article(article_id, GOLD))


def _log(project: Project, change: Change, who: str, action: str) -> None:
    project.log(who, action, "review", str(change.row.article_id),
                {"rows": [list(change.row.row_key)], "decision": change.decision,
                 "value": change.value})


def undo(project: Project, change: Change, who: str) -> None:
    """Take back exactly what ``change`` did (one transaction)."""
    row = change.row
    with project.transaction():
        if change.relation is not None:
            project.delete_relation(change.relation.id, who)
        if change.attribute is not None:
            span_id, before, _after = change.attribute
            project.restore_attribute(span_id, before, row.name, who)
        if change.article_value is not None:
            project.set_article_attribute(row.article_id, GOLD, row.name,
                                          change.article_value[0], who)
        for span in change.created:
            project.delete_span(span.id, who)
        _log(project, change, who, UNDO)


def redo(project: Project, change: Change, who: str) -> None:
    """Put ``change`` back after ``undo``: the same gold spans, values and relation ids."""
    row = change.row
    with project.transaction():
        adjudicate.restore_gold(project, change.created, change.provenances, who)
        for span_id, values in change.values.items():
            project.restore_attribute_values(span_id, values, who)
        if change.attribute is not None:
            project.set_attribute(change.attribute[0], row.name, change.attribute[2], who)
        if change.article_value is not None:
            project.set_article_attribute(row.article_id, GOLD, row.name,
                                          change.article_value[1], who)
        if change.relation is not None:
            project.restore_relations([change.relation], who)
        _log(project, change, who, DECIDE)
