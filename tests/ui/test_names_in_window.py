"""Names that hide, entered in the window: the annotator dialog, a remembered name and the
scheme editor refuse bidi controls, zero-width characters and ``@`` names (issue 8, item 6)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator import app
from annotator.ui import interaction
from annotator.ui import settings as S

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SPOOF = "bob\u202eecilA"  # shows as "bobAlice"


def test_a_spoofing_annotator_name_from_the_status_bar_is_refused_with_a_message(
        qtbot, window, monkeypatch):
    said: list[str] = []
    before = window.ctx.annotator
    monkeypatch.setattr(interaction, "ask_annotator_name", lambda *a: SPOOF)
    monkeypatch.setattr(interaction, "warn", lambda parent, title, text: said.append(text))
    qtbot.mouseClick(window.status.annotator, Qt.MouseButton.LeftButton)
    assert window.ctx.annotator == before and window.ctx.settings.get(S.ANNOTATOR) != SPOOF
    assert len(said) == 1 and "U+202E" in said[0] and "\u202e" not in said[0]
    assert before in said[0]


def test_the_gold_layer_is_not_a_name_a_person_can_take(qtbot, window, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(interaction, "ask_annotator_name", lambda *a: "@gold")
    monkeypatch.setattr(interaction, "warn", lambda parent, title, text: said.append(text))
    qtbot.mouseClick(window.status.annotator, Qt.MouseButton.LeftButton)
    assert window.ctx.annotator != "@gold" and "reserved for layers" in said[0]


def test_a_hostile_remembered_annotator_name_is_asked_again(monkeypatch):
    settings = S.Settings()
    settings.set(S.ANNOTATOR, SPOOF)  # a hand-edited settings file
    asked: list[str] = []
    monkeypatch.setattr(interaction, "ask_annotator_name",
                        lambda parent, default: asked.append(default) or "zhang")
    assert app.annotator_name(settings) == "zhang" and len(asked) == 1
    assert S.Settings().get(S.ANNOTATOR) == "zhang"


def test_a_name_typed_in_the_first_start_dialog_with_a_zero_width_space_is_not_taken(
        monkeypatch):
    monkeypatch.setattr(interaction, "ask_annotator_name", lambda *a: "zh\u200bang")
    monkeypatch.setattr(interaction, "default_user", lambda: "li")
    assert app.annotator_name(S.Settings()) == "li"


def test_a_label_renamed_with_a_bidi_override_is_refused_in_the_scheme_editor(qtbot, window,
                                                                              editor):
    editor.select("claim")
    editor.name.setFocus()
    editor.name.selectAll()
    editor.name.insert("cl\u202eaim")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert "U+202E" in editor.error.text()
    assert [label.name for label in window.ctx.project.labels()][0] == "claim"
    assert editor.name.text() == "claim"


def test_a_new_label_with_a_zero_width_space_is_refused_in_the_scheme_editor(
        qtbot, window, editor, monkeypatch):
    monkeypatch.setattr(interaction, "ask_text", lambda *a, **k: "per\u200bson")
    before = [label.name for label in window.ctx.project.labels()]
    editor.add_label()
    assert "U+200B" in editor.error.text()
    assert [label.name for label in window.ctx.project.labels()] == before
