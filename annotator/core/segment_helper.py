"""Word tokens of many texts, shared with a helper process when a second CPU is free (issue 14).

Segmenting with jieba is most of an agreement run over word tokens. :func:`tokens_of_many`
yields ``segment.tokens(text, lang)`` of each item, in order. When the texts hold at least
``min_chars`` characters and the machine has two CPUs or more, one helper process
(``python -m annotator.core.segment_helper``: this interpreter, this package, the same project
terms in the same order, jieba's trie from the user's cache folder) segments the last part of
the batch while this process segments the first part and the caller works on its results.

The helper reads its terms and texts (marshal, on its stdin) before it imports anything else,
writes each text's token bounds (marshal, on its stdout) and exits. If it cannot start, fails,
or answers anything but one bound list per text, its texts are segmented here: the tokens are
the same either way, only slower. A caller that stops early stops the helper.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

#: Below this many characters a helper costs more (~0.3 s to start) than it saves.
MIN_CHARS = 200_000
#: The helper's share of the characters: this process also does the caller's work.
HELPER_SHARE = 0.55

Spans = list[tuple[int, int]]


def tokens_of_many(items: Sequence[tuple[str, str | None]], min_chars: int | None = None,
                   command: Sequence[str] | None = None) -> Iterator[Spans]:
    """``segment.tokens(text, lang)`` of each ``(text, lang)``, in order (see the module doc).
    ``min_chars`` defaults to :data:`MIN_CHARS`; ``command`` replaces the helper's command
    line (tests)."""
    from annotator.core import segment

    split = _split(items, MIN_CHARS if min_chars is None else min_chars)
    if split is None:
        for text, lang in items:
            yield segment.tokens(text, lang)
        return
    segment.warm_up()  # a missing trie is built here once, not by both processes
    helper = _Helper(items[split:], segment.terms(), command)
    try:
        for text, lang in items[:split]:
            yield segment.tokens(text, lang)
        found = helper.result()
        if found is None:  # never lost: segmented here instead
            found = [segment.tokens(text, lang) for text, lang in items[split:]]
        yield from found
    finally:
        helper.close()


def _split(items: Sequence[tuple[str, str | None]], min_chars: int) -> int | None:
    """Where the helper's part begins, or None (no helper: too little text, one CPU)."""
    if len(items) < 2 or (os.cpu_count() or 1) < 2:
        return None
    sizes = [len(text) for text, _ in items]
    total = sum(sizes)
    if total < min_chars:
        return None
    mine = total * (1 - HELPER_SHARE)
    done = 0
    for i, size in enumerate(sizes):
        if done >= mine:
            return i
        done += size
    return len(items) - 1


class _Helper:
    """One helper process segmenting ``items``; :meth:`result` waits for its answer."""

    def __init__(self, items: Sequence[tuple[str, str | None]], terms: list[str],
                 command: Sequence[str] | None) -> None:
        self.count = len(items)
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
            return
        payload = marshal.dumps((list(terms), [(text, lang) for text, lang in items]))
        assert self.proc.stdin is not None
        # written from a thread: the pipe takes 64 KB until the helper reads
        self.writer = threading.Thread(target=_write, args=(self.proc.stdin, payload),
                                       daemon=True)
        self.writer.start()

    def result(self) -> list[Spans] | None:
        """The helper's tokens of each item, or None if it failed."""
        if self.proc is None:
            return None
        assert self.proc.stdout is not None
        try:
            data = self.proc.stdout.read()
            code = self.proc.wait()
        except OSError:
            return None
        self.writer.join()
        if code != 0:
            return None
        try:
            flat = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None
        if not (isinstance(flat, list) and len(flat) == self.count
                and all(isinstance(bounds, list) and len(bounds) % 2 == 0 for bounds in flat)):
            return None
        return [list(zip(bounds[0::2], bounds[1::2])) for bounds in flat]

    def close(self) -> None:
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


def _write(pipe: IO[bytes], payload: bytes) -> None:
    try:
        pipe.write(payload)
        pipe.close()
    except (OSError, ValueError):  # the helper died, or was stopped: result() says so
        pass


def main() -> int:
    """The helper: (terms, [(text, lang), ...]) on stdin, [[s0, e0, s1, e1, ...], ...] out."""
    terms, items = marshal.load(sys.stdin.buffer)  # first: the parent's writer waits for it
    from annotator.core import segment

    segment.add_terms(terms)
    out = []
    for text, lang in items:
        bounds: list[int] = []
        for a, b in segment.tokens(text, lang):
            bounds += (a, b)
        out.append(bounds)
    sys.stdout.buffer.write(marshal.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
