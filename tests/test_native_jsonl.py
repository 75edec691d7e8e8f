"""The native JSONL format: export, import back, identical spans, ids and annotators."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator import formats
from annotator.core.model import ArticleRecord
from annotator.core.offsets import OffsetIndex
from annotator.core.scheme import RelationType
from annotator.core.text import sha256_text
from annotator.formats import native
from annotator.formats.native import export_jsonl, has_astral
from annotator.importing import import_paths
from annotator.store import ImportFailed, InvariantError, Project

ASTRAL = "😀𠮷阿里今年的小目标是新增至少1亿用户。\n京东😀也说了𠮷。"
PLAIN = "Meituan said it will add 10 million riders.\nJD.com disagreed."
ARTICLE_KEYS = ["id", "title", "text", "sha256", "source", "url", "published", "language",
                "status", "statuses", "external_id", "original_file", "meta", "spans", "relations"]
SPAN_KEYS = ["id", "start", "end", "text", "label", "annotator", "origin", "note", "created_at",
             "updated_at", "start_utf16", "end_utf16"]


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    return starts[nth], starts[nth] + len(needle)


@pytest.fixture
def annotated(project: Project) -> Project:
    """Two articles (one with emoji and 𠮷 before its spans), spans by alice and bob, a note,
    a relation, a status and metadata."""
    project.add_articles([
        ArticleRecord(text=ASTRAL, title="阿里", source="新浪", url="http://x/1",
                      published="2024-05-01", meta={"outlet": "新浪", "n": 1}),
        ArticleRecord(text=PLAIN, title="Meituan"),
    ], "importer")
    a, b = (s.id for s in project.articles())
    # added out of order, with ties on start, to check the (start, end, id) order
    claim = project.add_span(a, *find(ASTRAL, "阿里今年的小目标是新增至少1亿用户"), "claim", "alice",
                             note="核心 claim 😀")
    project.add_span(a, *find(ASTRAL, "𠮷", 1), "company", "bob")
    fig = project.add_span(a, *find(ASTRAL, "1亿"), "figure", "alice")
    project.add_span(a, *find(ASTRAL, "阿里"), "company", "alice")
    project.add_span(a, *find(ASTRAL, "阿里"), "company", "bob")
    project.add_span(b, *find(PLAIN, "10 million"), "figure", "bob")
    project.add_span(b, *find(PLAIN, "JD.com"), "company", "alice")
    project.set_relation_type(RelationType("has_figure", ("claim",), ("figure",)), "alice")
    project.add_relation(claim.id, fig.id, "has_figure", "alice")
    project.set_status(a, "done", "alice")
    project.set_status(a, "in-progress", "bob")
    return project


def read_lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n")
    return [json.loads(line) for line in raw.decode("utf-8").split("\n")[:-1]]


def test_registered_as_jsonl():
    assert "jsonl" in formats.names(writable=True)
    assert formats.get("jsonl").writer is export_jsonl
    with pytest.raises(formats.UnknownFormat, match="unknown format 'xml' \\(available: .*jsonl"):
        formats.get("xml")


def test_export_layout(annotated: Project, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    counts = export_jsonl(annotated, out, status_of="alice")
    assert counts == {"articles": 2, "spans": 7, "relations": 1}
    first, second = read_lines(out)
    assert first["statuses"] == {"alice": "done", "bob": "in-progress"}
    assert (second["status"], second["statuses"]) == ("todo", {})
    assert list(first) == ARTICLE_KEYS
    assert [list(s) for s in first["spans"]] == [SPAN_KEYS] * 5
    assert first["text"] == ASTRAL and first["sha256"] == sha256_text(ASTRAL)
    assert (first["title"], first["source"], first["url"], first["published"], first["status"],
            first["language"], first["meta"]) == (
        "阿里", "新浪", "http://x/1", "2024-05-01", "done", "", {"outlet": "新浪", "n": 1})
    order = [(s["start"], s["end"], s["id"]) for s in first["spans"]]
    assert order == sorted(order)
    for article in (first, second):
        index = OffsetIndex(article["text"])
        for span in article["spans"]:
            assert article["text"][span["start"]:span["end"]] == span["text"]
            assert (span["start_utf16"], span["end_utf16"]) == index.span_to_utf16(
                span["start"], span["end"])
    # after 😀𠮷 (two astral characters) UTF-16 offsets are 2 more than code points
    ali = [s for s in first["spans"] if s["text"] == "阿里"]
    assert {(s["start"], s["start_utf16"], s["annotator"]) for s in ali} == {
        (2, 4, "alice"), (2, 4, "bob")}
    assert all(s["start"] == s["start_utf16"] for s in second["spans"])
    note = next(s for s in first["spans"] if s["note"])
    assert note["note"] == "核心 claim 😀" and note["origin"] == "manual"
    assert first["relations"][0]["type"] == "has_figure"
    assert list(first["relations"][0]) == ["id", "from_span", "to_span", "type", "annotator",
                                           "created_at"]
    assert second["relations"] == []
    assert "😀" in out.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_round_trip_keeps_ids_annotators_offsets_and_times(annotated: Project, tmp_path: Path):
    first_out = tmp_path / "first.jsonl"
    export_jsonl(annotated, first_out)
    with Project.create(tmp_path / "copy.db", scheme=annotated.scheme()) as copy:
        report = import_paths(copy, [first_out], "someone-else")
        assert (report.added, report.spans_added) == (2, 7)
        second_out = tmp_path / "second.jsonl"
        export_jsonl(copy, second_out)
        assert copy.check() == []
    a, b = read_lines(first_out), read_lines(second_out)
    assert [x["spans"] for x in a] == [x["spans"] for x in b]
    assert [x["relations"] for x in a] == [x["relations"] for x in b]
    for x, y in zip(a, b):
        assert {k: v for k, v in x.items() if k != "relations"} == {
            k: v for k, v in y.items() if k != "relations"}
    assert {s["annotator"] for x in b for s in x["spans"]} == {"alice", "bob"}


def test_importing_the_export_twice_adds_nothing(annotated: Project, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    export_jsonl(annotated, out)
    with Project.create(tmp_path / "copy.db", scheme=annotated.scheme()) as copy:
        import_paths(copy, [out], "x")
        again = import_paths(copy, [out], "x")
        assert (again.added, again.spans_added, len(again.duplicates)) == (0, 0, 2)
        assert copy.span_count() == 7
    again_here = import_paths(annotated, [out], "x")
    assert (again_here.added, again_here.spans_added) == (0, 0)


def _native_line(path: Path, **change) -> Path:
    obj = {"id": "u1", "title": "t", "text": ASTRAL, "sha256": sha256_text(ASTRAL),
           "source": "", "url": "", "published": "", "language": "zh", "status": "todo",
           "meta": {}, "relations": [],
           "spans": [{"id": "s1", "start": 2, "end": 4, "text": "阿里", "label": "company",
                      "annotator": "alice", "origin": "manual", "note": "",
                      "created_at": "2024-01-01T00:00:00.000Z",
                      "updated_at": "2024-01-01T00:00:00.000Z",
                      "start_utf16": 4, "end_utf16": 6}]}
    for key, value in change.items():
        if key.startswith("span_"):
            obj["spans"][0][key[5:]] = value
        else:
            obj[key] = value
    path.write_text(json.dumps({"text": "filler"}) + "\n" + json.dumps(obj, ensure_ascii=False)
                    + "\n", encoding="utf-8")
    return path


def test_native_import_keeps_uid_status_and_span_identity(project: Project, tmp_path: Path):
    f = _native_line(tmp_path / "n.jsonl", status="in-progress")
    report = import_paths(project, [f], "importer")
    assert (report.added, report.spans_added) == (2, 1)
    art = project.article(project.articles()[1].id)
    assert (art.uid, art.language) == ("u1", "zh")
    assert project.article_statuses(art.id) == {"importer": "in-progress"}  # a lone status
    (span,) = project.spans(art.id)
    assert (span.id, span.annotator, span.created_at, span.origin) == (
        "s1", "alice", "2024-01-01T00:00:00.000Z", "manual")


def test_native_sha256_mismatch_is_a_bad_record(project: Project, tmp_path: Path):
    f = _native_line(tmp_path / "n.jsonl", sha256="0" * 64)
    with pytest.raises(ImportFailed, match=r"n\.jsonl:2: the text does not match its sha256"):
        import_paths(project, [f], "x")
    assert project.articles() == []


def test_native_utf16_mismatch_is_a_bad_record(project: Project, tmp_path: Path):
    f = _native_line(tmp_path / "n.jsonl", span_start_utf16=2, span_end_utf16=4)
    with pytest.raises(ImportFailed, match=r"n\.jsonl:2: span 1 \[2, 4\): UTF-16 offsets "
                                           r"\[2, 4\) should be \[4, 6\)"):
        import_paths(project, [f], "x")
    assert project.articles() == []


def test_native_span_text_mismatch_is_a_bad_record(project: Project, tmp_path: Path):
    f = _native_line(tmp_path / "n.jsonl", span_start=3, span_end=5, span_start_utf16=5,
                     span_end_utf16=7)
    with pytest.raises(ImportFailed, match=r"n\.jsonl:2: span 1 \[3, 5\) says '阿里' but the "
                                           r"text there is '里今'"):
        import_paths(project, [f], "x")
    assert project.articles() == []


def test_native_unknown_label_needs_create_labels(project: Project, tmp_path: Path):
    f = _native_line(tmp_path / "n.jsonl", span_label="brand")
    with pytest.raises(ImportFailed, match=r"n\.jsonl:2: unknown label\(s\) brand"):
        import_paths(project, [f], "x")
    assert project.articles() == []
    report = import_paths(project, [f], "x", create_labels=True)
    assert report.labels_created == ["brand"] and report.spans_added == 1


def test_statuses_round_trip_and_win_over_a_lone_status(annotated: Project, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    export_jsonl(annotated, out, status_of="bob")
    with Project.create(tmp_path / "copy.db", scheme=annotated.scheme()) as copy:
        import_paths(copy, [out], "carol")  # "status" is bob's: "statuses" wins
        assert [copy.article_statuses(a.id) for a in copy.articles()] == [
            {"alice": "done", "bob": "in-progress"}, {}]
        assert copy.check() == []


def test_bad_statuses_name_the_line_and_import_nothing(project: Project, tmp_path: Path):
    for bad, says in (([1], "'statuses' must be an object"),
                      ({"alice": "finished"}, "unknown status 'finished' for 'alice'"),
                      ({"al\u200bice": "done"}, "statuses")):
        f = _native_line(tmp_path / "n.jsonl", statuses=bad)
        with pytest.raises(ImportFailed, match=f"n.jsonl:2: .*{says}"):
            import_paths(project, [f], "importer")
        assert project.articles() == []


def test_filters(annotated: Project, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    counts = export_jsonl(annotated, out, annotators=["bob"])
    assert counts == {"articles": 2, "spans": 3, "relations": 0}
    assert {s["annotator"] for a in read_lines(out) for s in a["spans"]} == {"bob"}
    counts = export_jsonl(annotated, out, labels=["claim", "figure"], statuses=["done"],
                          status_of="alice")
    assert counts == {"articles": 1, "spans": 2, "relations": 1}
    (only,) = read_lines(out)
    assert only["status"] == "done" and len(only["relations"]) == 1
    assert export_jsonl(annotated, out, statuses=["done"], status_of="bob")["articles"] == 0
    assert export_jsonl(annotated, out, statuses=[])["articles"] == 0
    with pytest.raises(ValueError, match="unknown status 'finished'"):
        export_jsonl(annotated, out, statuses=["finished"])


def test_export_works_read_only_and_changes_nothing(annotated: Project, tmp_path: Path):
    path = annotated.path
    annotated.close()
    before = path.read_bytes()
    with Project.open(path, readonly=True) as ro:
        export_jsonl(ro, tmp_path / "out.jsonl")
    assert path.read_bytes() == before


def test_interrupted_export_leaves_no_half_file(annotated: Project, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "out.jsonl"
    out.write_text("previous export\n")

    def boom(line: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(native, "_fix_utf16", boom)
    with pytest.raises(KeyboardInterrupt):
        export_jsonl(annotated, out)
    assert out.read_text() == "previous export\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.jsonl"]


def test_export_into_a_missing_folder(annotated: Project, tmp_path: Path):
    with pytest.raises(FileNotFoundError) as info:
        export_jsonl(annotated, tmp_path / "nope" / "out.jsonl")
    assert info.value.filename == str(tmp_path / "nope")


def test_export_refuses_a_corrupted_span_and_writes_nothing(annotated: Project,
                                                           tmp_path: Path):
    """Invariant 3 on export: a span whose text is not its slice stops the export."""
    path = annotated.path
    annotated.close()
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("UPDATE spans SET text = 'XX' WHERE text = '1亿'")
    finally:
        conn.close()
    out = tmp_path / "out.jsonl"
    with Project.open(path, readonly=True) as ro:
        with pytest.raises(InvariantError, match="says 'XX' but the text there is '1亿'"):
            export_jsonl(ro, out)
        assert any("stored text 'XX'" in p for p in ro.check())
    assert list(tmp_path.glob("*out.jsonl*")) == []


@given(st.text(alphabet=st.sampled_from("ab中\u00e9\u2028\U0001f600\U00020bb7\U000e0067"),
               max_size=40))
def test_has_astral_agrees_with_a_scan(text: str):
    expected = re.search("[\U00010000-\U0010ffff]", text) is not None
    assert has_astral(text) is expected
    assert has_astral(text * 50) is expected
    assert has_astral(json.dumps({"t": text}, ensure_ascii=False)) is expected


def test_has_astral_is_right_for_strings_that_kept_their_utf8():
    """A string bound to an SQLite statement keeps its UTF-8 copy and grows by it: an astral
    one was taken for a narrow one (CI failed on 😀 under Python 3.13), and Chinese with its
    UTF-8 kept is as large as a 4-byte string."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    for text, expected in (("\U0001f600", True), ("阿里𠮷" * 20, True),
                           ("中文" * 3, False), ("中文" * 300, False), ("é" * 40, False)):
        fresh = "".join(list(text))  # not an interned or cached object
        conn.execute("SELECT ?", (fresh,)).fetchone()  # now it keeps its UTF-8
        assert has_astral(fresh) is expected, text[:10]
    conn.close()
