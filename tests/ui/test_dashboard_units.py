"""The dashboard compares only the articles both annotators worked on, and says what it left
out (issue 9, point 1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.store import Project
from tests.review.helpers import EN, ZH, make_project

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_an_article_alice_labelled_alone_is_left_out_and_said(qtbot, tmp_path,
                                                              no_leaked_widgets):
    from annotator.app import build_window

    path = make_project(tmp_path / "p.db", [
        ("阿里", ZH, [(0, 2, "company", "alice"), (0, 2, "company", "bob")]),
        ("county", EN, [(0, 7, "company", "alice")])])
    with Project.open(path) as project:
        project.set_status(1, "done", "alice")
    win = build_window(path, "lead")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.acts.dashboard.trigger()
    board = win.dashboard
    qtbot.waitUntil(lambda: board.latest is not None, timeout=30000)
    pairs = board.pairs
    row = [pairs.data(pairs.index(0, c)) for c in range(pairs.columnCount())]
    assert row[:3] == ["alice / bob", "1", "1.000"] and row[-1] == "1"
    assert pairs.headerData(7, Qt.Orientation.Horizontal) == "Left out"
    assert "1 left out" in board.status.text()
    people = {board.people.data(board.people.index(r, 0)):
              board.people.data(board.people.index(r, 3)) for r in range(2)}
    assert people == {"alice": "1", "bob": "0"}  # alice's own done, not bob's
