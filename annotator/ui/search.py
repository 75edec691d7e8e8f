"""Project-wide search (Ctrl+Shift+F): every occurrence of a substring, with its context.

The search runs in a worker thread with its own read-only connection and streams its hits to
the dock as it finds them: the GUI thread never waits, and typing a new query cancels the running
one. Chinese needles match exactly; Latin ones ignore case. The project's trigram index in the
user's cache folder (``store/search_index.py``) is built and extended in the background by a
``SearchIndexer`` (``search_indexer.py``: the window's, from its first paint; a dock made without
one makes its own and starts it at the first search); until it covers every article the search
reads the index's candidates for the articles it covers and scans the rest (``store/search.py``).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.store import Project, ProjectError
from annotator.store.search import ScanProgress, search_hits
from annotator.store.search_index import SearchIndex
from annotator.ui.models import ID_ROLE, FlatTableModel, one_line
from annotator.ui.search_indexer import SearchIndexer, open_index
from annotator.ui.tables import row_table

MAX_HITS = 1000
#: Typing pauses this long before the search starts (Enter starts it at once).
TYPING_PAUSE_MS = 250
#: A worker hands its hits over at least this often (the first one at once).
BATCH_SECONDS = 0.05
#: How often a search says how far it has read.
PROGRESS_SECONDS = 0.1


@dataclass(frozen=True)
class Hit:
    article_id: int
    title: str
    start: int
    end: int
    before: str
    match: str
    after: str


def iter_hits(conn: Any, needle: str, limit: int = MAX_HITS,
              progress: ScanProgress | None = None,
              index: SearchIndex | None = None) -> Iterator[Hit]:
    """The store's hits with their article titles, in article order."""
    titles: dict[int, str] = {}
    for article_id, start, end, snippet in search_hits(conn, needle, limit=limit,
                                                       progress=progress, index=index):
        if article_id not in titles:
            row = conn.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()
            titles[article_id] = row[0] if row else ""
        yield Hit(article_id, titles[article_id], start, end, *snippet)


def find_hits(project: Project, needle: str, limit: int = MAX_HITS) -> list[Hit]:
    """Every occurrence of ``needle`` in the project's articles, in article order."""
    return list(iter_hits(project.conn, needle, limit))


class _Relay(QObject):
    """Lives on the GUI thread; the worker's emits are queued to it. Payloads start with the
    search's generation so late signals of a cancelled search are recognised and dropped."""

    #: Hits found (generation, list[Hit]).
    found = Signal(int, object)
    #: Articles scanned (generation, scanned through id, last id).
    scanned = Signal(int, int, int)
    #: The search ended (generation, error message or "").
    finished = Signal(int, str)


