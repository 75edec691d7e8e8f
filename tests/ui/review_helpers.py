"""A small hand-built review case: two annotators on one Chinese article (tests only)."""

from __future__ import annotations

from pathlib import Path

from workbench_helpers import ARTICLES, ZH_PLAIN

from annotator.core.model import ArticleRecord

TITLE = "拼多多的补贴"


def at(word: str) -> tuple[int, int]:
    start = ZH_PLAIN.index(word)
    return start, start + len(word)


#: (annotator, word, label)
SPANS = (
    ("ann", "拼多多", "company"), ("bo", "拼多多", "company"),  # agree
    ("ann", "100亿元", "figure"), ("bo", "100亿", "figure"),  # boundary
    ("ann", "补贴农产品", "claim"),  # left only
    ("ann", "阿里巴巴", "company"), ("bo", "阿里巴巴", "strategy"),  # label
    ("bo", "下沉市场", "strategy"),  # right only
)
#: the disagreements of ann (left) against bo (right), in text order
EXPECTED = [(*at("100亿元"), "boundary"), (*at("补贴农产品"), "left_only"),
            (*at("阿里巴巴"), "label"), (*at("下沉市场"), "right_only")]


def make_review_project(path: Path) -> Path:
    from annotator.store import Project

    with Project.create(path, title="Review test") as project:
        project.add_articles([ArticleRecord(text=text, title=title, language=lang,
                                            where=f"test:{i}")
                              for i, (title, text, lang) in enumerate(ARTICLES)], "setup")
        article = next(a.id for a in project.articles() if a.title == TITLE)
        for who, word, label in SPANS:
            project.add_span(article, *at(word), label, who)
    return path
