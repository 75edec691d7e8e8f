"""The GUI entry point: ``build_window`` (no event loop) and ``main`` (``annotator gui``).

``main`` opens the project named on the command line, else the last project, else (first run)
the bundled sample project, created under ``projects_home()`` from ``resources/samples``.
With ``ANNOTATOR_SMOKE_EXIT_MS`` set it prints "window shown" to stderr once the window is
exposed and quits cleanly that many milliseconds later (the smoke test).
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from argparse import Namespace
from pathlib import Path

from annotator import gc_pause

with gc_pause.paused(freeze=True):  # ~200 ms of imports that make no garbage (issue 14)
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    import annotator.pyside_hook  # noqa: F401 - first: the modules below import quicker
    from annotator.core.names import BadName, check_person_name
    from annotator.store import NotAProject, Project, ProjectError, ProjectNotFound
    from annotator.ui import i18n, interaction
    from annotator.ui import settings as S
    from annotator.ui.context import AppContext
    from annotator.ui.main_window import MainWindow
    from annotator.ui.tasks import after_first_paint

SMOKE_ENV = "ANNOTATOR_SMOKE_EXIT_MS"
#: The garbage collector, held off while the window builds, resumes at its first paint, or
#: this long after the build when it is never shown.
GC_HELD_MS = 3000


def build_window(project_path: str | os.PathLike[str] | None, annotator_name: str, *,
                 settings: S.Settings | None = None) -> MainWindow:
    """The main window on ``project_path`` (None: no project), not shown, no event loop.

    Needs a QApplication. Raises ProjectError when the project cannot be opened.
    """
    _freeze_start_up_objects()
    # building it and reading the article make ~100k objects and no garbage: the collector
    # waits for the first paint (or a window never shown: GC_HELD_MS at most)
    gc_pause.hold()
    try:
        ctx = AppContext(settings or S.Settings(), annotator_name)
        # quick_check reads the whole file (seconds for 1 GB): the window runs it in the
        # background after opening (ProjectOps.adopt) and stops taking edits if it fails
        project = (Project.open(Path(project_path), verify=False) if project_path is not None
                   else None)
        window = MainWindow(ctx)
        ctx.setParent(window)
        if project is not None:
            window.ops.adopt(project)
    except BaseException:
        gc_pause.release()
        raise
    after_first_paint(window.workbench.left.view.viewport(), gc_pause.release)
    QTimer.singleShot(GC_HELD_MS, gc_pause.release)
    return window


@functools.cache
def _freeze_start_up_objects() -> None:
    """Move what the imports made (PySide6, sqlite-utils, our modules: ~hundreds of thousands of
    objects that live as long as the process) out of the garbage collector's reach, once per
    process. Opening the first article allocates tens of thousands of objects, and the full
    collection they trigger walked all of these: ~30 ms of start-up (issue 14)."""
    gc.freeze()


def annotator_name(settings: S.Settings, args: Namespace | None = None, *,
                   ask: bool = True) -> str:
    """The name recorded on spans: --annotator, else remembered, else asked once. The name
    remembered here is the one for project files not opened before (each file remembers its
    own, ``AppContext.choose_annotator``); --annotator does not replace it."""
    given = getattr(args, "annotator", None) if args is not None else None
    remembered = _valid_name(settings.get(S.ANNOTATOR))
    name = _valid_name(given) or remembered
    if not name:  # a remembered name that is not valid (an edited settings file) is asked again
        default = _valid_name(interaction.default_user()) or "annotator"
        name = _valid_name(interaction.ask_annotator_name(None, default) if ask else None) \
            or default
    if not remembered:
        settings.set(S.ANNOTATOR, name)
    return name


def _valid_name(name: str | None) -> str:
    """``name`` as core/names.py accepts it (NFC), or "" when it is missing or refused."""
    try:
        return check_person_name((name or "").strip()) if name and name.strip() else ""
    except BadName:
        return ""


def choose_project(settings: S.Settings, args: Namespace | None, who: str) -> Path | None:
    """PROJECT argument, else the last project if it still exists, else the sample project."""
    from annotator.samples import open_or_create_sample, sample_path
    from annotator.store import resolve_path

    given = getattr(args, "project", None) if args is not None else None
    if given:
        return resolve_path(given)
    last = settings.get(S.LAST_PROJECT)
    if last and Path(last).exists():
        return Path(last)
    if not sample_path().exists():
        open_or_create_sample(who="sample").close()
    return sample_path()


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QApplication.setOrganizationName(S.ORGANIZATION)
    QApplication.setApplicationName(S.APPLICATION)
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Annotator")
    return app


def _smoke(window: MainWindow, delay_ms: int) -> None:
    """Say "window shown" once the window is on screen, then quit after ``delay_ms``."""
    def check() -> None:
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            print("window shown", file=sys.stderr, flush=True)
            QTimer.singleShot(delay_ms, window.close)
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(0, check)


def main(args: Namespace | None = None) -> int:
    """Run the workbench; returns the process exit code."""
    app = _application()
    settings = S.Settings()
    translators = i18n.install(app, i18n.chosen_language(settings))  # before any window
    smoke = os.environ.get(SMOKE_ENV, "").strip()
    who = annotator_name(settings, args, ask=not smoke)

    def warn(title: str, text: str) -> None:
        if smoke:  # nobody is there to click a message box
            print(f"{title}: {text}", file=sys.stderr)
        else:
            interaction.warn(None, title, text)

    try:
        path = choose_project(settings, args, who)
    except ProjectError as exc:
        warn(QCoreApplication.translate("App", "Cannot create the sample project"), str(exc))
        path = None
    if path is not None and _valid_name(getattr(args, "annotator", None)):
        settings.set_for(path, S.PROJECT_ANNOTATOR, who)  # --annotator: this file's name
    try:
        window = build_window(path, who, settings=settings)
    except ProjectError as exc:
        if path is not None and isinstance(exc, ProjectNotFound | NotAProject):
            settings.forget_project(path)  # a stale "last project"; a locked one is kept
        warn(QCoreApplication.translate("App", "Cannot open the project"), str(exc))
        window = build_window(None, who, settings=settings)
    window.show()
    # jieba's dictionary loads in a worker, but it holds the GIL for most of a second: started
    # before the first paint, it slowed that paint down
    after_first_paint(window.workbench.left.view.viewport(), window.warm_up_segmenter)
    if smoke:
        _smoke(window, int(smoke))
    code = app.exec()
    settings.sync()
    i18n.uninstall(app, translators)
    return int(code)


if __name__ == "__main__":  # python -m annotator.app [PROJECT]
    from annotator.display import no_display_reason

    if (reason := no_display_reason()) is not None:
        sys.exit(reason)
    sys.exit(main(Namespace(project=sys.argv[1] if len(sys.argv) > 1 else None)))
