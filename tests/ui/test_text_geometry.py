"""Where blocks sit in a QPlainTextEdit (issue 14): each repaint walks the blocks shown, and
``blockBoundingGeometry`` walks every block from the top one to the one asked, and lays out the
block below the last one shown when asked of it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.text_geometry import drawn_blocks, visible_blocks, visible_range


@pytest.fixture
def edit(qtbot):
    """300 paragraphs of one to seven lines, scrolled down a little."""
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.resize(400, 300)
    edit.setPlainText("\n".join(f"段落{i} " * (i % 7 + 1) * 5 for i in range(300)))
    edit.show()
    qtbot.waitExposed(edit)
    edit.verticalScrollBar().setValue(120)
    edit.viewport().repaint()
    return edit


def test_drawn_blocks_are_where_qt_puts_them_and_none_below_is_laid_out(edit):
    drawn = list(drawn_blocks(edit))
    assert len(drawn) > 3
    offset = edit.contentOffset()
    for block, rect in drawn:
        assert rect == edit.blockBoundingGeometry(block).translated(offset)
    assert [b.blockNumber() for b in visible_blocks(edit)] == [b.blockNumber()
                                                               for b, _r in drawn]
    below = drawn[-1][0].next()
    assert drawn[-1][1].bottom() >= edit.viewport().height() > drawn[-1][1].top()
    assert below.layout().lineCount() == 0  # not laid out to find it is below
    # a bottom above the viewport's: only the blocks reaching it
    top_half = list(drawn_blocks(edit, 100.0))
    assert top_half and top_half[-1][1].top() <= 100 < top_half[-1][1].bottom() + 1


def test_the_visible_range_runs_from_the_first_block_shown_to_the_end_of_the_last(edit):
    lo, hi = visible_range(edit)
    bottom = edit.cursorForPosition(edit.viewport().rect().bottomRight()).block()
    assert lo == edit.firstVisibleBlock().position()
    assert hi == bottom.position() + bottom.length()
