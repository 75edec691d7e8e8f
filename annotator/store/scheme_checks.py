"""The scheme's definitions and values checked as rows (issue 10): what ``annotator check``
reports of a project and what ``review/validate.py`` refuses in a teammate's file. No Qt.

The definitions are read back into the scheme file's shape and go through
``core.scheme.parse_scheme`` (the one validation of a scheme: identifiers, types, values,
defaults, relation ends). Values are checked once per distinct (label, attribute, value):
``GROUP BY`` in SQL, so a million spans with a few distinct choices cost one scan. Each problem
names one row (its span, relation or article) and how many more share it.

Errors: a definition that breaks a rule, a value of the wrong type or outside the allowed
values, a value of an attribute the label does not have, a relation of an undefined type or
joining labels its type does not allow. Warnings: spans missing a required attribute
(incomplete, as the window marks them; not an error), and articles an annotator marked done
without a required article attribute of theirs (an article still in progress is not warned
about: its annotator has not said they are finished).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from annotator.core.labels import SchemeError
from annotator.core.scheme import Scheme, check_value, is_empty, parse_scheme

__all__ = ["SchemeReport", "check_scheme_rows", "has_scheme_tables", "scheme_file_shape"]


@dataclass
class SchemeReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scheme: Scheme | None = None  # None when the definitions themselves are broken
    #: (label, name, stored value, first span id) of every distinct value of a span's attribute
    #: by its span's label: what a merge checks again against the merged scheme, without a
    #: second pass over the values (None until the values were read)
    value_groups: list[tuple[str, str, Any, str]] | None = None


def has_scheme_tables(conn: sqlite3.Connection, schema: str = "main") -> bool:
    """Whether the file has the tables of m009 (a file older than m009 opened read-only
    has none)."""
    return conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND "
                        "name = 'span_attributes'").fetchone() is not None


def _spec(raw: Any, where: str) -> dict[str, Any]:
    try:
        spec = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        spec = None
    if not isinstance(spec, dict):
        raise SchemeError(f"{where}: its definition {str(raw)[:60]!r} is not a JSON object")
    return spec


def scheme_file_shape(conn: sqlite3.Connection) -> dict[str, Any]:
    """The definitions of the file as a scheme file (label hotkeys left out: those are
    checked where labels are). SchemeError when a stored definition is not JSON."""
    attrs: dict[str, list[dict[str, Any]]] = {}
    for label, name, type_, spec in conn.execute(
            "SELECT label, name, type, spec FROM label_attributes ORDER BY position, name"):
        attrs.setdefault(label, []).append(
            {**_spec(spec, f"attribute {name!r} of label {label!r}"), "name": name,
             "type": type_})
    labels = [{"name": name, "color": color, "hotkey": None,
               "attributes": attrs.get(name, [])}
              for name, color in conn.execute("SELECT name, color FROM labels "
                                              "ORDER BY position, name")]
    ends: dict[tuple[str, str], list[str]] = {}
    for type_, side, label in conn.execute(
            "SELECT type, side, label FROM relation_ends ORDER BY position, label"):
        ends.setdefault((type_, side), []).append(label)
    relations = [{**_spec(spec, f"relation type {name!r}"), "name": name,
                  "from": ends.get((name, "from"), []), "to": ends.get((name, "to"), [])}
                 for name, spec in conn.execute(
                     "SELECT name, spec FROM relation_types ORDER BY position, name")]
    article = [{**_spec(spec, f"article attribute {name!r}"), "name": name, "type": type_}
               for name, type_, spec in conn.execute(
                   "SELECT name, type, spec FROM article_attribute_defs "
                   "ORDER BY position, name")]
    return {"labels": labels, "relations": relations, "article_attributes": article}


def _more(count: int, what: str) -> str:
    return f" (and {count - 1} more {what})" if count > 1 else ""


def _value_problem(attr: Any, raw: Any, owner: str) -> str | None:
    if attr is None:
        return "not in the scheme"
    if not isinstance(raw, str):
        return f"a value stored as {type(raw).__name__}, not JSON text"
    try:
        value = json.loads(raw)
    except ValueError:
        return f"a value that is not JSON: {raw[:60]!r}"
    if is_empty(value):
        return "an empty value is stored (an unset attribute has no row)"
    try:
        check_value(attr, value, owner)
    except SchemeError as exc:
        return str(exc).split(": ", 1)[-1]
    return None


def check_scheme_rows(conn: sqlite3.Connection, *, warnings: bool = True) -> SchemeReport:
    """Every definition, value and relation of the file against its own scheme. (A bare
    column beside one ``min()`` comes from the row of that minimum, in SQLite: the article
    named is the named span's.)"""
    report = SchemeReport()
    if not has_scheme_tables(conn):
        return report
    try:
        scheme = parse_scheme(scheme_file_shape(conn), "the scheme")
    except SchemeError as exc:
        report.errors.append(str(exc))
        return report
    report.scheme = scheme
    errors = report.errors
    # one pass over the values: each joined to its span's label (a value of no span comes with
    # none, ``lost``), grouped by what decides whether it is valid
    report.value_groups = groups = []
    lost_any = False
    for lost, label, name, raw, count, span_id, art_id in conn.execute(
            "SELECT s.id IS NULL, s.label, v.name, v.value, count(*), min(v.span_id), "
            "s.article_id FROM span_attributes v LEFT JOIN spans s ON s.id = v.span_id "
            "GROUP BY 1, 2, 3, 4"):
        if lost:
            lost_any = True
            continue
        groups.append((label, name, raw, span_id))
        why = _value_problem(scheme.attribute(label, name), raw, label)
        if why is not None:
            errors.append(f"span {span_id} ({label}) in article {art_id}: attribute "
                          f"'{name}': {why}{_more(count, 'span(s) with this value')}")
    if lost_any:  # (a damaged file only) per attribute, as SQLite orders the span ids
        for span_id, name, count in conn.execute(
                "SELECT min(span_id), name, count(*) FROM span_attributes "
                "WHERE span_id NOT IN (SELECT id FROM spans) GROUP BY name"):
            errors.append(f"a value of attribute '{name}' belongs to span {span_id}, which "
                          f"does not exist{_more(count, 'such value(s)')}")
    for name, raw, count, art_id, who in conn.execute(
            "SELECT name, value, count(*), min(article_id), annotator "
            "FROM article_attributes GROUP BY name, value"):
        why = _value_problem(scheme.article_attribute(name), raw, "the article")
        if why is not None:
            errors.append(f"article {art_id} ({who}): article attribute '{name}': "
                          f"{why}{_more(count, 'article value(s) like it')}")
    for type_, a, b, count, rel_id, apart in conn.execute(
            "SELECT r.type, x.label, y.label, count(*), min(r.id), "
            "sum(x.article_id != y.article_id) FROM relations r "
            "JOIN spans x ON x.id = r.from_span JOIN spans y ON y.id = r.to_span "
            "GROUP BY r.type, x.label, y.label"):
        rel = scheme.relation(type_)
        if rel is None:
            errors.append(f"relation {rel_id}: its type '{type_}' is not in the scheme"
                          f"{_more(count, 'relation(s) of it')}")
        elif not rel.allows(a, b):
            errors.append(f"relation {rel_id}: a '{type_}' relation goes from "
                          f"{' | '.join(rel.from_labels)} to {' | '.join(rel.to_labels)}, not "
                          f"from {a} to {b}{_more(count, 'relation(s) like it')}")
        if apart:
            errors.append(f"{apart} '{type_}' relation(s) from {a} to {b} join spans of two "
                          "articles")
    if warnings:
        report.warnings = incomplete_warnings(conn, scheme)
    return report


def incomplete_warnings(conn: sqlite3.Connection, scheme: Scheme) -> list[str]:
    """One line per required attribute that some spans lack (the window's "incomplete"), and
    per required article attribute that some annotator's done articles lack."""
    out = []
    for label in scheme.labels:
        for attr in scheme.attributes_of(label.name):
            if not attr.required:
                continue
            count, span_id, art_id = conn.execute(
                "SELECT count(*), min(s.id), s.article_id FROM spans s "
                "WHERE s.label = ? AND NOT EXISTS (SELECT 1 FROM span_attributes v "
                "WHERE v.span_id = s.id AND v.name = ?)", (label.name, attr.name)).fetchone()
            if count:
                out.append(f"{count} {label.name} span(s) lack the required attribute "
                           f"'{attr.name}' (incomplete; e.g. span {span_id} in article "
                           f"{art_id})")
    for attr in scheme.article_attributes:
        if not attr.required:
            continue
        count, art_id, who = conn.execute(
            "SELECT count(*), min(s.article_id), s.annotator FROM article_statuses s "
            "WHERE s.status = 'done' AND NOT EXISTS (SELECT 1 FROM article_attributes v "
            "WHERE v.article_id = s.article_id AND v.annotator = s.annotator "
            "AND v.name = ?)", (attr.name,)).fetchone()
        if count:
            out.append(f"{count} article(s) marked done lack the required article attribute "
                       f"'{attr.name}' (e.g. article {art_id}, done by {who})")
    return out
