"""The inspector dock (issue 10): a span's attributes edited with the keyboard and the mouse,
one undo step each, a required attribute marked, relations that lead to their other end, the
article list's "Incomplete" filter, and undo of a span delete bringing values and relations
back. Real widgets, driven as a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from workbench_helpers import ZH_ASTRAL, article_id, char_center

from annotator.core.scheme import AttributeDef
from annotator.ui.claims.attribute_editors import REFUSED_BASE
from annotator.ui.claims.inspector import WARNING_COLOR
from annotator.ui.text_line import line_height

CERTAINTY = ("certain", "probable", "possible", "underspecified")


def _open(win, *, annotator: str = "tester"):
    """A claim 阿里今年的小目标是新增至少1亿用户 and its figure 1亿 in the first article, open."""
    project = win.ctx.project
    aid = article_id(project, "阿里的小目标")
    assert ZH_ASTRAL[2:19] == "阿里今年的小目标是新增至少1亿用户"
    claim = project.add_span(aid, 2, 19, "claim", annotator)
    figure = project.add_span(aid, 15, 17, "figure", annotator)
    win.workbench.open_article(aid, win.workbench.left)
    return project, claim, figure


def _define(win, label: str, attr: AttributeDef) -> None:
    """Change the scheme in the store, as the scheme editor does, and tell the window."""
    win.ctx.project.set_attribute_def(label, attr, "tester")
    win.ctx.reload_labels()


def _click_span(qtbot, win, cp: int) -> None:
    view = win.workbench.left.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, cp))


def _type(widget, text: str) -> None:
    """Type characters a keyboard has no key for (an input method's), one key event each."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     ch))


def _focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_clicking_a_claim_shows_its_label_text_annotator_and_an_editor_per_attribute(qtbot,
                                                                                     window):
    _project, claim, _figure = _open(window)
    _click_span(qtbot, window, 4)  # 今: inside the claim only
    dock = window.inspector
    assert dock is not None and dock.span is not None and dock.span.id == claim.id
    assert dock.text_line.text() == claim.text
    assert dock.who_line.text() == "tester"
    assert list(dock.editors) == ["certainty", "polarity", "attribution", "speaker", "cue",
                                  "check_worthy", "claim_type"]
    assert all(editor.isEnabled() for editor in dock.editors.values())


def test_a_choice_is_chosen_with_the_keyboard_and_undone_and_redone(qtbot, window):
    project, claim, _figure = _open(window)
    window.workbench.left.view.select_span(claim.id)
    combo = window.inspector.editors["certainty"].combo
    _focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # — -> certain
    assert project.attributes(claim.id) == {"certainty": "certain"}
    qtbot.keyClick(combo, "u")  # a value's first letter: underspecified
    assert project.attributes(claim.id) == {"certainty": "underspecified"}
    assert window.ctx.undo_stack.count() == 2  # one step per change
    window.acts.undo.trigger()
    assert project.attributes(claim.id) == {"certainty": "certain"}
    assert combo.currentText() == "certain"
    window.acts.redo.trigger()
    assert project.attributes(claim.id) == {"certainty": "underspecified"}
    assert combo.currentText() == "underspecified"


def test_a_value_hotkey_works_only_while_the_inspector_has_the_focus(qtbot, window):
    project, claim, _figure = _open(window)
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY,
                                          hotkeys=(("possible", "q"), ("underspecified", "u"))))
    view = window.workbench.left.view
    view.select_span(claim.id)
    _focus(qtbot, view)
    qtbot.keyClick(view, "q")
    assert project.attributes(claim.id) == {}  # the article's keys are not the inspector's
    speaker = window.inspector.editors["speaker"].edit
    _focus(qtbot, speaker)
    qtbot.keyClick(speaker, "q")  # typing in a text field types
    assert speaker.text() == "q" and project.attributes(claim.id) == {}
    speaker.clear()
    speaker.setModified(False)
    combo = window.inspector.editors["polarity"].combo
    _focus(qtbot, combo)
    qtbot.keyClick(combo, "q")
    assert project.attributes(claim.id) == {"certainty": "possible"}
    assert window.inspector.editors["certainty"].combo.currentText() == "possible"
    window.acts.undo.trigger()
    assert project.attributes(claim.id) == {}


