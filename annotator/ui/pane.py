"""One article pane: a header (title, whose spans), the article view and its find bar.

A pane shows one article with the spans of everyone ("All"), of the current annotator ("My
spans") or of one other annotator, read-only. It applies span events that concern it and
re-emits them, so the annotation list can follow the focused pane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Article, Span
from annotator.store import ProjectError
from annotator.ui.actions import SPECS
from annotator.ui.article_view import ArticleView
from annotator.ui.context import AppContext
from annotator.ui.first_screen import MANY_SPANS, text_in_sight
from annotator.ui.tasks import after_first_paint

if TYPE_CHECKING:
    from annotator.ui.find_bar import FindBar

ALL = "*"
#: A first screen's other spans are read after the view's next paint, or this long after the
#: opening when the view is not painted (a window kept hidden).
REST_AT_THE_LATEST_MS = 3000
MINE = "@me"
#: With two panes shown, the current one has a line this high and this colour along its top.
ACCENT_HEIGHT = 3
ACCENT = QColor("#3d7bd9")


class ArticlePane(QFrame):
    #: The article shown changed (payload: Article or None).
    articleChanged = Signal(object)
    #: The spans shown were replaced (payload: list of Span in text order).
    spansReset = Signal(object)
    #: An article opened by its first screen: its spans in sight are shown, and this many
    #: (every span, the kept count) are read after the next paint, then ``spansReset``.
    spansLoading = Signal(int)
    #: A span appeared in this pane (payload: Span).
    spanAdded = Signal(object)
    #: A span left this pane (payload: the Span as it was).
    spanRemoved = Signal(object)
    #: A span shown here changed (payload: the Span now).
    spanChanged = Signal(object)
    #: The close button of the header was clicked (right pane only).
    closeRequested = Signal()

    def __init__(self, ctx: AppContext, name: str, *, closable: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"{name}Pane")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        bold = self.title.font()
        bold.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(bold)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.who = QComboBox()
        self.who.setObjectName("paneAnnotators")
        self.who.setToolTip(self.tr("Whose spans this pane shows; another annotator's are read-only"))
        self.who.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close the right pane (Ctrl+\\)"))
        self.close_button.setVisible(closable)
        self.view = ArticleView(self)
        self._loaded_labels: list = []  # the scheme the shown spans were read under
        self._loaded_scheme: object = None  # the Scheme their incomplete marks were read under
        self._find_bar: FindBar | None = None  # made when Ctrl+F first asks for it
        #: (spans still to read after a first screen, ``view.replaced()`` when it showed)
        self._rest = (0, -1)

        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 4, 4)
        header.addWidget(self.title, 1)
        header.addWidget(self.who)
        header.addWidget(self.close_button)
        layout = self._column = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.setContentsMargins(0, ACCENT_HEIGHT, 0, 0)  # the accent's room, drawn or not
        layout.addLayout(header)
        layout.addWidget(self.view, 1)  # the find bar goes under it (``find_bar``)
        self._fill_annotators()
        self.title.setText(self._placeholder())

        self.who.activated.connect(self._on_who_activated)
        self.close_button.clicked.connect(self.closeRequested)
        self.view.selectionChangedRange.connect(self._on_selection)

    @property
    def find_bar(self) -> FindBar:
        """The find bar under the view (Ctrl+F), hidden until opened; made when first asked
        for (a pane that is never searched costs the start nothing for it)."""
        if self._find_bar is None:
            from annotator.ui.find_bar import FindBar

            bar = self._find_bar = FindBar(self)
            bar.attach(self.view)
            bar.hide()
            self._column.addWidget(bar)
        return self._find_bar

    def set_accent(self, on: bool) -> None:
        """Show (or take away) the line along the top that tells the current of two panes."""
        if bool(self.property("current")) != on:
            self.setProperty("current", on)
            self.update(0, 0, self.width(), ACCENT_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """The accent line of the current pane (property ``current``, set by the workbench):
        painted, not styled, so no style sheet makes the article view draw through
        QStyleSheetStyle (issue 14: ~15 ms of start-up)."""
        super().paintEvent(event)
        if self.property("current"):
            painter = QPainter(self)
            painter.fillRect(0, 0, self.width(), ACCENT_HEIGHT, ACCENT)
            painter.end()

    # ------------------------------------------------------------------ what is shown
    def article(self) -> Article | None:
        return self.view.article()

    def article_id(self) -> int | None:
        article = self.view.article()
        return article.id if article is not None else None

    def span_filter(self) -> str | None:
        """None for everyone's spans, else the one annotator whose spans are shown."""
        key = self.who.currentData()
        if key == MINE:
            return self.ctx.annotator
        return None if key in (None, ALL) else str(key)

    def is_read_only(self) -> bool:
        who = self.span_filter()
        return who is not None and who != self.ctx.annotator

    def accepts(self, span: Span) -> bool:
        who = self.span_filter()
        return span.article_id == self.article_id() and (who is None or span.annotator == who)

    def open_article(self, article_id: int | None, *, keep_scroll: bool = False,
                     first_screen: int | None = None) -> None:
        """Show an article with its spans. ``first_screen``: open it scrolled there, and if it
        holds many spans, read those in sight first and the others after the next paint
        (``first_screen.py``)."""
        project = self.ctx.project
        if article_id is None or project is None:
            self._show(None, [])
            return
        try:
            article = project.article(article_id)
            count = (project.article_span_count(article_id)
                     if first_screen is not None and not self.isHidden() else 0)
            spans = ([] if count > MANY_SPANS else
                     project.spans(article_id, annotator=self.span_filter()))
        except ProjectError as exc:
            self.ctx.report_error(str(exc))
            return
        bar = self.view.verticalScrollBar()
        position = bar.value() if keep_scroll else first_screen
        if count > MANY_SPANS:
            self._show_first_screen(article, position or 0, count)
            return
        self._show(article, spans)
        if position is not None:
            bar.setValue(position)

    def loading(self) -> int:
        """How many spans a first screen still has to read (0: every span is shown)."""
        count, shown = self._rest
        return count if shown == self.view.replaced() else 0

    def _show_first_screen(self, article: Article, position: int, count: int) -> None:
        """The text scrolled to ``position`` with the spans in sight; every span after the
        view's next paint (or a moment later when it is not painted)."""
        project = self.ctx.require_project()
        self._loaded_labels = list(self.ctx.labels())
        self.view.set_article(article, [], self._loaded_labels)
        self.view.verticalScrollBar().setValue(position)
        try:
            spans = project.spans(article.id, annotator=self.span_filter(),
                                  starts=text_in_sight(self.view, self.view.offsets()))
        except ProjectError as exc:
            self.ctx.report_error(str(exc))
            spans = []
        self.view.set_spans(spans, self._incomplete_among(article, spans))
        self._rest = (count, self.view.replaced())  # void once the view is given other spans
        self._show_title(article)
        self.articleChanged.emit(article)
        self.spansLoading.emit(count)
        after_first_paint(self.view.viewport(), self._read_the_rest)
        QTimer.singleShot(REST_AT_THE_LATEST_MS, self, self._read_the_rest)

    def _read_the_rest(self) -> None:
        """Every span of the article a first screen showed (once; nothing when the view's
        article or spans were replaced since: another opening, review mode's layers)."""
        article, project = self.article(), self.ctx.project
        if not self.loading() or article is None or project is None:
            return
        self._rest = (0, -1)
        try:
            spans = project.spans(article.id, annotator=self.span_filter())
        except ProjectError as exc:
            self.ctx.report_error(str(exc))
            return
        self.view.set_spans(spans, self._incomplete_among(article, spans))
        self.spansReset.emit(spans)

    def reload(self) -> None:
        """Read this pane's article and spans again (labels or filter changed)."""
        self.open_article(self.article_id(), keep_scroll=True)

    def show_annotator(self, who: str | None) -> None:
        """Show everyone's spans (None), mine (the current name) or another annotator's."""
        key = ALL if who is None else (MINE if who == self.ctx.annotator else who)
        self._fill_annotators(extra=key)
        self.who.setCurrentIndex(max(0, self.who.findData(key)))
        self._apply_filter()

    def refresh_annotators(self) -> None:
        self._fill_annotators(extra=self.who.currentData())

    # ------------------------------------------------------------------ span events
    def apply_added(self, span: Span) -> None:
        if self.accepts(span):
            self._mark_incomplete(span)
            self.view.add_span(span)
            self.spanAdded.emit(span)

    def apply_removed(self, span: Span) -> None:
        if span.article_id == self.article_id() and self._shows(span.id):
            self.view.remove_span(span.id)
            self.spanRemoved.emit(span)

    def apply_changed(self, span: Span) -> None:
        if self.accepts(span) and self._shows(span.id):
            self._mark_incomplete(span)  # a relabel: other required attributes
            self.view.replace_span(span)
            self.spanChanged.emit(span)

    def apply_attributes(self, span_id: str) -> None:
        """A span's attribute values changed: its incomplete mark follows."""
        span = self.view.span(span_id)
        if span is not None:
            self.view.set_incomplete(span_id, self._is_incomplete(span))

    def selected_span(self) -> Span | None:
        span_id = self.view.selected_span_id()
        return self.view.span(span_id) if span_id else None

    # ------------------------------------------------------------------ helpers
    def _shows(self, span_id: str) -> bool:
        return self.view.span(span_id) is not None  # a lookup, not a sort of every span

    def labels_changed(self, labels: list) -> None:
        """Recolor; read the spans again only when the scheme differs from the one they were
        read under (a rename changes their labels), not when a new project announces the
        scheme its first article was just opened with."""
        self.view.set_labels(labels)
        if self.article_id() is not None and labels != self._loaded_labels:
            self.reload()
        elif self.article_id() is not None and self._scheme() is not self._loaded_scheme \
                and not self.loading():  # else the rest, read soon, is marked then
            # attributes may have become required, or not (the scheme is a new object after
            # any change; at start the project announces the one just read: nothing to redo)
            spans = self.view.spans()
            incomplete = self._incomplete_among(self.article(), spans)
            if incomplete != self.view.incomplete_ids():
                self.view.set_spans(spans, incomplete)

    def _mark_incomplete(self, span: Span) -> None:
        """Before the span is drawn: whether it misses a required attribute."""
        self.view.highlighter().set_incomplete(span.id, self._is_incomplete(span))

    def _is_incomplete(self, span: Span) -> bool:
        project = self.ctx.project
        try:
            return project is not None and project.is_incomplete(span)
        except ProjectError:
            return False

    def _scheme(self) -> object:
        """The project's scheme as it is now (cached by the store until it changes)."""
        try:
            return self.ctx.project.scheme() if self.ctx.project is not None else None
        except ProjectError:
            return None

    def _incomplete_among(self, article: Article | None, spans: list[Span]) -> set[str]:
        project = self.ctx.project
        self._loaded_scheme = self._scheme()
        if article is None or project is None:
            return set()
        try:
            return project.incomplete_among(article.id, spans)
        except ProjectError as exc:
            self.ctx.report_error(str(exc))
            return set()

    def _show(self, article: Article | None, spans: list[Span]) -> None:
        self._loaded_labels = list(self.ctx.labels())
        self.view.set_article(article, spans, self._loaded_labels,
                              self._incomplete_among(article, spans))
        self._show_title(article)
        self.articleChanged.emit(article)
        self.spansReset.emit(spans)  # in text order from the store: no sort of 10k spans

    def _show_title(self, article: Article | None) -> None:
        self.view.set_read_only_spans(self.is_read_only())
        self.title.setText((article.title or f"(article {article.id})") if article else
                           self._placeholder())
        self.title.setToolTip(article.title if article else "")

    def _placeholder(self) -> str:
        if self.ctx.project is None:
            return self.tr("No project open: File ▸ New Project or Open Project")
        if not any(self.ctx.project.status_counts().values()):  # kept counts: no scan
            spec = SPECS["import_files"]
            keys = QKeySequence(spec.keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            return self.tr("No articles yet: add them with File ▸ {0} ({1})").format(
                spec.text.replace("&", ""), keys)
        return self.tr("No article open: pick one in the article list")

    def _fill_annotators(self, extra: object = None) -> None:
        current = extra if extra is not None else self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem(self.tr("All annotators"), ALL)
        self.who.addItem(self.tr("My spans ({name})").format(name=self.ctx.annotator), MINE)
        others = self.ctx.project.annotators() if self.ctx.project is not None else []
        if isinstance(current, str) and current not in (ALL, MINE) and current not in others:
            others.append(current)
        for name in sorted(set(others) - {self.ctx.annotator}):
            self.who.addItem(self.tr("{name} (read-only)").format(name=name), name)
        self.who.setCurrentIndex(max(0, self.who.findData(current if current else ALL)))
        self.who.blockSignals(False)

    def _on_who_activated(self, _index: int) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.view.set_read_only_spans(self.is_read_only())
        self.reload()

    def _on_selection(self, start: int, end: int) -> None:
        """A new text selection deselects the span, unless it is exactly that span."""
        if start < 0:
            return
        span = self.selected_span()
        if span is not None and (span.start, span.end) != (start, end):
            self.view.select_span(None)
