"""Row validation of a teammate's file: each crafted row is refused naming the row, and names
that hide (bidi controls, zero-width characters, ``@`` names, non-NFC) are refused like any
other bad row (issue 8, items 6 and 10)."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest

from annotator.review import UntrustedFile, merge
from annotator.review.untrusted import open_teammate
from annotator.store import Project
from tests.review.helpers import assert_refused, bad_copy

NO_CHECKS = "PRAGMA ignore_check_constraints=ON"


def _refused_with(ours, theirs, tmp_path, match: str, *statements: str) -> None:
    bad = bad_copy(theirs, tmp_path, "crafted.db", NO_CHECKS, *statements)
    assert_refused(ours, bad, UntrustedFile, match)


# ------------------------------------------------------------------------------- names
def test_span_annotator_with_a_right_to_left_override_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path,
                  r"span 's-bo-1' in article \d+: annotator name 'bob\\u202eecilA' contains "
                  r"the invisible or control character U\+202E",
                  "UPDATE spans SET annotator = 'bob' || char(0x202e) || 'ecilA' "
                  "WHERE id = 's-bo-1'")


@pytest.mark.parametrize("char", [0x200B, 0x200D, 0xFEFF, 0x2066, 0x202A])
def test_span_annotator_with_an_invisible_character_is_refused(ours, theirs, tmp_path, char):
    _refused_with(ours, theirs, tmp_path, f"span 's-bo-3'.*U\\+{char:04X}",
                  f"UPDATE spans SET annotator = 'al' || char({char}) || 'ice' "
                  "WHERE id = 's-bo-3'")


def test_span_annotator_named_like_the_gold_layer_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path,
                  "span 's-bo-4'.*'@gold' is the gold layer: only an adjudicated span",
                  "UPDATE spans SET annotator = '@gold' WHERE id = 's-bo-4'")


def test_an_adjudicated_span_under_a_person_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path,
                  "span 's-bo-4'.*adjudicated \\(gold\\) but its annotator is 'bo', not '@gold'",
                  "UPDATE spans SET origin = 'adjudicated' WHERE id = 's-bo-4'")


def test_an_adjudicated_span_under_another_layer_name_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, "span 's-bo-4'.*'@silver'.*reserved for layers",
                  "UPDATE spans SET origin = 'adjudicated', annotator = '@silver' "
                  "WHERE id = 's-bo-4'")


def test_merge_keeps_a_teammates_gold_spans_gold(ours, theirs, tmp_path):
    from annotator.review import GOLD, layer_spans

    good = bad_copy(theirs, tmp_path, "gold.db",
                    "UPDATE spans SET origin = 'adjudicated', annotator = '@gold', "
                    "provenance = '{\"adjudicator\": \"bo\"}' WHERE id = 's-bo-4'")
    with Project.open(ours) as project:
        report = merge(project, good, "lead")
        art = next(a.id for a in project.articles() if a.title == "county")
        gold = layer_spans(project, art, GOLD)
        assert [(s.id, s.annotator, s.origin) for s in gold] == [
            ("s-bo-4", GOLD, "adjudicated")]
        assert project.spans(art, annotator="bo") == [project.span("s-bo-3")]
    assert report.spans_by_annotator == {"bo": 3, GOLD: 1}


def test_span_annotator_not_in_nfc_is_refused(ours, theirs, tmp_path):
    nfd = unicodedata.normalize("NFD", "José")
    _refused_with(ours, theirs, tmp_path,
                  "span 's-bo-2'.*annotator name .* is not in Unicode NFC form",
                  f"UPDATE spans SET annotator = '{nfd}' WHERE id = 's-bo-2'")


def test_span_annotator_with_edge_whitespace_or_empty_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"span 's-bo-1'.*whitespace.*span 's-bo-2'.*empty",
                  "UPDATE spans SET annotator = 'bo ' WHERE id = 's-bo-1'",
                  "UPDATE spans SET annotator = '' WHERE id = 's-bo-2'")


def test_label_with_a_zero_width_space_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"label name 'com\\u200bpany'.*U\+200B",
                  "INSERT INTO labels(name, color, description, position) "
                  "VALUES ('com' || char(0x200b) || 'pany', '#123456', '', 9)")


def test_relation_annotator_with_a_bidi_isolate_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"relation 'r1'.*U\+2067",
                  "INSERT INTO relations VALUES ('r1', 's-bo-1', 's-bo-2', 'says', "
                  "'bo' || char(0x2067), '2024-01-01')")


# ------------------------------------------------------------------------------- labels
def test_label_with_a_colour_that_is_not_rrggbb_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, "label 'claim' has color 'red', not #rrggbb",
                  "UPDATE labels SET color = 'red' WHERE name = 'claim'")


@pytest.mark.parametrize("column, value", [("hotkey", "x'35'"), ("position", "'first'"),
                                           ("description", "x'00'")])
def test_label_fields_of_the_wrong_type_are_refused(ours, theirs, tmp_path, column, value):
    _refused_with(ours, theirs, tmp_path, "label 'figure' has a hotkey, description or position "
                  "of the wrong type",
                  f"UPDATE labels SET {column} = {value} WHERE name = 'figure'")


# ------------------------------------------------------------------------------- articles
def test_article_without_text_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"article \d+ \('county'\) has no text",
                  "DELETE FROM spans WHERE id IN ('s-bo-3', 's-bo-4')",
                  "UPDATE articles SET text = '', sha256 = "
                  "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' "
                  "WHERE title = 'county'")


def test_article_with_a_nul_character_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"article \d+ \('county'\) .*NUL character",
                  "UPDATE articles SET text = text || char(0) WHERE title = 'county'")


def test_article_with_an_unknown_status_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"\('county'\) has unknown status 'published'",
                  "UPDATE articles SET status = 'published' WHERE title = 'county'")


@pytest.mark.parametrize("column, value", [("url", "x'3432'"), ("uid", "''"),
                                           ("source", "x'00'"), ("imported_at", "x'31'")])
def test_article_fields_that_are_not_text_are_refused(ours, theirs, tmp_path, column, value):
    _refused_with(ours, theirs, tmp_path, r"\('county'\) has a field that is not text",
                  f"UPDATE articles SET {column} = {value} WHERE title = 'county'")


@pytest.mark.parametrize("meta", ["'not json'", "'[1, 2]'", "7"])
def test_article_meta_that_is_not_a_json_object_is_refused(ours, theirs, tmp_path, meta):
    _refused_with(ours, theirs, tmp_path, r"\('county'\): meta is not a JSON object",
                  f"UPDATE articles SET meta = {meta} WHERE title = 'county'")


def test_article_claiming_the_sha256_of_our_text_with_another_text_is_refused(ours, theirs,
                                                                            tmp_path):
    # 阿里 is in our project too: their row keeps our text's sha256 but carries another text
    _refused_with(ours, theirs, tmp_path, r"article \d+ \('阿里'\): its text does not match its "
                  "sha256", "UPDATE articles SET text = replace(text, '阿里', '腾讯') "
                  "WHERE title = '阿里'")


def test_article_text_of_invalid_utf8_with_a_matching_sha256_is_refused(ours, theirs,
                                                                         tmp_path):
    raw = b"County news" + b"\xff\xfe"
    _refused_with(ours, theirs, tmp_path, "UTF-8",
                  f"UPDATE articles SET text = CAST(x'{raw.hex()}' AS TEXT), "
                  f"sha256 = '{hashlib.sha256(raw).hexdigest()}' WHERE title = 'county'")


def test_article_without_spans_claiming_our_sha256_with_another_text_is_refused(ours, theirs,
                                                                              tmp_path):
    # no span points to it, so its text is not decoded: the hash still is checked
    _refused_with(ours, theirs, tmp_path, r"\('阿里'\): its text does not match its sha256",
                  "DELETE FROM spans WHERE id IN ('s-bo-1', 's-bo-2')",
                  "UPDATE articles SET text = replace(text, '阿里', '腾讯') WHERE title = '阿里'")


def test_article_without_spans_that_we_lack_in_invalid_utf8_is_refused(ours, theirs, tmp_path):
    raw = b"County news" + b"\xff\xfe"
    _refused_with(ours, theirs, tmp_path, "UTF-8",
                  "DELETE FROM spans WHERE id IN ('s-bo-3', 's-bo-4')",
                  f"UPDATE articles SET text = CAST(x'{raw.hex()}' AS TEXT), "
                  f"sha256 = '{hashlib.sha256(raw).hexdigest()}' WHERE title = 'county'")


def test_article_text_stored_as_a_blob_with_a_matching_sha256_is_refused(ours, theirs,
                                                                          tmp_path):
    raw = b"County news"
    _refused_with(ours, theirs, tmp_path, r"\('county'\) has no text",
                  f"UPDATE articles SET text = x'{raw.hex()}', "
                  f"sha256 = '{hashlib.sha256(raw).hexdigest()}' WHERE title = 'county'")


def test_article_whose_sha256_is_not_text_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"\('county'\): its text does not match its sha256",
                  "UPDATE articles SET sha256 = CAST(sha256 AS BLOB) WHERE title = 'county'")


def test_article_whose_title_is_not_text_is_refused_naming_its_id(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"article \d+ has a field that is not text",
                  "UPDATE articles SET title = x'41' WHERE title = 'county'")


def test_one_bad_article_among_good_ones_is_named_alone(ours, theirs, tmp_path):
    bad = bad_copy(theirs, tmp_path, "crafted.db", NO_CHECKS,
                   "UPDATE articles SET status = 'published' WHERE title = 'county'")
    with pytest.raises(UntrustedFile) as caught:
        open_teammate(bad)
    assert "county" in str(caught.value) and "阿里" not in str(caught.value)


def test_project_meta_that_is_not_text_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, "meta 'title' is not text",
                  "UPDATE meta SET value = x'3132' WHERE key = 'title'")


# ------------------------------------------------------------------------------- spans
@pytest.mark.parametrize("sql, match", [
    ("UPDATE spans SET origin = 'robot' WHERE id = 's-bo-1'", "unknown origin 'robot'"),
    ("UPDATE spans SET label = 'ghost' WHERE id = 's-bo-1'", "unknown label 'ghost'"),
    ("UPDATE spans SET id = x'01' WHERE id = 's-bo-1'", "its id is not text"),
    ("UPDATE spans SET article_id = 999 WHERE id = 's-bo-1'", "its article does not exist"),
    ("UPDATE spans SET start = 0.5 WHERE id = 's-bo-1'", "offsets 0.5, 2 are not integers"),
    ("UPDATE spans SET created_at = x'35' WHERE id = 's-bo-1'", "timestamps are not text"),
    ("UPDATE spans SET provenance = 'nope' WHERE id = 's-bo-1'",
     "provenance is not a JSON object"),
], ids=["origin", "label", "id", "article", "offset-type", "timestamp", "provenance"])
def test_crafted_span_rows_are_refused_naming_the_span(ours, theirs, tmp_path, sql, match):
    _refused_with(ours, theirs, tmp_path, match, sql)


# ------------------------------------------------------------------------------- relations
@pytest.mark.parametrize("row, match", [
    ("('r1', 's-bo-1', 'gone', 'says', 'bo', 'x')", "relation 'r1' joins a span that does not"),
    ("('r1', 's-bo-1', 's-bo-3', 'says', 'bo', 'x')", "relation 'r1' joins spans of two"),
    ("('r1', 's-bo-1', 's-bo-2', '', 'bo', 'x')", "relation 'r1' has a field that is not text"),
    ("('r1', 's-bo-1', 's-bo-2', 'says', x'62', 'x')", "relation 'r1' has a field that is not text"),
], ids=["missing-end", "two-articles", "no-type", "annotator-type"])
def test_crafted_relations_are_refused_naming_the_relation(ours, theirs, tmp_path, row, match):
    _refused_with(ours, theirs, tmp_path, match, f"INSERT INTO relations VALUES {row}")


def test_a_valid_relation_and_names_in_nfc_merge(ours, theirs, tmp_path):
    good = bad_copy(theirs, tmp_path, "good.db",
                    "UPDATE spans SET annotator = 'José' WHERE annotator = 'bo'",
                    "INSERT INTO relations VALUES ('r1', 's-bo-1', 's-bo-2', 'says', 'José', "
                    "'2024-01-01')",
                    # a relation's type is defined with the labels it joins (schema m009)
                    "INSERT INTO relation_types(name) VALUES ('says')",
                    "INSERT INTO relation_ends(type, side, label) SELECT 'says', 'from', label "
                    "FROM spans WHERE id = 's-bo-1'",
                    "INSERT INTO relation_ends(type, side, label) SELECT 'says', 'to', label "
                    "FROM spans WHERE id = 's-bo-2'")
    with Project.open(ours) as project:
        report = merge(project, good, "ann")
        assert project.scheme().relation("says") is not None
    assert report.spans_by_annotator == {"José": 4} and report.relations_added == 1
    assert report.definitions_added == ["relation type says"]


def test_a_relation_of_a_type_its_file_does_not_define_is_refused(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"relation r1: its type 'says' is not in the scheme",
                  "INSERT INTO relations VALUES ('r1', 's-bo-1', 's-bo-2', 'says', 'bo', "
                  "'2024-01-01')")


def test_many_bad_rows_name_the_first_three_and_count_the_rest(ours, theirs, tmp_path):
    _refused_with(ours, theirs, tmp_path, r"s-bo-1.*s-bo-2.*s-bo-3.*\(and 1 more\)",
                  "UPDATE spans SET origin = 'robot'")
