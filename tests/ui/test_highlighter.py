"""SpanHighlighter and its painter: label colors at the right UTF-16 places, nesting,
incremental updates, and what the view paints."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor

from annotator.core.labels import DEFAULT_SCHEME
from annotator.core.model import Article, Label, Span
from annotator.core.offsets import OffsetIndex
from annotator.ui.article_view import ArticleView
from annotator.ui.highlighter import Look
from annotator.ui.text_geometry import range_rects

PARAS = ["😀𠮷阿里今年的小目标是新增至少1亿用户。",
         "京东说：我们的小目标是下沉市场。",
         "拼多多在县城增长很快，𠮷野家也来了。",
         "Alibaba said growth rose 3.5% in county towns."]
TEXT = "\n".join(PARAS) + "\n"
LABELS = list(DEFAULT_SCHEME)
COLOR = {label.name: QColor(label.color) for label in LABELS}


def span(sid: str, label: str, start: int, end: int, text: str = TEXT) -> Span:
    return Span(id=sid, article_id=1, label=label, start=start, end=end, text=text[start:end],
                annotator="ann")


def shown_view(qtbot, text: str = TEXT, width: int = 800) -> ArticleView:
    """An article view of ``text`` (no spans) on screen, its first block drawn."""
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(width, 400)
    v.set_article(Article(1, "u", "t", text, "", "todo", "zh"), [], LABELS)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.span_painter().measured(0))
    return v


@pytest.fixture
def view(qtbot):
    return shown_view(qtbot)


class Run(NamedTuple):
    start: int  # UTF-16, in the block
    length: int
    look: Look


def formats(view: ArticleView, block_number: int) -> list[Run]:
    """The runs the view paints in one block (drawn first, as the user would see it)."""
    view.viewport().repaint()
    return [Run(*run) for run in view.highlighter().block_runs(block_number)]


def described(view: ArticleView) -> list[list[tuple[int, int, int, str]]]:
    """Every block's runs as plain values, to compare before and after."""
    return [[(r.start, r.length, r.look.wash.rgba(), r.look.underline.name())
             for r in formats(view, b)]
            for b in range(view.document().blockCount())]


def test_span_after_astral_characters_is_painted_in_its_label_color(view):
    start = TEXT.index("阿里")
    view.add_span(span("c", "company", start, start + 2))
    off = OffsetIndex(TEXT)
    (only,) = formats(view, 0)
    assert (only.start, only.length) == (off.to_utf16(start), 2) == (4, 2)
    assert only.look.underline == COLOR["company"]
    assert only.look.style == Qt.PenStyle.SolidLine
    background = only.look.wash
    assert background.rgb() == COLOR["company"].rgb()  # the label's hue, translucent
    assert 0 < background.alpha() < 128


def test_span_in_a_later_block_after_astral_characters(view):
    start = TEXT.index("县城")
    view.add_span(span("f", "strategy", start, TEXT.index("。", start)))
    off = OffsetIndex(TEXT)
    block = view.document().findBlockByNumber(2)
    (only,) = formats(view, 2)
    assert block.position() + only.start == off.to_utf16(start)
    assert only.length == off.to_utf16(TEXT.index("。", start)) - off.to_utf16(start)
    assert only.look.underline == COLOR["strategy"]


def test_nested_spans_both_stay_visible(view):
    outer_start, outer_end = TEXT.index("阿里"), TEXT.index("。")
    inner_start = TEXT.index("1亿")
    view.set_spans([span("claim", "claim", outer_start, outer_end),
                    span("fig", "figure", inner_start, inner_start + 2)])
    off = OffsetIndex(TEXT)
    ranges = formats(view, 0)
    assert [(r.start, r.length) for r in ranges] == [
        (off.to_utf16(outer_start), inner_start - outer_start),
        (off.to_utf16(inner_start), 2),
        (off.to_utf16(inner_start + 2), outer_end - inner_start - 2),
    ]
    before, inside, after = (r.look for r in ranges)
    assert before == after
    assert inside != before
    # the claim's line runs on under the figure; the figure's wash sits on top, deeper
    assert before.underline == inside.underline == COLOR["claim"]
    assert before.wash.rgb() == COLOR["claim"].rgb()
    assert inside.wash.rgb() == COLOR["figure"].rgb()
    assert inside.wash.alpha() > before.wash.alpha()


