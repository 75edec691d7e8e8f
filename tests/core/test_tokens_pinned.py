"""Word tokens are pinned: a faster segmenter must cut exactly where jieba 0.42.1 cut before.

Agreement scores, the token cache and CoNLL exports all depend on these boundaries; a change
would move every token coefficient a user has reported. The expected words were recorded with
``segment.tokens`` before issue 14's fast path (jieba's own ``Tokenizer.tokenize``, HMM on).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from importlib import metadata

import pytest

from annotator.core import segment

PINNED = {
    "阿里今年的小目标是新增至少1亿用户": "阿里/今年/的/小/目标/是/新增/至少/1/亿/用户",
    "崔丽丽在聚划算的直播间里卖出了三千五百万元的货":
        "崔/丽丽/在/聚/划算/的/直播间/里/卖出/了/三千五百/万元/的/货",
    "〇〇七号文件由国务院办公厅印发，々字和㐀㐁字照样切分":
        "〇/〇/七号/文件/由/国务院办公厅/印发/，/々/字/和/㐀/㐁/字/照样/切分",
    "𠮷野家在北京开了新店，B站和iPhone的用户增长3.5%":
        "𠮷/野家/在/北京/开/了/新店/，/B/站/和/iPhone/的/用户/增长/3.5%",
    "彭小军认为温格的曼联在NBA比赛中表现不佳":
        "彭小军/认为/温格/的/曼联/在/NBA/比赛/中/表现/不佳",
    "豈更切分兼容汉字﨑﨔与鿐鿕鿖鿿": "豈/更/切分/兼容/汉字/﨑/﨔/与/鿐/鿕/鿖/鿿",
    "中华人民共和国国务院总理李克强昨日在人民大会堂会见记者":
        "中华人民共和国国务院/总理/李克强/昨日/在/人民大会堂/会见/记者",
    "他说：“我们今年要在下沉市场拿下县城消费者！”":
        "他/说/：/“/我们/今年/要/在/下沉/市场/拿下/县城/消费者/！/”",
}
#: sha256 of repr(tokens(text, "zh")) over the 3,000 generated texts of ``_generated``
GENERATED_DIGEST = "e997314a7b85466e3903d973ec67195c954c9eba4b322600805a614f1bb4732b"
PIECES = ["阿里", "京东", "拼多多", "今年", "用户", "下沉", "市场", "增长", "电商", "彭", "小", "军",
          "温", "格", "崔", "丽", "㐀", "〇", "々", "𠮷", "豈", "的", "了", "是", "在", "，", "3.5%",
          "NBA", " "]


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        segment.reset()
        yield
        segment.reset()


def _generated() -> list[str]:
    rng = random.Random(14)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(3000)]


def test_the_pinned_jieba_version_is_the_one_installed() -> None:
    assert metadata.version("jieba") == "0.42.1"  # another version: record the pins again


@pytest.mark.parametrize("text", list(PINNED))
def test_known_sentences_are_cut_where_they_always_were(text: str) -> None:
    assert "/".join(text[a:b] for a, b in segment.tokens(text, "zh")) == PINNED[text]


def test_three_thousand_generated_texts_are_cut_byte_for_byte_as_before() -> None:
    digest = hashlib.sha256()
    for text in _generated():
        digest.update(repr(segment.tokens(text, "zh")).encode())
    assert digest.hexdigest() == GENERATED_DIGEST
