"""The label scheme editor writes each change at once and never deletes a label in use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from workbench_helpers import ZH_ASTRAL, select

from annotator.ui import interaction

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def names(window):
    return [label.name for label in window.ctx.project.labels()]


def edit_field(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    field.insert(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # editingFinished


def test_rename_follows_in_spans_palette_and_hotkeys(qtbot, window, editor):
    project = window.ctx.project
    span = project.add_span(1, 2, 4, "claim", "tester", text="阿里")
    editor.select("claim")
    edit_field(qtbot, editor.name, "assertion")
    assert names(window) == ["assertion", "figure", "company", "strategy"]
    assert project.span(span.id).label == "assertion"  # spans follow the rename
    assert window.label_palette.button("assertion") is not None
    assert window.label_palette.button("claim") is None
    assert [s.label for s in window.workbench.left.view.spans()] == ["assertion"]
    editor.close()
    view = window.workbench.left.view
    start = ZH_ASTRAL.index("京东")
    select(view, start, start + 2)
    qtbot.keyClick(view, "1", Qt.KeyboardModifier.AltModifier)
    assert {s.label for s in project.spans(1)} == {"assertion"}


def test_recolor_hotkey_and_description(qtbot, window, editor, monkeypatch):
    monkeypatch.setattr(interaction, "ask_color", lambda parent, current: "#123456")
    editor.select("figure")
    qtbot.mouseClick(editor.color, Qt.MouseButton.LeftButton)
    edit_field(qtbot, editor.hotkey, "9")
    edit_field(qtbot, editor.description, "数字")
    label = window.ctx.project.label("figure")
    assert (label.color, label.hotkey, label.description) == ("#123456", "9", "数字")
    assert window.ctx.label("figure").color == "#123456"
    assert "数字" in window.label_palette.button("figure").toolTip()
    shortcuts = {a.objectName(): a.shortcut().toString() for a in window._label_actions}
    assert shortcuts["label:figure"] == "9" and shortcuts["label:figure:exact"] == "Alt+9"


def test_a_clashing_hotkey_is_refused_with_a_message(qtbot, window, editor):
    editor.select("figure")
    edit_field(qtbot, editor.hotkey, "1")
    assert "already used by label 'claim'" in editor.error.text()
    assert window.ctx.project.label("figure").hotkey == "2"
    assert editor.hotkey.text() == "2"


def test_add_and_reorder(qtbot, window, editor, monkeypatch):
    monkeypatch.setattr(interaction, "ask_text", lambda *a, **k: "person")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert names(window)[-1] == "person"
    assert window.ctx.project.label("person").hotkey == "5"
    assert editor.current().name == "person"
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert names(window) == ["claim", "figure", "company", "person", "strategy"]
    assert window.label_palette.button("person") is not None


def test_deleting_a_label_in_use_is_refused_with_the_count(qtbot, window, editor, monkeypatch):
    project = window.ctx.project
    project.add_span(1, 2, 4, "company", "tester", text="阿里")
    project.add_span(1, 23, 25, "company", "lin", text=ZH_ASTRAL[23:25])
    said: list[str] = []
    monkeypatch.setattr(interaction, "warn", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(interaction, "confirm", lambda *a: pytest.fail("must not ask"))
    editor.select("company")
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert len(said) == 1 and "used by 2 span(s)" in said[0]
    assert "company" in names(window) and len(project.spans(1)) == 2


def test_deleting_an_unused_label_asks_first(qtbot, window, editor, monkeypatch):
    answers = iter([False, True])
    monkeypatch.setattr(interaction, "confirm", lambda *a: next(answers))
    editor.select("strategy")
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert "strategy" in names(window)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert names(window) == ["claim", "figure", "company"]
    assert window.label_palette.button("strategy") is None
