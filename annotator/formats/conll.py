"""CoNLL-style token/tag files (no Qt): ``TOKEN TAG`` per line, one sentence per block.

Tags: IOB2 (default: ``B-X``, ``I-X``, ``O``), BIOES (``B I E S``) or BMES (``B M E S``, the
usual name for Chinese character-level data). Tokens: for Chinese, jieba words (``token=word``,
default) or characters (``token=char``); Latin text is always cut in words (``core.segment``).
A token that a span edge cuts is split there, so every exported entity is exactly its span
(the count is in the manifest). Sentences end after 。！？!?… (and closing quotes), after a full
stop before whitespace, at line breaks, and never inside an entity. Each article starts with a ``-DOCSTART- O`` line
(``docstart=False`` leaves it out), which the importer uses to keep articles apart.

Speed: a stretch of single-character tokens between entities and sentence ends (Chinese with
``token=char``) is written with one ``str.replace``, not a line built per token (``_run``).

Whitespace in a label name becomes ``_`` in its tags; the manifest's ``label_names`` maps them
back, and an import of the file next to its manifest uses it. One tag per token cannot hold overlapping spans: the longest wins (then the earliest, then the
label), and every span left out is listed in the warnings file, as is any span whose edges are
whitespace (the entity covers the words inside). Not carried: the exact whitespace of the text
(the import rebuilds it from the tokens), annotators, notes, origins, ids and relations.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.formats import register
from annotator.formats._common import (
    ExportLog,
    ExportProgress,
    ExportSpan,
    Filters,
    SafeNames,
    Writeback,
    atomic_path,
    choice,
    iter_export,
    warn_not_carried,
)
from annotator.formats._conll_read import read_conll

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["export_conll", "read_conll", "resolve_overlaps", "sentences", "tags_for"]

SCHEMES = ("iob2", "bioes", "bmes")
TOKENS = ("word", "char")
SEPARATORS = {"space": " ", "tab": "\t"}
_SPACE = re.compile(r"\s")
#: Where a sentence may end: a run of 。！？!?… and its closing quotes, a full stop before
#: whitespace, a line break. Written to begin with one character class (the lookbehinds say
#: which it was), so the regex engine skips to candidates at C speed instead of trying the
#: three alternatives at every character (about 3x faster on Chinese text).
_CUT = re.compile(r"[。！？!?….\n](?:(?<=[。！？!?…])[。！？!?…]*[”’\"』」）)]*|(?<=\.)(?=\s)|(?<=\n))")


def resolve_overlaps(spans: list[Any]) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """Non-overlapping spans, longest first (then earliest, then label); and each span left
    out with the kept one it overlaps. Input and output spans are in text order."""
    kept: list[Any] = []
    dropped: list[tuple[Any, Any]] = []
    if not spans:
        return kept, dropped
    size = max(s.end for s in spans)
    taken = bytearray(size)  # 1 where a kept span covers the character (tested at C speed)
    owner: list[Any] = [None] * size
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start, s.label, s.id)):
        first = taken.find(1, span.start, span.end)
        if first >= 0:
            dropped.append((span, owner[first]))
            continue
        kept.append(span)
        width = span.end - span.start
        taken[span.start:span.end] = b"\x01" * width
        owner[span.start:span.end] = [span] * width
    kept.sort(key=lambda s: (s.start, s.end))
    return kept, dropped


def split_tokens(tokens: list[tuple[int, int]], edges: Iterable[int],
                 starts: list[int] | None = None) -> tuple[list[tuple[int, int]], int]:
    """Split tokens at each edge inside them; return the tokens and how many were split.
    ``starts`` (the tokens' starts) may be given when the caller has them; without them the
    tokens themselves are bisected (no list of every start is made)."""
    inside: dict[int, list[int]] = {}
    for cut in sorted(set(edges)):
        # the last token starting at or before the cut: (cut + 1,) sorts before every token
        # starting at cut + 1 and after every one starting at cut
        i = (bisect_right(starts, cut) if starts is not None
             else bisect_left(tokens, (cut + 1,))) - 1
        if i >= 0 and tokens[i][0] < cut < tokens[i][1]:
            inside.setdefault(i, []).append(cut)
    if not inside:
        return tokens, 0
    out: list[tuple[int, int]] = []
    done = 0
    for i, cuts in sorted(inside.items()):
        out.extend(tokens[done:i])
        pos = tokens[i][0]
        for cut in cuts:
            out.append((pos, cut))
            pos = cut
        out.append((pos, tokens[i][1]))
        done = i + 1
    out.extend(tokens[done:])
    return out, len(inside)


_PREFIXES = {"iob2": ("I", "B", "I", "B"), "bioes": ("I", "B", "E", "S"),
             "bmes": ("M", "B", "E", "S")}


def _entities(tokens: list[tuple[int, int]], spans: list[Any], scheme: str, names: Any,
              starts: list[int] | None = None
              ) -> tuple[list[tuple[int, int, tuple[str, ...]]], list[Any]]:
    """Each span's tokens ``(first, stop, tags)`` (tags: inside, begin, end, single) and the
    spans that cover no token. ``starts``: the tokens' starts, if the caller has them (else
    the tokens themselves are bisected)."""
    prefixes = _PREFIXES[scheme]
    made: dict[str, tuple[str, ...]] = {}  # label -> its (inside, begin, end, single) tags
    out = []
    empty = []
    for span in spans:
        start, end = span.start, span.end
        if starts is None:
            first = bisect_left(tokens, (start + 1,)) - 1  # the last token starting <= start
            k = bisect_left(tokens, (end,), first + 1)  # the first token starting at the end
        else:
            first = bisect_right(starts, start) - 1
            k = bisect_left(starts, end, first + 1)
        if first < 0 or tokens[first][1] <= start:
            first += 1  # it ends before the start: the next token is the first inside
        if k <= first:
            empty.append(span)
            continue
        four = made.get(span.label)
        if four is None:
            name = names(span.label)
            four = made[span.label] = tuple(f"{p}-{name}" for p in prefixes)
        out.append((first, k, four))
    return out, empty


def tags_for(tokens: list[tuple[int, int]], spans: list[Any], scheme: str,
             names: Any = str, starts: list[int] | None = None) -> tuple[list[str], list[Any]]:
    """One tag per token for non-overlapping ``spans`` (text order); also the spans that
    cover no token (only whitespace). ``names`` maps a label to its tag type (``starts`` is
    accepted for callers that have it and not needed)."""
    entities, empty = _entities(tokens, spans, scheme, names)
    return _tags(len(tokens), entities), empty


def _tags(count: int, entities: list[tuple[int, int, tuple[str, ...]]]) -> list[str]:
    tags = ["O"] * count
    for first, k, four in entities:
        if k - first == 1:
            tags[first] = four[3]
            continue
        tags[first] = four[1]
        tags[first + 1:k - 1] = [four[0]] * (k - first - 2)
        tags[k - 1] = four[2]
    return tags


def sentences(text: str, tokens: list[tuple[int, int]], tags: list[str],
              starts: list[int] | None = None) -> list[range]:
    """Token index ranges, one per sentence: a sentence ends after final punctuation (。！？!?…
    and closing quotes, or a full stop before whitespace) or at a line break, but never inside
    an entity."""
    inside = bytearray(tag[:2] in ("I-", "M-", "E-") for tag in tags)
    out = []
    first = 0
    for stop in _sentence_ends(text, [a for a, _ in tokens], inside):
        out.append(range(first, stop))
        first = stop
    if first < len(tokens):
        out.append(range(first, len(tokens)))
    return out


def _inside(count: int, entities: list[tuple[int, int, tuple[str, ...]]]) -> bytearray:
    """1 for each token that continues an entity (a sentence never ends before it)."""
    inside = bytearray(count)
    for first, k, _ in entities:
        inside[first + 1:k] = b"\x01" * (k - first - 1)
    return inside


def _sentence_ends(text: str, starts: list[int], inside: bytearray) -> list[int]:
    """The index of the first token of each sentence but the first (see :func:`sentences`);
    ``starts``: the tokens' starts."""
    out = []
    first = 0
    count = len(starts)
    for match in _CUT.finditer(text):
        i = bisect_left(starts, match.end())  # the first token of the next sentence
        if first < i < count and not inside[i]:
            out.append(i)
            first = i
    return out


