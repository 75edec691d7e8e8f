"""Merging the structure of a teammate's annotations (issue 11): attribute and relation-type
definitions, span attribute values and article attributes. Called by ``merge._run`` with the
teammate's copy ATTACHed as ``teammate``; the writes run inside merge's one transaction.

Rules (the same as for spans):

* **Definitions.** The teammate's scheme is read from their tables and validated like a scheme
  file. An attribute (of a label, or of articles) or a relation type we lack is added. One that
  contradicts ours refuses the whole file, naming it: the same attribute with another type, or
  with a choice value we do not have (ours having more values is fine). A relation type of the
  same name is kept as ours; a relation of theirs that ours does not allow between its two
  labels refuses the file, and so does a relation whose end is missing from their file.
* **Values** are checked against the merged scheme (a value our scheme would refuse refuses
  the file, naming the span or article). A value we lack comes in (the span's, or the
  article's for that annotator), with its source and time. One we have with the same value is
  kept. One that differs keeps ours and is counted as a conflict, except one case (the
  team-review rule): the annotator's own value, from the file ``annotator assign`` made for
  that annotator, set there later (``updated_at``) than ours, replaces ours; the change log
  keeps ours (``span.attribute`` / ``article.attribute`` with ``"merge"`` naming the file). A
  filler's value (parsed, suggested) never replaces a person's or an imported one. Nothing is
  ever deleted: a value we have that they cleared stays.
* Values of spans whose id is taken here by another span (a span conflict: ours kept) and of
  articles deleted here are left out with them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.labels import SchemeError
from annotator.core.scheme import AttributeDef, RelationType, Scheme, check_value, parse_scheme
from annotator.review.untrusted import Teammate, refuse
from annotator.store import connection as cx
from annotator.store.scheme_checks import scheme_file_shape
from annotator.store.scheme_store import relation_types_used

if TYPE_CHECKING:
    from annotator.review.merge import MergeReport
    from annotator.store.project import Project

_DB = "teammate"
FILLERS = ("parsed", "suggested")

_DELETED_HERE = (f"EXISTS (SELECT 1 FROM {_DB}.articles td JOIN main.deleted_articles d "
                 "ON d.sha256 = td.sha256 WHERE td.id = {article})")

#: The teammate's span attribute values by fate: 0 (we lack it), 1 (the same JSON text here),
#: 2 (another text here); ``{where}`` leaves out conflicting spans (and those of articles
#: deleted here).
_SPAN_FATES = f"""
    SELECT CASE WHEN xa.value IS NULL THEN 0 WHEN xa.value = a.value THEN 1 ELSE 2 END,
        count(*)
    FROM {_DB}.span_attributes a
    LEFT JOIN main.span_attributes xa ON xa.span_id = a.span_id AND xa.name = a.name
    WHERE a.span_id NOT IN (SELECT value FROM json_each(:conflicts)) {{where}} GROUP BY 1
"""
#: The values of theirs whose text differs from ours, with both sides.
_SPAN_DIFFERS = f"""
    SELECT a.span_id, a.name, a.value, a.source, a.updated_at, s.annotator,
        xa.value, xa.source, xa.updated_at
    FROM {_DB}.span_attributes a JOIN main.span_attributes xa
        ON xa.span_id = a.span_id AND xa.name = a.name AND xa.value != a.value
    JOIN {_DB}.spans s ON s.id = a.span_id
    WHERE a.span_id NOT IN (SELECT value FROM json_each(:conflicts)) {{where}}
    ORDER BY a.span_id, a.name
"""
_SPAN_NOT_DELETED = f"""AND NOT EXISTS (SELECT 1 FROM {_DB}.spans sd JOIN {_DB}.articles td
    ON td.id = sd.article_id JOIN main.deleted_articles d ON d.sha256 = td.sha256
    WHERE sd.id = a.span_id)"""

#: Every article attribute of the teammate with ours (same text, annotator and name).
_ARTICLE_VALUES = f"""
    SELECT m.id, aa.annotator, aa.name, aa.value, aa.source, aa.updated_at,
        x.value, x.source, x.updated_at, ta.title
    FROM {_DB}.article_attributes aa JOIN {_DB}.articles ta ON ta.id = aa.article_id
    LEFT JOIN main.articles m ON m.sha256 = ta.sha256
    LEFT JOIN main.article_attributes x ON x.article_id = m.id
        AND x.annotator = aa.annotator AND x.name = aa.name
    WHERE NOT {_DELETED_HERE.format(article="aa.article_id")}
    ORDER BY aa.article_id, aa.annotator, aa.name
