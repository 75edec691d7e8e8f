"""The native JSONL export checks invariant 3 on the very spans its lines are built from
(``joined_slices_match``), still refuses a damaged span that a filter leaves out, and hands
the kernel its pages early (``Writeback``) without changing a byte."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import ArticleRecord
from annotator.formats import _common
from annotator.formats.native import export_jsonl
from annotator.formats_cli import export_format
from annotator.store import InvariantError, Project
from annotator.store.checks import joined_slices_match, slices_match


def _damage(path, sql: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(sql)
    finally:
        conn.close()


@pytest.mark.parametrize("damage", [
    "UPDATE spans SET text = 'XX' WHERE text = '1亿'",
    "UPDATE spans SET start = start + 1 WHERE text = '拼多多'",
    "UPDATE spans SET \"end\" = \"end\" + 500, text = 'Pinduoduo' WHERE text = 'Pinduoduo'",
])
def test_a_damaged_span_stops_the_native_export_and_is_named(sample, tmp_path, damage):
    sample.project.close()
    _damage(sample.path, damage)
    out = tmp_path / "out.jsonl"
    with (Project.open(sample.path, readonly=True) as ro,
          pytest.raises(InvariantError, match=r"span .* says .* but the text there is")):
        export_jsonl(ro, out)
    assert not out.exists() and not list(tmp_path.glob(".*partial"))


def test_a_filtered_export_still_refuses_a_damaged_span_it_leaves_out(sample, tmp_path):
    """bob's 京东 is damaged; an export of alice's spans only does not carry it, but the
    project is damaged all the same: refused, as before."""
    sample.project.close()
    _damage(sample.path, "UPDATE spans SET text = '东表' WHERE text = '京东' AND annotator = 'bob'")
    out = tmp_path / "alice.jsonl"
    with Project.open(sample.path, readonly=True) as ro:
        with pytest.raises(InvariantError, match="says '东表' but the text there is '京东'"):
            export_jsonl(ro, out, annotators=["alice"])
        with pytest.raises(InvariantError, match="says '东表'"):
            export_jsonl(ro, out, labels=["figure"])
    assert not out.exists()


def test_the_native_export_counts_the_spans_it_wrote(sample, tmp_path):
    for who, expected in ((None, 13), (["bob"], 6), (["nobody"], 0)):
        out = tmp_path / "out.jsonl"
        counts = export_jsonl(sample.project, out, annotators=who)
        lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert counts["spans"] == sum(len(o["spans"]) for o in lines) == expected


_TEXT = st.text(alphabet=st.sampled_from("ab中\0\U0001f600\U00020bb7"), min_size=1,
                max_size=30)


@given(_TEXT, st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32)), min_size=1,
                       max_size=6), st.lists(st.sampled_from(["", "a", "\0", "中\0", "b"]),
                                             min_size=6, max_size=6), st.booleans())
def test_the_joined_check_never_passes_what_the_span_by_span_one_refuses(text, offsets, noise,
                                                                         honest):
    """Honest spans (their slices) and damaged ones (other texts, NULs that would shift the
    pieces once joined, clipped or reversed offsets). Without NUL both give the same answer;
    with one the joined check may refuse honest spans (the export then names the culprit
    span by span, and finds none), never pass damaged ones."""
    starts = [a for a, _ in offsets]
    ends = [b for _, b in offsets]
    texts = ([text[a:b] for a, b in offsets] if honest
             else [n if n == "\0" else text[a:b] + n for (a, b), n in zip(offsets, noise)])
    joined = joined_slices_match(text, ",".join(f"{a},{b}" for a, b in offsets),
                                 "\0".join(texts))
    exact = slices_match(text, starts, ends, texts)
    if "\0" in text or any("\0" in t for t in texts):
        assert exact or not joined
    else:
        assert joined is exact


def test_nul_in_a_text_never_hides_a_damaged_span_nor_stops_an_honest_export(sample,
                                                                            tmp_path):
    """A teammate's file could hold NUL (import refuses one). Slices ["a\\0", "b"] and stored
    texts ["a", "\\0b"] are equal once joined by NUL: the export still refuses them, and
    still exports honest spans over such a text."""
    assert not joined_slices_match("a\0b\0", "0,2,2,3", "a\0\0b")
    sample.project.close()
    zh = sample.ids["zh"]
    _damage(sample.path, f"UPDATE articles SET text = replace(text, '阿里', '阿' || char(0)) "
            f"WHERE id = {zh}")
    conn = sqlite3.connect(sample.path)
    try:
        with conn:
            (text,) = conn.execute("SELECT text FROM articles WHERE id = ?", (zh,)).fetchone()
            assert "\0" in text
            rows = conn.execute('SELECT id, start, "end" FROM spans WHERE article_id = ?',
                                (zh,)).fetchall()
            conn.executemany("UPDATE spans SET text = ? WHERE id = ?",
                             [(text[a:b], sid) for sid, a, b in rows])
    finally:
        conn.close()
    out = tmp_path / "nul.jsonl"
    with Project.open(sample.path, readonly=True) as ro:
        assert export_jsonl(ro, out)["spans"] == 13
    _damage(sample.path, "UPDATE spans SET text = 'XX' WHERE text = '1亿'")
    with (Project.open(sample.path, readonly=True) as ro,
          pytest.raises(InvariantError, match="says 'XX' but the text there is '1亿'")):
        export_jsonl(ro, tmp_path / "nul2.jsonl")


def test_the_writeback_hints_change_no_byte_and_stop_when_refused(sample, tmp_path,
                                                                  monkeypatch):
    plain, conll_plain = tmp_path / "plain.jsonl", tmp_path / "plain.conll"
    monkeypatch.setattr(_common.Writeback, "step", 1 << 40)  # never reached: no hint
    # an article longer than the file's buffer, so the hints see bytes leave it
    sample.project.add_articles([ArticleRecord(text="今年的小目标。" * 3000, language="zh")], "x")
    export_jsonl(sample.project, plain)
    export_format(sample.project, "conll", conll_plain, all_annotators=True)
    hinted: list[tuple[int, int]] = []
    real = getattr(os, "posix_fadvise", None)

    def fadvise(fd, offset, length, advice):
        hinted.append((offset, length))
        if real is not None:
            real(fd, offset, length, advice)
    monkeypatch.setattr(os, "posix_fadvise", fadvise, raising=False)
    monkeypatch.setattr(_common.Writeback, "step", 1)  # a hint after every article
    many, conll_many = tmp_path / "many.jsonl", tmp_path / "many.conll"
    export_jsonl(sample.project, many)
    export_format(sample.project, "conll", conll_many, all_annotators=True)
    assert len(hinted) >= 2 and all(length > 0 for _, length in hinted)
    assert many.read_bytes() == plain.read_bytes()
    assert conll_many.read_bytes() == conll_plain.read_bytes()

    def refused(*_args):
        raise OSError(95, "Operation not supported")
    monkeypatch.setattr(os, "posix_fadvise", refused, raising=False)
    fd = os.open(plain, os.O_RDONLY)
    try:
        hint = _common.Writeback(fd)
        os.lseek(fd, 10, os.SEEK_SET)
        hint()
        assert hint.on is False  # refused once: never asked again
        hint()
    finally:
        os.close(fd)
