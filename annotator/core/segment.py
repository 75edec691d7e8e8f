"""Word boundaries in code-point offsets: jieba for runs of Han characters, a regex for the rest.

jieba is imported lazily (import ~0.1 s) into one private tokenizer: a
:class:`~annotator.core.jieba_compact.CompactTokenizer`, jieba with its dictionary in a marisa trie
(same output; ~7 MB instead of ~75 MB, loaded in ~30 ms once built), whose cache lives in the
per-user cache directory, never the shared temp directory. The GUI calls :func:`warm_up` in a
background thread; everything else initializes on first use. Project terms (:func:`add_terms`)
go into jieba's dictionary and are also forced to be single tokens, so mixed terms such as "B站"
hold together too.

Tokens never contain whitespace, so :func:`snap` only segments the line around each end of a
selection (and, on lines longer than ``_WINDOW`` characters, the stretch between the nearest
whitespace or sentence-final punctuation).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.lazy_re import lazy_re
from annotator.core.text import HAN_RANGES

TERM_FREQ = 20_000
"""Dictionary frequency given to project terms ("的" has 318,825; total is 60 million)."""

_WINDOW = 4000
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
_ALNUM = rf"[^\W_{HAN_RANGES}]"
_INNER = rf"(?:['’](?![sS](?!{_ALNUM}))|-)(?={_ALNUM})"  # don't, O'Brien, state-owned; not 's
_WORD = (  # letters/digits, inner ' ’ -, decimal point or thousands comma, trailing %
    rf"{_ALNUM}(?:[{_MARKS}]|{_ALNUM}|{_INNER}|(?<=\d)[.,](?=\d))*(?:(?<=\d)[%％])?"
)
_SYMBOL = (  # one character, or an emoji sequence (flags, skin tones, ZWJ, variation selectors)
    rf"(?:[\U0001f1e6-\U0001f1ff]{{2}}|\S)"
    rf"(?:[{_MARKS}\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]|\u200d[^\s{HAN_RANGES}])*"
)
_TOKEN_PATTERN = rf"(?P<han>[{HAN_RANGES}]+)|{_WORD}|{_SYMBOL}"


@functools.cache
def _token_re() -> re.Pattern[str]:
    """Compiled when first used, not at import: tens of ms of the window's start-up."""
    return re.compile(_TOKEN_PATTERN)


_HAN_ONLY_RE = lazy_re(rf"[{HAN_RANGES}]+")  # these: compiled when used (issue 14)
_LAST_CUT_RE = lazy_re(r"(?s).*[\s。！？]")
_CUT_RE = lazy_re(r"[\s。！？]")
_SENTENCE_BEFORE_RE = lazy_re(r"(?s).*[\n。！？!?]")
_SENTENCE_END_RE = lazy_re(r"[\n。！？!?]")
_WORD_BEFORE_RE = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+)*$")

EDGE_PUNCTUATION = frozenset("。，、；：？！…—·「」『』《》（）【】“”‘’.,;:?!\"'()[]")
"""Trimmed from both edges of a snapped selection, never inside (% ％ + - currency and digits
are not here: 62%, -1.6亿元 and $3.5bn stay whole)."""
ABBREVIATIONS = frozenset({
    "inc", "ltd", "co", "corp", "plc", "llc", "bros", "dept", "jr", "sr", "mr", "mrs", "ms",
    "dr", "prof", "st", "vs", "etc", "approx", "govt", "intl", "u.s", "u.k", "e.g", "i.e",
})
"""Words whose final period stays in a snapped selection (lower case, without that period)."""

_lock = threading.Lock()
_tokenizer: Any = None  # a jieba.Tokenizer (CompactTokenizer), created by _get_tokenizer()
_terms: dict[str, None] = {}  # insertion-ordered set of project terms
_terms_re: re.Pattern[str] | None = None


def warm_up() -> None:
    """Load jieba and its dictionary now (~0.15 s; ~1 s the first time) instead of on first use."""
    _get_tokenizer()


def is_ready() -> bool:
    """True once the dictionary is loaded and segmenting Chinese will not block."""
    return _tokenizer is not None


def trie_cached() -> bool:
    """Whether jieba's compact dictionary is likely built already (a file in the cache folder;
    checked without importing jieba): a helper process started now will not build it too."""
    return _tokenizer is not None or any(cache_dir().glob("jieba-*.trie"))


def add_terms(terms: Iterable[str]) -> None:
    """Make each term one token: jieba's dictionary (Han terms) plus a forced merge.

    Terms are remembered and applied when the tokenizer is created later. Leading and trailing
    whitespace is ignored; a term with inner whitespace cannot be one token (no token contains
    whitespace) and has no effect.
    """
    global _terms_re
    new = [t.strip() for t in terms if t.strip() and t.strip() not in _terms]
    if not new:
        return
    with _lock:
        _terms.update(dict.fromkeys(new))
        solid = sorted((t for t in _terms if not re.search(r"\s", t)), key=len, reverse=True)
        _terms_re = re.compile("|".join(map(re.escape, solid))) if solid else None
        if _tokenizer is not None:
            _add_to_dictionary(_tokenizer, new)
    _window_tokens.cache_clear()


