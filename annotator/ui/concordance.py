"""The Concordance dock (View ▸ Concordance): every span of the project in context.

Filters as ``annotator concordance``: a label, an annotator, a substring of the span's text, and
the context's width. Rows arrive a page at a time (``store/concordance.py``), each page read in
Qt's thread pool through its own read-only connection: the first page comes at once, and the
table asks for the next one as it scrolls to the end (``canFetchMore``/``fetchMore``), so a
million spans never freeze the window. A click on the Left, Span or Right header sorts every
matching span by that column (the left context read backwards from the span, as KWIC tools
sort), in SQLite, off the GUI thread; the pages then follow that order. A double-click (or
Enter) opens the article at the span, as a search hit does. **Export CSV…** writes every
matching line, in the order shown, with the command line's columns.

The dock builds nothing (no widgets, no query) until it is first shown: start-up stays as fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.store import Project
from annotator.store.concordance import (
    DEFAULT_WIDTH,
    PAGE,
    ConcordanceQuery,
    Line,
    SortKey,
    lines,
    lines_by_rowids,
    one_line,
    pages,
    sorted_rowids,
)
from annotator.ui import interaction
from annotator.ui.lazy_dock import LazyDock
from annotator.ui.models import ID_ROLE, FlatTableModel, Index
from annotator.ui.tables import row_table
from annotator.ui.tasks import run_task

CSV_FILTER = str(QT_TRANSLATE_NOOP("interaction", "CSV files (*.csv);;All files (*)"))
#: Typing pauses this long before the query runs again.
TYPING_PAUSE_MS = 250
#: The columns a header click sorts by.
SORTABLE: dict[int, SortKey] = {0: "left", 1: "text", 2: "right"}


class ConcordanceModel(FlatTableModel):
    """The lines read so far; asks for more (``moreWanted``) when a view scrolls to the end."""

    HEADERS = (str(QT_TRANSLATE_NOOP("Headers", "Left")), str(QT_TRANSLATE_NOOP("Headers", "Span")),
               str(QT_TRANSLATE_NOOP("Headers", "Right")), str(QT_TRANSLATE_NOOP("Headers", "Label")),
               str(QT_TRANSLATE_NOOP("Headers", "Article")),
               str(QT_TRANSLATE_NOOP("Headers", "Annotator")))
    LEFT, SPAN, RIGHT, LABEL, ARTICLE, ANNOTATOR = range(6)

    #: The view reached the last row and more lines match (no payload).
    moreWanted = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[Line] = []
        self._more = False
        self._waiting = False
        self._bold = QFont()
        self._bold.setBold(True)

    def _row_count(self) -> int:
        return len(self._lines)

    def reset(self, more: bool) -> None:
        """No lines; ``more``: a first page is on its way."""
        self.beginResetModel()
        self._lines = []
        self._more = self._waiting = more
        self.endResetModel()

    def append(self, new: list[Line], more: bool) -> None:
        self._waiting = False
        self._more = more
        if new:
            first = len(self._lines)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._lines.extend(new)
            self.endInsertRows()

    def lines(self) -> list[Line]:
        return list(self._lines)

    def line(self, row: int) -> Line | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def has_more(self) -> bool:
        return self._more

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._more and not self._waiting

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if self.canFetchMore(parent):
            self._waiting = True
            self.moreWanted.emit()

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line((line.left, line.text, line.right, line.label,
                             f"{line.article_id} {line.title}", line.annotator)[column])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LEFT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and column == self.SPAN:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{title}\ncharacters {start}–{end}").format(
                title=line.title, start=line.start, end=line.end)
        if role == ID_ROLE:
            return line.article_id
        return None


class _LeftElided(QStyledItemDelegate):
    """The left context loses its far end, not the characters next to the span."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft  # type: ignore[attr-defined]


