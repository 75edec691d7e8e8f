"""Issue 12 in the store: figure attributes filled (source parsed, a person's value kept),
the company registry, suggestions (figures, companies, repeats), accept and reject."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleRecord, SpanRecord
from annotator.core.registry import Company, RegistryError, make_company
from annotator.store.errors import InvariantError
from annotator.store.fillers import fill_figure_attributes
from annotator.store.project import Project
from annotator.store.suggest import longest_first, name_matcher, suggest

ZH = "😀𠮷阿里巴巴集团今年收入约2.5亿元，同比增长9%。阿里表示，京东方不是京东。"
EN = "Alibaba Group said revenue rose 9% to $1.1 billion; Alibabas is no company."


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "s.db")
    p.add_articles([ArticleRecord(text=ZH, title="zh"), ArticleRecord(text=EN, title="en")],
                   "alice")
    p.add_companies([make_company("阿里巴巴", ["阿里", "阿里巴巴集团", "Alibaba Group"], ["BABA"]),
                     make_company("京东"), make_company("京东方")], "alice")
    yield p
    p.close()


def spans_of(p, article_id=None, annotator="alice"):
    ids = [article_id] if article_id else p.article_ids()
    return [(s.label, s.text, s.start, s.origin) for i in ids for s in p.spans(i, annotator)]


# ------------------------------------------------------------------ figures filled
def test_a_figure_span_gets_value_unit_approx_and_basis_with_source_parsed(project):
    span = project.add_span(1, ZH.index("9%"), ZH.index("9%") + 2, "figure", "alice")
    assert fill_figure_attributes(project, span, "alice") == {
        "value": 9, "unit": "%", "approx": "exact", "basis": "yoy"}
    assert {v.source for v in project.attribute_values(span.id)} == {"parsed"}


def test_filling_never_overwrites_a_persons_value(project):
    at = ZH.index("约2.5亿元")
    span = project.add_span(1, at, at + 6, "figure", "alice")
    project.set_attribute(span.id, "unit", "RMB", "alice")
    fill_figure_attributes(project, span, "alice")
    values = {v.name: (v.value, v.source) for v in project.attribute_values(span.id)}
    assert values["unit"] == ("RMB", "person")
    assert values["value"] == (250000000, "parsed") and values["approx"] == ("about", "parsed")


def test_a_span_of_another_label_or_without_a_number_gets_nothing(project):
    claim = project.add_span(1, 2, 8, "claim", "alice")
    word = project.add_span(1, 2, 4, "figure", "alice")  # 阿里: no number
    assert fill_figure_attributes(project, claim, "alice") == {}
    assert fill_figure_attributes(project, word, "alice") == {}
    assert project.attributes(word.id) == {}


def test_import_fills_figure_spans_that_bring_no_attributes(tmp_path):
    p = Project.create(tmp_path / "i.db")
    at = ZH.index("9%")
    p.add_articles([ArticleRecord(text=ZH, spans=[
        SpanRecord(at, at + 2, "figure", "9%", annotator="bo"),
        SpanRecord(at - 7, at - 1, "figure", ZH[at - 7:at - 1], annotator="bo",
                   attributes={"unit": "USD"})])], "bo")
    by_text = {s.text: s for s in p.spans(1)}
    assert p.attributes(by_text["9%"].id) == {"value": 9, "unit": "%", "approx": "exact",
                                              "basis": "yoy"}
    assert p.attribute_values(by_text["9%"].id)[0].source == "parsed"
    imported = p.attribute_values(by_text[ZH[at - 7:at - 1]].id)
    assert [(v.name, v.value, v.source) for v in imported] == [("unit", "USD", "imported")]
    p.close()


# ------------------------------------------------------------------ registry
def test_registry_names_and_aliases_without_spaces_join_the_terms(project):
    terms = project.terms()
    assert {"阿里", "阿里巴巴集团", "京东方"} <= set(terms) and "Alibaba Group" not in terms


def test_an_alias_given_to_a_second_company_is_refused_and_nothing_changes(project):
    before = project.companies()
    with pytest.raises(RegistryError, match="'阿里' already names '阿里巴巴'"):
        project.add_companies([make_company("蚂蚁"), make_company("阿里云", ["阿里"])], "bo")
    assert project.companies() == before


def test_adding_a_known_company_again_widens_it(project):
    assert project.add_companies([make_company("京东", ["JD.com"], ["JD"])], "bo") == (0, 1)
    jd = next(c for c in project.companies() if c.name == "京东")
    assert jd == Company("京东", ("JD.com",), ("JD",))
    assert project.add_companies([make_company("京东", ["JD.com"], ["JD"])], "bo") == (0, 0)


# ------------------------------------------------------------------ suggestions
def test_companies_longest_match_first_with_entity_and_offsets_after_emoji(project):
    report = suggest(project, "alice", kinds=["companies"])
    zh = [(t, s) for lb, t, s, _ in spans_of(project, 1)]
    # 阿里巴巴集团 not 阿里 or 阿里巴巴 inside it; 京东方 whole, not the 京东 inside it
    assert zh == [("阿里巴巴集团", 2), ("阿里", ZH.index("阿里表示")), ("京东方", ZH.index("京东方")),
                  ("京东", ZH.rindex("京东"))]
    assert ZH[2:8] == "阿里巴巴集团"  # code points: 😀 and 𠮷 count one each
    entity = {s.text: project.attributes(s.id)["entity"] for s in project.spans(1)}
    assert entity == {"阿里巴巴集团": "阿里巴巴", "阿里": "阿里巴巴", "京东方": "京东方", "京东": "京东"}
    assert report.counts["companies"] == 5


def test_latin_names_match_on_word_boundaries_only(project):
    suggest(project, "alice", kinds=["companies"])
    assert [(t, s) for _, t, s, _ in spans_of(project, 2)] == [("Alibaba Group", 0)]


def test_figures_are_suggested_with_attributes_filled(project):
    suggest(project, "alice", kinds=["figures"])
    figs = {s.text: project.attribute_values(s.id) for s in project.spans(2)}
    assert set(figs) == {"9%", "$1.1 billion"}
    assert {v.name: v.value for v in figs["$1.1 billion"]} == {
        "value": 1100000000, "unit": "USD", "approx": "exact"}
    assert all(v.source == "parsed" for vs in figs.values() for v in vs)
    assert {s.origin for s in project.spans(2)} == {"suggested"}


def test_suggesting_twice_adds_nothing(project):
    first = suggest(project, "alice")
    again = suggest(project, "alice")
    assert sum(first.counts.values()) > 0 and sum(again.counts.values()) == 0


def test_dry_run_counts_and_writes_nothing(project):
    report = suggest(project, "alice", dry_run=True)
    assert report.counts["figures"] == 4 and project.span_count() == 0


def test_a_persons_overlapping_span_of_the_same_label_is_not_doubled(project):
    at = ZH.index("收入约2.5亿元")
    project.add_span(1, at, at + 8, "figure", "alice")  # 收入约2.5亿元, wider than the figure
    suggest(project, "alice", kinds=["figures"])
    assert [t for lb, t, _, o in spans_of(project, 1) if o == "suggested"] == ["9%"]


def test_another_annotators_spans_do_not_block_suggestions(project):
    project.add_span(1, 2, 8, "company", "bo")
    suggest(project, "alice", kinds=["companies"], article_ids=[1])
    assert ("company", "阿里巴巴集团", 2, "suggested") in spans_of(project, 1)


def test_a_rejected_suggestion_never_returns(project):
    suggest(project, "alice", kinds=["companies"])
    jd = next(s for s in project.spans(1) if s.text == "京东")
    project.reject_suggestion(jd.id, "alice")
    assert all(s.text != "京东" for s in project.spans(1))
    assert suggest(project, "alice").counts["companies"] == 0
    assert all(s.text != "京东" for s in project.spans(1))
    assert suggest(project, "bo", kinds=["companies"], article_ids=[1]).counts["companies"] == 4


def test_forgetting_a_rejection_lets_it_come_back(project):
    suggest(project, "alice", kinds=["companies"], article_ids=[2])
    span = project.spans(2)[0]
    project.reject_suggestion(span.id, "alice")
    project.forget_rejection(span, "alice")
    assert suggest(project, "alice", kinds=["companies"], article_ids=[2]).counts["companies"] == 1


def test_accepting_makes_the_span_the_persons_own_and_keeps_its_values(project):
    suggest(project, "alice", kinds=["figures"], article_ids=[2])
    span = project.spans(2)[0]
    project.accept_suggestion(span.id, "alice")
    assert project.span(span.id).origin == "manual"
    assert project.attributes(span.id)["unit"] == "%"
    with pytest.raises(InvariantError, match="not a suggestion"):
        project.reject_suggestion(span.id, "alice")


def test_unaccepting_makes_an_accepted_span_a_suggestion_again_and_nothing_else(project):
    suggest(project, "alice", kinds=["figures"], article_ids=[2])
    span = project.spans(2)[0]
    project.accept_suggestion(span.id, "alice")
    assert project.unaccept_suggestion(span.id, "alice").origin == "suggested"
    assert project.span(span.id).origin == "suggested"
    assert project.attributes(span.id)["unit"] == "%"
    mine = project.add_span(2, 0, 7, "company", "alice")
    with pytest.raises(InvariantError, match="not an accepted suggestion"):
        project.unaccept_suggestion(span.id, "alice")  # a suggestion already
    project.conn.execute("UPDATE spans SET origin = 'imported' WHERE id = ?", (mine.id,))
    with pytest.raises(InvariantError, match="not an accepted suggestion"):
        project.unaccept_suggestion(mine.id, "alice")


def kept_counts(project):
    return {s.id: s.span_count for s in project.articles()}


def test_the_article_list_counts_a_suggestion_only_once_it_is_accepted(project):
    project.add_span(1, 0, 2, "claim", "alice")
    suggest(project, "alice")
    assert kept_counts(project) == {1: 1, 2: 0}  # suggestions are not work done
    first, second = project.spans(2)[:2]
    project.accept_suggestion(first.id, "alice")
    assert kept_counts(project) == {1: 1, 2: 1}
    project.unaccept_suggestion(first.id, "alice")  # undo of the accept
    assert kept_counts(project) == {1: 1, 2: 0}
    project.reject_suggestion(second.id, "alice")
    project.accept_suggestion(first.id, "alice")
    project.delete_span(first.id, "alice")
    assert kept_counts(project) == {1: 1, 2: 0}
    assert project.check() == []  # the kept counts agree with a recount


def test_an_old_file_is_counted_again_without_its_suggestions(tmp_path):
    from annotator.store.schema import SCHEMA_VERSION
    from tests.review.helpers import counting_suggestions

    path = tmp_path / "old.db"
    with Project.create(path) as p:
        p.add_articles([ArticleRecord(text=EN, title="en")], "alice")
        p.add_span(1, 0, 7, "claim", "alice")
        suggest(p, "alice", kinds=["figures"])
    conn = sqlite3.connect(path)  # the span counts as annotator kept them before m012
    counting_suggestions(conn)
    conn.execute("UPDATE span_counts SET spans = 3")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with Project.open(path, readonly=True) as old:  # read, not upgraded: counted as it was
        assert kept_counts(old) == {1: 3} and old.check() == []
    with Project.open(path) as upgraded:
        assert kept_counts(upgraded) == {1: 1} and upgraded.check() == []


def test_a_run_larger_than_a_batch_is_written_batch_by_batch_and_whole(project, monkeypatch):
    from annotator.store import suggest as suggest_module

    rows, written = suggest_module._Rows, []
    flush = rows.flush
    monkeypatch.setattr(rows, "SIZE", 2)
    monkeypatch.setattr(rows, "flush", lambda self: (written.append(len(self.spans)),
                                                     flush(self)))
    report = suggest(project, "alice")
    made = sum(report.counts.values())
    assert made > 4 and max(written) <= 2 and sum(written) == made  # never all held at once
    assert len([s for i in project.article_ids() for s in project.spans(i)]) == made
    assert project.check() == []


def test_repeats_suggest_other_occurrences_of_a_labeled_text(tmp_path):
    p = Project.create(tmp_path / "r.db")
    p.add_articles([ArticleRecord(text="双十一的销量，双十一又来了。"),
                    ArticleRecord(text="今年双十一，Prime Day and prime day.")], "alice")
    p.add_span(1, 0, 3, "strategy", "alice")
    p.add_span(2, 6, 15, "strategy", "alice")  # Prime Day
    report = suggest(p, "alice", kinds=["repeats"])
    assert spans_of(p) == [("strategy", "双十一", 0, "manual"),
                           ("strategy", "双十一", 7, "suggested"),
                           ("strategy", "双十一", 2, "suggested"),
                           ("strategy", "Prime Day", 6, "manual")]
    assert report.counts["repeats"] == 2
    assert suggest(p, "alice", kinds=["repeats"]).counts["repeats"] == 0  # not from suggestions
    p.close()


def test_the_gold_layer_gets_no_suggestions(project):
    with pytest.raises(ValueError, match="reserved for layers"):
        suggest(project, "@gold")
    assert project.span_count() == 0


def test_unknown_kind_is_refused(project):
    with pytest.raises(InvariantError, match="unknown suggestion kind 'names'"):
        suggest(project, "alice", kinds=["names"])


def _brute_force(names, text):
    """Every occurrence of every name (Latin edges on word boundaries), then longest first."""
    def edge(ch):
        return ch.isascii() and ch.isalnum()

    found = []
    for name in set(names):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not ((edge(name[0]) and at and edge(text[at - 1]))
                    or (edge(name[-1]) and end < len(text) and edge(text[end]))):
                found.append((at, end, name))
            at = text.find(name, at + 1)
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken = []
    for f in found:
        if not any(f[0] < t[1] and t[0] < f[1] for t in taken):
            taken.append(f)
    return sorted(taken)


@given(st.lists(st.text("阿里巴AB京 ", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text("阿里巴AB京 .", max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_trie_matcher_finds_what_a_brute_force_search_finds(names, text):
    assert longest_first(name_matcher(names), text) == _brute_force(names, text)


def test_tickers_are_suggested_as_whole_tokens_only(tmp_path):
    text = "Alibaba (NYSE: BABA) and 9988.HK rose; BABAX and 19988.HKD are no tickers. (NASDAQ: JD)"
    with Project.create(tmp_path / "t.db") as p:
        p.add_articles([ArticleRecord(text=text, title="en")], "alice")
        p.add_companies([make_company("阿里巴巴", ["Alibaba"], ["BABA", "9988.HK"]),
                         make_company("京东", tickers=["JD"])], "alice")
        suggest(p, "alice", kinds=["companies"])
        found = [(s.text, p.attributes(s.id)["entity"]) for s in p.spans(1, "alice")]
    assert found == [("Alibaba", "阿里巴巴"), ("BABA", "阿里巴巴"), ("9988.HK", "阿里巴巴"),
                     ("JD", "京东")]


def test_a_long_run_writes_its_suggestions_in_batches(project, monkeypatch):
    from annotator.store import suggest as module

    monkeypatch.setattr(module._Rows, "SIZE", 2)
    flushed = []
    real = module._Rows.flush
    monkeypatch.setattr(module._Rows, "flush", lambda self: flushed.append(len(self.spans))
                        or real(self))
    report = suggest(project, "alice", kinds=["companies", "figures"])
    assert sum(report.counts.values()) > 2 and max(flushed) <= 2 and len(flushed) > 2
    assert len(spans_of(project)) == sum(report.counts.values())


def test_a_hong_kong_ticker_matches_with_or_without_its_leading_zeros(tmp_path):
    text = "阿里巴巴-SW（09988.HK）与腾讯（700.HK）、小米（1810.HK）；19988.HK 不是。"
    with Project.create(tmp_path / "t.db") as p:
        p.add_articles([ArticleRecord(text=text, title="zh")], "alice")
        p.add_companies([make_company("阿里巴巴", tickers=["9988.HK"]),
                         make_company("腾讯", tickers=["0700.HK"])], "alice")
        suggest(p, "alice", kinds=["companies"])
        found = [(s.text, p.attributes(s.id)["entity"]) for s in p.spans(1, "alice")]
    assert found == [("阿里巴巴", "阿里巴巴"), ("09988.HK", "阿里巴巴"), ("腾讯", "腾讯"),
                     ("700.HK", "腾讯")]
