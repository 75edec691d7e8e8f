"""CLUENER2020 JSON lines (no Qt): ``{"text": ..., "label": {LABEL: {SURFACE: [[start, end]]}}}``.

Offsets are code points and the END IS INCLUSIVE (``[[0, 3]]`` covers four characters), as in
the CLUENER2020 files. The export adds ``article_id`` (the article uid, which an import keeps);
other readers ignore it. An import checks every surface against the text it points at: a
mismatch is a bad record at its line, and one that would match with an exclusive end says so.

Not carried: annotators, notes, origins and span ids; two spans with the same label and offsets
(two annotators agreeing) are one entry, and the second is listed in the warnings file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import ArticleRecord, SpanRecord
from annotator.formats import register
from annotator.formats._common import (
    ExportLog,
    ExportProgress,
    Filters,
    atomic_path,
    iter_export,
    warn_not_carried,
)
from annotator.formats._reading import (
    Bad,
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

__all__ = ["export_cluener", "read_cluener"]

_OURS = frozenset({"text", "label", "article_id", "id", "title"})


def export_cluener(project: Project, out: str | os.PathLike[str], *,
                   annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
                   statuses: Iterable[str] | None = None, gold_only: bool = False,
                   skip_empty: bool = False, include_suggested: bool = True,
                   progress: ExportProgress | None = None
                   ) -> dict[str, int]:
    """Write CLUENER JSON lines; return counts."""
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty,
                           include_suggested)
    out = Path(out)
    log = ExportLog(out, "cluener")
    counts = {"articles": 0, "spans": 0, "entries": 0}
    try:
        with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for article, spans in iter_export(project, filters, progress=progress):
                table: dict[str, dict[str, list[list[int]]]] = {}
                seen: dict[tuple[str, int, int], str] = {}
                for span in spans:
                    key = (span.label, span.start, span.end)
                    if key in seen:
                        log.span(article, span, "duplicate: another span has the same label "
                                 "and offsets (CLUENER keeps one)", same_as=seen[key])
                        continue
                    seen[key] = span.id
                    table.setdefault(span.label, {}).setdefault(span.text, []).append(
                        [span.start, span.end - 1])
                    counts["entries"] += 1
                    if span.note:
                        log.span(article, span, "note dropped: CLUENER has no notes",
                                 note=span.note)
                line = {"text": article.text, "label": table, "article_id": article.uid}
                fh.write(json.dumps(line, ensure_ascii=False))
                fh.write("\n")
                counts["articles"] += 1
                counts["spans"] += len(spans)
    except BaseException:
        log.abort()
        raise
    log.finish(project, unit="code points", end="inclusive", filters=filters, files=[out],
               counts=counts, options={},
               not_carried=warn_not_carried(
                   log, project, filters, "CLUENER",
                   ["annotator", "note", "origin", "span id",
                    "duplicate spans (same label and offsets)", "relations"]))
    return counts


def read_cluener(path: str | os.PathLike[str], *, warn: Warn = ignore
                 ) -> Iterator[ArticleRecord | BadRecord]:
    """Records of a CLUENER2020 file (records without ``label``, like the test set, have no
    spans)."""
    label = str(path)
    for item in json_records(Path(path)):
        if isinstance(item, BadRecord):
            yield item
            continue
        where, obj = item
        try:
            yield _record(obj, where, label)
        except Bad as exc:
            yield BadRecord(where, str(exc))


def _record(obj: Any, where: str, label: str) -> ArticleRecord:
    if not isinstance(obj, dict):
        raise Bad(f"expected a JSON object, got {type(obj).__name__}")
    if "text" not in obj:
        raise Bad("no 'text' field")
    tm = text_of(obj["text"], "text")
    text = tm.text
    plain = text is tm.raw or text == tm.raw  # no \r: offsets need no mapping
    table = obj.get("label") or {}
    if not isinstance(table, dict):
        raise Bad("'label' must be an object {LABEL: {SURFACE: [[start, end]]}}")
    spans = []
    for name, surfaces in table.items():
        if not isinstance(surfaces, dict):
            raise Bad(f"label '{name}' must map surfaces to [[start, end], ...]")
        for surface, pairs in surfaces.items():
            if not isinstance(pairs, list):
                raise Bad(f"'{name}' / {surface!r}: expected a list of [start, end]")
            for pair in pairs:
                if not (type(pair) is list and len(pair) == 2 and type(pair[0]) is int
                        and type(pair[1]) is int):
                    raise Bad(f"'{name}' / {surface!r}: {pair!r} is not [start, end]")
                if plain and 0 <= pair[0] <= pair[1] < len(text):
                    start, end = pair[0], pair[1] + 1
                else:
                    start, end = tm.span(pair[0], pair[1] + 1)
                covered = text[start:end]
                if covered != surface:
                    hint = ""
                    if tm.raw[pair[0]:pair[1]] == surface:
                        hint = " (the end looks exclusive; CLUENER ends are inclusive)"
                    raise Bad(f"'{name}' [{pair[0]}, {pair[1]}] says {surface!r} but the text "
                              f"there is {covered!r}{hint}")
                spans.append(SpanRecord(start, end, name, covered))
    uid = obj.get("article_id")
    title = obj.get("title")
    title = string(title, "title").strip()[:TITLE_MAX] if title else ""
    return ArticleRecord(
        text=text, title=title or first_line_title(text), language="zh",  # CLUENER is Chinese
        original_file=label, external_id=string(obj.get("id"), "id"),
        uid=str(uid) if looks_like_uid(uid) else "",
        meta={k: v for k, v in obj.items() if k not in _OURS},
        spans=tuple(spans), where=where)


register("cluener", writer=export_cluener, reader=read_cluener,
         description="CLUENER2020 JSON lines {text, label: {LABEL: {SURFACE: [[start, end]]}}} "
                     "with an INCLUSIVE end")
