"""Every Qt model passes qtmodeltester, also while rows come and go."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from workbench_helpers import ZH_ASTRAL, ZH_PLAIN

from annotator.core.labels import DEFAULT_SCHEME
from annotator.core.model import ArticleRecord, ArticleSummary, Span
from annotator.ui.models import ID_ROLE, ArticleListModel, SpanListModel
from annotator.ui.search import Hit, HitListModel, find_hits


def span(sid: str, start: int, end: int, label: str = "claim", **kw) -> Span:
    return Span(sid, 1, label, start, end, ZH_ASTRAL[start:end], kw.pop("annotator", "a"),
                created_at=kw.pop("created_at", "2024-01-01T00:00:00.000Z"), **kw)


def summaries() -> list[ArticleSummary]:
    return [ArticleSummary(1, "u1", "阿里的小目标", "todo", "zh", 3),
            ArticleSummary(2, "u2", "", "done", "en", 0),
            ArticleSummary(3, "u3", "a\nlong\ttitle", "in-progress", "zh", 12)]


def test_article_list_model(qtmodeltester):
    model = ArticleListModel()
    model.set_articles(summaries())
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 4
    assert model.rowCount(model.index(0, 0)) == 0  # flat
    assert model.data(model.index(1, 0)) == "(article 2)"
    assert model.data(model.index(2, 0)) == "a long title"
    assert model.data(model.index(0, 1)) == "to do"
    assert model.data(model.index(2, 2)) == 12
    assert model.data(model.index(0, 0), ID_ROLE) == 1
    model.set_status(1, "done")
    model.add_span_count(1, +2)
    model.add_span_count(99, +1)  # not listed: ignored
    assert model.summary(0).status == "done" and model.summary(0).span_count == 5
    model.set_articles([])
    assert model.rowCount() == 0


def test_span_list_model_keeps_text_order_through_changes(qapp, qtmodeltester):
    model = SpanListModel()
    model.set_labels(list(DEFAULT_SCHEME))
    model.set_spans([span("b", 5, 7), span("a", 2, 4), span("c", 2, 9, note="wide")])
    qtmodeltester.check(model, force_py=True)
    assert [s.id for s in model.spans()] == ["c", "a", "b"]  # start, longer first
    model.add(span("d", 3, 4, "figure"))
    model.add(span("e", 0, 1, "company"))
    assert [s.id for s in model.spans()] == ["e", "c", "a", "d", "b"]
    model.remove("a")
    model.remove("missing")
    model.replace(replace(model.span_at(1), label="strategy", note="changed"))
    model.replace(replace(model.span_at(0), start=10, end=12, text=ZH_ASTRAL[10:12]))  # moves
    assert [s.id for s in model.spans()] == ["c", "d", "b", "e"]
    assert model.data(model.index(0, 0)) == "strategy"
    assert model.data(model.index(0, 3)) == "changed"
    first = model.span_at(0)
    assert model.data(model.index(0, 1)) == first.text and model.data(model.index(0, 2)) == \
        first.annotator  # each column shows its own field
    assert model.data(model.index(0, 1), Qt.ItemDataRole.FontRole) is None
    swatch = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)  # the label's color
    assert swatch.pixmap(16, 16).toImage().pixelColor(8, 8).name() == "#ff7f0e"
    assert model.data(model.index(0, 0), ID_ROLE) == "c"
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Text"
    assert model.data(QModelIndex()) is None


def test_span_list_model_takes_the_stores_order_and_finds_every_row():
    model = SpanListModel()
    ordered = [span("c", 2, 9), span("a", 2, 4, "figure"), span("x", 2, 4, "figure",
               created_at="2024-01-02T00:00:00.000Z"), span("b", 5, 7)]  # as Project.spans
    model.set_spans(ordered)
    assert model.spans() == ordered
    assert [model.row_of(s.id) for s in ordered] == [0, 1, 2, 3]
    assert model.label_counts() == {"claim": 2, "figure": 2}
    model.set_spans(ordered[::-1])
    assert model.spans() == ordered


def test_hit_list_model(qtmodeltester):
    model = HitListModel()
    model.set_hits([Hit(1, "阿里的小目标", 2, 4, "😀𠮷", "阿里", "今年的小目标"),
                    Hit(2, "t", 0, 3, "", "拼多多", "宣布")])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, 1)) == "…😀𠮷【阿里】今年的小目标…"
    assert model.data(model.index(1, 0), ID_ROLE) == 2


@pytest.fixture
def small_project(project):
    project.add_articles([ArticleRecord(text=ZH_ASTRAL, title="one", where="t:1"),
                          ArticleRecord(text=ZH_PLAIN, title="two", where="t:2")], "setup")
    return project


def test_find_hits_reports_code_point_offsets_and_context(small_project):
    [hit] = find_hits(small_project, "小目标")
    assert ZH_ASTRAL[hit.start:hit.end] == "小目标" and hit.before.startswith("😀𠮷")
    assert {h.title for h in find_hits(small_project, "下沉市场")} == {"one", "two"}
    assert find_hits(small_project, "") == []
    assert len(find_hits(small_project, "的", limit=2)) == 2


def test_the_annotation_table_draws_each_cell_from_one_multidata_call(qtbot):
    """Qt 6's delegate asks a cell's roles in one multiData call (the label key's repaint of
    the list): what it draws must be what data() answers, role by role."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from annotator.ui.tables import row_table

    model = SpanListModel()
    model.set_labels(list(DEFAULT_SCHEME))
    model.set_spans([span("a", 0, 3, note="two  words"), span("b", 2, 4, "figure")])
    table = row_table(model, "spans")
    qtbot.addWidget(table)
    asked = []
    model.data = lambda index, role=0: asked.append(role)  # type: ignore[method-assign]
    for row in range(2):
        for column in range(4):
            option = QStyleOptionViewItem()
            table.itemDelegate().initStyleOption(option, model.index(row, column))
            s = model.span_at(row)
            assert option.text == [s.label, s.text, s.annotator, " ".join(s.note.split())][column]
            has_color = bool(option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration)
            assert has_color == (column == SpanListModel.LABEL)
            if has_color:  # the label's own color, drawn from a swatch made once per color
                color = option.icon.pixmap(16, 16).toImage().pixelColor(8, 8).name()
                assert color == {"claim": "#d62728", "figure": "#1f77b4"}[s.label]
    assert asked == []  # all of it came through multiData