def test_a_multi_selection_is_stored_in_the_schemes_order_one_step_per_click(qtbot, window):
    project, _claim, _figure = _open(window)
    _define(window, "company", AttributeDef("sector", "multi", ("retail", "logistics",
                                                                 "media")))
    company = project.add_span(article_id(project, "阿里的小目标"), 2, 4, "company", "tester")
    window.workbench.left.reload()
    window.workbench.left.view.select_span(company.id)
    boxes = window.inspector.editors["sector"].boxes
    qtbot.mouseClick(boxes["media"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(boxes["retail"], Qt.MouseButton.LeftButton)
    assert project.attributes(company.id) == {"sector": ["retail", "media"]}
    window.acts.undo.trigger()
    assert project.attributes(company.id) == {"sector": ["media"]}
    assert not boxes["retail"].isChecked() and boxes["media"].isChecked()
    window.acts.undo.trigger()
    assert project.attributes(company.id) == {}
    window.acts.redo.trigger()
    window.acts.redo.trigger()
    assert project.attributes(company.id) == {"sector": ["retail", "media"]}


def test_a_number_is_stored_on_enter_never_per_keystroke(qtbot, window):
    project, _claim, figure = _open(window)
    window.workbench.left.view.select_span(figure.id)
    edit = window.inspector.editors["value"].edit
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, "1,000,000")
    assert project.attributes(figure.id) == {}
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert project.attributes(figure.id) == {"value": 1000000}
    edit.selectAll()
    _type(edit, "２.5e8")  # a full-width digit, as a Chinese input method gives
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    assert project.attributes(figure.id) == {"value": 250000000.0}
    assert window.ctx.undo_stack.count() == 2
    window.acts.undo.trigger()
    assert project.attributes(figure.id) == {"value": 1000000}
    assert edit.text() == "1000000"
    window.acts.redo.trigger()
    assert project.attributes(figure.id) == {"value": 250000000.0}


def test_a_bad_number_is_refused_with_a_message_and_nothing_is_stored(qtbot, window):
    project, _claim, figure = _open(window)
    window.workbench.left.view.select_span(figure.id)
    edit = window.inspector.editors["value"].edit
    _focus(qtbot, edit)
    qtbot.keyClicks(edit, "abc")
    assert edit.text() == ""  # letters never get in
    qtbot.keyClicks(edit, "1.2.3")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert project.attributes(figure.id) == {}
    assert window.ctx.undo_stack.count() == 0
    error = window.inspector.error
    assert error.isVisible() and "“1.2.3” is not a number" in error.text()
    assert edit.text() == "1.2.3" and edit.property("refused")  # kept, to be corrected
    assert edit.palette().color(QPalette.ColorRole.Base) == REFUSED_BASE  # and shown so
    edit.selectAll()
    qtbot.keyClicks(edit, "9")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert project.attributes(figure.id) == {"value": 9}
    assert not error.isVisible()


def test_text_is_stored_when_the_field_loses_the_focus(qtbot, window):
    project, claim, _figure = _open(window)
    window.workbench.left.view.select_span(claim.id)
    speaker = window.inspector.editors["speaker"].edit
    _focus(qtbot, speaker)
    _type(speaker, "韩瑞")
    assert project.attributes(claim.id) == {}
    _focus(qtbot, window.workbench.left.view)
    assert project.attributes(claim.id) == {"speaker": "韩瑞"}


def test_a_yes_no_attribute_has_an_explicit_unset(qtbot, window):
    project, claim, _figure = _open(window)
    window.workbench.left.view.select_span(claim.id)
    combo = window.inspector.editors["check_worthy"].combo
    assert combo.currentText() == "—"
    _focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert project.attributes(claim.id) == {"check_worthy": False}
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert project.attributes(claim.id) == {}


def test_a_required_attribute_left_unset_is_marked_in_the_inspector_and_the_article(qtbot,
                                                                                     window):
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY, required=True))
    project, claim, figure = _open(window)
    view = window.workbench.left.view
    assert view.incomplete_ids() == {claim.id}  # computed when the article opened
    view.select_span(claim.id)
    name = window.inspector.names["certainty"]
    assert name.property("missing") and name.text() == "certainty *"
    assert name.palette().color(QPalette.ColorRole.WindowText) == WARNING_COLOR
    assert name.font().bold()
    combo = window.inspector.editors["certainty"].combo
    _focus(qtbot, combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert not name.property("missing")
    assert name.palette().color(QPalette.ColorRole.WindowText) != WARNING_COLOR
    assert not name.font().bold()
    assert view.incomplete_ids() == set()
    window.acts.undo.trigger()
    assert name.property("missing") and view.incomplete_ids() == {claim.id}
    new = project.add_span(claim.article_id, 4, 6, "claim", "tester")
    window.ctx.notify_span_added(new)  # as the add command does
    assert view.incomplete_ids() == {claim.id, new.id}
    assert figure.id not in view.incomplete_ids()


def test_an_attribute_made_required_or_optional_marks_the_open_article_at_once(window):
    """The open article's marks follow a scheme change (the labels themselves unchanged);
    the same scheme announced again (a project adopted at start) changes nothing."""
    project, claim, _figure = _open(window)
    view = window.workbench.left.view
    assert view.incomplete_ids() == set()
    window.ctx.reload_labels()  # nothing changed: nothing is re-read
    assert view.incomplete_ids() == set()
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY, required=True))
    assert view.incomplete_ids() == {claim.id}
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY))
    assert view.incomplete_ids() == set()