def set_terms(terms: Iterable[str]) -> None:
    """Make the project terms exactly ``terms`` (the terms editor; another project opened).
    Removing a term drops the tokenizer (reloaded on next use, ~0.1 s); adding one does not."""
    wanted = dict.fromkeys(t.strip() for t in terms if t.strip())
    with _lock:
        removed = any(t not in wanted for t in _terms)
    if removed:
        reset()
    add_terms(wanted)


def terms() -> list[str]:
    """The project terms, in the order they were added (which jieba's frequencies follow)."""
    with _lock:
        return list(_terms)


def signature() -> str:
    """What :func:`tokens` depends on besides its arguments: jieba's version, this module's
    rules and the project terms (a cache of tokens keyed by it never outlives a change)."""
    from importlib import metadata

    try:
        jieba_version = metadata.version("jieba")
    except metadata.PackageNotFoundError:
        jieba_version = "none"
    with _lock:
        terms = "\n".join(sorted(_terms))
    rules = "\0".join((_TOKEN_PATTERN, str(TERM_FREQ), terms))
    return f"jieba {jieba_version}; " + hashlib.sha256(rules.encode("utf-8")).hexdigest()


def reset() -> None:
    """Forget the project terms and drop the tokenizer (another project was opened; tests)."""
    global _tokenizer, _terms_re
    with _lock:
        _tokenizer = None
        _terms.clear()
        _terms_re = None
    _window_tokens.cache_clear()


def tokens(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Word spans ``(start, end)`` in code points, end-exclusive, sorted, never whitespace.

    Runs of Han characters are segmented by jieba (one character per token when ``lang`` is
    "en", which never loads jieba); Latin words and numbers ("don't", "state-owned", "3.5%",
    "1,000") come from a regex; any other character (punctuation, emoji sequence) is a token.
    """
    spans: list[tuple[int, int]] = []
    for match in _token_re().finditer(text):
        start, end = match.span()
        if match.lastgroup != "han":
            spans.append((start, end))
        elif lang == "en":
            spans.extend(zip(range(start, end), range(start + 1, end + 1)))
        else:
            spans.extend(_get_tokenizer().spans(match[0], start))  # = its tokenize()
    return _merge_terms(text, spans)


def snap(text: str, start: int, end: int, lang: str | None = None) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words, without surrounding whitespace or punctuation.

    Whitespace and edge punctuation (:data:`EDGE_PUNCTUATION`, except the period of an
    abbreviation such as "Ltd.") are trimmed first (so " mpany" still becomes "company" and
    "。数据显" becomes "数据显示"), then an end that cuts a word moves to that word's edge;
    punctuation inside is kept. A selection of only whitespace and punctuation gives
    ``(start, start)``.
    """
    s, e = trim_edges(text, start, end)
    if s == e:
        return start, start
    left = _token_across(text, s, lang)
    right = _token_across(text, e, lang)
    s, e = (left[0] if left else s), (right[1] if right else e)
    s2, e2 = trim_edges(text, s, e)  # a project term may bring its own quotes
    return (s2, e2) if s2 < e2 else (s, e)


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without whitespace and edge punctuation at either end (never inside).

    %, signs, currency symbols and digits stay (62%, -1.6亿元, $3.5bn), and so does the final
    period of an abbreviation (Inc., Ltd., Co., U.S.). Only those characters: ``(start, start)``.
    """
    _check_range(text, start, end)
    s, e = start, end
    while s < e and (text[s].isspace() or text[s] in EDGE_PUNCTUATION):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in EDGE_PUNCTUATION):
        if text[e - 1] == "." and _is_abbreviation(text, s, e - 1):
            break
        e -= 1
    return (s, e) if s < e else (start, start)


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """Is the period at ``dot`` the end of an abbreviation (Ltd., Co., U.S.)?"""
    match = _WORD_BEFORE_RE.search(text, max(start, dot - 12), dot)
    if match is None:
        return False
    word = match[0]
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentence_at(text: str, pos: int) -> tuple[int, int] | None:
    """The sentence around the character at ``pos`` (a triple click): from after the previous
    。！？!? or line break to the next one (included) or the line end, whitespace trimmed.
    None on whitespace."""
    _check_range(text, pos, pos)
    if pos == len(text) or text[pos].isspace():
        return None
    before = _SENTENCE_BEFORE_RE.match(text, 0, pos)
    lo = before.end() if before else 0
    after = _SENTENCE_END_RE.search(text, pos)
    hi = len(text) if after is None else after.end() - (after[0] == "\n")
    return trim(text, lo, hi)


def word_edge(text: str, pos: int, forward: bool, *, ends: bool,
              lang: str | None = None) -> int:
    """The next word end (``ends``) or start after ``pos`` (``forward``), else the one before;
    punctuation is skipped (boundary keys with snapping on). ``pos`` itself when none."""
    step = 1 if forward else -1
    p = pos if forward else pos - 1
    while 0 <= p < len(text):
        if text[p].isspace():
            p += step
            continue
        line = _tokens_near(text, p, lang)
        edges = [b if ends else a for a, b in line
                 if not all(ch in EDGE_PUNCTUATION for ch in text[a:b])]
        found = [x for x in edges if (x > pos if forward else x < pos)]
        if found:
            return min(found) if forward else max(found)
        p = (line[-1][1] if forward else line[0][0] - 1) if line else p + step
    return pos


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without leading and trailing whitespace (NBSP and U+3000 included).

    A selection of only whitespace (or an empty one) gives ``(start, start)``.
    """
    _check_range(text, start, end)
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if s < e else (start, start)


def word_at(text: str, pos: int, lang: str | None = None) -> tuple[int, int] | None:
    """The token containing the character at ``pos`` (a double click), or None on whitespace."""
    _check_range(text, pos, pos)
    if pos == len(text) or text[pos].isspace():
        return None
    return next(((a, b) for a, b in _tokens_near(text, pos, lang) if a <= pos < b), None)


def _check_range(text: str, start: int, end: int) -> None:
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"selection [{start}, {end}) out of range 0..{len(text)}")


