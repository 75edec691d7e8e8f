"""spaCy ``DocBin`` (``.spacy``) for training a spaCy pipeline (no Qt; needs the optional
extra ``annotator[spacy]``, imported only when this format runs).

Each article becomes one ``Doc`` built from our own tokens (``core.segment``: jieba words or, with
``token=char``, characters for Chinese; words for Latin text), so no spaCy language model or
Chinese segmenter is needed and ``doc.text`` equals the article text exactly (whitespace
between tokens is carried as ``whitespace_`` or as whitespace tokens, as spaCy's tokenizer does).
With ``split_tokens`` (default) a token that a span edge cuts is split there.

Spans are placed with ``Doc.char_span(start, end, alignment_mode="strict")`` on code-point
offsets; a span that does not align (an edge inside a token, or on whitespace spaCy keeps as a
token's trailing space) is counted in the manifest as ``misaligned`` and listed in the warnings
file. Every aligned span is in ``doc.spans["sc"]`` (with ``span.id_`` = our span id);
``doc.ents`` holds the non-overlapping ones (longest wins; the others are listed in the warnings
file as "sc only"). ``doc.user_data["annotator"]`` keeps the article uid and title, each
span's annotator, origin, note and attributes by span id (``spans[ID]["attributes"]``: name ->
value), the relations between aligned spans (``relations``: ``{"id", "from", "to", "type",
"annotator"}``, ends by span id) and the article attributes (``article_attributes``:
annotator -> name -> value); spaCy's msgpack gives a multi value back as a tuple. A relation with a misaligned end is listed in the warnings file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.formats import register
from annotator.formats._common import (
    ExportLog,
    ExportProgress,
    Filters,
    FormatError,
    article_values,
    atomic_path,
    choice,
    iter_export,
    project_relations,
    span_values,
)
from annotator.formats.conll import TOKENS, resolve_overlaps, split_tokens

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["doc_words", "export_spacy"]


def doc_words(text: str, tokens: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags whose concatenation is exactly ``text``: one space after
    a token is its ``whitespace_``, any other whitespace is a token of its own."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for a, b in [*tokens, (len(text), len(text))]:
        gap = text[pos:a]
        if gap:
            if words and gap[0] == " " and not spaces[-1]:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        if b > a:
            words.append(text[a:b])
            spaces.append(False)
        pos = b
    return words, spaces


def export_spacy(project: Project, out: str | os.PathLike[str], *,
                 annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
                 statuses: Iterable[str] | None = None, gold_only: bool = False,
                 skip_empty: bool = False, include_suggested: bool = True,
                 progress: ExportProgress | None = None,
                 token: str = "word", split: bool = True, spans_key: str = "sc"
                 ) -> dict[str, int]:
    """Write a DocBin to ``out``; return counts (``misaligned``: spans left out)."""
    try:
        from spacy.tokens import Doc, DocBin, SpanGroup
        from spacy.vocab import Vocab
    except ImportError as exc:
        raise FormatError("the spacy format needs spaCy: pip install 'annotator[spacy]' "
                          f"({exc})") from exc
    from annotator.core.segment import tokens as segment

    token = choice("token", token, TOKENS)
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty,
                           include_suggested)
    out = Path(out)
    log = ExportLog(out, "spacy")
    counts = {"articles": 0, "spans": 0, "ents": 0, "spans_in_group": 0, "misaligned": 0,
              "tokens_split": 0, "relations": 0}
    relations = project_relations(project, filters)
    values = span_values(project, filters)
    art_values = article_values(project, filters)
    vocab = Vocab()
    docbin = DocBin(store_user_data=True)
    try:
        for article, spans in iter_export(project, filters, progress=progress):
            text = article.text
            lang = "en" if token == "char" else (article.language or None)
            toks = segment(text, lang)
            if split:
                toks, n_split = split_tokens(toks, {x for s in spans for x in (s.start, s.end)})
                counts["tokens_split"] += n_split
            words, spaces = doc_words(text, toks)
            doc = Doc(vocab, words=words, spaces=spaces)
            if doc.text != text:  # a bug, never the user's data
                raise AssertionError(f"article {article.id}: the Doc text differs")
            aligned = []
            placed: dict[str, Any] = {}
            for span in spans:
                sp = doc.char_span(span.start, span.end, label=span.label,
                                   alignment_mode="strict")
                if sp is None:
                    counts["misaligned"] += 1
                    log.span(article, span, "misaligned: an edge is not a token boundary "
                             "(strict alignment): not in doc.ents nor doc.spans")
                    continue
                sp.id_ = span.id
                aligned.append(span)
                placed[span.id] = sp
            kept, dropped = resolve_overlaps(aligned)
            for span, winner in dropped:
                log.span(article, span, f"overlaps a longer span: in doc.spans['{spans_key}'] "
                         "only, not doc.ents", kept_span=winner.id, kept_label=winner.label)
            doc.ents = [placed[s.id] for s in kept]
            doc.spans[spans_key] = SpanGroup(doc, name=spans_key,
                                             spans=[placed[s.id] for s in aligned])
            attrs = values.get(article.id)
            rels = []
            for rel_id, a, b, type_, who in relations.get(article.id, ()):
                if a in placed and b in placed:
                    rels.append({"id": rel_id, "from": a, "to": b, "type": type_,
                                 "annotator": who})
                else:
                    log.other(article, "relation left out: an end is misaligned (not in the "
                              "Doc)", relation_id=rel_id, type=type_)
            counts["relations"] += len(rels)
            doc.user_data["annotator"] = {
                "article_uid": article.uid, "title": article.title,
                "spans": {s.id: {"annotator": s.annotator, "origin": s.origin, "note": s.note,
                                 "attributes": attrs.get(s.id, {})}
                          for s in aligned},
                "relations": rels, "article_attributes": art_values.get(article.id)}
            docbin.add(doc)
            counts["articles"] += 1
            counts["spans"] += len(spans)
            counts["ents"] += len(kept)
            counts["spans_in_group"] += len(aligned)
        with atomic_path(out) as tmp:
            docbin.to_disk(tmp)
    except BaseException:
        log.abort()
        raise
    log.finish(project, unit="code points (Doc.char_span, strict)", filters=filters,
               files=[out], counts=counts,
               options={"token": token, "split": split, "spans_key": spans_key},
               not_carried=["overlapping spans in doc.ents (all are in "
                            f"doc.spans['{spans_key}'])", "attributes and relations of "
                            "misaligned spans"])
    return counts


register("spacy", writer=export_spacy,
         description="spaCy DocBin (.spacy): doc.ents and doc.spans['sc'] (needs the "
                     "optional extra annotator[spacy])")
