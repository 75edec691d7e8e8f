"""Test setup: Qt runs offscreen, project homes and settings live in temporary folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run (jieba's dictionary cache is built once)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                   _cache_home: Path):
    """Keep every test's projects, settings and caches out of the user's real folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))
    monkeypatch.setenv("ANNOTATOR_PROJECTS", str(home / "projects"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("ANNOTATOR_SETTINGS_DIR", str(home / "config"))
    yield


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "p.db"


@pytest.fixture
def project(project_path: Path):
    from annotator.store import Project

    p = Project.create(project_path, title="test")
    yield p
    p.close()