def test_same_characters_twice_show_both_labels(view):
    view.set_spans([span("a", "company", 2, 4)])
    (one,) = formats(view, 0)
    single = one.look.wash.alpha()
    view.set_spans([span("a", "company", 2, 4), span("b", "claim", 2, 4)])
    (both,) = formats(view, 0)
    colors = {both.look.underline.rgb(), both.look.wash.rgb()}
    assert colors == {COLOR["company"].rgb(), COLOR["claim"].rgb()}
    assert both.look.wash.alpha() > single


def test_add_and_remove_change_only_that_block(view):
    view.set_spans([span("p0", "claim", 2, 6), span("p2", "company", TEXT.index("拼多多"),
                                                       TEXT.index("拼多多") + 3)])
    before = described(view)
    highlighter = view.highlighter()
    start = TEXT.index("京东")
    view.add_span(span("new", "company", start, start + 2))
    assert highlighter.last_refreshed == [1]  # recomputed at once, and only there
    after = described(view)
    assert [b for b in range(len(before)) if before[b] != after[b]] == [1]
    view.remove_span("new")
    assert highlighter.last_refreshed == [1]
    assert described(view) == before
    # a span over two paragraphs touches both
    view.add_span(span("two", "claim", start, TEXT.index("拼多多") + 1))
    assert highlighter.last_refreshed == [1, 2]


