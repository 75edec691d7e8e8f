"""The trie-backed jieba tokenizer segments exactly like stock jieba, and caches its trie."""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.jieba_compact import CompactFreq, CompactTokenizer

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import jieba

jieba.setLogLevel(logging.WARNING)

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.txt"))
WORDS = ["阿里", "京东", "拼多多", "今年", "用户", "下沉市场", "增长", "电商平台", "双十一", "直播",
         "零售", "县城", "消费者", "补贴", "物流", "中华人民共和国", "的", "了", "是", "在", "小目标",
         "新增", "至少", "亿", "万", "美团", "外卖", "会员", "超市", "当日达"]
OTHER = ["1", "2024", "3.5", "%", "ab", "Z", "iPhone", "B站", "-", "_", "+", "#", "&", ".",
         "，", "。", "！", "？", "“", "”", "、", "（", "）", " ", "\u3000", "\u00a0", "\n", "\r\n",
         "\t", "😀", "👍🏽", "𠮷", "の", "한"]
texts = st.lists(st.sampled_from(WORDS + OTHER) | st.sampled_from(WORDS), max_size=40).map("".join)
some = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _stock(cache: Path, dictionary: str | None = None) -> Any:
    tokenizer = jieba.Tokenizer(dictionary)
    tokenizer.tmp_dir = str(cache)  # never the shared temp directory
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jieba-cache")


@pytest.fixture(scope="module")
def stock(cache: Path) -> Any:
    return _stock(cache)


@pytest.fixture(scope="module")
def compact(cache: Path) -> CompactTokenizer:
    tokenizer = CompactTokenizer(cache_dir=cache)
    tokenizer.initialize()
    return tokenizer


def test_same_total_as_jieba(stock: Any, compact: CompactTokenizer) -> None:
    assert compact.total == stock.total
    assert isinstance(compact.FREQ, CompactFreq)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_articles_tokenize_identically(
    path: Path, stock: Any, compact: CompactTokenizer
) -> None:
    text = path.read_text(encoding="utf-8")
    assert list(compact.tokenize(text)) == list(stock.tokenize(text))
    assert list(compact.tokenize(text, HMM=False)) == list(stock.tokenize(text, HMM=False))
    assert list(compact.tokenize(text, mode="search")) == list(stock.tokenize(text, mode="search"))
    assert compact.lcut(text, cut_all=True) == stock.lcut(text, cut_all=True)
    assert compact.get_DAG(text) == stock.get_DAG(text)  # the DAG itself, lists in order


@some
@given(text=texts)
def test_generated_text_tokenizes_identically(
    text: str, stock: Any, compact: CompactTokenizer
) -> None:
    assert list(compact.tokenize(text)) == list(stock.tokenize(text))
    assert compact.get_DAG(text) == stock.get_DAG(text)


def _offsets(tokenizer: Any, text: str) -> list[tuple[int, int]]:
    return [(a, b) for _, a, b in tokenizer.tokenize(text)]


