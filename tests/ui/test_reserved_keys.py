"""The keys the window keeps are one list (ui/actions.py over core/keys.py): a label or a choice
value can never be given one, and a file that gives one anyway binds nothing and says why."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.keys import RESERVED_KEYS, reserved_use
from annotator.ui import actions
from annotator.ui.actions import SPECS, key_use, plain_keys

pytestmark = pytest.mark.usefixtures("qapp")  # the platform's standard keys need the app


def test_every_single_key_shortcut_in_specs_is_a_reserved_key():
    keys = plain_keys()
    assert {"N", "Del", "A", "D", "B", "R", "E", "G", "F1", "F8"} <= set(keys)
    assert [k for k in keys if reserved_use(k) is None] == []


def test_a_new_plain_key_action_not_in_the_reserved_list_is_caught(monkeypatch):
    monkeypatch.setitem(SPECS, "zap", actions.Spec("Zap", ("Z",)))
    assert [k for k in plain_keys() if reserved_use(k) is None] == ["Z"]


@pytest.mark.parametrize(("key", "use"), [
    ("r", RESERVED_KEYS["R"]), ("Del", RESERVED_KEYS["Delete"]), ("escape", RESERVED_KEYS["Esc"]),
    ("Ctrl+E", "Export"), ("Alt+Down", "Next Article"), ("Ctrl+O", "Open Project")])
def test_the_window_names_what_it_keeps_a_key_for(key, use):
    assert key_use(key) == use


@pytest.mark.parametrize("key", ["1", "9", "h", "Alt+1", "F5"])
def test_keys_labels_and_values_may_have(key):
    assert key_use(key) is None


@pytest.fixture
def project_with_a_reserved_hotkey(workbench_project):
    """A file whose label and value hotkeys the window keeps (written by hand, or before those
    keys were reserved): the store refuses them, so write them the way such a file was."""
    conn = sqlite3.connect(workbench_project)
    conn.execute("UPDATE labels SET hotkey = 'n' WHERE name = 'strategy'")
    spec = json.dumps({"values": ["certain", "probable", "possible", "underspecified"],
                       "hotkeys": {"certain": "x", "possible": "p"}})
    conn.execute("UPDATE label_attributes SET spec = ? WHERE label = 'claim' AND "
                 "name = 'certainty'", (spec,))
    conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'scheme_version'")
    conn.commit()
    conn.close()
    return workbench_project


def test_a_reserved_hotkey_loaded_from_a_file_binds_nothing_and_is_named(
        qtbot, project_with_a_reserved_hotkey, no_leaked_widgets, monkeypatch):
    from annotator.app import build_window
    from annotator.ui import interaction

    warned = []
    monkeypatch.setattr(interaction, "warn", lambda _parent, title, text: warned.append(text))
    win = build_window(project_with_a_reserved_hotkey, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    bound = {a.objectName(): a.shortcut().toString() for a in win._label_actions}
    assert "label:strategy" not in bound and bound["label:claim"] == "1"
    qtbot.waitUntil(lambda: len(warned) == 1)
    message = warned[0]
    assert "Label “strategy” gets no hotkey: n is the window's key (edit the span's note)" \
        in message
    assert "Value “certain” of claim.certainty gets no hotkey: x is the window's key " \
           "(reject a suggestion)" in message
    assert "possible" not in message
    n_actions = [a for a in win.findChildren(type(win.acts.edit_note))
                 if a.shortcut().toString() == "N"]
    assert n_actions == [win.acts.edit_note]  # N still edits the note
    win.ctx.reload_labels()  # the same problems are not told twice
    QApplication.processEvents()
    assert len(warned) == 1
