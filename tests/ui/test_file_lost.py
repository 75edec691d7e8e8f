"""The project file is deleted, replaced, renamed away or emptied while the window is open
(issue 8, item 1): the window stops taking edits, says so in one sentence across the view, and
"Save what is open as…" keeps every acknowledged span. The file that took our place is never
written."""

from __future__ import annotations

from pathlib import Path

import pytest
from file_attacks import UNDER_THE_WINDOW
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from workbench_helpers import ZH_ASTRAL, article_id, select

from annotator.store import Project
from annotator.ui import commands, interaction, project_ops, tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(interaction, "warn", lambda _p, _t, text: told.append(text))
    return told


def label_word(qtbot, window, word: str, key: str = "1") -> None:
    view = window.workbench.left.view
    start = ZH_ASTRAL.index(word)
    select(view, start, start + len(word))
    qtbot.keyClick(view, key, Qt.KeyboardModifier.AltModifier)


def acknowledged(window) -> set[str]:
    return {s.id for s in window.workbench.left.view.spans()}


def edits_enabled(window) -> list[str]:
    acts = window.acts
    names = ["delete_span", "edit_note", "mark_done", "label_scheme", "import_files",
             "import_teammate", "review", "undo", "redo"]
    on = [name for name in names if getattr(acts, name).isEnabled()]
    on += [a.objectName() for a in window._label_actions if a.isEnabled()]
    on += [name for name in ("claim", "figure") if window.label_palette.button(name).isEnabled()]
    return on