@some
@given(text=texts, offset=st.integers(0, 5))
def test_the_fast_path_cuts_generated_text_where_stock_jieba_does(
    text: str, offset: int, stock: Any, compact: CompactTokenizer
) -> None:
    assert compact.spans(text, offset) == [(a + offset, b + offset) for a, b in _offsets(stock, text)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_fast_path_cuts_sample_articles_where_stock_jieba_does(
    path: Path, stock: Any, compact: CompactTokenizer
) -> None:
    text = path.read_text(encoding="utf-8")
    assert compact.spans(text) == _offsets(stock, text)


def test_freq_mapping_answers_like_jiebas_dict(stock: Any, compact: CompactTokenizer) -> None:
    probes = ["的", "中华", "中华人", "中华人民共和国", "中华人民共和国国", "双十", "双十一",
              "B超", "B", "iPhone", "zzz", "𠮷", "", "下沉市"]
    for word in probes:
        assert (word in compact.FREQ) == (word in stock.FREQ), word
        assert compact.FREQ.get(word) == stock.FREQ.get(word), word
        assert compact.FREQ.get(word, 1) == stock.FREQ.get(word, 1), word
    assert compact.FREQ["中华"] == stock.FREQ["中华"]
    with pytest.raises(KeyError):
        compact.FREQ["zzz"]


def test_identical_after_adding_words(cache: Path) -> None:
    stock, compact = _stock(cache), CompactTokenizer(cache_dir=cache)
    for tokenizer in (stock, compact):  # as annotator.core.segment.add_terms does
        for term in ("双十一", "拼多多", "下沉市场", "阿里巴巴集团"):
            tokenizer.add_word(term, freq=max(20_000, tokenizer.suggest_freq(term)))
        tokenizer.add_word("双十一促销狂欢节")  # jieba's suggested frequency; prefixes not words
        tokenizer.suggest_freq(("今", "年"), tune=True)
    assert compact.total == stock.total
    for word in ("双十一", "双十一促", "双十一促销狂欢节", "今年", "今", "拼多多"):
        assert (word in compact.FREQ) == (word in stock.FREQ), word
        assert compact.FREQ.get(word, 1) == stock.FREQ.get(word, 1), word
    text = "今年双十一期间，拼多多的双十一促销狂欢节和阿里巴巴集团在下沉市场竞争。双十一促销"
    assert [w for w, _, _ in compact.tokenize(text)][:3] == ["今", "年", "双十一"]
    for sample in [text] + [p.read_text(encoding="utf-8") for p in SAMPLES]:
        assert list(compact.tokenize(sample)) == list(stock.tokenize(sample))
        assert compact.spans(sample) == _offsets(stock, sample)
        assert list(compact.tokenize(sample, HMM=False)) == list(stock.tokenize(sample, HMM=False))


def test_a_remembered_hmm_cut_follows_a_word_forced_apart(cache: Path) -> None:
    """The HMM's words of an unknown name are remembered (issue 14), and forgotten once jieba
    forces a word apart (``del_word`` adds it to finalseg's forced splits, for every tokenizer:
    the other one's memory must see it too)."""
    from jieba import finalseg

    stock, compact, other = _stock(cache), CompactTokenizer(cache_dir=cache), CompactTokenizer(
        cache_dir=cache)
    text = "彭小军说，彭小军认为市场增长。"
    for _ in range(2):  # the second time from memory
        assert compact.spans(text) == other.spans(text) == _offsets(stock, text)
    name = text[compact.spans(text)[0][0]:compact.spans(text)[0][1]]
    assert name == "彭小军"  # one HMM word, remembered
    try:
        stock.del_word(name)  # forces it apart in finalseg, shared by all tokenizers
        compact.del_word(name)
        assert compact.spans(text) == other.spans(text) == _offsets(stock, text)
        assert compact.spans(text)[0] == (0, 1)
    finally:
        finalseg.Force_Split_Words.discard(name)


def test_custom_dictionary_with_zero_and_repeated_words(tmp_path: Path, cache: Path) -> None:
    lines = ["阿里 300 nz", "阿里巴巴 200 nz", "巴巴 50", "双十 0", "双十一 40", "十一 30",
             "今年 100 t", "今年 120 t", "年 10", "零售 0", "零售商 20"]
    path = tmp_path / "dict.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stock, compact = _stock(cache, str(path)), CompactTokenizer(str(path), cache_dir=cache)
    compact.initialize()
    assert compact.total == stock.total == 870
    for text in ("今年阿里巴巴双十一零售商零售双十阿里", "双十双十一十一", "零售零售商巴巴年"):
        assert compact.get_DAG(text) == stock.get_DAG(text)
        assert list(compact.tokenize(text)) == list(stock.tokenize(text))
        assert compact.spans(text) == _offsets(stock, text)
    for word in ("双十", "零售", "零", "今年", "阿里巴"):
        assert compact.FREQ.get(word) == stock.FREQ.get(word), word


def test_the_trie_is_cached_by_jieba_version_and_rebuilt_if_damaged(tmp_path: Path) -> None:
    first = CompactTokenizer(cache_dir=tmp_path)
    first.initialize()
    assert [p.name for p in tmp_path.iterdir()] == [f"jieba-{jieba.__version__}.trie"]
    cached = tmp_path / f"jieba-{jieba.__version__}.trie"
    size = cached.stat().st_size
    cached.write_bytes(cached.read_bytes()[:1000])  # truncated
    second = CompactTokenizer(cache_dir=tmp_path)
    second.initialize()
    assert second.total == first.total
    assert second.lcut("阿里今年的小目标") == first.lcut("阿里今年的小目标")
    assert cached.stat().st_size == size  # written again
    data = bytearray(cached.read_bytes())
    data[-100:] = bytes(100)  # damaged trie, right length
    cached.write_bytes(bytes(data))
    third = CompactTokenizer(cache_dir=tmp_path)
    third.initialize()
    assert third.lcut("阿里今年的小目标") == first.lcut("阿里今年的小目标")
    assert [p.name for p in tmp_path.iterdir()] == [cached.name]  # no temporary files left


def test_a_changed_dictionary_rebuilds_the_trie(tmp_path: Path) -> None:
    path = tmp_path / "dict.txt"
    path.write_text("阿里 300\n巴巴 50\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = CompactTokenizer(str(path), cache_dir=cache)
    first.initialize()
    assert first.lcut("阿里巴巴", HMM=False) == ["阿里", "巴巴"]
    path.write_text("阿里 300\n巴巴 50\n阿里巴巴 80\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    second = CompactTokenizer(str(path), cache_dir=cache)
    second.initialize()
    assert second.total == 430
    assert second.lcut("阿里巴巴", HMM=False) == ["阿里巴巴"]
    assert len(list(cache.iterdir())) == 1


def test_works_without_a_cache_directory() -> None:
    tokenizer = CompactTokenizer()
    assert tokenizer.lcut("阿里今年的小目标") == ["阿里", "今年", "的", "小", "目标"]
