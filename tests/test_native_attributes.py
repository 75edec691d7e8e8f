"""Attribute values in the native JSONL (issue 10): a span's ``attributes`` (unset ones left
out, never null), each article's ``article_attributes`` per annotator, relations as before; a
value that breaks the scheme refuses the import with file:line and imports nothing, and
``--skip-bad`` skips only that record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import cli
from annotator.core.model import ArticleRecord
from annotator.core.scheme import AttributeDef
from annotator.core.text import sha256_text
from annotator.formats.native import export_jsonl
from annotator.importing import import_paths
from annotator.store import ImportFailed, Project
from tests.test_native_jsonl import ASTRAL, _native_line, find


@pytest.fixture
def claims(project: Project) -> Project:
    """A claim citing a figure, about a company (after an emoji), with values of every type,
    an article attribute of two annotators, and a second article without any value."""
    project.set_attribute_def(None, AttributeDef("topic", "choice",
                                                 ("e-commerce", "finance", "other")), "x")
    project.set_attribute_def("company", AttributeDef(
        "sector", "multi", ("retail", "logistics", "media")), "x")
    project.add_articles([ArticleRecord(text=ASTRAL, title="阿里"),
                          ArticleRecord(text="JD.com will invest more.", title="JD")], "x")
    a, b = (s.id for s in project.articles())
    claim = project.add_span(a, *find(ASTRAL, "阿里今年的小目标是新增至少1亿用户"), "claim", "alice")
    fig = project.add_span(a, *find(ASTRAL, "1亿"), "figure", "alice")
    company = project.add_span(a, *find(ASTRAL, "阿里"), "company", "alice")
    project.add_span(b, 0, 6, "company", "bob")
    project.set_attributes(claim.id, {"certainty": "probable", "check_worthy": True,
                                      "speaker": "韩瑞"}, "alice")
    project.set_attributes(fig.id, {"value": 100000000, "unit": "用户"}, "alice")
    project.set_attribute(company.id, "sector", ["media", "retail"], "alice")
    project.add_relation(claim.id, fig.id, "cites", "alice")
    project.add_relation(claim.id, company.id, "about", "alice")
    project.set_article_attribute(a, "alice", "topic", "finance", "alice")
    project.set_article_attribute(a, "bob", "topic", "e-commerce", "bob")
    return project


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_writes_span_values_and_article_values_per_annotator(claims: Project,
                                                                     tmp_path: Path):
    out = tmp_path / "out.jsonl"
    assert export_jsonl(claims, out) == {"articles": 2, "spans": 4, "relations": 2}
    first, second = _lines(out)
    by_text = {s["text"]: s for s in first["spans"]}
    assert by_text["阿里今年的小目标是新增至少1亿用户"]["attributes"] == {
        "certainty": "probable", "check_worthy": True, "speaker": "韩瑞"}
    assert by_text["1亿"]["attributes"] == {"value": 100000000, "unit": "用户"}
    assert by_text["阿里"]["attributes"] == {"sector": ["retail", "media"]}  # scheme order
    assert list(by_text["阿里"])[-1] == "attributes"
    assert first["article_attributes"] == {"alice": {"topic": "finance"},
                                           "bob": {"topic": "e-commerce"}}
    assert sorted(r["type"] for r in first["relations"]) == ["about", "cites"]
    # nothing set: no key at all, never null
    assert "attributes" not in second["spans"][0] and "article_attributes" not in second
    assert "null" not in out.read_text(encoding="utf-8")


def test_export_of_one_annotator_carries_only_their_article_values(claims: Project,
                                                                    tmp_path: Path):
    out = tmp_path / "bob.jsonl"
    export_jsonl(claims, out, annotators=["bob"])
    first, _ = _lines(out)
    assert first["article_attributes"] == {"bob": {"topic": "e-commerce"}}
    assert first["spans"] == []


def test_export_then_import_into_a_new_project_gives_the_same_values_and_bytes(
        claims: Project, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    export_jsonl(claims, out)
    with Project.create(tmp_path / "copy.db") as copy:
        copy.set_attribute_def(None, AttributeDef("topic", "choice",
                                                  ("e-commerce", "finance", "other")), "x")
        copy.set_attribute_def("company", AttributeDef(
            "sector", "multi", ("retail", "logistics", "media")), "x")
        report = import_paths(copy, [out], "importer")
        assert (report.added, report.spans_added) == (2, 4)
        a = copy.articles()[0].id
        assert copy.article_span_attributes(a) == claims.article_span_attributes(a)
        assert copy.article_attributes(a) == claims.article_attributes(a)
        claim = next(s for s in copy.spans(a) if s.label == "claim")
        assert {v.source for v in copy.attribute_values(claim.id)} == {"imported"}
        again = tmp_path / "again.jsonl"
        export_jsonl(copy, again)
    assert again.read_bytes() == out.read_bytes()


BAD_VALUES = {
    "a choice outside its values": (
        {"span_label": "claim", "span_attributes": {"certainty": "sure"}},
        "span [2, 4) claim '阿里': attribute 'certainty' of claim: 'sure' is not one of "
        "certain, probable, possible, underspecified"),
    "a number given as text": (
        {"span_label": "figure", "span_attributes": {"value": "1亿"}},
        "attribute 'value' of figure: expected a number, got '1亿'"),
    "an attribute the label does not have": (
        {"span_attributes": {"certainty": "certain"}},
        "span [2, 4) company '阿里': label 'company' has no attribute 'certainty'"),
    "a null value": (
        {"span_label": "claim", "span_attributes": {"speaker": None}},
        "span 1 attributes: 'speaker' is null (leave an unset attribute out)"),
    "attributes that are not an object": (
        {"span_attributes": ["retail"]},
        "span 1 attributes must be an object of name -> value, not a list"),
    "an article attribute the scheme lacks": (
        {"article_attributes": {"alice": {"topic": "finance"}}},
        "the scheme has no article attribute 'topic'"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_a_value_breaking_the_scheme_refuses_the_import_with_file_and_line(
        project: Project, tmp_path: Path, case: str):
    change, message = BAD_VALUES[case]
    f = _native_line(tmp_path / "n.jsonl", **change)
    with pytest.raises(ImportFailed) as caught:
        import_paths(project, [f], "x")
    assert str(caught.value).startswith(f"{f}:2: ")
    assert message in str(caught.value) and "nothing was imported" in str(caught.value)
    assert project.articles() == []  # not even the good first line


def test_skip_bad_skips_only_the_record_with_the_bad_value(capsys, project: Project,
                                                           tmp_path: Path):
    f = _native_line(tmp_path / "n.jsonl", span_label="claim",
                     span_attributes={"check_worthy": "yes"})
    project.close()
    code = cli.main(["import", str(project.path), str(f), "--skip-bad"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"{f}:2: span [2, 4) claim '阿里': attribute 'check_worthy' of claim: expected true " \
           "or false, got 'yes'" in out
    with Project.open(project.path, readonly=True) as p:
        assert [a.title for a in p.articles()] == ["filler"]
        assert p.span_count() == 0


def test_a_good_value_of_a_native_line_is_stored_as_imported(project: Project,
                                                             tmp_path: Path):
    f = _native_line(tmp_path / "n.jsonl", span_label="claim",
                     span_attributes={"certainty": "possible", "check_worthy": False})
    import_paths(project, [f], "x")
    (value_c, value_w) = project.attribute_values("s1")
    assert (value_c.name, value_c.value, value_c.source) == ("certainty", "possible",
                                                             "imported")
    assert (value_w.name, value_w.value) == ("check_worthy", False)


def test_a_native_figure_without_values_stays_without_but_a_plain_import_parses_it(
        project: Project, tmp_path: Path):
    """Our own export says "no values" by leaving them out: importing it adds none (a round
    trip changes nothing); a file of another kind gets the figure parsed (issue 12)."""
    start, end = find(ASTRAL, "1亿")
    f = _native_line(tmp_path / "n.jsonl", span_label="figure", span_start=start,
                     span_end=end, span_text="1亿", span_start_utf16=start + 2,
                     span_end_utf16=end + 2)
    import_paths(project, [f], "x")
    assert project.attribute_values("s1") == []
    from annotator.core.model import SpanRecord

    project.add_articles([ArticleRecord(text="营收约2.5亿元", spans=(
        SpanRecord(2, 8, "figure", "约2.5亿元", "bob", id="p1"),))], "bob")
    assert project.attributes("p1") == {"value": 250000000, "unit": "CNY",
                                         "approx": "about"}


def test_a_file_from_before_m009_read_only_exports_lists_and_checks_without_values(
        capsys, claims: Project, tmp_path: Path):
    from tests.review.test_validate_values import _downgrade_to_before_m009

    path = claims.path
    claims.close()
    _downgrade_to_before_m009(path)
    out = tmp_path / "old.jsonl"
    assert cli.main(["export", str(path), "-f", "jsonl", "-o", str(out)]) == 0
    first, _ = _lines(out)
    assert "article_attributes" not in first
    assert all("attributes" not in s for s in first["spans"])
    assert sorted(r["type"] for r in first["relations"]) == ["about", "cites"]
    capsys.readouterr()
    assert cli.main(["labels", str(path), "--json"]) == 0
    scheme = json.loads(capsys.readouterr().out)
    assert all(label["attributes"] == [] for label in scheme["labels"])
    assert {r["name"] for r in scheme["relations"]} == {"about", "cites"}  # from the relations
    assert cli.main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "ok: 2 articles, 4 spans\n"


def test_article_attributes_of_the_gold_layer_come_back_and_a_hidden_name_is_refused(
        project: Project, tmp_path: Path):
    project.set_attribute_def(None, AttributeDef("topic", "choice", ("finance", "other")), "x")
    gold = _native_line(tmp_path / "gold.jsonl",
                        article_attributes={"@gold": {"topic": "finance"}})
    import_paths(project, [gold], "x")
    assert project.article_attributes(2) == {"@gold": {"topic": "finance"}}
    hidden = _native_line(tmp_path / "hidden.jsonl", text="另一篇" + ASTRAL,
                          sha256=sha256_text("另一篇" + ASTRAL), spans=[],
                          article_attributes={"b\u200bob": {"topic": "other"}})
    with pytest.raises(ImportFailed, match=r"hidden\.jsonl:2: article_attributes: .*U\+200B"):
        import_paths(project, [hidden], "x")