def test_the_incomplete_mark_is_a_dotted_underline_on_the_spans_characters(window):
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY, required=True))
    _project, _claim, _figure = _open(window)
    highlighter = window.workbench.left.view.highlighter()
    styles = {look.style for _s, _n, look in highlighter.block_runs(0)}
    assert Qt.PenStyle.DotLine in styles


def test_clicking_a_relation_selects_the_span_at_its_other_end(qtbot, window):
    project, claim, figure = _open(window)
    project.add_relation(claim.id, figure.id, "cites", "tester")
    window.workbench.left.view.select_span(claim.id)
    relations = window.inspector.relations
    assert relations.count() == 1
    item = relations.item(0)
    assert "cites" in item.text() and "1亿" in item.text() and item.text().startswith("→")
    qtbot.mouseClick(relations.viewport(), Qt.MouseButton.LeftButton,
                     pos=relations.visualItemRect(item).center())
    assert window.workbench.left.view.selected_span_id() == figure.id
    assert window.inspector.span.id == figure.id
    back = window.inspector.relations.item(0)
    assert back.text().startswith("←") and "claim" in back.text()


def test_undo_of_a_span_delete_brings_back_its_values_and_relations(qtbot, window):
    project, claim, figure = _open(window)
    project.set_attribute(claim.id, "certainty", "probable", "tester")
    project.set_attribute(claim.id, "speaker", "韩瑞", "tester", source="imported")
    rel = project.add_relation(claim.id, figure.id, "cites", "tester")
    window.workbench.left.view.select_span(claim.id)
    window.acts.delete_span.trigger()
    assert project.relations_of(figure.id) == [] and project.attributes(claim.id) == {}
    assert window.inspector.span is None
    window.acts.undo.trigger()
    assert project.attributes(claim.id) == {"certainty": "probable", "speaker": "韩瑞"}
    assert {v.name: v.source for v in project.attribute_values(claim.id)} == {
        "certainty": "person", "speaker": "imported"}
    assert project.relations_of(figure.id) == [rel]
    window.acts.redo.trigger()
    assert project.relations_of(figure.id) == []


