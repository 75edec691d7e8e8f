"""Thin Qt models over store results (napari's ``_base_item_model`` habit).

Each model holds a plain Python list (the article list: ids, rows read on demand); every change maps 1:1 to begin/end row signals, so views keep
their selection and scroll position. Flat: no row has children (0 rows for a valid parent).
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from operator import attrgetter, le
from typing import Any, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication

from annotator.core.model import ArticleSummary, Label, Span
from annotator.ui.actions import swatch
from annotator.ui.tables import small_icon_size

Index = QModelIndex | QPersistentModelIndex
#: Reads the summaries of some article ids (``Project.article_summaries``).
Fetch = Callable[[Sequence[int]], list[ArticleSummary]]

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # article id (int) or span id (str)
STATUS_TEXT = {"todo": str(QT_TRANSLATE_NOOP("Status", "to do")),
               "in-progress": str(QT_TRANSLATE_NOOP("Status", "in progress")),
               "done": str(QT_TRANSLATE_NOOP("Status", "done"))}
NO_COLOR = "#9e9e9e"
STATUS_COLORS = {"todo": NO_COLOR, "in-progress": "#e0a800", "done": "#2e9d4f"}


Roles = QModelRoleDataSpan | QModelRoleData  # what multiData is asked to fill
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # numbers' cells


def status_text(status: str) -> str:
    """An article status as the interface shows it (translated)."""
    return QCoreApplication.translate("Status", STATUS_TEXT.get(status, status))


def role_items(roles: Roles) -> Iterable[QModelRoleData]:
    """The slots of a multiData request (PySide iterates a span; its type stubs do not say
    so)."""
    return (roles,) if isinstance(roles, QModelRoleData) else cast(Iterable[QModelRoleData], roles)


#: The roles Qt 6's item delegate asks of every cell it paints, in its order
#: (QStyledItemDelegate::initStyleOption, one multiData call per cell).
DELEGATE_ROLES = tuple(int(r) for r in (
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.BackgroundRole))
_SLOTS: dict[frozenset[int], tuple[tuple[int, int], ...]] = {}


def delegate_slots(roles: Roles, answered: frozenset[int]) -> list[tuple[QModelRoleData, int]]:
    """(slot, role) for each role of ``answered`` in a request laid out as the delegate's, or
    [] when it is laid out otherwise. PySide wraps every slot Python touches (iterating the
    seven costs ~15 us a cell, more than the seven ``data`` calls it was meant to save); this
    touches only the slots answered, each checked for its role: ~5 us."""
    if isinstance(roles, QModelRoleData):
        return []
    span = cast(Sequence[QModelRoleData], roles)
    if len(span) != len(DELEGATE_ROLES):
        return []
    slots = _SLOTS.get(answered)
    if slots is None:
        slots = _SLOTS[answered] = tuple(
            (i, role) for i, role in enumerate(DELEGATE_ROLES) if role in answered)
    picked = [(span[i], role) for i, role in slots]
    for item, role in picked:
        if item.role() != role:
            return []
    return picked


class Swatches(dict[str, QIcon]):
    """Color name -> a square of that color (``actions.swatch``, a small icon's size), made on
    first use: given a QColor decoration, the delegate builds a new pixmap and icon on every
    paint of every cell (a label key repaints every visible row of the annotation list)."""

    def __missing__(self, color: str) -> QIcon | QColor:
        if not isinstance(QCoreApplication.instance(), QApplication):
            return QColor(color)  # no pixmap without the application (a model alone, tested)
        icon = self[color] = swatch(color, small_icon_size())
        return icon


def one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class FlatTableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()
    #: The roles ``_value`` answers. A model that names them reads a cell's row once per
    #: multiData call (``_row``) and formats only those roles, only for that cell's column:
    #: a repaint asks every visible cell, and each label key repaints the annotation list.
    ROLES: frozenset[int] = frozenset()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return QCoreApplication.translate("Headers", self.HEADERS[section])
        return None

    def multiData(self, index: Index, roleDataSpan: Roles) -> None:  # noqa: N802, N803
        """The roles a view's delegate asks of one cell (Qt 6 asks seven at once): a model
        that names its ROLES reads the row once and fills only the slots it answers."""
        if not self.ROLES:  # Qt's own: one ``data`` call per role
            QAbstractTableModel.multiData(self, index, roleDataSpan)
            return
        source = self._row(index.row())
        if source is None:
            return
        value, col = self._value, index.column()
        picked = delegate_slots(roleDataSpan, self.ROLES)
        if picked:
            for item, role in picked:
                item.setData(value(source, col, role))
            return
        for item in role_items(roleDataSpan):
            if item.role() in self.ROLES:
                item.setData(value(source, col, item.role()))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's value (models that name no ROLES answer ``data`` themselves)."""
        if role not in self.ROLES:
            return None
        source = self._row(index.row())  # row -1 for an invalid index: None
        return None if source is None else self._value(source, index.column(), role)

    def _row(self, row: int) -> Any:
        """What ``_value`` formats for row ``row`` (None: no such row)."""
        raise NotImplementedError

    def _value(self, source: Any, col: int, role: int) -> Any:
        raise NotImplementedError

    def _row_count(self) -> int:
        raise NotImplementedError


class ArticleListModel(FlatTableModel):
    """Articles of the project (already filtered by the store): title, status, span count.

    Lazy: the model holds only the ids, ascending (100k ids are 800 kB in an ``array``), and
    reads the summaries of the rows a view asks for a page at a time through ``fetch`` (the
    store's ``article_summaries``), keeping at most ``CACHE_ROWS`` of them. Rows are found by
    bisecting the ids. Label keys and status changes update a cached row in place and repaint
    only that row."""

    HEADERS = (str(QT_TRANSLATE_NOOP("Headers", "Title")), str(QT_TRANSLATE_NOOP("Headers", "Status")),
               str(QT_TRANSLATE_NOOP("Headers", "Spans")), str(QT_TRANSLATE_NOOP("Headers", "Done by")))
    TITLE, STATUS, SPANS, DONE = range(4)
    PAGE = 128
    CACHE_ROWS = 4096
    ROLES = frozenset(int(r) for r in (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.TextAlignmentRole, ID_ROLE))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.HEADERS = (*ArticleListModel.HEADERS[:3], self.tr("Done by"))
        self._ids: array[int] | range = array("q")  # a range: all articles, ids 1..N
        self._cache: dict[int, ArticleSummary] = {}
        self._fetch: Fetch | None = None
        self._team = 1  # M of "done by N of M": annotators with a status, and whoever annotates
        self._swatches = Swatches()

    def set_team_size(self, size: int) -> None:
        """How many annotators "done by N of M" counts (M); repaints the column."""
        if size != self._team:
            self._team = size
            if self._ids:
                self.dataChanged.emit(self.index(0, self.DONE),
                                      self.index(len(self._ids) - 1, self.DONE))

    def _row_count(self) -> int:
        return len(self._ids)

    def set_articles(self, rows: list[ArticleSummary]) -> None:
        """Rows already read (no fetching); ``rows`` in any order."""
        rows = sorted(rows, key=lambda s: s.id)
        self.beginResetModel()
        self._fetch = None
        self._ids = array("q", (s.id for s in rows))
        self._cache = {s.id: s for s in rows}
        self.endResetModel()

    def set_ids(self, ids: Sequence[int], fetch: Fetch | None) -> None:
        """Ascending ids (a ``range`` is kept as it is); summaries are read through
        ``fetch(ids)`` when a view shows them."""
        self.beginResetModel()
        self._fetch = fetch
        self._ids = ids if isinstance(ids, range) else array("q", ids)
        self._cache = {}
        self.endResetModel()

    def append_ids(self, ids: Sequence[int]) -> None:
        """More ids, all above the last one (a filter streaming its results)."""
        if not ids:
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        if isinstance(self._ids, range):
            self._ids = array("q", self._ids)
        self._ids.extend(ids)
        self.endInsertRows()

    def ids(self) -> list[int]:
        return list(self._ids)

    def summaries(self) -> list[ArticleSummary]:
        """Every row's summary (reads them all: for small lists and tests)."""
        return [s for s in map(self.summary, range(len(self._ids))) if s is not None]

    def summary(self, row: int) -> ArticleSummary | None:
        if not 0 <= row < len(self._ids):
            return None
        article_id = self._ids[row]
        found = self._cache.get(article_id)
        if found is None and self._fetch is not None:
            self._load_page(row)
            found = self._cache.get(article_id)
        return found

    def _load_page(self, row: int) -> None:
        assert self._fetch is not None
        if len(self._cache) >= self.CACHE_ROWS:
            self._cache.clear()
        start = row - row % self.PAGE
        page = self._ids[start:start + self.PAGE]
        self._cache.update((s.id, s) for s in self._fetch(page))

    def row_of(self, article_id: int) -> int:
        row = bisect.bisect_left(self._ids, article_id)
        return row if row < len(self._ids) and self._ids[row] == article_id else -1

    def set_status(self, article_id: int, status: str) -> None:
        """The current annotator's status changed (the rows show theirs): the row's status,
        and its "done by" count when done was reached or left."""
        def change(s: ArticleSummary) -> ArticleSummary:
            done_by = s.done_by + (status == "done") - (s.status == "done")
            return replace(s, status=status, done_by=max(0, done_by))

        self._update(article_id, change, self.STATUS, self.DONE)

    def add_span_count(self, article_id: int, delta: int) -> None:
        """Every label key: only the Spans cell repaints (the title's elided Chinese text is
        the dearest cell of the row to draw)."""
        self._update(article_id, lambda s: replace(s, span_count=max(0, s.span_count + delta)),
                     self.SPANS, self.SPANS)

    def set_span_count(self, article_id: int, count: int) -> None:
        """The row's span count as kept by the store (repainted only when it differs)."""
        cached = self._cache.get(article_id)
        if cached is not None and cached.span_count != count:
            self._update(article_id, lambda s: replace(s, span_count=count),
                         self.SPANS, self.SPANS)

    def _update(self, article_id: int, change: Callable[[ArticleSummary], ArticleSummary],
                first: int, last: int) -> None:
        """Change a cached row and repaint its columns ``first``..``last``; a row not cached
        is read fresh when shown."""
        row = self.row_of(article_id)
        cached = self._cache.get(article_id)
        if row < 0 or cached is None:
            return
        self._cache[article_id] = change(cached)
        self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def _row(self, row: int) -> ArticleSummary | None:
        return self.summary(row)

    def _value(self, s: ArticleSummary, col: int, role: int) -> Any:
        """A cell's value for a role: each cell formats only its own column."""
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TITLE:
                return one_line(s.title) or f"(article {s.id})"
            if col == self.STATUS:
                return status_text(s.status)
            if col == self.SPANS:
                return s.span_count
            if col == self.DONE:
                return self.tr("{done} of {team}").format(done=s.done_by,
                                                         team=max(self._team, s.done_by))
        elif role == Qt.ItemDataRole.ToolTipRole and col == self.TITLE:
            return self.tr("{title}\n{language} · {count} span(s)").format(
                title=s.title, language=s.language or self.tr("unknown language"),
                count=s.span_count)
        elif role == Qt.ItemDataRole.ToolTipRole and col == self.STATUS:
            return self.tr("Your status of this article: each annotator has their own")
        elif role == Qt.ItemDataRole.ToolTipRole and col == self.DONE:
            return self.tr("Marked done by {done} of the {team} annotator(s) who set a status "
                           "in this project").format(done=s.done_by,
                                                     team=max(self._team, s.done_by))
        elif role == Qt.ItemDataRole.DecorationRole and col == self.STATUS:
            return self._swatches[STATUS_COLORS.get(s.status, NO_COLOR)]
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (self.SPANS, self.DONE):
            return RIGHT
        elif role == ID_ROLE:
            return s.id
        return None


def _order(span: Span) -> tuple:
    return (span.start, -span.end, span.created_at, span.id)


class SpanListModel(FlatTableModel):
    """Spans of one article in text order: label, text, annotator, note."""

    HEADERS = (str(QT_TRANSLATE_NOOP("Headers", "Label")), str(QT_TRANSLATE_NOOP("Headers", "Text")),
               str(QT_TRANSLATE_NOOP("Headers", "Annotator")), str(QT_TRANSLATE_NOOP("Headers", "Note")))
    LABEL, TEXT, ANNOTATOR, NOTE = range(4)
    ROLES = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                       Qt.ItemDataRole.DecorationRole, ID_ROLE))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._spans: list[Span] = []
        self._keys: list[tuple] = []  # _order of each row: rows are found by bisect
        self._key_of: dict[str, tuple] = {}
        self._label_counts: Counter[str] = Counter()
        self._colors: dict[str, str] = {}  # label -> its color
        self._swatches = Swatches()
        #: A span's extra words in its tooltip (the window: who adjudicated a gold span).
        self.describe: Callable[[Span], str] = lambda _span: ""
        self._descriptions: dict[str, str] = {}

    def _row_count(self) -> int:
        return len(self._spans)

    def set_labels(self, labels: list[Label]) -> None:
        self._colors = {label.name: label.color for label in labels}
        self._descriptions = {label.name: label.description for label in labels}
        if self._spans:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._spans) - 1, 0))

    def set_spans(self, spans: list[Span]) -> None:
        # One pass per field, no call per span: opening an article with 10k spans lists them.
        keys = [(s.start, -s.end, s.created_at, s.id) for s in spans]  # _order, inlined
        rows = list(spans)
        if not all(map(le, keys, keys[1:])):  # the store hands them over in this order
            order = sorted(range(len(keys)), key=keys.__getitem__)
            keys = [keys[i] for i in order]
            rows = [rows[i] for i in order]
        self.beginResetModel()
        self._spans, self._keys = rows, keys
        self._key_of = dict(zip(map(attrgetter("id"), rows), keys))
        self._label_counts = Counter(map(attrgetter("label"), rows))
        self.endResetModel()

    def spans(self) -> list[Span]:
        return list(self._spans)

    def span_at(self, row: int) -> Span | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_of(self, span_id: str) -> int:
        key = self._key_of.get(span_id)
        return -1 if key is None else bisect.bisect_left(self._keys, key)

    def label_counts(self) -> Counter[str]:
        """Spans per label, kept up to date row by row (no pass over 10k spans per edit)."""
        return Counter(self._label_counts)

    def add(self, span: Span) -> None:
        if self.row_of(span.id) >= 0:
            self.replace(span)
            return
        key = _order(span)
        row = bisect.bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(row, span)
        self._keys.insert(row, key)
        self._key_of[span.id] = key
        self._label_counts[span.label] += 1
        self.endInsertRows()

    def remove(self, span_id: str) -> None:
        row = self.row_of(span_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._label_counts[self._spans[row].label] -= 1
        del self._key_of[span_id]
        del self._spans[row]
        del self._keys[row]
        self.endRemoveRows()

    def replace(self, span: Span) -> None:
        row = self.row_of(span.id)
        if row < 0:
            return
        if _order(span) != self._keys[row]:  # moved: keep rows sorted
            self.remove(span.id)
            self.add(span)
            return
        self._label_counts[self._spans[row].label] -= 1
        self._label_counts[span.label] += 1
        self._spans[row] = span
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def _row(self, row: int) -> Span | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_key(self, row: int) -> tuple[object, ...] | None:
        """What row ``row``'s cells show (equal keys, equal cells): the painter keeps a row
        drawn under it (None: no such row)."""
        s = self._row(row)
        if s is None:
            return None
        return (s.label, s.text, s.annotator, s.note, self._colors.get(s.label, NO_COLOR))

    def cell(self, row: int, col: int) -> tuple[str, QIcon | None] | None:
        """A cell's text and icon, for :class:`annotator.ui.fast_cells.FastCells` (which
        paints without asking Qt's seven roles); None for no such row."""
        s = self._row(row)
        if s is None:
            return None
        if col == self.LABEL:
            return s.label, self._swatches[self._colors.get(s.label, NO_COLOR)]
        return self._value(s, col, Qt.ItemDataRole.DisplayRole), None

    def _value(self, s: Span, col: int, role: int) -> Any:
        """A cell's value for a role: each cell formats only its own column."""
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TEXT:
                return one_line(s.text, 60)
            if col == self.NOTE:
                return one_line(s.note, 60)
            return s.label if col == self.LABEL else s.annotator
        if role == Qt.ItemDataRole.ToolTipRole:
            note = f"\nNote: {s.note}" if s.note else ""
            extra = self.describe(s)
            who = f"{s.annotator} ({extra})" if extra else s.annotator
            described = self._descriptions.get(s.label, "")
            meaning = f"\n{s.label}: {described}" if described else ""
            return f"{s.label} [{s.start}, {s.end}) by {who}\n{s.text}{note}{meaning}"
        if role == Qt.ItemDataRole.DecorationRole and col == self.LABEL:
            return self._swatches[self._colors.get(s.label, NO_COLOR)]
        if role == ID_ROLE:
            return s.id
        return None
