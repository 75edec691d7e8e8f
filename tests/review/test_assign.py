"""Assignment without a server: packages per annotator, the plan in the master, merge-back of
each annotator's own edited spans (and nobody else's), guidelines carried."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.review import assign as assign_mod
from annotator.review import merge, preview
from annotator.review.assign import assign, package_names, split
from annotator.store import Project, ProjectError
from annotator.store.assignments import ASSIGNED_FROM
from tests.review.helpers import make_project

TEXTS = [f"第{i}篇：阿里巴巴今年收入增长{i}成，京东表示下沉市场增长迅速。" for i in range(10)]


@pytest.fixture
def master(tmp_path: Path) -> Path:
    path = make_project(tmp_path / "master.db",
                        [(f"a{i}", text, []) for i, text in enumerate(TEXTS)], title="news")
    with Project.open(path) as project:
        project.set_guidelines("# Guidelines\n\n**company**: a firm's name.\n", "lead")
    return path


def _assign(master: Path, out: Path, people=("alice", "bob", "carol"), overlap=0.2):
    with Project.open(master) as project:
        return assign(project, list(people), out, "lead", overlap=overlap, seed=7)


def _article_ids(path: Path) -> list[int]:
    with Project.open(path, readonly=True) as project:
        return [row[0] for row in project.conn.execute("SELECT id FROM articles ORDER BY id")]


def _annotate(package: Path, who: str, done: int, in_progress: int) -> list[str]:
    """Label 阿里巴巴 in the first ``done + in_progress`` articles; mark them. Span ids."""
    ids = []
    with Project.open(package) as project:
        for n, article_id in enumerate(_article_ids(package)[:done + in_progress]):
            text = project.conn.execute("SELECT text FROM articles WHERE id = ?",
                                        (article_id,)).fetchone()[0]
            start = text.index("阿里巴巴")
            ids.append(project.add_span(article_id, start, start + 4, "company", who).id)
            project.set_status(article_id, "done" if n < done else "in-progress", who)
    return ids


def test_ten_articles_to_three_people_with_20_percent_overlap(master, tmp_path):
    report = _assign(master, tmp_path / "out")
    shares = {p.annotator: _article_ids(p.path) for p in report.packages}
    assert sorted(len(ids) for ids in shares.values()) == [4, 5, 5]
    shared = set.intersection(*map(set, shares.values()))
    assert len(shared) == 2  # 20% of 10 goes to everyone
    everyone = set().union(*map(set, shares.values()))
    assert everyone == set(_article_ids(master))  # no article left out
    assert sum(len(ids) for ids in shares.values()) == 10 + 2 * 2
    with Project.open(master, readonly=True) as project:
        plans = project.conn.execute("SELECT count(*) FROM assignment_plans").fetchone()[0]
        recorded = {name: sorted(i for (i,) in project.conn.execute(
            "SELECT article_id FROM assignments WHERE annotator = ?", (name,)))
            for name in shares}
    assert plans == 1 and recorded == shares


def test_package_holds_scheme_terms_guidelines_and_own_spans_only(master, tmp_path):
    with Project.open(master) as project:
        project.set_terms(["阿里巴巴"], "lead")
        first = project.conn.execute("SELECT id FROM articles ORDER BY id").fetchone()[0]
        project.add_span(first, 4, 8, "company", "bob")
        project.add_span(first, 4, 8, "company", "alice")
    report = _assign(master, tmp_path / "out", people=("alice", "bob"), overlap=1.0)
    alice = report.packages[0].path
    with Project.open(alice, readonly=True) as package:
        assert [s.annotator for s in package.spans(first)] == ["alice"]
        assert package.terms() == ["阿里巴巴"]
        assert package.guidelines().startswith("# Guidelines")
        assert [label.name for label in package.labels()] == \
            ["claim", "figure", "company", "strategy"]
        origin = json.loads(package.meta()[ASSIGNED_FROM])
        assert (origin["master"], origin["annotator"], origin["plan"]) == \
            ("master.db", "alice", report.plan)
        # what the window's status bar reads: made from master.db, as work for alice
        made = package.origin()
        assert made is not None and (made["file"], made["kind"]) == ("master.db",
                                                                     "work for alice")
        assert package.check() == []


def test_annotated_packages_merge_back_into_progress(master, tmp_path):
    report = _assign(master, tmp_path / "out")
    paths = {p.annotator: p.path for p in report.packages}
    _annotate(paths["alice"], "alice", done=3, in_progress=1)
    _annotate(paths["bob"], "bob", done=5, in_progress=0)
    with Project.open(master) as project:
        for path in paths.values():
            merge(project, path, "lead")
        progress = {p.annotator: p.summary() for p in project.assignment_progress()}
        spans = project.conn.execute("SELECT annotator, count(*) FROM spans GROUP BY 1")
        counts = dict(spans.fetchall())
    assert progress == {"alice": "alice 3/5 done, 1 in progress",
                        "bob": "bob 5/5 done, 0 in progress",
                        "carol": "carol 0/4 done, 0 in progress"}
    assert counts == {"alice": 4, "bob": 5}


def _edit_after_merge(master: Path, package: Path, who: str) -> str:
    span_id = _annotate(package, who, done=1, in_progress=0)[0]
    with Project.open(master) as project:
        merge(project, package, "lead")
    with Project.open(package) as project:
        project.update_span(span_id, who, label="claim", note="the whole firm")
    return span_id


def test_alices_edited_span_replaces_the_older_one_and_the_log_keeps_it(master, tmp_path):
    report = _assign(master, tmp_path / "out")
    alice = report.packages[0].path
    span_id = _edit_after_merge(master, alice, "alice")
    with Project.open(master, readonly=True) as project:
        dry = preview(project, alice)
        assert project.span(span_id).label == "company"
    assert "would replace 1 of alice's span(s)" in dry.summary()
    with Project.open(master) as project:
        result = merge(project, alice, "lead")
        span = project.span(span_id)
        log = project.changes("span", span_id)
        assert project.check() == []
    assert (result.owner, result.spans_updated, result.span_conflicts) == ("alice", 1, 0)
    assert "replaced 1 of alice's span(s)" in result.summary()
    assert (span.label, span.note) == ("claim", "the whole firm")
    assert log[0]["action"] == "span.update"
    assert log[0]["data"]["before"]["label"] == "company"
    assert log[0]["data"]["after"]["label"] == "claim"


def test_older_version_from_alices_file_never_replaces_a_newer_one_here(master, tmp_path):
    report = _assign(master, tmp_path / "out")
    alice = report.packages[0].path
    span_id = _annotate(alice, "alice", done=1, in_progress=0)[0]
    with Project.open(master) as project:
        merge(project, alice, "lead")
        project.update_span(span_id, "lead", label="figure")  # the lead's later fix
        result = merge(project, alice, "lead")
        assert project.span(span_id).label == "figure"
    assert (result.spans_updated, result.spans_present + result.span_conflicts) == (0, 1)


def test_bobs_file_can_never_overwrite_alices_span(master, tmp_path):
    report = _assign(master, tmp_path / "out", overlap=1.0)
    alice, bob = report.packages[0].path, report.packages[1].path
    span_id = _annotate(alice, "alice", done=1, in_progress=0)[0]
    with Project.open(master) as project:
        merge(project, alice, "lead")
    # bob forges alice's span into his own package, newer, and then claims to be alice
    with Project.open(alice, readonly=True) as project:
        row = project.conn.execute("SELECT * FROM spans WHERE id = ?", (span_id,)).fetchone()
    conn = sqlite3.connect(bob)
    conn.execute(f"INSERT INTO spans VALUES ({', '.join('?' * len(row))})", row)
    conn.execute("UPDATE spans SET label = 'claim', updated_at = '2999-01-01T00:00:00.000Z' "
                 "WHERE id = ?", (span_id,))
    conn.commit()
    for claim in (None, "alice"):
        if claim:
            origin = json.loads(conn.execute("SELECT value FROM meta WHERE key = ?",
                                             (ASSIGNED_FROM,)).fetchone()[0])
            origin["annotator"] = claim  # but bob does not know alice's token
            conn.execute("UPDATE meta SET value = ? WHERE key = ?",
                         (json.dumps(origin), ASSIGNED_FROM))
            conn.commit()
        with Project.open(master) as project:
            result = merge(project, bob, "lead")
            assert project.span(span_id).label == "company"
        assert result.spans_updated == 0 and result.span_conflicts == 1
        assert result.owner == ("" if claim else "bob")
    conn.close()


def test_a_killed_run_leaves_no_package_and_no_plan(master, tmp_path, monkeypatch):
    real = assign_mod._write_package
    calls = []

    def fail_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(assign_mod, "_write_package", fail_on_second)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="No space") as info:
        _assign(master, out)
    assert ".partial" not in str(info.value.filename)
    assert os.listdir(out) == []
    with Project.open(master, readonly=True) as project:
        assert project.conn.execute("SELECT count(*) FROM assignment_plans").fetchone() == (0,)


def test_the_folder_of_a_killed_run_is_swept_and_nothing_else(master, tmp_path):
    out = tmp_path / "out"
    stale = out / ".assign.999999999.partial"  # no such process
    stale.mkdir(parents=True)
    (stale / "alice.db").write_bytes(b"half a package")
    (out / "notes.txt").write_text("mine")
    _assign(master, out)
    assert sorted(os.listdir(out)) == ["alice.db", "bob.db", "carol.db", "notes.txt"]


def test_existing_packages_are_not_replaced_without_force(master, tmp_path):
    out = tmp_path / "out"
    _assign(master, out)
    before = (out / "alice.db").read_bytes()
    with pytest.raises(ProjectError, match="already exists.*--force"):
        _assign(master, out)
    assert (out / "alice.db").read_bytes() == before
    with Project.open(master) as project:
        assign(project, ["alice", "bob", "carol"], out, "lead", overlap=0.2, force=True)
        assert project.conn.execute("SELECT count(*) FROM assignment_plans").fetchone() == (2,)


def test_names_that_would_share_a_file_are_refused():
    assert package_names(["alice", "../x"]) == {"alice": "alice.db", "../x": "_._x.db"}
    with pytest.raises(ProjectError, match="share the file"):
        package_names(["Alice", "alice"])
    with pytest.raises(ProjectError, match="share the file"):
        package_names(["a/b", "a_b"])
    with pytest.raises(ProjectError, match="--to"):
        package_names(["@gold"])


def test_split_without_overlap_differs_by_at_most_one():
    shares = split(range(11), ["a", "b", "c"], 0.0, seed=1)
    assert sorted(len(v) for v in shares.values()) == [3, 4, 4]
    assert not any(shared for items in shares.values() for _, shared in items)


def test_cli_assign_and_guidelines(master, tmp_path, capsys):
    guide = tmp_path / "guide.md"
    guide.write_text("# 标注规范\n\n公司：企业名称。\n", encoding="utf-8")
    assert main(["guidelines", str(master), "--set", str(guide)]) == 0
    assert main(["assign", str(master), "--to", "alice,bob", "--overlap", "20%",
                 "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "alice.db: alice, 6 article(s) (2 shared)" in out
    assert main(["guidelines", str(tmp_path / "out" / "bob.db")]) == 0
    assert "公司：企业名称。" in capsys.readouterr().out


def test_cli_guidelines_refuses_a_file_that_is_not_utf8(master, tmp_path, capsys):
    bad = tmp_path / "guide.md"
    bad.write_bytes("标注规范".encode("gb18030"))
    assert main(["guidelines", str(master), "--set", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "guide.md: not UTF-8" in err and err.count("\n") == 1
    with Project.open(master, readonly=True) as project:
        assert project.guidelines().startswith("# Guidelines")


def test_a_merge_failing_while_it_replaces_alices_spans_leaves_nothing_and_a_retry_works(
        master, tmp_path, monkeypatch):
    import importlib

    merge_module = importlib.import_module("annotator.review.merge")
    report = _assign(master, tmp_path / "out")
    alice = report.packages[0].path
    span_id = _edit_after_merge(master, alice, "alice")
    real = merge_module._expect

    def fail_on_update(got: int, expected: int, what: str) -> None:
        real(got, expected, what)
        if what == "updated spans":  # the log entries are in, the pairs in their temp table
            raise ProjectError("disk full (simulated)")

    monkeypatch.setattr(merge_module, "_expect", fail_on_update)
    with Project.open(master) as project:
        with pytest.raises(ProjectError, match="disk full"):
            merge(project, alice, "lead")
        assert project.span(span_id).label == "company"
        assert all(c["action"] != "span.update" for c in project.changes("span", span_id))
        monkeypatch.setattr(merge_module, "_expect", real)
        result = merge(project, alice, "lead")  # same connection: nothing of the first is left
        assert result.spans_updated == 1 and project.span(span_id).label == "claim"
        assert [c["action"] for c in project.changes("span", span_id)].count("span.update") == 1