@pytest.mark.parametrize("attack", sorted(UNDER_THE_WINDOW))
def test_file_changed_under_the_window_stops_edits_and_save_what_is_open_keeps_every_span(
        attack: str, qtbot, window, warned: list[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path):
    path = window.ctx.project.path
    view = window.workbench.left.view
    label_word(qtbot, window, "阿里")
    label_word(qtbot, window, "1亿", "2")
    saved = acknowledged(window)
    assert len(saved) == 2 and window.acts.undo.isEnabled()
    foreign = UNDER_THE_WINDOW[attack](path)
    before = foreign.read_bytes() if foreign is not None else None

    label_word(qtbot, window, "京东")  # the edit that meets the change

    assert acknowledged(window) == saved  # not shown as saved
    assert window.annotations.model.rowCount() == 2
    assert view.selected_range() is not None  # the selection is still there to redo later
    assert window.lost_bar.isVisible()
    sentence = window.lost_bar.message()
    assert str(path) in sentence and "NOT saved" in sentence
    assert sentence.count(". ") == 0 and "\n" not in sentence  # one sentence
    qtbot.waitUntil(lambda: edits_enabled(window) == [])
    qtbot.keyClick(view, "z", Qt.KeyboardModifier.ControlModifier)  # undo does nothing either
    assert acknowledged(window) == saved
    assert warned == []  # the bar says it; no modal dialog on top
    if foreign is not None:
        assert foreign.read_bytes() == before

    out = tmp_path / "rescued.db"
    monkeypatch.setattr(interaction, "save_path", lambda *a: str(out))
    qtbot.mouseClick(window.lost_bar.save_button, Qt.MouseButton.LeftButton)

    assert window.ctx.project.path == out and not window.lost_bar.isVisible()
    with Project.open(out, readonly=True) as copy:
        assert {s.id for s in copy.spans(article_id(copy, "阿里的小目标"))} == saved
        assert copy.check() == []
    if foreign is not None:  # the old connection is closed now: still untouched
        assert foreign.read_bytes() == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()  # no orphans
    label_word(qtbot, window, "京东")  # and work goes on in the copy
    assert len(acknowledged(window)) == 3
    with Project.open(out, readonly=True) as copy:
        assert copy.span_count() == 3


def test_an_edit_already_under_way_when_the_file_goes_is_not_shown_as_saved(
        qtbot, window, warned: list[str]):
    path = window.ctx.project.path
    aid = window.workbench.left.article().id
    path.unlink()
    start = ZH_ASTRAL.index("京东")
    command = commands.AddSpan(window.ctx, aid, start, start + 2, "claim", "京东")
    error = commands.push(window.ctx, command)  # straight to the store: it refuses
    assert error is not None and "NOT saved" in str(error)
    assert window.workbench.left.view.spans() == []
    assert window.lost_bar.isVisible() and warned == []
    qtbot.waitUntil(lambda: not window.ctx.undo_stack.canUndo())
    assert edits_enabled(window) == []


def test_coming_back_to_the_window_after_the_file_was_replaced_shows_the_bar_before_any_edit(
        window, warned: list[str]):
    UNDER_THE_WINDOW["replace"](window.ctx.project.path)
    assert not window.lost_bar.isVisible()
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert window.lost_bar.isVisible() and "replaced" in window.lost_bar.message()
    assert edits_enabled(window) == [] and warned == []


def test_file_replaced_while_an_import_has_it_closed_is_never_written(
        qtbot, window, warned: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    path = window.ctx.project.path
    replaced: list[bytes] = []

    class ReplacedMeanwhile(tasks.ImportWorker):
        def run(self) -> None:  # the window has closed its connection: swap the file now
            UNDER_THE_WINDOW["replace"](path)
            replaced.append(path.read_bytes())
            super().run()

    monkeypatch.setattr(project_ops, "ImportWorker", ReplacedMeanwhile)
    article = tmp_path / "new.txt"
    article.write_text("拼多多的战略是下沉市场。\n", encoding="utf-8")
    with qtbot.waitSignal(window.ops.importFinished, timeout=30000) as finished:
        assert window.ops.import_files([str(article)])
    report, error = finished.args
    assert report is None and "replaced by another file" in error
    assert path.read_bytes() == replaced[0]  # neither the import nor the reopening wrote it
    assert window.ctx.project is None
    assert any("replaced by another file" in text for text in warned)


def test_a_damaged_project_opens_but_stops_taking_edits_once_the_background_check_fails(
        qtbot, workbench_project: Path, warned: list[str], no_leaked_widgets):
    """quick_check reads the whole file (seconds for a 1 GB project), so the window opens at
    once and checks in the background; a damaged file then gets the bar and no edit reaches it."""
    from file_attacks import damage_an_index_page

    from annotator.app import build_window

    damage_an_index_page(workbench_project)
    before = workbench_project.read_bytes()
    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ops.integrityChecked, timeout=30000) as checked:
        win.show()
    assert "is damaged (quick_check:" in checked.args[0]
    assert win.lost_bar.isVisible() and "annotator check" in win.lost_bar.message()
    assert edits_enabled(win) == [] and warned == []
    view = win.workbench.left.view
    shown = len(view.spans())
    select(view, 0, 2)
    qtbot.keyClick(view, "1", Qt.KeyboardModifier.AltModifier)
    assert len(view.spans()) == shown  # nothing shown as saved
    win.close()
    assert workbench_project.read_bytes() == before


def test_a_healthy_project_passes_the_background_check_and_takes_edits(qtbot, window):
    with qtbot.waitSignal(window.ops.integrityChecked, timeout=30000) as checked:
        window.ops._check_integrity(window.ctx.project)
    assert checked.args == [""] and not window.lost_bar.isVisible()
    assert "claim" in edits_enabled(window)


def test_the_integrity_check_of_the_project_opened_at_start_waits_for_the_first_paint(
        qtbot, workbench_project: Path, monkeypatch, no_leaked_widgets):
    """quick_check reads the whole file (1 GB at 100k articles) on another core and its imports
    take the GIL: started as the project opened, it ran while the first paint was made."""
    from PySide6.QtWidgets import QApplication

    from annotator.app import build_window
    from annotator.ui.project_ops import ProjectOps

    started: list[object] = []
    real = ProjectOps._check_integrity
    monkeypatch.setattr(ProjectOps, "_check_integrity",
                        lambda self, project: started.append(project) or real(self, project))
    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    QApplication.processEvents()  # an unshown window never paints: nothing is checked yet
    assert started == []
    with qtbot.waitSignal(win.ops.integrityChecked, timeout=30000) as checked:
        win.show()
    assert started == [win.ctx.project] and checked.args == [""]
    win.close()
