"""FindBar: type to search, Enter / Shift+Enter to move, Esc to close and clear."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.core.labels import DEFAULT_SCHEME
from annotator.core.model import Article
from annotator.ui.article_view import ArticleView
from annotator.ui.find_bar import FindBar

TEXT = "😀𠮷阿里今年的小目标是新增至少1亿用户。\n京东的小目标是下沉市场，拼多多的小目标也是。\n"
# the offscreen platform cannot resize native windows after a size hint changes; noise only
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

MATCHES = [i for i in range(len(TEXT)) if TEXT.startswith("小目标", i)]


def type_text(bar: FindBar, text: str) -> None:
    """Type like an input method commits: one character at a time (QTest's keyClicks only
    knows ASCII)."""
    for ch in text:
        bar.edit.insert(ch)


@pytest.fixture
def bar(qtbot):
    """The bar under its view, as the window embeds them."""
    window = QWidget()
    qtbot.addWidget(window)
    view = ArticleView(window)
    view.set_article(Article(1, "u", "t", TEXT, "", "todo", "zh"), [], list(DEFAULT_SCHEME))
    find = FindBar(window)
    find.hide()
    find.attach(view)
    layout = QVBoxLayout(window)
    layout.addWidget(view)
    layout.addWidget(find)
    window.resize(600, 300)
    window.show()
    qtbot.waitExposed(window)
    find.open_bar()
    yield find  # the window stays referenced until the test ends


def test_typing_marks_every_match_and_selects_the_first(bar, qtbot):
    type_text(bar, "小目标")
    view = bar.view()
    assert view.find_count() == len(MATCHES) == 3
    assert bar.count_label.text() == "1 of 3"
    assert view.selected_range(exact=True) == (MATCHES[0], MATCHES[0] + 3)


def test_enter_goes_forward_and_shift_enter_back(bar, qtbot):
    type_text(bar, "小目标")
    view = bar.view()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert view.selected_range(exact=True) == (MATCHES[1], MATCHES[1] + 3)
    assert bar.count_label.text() == "2 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Enter)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # wraps around
    assert bar.count_label.text() == "1 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range(exact=True) == (MATCHES[2], MATCHES[2] + 3)
    assert bar.count_label.text() == "3 of 3"
    bar.prev_button.click()
    assert bar.count_label.text() == "2 of 3"


def test_escape_closes_and_clears(bar, qtbot):
    type_text(bar, "小目标")
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert bar.view().find_count() == 0


def test_no_match_and_close_button(bar, qtbot):
    type_text(bar, "找不到")
    assert bar.count_label.text() == "no matches"
    assert not bar.next_button.isEnabled()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # nothing to go to, nothing breaks
    with qtbot.waitSignal(bar.closed):
        bar.close_button.click()
    assert not bar.isVisible()


def test_attach_to_another_view_moves_the_search(bar, qtbot):
    type_text(bar, "小目标")
    first = bar.view()
    other = ArticleView()
    qtbot.addWidget(other)
    other.set_article(Article(2, "v", "t", "小目标" * 5, "", "todo", "zh"), [],
                      list(DEFAULT_SCHEME))
    bar.attach(other)
    assert first.find_count() == 0
    assert other.find_count() == 5
    assert bar.count_label.text() == "1 of 5"
