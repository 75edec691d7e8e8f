"""The company registry in the window (issue 12): the Registry dock (built when first shown,
filter, add / edit / delete as undo steps, a rename relinking spans, CSV import and export, a
double-click walking an entry's spans), Add Selection as Alias from the menus, and the
inspector's registry line. Real widgets, driven as a person would."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from workbench_helpers import ZH_ASTRAL, ZH_PLAIN, article_id, char_center, select

from annotator.core.model import ArticleRecord
from annotator.core.registry import make_company
from annotator.store import Project
from annotator.ui import interaction
from annotator.ui.registry import dialogs
from annotator.ui.registry.dialogs import AliasDialog, CompanyDialog
from annotator.ui.registry.dock import RegistryModel

ALI = ZH_ASTRAL.index("阿里")  # article 1: 阿里今年的小目标…
JD = ZH_ASTRAL.index("京东")
ALIBABA = ZH_PLAIN.index("阿里巴巴")  # article 2


@pytest.fixture
def workbench_project(workbench_project):
    """The workbench's articles with a registry, two company spans linked to 阿里巴巴 (one in
    each Chinese article) and a company span 京东 linked to nothing."""
    with Project.open(workbench_project) as p:
        p.add_companies([make_company("阿里巴巴", ["阿里"], ["BABA"], "杭州"),
                         make_company("京东", ["JD"], ["JD"])], "setup")
        one, two = article_id(p, "阿里的小目标"), article_id(p, "拼多多的补贴")
        for aid, start, text in ((one, ALI, "阿里"), (two, ALIBABA, "阿里巴巴")):
            span = p.add_span(aid, start, start + len(text), "company", "tester")
            p.set_attribute(span.id, "entity", "阿里巴巴", "tester")
        p.add_span(one, JD, JD + 2, "company", "tester")
    return workbench_project


@pytest.fixture
def dock(qtbot, window):
    dock = window.registry
    assert not dock.built() and dock.widget() is None  # nothing until first shown
    with qtbot.waitSignal(dock.refreshed, timeout=10_000):
        dock.toggleViewAction().trigger()  # View ▸ Registry
    return dock


def rows(dock) -> list[tuple[str, ...]]:
    model = dock.model
    return [tuple(model.index(r, c).data() for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def choose(dock, name: str) -> None:
    dock.table.selectRow(dock.model.row_of(name))


def open_first_article(win):
    aid = article_id(win.ctx.project, "阿里的小目标")
    win.workbench.open_article(aid, win.workbench.left)
    return win.workbench.left.view


# ------------------------------------------------------------------ the dock
def test_first_show_lists_each_entry_with_its_aliases_tickers_note_and_linked_spans(dock):
    assert rows(dock) == [("京东", "JD", "JD", "0", ""), ("阿里巴巴", "阿里", "BABA", "2", "杭州")]
    assert dock.status.text() == "2 company(ies)"


def test_the_filter_matches_names_aliases_tickers_and_notes(qtbot, dock):
    for typed, shown in (("jd", ["京东"]), ("阿里", ["阿里巴巴"]), ("baba", ["阿里巴巴"]),
                         ("杭州", ["阿里巴巴"]), ("美团", [])):
        dock.filter_edit.clear()
        if typed.isascii():
            qtbot.keyClicks(dock.filter_edit, typed)
        else:  # QTest types no CJK: as an input method commits it
            dock.filter_edit.insert(typed)
        assert [r[0] for r in rows(dock)] == shown
    assert dock.status.text() == "0 of 2 companies"


def test_the_table_model_passes_qts_model_checks(qtmodeltester, dock):
    qtmodeltester.check(dock.model)
    empty = RegistryModel()
    qtmodeltester.check(empty)


def test_add_edit_and_delete_are_each_one_undo_step(qtbot, window, dock, monkeypatch):
    project, stack = window.ctx.project, window.ctx.undo_stack
    monkeypatch.setattr(dialogs, "ask_company", lambda *a: make_company("美团", ["美团点评"]))
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    assert project.company_names()["美团点评"] == "美团" and "美团点评" in project.terms()
    assert dock.selected().name == "美团"
    monkeypatch.setattr(dialogs, "ask_company",
                        lambda *a: make_company("美团", ["美团点评", "Meituan"], ["3690.HK"]))
    qtbot.mouseClick(dock.edit_button, Qt.MouseButton.LeftButton)
    assert project.company("美团").tickers == ("3690.HK",)
    monkeypatch.setattr(interaction, "confirm", lambda *a: True)
    qtbot.mouseClick(dock.delete_button, Qt.MouseButton.LeftButton)
    assert project.company("美团") is None and "美团点评" not in project.terms()
    assert stack.count() == 3 and [r[0] for r in rows(dock)] == ["京东", "阿里巴巴"]
    stack.undo()
    assert project.company("美团").tickers == ("3690.HK",) and "美团" in [r[0] for r in rows(dock)]
    stack.undo()
    assert project.company("美团").aliases == ("美团点评",)
    stack.undo()
    assert project.company("美团") is None and len(rows(dock)) == 2


def test_renaming_an_entry_relinks_its_spans_and_undo_links_them_back(qtbot, window, dock,
                                                                     monkeypatch):
    project = window.ctx.project
    choose(dock, "阿里巴巴")
    monkeypatch.setattr(dialogs, "ask_company", lambda *a: make_company(
        "阿里巴巴集团", ["阿里", "阿里巴巴"], ["BABA"], "杭州"))
    qtbot.mouseClick(dock.edit_button, Qt.MouseButton.LeftButton)
    assert dock.status.text() == "2 company span(s) now name “阿里巴巴集团”"
    assert project.company_span_counts() == {"阿里巴巴集团": 2}
    assert ("阿里巴巴集团", "阿里, 阿里巴巴", "BABA", "2", "杭州") in rows(dock)
    window.ctx.undo_stack.undo()
    assert project.company_span_counts() == {"阿里巴巴": 2}
    assert dock.selected() is None or dock.selected().name != "阿里巴巴集团"


def test_an_alias_of_another_entry_is_refused_naming_both_and_nothing_changes(
        qtbot, window, dock, monkeypatch):
    warned: list[str] = []
    monkeypatch.setattr(interaction, "warn", lambda _p, _t, text: warned.append(text))
    choose(dock, "阿里巴巴")
    monkeypatch.setattr(dialogs, "ask_company",
                        lambda *a: make_company("阿里巴巴", ["阿里", "JD"]))
    qtbot.mouseClick(dock.edit_button, Qt.MouseButton.LeftButton)
    assert "'JD' already names '京东'" in dock.status.text()
    assert "阿里巴巴" in dock.status.text() and warned
    assert window.ctx.project.company("阿里巴巴").aliases == ("阿里",)
    assert window.ctx.undo_stack.count() == 0


def test_import_csv_adds_its_entries_as_one_undo_step(qtbot, window, dock, tmp_path):
    path = tmp_path / "companies.csv"
    path.write_text("name,aliases,tickers,note\n美团,美团点评|Meituan,3690.HK,\n"
                    "京东,京东集团,,北京\n", encoding="utf-8")
    assert dock.import_csv(str(path))
    assert dock.status.text() == ("Imported from companies.csv: 1 added, 1 given new aliases, "
                                  "tickers or note")
    project = window.ctx.project
    assert project.company("京东").note == "北京" and project.company("美团") is not None
    window.ctx.undo_stack.undo()
    assert project.company("美团") is None and project.company("京东").aliases == ("JD",)
    assert [r[0] for r in rows(dock)] == ["京东", "阿里巴巴"]


def test_a_bad_csv_shows_its_file_and_line_and_imports_nothing(qtbot, window, dock, tmp_path,
                                                              monkeypatch):
    warned: list[str] = []
    monkeypatch.setattr(interaction, "warn", lambda _p, _t, text: warned.append(text))
    path = tmp_path / "bad.csv"
    path.write_text("name,aliases\n美团,美团点评\n拼多多,阿里\n", encoding="utf-8")
    assert not dock.import_csv(str(path))
    assert dock.status.text().startswith(f"{path}:3: '阿里' already names '阿里巴巴'")
    assert "Nothing was imported." in warned[0]
    assert window.ctx.project.company("美团") is None and window.ctx.undo_stack.count() == 0


def test_export_csv_writes_what_import_reads_back(dock, window, tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    monkeypatch.setattr(dialogs, "save_csv", lambda *a: str(out))
    dock.export_button.click()
    assert dock.status.text() == f"Wrote 2 company(ies) to {out}"
    with open(out, encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh)) == [["name", "aliases", "tickers", "note"],
                                        ["京东", "JD", "JD", ""], ["阿里巴巴", "阿里", "BABA", "杭州"]]
    with Project.create(tmp_path / "other.db") as other:
        from annotator.core.registry import read_registry_csv

        other.add_companies(read_registry_csv(out), "x")
        assert other.companies() == window.ctx.project.companies()


def test_double_click_walks_the_entrys_spans_in_order_and_wraps(qtbot, window, dock):
    view = open_first_article(window)
    project = window.ctx.project
    one, two = article_id(project, "阿里的小目标"), article_id(project, "拼多多的补贴")
    assert view.selected_range(exact=True) is None  # "next" starts at the article's top
    index = dock.model.index(dock.model.row_of("阿里巴巴"), 0)
    seen = []
    wanted = []
    dock.spanWanted.connect(lambda *a: wanted.append(a))
    rect = dock.table.visualRect(index)
    qtbot.mouseClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    seen.append(window.workbench.current().article_id())
    for _ in range(2):  # activated again (what the double-click calls): the next one
        assert dock.open_next_span("阿里巴巴")
        seen.append(window.workbench.current().article_id())
    assert wanted == [(one, ALI, ALI + 2), (two, ALIBABA, ALIBABA + 4), (one, ALI, ALI + 2)]
    assert seen == [one, two, one]


def test_double_click_on_an_entry_without_spans_says_so(qtbot, dock):
    assert not dock.open_next_span("京东")
    assert dock.status.text() == "No company span names “京东” yet"


# ------------------------------------------------------------------ add selection as alias
def test_add_selection_as_alias_on_a_text_selection_joins_the_entry_and_the_terms(
        qtbot, window, monkeypatch):
    view = open_first_article(window)
    asked = []
    monkeypatch.setattr(dialogs, "ask_alias_company",
                        lambda _p, alias, names, suggested: asked.append(
                            (alias, names, suggested)) or "阿里巴巴")
    start = ZH_ASTRAL.index("小目标")
    select(view, start, start + 3)
    window.acts.add_alias.trigger()  # Edit ▸ Add Selection as Alias…
    assert asked == [("小目标", ["京东", "阿里巴巴"], "")]
    project = window.ctx.project
    assert project.company_names()["小目标"] == "阿里巴巴" and "小目标" in project.terms()
    assert window.statusBar().currentMessage() == "“小目标” names 阿里巴巴"
    window.ctx.undo_stack.undo()
    assert "小目标" not in project.company_names() and "小目标" not in project.terms()


def test_add_selection_as_alias_on_a_company_span_links_it_in_one_undo_step(qtbot, window,
                                                                           monkeypatch):
    view = open_first_article(window)
    project = window.ctx.project
    jd = next(s for s in project.spans(article_id(project, "阿里的小目标"), "tester")
              if s.text == "京东")
    monkeypatch.setattr(dialogs, "ask_alias_company", lambda *a: "京东")
    view.select_span(jd.id)
    window.acts.add_alias.trigger()
    assert project.attributes(jd.id) == {"entity": "京东"}
    assert window.ctx.undo_stack.count() == 1
    assert window.statusBar().currentMessage() == "“京东” names 京东; the span links to it"
    window.ctx.undo_stack.undo()
    assert project.attributes(jd.id) == {} and project.company("京东").aliases == ("JD",)


def test_a_new_name_in_the_alias_dialog_makes_a_new_entry(qtbot, window, monkeypatch):
    view = open_first_article(window)
    monkeypatch.setattr(interaction, "warn", lambda *a: None)
    monkeypatch.setattr(dialogs, "ask_alias_company", lambda *a: "京东集团")
    select(view, JD, JD + 2)  # 京东 is 京东's name already: another entry may not take it
    window.acts.add_alias.trigger()
    assert "already names '京东'" in window.statusBar().currentMessage()
    assert window.ctx.project.company("京东集团") is None
    start = ZH_ASTRAL.index("下沉市场")
    select(view, start, start + 4)
    window.acts.add_alias.trigger()
    assert window.ctx.project.company("京东集团").aliases == ("下沉市场",)


def test_the_span_menu_and_the_selection_menu_offer_add_selection_as_alias(qtbot, window):
    view = open_first_article(window)
    menu = view.context_menu(char_center(view, JD))
    menu.setParent(None)
    try:
        assert window.acts.add_alias in menu.actions()
    finally:
        menu.deleteLater()
    start = ZH_ASTRAL.index("小目标")
    select(view, start, start + 3)
    menu = view.context_menu(char_center(view, start + 1))
    menu.setParent(None)
    try:
        assert window.acts.add_alias in menu.actions()
    finally:
        menu.deleteLater()


# ------------------------------------------------------------------ dialogs
def test_the_entry_dialog_refuses_an_empty_name_and_stays_open(qtbot):
    dialog = CompanyDialog("Add Company", None)
    qtbot.addWidget(dialog)
    dialog.aliases.setText("阿里 | Alibaba Group")
    dialog.accept()
    assert dialog.entry is None and "the name is empty" in dialog.error.text()
    dialog.name.setText("阿里巴巴")
    dialog.accept()
    assert dialog.entry == make_company("阿里巴巴", ["阿里", "Alibaba Group"])


def test_the_alias_dialog_completes_names_and_says_when_a_new_entry_is_made(qtbot):
    dialog = AliasDialog("BABA", ["JD.com", "Alibaba Group"], "")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.combo.lineEdit(), "ali")
    assert dialog.combo.completer().currentCompletion() == "Alibaba Group"
    assert dialog.hint.text() == "A new entry “ali” will be made"
    dialog.combo.setEditText("Alibaba Group")
    assert dialog.hint.text() == "" and dialog.choice() == "Alibaba Group"


# ------------------------------------------------------------------ inspector
def test_the_inspector_shows_a_company_spans_registry_entry(qtbot, window):
    view = open_first_article(window)
    window.acts.show_inspector.setChecked(True)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, ALI))
    line = window.inspector.company
    assert line.isVisible() and line.entry.text() == "阿里巴巴\nalso: 阿里\ntickers: BABA\n杭州"
    assert not line.add_button.isVisible()


def test_the_inspector_says_not_in_the_registry_and_adds_it_with_one_click(qtbot, window,
                                                                           monkeypatch):
    view = open_first_article(window)
    window.acts.show_inspector.setChecked(True)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, JD))
    line = window.inspector.company
    assert line.entry.text() == "Not in the registry" and line.add_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_alias_company", lambda *a: "京东")
    qtbot.mouseClick(line.add_button, Qt.MouseButton.LeftButton)
    assert line.entry.text() == "京东\nalso: JD\ntickers: JD"
    window.ctx.undo_stack.undo()
    assert line.entry.text() == "Not in the registry"


def test_the_inspector_hides_the_registry_line_for_other_labels(qtbot, window):
    view = open_first_article(window)
    project = window.ctx.project
    at = ZH_ASTRAL.index("1亿")
    project.add_span(article_id(project, "阿里的小目标"), at, at + 2, "figure", "tester")
    window.workbench.left.reload()
    window.acts.show_inspector.setChecked(True)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, at))
    assert window.inspector.span.label == "figure"
    assert not window.inspector.company.isVisible()
    assert not window.inspector.company.caption.isVisible()


def test_a_project_without_articles_has_an_empty_registry_dock(qtbot, tmp_path):
    from annotator.ui.context import AppContext
    from annotator.ui.registry.dock import RegistryDock
    from annotator.ui.settings import Settings

    with Project.create(tmp_path / "e.db") as p:
        p.add_articles([ArticleRecord(text="x")], "x")
    ctx = AppContext(Settings(), "tester")
    ctx.set_project(Project.open(tmp_path / "e.db"))
    dock = RegistryDock(ctx, lambda: (0, -1))
    qtbot.addWidget(dock)
    with qtbot.waitSignal(dock.refreshed):
        dock.show()
    assert rows(dock) == [] and dock.status.text() == "0 company(ies)"
    assert not dock.edit_button.isEnabled() and dock.add_button.isEnabled()
    ctx.close_project()
