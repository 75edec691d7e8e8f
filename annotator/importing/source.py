"""Finding input files and reading them as canonical text (no Qt).

Every byte goes through ``core.text.canonical_text`` semantics (invariant 1): decoded, newlines
normalized, nothing else changed. A large file that is UTF-8 (the common case for big JSONL and
CSV dumps) is validated in one pass and then *streamed* line by line through a universal-newline
``TextIOWrapper``, which gives exactly the same text (``\\r\\n`` and lone ``\\r`` become ``\\n``,
U+2028 and friends are not line breaks) without holding the whole file in memory. Anything else
(UTF-16, GB18030, Big5...) is decoded whole by ``canonical_text``.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from annotator.core.text import TextDecodeError, canonical_text

#: File suffixes an import picks up, and the reader each one gets.
FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".jsonl": "jsonl",
    ".json": "json",
    ".csv": "csv",
}
READERS = ("txt", "md", "jsonl", "json", "csv")

#: Files at least this large are streamed when they are plain UTF-8 (with or without a BOM).
STREAM_MIN_BYTES = 4 * 1024 * 1024
_CHUNK = 1 << 20


class ReadError(ValueError):
    """A whole input file (or path) cannot be read; the message starts with its name."""


@dataclass(frozen=True)
class BadRecord:
    """One record of a file that cannot become an article; the rest of the file may be fine."""

    where: str  # "file:line"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def suffixes() -> str:
    return ", ".join(sorted(FORMATS))


def collect(paths: Iterable[str | os.PathLike[str]], *, format: str | None = None) -> list[Path]:
    """The files to import: each file as given, each folder searched recursively (hidden
    entries skipped) for importable suffixes, sorted. Raises ReadError for a path that does not
    exist, a folder with nothing importable, or a file of an unknown type (unless ``format``
    names the reader to use)."""
    if format is not None and format not in READERS:
        raise ReadError(f"unknown input format '{format}' (use one of {', '.join(READERS)})")

    def check(path: Path) -> None:
        if format is None and path.suffix.lower() not in FORMATS:
            raise ReadError(f"{path}: cannot import '{path.suffix or path.name}' files "
                            f"(use {suffixes()})")

    return gather(paths, lambda folder: walk_files(folder, tuple(FORMATS)),
                  f"no files to import in this folder (looked for {suffixes()})", check)


def gather(paths: Iterable[str | os.PathLike[str]], walk: Callable[[Path], Iterable[Path]],
           empty_folder: str, check_file: Callable[[Path], None] | None = None) -> list[Path]:
    """Files as given and files found by ``walk`` under folders (sorted per folder), each
    once. A missing path, a folder where ``walk`` finds nothing ("FOLDER: ``empty_folder``")
    or no path at all is a ReadError."""
    found: list[Path] = []
    seen: set[Path] = set()
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files = sorted(walk(path))
            if not files:
                raise ReadError(f"{path}: {empty_folder}")
        elif path.is_file():
            if check_file is not None:
                check_file(path)
            files = [path]
        elif path.exists() or path.is_symlink():
            raise ReadError(f"{path}: not a regular file or folder")
        else:
            raise ReadError(f"{path}: no such file or folder")
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                found.append(f)
    if not found:
        raise ReadError("nothing to import: give at least one file or folder")
    return found


def walk_files(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files under ``folder`` ending in one of ``suffixes`` (hidden entries skipped)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(suffixes):
                yield Path(root) / name


def format_of(path: Path, format: str | None = None) -> str:
    if format is not None:
        return format
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise ReadError(f"{path}: cannot import '{path.suffix}' files (use {suffixes()})") from None


def whole_text(path: Path, label: str) -> str:
    """The canonical text of the whole file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{label}: cannot read ({exc.strerror or exc})") from exc
    try:
        text, _encoding = canonical_text(data, label)
    except TextDecodeError as exc:
        raise ReadError(str(exc)) from exc
    return text


@contextmanager
def open_canonical(path: Path, label: str) -> Iterator[TextIO]:
    """A text stream of the file's canonical text (lines end with "\\n" only)."""
    try:
        size = path.stat().st_size
        encoding = _streamable_encoding(path) if size >= STREAM_MIN_BYTES else None
    except OSError as exc:
        raise ReadError(f"{label}: cannot read ({exc.strerror or exc})") from exc
    if encoding is None:
        with io.StringIO(whole_text(path, label), newline="\n") as buffer:
            yield buffer
        return
    try:
        fh = open(path, encoding=encoding, errors="strict", newline=None)  # noqa: SIM115
    except OSError as exc:
        raise ReadError(f"{label}: cannot read ({exc.strerror or exc})") from exc
    with fh:
        try:
            yield fh
        except UnicodeDecodeError as exc:  # the file changed after it was validated
            raise ReadError(f"{label}: is no longer valid UTF-8 ({exc.reason})") from exc


def _streamable_encoding(path: Path) -> str | None:
    """"utf-8" or "utf-8-sig" when the whole file is valid UTF-8 without NUL bytes, else None
    (the caller then decodes it whole, which also produces the right error message)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None  # also covers UTF-32 LE
        else:
            encoding = "utf-8"
        fh.seek(0)
        while chunk := fh.read(_CHUNK):
            if b"\x00" in chunk:
                return None
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return None
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return encoding
