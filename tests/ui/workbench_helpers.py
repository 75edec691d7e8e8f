"""Helpers for the workbench tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

from annotator.core.offsets import OffsetIndex

ZH_ASTRAL = "😀𠮷阿里今年的小目标是新增至少1亿用户。京东也在下沉市场发力。\n"
ZH_PLAIN = "拼多多宣布投入100亿元补贴农产品，阿里巴巴回应称将继续加大对下沉市场的投入。\n"
EN = "Harbor Street Goods will offer same-day delivery from all of its 310 stores.\n"
ARTICLES = (("阿里的小目标", ZH_ASTRAL, "zh"), ("拼多多的补贴", ZH_PLAIN, "zh"),
            ("Same-day delivery", EN, "en"))


def select(view, start: int, end: int) -> None:
    """Select code points [start, end) in an ArticleView, as a mouse drag would."""
    offsets = OffsetIndex(view.article().text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def article_id(project, title: str) -> int:
    return next(s.id for s in project.articles() if s.title == title)


def char_center(view, cp: int) -> QPoint:
    """Viewport point in the middle of the character at code point ``cp`` of an ArticleView."""
    offsets = OffsetIndex(view.article().text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offsets.to_utf16(cp))
    left = view.cursorRect(cursor)
    cursor.setPosition(offsets.to_utf16(cp + 1))
    right = view.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def boundary_point(view, cp: int) -> QPoint:
    """Viewport point on the boundary before code point ``cp`` (where a drag puts it)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(OffsetIndex(view.article().text).to_utf16(cp))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def drag(qtbot, view, first: int, last: int) -> list[tuple[int, int]]:
    """Press at the boundary before code point ``first``, move one character at a time to the
    boundary before ``last`` and release there, as a mouse would; the code-point range the
    selection showed after each move, before the release."""
    from PySide6.QtCore import Qt

    offsets = OffsetIndex(view.article().text)
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=boundary_point(view, first))
    seen = []
    step = 1 if last >= first else -1
    for cp in range(first + step, last + step, step):
        qtbot.mouseMove(vp, boundary_point(view, cp))
        cursor = view.textCursor()
        seen.append(offsets.span_from_utf16(cursor.selectionStart(), cursor.selectionEnd()))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=boundary_point(view, last))
    return seen


def show_active(qtbot, win):
    """Show ``win`` and wait until it is exposed and the active window (keys reach it)."""
    from PySide6.QtWidgets import QApplication

    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win
