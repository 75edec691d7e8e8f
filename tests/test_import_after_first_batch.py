"""Issue 8, section 10: an import that fails after the first 5,000-row batch was written keeps
nothing. ``add_articles`` writes rows in batches of 5,000 inside one transaction; a ROLLBACK
turned into a COMMIT would keep the first batch while saying "nothing was imported". One test
per reader (txt folder, md, jsonl, json, csv, native JSONL) and per dataset format with a
reader (doccano, label-studio, brat, conll, cluener), each with its bad record at the end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.model import ArticleRecord, Label
from annotator.formats_cli import export_format, import_format
from annotator.importing import import_paths
from annotator.store import ImportFailed, Project
from annotator.store.article_import import _Batch

N = _Batch.SIZE + 1  # good records before the bad one: more than one batch
LABELS = (Label("company", "#2ca02c", "1"),)


def article(i: int) -> str:
    return f"第{i}篇：阿里巴巴今年的目标。"


def nothing_imported(project: Project) -> None:
    assert project.articles() == []
    assert project.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert [c for c in project.changes(limit=10**6) if c["action"] == "import"] == []


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """N articles, each with one span, to export in every format."""
    path = tmp_path_factory.mktemp("source") / "source.db"
    project = Project.create(path, title="source", labels=LABELS)
    project.add_articles([ArticleRecord(text=article(i), title=f"t{i}") for i in range(N)],
                         "setup")
    with project.transaction():
        for a in project.articles():
            project.add_span(a.id, len(article(0)) - 9, len(article(0)) - 5, "company", "alice")
    yield project
    project.close()


@pytest.fixture
def target(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "target.db", title="target", labels=LABELS)
    yield project
    project.close()


# ------------------------------------------------------------------ plain readers
def _folder(tmp_path: Path, suffix: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(N):
        (folder / f"a{i:05d}{suffix}").write_text(article(i), encoding="utf-8")
    (folder / f"zzz{suffix}").write_text("\n\n", encoding="utf-8")  # no text: a bad file
    return folder


def _jsonl(tmp_path: Path) -> Path:
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps({"text": article(i)}, ensure_ascii=False) + "\n"
                         for i in range(N)) + "{broken\n", encoding="utf-8")
    return f


def _json(tmp_path: Path) -> Path:
    f = tmp_path / "in.json"
    items = [{"text": article(i)} for i in range(N)] + [{"title": "no text"}]
    f.write_text(json.dumps(items, ensure_ascii=False, indent=0), encoding="utf-8")
    return f


def _csv(tmp_path: Path) -> Path:
    f = tmp_path / "in.csv"
    f.write_text("id,text\n" + "".join(f"{i},{article(i)}\n" for i in range(N)) + "x,y,z\n",
                 encoding="utf-8")
    return f


PLAIN: dict[str, Callable[[Path], Path]] = {
    "txt folder": lambda tmp: _folder(tmp, ".txt"),
    "md folder": lambda tmp: _folder(tmp, ".md"),
    "jsonl": _jsonl,
    "json": _json,
    "csv": _csv,
}


@pytest.mark.parametrize("kind", list(PLAIN))
def test_bad_record_after_the_first_batch_keeps_nothing(target: Project, tmp_path: Path,
                                                         kind: str):
    source = PLAIN[kind](tmp_path)
    with pytest.raises(ImportFailed, match="; nothing was imported$"):
        import_paths(target, [source], "tester")
    nothing_imported(target)


def test_bad_native_record_after_the_first_batch_keeps_nothing(annotated: Project,
                                                                target: Project,
                                                                tmp_path: Path):
    out = tmp_path / "native.jsonl"
    export_format(annotated, "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    last = json.loads(lines[-1])
    last["sha256"] = "0" * 64  # edited after export
    out.write_text("".join(lines[:-1]) + json.dumps(last, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"does not match its sha256 \(was it edited after "
                                           r"export\?\); nothing was imported$"):
        import_paths(target, [out], "tester", create_labels=True)
    nothing_imported(target)


# ------------------------------------------------------------------ dataset formats
def _append(out: Path, text: str) -> Path:
    with open(out, "a", encoding="utf-8") as fh:
        fh.write(text)
    return out


def _label_studio(out: Path) -> Path:
    tasks = json.loads(out.read_text(encoding="utf-8"))
    tasks.append({"data": {"nothing": "here"}})
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return out


def _brat(out: Path) -> Path:
    (out / "zzz.txt").write_text("阿里", encoding="utf-8")
    (out / "zzz.ann").write_text("T1\tcompany 0 99\t阿里\n", encoding="utf-8")
    return out


DATASETS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "doccano": ("out.jsonl", lambda out: _append(out, "{broken\n")),
    "label-studio": ("out.json", _label_studio),
    "brat": ("out", _brat),
    "conll": ("out.conll", lambda out: _append(out, "\n-DOCSTART- -X- O O\n\n阿 X-bad\n")),
    "cluener": ("out.json", lambda out: _append(out, "{broken\n")),
}


@pytest.mark.parametrize("name", list(DATASETS))
def test_bad_dataset_record_after_the_first_batch_keeps_nothing(annotated: Project,
                                                                 target: Project,
                                                                 tmp_path: Path, name: str):
    filename, spoil = DATASETS[name]
    out = tmp_path / filename
    export_format(annotated, name, out)
    source = spoil(out)
    with pytest.raises(ImportFailed, match="; nothing was imported$"):
        import_format(target, name, [source], "tester", create_labels=True)
    nothing_imported(target)
