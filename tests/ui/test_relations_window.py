"""Relations in the window (issue 10): drawn as arcs, made with R / Tab / click / Ctrl-drag,
selected by a click on the arc, deleted with Delete, each one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from review_helpers import TITLE as REVIEW_TITLE
from review_helpers import make_review_project
from workbench_helpers import char_center, show_active

from annotator.core.model import ArticleRecord, Span
from annotator.core.scheme import RelationType
from annotator.store import Project
from annotator.ui import interaction
from annotator.ui import settings as S
from annotator.ui.claims.relation_layer import RISE, anchor, arc_path, route
from annotator.ui.claims.relation_picker import targets
from annotator.ui.text_geometry import range_rects, visible_range

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
#: three paragraphs: a claim with a figure inside, a company, a figure far below
TEXT = ("阿里巴巴宣布今年的小目标是新增至少1亿用户，并将继续加大对下沉市场的投入。\n"
        "京东也在下沉市场发力。\n"
        "分析师认为，这一目标意味着增长20%。\n")
SPANS = {"alibaba": ("阿里巴巴", "company"), "claim": ("今年的小目标是新增至少1亿用户", "claim"),
         "yi": ("1亿", "figure"), "jd": ("京东", "company"), "pct": ("20%", "figure")}


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def make_project(path, extra_types=(), relations=()) -> dict[str, Span]:
    """The article above with its five spans by "tester"; ``relations``: (from, to, type)."""
    with Project.create(path, title="Relations") as project:
        project.add_articles([ArticleRecord(text=TEXT, title="claims", language="zh")], "setup")
        article = project.articles()[0].id
        for rel in extra_types:
            project.set_relation_type(rel, "setup")
        spans = {key: project.add_span(article, *at(word), label, "tester")
                 for key, (word, label) in SPANS.items()}
        for a, b, type_ in relations:
            project.add_relation(spans[a].id, spans[b].id, type_, "tester")
    return spans


def open_window(qtbot, path, who="tester"):
    from annotator.app import build_window

    win = build_window(path, who)
    win.resize(1100, 700)
    show_active(qtbot, win)
    return win


@pytest.fixture
def claims(tmp_path):
    return tmp_path / "claims.db", make_project(tmp_path / "claims.db")


@pytest.fixture
def win(qtbot, claims, no_leaked_widgets):
    return open_window(qtbot, claims[0])


def view_of(win):
    return win.workbench.left.view


def click_span(qtbot, win, word: str) -> None:
    start, _end = at(word)
    qtbot.mouseClick(view_of(win).viewport(), LEFT, pos=char_center(view_of(win), start))


def stored(win) -> list[tuple[str, str, str]]:
    project = win.ctx.project
    text = {s.id: s.text for s in project.spans(project.articles()[0].id)}
    return sorted((text[r.from_span], r.type, text[r.to_span])
                  for r in project.relations_in_article(project.articles()[0].id))


def message(win) -> str:
    return win.statusBar().currentMessage()


def press_r(qtbot, win) -> None:
    qtbot.keyClick(view_of(win), Qt.Key.Key_R)


def painted(qtbot, win) -> dict:
    """Repaint the left view now; the arcs drawn, by relation id."""
    view_of(win).viewport().repaint()
    return win.relations.layer(win.workbench.left).paths()


def test_r_then_a_click_on_the_figure_makes_the_only_allowed_type_without_asking(
        qtbot, win, monkeypatch):
    monkeypatch.setattr(interaction, "ask_choice",
                        lambda *a: pytest.fail("asked although one type fits"))
    click_span(qtbot, win, "今年的")  # the claim (outside its figure)
    press_r(qtbot, win)
    assert "click the target" in message(win)
    click_span(qtbot, win, "1亿")
    assert stored(win) == [("今年的小目标是新增至少1亿用户", "cites", "1亿")]
    assert len(painted(qtbot, win)) == 1
    win.ctx.undo_stack.undo()
    assert stored(win) == [] and painted(qtbot, win) == {}
    win.ctx.undo_stack.redo()
    assert stored(win) == [("今年的小目标是新增至少1亿用户", "cites", "1亿")]


def test_two_allowed_types_ask_which_and_the_chosen_one_is_stored(qtbot, tmp_path, monkeypatch,
                                                                  no_leaked_widgets):
    path = tmp_path / "two.db"
    make_project(path, extra_types=[RelationType("disputes", ("claim",), ("figure",))])
    window = open_window(qtbot, path)
    asked = []

    def choose(_parent, _title, _label, items):
        asked.append(items)
        return "disputes"

    monkeypatch.setattr(interaction, "ask_choice", choose)
    click_span(qtbot, window, "今年的")
    press_r(qtbot, window)
    click_span(qtbot, window, "20%")
    assert asked == [["cites", "disputes"]]
    assert stored(window) == [("今年的小目标是新增至少1亿用户", "disputes", "20%")]


def test_tab_cycles_the_targets_nearest_first_shift_tab_goes_back_enter_confirms(qtbot, win):
    layer = win.relations.layer()
    click_span(qtbot, win, "今年的")
    press_r(qtbot, win)
    seen = []
    for _ in range(4):
        qtbot.keyClick(view_of(win), Qt.Key.Key_Tab)
        seen.append(win.relations.pick.candidate().text)
    # the figure inside the claim, the company beside it, the next line's, the last line's
    assert seen == ["1亿", "阿里巴巴", "京东", "20%"]
    assert view_of(win).hasFocus()  # Tab picked targets; it did not move the focus
    qtbot.keyClick(view_of(win), Qt.Key.Key_Backtab, SHIFT)
    assert win.relations.pick.candidate().text == "京东"
    assert layer._pending is not None and layer._pending[1] == win.relations.pick.candidate().id
    qtbot.keyClick(view_of(win), Qt.Key.Key_Return)
    assert stored(win) == [("今年的小目标是新增至少1亿用户", "about", "京东")]
    assert win.relations.pick is None


def test_ctrl_drag_from_the_claim_to_a_company_makes_an_about_relation(qtbot, win):
    vp, view = view_of(win).viewport(), view_of(win)
    qtbot.mousePress(vp, LEFT, CTRL, char_center(view, at("今年的")[0]))
    qtbot.mouseMove(vp, char_center(view, at("京东")[0]))
    qtbot.mouseRelease(vp, LEFT, CTRL, char_center(view, at("京东")[0]))
    assert stored(win) == [("今年的小目标是新增至少1亿用户", "about", "京东")]
    assert not view.textCursor().hasSelection()


def test_esc_cancels_and_leaves_nothing(qtbot, win, claims):
    click_span(qtbot, win, "今年的")
    press_r(qtbot, win)
    qtbot.keyClick(view_of(win), Qt.Key.Key_Tab)
    qtbot.keyClick(view_of(win), Qt.Key.Key_Escape)
    assert win.relations.pick is None and message(win) == "No relation made"
    click_span(qtbot, win, "京东")  # a click after Esc selects, it relates nothing
    assert stored(win) == [] and win.ctx.undo_stack.count() == 0
    with Project.open(claims[0], readonly=True) as project:
        assert project.relations_in_article(project.articles()[0].id) == []


def test_a_pair_no_type_allows_is_refused_saying_which_types_exist(qtbot, win):
    click_span(qtbot, win, "京东")  # a company: no type starts at a company
    press_r(qtbot, win)
    click_span(qtbot, win, "20%")
    text = message(win)
    assert "No relation type goes from company to figure" in text
    assert "cites (claim → figure)" in text and "of (figure → company)" in text
    assert stored(win) == []


def test_delete_on_a_clicked_arc_removes_the_relation_and_undo_brings_it_back_with_its_id(
        qtbot, tmp_path, no_leaked_widgets):
    path = tmp_path / "one.db"
    spans = make_project(path, relations=[("claim", "jd", "about")])
    window = open_window(qtbot, path)
    (rid, arc), = painted(qtbot, window).items()
    top = arc.pointAtPercent(0.5)
    qtbot.mouseClick(view_of(window).viewport(), LEFT, pos=top.toPoint())
    assert window.relations.layer().selected == rid
    assert view_of(window).selected_span_id() is None
    qtbot.keyClick(view_of(window), Qt.Key.Key_Delete)
    assert stored(window) == []
    assert window.ctx.project.span(spans["jd"].id).text == "京东"  # the spans stay
    window.ctx.undo_stack.undo()
    (back,) = window.ctx.project.relations_in_article(window.ctx.project.articles()[0].id)
    assert back.id == rid and rid in painted(qtbot, window)


def test_show_relations_off_hides_the_arcs_and_is_remembered(qtbot, tmp_path, no_leaked_widgets):
    path = tmp_path / "one.db"
    make_project(path, relations=[("claim", "pct", "cites")])
    window = open_window(qtbot, path)
    assert len(painted(qtbot, window)) == 1
    window.acts.show_relations.setChecked(False)
    assert painted(qtbot, window) == {}
    assert window.ctx.settings.get(S.SHOW_RELATIONS) is False
    window.acts.show_relations.setChecked(True)
    assert len(painted(qtbot, window)) == 1


def test_a_relation_across_lines_runs_from_inside_one_span_to_inside_the_other(
        qtbot, tmp_path, no_leaked_widgets):
    path = tmp_path / "lines.db"
    make_project(path, relations=[("claim", "pct", "cites"), ("yi", "jd", "of")])
    window = open_window(qtbot, path)
    view = view_of(window)
    arcs = painted(qtbot, window)
    lo, hi = visible_range(view)
    project = window.ctx.project
    for rel in project.relations_in_article(project.articles()[0].id):
        a, b = project.span(rel.from_span), project.span(rel.to_span)
        first = range_rects(view, *view.offsets().span_to_utf16(a.start, a.end), lo, hi)
        last = range_rects(view, *view.offsets().span_to_utf16(b.start, b.end), lo, hi)
        assert first[0].bottom() < last[0].top()  # on different lines
        path = arcs[rel.id]
        assert first[0].contains(path.pointAtPercent(0.0))
        assert last[0].contains(path.pointAtPercent(1.0))


def test_an_end_scrolled_out_of_view_is_drawn_to_the_edge(qtbot, tmp_path, no_leaked_widgets):
    path = tmp_path / "long.db"
    with Project.create(path, title="Long") as project:
        text = "阿里巴巴称将新增1亿用户。\n" + "无关的段落。\n" * 200 + "京东回应。\n"
        project.add_articles([ArticleRecord(text=text, title="long", language="zh")], "setup")
        article = project.articles()[0].id
        claim = project.add_span(article, 5, 13, "claim", "tester")
        jd_start = text.index("京东")
        jd = project.add_span(article, jd_start, jd_start + 2, "company", "tester")
        project.add_relation(claim.id, jd.id, "about", "tester")
    window = open_window(qtbot, path)
    (arc,) = painted(qtbot, window).values()
    height = view_of(window).viewport().height()
    assert arc.pointAtPercent(1.0).y() > height  # runs off the bottom edge
    view_of(window).verticalScrollBar().setValue(view_of(window).verticalScrollBar().maximum())
    (arc,) = painted(qtbot, window).values()
    assert arc.pointAtPercent(0.0).y() < 0  # from above the top edge


def test_deleting_a_span_takes_its_arcs_away(qtbot, tmp_path, no_leaked_widgets):
    path = tmp_path / "one.db"
    make_project(path, relations=[("claim", "jd", "about")])
    window = open_window(qtbot, path)
    click_span(qtbot, window, "京东")
    qtbot.keyClick(view_of(window), Qt.Key.Key_Delete)
    assert painted(qtbot, window) == {} and stored(window) == []


def test_a_read_only_pane_refuses_to_make_a_relation(qtbot, tmp_path, no_leaked_widgets):
    path = tmp_path / "other.db"
    make_project(path, relations=[("claim", "jd", "about")])
    window = open_window(qtbot, path, who="carol")
    pane = window.workbench.left
    pane.show_annotator("tester")  # tester's spans, read-only for carol
    assert pane.is_read_only()
    assert len(painted(qtbot, window)) == 1  # drawn there all the same
    click_span(qtbot, window, "今年的")
    press_r(qtbot, window)
    assert "read-only" in message(window)
    assert window.relations.pick is None


def test_the_relation_key_and_reject_are_never_enabled_together(qtbot, tmp_path,
                                                                no_leaked_widgets):
    window = open_window(qtbot, make_review_project(tmp_path / "review.db"), "judge")
    add, reject = window.acts.add_relation, window.acts.reject

    def check() -> None:
        assert not (add.isEnabled() and reject.isEnabled())

    check()
    assert add.isEnabled() and add.shortcut().toString() == reject.shortcut().toString() == "R"
    article = next(a.id for a in window.ctx.project.articles() if a.title == REVIEW_TITLE)
    assert window.review.start(article, "ann", "bo")
    check()
    assert reject.isEnabled() and not add.isEnabled()
    window.review.stop()
    check()
    assert add.isEnabled()


def test_targets_are_the_allowed_spans_nearest_first():
    def span(i, start, end, label):
        return Span(f"s{i}", 1, label, start, end, "x" * (end - start), "a")

    source = span(0, 10, 20, "claim")
    spans = [span(1, 0, 2, "figure"), span(2, 30, 31, "figure"), span(3, 12, 14, "figure"),
             span(4, 21, 22, "claim"), source]
    allowed = {("claim", "figure")}
    assert [s.id for s in targets(source, spans, lambda a, b: (a, b) in allowed)] == [
        "s3", "s1", "s2"]
    # nothing allowed: every other span, nearest first (a click then says why)
    assert [s.id for s in targets(source, spans, lambda a, b: False)] == ["s3", "s4", "s1", "s2"]


def test_an_arc_being_dragged_starts_and_ends_at_its_anchors_and_rises_above_both():
    from PySide6.QtCore import QRectF

    a, b = QRectF(10, 40, 30, 18), QRectF(200, 80, 20, 18)
    path = arc_path(anchor(a), anchor(b))
    assert a.contains(path.pointAtPercent(0)) and b.contains(path.pointAtPercent(1))
    assert path.boundingRect().top() < 40


@pytest.mark.parametrize(("a", "b", "margin"), [((10, 40), (200, 40), None),
                                                ((200, 40), (30, 80), 2.0),
                                                ((30, 80), (260, 40), 298.0)])
def test_a_connector_stays_in_the_gaps_above_its_lines_and_in_the_nearer_margin(a, b, margin):
    """Lines 40-58 and 80-98 (18 px), margins at x 2 and 298: between its ends a connector
    lies only on a line's top edge or in a margin, never over a line's text."""
    from PySide6.QtCore import QRectF

    ra, rb = QRectF(*a, 30, 18), QRectF(*b, 20, 18)
    path = route(anchor(ra), anchor(rb), 2.0, 298.0)
    assert ra.contains(path.pointAtPercent(0)) and rb.contains(path.pointAtPercent(1))
    lines = [QRectF(4, top + 1, 292, 16) for top in (40, 80)]
    for i in range(3, 98):
        point = path.pointAtPercent(i / 100)
        assert not any(line.contains(point) for line in lines), (i, point)
    box = path.boundingRect()
    if margin is None:  # one line: it stays between its ends
        assert box.left() >= ra.left() and box.right() <= rb.right() and box.top() >= 40 - RISE
    else:
        assert margin in (box.left(), box.right())


def test_hovering_an_arc_shows_its_type_and_both_ends(qtbot, tmp_path, no_leaked_widgets):
    path = tmp_path / "one.db"
    make_project(path, relations=[("claim", "jd", "about")])
    window = open_window(qtbot, path)
    (arc,) = painted(qtbot, window).values()
    point = arc.pointAtPercent(0.5).toPoint()
    vp = view_of(window).viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, point, vp.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "about: claim “今年的小目标是新增至少1亿用户” → company “京东”"
    QToolTip.hideText()


def test_a_ctrl_drag_released_off_any_span_stores_nothing(qtbot, win):
    vp, view = view_of(win).viewport(), view_of(win)
    qtbot.mousePress(vp, LEFT, CTRL, char_center(view, at("今年的")[0]))
    qtbot.mouseMove(vp, char_center(view, TEXT.index("分析师")))
    qtbot.mouseRelease(vp, LEFT, CTRL, char_center(view, TEXT.index("分析师")))
    assert stored(win) == [] and win.relations.pick is None
    assert "pick a span other than the source" in message(win)


def test_clicking_a_span_after_an_arc_selects_the_span_and_drops_the_relation(
        qtbot, tmp_path, no_leaked_widgets):
    path = tmp_path / "one.db"
    spans = make_project(path, relations=[("claim", "jd", "about")])
    window = open_window(qtbot, path)
    (rid, arc), = painted(qtbot, window).items()
    qtbot.mouseClick(view_of(window).viewport(), LEFT, pos=arc.pointAtPercent(0.5).toPoint())
    assert window.relations.layer().selected == rid
    click_span(qtbot, window, "京东")
    assert window.relations.layer().selected is None
    assert view_of(window).selected_span_id() == spans["jd"].id
    qtbot.keyClick(view_of(window), Qt.Key.Key_Delete)  # now Delete takes the span
    article = window.ctx.project.articles()[0].id
    assert spans["jd"].id not in {s.id for s in window.ctx.project.spans(article)}
    assert spans["claim"].id in {s.id for s in window.ctx.project.spans(article)}
    assert stored(window) == [] and painted(qtbot, window) == {}


def _text_bands(view) -> list:
    """Viewport rectangles of every visible line's text, less 1 px at the top and the bottom
    (the gap between lines that an arc may use)."""
    from PySide6.QtCore import QRectF

    from annotator.ui.text_geometry import visible_blocks

    bands = []
    for block in visible_blocks(view):
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft() \
            + block.layout().position()
        for i in range(block.layout().lineCount()):
            line = block.layout().lineAt(i)
            if line.naturalTextWidth() > 0:
                bands.append(QRectF(origin.x() + line.x(), origin.y() + line.y() + 1,
                                    line.naturalTextWidth(), line.height() - 2))
    return bands


def test_arcs_between_lines_never_strike_through_the_text_of_a_line(qtbot, tmp_path,
                                                                   no_leaked_widgets):
    path = tmp_path / "lines.db"
    make_project(path, relations=[("claim", "jd", "about"), ("claim", "pct", "cites"),
                                  ("claim", "yi", "cites")])
    window = open_window(qtbot, path)
    arcs = painted(qtbot, window)
    assert len(arcs) == 3
    bands = _text_bands(view_of(window))
    for rid, arc in arcs.items():
        for i in range(2, 99):
            point = arc.pointAtPercent(i / 100)
            assert not any(band.contains(point) for band in bands), (rid, i / 100, point)


def test_an_arc_takes_its_types_new_colour_at_once(qtbot, tmp_path, no_leaked_widgets):
    """Each type's pens are made once and kept (not per arc and frame): a changed scheme
    must still repaint the arcs in the type's new colour."""
    from dataclasses import replace

    from PySide6.QtGui import QColor

    path = tmp_path / "colour.db"
    make_project(path, relations=[("pct", "jd", "of")])  # lines 3 and 2: the arc in view
    window = open_window(qtbot, path)
    layer = window.relations.layer(window.workbench.left)

    def colour_on_arc() -> QColor:
        (arc,) = painted(qtbot, window).values()
        point = arc.pointAtPercent(0.1).toPoint()  # away from the type's name at the top
        return view_of(window).viewport().grab().toImage().pixelColor(point)

    def reddish(c: QColor) -> bool:
        return c.red() > 150 and c.green() < 110 and c.blue() < 110

    assert not reddish(colour_on_arc())
    types = [replace(t, color="#ff0000") if t.name == "of" else t
             for t in window.ctx.require_project().scheme().relations]
    layer.set_types(types)
    assert reddish(colour_on_arc())
