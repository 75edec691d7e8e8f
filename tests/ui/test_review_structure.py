"""Review mode lists attribute, relation and article-attribute disagreements after the span
rows (issue 11) and decides them with A / D / E / R, undoably, on the claim fixture."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_review import _open_window, press

from annotator.review.adjudicate_structure import StructureRow
from annotator.store import Project
from annotator.ui import interaction
from tests.review.structure_fixture import EXPECTED, build, gold_state, summary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def claims_window(qtbot, tmp_path, no_leaked_widgets):
    c = build(tmp_path / "claims.db")
    c.project.close()
    win = _open_window(qtbot, c.path, "carol")
    assert win.review.start(c.ids["zh"], "alice", "bob")
    win.zh = c.ids["zh"]
    return win


def structure(dock) -> list[StructureRow]:
    return [d for d in dock.model.disagreements() if isinstance(d, StructureRow)]


def select(dock, kind: str, name: str) -> StructureRow:
    rows = dock.model.disagreements()
    at = next(i for i, d in enumerate(rows)
              if isinstance(d, StructureRow) and (d.kind, d.name) == (kind, name))
    dock.select_row(at)
    return rows[at]


def gold(win):
    """Gold's values, relations and article attributes, read from the file."""
    with Project.open(win.ctx.project.path, readonly=True) as p:
        return gold_state(p, win.zh)


def cells(dock, row: int) -> list[str]:
    m = dock.model
    return [m.data(m.index(row, c)) for c in (m.KIND, m.TEXT, m.LEFT, m.RIGHT)]


def test_review_rows_for_an_attribute_and_a_relation_disagreement(claims_window):
    dock = claims_window.review_dock
    rows = dock.model.disagreements()
    spans_rows = [d for d in rows if not isinstance(d, StructureRow)]
    assert rows[:len(spans_rows)] == spans_rows  # span rows first, then the structure
    assert summary(structure(dock)) == EXPECTED
    first = len(spans_rows)
    assert cells(dock, first + 1) == ["attribute certainty", "京东表示，营收同比增长9%，约2.5亿元",
                                      "probable", "certain"]
    assert cells(dock, first) == ["attribute entity", "京东", "JD.com", "—"]
    assert cells(dock, first + 3) == ["relation cites", "京东表示，营收同比增长9%，约2.5亿元 → 2.5亿元",
                                      "cites", "—"]
    assert cells(dock, first + 5)[0] == "article genre"


