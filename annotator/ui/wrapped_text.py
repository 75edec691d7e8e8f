"""A word-wrapped plain text the mouse can select and copy, laid out once per text and width.

The inspector shows a span's text on every label key. A ``QLabel`` made selectable keeps its
text in a ``QTextDocument``, which it lays out again for each new text, twice more for each
height asked at a width, and once more to paint: a sixth of the inspector's part of a key
(callgrind, issue 14). ``WrappedText`` keeps one ``QTextLayout`` per text and width, and asks
its parents to lay out again only when its height changes.

The mouse selects (drag, or a double click for the whole text); Ctrl+C and the context menu
copy.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QWidget

from annotator.core.offsets import OffsetIndex


class WrappedText(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._laid: tuple[int, QTextLayout, int] | None = None  # width, layout, height
        self._anchor = self._cursor = 0  # the selection, UTF-16 positions in the text
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Ctrl+C
        self.setCursor(Qt.CursorShape.IBeamCursor)

    # ------------------------------------------------------------------ text and size
    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name)
        if text == self._text:
            return
        before = self._height(self.width()) if self.width() > 0 else None
        self._text = text
        self._laid = None
        self._anchor = self._cursor = 0
        if before is None or self._height(self.width()) != before:
            self.updateGeometry()  # only then: the same height moves nothing around it
        self.update()

    def selectedText(self) -> str:  # noqa: N802 (QLabel's name)
        start, end = sorted((self._anchor, self._cursor))
        if end <= start:
            return ""
        cp_start, cp_end = OffsetIndex(self._text).span_from_utf16(start, end)  # 𠮷 is two
        return self._text[cp_start:cp_end]

    def _layout(self, width: int) -> tuple[QTextLayout, int]:
        """The text laid out at ``width`` pixels (kept until the text or width changes)."""
        width = max(width, 1)
        if self._laid is not None and self._laid[0] == width:
            return self._laid[1], self._laid[2]
        layout = QTextLayout(self._text, self.font())
        layout.setCacheEnabled(True)  # drawn as often as asked: shaped once
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0.0, y))
            y += line.height()
        layout.endLayout()
        height = max(math.ceil(y), self.fontMetrics().height())
        self._laid = (width, layout, height)
        return layout, height

    def _height(self, width: int) -> int:
        return self._layout(width)[1]

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._height(width)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        one_line = math.ceil(self.fontMetrics().horizontalAdvance(self._text)) + 1
        return QSize(min(one_line, 400), self._height(max(self.width(), 1)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.fontMetrics().horizontalAdvance("M") * 4,
                     self.fontMetrics().height())

    # ------------------------------------------------------------------ painting
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        layout, _height = self._layout(self.width())
        selections = []
        start, end = sorted((self._anchor, self._cursor))
        if end > start:
            chosen = QTextLayout.FormatRange()
            chosen.start, chosen.length = start, end - start
            look = QTextCharFormat()
            look.setBackground(self.palette().highlight())
            look.setForeground(self.palette().highlightedText())
            chosen.format = look
            selections.append(chosen)
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        layout.draw(painter, QPointF(0.0, 0.0), selections)
        painter.end()

    # ------------------------------------------------------------------ selecting, copying
    def _position(self, event: QMouseEvent) -> int:
        """The text position under the mouse (UTF-16, as QTextLayout counts)."""
        layout, _height = self._layout(self.width())
        point = event.position()
        for k in range(layout.lineCount()):
            line = layout.lineAt(k)
            if point.y() < line.y() + line.height() or k == layout.lineCount() - 1:
                position = line.xToCursor(point.x())
                return position[0] if isinstance(position, tuple) else int(position)
        return 0

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._anchor = self._cursor = self._position(event)
            self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._cursor = self._position(event)
            self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.select_all()

    def select_all(self) -> None:
        self._anchor, self._cursor = 0, OffsetIndex(self._text).utf16_length
        self.update()

    def copy(self) -> None:
        """Put the selected text (all of it when nothing is selected) on the clipboard."""
        QApplication.clipboard().setText(self.selectedText() or self._text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        menu = QMenu(self)
        menu.addAction(self.tr("Copy"), self.copy)
        menu.addAction(self.tr("Select All"), self.select_all)
        menu.exec(event.globalPos())
