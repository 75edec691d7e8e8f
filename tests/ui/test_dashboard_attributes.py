"""The dashboard shows attribute agreement per label and the relation F1 beside the span F1
(issue 11)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import ArticleRecord
from annotator.core.scheme import AttributeDef
from annotator.store import Project

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TEXT = "😀京东表示，营收同比增长9%，约2.5亿元。"


def claims_project(path):
    with Project.create(path, title="claims") as p:
        p.add_articles([ArticleRecord(text=TEXT, title="京东")], "lead")
        p.set_attribute_def(None, AttributeDef("topic", "choice", ("finance", "other")), "lead")
        for who, certainty, value in (("alice", "certain", 9), ("bob", "possible", 9)):
            jd = p.add_span(1, 1, 3, "company", who)
            fig = p.add_span(1, 11, 13, "figure", who)
            claim = p.add_span(1, 1, 14, "claim", who)
            p.set_attribute(claim.id, "certainty", certainty, who)
            p.set_attribute(claim.id, "check_worthy", True, who)
            p.set_attribute(fig.id, "value", value, who)
            p.add_relation(claim.id, fig.id, "cites", who)
            if who == "alice":
                p.add_relation(claim.id, jd.id, "about", who)
            p.set_article_attribute(1, who, "topic", "finance", who)
    return path


@pytest.fixture
def board(qtbot, tmp_path, no_leaked_widgets):
    from annotator.app import build_window

    win = build_window(claims_project(tmp_path / "claims.db"), "lead")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.acts.dashboard.trigger()
    qtbot.waitUntil(lambda: win.dashboard.latest is not None, timeout=30000)
    return win.dashboard


def rows(model):
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_a_table_per_label_shows_matched_observed_kappa_and_alpha(board):
    tabs = board.attributes
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[:3] == ["claim", "company", "figure"] and titles[-1] == "Articles"
    claim = {r[1]: r for r in rows(tabs.models["claim"])}
    assert claim["certainty"] == ["alice / bob", "certainty", "1", "0.000", "0.000", "0.000"]
    assert claim["check_worthy"][2:] == ["1", "1.000", "–", "–"]  # one category: undefined
    assert claim["speaker"][2:] == ["0", "–", "–", "–"]  # defined, set by nobody
    figure = {r[1]: r for r in rows(tabs.models["figure"])}
    assert figure["value"][2:5] == ["1", "1.000", "–"]  # a number: no kappa
    assert rows(tabs.models["Articles"])[0][1:4] == ["topic", "1", "1.000"]


def test_the_relation_f1_stands_beside_the_span_f1(board):
    pairs = board.pairs
    assert pairs.headerData(3, Qt.Orientation.Horizontal) == "Relation F1"
    # alice: cites + about, bob: cites: P 1, R 1/2
    assert pairs.data(pairs.index(0, 3)) == f"{2 * 0.5 / 1.5:.3f}"


def test_attribute_models_pass_the_model_tester(board, qtmodeltester):
    for model in board.attributes.models.values():
        qtmodeltester.check(model)
