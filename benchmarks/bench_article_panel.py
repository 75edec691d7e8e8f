"""The Article dock (issue 10): what start-up pays for it (nothing is built while it is hidden),
its first showing, and following the current article with article attributes of three
annotators. Floor, in the same run: the two store reads the dock makes per article
(``article_fields`` and ``article_attributes``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import Row, percentile, timed

ANNOTATORS = ("alice", "bob", "carol")


def _project(path: Path, count: int):
    from annotator.core.model import ArticleRecord
    from annotator.core.scheme import AttributeDef
    from annotator.store import Project

    project = Project.create(path)
    project.add_articles([ArticleRecord(text=f"第{i}篇：京东表示营收同比增长{i}%。", title=f"文章{i}",
                                        source="财经日报", published="2024-03-01")
                          for i in range(count)], "bench")
    for attr in (AttributeDef("topic", "choice", ("e-commerce", "finance", "other")),
                 AttributeDef("outlet", "multi", ("national", "regional", "trade")),
                 AttributeDef("opinion", "boolean"), AttributeDef("readers", "number")):
        project.set_attribute_def(None, attr, "bench")
    for article_id in range(1, count + 1):
        for who in ANNOTATORS:
            project.set_article_attribute(article_id, who, "topic", "finance", who)
            project.set_article_attribute(article_id, who, "outlet", ["national"], who)
    return project


def run(quick: bool) -> list[Row]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import (
        QApplication,
        QCheckBox,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMainWindow,
        QScrollArea,
        QWidget,
    )

    from annotator.ui.claims.article_panel import ArticlePanel
    from annotator.ui.context import AppContext
    from annotator.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    count = 50 if quick else 200
    with tempfile.TemporaryDirectory() as folder:
        project = _project(Path(folder) / "panel.db", count)
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        ctx = AppContext(settings, "alice")
        ctx.set_project(project)
        window = QMainWindow()  # docked, as in the window, whose first paint has already
        window.resize(1200, 800)  # polished the kinds of widget the dock uses
        warm = QWidget()
        for kind in (QLineEdit, QComboBox, QCheckBox, QLabel, QGroupBox, QScrollArea):
            kind(warm)
        window.setCentralWidget(warm)
        window.show()
        app.processEvents()
        hidden: list[float] = []
        panels = []
        for _ in range(20):
            hidden.append(timed(lambda: panels.append(ArticlePanel(ctx, window))))
        panel = panels[-1]
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        panel.hide()
        app.processEvents()
        panel.set_article(project.article(1))
        first = timed(lambda: (panel.show(), app.processEvents()))
        switch, floor = [], []
        for article_id in range(1, count + 1):
            article = project.article(article_id)
            switch.append(timed(lambda a=article: panel.set_article(a)))
            floor.append(timed(lambda i=article_id: (project.article_fields(i),
                                                     project.article_attributes(i))))
        window.close()
        window.deleteLater()
        ctx.set_project(None)
        app.processEvents()
    p50, p95 = percentile(switch, 50), percentile(switch, 95)
    return [
        Row("article dock: built hidden (what start-up pays), min", min(hidden) * 1e3, "ms",
            goal="<= 1 ms", ok=min(hidden) <= 0.001),
        Row("article dock: first shown, docked (fields and 4 attribute editors built)",
            first * 1e3, "ms", goal="<= 100 ms (a click's answer)", ok=first <= 0.1),
        Row("article dock: follow the current article, 3 annotators' values, p50", p50 * 1e3,
            "ms", floor=percentile(floor, 50) * 1e3,
            floor_name="article_fields + article_attributes from the store, p50"),
        Row("article dock: follow the current article, p95", p95 * 1e3, "ms",
            floor=percentile(floor, 95) * 1e3, goal="p95 <= 16 ms", ok=p95 <= 0.016),
    ]
