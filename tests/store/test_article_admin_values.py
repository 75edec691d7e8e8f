"""Deleting an article takes its attribute values, article attributes and relations with it
(saved in ``deleted_articles``, m007); undo / ``--restore`` brings every one back as it was
(issue 10). A relation between two spans of the article is saved once, not once per end."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import cli
from annotator.core.model import ArticleRecord
from annotator.core.scheme import AttributeDef
from annotator.store import InvariantError, Project

TEXT = "阿里表示今年新增至少1亿用户。"


@pytest.fixture
def valued(project: Project) -> Project:
    project.set_attribute_def(None, AttributeDef("topic", "choice", ("finance", "other")), "x")
    project.add_articles([ArticleRecord(text=TEXT, title="阿里"),
                          ArticleRecord(text="JD.com will invest.", title="JD")], "x")
    company = project.add_span(1, 0, 2, "company", "ann", span_id="company-1")
    figure = project.add_span(1, 10, 12, "figure", "ann", span_id="figure-1")
    claim = project.add_span(1, 0, 15, "claim", "ann", span_id="claim-1")
    project.set_attributes(claim.id, {"certainty": "possible", "check_worthy": True}, "ann")
    project.set_attribute(figure.id, "value", 100000000, "ann", source="parsed")
    project.add_relation(claim.id, figure.id, "cites", "ann", relation_id="rel-1")
    project.add_relation(claim.id, company.id, "about", "ann", relation_id="rel-2")
    project.set_article_attribute(1, "ann", "topic", "finance", "ann")
    project.set_article_attribute(1, "bo", "topic", "other", "bo")
    return project


def _state(p: Project) -> tuple:
    return ({s: sorted(p.attribute_values(s), key=lambda v: v.name)
             for s in ("claim-1", "figure-1", "company-1")},
            p.article_attributes(1), sorted(p.relations_in_article(1), key=lambda r: r.id))


def test_delete_then_restore_brings_back_values_sources_article_fields_and_relations(valued):
    before = _state(valued)
    valued.delete_article(1, "ann")
    rows = valued.conn.execute(
        "SELECT (SELECT count(*) FROM span_attributes), (SELECT count(*) FROM "
        "article_attributes), (SELECT count(*) FROM relations)").fetchone()
    assert rows == (0, 0, 0)
    assert valued.restore_article(1, "ann") == 3
    after = _state(valued)
    assert after == before
    assert after[0]["figure-1"][0].source == "parsed"  # how each was set, too
    assert valued.check() == []


def test_undo_of_a_delete_twice_over_keeps_one_copy_of_each_relation(valued):
    for _ in range(2):
        valued.delete_article(1, "ann")
        valued.restore_article(1, "ann")
    assert sorted(r.id for r in valued.relations_in_article(1)) == ["rel-1", "rel-2"]


def test_restore_after_a_value_was_renamed_brings_it_back_under_its_new_name(valued):
    """A choice value and an article attribute's value renamed after the delete (it used to
    refuse the restore): the saved values come back renamed, as every stored one was."""
    valued.delete_article(1, "ann")
    valued.rename_choice_value("claim", "certainty", "possible", "maybe", "ann")
    valued.rename_choice_value("claim", "certainty", "maybe", "perhaps", "ann")
    valued.rename_choice_value(None, "topic", "finance", "money", "ann")
    assert valued.restore_article(1, "ann") == 3
    assert valued.attributes("claim-1") == {"certainty": "perhaps", "check_worthy": True}
    assert valued.article_attributes(1) == {"ann": {"topic": "money"}, "bo": {"topic": "other"}}
    assert valued.check() == []


def test_restore_is_refused_when_a_saved_value_was_removed_from_the_scheme(valued):
    valued.delete_article(1, "ann")
    valued.set_attribute_def("claim", AttributeDef("certainty", "choice", (
        "certain", "probable", "underspecified")), "ann")  # 'possible' is in no stored span
    with pytest.raises(InvariantError, match=r"article 1 cannot come back: span claim-1: "
                                             r"attribute 'certainty' of claim: 'possible' is "
                                             r"not one of .*the scheme changed"):
        valued.restore_article(1, "ann")
    assert not valued.has_article(1) and valued.deleted_articles()[0].article_id == 1


def test_cli_delete_and_restore_keep_the_values(capsys, valued, tmp_path: Path):
    before = _state(valued)
    path = valued.path
    valued.close()
    assert cli.main(["article", str(path), "1", "--delete"]) == 0
    assert cli.main(["article", str(path), "1", "--restore"]) == 0
    capsys.readouterr()
    with Project.open(path, readonly=True) as p:
        assert _state(p) == before
