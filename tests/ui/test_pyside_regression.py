"""PySide6 6.12.0 on CPython 3.11 aborts the interpreter ("Fatal Python error: none_dealloc")
after about 5,200 void-returning Qt calls; the pin in pyproject keeps us off it. This runs
20,000 such calls in a fresh interpreter and expects it to live."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QWidget

app = QApplication([])
widget = QWidget()
label = QLabel()
edit = QPlainTextEdit()
edit.setPlainText("阿里今年的小目标" * 50)
cursor = edit.textCursor()
for i in range(5_000):
    widget.setEnabled(True)  # each of these returns void (None in Python)
    label.setText(str(i))
    cursor.setPosition(i % 100)
    edit.setTextCursor(cursor)
print("alive")
"""


def test_twenty_thousand_void_qt_calls_do_not_abort_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "alive"
    assert "none_dealloc" not in result.stderr
