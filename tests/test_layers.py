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


#: What the window must not load before its first paint (issue 14): the docks hidden at start
#: and their modules, the inspector's rows (shown by default, it shows its placeholder until a
#: span is selected), the panes' find bars (Ctrl+F), review mode's dock and comparisons; and PySide's QStyle, whose eleven
#: enum types cost ~14 ms when any code names it or calls ``widget.style()``, and QGradient, whose
#: five (one of ~180 presets) any ``QPainter.fillRect`` call builds, ~3 ms.
LATER_THAN_FIRST_PAINT = (
    "annotator.ui.search", "annotator.ui.concordance", "annotator.store.concordance",
    "annotator.ui.registry.dock", "annotator.ui.registry.alias", "annotator.ui.registry.dialogs",
    "annotator.ui.guidelines", "annotator.ui.claims.article_panel", "annotator.ui.review_panel",
    "annotator.ui.claims.attribute_editors", "annotator.ui.claims.suggestion_row",
    "annotator.ui.registry.company_line", "annotator.ui.find_bar",
    "annotator.ui.review_commands", "annotator.ui.review_structure",
    "annotator.review.adjudicate", "annotator.review.adjudicate_structure",
    # the import summary and bad-files dialogs, a pane's context menu, the relation commands
    # (issue 14: imported when first used)
    "annotator.ui.import_report", "annotator.ui.span_menu",
    "annotator.ui.claims.relation_commands",
    # the records of an import or a merge, and the company registry's entries: frozen
    # dataclasses, ~9 ms of compiling
    "annotator.core.records", "annotator.core.registry",
)


def test_the_windows_first_paint_makes_no_hidden_dock_and_no_qstyle(tmp_path: Path) -> None:
    """A window that reopens an article with spans, painted once: the docks it does not show
    (Search, Concordance, Registry, Guidelines, Article, Review) are not made and their modules
    not imported; the next start still makes the one the user left shown."""
    from annotator.core.model import ArticleRecord
    from annotator.store import Project

    path = tmp_path / "p.db"
    with Project.create(path) as project:
        project.add_articles([ArticleRecord(text="阿里今年的小目标是新增至少1亿用户。",
                                            title="阿里", where="t")], "setup")
        project.add_span(1, 0, 2, "company", "ann")
    code = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import PySide6.QtWidgets as W\n"
        "import PySide6.QtGui as G\n"
        "from annotator.app import build_window\n"
        "app = QApplication([])\n"
        "class Painted(QObject):\n"
        "    done = False\n"
        "    def eventFilter(self, o, e):\n"
        "        self.done = self.done or e.type() == QEvent.Type.Paint\n"
        "        return False\n"
        f"window = build_window({str(path)!r}, 'ann')\n"
        "spy = Painted()\n"
        "window.workbench.left.view.viewport().installEventFilter(spy)\n"
        "window.show()\n"
        "while not spy.done:\n"
        "    app.processEvents()\n"
        f"later = {LATER_THAN_FIRST_PAINT!r}\n"
        "print(sorted(m for m in sys.modules if m.startswith(later)), 'QStyle' in W.__dict__,\n"
        "      'QGradient' in G.__dict__,\n"
        "      window.workbench.left.view.spans()[0].text)\n"
        "if len(sys.argv) > 1:  # View > Concordance, on or off, before closing\n"
        "    window.concordance.setVisible(sys.argv[1] == 'show')\n"
        "window.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "ANNOTATOR_SETTINGS_DIR": str(tmp_path / "settings")}

    def start(*args: str) -> str:
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                             text=True, env=env, timeout=120)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    assert start("show") == "[] False False 阿里"
    # closed with the concordance shown: the next start makes it for its first paint
    assert start("hide") == ("['annotator.store.concordance', 'annotator.ui.concordance'] False "
                             "False 阿里")
    assert start() == "[] False False 阿里"  # closed with it hidden
