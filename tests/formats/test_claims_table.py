"""The claims table (``export -f claims``) and the relations table (``-f relations``) on the
claim fixture: what a social scientist loads into pandas."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.formats._common import FormatError
from annotator.formats_cli import export_format


def read_rows(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def test_claims_table_row_for_a_claim_citing_two_figures(claims, tmp_path):
    out = tmp_path / "claims.csv"
    manifest = export_format(claims.project, "claims", out)
    rows = read_rows(out)
    row = next(r for r in rows if r["claim_id"] == claims.spans["claim"].id)
    assert row["text"] == "京东表示，营收同比增长9%，约2.5亿元"
    assert (int(row["start"]), int(row["end"])) == (1, 21)  # the emoji is one code point
    assert row["article_id"] == str(claims.ids["zh"])
    assert (row["title"], row["published"], row["annotator"]) == ("京东营收", "2026-11-02",
                                                                   "alice")
    assert row["attr:certainty"] == "probable"
    assert row["attr:check_worthy"] == "true"
    assert row["attr:topics"] == "economy | markets"
    assert row["attr:speaker"] == "京东 CFO"
    assert row["rel:cites"] == "9% | 2.5亿元"  # in text order
    assert row["rel:cites:value"] == "9 | 250000000"
    assert row["rel:cites:unit"] == "% | CNY"
    assert row["rel:about"] == "京东"
    assert row["article:genre"] == "news"
    assert manifest["counts"]["claims"] == 3


def test_claims_table_columns_follow_the_scheme(claims, tmp_path):
    out = tmp_path / "claims.csv"
    export_format(claims.project, "claims", out)
    with open(out, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == [
        "article_id", "title", "published", "claim_id", "text", "start", "end", "annotator",
        "attr:certainty", "attr:polarity", "attr:attribution", "attr:speaker", "attr:cue",
        "attr:check_worthy", "attr:claim_type", "attr:topics", "rel:cites", "rel:cites:value",
        "rel:cites:unit",
        "rel:about", "article:genre"]


def test_unset_cells_are_empty_and_false_is_written_false(claims, tmp_path):
    out = tmp_path / "claims.csv"
    export_format(claims.project, "claims", out)
    row = next(r for r in read_rows(out) if r["claim_id"] == claims.spans["ali_claim"].id)
    assert row["attr:check_worthy"] == "false"
    assert row["attr:topics"] == row["rel:cites"] == row["rel:cites:value"] == ""
    assert row["attr:polarity"] == ""  # a default is not a stored value


def test_article_attribute_is_the_claims_annotators_own(claims, tmp_path):
    claims.project.set_article_attribute(claims.ids["en"], "alice", "genre", "opinion",
                                         "alice")
    out = tmp_path / "claims.csv"
    export_format(claims.project, "claims", out)
    row = next(r for r in read_rows(out) if r["annotator"] == "bob")
    assert row["article:genre"] == "analysis"
    assert row["rel:cites:value"] == "4.0"


def test_claim_label_option_picks_the_rows(claims, tmp_path):
    out = tmp_path / "figures.csv"
    export_format(claims.project, "claims", out, options={"claim_label": "figure"})
    rows = read_rows(out)
    assert sorted(r["text"] for r in rows) == ["2.5亿元", "4%", "9%"]
    assert rows[0].keys() >= {"attr:value", "attr:unit", "rel:of"}
    assert next(r for r in rows if r["text"] == "4%")["rel:of"] == "Walmart"


def test_unknown_claim_label_is_refused_and_nothing_written(claims, tmp_path):
    out = tmp_path / "x.csv"
    with pytest.raises(FormatError, match="no label 'claims'"):
        export_format(claims.project, "claims", out, options={"claim_label": "claims"})
    assert not out.exists()


def test_label_filter_limits_the_targets_not_the_claims(claims, tmp_path):
    out = tmp_path / "claims.csv"
    export_format(claims.project, "claims", out, labels=["company"])
    rows = read_rows(out)
    assert len(rows) == 3
    row = next(r for r in rows if r["claim_id"] == claims.spans["claim"].id)
    assert (row["rel:cites"], row["rel:about"]) == ("", "京东")


def test_claims_table_excel_has_a_bom_and_safe_neutralizes_formulas(claims, tmp_path):
    claims.project.set_attribute(claims.spans["claim"].id, "speaker", "=HYPERLINK(1)", "alice")
    out = tmp_path / "claims.csv"
    manifest = export_format(claims.project, "claims", out,
                             options={"excel": True, "safe": True})
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    row = next(r for r in read_rows(out, "utf-8-sig")
               if r["claim_id"] == claims.spans["claim"].id)
    assert row["attr:speaker"] == "'=HYPERLINK(1)"
    assert manifest["counts"]["neutralized"] == 1


def test_claims_table_reads_into_pandas_with_one_row_per_claim(claims, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "claims.csv"
    export_format(claims.project, "claims", out)
    frame = pd.read_csv(out, keep_default_na=False)
    assert len(frame) == 3
    assert set(frame["annotator"]) == {"alice", "bob"}
    assert frame.loc[frame["claim_id"] == claims.spans["claim"].id,
                     "rel:cites:unit"].item() == "% | CNY"


def test_relations_table_has_one_row_per_relation_with_both_ends(claims, tmp_path):
    out = tmp_path / "relations.csv"
    manifest = export_format(claims.project, "relations", out)
    rows = read_rows(out)
    assert manifest["counts"]["relations"] == len(rows) == 5
    row = next(r for r in rows if r["to_text"] == "2.5亿元")
    assert (row["type"], row["annotator"], row["from_label"], row["to_label"]) == (
        "cites", "alice", "claim", "figure")
    assert (int(row["from_start"]), int(row["from_end"])) == (1, 21)
    assert row["from_text"] == "京东表示，营收同比增长9%，约2.5亿元"
    assert (int(row["to_start"]), int(row["to_end"])) == (16, 21)
    bob = [r for r in rows if r["annotator"] == "bob"]
    assert {(r["from_text"], r["type"], r["to_text"]) for r in bob} == {
        ("sales rose 4% year on year", "cites", "4%"), ("4%", "of", "Walmart")}


def test_relations_table_follows_the_annotator_filter(claims, tmp_path):
    out = tmp_path / "relations.csv"
    export_format(claims.project, "relations", out, annotators=["bob"])
    assert {r["annotator"] for r in read_rows(out)} == {"bob"}


def test_claims_export_writes_manifest_and_empty_warnings(claims, tmp_path):
    out = tmp_path / "claims.csv"
    export_format(claims.project, "claims", out)
    manifest = json.loads((tmp_path / "claims.csv.manifest.json").read_text("utf-8"))
    assert manifest["format"] == "claims"
    assert (tmp_path / "claims.csv.warnings.jsonl").read_text("utf-8") == ""


@pytest.mark.parametrize("value", ["probable", 'say "no"\\n', "京东 CFO😀", "", 9, -3, 4.0,
                                   250000000, 0.1, 1e20, 2.5e-7, True, False,
                                   ["economy", "markets"], ["a|b", "c"], []])
def test_sqlite_shows_a_stored_value_as_format_value_does(value):
    import sqlite3
    from contextlib import closing

    from annotator.core.scheme import format_value
    from annotator.formats._common import SHOWN_SQL

    stored = json.dumps(value, ensure_ascii=False)  # as the store writes it
    with closing(sqlite3.connect(":memory:")) as conn:  # 3.13 warns of an unclosed one
        (shown,) = conn.execute(f"SELECT {SHOWN_SQL} FROM (SELECT ? AS value) v", (stored,)
                                ).fetchone()
    assert (shown or "") == format_value(value)


def test_cli_exports_the_claims_table_with_a_claim_label(claims, tmp_path, capsys):
    from annotator import cli

    path = claims.project.path
    claims.project.close()
    out = tmp_path / "figures.csv"
    code = cli.main(["export", str(path), "-f", "claims", "--claim-label", "figure",
                     "--excel", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    rows = read_rows(out, "utf-8-sig")
    assert sorted(r["text"] for r in rows) == ["2.5亿元", "4%", "9%"]
    code = cli.main(["export", str(path), "-f", "csv", "--claim-label", "figure", "-o",
                     str(tmp_path / "x.csv")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and err == [
        "annotator: error: --claim-label does not apply to format 'csv'"]


def test_skip_empty_and_gold_only_are_accepted_by_both_tables(claims, tmp_path):
    for name in ("claims", "relations"):
        manifest = export_format(claims.project, name, tmp_path / f"{name}.csv",
                                 skip_empty=True)
        assert manifest["filters"]["skip_empty"] is True
        gold = export_format(claims.project, name, tmp_path / f"gold-{name}.csv",
                             gold_only=True)
        assert sum(gold["counts"].values()) == 0  # the fixture has no gold layer
