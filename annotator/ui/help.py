"""The Help menu: the shortcut sheet (F1), generated from the window's actions, and About.

The sheet lists every action of the window that has a key (the label keys included), under
the menu it sits in, so it can never disagree with what the keys do. About names the versions
of everything a bug report needs and the project file that is open.
"""

from __future__ import annotations

import platform
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__
from annotator.ui.actions import plain
from annotator.ui.tables import row_table

NATIVE = QKeySequence.SequenceFormat.NativeText


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every action of ``window`` that has a shortcut, in menu
    order; actions in no menu come last under "Other"."""
    placed: dict[int, str] = {}
    order: list[QAction] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, title)
            elif not action.isSeparator() and id(action) not in placed:
                placed[id(action)] = title
                order.append(action)

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain(top.text()))
    other = QCoreApplication.translate("ShortcutSheet", "Other")
    titles = {a.objectName(): t for a, t in ((a, placed[id(a)]) for a in order)}
    for action in window.actions():
        if id(action) not in placed:  # Alt+key of a label sits beside its plain key
            twin = action.objectName().removesuffix(":exact")
            placed[id(action)] = titles.get(twin, other) if twin != action.objectName() \
                else other
            order.append(action)
    menus = list(dict.fromkeys(placed[id(a)] for a in order))
    order.sort(key=lambda a: menus.index(placed[id(a)]))  # stable: menu order kept inside
    rows = []
    for action in order:
        keys = [k.toString(NATIVE) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            rows.append((placed[id(action)], plain(action.text()), " / ".join(keys)))
    return rows


class ShortcutSheet(QDialog):
    """Every key of the window in one table (F1)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Command"),
                                              self.tr("Keys")])
        for row in shortcut_rows(window):
            self.model.appendRow([QStandardItem(cell) for cell in row])
        self.table = row_table(self.model, "shortcutTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        note = QLabel(self.tr("Label keys apply to the selection snapped to words; with Alt, "
                              "to the exact characters. The decision keys work in review "
                              "mode only."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.model.item(r, c).text() for c in range(3))
                for r in range(self.model.rowCount())]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return QCoreApplication.translate("About", "not installed")


def versions() -> list[tuple[str, str]]:
    """(name, version) of the annotator and everything under it."""
    return [("annotator", __version__),
            ("Python", platform.python_version()),
            ("Qt", qVersion()),
            ("PySide6", pyside_version),
            ("SQLite", sqlite3.sqlite_version),
            ("sqlite-utils", _version("sqlite-utils")),
            ("jieba", _version("jieba")),
            ("system", f"{platform.system()} {platform.release()} ({sys.platform})")]


class AboutDialog(QDialog):
    """Versions and the open project's path, as selectable text (and a Copy button)."""

    def __init__(self, project_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Annotator"))
        where = str(project_path) if project_path is not None else self.tr("no project open")
        lines = [self.tr("Annotator: hand-annotating news articles, one SQLite file per "
                         "project."), "",
                 self.tr("Project file: {0}").format(where), "",
                 *(f"{name}: {version}" for name, version in versions())]
        self.text = "\n".join(lines)
        label = QLabel(self.text)
        label.setObjectName("aboutText")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("aboutCopy")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
