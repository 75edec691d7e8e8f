"""jieba with its prefix dictionary in a marisa trie: the same words, about a tenth of the memory.

jieba keeps ``Tokenizer.FREQ``, a dict of every dictionary word *and every prefix of one* (about
584,000 str keys, ~75 MB resident) and loads it from a marshal cache in ~0.55 s. Here the 349,000
words of jieba's ``dict.txt`` live in a ``marisa_trie.Trie`` (a few MB), their frequencies in an
``array('I')`` indexed by the trie's key ids, and both are saved once to one cache file in the
caller's cache directory (named after jieba's version and the dictionary's size and mtime).

:class:`CompactTokenizer` is a ``jieba.Tokenizer`` whose ``FREQ`` is a :class:`CompactFreq`:
reads come from a small overlay dict (words added at runtime with ``add_word``, and the prefixes
jieba adds for them) and then from the trie, so every part of jieba that reads ``self.FREQ``
(``__cut_DAG``, ``suggest_freq``, ``tokenize(mode="search")``...) sees exactly what it would see
in the dict: a word's frequency, 0 for a prefix of a word, the default for anything else. Only
``initialize``, ``get_DAG`` and ``calc`` are overridden; the HMM (``finalseg``) is untouched.

``get_DAG`` finds the words starting at each position with one C call (``iter_prefixes_with_ids``
on the next ``max word length`` characters). That reproduces jieba's walk exactly because jieba's
``FREQ`` is prefix-closed: its loop stops at the first fragment that is no prefix of any word, and
keeps each fragment whose frequency is non-zero, i.e. every word of non-zero frequency starting
there.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
import sys
import tempfile
import warnings
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from math import inf, log
from pathlib import Path
from typing import Any

import marisa_trie


@contextmanager
def _without_pkg_resources() -> Iterator[None]:
    """While jieba is imported: no setuptools' ``pkg_resources``, which jieba only uses to open
    its own data files (it falls back to their path), ~0.25 s of every process that segments
    Chinese (issue 14). Were it imported already, jieba uses it as before."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # its import fails
    try:
        with warnings.catch_warnings():  # with setuptools around it warns about pkg_resources
            warnings.simplefilter("ignore")
            yield
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]


with _without_pkg_resources():
    import jieba
    from jieba import finalseg

log_ = logging.getLogger(__name__)
_RE_HAN = jieba.re_han_default  # how jieba's cut splits a sentence into blocks
_RE_SKIP = jieba.re_skip_default

_MAGIC = b"AJTRIE1\n"
# magic, dictionary key (sha256 of jieba's version and the dictionary's path, size and mtime),
# total, word count, longest word (code points), size of the trie in bytes
_HEADER = struct.Struct("<8s32sQQIQ")
_MISSING: Any = object()
#: Runs of characters whose HMM words a tokenizer remembers, at most (a few MB).
_HMM_MEMO = 20_000


class _DAG(dict):  # type: ignore[type-arg]
    """A DAG that also carries the log frequency of each edge, for :meth:`CompactTokenizer.calc`."""

    __slots__ = ("logs",)

    def __init__(self) -> None:
        super().__init__()
        self.logs: dict[int, list[float]] = {}


class CompactFreq:
    """jieba's ``FREQ`` mapping, backed by a read-only trie plus a small overlay dict.

    ``get(w)`` is the overlay's value if ``w`` was set at runtime, else the word's frequency in the
    trie, else 0 if ``w`` is a prefix of a word (jieba stores prefixes with frequency 0), else the
    default. ``w in freq`` is true for words and their prefixes, as in jieba.
    """

    __slots__ = ("trie", "freqs", "logs", "maxlen", "overlay", "overlay_prefixes")

    def __init__(self, trie: marisa_trie.Trie, freqs: array, maxlen: int) -> None:
        self.trie = trie
        self.freqs = freqs  # frequency of each trie key, by key id
        self.maxlen = maxlen  # longest trie key, in code points
        self.overlay: dict[str, int] = {}  # words and prefixes set at runtime (add_word)
        self.overlay_prefixes: set[str] = set()  # every non-empty prefix of an overlay key
        if freqs.count(0):  # words listed with frequency 0 go to the overlay, so that get_DAG's
            for key_id, value in enumerate(freqs):  # fast path can take every trie word
                if not value:
                    self[trie.restore_key(key_id)] = 0
            self.logs = array("d", (log(f) if f else 0.0 for f in freqs))
        else:
            self.logs = array("d", map(log, freqs))  # log(freq) by key id, as calc needs it

    def get(self, word: str, default: Any = None) -> Any:
        value = self.overlay.get(word, _MISSING)
        if value is not _MISSING:
            return value
        key_id = self.trie.get(word)
        if key_id is not None:
            return self.freqs[key_id]
        if word in self.overlay_prefixes or (
            word and next(self.trie.iterkeys(word), None) is not None
        ):
            return 0  # a prefix of a word
        return default

    def __getitem__(self, word: str) -> Any:
        value = self.get(word, _MISSING)
        if value is _MISSING:
            raise KeyError(word)
        return value

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word in self.overlay or word in self.overlay_prefixes:
            return True
        return bool(word) and next(self.trie.iterkeys(word), None) is not None

    def __setitem__(self, word: str, freq: int) -> None:
        self.overlay[word] = freq
        self.overlay_prefixes.update(word[: i + 1] for i in range(len(word)))

    def __len__(self) -> int:  # approximate: the words, not jieba's prefixes
        return len(self.trie) + sum(1 for w in self.overlay if w not in self.trie)


