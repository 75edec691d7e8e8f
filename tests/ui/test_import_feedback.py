"""Feedback after an import in the window: counts in the status bar, a summary when anything
was skipped or merged as a duplicate (five encodings of one article), and the one bad-files
dialog that lists every bad file and record with its line before anything is imported."""

from __future__ import annotations

import codecs
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from annotator.ui import interaction

ARTICLE = "臺灣的經濟學家認為，這個問題很複雜。\n"


def _import(qtbot, window, paths: list[Path]):
    with qtbot.waitSignal(window.ops.importFinished, timeout=60000) as done:
        assert window.ops.import_files([str(p) for p in paths])
    qtbot.waitUntil(lambda: window.ctx.project is not None, timeout=30000)
    return done.args


def _buttons(dialog) -> list[str]:
    return [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()]


def test_five_encodings_of_one_article_are_one_article_and_four_duplicates_named(
        qtbot, window, tmp_path):
    folder = tmp_path / "five"
    folder.mkdir()
    (folder / "a_utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b_bom.txt").write_bytes(codecs.BOM_UTF8 + ARTICLE.encode())
    (folder / "c_gb18030.txt").write_bytes(ARTICLE.encode("gb18030"))
    (folder / "d_big5.txt").write_bytes(ARTICLE.encode("big5"))
    (folder / "e_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    report, error = _import(qtbot, window, [folder])
    assert error == "" and report.added == 1 and len(report.duplicates) == 4
    assert window.articles.model.rowCount() == 4
    status = window.statusBar().currentMessage()
    assert "Imported 1 article(s)" in status and "4 already in the project (same text)" in status
    summary = window.ops.report_dialog
    assert summary.objectName() == "importSummary" and summary.isVisible()
    text = summary.report_text
    for name in ("b_bom.txt", "c_gb18030.txt", "d_big5.txt", "e_utf16.txt"):
        assert f"{folder / name}: 臺灣的經濟學家認為" in text
    assert f"(the same text as {folder / 'a_utf8.txt'})" in text
    assert "Decoded as something other than UTF-8" in text
    summary.close()


def test_reimporting_the_same_files_says_they_are_already_there(qtbot, window, tmp_path):
    folder = tmp_path / "again"
    folder.mkdir()
    (folder / "one.txt").write_text("第一篇\n\n电商平台调整会员策略。\n", encoding="utf-8")
    (folder / "two.txt").write_text("第二篇\n\n物流公司扩大投入。\n", encoding="utf-8")
    report, _ = _import(qtbot, window, [folder])
    assert report.added == 2 and window.ops.report_dialog is None  # nothing to tell
    assert window.statusBar().currentMessage() == "Imported 2 article(s)"
    report, _ = _import(qtbot, window, [folder])
    assert report.added == 0 and len(report.duplicates) == 2
    assert "Imported 0 article(s), 2 already in the project" in \
        window.statusBar().currentMessage()
    text = window.ops.report_dialog.report_text
    assert "(already here as article 4)" in text and "(already here as article 5)" in text
    window.ops.report_dialog.close()


def test_reimporting_a_deleted_article_is_named_in_the_summary(qtbot, window, tmp_path,
                                                               monkeypatch):
    path = tmp_path / "junk.txt"
    path.write_text("误导入的文章\n\n内容。\n", encoding="utf-8")
    _import(qtbot, window, [path])
    monkeypatch.setattr(interaction, "confirm", lambda *a: True)
    assert window.articles.delete_article(4)
    report, _ = _import(qtbot, window, [path])
    assert report.added == 0 and report.deleted == [f"{path}: 误导入的文章"]
    text = window.ops.report_dialog.report_text
    assert "Deleted from the project before, left out" in text and f"{path}: 误导入的文章" in text
    window.ops.report_dialog.close()


def _bad_batch(tmp_path: Path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good1.txt").write_text("好文章一\n\n内容一。\n", encoding="utf-8")
    (folder / "good2.txt").write_text("好文章二\n\n内容二。\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "rows.jsonl").write_text('{"text": "好的一行"}\n{"title": "no text"}\n'
                                       '{"text": "另一行"}\nnot json\n', encoding="utf-8")
    broken = bytearray("标题\n第二行有坏字节。\n".encode())
    broken[broken.index("坏".encode())] = 0xFF
    (folder / "broken.txt").write_bytes(bytes(broken))
    return folder, [folder / "empty.txt", folder / "rows.jsonl", folder / "broken.txt"]


def test_one_dialog_lists_every_bad_file_and_record_with_its_line(qtbot, window, tmp_path):
    folder, _bad = _bad_batch(tmp_path)
    report, error = _import(qtbot, window, [folder])
    assert report is None and "nothing was imported" in error
    qtbot.waitUntil(lambda: window.ops.report_dialog is not None
                    and window.ops.report_dialog.objectName() == "badFiles")
    dialog = window.ops.report_dialog
    assert dialog.isVisible()
    text = dialog.report_text
    assert f"{folder / 'empty.txt'}" in text
    assert f"{folder / 'rows.jsonl'}:2" in text and f"{folder / 'rows.jsonl'}:4" in text
    assert f"{folder / 'broken.txt'}:2" in text
    assert "4 bad file(s) or record(s)" in dialog.headline.text()
    assert "4 good article(s)" in dialog.headline.text()
    assert sorted(_buttons(dialog)) == ["Cancel", "Copy the Report", "Import the Good Ones"]
    assert window.articles.model.rowCount() == 3  # nothing imported yet
    dialog.findChild(QPushButton, "copyReport").click()
    assert dialog.isVisible() and QGuiApplication.clipboard().text() == text
    dialog.findChild(QPushButton, "cancelImport").click()
    assert len(window.ctx.project.articles()) == 3
    assert "nothing was imported" in window.statusBar().currentMessage()


def test_import_the_good_ones_imports_exactly_those(qtbot, window, tmp_path):
    folder, _bad = _bad_batch(tmp_path)
    _import(qtbot, window, [folder])
    qtbot.waitUntil(lambda: window.ops.report_dialog is not None
                    and window.ops.report_dialog.objectName() == "badFiles")
    with qtbot.waitSignal(window.ops.importFinished, timeout=60000) as done:
        qtbot.mouseClick(window.ops.report_dialog.findChild(QPushButton, "importGood"),
                         Qt.MouseButton.LeftButton)
    report, error = done.args
    assert error == "" and report.added == 4 and len(report.skipped) == 4
    qtbot.waitUntil(lambda: window.ctx.project is not None)
    texts = {window.ctx.project.article(a.id).text for a in window.ctx.project.articles()[3:]}
    assert texts == {"好文章一\n\n内容一。\n", "好文章二\n\n内容二。\n", "好的一行", "另一行"}
    summary = window.ops.report_dialog
    assert summary.objectName() == "importSummary" and "4 bad record(s) skipped" in \
        summary.headline.text()
    summary.close()


def test_a_single_bad_file_gets_the_same_one_dialog_not_a_yes_no_question(qtbot, window,
                                                                          tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(interaction, "confirm", lambda *a: (_ for _ in ()).throw(
        AssertionError("no yes/no question")))
    monkeypatch.setattr(interaction, "warn", lambda *a: (_ for _ in ()).throw(
        AssertionError("no second error box")))
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _import(qtbot, window, [path])
    qtbot.waitUntil(lambda: window.ops.report_dialog is not None)
    dialog = window.ops.report_dialog
    assert dialog.objectName() == "badFiles" and f"{path}" in dialog.report_text
    assert not dialog.findChild(QPushButton, "importGood").isEnabled()  # nothing good in it
    dialog.findChild(QPushButton, "cancelImport").click()
    assert len(window.ctx.project.articles()) == 3
