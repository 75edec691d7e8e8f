"""Disagreements between two layers of one article, and the decisions that settle them.

Headless half of the review view (issue 5, item 3; issue 9, item 2). The two layers are annotator
names or ``GOLD`` (see ``layers.py``). Decisions write the gold layer through the store's API:
each creates spans of origin "adjudicated" and annotator ``@gold`` (gold is a layer, not a
person), provenance ``{"from": [ids of the spans it came from], "decision": "left" | "right" |
"both" | "edit" | "agreeing", "adjudicator": who}``, all of one decision in one transaction,
and returns the gold spans it created so that undo can ``Project.delete_span`` each of them
(and redo can ``restore_gold`` them with the provenance read by ``layers.provenance`` when they
were created). A decision never creates a
gold span equal (start, end, label) to one the article already has: its source ids join that
span's provenance instead (``Project.set_provenance``). Accepting one side records the other
side's spans as rejected; a new gold span gets the attribute values its sources of the same
(start, end, label) agree on (accepting one side carries that side's values; values the sides
disagree on stay rows of ``adjudicate_structure``). ``reject`` creates nothing. A rejection is a change-log entry
(action ``review.reject``, entity ``review``, entity id the article id, data ``{"spans": [ids]}``;
``review.unreject`` is its undo): the latest of the two for a span id says whether it is
rejected, which is how ``disagreements`` knows a rejected span is settled in a later session.

Every span is a decision. Spans equal (start, end, label) on both sides agree and are left out
(``accept_all_agreeing``). Every other span is in exactly one disagreement, which holds at most
one (start, end, label) of each side (a side's identical duplicates go together); the two sides
are paired, each at most once, widest overlap first, by these rules in turn:

* ``label``: same offsets, different labels;
* ``boundary``: same label, overlapping, different offsets;
* ``label_boundary``: overlapping, different offsets and labels;
* ``left_only`` / ``right_only``: a span left unpaired, whatever it overlaps or nests in (a
  figure inside a claim is its own row, never folded into the claim's).

A disagreement is resolved when each of its spans is gold, in a gold span's provenance, or
rejected; a decision settles the spans of its row and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.labels import SchemeError
from annotator.core.model import Span
from annotator.core.names import GOLD_ORIGIN
from annotator.review.layers import GOLD, layer_spans, provenance

if TYPE_CHECKING:
    from annotator.store.project import Project

KINDS = ("left_only", "right_only", "label", "boundary", "label_boundary")


@dataclass(frozen=True)
class Disagreement:
    article_id: int
    kind: str  # one of KINDS
    start: int  # the extent of every span involved
    end: int
    left: tuple[Span, ...]
    right: tuple[Span, ...]
    resolved: bool = False  # a gold span came from one of these spans, or they were rejected

    @property
    def span_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in (*self.left, *self.right))

    @property
    def row_key(self) -> tuple[str, ...]:
        """What identifies the row in the review list: its span ids."""
        return self.span_ids


def _key(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


key_of = _key


def agreeing(project: Project, article_id: int, left: str, right: str
             ) -> list[tuple[tuple[Span, ...], tuple[Span, ...]]]:
    """Groups of spans equal (start, end, label) on both sides, in text order."""
    lefts, rights = _grouped(layer_spans(project, article_id, left)), _grouped(
        layer_spans(project, article_id, right))
    return [(lefts[k], rights[k]) for k in sorted(lefts.keys() & rights.keys())]


def _grouped(spans: Iterable[Span]) -> dict[tuple[int, int, str], tuple[Span, ...]]:
    out: dict[tuple[int, int, str], tuple[Span, ...]] = {}
    for span in spans:
        out[_key(span)] = (*out.get(_key(span), ()), span)
    return out


def disagreements(project: Project, article_id: int, left: str, right: str
                  ) -> list[Disagreement]:
    """Every disagreement between two layers of one article, in text order: each span not
    matched exactly on the other side is in exactly one of them (see the module's doc)."""
    lefts = _grouped(layer_spans(project, article_id, left))
    rights = _grouped(layer_spans(project, article_id, right))
    common = lefts.keys() & rights.keys()
    free_left = sorted(k for k in lefts if k not in common)
    free_right = sorted(k for k in rights if k not in common)
    pairs = _pairs(free_left, free_right)
    paired_left = {a for a, _ in pairs}
    paired_right = {b for _, b in pairs}
    rows = [(lefts[a], rights[b]) for a, b in pairs]
    rows += [(lefts[a], ()) for a in free_left if a not in paired_left]
    rows += [((), rights[b]) for b in free_right if b not in paired_right]
    ids = [s.id for pair in rows for side in pair for s in side]
    settled = _settled(project, article_id, ids)
    out = [_disagreement(article_id, lf, rt, settled) for lf, rt in rows]
    return sorted(out, key=lambda d: (d.start, -d.end, d.kind, d.span_ids))


Key = tuple[int, int, str]


def _pairs(lefts: Sequence[Key], rights: Sequence[Key]) -> list[tuple[Key, Key]]:
    """One left and one right (start, end, label) per pair, each at most once: first the same
    offsets (a label disagreement), then the same label overlapping (a boundary one), then
    overlapping with another label and other offsets; the widest overlap first. A span left
    unpaired is its own row, whatever it overlaps or nests in."""
    out: list[tuple[Key, Key]] = []
    used_left: set[Key] = set()
    used_right: set[Key] = set()
    rules = (lambda a, b: a[:2] == b[:2],
             lambda a, b: a[2] == b[2],
             lambda a, b: True)
    for rule in rules:
        candidates = sorted(
            (-(min(a[1], b[1]) - max(a[0], b[0])), a, b) for a in lefts for b in rights
             if a not in used_left and b not in used_right
             and a[0] < b[1] and b[0] < a[1] and rule(a, b))
        for _, a, b in candidates:
            if a not in used_left and b not in used_right:
                used_left.add(a)
                used_right.add(b)
                out.append((a, b))
    return out


def _disagreement(article_id: int, left: tuple[Span, ...], right: tuple[Span, ...],
                  settled: set[str]) -> Disagreement:
    both = (*left, *right)
    if not right:
        kind = "left_only"
    elif not left:
        kind = "right_only"
    elif (left[0].start, left[0].end) == (right[0].start, right[0].end):
        kind = "label"
    elif left[0].label == right[0].label:
        kind = "boundary"
    else:
        kind = "label_boundary"
    return Disagreement(article_id, kind, min(s.start for s in both), max(s.end for s in both),
                        left, right, resolved=all(s.id in settled for s in both))


def _settled(project: Project, article_id: int, span_ids: Sequence[str]) -> set[str]:
    """Ids that are gold, that a gold span came from, or whose latest review decision is a
    rejection."""
    settled: set[str] = set()
    gold = [s.id for s in layer_spans(project, article_id, GOLD)]
    settled.update(gold)
    for prov in provenance(project, gold).values():
        sources = prov.get("from", [])
        if isinstance(sources, list):
            settled.update(str(x) for x in sources)
    latest: dict[str, str] = {}
    for change in reversed(project.changes("review", str(article_id), limit=100_000)):
        for span_id in change["data"].get("spans", []):
            latest[span_id] = change["action"]
    settled.update(i for i, action in latest.items() if action == "review.reject")
    return settled & set(span_ids)


# ------------------------------------------------------------------------------- decisions
Item = tuple[int, int, str, list[str]]


def _create(project: Project, article_id: int, who: str, decision: str,
            items: Sequence[Item], rejected: Sequence[str] = ()) -> list[Span]:
    """Gold spans (start, end, label, source ids) in one transaction, with ``rejected`` ids
    recorded as rejected. An item equal to a gold span already there (or made earlier in this
    call) creates nothing: its source ids join that gold span's provenance instead."""
    created: list[Span] = []
    with project.transaction():
        have = {_key(s): s.id for s in layer_spans(project, article_id, GOLD)}
        for start, end, label, sources in items:
            if (start, end, label) in have:
                _add_sources(project, have[start, end, label], sources, who)
                continue
            span = project.add_span(
                article_id, start, end, label, GOLD, origin=GOLD_ORIGIN, who=who,
                provenance={"from": sources, "decision": decision, "adjudicator": who})
            have[start, end, label] = span.id
            created.append(span)
            _carry(project, span, sources, who)
        if rejected:
            project.log(who, "review.reject", "review", str(article_id),
                        {"spans": list(rejected)})
    return created


def create_gold(project: Project, article_id: int, who: str, decision: str,
                items: Sequence[Item]) -> list[Span]:
    """Gold spans for ``items`` (start, end, label, source ids), as a decision makes them."""
    return _create(project, article_id, who, decision, items)


def _carry(project: Project, gold: Span, sources: Sequence[str], who: str) -> None:
    """Give a new gold span the attribute values its sources of the same (start, end, label)
    agree on (each set on every one of them, equal as agreement compares them): accepting a
    side carries its values; a value the sides disagree on stays an attribute row."""
    from annotator.review.structure import comparable  # agreement's module: not at start-up

    same = [i for i in sources if _key(project.span(i)) == _key(gold)]
    stored = [{v.name: v for v in project.attribute_values(i)} for i in same]
    if not stored:
        return
    scheme = project.scheme()
    for name, first in stored[0].items():
        attr = scheme.attribute(gold.label, name)
        type_ = attr.type if attr is not None else "choice"
        if attr is not None and all(
                name in other and comparable(other[name].value, type_)
                == comparable(first.value, type_) for other in stored[1:]):
            try:
                project.set_attribute(gold.id, name, first.value, who, source=first.source)
            except SchemeError:
                continue  # a value the scheme no longer allows stays a row to decide


def _add_sources(project: Project, gold_id: str, sources: Sequence[str], who: str) -> None:
    prov = provenance(project, [gold_id]).get(gold_id, {})
    sources_now = prov.get("from")
    known: list[str] = sources_now if isinstance(sources_now, list) else []
    new = [i for i in sources if i not in known]
    if new:
        project.set_provenance(gold_id, {**prov, "from": [*known, *new]}, who)


def _copies(spans: Iterable[Span]) -> list[Item]:
    """One gold item per distinct (start, end, label), not from spans already gold."""
    items: dict[tuple[int, int, str], list[str]] = {}
    for span in spans:
        if span.origin != GOLD_ORIGIN:
            items.setdefault(_key(span), []).append(span.id)
    return [(*key, ids) for key, ids in items.items()]


def losers(d: Disagreement, decision: str) -> list[str]:
    """The ids a decision records as rejected: the other side's when one side is accepted
    (gold spans are never rejected: they are gold already)."""
    side = {"left": d.right, "right": d.left}.get(decision, ())
    return [s.id for s in side if s.origin != GOLD_ORIGIN]


def accept_left(project: Project, d: Disagreement, who: str) -> list[Span]:
    """Gold copies of the left side's spans (nothing when the left side is the gold layer);
    the right side's spans are recorded as rejected."""
    return _create(project, d.article_id, who, "left", _copies(d.left), losers(d, "left"))


def accept_right(project: Project, d: Disagreement, who: str) -> list[Span]:
    return _create(project, d.article_id, who, "right", _copies(d.right), losers(d, "right"))


def accept_both(project: Project, d: Disagreement, who: str) -> list[Span]:
    return _create(project, d.article_id, who, "both", _copies((*d.left, *d.right)))


def edit(project: Project, d: Disagreement, who: str, start: int, end: int, label: str
         ) -> list[Span]:
    """One gold span with the adjudicator's own offsets and label, from all of ``d``'s spans.
    Offsets are code points into the article's text; ``add_span`` checks them."""
    return _create(project, d.article_id, who, "edit", [(start, end, label, list(d.span_ids))])


def reject(project: Project, d: Disagreement, who: str) -> list[Span]:
    """Neither side is right: no gold span; the decision goes to the change log."""
    _record(project, d.article_id, d.span_ids, who, "review.reject")
    return []


def unreject(project: Project, d: Disagreement, who: str) -> None:
    """Undo of ``reject``: the disagreement is open again (the log keeps both entries)."""
    _record(project, d.article_id, d.span_ids, who, "review.unreject")


def _record(project: Project, article_id: int, span_ids: Sequence[str], who: str,
            action: str) -> None:
    with project.transaction():
        project.log(who, action, "review", str(article_id), {"spans": list(span_ids)})


def accept_all_agreeing(project: Project, article_id: int, left: str, right: str, who: str
                        ) -> list[Span]:
    """Gold spans for every (start, end, label) both sides have, from the ids of both."""
    items = [(*_key(lefts[0]), [s.id for s in (*lefts, *rights) if s.origin != GOLD_ORIGIN])
             for lefts, rights in agreeing(project, article_id, left, right)]
    return _create(project, article_id, who, "agreeing", items)


def restore_gold(project: Project, spans: Sequence[Span], provenances: dict[str, dict], who: str
                 ) -> list[Span]:
    """Redo after undo: put deleted gold spans back with their ids, times and provenance
    (``provenances``: span id -> provenance, as ``layers.provenance`` returned it)."""
    restored = []
    with project.transaction():
        for span in spans:
            restored.append(project.add_span(
                span.article_id, span.start, span.end, span.label, GOLD,
                text=span.text, note=span.note, origin=GOLD_ORIGIN, span_id=span.id,
                created_at=span.created_at, provenance=provenances.get(span.id, {}), who=who))
    return restored
