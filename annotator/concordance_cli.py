"""The `concordance` command: every span in context, keyword-in-context lines or a CSV (no Qt;
registered by ``cli.build_parser``; the window's Concordance dock writes its CSV here too).

A printed line is the left context right-aligned in ``--width`` columns, the span, the right
context cut to ``--width`` columns, then the label, article and annotator. A Chinese (East Asian
Wide or Fullwidth) character takes two columns, a combining mark none, so the spans line up in a
terminal; a line break in the text shows as ⏎, a tab as a space. The CSV carries the contexts
exactly as in the text (``--width`` characters each side), one row per span.
"""

from __future__ import annotations

import argparse
import csv
import errno
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from annotator.outputs import public_error, refuse_existing, sweep_partials
from annotator.store import Project
from annotator.store.concordance import (
    DEFAULT_WIDTH,
    ConcordanceError,
    ConcordanceQuery,
    Line,
    lines,
    one_line,
    parse_attr,
)

COLUMNS = ("article_id", "title", "annotator", "label", "left", "text", "right", "start", "end",
           "span_id")


@lru_cache(maxsize=4096)
def char_columns(char: str) -> int:
    """Terminal columns of one character: 2 for East Asian Wide/Fullwidth, 0 for a combining
    mark or a format character (zero-width joiner), else 1."""
    if unicodedata.east_asian_width(char) in "WF":
        return 2
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 1


def columns(text: str) -> int:
    """Terminal columns of ``text`` (ASCII counted at once)."""
    if text.isascii():
        return len(text)
    return sum(map(char_columns, text))


def fit_left(text: str, width: int) -> str:
    """The end of ``text`` that fits ``width`` columns, padded on the left to exactly
    ``width`` (a wide character that would straddle the edge becomes a space)."""
    used = 0
    cut = len(text)
    while cut > 0:
        need = char_columns(text[cut - 1])
        if used + need > width:
            break
        used += need
        cut -= 1
    return " " * (width - used) + text[cut:]


def fit_right(text: str, width: int) -> str:
    """The start of ``text`` that fits ``width`` columns (not padded)."""
    used = 0
    for i, char in enumerate(text):
        used += char_columns(char)
        if used > width:
            return text[:i]
    return text


def format_line(line: Line, width: int) -> str:
    """One keyword-in-context line (see the module docstring)."""
    title = one_line(line.title)
    if len(title) > 40:
        title = title[:39] + "…"
    return (f"{fit_left(one_line(line.left), width)}  {one_line(line.text)}  "
            f"{fit_right(one_line(line.right), width)}  [{line.label}] #{line.article_id} "
            f"{title} · {line.annotator}")


def write_csv(rows: Iterable[Line], out: str | os.PathLike[str], *, excel: bool = False,
              safe: bool = False, progress: Callable[[int], Any] | None = None
              ) -> dict[str, int]:
    """The lines as a CSV at ``out`` (through a temporary name, renamed when complete);
    ``excel``: UTF-8 with a byte order mark; ``safe``: cells a spreadsheet would run as a
    formula get a leading ``'`` (as ``export -f csv --safe``). Returns counts.
    ``progress(lines written)`` every 10,000 lines; raising in it leaves no file."""
    from annotator.formats._common import atomic_path
    from annotator.formats.csv_spans import neutralize

    out = Path(out)
    counts = {"lines": 0, "neutralized": 0}
    sweep_partials(out.parent)
    try:
        with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8-sig" if excel else "utf-8",
                                            newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            for n, line in enumerate(rows, 1):
                row: tuple[Any, ...] = line[:10]
                if safe:
                    cells = tuple(neutralize(c) if isinstance(c, str) else c for c in row)
                    counts["neutralized"] += cells != row
                    row = cells
                writer.writerow(row)
                counts["lines"] = n
                if progress is not None and n % 10_000 == 0:
                    progress(n)
    except OSError as exc:
        error = public_error(exc, out)
        if error is exc:
            raise
        raise error from exc
    return counts


def _check_filters(project: Project, query: ConcordanceQuery) -> None:
    """A label the project does not have is a typo, not an empty concordance."""
    if query.label:
        names = [label.name for label in project.labels()]
        if query.label not in names:
            raise ConcordanceError(f"no label {query.label!r} in {project.path.name} "
                                   f"(labels: {', '.join(names)})")


def cmd_concordance(args: argparse.Namespace) -> int:
    query = ConcordanceQuery(label=args.label, text=args.text, annotator=args.annotator,
                             attrs=tuple(map(parse_attr, args.attrs or ())), width=args.width)
    if args.csv:
        refuse_existing(args.csv, args.force)
        if Path(args.csv).is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(args.csv))
    with Project.open(args.project, readonly=True) as project:
        _check_filters(project, query)
        stream = lines(project.conn, query)
        if args.csv:
            counts = write_csv(stream, args.csv, excel=args.excel, safe=args.safe)
            safe = (f"; {counts['neutralized']} line(s) with cells prefixed with ' "
                    "(spreadsheet-safe)" if counts["neutralized"] else "")
            print(f"wrote {counts['lines']} line(s) to {args.csv}{safe}")
            return 0
        count = 0
        articles: set[int] = set()
        write = sys.stdout.write
        for line in stream:
            write(format_line(line, args.width) + "\n")
            count += 1
            articles.add(line.article_id)
    print(f"{count} span(s) in {len(articles)} article(s)", file=sys.stderr)
    return 0


def _width_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 1000:
        raise argparse.ArgumentTypeError("give 0 to 1000 characters")
    return value


def add_parsers(sub: Any, command: Callable[..., Any], project_help: str) -> None:
    """Register ``concordance`` on the ``annotator`` subparsers."""
    from annotator.review_cli import layer_arg

    p = command(sub, "concordance", cmd_concordance,
                "Every span in context (keyword in context), or a CSV of them "
                "(read-only on the project).",
                "annotator concordance news --label figure\n"
                "annotator concordance news --text 亿 --annotator alice --width 20\n"
                "annotator concordance news --label claim --csv claims.csv --excel")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("--label", metavar="L", help="only spans with this label")
    p.add_argument("--text", metavar="T",
                   help="only spans whose text contains T (ASCII letters ignore case)")
    p.add_argument("--annotator", metavar="A", type=layer_arg,
                   help="only spans by this annotator (@gold: the adjudicated layer)")
    p.add_argument("--attr", dest="attrs", action="append", metavar="NAME=VALUE",
                   help="only spans whose attribute NAME has VALUE (repeatable; "
                        "a multi attribute matches any of its values)")
    p.add_argument("--width", type=_width_arg, default=DEFAULT_WIDTH, metavar="N",
                   help=f"context on each side: N characters in the CSV, N columns in the "
                        f"printed lines, where a Chinese character takes two "
                        f"(default: {DEFAULT_WIDTH})")
    p.add_argument("--csv", metavar="OUT",
                   help="write the lines to this CSV file instead (columns: "
                        f"{', '.join(COLUMNS)})")
    p.add_argument("--force", action="store_true", help="replace an existing --csv file")
    p.add_argument("--excel", action="store_true",
                   help="CSV in UTF-8 with a byte order mark, which Excel needs")
    p.add_argument("--safe", action="store_true",
                   help="prefix ' to CSV cells starting with = + - @ tab CR (spreadsheet-safe)")
