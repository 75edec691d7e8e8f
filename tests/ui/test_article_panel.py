"""The Article dock: the one place that edits an article's metadata and its article attributes,
each edit saved at once and one undo step; other annotators' values shown beside, read-only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.scheme import AttributeDef

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TOPIC = AttributeDef("topic", "choice", ("e-commerce", "finance", "other"), required=True)
SECTORS = AttributeDef("sectors", "multi", ("retail", "logistics", "media"))


@pytest.fixture
def panel(qtbot, window):
    project = window.ctx.project
    project.set_attribute_def(None, TOPIC, "setup")
    project.set_attribute_def(None, SECTORS, "setup")
    window.ctx.reload_labels()
    dock = window.article_panel
    window.workbench.open_article(1)
    dock.show()
    qtbot.waitUntil(dock.isVisible)
    return dock


def type_into(qtbot, line, text):
    line.setFocus()
    line.selectAll()
    line.insert(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # editingFinished


def test_the_panel_is_built_only_when_first_shown(window):
    dock = window.article_panel
    assert not dock.isVisible() and dock.fields == {} and dock.widget() is None
    dock.show()
    assert set(dock.fields) == {"title", "source", "url", "published", "language"}
    assert dock.fields["title"].text() == "阿里的小目标"


def test_editing_published_saves_it_warns_when_not_iso_and_undo_puts_it_back(
        qtbot, window, panel):
    project = window.ctx.project
    type_into(qtbot, panel.fields["published"], "2024年3月1日")
    assert project.article(1).published == "2024年3月1日"  # kept as typed
    assert panel.date_warning.isVisible()
    assert "not an ISO date" in panel.date_warning.text()
    type_into(qtbot, panel.fields["published"], "2024-03-01")
    assert not panel.date_warning.isVisible()
    window.acts.undo.trigger()
    assert project.article(1).published == "2024年3月1日"
    assert panel.fields["published"].text() == "2024年3月1日"
    window.acts.undo.trigger()
    assert project.article(1).published == ""
    assert panel.fields["published"].text() == ""
    window.acts.redo.trigger()
    assert project.article(1).published == "2024年3月1日"


def test_source_url_language_and_title_are_each_one_undo_step(qtbot, window, panel):
    project = window.ctx.project
    type_into(qtbot, panel.fields["source"], "财新")
    type_into(qtbot, panel.fields["url"], "https://example.org/1")
    type_into(qtbot, panel.fields["title"], "阿里：新增1亿用户")
    assert (project.article(1).source, project.article(1).url) == ("财新",
                                                                   "https://example.org/1")
    assert window.workbench.left.article().title == "阿里：新增1亿用户"  # the pane follows
    assert window.ctx.undo_stack.count() == 3
    window.acts.undo.trigger()
    assert project.article(1).title == "阿里的小目标"
    assert project.article(1).url == "https://example.org/1"


def test_an_emptied_title_is_refused_and_the_title_stays(qtbot, window, panel):
    type_into(qtbot, panel.fields["title"], "   ")
    assert window.ctx.project.article(1).title == "阿里的小目标"
    assert panel.fields["title"].text() == "阿里的小目标"
    assert "needs a title" in panel.error.text()
    assert window.ctx.undo_stack.count() == 0


def test_setting_an_article_attribute_saves_mine_and_undo_clears_it(qtbot, window, panel):
    project = window.ctx.project
    combo = panel.editors["topic"].combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # a combo box's Down picks the next entry
    assert project.article_attributes(1) == {"tester": {"topic": "e-commerce"}}
    box = panel.editors["sectors"].boxes["media"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert project.article_attributes(1)["tester"]["sectors"] == ["media"]
    window.acts.undo.trigger()
    window.acts.undo.trigger()
    assert project.article_attributes(1) == {}
    assert combo.currentIndex() == 0 and not box.isChecked()


def test_other_annotators_values_are_shown_beside_read_only(qtbot, window, panel):
    project = window.ctx.project
    project.set_article_attribute(1, "bob", "topic", "finance", "bob")
    project.set_article_attribute(1, "carol", "topic", "other", "carol")
    window.workbench.open_article(2)
    window.workbench.open_article(1)
    others = panel.others["topic"]
    assert others.isVisible() and others.text() == "bob: finance  ·  carol: other"
    assert panel.editors["topic"].value() is None  # mine is not theirs
    assert not panel.others["sectors"].isVisible()


def test_the_panel_follows_the_current_article_and_goes_blank_without_one(qtbot, window,
                                                                         panel):
    window.workbench.open_article(3)
    assert panel.fields["title"].text() == "Same-day delivery"
    assert panel.fields["language"].text() == "en"
    window.workbench.open_article(None)
    assert panel.fields["title"].text() == "" and not panel.fields["title"].isEnabled()


def test_a_number_attribute_takes_typed_numbers_and_refuses_words(qtbot, window, panel):
    project = window.ctx.project
    project.set_attribute_def(None, AttributeDef("readers", "number"), "setup")
    project.set_attribute_def(None, AttributeDef("opinion", "boolean"), "setup")
    window.ctx.reload_labels()
    line = panel.editors["readers"].edit
    type_into(qtbot, line, "12,000")
    assert project.article_attributes(1)["tester"]["readers"] == 12000
    type_into(qtbot, line, "1.2.3")  # letters cannot even be typed
    assert "“1.2.3” is not a number" in panel.error.text()
    assert project.article_attributes(1)["tester"]["readers"] == 12000
    combo = panel.editors["opinion"].combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)  # the last entry: no
    assert project.article_attributes(1)["tester"]["opinion"] is False
    type_into(qtbot, line, "")
    assert "readers" not in project.article_attributes(1)["tester"]


def test_edits_stop_when_the_project_file_is_lost(qtbot, window, panel):
    window.ctx.lost = "the file was replaced"
    window.ctx.fileLost.emit(window.ctx.lost)
    assert not panel.fields["source"].isEnabled()
    assert not panel.editors["topic"].isEnabled()
