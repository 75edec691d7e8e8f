"""Relations drawn over an article view: a connector from the source span to the target span.

The article's lines have no room between them (QPlainTextEdit lays lines edge to edge), so a
connector never crosses text: it rises from the top of the source span's first line into the
thin gap above that line, runs along the gap, and comes down onto the target with an arrow (no
arrow for a symmetric type). Ends on different lines are joined through the margin beside the
text (the nearer side): along the gap of one line to the margin, up or down the margin, along
the gap of the other line (``route``). The type is shown on hover, and written small at the
connector's top when the relation is selected. An end scrolled out of view is drawn to the
viewport's edge.

Speed: a relation's extent in blocks (paragraphs) is known from the spans alone (the
highlighter's bisect), so a paint looks only at relations whose extent meets the visible
blocks. Where an end sits inside its block (x, line top, height) is read from the block's
layout the first time it is drawn and cached until the layout changes (viewport width, font).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)

from annotator.core.model import Relation, Span
from annotator.core.scheme import RelationType
from annotator.ui.article_view import ArticleView
from annotator.ui.text_geometry import drawn_blocks, line_x, range_rects, visible_range

NEUTRAL = QColor("#3d4f6b")
LABEL_BACKGROUND = QColor("#fbfbf8")
#: The type's name is written this much smaller than the article's text.
LABEL_SCALE = 0.78
#: How far beyond the viewport an end scrolled out of view is put (the arc runs to the edge).
EDGE = 24.0
#: Lift of an arc above the higher of its ends: a share of the distance, within bounds.
MIN_LIFT, MAX_LIFT, LIFT_SHARE = 10.0, 42.0, 0.22
ARROW = 6.0
#: How far a connector's run lies above its line's top anchor (anchors are 2 px inside the
#: line): on the line's top edge, the middle of the gap between one line's ink and the next
#: (measured: a CJK glyph's ink starts ~1 px below its line's top and ends ~2 px above the
#: line's bottom).
RISE = 2.0
#: Rounding of a connector's corners.
CORNER = 3.0
#: Half the width of the band around an arc that a click or hover hits.
HIT_WIDTH = 7.0
#: Read once: each access to a PySide enum member goes through Python's enum descriptor, and a
#: page of arcs asked for these a few times per arc.
ANTIALIASING = QPainter.RenderHint.Antialiasing
NO_BRUSH, NO_PEN = Qt.BrushStyle.NoBrush, Qt.PenStyle.NoPen
CENTER = Qt.AlignmentFlag.AlignCenter


class Style(NamedTuple):
    """How one relation type's arcs are drawn (made once per type, not per arc and frame).
    NamedTuples here: a frozen dataclass compiles six methods when the window starts (~2 ms
    each, issue 14)."""
    color: QColor
    pen: QPen
    selected_pen: QPen
    text_color: QColor
    arrow: bool


class End(NamedTuple):
    """Where a span's arc attaches, relative to its block's top-left (layout-dependent)."""
    block: int
    x: float  # the middle of the span's piece on its first line
    top: float  # the top of that line
    height: float


def anchor(rect: QRectF) -> QPointF:
    """The point of a span's rectangle (on its first line) an arc attaches to: the middle of
    its top edge, 2 px inside, so the point lies in the span's rectangle."""
    return QPointF(rect.center().x(), rect.top() + min(2.0, rect.height() / 2))


def arc_lift(a: QPointF, b: QPointF) -> float:
    """How far an arc's control points rise above its ends: a share of the distance."""
    return max(MIN_LIFT, min(MAX_LIFT, LIFT_SHARE * abs(b.x() - a.x())
                             + 0.1 * abs(b.y() - a.y())))


def arc_path(a: QPointF, b: QPointF) -> QPainterPath:
    """A cubic arc from ``a`` to ``b`` that leaves ``a`` straight up and comes down onto
    ``b`` straight down, above both in between."""
    lift = arc_lift(a, b)
    path = QPainterPath(a)
    path.cubicTo(QPointF(a.x(), a.y() - lift), QPointF(b.x(), b.y() - lift), b)
    return path


