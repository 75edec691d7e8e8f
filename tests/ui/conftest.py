"""Fixtures for the workbench tests: a small project, the real main window, helpers that act
like a person (select characters, press keys), and a check for leaked top-level widgets."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from workbench_helpers import ARTICLES, show_active

from annotator.core.model import ArticleRecord


@pytest.fixture
def no_leaked_widgets(qapp):
    """Fail when a test leaves a new top-level widget alive (napari's habit)."""
    before = set(QApplication.topLevelWidgets())
    yield
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()
    leaked = [w for w in QApplication.topLevelWidgets()
              if w not in before and type(w).__name__ not in ("QTipLabel",)]
    assert not leaked, f"leaked top-level widgets: {leaked}"


@pytest.fixture
def workbench_project(tmp_path: Path) -> Path:
    """A project file with three short articles (one with 😀𠮷 before the text)."""
    from annotator.store import Project

    path = tmp_path / "work.db"
    with Project.create(path, title="Workbench test") as project:
        project.add_articles([ArticleRecord(text=text, title=title, language=lang,
                                            where=f"test:{i}")
                              for i, (title, text, lang) in enumerate(ARTICLES)], "setup")
    return path


@pytest.fixture
def window(qtbot, workbench_project, no_leaked_widgets):
    from annotator.app import build_window

    win = build_window(workbench_project, "tester")
    show_active(qtbot, win)
    return win



@pytest.fixture
def editor(qtbot, window):
    """The scheme editor (Labels ▸ Edit Labels…) shown over ``window``."""
    from annotator.ui.scheme_editor import SchemeEditor

    dialog = SchemeEditor(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog
