"""Screenshots of team work for the README: ``python -m annotator.ui.screenshots_team docs``.

On a fresh copy of the sample project in a temporary folder: guidelines are set, the articles
assigned to alice, bob and carol (20% overlap), each package annotated and marked, the packages
merged back; then ``guidelines.png`` (the Guidelines dock beside the article), ``assign.png``
(File ▸ Assign Work…) and ``assignments.png`` (the dashboard's progress per assignment). Run it
under Xvfb or any desktop session; CJK text needs a CJK font installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt

GUIDE = """# 标注规范 / Guidelines

## claim 论断
A statement the article makes about a result or the future: **the whole clause**, from its
subject to its end. 例：阿里今年的小目标是新增至少1亿用户

## figure 数字
A number **with its unit**: 1亿, 70%, -1.6亿元. Not dates.

## company 公司
A company, brand or platform. Mark the **full name** when the text gives it.

| case | mark |
|---|---|
| 阿里 and 阿里巴巴 | both, each where it occurs |
| 天猫 (a platform) | company |
"""
#: done, in progress: how far each annotator got in their package.
PACE = {"alice": (2, 1), "bob": (1, 1), "carol": (1, 0)}
#: What the annotators mark in the pictures: figures (a number with its unit), as a person would.
_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:%|亿元|万家|万|家|小时| percent| million)?")


def _annotate(path: Path, who: str) -> None:
    from annotator.store import Project

    done, busy = PACE[who]
    with Project.open(path) as project:
        ids = [row[0] for row in project.conn.execute("SELECT id FROM articles ORDER BY id")]
        for n, article_id in enumerate(ids[:done + busy]):
            text = project.conn.execute("SELECT text FROM articles WHERE id = ?",
                                        (article_id,)).fetchone()[0]
            for match in list(_FIGURE.finditer(text))[:4]:
                project.add_span(article_id, match.start(), match.end(), "figure", who)
            project.set_status(article_id, "done" if n < done else "in-progress", who)


def _prepare(path: Path, folder: Path) -> None:
    from annotator.review.assign import assign
    from annotator.review.merge import merge
    from annotator.store import Project

    with Project.open(path) as project:
        project.set_guidelines(GUIDE, "wang.li")
        report = assign(project, list(PACE), folder, "wang.li", overlap=0.2, seed=4)
    for package in report.packages:
        _annotate(package.path, package.annotator)
    with Project.open(path) as project:
        for package in report.packages:
            merge(project, package.path, "wang.li")


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from annotator.ui.screenshots import _grab, _settle, sample_window

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sample_window("news.db", lambda path, tmp: _prepare(path, tmp / "handout")) as (
            app, window, _path):
        window.guidelines.toggleViewAction().trigger()
        window.resizeDocks([window.guidelines], [420], Qt.Orientation.Horizontal)
        window.statusBar().clearMessage()
        _settle(app)
        written.append(_grab(window, out_dir / "guidelines.png"))
        dialog = window.assign_work()
        assert dialog is not None
        dialog.people.setText("alice, bob, carol")
        _settle(app)
        written.append(_grab(dialog, out_dir / "assign.png"))
        dialog.close()
        board = window.show_dashboard()
        assert board is not None
        board.resize(1100, 1000)
        done: list[object] = []
        board.computed.connect(done.append)
        while not done:  # computed in the thread pool
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        _settle(app)
        written.append(_grab(board, out_dir / "assignments.png"))
        board.close()
    QApplication.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for path in take(Path(args[0] if args else "docs")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
