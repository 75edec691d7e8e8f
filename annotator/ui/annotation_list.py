"""The annotation list dock: the current pane's spans in text order; click or Enter jumps.

Suggestions (origin ``suggested``, issue 12) are listed apart, under a "Suggestions (N)"
heading below the annotator's own spans, and are not counted in the summary: they are not
work done until accepted."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label, Span
from annotator.store.suggest import SUGGESTED
from annotator.ui.fast_cells import FastTable
from annotator.ui.models import SpanListModel
from annotator.ui.tables import row_table
from annotator.ui.text_line import TextLine


class AnnotationListDock(QDockWidget):
    #: Show this span in the current pane (payload: Span).
    spanChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("AnnotationListDock", "Annotations"), parent)
        self.setObjectName("annotationDock")
        self.model = SpanListModel(self)
        self._measured: set[tuple[int, str]] = set()  # (column, value) sized by _fit
        self.summary = TextLine()  # changes on every label key: must not re-lay out
        self.summary.setObjectName("annotationSummary")
        self.table = _span_table(self.model, "annotationTable")
        #: the annotator's suggestions, apart (accepting one moves it up to ``model``)
        self.suggestion_model = SpanListModel(self)
        self._measured_suggestions: set[tuple[int, str]] = set()
        self.suggestion_heading = TextLine()
        self.suggestion_heading.setObjectName("suggestionHeading")
        font = self.suggestion_heading.font()
        font.setBold(True)
        self.suggestion_heading.setFont(font)
        self.suggestion_table = _span_table(self.suggestion_model, "suggestionTable")
        self.suggestion_box = QWidget()  # the heading and its table: hidden when none
        column = QVBoxLayout(self.suggestion_box)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.suggestion_heading)
        column.addWidget(self.suggestion_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(self.suggestion_box)
        split.setStretchFactor(0, 2)  # your own spans first: two thirds of the room
        split.setStretchFactor(1, 1)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.setWidget(box)

        for table in (self.table, self.suggestion_table):
            table.clicked.connect(lambda index, t=table: self._choose(index, t))
            table.activated.connect(lambda index, t=table: self._choose(index, t))
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.dataChanged):  # a relabel changes the counts in place
            signal.connect(self._update_summary)
        for signal in (self.suggestion_model.modelReset, self.suggestion_model.rowsInserted,
                       self.suggestion_model.rowsRemoved):
            signal.connect(self._update_heading)
        self._update_summary()
        self._update_heading()

    # ------------------------------------------------------------------ following the pane
    def set_labels(self, labels: list[Label]) -> None:
        self.model.set_labels(labels)
        self.suggestion_model.set_labels(labels)

    def set_spans(self, spans: list[Span]) -> None:
        suggested = [s for s in spans if s.origin == SUGGESTED]
        if suggested:
            spans = [s for s in spans if s.origin != SUGGESTED]
        self.model.set_spans(spans)
        self._fit(spans, widen_only=False)
        self.suggestion_model.set_spans(suggested)
        self._fit(suggested, widen_only=False, suggestions=True)

    def show_loading(self, count: int) -> None:
        """No rows while the pane reads an article's ``count`` spans (after its first screen):
        the summary says so instead of counting the few in sight."""
        self.set_spans([])
        self.summary.setText(self.tr("Reading {0} spans…").format(count))

    def add_span(self, span: Span) -> None:
        suggested = span.origin == SUGGESTED
        (self.suggestion_model if suggested else self.model).add(span)
        self._fit([span], suggestions=suggested)

    def _fit(self, spans: Sequence[Span], *, widen_only: bool = True,
             suggestions: bool = False) -> None:
        """Size the Label and Annotator columns to their widest cell, asking the view for the
        size of one row per distinct label and annotator (what ResizeToContents gives, without
        its pass over every row). A value measured once is not measured again until the list
        is refilled: a label key adds a label and an annotator already shown."""
        table, model, measured = ((self.suggestion_table, self.suggestion_model,
                                   self._measured_suggestions) if suggestions
                                  else (self.table, self.model, self._measured))
        if not widen_only:
            measured.clear()
        header = table.horizontalHeader()
        for column, field in ((SpanListModel.LABEL, "label"),
                              (SpanListModel.ANNOTATOR, "annotator")):
            values = list(map(attrgetter(field), spans))  # one pass at C speed, then a
            new = set(values).difference(  # row per value not measured yet
                v for c, v in measured if c == column)
            measured.update((column, value) for value in new)
            rows = (model.row_of(spans[values.index(value)].id) for value in new)
            widest = max((table.sizeHintForIndex(model.index(row, column)).width()
                          for row in rows if row >= 0), default=0)
            if not widen_only:
                widest = max(widest, header.sectionSizeHint(column))
            if not widen_only or widest > header.sectionSize(column):
                header.resizeSection(column, widest)

    def remove_span(self, span: Span) -> None:
        self.model.remove(span.id)
        self.suggestion_model.remove(span.id)

    def change_span(self, span: Span) -> None:
        """A changed span; an accepted suggestion moves up to the annotator's spans (and
        back down on undo)."""
        suggested = span.origin == SUGGESTED
        home, other = ((self.suggestion_model, self.model) if suggested
                       else (self.model, self.suggestion_model))
        if other.row_of(span.id) >= 0:
            other.remove(span.id)
            home.add(span)
        else:
            home.replace(span)
        self._fit([span], suggestions=suggested)

    def highlight(self, span_id: str) -> None:
        """Select the row of ``span_id`` ("" clears) without jumping."""
        for table, model in ((self.table, self.model),
                             (self.suggestion_table, self.suggestion_model)):
            row = model.row_of(span_id) if span_id else -1
            if row < 0:
                table.clearSelection()
                continue
            index = model.index(row, 0)
            table.selectionModel().setCurrentIndex(
                index, table.selectionModel().SelectionFlag.ClearAndSelect
                | table.selectionModel().SelectionFlag.Rows)
            table.scrollTo(index)

    # ------------------------------------------------------------------ slots
    def _choose(self, index: QModelIndex, table: QTableView) -> None:
        model = self.suggestion_model if table is self.suggestion_table else self.model
        span = model.span_at(index.row())
        if span is not None:
            self.spanChosen.emit(span)

    def _update_heading(self, *_args: object) -> None:
        """"Suggestions (N)" with the keys, or nothing at all when none is left."""
        count = self.suggestion_model.rowCount()
        self.suggestion_heading.setText(self.tr(
            "Suggestions ({0}): A accepts, X rejects").format(count))
        self.suggestion_heading.setToolTip(self.tr(
            "Suggested spans, not yours until accepted: A or Enter accepts the selected one, "
            "X rejects it (never suggested again), Shift+A accepts every suggestion of its "
            "label"))
        self.suggestion_box.setVisible(count > 0)

    def _update_summary(self, *_args: object) -> None:
        counts = +self.model.label_counts()  # unary plus drops labels counted down to 0
        total = sum(counts.values())
        if not total:
            self.summary.setText(self.tr("No spans yet: select text and press a label key"))
            return
        parts = ", ".join(f"{n} {label}" for label, n in counts.most_common())
        self.summary.setText(self.tr("{0} span(s): {1}").format(total, parts))


def _span_table(model: SpanListModel, name: str) -> FastTable:
    """A table of spans whose Label and Annotator columns fit their contents, measured on one
    row per distinct value (``_fit``): Qt's ResizeToContents would ask the model for
    thousands of cells per change."""
    table = row_table(model, name, view=FastTable)
    assert isinstance(table, FastTable)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(SpanListModel.TEXT, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    header.resizeSection(SpanListModel.NOTE, 70)
    table.paint_cells(model)  # a label key repaints every row shown
    return table
