"""brat standoff (no Qt): a folder with ``NAME.txt`` + ``NAME.ann`` per article,
``annotation.conf`` and ``visual.conf`` (label colors).

``NAME`` is ``ID-UID`` (project id, article uid), so the files sort in project order and an
import keeps the article's uid. Each ``.txt`` holds the article text byte for byte (UTF-8, no BOM,
newlines untouched); ``.ann`` offsets are code points, end-exclusive. Lines written:

- ``T1<TAB>LABEL START END<TAB>TEXT``: a span. A span across a line break is written as
  fragments ``START END;START END`` (a T line cannot hold a newline; brat does the same), which
  an import reads back as one span per fragment: listed in the warnings file. "Line break" is
  every boundary brat's reader splits ``.ann`` lines at (Python's ``str.splitlines``: also
  U+2028, U+2029, U+0085, VT, FF, FS, GS, RS), not only ``\n``.
- ``R1<TAB>TYPE Arg1:T1 Arg2:T2<TAB>``: a relation.
- ``A1<TAB>AnnotatedBy T1 NAME`` and ``A2<TAB>SpanOrigin T1 adjudicated``: who made the span, and its
  origin when it is "suggested" or "adjudicated" (no A line means manual or imported; a gold
  span, annotator ``@gold``, has no AnnotatedBy: its SpanOrigin says it). The scheme's
  attributes: a choice as ``A3<TAB>certainty T2 probable``, a multi as one A line per value,
  ``true`` as a binary ``A4<TAB>check_worthy T2``. Other attributes imported from brat files
  (``meta["brat"]``) are written back.
- ``N1<TAB>TYPE T1 DB:ID<TAB>TEXT``: normalizations imported from brat files, written back.
- ``#1<TAB>AnnotatorNotes T1<TAB>NOTE``: the span's note (a line break in it becomes a space,
  listed in the warnings file); other imported note types are written back too.
- ``#2<TAB>AttributeNotes T2<TAB>NAME=VALUE``: a number (as JSON), a text or ``false``
  attribute, which brat's A lines cannot hold; brat shows the note with the span.

``annotation.conf`` declares the scheme's relation types with their labels (``cites<TAB>Arg1:claim,
Arg2:figure``), lets spans of any labels overlap (``<OVERLAP>``), and declares the attributes
(``certainty<TAB>Arg:claim, Value:certain|probable|...``; binary ones without ``Value``): brat's
own reader and verifier accept the folder. A span split into fragments keeps its attributes and
relations on the first fragment after an import (the warnings file says so). Article
attributes are not carried (the warnings file counts them).

Names brat cannot hold are written with ``_`` and mapped back by ``# annotator-name`` comment
lines in ``annotation.conf``, which the importer reads; each renaming is in the warnings file.
Types (labels, relations, attribute names) keep letters, digits, ``_ - .``; attribute values
(annotator names included) keep everything but whitespace and ``| , :``, so ``Typo+UNK`` stays.
Not carried: span and relation ids, relation annotators, attribute sources, article
attributes. The reader is in
``annotator.formats._brat_read``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.names import GOLD
from annotator.core.scheme import AttributeDef, Scheme
from annotator.formats import register
from annotator.formats._brat_read import (
    ANNOTATOR_ATTRIBUTE,
    ATTRIBUTE_NOTE,
    NAME_COMMENT,
    ORIGIN_ATTRIBUTE,
    read_brat,
)
from annotator.formats._common import (
    ExportArticle,
    ExportLog,
    ExportProgress,
    ExportSpan,
    Filters,
    SafeNames,
    atomic_path,
    iter_export,
    project_relations,
    span_values,
    warn_not_carried,
)

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["export_brat", "read_brat"]

_UNSAFE = re.compile(r"[^\w\-.]")  # brat type names: no spaces, | , : = etc.
#: an attribute value is one whitespace-free word of an .ann line and one of the ``|``-separated
#: values after ``Value:`` in annotation.conf (``,`` separates arguments there, ``:`` a key from
#: its value); anything else brat keeps, e.g. ``Typo+UNK`` from brat's own example config
_UNSAFE_VALUE = re.compile(r"[\s|,:]")
#: what brat's .ann reader breaks lines at (Python's ``str.splitlines``): a T line cannot hold
#: one, so a span across one is written as fragments around it
#: spans of any labels may nest, cross or coincide (brat's verifier flags a claim holding a
#: figure otherwise)
OVERLAP = "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"
LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def export_brat(project: Project, out: str | os.PathLike[str], *,
                annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
                statuses: Iterable[str] | None = None, gold_only: bool = False,
                skip_empty: bool = False, progress: ExportProgress | None = None,
                force: bool = False) -> dict[str, int]:
    """Write the brat folder ``out`` (new, or empty; with ``force`` it may replace an earlier
    export); return counts."""
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty)
    out = Path(out)
    relations = project_relations(project, filters)
    values = span_values(project, filters)
    scheme = project.scheme()
    log = ExportLog(out, "brat", folder=True)
    names = SafeNames(_UNSAFE)
    used: dict[str, set[str]] = {"entities": set(), "relations": set(), "annotators": set()}
    extra_attrs: dict[str, set[str]] = {}
    counts = {"articles": 0, "spans": 0, "relations": 0, "fragmented": 0, "attributes": 0}
    try:
        with atomic_path(out, folder=True, replace=force) as tmp:
            for article, spans in iter_export(project, filters, progress=progress):
                stem = f"{article.id:05d}-{article.uid}"
                with open(tmp / f"{stem}.txt", "w", encoding="utf-8", newline="") as fh:
                    fh.write(article.text)
                lines = _ann_lines(article, spans, relations.get(article.id, []),
                                   values.get(article.id), scheme, names, used, extra_attrs,
                                   log, counts)
                with open(tmp / f"{stem}.ann", "w", encoding="utf-8", newline="") as fh:
                    fh.write("".join(f"{line}\n" for line in lines))
                counts["articles"] += 1
                counts["spans"] += len(spans)
            scheme_labels = [lb for lb in project.labels()
                             if filters.labels is None or lb.name in filters.labels]
            for lb in scheme_labels:
                used["entities"].add(names(lb.name))
            conf = _annotation_conf(used, extra_attrs, names, scheme,
                                    [lb.name for lb in scheme_labels])
            (tmp / "annotation.conf").write_text(conf, encoding="utf-8", newline="")
            visual = ["[labels]", ""]
            visual += [f"{names(lb.name)} | {_one_line(lb.name)}" for lb in scheme_labels]
            visual += ["", "[drawing]", ""]
            visual += [f"{names(lb.name)}\tbgColor:{lb.color}" for lb in scheme_labels]
            (tmp / "visual.conf").write_text("\n".join(visual) + "\n", encoding="utf-8",
                                             newline="")
    except BaseException:
        log.abort()
        raise
    log.finish(project, unit="code points", filters=filters, files=[out], counts=counts,
               options={},
               not_carried=warn_not_carried(
                   log, project, filters, "brat",
                   ["span ids", "relation ids", "relation annotators",
                    "origin manual vs imported", "attribute sources"],
                   relations=False, span_attributes=False))
    return counts


def _ann_lines(article: ExportArticle, spans: list[ExportSpan], relations: list[tuple[str, ...]],
               values: dict[str, dict[str, Any]], scheme: Scheme, names: SafeNames,
               used: dict[str, set[str]], extra_attrs: dict[str, set[str]],
               log: ExportLog, counts: dict[str, int]) -> list[str]:
    text = article.text
    related = {x for r in relations for x in r[1:3]}
    lines: list[str] = []
    tid: dict[str, str] = {}
    attrs: list[tuple[str, str, str | None]] = []  # (name, target, value)
    notes: list[tuple[str, str, str]] = []  # (type, target, text)
    for n, span in enumerate(spans, 1):
        t = f"T{n}"
        tid[span.id] = t
        label = _renamed(names, log, article, span.label, "label")
        used["entities"].add(label)
        fragments = _fragments(text, span.start, span.end)
        mine = values.get(span.id, {})
        if len(fragments) > 1:
            counts["fragmented"] += 1
            log.span(article, span, "crosses a line break: written as "
                     f"{len(fragments)} fragments (an import gives one span per fragment"
                     + ("; its attributes and relations go with the first fragment)"
                        if mine or span.id in related else ")"))
        elif fragments[0] != (span.start, span.end):  # only line breaks: brat cannot hold it
            log.span(article, span, "holds only line breaks: written as the whole span with "
                     "its breaks as spaces in the text field")
        where = ";".join(f"{a} {b}" for a, b in fragments)
        lines.append(f"{t}\t{label} {where}\t"
                     + LINE_BREAKS.sub(" ", " ".join(text[a:b] for a, b in fragments)))
        if span.annotator != GOLD:  # a gold span's SpanOrigin says it: "@gold" is no value
            annotator = _renamed(names, log, article, span.annotator, "annotator name",
                                 _UNSAFE_VALUE)
            used["annotators"].add(annotator)
            attrs.append((ANNOTATOR_ATTRIBUTE, t, annotator))
        if span.origin in ("suggested", "adjudicated"):
            attrs.append((ORIGIN_ATTRIBUTE, t, span.origin))
        if span.note:
            note = span.note
            if _one_line(note) != note:
                note = _one_line(note)
                log.span(article, span, "note has line breaks or tabs: written with spaces",
                         note=span.note)
            notes.append(("AnnotatorNotes", t, note))
        for name, value in mine.items():
            attr = scheme.attribute(span.label, name)
            if attr is not None:
                counts["attributes"] += 1
                _attribute_lines(attr, value, t, attrs, notes, article, span, log)
    label_of = {span.id: span.label for span in spans}
    stored = _stored(article)
    for item in stored.get("attributes", []):
        if item.get("span") in tid and scheme.attribute(label_of[item["span"]],
                                                        str(item.get("name"))) is None:
            name = _renamed(names, log, article, str(item.get("name", "")), "attribute name")
            value = item.get("value")
            value = None if value is None else _renamed(names, log, article, str(value),
                                                        "attribute value", _UNSAFE_VALUE)
            extra_attrs.setdefault(name, set()).update([value] if value else [])
            attrs.append((name, tid[item["span"]], value))
    for n, (_rel_id, from_span, to_span, type_, _who) in enumerate(relations, 1):
        rtype = _renamed(names, log, article, type_, "relation type")
        used["relations"].add(rtype)
        lines.append(f"R{n}\t{rtype} Arg1:{tid[from_span]} Arg2:{tid[to_span]}\t")
        counts["relations"] += 1
    for n, (name, target, value) in enumerate(attrs, 1):
        lines.append(f"A{n}\t{name} {target}" + (f" {value}" if value else ""))
    norms = [i for i in stored.get("normalizations", []) if i.get("span") in tid]
    for n, item in enumerate(norms, 1):
        lines.append(f"N{n}\t{names(str(item.get('type', 'Reference')))} {tid[item['span']]} "
                     f"{item.get('ref', '')}\t{_one_line(str(item.get('text', '')))}")
    notes += [(str(i.get("type", "AnnotatorNotes")), tid[i["span"]],
               _one_line(str(i.get("text", ""))))
              for i in stored.get("notes", []) if i.get("span") in tid]
    for n, (type_, target, note) in enumerate(notes, 1):
        lines.append(f"#{n}\t{names(type_)} {target}\t{note}")
    return lines


def _attribute_lines(attr: AttributeDef, value: Any, t: str,
                     attrs: list[tuple[str, str, str | None]], notes: list[tuple[str, str, str]],
                     article: ExportArticle, span: ExportSpan, log: ExportLog) -> None:
    """A scheme attribute as brat lines: a choice as one A line, a multi as one A line per
    value, ``true`` as a binary A line; a number, a text and ``false`` as an
    ``AttributeNotes`` note ``NAME=VALUE`` (numbers as JSON)."""
    if attr.type == "choice":
        attrs.append((attr.name, t, value))
    elif attr.type == "multi":
        attrs += [(attr.name, t, v) for v in value]
    elif attr.type == "boolean" and value is True:
        attrs.append((attr.name, t, None))
    elif attr.type == "text":
        one = _one_line(value)
        if one != value:
            log.span(article, span, f"attribute '{attr.name}' has line breaks or tabs: "
                     "written with spaces", attribute=attr.name, value=value)
        notes.append((ATTRIBUTE_NOTE, t, f"{attr.name}={one}"))
    else:  # a number, or false
        notes.append((ATTRIBUTE_NOTE, t, f"{attr.name}={json.dumps(value)}"))


def _stored(article: ExportArticle) -> dict[str, Any]:
    """What an earlier brat import kept in the article's meta (attributes, normalizations,
    other notes), by span id."""
    if '"brat"' not in article.meta:
        return {}
    stored = json.loads(article.meta).get("brat")
    return stored if isinstance(stored, dict) else {}


def _renamed(names: SafeNames, log: ExportLog, article: ExportArticle, name: str, what: str,
             unsafe: re.Pattern[str] | None = None) -> str:
    """``name`` as brat can hold it; the first time one must change, a warning says so."""
    before = len(names.mapped)
    safe = names(name, unsafe)
    if len(names.mapped) > before:
        log.other(article, f"{what} renamed: brat cannot hold {name!r}, written as {safe!r} "
                  "(annotation.conf maps it back on import)", name=name, written=safe)
    return safe


def _one_line(text: str) -> str:
    """Tabs and every line break brat's reader knows become spaces."""
    return LINE_BREAKS.sub(" ", text.replace("\t", " "))


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at line breaks (``LINE_BREAKS``), without the breaks (at least one
    fragment)."""
    out = []
    pos = start
    for piece in LINE_BREAKS.split(text[start:end]):
        if piece:
            out.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return out or [(start, end)]


def _annotation_conf(used: dict[str, set[str]], extra_attrs: dict[str, set[str]],
                     names: SafeNames, scheme: Scheme, labels: list[str]) -> str:
    """annotation.conf: the entity types; the relation types, with the labels each joins
    (``Arg1:claim, Arg2:figure``; ``<ENTITY>`` for one the scheme does not define); the
    attributes: ours (AnnotatedBy, SpanOrigin), the scheme's choice, multi and boolean ones
    (``Arg:`` their labels, ``Value:`` their values), and those kept from a brat import."""
    shown = set(labels)
    args: dict[str, str] = {}
    for rel in scheme.relations:
        ends = [[names(x) for x in side if x in shown] for side in (rel.from_labels,
                                                                    rel.to_labels)]
        if all(ends):
            args[names(rel.name)] = f"Arg1:{'|'.join(ends[0])}, Arg2:{'|'.join(ends[1])}"
    typed: dict[str, tuple[list[str], list[str]]] = {}  # name -> (labels, values)
    for label in labels:
        for attr in scheme.attributes_of(label):
            if attr.type in ("choice", "multi", "boolean"):
                on, allowed = typed.setdefault(attr.name, ([], []))
                on.append(names(label))
                allowed += [v for v in attr.values if v not in allowed]
    lines = ["# written by annotator: the entity types, relations and attributes of an export"]
    lines += [f"{NAME_COMMENT}\t{safe}\t{json.dumps(original, ensure_ascii=False)}"
              for safe, original in sorted(names.mapped.items())]
    lines += ["", "[entities]", ""] + sorted(used["entities"])
    lines += ["", "[relations]", "", OVERLAP]
    lines += [f"{r}\t{args.get(r, 'Arg1:<ENTITY>, Arg2:<ENTITY>')}"
              for r in sorted(used["relations"] | set(args))]
    lines += ["", "[events]", "", "[attributes]", ""]
    for name, (on, choices) in typed.items():
        lines.append(f"{name}\tArg:{'|'.join(on)}"
                     + (f", Value:{'|'.join(choices)}" if choices else ""))
    if used["annotators"]:
        lines.append(f"{ANNOTATOR_ATTRIBUTE}\tArg:<ENTITY>, Value:"
                     + "|".join(sorted(used["annotators"])))
    lines.append(f"{ORIGIN_ATTRIBUTE}\tArg:<ENTITY>, Value:suggested|adjudicated")
    for name, values in sorted(extra_attrs.items()):
        if name in (ANNOTATOR_ATTRIBUTE, ORIGIN_ATTRIBUTE) or name in typed:
            continue
        lines.append(f"{name}\tArg:<ENTITY>" + (f", Value:{'|'.join(sorted(values))}"
                                                 if values else ""))
    return "\n".join(lines) + "\n"


register("brat", writer=export_brat, reader=read_brat,
         description="brat standoff folder: .txt + .ann per article, annotation.conf and "
                     "visual.conf (code-point offsets)")
