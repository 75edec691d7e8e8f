"""Word tokens of many texts, shared with a helper process when a second CPU is free (issue 14).

Segmenting with jieba is most of an agreement run over word tokens. :func:`tokens_of_many`
yields ``segment.tokens(text, lang)`` of each item, in order. When the texts hold at least
``min_chars`` characters and the machine has two CPUs or more, one helper process
(``python -m annotator.core.segment_helper``: this interpreter, this package, the same project
terms in the same order, jieba's trie from the user's cache folder) segments the batch from
its first item on and sends its tokens back in frames of a few dozen items, while this process
hands out the helper's tokens as they come (the caller works on them) and, whenever the next
one has not come yet, segments an item from the end of the batch itself. The two meet wherever
the machine's load puts them (no fixed split to get wrong when the other CPU is busy); the
helper is then stopped.

The helper loads the segmenter while this process sends the texts (marshal, on its stdin),
writes each frame as its length (4 bytes, little-endian) and a marshal of the items' token
bounds, and exits. If it cannot start, fails, or answers anything but one bound list per text,
the texts it has not answered are segmented here: the tokens are the same either way, only
slower. A caller that stops early stops the helper.
"""

from __future__ import annotations

import marshal
import os
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

#: Below this many characters a helper costs more (~0.3 s to start) than it saves.
MIN_CHARS = 200_000
#: Items to a frame the helper writes: small enough that this process soon has work, big
#: enough that a frame costs little.
FRAME_ITEMS = 64
#: False: wait for the helper's tokens instead of segmenting from the end of the batch (tests:
#: a helper that answers is then certainly used).
STEAL = True
_LENGTH = struct.Struct("<I")

Spans = list[tuple[int, int]]


def tokens_of_many(items: Sequence[tuple[str, str | None]], min_chars: int | None = None,
                   command: Sequence[str] | None = None) -> Iterator[Spans]:
    """``segment.tokens(text, lang)`` of each ``(text, lang)``, in order (see the module doc).
    ``min_chars`` defaults to :data:`MIN_CHARS`; ``command`` replaces the helper's command
    line (tests)."""
    for flat, tokens in _many(items, min_chars, command):
        yield list(zip(tokens[0::2], tokens[1::2])) if flat else tokens


def bounds_of_many(items: Sequence[tuple[str, str | None]], min_chars: int | None = None,
                   command: Sequence[str] | None = None
                   ) -> Iterator[tuple[list[int], list[int]]]:
    """:func:`tokens_of_many` as the starts and the ends of each item's tokens (what
    agreement reads; the helper's answers are sliced, never made tuples)."""
    for flat, tokens in _many(items, min_chars, command):
        if flat:
            yield tokens[0::2], tokens[1::2]
        else:
            yield [a for a, _ in tokens], [b for _, b in tokens]


def _many(items: Sequence[tuple[str, str | None]], min_chars: int | None,
          command: Sequence[str] | None) -> Iterator[tuple[bool, list[Any]]]:
    """Each item's tokens, in order: (True, the helper's flat [s0, e0, s1, e1, ...]) or
    (False, ``segment.tokens``)."""
    from annotator.core import segment

    if not _worth_a_helper(items, MIN_CHARS if min_chars is None else min_chars):
        for text, lang in items:
            yield False, segment.tokens(text, lang)
        return
    if not segment.trie_cached():
        segment.warm_up()  # a missing trie is built here once, not by both processes
    helper = _Helper(items, segment.terms(), command)
    segment.warm_up()  # while the helper starts
    back = len(items)  # items[back:] are segmented here, from the end
    mine: list[Spans] = []
    i = 0
    try:
        while i < back:
            if i < len(helper.ready) or helper.wait_for(i, block=not STEAL):
                yield True, helper.ready[i]
            elif helper.done.is_set() and i >= len(helper.ready):  # failed: here instead
                yield False, segment.tokens(*items[i])
            else:
                back -= 1
                mine.append(segment.tokens(*items[back]))
                continue
            i += 1
        helper.close()  # its work is done or taken over
        for tokens in reversed(mine):
            yield False, tokens
    finally:
        helper.close()


