"""The annotation list dock: columns that fit their contents without reading every row."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.ui.annotation_list import AnnotationListDock
from annotator.ui.models import SpanListModel

TEXT = "阿里今年的小目标是新增至少1亿用户。" * 200


def spans(count: int, annotator: str = "ann", label: str = "claim") -> list[Span]:
    return [Span(f"{annotator}:{i:05}", 1, label, i % 3000, i % 3000 + 2, TEXT[i % 3000:i % 3000 + 2],
                 annotator) for i in range(count)]


@pytest.fixture
def dock(qtbot):
    d = AnnotationListDock()
    qtbot.addWidget(d)
    d.resize(420, 500)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_label_and_annotator_columns_fit_their_widest_cell(qtbot, dock):
    dock.set_spans(spans(30) + spans(3, annotator="a-rather-long-annotator-name",
                                     label="strategy"))
    table, header = dock.table, dock.table.horizontalHeader()
    assert header.sectionSize(SpanListModel.ANNOTATOR) == table.sizeHintForColumn(
        SpanListModel.ANNOTATOR)
    assert header.sectionSize(SpanListModel.LABEL) == table.sizeHintForColumn(
        SpanListModel.LABEL)


def test_a_span_by_a_longer_name_widens_the_column_and_a_reset_narrows_it(qtbot, dock):
    dock.set_spans(spans(5, annotator="bo"))
    narrow = dock.table.horizontalHeader().sectionSize(SpanListModel.ANNOTATOR)
    dock.add_span(spans(6, annotator="Dr. Bartholomew Longname-Smith")[-1])
    wide = dock.table.horizontalHeader().sectionSize(SpanListModel.ANNOTATOR)
    assert wide > narrow + 50
    assert wide == dock.table.sizeHintForColumn(SpanListModel.ANNOTATOR)
    dock.set_spans(spans(5, annotator="bo"))
    assert dock.table.horizontalHeader().sectionSize(SpanListModel.ANNOTATOR) == narrow


def test_ten_thousand_spans_are_listed_without_asking_for_every_cell(qtbot, dock, monkeypatch):
    asked: list[int] = []
    data = SpanListModel.data

    def counted(self, index, role=0):
        asked.append(index.row())
        return data(self, index, role)

    monkeypatch.setattr(SpanListModel, "data", counted)
    dock.set_spans(spans(10_000))
    dock.table.viewport().repaint()
    dock.add_span(spans(10_001)[-1])
    dock.table.viewport().repaint()
    assert dock.model.rowCount() == 10_001
    assert len(set(asked)) < 200  # the rows on screen and a few samples, not all 10,000


def test_a_column_narrowed_by_hand_stays_narrow_while_known_names_are_labelled(qtbot, dock):
    dock.set_spans(spans(5, annotator="a-rather-long-annotator-name"))
    header = dock.table.horizontalHeader()
    header.resizeSection(SpanListModel.ANNOTATOR, 40)  # the user drags it narrower
    dock.add_span(spans(6, annotator="a-rather-long-annotator-name")[-1])  # a label key
    assert header.sectionSize(SpanListModel.ANNOTATOR) == 40
    dock.add_span(spans(7, annotator="someone-new")[-1])  # a name not listed yet: fitted
    assert header.sectionSize(SpanListModel.ANNOTATOR) > 40


def test_the_docks_draw_plainly_while_the_current_pane_keeps_its_accent_line(qtbot, window):
    """The panes' style sheet stays on the panes: the docks' tables draw with the plain style
    (a style sheet on the whole window made every list cell ~2x slower to paint)."""
    from PySide6.QtGui import QColor

    window.workbench.set_right_visible(True)
    left = window.workbench.left
    window.workbench.set_current(left)
    qtbot.waitUntil(lambda: left.property("current") is True)
    picture = left.grab().toImage()
    assert picture.pixelColor(picture.width() // 2, 1) == QColor("#3d7bd9")
    for table in (window.annotations.table, window.articles.table):
        assert table.style().metaObject().className() != "QStyleSheetStyle"
        assert table.style() is window.style()


class _Paints:
    """Counts the paint events of the widgets it watches."""

    def __init__(self, *widgets) -> None:
        from PySide6.QtCore import QEvent, QObject

        counts = self.counts = {id(w): 0 for w in widgets}

        class Spy(QObject):
            def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
                if event.type() == QEvent.Type.Paint and id(obj) in counts:
                    counts[id(obj)] += 1
                return False

        self._spy = Spy()
        for widget in widgets:
            widget.installEventFilter(self._spy)

    def __getitem__(self, widget) -> int:
        return self.counts[id(widget)]

    def settle(self, qtbot, control) -> None:
        """Deliver every paint the last change asked for: ``control`` is made dirty and
        painted in the same pass."""
        seen = self[control]
        control.update()
        qtbot.waitUntil(lambda: self[control] > seen)


def test_one_more_row_in_a_long_list_repaints_no_scroll_bar_nor_the_dock_under_it(qtbot, dock):
    """Issue 14: a label key adds a row to the list and scrolls to it. In a list of 10,000
    rows neither moves the slider a pixel, so the scroll bar is not painted again (and the
    dock's frame under it with it); a jump that does move the slider is painted."""
    import dataclasses

    many = spans(10_000)
    dock.set_spans(many)
    table = dock.table
    bar = table.verticalScrollBar()
    middle = dock.model.index(5_000, 0)
    table.scrollTo(middle)
    paints = _Paints(bar, dock, table.viewport())
    paints.settle(qtbot, table.viewport())
    before = paints[bar], paints[dock]
    for i in range(5):
        near = dock.model.span_at(5_000 + i)  # next to the rows shown
        new = dataclasses.replace(near, id=f"new:{i}")
        dock.add_span(new)
        dock.highlight(new.id)
        paints.settle(qtbot, table.viewport())
    # five rows and scrolls (Qt repainted the bar, and the dock under it, for each), of
    # which at most one crosses a pixel of the slider's track
    assert paints[bar] - before[0] <= 1 and paints[dock] - before[1] <= 1
    before = paints[bar], paints[dock]
    dock.highlight(many[0].id)  # to the top: the slider moves
    qtbot.waitUntil(lambda: paints[bar] > before[0])
    paints.settle(qtbot, table.viewport())
    assert paints[dock] == before[1]  # the bar paints its own background: not the dock's


def test_the_quiet_scroll_bar_looks_as_qts_own(qtbot):
    """It fills its background itself (to spare the dock under it a repaint): pixel for
    pixel what Qt's scroll bar shows over the widget under it."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from annotator.ui.quiet_scroll import quiet_scroll_bars

    images = []
    for quiet in (False, True):
        table = QTableView()
        qtbot.addWidget(table)
        table.setModel(QStandardItemModel(200, 3, table))
        table.resize(300, 200)
        if quiet:
            quiet_scroll_bars(table)
        table.show()
        qtbot.waitExposed(table)
        table.scrollTo(table.model().index(120, 0))
        bar = table.verticalScrollBar()
        images.append(table.grab(bar.geometry().translated(
            bar.parentWidget().mapTo(table, bar.parentWidget().rect().topLeft()))).toImage())
    assert images[0] == images[1]


def test_a_new_summary_or_selection_repaints_neither_the_header_nor_the_dock(qtbot, dock):
    """The summary line paints its own background (the dock is not painted under it), and
    the header has a selection of its own: a whole row selected used to repaint it."""
    dock.set_spans(spans(10_000))
    dock.table.scrollTo(dock.model.index(5_000, 0))
    header = dock.table.horizontalHeader().viewport()
    paints = _Paints(header, dock, dock.table.viewport())
    paints.settle(qtbot, dock.table.viewport())
    before = paints[header], paints[dock]
    near = dock.model.span_at(5_000)
    dock.add_span(Span("x", 1, "claim", near.start, near.end, near.text, "ann"))
    dock.highlight("x")
    paints.settle(qtbot, dock.table.viewport())
    assert dock.summary.text().startswith("10001 span(s)")
    assert paints[header] == before[0] and paints[dock] - before[1] <= 1  # the bar's pixel


def test_the_list_paints_each_cells_text_elided_its_swatch_and_the_selection(qtbot, dock):
    """The annotation list's own cell painter (issue 14) draws what Qt's did: the label with
    its colour square, the text cut with an ellipsis where the column ends, a span's "<b>"
    as the characters it is, and the selected row in the palette's highlight."""
    from PySide6.QtGui import QColor, QPalette

    from annotator.core.model import Label

    dock.set_labels([Label("claim", "#d62728"), Label("figure", "#1f77b4")])
    long_text = "阿里巴巴集团今年的目标是新增至少一亿用户" * 4
    dock.set_spans([Span("a", 1, "claim", 0, 80, long_text, "ann"),
                    Span("b", 1, "figure", 90, 95, "<b>5%</b>", "ann")])
    dock.highlight("b")
    table = dock.table
    qtbot.waitUntil(lambda: table.selectionModel().isRowSelected(1))
    image = table.viewport().grab().toImage()
    label_cell = table.visualRect(dock.model.index(0, SpanListModel.LABEL))
    reds = [image.pixelColor(x, label_cell.center().y())
            for x in range(label_cell.left(), label_cell.left() + 24)]
    assert any(c.red() > 180 and c.green() < 90 for c in reds)  # the claim's red square
    highlight = table.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    selected = table.visualRect(dock.model.index(1, SpanListModel.ANNOTATOR))
    corner = image.pixelColor(selected.right() - 2, selected.top() + 2)
    inactive = table.palette().color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)
    assert corner in (highlight, inactive, QColor(highlight.rgb()), QColor(inactive.rgb()))
    from PySide6.QtCore import Qt

    cells = table.itemDelegate()._texts  # what was laid out: elided, and plain text
    texts = {key[0]: static for key, static in cells.items()}
    assert texts[dock.model.index(0, SpanListModel.TEXT).data()].text().endswith("…")
    assert texts["<b>5%</b>"].textFormat() == Qt.TextFormat.PlainText


