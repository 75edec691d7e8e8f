"""Every question the workbench asks the user, as module-level functions.

Commands and controllers call ``interaction.ask_text(...)`` and friends instead of building dialogs
themselves, so tests answer by monkeypatching one function (git-cola's ``interaction.py``). Each
returns None (or False) when the user cancels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from annotator.core.scheme import AttributeDef

# The dialogs are imported where they are asked: PySide makes each class's enums on its first
# import (13 for these four), time the window's start-up would pay before its first paint.

translate = QCoreApplication.translate
#: File dialog filters (translated where they are used: ``translate("interaction", ...)``).
PROJECT_FILTER = str(QT_TRANSLATE_NOOP("interaction", "Annotator projects (*.db);;All files (*)"))
IMPORT_FILTER = str(QT_TRANSLATE_NOOP(
    "interaction", "Articles (*.txt *.md *.markdown *.jsonl *.json *.csv);;All files (*)"))
JSONL_FILTER = str(QT_TRANSLATE_NOOP("interaction", "JSON lines (*.jsonl);;All files (*)"))


def default_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "annotator"


def ask_annotator_name(parent: QWidget | None, current: str) -> str | None:
    """Who is annotating: asked once on first start, and from the status bar."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(
        parent, translate("interaction", "Who is annotating?"),
        translate("interaction", "Your name is recorded on every span you create:"), text=current or default_user())
    text = text.strip()
    return text if ok and text else None


def ask_text(parent: QWidget | None, title: str, label: str, current: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, title, label, text=current)
    return text if ok else None


def ask_multiline(parent: QWidget | None, title: str, label: str,
                  current: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getMultiLineText(parent, title, label, current)
    return text if ok else None


def ask_choice(parent: QWidget | None, title: str, label: str, items: list[str]) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    item, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return item if ok and item else None


def ask_attribute_value(parent: QWidget | None, title: str, label: str, attr: AttributeDef,
                        current: Any = None) -> tuple[Any] | None:
    """A value of ``attr`` in its own editor (the inspector's, ``attribute_editors``):
    ``(value,)`` (None: unset), or None when cancelled."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

    from annotator.ui.claims.attribute_editors import make_editor

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(label))
    editor = make_editor(attr, dialog)
    editor.set_value(current)
    layout.addWidget(editor)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    editor.focus_target().setFocus()
    try:
        return (editor.value(),) if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_color(parent: QWidget | None, current: str) -> str | None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    color = QColorDialog.getColor(QColor(current), parent,
                                 translate("interaction", "Label color"))
    return color.name() if color.isValid() else None


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def confirm_replace(parent: QWidget | None, paths: list[str]) -> bool:
    """Replace files (or an earlier export's folder) that an export would write over?"""
    more = translate("interaction", "\n… and {count} more").format(count=len(paths) - 6)
    listed = "\n".join(paths[:6]) + (more if len(paths) > 6 else "")
    return confirm(parent, translate("interaction", "Replace existing files?"),
                   translate("interaction", "The export would replace:\n{files}\n\n").format(
                       files=listed)
                   + (translate("interaction", "Replace them?") if len(paths) > 1
                      else translate("interaction", "Replace it?")))


def warn(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)


def new_project_path(parent: QWidget | None, folder: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(
        parent, translate("interaction", "New project"), folder,
        translate("interaction", PROJECT_FILTER))
    if path and not path.endswith(".db"):
        path += ".db"
    return path or None


def open_project_path(parent: QWidget | None, folder: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(
        parent, translate("interaction", "Open project"), folder,
        translate("interaction", PROJECT_FILTER))
    return path or None


def import_paths(parent: QWidget | None, folder: str) -> list[str]:
    from PySide6.QtWidgets import QFileDialog

    paths, _ = QFileDialog.getOpenFileNames(
        parent, translate("interaction", "Import articles"), folder,
        translate("interaction", IMPORT_FILTER))
    return list(paths)


def save_path(parent: QWidget | None, title: str, suggested: str, filter_: str) -> str | None:
    """A file to write; the dialog itself asks before an existing one is replaced."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested,
                                          translate("interaction", filter_))
    return path or None


def export_path(parent: QWidget | None, fmt: str, suggested: str, folder: bool) -> str | None:
    """Where to export: a file, or a (new or empty) folder for folder formats such as brat."""
    from PySide6.QtWidgets import QFileDialog

    if folder:
        path = QFileDialog.getExistingDirectory(
            parent, translate("interaction", "Export {format} into a folder").format(format=fmt),
            suggested)
    else:
        # the Export dialog asks about every file it would replace (the manifest too)
        path, _ = QFileDialog.getSaveFileName(parent,
                                              translate("interaction", "Export {format}").format(
                                                  format=fmt), suggested,
                                              translate("interaction", "All files (*)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
    return path or None


def edit_guidelines(parent: QWidget | None, text: str) -> str | None:
    """The guidelines as the user saves them in the editor (None: cancelled)."""
    from PySide6.QtWidgets import QDialog

    from annotator.ui.guidelines import GuidelinesEditor

    dialog = GuidelinesEditor(text, parent)
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def assign_folder(parent: QWidget | None, folder: str) -> str | None:
    """The folder that receives one project file per annotator."""
    from PySide6.QtWidgets import QFileDialog

    path = QFileDialog.getExistingDirectory(
        parent, translate("interaction", "Write the files into"), folder)
    return path or None


def teammate_paths(parent: QWidget | None, folder: str) -> list[str]:
    """Teammates' project files to merge into this one."""
    from PySide6.QtWidgets import QFileDialog

    paths, _ = QFileDialog.getOpenFileNames(parent,
                                            translate("interaction", "Import teammate's work"),
                                            folder, translate("interaction", PROJECT_FILTER))
    return list(paths)
