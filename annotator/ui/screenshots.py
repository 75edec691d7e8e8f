"""Screenshots of the real window for the README: ``python -m annotator.ui.screenshots docs``.

Runs on a fresh copy of the sample project in a temporary folder (your projects and settings
are untouched) and writes ``workbench.png`` (a Chinese article with spans of all four labels),
``inspector.png`` (a claim with its attributes and relations in the inspector),
``side-by-side.png`` (a second article in the right pane), ``search.png`` (project search and
the article filter on 京东), ``review.png`` (the review view: the sample's two annotators side
by side, disagreements outlined), ``dashboard.png`` (the agreement dashboard) and
``file-lost.png`` (the bar shown when the project file is replaced under the window) and
``window-zh.png`` (the Chinese interface on the first article), ``relations.png`` (a claim
with its relations drawn to a figure and a company) and ``suggestions.png`` (suggested
figures and companies drawn dashed and listed apart, one just accepted). Run it under Xvfb
(``make screenshots``) or any desktop session; CJK text needs a CJK font installed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt

from annotator.core.model import Span

SIZE = (1400, 860)


def _settle(app, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


@contextmanager
def sample_window(name: str = "sample.db",
                  prepare: Callable[[Path, Path], None] | None = None) -> Iterator[tuple]:
    """(app, window, project path): the real window, shown at ``SIZE``, on a fresh copy of the
    sample project (``prepare(path, folder)`` may fill it first) in a temporary folder with
    its own settings; closed and deleted afterwards."""
    from annotator.app import _application, build_window
    from annotator.samples import create_sample_project

    app = _application()
    app.setStyle("Fusion")
    with tempfile.TemporaryDirectory(prefix="annotator-shots-") as tmp:
        os.environ["ANNOTATOR_SETTINGS_DIR"] = str(Path(tmp) / "settings")
        path = Path(tmp) / name
        create_sample_project(path).close()
        if prepare is not None:
            prepare(path, Path(tmp))
        window = build_window(path, "wang.li")
        window.resize(*SIZE)
        window.show()
        _settle(app)
        try:
            yield app, window, path
        finally:
            window.close()
            _settle(app)
            window.deleteLater()
            _settle(app)


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sample_window() as (app, window, path):
        project = window.ctx.require_project()
        articles = project.articles()
        wanted = {"claim", "figure", "company", "strategy"}
        first = next(a for a in articles if a.language == "zh"
                     and {s.label for s in project.spans(a.id)} >= wanted)
        left = window.workbench.left
        window.workbench.open_article(first.id, left)
        spans = left.view.spans()
        claim = next(s for s in spans if s.label == "claim" and s.note)
        window.jump_to_span(claim)
        left.view.clear_selection()
        window.annotations.highlight(claim.id)
        window.statusBar().clearMessage()
        _settle(app)
        written.append(_grab(window, out_dir / "workbench.png"))
        written.append(_inspector_shot(app, window, claim, out_dir))

        second = next(a for a in articles if a.language == "zh" and a.id != first.id)
        window.workbench.open_article(second.id, window.workbench.right)
        window.workbench.setSizes([1, 1])
        right = window.workbench.right
        figure = next(s for s in right.view.spans() if s.label == "figure")
        right.view.select_span(figure.id)
        window.annotations.highlight(figure.id)
        window.statusBar().clearMessage()
        _settle(app)
        written.append(_grab(window, out_dir / "side-by-side.png"))
        written.append(_search_shot(app, window, out_dir))
        written += _review_shots(app, window, first.id, out_dir)
        written.append(_lost_shot(app, window, path, out_dir))
    QApplication.processEvents()
    written.append(_chinese_shot(app, out_dir))
    written.append(_relations_shot(out_dir))
    written.append(_suggestions_shot(out_dir))
    return written


def _registry_sample(path: Path, _folder: Path) -> None:
    """A registry of one: the livestream platform of the double-eleven article."""
    from annotator.core.registry import make_company
    from annotator.store import Project

    with Project.open(path) as project:
        project.add_companies([make_company("橙果直播", ["橙果"])], "wang.li")


def _suggestions_shot(out_dir: Path) -> Path:
    """Article ▸ Suggest ▸ All on the double-eleven article, the first figure accepted (A):
    the next suggestion is selected."""
    with sample_window(prepare=_registry_sample) as (app, window, _path):
        project = window.ctx.require_project()
        article = next(a for a in project.articles() if a.title.startswith("双十一直播间"))
        left = window.workbench.left
        window.workbench.open_article(article.id, left)
        window.acts.suggest_all.trigger()
        left.view.setFocus()
        first = next(s for s in left.view.spans()
                     if s.origin == "suggested" and s.label == "figure")
        left.view.select_span(first.id)
        window.acts.accept_suggestion.trigger()
        window.annotations.highlight(left.view.selected_span_id() or "")
        window.statusBar().clearMessage()
        _settle(app)
        return _grab(window, out_dir / "suggestions.png")


def _relate_sample(path: Path, _folder: Path) -> None:
    """The first article's claim on 一二线城市… cites 62% and is about 乡品汇 (the mention
    nearest to it); another claim cites 25%."""
    from annotator.store import Project

    with Project.open(path) as project:
        spans = project.spans(project.articles()[0].id)

        def find(text: str, label: str) -> Span:
            return next(s for s in spans if s.text.startswith(text) and s.label == label)

        claim = find("一二线城市", "claim")
        company = min((s for s in spans if s.text == "乡品汇"),
                      key=lambda s: abs(s.start - claim.start))
        project.add_relation(claim.id, find("62%", "figure").id, "cites", claim.annotator)
        project.add_relation(claim.id, company.id, "about", claim.annotator)
        other = find("补贴带来", "claim")
        project.add_relation(other.id, find("25%", "figure").id, "cites", other.annotator)


def _relations_shot(out_dir: Path) -> Path:
    with sample_window(prepare=_relate_sample) as (app, window, _path):
        project = window.ctx.require_project()
        left = window.workbench.left
        window.workbench.open_article(project.articles()[0].id, left)
        claim = next(s for s in left.view.spans() if s.text.startswith("一二线城市"))
        window.jump_to_span(claim)
        left.view.clear_selection()
        window.annotations.highlight(claim.id)
        window.statusBar().clearMessage()
        _settle(app)
        return _grab(window, out_dir / "relations.png")
def _inspector_shot(app, window, claim, out_dir: Path) -> Path:
    """A claim with its attributes in the inspector (the certainty chosen there) and its
    relations to a figure and a company; the article view and the list as they were."""
    project = window.ctx.require_project()
    spans = window.workbench.left.view.spans()
    inside = [s for s in spans if claim.start <= s.start and s.end <= claim.end]
    for label, type_ in (("figure", "cites"), ("company", "about")):
        other = next((s for s in inside + spans if s.label == label), None)
        if other is not None:
            project.add_relation(claim.id, other.id, type_, claim.annotator)
    project.set_attributes(claim.id, {"attribution": "indirect_quote", "check_worthy": True},
                           claim.annotator)
    window.acts.show_inspector.setChecked(True)
    window.jump_to_span(claim)
    window.workbench.left.view.clear_selection()
    inspector = window.inspector_dock()
    inspector.editors["certainty"].choose("probable")  # as a person does: one undo step
    window.resizeDocks([window.label_palette, inspector, window.annotations], [110, 470, 200],
                       Qt.Orientation.Vertical)
    inspector.editors["speaker"].focus_target().setFocus()
    window.statusBar().clearMessage()
    _settle(app)
    shot = _grab(window, out_dir / "inspector.png")
    window.ctx.undo_stack.undo()
    return shot


def _chinese_shot(app, out_dir: Path) -> Path:
    """The window in Chinese (as LANG=zh_CN gives it) on the first Chinese article."""
    from annotator.ui import i18n

    translators = i18n.install(app, i18n.CHINESE)
    try:
        with sample_window() as (app, window, _path):
            project = window.ctx.require_project()
            first = next(a for a in project.articles() if a.language == "zh"
                         and len(project.spans(a.id)) >= 4)
            window.workbench.open_article(first.id, window.workbench.left)
            window.workbench.left.view.clear_selection()
            window.statusBar().clearMessage()
            _settle(app)
            return _grab(window, out_dir / "window-zh.png")
    finally:
        i18n.uninstall(app, translators)


def _review_shots(app, window, article_id: int, out_dir: Path) -> list[Path]:
    """The review of ``sample`` against ``lin`` on one article, then the dashboard."""
    window.articles.hide()
    window.annotations.hide()
    window.label_palette.hide()
    window.review.start(article_id, "sample", "lin")
    window.review.next()
    window.review.next()
    window.workbench.setSizes([1, 1])
    window.resizeDocks([window.review_dock], [430], Qt.Orientation.Horizontal)
    window.statusBar().clearMessage()
    _settle(app)
    shots = [_grab(window, out_dir / "review.png")]
    window.review.stop()
    board = window.show_dashboard()
    board.resize(1100, 860)
    done: list[object] = []
    board.computed.connect(done.append)
    while not done:  # computed in the thread pool
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    _settle(app)
    shots.append(_grab(board, out_dir / "dashboard.png"))
    board.close()
    return shots


def _search_shot(app, window, out_dir: Path) -> Path:
    """Project search (Ctrl+Shift+F) and the article filter, both on 直播, after they finish."""
    window.workbench.setSizes([1, 0])
    window.articles.filter_edit.setText("直播")
    window.search.open()
    window.search.edit.setText("直播")
    finished: list[str] = []
    window.search.searchFinished.connect(finished.append)
    window.search.run()
    while not finished:  # hits stream in from a worker
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    window.resizeDocks([window.search], [260], Qt.Orientation.Vertical)
    window.statusBar().clearMessage()
    while "found" not in window.articles.windowTitle():  # the filter's worker
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    _settle(app)
    shot = _grab(window, out_dir / "search.png")
    window.search.hide()
    window.articles.filter_edit.setText("")
    return shot


def _lost_shot(app, window, path: Path, out_dir: Path) -> Path:
    """Another program replaces the project file: the bar, edits off, Save what is open as…"""
    window.articles.show()
    window.annotations.show()
    window.label_palette.show()
    window.workbench.setSizes([1, 0])
    from annotator.store import Project

    other = path.with_name("other.db")
    Project.create(other).close()
    os.replace(other, path)
    window.ctx.writable()  # what the next key press (or coming back to the window) does
    window.statusBar().clearMessage()
    _settle(app)
    return _grab(window, out_dir / "file-lost.png")


def _grab(window, path: Path) -> Path:
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs")
    for path in take(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
