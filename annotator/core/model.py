"""Plain data classes shared by every layer. No Qt, no SQL.

``ArticleRecord``, ``SpanRecord`` and ``RelationRecord`` (things on their way in: import,
merge) live in ``core/records.py`` and are made when first asked for here (issue 14: a frozen
dataclass is ~2 ms of compiling at import, and the window's first paint needs none of them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import FrozenInstanceError, dataclass, field, fields
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from annotator.core.records import ArticleRecord as ArticleRecord
    from annotator.core.records import RelationRecord as RelationRecord
    from annotator.core.records import SpanRecord as SpanRecord

STATUSES = ("todo", "in-progress", "done")
ORIGINS = ("manual", "imported", "suggested", "adjudicated")
#: Made when first asked for (``__getattr__``), from core/records.py.
RECORDS = ("ArticleRecord", "SpanRecord", "RelationRecord")


def __getattr__(name: str) -> Any:
    if name in RECORDS:
        from annotator.core import records

        value = globals()[name] = getattr(records, name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Label:
    """A label of the scheme: its name, colour, key, meaning and place in the palette."""

    name: str
    color: str  # "#rrggbb"
    hotkey: str | None = None  # a single key, "1".."9" by default
    description: str = ""
    position: int = 0


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article list: what it shows without reading the text."""

    id: int
    uid: str
    title: str
    status: str
    language: str
    span_count: int
    done_by: int = 0  # how many annotators marked it done


@dataclass(frozen=True)
class Article:
    """A stored article: its canonical text (never changed after import) and metadata."""

    id: int
    uid: str
    title: str
    text: str
    sha256: str
    status: str  # articles.status, retired by m004 (always todo): see article_statuses
    language: str
    source: str = ""
    url: str = ""
    published: str = ""
    original_file: str = ""
    external_id: str = ""
    imported_at: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


class Span(NamedTuple):
    """A stored span: code points [start, end) of its article, ``text`` their slice.

    A tuple (issue 14): ``many_from_rows`` makes one straight from a row, without a Python call
    per span (10k spans: ~2 ms instead of ~12 ms as a slotted dataclass), and its fields are
    read at C speed. Frozen like the dataclass it was, and ``dataclasses.replace``,
    ``fields``, ``asdict`` and ``astuple`` still take it (``dataclass_api`` below)."""

    id: str
    article_id: int
    label: str
    start: int
    end: int
    text: str
    annotator: str
    note: str = ""
    origin: str = "manual"
    created_at: str = ""
    updated_at: str = ""

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def dataclass_api(cls: type) -> None:
    """Let ``dataclasses.fields/replace/asdict/astuple`` take the NamedTuple ``cls`` as they
    took it when it was a frozen dataclass (a NamedTuple compiles one method at import, a
    frozen dataclass six: ~2 ms each of the window's start, issue 14): its fields described by ``dataclass`` itself, run
    over a stand-in with no generated methods (nothing compiled at import)."""
    stand_in: Any = dataclass(init=False, repr=False, eq=False)(
        type(cls.__name__, (), {"__annotations__": dict(cls.__annotations__),
                                "__doc__": cls.__doc__,  # else it asks inspect.signature
                                **cls._field_defaults}))  # type: ignore[attr-defined]
    type.__setattr__(cls, "__dataclass_fields__", stand_in.__dataclass_fields__)
    type.__setattr__(cls, "__dataclass_params__", stand_in.__dataclass_params__)


dataclass_api(Span)


@dataclass(frozen=True)
class Relation:
    """A stored relation between two spans (by id), of a type of the scheme."""

    id: str
    from_span: str
    to_span: str
    type: str
    annotator: str
    created_at: str = ""


Frozen = TypeVar("Frozen")


def many_from_rows(cls: type[Frozen], rows: Iterable[tuple]) -> list[Frozen]:
    """``[cls(*row) for row in rows]`` for a frozen dataclass (or a NamedTuple: Span) whose
    fields are the row's columns in order, without a Python call per object: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``; this fills each
    instance's dict, and makes a NamedTuple straight from the row (equal, hashable objects all
    the same). Opening an article with 10k spans builds 10k Spans; a page of the article list,
    128 ArticleSummary."""
    if issubclass(cls, tuple):
        rows = rows if isinstance(rows, list) else list(rows)
        width = len(cls._fields)  # type: ignore[attr-defined]
        if rows and not len(rows[0]) == len(rows[-1]) == width:
            raise ValueError(f"{cls.__name__} has {width} fields, a row has {len(rows[0])}")
        return list(map(tuple.__new__, repeat(cls, len(rows)), rows))  # type: ignore[call-overload]
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    new, out = object.__new__, []
    for row in rows:
        item = new(cls)
        item.__dict__.update(zip(names, row))
        out.append(item)
    return out
