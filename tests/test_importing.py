"""Import: files and folders -> canonical texts, all or nothing, with file:line in every message.

Every bad input has its own test that checks the message AND that the project did not change.
Fixtures are written by the tests into tmp_path.
"""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest

from annotator.core.text import sha256_text
from annotator.importing import (
    BadRecord,
    ImportReport,
    ReadError,
    collect,
    import_paths,
    read_records,
)
from annotator.importing import source as source_mod
from annotator.store import ImportCancelled, ImportFailed, Project

ARTICLE = "阿里今年的小目标\n阿里今年的小目标是新增至少1亿用户。\n京东表示将在物流上投入更多资金。\n"


def imp(project: Project, *paths: Path, **kw) -> ImportReport:
    return import_paths(project, list(paths), "tester", **kw)


def texts(project: Project) -> list[str]:
    return [project.article(a.id).text for a in project.articles()]


def unchanged(project: Project, before: int = 0) -> None:
    """Nothing was imported: the article count and the change log are as they were."""
    assert len(project.articles()) == before
    if before == 0:
        assert [c for c in project.changes(limit=10**6) if c["action"] == "import"] == []


def jsonl(*objs: object) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)


# ------------------------------------------------------------------------------- collect
def test_collect_walks_folders_sorted_and_skips_other_and_hidden_files(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.MD").write_text("a")
    (tmp_path / "a.jsonl").write_text("{}")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x")
    files = collect([tmp_path])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.jsonl", "b/a.MD", "b/z.txt"]
    assert collect([tmp_path / "a.jsonl", tmp_path]) == files  # each file once


def test_collect_names_a_path_that_does_not_exist(tmp_path: Path):
    with pytest.raises(ReadError, match=r"typo\.txt: no such file or folder"):
        collect([tmp_path / "typo.txt"])


def test_collect_names_a_folder_with_nothing_to_import(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(ReadError, match=r"empty: no files to import in this folder"):
        collect([tmp_path / "empty"])


def test_collect_refuses_a_file_of_unknown_type(tmp_path: Path):
    (tmp_path / "a.docx").write_bytes(b"PK")
    with pytest.raises(ReadError, match=r"a\.docx: cannot import '\.docx' files"):
        collect([tmp_path / "a.docx"])


def test_missing_input_path_imports_nothing(project: Project, tmp_path: Path):
    (tmp_path / "ok.txt").write_text("fine")
    with pytest.raises(ReadError, match="no such file"):
        imp(project, tmp_path / "ok.txt", tmp_path / "typo")
    unchanged(project)


# ------------------------------------------------------------------------------- txt / md
def test_txt_title_is_first_non_empty_line_and_text_keeps_it(project: Project, tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("\n\n   " + "标" * 250 + "  \n正文\n", encoding="utf-8")
    report = imp(project, f)
    assert report.added == 1
    art = project.article(project.articles()[0].id)
    assert art.title == "标" * 200
    assert art.text == "\n\n   " + "标" * 250 + "  \n正文\n"
    assert art.language == "zh"
    assert art.original_file == str(f)
    assert art.sha256 == sha256_text(art.text)


def test_markdown_title_from_first_heading(project: Project, tmp_path: Path):
    (tmp_path / "a.md").write_text("intro line\n## Section\n# JD bets on logistics #\nbody\n")
    (tmp_path / "b.markdown").write_text("no heading here\nbody\n")
    imp(project, tmp_path)
    assert [a.title for a in project.articles()] == ["JD bets on logistics", "no heading here"]
    assert texts(project)[0] == "intro line\n## Section\n# JD bets on logistics #\nbody\n"
    assert project.articles()[0].language == "en"


@pytest.mark.parametrize("raw", [
    pytest.param(b"line one\r\nline two\r\n", id="crlf"),
    pytest.param(b"line one\rline two\r", id="cr-only"),
    pytest.param(b"line one\r\nline two\r", id="mixed"),
])
def test_newlines_are_normalized(project: Project, tmp_path: Path, raw: bytes):
    (tmp_path / "a.txt").write_bytes(raw)
    assert imp(project, tmp_path / "a.txt").added == 1
    assert texts(project) == ["line one\nline two\n"]


def test_mixed_newlines_with_blank_lines_keep_line_count(project: Project, tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"a\r\n\r\nb\r\rc\n\nd")
    imp(project, tmp_path / "a.txt")
    assert texts(project) == ["a\n\nb\n\nc\n\nd"]


def test_line_separator_nbsp_tabs_and_full_width_are_kept(project: Project, tmp_path: Path):
    text = "标题\n阿里\u00a0巴巴\u2028第二行\u2029\t１亿　用户\u0085end  \n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    imp(project, tmp_path / "a.txt")
    assert texts(project) == [text]


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), id="utf16le-bom"),
    pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf16be-bom"),
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf8-bom"),
    pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
])
def test_each_encoding_decodes_to_the_canonical_text(project: Project, tmp_path: Path, encode):
    (tmp_path / "a.txt").write_bytes(encode(ARTICLE.replace("\n", "\r\n")))
    imp(project, tmp_path / "a.txt")
    art = project.article(project.articles()[0].id)
    assert art.text == ARTICLE
    assert art.sha256 == sha256_text(ARTICLE)


