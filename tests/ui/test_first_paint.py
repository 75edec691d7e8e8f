"""Work the first paint does not need (jieba's dictionary) waits until the window is seen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QPlainTextEdit

from annotator.app import after_first_paint


class PaintLog(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_work_after_the_first_paint_runs_once_the_view_has_painted_and_only_once(qtbot):
    view = QPlainTextEdit("阿里今年的小目标")
    qtbot.addWidget(view)
    log = PaintLog()
    view.viewport().installEventFilter(log)
    ran: list[int] = []
    after_first_paint(view.viewport(), lambda: ran.append(log.paints))
    assert ran == []  # nothing before the window is shown
    view.show()
    qtbot.waitUntil(lambda: bool(ran))
    assert ran[0] >= 1  # the paint came first
    view.viewport().repaint()
    qtbot.waitUntil(lambda: log.paints > ran[0])
    assert len(ran) == 1
    view.viewport().removeEventFilter(log)