class ConcordanceDock(LazyDock):
    #: Open the article at the line's span (article id, start, end in code points).
    lineActivated = Signal(int, int, int)
    #: The lines asked for have arrived: a page, a sort, or the end (no payload).
    pageLoaded = Signal()
    #: An export finished (the CSV's path, or "" when it failed).
    exported = Signal(str)

    def __init__(self, project_getter: Callable[[], Project | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ConcordanceDock", "Concordance"), parent)
        self.setObjectName("concordanceDock")
        self._project = project_getter
        self._generation = 0
        self._query = ConcordanceQuery()
        self._sort: tuple[SortKey, bool] | None = None  # (by, descending)
        self._rowids: list[int] | None = None  # every match, in the sorted order

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.model = ConcordanceModel(self)
        self.label_box = QComboBox()
        self.label_box.setObjectName("concordanceLabel")
        self.annotator_box = QComboBox()
        self.annotator_box.setObjectName("concordanceAnnotator")
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("concordanceText")
        self.text_edit.setPlaceholderText(self.tr("Span text contains…"))
        self.text_edit.setClearButtonEnabled(True)
        self.width_box = QSpinBox()
        self.width_box.setObjectName("concordanceWidth")
        self.width_box.setRange(0, 200)
        self.width_box.setValue(DEFAULT_WIDTH)
        self.width_box.setToolTip(self.tr("Characters of context on each side"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.status = QLabel()
        self.status.setObjectName("concordanceStatus")
        self.table = row_table(self.model, "concordanceLines")
        self.table.setItemDelegateForColumn(ConcordanceModel.LEFT, _LeftElided(self.table))
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        for column in SORTABLE:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 260 if column != ConcordanceModel.SPAN else 120)
        header.setStretchLastSection(True)
        row = QHBoxLayout()
        row.addWidget(self.label_box)
        row.addWidget(self.annotator_box)
        row.addWidget(self.text_edit, 1)
        row.addWidget(QLabel(self.tr("Context:")))
        row.addWidget(self.width_box)
        row.addWidget(self.refresh_button)
        row.addWidget(self.export_button)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.setWidget(box)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.run)
        self.text_edit.textEdited.connect(lambda _t: self._typing.start())
        self.text_edit.returnPressed.connect(self.run)
        self.width_box.valueChanged.connect(lambda _v: self._typing.start())
        self.label_box.activated.connect(lambda _i: self.run())
        self.annotator_box.activated.connect(lambda _i: self.run())
        self.refresh_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.export_csv)
        header.sectionClicked.connect(self._on_header_clicked)
        self.model.moreWanted.connect(self._read_page)
        self.table.activated.connect(self._activate)

    # ------------------------------------------------------------------ filters
    def project_changed(self, _project: object = None) -> None:
        """Another project (or none): the filters' choices and the lines follow (when the
        dock is next shown, if it is hidden)."""
        self.content_changed()

    def reload(self) -> None:
        """Fill the label and annotator choices from the project (keeping the current ones
        when they still exist), then read the lines again."""
        self._stale = False
        project = self._project()
        names = [label.name for label in project.labels()] if project is not None else []
        people = project.annotators() if project is not None else []
        for box, everyone, items in ((self.label_box, self.tr("All labels"), names),
                                     (self.annotator_box, self.tr("All annotators"), people)):
            current = box.currentData()
            box.clear()
            box.addItem(everyone, None)
            for item in items:
                box.addItem(item, item)
            box.setCurrentIndex(max(0, box.findData(current)) if current else 0)
        self.run()

    def set_filters(self, *, label: str | None = None, annotator: str | None = None,
                    text: str = "", width: int | None = None) -> None:
        """Choose the filters as a person would, then run (tests, and callers that open the
        dock on a label)."""
        if not self._built:
            self._build()
            self.reload()
        self.label_box.setCurrentIndex(max(0, self.label_box.findData(label)) if label else 0)
        self.annotator_box.setCurrentIndex(
            max(0, self.annotator_box.findData(annotator)) if annotator else 0)
        self.text_edit.setText(text)
        if width is not None:
            self.width_box.blockSignals(True)
            self.width_box.setValue(width)
            self.width_box.blockSignals(False)
        self.run()

    def run(self) -> None:
        """Read the lines again with the filters shown (the running read's late pages are
        dropped)."""
        self._typing.stop()
        self._generation += 1
        self._rowids = None
        self._query = ConcordanceQuery(
            label=self.label_box.currentData(), annotator=self.annotator_box.currentData(),
            text=self.text_edit.text() or None, width=self.width_box.value())
        project = self._project()
        self.model.reset(more=project is not None)
        if project is None:
            self.status.setText("")
            return
        self.status.setText(self.tr("Reading…"))
        if self._sort is None:
            self._read_page()
        else:
            self._read_sorted(project.path)

    # ------------------------------------------------------------------ reading
    def _read_page(self) -> None:
        project = self._project()
        if project is None:
            return
        path, query, generation = project.path, self._query, self._generation
        if self._rowids is not None:
            done = self.model.rowCount()
            chunk = self._rowids[done:done + PAGE]
            more = done + len(chunk) < len(self._rowids)

            def work() -> tuple[list[Line], bool]:
                with Project.open(path, readonly=True) as reader:
                    return lines_by_rowids(reader.conn, chunk, query.width), more
        else:
            last = self.model.line(self.model.rowCount() - 1)
            after = last.key if last is not None else None

            def work() -> tuple[list[Line], bool]:
                with Project.open(path, readonly=True) as reader:
                    page = next(pages(reader.conn, query, PAGE, after), [])
                return page, len(page) == PAGE

        run_task(work, lambda result, error: self._on_page(generation, result, error), self)

    def _read_sorted(self, path: Path) -> None:
        query, generation = self._query, self._generation
        by, descending = self._sort or ("left", False)

        def work() -> list[int]:
            with Project.open(path, readonly=True) as reader:
                return sorted_rowids(reader.conn, query, by, descending)

        self.status.setText(self.tr("Sorting…"))
        run_task(work, lambda result, error: self._on_sorted(generation, result, error), self)

    def _on_sorted(self, generation: int, rowids: list[int] | None,
                   error: BaseException | None) -> None:
        if generation != self._generation:
            return
        if error is not None or rowids is None:
            self._failed(error)
            return
        self._rowids = rowids
        self._read_page()

    def _on_page(self, generation: int, result: tuple[list[Line], bool] | None,
                 error: BaseException | None) -> None:
        if generation != self._generation:
            return
        if error is not None or result is None:
            self._failed(error)
            return
        page, more = result
        self.model.append(page, more)
        shown = self.model.rowCount()
        if not shown:
            text = self.tr("No span matches")
        elif self._rowids is not None:
            text = self.tr("{shown} of {count} line(s), sorted by the {column} context").format(
                shown=shown, count=len(self._rowids), column=self._sort_name())
        elif more:
            text = self.tr("{shown} line(s) so far; more as you scroll").format(shown=shown)
        else:
            text = self.tr("{shown} line(s)").format(shown=shown)
        self.status.setText(text)
        self.pageLoaded.emit()

    def _sort_name(self) -> str:
        by = self._sort[0] if self._sort else "left"
        return {"left": self.tr("left"), "right": self.tr("right"), "text": self.tr("span")}[by]

    def _failed(self, error: BaseException | None) -> None:
        self.model.append([], False)
        self.status.setText(str(error) if error else self.tr("The concordance could not be read"))
        self.pageLoaded.emit()

    # ------------------------------------------------------------------ sorting
    def _on_header_clicked(self, column: int) -> None:
        """Left, Span, Right: sort by it (clicked again: the other way); any other column:
        back to document order."""
        by = SORTABLE.get(column)
        self.sort_by(by, descending=by is not None and self._sort == (by, False))

    def sort_by(self, by: SortKey | None, descending: bool = False) -> None:
        """Sort every matching line by a context (None: document order), then read again."""
        header = self.table.horizontalHeader()
        self._sort = None if by is None else (by, descending)
        header.setSortIndicatorShown(by is not None)
        if by is not None:
            column = next(c for c, key in SORTABLE.items() if key == by)
            header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if descending
                                    else Qt.SortOrder.AscendingOrder)
        self.run()

    # ------------------------------------------------------------------ acting
    def _activate(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        if line is not None:
            self.lineActivated.emit(line.article_id, line.start, line.end)

    def export_csv(self) -> None:
        """Every matching line, in the order shown, to a CSV the user chooses (the file
        dialog asks before replacing one)."""
        project = self._project()
        if project is None:
            return
        out = interaction.save_path(self, self.tr("Export the concordance"),
                                    str(project.path.with_name(f"{project.path.stem}-"
                                                               "concordance.csv")), CSV_FILTER)
        if not out:
            return
        from annotator.concordance_cli import write_csv

        path, query, rowids = project.path, self._query, self._rowids

        def work() -> int:
            with Project.open(path, readonly=True) as reader:
                conn = reader.conn
                stream = lines(conn, query) if rowids is None else (
                    line for i in range(0, len(rowids), PAGE)
                    for line in lines_by_rowids(conn, rowids[i:i + PAGE], query.width))
                return write_csv(stream, out)["lines"]

        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        run_task(work, lambda count, error: self._on_exported(out, count, error), self)

    def _on_exported(self, out: str, count: int | None, error: BaseException | None) -> None:
        self.export_button.setEnabled(True)
        if error is not None:
            self.status.setText(str(error))
            interaction.warn(self, self.tr("The concordance was not exported"), str(error))
            self.exported.emit("")
            return
        self.status.setText(self.tr("Exported {count} line(s) to {path}").format(
            count=count, path=out))
        self.exported.emit(out)
