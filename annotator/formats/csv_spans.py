"""CSV with one row per span (no Qt), for reading in a spreadsheet or pandas.

Columns: ``article_id, title, label, start, end, text, annotator, note, origin, span_id,
article_uid``. Offsets are code points, end-exclusive (``text == article_text[start:end]``).
RFC 4180 quoting and CRLF row ends (Python's csv module); a cell may hold line breaks.

``excel=True`` writes UTF-8 with a byte order mark, which Excel needs to read UTF-8 (without it
Chinese text shows as mojibake). ``safe=True`` (spreadsheet-safe) prefixes a ``'`` to every text
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, so a spreadsheet never
runs it as a formula (CSV injection); each span whose cells were changed is listed in the
warnings file. The default leaves every cell exactly as stored.

Relations and attributes are not carried (the warnings file counts them, one line per
attribute): ``-f claims`` and ``-f relations`` (``annotator.formats.claims_table``) are the tables
that hold them.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.formats import register
from annotator.formats._common import (
    S_ANNOTATOR,
    S_END,
    S_ID,
    S_LABEL,
    S_NOTE,
    S_ORIGIN,
    S_START,
    S_TEXT,
    ExportArticle,
    ExportLog,
    ExportProgress,
    Filters,
    atomic_path,
    iter_export,
    warn_not_carried,
)

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["COLUMNS", "export_csv", "neutralize", "spreadsheet_notes"]

COLUMNS = ("article_id", "title", "label", "start", "end", "text", "annotator", "note",
           "origin", "span_id", "article_uid")
RISKY = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_notes(excel: bool, safe: bool) -> list[str]:
    """The manifest's notes on the encoding and the cells (every CSV export says them)."""
    return ["UTF-8 with a byte order mark" if excel else "UTF-8 without a BOM",
            "cells starting with = + - @ tab CR are prefixed with '" if safe else
            "cells are written as stored (not spreadsheet-safe)"]


def neutralize(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(RISKY) else cell


def export_csv(project: Project, out: str | os.PathLike[str], *,
               annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
               statuses: Iterable[str] | None = None, gold_only: bool = False,
               skip_empty: bool = False, include_suggested: bool = True,
               progress: ExportProgress | None = None,
               excel: bool = False, safe: bool = False) -> dict[str, int]:
    """Write the CSV; return counts."""
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty,
                           include_suggested)
    out = Path(out)
    log = ExportLog(out, "csv")
    counts = {"articles": 0, "spans": 0, "neutralized": 0}
    try:
        with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8-sig" if excel else "utf-8",
                                            newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            stream = iter_export(project, filters, progress=progress, raw=True)
            for article, rows in stream:
                counts["articles"] += 1
                counts["spans"] += len(rows)
                if safe:
                    writer.writerows(_safe_rows(article, rows, log, counts))
                else:
                    aid, title, uid = article.id, article.title, article.uid
                    writer.writerows([(aid, title, r[S_LABEL], r[S_START], r[S_END], r[S_TEXT],
                                       r[S_ANNOTATOR], r[S_NOTE], r[S_ORIGIN], r[S_ID], uid)
                                      for r in rows])
    except BaseException:
        log.abort()
        raise
    log.finish(project, unit="code points", filters=filters, files=[out], counts=counts,
               options={"excel": excel, "safe": safe},
               notes=spreadsheet_notes(excel, safe),
               not_carried=warn_not_carried(log, project, filters, "the span CSV (use -f "
                                            "claims or -f relations)", ["relations"]))
    return counts


def _safe_rows(article: ExportArticle, rows: list[Any], log: ExportLog,
               counts: dict[str, int]) -> Iterator[tuple[Any, ...]]:
    title = neutralize(article.title)
    if title != article.title:
        log.other(article, "title cell prefixed with ' (spreadsheet-safe)")
    for r in rows:
        cells = (r[S_LABEL], r[S_TEXT], r[S_ANNOTATOR], r[S_NOTE])
        label, text, annotator, note = safe = tuple(map(neutralize, cells))
        if safe != cells:
            counts["neutralized"] += 1
            changed = [name for name, a, b in zip(("label", "text", "annotator", "note"),
                                                  cells, safe) if a != b]
            log.span(article, r, f"cells prefixed with ' (spreadsheet-safe): "
                     f"{', '.join(changed)}")
        yield (article.id, title, label, r[S_START], r[S_END], text, annotator, note,
               r[S_ORIGIN], r[S_ID], article.uid)


register("csv", writer=export_csv,
         description="CSV, one row per span (--excel: UTF-8 with BOM; --safe: "
                     "spreadsheet-safe cells)")
