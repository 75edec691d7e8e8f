"""Reading CoNLL-style token/tag files into ArticleRecords (no Qt).

The first column is the token, the last the tag (columns split on tabs when the line has one,
else on spaces). A blank line ends a sentence; a ``-DOCSTART-`` line starts a document. With
``article="auto"`` (default) the sentences after a ``-DOCSTART-`` line make one article, and
each sentence before any such line (a file without them) is an article of its own. The text is rebuilt from the tokens: no space between two tokens when
either side is Chinese/Japanese/Korean or full-width (character-level Chinese data comes back
exactly), one space otherwise; sentences are joined by a line break.

Tags are checked strictly for the scheme (``auto`` picks BMES when it sees ``M-``, BIOES for
``E-``/``S-``, else IOB2): an ``I-X`` after ``O`` or after another type, an entity left open in
BIOES/BMES, or a tag without a type makes the article a bad record at that line.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection, Iterator
from pathlib import Path

from annotator.core.model import ArticleRecord, SpanRecord
from annotator.core.text import HAN_RANGES, guess_language
from annotator.formats._common import choice
from annotator.formats._reading import Warn, ignore
from annotator.importing.records import first_line_title
from annotator.importing.source import BadRecord, open_canonical

_TIGHT = re.compile(rf"[{HAN_RANGES}\u3000-\u303f\u3040-\u30ff\uac00-\ud7a3\uff00-\uffef]")
_TAG = re.compile(r"([BIMES])-(.+)")
_CONTINUE = {"iob2": ("I",), "bioes": ("I", "E"), "bmes": ("M", "E")}


class _Bad(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def read_conll(path: str | os.PathLike[str], *, warn: Warn = ignore, scheme: str = "auto",
               article: str = "auto", labels: Collection[str] | None = None
               ) -> Iterator[ArticleRecord | BadRecord]:
    """Articles of a CoNLL file (see the module doc). ``labels``: the project's label names, to
    report an unknown one at its line."""
    path = Path(path)
    label = str(path)
    scheme = choice("scheme", scheme, ("auto", "iob2", "bioes", "bmes"))
    article = choice("article", article, ("auto", "doc", "sentence"))
    names = _label_names(path)
    for has_start, sentences in _documents(path, label):
        by_doc = article == "doc" or (article == "auto" and has_start)
        groups = [sentences] if by_doc else [[s] for s in sentences]
        for group in groups:
            if not group:
                continue
            where = f"{label}:{group[0][0][0]}"
            try:
                yield _article(group, scheme, labels, label, where, names)
            except _Bad as exc:
                yield BadRecord(f"{label}:{exc.line}", exc.reason)


def _documents(path: Path, label: str
               ) -> Iterator[tuple[bool, list[list[tuple[int, str, str]]]]]:
    """(started by -DOCSTART-, sentences); a sentence is a list of (line, token, tag)."""
    sentences: list[list[tuple[int, str, str]]] = []
    current: list[tuple[int, str, str]] = []
    started = False
    with open_canonical(path, label) as stream:
        for number, line in enumerate(stream, 1):
            line = line.rstrip("\n")
            cols = line.split("\t") if "\t" in line else line.split()
            cols = [c for c in cols if c != ""]
            if not cols:
                if current:
                    sentences.append(current)
                    current = []
                continue
            if cols[0] == "-DOCSTART-":
                if current:
                    sentences.append(current)
                    current = []
                if sentences or started:
                    yield started, sentences
                sentences, started = [], True
                continue
            if len(cols) < 2:
                cols = [cols[0], ""]  # reported as a bad tag below
            current.append((number, cols[0], cols[-1]))
    if current:
        sentences.append(current)
    if sentences or started:
        yield started, sentences


def _pick_scheme(tags: list[str]) -> str:
    prefixes = {t[:2] for t in tags}
    if "M-" in prefixes:
        return "bmes"
    if "E-" in prefixes or "S-" in prefixes:
        return "bioes"
    return "iob2"


def _label_names(path: Path) -> dict[str, str]:
    """``label_names`` of our export's manifest next to the file, if there is one."""
    manifest = path.with_name(f"{path.name}.manifest.json")
    try:
        names = json.loads(manifest.read_text(encoding="utf-8")).get("label_names") or {}
    except (OSError, ValueError, AttributeError):
        return {}
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def _article(group: list[list[tuple[int, str, str]]], scheme: str,
             labels: Collection[str] | None, label: str, where: str,
             names: dict[str, str]) -> ArticleRecord:
    rows = [row for sentence in group for row in sentence]
    used = _pick_scheme([r[2] for r in rows]) if scheme == "auto" else scheme
    pieces: list[str] = []
    spans: list[SpanRecord] = []
    pos = 0
    for k, sentence in enumerate(group):
        if k:
            pieces.append("\n")
            pos += 1
        open_: _Open | None = None
        prev = ""
        for line, token, tag in sentence:
            if pieces and prev and _spaced(prev, token):
                pieces.append(" ")
                pos += 1
            start, end = pos, pos + len(token)
            pieces.append(token)
            pos = end
            prev = token
            open_ = _step(open_, tag, used, line, start, end, spans, labels, names)
        if open_ is not None:
            if used != "iob2":
                raise _Bad(open_.line, f"the {open_.type} entity starting here is not closed "
                                       f"with E- before the sentence ends ({used.upper()})")
            spans.append(_span(open_.start, open_.end, open_.type))
    text = "".join(pieces)
    spans = [SpanRecord(start=s.start, end=s.end, label=s.label, text=text[s.start:s.end])
             for s in spans]
    return ArticleRecord(text=text, title=first_line_title(text), language=guess_language(text),
                         original_file=label, spans=tuple(spans), where=where)


