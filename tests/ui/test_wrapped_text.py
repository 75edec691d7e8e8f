"""The inspector's wrapped, selectable text line (issue 14): laid out once per text and
width, selected with the mouse and copied whole, astral characters included."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from annotator.ui.wrapped_text import WrappedText

TEXT = "😀𠮷阿里今年的小目标是新增至少1亿用户。京东也在下沉市场发力。"


def _shown(qtbot, width: int = 160) -> WrappedText:
    """A text line alone in a window (kept by the line: qtbot holds windows weakly)."""
    holder = QWidget()
    qtbot.addWidget(holder)
    line = WrappedText()
    column = QVBoxLayout(holder)
    column.addWidget(line)
    column.addStretch(1)
    holder.resize(width, 200)
    holder.show()
    qtbot.waitExposed(holder)
    line.holder = holder
    return line


def test_a_long_text_wraps_to_the_lines_it_needs_and_a_short_one_to_one(qtbot):
    line = _shown(qtbot)
    one = line.heightForWidth(line.width())
    line.setText(TEXT)
    qtbot.waitUntil(lambda: line.height() == line.heightForWidth(line.width()))
    assert line.height() >= 2 * one  # nothing cut
    line.setText("1亿")
    qtbot.waitUntil(lambda: line.height() == line.heightForWidth(line.width()))
    assert line.height() < 2 * one


def test_a_new_text_of_the_same_height_asks_no_layout(qtbot):
    line = _shown(qtbot)
    line.setText("阿里")
    QApplication.processEvents()

    class Count(QObject):
        requests = 0

        def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.LayoutRequest:
                Count.requests += 1
            return False

    spy = Count()
    line.parentWidget().installEventFilter(spy)
    line.setText("京东")
    QApplication.processEvents()
    assert Count.requests == 0
    line.setText(TEXT)  # taller: its parent lays out again
    QApplication.processEvents()
    assert Count.requests >= 1


def test_the_mouse_selects_and_the_keys_copy_whole_characters(qtbot):
    line = _shown(qtbot, width=600)
    line.setText(TEXT)
    layout, _height = line._layout(line.width())
    first = layout.lineAt(0)
    middle = int(first.y() + first.height() / 2)
    x_of = lambda u: int(first.cursorToX(u)[0])  # noqa: E731 (UTF-16 positions)
    # from before 𠮷 (after the emoji's two units) to after 阿里
    qtbot.mousePress(line, Qt.MouseButton.LeftButton, pos=QPoint(x_of(2) + 1, middle))
    qtbot.mouseMove(line, QPoint(x_of(6) + 1, middle))
    qtbot.mouseRelease(line, Qt.MouseButton.LeftButton, pos=QPoint(x_of(6) + 1, middle))
    assert line.selectedText() == "𠮷阿里"
    line.setFocus()
    qtbot.keySequence(line, QKeySequence.StandardKey.Copy)
    assert QApplication.clipboard().text() == "𠮷阿里"
    qtbot.mouseDClick(line, Qt.MouseButton.LeftButton, pos=QPoint(5, middle))
    assert line.selectedText() == TEXT
    line.setText("京东")  # a new text: nothing selected
    assert line.selectedText() == ""