def test_undo_of_a_span_delete_after_its_choice_values_were_renamed_restores_the_new_names(
        qtbot, window):
    """A span deleted, then values it had renamed in the scheme (twice for one of them, and in
    a multi) outside this undo stack: undo brings the span back with the renamed values
    (it used to be refused: the old value is no longer in the scheme)."""
    project, claim, _figure = _open(window)
    project.set_attribute(claim.id, "certainty", "probable", "tester")
    project.set_attribute(claim.id, "claim_type", ["forecast", "quote"], "tester")
    window.workbench.left.view.select_span(claim.id)
    window.acts.delete_span.trigger()
    assert project.spans(claim.article_id) == [_figure]
    project.rename_choice_value("claim", "certainty", "probable", "likely", "lead")
    project.rename_choice_value("claim", "certainty", "likely", "fairly_sure", "lead")
    project.rename_choice_value("claim", "claim_type", "quote", "quotation", "lead")
    window.ctx.reload_labels()
    window.acts.undo.trigger()
    assert project.attributes(claim.id) == {"certainty": "fairly_sure",
                                            "claim_type": ["forecast", "quotation"]}


def test_another_annotators_span_shows_its_values_disabled(qtbot, window):
    project, claim, _figure = _open(window, annotator="alice")
    project.set_attribute(claim.id, "certainty", "probable", "alice")
    right = window.workbench.right
    window.workbench.open_article(claim.article_id, right)
    right.show_annotator("alice")
    right.view.select_span(claim.id)
    combo = window.inspector.editors["certainty"].combo
    assert combo.currentText() == "probable"
    assert not window.inspector.editors["certainty"].isEnabled()
    window.workbench.set_current(window.workbench.left)
    window.workbench.left.view.select_span(claim.id)  # "All annotators": editable here
    assert window.inspector.editors["certainty"].isEnabled()


def test_the_incomplete_filter_lists_articles_with_a_span_missing_a_required_value(qtbot,
                                                                                   window):
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY, required=True))
    project, claim, _figure = _open(window)
    articles = window.articles
    combo = articles.status_combo
    combo.setCurrentIndex(combo.findData("incomplete"))
    assert [articles.model.summary(r).id for r in range(articles.model.rowCount())] == [
        claim.article_id]
    articles.filter_edit.setText("阿里")  # a text query runs in the background
    qtbot.waitUntil(lambda: not articles.filter.running())
    assert [articles.model.summary(r).id for r in range(articles.model.rowCount())] == [
        claim.article_id]
    project.set_attribute(claim.id, "certainty", "certain", "tester")
    articles.filter_edit.clear()
    articles.reload()
    assert articles.model.rowCount() == 0


def test_edit_attributes_moves_the_keyboard_to_the_first_editor(qtbot, window):
    _project, claim, _figure = _open(window)
    window.workbench.left.view.select_span(claim.id)
    window.acts.edit_attributes.trigger()
    combo = window.inspector.editors["certainty"].combo
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.inspector.editors["polarity"].combo


@pytest.mark.parametrize("shown", [True, False])
def test_the_inspector_is_built_at_start_only_when_shown(qtbot, workbench_project, shown,
                                                         no_leaked_widgets):
    from annotator.app import build_window
    from annotator.ui import settings as S

    S.Settings().set(S.INSPECTOR, shown)
    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert (win.inspector is not None) is shown
    assert win.acts.show_inspector.isChecked() is shown
    win.acts.show_inspector.setChecked(True)
    assert win.inspector is not None and not win.inspector.isHidden()
    win.inspector.toggleViewAction().trigger()  # the dock's own close
    assert not win.acts.show_inspector.isChecked()
    assert S.Settings().get(S.INSPECTOR) is False