def _step(open_: _Open | None, tag: str, scheme: str, line: int, start: int, end: int,
          spans: list[SpanRecord], labels: Collection[str] | None,
          names: dict[str, str]) -> _Open | None:
    """Advance the tag automaton by one token; return the entity still open."""
    if tag in ("O", "o"):
        _close(open_, scheme, spans)
        return None
    match = _TAG.fullmatch(tag)
    if match is None:
        raise _Bad(line, f"tag {tag!r} is not O or B-/I-/E-/S-/M- with a type")
    prefix, type_ = match.groups()
    type_ = names.get(type_, type_)
    if labels is not None and type_ not in labels:
        raise _Bad(line, f"unknown label '{type_}' (add it to the project's scheme, or import "
                         "with --create-labels)")
    if prefix not in {"iob2": "BI", "bioes": "BIES", "bmes": "BMES"}[scheme]:
        raise _Bad(line, f"{prefix}- tags are not part of {scheme.upper()}")
    if prefix in _CONTINUE[scheme]:
        if open_ is None:
            raise _Bad(line, f"{tag} after O: an entity must start with B-")
        if open_.type != type_:
            raise _Bad(line, f"{tag} continues a {open_.type} entity")
        open_.end = end
        if prefix == "E":
            spans.append(_span(open_.start, end, type_))
            return None
        return open_
    _close(open_, scheme, spans)  # B- or S- while an entity is open
    if prefix == "S":
        spans.append(_span(start, end, type_))
        return None
    return _Open(start, end, type_, line)


class _Open:
    """The entity being read: where it starts and ends so far, its type, its first line."""

    __slots__ = ("start", "end", "type", "line")

    def __init__(self, start: int, end: int, type_: str, line: int) -> None:
        self.start, self.end, self.type, self.line = start, end, type_, line


def _close(open_: _Open | None, scheme: str, spans: list[SpanRecord]) -> None:
    if open_ is None:
        return
    if scheme != "iob2":
        raise _Bad(open_.line, f"the {open_.type} entity starting here is not closed with E- "
                               f"({scheme.upper()})")
    spans.append(_span(open_.start, open_.end, open_.type))


def _span(start: int, end: int, label: str) -> SpanRecord:
    return SpanRecord(start=start, end=end, label=label, text="")


def _spaced(left: str, right: str) -> bool:
    return not (_TIGHT.match(left[-1]) or _TIGHT.match(right[0]))
