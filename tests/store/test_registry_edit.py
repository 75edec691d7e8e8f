"""Editing the company registry (issue 12): update (rename, aliases, tickers, note) and delete,
each one transaction; an alias of another entry is refused naming both; the terms follow; a
rename relinks the company spans that named the old name."""

from __future__ import annotations

import pytest

from annotator.core.model import ArticleRecord
from annotator.core.registry import RegistryError, make_company
from annotator.store.project import Project

TEXT = "阿里巴巴和京东都在做直播，阿里表示。"


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "r.db")
    p.add_articles([ArticleRecord(text=TEXT, title="t")], "alice")
    p.add_companies([make_company("阿里巴巴", ["阿里"], ["BABA"], "Hangzhou"),
                     make_company("京东", ["JD"])], "alice")
    yield p
    p.close()


def company_span(p, text, entity, who="alice"):
    at = TEXT.index(text)
    span = p.add_span(1, at, at + len(text), "company", who)
    p.set_attribute(span.id, "entity", entity, who)
    return span


def test_renaming_an_entry_relinks_every_company_span_that_named_it(project):
    a = company_span(project, "阿里巴巴", "阿里巴巴")
    b = company_span(project, "阿里", "阿里巴巴", who="bo")
    jd = company_span(project, "京东", "京东")
    new = make_company("阿里巴巴集团", ["阿里", "阿里巴巴"], ["BABA", "9988.HK"], "Hangzhou")
    before, relinked = project.update_company("阿里巴巴", new, "alice")
    assert relinked == 2 and before.name == "阿里巴巴" and before.aliases == ("阿里",)
    assert project.attributes(a.id)["entity"] == "阿里巴巴集团"
    assert project.attributes(b.id)["entity"] == "阿里巴巴集团"
    assert project.attributes(jd.id)["entity"] == "京东"
    assert project.company_names()["阿里巴巴"] == "阿里巴巴集团"
    assert project.company("阿里巴巴集团").tickers == ("9988.HK", "BABA")
    assert project.company_span_counts() == {"阿里巴巴集团": 2, "京东": 1}


def test_an_alias_of_another_entry_is_refused_naming_both_and_nothing_changes(project):
    terms = project.terms()
    with pytest.raises(RegistryError, match="'京东' already names '京东'.*阿里巴巴|阿里巴巴.*京东"):
        project.update_company("阿里巴巴", make_company("阿里巴巴", ["阿里", "京东"]), "alice")
    with pytest.raises(RegistryError, match="'JD' already names '京东'"):
        project.add_alias("阿里巴巴", "JD", "alice")
    assert project.company("阿里巴巴").aliases == ("阿里",)
    assert project.terms() == terms


def test_renaming_onto_another_entrys_name_is_refused(project):
    with pytest.raises(RegistryError, match="already names '京东'"):
        project.update_company("阿里巴巴", make_company("京东"), "alice")
    assert {c.name for c in project.companies()} == {"阿里巴巴", "京东"}


def test_terms_follow_an_edit_removed_words_leave_new_words_join(project):
    assert {"阿里巴巴", "阿里", "京东", "JD"} <= set(project.terms())
    project.update_company("阿里巴巴", make_company("阿里巴巴", ["淘宝"]), "alice")
    assert "阿里" not in project.terms() and "淘宝" in project.terms()
    project.delete_company("京东", "alice")
    assert "京东" not in project.terms() and "JD" not in project.terms()
    assert "阿里巴巴" in project.terms()


def test_deleting_an_entry_keeps_its_spans_entity_and_adding_it_back_restores_it(project):
    span = company_span(project, "京东", "京东")
    before = project.delete_company("京东", "alice")
    assert project.company("京东") is None and "JD" not in project.company_names()
    assert project.attributes(span.id)["entity"] == "京东"
    project.add_companies([before], "alice")
    assert project.company("京东") == before


