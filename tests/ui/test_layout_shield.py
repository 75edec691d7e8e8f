"""The layout shield's opaque background (issue 14): a page switch inside a group box repaints
the shield and the page, not the box's frame, and looks exactly as before."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
)

from annotator.ui.layout_shield import Shield, group_box_interior


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        self.count += event.type() == QEvent.Type.Paint
        return False


def boxed_pages(qtbot, opaque: bool) -> tuple[QGroupBox, QStackedWidget]:
    box = QGroupBox("Attributes")
    stack = QStackedWidget()
    for text in ("certainty", "value"):
        page = QLabel(text)
        stack.addWidget(page)
    stack.addWidget(QLineEdit("阿里 𠮷"))
    shield = Shield(stack, grow=True)
    if opaque:
        shield.set_background(lambda: group_box_interior(box))
    QVBoxLayout(box).addWidget(shield)
    qtbot.addWidget(box)
    box.resize(300, 160)
    box.show()
    qtbot.waitExposed(box)
    return box, stack


def test_an_opaque_shield_looks_as_the_group_box_under_it_and_spares_its_frame(qtbot):
    plain_box, plain_stack = boxed_pages(qtbot, opaque=False)
    box, stack = boxed_pages(qtbot, opaque=True)
    for page in range(3):
        plain_stack.setCurrentIndex(page)
        stack.setCurrentIndex(page)
        assert box.grab().toImage() == plain_box.grab().toImage(), page
    QApplication.processEvents()  # what the switches above asked is painted
    painted = Paints()
    box.installEventFilter(painted)
    plain_painted = Paints()
    plain_box.installEventFilter(plain_painted)
    stack.setCurrentIndex(0)
    plain_stack.setCurrentIndex(0)
    qtbot.waitUntil(lambda: plain_painted.count > 0)  # the frame under a plain shield
    stack.repaint()
    assert painted.count == 0  # under the opaque one: not
