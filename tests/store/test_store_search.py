"""Project search and the article filter's ids: code-point offsets, order, resuming, stopping."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleRecord
from annotator.store import Project, search, search_index
from annotator.store.search import search_hits
from annotator.store.search_index import SearchIndex, index_size

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
    # the article filter pages the same way, a window of ids at a time (ui/article_filter.py)
    chunks = [project.filter_article_ids("京东", after_id=low, upto_id=low + 2)
              for low in range(0, 7, 2)]
    assert chunks == [[1, 2], [3, 4], [5, 6], [7]]  # handed over at every window's end


def test_filter_ids_match_title_or_text_and_status_in_id_order(filled):
    assert filled.filter_article_ids("京东") == [1, 2]
    assert filled.filter_article_ids("three") == [3]
    assert filled.filter_article_ids("京东", "done", annotator="setup") == [2]
    assert filled.filter_article_ids("", None) == [1, 2, 3]
    assert filled.filter_article_ids("", None, after_id=1, limit=1) == [2]
    assert filled.filter_article_ids("", "todo", annotator="setup") == [1, 3]
    # the same answer as the article list's own query
    assert filled.filter_article_ids("阿里") == [a.id for a in filled.articles(query="阿里")]


def test_search_works_on_a_read_only_open_and_writes_nothing(filled, project_path):
    filled.close()
    before = project_path.read_bytes()
    with Project.open(project_path, readonly=True) as ro:
        assert [h.article_id for h in ro.search_hits("京东")] == [1, 2]
        assert ro.filter_article_ids("京东") == [1, 2]
    assert project_path.read_bytes() == before


# ------------------------------------------------------------------ the sidecar trigram index
NEEDLES = ["阿里", "京东", "补贴农产品", "不存在的词", "harbor STREET", "阿", "都说", "Le CAFÉ",
           "1亿用户", "ten.", '"x"']


def _all(project: Project, needle: str, index=None) -> list[tuple[int, int, int]]:
    return [(h.article_id, h.start, h.end)
            for h in search_hits(project.conn, needle, limit=10_000, index=index)]


@pytest.mark.parametrize("needle", NEEDLES)
def test_index_finds_exactly_what_the_scan_finds(filled, project_path, needle):
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        assert index.update(filled.conn) == 3
        assert _all(filled, needle, index) == _all(filled, needle)


def test_two_characters_at_the_very_end_of_a_text_are_found_through_the_index(filled,
                                                                              project_path):
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        index.update(filled.conn)
        assert index.match_expression("都说")  # served by the index, not by a scan
        assert _all(filled, "都说", index) == [(1, len(ASTRAL) - 2, len(ASTRAL))]
        # only the articles that hold every trigram (or the pair) are read
        assert list(index.candidates(index.match_expression("补贴农产品"), after_id=0,
                                     through=3)) == [[2]]
        assert list(index.candidates(index.match_expression("京东"), after_id=0,
                                     through=3)) == [[1, 2]]
        assert index.match_expression("公司") == ""  # no such pair: nothing to read
        assert index.match_expression("阿") is None and index.match_expression("É") is None


def test_a_partial_index_serves_what_it_covers_and_the_rest_is_scanned(filled, project_path,
                                                                       monkeypatch):
    monkeypatch.setattr(search_index, "BATCH", 1)
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        index.update(filled.conn, progress=lambda done, last: False)  # stop after one batch
        assert index.indexed_through() == 1
        assert _all(filled, "京东", index) == _all(filled, "京东") != []
        filled.add_articles([ArticleRecord(text="后来的京东", title="4", where="t:4")], "ann")
        assert _all(filled, "京东", index)[-1] == (4, 3, 5)  # added after the index was built


def test_a_batch_the_builder_commits_while_a_search_reads_the_index_is_not_skipped(
        filled, project_path, monkeypatch):
    # The dock's first search runs beside the index builder: a batch landing between the
    # search's reads of the index must not hide that batch's hits (it hid all 40 in CI).
    index = SearchIndex.open(filled.conn, project_path, create=True)
    builder = SearchIndex.open(filled.conn, project_path, create=True)
    real = SearchIndex.match_expression

    def builder_commits_meanwhile(self, needle):
        expression = real(self, needle)
        builder.update(filled.conn)
        return expression

    monkeypatch.setattr(SearchIndex, "match_expression", builder_commits_meanwhile)
    try:
        assert _all(filled, "京东", index) == _all(filled, "京东") != []
        assert builder.indexed_through() == 3
    finally:
        index.close()
        builder.close()


def test_index_lives_in_the_cache_folder_and_a_read_only_open_writes_nothing(
        filled, project_path, tmp_path_factory):
    filled.close()
    before = project_path.read_bytes()
    with Project.open(project_path, readonly=True) as ro:
        with SearchIndex.open(ro.conn, project_path, create=True) as index:
            index.update(ro.conn)
            assert Path(os.environ["XDG_CACHE_HOME"]) in index.path.parents
        assert index_size(ro.conn, project_path) > 0
    assert project_path.read_bytes() == before


def test_an_index_out_of_step_with_the_project_is_not_used_and_is_rebuilt(filled, project_path):
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        index.update(filled.conn)
        index.conn.execute("UPDATE docs SET sha256 = 'forged' WHERE id = 3")
    assert SearchIndex.open(filled.conn, project_path) is None  # a search would scan
    with SearchIndex.open(filled.conn, project_path, create=True) as again:
        assert again.indexed_through() == 0  # started afresh


def test_a_damaged_index_file_is_replaced(filled, project_path):
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        path = index.path
    path.write_bytes(b"not a database at all" * 100)
    assert SearchIndex.open(filled.conn, project_path) is None
    with SearchIndex.open(filled.conn, project_path, create=True) as again:
        again.update(filled.conn)
        assert _all(filled, "京东", again) == _all(filled, "京东")


def test_another_project_at_the_same_path_gets_its_own_index(filled, project_path):
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        index.update(filled.conn)
        first = index.path
    filled.close()
    for leftover in project_path.parent.glob(project_path.name + "*"):
        leftover.unlink()
    with Project.create(project_path, title="new") as other:
        other.add_articles([ArticleRecord(text="完全不同的京东", title="x", where="t")], "ann")
        with SearchIndex.open(other.conn, project_path, create=True) as index:
            assert index.path != first and index.indexed_through() == 0
            index.update(other.conn)
            assert _all(other, "京东", index) == [(1, 5, 7)]


def test_a_teammate_file_carrying_a_search_index_is_refused_not_trusted(filled, project_path,
                                                                       tmp_path):
    import sqlite3

    from annotator.review.untrusted import open_teammate
    from annotator.store import ProjectError

    filled.close()
    forged = tmp_path / "teammate.db"
    forged.write_bytes(project_path.read_bytes())
    conn = sqlite3.connect(forged)
    conn.executescript(search_index.SCHEMA)  # an index that would hide or invent articles
    conn.close()
    with pytest.raises(ProjectError, match="teammate.db: refused, .*unexpected table 'grams'"):
        open_teammate(forged)


# ------------------------------------------------------------------ index + scan together
def test_an_article_restored_after_the_index_passed_its_id_is_indexed_again(filled,
                                                                           project_path):
    filled.delete_article(2, "ann")
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        index.update(filled.conn)  # article 2 is deleted: the index passes over its id
        assert _all(filled, "补贴农产品", index) == []
        filled.restore_article(2, "ann")  # back with the same id, below what is indexed
        assert index.update(filled.conn) == 1
        assert _all(filled, "补贴农产品", index) == _all(filled, "补贴农产品") != []


def test_two_builders_at_once_index_each_article_once(filled, project_path):
    # the window's background builder and an import's refresh may meet: neither fails, and
    # no article is indexed twice (each reads how far the index reaches inside its own
    # transaction)
    with SearchIndex.open(filled.conn, project_path, create=True) as one, \
            SearchIndex.open(filled.conn, project_path, create=True) as two:
        first = one.update(filled.conn, batch=1, progress=lambda done, last: False)
        assert first + two.update(filled.conn, batch=1) == 3
        assert one.update(filled.conn) == 0
        assert two.conn.execute("SELECT count(*) FROM docs").fetchone()[0] == 3


def test_refresh_after_an_import_indexes_the_new_articles_only_when_an_index_exists(
        filled, project_path):
    assert search_index.refresh_index(filled.conn, project_path) == 0  # none: none is made
    assert SearchIndex.open(filled.conn, project_path) is None
    with SearchIndex.open(filled.conn, project_path, create=True) as index:
        index.update(filled.conn)
    filled.add_articles([ArticleRecord(text="新来的拼多多", title="4", where="t:4")], "ann")
    assert search_index.refresh_index(filled.conn, project_path) == 1
    with SearchIndex.open(filled.conn, project_path) as index:
        assert index.indexed_through() == 4
        assert list(index.candidates(index.match_expression("新来的"), after_id=0,
                                     through=4)) == [[4]]


ALPHABET = "阿里京东aAbB😀𠮷\n "


def _expected(texts: list[str], needle: str) -> list[tuple[int, int, int]]:
    """Every non-overlapping occurrence, found without SQL, the index or regular expressions
    (ASCII letters ignore case, as the search's do)."""
    def fold(s: str) -> str:
        return s.translate(str.maketrans("AB", "ab"))

    out = []
    for article_id, text in enumerate(texts, start=1):
        haystack, at = fold(text), 0
        while (found := haystack.find(fold(needle), at)) >= 0:
            out.append((article_id, found, found + len(needle)))
            at = found + len(needle)
    return out


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(ALPHABET, min_size=0, max_size=30), min_size=1, max_size=8),
       needle=st.text(ALPHABET, min_size=1, max_size=4),
       indexed=st.integers(min_value=0, max_value=8))
def test_a_partial_index_and_the_scan_find_every_hit_once_and_invent_none(
        tmp_path_factory, texts, needle, indexed):
    folder = tmp_path_factory.mktemp("partial")
    with Project.create(folder / "p.db", title="p") as project:
        project.add_articles([ArticleRecord(text=t or "空", title=str(i), where=f"t:{i}")
                              for i, t in enumerate(texts)], "ann", skip_bad=True)
        kept = [row[0] for row in project.conn.execute("SELECT text FROM articles ORDER BY id")]
        with SearchIndex.open(project.conn, project.path, create=True) as index:
            if indexed:  # the first `indexed` articles (at most all of them)
                seen = iter(range(1, indexed))
                index.update(project.conn, batch=1,
                             progress=lambda _done, _last: next(seen, None) is not None)
            assert index.indexed_through() == min(indexed, len(kept))
            assert _all(project, needle, index) == _expected(kept, needle)