def export_conll(project: Project, out: str | os.PathLike[str], *,
                 annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
                 statuses: Iterable[str] | None = None, gold_only: bool = False,
                 skip_empty: bool = False, include_suggested: bool = True,
                 progress: ExportProgress | None = None,
                 scheme: str = "iob2", token: str = "word", docstart: bool = True,
                 separator: str = "space") -> dict[str, int]:
    """Write the CoNLL file; return counts."""
    from annotator.core.segment import tokens as segment

    scheme = choice("scheme", scheme, SCHEMES)
    token = choice("token", token, TOKENS)
    sep = SEPARATORS[choice("separator", separator, tuple(SEPARATORS))]
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty,
                           include_suggested)
    out = Path(out)
    log = ExportLog(out, "conll")
    names = SafeNames(_SPACE)
    counts = {"articles": 0, "spans": 0, "entities": 0, "sentences": 0, "tokens": 0,
              "tokens_split": 0}
    try:
        with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            writeback = Writeback(fh.fileno())
            for article, spans in iter_export(project, filters, progress=progress):
                text = article.text
                lang = "en" if token == "char" else (article.language or None)
                kept, dropped = resolve_overlaps(spans)
                for span, winner in dropped:
                    log.span(article, span, "overlaps a longer span: longest wins",
                             kept_span=winner.id, kept_label=winner.label,
                             kept_start=winner.start, kept_end=winner.end)
                toks = segment(text, lang)
                starts = list(map(itemgetter(0), toks))
                toks, split = split_tokens(toks, {x for s in kept for x in (s.start, s.end)},
                                           starts)
                if split:
                    starts = list(map(itemgetter(0), toks))
                entities, empty = _entities(toks, kept, scheme, names, starts)
                _warn_edges(log, article, kept, empty)
                ends = _sentence_ends(text, starts, _inside(len(toks), entities))
                if docstart:
                    fh.write(f"-DOCSTART-{sep}O\n\n")
                fh.write(_lines(text, toks, entities, ends, sep))
                counts["articles"] += 1
                counts["spans"] += len(spans)
                counts["entities"] += len(kept) - len(empty)
                counts["sentences"] += len(ends) + bool(toks)
                counts["tokens"] += len(toks)
                counts["tokens_split"] += split
                writeback()
    except BaseException:
        log.abort()
        raise
    log.finish(project, unit="tokens (one per line)", filters=filters, files=[out],
               counts=counts, end="tag scheme",
               options={"scheme": scheme, "token": token, "docstart": docstart,
                        "separator": separator},
               not_carried=warn_not_carried(
                   log, project, filters, "CoNLL",
                   ["whitespace of the text", "annotator", "note", "origin",
                    "span and article ids", "relations", "overlapping spans"]),
               notes=["label names with whitespace are written with _ (see label_names; "
                      "an import next to this manifest maps them back)"] if names.mapped
               else [],
               extra={"label_names": names.mapped})
    return counts


