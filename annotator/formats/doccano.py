"""doccano sequence-labeling JSONL (no Qt): one article per line.

Two layouts, both what doccano's importer reads:

- ``label``: ``{"text": ..., "label": [[start, end, "LABEL"], ...], "article_id": ..., "title": ...}``
- ``entities`` (doccano's form with relations): ``{"text": ..., "entities": [{"id", "label",
  "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}], ...}``

``layout="auto"`` (default) writes ``entities`` when the export has relations, else ``label``.
Offsets are end-exclusive in UTF-16 code units by default, because doccano's browser front end
counts JavaScript string indices (doccano #2290: an emoji or 𠮷 counts 2); ``unit="codepoint"``
writes Python code points instead. The manifest says which. Fields other than ``text``,
``label``, ``entities`` and ``relations`` become doccano metadata.

Spans that overlap an earlier span of their article are counted (``counts.overlapping``) and
named in the manifest's ``attention`` lines, which ``annotator export`` prints: doccano drops
them silently when its project has ``allow_overlapping`` off, its default.

Speed: the label layout reads each article's spans grouped by SQLite (``formats._bulk``: one
row per article, not one per span) and formats the arrays itself; the entities layout, which
needs span ids, reads the spans one by one (``iter_export``).

Not carried: annotator names, notes (each dropped note is listed in the warnings file), origin,
span ids, span and article attributes (the warnings file has one line per attribute with how
many values were left out). On import every span gets origin "imported" and the importing user's name.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from itertools import chain
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import ArticleRecord, RelationRecord, SpanRecord
from annotator.core.offsets import OffsetIndex
from annotator.core.text import guess_language
from annotator.formats import register
from annotator.formats._bulk import article_rows, iter_export_columns
from annotator.formats._common import (
    S_END,
    S_ID,
    S_LABEL,
    S_NOTE,
    S_START,
    ExportLog,
    ExportProgress,
    Filters,
    atomic_path,
    choice,
    iter_export,
    project_relations,
    warn_not_carried,
)
from annotator.formats._reading import (
    Bad,
    TextMap,
    Warn,
    ignore,
    is_int,
    json_records,
    looks_like_uid,
    string,
    text_of,
)
from annotator.formats.native import has_astral
from annotator.importing.records import TITLE_MAX, first_line_title
from annotator.importing.source import BadRecord

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["export_doccano", "read_doccano"]

UNITS = {"utf16": "UTF-16 code units", "codepoint": "code points"}
LAYOUTS = ("auto", "label", "entities")
#: doccano (1.8) drops overlapping spans silently unless its project allows them
OVERLAP_ADVICE = ("doccano drops them without a word unless the doccano project allows "
                  "overlapping spans: turn on \"Allow overlapping spans\" "
                  "(allow_overlapping) in its settings before importing")
_OURS = frozenset({"text", "label", "entities", "relations", "article_id", "title", "id"})
_note = itemgetter(S_NOTE)
#: the note warnings' fields (as the entities layout reads them: the id only with a note)
_NOTE_FIELDS = frozenset({"note"})
#: one span of the label layout, as json.dumps writes ``[start, end, "label"]``, and the
#: separator
_ITEM = "[%d, %d, %s], "


def export_doccano(project: Project, out: str | os.PathLike[str], *,
                   annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
                   statuses: Iterable[str] | None = None, gold_only: bool = False,
                   skip_empty: bool = False, include_suggested: bool = True,
                   progress: ExportProgress | None = None,
                   unit: str = "utf16", layout: str = "auto") -> dict[str, int]:
    """Write doccano JSONL to ``out`` (plus manifest and warnings files); return counts."""
    unit = choice("unit", unit, tuple(UNITS))
    layout = choice("layout", layout, LAYOUTS)
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty,
                           include_suggested)
    out = Path(out)
    relations = project_relations(project, filters)
    if layout == "auto":
        layout = "entities" if relations else "label"
    log = ExportLog(out, "doccano")
    counts = {"articles": 0, "spans": 0, "relations": 0, "overlapping": 0}
    try:
        with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            if layout == "label":
                _write_labels(project, filters, fh, log, unit, relations, counts, progress)
            else:
                _write_entities(project, filters, fh, log, unit, relations, counts, progress)
    except BaseException:
        log.abort()
        raise
    attention = []
    if counts["overlapping"]:
        attention.append(f"{counts['overlapping']} span(s) overlap an earlier span of their "
                         f"article: {OVERLAP_ADVICE}")
    log.finish(project, unit=UNITS[unit], filters=filters, files=[out], counts=counts,
               options={"unit": unit, "layout": layout},
               not_carried=warn_not_carried(log, project, filters, "doccano",
                                            ["annotator", "note", "origin", "span id"],
                                            relations=False),
               extra={"attention": attention})
    return counts


def _write_labels(project: Project, filters: Filters, fh: Any, log: ExportLog, unit: str,
                  relations: dict[int, list[tuple[str, ...]]], counts: dict[str, int],
                  progress: ExportProgress | None) -> None:
    """The label layout, one line per article, from the spans as columns (``_bulk``): the
    ``[start, end, "label"]`` arrays are formatted as json.dumps writes them. Only an article
    with a note (warned about) reads its spans again."""
    overlapping = 0
    quote = encode_basestring
    quoted = _Quoted()
    for article, spans in iter_export_columns(project, filters, ("max(s.note <> '')",),
                                             progress=progress):
        counts["articles"] += 1
        items = ""
        if spans is not None:
            starts, ends = spans.starts, spans.ends
            counts["spans"] += len(starts)
            overlapping += _overlaps(starts, ends)
            if spans.flags[0]:
                for r in article_rows(project, filters, article.id, _NOTE_FIELDS,
                                      " AND s.note <> ''"):
                    log.span(article, r, "note dropped: doccano has no span notes",
                             note=r[S_NOTE])
            if unit == "utf16" and has_astral(article.text):
                index = OffsetIndex(article.text)
                starts, ends = map(list, zip(*map(index.span_to_utf16, starts, ends)))
            # one format string for the article: the per-item work stays in C
            items = (_ITEM * len(starts) % tuple(chain.from_iterable(
                zip(starts, ends, map(quoted.__getitem__, spans.labels)))))[:-2]
        for rel in relations.get(article.id, []):
            log.other(article, "relation dropped: the label layout has no relations (use "
                      "layout=entities)", relation_id=rel[0], type=rel[3])
        fh.write(f'{{"text": {quote(article.text)}, "label": [{items}], "article_id": '
                 f'{quote(article.uid)}, "title": {quote(article.title)}}}\n')
    counts["overlapping"] = overlapping


def _overlaps(starts: list[int], ends: list[int]) -> int:
    """How many spans (in start order) start before the furthest end of those before them. A
    plain loop: three times faster than ``accumulate(ends, max)``, whose every step calls
    ``max``."""
    count = 0
    furthest = -1
    for start, end in zip(starts, ends):
        if start < furthest:
            count += 1
        if end > furthest:
            furthest = end
    return count


class _Quoted(dict[str, str]):
    """Each label as a JSON string, made once."""

    def __missing__(self, label: str) -> str:
        quoted = self[label] = encode_basestring(label)
        return quoted


def _write_entities(project: Project, filters: Filters, fh: Any, log: ExportLog, unit: str,
                    relations: dict[int, list[tuple[str, ...]]], counts: dict[str, int],
                    progress: ExportProgress | None) -> None:
    """doccano's entities/relations form, one line per article (span ids are needed)."""
    next_id = 1
    overlapping = 0
    stream = iter_export(project, filters, progress=progress, raw=True,
                         fields=frozenset({"id", "note"}))
    for article, rows in stream:
        counts["articles"] += 1
        counts["spans"] += len(rows)
        overlapping += _overlaps(list(map(itemgetter(S_START), rows)),
                                 list(map(itemgetter(S_END), rows)))
        if any(map(_note, rows)):  # rare: test at C speed first
            for r in rows:
                if r[S_NOTE]:
                    log.span(article, r, "note dropped: doccano has no span notes",
                             note=r[S_NOTE])
        head: dict[str, Any] = {"text": article.text}
        head["entities"], head["relations"], next_id = _entities(
            article.text, rows, relations.get(article.id, []), unit, next_id)
        counts["relations"] += len(head["relations"])
        head["article_id"] = article.uid
        head["title"] = article.title
        fh.write(json.dumps(head, ensure_ascii=False))
        fh.write("\n")
    counts["overlapping"] = overlapping


