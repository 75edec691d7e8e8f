"""The word-token cache behind ``agreement --tokens word``: hits, misses, and files it must not
trust (corrupt, truncated, foreign, for another key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core import segment, token_cache
from annotator.core.token_cache import TokenCache
from annotator.review import Doc, agreement

TEXT = "阿里今年的小目标是新增至少1亿用户。京东 said growth rose 3.5% in the quarter.\n下沉市场"


class Counting:
    """segment.tokens, counting how often it really segments."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str, lang: str | None) -> list[tuple[int, int]]:
        self.calls += 1
        return segment.tokens(text, lang)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "annotator" / "tokens"


def _expected(text: str = TEXT, lang: str | None = "zh") -> tuple[list[int], list[int]]:
    spans = segment.tokens(text, lang)
    return [a for a, _ in spans], [b for _, b in spans]


def test_second_run_reads_the_cache_and_gives_the_same_tokens(cache_home: Path) -> None:
    first = Counting()
    assert TokenCache(segmenter=first).bounds(TEXT, "zh") == _expected()
    assert first.calls == 1
    assert len(list(cache_home.glob("*.tok"))) == 1  # in the user's cache folder
    second = Counting()
    cache = TokenCache(segmenter=second)
    assert cache.bounds(TEXT, "zh") == _expected()
    assert second.calls == 0 and cache.hits == 1


def test_changed_terms_miss_the_cache(cache_home: Path) -> None:
    segment.reset()
    try:
        TokenCache().bounds(TEXT, "zh")
        segment.add_terms(["小目标是"])
        after = Counting()
        starts, ends = TokenCache(segmenter=after).bounds(TEXT, "zh")
        assert after.calls == 1  # another term list: segmented again, not the old tokens
        assert (TEXT.index("小目标是"), TEXT.index("小目标是") + 4) in set(zip(starts, ends))
    finally:
        segment.reset()


def test_another_language_or_text_misses(cache_home: Path) -> None:
    TokenCache().bounds(TEXT, "zh")
    counting = Counting()
    cache = TokenCache(segmenter=counting)
    assert cache.bounds(TEXT, "en") == _expected(TEXT, "en")  # one token per Han character
    assert cache.bounds(TEXT + "。", "zh") == _expected(TEXT + "。")
    assert counting.calls == 2


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "bad zlib", "zero-length token"])
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(cache_home: Path, damage: str) -> None:
    TokenCache().bounds(TEXT, "zh")
    (file,) = cache_home.glob("*.tok")
    data = file.read_bytes()
    head = len(token_cache.MAGIC) + token_cache._HEADER.size
    if damage == "truncated":
        data = data[:-5]
    elif damage == "garbage":
        data = b"\x00\xff" * 50
    elif damage == "empty":
        data = b""
    elif damage == "bad zlib":
        data = data[:head] + b"not zlib at all"
    else:  # a well-formed file whose tokens are empty: must not be believed
        import zlib
        from array import array

        count = len(_expected()[0])
        data = data[:head] + zlib.compress(array("B", [0] * (2 * count)).tobytes())
    file.write_bytes(data)
    counting = Counting()
    assert TokenCache(segmenter=counting).bounds(TEXT, "zh") == _expected()
    assert counting.calls == 1
    assert TokenCache(segmenter=counting).bounds(TEXT, "zh") == _expected()
    assert counting.calls == 1  # rebuilt: the next run hits again


def test_a_file_for_another_key_is_not_used(cache_home: Path) -> None:
    # a foreign file planted under this article's name (another text's tokens)
    cache = TokenCache()
    cache.bounds("完全不同的另一篇文章", "zh")
    (other,) = cache_home.glob("*.tok")
    mine = cache_home / f"{cache.key(TEXT, 'zh').hex()}.tok"
    mine.write_bytes(other.read_bytes())
    counting = Counting()
    assert TokenCache(segmenter=counting).bounds(TEXT, "zh") == _expected()
    assert counting.calls == 1


def test_tokens_past_the_end_of_the_text_are_not_used(cache_home: Path) -> None:
    # a well-formed file with the right key whose tokens run past the text's end
    cache = TokenCache()
    key = cache.key(TEXT, "zh")
    cache._write(cache_home / f"{key.hex()}.tok", key, segment.tokens(TEXT * 2, "zh"))
    counting = Counting()
    assert TokenCache(segmenter=counting).bounds(TEXT, "zh") == _expected()
    assert counting.calls == 1


def test_cache_folder_is_kept_under_its_bound(cache_home: Path) -> None:
    cache = TokenCache()
    for i in range(20):
        cache.bounds(f"第{i}篇。{TEXT}", "zh")
    files = list(cache_home.glob("*.tok"))
    size = sum(f.stat().st_size for f in files)
    removed = cache.prune(max_bytes=size // 2)
    left = sum(f.stat().st_size for f in cache_home.glob("*.tok"))
    assert removed > 0 and left <= size // 2 * 3 // 4
    assert cache.prune(max_bytes=size) == 0  # under the bound: nothing removed


def test_an_unwritable_cache_folder_still_gives_tokens(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert TokenCache(path=blocker / "tokens").bounds(TEXT, "zh") == _expected()


def test_agreement_word_tokens_are_the_same_from_the_cache(cache_home: Path) -> None:
    docs = [Doc(1, TEXT, "zh", {"a": [(0, 2, "company")], "b": [(0, 4, "company")]})]
    fresh = agreement(docs, ["a", "b"], cache=False).to_dict()
    first = agreement(docs, ["a", "b"]).to_dict()
    assert list(cache_home.glob("*.tok"))
    second = agreement(docs, ["a", "b"]).to_dict()
    assert fresh == first == second


def test_agreement_command_twice_reads_the_cache_and_never_writes_the_project(
        cache_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator.cli import main
    from tests.review.helpers import file_hash, make_project

    project = make_project(tmp_path / "two.db", [
        ("阿里", TEXT, [(0, 2, "company", "ann"), (0, 4, "company", "bo"),
                      (13, 15, "figure", "ann"), (13, 15, "figure", "bo")])])
    before = file_hash(project)
    assert main(["agreement", str(project), "--json"]) == 0
    first = capsys.readouterr().out
    cached = sorted(cache_home.glob("*.tok"))
    assert cached  # the tokens went to the user's cache folder ...

    def no_segmenting(text: str, lang: str | None) -> list[tuple[int, int]]:
        raise AssertionError("segmented again instead of reading the cache")

    monkeypatch.setattr(segment, "tokens", no_segmenting)
    assert main(["agreement", str(project), "--json"]) == 0
    assert capsys.readouterr().out == first  # ... and the second run reads the same tokens
    assert sorted(cache_home.glob("*.tok")) == cached
    assert file_hash(project) == before  # reading never writes: nothing in the project file
