"""Exports never mix people by accident (issue 9, point 3): a format whose records cannot say
who made each span refuses a project with several annotators unless the export names its
layers (--annotator NAME, --gold-only, --all-annotators); formats that carry the annotator per
span export everyone as before; the manifest records the layers exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import cli
from annotator.formats_cli import ANONYMOUS, MixedLayers, export_format

# the sample: alice and bob annotate, "lead" adjudicated 京东 (the gold layer), a model suggested
EVERY_LAYER = ["alice", "bob", "@gold"]


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def manifest_of(out: Path) -> dict:
    return json.loads(Path(f"{out}.manifest.json").read_text(encoding="utf-8"))


def test_the_default_doccano_export_of_alice_bob_and_gold_is_refused_in_one_line(
        sample, tmp_path, capsys):
    sample.project.close()
    out = tmp_path / "mixed.jsonl"
    code, printed, err = run(capsys, "export", sample.path, "-f", "doccano", "-o", out)
    assert code == 1 and printed == ""
    [line] = err.strip().splitlines()
    assert "doccano records cannot say who made each span" in line
    assert "2 annotators (alice, bob)" in line
    for choice in ("--annotator NAME", "--gold-only", "--all-annotators"):
        assert choice in line
    assert list(tmp_path.glob("mixed*")) == []  # nothing written, no manifest either


@pytest.mark.parametrize("name", sorted(ANONYMOUS))
def test_every_format_that_cannot_name_the_annotator_refuses_to_mix(sample, tmp_path, name):
    with pytest.raises(MixedLayers, match="--all-annotators"):
        export_format(sample.project, name, tmp_path / f"x.{name}", options={})
    assert list(tmp_path.glob("x.*")) == []


def test_annotator_exports_that_persons_spans_and_names_the_layer(sample, tmp_path, capsys):
    sample.project.close()
    out = tmp_path / "alice.jsonl"
    code, _, err = run(capsys, "export", sample.path, "-f", "doccano", "-o", out,
                       "--annotator", "alice", "--unit", "codepoint", "--layout", "label")
    assert code == 0, err
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    texts = sorted(first["text"][s:e] for s, e, _label in first["label"])
    assert texts == ["1亿", "阿里", "阿里今年的小目标是新增至少1亿用户"]  # no 京东: bob's and gold's
    assert manifest_of(out)["layers"] == ["alice"]


def test_gold_only_exports_the_gold_layer_and_names_it(sample, tmp_path, capsys):
    sample.project.close()
    out = tmp_path / "gold.jsonl"
    code, _, err = run(capsys, "export", sample.path, "-f", "doccano", "-o", out,
                       "--gold-only", "--unit", "codepoint", "--layout", "label")
    assert code == 0, err
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [first["text"][s:e] for s, e, _label in first["label"]] == ["京东"]  # once
    assert manifest_of(out)["layers"] == ["@gold"]


def test_all_annotators_mixes_on_request_and_the_manifest_lists_every_layer(
        sample, tmp_path, capsys):
    sample.project.close()
    out = tmp_path / "all.jsonl"
    code, _, err = run(capsys, "export", sample.path, "-f", "doccano", "-o", out,
                       "--all-annotators", "--unit", "codepoint", "--layout", "label")
    assert code == 0, err
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [first["text"][s:e] for s, e, _ in first["label"]].count("京东") == 2  # bob, gold
    assert manifest_of(out)["layers"] == EVERY_LAYER


@pytest.mark.parametrize("name,out", [("jsonl", "n.jsonl"), ("csv", "s.csv"),
                                      ("label-studio", "t.json"), ("brat", "brat")])
def test_formats_that_carry_the_annotator_export_everyone_without_a_choice(
        sample, tmp_path, name, out):
    manifest = export_format(sample.project, name, tmp_path / out, options={})
    assert manifest["layers"] == EVERY_LAYER
    if name == "brat":
        assert json.loads((tmp_path / out / "manifest.json").read_text(
            encoding="utf-8"))["layers"] == EVERY_LAYER  # the file says it too
    else:
        assert manifest_of(tmp_path / out)["layers"] == EVERY_LAYER


def test_one_annotator_with_a_gold_layer_is_not_a_mix_of_people(fresh, tmp_path):
    from annotator.core.model import ArticleRecord

    project = fresh("solo")
    project.add_articles([ArticleRecord(text="京东表示增长", title="t")], "me")
    [article] = project.articles()
    project.add_span(article.id, 0, 2, "company", "alice")
    project.add_span(article.id, 0, 2, "company", "lead", origin="adjudicated")
    manifest = export_format(project, "conll", tmp_path / "solo.conll", options={})
    assert manifest["layers"] == ["alice", "@gold"]


def test_standard_output_refuses_the_mix_too_and_writes_nothing(sample, tmp_path, capsys,
                                                                monkeypatch):
    sample.project.close()
    monkeypatch.chdir(tmp_path)
    code, printed, err = run(capsys, "export", sample.path, "-f", "cluener", "-o", "-")
    assert code == 1 and printed == "" and "--gold-only" in err
