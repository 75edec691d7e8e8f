"""Selecting words with the mouse: double click (a jieba word, with the project's terms, or a
Latin word or number), triple click (a sentence), and a drag that shows the snapped extent
before any key is pressed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from workbench_helpers import char_center, drag

from annotator.core import segment
from annotator.core.labels import DEFAULT_SCHEME
from annotator.core.model import Article
from annotator.core.offsets import OffsetIndex
from annotator.ui.article_view import ArticleView

TEXT = ("😀拼多多和聚划算都在发力。“百亿补贴”，社交电商平台京喜。\n"
        "Revenue rose 3.5% to $3.5bn at Alibaba Group Holding Ltd. this year! Next.\n"
        "崔丽丽认为，下沉市场还有空间。\n")


@pytest.fixture
def view(qtbot):
    segment.reset()
    segment.add_terms(["聚划算"])
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(900, 400)
    v.set_article(Article(id=1, uid="a1", title="t", text=TEXT, sha256="", status="todo",
                          language="zh"), [], list(DEFAULT_SCHEME))
    v.show()
    qtbot.waitExposed(v)
    yield v
    segment.reset()


def shown(view: ArticleView) -> str:
    """The characters the selection covers on screen now (code points)."""
    cursor = view.textCursor()
    start, end = OffsetIndex(TEXT).span_from_utf16(cursor.selectionStart(),
                                                   cursor.selectionEnd())
    return TEXT[start:end]


def double_click(qtbot, view: ArticleView, cp: int) -> None:
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, cp))


def test_double_click_on_hua_in_juhuasuan_selects_the_word_not_the_paragraph(view, qtbot):
    double_click(qtbot, view, TEXT.index("划"))
    assert shown(view) == "聚划算"
    assert view.selected_range() == (TEXT.index("聚划算"), TEXT.index("聚划算") + 3)


def test_double_click_selects_a_jieba_word_after_an_astral_character(view, qtbot):
    double_click(qtbot, view, TEXT.index("发力") + 1)
    assert shown(view) == "发力"
    assert view.selected_range() == (TEXT.index("发力"), TEXT.index("发力") + 2)


@pytest.mark.parametrize(("inside", "word"), [
    ("venu", "Revenue"), ("5%", "3.5%"), ("bn", "3.5bn"), ("liba", "Alibaba"),
])  # fmt: skip
def test_double_click_in_latin_text_selects_the_word_or_number(view, qtbot, inside, word):
    double_click(qtbot, view, TEXT.index(inside) + 1)
    assert shown(view) == word


@pytest.fixture
def patient_clicks(qapp):
    """A triple click is the third click within the double-click interval after a double
    click; on a loaded test machine the two QTest calls may be further apart than 0.4 s."""
    hints = qapp.styleHints()
    before = hints.mouseDoubleClickInterval()
    hints.setMouseDoubleClickInterval(60_000)
    yield
    hints.setMouseDoubleClickInterval(before)


def test_a_click_long_after_a_double_click_is_not_a_triple_click(view, qtbot):
    qapp = QApplication.instance()
    before = qapp.styleHints().mouseDoubleClickInterval()
    qapp.styleHints().setMouseDoubleClickInterval(0)  # every later click is "long after"
    try:
        at = char_center(view, TEXT.index("电商"))
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert shown(view) == "电商"
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert shown(view) == ""  # an ordinary click: the selection goes
    finally:
        qapp.styleHints().setMouseDoubleClickInterval(before)


@pytest.mark.usefixtures("patient_clicks")
def test_triple_click_selects_the_sentence(view, qtbot):
    at = char_center(view, TEXT.index("电商"))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert shown(view) == "百亿补贴”，社交电商平台京喜"  # snapping: edge “ and 。 not stored
    view.set_snapping(False)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert shown(view) == "“百亿补贴”，社交电商平台京喜。"


@pytest.mark.usefixtures("patient_clicks")
def test_triple_click_in_english_ends_at_the_exclamation_mark_not_at_ltd(view, qtbot):
    at = char_center(view, TEXT.index("Holding"))
    view.set_snapping(False)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert shown(view) == ("Revenue rose 3.5% to $3.5bn at Alibaba Group Holding Ltd. "
                           "this year!")


def drag_shown(qtbot, view: ArticleView, first: int, last: int) -> list[str]:
    return [TEXT[a:b] for a, b in drag(qtbot, view, first, last)]


def test_a_drag_shows_the_snapped_extent_before_any_key(view, qtbot):
    start = TEXT.index("。“百")  # from the 。 before the quote ...
    end = TEXT.index("京喜")  # ... into 平台
    seen = drag_shown(qtbot, view, start, end - 1)
    assert "“百" not in seen and "。“" not in seen  # nothing to store yet: nothing shown
    assert seen[-1] == "百亿补贴”，社交电商平台"  # no 。“ at the start, 平台 whole
    assert all(not s or (s[0] not in "。“" and s[-1] not in "”，") for s in seen)
    assert shown(view) == "百亿补贴”，社交电商平台"
    assert view.selected_range() == view.selected_range(exact=True)  # what shows is stored


def test_a_backward_drag_snaps_too_and_keeps_its_anchor(view, qtbot):
    end = TEXT.index("京喜。") + 1  # press inside 京喜, drag left into 补贴
    seen = drag_shown(qtbot, view, end, TEXT.index("贴"))
    assert seen[-1] == shown(view) == "补贴”，社交电商平台京喜"
    assert "亿补贴”，社交电商平台京喜" not in seen


def test_without_snapping_a_drag_shows_the_raw_characters(view, qtbot):
    view.set_snapping(False)
    start = TEXT.index("。“百")
    seen = drag_shown(qtbot, view, start, start + 3)
    assert seen[-1] == shown(view) == "。“百"