class PaintSpy(QObject):
    """The rectangles of the paint events a widget receives."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.rects.append(QRect(event.rect()))
        return False


def test_a_new_span_shows_at_once_and_repaints_only_its_paragraph(view, qtbot):
    """A label key must not repaint the whole view of text (most of a key's time at 100k)."""
    start = TEXT.index("京东")
    block = view.document().findBlockByNumber(1)
    area = view.blockBoundingGeometry(block).translated(view.contentOffset()).toAlignedRect()
    spy = PaintSpy(view.viewport())
    view.add_span(span("new", "company", start, start + 2))
    qtbot.waitUntil(lambda: bool(spy.rects))
    assert all(area.adjusted(0, 0, 0, 1).contains(rect) for rect in spy.rects), spy.rects
    assert all(rect.height() < view.viewport().height() // 2 for rect in spy.rects)
    # and what the paint shows is the company wash over 京东
    view.viewport().removeEventFilter(spy)
    image = view.viewport().grab().toImage()
    (rect,) = range_rects(view, block.position(), block.position() + 2, 0, 10**6)
    pixel = image.pixelColor(rect.center().toPoint())
    company = COLOR["company"]
    assert abs(pixel.hue() - company.hue()) <= 12 and pixel.saturation() > 20
    view.remove_span("new")  # and back to plain text, again without a full repaint
    image = view.viewport().grab().toImage()
    assert image.pixelColor(rect.center().toPoint()).saturation() < 20


def test_a_new_span_in_a_long_paragraph_repaints_and_measures_only_its_line(qtbot):
    """A paragraph of many lines (a long news paragraph in a narrow pane): a label key
    repaints the line holding the new span, not the paragraph, and measures only it."""
    long_text = "阿里巴巴今年的目标是新增至少一亿用户，京东表示将继续投入下沉市场。" * 40
    v = shown_view(qtbot, long_text, width=500)
    block = v.document().firstBlock()
    assert block.layout().lineCount() > 10
    line_height = block.layout().lineAt(0).height()
    start = long_text.index("京东", 200)
    spy = PaintSpy(v.viewport())
    v.add_span(span("b", "company", start, start + 2, long_text))
    qtbot.waitUntil(lambda: bool(spy.rects))
    assert all(rect.height() <= 2 * line_height + 4 for rect in spy.rects), spy.rects
    (rect,) = range_rects(v, start, start + 2, 0, 10**6)
    assert any(r.contains(rect.center().toPoint()) for r in spy.rects)
    image = v.viewport().grab().toImage()  # and the new wash is there
    pixel = image.pixelColor(rect.center().toPoint())
    assert abs(pixel.hue() - COLOR["company"].hue()) <= 12 and pixel.saturation() > 20


def test_a_span_is_painted_as_a_wash_under_its_text_and_a_line_under_its_characters(view):
    """Painted, not formatted: the wash must not hide the characters, and the label's line
    must be there, below the glyphs, as the character formats drew it."""
    start = TEXT.index("京东")
    view.add_span(span("c", "company", start, start + 2))
    block = view.document().findBlockByNumber(1)
    (rect,) = range_rects(view, block.position(), block.position() + 2, 0, 10**6)
    image = view.viewport().grab().toImage()
    company = COLOR["company"]
    inside = [image.pixelColor(x, y) for x in range(int(rect.left()) + 1, int(rect.right()))
              for y in range(int(rect.top()) + 1, int(rect.bottom()))]
    # the glyphs are drawn over the wash: dark pixels among the washed ones
    assert min(c.lightness() for c in inside) < 100
    assert sum(abs(c.hue() - company.hue()) <= 12 and c.saturation() > 20
               for c in inside) > len(inside) // 3
    # the line: a row near the bottom of the characters in the label's own color
    rows = {y: [image.pixelColor(x, y) for x in range(int(rect.left()) + 2,
                                                     int(rect.right()) - 2)]
            for y in range(int(rect.center().y()), int(rect.bottom()) + 1)}
    assert any(all(abs(c.hue() - company.hue()) <= 12 and c.saturation() > 80 for c in row)
               for row in rows.values()), "no underline in the label's color"
    # and nothing left of it once the span goes
    view.remove_span("c")
    image = view.viewport().grab().toImage()
    assert all(image.pixelColor(x, y).saturation() < 20 for y in rows
               for x in range(int(rect.left()) + 2, int(rect.right()) - 2))


def test_a_span_is_measured_again_after_the_text_rewraps(view, qtbot):
    """A narrower view wraps the paragraph anew: the wash follows the characters."""
    start = TEXT.index("县城")
    view.add_span(span("s", "strategy", start, start + 2))
    view.resize(140, 400)
    qtbot.waitUntil(lambda: view.document().findBlockByNumber(2).layout().lineCount() > 1)
    block = view.document().findBlockByNumber(2)
    u = OffsetIndex(TEXT).to_utf16(start)
    (rect,) = range_rects(view, u, u + 2, 0, 10**6)
    image = view.viewport().grab().toImage()
    pixel = image.pixelColor(rect.center().toPoint())
    assert abs(pixel.hue() - COLOR["strategy"].hue()) <= 12 and pixel.saturation() > 20
    assert block.layout().lineCount() > 1


def test_replace_span_relabels_and_moves(view):
    view.add_span(span("s", "claim", 2, 6))
    view.replace_span(span("s", "figure", 2, 6))
    (only,) = formats(view, 0)
    assert only.look.underline == COLOR["figure"]
    start = TEXT.index("下沉")
    view.replace_span(span("s", "figure", start, start + 2))
    assert formats(view, 0) == []
    (moved,) = formats(view, 1)
    assert moved.start == start - TEXT.index("京东")


def test_set_labels_recolors(view):
    view.add_span(span("s", "claim", 2, 6))
    view.set_labels([Label("claim", "#123456", "1")] + LABELS[1:])
    (only,) = formats(view, 0)
    assert only.look.underline == QColor("#123456")


def test_blocks_are_measured_when_drawn(qtbot):
    text = "".join(f"第{i}段，阿里今年的小目标是新增至少1亿用户。\n" for i in range(400))
    far = text.index("第390段")
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(600, 300)
    v.set_article(Article(1, "u", "t", text, "", "todo", "zh"),
                  [span("near", "claim", 0, 3, text), span("far", "figure", far, far + 4, text)],
                  LABELS)
    v.show()
    qtbot.waitExposed(v)
    painter, highlighter = v.span_painter(), v.highlighter()
    qtbot.waitUntil(lambda: painter.measured(0))
    assert highlighter.has_runs(0)
    assert not painter.measured(390) and not highlighter.has_runs(390)  # not drawn yet
    v.select_span("far")  # scrolls there
    qtbot.waitUntil(lambda: painter.measured(390))
    assert highlighter.block_runs(390)
    # the document itself is never formatted: a span change does not lay text out again
    assert not any(v.document().findBlockByNumber(b).layout().formats() for b in (0, 390))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_span_character_is_covered_by_a_run(view, data):
    text = data.draw(st.lists(st.sampled_from(list("阿里京东😀𠮷ab \n。")), min_size=1,
                              max_size=60).map("".join))
    n = len(text)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 6)), max_size=8))
    spans = [span(f"s{i}", LABELS[i % 4].name, a, min(n, a + w), text)
             for i, (a, w) in enumerate(pairs)]
    view.set_article(Article(1, "u", "t", text, "", "todo", "zh"), spans, LABELS)
    view.viewport().repaint()
    off = OffsetIndex(text)
    doc = view.document()
    covered: set[int] = set()
    for b in range(doc.blockCount()):
        block = doc.findBlockByNumber(b)
        for start, length, _look in view.highlighter().block_runs(b):
            covered |= set(range(block.position() + start, block.position() + start + length))
    expected = {u for s in spans for cp in range(s.start, s.end) if text[cp] != "\n"
                for u in range(off.to_utf16(cp), off.to_utf16(cp + 1))}
    assert covered == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_lines_runs_are_the_blocks_runs_cut_to_the_line(view, data):
    """The painter asks the runs of one laid-out line (a label key repaints one line of a
    long paragraph): computed from the spans meeting the line alone, they look exactly as
    the whole block's runs cut at the line's ends, whatever piles up over the cut."""
    text = data.draw(st.lists(st.sampled_from(list("阿里京东😀𠮷ab 。")), min_size=2,
                              max_size=50).map("".join))
    n = len(text)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, n)),
                               min_size=1, max_size=20))
    spans = [span(f"s{i:02}", LABELS[i % 4].name, a, min(n, a + w), text)
             for i, (a, w) in enumerate(pairs)]
    view.set_article(Article(1, "u", "t", text, "", "todo", "zh"), spans, LABELS)
    length = view.document().findBlockByNumber(0).length()
    lo = data.draw(st.integers(0, length - 1))
    hi = data.draw(st.integers(lo + 1, length))
    highlighter = view.highlighter()
    line = highlighter.range_runs(0, lo, hi)  # before the block's runs are known
    whole = highlighter.block_runs(0)

    def looks(runs):
        return {u: look for s, k, look in runs for u in range(s, s + k) if lo <= u < hi}

    assert looks(line) == looks(whole)
    assert all(lo <= s and s + k <= hi and k > 0 for s, k, _look in line)
    assert highlighter.range_runs(0, lo, hi) == [r for r in line]  # and from the cut


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_stacked_spans_give_every_character_the_format_of_the_spans_over_it(view, data):
    from annotator.ui.highlighter import _nesting_order, span_look

    text = data.draw(st.lists(st.sampled_from(list("阿里京东😀𠮷ab 。")), min_size=2,
                              max_size=40).map("".join))
    n = len(text)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, n)),
                               min_size=1, max_size=30))  # piled up: many cover each place
    spans = [span(f"s{i:02}", LABELS[i % 4].name, a, min(n, a + w), text)
             for i, (a, w) in enumerate(pairs)]
    view.set_article(Article(1, "u", "t", text, "", "todo", "zh"), spans, LABELS)
    got = {}
    for r in formats(view, 0):
        for u in range(r.start, r.start + r.length):
            got[u] = (r.look.wash.rgba(), r.look.underline.name())
    off = OffsetIndex(text)
    want = {}
    for cp in range(n):
        over = sorted((s for s in spans if s.start <= cp < s.end), key=_nesting_order)
        if over:
            look = span_look(COLOR[over[0].label].name(),
                             COLOR[over[-1].label].name(), len(over))
            for u in range(off.to_utf16(cp), off.to_utf16(cp + 1)):
                want[u] = (look.wash.rgba(), look.underline.name())
    assert got == want


