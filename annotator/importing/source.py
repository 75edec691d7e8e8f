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
import errno
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from annotator.core.sizes import format_size
from annotator.core.text import (
    BrokenUtf8,
    TextDecodeError,
    canonical_text,
    invalid_byte,
    normalize_newlines,
)

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
_UTF8 = ("utf-8", "utf-8-sig")
_LINE_RE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

#: The default cap on one article's text (UTF-8 bytes); ``import --max-size`` changes it. It
#: is per article, not per file: a 600 MB JSONL dump of 100k articles imports.
MAX_ARTICLE_SIZE = 200 * 1024 * 1024
_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))

#: While an import runs: "file: encoding" for each file decoded as something other than UTF-8.
_noted: ContextVar[list[str] | None] = ContextVar("noted", default=None)


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


def collect(paths: Iterable[str | os.PathLike[str]], *, format: str | None = None,
            skipped: list[str] | None = None) -> list[Path]:
    """The files to import: each file as given, each folder searched recursively (hidden
    entries skipped) for importable suffixes, sorted. Raises ReadError for a path that does not
    exist, a folder with nothing importable, or a file of an unknown type (unless ``format``
    names the reader to use). What is not a regular file goes to ``skipped`` (see ``gather``)."""
    if format is not None and format not in READERS:
        raise ReadError(f"unknown input format '{format}' (use one of {', '.join(READERS)})")

    def check(path: Path) -> None:
        if format is None and path.suffix.lower() not in FORMATS:
            raise ReadError(f"{path}: cannot import '{path.suffix or path.name}' files "
                            f"(use {suffixes()})")

    return gather(paths, lambda folder: walk_files(folder, tuple(FORMATS)),
                  f"no files to import in this folder (looked for {suffixes()})", check,
                  skipped)


def gather(paths: Iterable[str | os.PathLike[str]], walk: Callable[[Path], Iterable[Path]],
           empty_folder: str, check_file: Callable[[Path], None] | None = None,
           skipped: list[str] | None = None) -> list[Path]:
    """Regular files as given and found by ``walk`` under folders (sorted per folder), each
    once. A missing path, a folder where ``walk`` finds nothing ("FOLDER: ``empty_folder``")
    or no path at all is a ReadError. Anything that is not a regular file once links are
    resolved (a pipe, a device, a socket, a link loop or a broken link) is never opened: it
    is named with the reason in ``skipped`` ("pipe.txt: not a regular file (a named pipe)"),
    or raises ReadError when no ``skipped`` list is given or nothing else is left."""
    found: list[Path] = []
    seen: set[Path] = set()
    refused: list[str] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files = sorted(walk(path))
            if not files:
                raise ReadError(f"{path}: {empty_folder}")
        elif not path.exists() and not path.is_symlink():
            raise ReadError(f"{path}: no such file or folder")
        else:
            files = [path]
        for f in files:
            problem = file_problem(f)
            if problem is not None:
                if skipped is None:
                    raise ReadError(f"{f}: {problem}")
                refused.append(f"{f}: {problem}")
                continue
            if f is path and check_file is not None:
                check_file(path)
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                found.append(f)
    if not found:
        if refused:
            raise ReadError(f"{refused[0]}; nothing to import")
        raise ReadError("nothing to import: give at least one file or folder")
    if skipped is not None:
        skipped.extend(refused)
    return found


def file_problem(path: Path) -> str | None:
    """Why ``path`` is not read (``stat`` only, so it never blocks), or None for a regular
    file after resolving symbolic links."""
    try:
        info = os.stat(path)  # follows links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop, not a regular file"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"a broken symbolic link (to {os.readlink(path)})"
        return f"cannot read ({exc.strerror or exc})"
    return _not_regular(info.st_mode)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"not a regular file ({kind})"


