"""A teammate's file with attributes, values and relation types (m009): it passes the schema
allowlist, its own scheme must be a valid one, and every value and relation row must fit it;
a crafted row is named and refused and nothing is merged. A teammate's file from before m009
still merges (issue 10)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.scheme import DEFAULT_CLAIM_SCHEME, AttributeDef
from annotator.review import UntrustedFile, merge
from annotator.review.untrusted import MERGEABLE_FROM, open_teammate
from annotator.store import NotAProject, Project
from annotator.store.schema import SCHEMA_VERSION
from tests.review.helpers import (
    EN,
    ZH,
    assert_refused,
    bad_copy,
    counting_suggestions,
    make_project,
    snapshot,
)

NO_CHECKS = "PRAGMA ignore_check_constraints=ON"


@pytest.fixture
def valued(tmp_path: Path) -> Path:
    """Bo's file: the claim model, a claim citing a figure, values of each kind, an article
    attribute."""
    live = make_project(tmp_path / "valued-live.db", [
        ("阿里", ZH, [(0, 2, "company", "bo", "s-bo-1"), (0, 16, "claim", "bo", "s-bo-2"),
                     (13, 16, "figure", "bo", "s-bo-5")]),
        ("county", EN, [(0, 7, "company", "bo", "s-bo-3")]),
    ], title="Bo's project")
    with Project.open(live) as p:
        p.install_scheme(DEFAULT_CLAIM_SCHEME, "bo")
        p.set_attribute_def(None, AttributeDef("topic", "choice", ("finance", "other")), "bo")
        p.set_attributes("s-bo-2", {"certainty": "probable", "check_worthy": True}, "bo")
        p.set_attribute("s-bo-5", "value", 1.5, "bo")
        p.add_relation("s-bo-2", "s-bo-5", "cites", "bo", relation_id="r-bo-1")
        p.add_relation("s-bo-2", "s-bo-1", "about", "bo", relation_id="r-bo-2")
        p.set_article_attribute(1, "bo", "topic", "finance", "bo")
    return snapshot(live, tmp_path / "valued.db")


def test_a_teammate_file_with_values_passes_the_allowlist_and_merges(ours, valued):
    with open_teammate(valued) as teammate:
        assert teammate.version == SCHEMA_VERSION and teammate.has_scheme_tables
    with Project.open(ours) as project:
        project.install_scheme(DEFAULT_CLAIM_SCHEME, "lead")  # merge copies no definitions yet
        report = merge(project, valued, "lead")
        assert report.spans_added == 4 and project.check() == []


CRAFTED = {
    "a value outside the teammate's own choices": (
        ["UPDATE span_attributes SET value = '\"sure\"' WHERE name = 'certainty'"],
        r"span s-bo-2 \(claim\) in article 1: attribute 'certainty': 'sure' is not one of"),
    "a boolean stored as a number": (
        ["UPDATE span_attributes SET value = '1' WHERE name = 'check_worthy'"],
        r"attribute 'check_worthy': expected true or false, got 1"),
    "a relation of a type the teammate's scheme does not define": (
        ["UPDATE relations SET type = 'owns' WHERE id = 'r-bo-2'"],
        r"relation r-bo-2: its type 'owns' is not in the scheme"),
    "a relation its type does not allow": (
        ["UPDATE relations SET type = 'cites' WHERE id = 'r-bo-2'"],
        r"relation r-bo-2: a 'cites' relation goes from claim to figure, not from claim to "
        r"company"),
    "a value row of a span that does not exist": (
        ["INSERT INTO span_attributes(span_id, name, value, updated_at) "
         "VALUES ('s-ghost', 'certainty', '\"certain\"', 't')"],
        r"a value of attribute 'certainty' belongs to span s-ghost, which does not exist"),
    "a value of an attribute the label does not have": (
        ["INSERT INTO span_attributes(span_id, name, value, updated_at) "
         "VALUES ('s-bo-3', 'certainty', '\"certain\"', 't')"],
        r"span s-bo-3 \(company\) in article 2: attribute 'certainty': not in the scheme"),
    "a definition that breaks a scheme rule": (
        ["UPDATE label_attributes SET spec = '{\"values\": []}' WHERE name = 'certainty'"],
        r"the scheme: label 'claim', attribute 1 'certainty': a choice attribute needs a list "
        r"of values"),
    "a definition that is not JSON": (
        ["UPDATE article_attribute_defs SET spec = 'x'"],
        r"article attribute 'topic': its definition 'x' is not a JSON object"),
    "an article attribute of an article that does not exist": (
        ["UPDATE article_attributes SET article_id = 99"],
        r"article attribute 'topic' of 'bo' in article 99: its article does not exist"),
    "an article attribute under a hidden name": (
        ["UPDATE article_attributes SET annotator = 'b' || char(0x200b) || 'o'"],
        r"article attribute 'topic' of 'b\\u200bo' in article 1: .*U\+200B"),
    "a value of an unknown source": (
        [NO_CHECKS, "UPDATE span_attributes SET source = 'oracle' WHERE name = 'value'"],
        r"the value of attribute 'value' of span 's-bo-5': unknown source 'oracle'"),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_value_or_relation_row_is_named_and_refused(ours, valued, tmp_path,
                                                              case: str):
    statements, match = CRAFTED[case]
    bad = bad_copy(valued, tmp_path, "crafted.db", *statements)
    assert_refused(ours, bad, UntrustedFile, r"refused, invalid rows: .*" + match)


def test_a_bad_span_is_named_before_a_bad_value_and_the_values_check_is_let_go(
        ours, valued, tmp_path):
    # the values are read beside the span pass; a file bad in both is still refused for its
    # span first (values are judged against spans known to be good), and nothing is left
    # reading the refused copy
    import threading

    bad = bad_copy(valued, tmp_path, "both.db", NO_CHECKS,
                   "UPDATE spans SET text = 'xx' WHERE id = 's-bo-3'",
                   "UPDATE span_attributes SET value = '\"sure\"' WHERE span_id = 's-bo-2' "
                   "AND name = 'certainty'")
    with pytest.raises(UntrustedFile) as err:
        open_teammate(bad)
    assert "s-bo-3" in str(err.value) and "sure" not in str(err.value)
    assert not [t for t in threading.enumerate() if t.name == "validate values"]
    fixed = bad_copy(valued, tmp_path, "value.db", NO_CHECKS,
                     "UPDATE span_attributes SET value = '\"sure\"' WHERE span_id = 's-bo-2' "
                     "AND name = 'certainty'")
    assert_refused(ours, fixed, UntrustedFile, r"s-bo-2.*certainty.*sure")


def _downgrade_to_before_m009(path: Path) -> None:
    """What a file written before m009 is: no m009 (or later m010) tables, index or
    migration row, and the span-count triggers of then (m012)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        counting_suggestions(conn)
        for table in ("company_tickers", "company_aliases", "companies",
                      "suggestion_rejections"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_company_registry'")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_attribute_value_index'")
        for table in ("relation_ends", "relation_types", "label_attributes",
                      "article_attribute_defs", "span_attributes", "article_attributes"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX relations_type")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_claims_with_structure'")
        conn.execute(f"PRAGMA user_version={MERGEABLE_FROM}")
        conn.execute("VACUUM")
    finally:
        conn.close()


def test_a_teammate_file_from_before_m009_still_merges(ours, tmp_path):
    live = make_project(tmp_path / "old-live.db", [
        ("阿里", ZH, [(0, 2, "company", "bo", "s-bo-1"), (0, 16, "claim", "bo", "s-bo-2")]),
        ("county", EN, [(0, 7, "company", "bo", "s-bo-3")]),
    ], title="Bo's old project")
    with Project.open(live) as p:
        p.install_scheme(DEFAULT_CLAIM_SCHEME, "bo")
        p.add_relation("s-bo-2", "s-bo-1", "about", "bo", relation_id="r-bo-1")
    old = snapshot(live, tmp_path / "old.db")
    _downgrade_to_before_m009(old)
    with open_teammate(old) as teammate:
        assert teammate.version == MERGEABLE_FROM and not teammate.has_scheme_tables
    with Project.open(ours) as project:
        project.install_scheme(DEFAULT_CLAIM_SCHEME, "lead")
        report = merge(project, old, "lead")
        assert (report.spans_added, report.relations_added) == (3, 1)
        assert project.check() == []


def test_a_teammate_file_older_than_that_is_still_sent_to_be_upgraded(ours, valued,
                                                                      tmp_path):
    bad = bad_copy(valued, tmp_path, "older.db", f"PRAGMA user_version={MERGEABLE_FROM - 1}")
    assert_refused(ours, bad, NotAProject, "written by an older annotator")


def test_a_file_claiming_an_older_version_but_holding_newer_tables_is_refused(ours, valued,
                                                                              tmp_path):
    bad = bad_copy(valued, tmp_path, "mixed.db", f"PRAGMA user_version={MERGEABLE_FROM}")
    assert_refused(ours, bad, UntrustedFile, "unexpected table 'article_attribute_defs'")