def test_the_view_knows_whether_it_shows_a_suggestion_as_spans_come_and_go(view):
    """The suggestion keys ask this several times a label key, instead of looking for the
    suggestion at the cursor: it must follow every change."""
    import dataclasses

    from annotator.store.suggest import SUGGESTED

    highlighter = view.highlighter()
    assert not highlighter.has_suggestions()
    suggested = dataclasses.replace(span("s", "company", 0, 2), origin=SUGGESTED)
    view.add_span(suggested)
    assert highlighter.has_suggestions()
    view.replace_span(dataclasses.replace(suggested, origin="manual"))  # accepted
    assert not highlighter.has_suggestions()
    view.replace_span(suggested)  # undone
    assert highlighter.has_suggestions()
    view.remove_span("s")
    assert not highlighter.has_suggestions()
    view.set_article(Article(1, "u", "t", TEXT, "", "todo", "zh"), [suggested], LABELS)
    assert highlighter.has_suggestions()


def test_the_blocks_in_sight_keep_their_glyphs_and_a_long_scroll_keeps_few(qtbot):
    """Qt shapes a paragraph's text again after each draw unless its layout keeps the glyphs;
    the blocks drawn keep them (a label key then shapes its paragraph once, not three or four
    times), and scrolling through a long article lets go of those out of sight."""
    from annotator.ui.shaped_blocks import LIMIT
    from annotator.ui.text_geometry import visible_blocks

    text = "".join(f"第{i}段，阿里今年的小目标是新增至少1亿用户。\n" for i in range(600))
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(600, 300)
    v.set_article(Article(1, "u", "t", text, "", "todo", "zh"), [], LABELS)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.span_painter().measured(0))

    def kept() -> list[int]:
        block, numbers = v.document().begin(), []
        while block.isValid():
            if block.layout().cacheEnabled():
                numbers.append(block.blockNumber())
            block = block.next()
        return numbers

    assert {b.blockNumber() for b in visible_blocks(v)} <= set(kept())
    bar = v.verticalScrollBar()
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        v.viewport().repaint()
    in_sight = {b.blockNumber() for b in visible_blocks(v)}
    assert in_sight <= set(kept())
    assert len(kept()) <= LIMIT + len(in_sight), len(kept())
    assert 0 not in kept()  # the first screen is long gone


