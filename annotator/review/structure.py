"""Agreement on the structure of annotations (issue 11): attribute values of spans both sides
marked exactly, relations, and article attributes. Pure functions but ``load_structure`` (which
reads a project, no Qt); ``agreement.agreement`` calls ``Structure`` per article.

Definitions (the JSON of ``pairs[i].corpus`` and ``overall.corpus``, see ``STRUCTURE_TEXT``):

* **Attributes**, per label and attribute: the units are the span pairs matched exactly (same
  start, end and label) where *both* set the attribute; a value set on one side only is left
  out (Krippendorff's treatment of a missing value), so ``matched`` counts the pairs compared.
  Choice and boolean are nominal; multi is nominal on the set of values; text is nominal after
  trimming white space at both ends; number is interval (alpha) and ``cohen_kappa`` is null.
* **Relations**: a relation matches when both ends match exactly and the type is the same (a
  symmetric type in either direction); precision, recall and F1 as for spans (left is the
  reference). Only relations whose two ends have labels kept by the label filter count.
* **Article attributes**, per attribute: the articles the pair compares (the units rule) where
  both set it, compared as span attributes are.
* **overall** (every compared annotator): alpha with missing values (a unit is a span key or an
  article, with the value of each annotator who set it; units with one value are left out),
  observed agreement over every pair of values within a unit; ``cohen_kappa`` only with two
  annotators (it is a two-rater measure), else null; relation counts and scores summed over the
  pairs (micro average), as the span F1 of overall is.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from annotator.review import metrics

if TYPE_CHECKING:
    from annotator.core.scheme import Scheme
    from annotator.review.agreement import Doc
    from annotator.store.project import Project

Key = tuple[int, int, str]
RelKey = tuple[Key, Key, str]

#: What the attribute, relation and article-attribute figures mean, in words (the CLI, the HTML
#: report and the dashboard say it).
STRUCTURE_TEXT = (
    "attributes are compared on span pairs matched exactly (same start, end and label) where "
    "both annotators set the attribute (a value set on one side only is left out); choice, "
    "boolean, multi (as a set) and text (trimmed) are nominal, number is interval (no kappa); "
    "a relation matches when both ends match exactly and the type is the same; article "
    "attributes are compared over the articles both annotators count for, where both set "
    "them; overall: Krippendorff's alpha over every annotator, kappa only for two, relation F1 "
    "summed over the pairs")


def comparable(value: Any, type_: str) -> Hashable:
    """The value as compared: a multi selection as a set, a text trimmed."""
    if isinstance(value, list):
        return frozenset(value)
    if isinstance(value, str) and type_ == "text":
        return value.strip()
    return value  # type: ignore[no-any-return]


def infer_type(values: Sequence[Any]) -> str:
    """A type for values the scheme does not define (number when every value is one)."""
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                      for v in values):
        return "number"
    return "choice"


def figures(units: Sequence[Sequence[Any]], type_: str, two: bool) -> dict[str, Any]:
    """matched / observed / cohen_kappa / krippendorff_alpha of some units (each the values
    of one span key or article); ``two``: units of exactly two raters (kappa defined)."""
    pairable = [u for u in units if len(u) >= 2]
    interval = type_ == "number"
    kappa = None
    if two and not interval:
        kappa = metrics.cohen_kappa(Counter((u[0], u[1]) for u in pairable))
    return {"matched": len(pairable), "observed": metrics.observed_of_units(pairable),
            "cohen_kappa": kappa,
            "krippendorff_alpha": metrics.alpha_of_units(pairable, interval=interval)}


def relation_scores(counts: Sequence[int]) -> dict[str, Any]:
    """``counts``: [left relations, right relations, matched]."""
    left, right, matched = counts
    p, r, f = metrics.prf(matched, right, matched, left)
    return {"relations_left": left, "relations_right": right, "precision_exact": p,
            "recall_exact": r, "f1_exact": f}


class Structure:
    """Collects the units of one comparison (a pair, or overall) article by article."""

    def __init__(self, scheme: Scheme | None, labels: Sequence[str] | None) -> None:
        self.scheme = scheme
        self.keep = set(labels) if labels else None
        self.attrs: dict[tuple[str, str], list[list[Any]]] = {}
        self.article: dict[str, list[list[Any]]] = {}
        self.raw: dict[tuple[str | None, str], list[Any]] = {}
        self.relations: list[list[int]] = []  # per pair: [left, right, matched]

    def _type(self, label: str | None, name: str) -> str:
        if self.scheme is not None:
            attr = (self.scheme.article_attribute(name) if label is None
                    else self.scheme.attribute(label, name))
            if attr is not None:
                return attr.type
        return infer_type(self.raw.get((label, name), []))

    def add(self, doc: Doc, who: Sequence[str], layers: Sequence[Sequence[Key]],
            relations: bool = True) -> list[int]:
        """One article compared between ``who`` (their filtered spans in ``layers``); returns
        the relation counts [left, right, matched] of a pair (counted unless ``relations`` is
        False)."""
        if not (doc.attributes or doc.relations or doc.article_attributes):
            return [0, 0, 0]  # nothing to compare here (most articles of a plain project)
        sets = [set(spans) for spans in layers]
        keys: Counter[Key] = Counter(k for spans in sets for k in spans)
        attrs = [doc.attributes.get(name, {}) for name in who]
        for key, n in keys.items():
            if n < 2:
                continue
            values = [a.get(key, {}) for a, spans in zip(attrs, sets) if key in spans]
            for attr in {a for v in values for a in v}:
                got = [v[attr] for v in values if attr in v]
                self.raw.setdefault((key[2], attr), []).extend(got)
                self.attrs.setdefault((key[2], attr), []).append(got)
        article = [doc.article_attributes.get(name, {}) for name in who]
        for attr in {a for v in article for a in v}:
            got = [v[attr] for v in article if attr in v]
            self.raw.setdefault((None, attr), []).extend(got)
            self.article.setdefault(attr, []).append(got)
        if len(who) != 2:
            return [0, 0, 0]
        left, right = (self._relations(doc, name) for name in who)
        counts = [len(left), len(right), len(left & right)]
        if relations:
            self.relations.append(counts)
        return counts

    def add_relations(self, counts: Sequence[int]) -> None:
        self.relations.append(list(counts))

    def _relations(self, doc: Doc, name: str) -> frozenset[RelKey]:
        rels = doc.relations.get(name, frozenset())
        if self.keep is None:
            return rels
        return frozenset(r for r in rels if r[0][2] in self.keep and r[1][2] in self.keep)

    def result(self, raters: int, labels: Sequence[str]) -> dict[str, Any]:
        """``attributes``, ``relations`` and ``article_attributes`` for a corpus dict."""
        two = raters == 2
        attributes: dict[str, dict[str, Any]] = {}
        defined: list[tuple[str, str]] = []
        if self.scheme is not None:
            defined = [(label, a.name) for label in labels
                       for a in self.scheme.attributes_of(label)]
        for label, name in [*defined, *sorted(set(self.attrs) - set(defined))]:
            units = [[comparable(v, self._type(label, name)) for v in u]
                     for u in self.attrs.get((label, name), [])]
            attributes.setdefault(label, {})[name] = figures(
                units, self._type(label, name), two)
        names = [a.name for a in self.scheme.article_attributes] if self.scheme else []
        names += sorted(set(self.article) - set(names))
        article = {name: figures([[comparable(v, self._type(None, name)) for v in u]
                                  for u in self.article.get(name, [])],
                                 self._type(None, name), two) for name in names}
        total = [sum(c[k] for c in self.relations) for k in range(3)]
        return {"attributes": attributes, "relations": relation_scores(total),
                "article_attributes": article}


# ------------------------------------------------------------------------------- loading
def load_structure(project: Project, docs: list[Doc], names: Sequence[str],
                   labels: Sequence[str] | None = None) -> list[Doc]:
    """``docs`` with each layer's span attributes, relations and article attributes (a file
    from before the attributes existed has none)."""
    from annotator.review.layers import GOLD

    if not docs or not project._has_m009():
        return docs
    if not any(project.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
               for table in ("span_attributes", "relations", "article_attributes")):
        return docs  # a plain project: no query joins every span of the articles (issue 14)
    ids = json.dumps([d.id for d in docs])
    humans = json.dumps([n for n in names if n != GOLD])
    gold = GOLD in names
    keep = set(labels) if labels else None
    attrs: dict[int, dict[str, dict[Key, dict[str, Any]]]] = {}
    layer = ("CASE WHEN s.origin = 'adjudicated' THEN :gold WHEN s.origin IN ('manual', "
             "'imported') AND s.annotator IN (SELECT value FROM json_each(:humans)) "
             "THEN s.annotator END")
    args = {"gold": GOLD if gold else None, "humans": humans, "ids": ids}
    for article_id, who, start, end, label, name, value in project.conn.execute(
            f"SELECT s.article_id, {layer}, s.start, s.\"end\", s.label, a.name, a.value "
            "FROM spans s JOIN span_attributes a ON a.span_id = s.id "
            "WHERE s.article_id IN (SELECT value FROM json_each(:ids)) ORDER BY s.id", args):
        if who is None or (keep is not None and label not in keep):
            continue
        attrs.setdefault(article_id, {}).setdefault(who, {}).setdefault(
            (start, end, label), {}).setdefault(name, json.loads(value))
    symmetric = {r.name for r in project.scheme().relations if r.symmetric}
    rels: dict[int, dict[str, set[RelKey]]] = {}
    for article_id, a_who, b_who, a_s, a_e, a_l, b_s, b_e, b_l, type_ in project.conn.execute(
            f"SELECT s.article_id, {layer}, {layer.replace('s.', 'b.')}, s.start, s.\"end\", "
            "s.label, b.start, b.\"end\", b.label, r.type FROM relations r "
            "JOIN spans s ON s.id = r.from_span JOIN spans b ON b.id = r.to_span "
            "WHERE s.article_id IN (SELECT value FROM json_each(:ids))", args):
        if a_who is None or a_who != b_who:
            continue
        ends = sorted([(a_s, a_e, a_l), (b_s, b_e, b_l)]) if type_ in symmetric else [
            (a_s, a_e, a_l), (b_s, b_e, b_l)]
        rels.setdefault(article_id, {}).setdefault(a_who, set()).add(
            (ends[0], ends[1], type_))
    article_attrs: dict[int, dict[str, dict[str, Any]]] = {}
    try:
        rows = project.conn.execute(
            "SELECT article_id, annotator, name, value FROM article_attributes "
            "WHERE article_id IN (SELECT value FROM json_each(?)) "
            "AND annotator IN (SELECT value FROM json_each(?))",
            (ids, json.dumps(list(names)))).fetchall()
    except sqlite3.OperationalError:  # pragma: no cover - guarded by _has_m009
        rows = []
    for article_id, who, name, value in rows:
        article_attrs.setdefault(article_id, {}).setdefault(who, {})[name] = json.loads(value)
    return [replace(d, attributes=attrs.get(d.id, {}),
                    relations={k: frozenset(v) for k, v in rels.get(d.id, {}).items()},
                    article_attributes=article_attrs.get(d.id, {}))
            if d.id in attrs or d.id in rels or d.id in article_attrs else d for d in docs]


def empty_structure() -> Mapping[str, Any]:
    return {"attributes": {}, "relations": relation_scores([0, 0, 0]), "article_attributes": {}}
