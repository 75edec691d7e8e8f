"""One JSON object or CSV row -> an ArticleRecord, or a BadRecord saying why not.

Plain records carry ``text`` (or the field named by ``--text-field``) and optionally ``title``,
``source``, ``url``, ``published``, ``id`` (kept as the external id), ``meta`` (an object),
``status``, ``statuses`` and ``language``; any other field is kept in ``meta``. ``statuses``
(``{"alice": "done"}``) is each annotator's status; a lone ``status`` is the importing
annotator's. A record with both ``sha256``
and ``spans`` is the NATIVE format (``annotator export -f jsonl``): its ``id`` is kept as the
article's uid, and its spans and relations come along, checked against the text first; a
span's ``attributes`` (``{"certainty": "probable"}``) and the article's ``article_attributes``
(``{"alice": {"topic": "finance"}}``) come along too, their shapes checked here and their
values against the project's scheme by the store (``Project.add_articles``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from annotator.core.model import STATUSES, ArticleRecord, RelationRecord, SpanRecord
from annotator.core.names import (
    GOLD_ORIGIN,
    BadName,
    check_label_name,
    check_person_name,
    check_span_annotator,
)
from annotator.core.offsets import OffsetIndex
from annotator.core.text import (
    guess_language,
    normalize_newlines,
    not_a_character,
    sha256_text,
)
from annotator.importing.source import BadRecord

TITLE_MAX = 200
_KNOWN = frozenset({"title", "source", "url", "published", "id", "meta", "status", "statuses",
                    "language"})
_NATIVE_KNOWN = _KNOWN | {"text", "sha256", "spans", "relations", "external_id",
                           "original_file", "article_attributes"}


class RecordProblem(Exception):
    """Why one record cannot be imported (becomes a BadRecord with the record's ``where``)."""


def first_line_title(text: str) -> str:
    """The first non-empty line, stripped, at most TITLE_MAX characters."""
    pos = 0
    while pos < len(text):  # without splitting a long text into a list of lines
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line:
            return line[:TITLE_MAX]
        pos = end + 1
    return ""


def is_native(obj: Mapping[str, Any]) -> bool:
    return "sha256" in obj and "spans" in obj


def record_from_mapping(obj: Any, where: str, *, text_field: str = "text",
                        original_file: str = "", native_ok: bool = True
                        ) -> ArticleRecord | BadRecord:
    """Build a record from one JSON object (or CSV row as a dict of strings)."""
    if not isinstance(obj, dict):
        return BadRecord(where, f"expected a JSON object, got {_kind(obj)}")
    try:
        if native_ok and is_native(obj):
            return _native(obj, where, original_file)
        return _plain(obj, where, text_field, original_file)
    except RecordProblem as exc:
        return BadRecord(where, str(exc))


def _plain(obj: dict[str, Any], where: str, text_field: str,
           original_file: str) -> ArticleRecord:
    if text_field not in obj:
        raise RecordProblem(f"no '{text_field}' field")
    text = _text(obj[text_field], text_field)
    meta = _with_extras(_meta(obj.get("meta")), obj, _KNOWN | {text_field})
    title = normalize_newlines(_string(obj.get("title"), "title")).strip()[:TITLE_MAX]
    return ArticleRecord(
        text=text,
        title=title or first_line_title(text),
        source=_string(obj.get("source"), "source"),
        url=_string(obj.get("url"), "url"),
        published=_string(obj.get("published"), "published"),
        language=_string(obj.get("language"), "language") or guess_language(text),
        original_file=original_file,
        external_id=_string(obj.get("id"), "id"),
        status=_status(obj.get("status")),
        statuses=_statuses(obj.get("statuses")),
        meta=meta,
        where=where,
    )


def _native(obj: dict[str, Any], where: str, original_file: str) -> ArticleRecord:
    if "text" not in obj:
        raise RecordProblem("no 'text' field")
    text = _text(obj["text"], "text")
    if obj["sha256"] != sha256_text(text):
        raise RecordProblem("the text does not match its sha256 (was it edited after export?)")
    spans_raw = obj["spans"]
    relations_raw = obj.get("relations") or []
    if not isinstance(spans_raw, list) or not isinstance(relations_raw, list):
        raise RecordProblem("'spans' and 'relations' must be lists")
    index: OffsetIndex | None = None
    spans = []
    for n, raw in enumerate(spans_raw, 1):
        if not isinstance(raw, dict):
            raise RecordProblem(f"span {n} is {_kind(raw)}, not an object")
        start, end = _int(raw.get("start")), _int(raw.get("end"))
        if start is None or end is None:
            raise RecordProblem(f"span {n} needs integer 'start' and 'end'")
        if not 0 <= start < end <= len(text):
            raise RecordProblem(f"span {n} [{start}, {end}) is outside the text (length {len(text)})")
        if "start_utf16" in raw or "end_utf16" in raw:
            if index is None:
                index = OffsetIndex(text)
            expected = index.span_to_utf16(start, end)
            if (raw.get("start_utf16"), raw.get("end_utf16")) != expected:
                raise RecordProblem(f"span {n} [{start}, {end}): UTF-16 offsets "
                           f"[{raw.get('start_utf16')}, {raw.get('end_utf16')}) should be "
                           f"[{expected[0]}, {expected[1]})")
        span_text = raw.get("text")
        if span_text != text[start:end]:
            raise RecordProblem(f"span {n} [{start}, {end}) says {span_text!r} but the text there is "
                       f"{text[start:end]!r}")
        label = _string(raw.get("label"), f"span {n} label")
        if not label:
            raise RecordProblem(f"span {n} has no label")
        spans.append(SpanRecord(
            start=start, end=end, label=label, text=span_text,
            annotator=_string(raw.get("annotator"), f"span {n} annotator"),
            origin=_string(raw.get("origin"), f"span {n} origin") or "imported",
            note=_string(raw.get("note"), f"span {n} note"),
            id=_string(raw.get("id"), f"span {n} id"),
            created_at=_string(raw.get("created_at"), f"span {n} created_at"),
            updated_at=_string(raw.get("updated_at"), f"span {n} updated_at"),
            attributes=_values(raw.get("attributes"), f"span {n} attributes"),
        ))
    relations = []
    for n, raw in enumerate(relations_raw, 1):
        if not isinstance(raw, dict):
            raise RecordProblem(f"relation {n} is {_kind(raw)}, not an object")
        values = {k: _string(raw.get(k), f"relation {n} {k}")
                  for k in ("id", "from_span", "to_span", "type", "annotator", "created_at")}
        if not (values["from_span"] and values["to_span"] and values["type"]):
            raise RecordProblem(f"relation {n} needs 'from_span', 'to_span' and 'type'")
        relations.append(RelationRecord(values["from_span"], values["to_span"], values["type"],
                                        values["annotator"], values["id"],
                                        values["created_at"]))
    return ArticleRecord(
        text=text,
        title=_string(obj.get("title"), "title"),
        source=_string(obj.get("source"), "source"),
        url=_string(obj.get("url"), "url"),
        published=_string(obj.get("published"), "published"),
        language=_string(obj.get("language"), "language"),  # kept as exported, even ""
        original_file=(_string(obj["original_file"], "original_file")  # kept as exported
                       if "original_file" in obj else original_file),
        external_id=_string(obj.get("external_id"), "external_id"),
        uid=_string(obj.get("id"), "id"),
        status=_status(obj.get("status")),
        statuses=_statuses(obj.get("statuses")),
        article_attributes=_article_values(obj.get("article_attributes")),
        parse_figures=False,  # our own export: a figure without values has none
        meta=_with_extras(_meta(obj.get("meta")), obj, _NATIVE_KNOWN),
        spans=tuple(spans),
        relations=tuple(relations),
        where=where,
    )


def json_error(exc: json.JSONDecodeError, line: bool = False) -> str:
    """``not valid JSON (MESSAGE at column N)``, with ``line N:`` first when ``line``. A byte
    order mark inside a file (files joined together) is said as such."""
    message = exc.msg.removesuffix(" at")  # "Invalid control character at"
    if message.startswith("Unexpected UTF-8 BOM"):
        message = "a byte order mark (U+FEFF) where a value should start: files joined together?"
    prefix = f"{exc.lineno}: " if line else ""
    return f"{prefix}not valid JSON ({message} at column {exc.colno})"


def checked_names(record: ArticleRecord) -> ArticleRecord | BadRecord:
    """``record`` with its span labels and annotators (and relation annotators) in NFC, or a
    BadRecord naming the first name ``core/names.py`` refuses. Every import reader's records
    pass here (``importing.import_files``)."""
    if not (record.spans or record.relations or record.statuses or record.article_attributes):
        return record
    try:
        spans = tuple(_span_names(n, s) for n, s in enumerate(record.spans, 1))
        relations = tuple(
            dataclasses.replace(r, annotator=_name(r.annotator, f"relation {n}"))
            if r.annotator else r for n, r in enumerate(record.relations, 1))
        statuses = {_name(name, "statuses"): status for name, status in record.statuses.items()}
        article_attributes = {  # a person's, or the gold layer's once adjudicated
            _name(name, "article_attributes", origin=GOLD_ORIGIN): values
            for name, values in record.article_attributes.items()}
    except BadName as exc:
        return BadRecord(record.where, str(exc))
    return dataclasses.replace(record, spans=spans, relations=relations, statuses=statuses,
                               article_attributes=article_attributes)


def _name(name: str, where: str, label: bool = False, origin: str = "") -> str:
    try:
        if label:
            return check_label_name(name)
        return check_span_annotator(name, origin) if origin else check_person_name(name)
    except BadName as exc:
        raise BadName(f"{where}: {exc}") from None


def _span_names(n: int, span: SpanRecord) -> SpanRecord:
    label = _name(span.label, f"span {n}", label=True)
    annotator = _name(span.annotator, f"span {n}", origin=span.origin) if span.annotator \
        else ""
    if (label, annotator) == (span.label, span.annotator):
        return span
    return dataclasses.replace(span, label=label, annotator=annotator)


def parse_meta_json(value: str) -> dict[str, Any]:
    """The ``meta`` column of a CSV row: empty, or a JSON object."""
    if not value.strip():
        return {}
    try:
        meta = json.loads(value)
    except json.JSONDecodeError as exc:
        raise RecordProblem(f"the 'meta' column is not valid JSON ({exc.msg})") from None
    return _meta(meta)


def _with_extras(meta: dict[str, Any], obj: dict[str, Any], known: frozenset[str]
                 ) -> dict[str, Any]:
    """Fields the format does not know are kept in meta (never silently dropped)."""
    for key, value in obj.items():
        if key not in known and key not in meta:
            meta[key] = value
    return meta


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise RecordProblem(f"'{name}' must be a string, not {_kind(value)}")
    text = normalize_newlines(value)
    if not text.strip():
        raise RecordProblem(f"the '{name}' field is empty")
    problem = not_a_character(text)
    if problem is not None:
        raise RecordProblem(f"the '{name}' field contains {problem}")
    return text


def _string(value: Any, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise RecordProblem(f"'{name}' must be a string, not {_kind(value)}")


def _meta(value: Any) -> dict[str, Any]:
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        raise RecordProblem(f"'meta' must be an object, not {_kind(value)}")
    return dict(value)


def _status(value: Any) -> str:
    if value is None or value == "":
        return "todo"
    if value not in STATUSES:
        raise RecordProblem(f"unknown status {value!r} (use one of {', '.join(STATUSES)})")
    return str(value)


def _statuses(value: Any) -> dict[str, str]:
    """``statuses``: an object of annotator name -> status (names are checked with the
    spans', in ``checked_names``)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordProblem(f"'statuses' must be an object of annotator -> status, not "
                            f"{_kind(value)}")
    out = {}
    for name, status in value.items():
        if status not in STATUSES:
            raise RecordProblem(f"unknown status {status!r} for {name!r} in 'statuses' (use one "
                                f"of {', '.join(STATUSES)})")
        out[name] = str(status)
    return out


def _values(value: Any, what: str) -> dict[str, Any]:
    """Attribute values: an object of name -> string, boolean, number or list of strings
    (absent or {}: none). Whether the scheme allows them is the store's check."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordProblem(f"{what} must be an object of name -> value, not {_kind(value)}")
    for name, v in value.items():
        if v is None:
            raise RecordProblem(f"{what}: '{name}' is null (leave an unset attribute out)")
        if isinstance(v, dict) or (isinstance(v, list) and not all(
                isinstance(x, str) for x in v)):
            raise RecordProblem(f"{what}: '{name}' must be a string, boolean, number or list "
                                f"of strings, not {_kind(v)}" + (
                                    " holding other things" if isinstance(v, list) else ""))
    return dict(value)


def _article_values(value: Any) -> dict[str, dict[str, Any]]:
    """``article_attributes``: annotator -> {name: value} (names checked in
    ``checked_names``)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordProblem(f"'article_attributes' must be an object of annotator -> values, "
                            f"not {_kind(value)}")
    return {who: _values(v, f"article_attributes of {who!r}") for who, v in value.items()}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
