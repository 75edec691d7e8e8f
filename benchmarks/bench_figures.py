"""The figure parser (issue 12) over a big text: ``find_figures`` on ~2 MB (UTF-8) of generated
Chinese news-like text, next to a floor measured in the same run: one compiled regular
expression scanning the same text for runs of digits (the least any figure finder must do).
The issue sets no goal: the rows are for information. The second row puts the same figure next
to tokenizing the text with the project's segmenter, the floor of issue 12's ``suggest`` goal
(all suggestions <= 3x tokenizing), of which finding figures is one part.
"""

from __future__ import annotations

import random
import re

from benchmarks.common import CORPUS_SEED, ZH_WORDS, Row, timed

# {n} is a fresh number each time (no two figures alike: nothing is read from a cache)
FIGURES = ("约{n}.5亿元", "近{n}万家", "超过{n}%", "{n}个百分点", "{n}小时以内", "三千五百万", "四成",
           "{n}倍", "1,{n:03d}家", "同比增长{n}%", "环比下降{n}.5%", "{year}年", "11月{day}日",
           "{n}多万用户", "十二点五亿", "人民币{n}亿元", "第{day}季度", "一个")


def news_text(target_bytes: int, seed: int = CORPUS_SEED) -> str:
    """Sentences of ``ZH_WORDS`` with a figure (or a date, year or ordinal) every few words."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < target_bytes:
        if rng.random() < 0.15:
            piece = rng.choice(FIGURES).format(n=rng.randrange(1, 1000), day=rng.randrange(1, 29),
                                               year=rng.randrange(1990, 2030))
        else:
            piece = rng.choice(ZH_WORDS)
        if rng.random() < 0.1:
            piece += "，" if rng.random() < 0.7 else "。\n"
        out.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(out)


def run(quick: bool) -> list[Row]:
    from annotator.core import segment
    from annotator.core.figures import find_figures

    text = news_text(200_000 if quick else 2_000_000)
    megabytes = len(text.encode("utf-8")) / 1e6
    digits = re.compile(r"[0-9]+")
    rounds = 2 if quick else 3
    found = find_figures(text)
    measured = min(timed(lambda: find_figures(text)) for _ in range(rounds))
    floor = min(timed(lambda: digits.findall(text)) for _ in range(rounds))
    segment.warm_up()  # the dictionary load is not what we compare with
    tokenizing = timed(lambda: segment.tokens(text, "zh"))
    name = f"figures: find_figures, {megabytes:.1f} MB Chinese news"
    return [
        Row(f"{name} ({len(found):,} figures)", measured * 1e3, "ms", floor=floor * 1e3,
            floor_name="one compiled regex scan for digits over the same text", goal="info"),
        Row(name, measured * 1e3, "ms", floor=tokenizing * 1e3,
            floor_name="segment.tokens (jieba) of the same text, once", goal="info"),
    ]