def _token_across(text: str, pos: int, lang: str | None) -> tuple[int, int] | None:
    """The token with ``start < pos < end``: a boundary at ``pos`` would cut it."""
    if not 0 < pos < len(text) or text[pos - 1].isspace() or text[pos].isspace():
        return None
    return next(((a, b) for a, b in _tokens_near(text, pos, lang) if a < pos < b), None)


def _tokens_near(text: str, pos: int, lang: str | None) -> list[tuple[int, int]]:
    """Tokens of the line around ``pos`` (or a stretch of it), in offsets of ``text``."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    hi = len(text) if hi < 0 else hi
    if hi - lo > _WINDOW:  # tokens never cross whitespace: cut there (or after 。！？)
        lo_limit, hi_limit = max(lo, pos - _WINDOW // 2), min(hi, pos + _WINDOW // 2)
        before = _LAST_CUT_RE.match(text, lo_limit, pos)
        after = _CUT_RE.search(text, pos, hi_limit)
        lo = before.end() if before else lo_limit
        hi = after.start() if after else hi_limit
    return [(lo + a, lo + b) for a, b in _window_tokens(text[lo:hi], lang)]


@functools.lru_cache(maxsize=32)
def _window_tokens(chunk: str, lang: str | None) -> tuple[tuple[int, int], ...]:
    """Cached tokens of one line: snapping many selections in a paragraph segments it once."""
    return tuple(tokens(chunk, lang))


def _merge_terms(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union each project-term occurrence with the tokens it overlaps (spans are sorted)."""
    pattern = _terms_re
    if pattern is None:
        return spans
    forced = [m.span() for m in pattern.finditer(text)]
    if not forced:
        return spans
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans + forced):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _get_tokenizer() -> Any:
    """The module's jieba tokenizer, created once under a lock."""
    global _tokenizer
    tokenizer = _tokenizer
    if tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _create_tokenizer(list(_terms))
            tokenizer = _tokenizer
    return tokenizer


def _create_tokenizer(terms: list[str]) -> Any:
    # lazy: ~0.1 s to import jieba (without pkg_resources), and only Chinese text needs it
    from annotator.core.jieba_compact import CompactTokenizer, jieba

    jieba.setLogLevel(logging.WARNING)  # it logs "Building prefix dict..." to stderr
    tokenizer = CompactTokenizer(cache_dir=cache_dir())  # jieba's output, a tenth of the memory
    tokenizer.initialize()
    _add_to_dictionary(tokenizer, terms)
    return tokenizer


def _add_to_dictionary(tokenizer: Any, terms: Iterable[str]) -> None:
    for term in terms:
        if _HAN_ONLY_RE.fullmatch(term):
            tokenizer.add_word(term, freq=max(TERM_FREQ, tokenizer.suggest_freq(term)))


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/annotator`` or ``~/.cache/annotator``, created if needed.

    If it cannot be created, a private temporary directory (mode 0700) is used instead: never a
    file directly in the shared temp directory, which another user could plant.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec says to ignore relative paths
        base = os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "annotator"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        path = Path(tempfile.mkdtemp(prefix="annotator-"))
    return path
