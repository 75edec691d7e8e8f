"""Which file am I in (issue 9, point 5): the window title names the project file (and its
folder outside the projects folder), the status bar shows the full path on hover, a copy says
what it is a copy of, and the annotator name belongs to the project file, not the machine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.store import Project
from annotator.ui import interaction
from annotator.ui import settings as S

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def open_in(window, path: Path) -> None:
    assert window.ops.open_path(path)
    assert window.ctx.project_path() == Path(path)


def rename_me(qtbot, window, monkeypatch, name: str) -> None:
    monkeypatch.setattr(interaction, "ask_annotator_name", lambda *a: name)
    qtbot.mouseClick(window.status.annotator, Qt.MouseButton.LeftButton)
    assert window.ctx.annotator == name


def test_the_title_names_the_file_and_its_folder_and_the_status_bar_its_full_path(
        window, workbench_project):
    title = window.windowTitle()
    assert title.startswith(f"work.db ({workbench_project.parent}") or \
        title.startswith("work.db (~")  # tmp_path may sit under the home folder
    assert "Workbench test" in title  # the project's own title stays
    label = window.status.file
    assert label.isVisible() and label.text() == "work.db"
    assert label.toolTip() == str(workbench_project.resolve())


def test_a_file_in_the_projects_folder_is_named_without_its_folder(qtbot, window, tmp_path,
                                                                   monkeypatch):
    home = tmp_path / "projects"
    home.mkdir()
    monkeypatch.setenv("ANNOTATOR_PROJECTS", str(home))
    Project.create(home / "news.db").close()
    open_in(window, home / "news.db")
    assert window.windowTitle() == "news.db — annotator"
    assert window.status.file.toolTip() == str((home / "news.db").resolve())


def test_a_teammates_copy_is_told_apart_from_the_master(qtbot, window, workbench_project,
                                                        tmp_path):
    master_title = window.windowTitle()
    carol = tmp_path / "carol.db"
    window.ctx.project.snapshot(carol)
    open_in(window, carol)
    line = window.status.file.text()
    assert re.fullmatch(r"carol\.db, a copy of work\.db made \d{4}-\d\d-\d\d \d\d:\d\d", line)
    assert window.windowTitle() != master_title and "carol.db" in window.windowTitle()
    tip = window.status.file.toolTip()
    assert str(carol.resolve()) in tip and str(workbench_project.resolve()) in tip
    open_in(window, workbench_project)
    assert window.status.file.text() == "work.db"  # the master is nobody's copy


def test_opening_a_snapshot_says_so_in_the_status_message(qtbot, window, tmp_path):
    carol = tmp_path / "carol.db"
    window.ctx.project.snapshot(carol)
    with qtbot.waitSignal(window.ops.message) as said:
        open_in(window, carol)
    assert said.args[0].startswith("Opened carol.db, a copy of work.db made ")


def test_the_annotator_name_is_remembered_per_project_file(qtbot, window, workbench_project,
                                                           tmp_path, monkeypatch):
    carol = tmp_path / "carol.db"
    window.ctx.project.snapshot(carol)
    assert window.ctx.annotator == "tester"
    open_in(window, carol)
    rename_me(qtbot, window, monkeypatch, "carol")
    assert "carol" in window.status.annotator.text()
    open_in(window, workbench_project)
    assert window.ctx.annotator == "tester"  # the master is not carol
    assert "tester" in window.status.annotator.text()
    open_in(window, carol)
    assert window.ctx.annotator == "carol"  # and carol's copy still is
    assert S.Settings().get(S.ANNOTATOR) != "carol"  # a new file does not start as carol


def test_a_hostile_name_remembered_for_a_file_is_not_taken(window, workbench_project, tmp_path):
    other = tmp_path / "other.db"
    window.ctx.project.snapshot(other)
    window.ctx.settings.set_for(other, S.PROJECT_ANNOTATOR, "bob\u202eecilA")  # hand-edited
    open_in(window, other)
    assert window.ctx.annotator == "tester"


def test_gui_annotator_flag_names_the_file_it_opens_not_the_master(tmp_path, monkeypatch):
    """`annotator gui news` then `annotator gui carol.db --annotator carol`: the master keeps
    its name, carol's copy is carol's, and files not opened before do not start as carol."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(ANNOTATOR_PROJECTS=str(tmp_path / "projects"),
               ANNOTATOR_SETTINGS_DIR=str(tmp_path / "settings"), ANNOTATOR_USER="",
               QT_QPA_PLATFORM="offscreen", ANNOTATOR_SMOKE_EXIT_MS="100")
    master, carol = tmp_path / "news.db", tmp_path / "carol.db"
    with Project.create(master) as project:
        project.snapshot(carol)
    for extra in ([str(master)], [str(carol), "--annotator", "carol"]):
        done = subprocess.run([sys.executable, "-m", "annotator", "gui", *extra], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and "window shown" in done.stderr, done.stderr[-2000:]
    monkeypatch.setenv("ANNOTATOR_SETTINGS_DIR", str(tmp_path / "settings"))
    settings = S.Settings()
    first = settings.get_for(master, S.PROJECT_ANNOTATOR)
    assert first and first != "carol"
    assert settings.get_for(carol, S.PROJECT_ANNOTATOR) == "carol"
    assert settings.get(S.ANNOTATOR) == first
