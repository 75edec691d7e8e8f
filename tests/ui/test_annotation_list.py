"""The annotation list dock: columns that fit their contents without reading every row."""

from __future__ import annotations

import pytest

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
