"""The command line, in process (``annotator.cli.main``) plus one real subprocess."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import cli
from annotator.core.model import ArticleRecord
from annotator.store import Project, projects_home

ROOT = Path(__file__).resolve().parents[1]
ASTRAL = "😀𠮷阿里今年的小目标是新增至少1亿用户。"
COMMANDS = ["new", "import", "export", "list", "status", "stats", "check", "snapshot", "labels",
            "gui"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("annotator: error: ") and "Traceback" not in err
    return lines[0]


@pytest.fixture(autouse=True)
def _user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_USER", "carol")


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "alibaba.txt").write_bytes(
        "阿里今年的小目标\r\n阿里今年的小目标是新增至少1亿用户。\r\n".encode())
    (folder / "jd.md").write_text("# JD bets on logistics\n\nJD.com will invest more.\n")
    (folder / "dump.jsonl").write_text(
        json.dumps({"text": "拼多多的战略是下沉市场。", "title": "拼多多"}, ensure_ascii=False) + "\n"
        + json.dumps({"text": ASTRAL}, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def spans_project(project_path: Path) -> Path:
    """A closed project with two articles and spans by two annotators."""
    with Project.create(project_path) as p:
        p.add_articles([ArticleRecord(text=ASTRAL, title="阿里"),
                        ArticleRecord(text="JD.com will invest more.", title="JD")], "x")
        a, b = (s.id for s in p.articles())
        p.add_span(a, 2, 4, "company", "alice")
        p.add_span(a, 15, 17, "figure", "bob", note="一亿")
        p.add_span(b, 0, 6, "company", "bob")
        p.set_status(b, "done", "bob")
    return project_path


# ------------------------------------------------------------------------------- new
def test_new_creates_a_project_in_the_projects_home(capsys):
    code, out, err = run(capsys, "new", "news")
    assert code == 0 and err == ""
    path = projects_home() / "news.db"
    assert out == f"created {path} (labels: claim, figure, company, strategy)\n"
    with Project.open(path, readonly=True) as p:
        assert p.title == "news"


def test_new_with_a_label_file_and_title(capsys, tmp_path: Path):
    scheme = tmp_path / "scheme.txt"
    scheme.write_text("brand\nprice\n")
    code, out, _ = run(capsys, "new", tmp_path / "p.db", "--labels", scheme, "--title", "价格")
    assert code == 0 and "(labels: brand, price)" in out
    with Project.open(tmp_path / "p.db", readonly=True) as p:
        assert p.title == "价格" and [lb.hotkey for lb in p.labels()] == ["1", "2"]


def test_new_refuses_an_existing_file(capsys, tmp_path: Path):
    (tmp_path / "p.db").write_bytes(b"precious")
    code, _, err = run(capsys, "new", tmp_path / "p.db")
    assert code == 1 and "already exists" in one_error_line(err)
    assert (tmp_path / "p.db").read_bytes() == b"precious"


def test_new_with_a_bad_scheme_file(capsys, tmp_path: Path):
    scheme = tmp_path / "s.json"
    scheme.write_text('[{"name": "a", "color": "red"}]')
    code, _, err = run(capsys, "new", tmp_path / "p.db", "--labels", scheme)
    assert code == 1 and "'red' is not a color" in one_error_line(err)
    assert not (tmp_path / "p.db").exists()


# ------------------------------------------------------------------------------- import
def test_import_a_folder_then_again(capsys, project_path: Path, articles: Path):
    run(capsys, "new", project_path)
    code, out, err = run(capsys, "import", project_path, articles)
    assert code == 0, err
    assert out.startswith("imported 4 article(s) in ")
    code, out, _ = run(capsys, "import", project_path, articles / "dump.jsonl")
    assert code == 0
    assert out.startswith("imported 0 article(s), 2 already in the project (skipped)")
    assert f"  {articles / 'dump.jsonl'}:1: 拼多多 (already here as article " in out
    with Project.open(project_path, readonly=True) as p:
        assert len(p.articles()) == 4
        assert p.changes(limit=1)[0]["who"] == "carol"


def test_import_into_a_project_that_does_not_exist(capsys, tmp_path: Path, articles: Path,
                                                  monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    for name in ("typo", "typo.db", "sub/typo.db"):
        code, out, err = run(capsys, "import", name, articles)
        assert code == 1 and out == ""
        assert "no project at" in one_error_line(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not projects_home().exists() or list(projects_home().iterdir()) == []


def test_import_a_bad_record_changes_nothing(capsys, project_path: Path, tmp_path: Path):
    run(capsys, "new", project_path)
    bad = tmp_path / "file.jsonl"
    bad.write_text('{"text": "one"}\n{"text": "two"}\n{"text": \n')
    code, out, err = run(capsys, "import", project_path, bad)
    assert code == 1 and out == ""
    line = one_error_line(err)
    assert "file.jsonl:3: not valid JSON" in line and line.endswith("nothing was imported")
    with Project.open(project_path, readonly=True) as p:
        assert p.articles() == []


def test_import_skip_bad_reports_what_was_skipped(capsys, project_path: Path, tmp_path: Path):
    run(capsys, "new", project_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"text": "one"}\n{"title": "x"}\n')
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    code, out, err = run(capsys, "import", project_path, tmp_path / "in", "--skip-bad")
    assert code == 0, err
    assert out.startswith("imported 1 article(s), 2 bad record(s) skipped")
    assert f"skipped (bad):\n  {tmp_path / 'in' / 'a.jsonl'}:2: no 'text' field\n" in out
    assert f"{tmp_path / 'in' / 'b.txt'}: the file is empty (file skipped)" in out


def test_import_a_missing_input_file(capsys, project_path: Path, tmp_path: Path):
    run(capsys, "new", project_path)
    code, _, err = run(capsys, "import", project_path, tmp_path / "nope.jsonl")
    assert code == 1 and "nope.jsonl: no such file or folder" in one_error_line(err)


def test_import_text_field_and_create_labels(capsys, project_path: Path, tmp_path: Path):
    run(capsys, "new", project_path)
    f = tmp_path / "a.csv"
    f.write_text("body,source\nhello there,FT\n")
    code, _, err = run(capsys, "import", project_path, f, "--text-field", "body",
                       "--annotator", "dave")
    assert code == 0, err
    with Project.open(project_path, readonly=True) as p:
        art = p.article(p.articles()[0].id)
        assert (art.text, art.source) == ("hello there", "FT")
        assert p.changes(limit=1)[0]["who"] == "dave"


def test_import_while_the_project_is_open_for_writing(capsys, spans_project: Path,
                                                      articles: Path):
    with Project.open(spans_project):
        code, _, err = run(capsys, "import", spans_project, articles)
    assert code == 1 and "already open for writing" in one_error_line(err)


# ------------------------------------------------------------------------------- reading
def test_list_shows_the_annotators_own_status_and_done_by_n_of_m(capsys, spans_project: Path):
    code, out, err = run(capsys, "list", spans_project, "--annotator", "bob")
    assert code == 0
    assert out.splitlines() == [
        "id  status        done  spans  title",
        " 1  todo           0/1      2  阿里",
        " 2  done           1/1      1  JD",
    ]
    assert err == ""
    code, out, _ = run(capsys, "list", spans_project, "--status", "done", "--annotator", "bob")
    assert out.splitlines()[1:] == [" 2  done           1/1      1  JD"]
    code, out, _ = run(capsys, "list", spans_project, "--status", "done", "--annotator",
                       "alice")  # bob's done is not alice's
    assert out.splitlines()[1:] == []


def test_status_sets_one_annotators_status_by_id_or_uid(capsys, spans_project: Path,
                                                        monkeypatch):
    monkeypatch.setenv("ANNOTATOR_USER", "lead")
    code, out, err = run(capsys, "status", spans_project, "1", "done", "--annotator", "alice")
    assert (code, err) == (0, "")
    assert out == "article 1: alice's status todo -> done\n"
    with Project.open(spans_project, readonly=True) as p:
        uid = p.article(2).uid
        assert p.article_statuses(1) == {"alice": "done"}
        assert p.changes("article", "1", limit=1)[0]["who"] == "lead"
    code, out, _ = run(capsys, "status", spans_project, uid, "in-progress")
    assert out == "article 2: lead's status todo -> in-progress\n"
    code, _, err = run(capsys, "status", spans_project, "no-such-uid", "done")
    assert code == 1 and "no article with uid 'no-such-uid'" in one_error_line(err)
    code, _, err = run(capsys, "status", spans_project, "99", "done")
    assert code == 1 and "no article with id '99'" in one_error_line(err)


def test_stats(capsys, spans_project: Path):
    code, out, _ = run(capsys, "stats", spans_project, "--annotator", "bob")
    assert code == 0
    assert out.splitlines() == [
        "project: p",
        "articles: 2 (todo 1, in-progress 0, done 1: bob's statuses)",
        "  bob: done 1",
        "spans: 3",
        "  per label: claim 0, figure 1, company 2, strategy 0",
        "  per annotator: alice 1, bob 2",
    ]
    code, out, _ = run(capsys, "stats", spans_project, "--json", "--annotator", "bob")
    data = json.loads(out)
    assert data["spans_per_annotator"] == {"alice": 1, "bob": 2}
    assert data["articles_per_status"]["done"] == 1


def test_labels(capsys, spans_project: Path):
    code, out, _ = run(capsys, "labels", spans_project)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["key", "label", "color", "spans", "description"]
    assert lines[3].split()[:4] == ["3", "company", "#2ca02c", "2"]


def test_check_ok(capsys, spans_project: Path):
    assert run(capsys, "check", spans_project) == (0, "ok: 2 articles, 3 spans\n", "")


def test_check_fails_after_a_span_text_is_corrupted(capsys, spans_project: Path):
    conn = sqlite3.connect(spans_project)
    try:
        with conn:
            conn.execute("UPDATE spans SET text = 'XX' WHERE annotator = 'alice'")
    finally:
        conn.close()
    code, out, err = run(capsys, "check", spans_project)
    assert code == 1
    assert "stored text 'XX' but the article has '阿里' at [2, 4)" in out
    assert "1 problem(s)" in one_error_line(err)


def test_export_with_filters(capsys, spans_project: Path, tmp_path: Path):
    out_file = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "export", spans_project, "-f", "jsonl", "-o", out_file)
    assert code == 0, err
    assert out == f"exported 2 articles, 3 spans, 0 relations to {out_file} (offsets in code points)\n"
    first = out_file.read_bytes()
    filters = ("--annotator", "bob", "--label", "company", "--status", "done")
    code, out, err = run(capsys, "export", spans_project, "-f", "jsonl", "-o", out_file,
                         *filters)
    assert code == 1 and out == ""  # exporting onto the first export: refused, file kept
    assert f"{out_file} already exists" in one_error_line(err) and "--force" in err
    assert out_file.read_bytes() == first
    code, out, _ = run(capsys, "export", spans_project, "-f", "jsonl", "-o", out_file,
                       *filters, "--force")
    assert out == f"exported 1 articles, 1 spans, 0 relations to {out_file} (offsets in code points)\n"
    (line,) = out_file.read_text(encoding="utf-8").splitlines()
    assert [s["annotator"] for s in json.loads(line)["spans"]] == ["bob"]


def test_export_errors(capsys, spans_project: Path, tmp_path: Path):
    code, _, err = run(capsys, "export", spans_project, "-f", "xml", "-o", tmp_path / "x")
    assert code == 1 and "unknown format 'xml' (available: " in one_error_line(err)
    code, _, err = run(capsys, "export", spans_project, "-f", "jsonl", "-o",
                       tmp_path / "nope" / "x.jsonl")
    assert code == 1
    assert f"{tmp_path / 'nope'}: the folder does not exist" in one_error_line(err)
    code, _, err = run(capsys, "export", spans_project, "-f", "jsonl", "-o", tmp_path)
    assert code == 1 and f"{tmp_path}: is a folder, not a file" in one_error_line(err)
    assert run(capsys, "export", spans_project, "-f", "jsonl")[0] == 2  # no -o


def test_snapshot(capsys, spans_project: Path, tmp_path: Path):
    out_db = tmp_path / "share.db"
    assert run(capsys, "snapshot", spans_project, out_db) == (0, f"wrote {out_db}\n", "")
    with Project.open(out_db, readonly=True) as copy:
        assert copy.span_count() == 3 and copy.check() == []
    code, _, err = run(capsys, "snapshot", spans_project, out_db)
    assert code == 1 and "already exists" in one_error_line(err)


def test_reading_commands_never_write(capsys, spans_project: Path, tmp_path: Path):
    before = spans_project.read_bytes()
    for args in (["list"], ["stats"], ["stats", "--json"], ["check"], ["labels"],
                 ["export", "-f", "jsonl", "-o", tmp_path / "o.jsonl"],
                 ["snapshot", tmp_path / "s.db"]):
        code, _, err = run(capsys, args[0], spans_project, *args[1:])
        assert code == 0, (args, err)
    assert spans_project.read_bytes() == before


def test_reading_commands_work_while_the_gui_holds_the_project(capsys, spans_project: Path,
                                                               tmp_path: Path):
    with Project.open(spans_project):  # like the window: open for writing
        for args in (["list"], ["stats"], ["check"], ["labels"],
                     ["export", "-f", "jsonl", "-o", tmp_path / "o.jsonl"],
                     ["snapshot", tmp_path / "s.db"]):
            code, _, err = run(capsys, args[0], spans_project, *args[1:])
            assert code == 0, (args, err)


def test_reading_a_file_that_is_not_a_project(capsys, tmp_path: Path):
    (tmp_path / "x.db").write_text("hello")
    code, _, err = run(capsys, "stats", tmp_path / "x.db")
    assert code == 1 and "not an annotator project" in one_error_line(err)


# ------------------------------------------------------------------------------- general
@pytest.mark.parametrize("command", COMMANDS)
def test_help_for_every_command(capsys, command: str):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert f"usage: annotator {command}" in out and "examples:" in out


def test_top_level_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and all(c in out for c in COMMANDS)
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("annotator ")


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "list")[0] == 2
    assert run(capsys, "list", "p", "--status", "finished")[0] == 2


def test_no_arguments_opens_the_gui(capsys, monkeypatch: pytest.MonkeyPatch):
    seen = []
    monkeypatch.setattr(cli, "cmd_gui", lambda args: seen.append(args) or 0)
    assert run(capsys)[0] == 0
    assert seen[0].project is None


def test_gui_without_the_app_prints_the_tour(capsys, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "annotator.app", None)
    code, out, _ = run(capsys, "gui")
    assert code == 0 and out == cli.TOUR


def test_default_annotator(monkeypatch: pytest.MonkeyPatch):
    assert cli.default_annotator() == "carol"
    monkeypatch.delenv("ANNOTATOR_USER")
    monkeypatch.setattr(cli.getpass, "getuser", lambda: "os-user")
    assert cli.default_annotator() == "os-user"


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_progress_in_place_on_a_terminal_and_throttled_in_a_pipe():
    # "read", never "imported": a failing import printed "imported 72000 articles" before
    # "nothing was imported"
    tty = _Stream(True)
    progress = cli.ImportProgress(tty)
    progress(200, 1000.0)
    progress(400, 1500.0)
    progress.finish()
    assert tty.getvalue() == ("\rread 200 records (1,000/s)"
                              "\rread 400 records (1,500/s)\n")
    pipe = _Stream(False)
    progress = cli.ImportProgress(pipe, interval=3600)
    progress(200, 1000.0)
    progress.finish()
    assert pipe.getvalue() == ""
    progress = cli.ImportProgress(pipe, interval=0)
    progress(200, 1000.0)
    assert pipe.getvalue() == "read 200 records (1,000/s)\n"


def test_python_m_annotator_in_a_subprocess(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANNOTATOR_PROJECTS": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "annotator", "--help"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "usage: annotator" in done.stdout
    done = subprocess.run([sys.executable, "-m", "annotator", "stats", "typo"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("annotator: error: no project at ")
    assert "Traceback" not in done.stderr and list(tmp_path.iterdir()) == []


def test_terms_are_stored_and_listed(tmp_path, capsys):
    from annotator.cli import main as cli

    path = tmp_path / "t.db"
    assert cli(["new", str(path)]) == 0
    assert cli(["terms", str(path), "--add", "双十一", "--add", "拼多多"]) == 0
    assert cli(["terms", str(path), "--remove", "拼多多"]) == 0
    capsys.readouterr()
    assert cli(["terms", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "双十一"


def test_export_and_import_dataset_formats_from_the_command_line(tmp_path, capsys):
    from annotator.cli import main as cli

    src, dst = tmp_path / "src.db", tmp_path / "dst.db"
    text = "😀𠮷阿里今年的小目标是新增至少1亿用户。"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert cli(["new", str(src)]) == 0
    assert cli(["import", str(src), str(tmp_path / "a.txt")]) == 0
    from annotator.store import Project

    with Project.open(src) as project:
        art = project.articles()[0].id
        project.add_span(art, 2, 4, "company", "alice")
    out = tmp_path / "d.jsonl"
    assert cli(["export", str(src), "-f", "doccano", "-o", str(out), "--unit", "utf16"]) == 0
    assert "offsets in" in capsys.readouterr().out
    row = __import__("json").loads(out.read_text(encoding="utf-8"))
    assert row["label"] == [[4, 6, "company"]]  # UTF-16 units: 😀 and 𠮷 count two each
    assert cli(["new", str(dst)]) == 0
    assert cli(["import", str(dst), str(out), "--format", "doccano"]) == 0
    with Project.open(dst, readonly=True) as copy:
        spans = copy.spans(copy.articles()[0].id)
        assert [(s.start, s.end, s.text, s.label) for s in spans] == [(2, 4, "阿里", "company")]
    assert cli(["export", str(src), "-f", "csv", "-o", str(tmp_path / "x.csv"),
                "--scheme", "iob2"]) == 1
    assert "--scheme does not apply to format 'csv'" in capsys.readouterr().err
