"""The Chinese interface: the language follows the system locale or the saved choice, the
translation ships complete, and every visible string literal is wrapped for translation."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

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
    assert QApplication.instance() is not None
