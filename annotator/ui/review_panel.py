"""The Review dock: which article and which two layers, and the list of their disagreements.

Only widgets and a Qt model; :class:`annotator.ui.review_mode.ReviewMode` drives it (computes
the disagreements, shows the layers in the panes, runs the decisions). The buttons are the
review actions of :mod:`annotator.ui.actions`, so their hotkeys show in tooltips and menus.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ArticleSummary
from annotator.core.scheme import format_value
from annotator.review.adjudicate import Disagreement
from annotator.review.adjudicate_structure import StructureRow
from annotator.review.layers import GOLD
from annotator.ui.models import FlatTableModel, Index, one_line
from annotator.ui.tables import row_table

KIND_TEXT = {"left_only": str(QT_TRANSLATE_NOOP("ReviewDock", "left only")),
             "right_only": str(QT_TRANSLATE_NOOP("ReviewDock", "right only")),
             "label": str(QT_TRANSLATE_NOOP("ReviewDock", "label")),
             "boundary": str(QT_TRANSLATE_NOOP("ReviewDock", "boundary")),
             "label_boundary": str(QT_TRANSLATE_NOOP("ReviewDock", "label + boundary"))}
STRUCTURE_KIND = {"attribute": str(QT_TRANSLATE_NOOP("ReviewDock", "attribute")),
                  "relation": str(QT_TRANSLATE_NOOP("ReviewDock", "relation")),
                  "article_attribute": str(QT_TRANSLATE_NOOP("ReviewDock", "article"))}
RESOLVED_COLOR = QColor("#2e9d4f")
#: A row of the list: a span disagreement or an attribute/relation one.
Row = Disagreement | StructureRow


def layer_title(layer: str) -> str:
    return QCoreApplication.translate("ReviewDock", "gold") if layer == GOLD else layer


class DisagreementModel(FlatTableModel):
    """Disagreements of one article (optionally without the resolved ones)."""

    HEADERS = (str(QT_TRANSLATE_NOOP("Headers", "Kind")), str(QT_TRANSLATE_NOOP("Headers", "Text")),
               str(QT_TRANSLATE_NOOP("Headers", "Left")), str(QT_TRANSLATE_NOOP("Headers", "Right")),
               str(QT_TRANSLATE_NOOP("Headers", "Resolved")))
    KIND, TEXT, LEFT, RIGHT, RESOLVED = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Row] = []
        self._rows: list[Row] = []
        self._text = ""
        self._hide_resolved = False
        self._label: str | None = None

    def _row_count(self) -> int:
        return len(self._rows)

    def set_disagreements(self, items: list[Row], text: str) -> None:
        self.beginResetModel()
        self._all, self._text = list(items), text
        self._rows = self._visible()
        self.endResetModel()

    def set_hide_resolved(self, hide: bool) -> None:
        self.beginResetModel()
        self._hide_resolved = bool(hide)
        self._rows = self._visible()
        self.endResetModel()

    def set_label_filter(self, label: str | None) -> None:
        """Show only disagreements where either side has a span with ``label``."""
        self.beginResetModel()
        self._label = label or None
        self._rows = self._visible()
        self.endResetModel()

    def label_filter(self) -> str | None:
        return self._label

    def _visible(self) -> list[Row]:
        return [d for d in self._all if not (self._hide_resolved and d.resolved)
                and (self._label is None or self._label in row_labels(d))]

    def disagreement(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def disagreements(self) -> list[Row]:
        """The rows shown, in text order."""
        return list(self._rows)

    def all(self) -> list[Row]:
        return list(self._all)

    def row_of(self, key: tuple[str, ...] | None) -> int:
        """The row of this ``row_key`` (the spans a span row decides; -1: none shown)."""
        return next((i for i, d in enumerate(self._rows) if d.row_key == key), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        d = self.disagreement(index.row()) if index.isValid() else None
        if d is None:
            return None
        col = index.column()
        if isinstance(d, StructureRow):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) \
                    and col != self.RESOLVED:
                return self._structure_text(d, col, 40 if role == 0 else 400)
        elif role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.KIND:
                return QCoreApplication.translate("ReviewDock", KIND_TEXT.get(d.kind, d.kind))
            if col == self.TEXT:
                return one_line(self._text[d.start:d.end], 40 if role == 0 else 400)
            if col in (self.LEFT, self.RIGHT):
                spans = d.left if col == self.LEFT else d.right
                return ", ".join(dict.fromkeys(s.label for s in spans)) or "—"
        if role == Qt.ItemDataRole.DisplayRole and col == self.RESOLVED:
            return "✓" if d.resolved else ""
        if role == Qt.ItemDataRole.ForegroundRole and col == self.RESOLVED:
            return RESOLVED_COLOR
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.RESOLVED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _structure_text(self, d: StructureRow, col: int, width: int) -> str:
        """The cells of an attribute, relation or article-attribute row."""
        if col == self.KIND:
            kind = QCoreApplication.translate("ReviewDock", STRUCTURE_KIND[d.kind])
            return f"{kind} {d.name}"
        if col == self.TEXT:
            if d.kind == "article_attribute":
                return QCoreApplication.translate("ReviewDock", "(the article)")
            texts = [one_line(self._text[k[0]:k[1]], width) for k in (d.key, d.to_key) if k]
            return " → ".join(texts)
        value = d.left if col == self.LEFT else d.right
        if d.kind == "relation":
            return d.name if value else "—"
        return one_line(format_value(value), width) or "—"


def row_labels(d: Row) -> tuple[str, ...]:
    """The labels of the spans a row is about (none for an article attribute)."""
    if isinstance(d, StructureRow):
        return d.labels
    return tuple(s.label for s in (*d.left, *d.right))


class ReviewDock(QDockWidget):
    #: The user picked another article (payload: article id).
    articleChosen = Signal(int)
    #: The user picked other layers (payload: left layer, right layer).
    layersChosen = Signal(str, str)
    #: The current disagreement row changed (payload: Disagreement or None).
    disagreementChosen = Signal(object)

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ReviewDock", "Review"), parent)
        self.setObjectName("reviewDock")
        # closed by leaving review mode (Ctrl+Shift+R), not by its own button
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        body = QWidget(self)
        self.article = QComboBox()
        self.article.setObjectName("reviewArticle")
        self.article.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.article.setMinimumContentsLength(16)
        self.left = QComboBox()
        self.left.setObjectName("reviewLeft")
        self.right = QComboBox()
        self.right.setObjectName("reviewRight")
        self.hide_resolved = QCheckBox(self.tr("Hide resolved"))
        self.hide_resolved.setObjectName("reviewHideResolved")
        self.label_filter = QComboBox()
        self.label_filter.setObjectName("reviewLabel")
        self.label_filter.addItem(self.tr("All labels"), None)
        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.model = DisagreementModel(self)
        self.table = row_table(self.model, "reviewTable", grid=True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DisagreementModel.TEXT, QHeaderView.ResizeMode.Stretch)

        form = QFormLayout()
        form.addRow(self.tr("Article"), self.article)
        form.addRow(self.tr("Left pane"), self.left)
        form.addRow(self.tr("Right pane"), self.right)
        form.addRow(self.tr("Label"), self.label_filter)
        buttons = QGridLayout()
        for i, action in enumerate(actions):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button, i // 2, i % 2)
        layout = QVBoxLayout(body)
        layout.addLayout(form)
        layout.addWidget(self.hide_resolved)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.setWidget(body)

        self.article.activated.connect(
            lambda _i: self.articleChosen.emit(int(self.article.currentData())))
        self.left.activated.connect(lambda _i: self._emit_layers())
        self.right.activated.connect(lambda _i: self._emit_layers())
        self.hide_resolved.toggled.connect(self.model.set_hide_resolved)
        self.label_filter.activated.connect(
            lambda _i: self.model.set_label_filter(self.label_filter.currentData()))
        self.table.selectionModel().currentRowChanged.connect(self._on_row)

    # ------------------------------------------------------------------ filling
    def set_articles(self, articles: list[ArticleSummary], current: int | None) -> None:
        self.article.clear()
        for a in articles:
            self.article.addItem(one_line(a.title or self.tr("(article {id})").format(id=a.id), 60), a.id)
        self.set_article(current)

    def set_article(self, article_id: int | None) -> None:
        self.article.setCurrentIndex(self.article.findData(article_id))

    def set_label_names(self, names: list[str], current: str | None = None) -> None:
        """The label filter's choices (the project's scheme); ``current`` selects one."""
        self.label_filter.clear()
        self.label_filter.addItem(self.tr("All labels"), None)
        for name in names:
            self.label_filter.addItem(name, name)
        self.show_label(current)

    def show_label(self, label: str | None) -> None:
        index = self.label_filter.findData(label) if label else 0
        self.label_filter.setCurrentIndex(max(index, 0))
        self.model.set_label_filter(self.label_filter.currentData())

    def set_layers(self, names: list[str], left: str, right: str) -> None:
        for combo, value in ((self.left, left), (self.right, right)):
            combo.clear()
            for name in dict.fromkeys([*names, GOLD, value]):
                combo.addItem(layer_title(name), name)
            combo.setCurrentIndex(combo.findData(value))

    def layers(self) -> tuple[str, str]:
        return str(self.left.currentData()), str(self.right.currentData())

    def _emit_layers(self) -> None:
        self.layersChosen.emit(*self.layers())

    # ------------------------------------------------------------------ the list
    def current(self) -> Row | None:
        return self.model.disagreement(self.table.currentIndex().row())

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.setCurrentIndex(QModelIndex())

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.disagreementChosen.emit(self.model.disagreement(current.row()))