def test_the_list_painted_in_one_pass_looks_as_painted_a_cell_at_a_time(qtbot, dock):
    """The span table draws all its cells in one paint (issue 14): pixel for pixel what Qt's
    table draws calling the same cell painter once per cell, selection and swatches too."""
    from PySide6.QtWidgets import QTableView

    from annotator.core.model import Label
    from annotator.ui.fast_cells import FastCells

    dock.set_labels([Label("claim", "#d62728"), Label("figure", "#1f77b4")])
    many = spans(40) + [Span("f", 1, "figure", 5, 9, "一亿用户" * 30, "其他人")]
    dock.set_spans(many)
    dock.highlight(many[3].id)
    table = dock.table
    qtbot.waitUntil(lambda: table.selectionModel().isRowSelected(3))
    table.scrollTo(dock.model.index(30, 0))
    fast = table.viewport().grab().toImage()
    table.paintEvent = lambda event: QTableView.paintEvent(table, event)  # Qt's, per cell
    assert isinstance(table.itemDelegate(), FastCells)
    table.viewport().repaint()
    assert table.viewport().grab().toImage() == fast


def test_a_new_row_draws_only_itself_and_a_changed_row_is_drawn_again(qtbot, dock):
    """Rows are kept drawn under what they show: a label key's new row moves the rows
    below it down, copied, not drawn again; a row whose span changed (a new note) is."""
    import dataclasses

    from annotator.core.model import Label

    dock.set_labels([Label("claim", "#d62728"), Label("figure", "#1f77b4")])
    many = spans(40)
    dock.set_spans(many)
    dock.highlight(many[10].id)
    table = dock.table
    qtbot.waitUntil(lambda: table.selectionModel().isRowSelected(10))
    QApplication.processEvents()  # laid out (the header's widths)
    table.viewport().repaint()
    drawn: list[int] = []
    draw = table.itemDelegate().draw

    def counting(painter, x, y, *rest):
        drawn.append(y)
        return draw(painter, x, y, *rest)

    table.itemDelegate().draw = counting
    new = dataclasses.replace(many[11], id="new")
    dock.add_span(new)
    dock.highlight("new")
    table.viewport().repaint()
    columns = dock.model.columnCount()
    assert 0 < len(drawn) <= 2 * columns, drawn  # the new row, and the row no more selected
    drawn.clear()
    dock.change_span(dataclasses.replace(many[5], note="checked twice"))
    table.viewport().repaint()
    assert 0 < len(drawn) <= columns, drawn  # that row alone
    assert dock.model.cell(5, SpanListModel.NOTE)[0] == "checked twice"
