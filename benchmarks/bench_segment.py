"""Snapping a selection to words in a long article (the label key's first step).

Moved here from a wall-clock limit in tests/core/test_segment.py. Floor, in the same run: jieba
tokenizing the text a snap has to segment (``segment.tokens``): the line, or in a line too long
for that, one window around each end of the selection.
"""

from __future__ import annotations

from benchmarks.common import Row, timed

SENTENCE = "阿里今年的小目标是新增至少1亿用户"


def run(quick: bool) -> list[Row]:
    from annotator.core import segment

    segment.warm_up()  # the dictionary load is not what we measure
    paragraph = (SENTENCE + "，双十一期间拼多多和京东竞争激烈。") * 30
    article = "\n".join([paragraph] * 3)
    long_line = SENTENCE * 60_000  # 1 MB, no whitespace or 。 to cut at
    half = segment._WINDOW // 2
    windows = [long_line[pos - half:pos + half] for pos in (500_001, 500_010)]
    rounds = 5 if quick else 15

    def cold(fn: object) -> float:
        def once() -> float:
            segment._window_tokens.cache_clear()
            return timed(fn)  # type: ignore[arg-type]
        return min(once() for _ in range(rounds))  # the least noisy figure on a busy machine

    in_article = cold(lambda: segment.snap(article, 1500, 1510))
    in_line = cold(lambda: segment.snap(long_line, 500_001, 500_010))
    floor_line = cold(lambda: [segment.tokens(w) for w in windows])
    floor_para = cold(lambda: segment.tokens(paragraph))
    return [
        Row("segment: snap a selection, 3k-character article", in_article * 1e3, "ms",
            floor=floor_para * 1e3, floor_name="segment.tokens of its line",
            goal="<= 1.5x", ok=in_article <= 1.5 * floor_para),
        Row("segment: snap a selection, 1 MB line without cuts", in_line * 1e3, "ms",
            floor=floor_line * 1e3, floor_name=f"segment.tokens of two {segment._WINDOW}-char windows",
            goal="<= 1.5x", ok=in_line <= 1.5 * floor_line),
    ]
