"""`annotator new --labels FILE` with attributes, relation types and article attributes, and
`annotator labels PROJECT [--json]` (issue 10): every rule of a scheme file is refused naming
the file and the entry, and nothing is created; `labels --json` reads back as the same scheme."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.scheme import DEFAULT_CLAIM_SCHEME, parse_scheme
from annotator.store import Project
from tests.test_cli import one_error_line, run

#: The scheme file of issue 10, as written there.
ISSUE_SCHEME = {
    "labels": [
        {"name": "claim", "color": "#d62728", "hotkey": "1",
         "description": "An assertion the article makes or reports",
         "attributes": [
             {"name": "certainty", "type": "choice",
              "values": ["certain", "hedged", "speculative"]},
             {"name": "check_worthy", "type": "boolean"},
             {"name": "speaker", "type": "text"}]},
        {"name": "figure", "color": "#1f77b4", "hotkey": "2",
         "attributes": [{"name": "value", "type": "number"},
                        {"name": "unit", "type": "text"}]},
        {"name": "company", "color": "#2ca02c", "hotkey": "3",
         "attributes": [{"name": "sector", "type": "multi",
                         "values": ["retail", "logistics", "media"]}]},
        {"name": "strategy", "color": "#ff7f0e", "hotkey": "4"}],
    "relations": [
        {"name": "cites", "from": ["claim"], "to": ["figure"]},
        {"name": "about", "from": ["claim", "strategy"], "to": ["company"]}],
    "article_attributes": [{"name": "topic", "type": "choice",
                            "values": ["e-commerce", "finance", "other"]}],
}


def _write(tmp_path: Path, data: object, name: str = "scheme.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_with_the_issue_scheme_file_creates_its_attributes_relations_and_article_fields(
        capsys, tmp_path: Path):
    code, out, err = run(capsys, "new", tmp_path / "p.db", "--labels",
                         _write(tmp_path, ISSUE_SCHEME))
    assert code == 0, err
    assert "(labels: claim, figure, company, strategy)" in out
    with Project.open(tmp_path / "p.db", readonly=True) as p:
        scheme = p.scheme()
    assert scheme == parse_scheme(ISSUE_SCHEME)
    assert [a.name for a in scheme.attributes_of("claim")] == [
        "certainty", "check_worthy", "speaker"]
    assert scheme.attribute("company", "sector").values == ("retail", "logistics", "media")
    assert scheme.relation("about").allows("strategy", "company")
    assert not scheme.relation("cites").allows("figure", "claim")
    assert [a.name for a in scheme.article_attributes] == ["topic"]


def test_labels_json_prints_every_label_key_even_empty_ones(capsys, tmp_path: Path):
    scheme = {"labels": [{"name": "brand"}, {"name": "price", "hotkey": None}]}
    run(capsys, "new", tmp_path / "p.db", "--labels", _write(tmp_path, scheme))
    code, out, _ = run(capsys, "labels", tmp_path / "p.db", "--json")
    assert code == 0
    data = json.loads(out)
    assert data == {
        "labels": [
            {"name": "brand", "color": "#d62728", "hotkey": "1", "description": "",
             "attributes": []},
            {"name": "price", "color": "#1f77b4", "hotkey": None, "description": "",
             "attributes": []}],
        "relations": [], "article_attributes": []}


@pytest.mark.parametrize("source", ["issue", "default"])
def test_labels_json_read_back_by_new_gives_an_equal_scheme(capsys, tmp_path: Path,
                                                            source: str):
    first = tmp_path / "first.db"
    if source == "issue":
        run(capsys, "new", first, "--labels", _write(tmp_path, ISSUE_SCHEME, "issue.json"))
    else:
        run(capsys, "new", first)
    code, out, _ = run(capsys, "labels", first, "--json")
    assert code == 0
    exported = tmp_path / "exported.json"
    exported.write_text(out, encoding="utf-8")
    code, _, err = run(capsys, "new", tmp_path / "second.db", "--labels", exported)
    assert code == 0, err
    with Project.open(first, readonly=True) as a, \
            Project.open(tmp_path / "second.db", readonly=True) as b:
        assert a.scheme() == b.scheme()
        assert a.scheme().to_json() == b.scheme().to_json() == json.loads(out)
    if source == "default":
        assert json.loads(out) == DEFAULT_CLAIM_SCHEME.to_json()


def _with_claim_attr(attr: dict) -> dict:
    return {"labels": [{"name": "claim", "attributes": [attr]}, {"name": "figure"}]}


BROKEN = {
    "an unknown type": (
        _with_claim_attr({"name": "certainty", "type": "likert"}),
        "label 'claim', attribute 1 'certainty': unknown type 'likert'"),
    "a choice without values": (
        _with_claim_attr({"name": "certainty", "type": "choice"}),
        "label 'claim', attribute 1 'certainty': a choice attribute needs a list of values"),
    "an attribute named twice": (
        {"labels": [{"name": "claim", "attributes": [
            {"name": "speaker", "type": "text"}, {"name": "speaker", "type": "boolean"}]}]},
        "label 'claim': attribute 'speaker' is named twice"),
    "a relation naming a label that does not exist": (
        {"labels": ["claim", "figure"],
         "relations": [{"name": "about", "from": ["claim"], "to": ["company"]}]},
        "relation 'about': \"to\" names label 'company', which the scheme does not have"),
    "a default outside the values": (
        _with_claim_attr({"name": "polarity", "type": "choice",
                          "values": ["positive", "negative"], "default": "neutral"}),
        "attribute 1 'polarity': default 'neutral' is not an allowed value"),
    "a name with a space": (
        _with_claim_attr({"name": "check worthy", "type": "boolean"}),
        "attribute name 'check worthy' is not an identifier"),
    "a choice value with a space": (
        _with_claim_attr({"name": "certainty", "type": "choice", "values": ["very sure"]}),
        "value 'very sure' is not an identifier"),
    "a value hotkey equal to a label hotkey": (
        _with_claim_attr({"name": "certainty", "type": "choice", "values": ["sure", "hedged"],
                          "hotkeys": {"hedged": "2"}}),
        "hotkey '2' of 'hedged' is a label's hotkey"),
    "a value hotkey the window keeps": (
        _with_claim_attr({"name": "certainty", "type": "choice", "values": ["sure", "hedged"],
                          "hotkeys": {"hedged": "r"}}),
        "hotkey 'r' of 'hedged' is reserved by the window"),
    "an article attribute of an unknown type": (
        {"labels": ["claim"], "article_attributes": [{"name": "topic", "type": "tags"}]},
        "article attributes, attribute 1 'topic': unknown type 'tags'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_new_refuses_a_scheme_file_breaking_a_rule_and_creates_nothing(
        capsys, tmp_path: Path, case: str):
    data, message = BROKEN[case]
    scheme = _write(tmp_path, data)
    code, out, err = run(capsys, "new", tmp_path / "p.db", "--labels", scheme)
    line = one_error_line(err)
    assert code == 1 and out == ""
    assert line.startswith(f"annotator: error: {scheme}: ")  # the file, then the entry
    assert message in line
    assert not (tmp_path / "p.db").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scheme.json"]  # no leftovers


def test_new_refuses_broken_json_naming_the_line(capsys, tmp_path: Path):
    scheme = tmp_path / "scheme.json"
    scheme.write_text('{"labels": [\n  {"name": "claim",}\n]}', encoding="utf-8")
    code, _, err = run(capsys, "new", tmp_path / "p.db", "--labels", scheme)
    assert code == 1 and f"{scheme}:2: not valid JSON" in one_error_line(err)
    assert not (tmp_path / "p.db").exists()


def test_plain_labels_lists_attributes_relations_and_article_attributes(capsys,
                                                                        tmp_path: Path):
    data = json.loads(json.dumps(ISSUE_SCHEME))
    data["labels"][0]["attributes"][0].update(
        {"default": "certain", "required": True, "hotkeys": {"hedged": "h"},
         "description": "How sure"})
    run(capsys, "new", tmp_path / "p.db", "--labels", _write(tmp_path, data))
    code, out, _ = run(capsys, "labels", tmp_path / "p.db")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["key", "label", "color", "spans", "description"]
    assert lines[1].split()[:4] == ["1", "claim", "#d62728", "0"]
    at = lines.index("attributes:")
    certainty = lines[at + 1].split("  ")
    assert [c.strip() for c in certainty if c.strip()] == [
        "claim.certainty", "choice", "certain | hedged | speculative",
        "(default certain; required; hotkeys hedged=h)", "How sure"]
    assert any(line.split() == ["company.sector", "multi", "retail", "|", "logistics", "|",
                                "media"] for line in lines)
    rel = lines.index("relations:")
    assert lines[rel + 2].split() == ["about", "claim", "|", "strategy", "->", "company"]
    art = lines.index("article attributes:")
    assert lines[art + 1].split() == ["topic", "choice", "e-commerce", "|", "finance", "|",
                                      "other"]
