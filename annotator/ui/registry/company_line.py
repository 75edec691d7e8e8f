"""The inspector's registry line for a company span: the entry its ``entity`` names
(canonical name, aliases, tickers, note), or "Not in the registry" with an Add to Registry
button. Hidden (with its caption) for spans of other labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.core.model import Span
from annotator.core.scheme import is_empty
from annotator.store import Project
from annotator.store.registry import ENTITY


class CompanyLine(QWidget):
    #: Add to Registry was clicked (no payload: the inspector knows its span).
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectorCompany")
        self.caption = QLabel(self.tr("Registry"))
        self.entry = QLabel()
        self.entry.setObjectName("inspectorCompanyEntry")
        self.entry.setWordWrap(True)
        self.entry.setTextFormat(Qt.TextFormat.PlainText)
        self.entry.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(self.tr("Add to Registry…"))
        self.add_button.setObjectName("inspectorAddCompany")
        self.add_button.setToolTip(self.tr("Make this text a name or alias of a registry entry "
                                           "and link the span to it"))
        self.add_button.clicked.connect(self.addRequested)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.entry)
        column.addLayout(row)

    def show_entry(self, project: Project, span: Span, values: dict[str, Any],
                   read_only: bool) -> None:
        shown = span.label in project.company_label_names()
        self.setVisible(shown)
        self.caption.setVisible(shown)
        if not shown:
            return
        entity = values.get(ENTITY)
        company = None if is_empty(entity) else project.company(str(entity))
        if company is None:
            self.entry.setText(self.tr("Not in the registry") if is_empty(entity) else
                               self.tr("“{0}” is not in the registry").format(entity))
        else:
            lines = [company.name]
            if company.aliases:
                lines.append(self.tr("also: {0}").format(", ".join(company.aliases)))
            if company.tickers:
                lines.append(self.tr("tickers: {0}").format(", ".join(company.tickers)))
            if company.note:
                lines.append(company.note)
            self.entry.setText("\n".join(lines))
        self.add_button.setVisible(company is None)
        self.add_button.setEnabled(not read_only)

    def clear(self) -> None:
        """No span: nothing to show, nothing to add (the line keeps its height)."""
        self.entry.setText("")
        self.add_button.setEnabled(False)
