"""Making, selecting and deleting relations in the two panes (issue 10).

Make one: select the source span and press R (Add Relation; outside review mode only), then
click the target, or cycle the targets with Tab / Shift+Tab (nearest first, the spans a type
allows first) and press Enter; Esc cancels. Or Ctrl-drag from the source span to the target.
The type is asked only when the scheme allows more than one for the pair; when it allows none,
the status bar says which types exist and between which labels. Clicking an arc selects the
relation; Delete removes it. Each relation added or deleted is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QToolTip

from annotator.core.model import Relation, Span
from annotator.core.scheme import RelationType
from annotator.store import ProjectError
from annotator.ui import commands, interaction
from annotator.ui.claims.relation_layer import RelationLayer
from annotator.ui.commands import excerpt
from annotator.ui.context import AppContext
from annotator.ui.pane import ArticlePane
from annotator.ui.text_geometry import scroll_to
from annotator.ui.workbench import Workbench

#: Keys a pick answers while it lasts, before any shortcut of the window.
PICK_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter,
             Qt.Key.Key_Escape)
MOUSE = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
         QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove)


@dataclass
class Pick:
    """A relation being made: its source, the targets Tab cycles through, the current one."""
    pane: ArticlePane
    source: Span
    candidates: list[Span]
    index: int = -1
    dragging: bool = False
    dropped_on: Span | None = None

    def candidate(self) -> Span | None:
        if self.dragging:
            return self.dropped_on
        return self.candidates[self.index] if 0 <= self.index < len(self.candidates) else None


def gap(a: Span, b: Span) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b.start - a.end, a.start - b.end)


def targets(source: Span, spans: list[Span],
            allowed: Callable[[str, str], bool]) -> list[Span]:
    """The spans Tab offers from ``source``: those a relation type allows, nearest first (all
    the others when no type allows any)."""
    others = [s for s in spans if s.id != source.id]
    fitting = [s for s in others if allowed(source.label, s.label)]
    return sorted(fitting or others, key=lambda s: (gap(source, s), s.start, s.id))


class RelationTool(QObject):
    """One per window: a :class:`RelationLayer` on each pane's view, and the gestures."""

    #: A short message for the status bar (payload: text).
    message = Signal(str)

    def __init__(self, ctx: AppContext, workbench: Workbench,
                 can_edit: Callable[[ArticlePane], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workbench = workbench
        self.can_edit = can_edit
        self.pick: Pick | None = None
        self._types: tuple[RelationType, ...] = ()
        self.layers: dict[ArticlePane, RelationLayer] = {}
        # by the objects the filter sees, so that an event never calls into a pane (one may
        # be half destroyed while the window closes)
        self._viewports: dict[QObject, ArticlePane] = {}
        self._views: dict[QObject, ArticlePane] = {}
        for pane in workbench.panes():
            self.layers[pane] = RelationLayer(pane.view)
            self._viewports[pane.view.viewport()] = pane
            self._views[pane.view] = pane
            pane.spansReset.connect(lambda _spans, p=pane: self.reload(p))
            pane.spansLoading.connect(lambda _count, p=pane: self.reload(p))  # those in sight
            pane.view.spanActivated.connect(lambda _id, p=pane: self.layers[p].select(None))
            pane.view.viewport().installEventFilter(self)
            pane.view.installEventFilter(self)
        ctx.relationAdded.connect(self._on_relation_added)
        ctx.relationRemoved.connect(self._on_relation_removed)
        ctx.spanAdded.connect(self._on_span_added)
        ctx.spanRemoved.connect(self._on_span_removed)
        ctx.spanChanged.connect(lambda span: self._each(lambda layer: layer.span_moved(span.id)))
        ctx.labelsChanged.connect(lambda _labels: self._reload_types())
        self._reload_types()

    # ------------------------------------------------------------------ what is shown
    def layer(self, pane: ArticlePane | None = None) -> RelationLayer:
        return self.layers[pane or self.workbench.current()]

    def set_shown(self, on: bool) -> None:
        """View ▸ Show Relations."""
        if not on:
            self.cancel(quiet=True)
        self._each(lambda layer: layer.set_shown(on))

    def reload(self, pane: ArticlePane) -> None:
        """Read the relations of the pane's article again (it opened another one)."""
        if self.pick is not None and self.pick.pane is pane:
            self.cancel(quiet=True)
        project, article_id = self.ctx.project, pane.article_id()
        relations: list[Relation] = []
        if project is not None and article_id is not None:
            try:
                relations = project.relations_in_article(article_id)
            except ProjectError as exc:
                self.ctx.report_error(exc)
        self.layers[pane].set_relations(relations)

    def _reload_types(self) -> None:
        project = self.ctx.project
        self._types = project.scheme().relations if project is not None else ()
        self._each(lambda layer: layer.set_types(self._types))

    def _each(self, fn: Callable[[RelationLayer], None]) -> None:
        for layer in self.layers.values():
            fn(layer)

    # ------------------------------------------------------------------ store events
    def _on_relation_added(self, rel: Relation) -> None:
        for layer in self.layers.values():
            layer.add(rel)

    def _on_relation_removed(self, rel: Relation) -> None:
        self._each(lambda layer: layer.remove(rel.id))

    def _on_span_removed(self, span: Span) -> None:
        if self.pick is not None and span.id == self.pick.source.id:
            self.cancel(quiet=True)
        self._each(lambda layer: layer.drop_span(span.id))

    def _on_span_added(self, span: Span) -> None:
        """A span restored by undo may bring its relations back with it."""
        project = self.ctx.project
        if project is None or not any(p.article_id() == span.article_id for p in self.layers):
            return
        for rel in project.relations_of(span.id):
            self._on_relation_added(rel)

    # ------------------------------------------------------------------ making one
    def start(self) -> bool:
        """R: make a relation from the selected span of the current pane."""
        pane = self.workbench.current()
        source = pane.selected_span()
        if source is None:
            self.message.emit(self.tr("Click a span first, then press R and pick the target"))
            return False
        if not self.can_edit(pane):
            return False
        if not self.layers[pane].shown():
            self.message.emit(self.tr("Relations are hidden: View ▸ Show Relations"))
            return False
        self.cancel(quiet=True)
        candidates = targets(source, pane.view.spans(), self._allowed)
        self.pick = Pick(pane, source, candidates)
        self.layers[pane].set_pending(source.id)
        pane.view.setFocus()
        self.message.emit(self.tr("Relation from {label} “{text}”: click the target, or Tab to "
                                  "it and press Enter; Esc cancels").format(
            label=source.label, text=excerpt(source.text)))
        return True

    def cycle(self, step: int) -> Span | None:
        """Tab / Shift+Tab: the next (previous) target, nearest first; shown and scrolled to."""
        pick = self.pick
        if pick is None or not pick.candidates:
            return None
        if pick.index < 0:
            pick.index = 0 if step > 0 else len(pick.candidates) - 1
        else:
            pick.index = (pick.index + step) % len(pick.candidates)
        target = pick.candidates[pick.index]
        view = pick.pane.view
        self.layers[pick.pane].set_pending(pick.source.id, target.id)
        scroll_to(view, view.offsets().to_utf16(target.start))
        self.message.emit(self.tr("Target {n} of {count}: {label} “{text}” (Enter confirms)")
                          .format(n=pick.index + 1, count=len(pick.candidates),
                                  label=target.label, text=excerpt(target.text)))
        return target

    def cancel(self, *, quiet: bool = False) -> None:
        pick, self.pick = self.pick, None
        if pick is not None:
            self.layers[pick.pane].set_pending(None)
            if not quiet:
                self.message.emit(self.tr("No relation made"))

    def finish(self, target: Span | None) -> Relation | None:
        """Make the relation from the source to ``target`` (asking the type when the scheme
        allows more than one); None when nothing was stored."""
        pick = self.pick
        self.cancel(quiet=True)
        if pick is None:
            return None
        if target is None or target.id == pick.source.id:
            self.message.emit(self.tr("No relation made: pick a span other than the source"))
            return None
        allowed = [t for t in self._types if t.allows(pick.source.label, target.label)]
        if not allowed:
            self.message.emit(self._why_not(pick.source, target))
            return None
        chosen = allowed[0].name
        if len(allowed) > 1:
            answer = interaction.ask_choice(
                pick.pane, self.tr("Relation type"),
                self.tr("{source} “{a}” → {target} “{b}”:").format(
                    source=pick.source.label, a=excerpt(pick.source.text), target=target.label,
                    b=excerpt(target.text)), [t.name for t in allowed])
            if answer is None:
                self.message.emit(self.tr("No relation made"))
                return None
            chosen = answer
        from annotator.ui.claims.relation_commands import AddRelation  # not at start-up

        command = AddRelation(self.ctx, pick.source, target, chosen)
        error = commands.push(self.ctx, command)
        if error is not None:
            self.message.emit(str(error))
            return None
        self.message.emit(self.tr("{type}: {a} → {b}").format(
            type=chosen, a=excerpt(pick.source.text), b=excerpt(target.text)))
        return command.relation

    def _allowed(self, from_label: str, to_label: str) -> bool:
        return any(t.allows(from_label, to_label) for t in self._types)

    def _why_not(self, source: Span, target: Span) -> str:
        if not self._types:
            return self.tr("No relation made: the scheme defines no relation types "
                           "(Edit ▸ Label Scheme)")
        types = "; ".join(f"{t.name} ({', '.join(t.from_labels)} → {', '.join(t.to_labels)})"
                          for t in self._types)
        return self.tr("No relation type goes from {a} to {b}. The scheme has: {types}").format(
            a=source.label, b=target.label, types=types)

    # ------------------------------------------------------------------ deleting
    def delete_selected(self) -> bool:
        """Delete: the selected relation of the current pane, if any (True: handled)."""
        pane = self.workbench.current()
        layer = self.layers[pane]
        rel = layer.relation(layer.selected) if layer.selected else None
        if rel is None:
            return False
        if self.can_edit(pane):
            from annotator.ui.claims.relation_commands import DeleteRelation

            source = pane.view.span(rel.from_span)
            error = commands.push(self.ctx, DeleteRelation(
                self.ctx, rel, source.text if source is not None else ""))
            if error is not None:
                self.message.emit(str(error))
        return True

    def describe(self, rel: Relation, pane: ArticlePane) -> str:
        a, b = pane.view.span(rel.from_span), pane.view.span(rel.to_span)
        if a is None or b is None:
            return rel.type
        return self.tr("{type}: {source} “{a}” → {target} “{b}”").format(
            type=rel.type, source=a.label, a=excerpt(a.text), target=b.label, b=excerpt(b.text))

    # ------------------------------------------------------------------ gestures
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in MOUSE or kind == QEvent.Type.ToolTip:
            pane = self._viewports.get(obj)
            if pane is not None and isinstance(event, QMouseEvent):
                return self._mouse(pane, event)
            if pane is not None and isinstance(event, QHelpEvent):
                return self._tooltip(pane, event)
        elif kind == QEvent.Type.KeyPress and self.pick is not None:
            pane = self._views.get(obj)
            if pane is not None and isinstance(event, QKeyEvent):
                return self._key(pane, event)
        elif (kind == QEvent.Type.ShortcutOverride and self.pick is not None
              and obj in self._views and isinstance(event, QKeyEvent)
              and event.key() in PICK_KEYS):
            event.accept()  # the pick's key, not a shortcut's (Enter accepts a suggestion)
        return False

    def _span_at(self, pane: ArticlePane, pos: QPointF, besides: str | None) -> Span | None:
        cp = pane.view.cp_at(pos.toPoint())
        found = pane.view.spans_at(cp) if cp is not None else []
        return next((s for s in found if s.id != besides), None)

    def _mouse(self, pane: ArticlePane, event: QMouseEvent) -> bool:
        kind, pos, pick = event.type(), event.position(), self.pick
        if kind == QEvent.Type.MouseMove:
            if pick is not None and pick.dragging and pick.pane is pane:
                pick.dropped_on = self._span_at(pane, pos, pick.source.id)
                self.layers[pane].set_pending(pick.source.id, pick.dropped_on.id
                                              if pick.dropped_on else None, pos)
                return True
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        if kind == QEvent.Type.MouseButtonRelease:
            if pick is not None and pick.dragging and pick.pane is pane:
                self.finish(pick.dropped_on)
                return True
            return False
        if kind != QEvent.Type.MouseButtonPress:
            return kind == QEvent.Type.MouseButtonDblClick and pick is not None
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return self._start_drag(pane, pos)
        if pick is not None and pick.pane is pane:
            target = self._span_at(pane, pos, pick.source.id)
            if target is None:
                self.message.emit(self.tr("Click a span to relate to, or press Esc"))
            else:
                self.finish(target)
            return True
        self.cancel(quiet=True)
        layer = self.layers[pane]
        rid = layer.relation_at(pos)
        layer.select(rid)
        if rid is None:
            return False
        pane.view.select_span(None)
        self.workbench.set_current(pane)
        pane.view.setFocus()
        rel = layer.relation(rid)
        if rel is not None:
            self.message.emit(self.describe(rel, pane) + self.tr(" (Delete removes it)"))
        return True

    def _start_drag(self, pane: ArticlePane, pos: QPointF) -> bool:
        source = self._span_at(pane, pos, None)
        if source is None or not self.layers[pane].shown():
            return False
        self.cancel(quiet=True)
        if self.can_edit(pane):
            self.workbench.set_current(pane)
            pane.view.select_span(source.id)
            self.pick = Pick(pane, source, [], dragging=True)
            self.layers[pane].set_pending(source.id, None, pos)
        return True

    def _key(self, pane: ArticlePane, event: QKeyEvent) -> bool:
        pick = self.pick
        if pick is None or pick.pane is not pane:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            backwards = key == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.cycle(-1 if backwards else +1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            target = pick.candidate()
            if target is None:
                self.message.emit(self.tr("Press Tab to pick a target first, or click one"))
            else:
                self.finish(target)
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        else:
            return False
        return True

    def _tooltip(self, pane: ArticlePane, event: QHelpEvent) -> bool:
        layer = self.layers[pane]
        rid = layer.relation_at(QPointF(event.pos()))
        rel = layer.relation(rid) if rid else None
        if rel is None:
            return False
        QToolTip.showText(event.globalPos(), self.describe(rel, pane), pane.view.viewport())
        return True
