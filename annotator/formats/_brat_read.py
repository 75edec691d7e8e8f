"""Reading brat standoff documents (``NAME.txt`` + ``NAME.ann``) into ArticleRecords (no Qt).

Supported lines: T (text-bound; a discontinuous one becomes one span per fragment, warned), R
(binary relations between T annotations), A/M (attributes: ``AnnotatedBy`` and ``SpanOrigin`` as
written by our export set the span's annotator and origin; those of the project's scheme become
the span's attributes, as do ``AttributeNotes`` notes ``NAME=VALUE`` of its number, text and
false values; others are kept in ``meta["brat"]["attributes"]`` and written back by the
export), N (normalizations, kept in
``meta["brat"]``), ``#`` notes (``AnnotatorNotes`` becomes the span's note; other note types are
kept in ``meta["brat"]``). Event (E) and equivalence (``*``) lines, and anything attached to
them, are skipped with a warning.

Offsets are code points into the ``.txt`` exactly as brat read it (before newline
normalization; a UTF-8 BOM counts as one character, as it does for brat). A T line whose offsets
fall outside the text, or whose text is not what the offsets select, makes the document a bad
record with ``file.ann:LINE``.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import uuid
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from annotator.core.labels import SchemeError
from annotator.core.model import ORIGINS, ArticleRecord, RelationRecord, SpanRecord
from annotator.core.scheme import AttributeDef, Scheme, check_value
from annotator.core.text import TextDecodeError, decode_bytes, guess_language
from annotator.formats._reading import TextMap, Warn, ignore
from annotator.importing.records import first_line_title
from annotator.importing.source import BadRecord, ReadError, read_regular, whole_text

NAME_COMMENT = "# annotator-name"
ANNOTATOR_ATTRIBUTE = "AnnotatedBy"
ORIGIN_ATTRIBUTE = "SpanOrigin"
#: the note type of a scheme attribute brat has no A line for (number, text, false):
#: ``#1<TAB>AttributeNotes T3<TAB>value=250000000``
ATTRIBUTE_NOTE = "AttributeNotes"

_T = re.compile(r"T(\S+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)")
_R = re.compile(r"R(\S+)\t(\S+) (\S+):(\S+) (\S+):(\S+)[ \t]*(?:\t.*)?")
_A = re.compile(r"([AM]\S+)\t(\S+) (\S+)(?: (\S+))?[ \t]*")
_N = re.compile(r"(N\S+)\t(\S+) (\S+) (\S+)(?:\t(.*))?")
_NOTE = re.compile(r"#(\S*)\t(\S+) (\S+)\t?(.*)")
_UID_STEM = re.compile(r"(?:^|[-_])([0-9a-f]{32})$")
_SKIPPED = {"E": "event (E)", "*": "equivalence (*)"}


def read_brat(path: str | os.PathLike[str], *, warn: Warn = ignore,
              labels: Collection[str] | None = None,
              label_scheme: Scheme | None = None) -> Iterator[ArticleRecord | BadRecord]:
    """The document of ``path`` (its ``.ann`` or ``.txt``). With ``labels``, a T line whose
    type is not one of them is a bad record at its line. With ``label_scheme`` (the project's
scheme), A lines and
    ``AttributeNotes`` of the attributes it gives a span's label become the span's
    attributes (a value it does not allow is a bad record at its line)."""
    path = Path(path)
    ann, txt = path.with_suffix(".ann"), path.with_suffix(".txt")
    if not txt.is_file():
        yield BadRecord(str(ann), f"no matching text file {txt.name}")
        return
    data = read_regular(txt, str(txt))  # never a pipe or a device
    try:
        raw, _encoding = decode_bytes(data, str(txt))
    except TextDecodeError as exc:
        raise ReadError(str(exc)) from exc
    if data.startswith(codecs.BOM_UTF8):
        raw = "\ufeff" + raw  # brat counts it; the canonical text drops it below
    tm = TextMap(raw)
    if not ann.is_file():
        warn(f"{txt}: no {ann.name}: imported without annotations")
        lines: list[str] = []
    else:
        lines = whole_text(ann, str(ann)).split("\n") if ann.stat().st_size else []
    try:
        yield _document(ann, txt, tm, lines, _names(ann.parent), warn, labels, label_scheme)
    except _BadAt as exc:
        yield BadRecord(exc.where, exc.reason)


class _BadAt(Exception):
    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


def _names(folder: Path) -> dict[str, str]:
    """``# annotator-name`` mappings of the nearest annotation.conf (brat's lookup)."""
    for parent in (folder, *folder.parents):
        conf = parent / "annotation.conf"
        if conf.is_file():
            mapped = {}
            try:
                for line in conf.read_text(encoding="utf-8-sig").split("\n"):
                    if line.startswith(NAME_COMMENT + "\t"):
                        _, safe, original = line.rstrip("\r").split("\t", 2)
                        mapped[safe] = json.loads(original)
            except (OSError, UnicodeDecodeError, ValueError):
                return {}
            return mapped
    return {}


