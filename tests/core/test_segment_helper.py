"""Word tokens of a big batch shared with a helper process: the same tokens as segmenting here,
whatever the helper does (issue 14)."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator

import pytest

from annotator.core import segment, segment_helper
from annotator.core.segment_helper import tokens_of_many

PIECES = ["阿里", "京东", "聚划算", "今年", "用户", "彭", "小", "军", "崔", "丽", "，", "。", "3.5%",
          "NBA", " ", "\n", "𠮷", "Alibaba", "don't"]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """jieba's trie in a private cache folder (the helper inherits it); two CPUs, so that a
    helper is used on any machine; no project terms before or after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))
    monkeypatch.setattr(segment_helper.os, "cpu_count", lambda: 2)
    segment.reset()
    yield
    segment.reset()


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[segment_helper._Helper]:
    """Every helper started, and the answer each gave (None: failed) in ``answers``."""
    started: list[segment_helper._Helper] = []
    init, result = segment_helper._Helper.__init__, segment_helper._Helper.result

    def record_init(self: segment_helper._Helper, *args: object) -> None:
        init(self, *args)  # type: ignore[arg-type]
        started.append(self)

    def record_result(self: segment_helper._Helper) -> object:
        answer = result(self)
        self.answer = answer  # type: ignore[attr-defined]
        return answer

    monkeypatch.setattr(segment_helper._Helper, "__init__", record_init)
    monkeypatch.setattr(segment_helper._Helper, "result", record_result)
    return started


def _items(count: int = 300) -> list[tuple[str, str | None]]:
    rng = random.Random(11)
    return [("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30))),
             rng.choice(("zh", None, "en"))) for _ in range(count)]


def _here(items: list[tuple[str, str | None]]) -> list[list[tuple[int, int]]]:
    return [segment.tokens(text, lang) for text, lang in items]


def test_a_helper_process_cuts_the_same_words_with_the_project_terms(
        helpers: list[segment_helper._Helper]) -> None:
    segment.add_terms(["彭小军", "京东聚划算"])  # the helper must know them, in this order
    items = _items()
    assert list(tokens_of_many(items, min_chars=0)) == _here(items)
    assert len(helpers) == 1 and helpers[0].answer is not None  # type: ignore[attr-defined]
    assert helpers[0].proc is not None and helpers[0].proc.returncode == 0


def test_a_small_batch_is_segmented_here_without_a_helper(
        helpers: list[segment_helper._Helper]) -> None:
    items = _items(20)
    assert list(tokens_of_many(items)) == _here(items)
    assert helpers == []


@pytest.mark.parametrize("command", [
    [sys.executable, "-c", "import sys; sys.exit(3)"],  # fails
    [sys.executable, "-c", "import sys, marshal; sys.stdin.buffer.read(); "
                           "sys.stdout.buffer.write(marshal.dumps([[0, 1]]))"],  # one answer
    [sys.executable, "-c", "import sys; sys.stdin.buffer.read(); "
                           "sys.stdout.buffer.write(b'not marshal')"],
    ["/nonexistent/annotator-helper"],  # cannot start
], ids=["exits-3", "wrong-count", "garbage", "missing"])
def test_a_helper_that_fails_loses_no_tokens(command: list[str],
                                             helpers: list[segment_helper._Helper]) -> None:
    items = _items()
    assert list(tokens_of_many(items, min_chars=0, command=command)) == _here(items)
    assert len(helpers) == 1 and helpers[0].answer is None  # type: ignore[attr-defined]


def test_a_caller_that_stops_early_stops_the_helper(
        helpers: list[segment_helper._Helper]) -> None:
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    batch = tokens_of_many(_items(), min_chars=0, command=sleeper)
    assert next(batch) == _here(_items()[:1])[0]
    batch.close()
    proc = helpers[0].proc
    assert proc is not None and proc.returncode is not None  # killed and reaped, not left
