"""An article with many spans opens by its first screen (issue 14).

When the window starts on an article holding thousands of spans, reading them all, building
their objects and filling the annotation list took ~130 ms before the first paint (10k spans
on a 100k-character article). So the pane reads the spans that start in and just above the
text in sight, draws them, and reads every span right after the window's first paint: what
the first frame shows of the article is what it shows once everything is read (a test
compares the pixels), and the annotation list says it is still reading until then.

Only an opening that names its scroll position asks for this (the window opening a project:
its last article, else its first); everything else that opens an article reads every span at
once, since it may act on any of them straight after.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.offsets import OffsetIndex

#: An article with more spans than this (the store's kept count) opens by its first screen.
MANY_SPANS = 2000
#: Spans starting up to this many characters above the text in sight are read with it, so a
#: long span reaching into sight is drawn in the first frame too.
REACH = 2000
#: The text in sight is estimated this many times over (narrow characters, short lines).
MARGIN = 2


def text_in_sight(view: QPlainTextEdit, offsets: OffsetIndex) -> tuple[int, int]:
    """Code points [lo, hi) holding every span start the view can show from its first visible
    block, plus ``REACH`` above it. The view is not laid out before the window first shows,
    so its room is taken as the whole window's (at least as big as the viewport's; the
    screen's when the window opens maximized), each line as full of the narrowest characters
    the font has on average."""
    top = offsets.from_utf16(view.firstVisibleBlock().position(), snap="left")
    window = view.window()
    if view.isVisible():
        room = view.viewport().size()
    elif window.isMaximized() or window.isFullScreen():  # its size before show is the normal one
        room = window.screen().availableGeometry().size()
    else:
        room = window.size()
    metrics = view.fontMetrics()
    narrowest = max(1, min(metrics.averageCharWidth(), metrics.horizontalAdvance("中")))
    per_line = max(1, room.width() // narrowest)
    lines = max(1, room.height() // max(1, metrics.lineSpacing()))
    return max(0, top - REACH), top + MARGIN * per_line * lines
