"""The concordance query: pages that neither repeat nor skip a span, contexts cut by SQLite in
code points, sorting by the left context read backwards."""

from __future__ import annotations

import pytest

from annotator.core.model import ArticleRecord
from annotator.store import concordance as cc
from annotator.store.concordance import ConcordanceQuery, lines, lines_by_rowids, pages

TEXT = "𠮷甲乙丙丁，戊己庚辛。\n壬癸 end"


def _fill(project, spans_per_start: int = 3) -> None:
    project.add_articles([ArticleRecord(text=f"{i}{TEXT}", title=f"a{i}", where=f"t:{i}")
                          for i in range(3)], "setup")
    for article in (1, 2, 3):
        for start in (2, 3, 7):  # several spans on the same characters: ties on (article, start)
            for n in range(spans_per_start):
                project.add_span(article, start, start + 1 + n, ("figure", "claim")[n % 2],
                                 ("alice", "bob", "carol")[n])


def test_pages_of_two_neither_repeat_nor_skip_spans_that_share_a_start(project):
    _fill(project)
    everything = list(lines(project.conn, ConcordanceQuery()))
    paged = [line for page in pages(project.conn, ConcordanceQuery(), size=2) for line in page]
    assert len(everything) == 27 and paged == everything
    assert [line.key[:2] for line in everything] == sorted(line.key[:2] for line in everything)


def test_a_rare_label_found_through_its_index_comes_in_the_same_order(project, monkeypatch):
    _fill(project)
    query = ConcordanceQuery(annotator="carol")
    scanned = list(lines(project.conn, query, _index=None))
    assert cc._few(project.conn, query) == "spans_annotator_article"
    paged = [line for page in pages(project.conn, query, size=4) for line in page]
    assert paged == scanned and len(scanned) == 9
    monkeypatch.setattr(cc, "SORT_BELOW", 3)  # too many now: walk the spans in order
    assert cc._few(project.conn, query) is None


def test_contexts_are_code_point_slices_after_an_astral_character(project):
    _fill(project, spans_per_start=1)
    first = next(lines(project.conn, ConcordanceQuery(width=2)))
    text = f"0{TEXT}"
    assert (first.left, first.text, first.right) == (text[0:2], text[2:3], text[3:5])
    assert first.left == "0𠮷"
    wide = next(lines(project.conn, ConcordanceQuery(width=100)))
    assert wide.left + wide.text + wide.right == text  # nothing past the ends
    assert cc.one_line(wide.right) == "乙丙丁，戊己庚辛。⏎壬癸 end"


def test_sorting_by_the_left_context_reads_it_backwards_from_the_span(project):
    project.add_articles([ArticleRecord(text="abX zaX cbX", title="t", where="t")], "s")
    for start in (2, 6, 10):
        project.add_span(1, start, start + 1, "figure", "alice")
    conn, query = project.conn, ConcordanceQuery(width=2)
    by_left = lines_by_rowids(conn, cc.sorted_rowids(conn, query, "left"), 2)
    # read backwards: "a" before "b" in the character next to the span, then "z" before "c"
    assert [line.left for line in by_left] == ["za", "ab", "cb"]
    backwards = lines_by_rowids(conn, cc.sorted_rowids(conn, query, "left", descending=True), 2)
    assert backwards == by_left[::-1]
    by_right = lines_by_rowids(conn, cc.sorted_rowids(conn, query, "right"), 2)
    assert [line.right for line in by_right] == ["", " c", " z"]


def test_an_attribute_filter_matches_choice_boolean_number_and_each_multi_value(project):
    _fill(project, spans_per_start=1)
    figures = [s for s in project.spans(1) if s.label == "figure"]
    project.set_attribute(figures[0].id, "approx", "about", "alice")
    project.set_attribute(figures[0].id, "value", 250000000, "alice")
    project.set_attribute(figures[1].id, "approx", "over", "alice")
    only = ConcordanceQuery(attrs=(("approx", "about"),))
    assert [line.key for line in lines(project.conn, only)] == [
        line.key for line in lines(project.conn, ConcordanceQuery())
        if line.span_id == figures[0].id]
    both = ConcordanceQuery(attrs=(("approx", "about"), ("value", "250000000")))
    assert len(list(lines(project.conn, both))) == 1
    assert list(lines(project.conn, ConcordanceQuery(attrs=(("approx", "under"),)))) == []


def test_an_attribute_filter_on_a_file_older_than_attributes_says_so(project):
    project.conn.execute("DROP TABLE span_attributes")
    query = ConcordanceQuery(attrs=(("certainty", "hedged"),))
    with pytest.raises(cc.ConcordanceError, match="certainty=hedged.*no span attributes"):
        list(lines(project.conn, query))