def _worth_a_helper(items: Sequence[tuple[str, str | None]], min_chars: int) -> bool:
    """Enough text for a helper, and a second CPU."""
    if len(items) < 2 or (os.cpu_count() or 1) < 2:
        return False
    return sum(len(text) for text, _ in items) >= min_chars


class _Helper:
    """One helper process segmenting ``items`` from the first; a thread reads its frames into
    :attr:`ready` (the flat token bounds of ``items[:len(ready)]``) and sets :attr:`done` at
    its end."""

    def __init__(self, items: Sequence[tuple[str, str | None]], terms: list[str],
                 command: Sequence[str] | None) -> None:
        self.count = len(items)
        self.ready: list[list[int]] = []
        self.done = threading.Event()
        self.arrived = threading.Condition()
        self.proc: subprocess.Popen[bytes] | None = None
        root = str(Path(__file__).resolve().parents[2])  # the folder holding ``annotator``
        env = {**os.environ,
               "PYTHONPATH": os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH"))))}
        try:
            self.proc = subprocess.Popen(
                list(command or (sys.executable, "-m", "annotator.core.segment_helper")),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=env)
        except OSError:
            self.done.set()
            return
        payload = marshal.dumps((list(terms), [(text, lang) for text, lang in items]))
        assert self.proc.stdin is not None and self.proc.stdout is not None
        # written from a thread: the pipe takes 64 KB until the helper reads
        self.writer = threading.Thread(target=_write, args=(self.proc.stdin, payload),
                                       daemon=True)
        self.writer.start()
        self.reader = threading.Thread(target=self._read, args=(self.proc.stdout,),
                                       daemon=True)
        self.reader.start()

    def _read(self, pipe: IO[bytes]) -> None:
        """Frames into :attr:`ready` until the helper's end, or its first wrong answer."""
        try:
            while len(self.ready) < self.count:
                head = pipe.read(_LENGTH.size)
                if len(head) < _LENGTH.size:
                    return
                data = pipe.read(_LENGTH.unpack(head)[0])
                frame = marshal.loads(data)
                if not (isinstance(frame, list) and frame
                        and len(self.ready) + len(frame) <= self.count
                        and all(isinstance(b, list) and len(b) % 2 == 0 for b in frame)):
                    return
                with self.arrived:
                    self.ready += frame
                    self.arrived.notify_all()
        except (OSError, ValueError, EOFError, TypeError):
            return
        finally:
            with self.arrived:
                self.done.set()
                self.arrived.notify_all()

    def wait_for(self, i: int, block: bool) -> bool:
        """Whether item ``i``'s tokens are in :attr:`ready`; with ``block``, once the helper
        gives them or ends."""
        if not block:
            return i < len(self.ready)
        with self.arrived:
            while i >= len(self.ready) and not self.done.is_set():
                self.arrived.wait()
        return i < len(self.ready)

    def close(self) -> None:
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        self.reader.join()
        self.writer.join()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


def _write(pipe: IO[bytes], payload: bytes) -> None:
    try:
        pipe.write(payload)
        pipe.close()
    except (OSError, ValueError):  # the helper died, or was stopped: its reader says so
        pass


def main() -> int:
    """The helper: (terms, [(text, lang), ...]) on stdin; frames of [[s0, e0, s1, e1, ...],
    ...] out, :data:`FRAME_ITEMS` items each."""
    from annotator.core import segment

    segment.warm_up()  # while the parent sends the texts
    terms, items = marshal.load(sys.stdin.buffer)
    segment.add_terms(terms)
    out = sys.stdout.buffer
    tokens = segment.tokens
    for first in range(0, len(items), FRAME_ITEMS):
        frame = []
        for text, lang in items[first:first + FRAME_ITEMS]:
            bounds: list[int] = []
            for a, b in tokens(text, lang):
                bounds += (a, b)
            frame.append(bounds)
        data = marshal.dumps(frame)
        out.write(_LENGTH.pack(len(data)) + data)
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
