"""`annotator registry PROJECT list | import | export | add` and `annotator suggest`: bad
registry files are refused with file:line and nothing is imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store import Project
from tests.test_cli import one_error_line, run

GOOD = ("name,aliases,tickers,note\n"
        "阿里巴巴,阿里|阿里巴巴集团|Alibaba Group,BABA|9988.HK,e-commerce\n"
        "京东,JD.com,JD,\n")


@pytest.fixture(autouse=True)
def _user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_USER", "carol")


@pytest.fixture
def news(project_path: Path, tmp_path: Path, capsys) -> Path:
    run(capsys, "new", project_path)
    (tmp_path / "a.txt").write_text("😀阿里巴巴集团今年收入约2.5亿元，同比增长9%。京东也是。",
                                    encoding="utf-8")
    run(capsys, "import", project_path, tmp_path / "a.txt")
    return project_path


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_list_export_round_trip(news, tmp_path, capsys):
    code, out, _ = run(capsys, "registry", news, "import", write(tmp_path, "r.csv", GOOD))
    assert code == 0 and "2 companies added" in out
    _, out, _ = run(capsys, "registry", news, "list")
    assert out.splitlines() == ["京东\tJD.com\tJD",
                                "阿里巴巴\tAlibaba Group|阿里|阿里巴巴集团\t9988.HK|BABA\te-commerce"]
    code, _, _ = run(capsys, "registry", news, "export", tmp_path / "out.csv")
    assert code == 0
    run(capsys, "new", tmp_path / "other.db")
    run(capsys, "registry", tmp_path / "other.db", "import", tmp_path / "out.csv")
    with Project.open(news) as a, Project.open(tmp_path / "other.db") as b:
        assert a.companies() == b.companies()
    code, _, err = run(capsys, "registry", news, "export", tmp_path / "out.csv")
    assert code == 1 and "already exists" in one_error_line(err)


def test_add_with_aliases_and_tickers_joins_the_terms(news, capsys):
    code, out, _ = run(capsys, "registry", news, "add", "腾讯", "--alias", "Tencent Holdings",
                       "--alias", "鹅厂", "--ticker", "0700.HK")
    assert code == 0 and "1 company added" in out
    _, out, _ = run(capsys, "terms", news)
    assert "鹅厂" in out and "腾讯" in out and "Tencent Holdings" not in out


@pytest.mark.parametrize("name, text, where, why", [
    ("no-name.csv", "company,aliases\n甲,乙\n", 1, "no 'name' column"),
    ("empty-name.csv", "name,aliases\n甲,乙\n  ,丙\n", 3, "the name is empty"),
    ("alias-twice.csv", "name,aliases\n甲,乙|丁\n丙,戊|乙\n", 3, "'乙' already names '甲'"),
    ("name-is-alias.csv", "name,aliases\n甲,乙\n乙,\n", 3, "'乙' already names '甲'"),
    ("not-csv.csv", 'name,aliases\n甲,乙\n丙,"丁\n', 3, "not a CSV line"),
    ("too-many-cells.csv", "name,aliases\n甲,乙,丙\n", 2, "3 cells, but the header has 2"),
    ("unknown-column.csv", "name,alias\n甲,乙\n", 1, "column 'alias' is unknown"),
    ("hidden.csv", "name\nAli\u202ebaba\n", 2, "invisible or control character U+202E"),
])
def test_a_bad_registry_file_is_refused_with_file_and_line(news, tmp_path, capsys, name, text,
                                                           where, why):
    path = write(tmp_path, name, text)
    code, _, err = run(capsys, "registry", news, "import", path)
    line = one_error_line(err)
    assert code == 1 and f"{path}:{where}: " in line and why in line
    with Project.open(news) as p:
        assert p.companies() == []


def test_an_alias_that_names_a_registered_company_is_refused(news, tmp_path, capsys):
    run(capsys, "registry", news, "import", write(tmp_path, "r.csv", GOOD))
    path = write(tmp_path, "more.csv", "name,aliases\n小米,\n阿里云,阿里\n")
    code, _, err = run(capsys, "registry", news, "import", path)
    assert code == 1 and f"{path}:3: '阿里' already names '阿里巴巴'" in one_error_line(err)
    with Project.open(news) as p:
        assert [c.name for c in p.companies()] == ["京东", "阿里巴巴"]


def test_suggest_dry_run_then_twice(news, tmp_path, capsys):
    run(capsys, "registry", news, "import", write(tmp_path, "r.csv", GOOD))
    code, out, _ = run(capsys, "suggest", news, "--dry-run")
    assert code == 0 and out.strip() == ("would suggest for carol in 1 article(s): "
                                         "2 companies, 2 figures, 0 repeats")
    with Project.open(news) as p:
        assert p.span_count() == 0
    _, out, _ = run(capsys, "suggest", news, "--companies", "--annotator", "bo")
    assert out.strip() == "suggested for bo in 1 article(s): 2 companies"
    _, out, _ = run(capsys, "suggest", news, "--companies", "--annotator", "bo")
    assert out.strip() == "suggested for bo in 1 article(s): 0 companies"
    with Project.open(news) as p:
        assert [(s.text, s.start, s.origin) for s in p.spans(1)] == [
            ("阿里巴巴集团", 1, "suggested"), ("京东", 25, "suggested")]


def test_suggest_without_a_registry_says_so(news, capsys):
    code, out, _ = run(capsys, "suggest", news, "--companies", "--article", "1")
    assert code == 0 and "the company registry is empty" in out