def open_regular(path: Path, label: str) -> BinaryIO:
    """The file opened for reading, refused unless it is a regular file. Opened with
    O_NONBLOCK so that even a pipe swapped in after ``gather`` looked cannot block; the type
    is checked on the open descriptor itself."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        why = file_problem(path) or f"cannot read ({exc.strerror or exc})"
        raise ReadError(f"{label}: {why}") from exc
    try:
        problem = _not_regular(os.fstat(fd).st_mode)
        if problem is not None:
            raise ReadError(f"{label}: {problem}")
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # a regular file: blocking reads behave as usual
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, label: str, max_size: int | None = None) -> bytes:
    """All bytes of a regular file (see ``open_regular``); over ``max_size`` is a ReadError
    before anything is read."""
    with open_regular(path, label) as fh:
        if max_size is not None:
            check_size(os.fstat(fh.fileno()).st_size, max_size, label)
        try:
            return fh.read()
        except OSError as exc:
            raise ReadError(f"{label}: cannot read ({exc.strerror or exc})") from exc


def check_size(size: int, max_size: int, label: str) -> None:
    if size > max_size:
        raise ReadError(f"{label}: {_over(size, max_size)}")


def size_problem(text: str, max_size: int) -> str | None:
    """Why ``text`` is too big to be one article (its UTF-8 size over ``max_size``), or None."""
    if len(text) * 4 <= max_size:  # no need to encode: a code point is at most 4 bytes
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return _over(size, max_size) if size > max_size else None


def _over(size: int, max_size: int) -> str:
    return (f"{format_size(size)} is over the {format_size(max_size)} size cap for one article "
            "(raise it with --max-size)")


@contextmanager
def noting_encodings() -> Iterator[list[str]]:
    """While the block runs, files decoded as something other than UTF-8 are listed
    ("file: encoding") in the list this yields."""
    found: list[str] = []
    token = _noted.set(found)
    try:
        yield found
    finally:
        _noted.reset(token)


def _note_encoding(label: str, encoding: str) -> None:
    found = _noted.get()
    if found is not None and encoding not in _UTF8:
        found.append(f"{label}: {encoding}")


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


def whole_text(path: Path, label: str, max_size: int | None = None) -> str:
    """The canonical text of the whole (regular) file, at most ``max_size`` bytes."""
    return _decoded(read_regular(path, label, max_size), label)


def _decoded(data: bytes, label: str) -> str:
    try:
        text, encoding = canonical_text(data, label)
    except TextDecodeError as exc:
        raise ReadError(str(exc)) from exc
    _note_encoding(label, encoding)
    return text


class DamagedLines:
    """The lines of a file that is UTF-8 but for some invalid bytes, each decoded on its own
    (newlines normalized). A line holding an invalid byte comes out with lone surrogates in
    place of the byte and its reason in ``problems`` (line number -> "byte 0xff at offset
    1,230 is not valid UTF-8"): the reader turns its record into a BadRecord, never text."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.problems: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        start = len(codecs.BOM_UTF8) if self.data.startswith(codecs.BOM_UTF8) else 0
        for number, match in enumerate(_LINE_RE.finditer(self.data, start), 1):
            raw = match.group()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.problems[number] = invalid_byte(raw[exc.start], match.start() + exc.start)
                text = raw.decode("utf-8", "surrogateescape")
            yield normalize_newlines(text)


def damage(lines: Iterable[str], first: int, last: int | None = None) -> str | None:
    """Why lines ``first``..``last`` of ``lines`` (from ``open_canonical(per_line=True)``)
    cannot be read, or None."""
    problems = getattr(lines, "problems", None)
    if not problems:
        return None
    return next((problems[n] for n in range(first, (last or first) + 1) if n in problems),
                None)


@contextmanager
def open_canonical(path: Path, label: str, *, per_line: bool = False
                   ) -> Iterator[TextIO | DamagedLines]:
    """A text stream of the file's canonical text (lines end with "\\n" only). With
    ``per_line``, a file that is UTF-8 but for some invalid bytes is not refused whole: it
    comes as ``DamagedLines`` and the caller names each damaged record (see ``damage``)."""
    with open_regular(path, label) as raw:
        try:
            size = os.fstat(raw.fileno()).st_size
            encoding = _streamable_encoding(raw) if size >= STREAM_MIN_BYTES else None
        except OSError as exc:
            raise ReadError(f"{label}: cannot read ({exc.strerror or exc})") from exc
    if encoding is None:
        data = read_regular(path, label)
        try:
            text = _decoded(data, label)
        except ReadError as exc:
            if not (per_line and isinstance(exc.__cause__, BrokenUtf8)):
                raise
            yield DamagedLines(data)
            return
        del data
        with io.StringIO(text, newline="\n") as buffer:
            yield buffer
        return
    fh = io.TextIOWrapper(open_regular(path, label), encoding=encoding, errors="strict",
                          newline=None)
    with fh:
        try:
            yield fh
        except UnicodeDecodeError as exc:  # the file changed after it was validated
            raise ReadError(f"{label}: is no longer valid UTF-8 ({exc.reason})") from exc


def _streamable_encoding(fh: BinaryIO) -> str | None:
    """"utf-8" or "utf-8-sig" when the whole file is valid UTF-8 without NUL bytes, else None
    (the caller then decodes it whole, which also produces the right error message)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
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
