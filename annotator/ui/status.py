"""Permanent status bar widgets: current article, "done / total", and who is annotating."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QToolButton

from annotator.core.model import Article


class StatusWidgets(QObject):
    #: The annotator name was clicked (change it).
    annotatorClicked = Signal()

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.article = QLabel()
        self.article.setObjectName("statusArticle")
        self.article.setTextFormat(Qt.TextFormat.PlainText)
        self.article.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QLabel()
        self.progress.setObjectName("statusProgress")
        self.progress.setToolTip(self.tr("Articles you marked done / all articles; each "
                                         "annotator has their own statuses (Ctrl+Enter marks "
                                         "done)"))
        self.annotator = QToolButton()
        self.annotator.setObjectName("statusAnnotator")
        self.annotator.setAutoRaise(True)
        self.annotator.setToolTip("Who is annotating: recorded on every new span (click to "
                                  "change)")
        bar.addPermanentWidget(self.article, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.annotator)
        self.annotator.clicked.connect(self.annotatorClicked)

    def set_annotator(self, name: str) -> None:
        self.annotator.setText(f"Annotator: {name}")

    def set_progress(self, counts: dict[str, int]) -> None:
        total = sum(counts.values())
        text = f"{counts.get('done', 0)} / {total} done" if total else "no articles"
        if counts.get("in-progress"):
            text += self.tr(" · {count} in progress").format(count=counts["in-progress"])
        self.progress.setText(text)

    def set_article(self, article: Article | None) -> None:
        if article is None:
            self.article.setText("")
            return
        chars = len(article.text)
        self.article.setText(f"{article.title or '(untitled)'} · {article.language or '?'} · "
                             f"{chars:,} characters")
