"""The annotation list dock: the current pane's spans in text order; click or Enter jumps."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
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
        self.table = row_table(self.model, "annotationTable")
        header = self.table.horizontalHeader()
        # Label and Annotator fit their contents, measured on one row per distinct value
        # (_fit): Qt's ResizeToContents would ask the model for thousands of cells per change.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SpanListModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(SpanListModel.NOTE, 70)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setWidget(box)

        self.table.clicked.connect(self._choose)
        self.table.activated.connect(self._choose)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.dataChanged):  # a relabel changes the counts in place
            signal.connect(self._update_summary)
        self._update_summary()

    # ------------------------------------------------------------------ following the pane
    def set_spans(self, spans: list[Span]) -> None:
        self.model.set_spans(spans)
        self._fit(spans, widen_only=False)

    def add_span(self, span: Span) -> None:
        self.model.add(span)
        self._fit([span])

    def _fit(self, spans: Sequence[Span], *, widen_only: bool = True) -> None:
        """Size the Label and Annotator columns to their widest cell, asking the view for the
        size of one row per distinct label and annotator (what ResizeToContents gives, without
        its pass over every row). A value measured once is not measured again until the list
        is refilled: a label key adds a label and an annotator already shown."""
        if not widen_only:
            self._measured.clear()
        header = self.table.horizontalHeader()
        for column, field in ((SpanListModel.LABEL, "label"),
                              (SpanListModel.ANNOTATOR, "annotator")):
            values = list(map(attrgetter(field), spans))  # one pass at C speed, then a
            new = set(values).difference(  # row per value not measured yet
                v for c, v in self._measured if c == column)
            self._measured.update((column, value) for value in new)
            rows = (self.model.row_of(spans[values.index(value)].id) for value in new)
            widest = max((self.table.sizeHintForIndex(self.model.index(row, column)).width()
                          for row in rows if row >= 0), default=0)
            if not widen_only:
                widest = max(widest, header.sectionSizeHint(column))
            if not widen_only or widest > header.sectionSize(column):
                header.resizeSection(column, widest)

    def remove_span(self, span: Span) -> None:
        self.model.remove(span.id)

    def change_span(self, span: Span) -> None:
        self.model.replace(span)
        self._fit([span])

    def highlight(self, span_id: str) -> None:
        """Select the row of ``span_id`` ("" clears) without jumping."""
        row = self.model.row_of(span_id) if span_id else -1
        if row < 0:
            self.table.clearSelection()
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows)
        self.table.scrollTo(index)

    # ------------------------------------------------------------------ slots
    def _choose(self, index: QModelIndex) -> None:
        span = self.model.span_at(index.row())
        if span is not None:
            self.spanChosen.emit(span)

    def _update_summary(self, *_args: object) -> None:
        counts = +self.model.label_counts()  # unary plus drops labels counted down to 0
        total = sum(counts.values())
        if not total:
            self.summary.setText(self.tr("No spans yet: select text and press a label key"))
            return
        parts = ", ".join(f"{n} {label}" for label, n in counts.most_common())
        self.summary.setText(self.tr("{0} span(s): {1}").format(total, parts))
