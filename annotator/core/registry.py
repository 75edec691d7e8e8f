"""The company registry's entries and its CSV file (issue 12; no Qt, no SQL).

A registry file has a header row with a ``name`` column and optionally ``aliases``, ``tickers``
and ``note``; aliases and tickers are separated by ``|``. ``read_registry_csv`` refuses a bad
file as a whole with ``file:line``: no ``name`` column, an unknown column, an empty or invisible
name, one name twice, an alias given to two names, a line that is not CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.names import BadName, check_registry_name
from annotator.core.text import decode_bytes, normalize_newlines

__all__ = ["COLUMNS", "Company", "RegistryError", "check_entries", "join_list", "read_registry_csv",
           "registry_csv_rows", "split_list"]

COLUMNS = ("name", "aliases", "tickers", "note")
SEPARATOR = "|"


class RegistryError(ValueError):
    """A registry file or entry that cannot be taken; one line naming the file and line."""


@dataclass(frozen=True)
class Company:
    """A registry entry: the canonical ``name`` (what a company span's ``entity`` holds), the
    other names it goes by in texts (``aliases``), its ``tickers`` and a ``note``. ``where``
    (``file:line``) names it in messages."""

    name: str
    aliases: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    note: str = ""
    where: str = field(default="", compare=False)

    def names(self) -> tuple[str, ...]:
        """The canonical name and the aliases: every text that names the company."""
        return (self.name, *self.aliases)


def split_list(cell: str | None) -> tuple[str, ...]:
    """``"阿里|阿里巴巴| Alibaba "`` -> ("阿里", "阿里巴巴", "Alibaba"): trimmed, empties and
    repeats dropped, order kept."""
    return tuple(dict.fromkeys(p.strip() for p in (cell or "").split(SEPARATOR) if p.strip()))


def join_list(items: Iterable[str]) -> str:
    return SEPARATOR.join(items)


def _entry(where: str, name: str, aliases: Iterable[str], tickers: Iterable[str],
           note: str) -> Company:
    try:
        name = check_registry_name(name.strip(), "company")
        aliases = tuple(dict.fromkeys(check_registry_name(a, "alias") for a in aliases))
        tickers = tuple(dict.fromkeys(check_registry_name(t, "ticker") for t in tickers))
    except BadName as exc:
        raise RegistryError(f"{where}: {exc}") from None
    if any(SEPARATOR in a for a in (name, *aliases)):
        raise RegistryError(f"{where}: a name cannot hold {SEPARATOR!r}")
    return Company(name, tuple(a for a in aliases if a != name), tickers, note.strip(), where)


def make_company(name: str, aliases: Iterable[str] = (), tickers: Iterable[str] = (),
                 note: str = "", where: str = "") -> Company:
    """One checked entry (``annotator registry add``, the window); RegistryError if bad."""
    if not name.strip():
        raise RegistryError(f"{where or 'company'}: the name is empty")
    return _entry(where or name, name, [a.strip() for a in aliases if a.strip()],
                  [t.strip() for t in tickers if t.strip()], note)


def check_entries(entries: Iterable[Company], known: Mapping[str, str] | None = None
                  ) -> list[Company]:
    """The entries, refused (RegistryError naming the entry) when one name or alias would
    name two companies, among themselves or with ``known`` (name or alias -> canonical
    name, the registry already there). One name twice is refused too."""
    owner: dict[str, tuple[str, str]] = {k: (v, "the registry") for k, v in (known or {}).items()}
    seen: dict[str, str] = {}
    out = list(entries)
    for c in out:
        if c.name in seen:
            raise RegistryError(f"{c.where}: {c.name!r} is listed twice (also at {seen[c.name]})")
        seen[c.name] = c.where
    for c in out:
        for text in c.names():
            have = owner.get(text)
            if have is not None and have[0] != c.name:
                raise RegistryError(f"{c.where}: {text!r} already names {have[0]!r} "
                                    f"({have[1]}); an alias names one company only")
            owner[text] = (c.name, c.where)
    return out


def read_registry_csv(path: str | Path, known: Mapping[str, str] | None = None) -> list[Company]:
    """Every entry of a registry CSV, checked (``check_entries`` against ``known`` too); a bad
    file raises RegistryError with ``file:line`` and nothing is taken from it."""
    path = Path(path)
    text, _ = decode_bytes(path.read_bytes(), str(path))
    reader = csv.reader(io.StringIO(normalize_newlines(text).lstrip("\ufeff"), newline=""),
                        strict=True)
    entries: list[Company] = []
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if "name" not in header:
            raise RegistryError(f"{path}:1: no 'name' column (the header must name the columns "
                                f"{', '.join(COLUMNS)})")
        unknown = [h for h in header if h not in COLUMNS]
        if unknown or len(set(header)) != len(header):
            raise RegistryError(f"{path}:1: column {(unknown or header)[0]!r} is "
                                f"{'unknown' if unknown else 'given twice'} (columns: "
                                f"{', '.join(COLUMNS)})")
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise RegistryError(f"{where}: {len(row)} cells, but the header has "
                                    f"{len(header)}")
            cells = dict(zip(header, row))
            if not cells.get("name", "").strip():
                raise RegistryError(f"{where}: the name is empty")
            entries.append(_entry(where, cells["name"], split_list(cells.get("aliases")),
                                  split_list(cells.get("tickers")), cells.get("note", "")))
    except csv.Error as exc:
        raise RegistryError(f"{path}:{reader.line_num}: not a CSV line ({exc})") from None
    return check_entries(entries, known)


def registry_csv_rows(entries: Iterable[Company]) -> Iterable[tuple[str, str, str, str]]:
    """The CSV rows of ``entries`` (header first): what ``read_registry_csv`` reads back."""
    yield COLUMNS  # type: ignore[misc]
    for c in entries:
        yield c.name, join_list(c.aliases), join_list(c.tickers), c.note
