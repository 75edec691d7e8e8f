"""The scheme editor's attributes, relation types and article attributes (issue 10): every
change goes through the store, a change that would orphan values is refused with the counts,
a value in use can be renamed across all spans in one undo step, reserved keys are refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_scheme_editor import edit_field

from annotator.ui import interaction

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answers(monkeypatch, *texts):
    """interaction.ask_text answers ``texts`` in turn; returns the prompts it was shown."""
    prompts, queue = [], list(texts)

    def ask(_parent, _title, label, current=""):
        prompts.append(label)
        return queue.pop(0)
    monkeypatch.setattr(interaction, "ask_text", ask)
    return prompts


def open_attribute(qtbot, editor, label, name):
    editor.select(label)
    editor.tabs.setCurrentWidget(editor.attributes)
    editor.attributes.select(name)
    assert editor.attributes.current().name == name


def choose_value(values, text):
    values.setCurrentItem(values.findItems(text, Qt.MatchFlag.MatchExactly)[0])


def claims_with_certainty(project, *certainties):
    spans = [project.add_span(1, 2 + i, 3 + i, "claim", "tester") for i in range(len(certainties))]
    for span, value in zip(spans, certainties, strict=True):
        project.set_attribute(span.id, "certainty", value, "tester")
    return spans


def test_add_a_choice_attribute_to_claim(qtbot, window, editor, monkeypatch):
    answers(monkeypatch, "stance", "support, oppose  neutral")
    monkeypatch.setattr(interaction, "ask_choice", lambda *a, **k: "choice")
    editor.select("claim")
    editor.tabs.setCurrentWidget(editor.attributes)
    assert editor.tabs.tabText(1) == "Attributes of “claim”"
    click(qtbot, editor.attributes.add_button)
    attr = window.ctx.project.scheme().attribute("claim", "stance")
    assert (attr.type, attr.values) == ("choice", ("support", "oppose", "neutral"))
    assert editor.attributes.current().name == "stance"
    edit_field(qtbot, editor.attributes.default, "neutral")
    edit_field(qtbot, editor.attributes.hotkeys, "support=s, oppose=o")
    click(qtbot, editor.attributes.required)
    attr = window.ctx.project.scheme().attribute("claim", "stance")
    assert (attr.default, attr.required, dict(attr.hotkeys)) == (
        "neutral", True, {"support": "s", "oppose": "o"})


def test_a_bad_default_is_refused_with_the_cores_message(qtbot, window, editor):
    open_attribute(qtbot, editor, "claim", "certainty")
    edit_field(qtbot, editor.attributes.default, "sure")
    assert "default 'sure' is not an allowed value" in editor.error.text()
    assert window.ctx.project.scheme().attribute("claim", "certainty").default is None
    assert editor.attributes.default.text() == ""


def test_renaming_a_used_value_renames_it_on_every_span_and_undo_renames_it_back(
        qtbot, window, editor, monkeypatch):
    project = window.ctx.project
    a, b = claims_with_certainty(project, "possible", "certain")
    open_attribute(qtbot, editor, "claim", "certainty")
    choose_value(editor.attributes.values, "possible")
    answers(monkeypatch, "hedged")
    click(qtbot, editor.attributes.rename_value_button)
    assert project.attributes(a.id) == {"certainty": "hedged"}
    assert project.attributes(b.id) == {"certainty": "certain"}
    assert "hedged" in project.scheme().attribute("claim", "certainty").values
    window.acts.undo.trigger()  # one step
    assert project.attributes(a.id) == {"certainty": "possible"}
    assert project.scheme().attribute("claim", "certainty").values == (
        "certain", "probable", "possible", "underspecified")


def test_removing_a_used_value_is_refused_with_the_count_and_a_rename_is_offered(
        qtbot, window, editor, monkeypatch):
    project = window.ctx.project
    spans = claims_with_certainty(project, "possible", "possible")
    open_attribute(qtbot, editor, "claim", "certainty")
    choose_value(editor.attributes.values, "possible")
    prompts = answers(monkeypatch, "maybe")
    click(qtbot, editor.attributes.remove_value_button)
    assert prompts[0].startswith("“possible” is used by 2 span(s), so it cannot be removed. "
                                 "Rename it across all 2 span(s) instead")
    assert [project.attributes(s.id)["certainty"] for s in spans] == ["maybe", "maybe"]
    assert "possible" not in project.scheme().attribute("claim", "certainty").values
    window.acts.undo.trigger()
    assert [project.attributes(s.id)["certainty"] for s in spans] == ["possible", "possible"]


def test_an_unused_value_is_removed_and_a_declined_rename_keeps_the_value(
        qtbot, window, editor, monkeypatch):
    project = window.ctx.project
    claims_with_certainty(project, "possible")
    open_attribute(qtbot, editor, "claim", "certainty")
    choose_value(editor.attributes.values, "underspecified")
    click(qtbot, editor.attributes.remove_value_button)
    assert project.scheme().attribute("claim", "certainty").values == (
        "certain", "probable", "possible")
    choose_value(editor.attributes.values, "possible")
    answers(monkeypatch, None)  # Cancel
    click(qtbot, editor.attributes.remove_value_button)
    assert "value 'possible' of attribute 'certainty' is used 1 time(s)" in editor.error.text()
    assert "possible" in project.scheme().attribute("claim", "certainty").values


def test_removing_an_attribute_in_use_is_refused_with_the_count(qtbot, window, editor):
    project = window.ctx.project
    claims_with_certainty(project, "possible", "certain", "certain")
    open_attribute(qtbot, editor, "claim", "certainty")
    click(qtbot, editor.attributes.remove_button)
    assert "attribute 'certainty' is set on 3 span(s)" in editor.error.text()
    assert project.scheme().attribute("claim", "certainty") is not None
    open_attribute(qtbot, editor, "claim", "speaker")
    click(qtbot, editor.attributes.remove_button)
    assert project.scheme().attribute("claim", "speaker") is None


def test_changing_a_used_attributes_type_is_refused_with_the_count(qtbot, window, editor):
    claims_with_certainty(window.ctx.project, "possible")
    open_attribute(qtbot, editor, "claim", "certainty")
    combo = editor.attributes.type
    combo.setCurrentText("text")
    combo.activated.emit(combo.currentIndex())
    assert "has 1 value(s) of type choice; it cannot become text" in editor.error.text()
    assert combo.currentText() == "choice"


def test_a_reserved_label_hotkey_is_refused_with_the_key_and_its_use(qtbot, window, editor):
    editor.select("strategy")
    edit_field(qtbot, editor.hotkey, "r")
    assert "hotkey 'r' is reserved by the window (create a relation; Reject in review mode)" \
        in editor.error.text()
    assert window.ctx.project.label("strategy").hotkey == "4"
    assert editor.hotkey.text() == "4"


def test_a_value_hotkey_reserved_or_a_labels_is_refused(qtbot, window, editor):
    open_attribute(qtbot, editor, "claim", "certainty")
    edit_field(qtbot, editor.attributes.hotkeys, "certain=n")
    assert "hotkey 'n' of 'certain' is reserved by the window (edit the span's note)" \
        in editor.error.text()
    edit_field(qtbot, editor.attributes.hotkeys, "certain=2")
    assert "hotkey '2' of 'certain' is a label's hotkey" in editor.error.text()
    edit_field(qtbot, editor.attributes.hotkeys, "certain")
    assert "'certain' is not value=key" in editor.error.text()
    assert window.ctx.project.scheme().attribute("claim", "certainty").hotkeys == ()
    edit_field(qtbot, editor.attributes.hotkeys, "certain=c")
    assert window.ctx.project.scheme().attribute("claim", "certainty").hotkeys == (
        ("certain", "c"),)
    assert editor.error.text() == ""


def test_relation_type_ends_and_a_narrowing_refused_with_the_count(qtbot, window, editor,
                                                                  monkeypatch):
    project = window.ctx.project
    claim = project.add_span(1, 2, 5, "claim", "tester")
    figure = project.add_span(1, 20, 22, "figure", "tester")
    project.add_relation(claim.id, figure.id, "cites", "tester")
    editor.tabs.setCurrentWidget(editor.relations)
    rel = editor.relations
    rel.select("cites")
    to = rel.ends["to"]
    company = to.findItems("company", Qt.MatchFlag.MatchExactly)[0]
    company.setCheckState(Qt.CheckState.Checked)
    assert project.scheme().relation("cites").to_labels == ("figure", "company")
    figure_item = rel.ends["to"].findItems("figure", Qt.MatchFlag.MatchExactly)[0]
    figure_item.setCheckState(Qt.CheckState.Unchecked)
    assert "1 'cites' relation(s) join labels the new definition does not allow" \
        in editor.error.text()
    assert project.scheme().relation("cites").to_labels == ("figure", "company")
    click(qtbot, rel.remove_button)
    assert "relation type 'cites' is used by 1 relation(s)" in editor.error.text()
    answers(monkeypatch, "contradicts")
    click(qtbot, rel.add_button)
    assert rel.current().name == "contradicts"
    click(qtbot, rel.symmetric)
    assert project.scheme().relation("contradicts").symmetric


def test_article_attributes_are_edited_in_their_own_tab(qtbot, window, editor, monkeypatch):
    answers(monkeypatch, "topic", "e-commerce finance other")
    monkeypatch.setattr(interaction, "ask_choice", lambda *a, **k: "choice")
    editor.tabs.setCurrentWidget(editor.article_attributes)
    click(qtbot, editor.article_attributes.add_button)
    project = window.ctx.project
    assert project.scheme().article_attribute("topic").values == ("e-commerce", "finance",
                                                                   "other")
    assert project.scheme().attribute("claim", "topic") is None
    assert not editor.article_attributes.hotkeys.isVisible()  # no inspector for articles
    editor.tabs.setCurrentWidget(editor.attributes)
    assert editor.attributes.hotkeys.isVisible()


@pytest.mark.parametrize(("key", "use"), [("Ctrl+E", "Export"), ("Down", "Next Article")])
def test_a_label_hotkey_that_is_a_window_shortcut_is_refused(qtbot, window, editor, key, use):
    """Down itself is free, but its exact twin Alt+Down opens the next article."""
    editor.select("strategy")
    edit_field(qtbot, editor.hotkey, key)
    assert editor.error.text() == f"Hotkey “{key}” is the window's key ({use})"
    assert window.ctx.project.label("strategy").hotkey == "4"
    assert editor.hotkey.text() == "4"
