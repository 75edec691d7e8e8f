"""The project's terms in the window: words snapping and double clicks keep whole (崔丽丽, 聚划算,
B站). Each change is written at once through ``Project.set_terms`` (what `annotator terms`
calls) and given to the segmenter, so the next selection snaps with it."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core import segment
from annotator.store import ProjectError
from annotator.ui.context import AppContext


def set_terms(ctx: AppContext, terms: list[str]) -> str | None:
    """Store ``terms`` as the project's terms and snap with them from now on; the store's
    one-line error, if any (nothing changes then)."""
    try:
        stored = ctx.require_project().set_terms(terms, ctx.annotator)
    except ProjectError as exc:
        return str(exc)
    segment.set_terms(stored)
    return None


def term_problem(term: str) -> str | None:
    """Why ``term`` cannot be a term (one token never holds whitespace), or None."""
    if not term.strip():
        return QCoreApplication.translate("Terms", "Type a word first")
    if re.search(r"\s", term.strip()):
        return QCoreApplication.translate(
            "Terms", "“{0}” has a space: a term is kept as one word, and words never "
            "hold spaces").format(term.strip())
    return None


def keep_as_one_word(ctx: AppContext, term: str) -> str:
    """Add ``term`` (a selection's characters) to the terms; a one-line outcome message."""
    problem = term_problem(term)
    if problem is not None:
        return problem
    term = term.strip()
    terms = ctx.require_project().terms()
    if term in terms:
        return QCoreApplication.translate("Terms", "“{0}” is already a term").format(term)
    error = set_terms(ctx, [*terms, term])
    return error or QCoreApplication.translate(
        "Terms", "“{0}” is now kept as one word").format(term)


class TermsEditor(QDialog):
    """A list of the terms with Add and Remove; every change is stored at once."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Terms"))
        self.setObjectName("termsEditor")
        intro = QLabel(self.tr("Words that snapping and double clicks keep whole: names, "
                               "products, companies (崔丽丽, 聚划算, B站)."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("termsList")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.entry = QLineEdit()
        self.entry.setObjectName("termEntry")
        self.entry.setPlaceholderText(self.tr("New term, e.g. 崔丽丽"))
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.setObjectName("addTerm")
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("removeTerm")
        self.status = QLabel()
        self.status.setObjectName("termsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add_term)
        self.entry.returnPressed.connect(self.add_term)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._enable)
        self.resize(420, 380)
        self._fill()

    def terms(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_term(self) -> bool:
        term = self.entry.text()
        problem = term_problem(term)
        if problem is None and term.strip() in self.terms():
            problem = self.tr("“{0}” is already a term").format(term.strip())
        if problem is None:
            problem = set_terms(self.ctx, [*self.terms(), term.strip()])
        if problem is not None:
            self.status.setText(problem)
            return False
        self.entry.clear()
        self.status.setText(self.tr("“{0}” added").format(term.strip()))
        self._fill(select=term.strip())
        return True

    def remove_selected(self) -> bool:
        gone = {item.text() for item in self.list.selectedItems()}
        if not gone:
            return False
        error = set_terms(self.ctx, [t for t in self.terms() if t not in gone])
        self.status.setText(error or self.tr("Removed {0}").format("、".join(sorted(gone))))
        self._fill()
        return error is None

    def _fill(self, select: str | None = None) -> None:
        self.list.clear()
        self.list.addItems(self.ctx.require_project().terms())
        for item in self.list.findItems(select or "\0", Qt.MatchFlag.MatchExactly):
            self.list.setCurrentItem(item)
        self._enable()

    def _enable(self) -> None:
        writable = self.ctx.writable()
        self.add_button.setEnabled(writable)
        self.entry.setEnabled(writable)
        self.remove_button.setEnabled(writable and bool(self.list.selectedItems()))