def route(a: QPointF, b: QPointF, left: float, right: float) -> QPainterPath:
    """A connector from ``a`` to ``b`` (anchors at the top of their lines) that never crosses a
    line's text: up into the gap above ``a``'s line, along it, and down onto ``b`` when both
    are on one line; else along the gap to the margin at ``left`` or ``right`` (the nearer),
    along the margin and along the gap above ``b``'s line."""
    ya, yb = a.y() - RISE, b.y() - RISE
    if abs(a.y() - b.y()) < 0.5:
        points = [a, QPointF(a.x(), ya), QPointF(b.x(), yb), b]
    else:
        side = left if (a.x() - left) + (b.x() - left) <= (right - a.x()) + (right - b.x()) \
            else right
        points = [a, QPointF(a.x(), ya), QPointF(side, ya), QPointF(side, yb),
                  QPointF(b.x(), yb), b]
    return _rounded(points)


def _rounded(points: list[QPointF]) -> QPainterPath:
    """A polyline through ``points`` with its corners rounded by up to ``CORNER``."""
    path = QPainterPath(points[0])
    for prev, corner, nxt in zip(points, points[1:], points[2:], strict=False):
        into, out = corner - prev, nxt - corner
        cut_in = min(CORNER, _length(into) / 2)
        cut_out = min(CORNER, _length(out) / 2)
        path.lineTo(corner - _scaled(into, cut_in))
        path.quadTo(corner, corner + _scaled(out, cut_out))
    path.lineTo(points[-1])
    return path


def _length(v: QPointF) -> float:
    return float((v.x() ** 2 + v.y() ** 2) ** 0.5)


def _scaled(v: QPointF, size: float) -> QPointF:
    length = _length(v)
    return v * (size / length) if length else QPointF()


def route_top(path: QPainterPath) -> QPointF:
    """Where the type is written: the middle of the connector's highest run."""
    box = path.boundingRect()
    return QPointF(box.center().x(), box.top())


def arrow_head(tip: QPointF, size: float = ARROW) -> QPolygonF:
    """A small flat triangle pointing down onto ``tip`` (a connector lands straight down; flat,
    so it stays in the gap above the line)."""
    rise = 0.7 * size
    return QPolygonF([tip, QPointF(tip.x() - size / 2, tip.y() - rise),
                      QPointF(tip.x() + size / 2, tip.y() - rise)])


