"""Records on their way in (import, merge): canonical text already decoded, offsets in code
points. ``annotator.core.model`` hands them out, made when first asked for (issue 14)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ArticleRecord:
    """An article on its way in: canonical text already decoded and normalized."""

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: str = ""
    language: str = ""
    original_file: str = ""
    external_id: str = ""
    uid: str = ""  # keep this id (native JSONL round trip); empty: a new one is made
    status: str = "todo"  # the importing annotator's, unless ``statuses`` is given
    meta: dict[str, Any] = field(default_factory=dict)
    spans: tuple[SpanRecord, ...] = ()
    relations: tuple[RelationRecord, ...] = ()
    where: str = ""  # "file:line" for messages
    statuses: dict[str, str] = field(default_factory=dict)  # annotator -> status
    #: annotator -> {attribute: value} (the scheme's article attributes)
    article_attributes: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: a figure span without attributes gets them parsed (issue 12); False for our own native
    #: JSONL, whose "no attributes" means none (a round trip changes nothing)
    parse_figures: bool = True


@dataclass(frozen=True)
class SpanRecord:
    """A span on its way in (import, merge): offsets are code points, end-exclusive."""

    start: int
    end: int
    label: str
    text: str
    annotator: str = ""
    origin: str = "imported"
    note: str = ""
    id: str = ""  # keep this id; empty: a new UUID is made
    created_at: str = ""
    updated_at: str = ""
    #: {attribute: value} as the scheme types them (unset ones absent); stored with source
    #: "imported"
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationRecord:
    """A relation on its way in (import, merge): span ids, type, who made it."""

    from_span: str
    to_span: str
    type: str
    annotator: str = ""
    id: str = ""
    created_at: str = ""
