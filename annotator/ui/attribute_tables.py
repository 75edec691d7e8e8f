"""The dashboard's attribute agreement: one table per label (a tab each; article attributes
in a tab of their own), a row per annotator pair and attribute (and "all" for overall when
more than two annotators are compared): matched pairs, observed agreement, Cohen's kappa and
Krippendorff's alpha (``review/structure.py`` defines them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

from annotator.review.agreement import AgreementReport
from annotator.ui.tables import row_table

_KEYS = ("matched", "observed", "cohen_kappa", "krippendorff_alpha")


class AttributeTabs(QTabWidget):
    def __init__(self, model_type: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardAttributes")
        self._model_type = model_type  # the dashboard's ReportModel
        self.models: dict[str, Any] = {}  # tab title -> its model

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Pair"), self.tr("Attribute"), self.tr("Matched"), self.tr("Observed"),
                self.tr("Cohen κ"), self.tr("Krippendorff α"))

    def fill(self, report: AgreementReport) -> None:
        """One tab per label with attributes, then one for the article attributes."""
        while self.count():
            page = self.widget(0)
            self.removeTab(0)
            if page is not None:
                page.deleteLater()
        self.models = {}
        tables: dict[str, list[list[Any]]] = {}
        sources = [(f"{p.left} / {p.right}", p.corpus) for p in report.pairs]
        if report.overall is not None and len(report.annotators) > 2:
            sources.append((self.tr("all"), report.overall.corpus))
        article = self.tr("Articles")
        for name, corpus in sources:
            for label, attrs in corpus.get("attributes", {}).items():
                for attr, v in attrs.items():
                    tables.setdefault(label, []).append([name, attr, *(v[k] for k in _KEYS)])
            for attr, v in corpus.get("article_attributes", {}).items():
                tables.setdefault(article, []).append([name, attr, *(v[k] for k in _KEYS)])
        for title, rows in tables.items():
            model = self._model_type(self._headers(), self, names=2)
            model.set_rows(rows, [(r[0], r[1]) for r in rows])
            table = row_table(model, f"attributes:{title}", grid=True)
            table.resizeColumnsToContents()
            table.horizontalHeader().setStretchLastSection(True)
            self.addTab(table, title)
            self.models[title] = model
        if not tables:
            self.addTab(QWidget(), self.tr("No attributes in the scheme"))
