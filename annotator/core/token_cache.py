"""Word tokens of whole articles, cached in the user's cache folder (``agreement --tokens word``).

Segmenting every article with jieba is most of an agreement run; the tokens of an unchanged
article are the same every time. They are kept in ``$XDG_CACHE_HOME/annotator/tokens/``, one
small file per article, never in the project file (reading never writes). A file's name and
header carry a digest of everything the tokens depend on: the text's sha256, its language, the
segmenter's :func:`~annotator.core.segment.signature` (jieba's version, the tokenizer's rules)
and the project terms. So a changed text, language, segmenter or term list simply misses.

Safety: files are written to a temporary name and renamed (a reader never sees half a file); a
file that is truncated, corrupt, of another format or for another key is ignored and rewritten;
decoded tokens are checked (non-empty, increasing, inside the text) before use. The folder is
kept under :data:`MAX_BYTES` by :func:`prune` (oldest used first), run after a batch wrote files.

Format: ``MAGIC``, the 32-byte key digest, a typecode byte (``B``/``H``/``I``), the token count
(uint32, little-endian), then zlib of the interleaved deltas ``s0, e0-s0, s1-e0, e1-s1, ...``
(prefix sums give the bounds back at C speed).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import tempfile
import zlib
from array import array
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

MAGIC = b"ANNTOK1\n"
MAX_BYTES = 256 * 1024 * 1024
"""Upper bound of the cache folder; :func:`prune` removes the least recently used files."""
_HEADER = struct.Struct("<32scI")
_LIMITS = (("B", 0xFF), ("H", 0xFFFF), ("I", 0xFFFFFFFF))

Bounds = tuple[list[int], list[int]]


def folder() -> Path:
    """``$XDG_CACHE_HOME/annotator/tokens`` (see :func:`annotator.core.segment.cache_dir`)."""
    from annotator.core.segment import cache_dir

    return cache_dir() / "tokens"


class TokenCache:
    """Word tokens by article; ``bounds(text, lang)`` reads the cache or segments and stores.

    ``segmenter(text, lang)`` gives the tokens on a miss and ``signature`` names what it depends
    on (both default to :mod:`annotator.core.segment`; the signature is taken when the cache is
    created, so create one per run, after the project's terms were added).
    """

    def __init__(self, path: Path | None = None,
                 segmenter: Callable[[str, str | None], list[tuple[int, int]]] | None = None,
                 signature: str | None = None) -> None:
        from annotator.core import segment

        self.path = folder() if path is None else path
        self.segmenter = segmenter or segment.tokens
        self.signature = segment.signature() if signature is None else signature
        self.hits = self.misses = self.written = 0

    def key(self, text: str, lang: str) -> bytes:
        material = "\0".join((hashlib.sha256(text.encode("utf-8")).hexdigest(), lang,
                              self.signature))
        return hashlib.sha256(material.encode("utf-8")).digest()

    def bounds(self, text: str, lang: str = "") -> Bounds:
        """Sorted token starts and ends of ``text`` (as ``segment.tokens(text, lang)``)."""
        found = self.lookup(text, lang)
        if found is not None:
            return found
        spans = self.segmenter(text, lang or None)
        self.store(text, lang, spans)
        return [a for a, _ in spans], [b for _, b in spans]

    def lookup(self, text: str, lang: str = "") -> Bounds | None:
        """The cached bounds of ``text``, or None (a miss: segment it, then :meth:`store`)."""
        key = self.key(text, lang)
        file = self.path / f"{key.hex()}.tok"
        found = _read(file, key, len(text))
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        with contextlib.suppress(OSError):
            os.utime(file)  # most recently used: kept longest by prune()
        return found

    def store(self, text: str, lang: str, spans: list[tuple[int, int]]) -> None:
        """Keep ``spans``, the tokens of ``text`` segmented after a miss."""
        key = self.key(text, lang)
        if self._write(self.path / f"{key.hex()}.tok", key, spans):
            self.written += 1

    def _write(self, file: Path, key: bytes, spans: list[tuple[int, int]]) -> bool:
        deltas: list[int] = []
        prev = 0
        for a, b in spans:
            deltas.append(a - prev)
            deltas.append(b - a)
            prev = b
        top = max(deltas, default=0)
        code = next(c for c, limit in _LIMITS if top <= limit)  # a token is shorter than 4 G
        data = (MAGIC + _HEADER.pack(key, code.encode(), len(spans))
                + zlib.compress(array(code, deltas).tobytes(), 1))
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".tmp-", suffix=".tok")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:  # a full disk or a read-only cache costs speed, never a result
            return False
        return True

    def prune(self, max_bytes: int = MAX_BYTES) -> int:
        """Remove the least recently used files until the folder holds at most ``max_bytes``
        (down to three quarters of it, so the next runs do not prune again); returns how many
        files were removed."""
        entries = []
        total = 0
        try:
            with os.scandir(self.path) as it:
                for entry in it:
                    if entry.name.endswith(".tok") and entry.is_file(follow_symlinks=False):
                        st = entry.stat(follow_symlinks=False)
                        entries.append((st.st_mtime_ns, st.st_size, entry.path))
                        total += st.st_size
        except OSError:
            return 0
        if total <= max_bytes:
            return 0
        removed = 0
        for _, size, path in sorted(entries):
            if total <= max_bytes * 3 // 4:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size
                removed += 1
        return removed


def _read(file: Path, key: bytes, length: int) -> Bounds | None:
    """The bounds stored in ``file`` for ``key``, or None if absent, foreign or corrupt."""
    try:
        data = file.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + _HEADER.size
    if len(data) < head or not data.startswith(MAGIC):
        return None
    stored, code, count = _HEADER.unpack_from(data, len(MAGIC))
    if stored != key or code not in (b"B", b"H", b"I"):
        return None
    try:
        deltas = array(code.decode())
        deltas.frombytes(zlib.decompress(data[head:]))
    except (zlib.error, ValueError):
        return None
    if len(deltas) != 2 * count or 0 in deltas[1::2]:  # every token holds a character
        return None
    flat = list(accumulate(deltas))  # unsigned deltas: the bounds never decrease
    if flat and flat[-1] > length:
        return None
    return flat[0::2], flat[1::2]