def test_encoding_twins_are_one_article(project: Project, tmp_path: Path):
    """UTF-8, UTF-16 with BOM, UTF-8 with BOM and GB18030 copies of one article: the same
    canonical text and sha256, so the later ones are reported as already present."""
    (tmp_path / "1-utf8.txt").write_bytes(ARTICLE.encode("utf-8"))
    (tmp_path / "2-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    (tmp_path / "3-utf8bom.txt").write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    (tmp_path / "4-gb18030.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("gb18030"))
    report = imp(project, tmp_path)
    assert report.added == 1
    assert [d.split(":")[0] for d in report.duplicates] == [
        str(tmp_path / "2-utf16.txt"), str(tmp_path / "3-utf8bom.txt"),
        str(tmp_path / "4-gb18030.txt")]
    assert texts(project) == [ARTICLE]


def test_big5_article(project: Project, tmp_path: Path):
    text = "阿里今年的小目標是新增至少一億用戶。京東表示將在物流上投入更多資金。"
    (tmp_path / "a.txt").write_bytes(text.encode("big5"))
    imp(project, tmp_path / "a.txt")
    assert texts(project) == [text]


# ------------------------------------------------------------------------------- bad files
def test_empty_file_aborts_with_its_name(project: Project, tmp_path: Path):
    (tmp_path / "a.txt").write_text("good article")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(ImportFailed, match=r"b\.txt: the file is empty; nothing was imported"):
        imp(project, tmp_path)
    unchanged(project)


def test_blank_file_aborts_with_its_name(project: Project, tmp_path: Path):
    (tmp_path / "b.txt").write_bytes(b"\r\n  \n\t\n")
    with pytest.raises(ImportFailed, match=r"b\.txt: the file has no text"):
        imp(project, tmp_path)
    unchanged(project)


def test_binary_file_aborts_with_its_name(project: Project, tmp_path: Path):
    rnd = random.Random(7)
    (tmp_path / "a.txt").write_text("good article")
    (tmp_path / "photo.txt").write_bytes(bytes(rnd.randrange(1, 256) for _ in range(400)))
    with pytest.raises(ImportFailed, match=r"photo\.txt: not a text file.*nothing was imported"):
        imp(project, tmp_path)
    unchanged(project)


def test_nul_byte_aborts_with_its_name(project: Project, tmp_path: Path):
    (tmp_path / "a.txt").write_text("good article")
    (tmp_path / "b.txt").write_bytes(b"hello\x00world, this is text")
    with pytest.raises(ImportFailed, match=r"b\.txt: contains NUL bytes at byte offset 5"):
        imp(project, tmp_path)
    unchanged(project)


