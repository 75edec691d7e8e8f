"""The real program: the installed command under Xvfb, the first run, the sample project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.samples import create_sample_project, sample_files
from annotator.store import Project

BIN = Path(sys.executable).parent
SMOKE_MS = "1500"


def gui_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(ANNOTATOR_PROJECTS=str(tmp_path / "projects"),
               ANNOTATOR_SETTINGS_DIR=str(tmp_path / "settings"),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               ANNOTATOR_SMOKE_EXIT_MS=SMOKE_MS)
    env.update(extra)
    return env


def run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)


def test_installed_command_shows_the_window_under_xvfb_and_exits_cleanly(tmp_path):
    xvfb = shutil.which("xvfb-run")
    command = BIN / "annotator"
    if xvfb is None:
        pytest.skip("xvfb-run is not installed (apt-get install xvfb xauth); the offscreen "
                    "suite covers the window, this test covers the real X11 platform")
    if not command.exists():
        pytest.skip(f"{command} is not installed (pip install -e .)")
    project = tmp_path / "smoke.db"
    Project.create(project, title="Smoke").close()
    done = run([xvfb, "-a", "-s", "-screen 0 1400x900x24", str(command), "gui", str(project),
                "--annotator", "smoke"], gui_env(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "window shown" in done.stderr
    assert "Traceback" not in done.stderr
    with Project.open(project):  # closed cleanly: the lock is free
        pass


def test_first_run_opens_the_sample_project_then_remembers_it(tmp_path):
    env = gui_env(tmp_path, QT_QPA_PLATFORM="offscreen", ANNOTATOR_SMOKE_EXIT_MS="200")
    first = run([sys.executable, "-m", "annotator"], env)  # no argument, nothing remembered
    assert first.returncode == 0, first.stderr[-3000:]
    assert "window shown" in first.stderr
    sample = tmp_path / "projects" / "sample.db"
    with Project.open(sample, readonly=True) as project:
        assert len(project.articles()) == len(sample_files())
    settings = (tmp_path / "settings" / "annotator.ini").read_text(encoding="utf-8")
    assert "sample.db" in settings and "annotator=" in settings
    again = run([sys.executable, "-m", "annotator", "gui"], env)
    assert again.returncode == 0 and "window shown" in again.stderr


def test_the_sample_project_has_every_label_and_valid_spans(tmp_path):
    with create_sample_project(tmp_path / "sample.db") as project:
        assert project.check() == []
        summaries = project.articles()
        assert len(summaries) == 5
        assert sorted({s.language for s in summaries}) == ["en", "zh"]
        usage = project.label_usage()
        assert all(usage[name] > 0 for name in ("claim", "figure", "company", "strategy"))
        first = summaries[0]
        assert {s.label for s in project.spans(first.id)} == {
            "claim", "figure", "company", "strategy"}
        astral = [s for a in summaries for s in project.spans(a.id) if s.text == "𠮷祥小铺"]
        [span] = astral
        text = project.article(span.article_id).text
        assert text[span.start:span.end] == "𠮷祥小铺" and "😀" in text[:span.start]
        assert set(project.annotators()) == {"sample", "lin"}
