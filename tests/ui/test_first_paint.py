"""Work the first paint does not need (jieba's dictionary) waits until the window is seen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.ui.tasks import after_first_paint


class PaintLog(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_work_after_the_first_paint_runs_once_the_view_has_painted_and_only_once(qtbot):
    view = QPlainTextEdit("阿里今年的小目标")
    qtbot.addWidget(view)
    log = PaintLog()
    view.viewport().installEventFilter(log)
    ran: list[int] = []
    after_first_paint(view.viewport(), lambda: ran.append(log.paints))
    assert ran == []  # nothing before the window is shown
    view.show()
    qtbot.waitUntil(lambda: bool(ran))
    assert ran[0] >= 1  # the paint came first
    view.viewport().repaint()
    qtbot.waitUntil(lambda: log.paints > ran[0])
    assert len(ran) == 1
    view.viewport().removeEventFilter(log)


def test_the_article_views_viewport_does_not_make_pyside_initialise_every_widget_class():
    """PySide's first viewport() asked shiboken for the C++ object's type, and that walk
    initialised every QWidget subclass it knows (QWizard, QMdiArea, ...; 36 enum types) before
    the window's first paint. A fresh interpreter: this one has long done the walk."""
    import os
    import subprocess
    import sys

    code = ("import PySide6.QtWidgets as W\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from annotator.ui.article_view import ArticleView\n"
            "app = QApplication([])\n"
            "view = ArticleView()\n"
            "view.viewport().update()\n"
            "print('QWizard' in W.__dict__, 'QMdiArea' in W.__dict__)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=120, check=True).stdout.split()
    assert out == ["False", "False"]


def test_the_figure_parser_loads_with_the_word_list_off_the_gui_thread(qtbot, window,
                                                                        monkeypatch):
    """The first figure label parsed its span after ~25 ms of the parser's imports, inside the
    key; they now load in the thread pool once the window has painted."""
    import sys

    from annotator.core import segment

    monkeypatch.delitem(sys.modules, "annotator.core.figures", raising=False)
    monkeypatch.setattr(segment, "is_ready", lambda: False)
    monkeypatch.setattr(segment, "warm_up", lambda: None)
    window.warm_up_segmenter()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Ready", timeout=10000)
    assert "annotator.core.figures" in sys.modules


def test_pysides_import_hook_gets_the_same_answers_from_the_source_bytes():
    """annotator.pyside_hook answers PySide's "does this module use PySide?" (asked on every
    import, ~0.25 ms each through inspect.getsource) from the file's bytes: the same answer for
    every module loaded here, ours, the standard library's and third parties' alike."""
    import sys

    import annotator.app  # noqa: F401 - installs the hook
    from annotator.pyside_hook import install, uses_pyside

    assert install()
    feature = sys.modules["shibokensupport.feature"]
    original = feature._mod_uses_pyside.__wrapped__
    modules = [m for m in list(sys.modules.values())
               if str(getattr(m, "__file__", "")).endswith(".py")]
    assert len(modules) > 100
    differ = [m.__name__ for m in modules if uses_pyside(m, original) != original(m)]
    assert differ == []
    assert uses_pyside(sys.modules["annotator.ui.main_window"], original)
    assert not uses_pyside(sys.modules["annotator.store.spans"], original)


def test_the_garbage_collector_waits_for_the_windows_first_paint_then_runs_again(
        qtbot, workbench_project, no_leaked_widgets):
    """Building the window collects no garbage (its ~100k objects are none: ~20 ms of start-up);
    the collector is back on once the article view has painted, not later."""
    import gc

    from annotator import gc_pause
    from annotator.app import build_window

    gc_pause.release()  # an earlier test's window that was never shown may still hold it
    assert gc.isenabled()
    win = build_window(workbench_project, "tester")
    assert not gc.isenabled()  # held while nothing is on screen yet
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(gc.isenabled)


def test_a_window_that_fails_to_build_leaves_the_garbage_collector_on(tmp_path, qapp):
    import gc

    import pytest

    from annotator import gc_pause
    from annotator.app import build_window
    from annotator.store import ProjectNotFound

    gc_pause.release()
    with pytest.raises(ProjectNotFound):
        build_window(tmp_path / "typo.db", "tester")
    assert gc.isenabled()


def test_a_window_never_shown_gives_the_collector_back_after_a_while(
        qtbot, workbench_project, monkeypatch, no_leaked_widgets):
    import gc

    import annotator.app as app
    from annotator import gc_pause

    gc_pause.release()
    monkeypatch.setattr(app, "GC_HELD_MS", 50)
    win = app.build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    assert not gc.isenabled()
    qtbot.waitUntil(gc.isenabled, timeout=2000)


def test_the_window_is_not_laid_out_again_after_its_first_paint(qtbot, workbench_project,
                                                                no_leaked_widgets):
    """Everything in the first frame stays where it is: the status bar came out 2 px taller
    (its annotator button had no text yet when it joined the bar) and shrank a moment after
    the first paint, moving every dock and the article by 2 px and painting the window again."""
    from PySide6.QtCore import QRect

    from annotator.app import build_window

    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    first: list[tuple[QRect, ...]] = []

    def geometry() -> tuple[QRect, ...]:
        return (win.statusBar().geometry(), win.centralWidget().geometry(),
                win.annotations.geometry(), win.workbench.left.view.geometry())

    class AtFirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and not first:
                first.append(geometry())  # as painted, before any event after it
            return False

    spy = AtFirstPaint()
    win.workbench.left.view.viewport().installEventFilter(spy)
    win.show()
    qtbot.waitUntil(lambda: bool(first))
    win.statusBar().showMessage("settled")  # what the status bar lays out with on a message
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "settled")
    for _ in range(3):
        QApplication.processEvents()
    assert geometry() == first[0]
    win.workbench.left.view.viewport().removeEventFilter(spy)
    win.close()
