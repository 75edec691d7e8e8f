"""The Export dialog and layers (issue 9, point 3): it starts on the gold layer when there is
one, else on the current annotator; it warns while the choice mixes layers; doccano refuses a
mix nobody chose; it remembers the last format and folder per project file (issue 13, 10)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from workbench_helpers import ZH_ASTRAL

from annotator.store import Project
from annotator.ui import interaction
from annotator.ui.export_dialog import checked

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def mark(path: Path, who: str, *, origin: str = "manual") -> None:
    with Project.open(path) as project:
        article = next(a for a in project.articles() if a.title == "阿里的小目标")
        start = ZH_ASTRAL.index("阿里")
        project.add_span(article.id, start, start + 2, "company", who, origin=origin)


def open_window(qtbot, path: Path, who: str, monkeypatch):
    from annotator.app import build_window

    win = build_window(path, who)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    said: list[str] = []
    monkeypatch.setattr(interaction, "inform", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(interaction, "warn", lambda _p, _t, text: said.append(text))
    win.said = said
    return win


def open_dialog(win):
    win.acts.export.trigger()
    return win.ops.export_dialog


def check(dialog, *names: str) -> None:
    for i in range(dialog.annotators.count()):
        item = dialog.annotators.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in names
                           else Qt.CheckState.Unchecked)


def export(qtbot, dialog, out: Path):
    dialog.out.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as done:
        dialog.export_button.click()
    assert done.args[1] == "", done.args
    return done.args[0]


@pytest.fixture
def alice_and_bob(workbench_project):
    mark(workbench_project, "alice")
    mark(workbench_project, "bob")
    return workbench_project


def test_a_mixed_doccano_export_nobody_chose_is_refused_and_writes_nothing(
        qtbot, alice_and_bob, tmp_path, monkeypatch, no_leaked_widgets):
    win = open_window(qtbot, alice_and_bob, "carol", monkeypatch)  # carol has no spans
    dialog = open_dialog(win)
    dialog.set_format("doccano")
    assert checked(dialog.annotators) == [] and not dialog.gold_only.isChecked()
    assert dialog.mix_warning.isVisible()
    assert "2 layers (alice, bob)" in dialog.mix_warning.text()
    assert "doccano cannot say who made each span" in dialog.mix_warning.text()
    out = tmp_path / "mixed.jsonl"
    dialog.out.setText(str(out))
    assert dialog.start() is False
    assert len(win.said) == 1 and "cannot say who made each span" in win.said[0]
    assert list(tmp_path.glob("mixed*")) == [] and dialog.isVisible()
    dialog.reject()


def test_checking_both_annotators_mixes_them_on_purpose_with_a_warning(
        qtbot, alice_and_bob, tmp_path, monkeypatch, no_leaked_widgets):
    win = open_window(qtbot, alice_and_bob, "alice", monkeypatch)
    dialog = open_dialog(win)
    dialog.set_format("doccano")
    assert checked(dialog.annotators) == ["alice"]  # the current annotator, preselected
    assert not dialog.mix_warning.isVisible()
    check(dialog, "alice", "bob")
    assert dialog.mix_warning.isVisible()
    manifest = export(qtbot, dialog, tmp_path / "both.jsonl")
    assert manifest["layers"] == ["alice", "bob"]


def test_the_current_annotators_spans_are_exported_by_default(
        qtbot, alice_and_bob, tmp_path, monkeypatch, no_leaked_widgets):
    win = open_window(qtbot, alice_and_bob, "bob", monkeypatch)
    dialog = open_dialog(win)
    dialog.set_format("doccano")
    manifest = export(qtbot, dialog, tmp_path / "bob.jsonl")
    assert manifest["layers"] == ["bob"] and manifest["counts"]["spans"] == 1
    assert "Layers: bob" in win.said[-1]  # the summary at the end says whose spans went out


def test_the_gold_layer_is_preselected_when_there_is_one(
        qtbot, alice_and_bob, tmp_path, monkeypatch, no_leaked_widgets):
    mark(alice_and_bob, "lead", origin="adjudicated")
    win = open_window(qtbot, alice_and_bob, "alice", monkeypatch)
    dialog = open_dialog(win)
    dialog.set_format("conll")
    assert dialog.gold_only.isChecked() and checked(dialog.annotators) == []
    assert not dialog.mix_warning.isVisible()
    dialog.gold_only.setChecked(False)  # nothing checked now: every layer, with gold
    assert dialog.mix_warning.isVisible() and "@gold" in dialog.mix_warning.text()
    dialog.gold_only.setChecked(True)
    manifest = export(qtbot, dialog, tmp_path / "gold.conll")
    assert manifest["layers"] == ["@gold"]
    written = json.loads((tmp_path / "gold.conll.manifest.json").read_text(encoding="utf-8"))
    assert written["layers"] == ["@gold"]


def test_the_dialog_remembers_the_last_format_and_folder_of_each_project(
        qtbot, workbench_project, tmp_path, monkeypatch, no_leaked_widgets):
    mark(workbench_project, "tester")
    other = tmp_path / "other" / "other.db"
    other.parent.mkdir()
    Project.create(other).close()
    win = open_window(qtbot, workbench_project, "tester", monkeypatch)
    dialog = open_dialog(win)
    assert dialog.format_name() == "jsonl"  # nothing remembered yet
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog.set_format("csv")
    export(qtbot, dialog, folder / "spans.csv")
    dialog = open_dialog(win)
    assert dialog.format_name() == "csv"
    assert Path(dialog.out.text()) == folder / "work.csv"
    dialog.set_format("conll")  # the folder follows the format change too
    assert Path(dialog.out.text()) == folder / "work.conll"
    dialog.reject()
    assert win.ops.open_path(other)
    dialog = open_dialog(win)  # another project file: its own (nothing yet)
    assert dialog.format_name() == "jsonl"
    assert Path(dialog.out.text()).parent == other.parent
    dialog.reject()