class RelationLayer(QObject):
    """The relations of one article view: what is drawn, hit-testing, the selected one and the
    one being made (a dashed arc to the candidate target)."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self.view = view
        self._types: dict[str, RelationType] = {}
        self._relations: dict[str, Relation] = {}
        self._extents: list[tuple[int, int, str]] | None = []  # (first, last block, id), sorted
        self._reach = 0  # the most blocks one relation spans: how far back a paint looks
        self._ends: dict[str, End] = {}
        self._layout_key: tuple = ()
        self._painted: dict[str, tuple[QPainterPath, QRectF | None]] = {}
        self._shown = True
        self.selected: str | None = None
        #: the relation being made: (source span id, candidate span id or None, free point)
        self._pending: tuple[str, str | None, QPointF | None] | None = None
        self._font = QFont(view.font())
        self._metrics = QFontMetricsF(self._font)
        self._label_widths: dict[str, float] = {}  # type name -> its width in self._font
        self._styles: dict[str, Style] = {}
        view.overlay_painters.append(self.paint)

    # ------------------------------------------------------------------ content
    def set_types(self, types: tuple[RelationType, ...] | list[RelationType]) -> None:
        self._types = {t.name: t for t in types}
        self._styles.clear()
        self.view.viewport().update()

    def relation_type(self, name: str) -> RelationType | None:
        return self._types.get(name)

    def set_relations(self, relations: list[Relation]) -> None:
        """The relations of the article shown (those whose ends the view does not show are
        left out: another annotator's spans in a filtered pane)."""
        self._relations = {r.id: r for r in relations if self._shows(r)}
        self._ends.clear()
        self._extents = None
        if self.selected not in self._relations:
            self.selected = None
        self._pending = None
        self.view.viewport().update()

    def relations(self) -> list[Relation]:
        return list(self._relations.values())

    def relation(self, relation_id: str) -> Relation | None:
        return self._relations.get(relation_id)

    def add(self, relation: Relation) -> bool:
        if not self._shows(relation):
            return False
        self._relations[relation.id] = relation
        self._extents = None
        self.view.viewport().update()
        return True

    def remove(self, relation_id: str) -> None:
        if self._relations.pop(relation_id, None) is not None:
            self._extents = None
            if self.selected == relation_id:
                self.selected = None
            self.view.viewport().update()

    def drop_span(self, span_id: str) -> None:
        """A span left the view: its relations go with it (the store deleted them too)."""
        for rel in [r for r in self._relations.values() if span_id in (r.from_span, r.to_span)]:
            self.remove(rel.id)
        self._ends.pop(span_id, None)

    def span_moved(self, span_id: str) -> None:
        if self._ends.pop(span_id, None) is not None or any(
                span_id in (r.from_span, r.to_span) for r in self._relations.values()):
            self._extents = None
            self.view.viewport().update()

    def set_shown(self, on: bool) -> None:
        self._shown = bool(on)
        self.view.viewport().update()

    def shown(self) -> bool:
        return self._shown

    def select(self, relation_id: str | None) -> None:
        if relation_id != self.selected:
            self.selected = relation_id if relation_id in self._relations else None
            self.view.viewport().update()

    def set_pending(self, source: str | None, candidate: str | None = None,
                    point: QPointF | None = None) -> None:
        """Show the relation being made (None: none): a dashed arc from ``source`` to the
        ``candidate`` span, or to ``point`` (viewport) during a drag."""
        self._pending = (source, candidate, point) if source is not None else None
        self.view.viewport().update()

    # ------------------------------------------------------------------ geometry
    def paths(self) -> dict[str, QPainterPath]:
        """The arcs of the last paint (viewport coordinates), by relation id."""
        return {rid: path for rid, (path, _label) in self._painted.items()}

    def relation_at(self, pos: QPointF) -> str | None:
        """The relation whose arc (or type label) was drawn at ``pos`` in the last paint; the
        selected one first, else the nearest drawn last."""
        if not self._shown:
            return None
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        hits = [rid for rid, (path, label) in self._painted.items()
                if (label is not None and label.contains(pos))
                or stroker.createStroke(path).contains(pos)]
        if self.selected in hits:
            return self.selected
        return hits[-1] if hits else None

    def _shows(self, rel: Relation) -> bool:
        return self.view.span(rel.from_span) is not None and self.view.span(rel.to_span) is not None

    def _span_extent(self, span: Span) -> tuple[int, int]:
        offsets, hl = self.view.offsets(), self.view.highlighter()
        return (hl.block_of(offsets.to_utf16(span.start)),
                hl.block_of(offsets.to_utf16(max(span.start, span.end - 1))))

    def _sorted_extents(self) -> list[tuple[int, int, str]]:
        if self._extents is None:
            extents = []
            for rel in self._relations.values():
                a, b = self.view.span(rel.from_span), self.view.span(rel.to_span)
                if a is None or b is None:
                    continue
                (a0, a1), (b0, b1) = self._span_extent(a), self._span_extent(b)
                extents.append((min(a0, b0), max(a1, b1), rel.id))
            self._extents = sorted(extents)
            self._reach = max((hi - lo for lo, hi, _id in extents), default=0)
        return self._extents

    def _check_layout(self) -> None:
        """Forget the ends' places when the layout changed (width, font, article): once per
        paint, not once per end."""
        key = (self.view.viewport().width(), self.view.font().pointSizeF(),
               id(self.view.article()))
        if key != self._layout_key:
            self._layout_key = key
            self._ends.clear()

    def _end(self, span: Span) -> End:
        """Where ``span``'s arcs attach within its first block (cached per layout, checked by
        the paint that asks)."""
        end = self._ends.get(span.id)
        if end is not None:
            return end
        offsets, doc = self.view.offsets(), self.view.document()
        u, ue = offsets.span_to_utf16(span.start, span.end)
        block = doc.findBlock(u)
        layout = block.layout()
        if layout.lineCount() == 0:  # not laid out yet (far from the view)
            doc.documentLayout().blockBoundingRect(block)
        local = u - block.position()
        line = layout.lineForTextPosition(local)
        if not line.isValid():
            line = layout.lineAt(0)
        stop = min(ue - block.position(), line.textStart() + line.textLength())
        x1, x2 = line_x(line, local), line_x(line, max(local, stop))
        origin = layout.position()
        end = End(block.blockNumber(), origin.x() + (x1 + x2) / 2, origin.y() + line.y(),
                  line.height())
        self._ends[span.id] = end
        return end

    def _point(self, span: Span, tops: dict[int, QPointF], first: int, height: float
               ) -> QPointF:
        end = self._end(span)
        origin = tops.get(end.block)
        if origin is not None:
            return QPointF(origin.x() + end.x, origin.y() + end.top + min(2.0, end.height / 2))
        x = end.x + (next(iter(tops.values())).x() if tops else 0.0)
        return QPointF(x, -EDGE if end.block < first else height + EDGE)

    def _visible_tops(self) -> dict[int, QPointF]:
        """Top-left (viewport) of every block drawn now, by block number."""
        return {block.blockNumber(): rect.topLeft()
                for block, rect in drawn_blocks(self.view)}

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter) -> None:
        self._painted = {}
        if not self._shown or not (self._relations or self._pending):
            return
        tops = self._visible_tops()
        if not tops:
            return
        first, last = min(tops), max(tops)
        height = float(self.view.viewport().height())
        self._check_layout()
        painter.setRenderHint(ANTIALIASING)
        size = max(7.0, self.view.font().pointSizeF() * LABEL_SCALE)
        if self._font.pointSizeF() != size:
            self._font = QFont(self.view.font())
            self._font.setPointSizeF(size)
            self._metrics = QFontMetricsF(self._font)
            self._label_widths.clear()
        painter.setFont(self._font)
        margins = self._margins(tops)
        extents = self._sorted_extents()
        begin = bisect_left(extents, (first - self._reach,))
        for _lo, hi, rid in extents[begin:bisect_right(extents, (last, 1 << 62, ""))]:
            if hi < first:
                continue
            rel = self._relations[rid]
            a, b = self.view.span(rel.from_span), self.view.span(rel.to_span)
            if a is None or b is None:
                continue
            start, end = self._point(a, tops, first, height), self._point(b, tops, first, height)
            path = route(start, end, *margins)
            self._painted[rid] = (path, self._draw(painter, rel, path, end))
        self._paint_pending(painter, tops, first, height)

    def _margins(self, tops: dict[int, QPointF]) -> tuple[float, float]:
        """x of the left and right margins beside the text (viewport), where connectors
        between lines run."""
        left = next(iter(tops.values())).x() + self.view.document().documentMargin() / 2
        return left, float(self.view.viewport().width()) - left

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            rtype = self._types.get(name)
            color = QColor(rtype.color) if rtype is not None and rtype.color else NEUTRAL
            # opaque pens only: a translucent stroke costs the raster engine ~4x (measured)
            style = self._styles[name] = Style(
                color, QPen(color, 1.7), QPen(color, 3.2), color.darker(120),
                rtype is None or not rtype.symmetric)
        return style

    def _draw(self, painter: QPainter, rel: Relation, path: QPainterPath, b: QPointF
              ) -> QRectF | None:
        style = self._style(rel.type)
        selected = rel.id == self.selected
        painter.setBrush(NO_BRUSH)
        painter.setPen(style.selected_pen if selected else style.pen)
        painter.drawPath(path)
        if style.arrow:
            painter.setBrush(style.color)
            painter.drawPolygon(arrow_head(b, ARROW + (2 if selected else 0)))
        return self._draw_type(painter, rel.type, path, style.text_color) if selected else None

    def _draw_type(self, painter: QPainter, name: str, path: QPainterPath, color: QColor
                   ) -> QRectF:
        """The type's name at the connector's top (a selected relation: it covers text)."""
        width = self._label_widths.get(name)
        if width is None:
            width = self._label_widths[name] = self._metrics.horizontalAdvance(name) + 4
        top = route_top(path)
        height = self._metrics.height()
        rect = QRectF(top.x() - width / 2, top.y() - height / 2, width, height)
        painter.setPen(NO_PEN)
        painter.setBrush(LABEL_BACKGROUND)
        painter.drawRoundedRect(rect, 2, 2)
        painter.setPen(color)
        painter.drawText(rect, CENTER, name)
        return rect

    def _paint_pending(self, painter: QPainter, tops: dict[int, QPointF], first: int,
                       height: float) -> None:
        if self._pending is None:
            return
        source_id, candidate_id, point = self._pending
        source = self.view.span(source_id) if source_id else None
        candidate = self.view.span(candidate_id) if candidate_id else None
        if source is None:
            return
        pen = QPen(NEUTRAL, 1.6, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        start = self._point(source, tops, first, height)
        if candidate is not None:
            lo, hi = visible_range(self.view)
            u, ue = self.view.offsets().span_to_utf16(candidate.start, candidate.end)
            for rect in range_rects(self.view, u, ue, lo, hi):
                painter.drawRect(rect.adjusted(-2, -1, 2, 1))
            target = self._point(candidate, tops, first, height)
            painter.drawPath(route(start, target, *self._margins(tops)))
        elif point is not None:
            target = point
            painter.drawPath(arc_path(start, target))
        else:
            return
        painter.setBrush(NEUTRAL)
        painter.drawPolygon(arrow_head(target))