def _offsets(text: str, rows: list[Any], unit: str) -> list[tuple[int, int]]:
    offsets = [(r[S_START], r[S_END]) for r in rows]
    if unit == "utf16":
        index = OffsetIndex(text)
        if index.has_astral:
            offsets = [index.span_to_utf16(s, e) for s, e in offsets]
    return offsets


def _entities(text: str, rows: list[Any], relations: list[tuple[str, ...]], unit: str,
              next_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """doccano's entities/relations form; ids are unique in the file, from ``next_id``."""
    ids = {}
    entities = []
    for (s, e), r in zip(_offsets(text, rows, unit), rows):
        ids[r[S_ID]] = next_id
        entities.append({"id": next_id, "label": r[S_LABEL], "start_offset": s,
                         "end_offset": e})
        next_id += 1
    rels = []
    for _rid, from_span, to_span, type_, _who in relations:
        rels.append({"id": next_id, "from_id": ids[from_span], "to_id": ids[to_span],
                     "type": type_})
        next_id += 1
    return entities, rels, next_id


# ------------------------------------------------------------------------------ import
def read_doccano(path: str | os.PathLike[str], *, warn: Warn = ignore, unit: str = "utf16",
                 text_field: str = "text") -> Iterator[ArticleRecord | BadRecord]:
    """Records of a doccano JSONL file (or a JSON list of the same objects)."""
    unit = choice("unit", unit, tuple(UNITS))
    label = str(path)
    for item in json_records(Path(path)):
        if isinstance(item, BadRecord):
            yield item
            continue
        where, obj = item
        try:
            yield _record(obj, where, label, unit, text_field, warn)
        except Bad as exc:
            yield BadRecord(where, str(exc))


def _record(obj: Any, where: str, label: str, unit: str, text_field: str,
            warn: Warn) -> ArticleRecord:
    if not isinstance(obj, dict):
        raise Bad(f"expected a JSON object, got {type(obj).__name__}")
    field = text_field
    if field not in obj and field == "text" and isinstance(obj.get("data"), str):
        field = "data"  # doccano 1.x exports
    if field not in obj:
        raise Bad(f"no '{text_field}' field")
    tm = text_of(obj[field], field)
    unit_key = "utf16" if unit == "utf16" else "cp"
    meta = {k: v for k, v in obj.items() if k not in _OURS and k != field
            and not (k == "Comments" and v == [])}  # doccano 1.8 adds one to every line
    spans: list[SpanRecord] = []
    by_id: dict[Any, str] = {}
    raw_label = obj.get("label")
    if isinstance(raw_label, list) and raw_label and all(isinstance(x, str) for x in raw_label):
        meta["doccano_categories"] = raw_label  # a text-classification label list
        warn(f"{where}: 'label' holds categories, not spans: kept in meta")
    elif raw_label is not None:
        if not isinstance(raw_label, list):
            raise Bad(f"'label' must be a list of [start, end, label], not "
                      f"{type(raw_label).__name__}")
        for n, item in enumerate(raw_label, 1):
            if not (isinstance(item, list) and len(item) >= 3 and isinstance(item[2], str)):
                raise Bad(f"label {n} must be [start, end, \"LABEL\"], not {item!r}")
            spans.append(_span(tm, item[0], item[1], item[2], unit_key, f"label {n}"))
    for n, ent in enumerate(obj.get("entities") or [], 1):
        if not isinstance(ent, dict):
            raise Bad(f"entity {n} must be an object")
        name = ent.get("label")
        if not isinstance(name, str) or not name:
            raise Bad(f"entity {n} has no label")
        span = _span(tm, ent.get("start_offset"), ent.get("end_offset"), name, unit_key,
                     f"entity {n}")
        spans.append(span)
        if "id" in ent:
            by_id[ent["id"]] = span.id
    relations = []
    for n, rel in enumerate(obj.get("relations") or [], 1):
        if not isinstance(rel, dict):
            raise Bad(f"relation {n} must be an object")
        a, b = by_id.get(rel.get("from_id")), by_id.get(rel.get("to_id"))
        type_ = rel.get("type")
        if a is None or b is None:
            raise Bad(f"relation {n} joins entity ids {rel.get('from_id')!r} and "
                      f"{rel.get('to_id')!r}, which are not both in 'entities'")
        if not isinstance(type_, str) or not type_:
            raise Bad(f"relation {n} has no type")
        relations.append(RelationRecord(a, b, type_))
    text = tm.text
    title = string(obj.get("title"), "title").strip()[:TITLE_MAX] or first_line_title(text)
    uid = obj.get("article_id")
    return ArticleRecord(
        text=text, title=title, language=guess_language(text), original_file=label,
        external_id=string(obj.get("id"), "id"), uid=str(uid) if looks_like_uid(uid) else "",
        meta=meta, spans=tuple(spans), relations=tuple(relations), where=where)


def _span(tm: TextMap, start: Any, end: Any, name: str, unit: str, what: str) -> SpanRecord:
    if not (is_int(start) and is_int(end)):
        raise Bad(f"{what}: offsets must be integers, not {start!r}, {end!r}")
    try:
        s, e = tm.span(start, end, unit)
    except Bad as exc:
        raise Bad(f"{what} {exc}") from None
    return SpanRecord(start=s, end=e, label=name, text=tm.text[s:e], id=str(uuid.uuid4()))


register("doccano", writer=export_doccano, reader=read_doccano,
         description="doccano sequence labeling JSONL (UTF-16 offsets; entities/relations "
                     "form when there are relations)")
