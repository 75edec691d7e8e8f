"""core/lazy_re.py: patterns compiled on first use answer as re.compile's do (issue 14)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from annotator.core.lazy_re import lazy_re


def test_a_lazy_pattern_finds_what_the_compiled_one_finds_in_text_and_bytes():
    text = "阿里𠮷 今年 Alibaba 1亿"
    lazy, eager = lazy_re(r"[\u4e00-\u9fff\U00020000-\U0003ffff]+"), re.compile(
        r"[\u4e00-\u9fff\U00020000-\U0003ffff]+")
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.search(text, 3).group() == "今年"
    assert lazy.fullmatch("阿里") and not lazy.fullmatch("阿里 ")
    assert lazy.pattern == eager.pattern and lazy.flags == eager.flags
    raw = lazy_re(rb"[\x80-\xff]+")
    assert raw.findall("阿a".encode()) == [b"\xe9\x98\xbf"]
    assert "lazy_re" in repr(lazy_re("x"))


def test_a_bad_pattern_fails_where_it_is_first_used():
    bad = lazy_re("[unclosed")
    try:
        bad.search("x")
    except re.error as exc:
        assert "unterminated character set" in str(exc)
    else:
        raise AssertionError("a broken pattern matched")


def test_the_window_imports_text_and_segment_without_compiling_their_han_classes():
    """~2.5 ms each for a Han or Hangul class: compiled when first used, not before the
    window's first paint."""
    code = ("import annotator.app\n"
            "from annotator.core import segment, text\n"
            "print(text._HAN_RUN_RE._compiled, text._HANGUL_WORDS_RE._compiled,"
            " segment._HAN_ONLY_RE._compiled)\n"
            "print(bool(segment._HAN_ONLY_RE.fullmatch('阿里')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["None None None", "True"]