def _lines(text: str, toks: list[tuple[int, int]],
           entities: list[tuple[int, int, tuple[str, ...]]], ends: list[int], sep: str) -> str:
    """``TOKEN<sep>TAG`` lines, a blank line after each sentence (before each token of
    ``ends`` and at the end), as one string: the stretches between entities and sentence ends
    go through :func:`_run`."""
    out: list[str] = []
    add = out.append
    starting = {first: (k, four) for first, k, four in entities}
    blank = set(ends)
    cuts = sorted({0, len(toks), *ends, *starting, *(k for _, k, _ in entities)})
    for p, q in zip(cuts, cuts[1:]):
        entity = starting.get(p)
        if entity is None:
            _run(out, text, toks, p, q, f"{sep}O\n")
        else:  # q is its stop: nothing cuts an entity
            _, four = entity
            a, b = toks[p]
            if q - p == 1:
                add(f"{text[a:b]}{sep}{four[3]}\n")
            else:
                add(f"{text[a:b]}{sep}{four[1]}\n")
                _run(out, text, toks, p + 1, q - 1, f"{sep}{four[0]}\n")
                a, b = toks[q - 1]
                add(f"{text[a:b]}{sep}{four[2]}\n")
        if q in blank:
            add("\n")
    if toks:
        add("\n")
    return "".join(out)


def _run(out: list[str], text: str, toks: list[tuple[int, int]], p: int, q: int,
         tail: str) -> None:
    """The lines of tokens ``p`` to ``q - 1``, each ending with ``tail``. Where those tokens
    are single characters one after another (Chinese cut in characters: their number equals
    the length of the stretch they cover, as tokens never overlap), the stretch is written
    with ``tail`` at C speed instead of a line made per token; otherwise it is halved until
    it is, or short."""
    if p >= q:
        return
    a, b = toks[p][0], toks[q - 1][1]
    if b - a == q - p:
        # "abc".replace("", t) is "tatbtct": every character followed by the tail, built in
        # C without a string per character (~25x faster than tail.join)
        out.append(text[a:b].replace("", tail)[len(tail):])
    elif q - p <= 8:
        out.extend([f"{text[x:y]}{tail}" for x, y in toks[p:q]])
    else:
        mid = (p + q) // 2
        _run(out, text, toks, p, mid, tail)
        _run(out, text, toks, mid, q, tail)


def _warn_edges(log: ExportLog, article: Any, kept: list[ExportSpan],
                empty: list[ExportSpan]) -> None:
    skip = {s.id for s in empty}
    for span in empty:
        log.span(article, span, "covers only whitespace: no token to tag")
    for span in kept:
        if span.id not in skip and (span.text[0].isspace() or span.text[-1].isspace()):
            log.span(article, span, "starts or ends with whitespace: the entity covers "
                     f"{span.text.strip()!r}")


register("conll", writer=export_conll, reader=read_conll,
         description="CoNLL token/tag lines (IOB2, BIOES or BMES; jieba words or characters "
                     "for Chinese), one sentence per block")