class _SearchTask(QRunnable):
    def __init__(self, generation: int, path: Path, needle: str, relay: _Relay) -> None:
        super().__init__()
        self.generation = generation
        self.path = path
        self.needle = needle
        self.relay = relay
        self.cancel = threading.Event()
        self._told = time.perf_counter()

    def _emit(self, signal: Any, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the dock was deleted meanwhile
            signal.emit(self.generation, *args)

    def _progress(self, done: int, last: int) -> bool:
        now = time.perf_counter()
        if now - self._told >= PROGRESS_SECONDS:  # the status line, not a repaint per window
            self._told = now
            self._emit(self.relay.scanned, done, last)
        return not self.cancel.is_set()

    def run(self) -> None:
        error = ""
        try:
            if not self.cancel.is_set():
                with Project.open(self.path, readonly=True) as project:
                    index = open_index(project)
                    try:
                        self._stream(iter_hits(project.conn, self.needle, MAX_HITS,
                                               self._progress, index))
                    finally:
                        if index is not None:
                            index.close()
        except ProjectError as exc:
            error = str(exc)
        except Exception as exc:  # a bug: say so in the dock rather than lose the thread
            error = f"the search failed unexpectedly: {exc!r}"
        self._emit(self.relay.finished, error)

    def _stream(self, hits: Iterator[Hit]) -> None:
        batch: list[Hit] = []
        handed = 0.0  # 0: nothing handed over yet, so the first hit goes at once
        for hit in hits:
            if self.cancel.is_set():
                return
            batch.append(hit)
            now = time.perf_counter()
            if now - handed >= BATCH_SECONDS:
                self._emit(self.relay.found, batch)
                batch, handed = [], now
        if batch and not self.cancel.is_set():
            self._emit(self.relay.found, batch)


class HitListModel(FlatTableModel):
    HEADERS = (str(QT_TRANSLATE_NOOP("Headers", "Article")), str(QT_TRANSLATE_NOOP("Headers", "Context")))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []

    def _row_count(self) -> int:
        return len(self._hits)

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def append_hits(self, hits: list[Hit]) -> None:
        if not hits:
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
        self._hits.extend(hits)
        self.endInsertRows()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return one_line(hit.title, 40)
            return f"…{hit.before}【{one_line(hit.match, 60)}】{hit.after}…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\ncharacters {hit.start}–{hit.end}"
        if role == ID_ROLE:
            return hit.article_id
        return None


class SearchDock(QDockWidget):
    #: Open the article and reveal the hit (article id, start, end in code points).
    hitActivated = Signal(int, int, int)
    #: A search read every article or found enough hits (payload: the needle); a cancelled
    #: search never emits it.
    searchFinished = Signal(str)

    def __init__(self, project_getter: Callable[[], Project | None],
                 parent: QWidget | None = None, *,
                 indexer: SearchIndexer | None = None) -> None:
        """``indexer``: the window's (it follows the project); else the dock makes its own,
        started at the first search and stopped when the project changes."""
        super().__init__(QCoreApplication.translate("SearchDock", "Search Project"), parent)
        self.setObjectName("searchDock")
        self._project = project_getter
        self._generation = 0
        self._task: _SearchTask | None = None
        self._needle = ""
        self._focus_table = False
        self._share = 0.0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # a new search waits for the cancelled one's window
        self._own_indexer = indexer is None
        self.indexer = indexer if indexer is not None else SearchIndexer(project_getter, self)
        self._relay = _Relay(self)
        self._relay.found.connect(self._on_found)
        self._relay.scanned.connect(self._on_scanned)
        self._relay.finished.connect(self._on_finished)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(lambda: self.run(focus_results=False))
        self.model = HitListModel(self)
        self.edit = QLineEdit()
        self.edit.setObjectName("projectSearch")
        self.edit.setPlaceholderText(self.tr("Search every article…"))
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel()
        self.index_status = QLabel()
        self.index_status.setObjectName("searchIndexStatus")
        self.index_status.setEnabled(False)  # greyed: a note, not a result
        self.index_status.setToolTip(
            self.tr("An index of the texts in your cache folder (never in the project file) "
                    "answers rare words at once; until it is ready, searches read every "
                    "article."))
        self.table = row_table(self.model, "searchHits")
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.edit)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.index_status)
        layout.addLayout(status_row)
        layout.addWidget(self.table, 1)
        self.setWidget(box)
        self.edit.returnPressed.connect(self.run)
        self.edit.textEdited.connect(self._on_edited)
        self.table.activated.connect(self._activate)
        self.indexer.progressed.connect(self._on_indexed)
        if (reach := self.indexer.reach()) is not None:  # made after the build began
            self._on_indexed(*reach)

    def open(self, needle: str = "") -> None:
        self.show()
        self.raise_()
        if needle:
            self.edit.setText(needle)
        self.edit.setFocus()
        self.edit.selectAll()

    def running(self) -> bool:
        return self._task is not None

    def cancel(self) -> None:
        """Stop the running search (its late results are dropped)."""
        self._typing.stop()
        if self._task is not None:
            self._task.cancel.set()
            self._task = None
            self._generation += 1
            self.indexer.pause_for_search(False)

    def project_changed(self, _project: object = None) -> None:
        """Another project (or none): stop searching (and our own indexer), forget the old
        hits. The window's indexer follows the project by itself."""
        self._clear()
        if self._own_indexer:
            self.indexer.stop()
        self.index_status.setText("")

    def _clear(self) -> None:
        self.cancel()
        self.model.set_hits([])
        self.status.setText("")

    def run(self, focus_results: bool = True) -> None:
        """Search for the edit's text in a worker; hits stream into the list. With
        ``focus_results`` (Enter) the first hit gets the focus, so Enter again opens it."""
        self._clear()
        self._needle = needle = self.edit.text()
        project = self._project()
        if project is None or not needle:
            return
        self._focus_table = focus_results
        self._share = 0.0
        self._generation += 1
        self._task = _SearchTask(self._generation, project.path, needle, self._relay)
        self.status.setText(self.tr("Searching for “{needle}”…").format(needle=needle))
        self.indexer.pause_for_search(True)  # the build waits until the search is over
        self._pool.start(self._task)
        if not self.indexer.running():  # builds or extends the index (one under way goes on)
            self.indexer.start()

    def wait(self, msecs: int = -1, *, indexing: bool = True) -> bool:
        """Block until the workers are idle (for shutdown, tests and benchmarks, never on a
        key); ``indexing=False`` waits for the search only."""
        searched = self._pool.waitForDone(msecs)
        return (self.indexer.wait(msecs) if indexing else True) and searched

    def _on_indexed(self, done: int, last: int) -> None:
        if last == 0 or done >= last:  # empty, failed (then searches scan) or complete
            self.index_status.setText(self.tr("index ready") if last else "")
        else:
            self.index_status.setText(self.tr("indexing: {percent}").format(percent=f"{done / last:.0%}"))

    def _on_edited(self, _text: str) -> None:
        """Typing: the running search stops and its hits go; the new one starts at a pause."""
        self._clear()
        self._typing.start()

    def _on_found(self, generation: int, hits: list[Hit]) -> None:
        if generation != self._generation:
            return
        first = self.model.rowCount() == 0
        self.model.append_hits(hits)
        self.status.setText(self._summary(done=False))
        if first and self._focus_table:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()  # Enter now opens the hit

    def _on_scanned(self, generation: int, done: int, last: int) -> None:
        if generation == self._generation and self._task is not None:
            self._share = done / max(1, last)
            self.status.setText(self._summary(done=False))

    def _on_finished(self, generation: int, error: str) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.indexer.pause_for_search(False)
        self.status.setText(error or self._summary(done=True))
        self.searchFinished.emit(self._needle)

    def _summary(self, *, done: bool) -> str:
        hits = self.model.hits()
        if done and not hits:
            return self.tr("No match for “{needle}”").format(needle=self._needle)
        articles = len({h.article_id for h in hits})
        more = "+" if len(hits) >= MAX_HITS else ""
        text = self.tr("{count} match(es) in {articles} article(s)").format(
            count=f"{len(hits)}{more}", articles=articles)
        if not done:
            text = self.tr("Searching… {found}, {share} of the articles read").format(
                found=text, share=f"{self._share:.0%}")
        return text

    def _activate(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.hitActivated.emit(hit.article_id, hit.start, hit.end)
