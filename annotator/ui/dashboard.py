"""The agreement dashboard: tables and QtCharts bar charts over ``review.agreement``.

Four sections: F1 per label (exact and overlap, all pairs together), agreement per annotator
pair (F1 and Cohen's kappa), progress per annotator (articles with their spans, of those done)
and, once work was handed out (``annotator assign``), progress per assignment ("alice 34/50
done, 6 in progress", from the statuses merged back).
Computing tokenizes every annotated article (jieba: a second or two on a big project), so it runs
in the thread pool on its own read-only connection (no lock; the window keeps its own), and the
result comes back to the GUI thread. Clicking a pair or label row asks for the review view on the
first article where that pair (or the pair agreeing least on that label) disagrees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.review.agreement import AgreementReport, PairResult
from annotator.store import Project
from annotator.store.assignments import Progress as Assigned
from annotator.ui import interaction
from annotator.ui.context import AppContext
from annotator.ui.models import FlatTableModel, Index
from annotator.ui.tasks import run_task

HTML_FILTER = str(QT_TRANSLATE_NOOP("interaction", "HTML report (*.html);;All files (*)"))


@dataclass
class Progress:
    annotator: str
    spans: int
    articles: int  # articles with a span of theirs
    done: int  # of those, marked done


@dataclass
class Computed:
    report: AgreementReport
    progress: list[Progress]
    total_articles: int
    assigned: list[Assigned] = field(default_factory=list)


def compute(path: Path, tokens: str) -> Computed:
    """Runs in a worker thread: a read-only connection of its own."""
    from annotator.review import agreement, load_docs

    with Project.open(path, readonly=True) as project:
        docs, names = load_docs(project)
        report = agreement(docs, names, tokens=tokens, scheme=project.scheme())
        rows = project.conn.execute(
            "SELECT s.annotator, count(*), count(DISTINCT s.article_id), "
            "coalesce((SELECT p.articles FROM status_progress p WHERE p.annotator = s.annotator "
            "AND p.status = 'done'), 0) "
            "FROM spans s "
            "WHERE s.origin IN ('manual', 'imported') GROUP BY s.annotator ORDER BY 1")
        progress = [Progress(*row) for row in rows]
        total = int(project.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        assigned = project.assignment_progress()
    return Computed(report, progress, total, assigned)


def pair_name(p: PairResult) -> str:
    return f"{p.left} / {p.right}"


class ReportModel(FlatTableModel):
    """Rows of names and numbers (floats shown with 3 decimals, None as "–")."""

    def __init__(self, headers: tuple[str, ...], parent: Any = None, names: int = 1) -> None:
        super().__init__(parent)
        self.HEADERS = headers
        self._names = names  # the first columns hold names (left-aligned)
        self._rows: list[list[Any]] = []
        self._keys: list[Any] = []

    def _row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: list[list[Any]], keys: list[Any]) -> None:
        self.beginResetModel()
        self._rows, self._keys = rows, keys
        self.endResetModel()

    def key(self, row: int) -> Any:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def value(self, row: int, col: int) -> Any:
        return self._rows[row][col]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "–"
            return f"{value:.3f}" if isinstance(value, float) else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= self._names:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def bar_chart(title: str, categories: list[str], series: list[tuple[str, list[float]]],
              low: float = 0.0, high: float = 1.0) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setVisible(len(series) > 1)
    bars = QBarSeries()
    for name, values in series:
        bar_set = QBarSet(name)
        bar_set.append([float(v) for v in values])
        bars.append(bar_set)
    chart.addSeries(bars)
    x = QBarCategoryAxis()
    x.append(categories)
    y = QValueAxis()
    # Three ticks: a chart ~150 px high elides a label per 0.2 step to "…"
    y.setTruncateLabels(False)
    if high <= 1:  # scores
        y.setRange(low, high)
        y.setLabelFormat("%.1f")
    else:  # counts: whole numbers, an even top so the middle tick is whole too
        y.setRange(low, 2 * math.ceil(high / 2))
        y.setLabelFormat("%d")
    y.setTickCount(3)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(x)
    bars.attachAxis(y)
    return chart


class Dashboard(QDialog):
    #: A computation finished (payload: Computed, or None after an error).
    computed = Signal(object)
    #: The user clicked a row: review this article between these layers (id, left, right).
    reviewRequested = Signal(int, str, str, str)  # article id, left, right, label ("" = all)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setWindowTitle(self.tr("Agreement dashboard"))
        self.ctx = ctx
        self.latest: Computed | None = None
        self._generation = 0
        self.tokens = QComboBox()
        self.tokens.setObjectName("dashboardTokens")
        self.tokens.addItem(self.tr("jieba words"), "word")
        self.tokens.addItem(self.tr("characters"), "char")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.save_button = QPushButton(self.tr("Save HTML report…"))
        self.save_button.setEnabled(False)
        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")
        self._boxes: list[QGroupBox] = []
        self.labels = ReportModel((self.tr("Label"), self.tr("F1 exact"), self.tr("F1 overlap"),
                                   self.tr("Fleiss κ")), self)
        self.pairs = ReportModel((self.tr("Pair"), self.tr("Articles"), self.tr("F1 exact"),
                                  self.tr("Relation F1"), self.tr("F1 overlap"), self.tr("Cohen κ"),
                                  self.tr("Krippendorff α"), self.tr("Left out")), self)
        self.people = ReportModel((self.tr("Annotator"), self.tr("Spans"), self.tr("Articles"),
                                   self.tr("Done")), self)
        self.label_table, self.label_chart = self._section(self.tr("F1 per label"), self.labels)
        self.pair_table, self.pair_chart = self._section(self.tr("Annotator pairs"), self.pairs)
        self.people_table, self.people_chart = self._section(self.tr("Progress per annotator"),
                                                             self.people)
        self.assigned = ReportModel((self.tr("Assignment"), self.tr("Assigned"), self.tr("Done"),
                                     self.tr("In progress"), self.tr("Plan")), self)
        self.assigned_table, self.assigned_chart = self._section(
            self.tr("Progress per assignment"), self.assigned)
        self.assigned_box = self._boxes[-1]
        self.assigned_box.hide()  # shown once work was handed out
        from annotator.ui.attribute_tables import AttributeTabs

        self.attributes = AttributeTabs(ReportModel, self)
        box = QGroupBox(self.tr("Attributes per label (spans matched exactly, both set)"), self)
        QHBoxLayout(box).addWidget(self.attributes)
        box.setToolTip(self.tr(
            "Per label and attribute, on spans both annotators marked exactly (same start, end "
            "and label) where both set the attribute; a value set on one side only is left "
            "out. Choice, yes/no, multiple choice (as a set) and text (trimmed) are compared "
            "as categories; numbers by their difference (interval alpha, no kappa). The "
            "relation F1 counts a relation when both ends match exactly and the type is the "
            "same."))
        self._boxes.insert(2, box)
        self.attributes_box = box
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tokens")))
        top.addWidget(self.tokens)
        top.addWidget(self.refresh_button)
        top.addWidget(self.status, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        # the sections scroll when the dialog is shorter than they need (five of them)
        page = QWidget()
        sections = QVBoxLayout(page)
        sections.setContentsMargins(0, 0, 0, 0)
        for box in self._boxes:
            sections.addWidget(box, 1)
        self.attributes.setMinimumHeight(230)
        scroll = QScrollArea()
        scroll.setObjectName("dashboardSections")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        layout.addWidget(scroll, 1)
        self.resize(1100, 880)

        self.tokens.activated.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save_html)
        self.label_table.clicked.connect(self._on_label_clicked)
        self.pair_table.clicked.connect(self._on_pair_clicked)

    def _section(self, title: str, model: ReportModel) -> tuple[QTableView, QChartView]:
        box = QGroupBox(title, self)
        table = QTableView()
        table.setModel(model)
        table.setObjectName(f"table:{title}")
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(180)
        row = QHBoxLayout(box)
        row.addWidget(table, 1)
        row.addWidget(view, 1)
        self._boxes.append(box)
        return table, view

    # ------------------------------------------------------------------ computing
    def refresh(self) -> bool:
        path = self.ctx.project_path()
        if path is None:
            return False
        self._generation += 1
        generation, tokens = self._generation, str(self.tokens.currentData())
        self.status.setText(self.tr("Computing…"))
        self.refresh_button.setEnabled(False)
        run_task(lambda: compute(path, tokens),
                 lambda result, error: self._done(generation, result, error), self)
        return True

    def _done(self, generation: int, result: Computed | None,
              error: BaseException | None) -> None:
        if generation != self._generation:
            return  # a newer computation is on its way
        self.refresh_button.setEnabled(True)
        if error is not None or result is None:
            self.status.setText(self.tr("Could not compute the agreement: {error}").format(error=error))
            self.computed.emit(None)
            return
        self.latest = result
        self._fill(result)
        self.save_button.setEnabled(True)
        report = result.report
        self.status.setText(self.tr("{annotators} annotator(s), {pairs} pair(s), tokens: {tokens}; ")
                            .format(annotators=len(report.annotators), pairs=len(report.pairs),
                                    tokens=report.tokens) + self._units_text(report))
        self.status.setToolTip(self.tr(
            "An article counts for a pair only when both annotators worked on it: a span of "
            "theirs, or a status other than to do (“nothing to label here” is a judgement). "
            "“Left out” counts the articles one of them worked on alone."))
        self.computed.emit(result)

    def _fill(self, result: Computed) -> None:
        report = result.report
        per_label = report.overall.corpus.get("per_label", {}) if report.overall else {}
        self.labels.set_rows([[lb, per_label.get(lb, {}).get("f1_exact"),
                               per_label.get(lb, {}).get("f1_overlap"),
                               per_label.get(lb, {}).get("fleiss_kappa")]
                              for lb in report.labels], list(report.labels))
        self.pairs.set_rows([[pair_name(p), p.articles, p.corpus["all"]["f1_exact"],
                              p.corpus.get("relations", {}).get("f1_exact"),
                              p.corpus["all"]["f1_overlap"], p.corpus["all"]["cohen_kappa"],
                              p.corpus["all"]["krippendorff_alpha"], p.articles_left_out]
                             for p in report.pairs],
                            [(p.left, p.right) for p in report.pairs])
        self.people.set_rows([[p.annotator, p.spans, p.articles, p.done]
                              for p in result.progress], [p.annotator for p in result.progress])
        self._fill_assigned(result.assigned)
        self.attributes.fill(report)
        self._set_chart(self.label_chart, bar_chart(
            self.tr("F1 per label (all pairs)"), list(report.labels),
            [(self.tr("exact"), [self._num(self.labels.value(r, 1))
                                 for r in range(len(report.labels))]),
             (self.tr("overlap"), [self._num(self.labels.value(r, 2))
                          for r in range(len(report.labels))])]))
        kappas = [self._num(p.corpus["all"]["cohen_kappa"]) for p in report.pairs]
        self._set_chart(self.pair_chart, bar_chart(
            self.tr("Agreement per pair"), [pair_name(p) for p in report.pairs],
            [(self.tr("Cohen κ"), kappas),
             (self.tr("F1 overlap"), [self._num(p.corpus["all"]["f1_overlap"]) for p in report.pairs])],
            low=math.floor(min([0.0, *kappas]) * 5) / 5))  # kappa can be negative
        self._set_chart(self.people_chart, bar_chart(
            self.tr("Progress of {count} article(s)").format(count=result.total_articles),
            [p.annotator for p in result.progress],
            [(self.tr("articles with spans"), [p.articles for p in result.progress]),
             (self.tr("done"), [p.done for p in result.progress])],
            high=float(max(1, result.total_articles))))

    def _fill_assigned(self, rows: list[Assigned]) -> None:
        """One row per annotator and plan (newest plan first), and a chart of the newest."""
        self.assigned_box.setVisible(bool(rows))
        self.assigned.set_rows(
            [[self.tr("%1 %2/%3 done, %4 in progress").replace("%1", r.annotator)
              .replace("%2", str(r.done)).replace("%3", str(r.assigned))
              .replace("%4", str(r.in_progress)), r.assigned, r.done, r.in_progress,
              r.created_at[:16].replace("T", " ")] for r in rows],
            [(r.plan, r.annotator) for r in rows])
        newest = [r for r in rows if rows and r.plan == rows[0].plan]
        self._set_chart(self.assigned_chart, bar_chart(
            self.tr("Newest assignment"), [r.annotator for r in newest],
            [(self.tr("done"), [r.done for r in newest]),
             (self.tr("in progress"), [r.in_progress for r in newest]),
             (self.tr("assigned"), [r.assigned for r in newest])],
            high=float(max([1, *(r.assigned for r in newest)]))))

    def _units_text(self, report: AgreementReport) -> str:
        left_out = sum(p.articles_left_out for p in report.pairs)
        return self.tr("articles both annotators worked on; {count} left out (one of them "
                       "only)").format(count=left_out)

    @staticmethod
    def _num(value: Any) -> float:
        return float(value) if isinstance(value, (int, float)) else 0.0

    @staticmethod
    def _set_chart(view: QChartView, chart: QChart) -> None:
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()  # setChart releases the previous chart without deleting it

    # ------------------------------------------------------------------ clicks
    def _on_pair_clicked(self, index: QModelIndex) -> None:
        key = self.pairs.key(index.row())
        if key is not None and self.latest is not None:
            self.open_review(self.latest.report.pair(*key))

    def _on_label_clicked(self, index: QModelIndex) -> None:
        label = self.labels.key(index.row())
        if label is None or self.latest is None or not self.latest.report.pairs:
            return
        pairs = self.latest.report.pairs
        worst = min(pairs, key=lambda p: self._num(
            p.corpus["per_label"].get(label, {}).get("f1_exact")))
        self.open_review(worst, label)

    def open_review(self, pair: PairResult, label: str | None = None) -> int | None:
        """Ask for the review of the first article where ``pair`` disagrees (on ``label``)."""
        def differs(row: dict[str, Any]) -> bool:
            scores = row["per_label"].get(label) if label else row
            return scores is not None and scores["f1_exact"] != 1.0

        found = next((a["article_id"] for a in pair.per_article if differs(a)), None)
        if found is None and pair.per_article:
            found = pair.per_article[0]["article_id"]
        if found is not None:
            self.reviewRequested.emit(int(found), pair.left, pair.right, label or "")
        return found

    # ------------------------------------------------------------------ report
    def save_html(self) -> bool:
        path = self.ctx.project_path()
        if self.latest is None or path is None:
            return False
        out = interaction.save_path(self, self.tr("Save agreement report"),
                                    str(path.with_name(f"{path.stem}-agreement.html")),
                                    HTML_FILTER)
        if not out:
            return False
        from annotator.review.report_html import render

        project = self.ctx.project
        title = project.title if project is not None else ""
        try:
            Path(out).write_text(render(self.latest.report, title=title), encoding="utf-8")
        except OSError as exc:
            interaction.warn(self, self.tr("Could not save the report"), str(exc))
            return False
        self.status.setText(self.tr("Report saved to {path}").format(path=out))
        return True
