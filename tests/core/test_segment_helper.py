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
    """Every helper started (its answers: ``ready``)."""
    started: list[segment_helper._Helper] = []
    init = segment_helper._Helper.__init__

    def record_init(self: segment_helper._Helper, *args: object) -> None:
        init(self, *args)  # type: ignore[arg-type]
        started.append(self)

    monkeypatch.setattr(segment_helper._Helper, "__init__", record_init)
    return started


@pytest.fixture
def waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process waits for the helper's tokens instead of segmenting from the end."""
    monkeypatch.setattr(segment_helper, "STEAL", False)


def _items(count: int = 300) -> list[tuple[str, str | None]]:
    rng = random.Random(11)
    return [("".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30))),
             rng.choice(("zh", None, "en"))) for _ in range(count)]


def _here(items: list[tuple[str, str | None]]) -> list[list[tuple[int, int]]]:
    return [segment.tokens(text, lang) for text, lang in items]


def test_a_helper_process_cuts_the_same_words_with_the_project_terms(
        helpers: list[segment_helper._Helper], waiting: None) -> None:
    segment.add_terms(["彭小军", "京东聚划算"])  # the helper must know them, in this order
    items = _items()
    assert list(tokens_of_many(items, min_chars=0)) == _here(items)
    assert len(helpers) == 1 and len(helpers[0].ready) == len(items)  # in several frames
    assert len(items) > 2 * segment_helper.FRAME_ITEMS


def test_this_process_takes_items_from_the_end_while_the_helper_is_busy(
        helpers: list[segment_helper._Helper]) -> None:
    """A helper that never answers (a busy CPU) costs no wait: every item is segmented here,
    from the end of the batch, and the helper is stopped."""
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    items = _items()
    assert list(tokens_of_many(items, min_chars=0, command=sleeper)) == _here(items)
    proc = helpers[0].proc
    assert helpers[0].ready == [] and proc is not None and proc.returncode is not None


#: A helper that answers the first 20 items in frames of 5, then stalls (a busy CPU).
STALLING = """
import marshal, sys, time
from annotator.core import segment
from annotator.core.segment_helper import _LENGTH
terms, items = marshal.load(sys.stdin.buffer)
segment.add_terms(terms)
for first in range(0, 20, 5):
    frame = [[x for span in segment.tokens(*item) for x in span] for item in items[first:first + 5]]
    data = marshal.dumps(frame)
    sys.stdout.buffer.write(_LENGTH.pack(len(data)) + data)
    sys.stdout.buffer.flush()
time.sleep(60)
"""


def test_the_helpers_tokens_and_this_process_meet_in_order(
        helpers: list[segment_helper._Helper], monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper answers the first items, this process the rest from the end: the batch comes
    out whole and in order, and the stalled helper is stopped."""
    monkeypatch.setattr(segment_helper, "STEAL", False)  # wait for the helper's 20 first
    items = _items()
    out = []
    for spans in tokens_of_many(items, min_chars=0, command=[sys.executable, "-c", STALLING]):
        out.append(spans)
        if len(out) == 20:
            monkeypatch.setattr(segment_helper, "STEAL", True)
    assert out == _here(items)
    proc = helpers[0].proc
    assert len(helpers[0].ready) == 20 and proc is not None and proc.returncode is not None


@pytest.mark.parametrize("command", [
    [sys.executable, "-c", "import sys; sys.exit(3)"],  # fails
    [sys.executable, "-c", "import sys, marshal; sys.stdin.buffer.read(); "
                           "sys.stdout.buffer.write(marshal.dumps([[0, 1]]))"],  # one answer
    [sys.executable, "-c", "import sys; sys.stdin.buffer.read(); "
                           "sys.stdout.buffer.write(b'not marshal')"],
    ["/nonexistent/annotator-helper"],  # cannot start
], ids=["exits-3", "wrong-count", "garbage", "missing"])
def test_a_helper_that_fails_loses_no_tokens(command: list[str],
                                             helpers: list[segment_helper._Helper],
                                             waiting: None) -> None:
    items = _items()
    assert list(tokens_of_many(items, min_chars=0, command=command)) == _here(items)
    assert len(helpers) == 1 and helpers[0].ready == [] and helpers[0].done.is_set()


def test_a_caller_that_stops_early_stops_the_helper(
        helpers: list[segment_helper._Helper]) -> None:
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    batch = tokens_of_many(_items(), min_chars=0, command=sleeper)
    assert next(batch) == _here(_items()[:1])[0]
    batch.close()
    proc = helpers[0].proc
    assert proc is not None and proc.returncode is not None  # killed and reaped, not left