def test_f8_walks_onto_the_structure_rows_and_reveals_their_spans(qtbot, claims_window):
    win, dock = claims_window, claims_window.review_dock
    last = dock.model.rowCount() - 1
    dock.select_row(last - 1)  # relation of: 2.5亿元 -> 京东
    press(qtbot, win, Qt.Key.Key_F8)
    assert dock.table.currentIndex().row() == last
    press(qtbot, win, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    row = dock.current()
    assert (row.kind, row.name) == ("relation", "of")
    assert win.workbench.left.view.selected_range(exact=True) == (row.start, row.end)


@pytest.mark.parametrize("kind,name,key,expected", [
    ("attribute", "certainty", Qt.Key.Key_A, "probable"),
    ("attribute", "certainty", Qt.Key.Key_D, "certain"),
    ("relation", "cites", Qt.Key.Key_A, "cites"),
    ("relation", "of", Qt.Key.Key_D, "of"),
    ("relation", "about", Qt.Key.Key_R, None),
    ("article_attribute", "genre", Qt.Key.Key_D, "opinion"),
])
def test_each_decision_key_writes_gold_and_undo_redo_restore_it(qtbot, claims_window, kind,
                                                                name, key, expected):
    win, dock = claims_window, claims_window.review_dock
    row = select(dock, kind, name)
    before = gold(win)
    press(qtbot, win, key)
    values, relations, article = after = gold(win)
    if kind == "attribute":
        assert values[row.key][name] == expected
    elif kind == "relation":
        assert {t for t, a, b in relations if (a, b) == (row.key, row.to_key)} == (
            {expected} if expected else set())
    else:
        assert article == {name: expected}
    assert next(d for d in structure(dock) if d.row_key == row.row_key).resolved
    win.ctx.undo_stack.undo()
    assert gold(win) == before
    assert not next(d for d in structure(dock) if d.row_key == row.row_key).resolved
    win.ctx.undo_stack.redo()
    assert gold(win) == after
    assert next(d for d in structure(dock) if d.row_key == row.row_key).resolved


def test_e_on_an_attribute_opens_its_value_editor_and_on_a_relation_a_type_picker(
        qtbot, claims_window, monkeypatch):
    win, dock = claims_window, claims_window.review_dock
    asked = []

    def answer_value(parent, title, label, attr, current=None):
        asked.append((attr.name, attr.type, current))
        return ("possible",)

    monkeypatch.setattr(interaction, "ask_attribute_value", answer_value)
    row = select(dock, "attribute", "certainty")
    press(qtbot, win, Qt.Key.Key_E)
    assert asked == [("certainty", "choice", "probable")]
    assert gold(win)[0][row.key]["certainty"] == "possible"
    choices = []
    monkeypatch.setattr(interaction, "ask_choice",
                        lambda parent, title, label, items: choices.append(items) or "of")
    row = select(dock, "relation", "of")
    press(qtbot, win, Qt.Key.Key_E)
    assert choices == [["of"]]  # what a figure -> company relation may be
    assert ("of", row.key, row.to_key) in gold(win)[1]
    win.ctx.undo_stack.undo()
    assert ("of", row.key, row.to_key) not in gold(win)[1]


def test_the_real_value_editor_dialog_sets_the_value(qtbot, claims_window):
    from annotator.core.scheme import AttributeDef

    attr = AttributeDef("certainty", "choice", values=("certain", "probable"))

    def pick():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return False
        from annotator.ui.claims.attribute_editors import ComboEditor

        dialog.findChild(ComboEditor).choose("certain")
        dialog.accept()
        return True

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(pick)
    timer.start(20)
    try:
        assert interaction.ask_attribute_value(claims_window, "t", "l", attr, "probable") == (
            "certain",)
    finally:
        timer.stop()


def test_hide_resolved_hides_decided_structure_rows(qtbot, claims_window):
    win, dock = claims_window, claims_window.review_dock
    dock.hide_resolved.setChecked(True)
    select(dock, "relation", "of")
    press(qtbot, win, Qt.Key.Key_R)
    assert ("relation", "of") not in {(d.kind, d.name) for d in structure(dock)}
    win.ctx.undo_stack.undo()
    assert ("relation", "of") in {(d.kind, d.name) for d in structure(dock)}


def test_decisions_persist_across_reopen(qtbot, claims_window, tmp_path):
    win, dock = claims_window, claims_window.review_dock
    select(dock, "attribute", "entity")
    press(qtbot, win, Qt.Key.Key_D)
    select(dock, "relation", "about")
    press(qtbot, win, Qt.Key.Key_R)
    path, zh = win.ctx.project.path, win.zh
    win.close()  # closes the project
    again = _open_window(qtbot, path, "carol")
    assert again.review.start(zh, "alice", "bob")
    resolved = {(d.kind, d.name) for d in structure(again.review_dock) if d.resolved}
    assert resolved == {("attribute", "entity"), ("relation", "about")}


def test_b_on_a_structure_row_says_what_to_do_and_writes_nothing(qtbot, claims_window):
    win, dock = claims_window, claims_window.review_dock
    select(dock, "attribute", "certainty")
    before = gold(win)
    press(qtbot, win, Qt.Key.Key_B)
    assert gold(win) == before
    assert "span rows" in win.statusBar().currentMessage()


def test_model_with_structure_rows_passes_the_model_tester(claims_window, qtmodeltester):
    qtmodeltester.check(claims_window.review_dock.model)