def test_nul_byte_in_even_length_text_aborts(project: Project, tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(b"hello\x00world, almost text")
    with pytest.raises(ImportFailed, match=r"a\.txt: contains NUL bytes at byte offset 5"):
        imp(project, tmp_path / "a.txt")
    unchanged(project)


def test_nul_escape_inside_jsonl_text_is_a_bad_record(project: Project, tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(jsonl({"text": "ok"}, {"text": "bad\u0000text"}))
    with pytest.raises(ImportFailed, match=r"a\.jsonl:2: the 'text' field contains a NUL"):
        imp(project, tmp_path / "a.jsonl")
    unchanged(project)


def test_skip_bad_reports_a_bad_file_and_imports_the_rest(project: Project, tmp_path: Path):
    (tmp_path / "a.txt").write_text("good article")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"bin\x00ary")
    report = imp(project, tmp_path, skip_bad=True)
    assert report.added == 1
    assert report.skipped == [f"{tmp_path / 'b.txt'}: the file is empty (file skipped)",
                              f"{tmp_path / 'c.txt'}: contains NUL bytes at byte offset 3; is it "
                              "a binary file? (file skipped)"]
    assert texts(project) == ["good article"]


# ------------------------------------------------------------------------------- JSONL
def test_jsonl_fields(project: Project, tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(jsonl(
        {"text": "拼多多的战略是下沉市场。", "title": "拼多多", "source": "新浪", "url": "http://x",
         "published": "2024-05-01", "id": 17, "meta": {"k": 1}, "status": "done", "tag": "x"},
        {"text": "Meituan expands delivery.\nSecond line."},
    ) + "\n  \n")
    report = imp(project, tmp_path / "a.jsonl")
    assert report.added == 2
    a, b = (project.article(s.id) for s in project.articles())
    assert (a.title, a.source, a.url, a.published, a.external_id, a.language) == (
        "拼多多", "新浪", "http://x", "2024-05-01", "17", "zh")
    assert project.article_statuses(a.id) == {"tester": "done"}  # the importer's status
    assert a.meta == {"k": 1, "tag": "x"}
    assert (b.title, b.language, project.article_statuses(b.id)) == (
        "Meituan expands delivery.", "en", {})


def test_jsonl_escaped_crlf_inside_the_text_value_is_normalized(project: Project,
                                                                tmp_path: Path):
    (tmp_path / "a.jsonl").write_bytes(b'{"text": "one\\r\\ntwo\\rthree"}\r\n{"text": "x"}\r\n')
    imp(project, tmp_path / "a.jsonl")
    assert texts(project) == ["one\ntwo\nthree", "x"]


def test_jsonl_in_gb18030_and_utf16(project: Project, tmp_path: Path):
    content = jsonl({"text": ARTICLE, "title": "阿里"}, {"text": "京东表示将在物流上投入更多资金。"})
    (tmp_path / "gb.jsonl").write_bytes(content.replace("\n", "\r\n").encode("gb18030"))
    (tmp_path / "u16.jsonl").write_bytes(codecs.BOM_UTF16_LE + content.encode("utf-16-le"))
    report = imp(project, tmp_path)
    assert report.added == 2 and len(report.duplicates) == 2
    assert texts(project) == [ARTICLE, "京东表示将在物流上投入更多资金。"]


def test_malformed_jsonl_at_line_3_aborts(project: Project, tmp_path: Path):
    f = tmp_path / "file.jsonl"
    f.write_text(jsonl({"text": "one"}, {"text": "two"}) + '{"text": "three",}\n'
                 + jsonl({"text": "four"}))
    with pytest.raises(ImportFailed) as info:
        imp(project, f)
    message = str(info.value)
    assert "file.jsonl:3: not valid JSON (" in message and "nothing was imported" in message
    unchanged(project)


def test_jsonl_line_without_text_field(project: Project, tmp_path: Path):
    f = tmp_path / "file.jsonl"
    f.write_text(jsonl({"text": "one"}, {"body": "two"}))
    with pytest.raises(ImportFailed, match=r"file\.jsonl:2: no 'text' field"):
        imp(project, f)
    unchanged(project)


@pytest.mark.parametrize("value, kind", [(42, "a number"), (None, "null"), (["a"], "a list")])
def test_jsonl_non_string_text(project: Project, tmp_path: Path, value, kind):
    f = tmp_path / "file.jsonl"
    f.write_text(jsonl({"text": value}))
    with pytest.raises(ImportFailed, match=rf"file\.jsonl:1: 'text' must be a string, not {kind}"):
        imp(project, f)
    unchanged(project)


def test_jsonl_line_that_is_not_an_object(project: Project, tmp_path: Path):
    f = tmp_path / "file.jsonl"
    f.write_text('["text"]\n')
    with pytest.raises(ImportFailed, match=r"file\.jsonl:1: expected a JSON object, got a list"):
        imp(project, f)


def test_text_field_option(project: Project, tmp_path: Path):
    f = tmp_path / "file.jsonl"
    f.write_text(jsonl({"content": "正文", "text": "not this"}))
    imp(project, f, text_field="content")
    art = project.article(project.articles()[0].id)
    assert art.text == "正文" and art.meta == {"text": "not this"}


def test_language_given_is_kept(project: Project, tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(jsonl({"text": "Hello there", "language": "de"}))
    imp(project, tmp_path / "a.jsonl")
    assert project.articles()[0].language == "de"


def test_bad_status_is_a_bad_record(project: Project, tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(jsonl({"text": "x", "status": "finished"}))
    with pytest.raises(ImportFailed, match=r"a\.jsonl:1: unknown status 'finished'"):
        imp(project, tmp_path / "a.jsonl")


def test_skip_bad_imports_good_records_and_reports_bad(project: Project, tmp_path: Path):
    f = tmp_path / "file.jsonl"
    f.write_text(jsonl({"text": "one"}) + "{oops\n" + jsonl({"title": "no text"}, {"text": "two"}))
    report = imp(project, f, skip_bad=True)
    assert report.added == 2
    assert len(report.skipped) == 2
    assert report.skipped[0].startswith(f"{f}:2: not valid JSON (")
    assert report.skipped[1] == f"{f}:3: no 'text' field"
    assert texts(project) == ["one", "two"]
    assert "2 bad record(s) skipped" in report.summary()


def test_importing_the_same_file_twice_adds_nothing(project: Project, tmp_path: Path):
    f = tmp_path / "file.jsonl"
    f.write_text(jsonl({"text": "one"}, {"text": "two"}))
    assert imp(project, f).added == 2
    again = imp(project, f)
    assert again.added == 0 and len(again.duplicates) == 2
    assert len(project.articles()) == 2


def test_a_bad_record_in_a_later_file_rolls_back_the_earlier_files(project: Project,
                                                                   tmp_path: Path):
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "b.jsonl").write_text(jsonl({"text": "second"}) + "nope\n")
    before = len(project.changes(limit=100000))
    with pytest.raises(ImportFailed, match=r"b\.jsonl:2: not valid JSON"):
        imp(project, tmp_path / "a.txt", tmp_path / "b.jsonl")
    assert project.articles() == []
    assert len(project.changes(limit=100000)) == before
    assert imp(project, tmp_path / "a.txt").added == 1  # the project is usable afterwards


def test_progress_is_reported_and_can_cancel(project: Project, tmp_path: Path):
    f = tmp_path / "many.jsonl"
    f.write_text(jsonl(*({"text": f"article {i}"} for i in range(450))))
    calls: list[tuple[int, float]] = []
    imp(project, f, progress=lambda n, rate: calls.append((n, rate)))
    assert [n for n, _ in calls] == [200, 400, 450] and all(r > 0 for _, r in calls)

    g = tmp_path / "more.jsonl"
    g.write_text(jsonl(*({"text": f"other {i}"} for i in range(450))))
    with pytest.raises(ImportCancelled):
        imp(project, g, progress=lambda n, rate: False)
    assert len(project.articles()) == 450


# ------------------------------------------------------------------------------- JSON
def test_json_list_with_line_numbers(project: Project, tmp_path: Path):
    f = tmp_path / "file.json"
    f.write_text('[\n  {"text": "one"},\n\n  {"text": "two", "title": "T"},\n  {"body": 1}\n]\n')
    items = list(read_records([f]))
    assert [i.where for i in items] == [f"{f}:2", f"{f}:4", f"{f}:5"]
    assert isinstance(items[2], BadRecord) and items[2].reason == "no 'text' field"
    with pytest.raises(ImportFailed, match=r"file\.json:5: no 'text' field"):
        imp(project, f)
    unchanged(project)


def test_json_single_object(project: Project, tmp_path: Path):
    (tmp_path / "one.json").write_text('{"text": "只有一篇", "title": "一"}')
    imp(project, tmp_path / "one.json")
    assert [a.title for a in project.articles()] == ["一"]


def test_broken_json_names_the_line(project: Project, tmp_path: Path):
    f = tmp_path / "file.json"
    f.write_text('[\n {"text": "one"},\n {"text": "two"\n]\n')
    with pytest.raises(ImportFailed, match=r"file\.json:4: not valid JSON"):
        imp(project, f)
    unchanged(project)


# ------------------------------------------------------------------------------- CSV
def test_csv_with_multiline_fields_and_extra_columns(project: Project, tmp_path: Path):
    f = tmp_path / "file.csv"
    f.write_bytes('id,title,text,outlet,meta\r\n'
                  '1,阿里,"第一行\r\n第二行, with comma",新浪,"{""k"": 2}"\r\n'
                  '2,,"He said ""yes""",FT,\r\n'.encode())
    items = list(read_records([f]))
    assert [i.where for i in items] == [f"{f}:2", f"{f}:4"]
    imp(project, f)
    a, b = (project.article(s.id) for s in project.articles())
    assert a.text == "第一行\n第二行, with comma" and a.title == "阿里" and a.external_id == "1"
    assert a.meta == {"k": 2, "outlet": "新浪"}
    assert b.text == 'He said "yes"' and b.title == 'He said "yes"' and b.meta == {"outlet": "FT"}


def test_csv_without_text_column(project: Project, tmp_path: Path):
    f = tmp_path / "file.csv"
    f.write_text("a,b\n1,2\n")
    with pytest.raises(ImportFailed, match=r"file\.csv: no 'text' column \(columns: a, b\)"):
        imp(project, f)
    unchanged(project)


def test_csv_text_field_option(project: Project, tmp_path: Path):
    f = tmp_path / "file.csv"
    f.write_text("body,x\nhello,1\n")
    imp(project, f, text_field="body")
    assert texts(project) == ["hello"]


def test_csv_row_with_wrong_field_count(project: Project, tmp_path: Path):
    f = tmp_path / "file.csv"
    f.write_text("text,title\nok,t\nbad,t,extra\n")
    with pytest.raises(ImportFailed, match=r"file\.csv:3: 3 field\(s\) but the header has 2"):
        imp(project, f)
    unchanged(project)


def test_csv_long_field(project: Project, tmp_path: Path):
    text = "长" * 300_000  # beyond the csv module's default 128 KiB field limit
    (tmp_path / "f.csv").write_text(f"text\n{text}\n")
    imp(project, tmp_path / "f.csv")
    assert texts(project) == [text]


# ------------------------------------------------------------------------------- streaming
def test_streamed_and_whole_reads_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    content = jsonl({"text": "a\u2028b\u00a0c😀"}, {"text": "二"}).replace("\n", "\r\n")
    files = {
        "crlf.jsonl": content.encode("utf-8"),
        "cr.jsonl": content.replace("\r\n", "\r").encode("utf-8"),
        "bom.jsonl": codecs.BOM_UTF8 + content.encode("utf-8"),
        "gb.jsonl": content.encode("gb18030"),
        "csv.csv": b'text\r\n"x\r\ny"\r\nz\r',
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    whole = list(read_records([tmp_path]))
    monkeypatch.setattr(source_mod, "STREAM_MIN_BYTES", 0)
    streamed = list(read_records([tmp_path]))
    assert streamed == whole
    assert [r.text for r in whole if r.where.endswith(("csv.csv:2", "csv.csv:4"))] == ["x\ny", "z"]


def _big_jsonl(path: Path, target_bytes: int) -> int:
    rnd = random.Random(1)
    pool = "阿里今年的小目标是新增至少亿用户京东表示将在物流上投入更多资金拼多多战略下沉市场。，"
    block = "".join(rnd.choice(pool) for _ in range(3000))
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        size = 0
        while size < target_bytes:
            line = json.dumps({"text": f"第{n}篇\r\n{block}", "id": n}, ensure_ascii=False) + "\r\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n


def test_a_generated_50_mb_jsonl_file_imports(project: Project, tmp_path: Path):
    f = tmp_path / "big.jsonl"
    n = _big_jsonl(f, 50 * 1024 * 1024)
    assert f.stat().st_size >= 50 * 1024 * 1024
    with open(f, "rb") as fh:
        assert source_mod._streamable_encoding(fh) == "utf-8"  # streamed, not held whole
    report = imp(project, f)  # how fast: benchmarks/bench_import.py ("import 50 MB JSONL")
    assert report.added == n and not report.skipped
    last = project.articles()[-1]
    art = project.article(last.id)
    assert art.text.startswith(f"第{n - 1}篇\n") and "\r" not in art.text
    assert art.external_id == str(n - 1)


def test_json_lines_in_a_json_file(project: Project, tmp_path: Path):
    f = tmp_path / "train.json"
    f.write_text(jsonl({"text": "浙商银行企业信贷部叶老桂博士", "label": {"name": {"叶老桂": [[9, 11]]}}},
                       {"text": "生生不息CSOL生化狂潮让你填弹狂扫"}), encoding="utf-8")
    report = imp(project, f)
    assert report.added == 2
    art = project.article(project.articles()[0].id)
    assert art.meta == {"label": {"name": {"叶老桂": [[9, 11]]}}}
    assert [r.where for r in read_records([f])] == [f"{f}:1", f"{f}:2"]


def test_skip_bad_record_with_a_bad_span_leaves_no_article_behind(project: Project):
    from annotator.core.model import ArticleRecord, SpanRecord

    bad = ArticleRecord(text="阿里今年", title="bad", where="f:1",
                        spans=(SpanRecord(0, 2, "company", "今年"),))
    same_text = ArticleRecord(text="阿里今年", title="good", where="f:2")
    report = project.add_articles([bad, same_text], "x", skip_bad=True)
    assert (report.added, report.duplicates) == (1, [])
    assert [a.title for a in project.articles()] == ["good"]


def test_the_bundled_sample_folder_imports_as_articles(project: Project):
    from annotator.samples import SAMPLES_DIR

    report = import_paths(project, [SAMPLES_DIR], "x")
    assert report.added == 5 and report.skipped == []
    assert {a.language for a in project.articles()} == {"zh", "en"}
