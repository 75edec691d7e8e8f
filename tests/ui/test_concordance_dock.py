"""The Concordance dock: filters, sorting by the left or right context, pages as the table
scrolls, a double-click that opens the article at the span, and its CSV."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QPoint, Qt
from workbench_helpers import ARTICLES, ZH_ASTRAL

from annotator.core.model import ArticleRecord
from annotator.store import Project
from annotator.ui import interaction
from annotator.ui.concordance import ConcordanceDock

#: (text, label, annotator): left contexts chosen so that reading them backwards sorts
#: differently from reading them forwards.
TEXT = "ab京东 za阿里 cb拼多多 ab1亿 zz2亿 "
MARKS = (("京东", "company", "alice"), ("阿里", "company", "bob"), ("拼多多", "company", "alice"),
         ("1亿", "figure", "alice"), ("2亿", "figure", "bob"))


@pytest.fixture
def dock(qtbot, project):
    project.add_articles([ArticleRecord(text=TEXT, title="五家", where="t")], "setup")
    for span, label, who in MARKS:
        start = TEXT.index(span)
        project.add_span(1, start, start + len(span), label, who)
    widget = ConcordanceDock(lambda: project)
    qtbot.addWidget(widget)
    assert not widget.built() and widget.widget() is None  # nothing until first shown
    with qtbot.waitSignal(widget.pageLoaded, timeout=10_000):
        widget.show()
    return widget


def spans(dock) -> list[str]:
    return [line.text for line in dock.model.lines()]


def choose(qtbot, dock, box, name: str) -> None:
    index = box.findText(name)
    assert index >= 0, name
    with qtbot.waitSignal(dock.pageLoaded, timeout=10_000):
        box.setCurrentIndex(index)
        box.activated.emit(index)  # what a person's pick in the list emits


def click_header(qtbot, dock, column: int) -> None:
    header = dock.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(dock.pageLoaded, timeout=10_000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))


def test_first_show_lists_every_span_in_document_order(dock):
    assert spans(dock) == [m[0] for m in MARKS]
    assert dock.status.text() == "5 line(s)"
    assert [dock.label_box.itemText(i) for i in range(dock.label_box.count())] == [
        "All labels", "claim", "figure", "company", "strategy"]
    assert [dock.annotator_box.itemText(i) for i in range(dock.annotator_box.count())] == [
        "All annotators", "alice", "bob"]


def test_label_annotator_and_typed_text_filter_the_lines(qtbot, dock):
    choose(qtbot, dock, dock.label_box, "figure")
    assert spans(dock) == ["1亿", "2亿"]
    choose(qtbot, dock, dock.annotator_box, "bob")
    assert spans(dock) == ["2亿"]
    choose(qtbot, dock, dock.label_box, "All labels")
    assert spans(dock) == ["阿里", "2亿"]
    with qtbot.waitSignal(dock.pageLoaded, timeout=10_000):
        qtbot.keyClicks(dock.text_edit, "2")  # runs after a typing pause
    assert spans(dock) == ["2亿"]
    with qtbot.waitSignal(dock.pageLoaded, timeout=10_000):
        qtbot.keyClicks(dock.text_edit, "x")
    assert spans(dock) == [] and dock.status.text() == "No span matches"


def test_clicking_left_sorts_by_the_context_read_backwards_and_again_the_other_way(
        qtbot, dock):
    dock.set_filters(width=2)
    qtbot.waitUntil(lambda: len(spans(dock)) == 5)
    click_header(qtbot, dock, 0)
    # left contexts "ab", "a", "cb", "ab", "zz" (spaces included): read backwards from the span
    lefts = [line.left for line in dock.model.lines()]
    assert lefts == sorted(lefts, key=lambda s: s[::-1])
    assert lefts != sorted(lefts)  # not the forward order
    assert dock.status.text() == "5 of 5 line(s), sorted by the left context"
    click_header(qtbot, dock, 0)
    assert [line.left for line in dock.model.lines()] == lefts[::-1]


def test_clicking_right_sorts_by_the_right_context_and_another_column_restores_order(
        qtbot, dock):
    click_header(qtbot, dock, 2)
    rights = [line.right for line in dock.model.lines()]
    assert rights == sorted(rights) and spans(dock) != [m[0] for m in MARKS]
    click_header(qtbot, dock, 3)  # Label: back to document order
    assert spans(dock) == [m[0] for m in MARKS]


def test_pages_arrive_one_at_a_time_as_the_table_asks_for_more(qtbot, dock, monkeypatch):
    monkeypatch.setattr("annotator.ui.concordance.PAGE", 2)
    batches: list[int] = []
    dock.model.rowsInserted.connect(lambda _p, first, last: batches.append(last - first + 1))
    said: list[str] = []
    dock.pageLoaded.connect(lambda: said.append(dock.status.text()))
    with qtbot.waitSignal(dock.pageLoaded, timeout=10_000):
        dock.run()
    while dock.model.has_more():
        with qtbot.waitSignal(dock.pageLoaded, timeout=10_000):
            dock.table.scrollToBottom()
            if dock.model.canFetchMore():  # else the view asked already: that page is coming
                dock.model.fetchMore()  # what the view asks at the bottom
    assert batches == [2, 2, 1] and spans(dock) == [m[0] for m in MARKS]
    assert said[0] == "2 line(s) so far; more as you scroll" and said[-1] == "5 line(s)"


def test_export_writes_the_lines_in_the_order_shown(qtbot, dock, tmp_path, monkeypatch):
    out = tmp_path / "kwic.csv"
    monkeypatch.setattr(interaction, "save_path", lambda *a: str(out))
    click_header(qtbot, dock, 2)
    with qtbot.waitSignal(dock.exported, timeout=10_000) as done:
        qtbot.mouseClick(dock.export_button, Qt.MouseButton.LeftButton)
    assert done.args == [str(out)]
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == spans(dock)
    assert dock.status.text() == f"Exported 5 line(s) to {out}"


# ---------------------------------------------------------------------- in the window
@pytest.fixture
def spanned(workbench_project):
    """The workbench project with a figure after 😀𠮷 in the first article."""
    start = ZH_ASTRAL.index("1亿")
    with Project.open(workbench_project) as project:
        first = next(s.id for s in project.articles() if s.title == ARTICLES[0][0])
        project.add_span(first, start, start + 2, "figure", "alice")
    return start


def test_a_double_click_opens_the_article_at_the_span(qtbot, spanned, window):
    other = next(s.id for s in window.ctx.project.articles() if s.title == ARTICLES[2][0])
    window.workbench.open_article(other)
    dock = window.concordance
    assert not dock.built()
    with qtbot.waitSignal(dock.pageLoaded, timeout=10_000):
        dock.toggleViewAction().trigger()  # View ▸ Concordance
    assert spans(dock) == ["1亿"]
    rect = dock.table.visualRect(dock.model.index(0, 1))
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = window.workbench.current()
    assert pane.article().title == ARTICLES[0][0]
    assert pane.view.selected_range(exact=True) == (spanned, spanned + 2)  # code points


def test_the_window_starts_without_building_the_concordance(window):
    assert not window.concordance.built() and window.concordance.widget() is None
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.concordance.toggleViewAction() in view.actions()



def test_another_project_brings_its_own_lines_and_choices_even_when_opened_while_hidden(
        qtbot, project, tmp_path):
    other = Project.create(tmp_path / "other.db")
    other.add_articles([ArticleRecord(text="甲乙丙", title="其他", where="o")], "setup")
    other.add_span(1, 1, 2, "claim", "dana")
    current = [project]
    widget = ConcordanceDock(lambda: current[0])
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.pageLoaded, timeout=10_000):
        widget.show()
    assert spans(widget) == []
    widget.hide()
    current[0] = other
    widget.project_changed(other)  # hidden: nothing is read now
    with qtbot.waitSignal(widget.pageLoaded, timeout=10_000):
        widget.show()
    assert spans(widget) == ["乙"]
    assert widget.annotator_box.itemText(1) == "dana"
    other.close()
