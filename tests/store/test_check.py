"""``annotator check`` notices every way a project file can go wrong behind the store's back:
a changed article text, a span outside its text, a damaged b-tree (issue 8, section 10)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator import cli
from tests.review.helpers import EN, ZH, make_project


@pytest.fixture
def checked(tmp_path: Path) -> Path:
    return make_project(tmp_path / "checked.db", [
        ("阿里", ZH, [(0, 2, "company", "ann")]),
        ("county", EN, []),  # no span: only the sha256 comparison can notice a change
    ])


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            for sql in statements:
                conn.execute(sql)
    finally:
        conn.close()


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = cli.main(["check", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_passes_an_untouched_project(capsys, checked):
    assert _check(capsys, checked) == (0, "ok: 2 articles, 1 spans\n", "")


def test_check_notices_an_article_text_changed_where_no_span_covers_it(capsys, checked):
    _sql(checked, "UPDATE articles SET text = replace(text, '3.5%', '9.9%') "
                  "WHERE title = 'county'")
    code, out, err = _check(capsys, checked)
    assert code == 1
    assert out.splitlines() == ["article 2 (county): text does not match its sha256"]
    assert err.strip() == f"annotator: error: 1 problem(s) in {checked}"


def test_check_notices_a_span_outside_its_text(capsys, checked):
    _sql(checked, 'UPDATE spans SET "end" = 1000')
    code, out, _ = _check(capsys, checked)
    assert code == 1
    assert "is outside the text (length 31)" in out and "[0, 1000)" in out


def test_check_notices_a_failed_integrity_check(capsys, checked):
    conn = sqlite3.connect(checked)
    root, = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'spans_label'")\
        .fetchone()
    page_size, = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(checked, "r+b") as fh:  # the index's b-tree page claims 65,535 cells
        fh.seek((root - 1) * page_size + 3)
        fh.write(b"\xff\xff")
    code, out, err = _check(capsys, checked)
    assert code == 1
    assert out.startswith("quick_check: ") and "problem(s)" in err
