"""One reader per input format. Each yields ArticleRecord or BadRecord lazily, with ``where``
("file:line", or "file" for whole-file formats), and raises ReadError only when the whole file
is unusable (empty, binary, undecodable, a CSV without its text column, broken JSON)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.model import ArticleRecord
from annotator.core.text import guess_language
from annotator.importing.records import (
    TITLE_MAX,
    RecordProblem,
    first_line_title,
    parse_meta_json,
    record_from_mapping,
)
from annotator.importing.source import (
    BadRecord,
    ReadError,
    collect,
    format_of,
    open_canonical,
    whole_text,
)

Item = ArticleRecord | BadRecord

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def read_records(paths: Iterable[str | os.PathLike[str]], *, text_field: str = "text",
                 format: str | None = None) -> Iterator[Item]:
    """Records of every importable file under ``paths`` (see ``collect``), lazily."""
    for path in collect(paths, format=format):
        yield from read_file(path, text_field=text_field, format=format)


def read_file(path: Path, *, text_field: str = "text", format: str | None = None
              ) -> Iterator[Item]:
    label = str(path)
    kind = format_of(path, format)
    if kind == "txt":
        yield _whole_file(path, label, markdown=False)
    elif kind == "md":
        yield _whole_file(path, label, markdown=True)
    elif kind == "jsonl":
        yield from _jsonl(path, label, text_field)
    elif kind == "json":
        yield from _json(path, label, text_field)
    else:
        yield from _csv(path, label, text_field)


# ---------------------------------------------------------------------- whole files
def _whole_file(path: Path, label: str, *, markdown: bool) -> ArticleRecord:
    text = whole_text(path, label)
    if not text.strip():
        raise ReadError(f"{label}: the file has no text (only blank lines)")
    title = (_markdown_title(text) if markdown else "") or first_line_title(text)
    return ArticleRecord(text=text, title=title, language=guess_language(text),
                         original_file=label, where=label)


def _markdown_title(text: str) -> str:
    """The first level-1 ``# heading``, else the first heading of any level."""
    first = ""
    for line in text.split("\n"):
        match = _HEADING.match(line)
        if match and match.group(2).strip():
            if len(match.group(1)) == 1:
                return match.group(2).strip()[:TITLE_MAX]
            first = first or match.group(2).strip()[:TITLE_MAX]
    return first


# ---------------------------------------------------------------------- JSON lines
def _jsonl(path: Path, label: str, text_field: str) -> Iterator[Item]:
    with open_canonical(path, label) as stream:
        yield from _json_lines(stream, label, text_field)


def _json_lines(lines: Iterable[str], label: str, text_field: str) -> Iterator[Item]:
    blank = True
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        blank = False
        where = f"{label}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRecord(where, f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
            continue
        except RecursionError:
            yield BadRecord(where, "not valid JSON (nested too deeply)")
            continue
        yield record_from_mapping(obj, where, text_field=text_field, original_file=label)
    if blank:
        raise ReadError(f"{label}: the file has no records (only blank lines)")


# ---------------------------------------------------------------------- JSON
def _json(path: Path, label: str, text_field: str) -> Iterator[Item]:
    text = whole_text(path, label)
    if _is_json_lines(text):  # JSON lines named .json (CLUENER ships that way)
        yield from _json_lines(io.StringIO(text, newline="\n"), label, text_field)
        return
    items = _json_items(text, label)
    if not items:
        raise ReadError(f"{label}: the file has no records (an empty list)")
    for line, obj in items:
        yield record_from_mapping(obj, f"{label}:{line}", text_field=text_field,
                                  original_file=label)


def _is_json_lines(text: str) -> bool:
    """One object on the first line, then another object starting on a later line."""
    match = _JSON_SPACE.match(text)
    start = match.end() if match else 0
    if not text.startswith("{", start):
        return False
    try:
        _obj, end = json.JSONDecoder().raw_decode(text, start)
    except (json.JSONDecodeError, RecursionError):
        return False
    match = _JSON_SPACE.match(text, end)
    gap_end = match.end() if match else end
    return "\n" in text[end:gap_end] and text.startswith("{", gap_end)


def _json_items(text: str, label: str) -> list[tuple[int, Any]]:
    """A list of values (or one value) with the line each starts on. Broken JSON spoils the
    whole file: there is no way to know where the next record starts."""
    decoder = json.JSONDecoder()
    items: list[tuple[int, Any]] = []
    line, last = 1, 0

    def line_at(pos: int) -> int:
        nonlocal line, last
        line += text.count("\n", last, pos)
        last = pos
        return line

    def skip(pos: int) -> int:
        match = _JSON_SPACE.match(text, pos)
        return match.end() if match else pos

    try:
        pos = skip(0)
        if text.startswith("[", pos):
            pos = skip(pos + 1)
            if text.startswith("]", pos):
                pos += 1
            else:
                while True:
                    obj, end = decoder.raw_decode(text, pos)
                    items.append((line_at(pos), obj))
                    pos = skip(end)
                    if text.startswith("]", pos):
                        pos += 1
                        break
                    if not text.startswith(",", pos):
                        raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
                    pos = skip(pos + 1)
        else:
            obj, end = decoder.raw_decode(text, pos)
            items.append((1, obj))
            pos = end
        pos = skip(pos)
        if pos != len(text):
            raise json.JSONDecodeError("Extra data", text, pos)
    except json.JSONDecodeError as exc:
        raise ReadError(f"{label}:{exc.lineno}: not valid JSON ({exc.msg.removesuffix(' at')} at column "
                        f"{exc.colno})") from exc
    except RecursionError:
        raise ReadError(f"{label}: not valid JSON (nested too deeply)") from None
    return items


# ---------------------------------------------------------------------- CSV
_CSV_KNOWN = ("title", "source", "url", "published", "id", "status", "language")


def _csv(path: Path, label: str, text_field: str) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles are longer than 128 KiB
    with open_canonical(path, label) as stream:
        reader = csv.reader(stream, strict=True)
        header: list[str] | None = None
        previous = 0
        rows = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise ReadError(f"{label}:{reader.line_num}: not valid CSV ({exc})") from exc
            first_line, previous = previous + 1, reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if header is None:
                header = [name.strip() for name in row]
                _check_header(header, label, text_field)
                continue
            rows += 1
            yield _csv_record(header, row, f"{label}:{first_line}", label, text_field)
        if header is None:
            raise ReadError(f"{label}: the file has no header row")
        if rows == 0:
            raise ReadError(f"{label}: the file has a header but no rows")


def _check_header(header: list[str], label: str, text_field: str) -> None:
    if text_field not in header:
        raise ReadError(f"{label}: no '{text_field}' column (columns: {', '.join(header)})")
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise ReadError(f"{label}: the column '{name}' appears twice in the header")
        seen.add(name)


def _csv_record(header: list[str], row: list[str], where: str, label: str,
                text_field: str) -> Item:
    if len(row) != len(header):
        return BadRecord(where, f"{len(row)} field(s) but the header has {len(header)} "
                                "column(s) (a stray quote or comma?)")
    values = dict(zip(header, row))
    try:
        meta = parse_meta_json(values.pop("meta", ""))
    except RecordProblem as exc:
        return BadRecord(where, str(exc))
    obj: dict[str, Any] = {text_field: values.pop(text_field)}
    for name in _CSV_KNOWN:
        if name in values:
            obj[name] = values.pop(name)
    for name, value in values.items():  # other columns are kept in meta
        meta.setdefault(name, value)
    obj["meta"] = meta
    return record_from_mapping(obj, where, text_field=text_field, original_file=label,
                               native_ok=False)
