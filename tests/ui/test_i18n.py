"""The Chinese interface: the language follows the system locale or the saved choice, the
translation ships complete, and every visible string literal is wrapped for translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import untranslated
from PySide6.QtCore import QTranslator

from annotator.ui import i18n
from annotator.ui import settings as S


@pytest.fixture
def no_saved_language(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


@pytest.fixture
def chinese(qapp, monkeypatch, no_saved_language):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    translators = i18n.install(qapp, i18n.chosen_language(S.Settings()))
    yield translators
    i18n.uninstall(qapp, translators)


@pytest.mark.parametrize(("env", "value", "expected"), [
    ("LANG", "zh_CN.UTF-8", "zh_CN"), ("LC_ALL", "zh_CN.UTF-8", "zh_CN"),
    ("LANG", "zh_TW.UTF-8", "zh_CN"), ("LANG", "en_US.UTF-8", "en"), ("LANG", "de_DE", "en")])
def test_system_locale_picks_the_language(monkeypatch, no_saved_language, env, value,
                                          expected):
    monkeypatch.setenv(env, value)
    assert i18n.chosen_language(S.Settings()) == expected


def test_lc_all_overrides_lang(monkeypatch, no_saved_language):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert i18n.system_language() == "en"


def test_saved_choice_beats_the_system_locale(monkeypatch, no_saved_language):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    settings = S.Settings()
    settings.set(S.LANGUAGE, "en")
    assert i18n.chosen_language(settings) == "en"
    settings.set(S.LANGUAGE, "klingon")  # a hand-edited value: the system's again
    assert i18n.chosen_language(settings) == "zh_CN"


def test_lang_zh_cn_gives_chinese_menus_and_qt_dialog_buttons(qtbot, workbench_project,
                                                               chinese, no_leaked_widgets):
    from PySide6.QtWidgets import QDialogButtonBox

    from annotator.app import build_window

    assert len(chinese) == 2, "our translation and Qt's own both load"
    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    titles = menu_titles(win)
    assert titles[:3] == ["文件(&F)", "编辑(&E)", "标签(&L)"]
    assert "视图(&V)" in titles and "帮助(&H)" in titles
    assert win.acts.export.text() == "导出(&E)…"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    box.deleteLater()


def test_english_locale_keeps_english_menus(window):
    assert menu_titles(window)[:2] == ["&File", "&Edit"]


def test_view_language_menu_saves_the_choice_for_the_next_start(window):
    menu = window.language_menu
    assert [a.text() for a in menu.actions()] == ["English", "中文"]
    assert menu.actions()[0].isChecked()
    menu.actions()[1].trigger()
    assert menu.actions()[1].isChecked() and not menu.actions()[0].isChecked()
    assert S.Settings().get(S.LANGUAGE) == "zh_CN"
    assert "next start" in window.statusBar().currentMessage()


# ---------------------------------------------------------------- every string translated
TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "annotator_zh_CN.ts"


def ts_messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    return [(ctx.findtext("name") or "", m.findtext("source") or "", m)
            for ctx in ET.parse(path).getroot().iter("context") for m in ctx.iter("message")]


def translation_text(message: ET.Element) -> str:
    """A message's translation: its text, or its numerus form (Chinese has one)."""
    node = message.find("translation")
    return "" if node is None else "".join(node.itertext()).strip()


def test_every_visible_literal_in_the_window_is_wrapped_for_translation():
    assert untranslated.all_unwrapped() == []


def test_the_scanner_catches_an_unwrapped_string(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('b = QPushButton("Save")\nb.setToolTip(f"Saved {n}")\n'
                      'm.addAction(self.tr("Fine"))\nlog.warning("not shown %s", x)\n'
                      'c.addItem(self.tr("All"), "data")\nx = tr("no context")\n',
                      encoding="utf-8")
    assert untranslated.unwrapped(sample) == ["sample.py:1: QPushButton('Save')",
                                              "sample.py:2: setToolTip('Saved ')"]
    assert untranslated.bare_tr_calls(sample) == ["sample.py:6: tr(...)"]


def test_every_source_string_has_a_chinese_translation():
    unfinished = [f"{ctx}: {source!r}" for ctx, source, m in ts_messages(TS)
                  if m.find("translation") is None
                  or m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
                  or not translation_text(m)]
    assert unfinished == []


def test_the_ts_file_holds_every_string_the_code_marks(tmp_path):
    """The committed .ts is what lupdate extracts from the code now (``make translations``)."""
    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name(
        "pyside6-lupdate"))
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    root = TS.parents[2]
    fresh = tmp_path / "fresh.ts"
    sources = [str(root / "annotator" / "app.py"),
               *map(str, untranslated.ui_sources())]
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    def keys(path: Path) -> set[tuple[str, str]]:
        return {(ctx, source) for ctx, source, _m in ts_messages(path)}
    assert keys(fresh) - keys(TS) == set(), "run `make translations` and translate the new ones"
    assert "" not in {ctx for ctx, _s in keys(fresh)}


def test_the_shipped_qm_translates_every_message_of_the_ts(qapp):
    translator = QTranslator()
    assert translator.load(str(i18n.qm_file("zh_CN")))
    stale = [f"{ctx}: {source!r}" for ctx, source, m in ts_messages(TS)
             if translator.translate(ctx, source, None, 1 if m.get("numerus") == "yes" else -1)
             != (translation_text(m) if m.get("numerus") == "yes" else m.findtext("translation"))]
    assert stale == [], "the .qm is older than the .ts: run `make translations`"


@pytest.mark.parametrize(("text", "expected"), [
    ("&Export…", "Export"), ("导出(&E)…", "导出"), ("Save && Close", "Save & Close"),
    ("文件(&F)", "文件")])
def test_tooltips_and_shortcut_sheet_drop_both_mnemonic_styles(text, expected):
    from annotator.ui.actions import plain

    assert plain(text) == expected


def test_chinese_tooltips_name_the_action_without_its_mnemonic(qtbot, workbench_project,
                                                               chinese, no_leaked_widgets):
    from annotator.app import build_window

    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    assert win.acts.export.toolTip() == "导出 (Ctrl+E)"


def test_chinese_export_dialog_shows_translated_statuses_but_filters_by_the_stored_value(
        qtbot, workbench_project, chinese, no_leaked_widgets):
    from PySide6.QtCore import Qt

    from annotator.app import build_window
    from annotator.ui.export_dialog import ExportDialog, checked

    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    dialog = ExportDialog(win.ctx, win)
    texts = [dialog.statuses.item(i).text() for i in range(dialog.statuses.count())]
    assert texts == ["待办", "进行中", "已完成"]
    dialog.statuses.item(0).setCheckState(Qt.CheckState.Checked)
    assert checked(dialog.statuses) == ["todo"]
    assert dialog.windowTitle() == "导出"
