"""What the dataset importers share (no Qt): finding files, JSON records with their line,
offsets counted in the raw text of another tool, and warnings.

Readers follow ``annotator.importing``: they yield ArticleRecord (with SpanRecords, ``where`` =
"file:line") or BadRecord for a record that cannot be imported, and raise ReadError when a whole
file is unusable. Things that are imported but not exactly as written (a discontinuous brat
span split in fragments, an unsupported line skipped) go to the ``warn`` callback as
"file:line: message".

Other tools count offsets in their own text, before our canonical newline normalization
(invariant 1: ``\\r\\n`` and lone ``\\r`` become ``\\n``). :class:`TextMap` keeps that raw text and
maps its offsets (code points, or UTF-16 units through ``core.offsets``) into the canonical one.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.offsets import OffsetIndex
from annotator.core.text import normalize_newlines, not_a_character
from annotator.importing.records import json_error
from annotator.importing.source import (
    BadRecord,
    ReadError,
    gather,
    open_canonical,
    walk_files,
    whole_text,
)

Warn = Callable[[str], None]

_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_UID = re.compile(r"^[0-9a-f]{32}$")


def ignore(_message: str) -> None:
    """The default ``warn``: drop the message."""


class Bad(Exception):
    """Internal: this record is bad for the reason given."""


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def looks_like_uid(value: Any) -> bool:
    """An article uid as this program makes them (a round trip keeps it)."""
    return isinstance(value, str) and bool(_UID.match(value))


class TextMap:
    """A text as another tool saw it (``raw``) and its canonical form (``text``).

    Offsets into ``raw`` map to ``text`` with :meth:`cp` (code points) or :meth:`utf16`
    (UTF-16 code units). ``\\r\\n`` collapses to one character: an offset between the two maps
    to the position of the ``\\n``.
    """

    __slots__ = ("raw", "text", "_removed", "_index")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = normalize_newlines(raw)
        # positions in raw of each \r that is followed by \n (removed by normalization)
        self._removed = ([m.start() for m in re.finditer("\r\n", raw)]
                         if "\r\n" in raw else [])
        self._index: OffsetIndex | None = None

    def cp(self, offset: int) -> int:
        """Canonical offset of raw code-point ``offset``; ValueError when out of range."""
        if not 0 <= offset <= len(self.raw):
            raise ValueError(f"offset {offset} is outside the text (length {len(self.raw)})")
        if not self._removed:
            return offset
        return offset - bisect_left(self._removed, offset)

    def utf16(self, offset: int) -> int:
        """Canonical offset of raw UTF-16 ``offset``; ValueError out of range or inside a
        surrogate pair."""
        if self._index is None:
            self._index = OffsetIndex(self.raw)
        if not 0 <= offset <= self._index.utf16_length:
            raise ValueError(f"UTF-16 offset {offset} is outside the text (length "
                             f"{self._index.utf16_length} UTF-16 units)")
        return self.cp(self._index.from_utf16(offset))

    def span(self, start: Any, end: Any, unit: str = "cp") -> tuple[int, int]:
        """A checked canonical ``[start, end)`` from raw offsets in ``unit`` ("cp"/"utf16")."""
        if not (is_int(start) and is_int(end)):
            raise Bad(f"offsets must be integers, not {start!r}, {end!r}")
        convert = self.utf16 if unit == "utf16" else self.cp
        try:
            s, e = convert(start), convert(end)
        except ValueError as exc:
            raise Bad(f"[{start}, {end}): {exc}") from None
        if not s < e:
            raise Bad(f"[{start}, {end}) is empty or reversed")
        return s, e


def collect_files(paths: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...],
                  what: str, skipped: list[str] | None = None) -> list[Path]:
    """Files given, and files with one of ``suffixes`` under folders given (recursive, hidden
    entries skipped), sorted per folder, each once; what is not a regular file goes to
    ``skipped`` (see ``importing.source.gather``)."""
    return gather(paths, lambda folder: walk_files(folder, suffixes),
                  f"no {what} files in this folder (looked for {', '.join(suffixes)})",
                  skipped=skipped)


def json_lines(path: Path) -> Iterator[tuple[str, Any] | BadRecord]:
    """``(where, object)`` per non-blank line of a JSON-lines file, or a BadRecord for a line
    that is not JSON. Raises ReadError for a file without records."""
    label = str(path)
    with open_canonical(path, label) as stream:
        blank = True
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            blank = False
            where = f"{label}:{number}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as exc:
                yield BadRecord(where, json_error(exc))
            except RecursionError:
                yield BadRecord(where, "not valid JSON (nested too deeply)")
        if blank:
            raise ReadError(f"{label}: the file has no records (only blank lines)")


def json_records(path: Path) -> Iterator[tuple[str, Any] | BadRecord]:
    """Records of a ``.json`` file that holds a list (each with the line it starts on) or one
    object, else of a JSON-lines file."""
    label = str(path)
    text = whole_text(path, label)
    start = _JSON_SPACE.match(text)
    if not text[start.end() if start else 0:].startswith("["):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            if not _starts_with_a_json_line(text):  # one (pretty-printed) object: its fault
                raise ReadError(f"{label}:{json_error(exc, line=True)}") from exc
            yield from json_lines(path)  # several lines of JSON, or bad ones: said per line
            return
        except (ValueError, RecursionError):
            yield from json_lines(path)
            return
        yield f"{label}:1", obj
        return
    yield from ((f"{label}:{line}", obj) for line, obj in _list_items(text, label))


def _starts_with_a_json_line(text: str) -> bool:
    """The first non-blank line is a JSON value by itself: a JSON-lines file."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        json.loads(first)
    except (ValueError, RecursionError):
        return False
    return True


def _list_items(text: str, label: str) -> list[tuple[int, Any]]:
    decoder = json.JSONDecoder()
    items: list[tuple[int, Any]] = []
    line, last = 1, 0

    def skip(pos: int) -> int:
        match = _JSON_SPACE.match(text, pos)
        return match.end() if match else pos

    try:
        pos = skip(skip(0) + 1)
        while not text.startswith("]", pos):
            obj, end = decoder.raw_decode(text, pos)
            line += text.count("\n", last, pos)
            last = pos
            items.append((line, obj))
            pos = skip(end)
            if text.startswith(",", pos):
                pos = skip(pos + 1)
            elif not text.startswith("]", pos):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        if skip(pos + 1) != len(text):
            raise json.JSONDecodeError("Extra data", text, skip(pos + 1))
    except json.JSONDecodeError as exc:
        raise ReadError(f"{label}:{json_error(exc, line=True)}") from exc
    except RecursionError:
        raise ReadError(f"{label}: not valid JSON (nested too deeply)") from None
    if not items:
        raise ReadError(f"{label}: the file has no records (an empty list)")
    return items


def string(value: Any, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise Bad(f"'{name}' must be a string, not {type(value).__name__}")


def text_of(value: Any, name: str) -> TextMap:
    if not isinstance(value, str):
        raise Bad(f"'{name}' must be a string, not {type(value).__name__}")
    if not value.strip():
        raise Bad(f"the '{name}' field is empty")
    problem = not_a_character(value)
    if problem is not None:
        raise Bad(f"the '{name}' field contains {problem}")
    return TextMap(value)
