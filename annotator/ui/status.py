"""Permanent status bar widgets: which project file (its full path on hover; a copy says
what it is a copy of), current article, "done / total", and who is annotating. Also the
window title, which names the project file too."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QToolButton

from annotator.core.model import Article
from annotator.store import projects_home

translate = QCoreApplication.translate


def _folder(path: Path) -> str | None:
    """The file's folder as shown in the title (``~`` for the home folder), or None when the
    file lives in the projects folder (where bare project names live)."""
    folder = path.resolve().parent
    if folder == projects_home().resolve():
        return None
    home = Path.home()
    return f"~/{folder.relative_to(home)}" if folder.is_relative_to(home) and folder != home \
        else ("~" if folder == home else str(folder))


def window_title(path: Path | None, title: str, readonly: bool) -> str:
    """``news.db — News — annotator``; ``carol.db (~/Downloads) — …`` outside the projects
    folder; the project's title only when it is not the file's name."""
    if path is None:
        return translate("StatusWidgets", "no project — annotator")
    name = path.name
    folder = _folder(path)
    parts = [translate("StatusWidgets", "{file} ({folder})").format(file=name, folder=folder) if folder else name]
    if title and title != path.stem:
        parts.append(title)
    text = " — ".join(parts)
    if readonly:
        text += translate("StatusWidgets", " [read-only]")
    return f"{text} — annotator"


def made_at(stamp: str) -> str:
    """An origin's UTC time stamp in local time, ``2026-11-30 10:12`` (as stored if odd)."""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp[:40]
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def file_line(path: Path, origin: dict[str, str] | None) -> str:
    """``carol.db`` or, for a copy, ``carol.db, a copy of news.db made 2026-11-30 10:12``."""
    if origin is None:
        return path.name
    source = origin["file"][:80]
    if origin.get("kind", "copy") == "copy":
        return translate("StatusWidgets", "{file}, a copy of {source} made {when}").format(
            file=path.name, source=source, when=made_at(origin["made"]))
    return translate("StatusWidgets", "{file}, made from {source} ({kind}) {when}").format(
        file=path.name, source=source, kind=origin.get("kind", "")[:40],
        when=made_at(origin["made"]))


class StatusWidgets(QObject):
    #: The annotator name was clicked (change it).
    annotatorClicked = Signal()

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.file = QLabel()
        self.file.setObjectName("statusFile")
        self.file.setTextFormat(Qt.TextFormat.PlainText)
        self.file.setContentsMargins(0, 0, 12, 0)
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
        self.annotator.setToolTip(translate("StatusWidgets", "Who is annotating: recorded on every new span (click to "
                                      "change)"))
        # a text before it joins the bar, which sets its height by its widgets' (an empty tool
        # button is taller than one with text: the bar came out 2 px taller, then shrank right
        # after the window's first paint, laying out and painting the whole window again)
        self.set_annotator("")
        bar.addPermanentWidget(self.file)
        bar.addPermanentWidget(self.article, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.annotator)
        self.annotator.clicked.connect(self.annotatorClicked)

    def set_file(self, path: Path | None, origin: dict[str, str] | None) -> None:
        """The project file's name (a copy: of what, when); its full path on hover."""
        if path is None:
            self.file.setText("")
            self.file.setToolTip("")
            return
        self.file.setText(file_line(path, origin))
        tip = str(path.resolve())
        if origin is not None and origin.get("path"):
            tip += "\n" + translate("StatusWidgets", "copied from {path}").format(path=origin["path"])
        self.file.setToolTip(tip)

    def set_annotator(self, name: str) -> None:
        self.annotator.setText(translate("StatusWidgets", "Annotator: {name}").format(name=name))

    def set_progress(self, counts: dict[str, int]) -> None:
        total = sum(counts.values())
        text = (translate("StatusWidgets", "{done} / {total} done").format(done=counts.get("done", 0), total=total)
                if total else translate("StatusWidgets", "no articles"))
        if counts.get("in-progress"):
            text += self.tr(" · {count} in progress").format(count=counts["in-progress"])
        self.progress.setText(text)

    def set_article(self, article: Article | None) -> None:
        if article is None:
            self.article.setText("")
            return
        chars = len(article.text)
        self.article.setText(translate("StatusWidgets", "{title} · {language} · {chars} characters").format(
            title=article.title or translate("StatusWidgets", "(untitled)"), language=article.language or "?",
            chars=f"{chars:,}"))