def _scheme_value(scheme: Scheme | None, frag: dict[str, Any], name: str, value: str | None,
                  note: bool) -> tuple[AttributeDef, Any] | None:
    """(attribute, value) when ``name`` is a scheme attribute of the span's label and the line
    is its form (an A line: choice, multi, true; a note: number, text, false), else None."""
    attr = scheme.attribute(frag["label"], name) if scheme is not None else None
    if attr is None:
        return None
    if not note:
        if attr.type == "boolean" and value is None:
            return attr, True
        return (attr, value) if attr.type in ("choice", "multi") and value else None
    assert value is not None
    if attr.type == "text":
        return attr, value
    if attr.type not in ("number", "boolean"):
        return None
    try:
        return attr, json.loads(value)
    except ValueError:
        raise SchemeError(f"attribute '{name}': {value!r} is not a "
                          f"{'number' if attr.type == 'number' else 'true or false'}") from None


def _set_value(frag: dict[str, Any], attr: AttributeDef, value: Any) -> None:
    values = frag.setdefault("attributes", {})
    if attr.type == "multi":
        value = [*values.get(attr.name, []), value]
    values[attr.name] = check_value(attr, value, frag["label"])


def _document(ann: Path, txt: Path, tm: TextMap, lines: list[str], names: dict[str, str],
              warn: Warn, labels: Collection[str] | None,
              scheme: Scheme | None = None) -> ArticleRecord:
    bom = 1 if tm.raw.startswith("\ufeff") else 0
    text = tm.text[bom:]
    spans: dict[str, list[dict[str, Any]]] = {}  # T id -> fragments
    rels: list[tuple[int, str, str, str, str]] = []
    extra: dict[str, list[dict[str, Any]]] = {"attributes": [], "normalizations": [],
                                              "notes": []}
    skipped: dict[str, list[int]] = {}

    def bad(n: int, reason: str) -> _BadAt:
        return _BadAt(f"{ann}:{n}", reason)

    def skip(n: int, what: str) -> None:
        skipped.setdefault(what, []).append(n)

    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if line[0] == "T":
            m = _T.fullmatch(line)
            if not m:
                raise bad(n, f"not a valid T line: {line[:80]!r}")
            tid, label, where, given = m.groups()
            label = names.get(label, label)
            if labels is not None and label not in labels:
                raise bad(n, f"unknown label '{label}' (add it to the project's scheme, or "
                             "import with --create-labels)")
            frags = []
            for piece in where.split(";"):
                a, b = (int(x) for x in piece.split(" "))
                if b > len(tm.raw):
                    raise bad(n, f"offsets [{a}, {b}) are outside the text ({txt.name} has "
                                 f"{len(tm.raw)} characters)")
                if not bom <= a < b:
                    raise bad(n, f"offsets [{a}, {b}) are empty or reversed")
                frags.append((a, b))
            covered = " ".join(tm.raw[a:b] for a, b in frags)
            if covered != given:
                raise bad(n, f"T{tid} says {given!r} but the text at {where} is {covered!r}")
            if len(frags) > 1:
                warn(f"{ann}:{n}: T{tid} is discontinuous: imported as {len(frags)} spans, "
                     "one per fragment")
            spans["T" + tid] = [{"start": tm.cp(a) - bom, "end": tm.cp(b) - bom,
                                 "label": label, "id": str(uuid.uuid4()), "annotator": "",
                                 "origin": "imported", "notes": []} for a, b in frags]
        elif line[0] == "R":
            m = _R.fullmatch(line)
            if not m:
                raise bad(n, f"not a valid R line: {line[:80]!r}")
            rid, type_, _r1, a1, _r2, a2 = m.groups()
            rels.append((n, "R" + rid, names.get(type_, type_), a1, a2))
        elif line[0] in "AM":
            m = _A.fullmatch(line)
            if not m:
                raise bad(n, f"not a valid attribute line: {line[:80]!r}")
            _aid, name, target, value = m.groups()
            if target not in spans:
                skip(n, "attributes of events or unknown annotations")
                continue
            first = spans[target][0]
            real = names.get(value, value) if value is not None else None
            try:
                typed = _scheme_value(scheme, first, name, real, False)
                if typed is not None:
                    _set_value(first, *typed)
                    continue
            except SchemeError as exc:
                raise bad(n, str(exc)) from None
            if name == ANNOTATOR_ATTRIBUTE and real:
                for frag in spans[target]:
                    frag["annotator"] = real
            elif name == ORIGIN_ATTRIBUTE and real in ORIGINS:
                for frag in spans[target]:
                    frag["origin"] = real
            else:
                extra["attributes"].append({"span": first["id"], "name": name, "value": real})
        elif line[0] == "N":
            m = _N.fullmatch(line)
            if not m or m.group(3) not in spans:
                skip(n, "normalizations of events or unknown annotations")
                continue
            _nid, type_, target, ref, ntext = m.groups()
            extra["normalizations"].append({"span": spans[target][0]["id"], "type": type_,
                                            "ref": ref, "text": ntext or ""})
        elif line[0] == "#":
            m = _NOTE.fullmatch(line)
            if not m or m.group(3) not in spans:
                skip(n, "notes on events, relations or unknown annotations")
                continue
            _nid, type_, target, note = m.groups()
            name, eq, value = note.partition("=")
            if type_ == ATTRIBUTE_NOTE and eq:
                try:
                    typed = _scheme_value(scheme, spans[target][0], name, value, True)
                    if typed is not None:
                        _set_value(spans[target][0], *typed)
                        continue
                except SchemeError as exc:
                    raise bad(n, str(exc)) from None
            if type_ == "AnnotatorNotes":
                for frag in spans[target]:
                    frag["notes"].append(note)
            else:
                extra["notes"].append({"span": spans[target][0]["id"], "type": type_,
                                       "text": note})
        else:
            skip(n, _SKIPPED.get(line[0], f"unsupported ({line[0]})"))
    relations = []
    for n, rid, type_, a1, a2 in rels:
        if a1 not in spans or a2 not in spans:
            if a1[:1] == "T" and a1 not in spans or a2[:1] == "T" and a2 not in spans:
                raise bad(n, f"{rid} refers to {a1 if a1 not in spans else a2}, which is not "
                             "in the file")
            skip(n, "relations involving events")
            continue
        relations.append(RelationRecord(spans[a1][0]["id"], spans[a2][0]["id"], type_))
    for what, numbers in skipped.items():
        shown = ", ".join(map(str, numbers[:5])) + (" ..." if len(numbers) > 5 else "")
        warn(f"{ann}: skipped {len(numbers)} {what} line(s) (line {shown})")
    records = [SpanRecord(start=f["start"], end=f["end"], label=f["label"],
                          text=text[f["start"]:f["end"]], annotator=f["annotator"],
                          origin=f["origin"], note="\n".join(f["notes"]), id=f["id"],
                          attributes=f.get("attributes", {}))
               for frags in spans.values() for f in frags]
    for tid, pieces in spans.items():
        if len(pieces) > 1 and (pieces[0].get("attributes") or any(
                tid in (a1, a2) for _n, _r, _t, a1, a2 in rels)):
            warn(f"{ann}: {tid} is discontinuous: its attributes and relations are on its "
                 "first fragment")
    meta: dict[str, Any] = {"brat_document": txt.stem}
    kept = {k: v for k, v in extra.items() if v}
    if kept:
        meta["brat"] = kept
    match = _UID_STEM.search(txt.stem)
    if not text.strip():
        raise _BadAt(str(txt), "the text file has no text")
    return ArticleRecord(text=text, title=first_line_title(text), language=guess_language(text),
                         original_file=str(txt), uid=match.group(1) if match else "",
                         meta=meta, spans=tuple(records), relations=tuple(relations),
                         where=str(ann))
