"""Attributes and relation types of the scheme, and their values, as ``Project`` methods
(issue 10). The store is the only writer: every value is checked against the scheme on every
write (type, allowed values), every relation against its type's allowed label pairs.

Reads of a file older than m009 (opened read-only, never upgraded) see no attribute, no value
and relation types made from the relations it holds."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, NamedTuple

from annotator.core.labels import SchemeError
from annotator.core.model import Relation, Span, dataclass_api
from annotator.core.scheme import (
    DEFAULT_CLAIM_SCHEME,
    PERSON,
    SOURCES,
    AttributeDef,
    BadValue,
    RelationType,
    Scheme,
    check_attribute_def,
    check_identifier,
    check_relation_type,
    check_value,
    is_empty,
    missing_required,
    value_hotkeys,
)
from annotator.store import connection as cx
from annotator.store.errors import InvariantError, NotFound

if TYPE_CHECKING:
    from annotator.store.project import Project

#: Sources that fill values for a person; they overwrite only each other.
FILLERS = ("parsed", "suggested")

__all__ = ["SchemeMixin", "AttributeValue", "install_m009_definitions", "relation_types_used"]


class AttributeValue(NamedTuple):
    """One stored value: ``source`` says how it was set (person, parsed, suggested,
    imported). A NamedTuple that ``dataclasses`` still takes (``dataclass_api``)."""

    name: str
    value: Any
    source: str = PERSON
    updated_at: str = ""


dataclass_api(AttributeValue)


def relation_types_used(conn: sqlite3.Connection) -> dict[str, tuple[tuple[str, ...],
                                                                      tuple[str, ...]]]:
    """Each relation type the file's relations use, with the labels its relations go from
    and to (sorted): the definitions a file from before m009 implies (its upgrade, reading it
    without upgrading, merging it)."""
    ends: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for type_, a, b in conn.execute(
            "SELECT DISTINCT r.type, a.label, b.label FROM relations r JOIN spans a ON "
            "a.id = r.from_span JOIN spans b ON b.id = r.to_span"):
        ends[type_][0].add(a)
        ends[type_][1].add(b)
    return {t: (tuple(sorted(f)), tuple(sorted(to))) for t, (f, to) in sorted(ends.items())}


def install_m009_definitions(conn: sqlite3.Connection) -> None:
    """m009 on an existing file: define the relation types its relations already use (with the
    label pairs they join); give labels named like the default scheme's the default attributes
    and add the default relation types whose labels all exist."""
    labels = {r[0] for r in conn.execute("SELECT name FROM labels")}
    used = relation_types_used(conn)
    for pos, (type_, (froms, tos)) in enumerate(used.items()):
        conn.execute("INSERT INTO relation_types(name, spec, position) VALUES (?, '{}', ?)",
                     (type_, pos))
        conn.executemany("INSERT INTO relation_ends(type, side, label) VALUES (?,?,?)",
                         [(type_, "from", n) for n in froms] + [(type_, "to", n) for n in tos])
    _write_definitions(conn, DEFAULT_CLAIM_SCHEME, labels, len(used))


def _write_definitions(conn: sqlite3.Connection, scheme: Scheme, labels: set[str],
                       rel_position: int = 0) -> None:
    """Insert the scheme's attribute and relation definitions (those of labels in ``labels``;
    relation types only when all their labels exist; existing names are kept)."""
    for label in scheme.labels:
        if label.name not in labels:
            continue
        for i, attr in enumerate(scheme.attributes_of(label.name)):
            conn.execute(
                "INSERT OR IGNORE INTO label_attributes(label, name, type, spec, position) "
                "VALUES (?,?,?,?,?)", (label.name, attr.name, attr.type,
                                        json.dumps(attr.spec(), ensure_ascii=False), i))
    for i, rel in enumerate(scheme.relations):
        if not set(rel.from_labels) | set(rel.to_labels) <= labels:
            continue
        if conn.execute("SELECT 1 FROM relation_types WHERE name = ?", (rel.name,)).fetchone():
            continue
        conn.execute("INSERT INTO relation_types(name, spec, position) VALUES (?,?,?)",
                     (rel.name, json.dumps(_rel_spec(rel), ensure_ascii=False),
                      rel_position + i))
        conn.executemany(
            "INSERT INTO relation_ends(type, side, label, position) VALUES (?,?,?,?)",
            [(rel.name, "from", n, j) for j, n in enumerate(rel.from_labels)]
            + [(rel.name, "to", n, j) for j, n in enumerate(rel.to_labels)])
    for i, attr in enumerate(scheme.article_attributes):
        conn.execute(
            "INSERT OR IGNORE INTO article_attribute_defs(name, type, spec, position) "
            "VALUES (?,?,?,?)", (attr.name, attr.type,
                                  json.dumps(attr.spec(), ensure_ascii=False), i))


def _rel_spec(rel: RelationType) -> dict[str, Any]:
    out = rel.to_json()
    for key in ("name", "from", "to"):
        out.pop(key)
    return out


def _load(raw: str) -> Any:
    return json.loads(raw)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def renamed(value: Any, renames: Iterable[tuple[Any, Any]]) -> Any:
    """A choice value (or each of a multi's) after the ``(old, new)`` renames, in order."""
    for old, new in renames:
        value = ([new if x == old else x for x in value] if isinstance(value, list)
                 else new if value == old else value)
    return value


class SchemeMixin:
    # ------------------------------------------------------------------ the scheme
    def _has_m009(self: Project) -> bool:
        cached = getattr(self, "_m009", None)
        if cached is None:
            cached = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'span_attributes'"
            ).fetchone() is not None
            self._m009 = cached
        return cached

    def scheme(self: Project) -> Scheme:
        """The project's whole scheme; cached until the scheme changes (``scheme_version``)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'scheme_version'").fetchone()
        version = row[0] if row else None
        cached = getattr(self, "_scheme_cache", None)
        if cached is not None and cached[0] == version and version is not None:
            return cached[1]
        labels = tuple(self.labels())
        if not self._has_m009():
            scheme = Scheme(labels, {}, tuple(
                RelationType(t, f, to) for t, (f, to) in relation_types_used(self.conn).items()))
        else:
            attrs: dict[str, list[AttributeDef]] = defaultdict(list)
            for label, name, type_, spec in self.conn.execute(
                    "SELECT label, name, type, spec FROM label_attributes "
                    "ORDER BY position, name"):
                attrs[label].append(AttributeDef.from_spec(name, type_, _load(spec)))
            ends: dict[tuple[str, str], list[str]] = defaultdict(list)
            for type_, side, label in self.conn.execute(
                    "SELECT type, side, label FROM relation_ends ORDER BY position, label"):
                ends[(type_, side)].append(label)
            relations = []
            for name, spec in self.conn.execute(
                    "SELECT name, spec FROM relation_types ORDER BY position, name"):
                s = _load(spec)
                relations.append(RelationType(
                    name, tuple(ends[(name, "from")]), tuple(ends[(name, "to")]),
                    bool(s.get("symmetric", False)), s.get("color"),
                    str(s.get("description", ""))))
            article = tuple(
                AttributeDef.from_spec(name, type_, _load(spec))
                for name, type_, spec in self.conn.execute(
                    "SELECT name, type, spec FROM article_attribute_defs "
                    "ORDER BY position, name"))
            scheme = Scheme(labels, {k: tuple(v) for k, v in attrs.items()}, tuple(relations),
                            article)
        self._scheme_cache = (version, scheme)
        return scheme

    def install_scheme(self: Project, scheme: Scheme, who: str) -> None:
        """Add the attribute, relation and article-attribute definitions of ``scheme`` that
        the project lacks (its labels must exist: ``Project.create`` and merge make them).
        Existing definitions are kept; the scheme file is validated before this is called."""
        with self.transaction():
            labels = {r[0] for r in self.conn.execute("SELECT name FROM labels")}
            pos = int(self.conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM relation_types").fetchone()[0])
            _write_definitions(self.conn, scheme, labels, pos)
            self._bump_scheme()
            self._log(who, "scheme.install", "scheme", "", {"after": scheme.to_json()})

    def set_attribute_def(self: Project, label: str | None, attr: AttributeDef, who: str, *,
                          position: int | None = None) -> None:
        """Add or replace one attribute definition (``label`` None: an article attribute).
        A replacement that would orphan stored values (a type change, a value removed) is
        refused with counts: rename the value first (``rename_choice_value``)."""
        check_identifier(attr.name, "attribute name")
        with self.transaction():
            scheme = self.scheme()
            before = (scheme.attribute(label, attr.name) if label is not None
                      else scheme.article_attribute(attr.name))
            if label is not None:
                self._check_label(label)
            attr = check_attribute_def(
                attr, f"label '{label}', attribute" if label is not None
                else "article attribute", [lb.hotkey for lb in scheme.labels if lb.hotkey],
                value_hotkeys(scheme.attributes_of(label) if label is not None
                              else scheme.article_attributes, but=attr.name))
            if before is not None:
                self._refuse_orphans(label, before, attr)
            if label is None:
                if position is None:
                    position = before_position(self, "article_attribute_defs", "name = ?",
                                               (attr.name,))
                self.conn.execute(
                    "INSERT OR REPLACE INTO article_attribute_defs(name, type, spec, position) "
                    "VALUES (?,?,?,?)", (attr.name, attr.type, _dump(attr.spec()), position))
            else:
                if position is None:
                    position = before_position(self, "label_attributes",
                                               "label = ? AND name = ?", (label, attr.name),
                                               "label = ?", (label,))
                self.conn.execute(
                    "INSERT OR REPLACE INTO label_attributes(label, name, type, spec, position)"
                    " VALUES (?,?,?,?,?)",
                    (label, attr.name, attr.type, _dump(attr.spec()), position))
            self._bump_scheme()
            self._log(who, "scheme.attribute", "label" if label is not None else "article",
                      label or "", {"before": before.to_json() if before else None,
                                    "after": attr.to_json()})

    def remove_attribute_def(self: Project, label: str | None, name: str, who: str) -> None:
        """Remove an attribute definition; refused with the count while values use it."""
        with self.transaction():
            used = self._attribute_usage(label, name)
            if used:
                raise SchemeError(f"attribute '{name}' is set on {used} "
                                  f"{'span' if label is not None else 'article'}(s); "
                                  "clear those values first")
            if label is None:
                self.conn.execute("DELETE FROM article_attribute_defs WHERE name = ?", (name,))
            else:
                self.conn.execute("DELETE FROM label_attributes WHERE label = ? AND name = ?",
                                  (label, name))
            self._bump_scheme()
            self._log(who, "scheme.attribute.remove", "label" if label else "article",
                      label or "", {"name": name})

    def attribute_usage(self: Project, label: str | None, name: str,
                        value: str | None = None) -> int:
        """How many spans (``label`` None: article values) have the attribute set, or hold
        ``value`` in it (the counts a refused scheme change shows)."""
        return self._attribute_usage(label, name, value) if self._has_m009() else 0

    def _attribute_usage(self: Project, label: str | None, name: str,
                         value: str | None = None) -> int:
        """Counted in SQL: a value is JSON, and json_each gives a scalar itself and a multi
        attribute's list item by item (no row decoded in Python)."""
        if label is None:
            sql = "SELECT count(*) FROM article_attributes a WHERE a.name = :name"
        else:
            sql = ("SELECT count(*) FROM span_attributes a JOIN spans s ON s.id = a.span_id "
                   "WHERE s.label = :label AND a.name = :name")
        if value is not None:
            sql += " AND EXISTS (SELECT 1 FROM json_each(a.value) j WHERE j.value = :value)"
        return int(self.conn.execute(sql, {"label": label, "name": name, "value": value}
                                     ).fetchone()[0])

    def _refuse_orphans(self: Project, label: str | None, before: AttributeDef,
                        after: AttributeDef) -> None:
        if before.type != after.type:
            used = self._attribute_usage(label, before.name)
            if used:
                raise SchemeError(f"attribute '{before.name}' has {used} value(s) of type "
                                  f"{before.type}; it cannot become {after.type}")
        for value in set(before.values) - set(after.values):
            used = self._attribute_usage(label, before.name, value)
            if used:
                raise SchemeError(f"value '{value}' of attribute '{before.name}' is used "
                                  f"{used} time(s); rename it instead of removing it")

    def rename_choice_value(self: Project, label: str | None, name: str, old: str, new: str,
                            who: str) -> int:
        """Rename a choice/multi value in the scheme and across every stored value, in one
        transaction; returns how many values changed. (Undo: rename back.)"""
        check_identifier(new, "value")
        with self.transaction():
            scheme = self.scheme()
            attr = (scheme.attribute(label, name) if label is not None
                    else scheme.article_attribute(name))
            if attr is None or old not in attr.values:
                raise NotFound(f"no value '{old}' of attribute '{name}'")
            if new in attr.values:
                raise SchemeError(f"attribute '{name}' already has a value '{new}'")
            values = tuple(new if v == old else v for v in attr.values)
            hotkeys = tuple((new if v == old else v, k) for v, k in attr.hotkeys)
            default = new if attr.default == old else (
                [new if v == old else v for v in attr.default]
                if isinstance(attr.default, list) else attr.default)
            renamed = AttributeDef(attr.name, attr.type, values, default, attr.required,
                                   attr.description, hotkeys)
            table = "article_attribute_defs" if label is None else "label_attributes"
            where, args = ("name = ?", (name,)) if label is None else (
                "label = ? AND name = ?", (label, name))
            self.conn.execute(f"UPDATE {table} SET spec = ? WHERE {where}",
                              (_dump(renamed.spec()), *args))
            if label is None:
                rows = [((a, w), v) for a, w, v in self.conn.execute(
                    "SELECT article_id, annotator, value FROM article_attributes "
                    "WHERE name = ?", (name,)).fetchall()]
            else:
                rows = self.conn.execute(
                    "SELECT a.span_id, a.value FROM span_attributes a JOIN spans s ON "
                    "s.id = a.span_id WHERE s.label = ? AND a.name = ?",
                    (label, name)).fetchall()
            changed = 0
            for key, raw in rows:
                v = _load(raw)
                nv = new if v == old else ([new if x == old else x for x in v]
                                           if isinstance(v, list) else v)
                if nv == v:
                    continue
                changed += 1
                if label is None:
                    self.conn.execute(
                        "UPDATE article_attributes SET value = ? WHERE article_id = ? AND "
                        "annotator = ? AND name = ?", (_dump(nv), *key, name))
                else:
                    self.conn.execute(
                        "UPDATE span_attributes SET value = ? WHERE span_id = ? AND name = ?",
                        (_dump(nv), key, name))
            self._bump_scheme()
            self._log(who, "scheme.rename_value", "label" if label else "article", label or "",
                      {"attribute": name, "before": old, "after": new, "values": changed})
        return changed

    def set_relation_type(self: Project, rel: RelationType, who: str) -> None:
        """Add or replace a relation type; narrowing its label pairs is refused while stored
        relations would fall outside them."""
        check_identifier(rel.name, "relation type")
        with self.transaction():
            for n in set(rel.from_labels) | set(rel.to_labels):
                self._check_label(n)
            rel = check_relation_type(rel, self.scheme().label_names())
            before = self.scheme().relation(rel.name)
            if before is not None:
                bad = [(a, b, n) for a, b, n in self._relation_label_pairs(rel.name)
                       if not rel.allows(a, b)]
                if bad:
                    raise SchemeError(f"{sum(n for *_p, n in bad)} '{rel.name}' relation(s) "
                                      f"join labels the new definition does not allow "
                                      f"({bad[0][0]} -> {bad[0][1]})")
                self.conn.execute("DELETE FROM relation_ends WHERE type = ?", (rel.name,))
                self.conn.execute("UPDATE relation_types SET spec = ? WHERE name = ?",
                                  (_dump(_rel_spec(rel)), rel.name))
            else:
                pos = int(self.conn.execute(
                    "SELECT coalesce(max(position) + 1, 0) FROM relation_types").fetchone()[0])
                self.conn.execute(
                    "INSERT INTO relation_types(name, spec, position) VALUES (?,?,?)",
                    (rel.name, _dump(_rel_spec(rel)), pos))
            self.conn.executemany(
                "INSERT INTO relation_ends(type, side, label, position) VALUES (?,?,?,?)",
                [(rel.name, "from", n, j) for j, n in enumerate(rel.from_labels)]
                + [(rel.name, "to", n, j) for j, n in enumerate(rel.to_labels)])
            self._bump_scheme()
            self._log(who, "scheme.relation", "relation_type", rel.name,
                      {"before": before.to_json() if before else None, "after": rel.to_json()})

    def remove_relation_type(self: Project, name: str, who: str) -> None:
        with self.transaction():
            used = int(self.conn.execute("SELECT count(*) FROM relations WHERE type = ?",
                                         (name,)).fetchone()[0])
            if used:
                raise SchemeError(f"relation type '{name}' is used by {used} relation(s)")
            self.conn.execute("DELETE FROM relation_types WHERE name = ?", (name,))
            self._bump_scheme()
            self._log(who, "scheme.relation.remove", "relation_type", name, {})

    def _relation_label_pairs(self: Project, type_: str) -> list[tuple[str, str, int]]:
        """(from label, to label, how many relations) of the type's stored relations."""
        return [tuple(r) for r in self.conn.execute(  # type: ignore[misc]
            "SELECT a.label, b.label, count(*) FROM relations r JOIN spans a ON "
            "a.id = r.from_span JOIN spans b ON b.id = r.to_span WHERE r.type = ? "
            "GROUP BY a.label, b.label", (type_,))]

    # ------------------------------------------------------------------ span values
    def attributes(self: Project, span_id: str) -> dict[str, Any]:
        """A span's attribute values (unset ones absent)."""
        return {v.name: v.value for v in self.attribute_values(span_id)}

    def attribute_values(self: Project, span_id: str) -> list[AttributeValue]:
        if not self._has_m009():
            return []
        return [AttributeValue(n, _load(v), s, u) for n, v, s, u in self.conn.execute(
            "SELECT name, value, source, updated_at FROM span_attributes WHERE span_id = ? "
            "ORDER BY name", (span_id,))]

    def article_span_attributes(self: Project, article_id: int,
                                annotator: str | None = None) -> dict[str, dict[str, Any]]:
        """span id -> {name: value} for every span of an article with a value (one query)."""
        out: dict[str, dict[str, Any]] = defaultdict(dict)
        if not self._has_m009():
            return out
        sql = ("SELECT a.span_id, a.name, a.value FROM spans s JOIN span_attributes a ON "
               "a.span_id = s.id WHERE s.article_id = ?")
        args: list[Any] = [article_id]
        if annotator is not None:
            sql += " AND s.annotator = ?"
            args.append(annotator)
        scalars: dict[str, Any] = {}  # a choice or a number recurs on many spans: decoded once
        for span_id, name, raw in self.conn.execute(sql, args):
            value = scalars.get(raw, scalars)
            if value is scalars:
                value = _load(raw)
                if not isinstance(value, list | dict):  # immutable: the same object is safe
                    scalars[raw] = value
            out[span_id][name] = value
        return out

    def _check_attribute(self: Project, span: Span, name: str, value: Any) -> Any:
        attr = self.scheme().attribute(span.label, name)
        if attr is None:
            raise BadValue(f"label '{span.label}' has no attribute '{name}'")
        return check_value(attr, value, span.label)

    def set_attribute(self: Project, span_id: str, name: str, value: Any, who: str, *,
                      source: str = PERSON) -> AttributeValue | None:
        """Set (``value`` None, "" or []: clear) one attribute of a span; durable when this
        returns. Returns the value before (None when it was unset), for undo. A filler
        (``source`` parsed or suggested) never overwrites a value a person set or an import
        brought: it returns that value unchanged."""
        if source not in SOURCES:
            raise InvariantError(f"unknown attribute source '{source}'")
        with self.transaction():
            span = self.span(span_id)
            before = next((v for v in self.attribute_values(span_id) if v.name == name), None)
            if before is not None and source in FILLERS and before.source not in FILLERS:
                return before  # a parser or suggestion never overwrites a person's value
            stamp = cx.now()
            if is_empty(value):
                self._check_attribute_name(span, name)
                self.conn.execute("DELETE FROM span_attributes WHERE span_id = ? AND name = ?",
                                  (span_id, name))
                after = None
            else:
                value = self._check_attribute(span, name, value)
                self.conn.execute(
                    "INSERT OR REPLACE INTO span_attributes(span_id, name, value, source, "
                    "updated_at) VALUES (?,?,?,?,?)", (span_id, name, _dump(value), source,
                                                       stamp))
                after = AttributeValue(name, value, source, stamp)
            self.conn.execute("UPDATE spans SET updated_at = ? WHERE id = ?", (stamp, span_id))
            self._log(who, "span.attribute", "span", span_id,
                      {"name": name, "before": before._asdict() if before else None,
                       "after": after._asdict() if after else None}, stamp)
        return before

    def restore_attribute(self: Project, span_id: str, value: AttributeValue | None,
                          name: str, who: str) -> None:
        """Put back a value exactly as it was (undo), with its source."""
        if value is None:
            self.set_attribute(span_id, name, None, who)
        else:
            self.set_attribute(span_id, name, value.value, who, source=value.source)

    def _check_attribute_name(self: Project, span: Span, name: str) -> None:
        if self.scheme().attribute(span.label, name) is None and not self.conn.execute(
                "SELECT 1 FROM span_attributes WHERE span_id = ? AND name = ?",
                (span.id, name)).fetchone():
            raise BadValue(f"label '{span.label}' has no attribute '{name}'")

    def set_attributes(self: Project, span_id: str, values: Mapping[str, Any], who: str, *,
                       source: str = PERSON) -> None:
        """Several attributes of one span in one transaction (fillers, import)."""
        with self.transaction():
            for name, value in values.items():
                self.set_attribute(span_id, name, value, who, source=source)

    def incomplete_span_ids(self: Project, article_id: int,
                            annotator: str | None = None) -> set[str]:
        """Spans of the article missing a required attribute of their label."""
        if not self._required_attributes():
            return set()
        return self.incomplete_among(article_id, self.spans(article_id, annotator))

    def _required_attributes(self: Project) -> dict[str, list[AttributeDef]]:
        """label -> its required attributes (labels without one left out)."""
        required = {lb: [a for a in attrs if a.required]
                    for lb, attrs in self.scheme().attributes.items()}
        return {k: v for k, v in required.items() if v}

    def incomplete_among(self: Project, article_id: int, spans: Iterable[Span]) -> set[str]:
        """Those of ``spans`` (of one article, already read: the window's) missing a required
        attribute; no query at all when no label has a required attribute."""
        required = self._required_attributes()
        candidates = [s for s in spans if s.label in required] if required else []
        if not candidates:
            return set()
        values = self.article_span_attributes(article_id)
        return {s.id for s in candidates
                if missing_required(required[s.label], values.get(s.id, {}))}

    def is_incomplete(self: Project, span: Span) -> bool:
        """Whether ``span`` misses a required attribute of its label (one indexed query)."""
        required = self._required_attributes().get(span.label, [])
        return bool(required) and bool(missing_required(required, self.attributes(span.id)))

    def incomplete_article_ids(self: Project, annotator: str | None = None) -> list[int]:
        """Articles with a span missing a required attribute (the list's "incomplete")."""
        scheme = self.scheme()
        clauses = []
        args: list[Any] = []
        for label, attrs in scheme.attributes.items():
            for a in attrs:
                if a.required:
                    clauses.append(
                        "(s.label = ? AND NOT EXISTS (SELECT 1 FROM span_attributes v "
                        "WHERE v.span_id = s.id AND v.name = ?))")
                    args += [label, a.name]
        if not clauses:
            return []
        sql = (f"SELECT DISTINCT s.article_id FROM spans s WHERE ({' OR '.join(clauses)})")
        if annotator is not None:
            sql += " AND s.annotator = ?"
            args.append(annotator)
        return sorted(r[0] for r in self.conn.execute(sql + " ORDER BY 1", args))

    # ------------------------------------------------------------------ article values
    def article_attributes(self: Project, article_id: int,
                           annotator: str | None = None) -> dict[str, dict[str, Any]]:
        """annotator -> {name: value} (only ``annotator``'s when given)."""
        out: dict[str, dict[str, Any]] = defaultdict(dict)
        if not self._has_m009():
            return {}
        sql = "SELECT annotator, name, value FROM article_attributes WHERE article_id = ?"
        args: list[Any] = [article_id]
        if annotator is not None:
            sql += " AND annotator = ?"
            args.append(annotator)
        for who, name, raw in self.conn.execute(sql + " ORDER BY annotator, name", args):
            out[who][name] = _load(raw)
        return dict(out)

    def set_article_attribute(self: Project, article_id: int, annotator: str, name: str,
                              value: Any, who: str, *, source: str = PERSON) -> Any:
        """Set or clear one article attribute of one annotator; returns the value before."""
        if source not in SOURCES:
            raise InvariantError(f"unknown attribute source '{source}'")
        with self.transaction():
            if not self.has_article(article_id):
                raise NotFound(f"no article {article_id}")
            attr = self.scheme().article_attribute(name)
            row = self.conn.execute(
                "SELECT value, source FROM article_attributes WHERE article_id = ? AND "
                "annotator = ? AND name = ?", (article_id, annotator, name)).fetchone()
            before = _load(row[0]) if row else None
            if row and source in FILLERS and row[1] not in FILLERS:
                return before
            stamp = cx.now()
            if is_empty(value):
                self.conn.execute(
                    "DELETE FROM article_attributes WHERE article_id = ? AND annotator = ? "
                    "AND name = ?", (article_id, annotator, name))
            else:
                if attr is None:
                    raise BadValue(f"the scheme has no article attribute '{name}'")
                value = check_value(attr, value, "the article")
                self.conn.execute(
                    "INSERT OR REPLACE INTO article_attributes(article_id, annotator, name, "
                    "value, source, updated_at) VALUES (?,?,?,?,?,?)",
                    (article_id, annotator, name, _dump(value), source, stamp))
            self._log(who, "article.attribute", "article", article_id,
                      {"annotator": annotator, "name": name, "before": before,
                       "after": None if is_empty(value) else value}, stamp)
        return before

    # ------------------------------------------------------------------ relations
    def relations_in_article(self: Project, article_id: int,
                             annotator: str | None = None) -> list[Relation]:
        """Every relation whose source span is in the article (one indexed query)."""
        if self.conn.execute("SELECT 1 FROM relations LIMIT 1").fetchone() is None:
            return []  # most projects: no join over the article's spans (opening an article)
        sql = ("SELECT r.id, r.from_span, r.to_span, r.type, r.annotator, r.created_at "
               "FROM spans s JOIN relations r ON r.from_span = s.id WHERE s.article_id = ?")
        args: list[Any] = [article_id]
        if annotator is not None:
            sql += " AND s.annotator = ?"
            args.append(annotator)
        return [Relation(*r) for r in self.conn.execute(sql + " ORDER BY r.created_at, r.rowid",
                                                        args)]

    def relation(self: Project, relation_id: str) -> Relation:
        row = self.conn.execute(
            "SELECT id, from_span, to_span, type, annotator, created_at FROM relations "
            "WHERE id = ?", (relation_id,)).fetchone()
        if row is None:
            raise NotFound(f"no relation with id {relation_id}")
        return Relation(*row)

    def allowed_relation_types(self: Project, from_span: str, to_span: str
                               ) -> list[RelationType]:
        a, b = self.span(from_span), self.span(to_span)
        return self.scheme().relation_types_for(a.label, b.label)

    def check_relation(self: Project, a: Span, b: Span, type_: str) -> None:
        """InvariantError unless ``type_`` allows a relation from ``a`` to ``b``."""
        if a.article_id != b.article_id:
            raise InvariantError("a relation must join two spans of the same article")
        if a.id == b.id:
            raise InvariantError("a relation must join two different spans")
        rel = self.scheme().relation(type_)
        if rel is None:
            raise InvariantError(f"the scheme has no relation type '{type_}'")
        if not rel.allows(a.label, b.label):
            raise InvariantError(f"a '{type_}' relation goes from {', '.join(rel.from_labels)}"
                                 f" to {', '.join(rel.to_labels)}, not from {a.label} to "
                                 f"{b.label}")

    def delete_relation(self: Project, relation_id: str, who: str) -> Relation:
        with self.transaction():
            rel = self.relation(relation_id)
            self.conn.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
            self._log(who, "relation.delete", "relation", relation_id, {"before": asdict(rel)})
        return rel

    def restore_relations(self: Project, relations: Sequence[Relation], who: str) -> None:
        """Put back relations with their ids (undo of a span or relation delete)."""
        with self.transaction():
            for rel in relations:
                self.add_relation(rel.from_span, rel.to_span, rel.type, rel.annotator,
                                  relation_id=rel.id, who=who, created_at=rel.created_at)

    def renamed_since_delete(self: Project, span: Span, values: Iterable[AttributeValue]
                             ) -> list[AttributeValue]:
        """``values`` of the deleted ``span`` with each choice value renamed
        (``rename_choice_value``) since the span's delete renamed the same way, in the order
        the renames were made: what its undo puts back."""
        values = list(values)
        since = self.last_change("span", span.id, "span.delete")
        if since is None or not values:
            return values
        renames = self.value_renames_since(since, span.label)
        return [AttributeValue(v.name, renamed(v.value, renames.get(v.name, ())), v.source,
                               v.updated_at) for v in values]

    def last_change(self: Project, entity: str, entity_id: object, action: str) -> int | None:
        """The id of the newest change-log entry of ``action`` on the entity (None: none)."""
        row = self.conn.execute(
            "SELECT max(id) FROM changes WHERE entity = ? AND entity_id = ? AND action = ?",
            (entity, str(entity_id), action)).fetchone()
        return None if row[0] is None else int(row[0])

    def value_renames_since(self: Project, change_id: int, label: str | None
                            ) -> dict[str, list[tuple[Any, Any]]]:
        """attribute name -> the (old, new) renames of its values (``label`` None: article
        attributes) logged after the change ``change_id``, oldest first."""
        renames: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
        for (raw,) in self.conn.execute(
                "SELECT data FROM changes WHERE entity = ? AND entity_id = ? "
                "AND action = 'scheme.rename_value' AND id > ? ORDER BY id",
                ("label" if label is not None else "article", label or "", change_id)):
            data = _load(raw)
            renames[data["attribute"]].append((data["before"], data["after"]))
        return renames

    def restore_attribute_values(self: Project, span_id: str,
                                 values: Iterable[AttributeValue], who: str) -> None:
        """Put back values exactly as they were (source and time too): undo of a delete."""
        with self.transaction():
            span = self.span(span_id)
            for v in values:
                value = self._check_attribute(span, v.name, v.value)
                self.conn.execute(
                    "INSERT OR REPLACE INTO span_attributes(span_id, name, value, source, "
                    "updated_at) VALUES (?,?,?,?,?)",
                    (span_id, v.name, _dump(value), v.source, v.updated_at or cx.now()))
                self._log(who, "span.attribute", "span", span_id,
                          {"name": v.name, "before": None, "after": v._asdict()})


def before_position(project: Project, table: str, where: str, args: tuple,
                    group_where: str = "", group_args: tuple = ()) -> int:
    """The position a definition keeps when replaced, or the next free one in its group."""
    row = project.conn.execute(f"SELECT position FROM {table} WHERE {where}", args).fetchone()
    if row is not None:
        return int(row[0])
    sql = f"SELECT coalesce(max(position) + 1, 0) FROM {table}"
    if group_where:
        sql += f" WHERE {group_where}"
    return int(project.conn.execute(sql, group_args).fetchone()[0])
