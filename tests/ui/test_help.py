"""Help menu: the shortcut sheet (F1) lists every key from the actions; About shows versions and
the project's path."""

from __future__ import annotations

import platform
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton

from annotator import __version__

NATIVE = QKeySequence.SequenceFormat.NativeText


def _sheet(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(w.objectName() == "shortcutSheet" and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == "shortcutSheet")


def test_f1_opens_a_sheet_with_every_shortcut_of_every_action(window, qtbot):
    sheet = _sheet(window, qtbot)
    rows = sheet.rows()
    listed = {(command, keys) for _menu, command, keys in rows}
    for action in window.actions():
        keys = [k.toString(NATIVE) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            command = action.text().replace("&", "").rstrip("…").strip()
            assert (command, " / ".join(keys)) in listed, action.objectName()
    assert ("File", "Import Files", QKeySequence("Ctrl+I").toString(NATIVE)) in rows
    assert ("Help", "Keyboard Shortcuts", "F1") in rows
    label_rows = [r for r in rows if r[0] == "Labels"]  # the scheme's keys, from its actions
    assert label_rows and all(r[1].startswith("Label ") for r in label_rows)
    sheet.close()


def test_sheet_follows_a_changed_scheme(window, qtbot):
    window.ctx.project.update_label("claim", "tester", hotkey="9")
    window.ctx.reload_labels()
    sheet = _sheet(window, qtbot)
    assert ("Labels", "Label claim", "9") in sheet.rows()
    sheet.close()


def test_about_shows_versions_and_the_project_path(window, qtbot):
    window.acts.about.trigger()
    about = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "aboutDialog")
    qtbot.waitExposed(about)
    text = about.text
    assert str(window.ctx.project_path()) in text
    for expected in (__version__, platform.python_version(), sqlite3.sqlite_version):
        assert expected in text
    assert "Qt: 6." in text and "PySide6: 6." in text and "jieba: " in text
    about.findChild(QPushButton, "aboutCopy").click()
    assert QGuiApplication.clipboard().text() == text
    about.close()
