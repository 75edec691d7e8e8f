"""What the stored spans of one article look like, block by block (issue 3, item 4; issue 14).

``SpanHighlighter`` keeps the spans of one article sorted by start and answers, for one block
(paragraph) of the ``QTextDocument``, which spans cover it: a bisect over the starts finds the
short spans, the few long ones (over ``LONG_SPAN`` characters) are checked one by one. The pieces
of a block and the *runs* made from them (stretches that look the same) are computed when the
block is first drawn and cached, so adding, removing or changing one span recomputes just the
blocks it touches and reports them (:attr:`SpanHighlighter.changed`).

Nothing here touches the document's formats: :mod:`annotator.ui.span_paint` paints the runs
under and over the text. Character formats made Qt shape the paragraph again on every span
change, most of a label key's time in a long article (issue 14); a painted run costs a fill.
Opening is lazy too: a 1 MB article with 10,000 spans opens about as fast as the bare text.

Overlapping and nested spans stay visible: characters get a translucent wash in the color of the
innermost span's label, deeper with every level of nesting, and an underline in the color of the
outermost span's label. A figure inside a claim therefore shows as a blue patch on a red line, and
two spans over the same characters show both labels (one as wash, one as line).

Characters of a span missing a required attribute (issue 10) get a dotted underline instead of a
solid one. Which spans those are is given with the spans (computed once per article load) and
changed one span at a time (:meth:`SpanHighlighter.set_incomplete`, re-formatting its blocks).

Suggested spans (origin ``suggested``, issue 12) are drawn apart from a person's: a dashed
underline where a suggestion is the outermost span, and a fainter wash where one is the
innermost, so a suggestion over or inside a person's span still shows as one.

Offsets arrive in code points and are converted with :class:`annotator.core.offsets.OffsetIndex`
only; nothing here reads text back from the document.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextDocument

from annotator.core.model import Label, Span
from annotator.core.offsets import OffsetIndex
from annotator.store.suggest import SUGGESTED

#: Characters that end a block when Qt's ``setPlainText`` splits text into paragraphs.
_BLOCK_BREAK = re.compile("[\n\r\u2029\ufdd0\ufdd1]")

#: Spans longer than this (code points) are kept apart and checked against every block.
LONG_SPAN = 1024
#: Opacity of a span's wash, and how much deeper each nesting level gets.
LAYER_ALPHA = 0.24
DEPTH_ALPHA = 0.14
FALLBACK_COLOR = "#7f7f7f"
#: The wash's opacity stops growing at this nesting depth (0.75): deeper looks the same.
MAX_WASH_ALPHA = 0.75
DEPTH_SEEN = 1 + math.ceil((MAX_WASH_ALPHA - LAYER_ALPHA) / DEPTH_ALPHA)

# one piece of a span inside a block: (utf16 start in block, utf16 end in block, span)
Piece = tuple[int, int, Span]


class Look(NamedTuple):
    """How a run of characters is drawn: a wash behind them and a line under them."""

    wash: QColor
    underline: QColor
    style: Qt.PenStyle  # SolidLine; DotLine: a span misses a value; DashLine: a suggestion


# one run of a block: (utf16 start in block, length, look)
Run = tuple[int, int, Look]
#: How much of a wash a suggestion (the innermost span) keeps: fainter than a person's span.
SUGGESTED_WASH = 0.5

# what a run looks like: (outermost label, innermost label, depth, a span misses a value,
# the outermost span is a suggestion, the innermost span is a suggestion)
RunKey = tuple[str, str, int, bool, bool, bool]


@functools.lru_cache(maxsize=256)
def span_look(outer: str, inner: str, depth: int, dotted: bool = False,
              dashed: bool = False, faint: bool = False) -> Look:
    """The look of characters covered by ``depth`` spans: the innermost label's wash
    (deeper with every level) and the outermost label's underline, so a nested span and the
    span around it both show; ``dotted`` when one of them misses a required attribute;
    ``dashed`` when the outermost is a suggestion, ``faint`` (a lighter wash) when the
    innermost is one. Shared by every view; never modify the result."""
    wash = QColor(inner)
    alpha = min(MAX_WASH_ALPHA, LAYER_ALPHA + DEPTH_ALPHA * (depth - 1))
    wash.setAlphaF(alpha * SUGGESTED_WASH if faint else alpha)
    pen = Qt.PenStyle
    return Look(wash, QColor(outer),
                pen.DashLine if dashed else pen.DotLine if dotted else pen.SolidLine)


def _block_starts(text: str) -> list[int]:
    """Code-point start of every block Qt makes of ``text``."""
    if any(ch in text for ch in "\r\u2029\ufdd0\ufdd1"):
        return [0] + [m.end() for m in _BLOCK_BREAK.finditer(text)]
    return [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]


def _nesting_order(span: Span) -> tuple[int, int, str]:
    """Sort key: outermost (longest) first."""
    return (span.start - span.end, span.start, span.id)


def _piece_order(piece: Piece) -> tuple[int, int, str]:
    """A block's pieces are kept in their spans' nesting order: the runs are computed from
    them without a sort (a paragraph under hundreds of stacked spans sorted them all on
    every label key)."""
    return _nesting_order(piece[2])


class SpanHighlighter:
    """The spans of the article shown in ``document``, and how each block's runs look.

    Call :meth:`set_content` *before* the text is put into the document, and the other
    methods afterwards. Every change reports the blocks whose runs it changed to
    :attr:`changed` (the view repaints those of them in sight).
    """

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        #: called with the numbers of the blocks whose runs a change replaced
        self.changed: Callable[[list[int]], None] = lambda _blocks: None
        self._text = ""
        self._offsets = OffsetIndex("")
        self._block_cp: list[int] = [0]  # code-point start of every block
        self._block_u: list[int] = [0]  # UTF-16 start of every block
        self._by_id: dict[str, Span] | None = {}
        self._sorted: list[Span] = []  # by start
        self._starts: list[int] = []  # the starts of _sorted
        self._long: dict[str, Span] = {}
        self._long_checked = 0
        self._in_order: list[Span] | None = None  # spans(), cached until the next change
        self._pieces: dict[int, list[Piece]] = {}  # cache, by block number
        self._runs: dict[int, list[Run]] = {}  # cache, by block number
        self._run_ends: dict[int, list[int]] = {}  # each cached run's end (bisect)
        self._lines_asked: set[int] = set()  # blocks a line was computed of, since changed
        #: blocks whose runs the last add/remove/replace replaced (the others keep theirs)
        self.last_refreshed: list[int] = []
        #: the document positions (UTF-16, end exclusive) of the spans of the last change: the
        #: only characters whose look it changed, so the view repaints their lines alone
        self.last_ranges: list[tuple[int, int]] = []
        self._colors: dict[str, str] = {}
        self._descriptions: dict[str, str] = {}
        self._looks: dict[RunKey, Look] = {}
        self._incomplete: set[str] = set()  # spans missing a required attribute

    # ------------------------------------------------------------------ content
    def set_content(self, text: str, offsets: OffsetIndex, spans: Iterable[Span],
                    labels: Iterable[Label], incomplete: Iterable[str] = ()) -> None:
        """Index ``spans`` of ``text``; then put the text into the document and call
        :meth:`loaded`."""
        self._text = text
        self._offsets = offsets
        self._block_cp = _block_starts(text)
        to_utf16 = offsets.to_utf16
        self._block_u = [to_utf16(cp) for cp in self._block_cp] if offsets.has_astral \
            else list(self._block_cp)
        self._set_colors(labels)
        self._index(spans)
        self._incomplete = set(incomplete)

    def loaded(self) -> None:
        """The document holds the text now; runs are computed when blocks are drawn.

        Raises ValueError when the document's length differs from the text's (Qt changed the
        text, e.g. a CR LF pair; imported text never has one)."""
        doc = self._document
        if doc.blockCount() == len(self._block_cp):
            return
        if doc.characterCount() - 1 != self._offsets.utf16_length:
            raise ValueError("the document's text differs from the article's text")
        # another character ended a block: take the blocks from the document itself
        starts, block = [], doc.begin()
        while block.isValid():
            starts.append(block.position())
            block = block.next()
        self._block_u = starts
        self._block_cp = [self._offsets.from_utf16(u, snap="left") for u in starts]
        self._pieces, self._runs, self._run_ends = {}, {}, {}
        self._lines_asked = set()

    def set_spans(self, spans: Iterable[Span], incomplete: Iterable[str] = ()) -> None:
        """Replace every span; runs are computed again when blocks are drawn next."""
        self._index(spans)
        self._incomplete = set(incomplete)

    def set_incomplete(self, span_id: str, incomplete: bool) -> bool:
        """Mark (or unmark) one span as missing a required attribute; recomputes only its
        blocks. False when nothing changed."""
        if (span_id in self._incomplete) == incomplete:
            return False
        if incomplete:
            self._incomplete.add(span_id)
        else:
            self._incomplete.discard(span_id)
        span = self._spans.get(span_id)
        self._refresh(self._blocks_of(span), span)
        return span is not None

    def incomplete_ids(self) -> set[str]:
        return set(self._incomplete)

    def set_labels(self, labels: Iterable[Label]) -> None:
        """New colors; runs are computed again when blocks are drawn next."""
        self._set_colors(labels)
        self._runs, self._run_ends = {}, {}
        self._lines_asked = set()

    def add_span(self, span: Span) -> None:
        """Add (or, for a known id, replace) one span; recomputes only the blocks it touches."""
        old = self._take(span.id)
        self._spans[span.id] = span
        if self._suggested is not None:
            self._suggested += span.origin == SUGGESTED
        self._in_order = None
        i = bisect_right(self._starts, span.start)
        self._sorted.insert(i, span)
        self._starts.insert(i, span.start)
        if i < self._long_checked:
            self._long_checked += 1
            if span.end - span.start > LONG_SPAN:
                self._long[span.id] = span
        self._repiece(old, span)
        self._refresh(self._blocks_of(old) | self._blocks_of(span), old, span)

    def remove_span(self, span_id: str) -> Span | None:
        span = self._take(span_id)
        if span is not None:
            self._repiece(span, None)
            self._refresh(self._blocks_of(span), span)
        return span

    def replace_span(self, span: Span) -> None:
        self.add_span(span)

    # ------------------------------------------------------------------ queries
    def spans(self) -> list[Span]:
        """Every span, in text order (start, then longer first)."""
        if self._in_order is None:
            self._in_order = sorted(self._sorted, key=lambda s: (s.start, -s.end, s.id))
        return list(self._in_order)

    def span(self, span_id: str) -> Span | None:
        return self._spans.get(span_id)

    def label_color(self, label: str) -> QColor:
        return QColor(self._colors.get(label, FALLBACK_COLOR))

    def label_description(self, label: str) -> str:
        """The scheme's description of ``label`` (what it means: shown on hover)."""
        return self._descriptions.get(label, "")

    def block_of(self, u: int) -> int:
        """Number of the block holding document position ``u``."""
        return max(0, bisect_right(self._block_u, u) - 1)

    def spans_at(self, u: int) -> list[Span]:
        """Spans covering the character at document position ``u``, innermost first."""
        if u < 0 or u >= self._offsets.utf16_length:
            return []
        b = self.block_of(u)
        local = u - self._block_u[b]
        found = [span for s, e, span in self._pieces_of(b) if s <= local < e]
        found.sort(key=lambda sp: (sp.end - sp.start, -sp.start, sp.id))
        return found

    def block_runs(self, block_number: int) -> list[Run]:
        """The runs of one block: (UTF-16 start in block, length, look), in text order."""
        return self._runs_of(block_number)

    def range_runs(self, block_number: int, lo: int, hi: int) -> list[Run]:
        """The runs of ``[lo, hi)`` of one block (UTF-16 positions in the block; a laid-out
        line): those of :meth:`block_runs` cut to it.

        A label key repaints one line of a paragraph holding hundreds of spans: the first line
        asked of a changed block is computed from the spans meeting it alone. A second line
        of the same block (a page scrolled into view), or a line most of the block's spans
        meet (spans piled up), computes the whole block's runs once, and every line is cut
        from them."""
        runs = self._runs.get(block_number)
        if runs is None:
            pieces = self._pieces_of(block_number)
            meeting = [p for p in pieces if p[0] < hi and p[1] > lo]
            if block_number not in self._lines_asked and 4 * len(meeting) <= len(pieces):
                self._lines_asked.add(block_number)
                return self._compute_runs([(max(s, lo), min(e, hi), span)
                                           for s, e, span in meeting])
            runs = self._runs_of(block_number)
        ends = self._run_ends.get(block_number)
        if ends is None:
            ends = self._run_ends[block_number] = [s + n for s, n, _look in runs]
        cut = []
        for s, n, look in runs[bisect_right(ends, lo):]:
            if s >= hi:
                break
            a, z = max(s, lo), min(s + n, hi)
            cut.append((a, z - a, look))
        return cut

    def has_runs(self, block_number: int) -> bool:
        """Whether the block's spans are gathered for its runs (blocks never drawn have not
        been: their runs are computed, line by line, when drawn)."""
        return block_number in self._runs or block_number in self._pieces

    # ------------------------------------------------------------------ internals
    def _set_colors(self, labels: Iterable[Label]) -> None:
        labels = list(labels)
        self._colors = {label.name: label.color for label in labels}
        self._descriptions = {label.name: label.description for label in labels}
        self._looks = {}

    def _index(self, spans: Iterable[Span]) -> None:
        # Touch each span object once: opening an article must not cost a pass per attribute.
        ordered = list(spans)
        starts = [s.start for s in ordered]
        if starts != sorted(starts):  # the store hands them over sorted already
            ordered.sort(key=attrgetter("start"))
            starts = [s.start for s in ordered]
        self._sorted, self._starts = ordered, starts
        self._by_id = None
        self._in_order = None
        self._long = {}
        self._long_checked = 0  # spans before this index have been checked for length
        self._pieces = {}
        self._runs, self._run_ends = {}, {}
        self._lines_asked = set()
        self._suggested: int | None = None  # how many are suggestions, counted when asked

    def has_suggestions(self) -> bool:
        """Whether any span shown is a suggestion (counted once, then kept up to date: the
        suggestion keys' state is asked several times a label key)."""
        if self._suggested is None:
            self._suggested = sum(s.origin == SUGGESTED for s in self._sorted)
        return self._suggested > 0

    def _long_before(self, hi: int) -> Iterable[Span]:
        """The long spans among the first ``hi`` (sorted) spans, found on demand."""
        if hi > self._long_checked:
            for span in self._sorted[self._long_checked:hi]:
                if span.end - span.start > LONG_SPAN:
                    self._long[span.id] = span
            self._long_checked = hi
        return self._long.values()

    @property
    def _spans(self) -> dict[str, Span]:
        """Spans by id, built on first use (opening an article does not need it)."""
        if self._by_id is None:
            self._by_id = dict(zip(map(attrgetter("id"), self._sorted), self._sorted))
        return self._by_id

    def _take(self, span_id: str) -> Span | None:
        """Take a span out of the index (nothing recomputed)."""
        span = self._spans.pop(span_id, None)
        if span is None:
            return None
        if self._suggested is not None:
            self._suggested -= span.origin == SUGGESTED
        self._in_order = None
        self._long.pop(span_id, None)
        i = bisect_left(self._starts, span.start)
        while i < len(self._sorted) and self._sorted[i].id != span_id:
            i += 1
        if i < len(self._sorted):
            del self._sorted[i]
            del self._starts[i]
            if i < self._long_checked:
                self._long_checked -= 1
        return span

    def _blocks_of(self, span: Span | None) -> set[int]:
        if span is None or span.end <= span.start:
            return set()
        first = bisect_right(self._block_cp, span.start) - 1
        last = bisect_right(self._block_cp, span.end - 1) - 1
        return set(range(max(first, 0), last + 1))

    def _refresh(self, blocks: set[int], *spans: Span | None) -> None:
        """Forget the runs of ``blocks`` and report them (:attr:`changed`); ``spans`` are the
        spans whose look changed (:attr:`last_ranges`)."""
        for b in blocks:  # their pieces are kept up to date (_repiece)
            self._runs.pop(b, None)
            self._run_ends.pop(b, None)
            self._lines_asked.discard(b)
        self.last_refreshed = sorted(blocks)
        self.last_ranges = [self._offsets.span_to_utf16(s.start, s.end) for s in spans
                            if s is not None]
        if blocks:
            self.changed(self.last_refreshed)

    def _repiece(self, old: Span | None, new: Span | None) -> None:
        """The cached pieces of the blocks ``old`` left and ``new`` entered, brought up to
        date: a label key on a paragraph under hundreds of spans changes one piece, where
        gathering the block's pieces again converts every one of them (issue 14)."""
        for span, adding in ((old, False), (new, True)):
            if span is None:
                continue
            for b in self._blocks_of(span):
                pieces = self._pieces.get(b)
                if pieces is None:
                    continue  # gathered when asked
                if adding:
                    for piece in self._clip(b, [span]):
                        insort(pieces, piece, key=_piece_order)
                else:
                    self._pieces[b] = [p for p in pieces if p[2] is not span]

    def _clip(self, b: int, spans: Iterable[Span]) -> list[Piece]:
        """``spans`` clipped to block ``b``, in UTF-16 positions in the block (those that
        do not meet it left out)."""
        length = self._offsets.length
        bs = self._block_cp[b]
        be = length if b + 1 == len(self._block_cp) else self._block_cp[b + 1] - 1
        to_utf16, base = self._offsets.to_utf16, self._block_u[b]
        pieces = []
        for span in spans:
            start, end = max(span.start, bs), min(span.end, be, length)
            if end > start:
                pieces.append((to_utf16(start) - base, to_utf16(end) - base, span))
        return pieces

    def _pieces_of(self, b: int) -> list[Piece]:
        """The spans covering block ``b``, clipped to it, in UTF-16 positions in the block."""
        pieces = self._pieces.get(b)
        if pieces is not None:
            return pieces
        if not 0 <= b < len(self._block_cp):
            return []
        length = self._offsets.length
        bs = self._block_cp[b]
        last_block = b + 1 == len(self._block_cp)
        be = length if last_block else self._block_cp[b + 1] - 1  # the break is not drawn
        lo = bisect_left(self._starts, bs - LONG_SPAN)
        hi = bisect_left(self._starts, be)
        candidates = [s for s in self._sorted[lo:hi]
                      if s.end > bs and s.end - s.start <= LONG_SPAN]
        candidates += [s for s in self._long_before(hi) if s.start < be and s.end > bs]
        pieces = self._pieces[b] = sorted(self._clip(b, candidates), key=_piece_order)
        return pieces

    def _runs_of(self, b: int) -> list[Run]:
        runs = self._runs.get(b)
        if runs is None:
            runs = self._runs[b] = self._compute_runs(self._pieces_of(b))
        return runs

    def _compute_runs(self, pieces: list[Piece]) -> list[Run]:
        """Each stretch of the block that looks the same gets one run: the same
        outermost and innermost label and the same depth (up to ``DEPTH_SEEN``, beyond which
        the wash does not deepen). One sweep over the cuts keeps the spans open at each, so
        600 stacked spans cost cuts x log(open spans), and pile-ups merge into few runs.
        ``pieces`` come in their spans' nesting order (``_piece_order``), outermost first."""
        if not pieces:
            return []
        order = pieces  # in nesting order (_pieces_of keeps them so; range_runs filters)
        opening: dict[int, list[int]] = {}
        closing: dict[int, list[int]] = {}
        for rank, (s, e, _span) in enumerate(order):
            opening.setdefault(s, []).append(rank)
            closing.setdefault(e, []).append(rank)
        cuts = sorted(opening.keys() | closing.keys())
        open_ranks: list[int] = []  # sorted: outermost first
        runs: list[Run] = []
        last_key: RunKey | None = None
        incomplete = self._incomplete
        missing = {rank for rank, piece in enumerate(order) if piece[2].id in incomplete} \
            if incomplete else set()
        open_missing = 0  # open spans missing a required attribute
        for a, z in zip(cuts, cuts[1:]):
            for rank in closing.get(a, ()):
                del open_ranks[bisect_left(open_ranks, rank)]
                open_missing -= rank in missing
            for rank in opening.get(a, ()):
                insort(open_ranks, rank)
                open_missing += rank in missing
            if not open_ranks:
                last_key = None
                continue
            outer, inner = order[open_ranks[0]][2], order[open_ranks[-1]][2]
            key = (outer.label, inner.label, min(len(open_ranks), DEPTH_SEEN),
                   open_missing > 0, outer.origin == SUGGESTED, inner.origin == SUGGESTED)
            if key == last_key and runs[-1][0] + runs[-1][1] == a:
                start, length, look = runs[-1]
                runs[-1] = (start, length + z - a, look)
            else:
                runs.append((a, z - a, self._look(key)))
            last_key = key
        return runs

    def _look(self, key: RunKey) -> Look:
        """The look of a run's key (labels, depth, incomplete, suggestions)."""
        look = self._looks.get(key)
        if look is None:
            colors = self._colors
            outer, inner, depth, dotted, dashed, faint = key
            look = self._looks[key] = span_look(colors.get(outer, FALLBACK_COLOR),
                                                colors.get(inner, FALLBACK_COLOR), depth,
                                                dotted, dashed, faint)
        return look