def test_the_inspector_left_shown_when_the_window_closes_is_shown_at_the_next_start(
        qtbot, workbench_project, no_leaked_widgets):
    """Closing the window hides its docks; that used to be saved as "inspector off"."""
    from annotator.app import build_window
    from annotator.ui import settings as S

    def shown():
        win = build_window(workbench_project, "tester")
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    S.Settings().set(S.INSPECTOR, True)
    first = shown()
    assert first.inspector is not None and first.inspector.isVisible()
    first.close()
    assert S.Settings().get(S.INSPECTOR) is True
    second = shown()
    assert second.inspector is not None and second.inspector.isVisible()
    second.close()


def test_making_an_attribute_required_marks_the_open_articles_spans_at_once(window):
    _project, claim, _figure = _open(window)
    view = window.workbench.left.view
    assert view.incomplete_ids() == set()
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY, required=True))
    assert view.incomplete_ids() == {claim.id}
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY))
    assert view.incomplete_ids() == set()


def test_unset_shows_the_schemes_default_beside_the_dash(window):
    _project, claim, _figure = _open(window)
    window.workbench.left.view.select_span(claim.id)
    assert window.inspector.editors["polarity"].combo.currentText() == "— (positive)"


def test_esc_in_the_inspector_goes_back_to_the_article_after_reverting_a_typed_text(qtbot,
                                                                                     window):
    project, claim, _figure = _open(window)
    window.workbench.left.view.select_span(claim.id)
    speaker = window.inspector.editors["speaker"].edit
    _focus(qtbot, speaker)
    _type(speaker, "韩")
    qtbot.keyClick(speaker, Qt.Key.Key_Escape)  # first Esc: the typing is undone
    assert speaker.text() == "" and QApplication.focusWidget() is speaker
    qtbot.keyClick(speaker, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.workbench.left.view
    assert project.attributes(claim.id) == {}


def test_in_review_mode_a_layers_values_show_disabled(qtbot, tmp_path, no_leaked_widgets):
    from review_helpers import TITLE, at, make_review_project

    from annotator.app import build_window

    win = build_window(make_review_project(tmp_path / "review.db"), "judge")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    project = win.ctx.project
    aid = article_id(project, TITLE)
    claim = next(s for s in project.spans(aid, "ann") if (s.start, s.end) == at("补贴农产品"))
    project.set_attribute(claim.id, "certainty", "possible", "ann")
    assert win.review.start(aid, "ann", "bo")
    assert win.inspector.isHidden()  # the disagreement table takes its room
    win.acts.show_inspector.trigger()  # View ▸ Show Inspector
    _click_span(qtbot, win, claim.start + 2)
    assert win.inspector.span.id == claim.id
    editor = win.inspector.editors["certainty"]
    assert editor.combo.currentText() == "possible" and not editor.isEnabled()
    win.review.stop()
    assert not win.inspector.isHidden()


def test_the_span_menu_edit_attributes_opens_the_inspector_on_that_span(qtbot, window):
    _project, claim, _figure = _open(window)
    window.acts.show_inspector.setChecked(False)
    view = window.workbench.left.view
    menu = view.context_menu(char_center(view, 4))
    menu.setParent(None)
    try:
        entry = next(a for a in menu.actions() if a.text().replace("&", "") == "Edit Attributes")
        entry.trigger()
    finally:
        menu.deleteLater()
    combo = window.inspector.editors["certainty"].combo
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    assert window.inspector.span.id == claim.id and window.acts.show_inspector.isChecked()


@pytest.mark.parametrize(("typed", "number"), [
    ("12", 12), ("-3.5", -3.5), ("+7", 7), (".5", 0.5), ("1,000,000", 1000000),
    ("１２", 12), ("２．５", 2.5), ("2.5e8", 250000000.0), ("", None), ("  ", None)])
def test_a_typed_number_is_read_as_a_person_means_it(typed, number):
    from annotator.ui.claims.attribute_editors import parse_number

    value = parse_number(typed)
    assert value == number and type(value) is type(number)


@pytest.mark.parametrize("typed", ["1,5", "1.2.3", "-", "1e", "e5", "12,34,567", "1e400"])
def test_a_number_that_is_not_one_is_refused_naming_what_was_typed(typed):
    from annotator.ui.claims.attribute_editors import parse_number

    with pytest.raises(ValueError, match="not a number|too large") as info:
        parse_number(typed)
    assert f"“{typed}”" in str(info.value)


def test_undo_of_a_change_to_an_imported_value_gives_it_back_as_imported(qtbot, window):
    project, claim, _figure = _open(window)
    project.set_attribute(claim.id, "speaker", "韩瑞", "tester", source="imported")
    window.workbench.left.view.select_span(claim.id)
    speaker = window.inspector.editors["speaker"].edit
    assert speaker.text() == "韩瑞"
    _focus(qtbot, speaker)
    speaker.selectAll()
    _type(speaker, "刘强")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    assert [(v.value, v.source) for v in project.attribute_values(claim.id)] == [
        ("刘强", "person")]
    window.acts.undo.trigger()
    assert [(v.value, v.source) for v in project.attribute_values(claim.id)] == [
        ("韩瑞", "imported")]
    assert speaker.text() == "韩瑞"


def test_a_figure_a_person_labels_gets_its_value_parsed_and_shown_and_redo_keeps_it(qtbot,
                                                                                      window):
    """Issue 12: 至少1亿用户 labelled figure with its key is ≥ 100,000,000 用户, filled with
    source "parsed" in the same undo step, shown in the inspector; a person's value wins."""
    from workbench_helpers import select

    project = window.ctx.project
    aid = article_id(project, "阿里的小目标")
    window.workbench.open_article(aid, window.workbench.left)
    view = window.workbench.left.view
    window.acts.snapping.setChecked(False)
    start = ZH_ASTRAL.index("至少1亿用户")
    select(view, start, start + len("至少1亿用户"))
    qtbot.keyClick(view, "2")
    [figure] = [s for s in project.spans(aid) if s.label == "figure"]
    assert project.attributes(figure.id) == {"value": 100000000, "unit": "用户",
                                             "approx": "at_least"}
    assert {v.source for v in project.attribute_values(figure.id)} == {"parsed"}
    dock = window.inspector
    assert dock.span is not None and dock.span.id == figure.id
    assert dock.figure_line.text() == "≥ 100,000,000 用户" and dock.figure_line.isVisible()
    window.acts.undo.trigger()
    assert project.spans(aid) == []
    window.acts.redo.trigger()
    assert project.attributes(figure.id)["value"] == 100000000
    project.set_attribute(figure.id, "value", 99, "tester")  # a person's value stays
    from annotator.store.fillers import fill_figure_attributes
    fill_figure_attributes(project, project.span(figure.id), "tester")
    assert project.attributes(figure.id)["value"] == 99


def test_back_to_a_label_its_rows_come_back_with_this_spans_values_and_only_its_hotkeys(
        qtbot, window):
    """A label key of another label than the last one used to build the inspector's rows
    anew (~8 ms a key); each label's rows are now kept and swapped in. The rows that come
    back show the new span's values, and a hidden label's hotkeys stay off."""
    project, claim, figure = _open(window)
    _define(window, "claim", AttributeDef("certainty", "choice", CERTAINTY,
                                          hotkeys=(("possible", "q"),)))
    aid = article_id(project, "阿里的小目标")
    other = project.add_span(aid, 0, 2, "claim", "tester")
    window.workbench.open_article(aid, window.workbench.left)
    view, dock = window.workbench.left.view, window.inspector
    view.select_span(claim.id)
    project.set_attribute(claim.id, "certainty", "certain", "tester")
    dock.refresh()
    claim_rows = dock.attr_rows
    assert dock.editors["certainty"].combo.currentText() == "certain"
    view.select_span(figure.id)
    assert dock.attr_rows is not claim_rows and not claim_rows.isVisible()
    combo = dock.editors["approx"].combo
    _focus(qtbot, combo)
    qtbot.keyClick(combo, "q")  # the claims' hotkey, while a figure is inspected
    assert project.attributes(claim.id) == {"certainty": "certain"}
    assert "certainty" not in project.attributes(figure.id)
    view.select_span(other.id)
    assert dock.attr_rows is claim_rows and claim_rows.isVisible()
    assert dock.editors["certainty"].combo.currentText() != "certain"  # the other claim's
    combo = dock.editors["polarity"].combo
    _focus(qtbot, combo)
    qtbot.keyClick(combo, "q")
    assert project.attributes(other.id) == {"certainty": "possible"}


def test_a_new_selection_empties_the_inspector_in_place_and_the_next_span_fills_it(qtbot,
                                                                                   window):
    """Issue 14: selecting text (no span) used to hide the details and show the placeholder,
    so every label key laid the whole inspector out and painted it again. The details now
    stay, emptied and disabled, with the placeholder's words where the text goes; the next
    span fills them. Nothing can be typed into the emptied editors."""
    from workbench_helpers import select

    _project, claim, _figure = _open(window)
    view, dock = window.workbench.left.view, window.inspector
    view.select_span(claim.id)
    assert dock.text_line.text() == claim.text and dock.label_line.text() == "claim"
    select(view, 0, 2)  # a new selection: no span
    qtbot.waitUntil(lambda: dock.span is None)
    assert dock.text_line.isVisible() and dock.text_line.text() == dock.placeholder.text()
    assert dock.label_line.text() == dock.who_line.text() == "—"
    assert dock.editors and not any(e.isEnabled() for e in dock.editors.values())
    assert dock.editors["certainty"].combo.currentIndex() == 0  # no value shown
    view.select_span(claim.id)
    assert dock.text_line.text() == claim.text and dock.who_line.text() == "tester"
    assert all(e.isEnabled() for e in dock.editors.values())


def test_the_inspector_keeps_its_height_across_labels_and_new_selections(qtbot, window):
    """A label key of another label swaps the rows of one page for another's: the page is
    held at the tallest label's height, so the scroll bar's range (and whatever is under the
    attributes) does not move from key to key."""
    from workbench_helpers import select

    project, claim, figure = _open(window)
    aid = article_id(project, "阿里的小目标")
    company = project.add_span(aid, 0, 2, "company", "tester")
    window.workbench.open_article(aid, window.workbench.left)
    view, dock = window.workbench.left.view, window.inspector
    dock.resize(dock.width(), 200)  # short: it scrolls
    heights = []
    for _round in range(2):
        for span in (claim, figure, company):
            view.select_span(span.id)
            qtbot.waitUntil(lambda s=span: dock.span is not None and dock.span.id == s.id)
            QApplication.processEvents()
            heights.append(dock.body.height())
            select(view, 5, 7)
            QApplication.processEvents()
            heights.append(dock.body.height())
    assert len(set(heights[6:])) == 1, heights  # once every label has been shown


def test_a_chinese_span_text_after_the_placeholder_moves_nothing_under_it(qtbot, window):
    """A line of Chinese is a pixel or two taller than one of Latin letters (the fallback
    font's metrics): the text line is held at the taller height, so a label key's span text
    replacing the placeholder's words does not shift the rows below."""
    from workbench_helpers import select

    _project, claim, _figure = _open(window)
    view, dock = window.workbench.left.view, window.inspector
    view.select_span(claim.id)
    QApplication.processEvents()
    select(view, 0, 2)
    qtbot.waitUntil(lambda: dock.span is None)
    QApplication.processEvents()
    before = dock.attr_box.geometry()
    view.select_span(claim.id)
    QApplication.processEvents()
    assert dock.attr_box.geometry() == before


def test_every_labels_page_is_built_while_the_window_idles_with_its_value_keys_off(qtbot,
                                                                                  window):
    """The first key of each label only shows a page made after the first paint, while the
    window idled (building one was 5-10 ms of that key); a page not shown takes no keys."""
    _project, claim, figure = _open(window)
    dock = window.inspector
    names = [label.name for label in window.ctx.labels()]
    qtbot.waitUntil(lambda: set(names) <= set(dock.pages.forms))
    pages = {name: dock.pages.forms[name][1].widget for name in names}
    assert all(not s.isEnabled() for name in names for s in dock.pages.forms[name][1].shortcuts)
    window.workbench.left.view.select_span(figure.id)
    assert dock.attr_rows is pages["figure"] and pages["figure"].isVisible()
    window.workbench.left.view.select_span(claim.id)
    assert dock.attr_rows is pages["claim"]
    assert not any(s.isEnabled() for s in dock.pages.forms["figure"][1].shortcuts)


def test_pages_still_to_build_are_dropped_when_the_project_closes(qtbot, window):
    """Closing the project while the pages are being built stops the building (no page of a
    scheme that is gone, no timer left turning)."""
    dock = window.inspector
    qtbot.waitUntil(lambda: dock._details_built)
    dock._build_pages_soon()
    window.ctx.close_project()
    qtbot.waitUntil(lambda: not dock.pages.to_build)
    assert dock.span is None


class _LayoutRequests(QObject):
    """Counts the layout requests a widget receives."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_new_span_of_another_label_lays_out_nothing_above_the_rows_that_changed(qtbot,
                                                                                  window):
    """A label key shows another text and another label's page. When they keep their height,
    nothing above them is laid out again (Qt's way: every parent up to the window, and the
    wrapped texts laid out several times on every key)."""
    project, claim, figure = _open(window)
    aid = article_id(project, "阿里的小目标")
    company = project.add_span(aid, 0, 2, "company", "tester")
    window.workbench.open_article(aid, window.workbench.left)
    view, dock = window.workbench.left.view, window.inspector
    for span in (claim, figure, company) * 2:  # every page laid out once
        view.select_span(span.id)
        qtbot.waitUntil(lambda s=span: dock.span is not None and dock.span.id == s.id)
        for _ in range(3):
            QApplication.processEvents()
    requests = _LayoutRequests(dock.body)
    height = dock.body.height()
    for span in (claim, figure, company):
        view.select_span(span.id)
        qtbot.waitUntil(lambda s=span: dock.label_line.text() == s.label)
        QApplication.processEvents()
    assert requests.count == 0
    assert dock.body.height() == height


def test_a_long_span_text_wraps_whole_in_the_inspector_and_a_short_one_gives_the_room_back(
        qtbot, window):
    """The text line holds a long span's text on as many lines as it needs (nothing cut),
    and one line again for a short one."""
    project, claim, figure = _open(window)
    aid = article_id(project, "阿里的小目标")
    long_span = project.add_span(aid, 0, 31, "claim", "tester")
    window.workbench.open_article(aid, window.workbench.left)
    view, dock = window.workbench.left.view, window.inspector
    line = dock.text_line
    one = line_height(line.font())
    for span, lines in ((figure, 1), (long_span, 2), (figure, 1)):
        view.select_span(span.id)
        qtbot.waitUntil(lambda s=span: line.text() == s.text)
        qtbot.waitUntil(lambda: line.height() == max(one, line.heightForWidth(line.width())))
        assert line.parentWidget().height() == line.height()
        assert (line.height() >= 2 * one) == (lines == 2), (span.text, line.height(), one)
        assert line.geometry().bottom() < dock.attr_box.geometry().top() + dock.header.y()
