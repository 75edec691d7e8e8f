"""Project search and the article filter's ids: code-point offsets, order, resuming, stopping."""

from __future__ import annotations

import pytest

from annotator.core.model import ArticleRecord
from annotator.store import Project, search
from annotator.store.search import matching_article_ids, search_hits

ASTRAL = "😀𠮷阿里今年的小目标是新增至少1亿用户。京东\n和阿里都说"
PLAIN = "拼多多补贴农产品，阿里巴巴与京东下沉市场。"
LATIN = "Same-day delivery on HARBOR Street; harbor street closes at ten."


@pytest.fixture
def filled(project: Project) -> Project:
    project.add_articles([ArticleRecord(text=ASTRAL, title="one", where="t:1"),
                          ArticleRecord(text=PLAIN, title="two 京东", where="t:2"),
                          ArticleRecord(text=LATIN, title="three", language="en", where="t:3")],
                         "setup")
    project.set_status(2, "done", "setup")
    return project


def test_hits_after_astral_characters_are_code_point_slices(filled):
    hits = filled.search_hits("阿里")
    assert [(h.article_id, h.start) for h in hits] == [
        (1, ASTRAL.index("阿里")), (1, ASTRAL.rindex("阿里")), (2, PLAIN.index("阿里"))]
    texts = {1: ASTRAL, 2: PLAIN}
    for hit in hits:
        assert texts[hit.article_id][hit.start:hit.end] == "阿里" == hit.snippet.match


def test_snippet_is_one_line_with_context_on_both_sides(filled):
    [hit] = filled.search_hits("用户")
    assert hit.snippet.before == ASTRAL[:hit.start]  # fewer than 18 characters before it
    assert hit.snippet.after == "。京东 和阿里都说"  # the newline became a space
    assert str(hit.snippet) == f"…{hit.snippet.before}【用户】{hit.snippet.after}…"


def test_two_character_and_longer_needles_both_found(filled):
    assert {h.article_id for h in filled.search_hits("京东")} == {1, 2}
    assert [h.article_id for h in filled.search_hits("补贴农产品")] == [2]
    assert filled.search_hits("不存在的词") == []
    assert filled.search_hits("") == []


def test_latin_needle_ignores_case_and_keeps_offsets(filled):
    hits = filled.search_hits("harbor STREET")
    assert [LATIN[h.start:h.end] for h in hits] == ["HARBOR Street", "harbor street"]


def test_non_ascii_cased_needle_is_found_case_insensitively(project):
    text = "Le CAFÉ ouvre; le café ferme."
    project.add_articles([ArticleRecord(text=text, title="fr", where="t")], "setup")
    assert [text[h.start:h.end] for h in project.search_hits("café")] == ["CAFÉ", "café"]


def test_limit_and_after_resume_exactly_where_the_first_page_stopped(filled):
    everything = filled.search_hits("阿")
    assert len(everything) == 3
    first = filled.search_hits("阿", limit=2)
    rest = filled.search_hits("阿", after=(first[-1].article_id, first[-1].start))
    assert first + rest == everything


def test_overlapping_needle_resumes_without_inventing_hits(project):
    project.add_articles([ArticleRecord(text="哈哈哈哈", title="x", where="t")], "setup")
    assert [h.start for h in project.search_hits("哈哈")] == [0, 2]
    assert [h.start for h in project.search_hits("哈哈", after=(1, 0))] == [2]


def test_scan_walks_windows_and_stops_when_progress_says_so(project, monkeypatch):
    monkeypatch.setattr(search, "WINDOW", 2)
    project.add_articles([ArticleRecord(text=f"第{i}篇京东", title=str(i), where=f"t:{i}")
                          for i in range(7)], "setup")
    seen: list[tuple[int, int]] = []

    def stop_after_first_window(done: int, last: int) -> bool:
        seen.append((done, last))
        return False

    hits = list(search_hits(project.conn, "京东", progress=stop_after_first_window))
    assert [h.article_id for h in hits] == [1, 2] and seen == [(2, 7)]
    chunks = list(matching_article_ids(project.conn, "京东", chunk=3))
    assert chunks == [[1, 2], [3, 4], [5, 6], [7]]  # handed over at every window's end


def test_filter_ids_match_title_or_text_and_status_in_id_order(filled):
    assert filled.filter_article_ids("京东") == [1, 2]
    assert filled.filter_article_ids("three") == [3]
    assert filled.filter_article_ids("京东", "done") == [2]
    assert filled.filter_article_ids("", None) == [1, 2, 3]
    assert filled.filter_article_ids("", None, after_id=1, limit=1) == [2]
    assert filled.filter_article_ids("", "todo") == [1, 3]
    # the same answer as the article list's own query
    assert filled.filter_article_ids("阿里") == [a.id for a in filled.articles(query="阿里")]


def test_search_works_on_a_read_only_open_and_writes_nothing(filled, project_path):
    filled.close()
    before = project_path.read_bytes()
    with Project.open(project_path, readonly=True) as ro:
        assert [h.article_id for h in ro.search_hits("京东")] == [1, 2]
        assert ro.filter_article_ids("京东") == [1, 2]
    assert project_path.read_bytes() == before