def test_a_new_span_measures_again_only_the_lines_it_covers(qtbot):
    """A repaint that spans several lines of a long paragraph (the new span's line, and the
    old selection's a few lines up, in one bounding rectangle) measures again only the lines
    whose spans changed: the others keep what they measured."""
    long_text = "阿里巴巴今年的目标是新增至少一亿用户，京东表示将继续投入下沉市场。" * 40
    v = shown_view(qtbot, long_text, width=500)
    v.set_spans([span("a", "claim", 3, 9, long_text)])
    v.viewport().repaint()  # every line in sight measured
    painter = v.span_painter()
    measured: list[int] = []
    measure = painter._measure

    def counting(number, line):
        measured.append(line.lineNumber())
        return measure(number, line)

    painter._measure = counting
    start = long_text.index("京东", 200)
    v.add_span(span("b", "company", start, start + 2, long_text))
    v.viewport().repaint()  # the whole view: every line drawn again
    line = v.document().firstBlock().layout().lineForTextPosition(start).lineNumber()
    assert measured and set(measured) <= {line, line + 1}, (measured, line)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_runs_kept_up_to_date_through_adds_removes_and_moves_equal_runs_computed_afresh(
        view, data):
    """A label key updates the cached pieces of the blocks it touches instead of gathering
    them again; after any sequence of adds, deletes and moves (astral characters, several
    paragraphs, spans across a paragraph break) every block looks exactly as an article
    opened afresh with the same spans."""
    text = data.draw(st.lists(st.sampled_from(list("阿里京东😀𠮷ab 。\n")), min_size=2,
                              max_size=50).map("".join))
    n = len(text)
    pair = st.tuples(st.integers(0, n - 1), st.integers(1, 12))
    spans = {f"s{i:02}": span(f"s{i:02}", LABELS[i % 4].name, a, min(n, a + w), text)
             for i, (a, w) in enumerate(data.draw(st.lists(pair, max_size=12)))}
    view.set_article(Article(1, "u", "t", text, "", "todo", "zh"), list(spans.values()),
                     LABELS)
    highlighter = view.highlighter()
    blocks = range(view.document().blockCount())
    for b in blocks:
        highlighter.block_runs(b)  # every block's pieces gathered and kept
    for step, (kind, (a, w)) in enumerate(data.draw(st.lists(
            st.tuples(st.sampled_from(["add", "remove", "move"]), pair), max_size=10))):
        if kind == "add" or not spans:
            new = span(f"n{step:02}", LABELS[step % 4].name, a, min(n, a + w), text)
            spans[new.id] = new
            view.add_span(new)
        elif kind == "remove":
            gone = sorted(spans)[a % len(spans)]
            del spans[gone]
            view.remove_span(gone)
        else:
            moved = sorted(spans)[a % len(spans)]
            spans[moved] = span(moved, LABELS[w % 4].name, a, min(n, a + w), text)
            view.replace_span(spans[moved])
    kept = [highlighter.block_runs(b) for b in blocks]
    view.set_article(Article(1, "u", "t", text, "", "todo", "zh"), list(spans.values()),
                     LABELS)
    assert kept == [highlighter.block_runs(b) for b in blocks]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_ranges_rectangles_are_its_characters_on_every_line_it_crosses(qtbot, data):
    """The selected span's outline (and a find match's box) are measured from the line holding
    the range's first character, not from the top of its paragraph: on paragraphs wrapped
    over many lines, with astral characters, for ranges across lines and paragraphs, the
    rectangles are those of every line the range crosses, as a walk over all lines finds."""
    from annotator.ui.text_geometry import line_x

    paragraph = st.lists(st.sampled_from(list("阿里京东😀𠮷ab 。")), min_size=1,
                         max_size=120).map("".join)
    text = "\n".join(data.draw(st.lists(paragraph, min_size=1, max_size=3)))
    v = shown_view(qtbot, text, width=160)  # narrow: a paragraph wraps over many lines
    n = v.document().characterCount() - 1
    ustart = data.draw(st.integers(0, n - 1))
    uend = data.draw(st.integers(ustart + 1, n))

    def every_line(ustart: int, uend: int) -> list:
        rects, block = [], v.document().findBlock(ustart)
        while block.isValid() and block.position() < uend:
            layout = block.layout()
            origin = v.blockBoundingGeometry(block).translated(v.contentOffset()).topLeft() \
                + layout.position()
            a, z = ustart - block.position(), uend - block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                s = max(a, line.textStart())
                e = min(z, line.textStart() + line.textLength())
                if e > s:
                    x1, x2 = line_x(line, s), line_x(line, e)
                    rects.append((origin.x() + min(x1, x2), origin.y() + line.y(),
                                  abs(x2 - x1), line.height()))
            block = block.next()
        return rects

    got = [r.getRect() for r in range_rects(v, ustart, uend, 0, n + 1)]
    assert got == every_line(ustart, uend)
