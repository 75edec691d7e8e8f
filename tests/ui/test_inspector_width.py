"""The inspector fits its dock (issue 10 leftover): at a 1400x900 window with the default dock
width, a selected claim (claim_type's five check boxes among its editors) needs no horizontal
scroll bar, in English and in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea
from workbench_helpers import ZH_ASTRAL, article_id

from annotator.ui import i18n

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request, qapp):
    translators = i18n.install(qapp, request.param)
    yield request.param
    i18n.uninstall(qapp, translators)


def test_a_selected_claim_needs_no_horizontal_scroll_bar_at_1400x900(qtbot, workbench_project,
                                                                    no_leaked_widgets,
                                                                    language):
    from annotator.app import build_window

    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    project = win.ctx.project
    aid = article_id(project, "阿里的小目标")
    claim = project.add_span(aid, 2, 19, "claim", "tester")
    assert claim.text == ZH_ASTRAL[2:19]
    win.workbench.open_article(aid, win.workbench.left)
    win.acts.show_inspector.setChecked(True)
    win.workbench.left.view.select_span(claim.id)
    dock = win.inspector
    assert dock is not None
    qtbot.waitUntil(lambda: dock.span is not None and dock.span.id == claim.id)
    assert "claim_type" in dock.editors
    scroll = dock.widget()
    assert isinstance(scroll, QScrollArea)
    QApplication.processEvents()
    bar = scroll.horizontalScrollBar()
    assert not bar.isVisible(), (
        f"{language}: body needs {dock.body.minimumSizeHint().width()} px, "
        f"the dock gives {scroll.viewport().width()}")
