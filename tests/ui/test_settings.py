"""The typed settings registry, background tasks and the GUI entry point's choices."""

from __future__ import annotations

import threading

from PySide6.QtCore import QByteArray, QSettings

from annotator import app
from annotator.store import Project
from annotator.ui import interaction
from annotator.ui import settings as S
from annotator.ui.tasks import run_task


def test_defaults_round_trips_and_bad_values(tmp_path):
    st = S.Settings()
    assert st.get(S.FONT_SIZE) == 13.0 and st.get(S.SNAPPING) is True
    assert st.get(S.RECENT_PROJECTS) == [] and st.get(S.GEOMETRY).isEmpty()
    st.set(S.SNAPPING, False)
    st.set(S.SPLITTER_SIZES, [300, 500])
    st.set(S.GEOMETRY, QByteArray(b"\x01\x02"))
    st.sync()
    again = S.Settings()  # a new accessor reads the INI file under $ANNOTATOR_SETTINGS_DIR
    assert again.get(S.SNAPPING) is False
    assert again.get(S.SPLITTER_SIZES) == [300, 500]
    assert bytes(again.get(S.GEOMETRY).data()) == b"\x01\x02"
    assert S.settings_file().exists()
    raw = QSettings(str(S.settings_file()), QSettings.Format.IniFormat)
    raw.setValue(S.FONT_SIZE.key, "huge")
    raw.setValue(S.SPLITTER_SIZES.key, ["a", "b"])
    raw.sync()
    broken = S.Settings()
    assert broken.get(S.FONT_SIZE) == 13.0 and broken.get(S.SPLITTER_SIZES) == []


def test_recent_projects_newest_first_without_duplicates(tmp_path):
    st = S.Settings()
    for name in ("a.db", "b.db", "a.db"):
        st.remember_project(tmp_path / name)
    assert st.get(S.RECENT_PROJECTS) == [str(tmp_path / "a.db"), str(tmp_path / "b.db")]
    assert st.get(S.LAST_PROJECT) == str(tmp_path / "a.db")
    st.forget_project(tmp_path / "a.db")
    assert st.get(S.RECENT_PROJECTS) == [str(tmp_path / "b.db")]
    assert st.get(S.LAST_PROJECT) == ""


def test_run_task_calls_back_on_the_gui_thread(qtbot):
    from PySide6.QtCore import QObject

    owner = QObject()
    results = []
    run_task(threading.get_ident,
             lambda result, error: results.append((result, error, threading.get_ident())),
             owner)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    [(worker, error, caller)] = results
    assert error is None and worker != caller == threading.get_ident()


def test_the_annotator_name_is_asked_once_and_remembered(monkeypatch):
    asked = []
    monkeypatch.setattr(interaction, "ask_annotator_name",
                        lambda parent, default: asked.append(default) or "zhang")
    st = S.Settings()
    assert app.annotator_name(st) == "zhang"
    assert app.annotator_name(st) == "zhang"
    assert len(asked) == 1 and asked[0] == interaction.default_user()
    assert S.Settings().get(S.ANNOTATOR) == "zhang"


def test_project_argument_then_last_project_then_the_sample(tmp_path, monkeypatch):
    from argparse import Namespace

    st = S.Settings()
    given = tmp_path / "given.db"
    assert app.choose_project(st, Namespace(project=str(given)), "me") == given
    sample = app.choose_project(st, Namespace(project=None), "me")
    assert sample.name == "sample.db" and sample.exists()
    with Project.open(sample, readonly=True) as project:
        assert len(project.articles()) == 5
    last = tmp_path / "last.db"
    Project.create(last).close()
    st.set(S.LAST_PROJECT, str(last))
    assert app.choose_project(st, None, "me") == last


def test_run_task_reports_the_error_to_the_callback(qtbot):
    from PySide6.QtCore import QObject

    owner = QObject()
    results = []
    run_task(lambda: 1 / 0, lambda result, error: results.append((result, error)), owner)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert results[0][0] is None and isinstance(results[0][1], ZeroDivisionError)