def test_editing_an_entry_that_is_not_there_is_refused(project):
    with pytest.raises(RegistryError, match="'美团' is not in the company registry"):
        project.delete_company("美团", "alice")
    with pytest.raises(RegistryError, match="'美团' is not in the company registry"):
        project.update_company("美团", make_company("美团"), "alice")


def test_undoing_a_rename_by_updating_back_restores_entry_and_links(project):
    span = company_span(project, "阿里巴巴", "阿里巴巴")
    before, _ = project.update_company("阿里巴巴", make_company("Alibaba Group"), "alice")
    project.update_company("Alibaba Group", before, "alice")
    assert project.company("阿里巴巴") == before
    assert project.attributes(span.id)["entity"] == "阿里巴巴"


def test_each_edit_is_one_entry_in_the_change_log(project):
    def logged():
        return [r[0] for r in project.conn.execute(
            "SELECT action FROM changes WHERE action LIKE 'registry.%' ORDER BY rowid")]

    start = len(logged())
    company_span(project, "阿里巴巴", "阿里巴巴")
    project.update_company("阿里巴巴", make_company("阿里巴巴集团", ["阿里"]), "alice")
    project.add_alias("京东", "京东集团", "alice")
    project.delete_company("京东", "alice")
    assert logged()[start:] == ["registry.relink", "registry.update", "registry.update",
                                "registry.delete"]


def test_next_company_span_walks_the_entrys_spans_in_document_order_and_wraps(project):
    from annotator.core.model import ArticleRecord

    project.add_articles([ArticleRecord(text="京东，阿里巴巴。", title="t2")], "alice")
    first = company_span(project, "阿里", "阿里巴巴")  # 阿里 in 阿里表示 of article 1
    second = project.add_span(2, 3, 7, "company", "bo")
    project.set_attribute(second.id, "entity", "阿里巴巴", "bo")
    company_span(project, "京东", "京东")
    assert project.next_company_span("阿里巴巴") == (1, first.start, first.end)
    assert project.next_company_span("阿里巴巴", (1, first.start)) == (2, 3, 7)
    assert project.next_company_span("阿里巴巴", (2, 3)) == (1, first.start, first.end)
    assert project.next_company_span("美团") is None


@pytest.mark.parametrize("walk", [1, 3, 2000])
def test_the_next_span_of_an_entry_is_the_next_in_document_order_whichever_way_it_is_found(
        tmp_path, monkeypatch, walk):
    """The next span is first looked for among the next ``walk`` company spans, then among the
    entry's own: every place, every entry, either way, gives what a walk of everything gives."""
    import random

    from annotator.store import registry

    monkeypatch.setattr(registry, "NEXT_WALK", walk)
    rng = random.Random(walk)
    names = ["阿里巴巴", "京东", "拼多多"]
    text = "阿里巴巴京东拼多多" * 4
    with Project.create(tmp_path / f"w{walk}.db") as p:
        p.add_articles([ArticleRecord(text=text + "。" * (i + 1), title=f"a{i}")
                        for i in range(3)], "alice")
        p.add_companies([make_company(n) for n in names], "alice")
        linked: list[tuple[int, int, int, str]] = []
        for article_id in (1, 2, 3):
            for start in sorted(rng.sample(range(len(text) - 2), 12)):
                span = p.add_span(article_id, start, start + 2, "company", "alice")
                if rng.random() < 0.8:  # some company spans link to no entry
                    name = rng.choice(names[:2])  # 拼多多 has none
                    p.set_attribute(span.id, "entity", name, "alice")
                    linked.append((article_id, start, start + 2, name))
        places = [(0, -1)] + [(a, s) for a, s, _e, _n in linked] + [(3, len(text))]
        for name in names:
            mine = sorted(x[:3] for x in linked if x[3] == name)
            for place in places:
                later = [x for x in mine if (x[0], x[1]) > place]
                want = (later or mine or [None])[0]
                assert p.next_company_span(name, place) == want, (name, place)
