"""The window's side of team work: File ▸ Assign Work…, the guidelines dock and its editor,
label descriptions on hover, and the dashboard's progress per assignment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.store import Project
from annotator.ui import interaction

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

GUIDE = "# Company\n\nMark **whole** firm names: 阿里巴巴, not 阿里.\n\n- figure: numbers\n"


def _open(qtbot, path: Path, who: str = "lead"):
    from annotator.app import build_window

    win = build_window(path, who)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _menu(win, title: str) -> list:
    return next(a.menu().actions() for a in win.menuBar().actions() if a.text() == title)


def test_guidelines_dock_renders_markdown_beside_the_article(qtbot, workbench_project,
                                                             no_leaked_widgets):
    with Project.open(workbench_project) as project:
        project.set_guidelines(GUIDE, "lead")
    win = _open(qtbot, workbench_project)
    toggle = win.guidelines.toggleViewAction()
    assert toggle in _menu(win, "&View")
    assert not win.guidelines.isVisible()
    toggle.trigger()
    qtbot.waitUntil(win.guidelines.isVisible)
    shown = win.guidelines.browser.toPlainText()
    assert "Company" in shown and "# Company" not in shown  # rendered, not the source
    assert "**" not in shown and "阿里巴巴" in shown
    assert win.dockWidgetArea(win.guidelines) == Qt.DockWidgetArea.RightDockWidgetArea


def test_guidelines_edited_in_the_window_are_saved_and_logged(qtbot, workbench_project,
                                                               monkeypatch, no_leaked_widgets):
    win = _open(qtbot, workbench_project)
    assert "No guidelines yet" in win.guidelines.browser.toPlainText()
    monkeypatch.setattr(interaction, "edit_guidelines", lambda _p, text: text + GUIDE)
    qtbot.mouseClick(win.guidelines.edit_button, Qt.MouseButton.LeftButton)
    assert "阿里巴巴" in win.guidelines.browser.toPlainText()
    project = win.ctx.project
    assert project.guidelines() == GUIDE
    assert project.changes("meta", "guidelines")[0]["who"] == "lead"


def test_guidelines_editor_previews_as_one_types(qtbot, no_leaked_widgets):
    from annotator.ui.guidelines import GuidelinesEditor

    editor = GuidelinesEditor("")
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.source, "# Claim")
    assert editor.preview.toPlainText() == "Claim"
    assert editor.text() == "# Claim"


def test_label_description_shows_over_palette_list_and_span(qtbot, workbench_project,
                                                            no_leaked_widgets):
    with Project.open(workbench_project) as project:
        article = project.conn.execute(
            "SELECT id, text FROM articles ORDER BY id LIMIT 1 OFFSET 1").fetchone()  # no 😀
        project.add_span(article[0], 0, 2, "company", "lead", text=article[1][0:2])
        meaning = project.label("company").description
    assert meaning
    win = _open(qtbot, workbench_project)
    win.workbench.open_article(article[0])
    assert meaning in win.label_palette.button("company").toolTip()
    model = win.annotations.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert meaning in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    view = win.workbench.left.view
    qtbot.waitUntil(lambda: view.article() is not None and view.article().id == article[0])
    assert meaning in view._tooltip(0)  # what hovering the span's first character shows


def test_assign_work_writes_one_file_per_person_and_records_the_plan(
        qtbot, workbench_project, tmp_path, monkeypatch, no_leaked_widgets):
    win = _open(qtbot, workbench_project)
    assert win.acts.assign_work in _menu(win, "&File")
    dialog = win.assign_work()
    dialog.people.setText("alice, bob")
    dialog.overlap.setValue(50)
    dialog.folder.setText(str(tmp_path / "handout"))
    with qtbot.waitSignal(dialog.finished_assigning, timeout=30000) as done:
        qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    report, error = done.args
    assert error == "" and [p.annotator for p in report.packages] == ["alice", "bob"]
    assert "alice.db: 3 article(s), 2 of them shared" in dialog.result_label.text()
    with Project.open(tmp_path / "handout" / "bob.db", readonly=True) as bob:
        assert json.loads(bob.meta()["assigned_from"])["annotator"] == "bob"
    progress = win.ctx.project.assignment_progress()
    assert [(p.annotator, p.assigned) for p in progress] == [("alice", 3), ("bob", 2)]
    # again: the files exist, and declining the replacement writes nothing
    asked = []
    monkeypatch.setattr(interaction, "confirm_replace", lambda _p, paths: asked.append(paths))
    assert dialog.start() is False
    assert len(asked[0]) == 2
    assert len(win.ctx.project.assignment_progress()) == 2
    dialog.close()


def test_assign_work_names_a_bad_annotator_name(qtbot, workbench_project, tmp_path,
                                                no_leaked_widgets):
    win = _open(qtbot, workbench_project)
    dialog = win.assign_work()
    dialog.people.setText("alice, @gold")
    dialog.folder.setText(str(tmp_path / "handout"))
    assert dialog.start() is False
    assert "@gold" in dialog.result_label.text()
    assert not (tmp_path / "handout").exists()
    dialog.close()


def test_dashboard_shows_progress_per_assignment(qtbot, workbench_project, tmp_path,
                                                 no_leaked_widgets):
    from annotator.review.assign import assign

    with Project.open(workbench_project) as project:
        report = assign(project, ["alice", "bob"], tmp_path / "out", "lead", seed=3)
        alice_ids = [i for i, _ in report.plan_rows["alice"][2]]
        project.set_status(alice_ids[0], "done", "alice")
    win = _open(qtbot, workbench_project)
    win.acts.dashboard.trigger()
    board = win.dashboard
    qtbot.waitUntil(lambda: board.latest is not None, timeout=30000)
    assert board.assigned_box.isVisible()
    rows = [board.assigned.data(board.assigned.index(r, 0))
            for r in range(board.assigned.rowCount())]
    assert rows[0] == f"alice 1/{len(alice_ids)} done, 0 in progress"
    assert rows[1].startswith("bob 0/")
    chart = board.assigned_chart.chart()
    assert [s.label() for s in chart.series()[0].barSets()] == ["done", "in progress",
                                                               "assigned"]
    QApplication.processEvents()
