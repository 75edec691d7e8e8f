"""Fixtures of the team-review tests: our project and a teammate's snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.helpers import EN, ZH, make_project, snapshot


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    return make_project(tmp_path / "ours.db", [
        ("阿里", ZH, [(0, 2, "company", "ann", "s-ann-1"), (13, 16, "figure", "ann", "s-ann-2")]),
    ], title="ours")


@pytest.fixture
def theirs(tmp_path: Path) -> Path:
    live = make_project(tmp_path / "theirs-live.db", [
        ("阿里", ZH, [(0, 2, "company", "bo", "s-bo-1"), (0, 16, "claim", "bo", "s-bo-2")]),
        ("county", EN, [(0, 7, "company", "bo", "s-bo-3"), (27, 31, "figure", "bo", "s-bo-4")]),
    ], title="Bo's project")
    return snapshot(live, tmp_path / "theirs.db")
