"""Issue 8, item 2: encodings that lie. A file that is UTF-8 but for one invalid byte is refused
with file, line and byte (never imported as mojibake); with --skip-bad only the record holding
the byte (JSONL, CSV) or the file (.txt, .md) is skipped and named; the summary names every
file decoded as something other than UTF-8."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from annotator.importing import ImportReport, import_paths
from annotator.importing import source as source_mod
from annotator.store import ImportFailed, Project


def imp(project: Project, *paths: Path, **kw) -> ImportReport:
    return import_paths(project, list(paths), "tester", **kw)


def all_text(project: Project) -> str:
    return "".join(project.article(a.id).text + a.title for a in project.articles())


def damaged(path: Path, lines: list[str], line: int, needle: str) -> int:
    """Write ``lines`` as UTF-8 with the first byte of ``needle`` on line ``line`` (1-based)
    replaced by 0xff; return that byte's offset."""
    data = bytearray("".join(lines).encode("utf-8"))
    start = len("".join(lines[:line - 1]).encode("utf-8"))
    offset = start + lines[line - 1].encode("utf-8").index(needle.encode("utf-8"))
    data[offset] = 0xFF
    path.write_bytes(bytes(data))
    return offset


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_one_invalid_byte_in_a_text_file_refuses_it_with_line_and_offset(
        project: Project, tmp_path: Path, suffix: str):
    f = tmp_path / f"news{suffix}"
    offset = damaged(f, [f"第{n}段：文本内容。\n" for n in range(1, 80)], 51, "文本")
    with pytest.raises(ImportFailed) as caught:
        imp(project, f)
    assert str(caught.value) == (f"{f}:51: byte 0xff at offset {offset:,} is not valid UTF-8; "
                                 "nothing was imported")
    assert project.articles() == []


def test_skip_bad_skips_and_names_the_damaged_text_file(project: Project, tmp_path: Path):
    (tmp_path / "good.txt").write_text("文本完好。\n", encoding="utf-8")
    offset = damaged(tmp_path / "news.txt", ["标题\n", "文本内容。\n"], 2, "内容")
    report = imp(project, tmp_path, skip_bad=True)
    assert report.added == 1 and all_text(project).startswith("文本完好")
    assert report.skipped == [f"{tmp_path / 'news.txt'}:2: byte 0xff at offset {offset:,} is "
                              "not valid UTF-8 (file skipped)"]


def jsonl_lines(n: int) -> list[str]:
    return [json.dumps({"text": f"第{i}篇：文本内容", "id": i}, ensure_ascii=False) + "\n"
            for i in range(1, n + 1)]


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_one_invalid_byte_in_a_1001_row_jsonl_is_refused_not_mojibake(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stream: bool):
    if stream:
        monkeypatch.setattr(source_mod, "STREAM_MIN_BYTES", 0)
    f = tmp_path / "dump.jsonl"
    offset = damaged(f, jsonl_lines(1_001), 700, "文本")
    with pytest.raises(ImportFailed) as caught:
        imp(project, f)
    assert str(caught.value) == (f"{f}:700: byte 0xff at offset {offset:,} is not valid UTF-8; "
                                 "nothing was imported")
    assert project.articles() == []


def test_skip_bad_skips_only_the_jsonl_record_with_the_bad_byte(project: Project,
                                                                 tmp_path: Path):
    f = tmp_path / "dump.jsonl"
    offset = damaged(f, jsonl_lines(1_001), 700, "文本")
    report = imp(project, f, skip_bad=True)
    assert report.added == 1_000 and report.encodings == []
    assert report.skipped == [f"{f}:700: byte 0xff at offset {offset:,} is not valid UTF-8"]
    text = all_text(project)
    assert "第699篇：文本内容" in text and "第701篇：文本内容" in text and "第700篇" not in text
    assert "όΨΘ" not in text and "\ufffd" not in text


def test_skip_bad_skips_only_the_csv_record_with_the_bad_byte(project: Project, tmp_path: Path):
    f = tmp_path / "dump.csv"
    lines = ["id,text\r\n", '1,"文本\r\n第一篇"\r\n', '2,"文本\r\n第二篇"\r\n', "3,文本第三篇\r\n"]
    offset = damaged(f, lines, 3, "第二")  # on file line 5, in the record starting on line 4
    with pytest.raises(ImportFailed, match=rf"^{f}:4: byte 0xff at offset {offset:,} is not "
                                           "valid UTF-8; nothing was imported$"):
        imp(project, f)
    report = imp(project, f, skip_bad=True)
    assert report.added == 2
    assert report.skipped == [f"{f}:4: byte 0xff at offset {offset:,} is not valid UTF-8"]
    assert [project.article(a.id).text for a in project.articles()] == ["文本\n第一篇",
                                                                         "文本第三篇"]


