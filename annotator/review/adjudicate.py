"""Disagreements between two layers of one article, and the decisions that settle them.

Headless half of the review view (issue 5, item 3). The two layers are annotator names or
``GOLD`` (see ``layers.py``). Decisions write the gold layer through the store's API: each
creates spans of origin "adjudicated", annotator = the adjudicator, provenance
``{"from": [ids of the spans it came from], "decision": "left" | "right" | "both" | "edit" |
"agreeing"}``, all of one decision in one transaction, and returns the gold spans it created so
that undo can ``Project.delete_span`` each of them (and redo can ``restore_gold`` them, with the
provenance read by ``layers.provenance`` when they were created: ``Project.restore_span`` does
not carry provenance). A decision never creates a gold span equal
(start, end, label) to one the article already has. ``reject`` creates nothing: it records the
rejected span ids in the change log (``review.reject``; ``unreject`` is its undo), which is how
``disagreements`` knows a rejected disagreement is settled.

How disagreements are found: spans equal on both sides (start, end, label) agree and are left
out; each remaining span is joined to the spans of the other side it overlaps, and each connected
group is one disagreement, of kind

* ``left_only`` / ``right_only``: the other side has nothing overlapping;
* ``label``: one span each, same offsets, different labels;
* ``boundary``: overlapping spans, all with one label, different offsets;
* ``label_boundary``: overlapping spans with different offsets and labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.model import Span
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


def _key(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


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
    """Every disagreement between two layers of one article, in text order."""
    lefts = layer_spans(project, article_id, left)
    rights = layer_spans(project, article_id, right)
    common = {_key(s) for s in lefts} & {_key(s) for s in rights}
    spans = [(0, s) for s in lefts if _key(s) not in common] + \
            [(1, s) for s in rights if _key(s) not in common]
    parent = list(range(len(spans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (side_a, a) in enumerate(spans):
        for j in range(i + 1, len(spans)):
            side_b, b = spans[j]
            if side_a != side_b and a.start < b.end and b.start < a.end:
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple[int, Span]]] = {}
    for i, item in enumerate(spans):
        groups.setdefault(find(i), []).append(item)
    settled = _settled(project, article_id, [s.id for _, s in spans])
    out = [_disagreement(article_id, members, settled) for members in groups.values()]
    return sorted(out, key=lambda d: (d.start, d.end, d.kind))


def _disagreement(article_id: int, members: list[tuple[int, Span]], settled: set[str]
                  ) -> Disagreement:
    left = tuple(sorted((s for side, s in members if side == 0), key=_key))
    right = tuple(sorted((s for side, s in members if side == 1), key=_key))
    both = (*left, *right)
    if not right:
        kind = "left_only"
    elif not left:
        kind = "right_only"
    elif len(left) == len(right) == 1 and (left[0].start, left[0].end) == (right[0].start,
                                                                          right[0].end):
        kind = "label"
    elif len({s.label for s in both}) == 1:
        kind = "boundary"
    else:
        kind = "label_boundary"
    return Disagreement(article_id, kind, min(s.start for s in both), max(s.end for s in both),
                        left, right, resolved=any(s.id in settled for s in both))


def _settled(project: Project, article_id: int, span_ids: Sequence[str]) -> set[str]:
    """Ids that a gold span came from, or whose latest review decision is a rejection."""
    settled: set[str] = set()
    gold = [s.id for s in layer_spans(project, article_id, GOLD)]
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
def _create(project: Project, article_id: int, who: str, decision: str,
            items: Sequence[tuple[int, int, str, list[str]]]) -> list[Span]:
    """Gold spans (start, end, label, source ids) in one transaction, skipping any equal to a
    gold span already there (or to one made earlier in this call)."""
    created: list[Span] = []
    with project.transaction():
        have = {_key(s) for s in layer_spans(project, article_id, GOLD)}
        for start, end, label, sources in items:
            if (start, end, label) in have:
                continue
            have.add((start, end, label))
            created.append(project.add_span(
                article_id, start, end, label, who, origin="adjudicated",
                provenance={"from": sources, "decision": decision}))
    return created


def _copies(spans: Iterable[Span]) -> list[tuple[int, int, str, list[str]]]:
    """One gold item per distinct (start, end, label), not from spans already gold."""
    items: dict[tuple[int, int, str], list[str]] = {}
    for span in spans:
        if span.origin != "adjudicated":
            items.setdefault(_key(span), []).append(span.id)
    return [(*key, ids) for key, ids in items.items()]


def accept_left(project: Project, d: Disagreement, who: str) -> list[Span]:
    """Gold copies of the left side's spans (nothing when the left side is the gold layer)."""
    return _create(project, d.article_id, who, "left", _copies(d.left))


def accept_right(project: Project, d: Disagreement, who: str) -> list[Span]:
    return _create(project, d.article_id, who, "right", _copies(d.right))


def accept_both(project: Project, d: Disagreement, who: str) -> list[Span]:
    return _create(project, d.article_id, who, "both", _copies((*d.left, *d.right)))


def edit(project: Project, d: Disagreement, who: str, start: int, end: int, label: str
         ) -> list[Span]:
    """One gold span with the adjudicator's own offsets and label, from all of ``d``'s spans.
    Offsets are code points into the article's text; ``add_span`` checks them."""
    return _create(project, d.article_id, who, "edit", [(start, end, label, list(d.span_ids))])


def reject(project: Project, d: Disagreement, who: str) -> list[Span]:
    """Neither side is right: no gold span; the decision goes to the change log."""
    _record(project, d, who, "review.reject")
    return []


def unreject(project: Project, d: Disagreement, who: str) -> None:
    """Undo of ``reject``: the disagreement is open again (the log keeps both entries)."""
    _record(project, d, who, "review.unreject")


def _record(project: Project, d: Disagreement, who: str, action: str) -> None:
    with project.transaction():
        project.log(who, action, "review", str(d.article_id), {"spans": list(d.span_ids)})


def accept_all_agreeing(project: Project, article_id: int, left: str, right: str, who: str
                        ) -> list[Span]:
    """Gold spans for every (start, end, label) both sides have, from the ids of both."""
    items = [(*_key(lefts[0]), [s.id for s in (*lefts, *rights) if s.origin != "adjudicated"])
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
                span.article_id, span.start, span.end, span.label, span.annotator,
                text=span.text, note=span.note, origin="adjudicated", span_id=span.id,
                created_at=span.created_at, provenance=provenances.get(span.id, {})))
    return restored