def test_the_article_list_draws_each_cell_through_one_multidata_call(qtbot):
    """Every list model answers a delegate's roles in one call, with what data() says."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from annotator.ui.tables import row_table

    model = ArticleListModel()
    model.set_articles(summaries())
    table = row_table(model, "articles")
    qtbot.addWidget(table)
    shown = []
    for row in range(3):
        option = QStyleOptionViewItem()
        table.itemDelegate().initStyleOption(option, model.index(row, 0))
        status = QStyleOptionViewItem()
        table.itemDelegate().initStyleOption(status, model.index(row, 1))
        shown.append((option.text, status.text))
    assert shown == [("阿里的小目标", "to do"), ("(article 2)", "done"),
                     ("a long title", "in progress")]


def test_a_request_not_laid_out_as_the_delegates_gets_what_data_answers(qapp):
    """multiData reads only the slots it answers when a request is laid out as the item
    delegate's; any other request (one role, here) is answered role by role, the same."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    spans_model = SpanListModel()
    spans_model.set_labels(list(DEFAULT_SCHEME))
    spans_model.set_spans([span("a", 0, 3, note="a note"), span("b", 2, 4, "figure")])
    articles = ArticleListModel()
    articles.set_articles(summaries())
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.TextAlignmentRole, ID_ROLE)
    for model in (spans_model, articles):
        for row in range(2):
            for column in range(4):
                index = model.index(row, column)
                for role in roles:
                    slot = QModelRoleData(int(role))
                    model.multiData(index, QModelRoleDataSpan(slot))
                    alone = QModelRoleData(int(role))
                    model.multiData(index, alone)
                    assert slot.data() == alone.data() == model.data(index, role)