"""

_INSERT_SPAN_VALUES = f"""
    INSERT OR IGNORE INTO main.span_attributes(span_id, name, value, source, updated_at)
    SELECT a.span_id, a.name, a.value, a.source, a.updated_at FROM {_DB}.span_attributes a
    WHERE EXISTS (SELECT 1 FROM main.spans x WHERE x.id = a.span_id)
    AND a.span_id NOT IN (SELECT value FROM json_each(:conflicts))
"""

_INSERT_ARTICLE_VALUES = f"""
    INSERT OR IGNORE INTO main.article_attributes(article_id, annotator, name, value, source,
        updated_at)
    SELECT m.id, aa.annotator, aa.name, aa.value, aa.source, aa.updated_at
    FROM {_DB}.article_attributes aa JOIN {_DB}.articles ta ON ta.id = aa.article_id
    JOIN main.articles m ON m.sha256 = ta.sha256
"""


@dataclass
class StructurePlan:
    """What ``write`` does: definitions to add and values to replace."""

    attributes: list[tuple[str | None, AttributeDef]] = field(default_factory=list)
    relation_types: list[RelationType] = field(default_factory=list)
    span_updates: list[tuple[str, str, str, str, str, str, str, str]] = field(
        default_factory=list)  # span id, name, their value/source/time, ours
    article_updates: list[tuple[int, str, str, str, str, str, str, str, str]] = field(
        default_factory=list)  # article id, annotator, name, theirs, ours


def _canonical(raw: str) -> str:
    return json.dumps(json.loads(raw), ensure_ascii=False, sort_keys=True)


def their_scheme(teammate: Teammate, labels: Iterable[str]) -> Scheme:
    """The teammate's attributes, relation types and article attributes, validated as a scheme
    file is (the labels without their hotkeys: merge handles those)."""
    if not teammate.has_scheme_tables:  # a file from before m009: what m009 would give it
        used = relation_types_used(teammate.conn)
        data: dict[str, Any] = {
            "labels": [{"name": n, "hotkey": None} for n in dict.fromkeys(
                [*labels, *(x for f, t in used.values() for x in f + t)])],
            "relations": [{"name": n, "from": list(f), "to": list(t)}
                          for n, (f, t) in used.items()]}
    else:
        try:
            data = scheme_file_shape(teammate.conn)
        except SchemeError as exc:
            raise refuse(teammate.path, str(exc)) from None
        for label in data["labels"]:
            label.pop("color")  # labels (and their colours) are merged apart
        named = {label["name"] for label in data["labels"]}
        data["labels"] += [{"name": n, "hotkey": None} for n in labels if n not in named]
    try:
        return parse_scheme(data, "its scheme")
    except SchemeError as exc:
        raise refuse(teammate.path, str(exc)) from None


def _contradiction(ours: AttributeDef, theirs: AttributeDef, what: str) -> str | None:
    if ours.type != theirs.type:
        return f"{what} is a {theirs.type} attribute there and a {ours.type} attribute here"
    extra = [v for v in theirs.values if v not in ours.values]
    if extra:
        return f"{what} has the value '{extra[0]}' there, which it does not have here"
    return None


def plan_definitions(project: Project, teammate: Teammate, report: MergeReport,
                     plan: StructurePlan) -> Scheme:
    """Add the definitions we lack to ``plan`` (refusing a contradiction); returns the scheme
    as it will be after the merge (its labels: only the names matter here)."""
    ours = project.scheme()
    labels = [lb.name for lb in ours.labels]
    theirs = their_scheme(teammate, [*labels, *report.labels_created])
    attributes = {label: list(ours.attributes_of(label)) for label in labels}
    for label in theirs.attributes:
        for attr in theirs.attributes_of(label):
            what = f"attribute '{attr.name}' of label '{label}'"
            mine = ours.attribute(label, attr.name)
            if mine is None:
                plan.attributes.append((label, attr))
                attributes.setdefault(label, []).append(attr)
            elif (why := _contradiction(mine, attr, what)) is not None:
                raise refuse(teammate.path, why)
    article = list(ours.article_attributes)
    for attr in theirs.article_attributes:
        mine = ours.article_attribute(attr.name)
        if mine is None:
            plan.attributes.append((None, attr))
            article.append(attr)
        elif (why := _contradiction(mine, attr, f"article attribute '{attr.name}'")):
            raise refuse(teammate.path, why)
    relations = list(ours.relations)
    for rel in theirs.relations:
        if ours.relation(rel.name) is None:
            plan.relation_types.append(rel)
            relations.append(rel)
    report.definitions_added = [
        *(f"attribute {label}.{a.name}" if label else f"article attribute {a.name}"
          for label, a in plan.attributes),
        *(f"relation type {r.name}" for r in plan.relation_types)]
    merged = Scheme(ours.labels, {k: tuple(v) for k, v in attributes.items()},
                    tuple(relations), tuple(article))
    _check_relations(teammate, merged)
    return merged


def _check_relations(teammate: Teammate, scheme: Scheme) -> None:
    """Refuse a relation whose end is missing, or that the merged scheme does not allow."""
    conn = teammate.conn
    row = conn.execute(
        "SELECT r.id FROM relations r LEFT JOIN spans a ON a.id = r.from_span "
        "LEFT JOIN spans b ON b.id = r.to_span WHERE a.id IS NULL OR b.id IS NULL "
        "LIMIT 1").fetchone()
    if row:
        raise refuse(teammate.path, f"relation {row[0]} joins a span that is not in the file")
    for type_, a, b, rel_id in conn.execute(
            "SELECT r.type, a.label, b.label, min(r.id) FROM relations r "
            "JOIN spans a ON a.id = r.from_span JOIN spans b ON b.id = r.to_span "
            "GROUP BY 1, 2, 3"):
        rel = scheme.relation(type_)
        if rel is None:
            raise refuse(teammate.path, f"relation {rel_id}: its type '{type_}' is not defined")
        if not rel.allows(a, b):
            raise refuse(teammate.path, f"relation {rel_id}: type '{type_}' joins {a} -> {b} "
                                        f"there, which the type does not allow here")


def _check_values(project: Project, teammate: Teammate, scheme: Scheme) -> None:
    """Every distinct value of theirs is one the merged scheme allows, as stored: the distinct
    values validation read (else read through our connection, where the copy is attached with
    the merge's page cache)."""
    rows = teammate.span_value_groups
    if rows is None:
        rows = project.conn.execute(
            f"SELECT s.label, a.name, a.value, min(a.span_id) FROM {_DB}.span_attributes a "
            f"JOIN {_DB}.spans s ON s.id = a.span_id GROUP BY 1, 2, 3").fetchall()
    for label, name, raw, where in rows:
        _check_one(teammate, scheme.attribute(label, name), name, raw, f"span {where}",
                   f"label '{label}'")
    for name, raw, article_id in project.conn.execute(
            f"SELECT name, value, min(article_id) FROM {_DB}.article_attributes "
            "GROUP BY 1, 2").fetchall():
        _check_one(teammate, scheme.article_attribute(name), name, raw,
                   f"article {article_id}", "articles")


def _check_one(teammate: Teammate, attr: AttributeDef | None, name: str, raw: str,
               where: str, owner: str) -> None:
    if attr is None:
        raise refuse(teammate.path, f"{where}: {owner} has no attribute '{name}'")
    try:
        value = json.loads(raw)
        ok = check_value(attr, value, owner) == value
    except (ValueError, SchemeError) as exc:
        raise refuse(teammate.path, f"{where}: {exc}") from None
    if not ok:
        raise refuse(teammate.path, f"{where}: attribute '{name}' holds {raw}, not as the "
                                    "scheme stores it")


def _wins(report: MergeReport, annotator: str, theirs: tuple[str, str, str],
          ours: tuple[str, str, str]) -> bool:
    """The team-review rule: the package owner's own value, set later there, replaces ours
    (a filler's value never replaces a person's or an imported one)."""
    if not report.owner or annotator != report.owner or theirs[2] <= ours[2]:
        return False
    return not (theirs[1] in FILLERS and ours[1] not in FILLERS)


def plan_values(project: Project, teammate: Teammate, report: MergeReport,
                plan: StructurePlan, scheme: Scheme, conflicts: set[str]) -> None:
    """Check their values and count what comes in, stays and conflicts."""
    if not teammate.has_scheme_tables:  # a file from before m009 holds no value
        return
    _check_values(project, teammate, scheme)
    where = _SPAN_NOT_DELETED if report.articles_deleted else ""
    args = {"conflicts": json.dumps(sorted(conflicts))}
    fates = dict(project.conn.execute(_SPAN_FATES.format(where=where), args).fetchall())
    report.attributes_added = fates.get(0, 0)
    report.attributes_present = fates.get(1, 0)
    differ = project.conn.execute(_SPAN_DIFFERS.format(where=where), args).fetchall() \
        if fates.get(2) else []
    for span_id, name, value, source, at, annotator, our_value, our_source, our_at in differ:
        if _canonical(value) == _canonical(our_value):
            report.attributes_present += 1
        elif _wins(report, annotator, (value, source, at), (our_value, our_source, our_at)):
            report.attributes_updated += 1
            plan.span_updates.append((span_id, name, value, source, at, our_value, our_source,
                                      our_at))
        else:
            report.attribute_conflicts += 1
            _example(report, f"span {span_id}: attribute '{name}' is {our_value} here, "
                             f"{value} there (ours kept)")
    for (article_id, annotator, name, value, source, at, our_value, our_source, our_at,
         title) in project.conn.execute(_ARTICLE_VALUES).fetchall():
        if our_value is None:
            report.article_attributes_added += 1
        elif _canonical(value) == _canonical(our_value):
            report.article_attributes_present += 1
        elif _wins(report, annotator, (value, source, at), (our_value, our_source, our_at)):
            report.article_attributes_updated += 1
            plan.article_updates.append((article_id, annotator, name, value, source, at,
                                         our_value, our_source, our_at))
        else:
            report.article_attribute_conflicts += 1
            _example(report, f"article {title}: {annotator}'s '{name}' is {our_value} here, "
                             f"{value} there (ours kept)")


def _example(report: MergeReport, line: str) -> None:
    if len(report.conflict_examples) < 20:
        report.conflict_examples.append(line)


def write_definitions(project: Project, plan: StructurePlan) -> None:
    """The definitions we lack (after the labels, before any relation or value needs them)."""
    from annotator.store.scheme_store import _rel_spec

    conn = project.conn
    for label, attr in plan.attributes:
        spec = json.dumps(attr.spec(), ensure_ascii=False)
        if label is None:
            conn.execute("INSERT INTO main.article_attribute_defs(name, type, spec, position) "
                         "SELECT ?, ?, ?, coalesce(max(position) + 1, 0) "
                         "FROM main.article_attribute_defs", (attr.name, attr.type, spec))
        else:
            conn.execute("INSERT INTO main.label_attributes(label, name, type, spec, position) "
                         "SELECT ?, ?, ?, ?, coalesce(max(position) + 1, 0) "
                         "FROM main.label_attributes WHERE label = ?",
                         (label, attr.name, attr.type, spec, label))
    for rel in plan.relation_types:
        conn.execute("INSERT INTO main.relation_types(name, spec, position) "
                     "SELECT ?, ?, coalesce(max(position) + 1, 0) FROM main.relation_types",
                     (rel.name, json.dumps(_rel_spec(rel), ensure_ascii=False)))
        conn.executemany(
            "INSERT INTO main.relation_ends(type, side, label, position) VALUES (?,?,?,?)",
            [(rel.name, "from", n, j) for j, n in enumerate(rel.from_labels)]
            + [(rel.name, "to", n, j) for j, n in enumerate(rel.to_labels)])
    if plan.attributes or plan.relation_types:
        project._bump_scheme()


def write_values(project: Project, teammate: Teammate, report: MergeReport, who: str,
                 plan: StructurePlan, conflicts: set[str]) -> None:
    """After the articles and spans are in: the values we lack, then the owner's updates."""
    from annotator.review.merge import _expect

    conn = project.conn
    if report.attributes_added:
        added = conn.execute(_INSERT_SPAN_VALUES,
                             {"conflicts": json.dumps(sorted(conflicts))}).rowcount
        _expect(added, report.attributes_added, "attribute values")
    if report.article_attributes_added:
        added = conn.execute(_INSERT_ARTICLE_VALUES).rowcount
        _expect(added, report.article_attributes_added, "article attributes")
    stamp = cx.now()
    origin = {"merge": teammate.path.name, "file_sha256": teammate.sha256,
              "owner": report.owner}
    for span_id, name, value, source, at, our_value, our_source, our_at in plan.span_updates:
        conn.execute("UPDATE main.span_attributes SET value = ?, source = ?, updated_at = ? "
                     "WHERE span_id = ? AND name = ?", (value, source, at, span_id, name))
        project._log(who, "span.attribute", "span", span_id, {
            "name": name, **origin,
            "before": {"name": name, "value": json.loads(our_value), "source": our_source,
                       "updated_at": our_at},
            "after": {"name": name, "value": json.loads(value), "source": source,
                      "updated_at": at}}, stamp)
    for (article_id, annotator, name, value, source, at, our_value, our_source,
         our_at) in plan.article_updates:
        conn.execute("UPDATE main.article_attributes SET value = ?, source = ?, updated_at = ? "
                     "WHERE article_id = ? AND annotator = ? AND name = ?",
                     (value, source, at, article_id, annotator, name))
        project._log(who, "article.attribute", "article", article_id, {
            "annotator": annotator, "name": name, **origin, "before": json.loads(our_value),
            "before_source": our_source, "before_updated_at": our_at,
            "after": json.loads(value)}, stamp)
