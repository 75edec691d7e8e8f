"""The house rules of ARCHITECTURE.md: the headless layers never import Qt."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "annotator"
HEADLESS = ("core", "store", "formats", "review", "importing")
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", HEADLESS)
def test_headless_layer_imports_neither_qt_nor_ui(layer: str) -> None:
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in QT or name.startswith(("annotator.ui", "annotator.app")):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_cli_and_store_load_without_qt() -> None:
    code = (
        "import sys, annotator.cli, annotator.store, annotator.core.segment;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'jieba')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_window_starts_without_loading_what_its_first_paint_does_not_need() -> None:
    """Start-up time (issue 14): jieba, the dataset formats, importing files, merging teammates'
    files, the dashboard, agreement (its token cache) and the figure parser load when first
    used, not when the window module is imported."""
    later = ("jieba", "annotator.formats", "annotator.importing", "annotator.review.merge",
             "annotator.review.untrusted", "annotator.ui.dashboard", "PySide6.QtCharts",
             "annotator.review.agreement", "annotator.review.structure",
             "annotator.core.token_cache", "annotator.core.figures")
    code = (
        "import sys, annotator.app;"
        f"bad = [m for m in sys.modules if m.startswith({later!r})];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stdout + out.stderr


def test_review_names_stay_the_functions_after_their_modules_load() -> None:
    """annotator.review loads its modules on first use; `agreement` and `merge` are also module
    names, and importing those modules first must not turn the package's names into modules."""
    code = (
        "import annotator.review.agreement, annotator.review.merge;"
        "from annotator.review import agreement, merge, Doc, GOLD;"
        "import annotator.review as r;"
        "ok = callable(agreement) and callable(merge) and callable(r.merge) and GOLD == '@gold';"
        "print(agreement, merge); raise SystemExit(0 if ok else 1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