def test_a_bad_byte_in_the_csv_header_refuses_the_file(project: Project, tmp_path: Path):
    f = tmp_path / "dump.csv"
    damaged(f, ["id,text,来源\n", "1,文本,新华社\n"], 1, "来源")
    with pytest.raises(ImportFailed, match=r"dump\.csv:1: byte 0xff at offset 8 is not valid "
                                           r"UTF-8 \(in the header row\); nothing was imported"):
        imp(project, f)


def test_summary_names_every_file_not_decoded_as_utf8(project: Project, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]):
    from annotator.cli import main

    (tmp_path / "a_utf8.txt").write_text("阿里巴巴今年的目标。\n", encoding="utf-8")
    (tmp_path / "b_bom.txt").write_bytes(codecs.BOM_UTF8 + "京东的物流投入。\n".encode())
    (tmp_path / "c_gbk.txt").write_bytes("拼多多的战略是下沉市场，新增用户很多。\n".encode("gbk"))
    (tmp_path / "d_big5.txt").write_bytes("臺灣的經濟學家認為，這個問題很複雜。\n".encode("big5"))
    (tmp_path / "e_cp1252.txt").write_bytes("The café served crème brûlée.\n".encode("cp1252"))
    (tmp_path / "f_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "腾讯\n".encode("utf-16-le"))
    (tmp_path / "g.jsonl").write_bytes('{"text": "新闻"}\n'.encode("gb18030"))
    report = imp(project, tmp_path)
    assert report.added == 7
    expected = [f"{tmp_path / name}" for name in
                ("c_gbk.txt: gb18030", "d_big5.txt: big5", "e_cp1252.txt: cp1252",
                 "f_utf16.txt: utf-16-le", "g.jsonl: gb18030")]
    assert report.encodings == expected
    assert "5 file(s) not in UTF-8" in report.summary()
    assert "The café served crème brûlée." in all_text(project)

    target = tmp_path.parent / "cli.db"
    assert main(["new", str(target)]) == 0
    assert main(["import", str(target), str(tmp_path), "--annotator", "t"]) == 0
    out = capsys.readouterr().out
    assert "decoded as something other than UTF-8:\n" in out
    assert all(f"  {line}\n" in out for line in expected)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # json's own words and column for a trailing comma differ between Python versions
        # (3.13: "Illegal trailing comma before end of object" at the comma): None = json's
        ('{"text": "中文中文", "id": 1,}', None),
        ('{"text": "b\tc"}', "Invalid control character at column 12"),
        ('\ufeff{"text": "b"}', "a byte order mark (U+FEFF) where a value should start: files "
                                "joined together? at column 1"),
    ],
)
def test_jsonl_error_names_the_column_of_the_fault(tmp_path: Path, line: str, message: str):
    from annotator.importing import read_records

    if message is None:
        with pytest.raises(json.JSONDecodeError) as caught:
            json.loads(line)
        assert caught.value.colno >= 25  # at the fault, far from column 1
        message = f"{caught.value.msg} at column {caught.value.colno}"
    f = tmp_path / "dump.jsonl"
    f.write_text('{"text": "好"}\n' + line + "\n", encoding="utf-8")
    bad = [str(r) for r in read_records([f]) if not hasattr(r, "text")]
    assert bad == [f"{f}:2: not valid JSON ({message})"]


def test_a_lone_surrogate_escape_in_jsonl_is_named_not_a_codec_traceback(project: Project,
                                                                         tmp_path: Path):
    f = tmp_path / "dump.jsonl"
    f.write_text('{"text": "好"}\n{"text": "a\\ud800b"}\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        imp(project, f)
    assert str(caught.value) == (f"{f}:2: the 'text' field contains a lone surrogate U+D800 at 1 "
                                 "(not a character); nothing was imported")
    assert project.articles() == []


def test_a_lone_surrogate_in_a_dataset_format_is_named(project: Project, tmp_path: Path):
    from annotator.formats_cli import import_format

    f = tmp_path / "doccano.jsonl"
    f.write_text('{"text": "阿里\\udfff", "label": []}\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"doccano\.jsonl:1: the 'text' field contains a lone "
                                           r"surrogate U\+DFFF at 2 \(not a character\); "
                                           "nothing was imported$"):
        import_format(project, "doccano", [f], "tester")
