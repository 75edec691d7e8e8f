"""The article view: one article's canonical text, its spans, selection, clicks and find.

Offsets cross the Qt boundary only through :class:`annotator.core.offsets.OffsetIndex`: the widget
shows ``article.text`` exactly (``setPlainText``), selections are read as UTF-16 positions from
``QTextCursor`` and converted, and the text is never read back from the widget.

Stored spans are painted under and over the text (:mod:`annotator.ui.span_paint`, from the runs
:class:`SpanHighlighter` computes per block, incrementally); the document is never formatted.
Find in article, the review's marks and the selected span's outline
(:mod:`annotator.ui.article_find`) are few and are painted over the visible blocks in
``paintEvent`` (a bisect over the matches finds the visible ones).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QToolTip, QWidget

from annotator.core import segment
from annotator.core.model import Article, Label, Span
from annotator.core.offsets import OffsetIndex
from annotator.ui.article_find import FindAndMarks
from annotator.ui.highlighter import SpanHighlighter
from annotator.ui.span_paint import SpanPainter
from annotator.ui.text_geometry import (
    char_at,
    range_rects,
    scroll_to,
    visible_range,
)

READ_ONLY_TINT = QColor("#eef1f5")
TOOLTIP_TEXT_CHARS = 80


class ArticleView(FindAndMarks):
    """A read-only, keyboard-selectable view of one article and its spans."""

    #: span id: the user clicked a span (repeated clicks cycle through overlapping ones), or
    #: "" when a click hit no span or Esc was pressed.
    spanActivated = Signal(str)
    #: code-point (start, end) of the text selection, end-exclusive; (-1, -1) when none.
    selectionChangedRange = Signal(int, int)
    #: A context menu is being built (payload: the QMenu, the code point under the mouse or
    #: -1): a direct connection adds the span and selection actions before it shows.
    contextMenuBuilding = Signal(object, int)
    #: The selected (outlined) span changed, by a click, Esc or a program (payload: its id,
    #: "" when none): what the inspector follows.
    selectedSpanChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The first viewport() of a process makes shiboken discover the C++ object's type,
        # which initialises every QWidget subclass PySide knows (QWizard, QMdiArea, ...: 36
        # enum types, tens of ms before the first paint, issue 14). findChild names the type:
        # the wrapper is made without that walk, and viewport() returns it from then on.
        self.findChild(QWidget, "qt_scrollarea_viewport",
                       Qt.FindChildOption.FindDirectChildrenOnly)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        self._article: Article | None = None
        self._replaced = 0  # counts set_article and set_spans (``replaced``)
        self._text = ""
        self._offsets = OffsetIndex("")
        self._highlighter = SpanHighlighter(self.document())
        self._span_painter = SpanPainter(self, self._highlighter)
        self._span_painter.clear()
        self._highlighter.changed = self._runs_changed
        self._snapping = True
        self._read_only_spans = False
        #: A span's extra words in its tooltip (the window: who adjudicated a gold span).
        self.describe: Callable[[Span], str] = lambda _span: ""
        self._selected: str | None = None
        self._press_pos: QPoint | None = None
        self._drag_anchor: int | None = None  # UTF-16 position where a mouse drag began
        self._double_click: tuple[float, QPoint] | None = None  # when and where (triple click)
        self._last_click: int | None = None
        self._init_find_and_marks()
        self._base_palette = QPalette(self.palette())
        #: Painted over the text after the view's own overlays, each with a fresh painter on
        #: the viewport (the relation layer's arcs).
        self.overlay_painters: list[Callable[[QPainter], None]] = []
        self.selectionChanged.connect(self._on_selection_changed)

    # ------------------------------------------------------------------ content
    def set_article(self, article: Article | None, spans: list[Span],
                    labels: list[Label], incomplete: Iterable[str] = ()) -> None:
        """Show ``article.text`` exactly, with ``spans`` (those in ``incomplete`` miss a
        required attribute: marked); scroll to the top, no selection."""
        self._article = article
        self._replaced += 1
        self._text = article.text if article is not None else ""
        self._offsets = OffsetIndex(self._text)
        had_selected, self._selected = self._selected is not None, None  # announced below,
        # once the new text and its cursor are in (a slot may read the cursor)
        self._last_click = None
        self._reset_find()
        self._marks, self._current_mark = [], -1
        self._highlighter.set_content(self._text, self._offsets, spans, labels, incomplete)
        self._span_painter.clear()
        self.setPlainText(self._text)  # spans are measured when their blocks are first drawn
        self._highlighter.loaded()  # raises if Qt changed the text (it never should)
        self.verticalScrollBar().setValue(0)
        if had_selected:
            self.selectedSpanChanged.emit("")

    def article(self) -> Article | None:
        return self._article

    def replaced(self) -> int:
        """How many times the article or the whole set of spans was replaced: whoever reads
        spans for later (a first screen's others) knows whether they still apply."""
        return self._replaced

    def offsets(self) -> OffsetIndex:
        """The code point <-> UTF-16 converter of the article shown."""
        return self._offsets

    def set_labels(self, labels: list[Label]) -> None:
        """New colors or names: every block is drawn anew."""
        self._highlighter.set_labels(labels)
        self._span_painter.clear()
        self.viewport().update()

    def set_spans(self, spans: list[Span], incomplete: Iterable[str] = ()) -> None:
        """Replace every span (e.g. another annotator's)."""
        self._replaced += 1
        self._highlighter.set_spans(spans, incomplete)
        if self._selected is not None and self._highlighter.span(self._selected) is None:
            self._set_selected(None)
        self._span_painter.clear()
        self.viewport().update()

    def add_span(self, span: Span) -> None:
        self._highlighter.add_span(span)  # repaints its lines (_runs_changed)

    def remove_span(self, span_id: str) -> None:
        self._highlighter.remove_span(span_id)
        if self._selected == span_id:
            self._set_selected(None)
            self.viewport().update()

    def replace_span(self, span: Span) -> None:
        self._highlighter.replace_span(span)
        if self._selected == span.id:
            self.viewport().update()

    def set_incomplete(self, span_id: str, incomplete: bool) -> None:
        """Mark or unmark one span as missing a required attribute (its blocks only)."""
        self._highlighter.set_incomplete(span_id, incomplete)

    def incomplete_ids(self) -> set[str]:
        return self._highlighter.incomplete_ids()

    def _runs_changed(self, blocks: list[int]) -> None:
        """Repaint the visible blocks whose runs a span change replaced, and only those: a
        full repaint of a view of Chinese text is most of a label key."""
        viewport = self.viewport()
        for rect in self._span_painter.forget(blocks, self._highlighter.last_ranges):
            viewport.update(rect)

    def spans(self) -> list[Span]:
        return self._highlighter.spans()

    def span(self, span_id: str) -> Span | None:
        """The span with this id, if the view shows it (a dict lookup)."""
        return self._highlighter.span(span_id)

    def highlighter(self) -> SpanHighlighter:
        return self._highlighter

    def span_painter(self) -> SpanPainter:
        return self._span_painter

    def spans_at(self, cp: int) -> list[Span]:
        """Spans covering the character at code point ``cp``, innermost first."""
        if not 0 <= cp < self._offsets.length:
            return []
        return self._highlighter.spans_at(self._offsets.to_utf16(cp))

    # ------------------------------------------------------------------ selection
    def selected_range(self, *, exact: bool = False) -> tuple[int, int] | None:
        """The text selection in code points: snapped to words unless ``exact`` or snapping is
        off; surrounding whitespace trimmed either way. None when empty or only whitespace."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self._offsets.span_from_utf16(cursor.selectionStart(), cursor.selectionEnd())
        lang = (self._article.language or None) if self._article is not None else None
        if self._snapping and not exact:
            start, end = segment.snap(self._text, start, end, lang)
        else:
            start, end = segment.trim(self._text, start, end)
        return (start, end) if end > start else None

    def language(self) -> str | None:
        return (self._article.language or None) if self._article is not None else None

    def cp_at(self, pos: QPoint) -> int | None:
        """Code point of the character drawn at ``pos`` (viewport coordinates), if any."""
        u = char_at(self, pos)
        return None if u is None else self._offsets.from_utf16(u, snap="left")

    def set_snapping(self, on: bool) -> None:
        self._snapping = bool(on)

    def snapping(self) -> bool:
        return self._snapping

    def selected_span_id(self) -> str | None:
        return self._selected

    def select_span(self, span_id: str | None, *, reveal: bool = True) -> None:
        """Outline the span (None or "" clears) and scroll it into view (not when ``reveal``
        is False: a span just made from the selection, which is where the user looks); the
        text selection stays as it is."""
        before = self._highlighter.span(self._selected) if self._selected else None
        span = self._highlighter.span(span_id) if span_id else None
        self._set_selected(span.id if span is not None else None)
        scrolled = self.verticalScrollBar().value()
        if span is not None and reveal:
            scroll_to(self, self._offsets.to_utf16(span.start))
        if self.verticalScrollBar().value() != scrolled:
            self.viewport().update()
            return
        # only where an outline goes or comes: a full repaint of a view of Chinese text is the
        # largest part of a label key
        for changed in (before, span):
            if changed is not None and not self._update_outline(changed):
                self.viewport().update()
                return

    def _set_selected(self, span_id: str | None) -> None:
        if span_id != self._selected:
            self._selected = span_id
            self.selectedSpanChanged.emit(span_id or "")

    def _update_outline(self, span: Span) -> bool:
        """Schedule a repaint of the span's outline; False when its place is not known yet (a
        block not laid out since it changed): then the caller repaints everything."""
        lo, hi = visible_range(self)
        ustart, uend = self._offsets.span_to_utf16(span.start, span.end)
        if ustart >= hi or uend <= lo:
            return True  # out of view: nothing to repaint
        rects = range_rects(self, ustart, uend, lo, hi)
        if not rects:
            return False
        for rect in rects:
            self.viewport().update(rect.toAlignedRect().adjusted(-4, -3, 4, 3))
        return True

    def copy(self) -> None:
        """Copy the stored characters (Qt's own copy turns NBSP into spaces).

        Not done by overriding createMimeDataFromSelection: a QMimeData made in Python and
        left on the clipboard is freed twice when the application exits (a crash at quit).
        """
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = self._offsets.span_from_utf16(cursor.selectionStart(),
                                                       cursor.selectionEnd())
            QApplication.clipboard().setText(self._text[start:end])

    def context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a right click at ``pos`` (viewport coordinates): Copy and Select All,
        plus what :attr:`contextMenuBuilding`'s receivers add (the span's actions)."""
        menu = self.createStandardContextMenu(pos)
        for action in menu.actions():
            if action.objectName() == "edit-copy":
                action.triggered.disconnect()
                action.triggered.connect(self.copy)
        cp = self.cp_at(pos)
        self.contextMenuBuilding.emit(menu, -1 if cp is None else cp)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    # ------------------------------------------------------------------ appearance
    def set_font_point_size(self, pt: float) -> None:
        font = self.font()
        font.setPointSizeF(max(4.0, float(pt)))
        self.setFont(font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # new line metrics: measure again
            self._span_painter.clear()

    def font_point_size(self) -> float:
        return self.font().pointSizeF()

    def set_read_only_spans(self, ro: bool) -> None:
        """Mark the view as showing spans that cannot be edited here (a tinted background)."""
        self._read_only_spans = bool(ro)
        palette = QPalette(self._base_palette)
        if ro:
            palette.setColor(QPalette.ColorRole.Base, READ_ONLY_TINT)
        self.setPalette(palette)

    def read_only_spans(self) -> bool:
        return self._read_only_spans

    # ------------------------------------------------------------------ events
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.clear_selection()
            self.select_span(None)
            self.spanActivated.emit("")
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        left = event.button() == Qt.MouseButton.LeftButton
        pos = event.position().toPoint()
        double, self._double_click = self._double_click, None
        if left and double is not None and self._is_triple(double, pos):
            self._press_pos = self._drag_anchor = None
            sentence = self._range_at(pos, sentence=True)
            if sentence is not None:
                self._select_shown(*sentence)
            event.accept()
            return
        self._press_pos = pos if left else None
        if left and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # a press starts afresh, inside the selection too: Qt would keep the selection
            # there for a drag of the selected text (a read-only view has nothing to drop it
            # on) and, depending on the font's glyph boxes, not clear it on release
            cursor = self.textCursor()
            if cursor.hasSelection():
                cursor.clearSelection()
                self.setTextCursor(cursor)
        super().mousePressEvent(event)
        self._drag_anchor = self.textCursor().anchor() if left else None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """The word under the mouse (jieba's, with the project terms, in Chinese; Qt's own
        picks the whole run of Han characters: a paragraph)."""
        self._press_pos = self._drag_anchor = None  # it selects a word; it does not pick a span
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        pos = event.position().toPoint()
        self._double_click = (time.monotonic(), pos)
        word = self._range_at(pos, sentence=False)
        if word is not None:
            self._select_shown(*word)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseMoveEvent(event)
        if self._drag_anchor is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._show_snapped()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if self._drag_anchor is not None and event.button() == Qt.MouseButton.LeftButton:
            self._show_snapped()
            self._drag_anchor = None
        press, self._press_pos = self._press_pos, None
        pos = event.position().toPoint()
        if (event.button() == Qt.MouseButton.LeftButton and press is not None
                and (pos - press).manhattanLength() < QApplication.startDragDistance()
                and not self.textCursor().hasSelection()):
            self._click(pos)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            u = char_at(self, event.pos())
            tip = self._tooltip(u)
            if tip and u is not None:  # shown while the mouse stays on that character
                lo, hi = visible_range(self)
                rects = range_rects(self, u, u + 1, lo, hi)
                area = rects[0].toAlignedRect() if rects else QRect()
                QToolTip.showText(event.globalPos(), tip, self.viewport(), area)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self.viewport())
        try:
            painter.setClipRect(event.rect())
            self._span_painter.paint_under(painter, event.rect())  # washes under the text
        finally:
            painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        try:
            painter.setClipRect(event.rect())
            self._span_painter.paint_over(painter)  # the lines under the characters
        finally:
            painter.end()
        if self._matches or self._selected is not None or self._marks:
            painter = QPainter(self.viewport())
            try:
                # the blocks meeting the paint, and a few pixels more: an outline's stroke
                # reaches a little past its line
                self._paint_overlays(painter, event.rect().adjusted(0, -4, 0, 4))
            finally:
                painter.end()
        for paint in self.overlay_painters:
            painter = QPainter(self.viewport())
            try:
                paint(painter)
            finally:
                painter.end()

    # ------------------------------------------------------------------ helpers
    def _is_triple(self, double: tuple[float, QPoint], pos: QPoint) -> bool:
        when, where = double
        return (time.monotonic() - when < QApplication.doubleClickInterval() / 1000
                and (pos - where).manhattanLength() < QApplication.startDragDistance())

    def _range_at(self, pos: QPoint, *, sentence: bool) -> tuple[int, int] | None:
        """The word (or sentence) under ``pos``; None off the text or on whitespace."""
        cp = self.cp_at(pos)
        if cp is None:
            return None
        if sentence:
            return segment.sentence_at(self._text, cp)
        return segment.word_at(self._text, cp, self.language())

    def _select_shown(self, start: int, end: int) -> None:
        """Select ``[start, end)`` as it would be stored: snapped when snapping is on."""
        if self._snapping:
            start, end = segment.snap(self._text, start, end, self.language())
        if end > start:
            self.select_range(start, end)

    def _show_snapped(self) -> None:
        """During a mouse drag, show the selection as a label key would store it: from the
        drag's raw anchor to the mouse, snapped (a cached segmentation of the line or
        sentence around each end, not of the article)."""
        if not self._snapping or self._drag_anchor is None:
            return
        cursor = self.textCursor()
        anchor, position = self._drag_anchor, cursor.position()
        if anchor == position:
            return
        lo, hi = sorted((anchor, position))
        start, end = self._offsets.span_from_utf16(lo, hi)
        start, end = segment.snap(self._text, start, end, self.language())
        ustart, uend = self._offsets.span_to_utf16(start, end)
        if end <= start:  # only whitespace or punctuation: nothing would be stored
            ustart = uend = position
        first, last = (ustart, uend) if position >= anchor else (uend, ustart)
        if (cursor.anchor(), cursor.position()) == (first, last):
            return
        snapped = QTextCursor(self.document())
        snapped.setPosition(first)
        snapped.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(snapped)

    def _on_selection_changed(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = self._offsets.span_from_utf16(cursor.selectionStart(),
                                                       cursor.selectionEnd())
            self.selectionChangedRange.emit(start, end)
        else:
            self.selectionChangedRange.emit(-1, -1)

    def _click(self, pos: QPoint) -> None:
        u = char_at(self, pos)
        found = self._highlighter.spans_at(u) if u is not None else []
        if not found:
            self._last_click = None
            self.select_span(None)
            self.spanActivated.emit("")
            return
        ids = [s.id for s in found]
        i = 0
        if u == self._last_click and self._selected in ids:
            i = (ids.index(self._selected) + 1) % len(ids)
        self._last_click = u
        self._set_selected(ids[i])
        self.viewport().update()
        self.spanActivated.emit(ids[i])

    def _tooltip(self, u: int | None) -> str:
        import html  # with its entity table: ~3 ms, wanted only by the first tooltip

        found = self._highlighter.spans_at(u) if u is not None else []
        parts = []
        for span in found:
            color = self._highlighter.label_color(span.label).name()
            text = span.text if len(span.text) <= TOOLTIP_TEXT_CHARS else (
                span.text[:TOOLTIP_TEXT_CHARS] + "…")
            row = (f"<b style='color:{color}'>■ {html.escape(span.label)}</b>"
                   f" <span style='color:#666'>{html.escape(span.annotator or '?')}</span>")
            if extra := self.describe(span):
                row += f" <span style='color:#666'>({html.escape(extra)})</span>"
            row += f"<br>{html.escape(text)}"
            description = self._highlighter.label_description(span.label)
            if description:
                row += f"<br><span style='color:#555'>{html.escape(description)}</span>"
            if span.note:
                row += f"<br><i>{html.escape(span.note)}</i>"
            parts.append(row)
        return "<hr>".join(parts)
