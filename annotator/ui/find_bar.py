"""The find-in-article bar shown under an :class:`ArticleView` (Ctrl+F in the window)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.ui.article_view import ArticleView


class FindBar(QWidget):
    """A search field, "n of m", previous/next and close.

    Typing searches as you go (every match is marked, the first one after the cursor is
    selected); Enter goes to the next match, Shift+Enter to the previous one, Esc closes.
    """

    #: The bar was closed (Esc or the close button); the matches are cleared.
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: ArticleView | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Find in article"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Find in article"))
        self.edit.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(
            "0000 of 0000"))
        self.prev_button = self._button("↑", self.tr("Previous match (Shift+Enter)"))
        self.next_button = self._button("↓", self.tr("Next match (Enter)"))
        self.close_button = self._button("✕", self.tr("Close (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.edit.textChanged.connect(self._search)
        self.prev_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        self._update_label()

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        return button

    # ------------------------------------------------------------------ API
    def attach(self, view: ArticleView | None) -> None:
        """Search in ``view`` from now on (the previous view's matches are cleared)."""
        if self._view is not None and self._view is not view:
            self._view.clear_find()
        self._view = view
        if self.isVisible() and self.edit.text():
            self._search(self.edit.text())
        else:
            self._update_label()

    def view(self) -> ArticleView | None:
        return self._view

    def open_bar(self) -> None:
        """Show the bar, focus the field with its text selected, search again."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text():
            self._search(self.edit.text())

    def close_bar(self) -> None:
        if self._view is not None:
            self._view.clear_find()
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.hide()
        self._update_label()
        self.closed.emit()

    def find_next(self) -> int:
        index = self._view.find_next() if self._view is not None else -1
        self._update_label()
        return index

    def find_previous(self) -> int:
        index = self._view.find_previous() if self._view is not None else -1
        self._update_label()
        return index

    # ------------------------------------------------------------------ internals
    def _search(self, needle: str) -> None:
        if self._view is None:
            self._update_label()
            return
        if self._view.find_all(needle):
            self._view.find_next()
        self._update_label()

    def _update_label(self) -> None:
        view = self._view
        count = view.find_count() if view is not None else 0
        current = view.find_current() if view is not None else -1
        has_text = bool(self.edit.text())
        if not has_text:
            self.count_label.setText("")
        elif count == 0:
            self.count_label.setText(self.tr("no matches"))
        else:
            self.count_label.setText(self.tr("%1 of %2").replace("%1", str(current + 1))
                                     .replace("%2", str(count)))
        self.prev_button.setEnabled(count > 0)
        self.next_button.setEnabled(count > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.edit and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