class CompactTokenizer(jieba.Tokenizer):  # type: ignore[misc]
    """A ``jieba.Tokenizer`` with the same output and a trie-backed ``FREQ``.

    ``cache_dir`` is where the trie is saved after it is first built from the dictionary; without
    one it is rebuilt (about 1.5 s) by every new tokenizer.
    """

    FREQ: CompactFreq
    total: int
    initialized: bool
    dictionary: str | None

    def __init__(self, dictionary: str | None = None, cache_dir: str | Path | None = None) -> None:
        super().__init__(dictionary)
        self.compact_cache_dir = None if cache_dir is None else Path(cache_dir)
        #: (size of jieba's forced splits when filled, run -> HMM word lengths)
        self._hmm_memo: tuple[int, dict[str, tuple[int, ...]]] = (-1, {})

    def initialize(self, dictionary: str | None = None) -> None:
        if dictionary:
            abs_path = os.path.normpath(os.path.join(os.getcwd(), dictionary))
            if self.dictionary == abs_path and self.initialized:
                return
            self.dictionary = abs_path
            self.initialized = False
        with self.lock:
            if self.initialized:
                return
            self.FREQ, self.total = self._load_or_build()
            self.initialized = True

    # ---------------------------------------------------------------- segmentation
    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
        """jieba's DAG: ``{k: [end of each word starting at k] or [k]}``, same lists, same order.

        The result also carries each edge's ``log(freq or 1)`` (``.logs``) for :meth:`calc`.
        """
        prefixes, logs, maxlen, starts = self._tables()
        dag = _DAG()
        edge_logs = dag.logs
        for k in range(len(sentence)):
            if sentence[k] in starts:  # a runtime word (or override) starts here
                ends, lf = self._overlay_edges(sentence, k)
            else:  # the trie alone: its words all have a frequency > 0
                hits = list(prefixes(sentence[k : k + maxlen]))
                if hits:
                    ends = [k - 1 + len(w) for w, _ in hits]
                    lf = [logs[i] for _, i in hits]
                else:
                    ends, lf = [k], [0.0]  # log(1): no word starts at k
            dag[k] = ends
            edge_logs[k] = lf
        return dag

    def _tables(self) -> tuple[Any, Any, int, Any]:
        """What segmenting reads (initialized first): the trie's prefix search, each word's
        log frequency, the longest word's length, and where a runtime word may start."""
        self.check_initialized()
        freq = self.FREQ
        return freq.trie.iter_prefixes_with_ids, freq.logs, freq.maxlen, freq.overlay_prefixes

    def spans(self, sentence: str, offset: int = 0) -> list[tuple[int, int]]:
        """``(start, end)`` of each word of ``tokenize(sentence)`` (default mode, HMM on), plus
        ``offset``: the same words, without jieba's generators or the DAG's dicts (issue 14).
        jieba's ``cut`` splits the sentence into blocks the same way first."""
        out: list[tuple[int, int]] = []
        pos = offset
        tables = None
        for block in _RE_HAN.split(sentence):
            if not block:
                continue
            if _RE_HAN.match(block):
                if len(block) == 1:  # one character: one word, whatever the dictionary says
                    out.append((pos, pos + 1))
                else:
                    tables = tables or self._tables()
                    self._cut_block(block, pos, out, tables)
            else:  # jieba yields whitespace runs whole and every other character alone
                for part in _RE_SKIP.split(block):
                    if _RE_SKIP.match(part):
                        out.append((pos, pos + len(part)))
                        pos += len(part)
                    else:
                        out.extend(_singles(pos, pos + len(part)))
                        pos += len(part)
                continue
            pos += len(block)
        return out

    def _cut_block(self, block: str, pos: int, out: list[tuple[int, int]],
                   tables: tuple[Any, Any, int, Any]) -> None:
        """jieba's ``__cut_DAG`` of one block (``get_DAG``, ``calc``, the HMM for runs of
        single characters that are no word), its words appended to ``out`` from ``pos``;
        ``tables``: :meth:`_tables`."""
        prefixes, logs, maxlen, starts = tables
        logtotal = log(self.total)
        n = len(block)
        value = [0.0] * (n + 1)  # calc's route: value[k] and the end (exclusive) of the best
        best = [0] * (n + 1)  # word at k
        for k in range(n - 1, -1, -1):
            # max((log f - logtotal + value[e], e)) over the words [k, e): ties to the larger
            # e, as jieba's calc; no word at k: the character alone, log(1)
            top, end = -inf, k
            if starts and block[k] in starts:
                for x, f in zip(*self._overlay_edges(block, k)):
                    v = f - logtotal + value[x + 1]
                    if v > top or (v == top and x + 1 > end):
                        top, end = v, x + 1
            else:
                for w, i in prefixes(block[k : k + maxlen]):  # shortest first
                    e = k + len(w)
                    v = logs[i] - logtotal + value[e]
                    if v >= top:  # e only grows
                        top, end = v, e
                if end == k:
                    top, end = 0.0 - logtotal + value[k + 1], k + 1
            value[k] = top
            best[k] = end
        x = 0
        buf = -1  # start of the pending run of single characters
        while x < n:
            y = best[x]
            if y - x == 1:
                if buf < 0:
                    buf = x
            else:
                if buf >= 0:
                    self._flush(block, buf, x, pos, out)
                    buf = -1
                out.append((pos + x, pos + y))
            x = y
        if buf >= 0:
            self._flush(block, buf, n, pos, out)

    def _flush(self, block: str, a: int, b: int, pos: int, out: list[tuple[int, int]]) -> None:
        """A run of single characters: one word, its characters, or the HMM's words (jieba)."""
        if b - a > 1 and not self.FREQ.get(block[a:b]):
            start = pos + a
            for length in self._hmm_lengths(block[a:b]):
                out.append((start, start + length))
                start += length
        else:
            out.extend(_singles(pos + a, pos + b))

    def _hmm_lengths(self, run: str) -> tuple[int, ...]:
        """The lengths of ``finalseg.cut(run)``'s words, remembered per run (the HMM is most
        of the time of an unknown name, and names recur across articles): the HMM depends on
        nothing but the run and the words jieba forces apart, a set that only grows."""
        memo = self._hmm_memo
        splits = len(finalseg.Force_Split_Words)
        if memo[0] != splits or len(memo[1]) >= _HMM_MEMO:
            memo = self._hmm_memo = (splits, {})
        lengths = memo[1].get(run)
        if lengths is None:
            lengths = memo[1][run] = tuple(map(len, finalseg.cut(run)))
        return lengths

    def _overlay_edges(self, sentence: str, k: int) -> tuple[list[int], list[float]]:
        """Word ends at ``k`` and their log frequencies where the overlay may change the trie's."""
        freq = self.FREQ
        overlay = freq.overlay
        ends = {
            k - 1 + len(w)
            for w, key_id in freq.trie.iter_prefixes_with_ids(sentence[k : k + freq.maxlen])
            if overlay.get(w, freq.freqs[key_id])
        }
        starts = freq.overlay_prefixes
        i, n = k, len(sentence)
        frag = sentence[k]
        while i < n and frag in starts:
            if overlay.get(frag):
                ends.add(i)
            i += 1
            frag = sentence[k : i + 1]
        if not ends:
            return [k], [0.0]
        order = sorted(ends)
        return order, [log(freq.get(sentence[k : e + 1]) or 1) for e in order]

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, Any]) -> None:  # noqa: N803
        """jieba's calc, same floats: ``log(f) - logtotal + route`` with ``log(f)`` precomputed."""
        n = len(sentence)
        route[n] = (0, 0)
        logtotal = log(self.total)
        edge_logs = getattr(DAG, "logs", None)
        if edge_logs is None:  # a DAG built elsewhere
            get = self.FREQ.get
            for idx in range(n - 1, -1, -1):
                route[idx] = max(
                    (log(get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
                    for x in DAG[idx]
                )
            return
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (lf - logtotal + route[x + 1][0], x) for x, lf in zip(DAG[idx], edge_logs[idx])
            )

    # ---------------------------------------------------------------- the trie and its cache
    def _load_or_build(self) -> tuple[CompactFreq, int]:
        cache = self._cache()
        if cache is not None:
            try:
                return _load(*cache)
            except (OSError, ValueError, RuntimeError, struct.error):
                pass  # missing, damaged, or for another jieba or dictionary: build it again
        words, total = self._read_dictionary()
        trie = marisa_trie.Trie(words)
        freqs = array("I", bytes(4 * len(trie)))
        for word, value in words.items():
            freqs[trie[word]] = value
        maxlen = max(map(len, words), default=1)
        if cache is not None:
            _save(*cache, trie, freqs, total, maxlen)
        return CompactFreq(trie, freqs, maxlen), total

    def _read_dictionary(self) -> tuple[dict[str, int], int]:
        """Words and frequencies of the dictionary, parsed as jieba's ``gen_pfdict`` does.

        A word listed twice keeps its last frequency while ``total`` counts both, as in jieba.
        """
        words: dict[str, int] = {}
        total = 0
        f = self.get_dict_file()
        try:
            for lineno, raw in enumerate(f, 1):
                try:
                    line = raw.strip().decode("utf-8")
                    word, freq = line.split(" ")[:2]
                    words[word] = int(freq)
                    total += int(freq)
                except ValueError:
                    raise ValueError(
                        f"invalid dictionary entry in {self.dictionary or 'dict.txt'} at line "
                        f"{lineno}: {raw!r}"
                    ) from None
        finally:
            f.close()
        return words, total

    def _dictionary_path(self) -> str:
        if self.dictionary is None:
            return os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), "dict.txt")
        return str(self.dictionary)

    def _cache(self) -> tuple[Path, bytes] | None:
        """The cache file and the key its header must hold, or None (no cache directory).

        The default dictionary's trie is ``jieba-<version>.cache`` (the name jieba's own marshal
        cache had, which it replaces); a custom dictionary's adds a hash of its path. The key
        covers jieba's version and the dictionary's path, size and mtime, so a changed jieba or
        dictionary rebuilds the trie.
        """
        if self.compact_cache_dir is None:
            return None
        path = self._dictionary_path()
        try:
            st = os.stat(path)
        except OSError:
            return None  # a dictionary we cannot stat is rebuilt every time
        key = hashlib.sha256(
            f"{jieba.__version__}|{path}|{st.st_size}|{st.st_mtime_ns}".encode()
        ).digest()
        name = f"jieba-{jieba.__version__}"
        if self.dictionary is not None:  # a custom dictionary
            name += "-" + hashlib.sha256(str(self.dictionary).encode()).hexdigest()[:16]
        return self.compact_cache_dir / f"{name}.trie", key


