"""Label Studio tasks JSON and labeling config (no Qt).

Export writes ``OUT`` (a JSON list of tasks, what Label Studio imports) and
``OUT-stem.label_config.xml`` (a ``<Labels>``/``<Text>`` config with the project's labels and
colors, plus ``<Relations>`` when there are relations). Each task::

    {"data": {"text", "title", "article_uid", "status", "annotators": {NAME: [REGION_ID...]}},
     "annotations": [{"result": [...], "ground_truth": bool, "annotator": NAME}],
     "predictions": [{"model_version": NAME, "result": [...]}]}

One annotation per annotator; the adjudicated (gold) layer is an annotation with
``ground_truth: true``; spans with origin "suggested" are predictions. A result item is
``{"id", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start", "end",
"text", "labels": [LABEL]}}`` with the note, if any, in ``meta.text``; relations are
``{"type": "relation", "from_id", "to_id", "direction": "right", "labels": [TYPE]}``.
A span's attributes are per-region results sharing its region ``id``, an annotator's article
attributes task-level results, and the labeling config has their controls
(``annotator.formats._label_studio_attrs``). Offsets are code points by default, end-exclusive: Label Studio 1.23's editor maps them with
``charsToCodePoints`` and highlights UTF-16 offsets on the wrong characters after an emoji or
𠮷; ``unit="utf16"`` is for older versions that counted JavaScript string indices (#1347).

Label Studio drops the ``annotator`` key of an annotation on import and exports every
annotation as its importing user's (``completed_by``); task data is kept as given, so
``data.annotators`` maps each annotator to the ids of their regions, which Label Studio also
keeps, and the importer reads the names back from there.

Import reads Label Studio's JSON export (or our own file): annotations (``completions`` in old
versions) become spans with origin "imported" ("adjudicated" for ground truth), predictions
origin "suggested". ``value.text`` is checked against the text; offsets that only match when
read in the other unit (files from another Label Studio version) are taken so, with a warning.
Per-region Choices/Number/TextArea results of the project's scheme become span attributes (found
by region id, ours or Label Studio's own), task-level ones article attributes; a value the scheme
refuses is a bad record naming the task and result; a control it lacks is skipped, counted.

What Label Studio 1.23.2 itself does (checked against the server, tests/fixtures/
label_studio_1_23): it stores our results unchanged but validates none of them on import; its
plain JSON export lists predictions by id only (skipped, with a warning; a snapshot export with
predictions included carries them); its editor saves relations without ids and, when no
relation label was chosen, without ``labels`` (skipped with a warning unless the scheme has a
type named "relation"); it writes a whole export on one line, so messages name the task.
JSON_MIN keeps a per-region value without its region and no relations: refused.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from annotator.core.labels import SchemeError
from annotator.core.model import STATUSES, ArticleRecord, RelationRecord, SpanRecord
from annotator.core.names import GOLD
from annotator.core.offsets import OffsetIndex
from annotator.core.scheme import Scheme
from annotator.core.text import guess_language
from annotator.formats import register
from annotator.formats._common import (
    GOLD_ORIGIN,
    ExportLog,
    ExportProgress,
    ExportSpan,
    Filters,
    article_values,
    atomic_path,
    choice,
    iter_export,
    project_relations,
    span_values,
)
from annotator.formats._label_studio_attrs import (
    RESULT_TYPES,
    add_controls,
    article_results,
    attribute_name,
    read_value,
    region_results,
)
from annotator.formats._reading import (
    Bad,
    TextMap,
    Warn,
    ignore,
    json_records,
    looks_like_uid,
    string,
    text_of,
)
from annotator.importing.records import TITLE_MAX, first_line_title
from annotator.importing.source import BadRecord

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["config_xml", "export_label_studio", "read_label_studio"]

UNITS = {"utf16": "UTF-16 code units", "codepoint": "code points"}
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_DATA_OURS = frozenset({"title", "article_uid", "status", "annotators"})


def config_xml(labels: list[tuple[str, str, str | None]], relation_types: Iterable[str] = (),
               scheme: Scheme | None = None) -> str:
    """The labeling config: ``labels`` as (name, color, hotkey); with ``scheme``, the
    per-region controls of their attributes, the article attributes' controls and every
    relation type between them."""
    view = ET.Element("View")
    tag = ET.SubElement(view, "Labels", name="label", toName="text")
    for name, color, hotkey in labels:
        attrs = {"value": name, "background": color}
        if hotkey:
            attrs["hotkey"] = hotkey
        ET.SubElement(tag, "Label", attrs)
    shown = {name for name, _c, _h in labels}
    types = sorted(set(relation_types) | {
        r.name for r in (scheme.relations if scheme is not None else ())
        if shown & set(r.from_labels) and shown & set(r.to_labels)})
    if types:
        rel = ET.SubElement(view, "Relations")
        for type_ in types:
            ET.SubElement(rel, "Relation", value=type_)
    ET.SubElement(view, "Text", name="text", value="$text")
    if scheme is not None:
        add_controls(view, scheme, [name for name, _c, _h in labels])
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def export_label_studio(project: Project, out: str | os.PathLike[str], *,
                        annotators: Iterable[str] | None = None,
                        labels: Iterable[str] | None = None,
                        statuses: Iterable[str] | None = None, gold_only: bool = False,
                        skip_empty: bool = False, progress: ExportProgress | None = None,
                        unit: str = "codepoint") -> dict[str, int]:
    """Write the tasks JSON and the labeling config; return counts."""
    unit = choice("unit", unit, tuple(UNITS))
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty)
    out = Path(out)
    config = out.with_name(f"{out.stem}.label_config.xml")
    relations = project_relations(project, filters)
    values = span_values(project, filters)
    art_values = article_values(project, filters)
    label_scheme = project.scheme()
    log = ExportLog(out, "label-studio")
    counts = {"articles": 0, "spans": 0, "annotations": 0, "predictions": 0, "relations": 0}
    try:
        with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("[")
            for article, spans in iter_export(project, filters, progress=progress):
                task = _task(article, spans, relations.get(article.id, []), unit, log, counts,
                             (values.get(article.id), art_values.get(article.id),
                              label_scheme))
                fh.write(",\n" if counts["articles"] else "\n")
                fh.write(json.dumps(task, ensure_ascii=False))
                counts["articles"] += 1
                counts["spans"] += len(spans)
            fh.write("\n]\n")
        wanted = None if filters.labels is None else set(filters.labels)
        scheme = [(lb.name, lb.color, lb.hotkey) for lb in project.labels()
                  if wanted is None or lb.name in wanted]
        types = [r[3] for rels in relations.values() for r in rels]
        with atomic_path(config) as tmp:
            tmp.write_text(config_xml(scheme, types, label_scheme), encoding="utf-8")
    except BaseException:
        log.abort()
        raise
    log.finish(project, unit=UNITS[unit], filters=filters, files=[out, config], counts=counts,
               options={"unit": unit},
               not_carried=["origin manual/imported (both become annotations)",
                            "relations between spans of different annotators"])
    return counts


def _task(article: Any, spans: list[ExportSpan], relations: list[tuple[str, ...]], unit: str,
          log: ExportLog, counts: dict[str, int],
          values: tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], Scheme]
          ) -> dict[str, Any]:
    span_attrs, article_attrs, scheme = values
    index = OffsetIndex(article.text)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    group_of: dict[str, tuple[str, str]] = {}
    for span in spans:
        kind = ("prediction" if span.origin == "suggested" else
                "gold" if span.origin == GOLD_ORIGIN else "annotation")
        start, end = span.start, span.end
        if unit == "utf16" and index.has_astral:
            start, end = index.span_to_utf16(start, end)
        item: dict[str, Any] = {
            "id": span.id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": span.text, "labels": [span.label]}}
        if kind != "prediction":
            item["origin"] = "manual"
        if span.note:
            item["meta"] = {"text": [span.note]}
        key = (kind, span.annotator)
        groups.setdefault(key, []).append(item)
        if span.id in span_attrs:
            groups[key] += region_results(item, span.label, span_attrs[span.id], scheme)
        group_of[span.id] = key
    for rel_id, from_span, to_span, type_, _who in relations:
        key = group_of[from_span]
        if group_of[to_span] != key:
            log.other(article, "relation dropped: its spans are in different annotations",
                      relation_id=rel_id, type=type_, from_span=from_span, to_span=to_span)
            continue
        groups[key].append({"id": rel_id, "from_id": from_span, "to_id": to_span,
                            "type": "relation", "direction": "right", "labels": [type_]})
        counts["relations"] += 1
    for n, (who, chosen) in enumerate(sorted(article_attrs.items()), 1):
        groups.setdefault(("gold" if who == GOLD else "annotation", who), []).extend(
            article_results(chosen, scheme, f"article-{n}"))
    annotations, predictions = [], []
    for (kind, who), result in groups.items():
        if kind == "prediction":
            predictions.append({"model_version": who, "result": result})
        else:
            annotations.append({"result": result, "ground_truth": kind == "gold",
                                "annotator": who})
    counts["annotations"] += len(annotations)
    counts["predictions"] += len(predictions)
    owners: dict[str, list[str]] = {}
    for (kind, who), result in groups.items():
        if kind != "prediction":  # Label Studio keeps a prediction's model_version
            owners.setdefault(who, []).extend(r["id"] for r in result if r["type"] == "labels")
    data = {"text": article.text, "title": article.title, "article_uid": article.uid,
            "status": article.status}
    if owners:
        data["annotators"] = owners
    return {"data": data, "annotations": annotations, "predictions": predictions}


# ------------------------------------------------------------------------------ import
def read_label_studio(path: str | os.PathLike[str], *, warn: Warn = ignore,
                      unit: str = "codepoint", text_field: str = "text",
                      label_scheme: Scheme | None = None
                      ) -> Iterator[ArticleRecord | BadRecord]:
    """Records of a Label Studio JSON export (a list of tasks). With ``label_scheme`` (the
    project's), per-region Choices/Number/TextArea results of its attributes become the
    region's span attributes and task-level ones its article attributes."""
    unit = choice("unit", unit, tuple(UNITS))
    label = str(path)
    seen: set[str] = set()
    for item in json_records(Path(path)):
        if isinstance(item, BadRecord):
            yield item
            continue
        where, obj = item
        if isinstance(obj, dict) and "data" in obj and isinstance(obj.get("id"), int):
            where = f"{where} task {obj['id']}"  # Label Studio writes every task on line 1
        try:
            yield _record(obj, where, label, unit, text_field, warn, seen, label_scheme)
        except Bad as exc:
            yield BadRecord(where, str(exc))


def _record(task: Any, where: str, label: str, unit: str, text_field: str, warn: Warn,
            seen: set[str], scheme: Scheme | None = None) -> ArticleRecord:
    if not isinstance(task, dict):
        raise Bad(f"expected a task object, got {type(task).__name__}")
    if "annotation_id" in task and "data" not in task:
        raise Bad("this is Label Studio's JSON_MIN export, which keeps a per-region value "
                  "without its region and no relations: export JSON from Label Studio instead")
    data = task.get("data", task)
    if not isinstance(data, dict):
        raise Bad("'data' must be an object")
    if text_field not in data:
        raise Bad(f"no '{text_field}' in the task data (keys: {', '.join(map(str, data))})")
    tm = text_of(data[text_field], text_field)
    spans: list[SpanRecord] = []
    relations: list[RelationRecord] = []
    skipped: dict[str, int] = {}
    layers = [(a, "annotation") for a in (task.get("annotations") or task.get("completions")
                                          or [])]
    predictions = task.get("predictions") or []
    by_id = [p for p in predictions if isinstance(p, int) and not isinstance(p, bool)]
    if by_id:  # Label Studio 1.23's JSON export (GET .../export) lists predictions by id
        warn(f"{where}: {len(by_id)} prediction(s) listed by id only, without their results "
             "(Label Studio's JSON export does so unless predictions are included): skipped")
    layers += [(p, "prediction") for p in predictions if p not in by_id]
    owners = _owners(data.get("annotators"))
    article_attrs: dict[str, dict[str, Any]] = {}
    for n, (layer, kind) in enumerate(layers, 1):
        if not isinstance(layer, dict):
            raise Bad(f"{kind} {n} must be an object")
        if layer.get("was_cancelled"):
            warn(f"{where}: {kind} {n} was cancelled (skipped)")
            continue
        if kind == "prediction":
            origin, who = "suggested", string(layer.get("model_version"), "model_version")
        else:
            origin = GOLD_ORIGIN if layer.get("ground_truth") else "imported"
            who = _who(layer, owners)
        _layer(layer, f"{kind} {n}", tm, unit, origin, who, spans, relations, skipped,
               seen, where, warn, (scheme, article_attrs))
    if skipped:
        warn(f"{where}: skipped results the project cannot hold (types text spans do not use, "
             "controls the scheme lacks): "
             + ", ".join(f"{k} x{v}" for k, v in sorted(skipped.items())))
    text = tm.text
    title = string(data.get("title"), "title").strip()[:TITLE_MAX] or first_line_title(text)
    status = data.get("status")
    uid = data.get("article_uid")
    meta = {k: v for k, v in data.items() if k != text_field and k not in _DATA_OURS}
    return ArticleRecord(
        text=text, title=title, language=guess_language(text), original_file=label,
        external_id=string(task.get("id"), "id") if "data" in task else "",
        uid=str(uid) if looks_like_uid(uid) else "",
        status=status if status in STATUSES else "todo", meta=meta,
        spans=tuple(spans), relations=tuple(relations), where=where,
        article_attributes=article_attrs)


def _owners(given: Any) -> dict[str, str]:
    """Region id -> annotator, from our ``data.annotators`` (anything else: nothing)."""
    if not isinstance(given, dict):
        return {}
    return {rid: name for name, rids in given.items() if isinstance(name, str) and name
            and isinstance(rids, list) for rid in rids if isinstance(rid, str)}


def _who(annotation: dict[str, Any], owners: dict[str, str]) -> str:
    name = annotation.get("annotator")
    if isinstance(name, str) and name:
        return name
    result = annotation.get("result")
    for item in result if isinstance(result, list) else ():
        owner = owners.get(str(item.get("id"))) if isinstance(item, dict) else None
        if owner:
            return owner
    by = annotation.get("completed_by")
    if isinstance(by, dict):
        return str(by.get("email") or by.get("username") or by.get("id") or "")
    if isinstance(by, (int, str)) and not isinstance(by, bool) and str(by):
        return f"label-studio user {by}"
    return ""


def _layer(layer: dict[str, Any], what: str, tm: TextMap, unit: str, origin: str, who: str,
           spans: list[SpanRecord], relations: list[RelationRecord], skipped: dict[str, int],
           seen: set[str], where: str, warn: Warn,
           attributes: tuple[Scheme | None, dict[str, dict[str, Any]]] = (None, {})) -> None:
    result = layer.get("result") or []
    if not isinstance(result, list):
        raise Bad(f"{what}: 'result' must be a list")
    ids: dict[str, str] = {}
    index_of: dict[str, int] = {}  # region id -> its (first) span in ``spans``
    rels = []
    valued = []
    for m, item in enumerate(result, 1):
        if not isinstance(item, dict):
            raise Bad(f"{what} result {m} must be an object")
        kind = item.get("type")
        if kind == "relation":
            rels.append((m, item))
            continue
        if kind in RESULT_TYPES and attributes[0] is not None:
            valued.append((m, item))
            continue
        if kind != "labels":
            skipped[str(kind)] = skipped.get(str(kind), 0) + 1
            continue
        value = item.get("value")
        if not isinstance(value, dict):
            raise Bad(f"{what} result {m} has no 'value' object")
        start, end = _offsets(tm, value, unit, f"{what} result {m}", where, warn)
        names = value.get("labels")
        if not (isinstance(names, list) and names and all(isinstance(x, str) for x in names)):
            raise Bad(f"{what} result {m} has no labels")
        if len(names) > 1:
            warn(f"{where}: {what} result {m} has {len(names)} labels: one span each")
        note_list = (item.get("meta") or {}).get("text") if isinstance(item.get("meta"),
                                                                        dict) else None
        note = "\n".join(x for x in note_list if isinstance(x, str)) if isinstance(
            note_list, list) else ""
        for k, name in enumerate(names):
            rid = item.get("id")
            keep = isinstance(rid, str) and bool(_UUID.match(rid)) and rid not in seen and k == 0
            span_id = rid if keep and isinstance(rid, str) else str(uuid.uuid4())
            seen.add(span_id)
            if isinstance(rid, str) and k == 0:
                ids[rid] = span_id
                index_of[rid] = len(spans)
            spans.append(SpanRecord(start=start, end=end, label=name, text=tm.text[start:end],
                                    annotator=who, origin=origin, note=note, id=span_id))
    if valued:
        _attributes(valued, attributes, spans, index_of, who, what, skipped)
    for m, item in rels:
        a, b = ids.get(item.get("from_id", "")), ids.get(item.get("to_id", ""))
        if a is None or b is None:
            raise Bad(f"{what} result {m}: the relation joins regions that are not in this "
                      f"{what.split()[0]}")
        names = item.get("labels") or []
        type_ = names[0] if names and isinstance(names[0], str) else "relation"
        scheme = attributes[0]
        if not names and scheme is not None and scheme.relation(type_) is None:
            warn(f"{where}: {what} result {m}: a relation without a type (Label Studio saves "
                 "one drawn without choosing a relation label): skipped")
            continue
        if item.get("direction") == "left":
            a, b = b, a
        elif item.get("direction") == "bi":
            warn(f"{where}: {what} result {m}: a two-way relation imported as one way")
        relations.append(RelationRecord(a, b, type_, annotator=who))


def _attributes(valued: list[tuple[int, dict[str, Any]]],
                attributes: tuple[Scheme | None, dict[str, dict[str, Any]]],
                spans: list[SpanRecord], index_of: dict[str, int], who: str, what: str,
                skipped: dict[str, int]) -> None:
    """Per-region results become their region's span attributes; task-level ones (no region)
    ``who``'s article attributes. A control the scheme does not know is skipped (counted)."""
    scheme, article_attrs = attributes
    assert scheme is not None
    found: dict[int, dict[str, Any]] = {}
    for m, item in valued:
        value = item.get("value")
        rid = item.get("id")
        i = index_of.get(rid) if isinstance(rid, str) else None
        if not isinstance(value, dict) or (i is None and "start" in value):
            raise Bad(f"{what} result {m}: a {item.get('type')} result "
                      "whose region is not in this annotation")
        from_name = str(item.get("from_name", ""))
        owner = spans[i].label if i is not None else None
        name = attribute_name(from_name, owner)
        attr = (scheme.attribute(owner, name) if owner is not None
                else scheme.article_attribute(name))
        if attr is None:
            key = f"{item.get('type')} '{from_name}' (not in the scheme)"
            skipped[key] = skipped.get(key, 0) + 1
            continue
        try:
            checked = read_value(attr, str(item.get("type")), value, owner or "the article")
        except SchemeError as exc:
            raise Bad(f"{what} result {m}: {exc}") from None
        if i is None:
            article_attrs.setdefault(who, {})[name] = checked
        else:
            found.setdefault(i, {})[name] = checked
    for i, values in found.items():
        spans[i] = replace(spans[i], attributes=values)


def _offsets(tm: TextMap, value: dict[str, Any], unit: str, what: str, where: str,
             warn: Warn) -> tuple[int, int]:
    start, end = value.get("start"), value.get("end")
    expected = value.get("text")
    units = ["utf16", "cp"] if unit == "utf16" else ["cp", "utf16"]
    first_error = ""
    for k, u in enumerate(units):
        try:
            s, e = tm.span(start, end, u)
        except Bad as exc:
            first_error = first_error or str(exc)
            continue
        if not isinstance(expected, str) or _same(tm.text[s:e], expected):
            if k:
                warn(f"{where}: {what}: offsets [{start}, {end}) match the text only as "
                     f"{'code points' if u == 'cp' else 'UTF-16 units'}; read them so")
            return s, e
        first_error = first_error or (f"[{start}, {end}) says {expected!r} but the text "
                                      f"there is {tm.text[s:e]!r}")
    raise Bad(f"{what}: {first_error}")


def _same(covered: str, expected: str) -> bool:
    """The region's ``text`` is what the offsets select (its newlines normalized like ours)."""
    return covered == expected or covered == expected.replace("\r\n", "\n").replace("\r", "\n")


register("label-studio", writer=export_label_studio, reader=read_label_studio,
         description="Label Studio tasks JSON with annotations and predictions, plus the "
                     "labeling config XML (code-point offsets)")
