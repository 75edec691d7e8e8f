"""Helpers for the workbench tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from annotator.core.offsets import OffsetIndex

ZH_ASTRAL = "😀𠮷阿里今年的小目标是新增至少1亿用户。京东也在下沉市场发力。\n"
ZH_PLAIN = "拼多多宣布投入100亿元补贴农产品，阿里巴巴回应称将继续加大对下沉市场的投入。\n"
EN = "Harbor Street Goods will offer same-day delivery from all of its 310 stores.\n"
ARTICLES = (("阿里的小目标", ZH_ASTRAL, "zh"), ("拼多多的补贴", ZH_PLAIN, "zh"),
            ("Same-day delivery", EN, "en"))


def select(view, start: int, end: int) -> None:
    """Select code points [start, end) in an ArticleView, as a mouse drag would."""
    offsets = OffsetIndex(view.article().text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def article_id(project, title: str) -> int:
    return next(s.id for s in project.articles() if s.title == title)
