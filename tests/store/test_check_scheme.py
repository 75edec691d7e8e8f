"""``annotator check`` against the scheme (issue 10): a stored value of the wrong type or
outside its values, a value of an attribute the label lacks, a relation of an undefined type
or a label pair its type does not allow, a broken definition: each an error naming its row.
A span missing a required attribute is a warning (incomplete): exit 0. Each file is damaged
by hand, with raw sqlite3 writes, as another program could."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_check import _check, _sql

from annotator.core.model import ArticleRecord
from annotator.core.scheme import AttributeDef
from annotator.store import Project

TEXT = "阿里表示今年新增至少1亿用户。"


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    """A claim (certainty possible) citing a figure (value 1e8) about 阿里, and an article
    attribute."""
    path = tmp_path / "claims.db"
    with Project.create(path) as p:
        p.set_attribute_def(None, AttributeDef("topic", "choice", ("finance", "other")), "x")
        p.add_articles([ArticleRecord(text=TEXT, title="阿里")], "x")
        a = p.articles()[0].id
        company = p.add_span(a, 0, 2, "company", "ann", span_id="company-1")
        figure = p.add_span(a, 10, 12, "figure", "ann", span_id="figure-1")
        claim = p.add_span(a, 0, 15, "claim", "ann", span_id="claim-1")
        p.set_attribute(claim.id, "certainty", "possible", "ann")
        p.set_attribute(figure.id, "value", 100000000, "ann")
        p.add_relation(claim.id, figure.id, "cites", "ann", relation_id="rel-1")
        p.add_relation(claim.id, company.id, "about", "ann", relation_id="rel-2")
        p.set_article_attribute(a, "ann", "topic", "finance", "ann")
    return path


def test_check_passes_a_project_with_valid_values_and_relations(capsys, claims):
    assert _check(capsys, claims) == (0, "ok: 1 articles, 3 spans\n", "")


DAMAGE = {
    "a choice value outside its values": (
        "UPDATE span_attributes SET value = '\"sure\"' WHERE name = 'certainty'",
        "span claim-1 (claim) in article 1: attribute 'certainty': 'sure' is not one of "
        "certain, probable, possible, underspecified"),
    "a number stored as text": (
        "UPDATE span_attributes SET value = '\"1亿\"' WHERE name = 'value'",
        "span figure-1 (figure) in article 1: attribute 'value': expected a number, got '1亿'"),
    "a value that is not JSON": (
        "UPDATE span_attributes SET value = 'possible' WHERE name = 'certainty'",
        "span claim-1 (claim) in article 1: attribute 'certainty': a value that is not JSON: "
        "'possible'"),
    "a value of an attribute the label does not have": (
        "INSERT INTO span_attributes(span_id, name, value, updated_at) "
        "VALUES ('company-1', 'certainty', '\"certain\"', 't')",
        "span company-1 (company) in article 1: attribute 'certainty': not in the scheme"),
    "a relation joining labels its type does not allow": (
        "UPDATE relations SET type = 'cites' WHERE id = 'rel-2'",
        "relation rel-2: a 'cites' relation goes from claim to figure, not from claim to "
        "company"),
    "a relation of an undefined type": (
        "UPDATE relations SET type = 'contradicts' WHERE id = 'rel-1'",
        "relation rel-1: its type 'contradicts' is not in the scheme"),
    "an article attribute value outside its values": (
        "UPDATE article_attributes SET value = '\"sports\"'",
        "article 1 (ann): article attribute 'topic': 'sports' is not one of finance, other"),
    "a definition whose default is not one of its values": (
        "UPDATE label_attributes SET spec = json_set(spec, '$.default', 'maybe') "
        "WHERE name = 'certainty'",
        "the scheme: label 'claim', attribute 1 'certainty': default 'maybe' is not an "
        "allowed value (certain, probable, possible, underspecified)"),
    "a definition that is not JSON": (
        "UPDATE relation_types SET spec = '{oops' WHERE name = 'about'",
        "relation type 'about': its definition '{oops' is not a JSON object"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_check_reports_a_hand_damaged_value_or_relation_as_an_error(capsys, claims,
                                                                    case: str):
    statement, message = DAMAGE[case]
    _sql(claims, statement)
    code, out, err = _check(capsys, claims)
    assert code == 1
    assert message in out.splitlines(), out
    assert err.strip() == f"annotator: error: 1 problem(s) in {claims}"


def test_check_reports_many_equal_bad_values_once_with_a_count(capsys, claims):
    with Project.open(claims) as p:
        a = p.articles()[0].id
        for i in range(3):
            span = p.add_span(a, 4, 6, "claim", f"ann{i}")
            p.set_attribute(span.id, "certainty", "certain", f"ann{i}")
    _sql(claims, "UPDATE span_attributes SET value = '\"sure\"' WHERE value = '\"certain\"'")
    code, out, _ = _check(capsys, claims)
    assert code == 1
    (line,) = out.splitlines()
    assert line.endswith("'sure' is not one of certain, probable, possible, underspecified "
                         "(and 2 more span(s) with this value)")


def test_a_span_missing_a_required_attribute_is_a_warning_not_an_error(capsys, claims):
    _sql(claims, "UPDATE label_attributes SET spec = json_set(spec, '$.required', json('true'))"
                 " WHERE label = 'figure' AND name = 'unit'")
    code, out, err = _check(capsys, claims)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "warning: 1 figure span(s) lack the required attribute 'unit' (incomplete; e.g. span "
        "figure-1 in article 1)",
        "ok: 1 articles, 3 spans (1 warning(s), not errors)"]


def test_warnings_are_named_apart_from_the_errors(capsys, claims):
    _sql(claims,
         "UPDATE label_attributes SET spec = json_set(spec, '$.required', json('true'))"
         " WHERE label = 'figure' AND name = 'unit'",
         "UPDATE relations SET type = 'contradicts' WHERE id = 'rel-1'")
    code, out, err = _check(capsys, claims)
    assert code == 1
    assert out.splitlines()[0] == "relation rel-1: its type 'contradicts' is not in the scheme"
    assert out.splitlines()[1].startswith("warning: 1 figure span(s) lack the required")
    assert err.strip() == (f"annotator: error: 1 problem(s) in {claims} (1 warning(s), not "
                           "errors)")


def test_a_done_article_missing_a_required_article_attribute_is_a_warning_naming_it(capsys,
                                                                                    claims):
    """Done without the required topic warns (naming the article and who marked it done);
    the same gap on an article still in progress, or done with the topic set, does not."""
    _sql(claims, "UPDATE article_attribute_defs SET spec = json_set(spec, '$.required', "
                 "json('true')) WHERE name = 'topic'")
    with Project.open(claims) as p:
        p.add_articles([ArticleRecord(text="京东也在下沉市场发力。", title="京东"),
                        ArticleRecord(text="分析师认为增长20%。", title="增长")], "x")
        first, second, third = (a.id for a in p.articles())
        p.set_status(first, "done", "ann")  # topic set: fine
        p.set_status(second, "in-progress", "ann")  # not finished: no warning yet
        p.set_status(third, "done", "bo")
        p.set_status(first, "done", "bo")  # bo has no topic of their own on it either
    code, out, err = _check(capsys, claims)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"warning: 2 article(s) marked done lack the required article attribute 'topic' "
        f"(e.g. article {first}, done by bo)",
        "ok: 3 articles, 3 spans (1 warning(s), not errors)"]
