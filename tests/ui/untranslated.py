"""Find visible string literals in ``annotator/ui`` that are not wrapped for translation.

A literal (or f-string, or a concatenation or ``.format``/``%`` over one) with two or more
letters, passed straight to a call that shows text to the user, is reported as
``file:line: call("text")``. Wrapped text (``self.tr(...)``, ``QCoreApplication.translate(...)``,
``QT_TRANSLATE_NOOP(...)``) is a call of its own, so it never matches.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "annotator" / "ui"

#: Methods whose string arguments are shown to the user.
SHOWING_METHODS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis", "addAction",
    "addMenu", "setTitle", "setPlaceholderText", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "showMessage", "addTab", "insertTab", "setTabText", "addItem",
    "addItems", "setLabelText", "setInformativeText", "setDetailedText", "addButton",
    "setPrefix", "setSuffix", "setSpecialValueText", "setNameFilter", "setNameFilters",
    "addRow", "warning", "information", "critical", "question", "about", "getText", "getItem",
    "getInt", "getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory",
    # our own helpers in interaction.py that show message boxes
    "warn", "ask", "inform", "confirm", "error", "save_path", "ask_text", "ask_multiline",
    "ask_choice",
    # ``super().__init__("Title", parent)`` of a dock or dialog
    "__init__",
}
#: Methods whose later arguments are data, not text: only the first one is checked.
FIRST_ONLY = {"addItem", "insertItem"}
#: Receivers whose ``warning(...)`` and such write to the log, not to the window.
LOGGERS = {"log", "logger", "logging", "LOG", "_log"}
#: The screenshot scripts type sample data into the window; they show no text of their own.
NOT_WINDOW = frozenset({"screenshots.py", "screenshots_team.py"})
#: Widgets whose constructors take visible text.
SHOWING_CLASSES = {
    "QAction", "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
    "QMenu", "QDockWidget", "QToolBar", "QMessageBox", "QCommandLinkButton", "QLineEdit",
}
LETTERS = re.compile(r"[A-Za-z]{2}")
#: An object name (``importSummary``), never shown.
OBJECT_NAME = re.compile(r"[a-z]+[A-Z][A-Za-z]*")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _literal(node: ast.expr) -> str | None:
    """The visible text of ``node`` when it is built from a bare literal, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if LETTERS.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return text if LETTERS.search(text) else None
    if isinstance(node, ast.BinOp):
        return _literal(node.left) or _literal(node.right)
    if isinstance(node, ast.IfExp):
        return _literal(node.body) or _literal(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("format", "replace", "join"):
        return _literal(node.func.value)
    if isinstance(node, ast.List | ast.Tuple):
        return next((t for t in map(_literal, node.elts) if t), None)
    return None


def unwrapped(path: Path) -> list[str]:
    """``file:line: call("text")`` for each visible literal not wrapped in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name, func = _name(node.func), node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.value.id in LOGGERS:
            continue
        shown = name in SHOWING_METHODS or name in SHOWING_CLASSES or (
            name == "emit" and isinstance(func, ast.Attribute) and _name(func.value) == "message")
        if not shown:
            continue
        args = [*node.args, *(k.value for k in node.keywords)]
        for arg in args[:1] if name in FIRST_ONLY else args:
            text = _literal(arg)
            if text is not None and not OBJECT_NAME.fullmatch(text):
                found.append(f"{path.name}:{arg.lineno}: {name}({text!r})")
    return found


def bare_tr_calls(path: Path) -> list[str]:
    """Calls of a plain function named ``tr``: lupdate files them under no context, so the
    translation made for them is never found (use ``self.tr`` or ``translate("Context", ...)``)."""
    return [f"{path.name}:{node.lineno}: tr(...)"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "tr"]


def ui_sources() -> list[Path]:
    """Every module of the window: ``ui/*.py`` and its sub-packages (``ui/claims/*.py``)."""
    return sorted(UI.rglob("*.py"))


def all_unwrapped(skip: frozenset[str] = frozenset()) -> list[str]:
    return [hit for path in ui_sources() if path.name not in skip | NOT_WINDOW
            for hit in (*unwrapped(path), *bare_tr_calls(path))]


if __name__ == "__main__":
    print("\n".join(all_unwrapped()))
