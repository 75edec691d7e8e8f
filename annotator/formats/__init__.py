"""Dataset formats, registered by name (no Qt).

A format module calls ``register(name, writer=..., reader=..., description=...)`` at import time
and is listed in ``_BUILTIN`` so the registry loads it on first use. A writer is called as
``writer(project, out_path, *, annotators=None, labels=None, statuses=None) -> dict`` (counts of
what it wrote); a reader as ``reader(path) -> Iterator[ArticleRecord]``. The CLI's
``export -f NAME`` and the GUI's export dialog both look formats up here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Format", "UnknownFormat", "get", "names", "register"]

#: Modules under annotator.formats that register built-in formats when imported.
_BUILTIN = ("native", "doccano", "label_studio", "brat", "conll", "spacy_docbin", "cluener",
            "csv_spans", "claims_table")

Writer = Callable[..., dict[str, int]]
Reader = Callable[..., Any]


@dataclass(frozen=True)
class Format:
    name: str
    writer: Writer | None = None
    reader: Reader | None = None
    description: str = ""


class UnknownFormat(ValueError):
    pass


_registry: dict[str, Format] = {}
_loaded = False


def register(name: str, *, writer: Writer | None = None, reader: Reader | None = None,
             description: str = "") -> Format:
    """Add (or replace) a format. At least one of ``writer`` and ``reader`` is needed."""
    if writer is None and reader is None:
        raise ValueError(f"format '{name}' needs a writer or a reader")
    fmt = Format(name, writer, reader, description)
    _registry[name] = fmt
    return fmt


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _BUILTIN:
            importlib.import_module(f"{__name__}.{module}")


def get(name: str) -> Format:
    _load_builtins()
    try:
        return _registry[name]
    except KeyError:
        raise UnknownFormat(
            f"unknown format '{name}' (available: {', '.join(names()) or 'none'})") from None


def names(*, writable: bool = False, readable: bool = False) -> list[str]:
    """Registered format names, sorted; optionally only those that can write / read."""
    _load_builtins()
    return sorted(
        n for n, f in _registry.items()
        if (not writable or f.writer is not None) and (not readable or f.reader is not None)
    )
