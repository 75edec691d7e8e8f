"""The interface language: chosen once at start-up, before the window is built.

The language is the one saved in View ▸ Language (``settings.LANGUAGE``), else the system
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG`` as POSIX orders them, then ``QLocale.system()``):
a ``zh*`` locale gives Simplified Chinese, anything else English. ``install`` loads our
translation (``annotator/translations/annotator_<lang>.qm``, compiled from
``resources/i18n/annotator_<lang>.ts``) and Qt's own (``qtbase_<lang>.qm``) so Qt's dialogs and
buttons follow. Switching in the menu saves the choice; it applies at the next start.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from annotator.ui import settings as S

ENGLISH = "en"
CHINESE = "zh_CN"
#: Language code -> its name as its readers write it (menu entries, never translated).
LANGUAGES = {ENGLISH: "English", CHINESE: "中文"}
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def system_language() -> str:
    """``zh_CN`` when the system locale is Chinese, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").strip()
        if value:
            return _code(value)
    return _code(QLocale.system().name())


def _code(locale_name: str) -> str:
    return CHINESE if locale_name.lower().startswith("zh") else ENGLISH


def chosen_language(settings: S.Settings) -> str:
    """The saved choice when it is one we ship, else the system's."""
    saved = settings.get(S.LANGUAGE)
    return saved if saved in LANGUAGES else system_language()


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"annotator_{language}.qm"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our and Qt's translators for ``language`` on ``app``; returns them (keep them
    alive; ``uninstall`` removes them). English installs none."""
    if language == ENGLISH:
        return []
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir),
                         (f"annotator_{language}", str(TRANSLATIONS))):
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            installed.append(translator)
    QLocale.setDefault(QLocale(language))
    return installed


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())


class LanguageMenu(QMenu):
    """View ▸ Language: one checkable entry per shipped language; choosing one saves it and
    calls ``on_chosen`` (the window says it applies at the next start)."""

    def __init__(self, settings: S.Settings, parent: QWidget,
                 on_chosen: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("&Language"))
        self.settings = settings
        self._on_chosen = on_chosen
        group = QActionGroup(self)
        group.setExclusive(True)
        current = chosen_language(settings)
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setObjectName(f"language:{code}")
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _=False, c=code: self._choose(c))
            group.addAction(action)
            self.addAction(action)

    def _choose(self, code: str) -> None:
        self.settings.set(S.LANGUAGE, code)
        self.settings.sync()
        self._on_chosen(code)