def _singles(start: int, end: int) -> Iterator[tuple[int, int]]:
    """One token per character of ``[start, end)``."""
    return zip(range(start, end), range(start + 1, end + 1))


def _load(path: Path, key: bytes) -> tuple[CompactFreq, int]:
    data = path.read_bytes()
    magic, stored_key, total, count, maxlen, trie_size = _HEADER.unpack_from(data)
    if magic != _MAGIC or stored_key != key:
        raise ValueError("not a compact jieba dictionary, or one for another jieba or dictionary")
    start = _HEADER.size
    if len(data) != start + 4 * count + trie_size:
        raise ValueError("truncated compact jieba dictionary")
    freqs = array("I")
    freqs.frombytes(data[start : start + 4 * count])
    trie = marisa_trie.Trie().frombytes(data[start + 4 * count :])
    if len(trie) != count:
        raise ValueError("damaged compact jieba dictionary")
    return CompactFreq(trie, freqs, maxlen), total


def _save(
    path: Path, key: bytes, trie: marisa_trie.Trie, freqs: array, total: int, maxlen: int
) -> None:
    """Write atomically (temporary file + rename); a failure only costs a rebuild next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                trie_bytes = trie.tobytes()
                fh.write(_HEADER.pack(_MAGIC, key, total, len(freqs), maxlen, len(trie_bytes)))
                fh.write(freqs.tobytes())
                fh.write(trie_bytes)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        log_.warning("could not save the compact jieba dictionary to %s: %s", path, exc)
