"""ArticleView: text shown as stored, selections in code points, clicks, hover, find."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from workbench_helpers import char_center

from annotator.core import segment
from annotator.core.labels import DEFAULT_SCHEME
from annotator.core.model import Article, Span
from annotator.core.offsets import OffsetIndex
from annotator.ui.article_view import ArticleView

TEXT = ("😀𠮷阿里今年的小目标是新增至少1亿用户。\n"
        "京东说：“我们的小目标是下沉市场。”\u00a0完。\u2029"
        "Alibaba's  small goal:\u2028100 million users.\n")
LABELS = list(DEFAULT_SCHEME)


def article(text: str = TEXT) -> Article:
    return Article(id=1, uid="a1", title="t", text=text, sha256="", status="todo", language="zh")


def span(sid: str, label: str, start: int, end: int, text: str = TEXT, **kw: str) -> Span:
    return Span(id=sid, article_id=1, label=label, start=start, end=end, text=text[start:end],
                annotator=kw.pop("annotator", "ann"), **kw)


@pytest.fixture
def view(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(700, 400)
    v.set_article(article(), [], LABELS)
    v.show()
    qtbot.waitExposed(v)
    return v


def select_utf16(view: ArticleView, ustart: int, uend: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(ustart)
    cursor.setPosition(uend, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_shows_the_stored_text_exactly(view):
    off = OffsetIndex(TEXT)
    doc = view.document()
    assert doc.characterCount() - 1 == off.utf16_length
    assert doc.blockCount() == 4  # \n, U+2029 and \n end blocks; U+2028 does not
    assert view.article().text == TEXT
    assert view.isReadOnly()
    assert view.selected_range() is None


def test_selection_after_astral_characters_in_code_points(view):
    start = TEXT.index("阿里")
    off = OffsetIndex(TEXT)
    assert off.to_utf16(start) == start + 2  # the emoji and 𠮷 take two UTF-16 units each
    select_utf16(view, *off.span_to_utf16(start, start + 2))
    assert view.selected_range(exact=True) == (start, start + 2)
    assert TEXT[slice(*view.selected_range(exact=True))] == "阿里"


def test_keyboard_selection_with_shift_right(view, qtbot):
    start = TEXT.index("阿里")
    cursor = QTextCursor(view.document())
    cursor.setPosition(OffsetIndex(TEXT).to_utf16(start))
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range(exact=True) == (start, start + 2)
    view.setTextCursor(QTextCursor(view.document()))
    for _ in range(4):  # 😀 𠮷 阿 里: one keypress per character, surrogate pairs included
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range(exact=True) == (0, 4)


def test_snapping_widens_to_whole_jieba_words(view):
    words = segment.tokens(TEXT)
    start = TEXT.index("目标") + 1  # from inside 目标 ...
    end = TEXT.index("新增") + 1  # ... to inside 新增
    a = next(t for t in words if t[0] <= start < t[1])
    z = next(t for t in words if t[0] < end <= t[1])
    assert (a[0], z[1]) != (start, end)  # the selection really cuts words
    off = OffsetIndex(TEXT)
    select_utf16(view, *off.span_to_utf16(start, end))
    assert view.selected_range() == (a[0], z[1])
    assert view.selected_range(exact=True) == (start, end)
    view.set_snapping(False)
    assert view.selected_range() == (start, end)


def test_whitespace_is_trimmed_and_blank_selection_is_none(view):
    off = OffsetIndex(TEXT)
    nbsp = TEXT.index("\u00a0")
    select_utf16(view, *off.span_to_utf16(nbsp, nbsp + 2))  # NBSP完: NBSP is whitespace
    assert view.selected_range(exact=True) == (nbsp + 1, nbsp + 2)
    gap = TEXT.index("  small")
    select_utf16(view, *off.span_to_utf16(gap, gap + 2))
    assert view.selected_range(exact=True) is None
    assert view.selected_range() is None
    select_utf16(view, *off.span_to_utf16(gap, gap + 5))  # "  sma" -> "small"
    assert view.selected_range(exact=True) == (gap + 2, gap + 5)
    assert view.selected_range() == (gap + 2, gap + 7)


def test_selection_changed_range_reports_code_points(view, qtbot):
    off = OffsetIndex(TEXT)
    start = TEXT.index("阿里")
    with qtbot.waitSignal(view.selectionChangedRange) as blocker:
        select_utf16(view, *off.span_to_utf16(start, start + 4))
    assert blocker.args == [start, start + 4]
    with qtbot.waitSignal(view.selectionChangedRange) as blocker:
        view.clear_selection()
    assert blocker.args == [-1, -1]


def test_click_on_a_span_emits_its_id_and_cycles_overlapping_spans(view, qtbot):
    start = TEXT.index("阿里")
    outer = span("outer", "claim", start, TEXT.index("。"))
    inner = span("inner", "company", start, start + 2)
    view.set_spans([outer, inner])
    point = char_center(view, start + 1)
    emitted: list[str] = []
    view.spanActivated.connect(emitted.append)
    for _ in range(3):
        with qtbot.waitSignal(view.spanActivated):
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert emitted == ["inner", "outer", "inner"]
    assert view.selected_span_id() == "inner"
    # inside the claim only: the claim at once
    with qtbot.waitSignal(view.spanActivated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=char_center(view, TEXT.index("目标")))
    assert blocker.args == ["outer"]
    # text without spans: ""
    with qtbot.waitSignal(view.spanActivated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=char_center(view, TEXT.index("京东")))
    assert blocker.args == [""]
    assert view.selected_span_id() is None


def test_escape_clears_selection_and_emits_empty(view, qtbot):
    s = span("s1", "claim", 2, 6)
    view.set_spans([s])
    view.select_span("s1")
    select_utf16(view, 2, 8)
    with qtbot.waitSignal(view.spanActivated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert blocker.args == [""]
    assert view.selected_range() is None
    assert view.selected_span_id() is None


def test_select_span_outlines_and_scrolls_without_touching_the_selection(qtbot):
    text = "".join(f"第{i}段，阿里今年的小目标是新增至少1亿用户。\n" for i in range(300))
    far = text.index("第250段")
    s = span("far", "figure", far, far + 5, text)
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(600, 300)
    v.set_article(article(text), [s], LABELS)
    v.show()
    qtbot.waitExposed(v)
    select_utf16(v, 0, 3)
    assert v.verticalScrollBar().value() == 0
    v.select_span("far")
    assert v.selected_span_id() == "far"
    assert v.selected_range(exact=True) == (0, 3)
    block = v.document().findBlock(far)
    top = v.blockBoundingGeometry(block).translated(v.contentOffset()).top()
    assert 0 <= top < v.viewport().height()
    v.select_span(None)
    assert v.selected_span_id() is None
    v.select_span("no such span")
    assert v.selected_span_id() is None


def test_reveal_selects_a_code_point_range(view):
    start = TEXT.index("小目标")
    view.reveal(start, start + 3)
    assert view.selected_range(exact=True) == (start, start + 3)


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hover_shows_label_annotator_note_and_text(view, qtbot):
    start = TEXT.index("阿里")
    view.set_spans([span("c", "company", start, start + 2, annotator="li", note="the group"),
                    span("k", "claim", start, start + 8, annotator="wang")])
    point = char_center(view, start)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    view.viewportEvent(event)
    qtbot.waitUntil(QToolTip.isVisible)
    tip = QToolTip.text()
    for expected in ("company", "li", "the group", "阿里", "claim", "wang"):
        assert expected in tip
    QToolTip.hideText()


def test_find_counts_chinese_matches_after_astral_characters(view):
    assert view.find_all("小目标") == 2
    first, second = (TEXT.index("小目标"), TEXT.index("小目标", TEXT.index("小目标") + 1))
    assert view.find_matches() == [(first, first + 3), (second, second + 3)]
    assert view.find_next() == 0
    assert view.selected_range(exact=True) == (first, first + 3)
    assert view.find_next() == 1
    assert view.selected_range(exact=True) == (second, second + 3)
    assert view.find_next() == 0  # wraps
    assert view.find_previous() == 1
    assert view.find_all("𠮷") == 1
    assert view.find_next() == 0
    assert view.selected_range(exact=True) == (1, 2)
    assert view.find_all("ALIBABA") == 1  # case-insensitive for Latin
    assert view.find_all("找不到") == 0
    assert view.find_next() == -1
    view.clear_find()
    assert view.find_count() == 0


def test_font_size_and_read_only_tint(view):
    view.set_font_point_size(17.5)
    assert view.font_point_size() == 17.5
    base = view.palette().color(QPalette.ColorRole.Base)
    view.set_read_only_spans(True)
    assert view.read_only_spans()
    assert view.palette().color(QPalette.ColorRole.Base) != base
    view.set_read_only_spans(False)
    assert view.palette().color(QPalette.ColorRole.Base) == base


def test_set_article_none_and_incremental_span_api(view):
    s1 = span("s1", "claim", 2, 6)
    view.add_span(s1)
    view.add_span(span("s2", "figure", 17, 19))
    assert [s.id for s in view.spans()] == ["s1", "s2"]
    view.replace_span(span("s1", "strategy", 2, 6))
    assert view.spans()[0].label == "strategy"
    view.remove_span("s2")
    assert [s.id for s in view.spans()] == ["s1"]
    assert [s.id for s in view.spans_at(3)] == ["s1"]
    view.set_article(None, [], LABELS)
    assert view.article() is None
    assert view.document().characterCount() == 1
    assert view.spans() == []


def test_copy_gives_the_stored_characters(view, qtbot):
    off = OffsetIndex(TEXT)
    start, end = TEXT.index("”"), TEXT.index("\u2029") + 3  # ” NBSP 完。 U+2029 Ali
    select_utf16(view, *off.span_to_utf16(start, end))
    view.copy()
    clipboard = QApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.text() == TEXT[start:end])


def test_text_qt_would_change_is_refused(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    with pytest.raises(ValueError):
        v.set_article(article("one\r\ntwo"), [], LABELS)  # import never lets CR LF through


def test_ctrl_c_copies_the_stored_characters(view, qtbot):
    off = OffsetIndex(TEXT)
    start, end = TEXT.index("”"), TEXT.index("\u2029") + 3
    select_utf16(view, *off.span_to_utf16(start, end))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    clipboard = QApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.text() == TEXT[start:end])


def test_a_repaint_of_part_of_the_view_draws_the_outline_and_matches_as_a_whole_repaint(qtbot):
    """Overlays (the selected span's outline, find matches) are drawn for the blocks a paint
    meets, not all those in sight: a repaint of one line, of a strip a few pixels tall at a
    paragraph's edge or of a line the outline's stroke reaches from the next paragraph
    shows exactly the pixels a repaint of the whole view shows there."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QRegion

    text = "".join(f"第{i}段，阿里今年的小目标是新增至少1亿用户，𠮷野家也来了。\n" for i in range(40))
    at = text.index("第6段")
    s = span("sel", "claim", at, at + 30, text)
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(260, 300)  # each paragraph wraps over a few lines
    v.set_article(article(text), [s], LABELS)
    v.show()
    qtbot.waitExposed(v)
    v.find_all("阿里")
    v.select_span("sel", reveal=False)
    viewport = v.viewport()

    def render(area: QRect) -> QImage:
        image = QImage(viewport.size(), QImage.Format.Format_ARGB32)
        image.fill(0)
        viewport.render(image, area.topLeft(), QRegion(area))  # the area, where it is
        return image.copy(area)

    whole = render(viewport.rect())
    v.select_span(None)
    v.clear_find()
    plain = render(viewport.rect())
    v.find_all("阿里")
    v.select_span("sel", reveal=False)
    offsets = OffsetIndex(text)
    block = v.document().findBlock(offsets.to_utf16(at))
    box = v.blockBoundingGeometry(block).translated(v.contentOffset()).toAlignedRect()
    width = viewport.width()
    for area in (QRect(0, box.top(), width, 20),  # the span's first line
                 QRect(0, box.top() - 2, width, 3),  # the edge above the paragraph
                 QRect(0, box.bottom() - 1, width, 3),  # the edge below it
                 QRect(0, box.bottom() + 1, width, 2)):  # just past it: the next paragraph
        assert render(area) == whole.copy(area), area
    line = QRect(0, box.top(), width, 20)
    assert whole.copy(line) != plain.copy(line)  # the outline and the match are drawn there
