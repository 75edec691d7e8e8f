"""Project-wide search (Ctrl+Shift+F): every occurrence of a substring, with its context.

Chinese needles (no upper/lower case) are prefiltered by the store's substring query; needles
with Latin letters are matched case-insensitively in every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.store import Project, ProjectError
from annotator.ui.models import ID_ROLE, FlatTableModel, one_line
from annotator.ui.tables import row_table

CONTEXT = 18
MAX_HITS = 1000


@dataclass(frozen=True)
class Hit:
    article_id: int
    title: str
    start: int
    end: int
    before: str
    match: str
    after: str


def find_hits(project: Project, needle: str, limit: int = MAX_HITS) -> list[Hit]:
    """Every occurrence of ``needle`` in the project's articles, in article order."""
    if not needle:
        return []
    caseless = needle.lower() == needle.upper()
    summaries = project.articles(query=needle) if caseless else project.articles()
    pattern = re.compile(re.escape(needle), 0 if caseless else re.IGNORECASE)
    hits: list[Hit] = []
    for summary in summaries:
        text = project.article(summary.id).text
        for m in pattern.finditer(text):
            s, e = m.span()
            hits.append(Hit(summary.id, summary.title, s, e,
                            one_line(text[max(0, s - CONTEXT):s], 200),
                            text[s:e], one_line(text[e:e + CONTEXT], 200)))
            if len(hits) >= limit:
                return hits
    return hits


class HitListModel(FlatTableModel):
    HEADERS = ("Article", "Context")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []

    def _row_count(self) -> int:
        return len(self._hits)

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

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

    def __init__(self, project_getter, parent: QWidget | None = None) -> None:
        super().__init__("Search Project", parent)
        self.setObjectName("searchDock")
        self._project = project_getter
        self.model = HitListModel(self)
        self.edit = QLineEdit()
        self.edit.setObjectName("projectSearch")
        self.edit.setPlaceholderText("Search every article (Enter)…")
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel()
        self.table = row_table(self.model, "searchHits")
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.setWidget(box)
        self.edit.returnPressed.connect(self.run)
        self.table.activated.connect(self._activate)

    def open(self, needle: str = "") -> None:
        self.show()
        self.raise_()
        if needle:
            self.edit.setText(needle)
        self.edit.setFocus()
        self.edit.selectAll()

    def run(self) -> None:
        needle = self.edit.text()
        project = self._project()
        if project is None or not needle:
            self.model.set_hits([])
            self.status.setText("")
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            hits = find_hits(project, needle)
        except ProjectError as exc:
            hits = []
            self.status.setText(str(exc))
        finally:
            QApplication.restoreOverrideCursor()
        self.model.set_hits(hits)
        articles = len({h.article_id for h in hits})
        more = "+" if len(hits) >= MAX_HITS else ""
        self.status.setText(f"{len(hits)}{more} match(es) in {articles} article(s)"
                            if hits else f"No match for “{needle}”")
        if hits:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()  # Enter now opens the hit

    def _activate(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.hitActivated.emit(hit.article_id, hit.start, hit.end)
