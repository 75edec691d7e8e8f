"""The bundled sample project (no Qt): five short articles written for this project, Chinese
and English, about e-commerce and retail strategy, with a few spans of every default label.

``resources/samples/*.txt`` are imported through the normal importer;
``resources/sample-spans.json`` (outside the folder, so importing the folder imports only
articles) names each
span by its text (the n-th occurrence in the article from a given file), so the offsets are
computed, never typed by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.importing import import_paths
from annotator.store import Project, ProjectExists, projects_home

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "resources" / "samples"
SAMPLE_SPANS = SAMPLES_DIR.parent / "sample-spans.json"
SAMPLE_TITLE = "Sample: e-commerce and retail strategy"
ARTICLE_SUFFIXES = (".txt", ".md")


def sample_path() -> Path:
    return projects_home() / "sample.db"


def sample_files(folder: Path = SAMPLES_DIR) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def create_sample_project(path: Path | None = None, who: str = "sample",
                          folder: Path = SAMPLES_DIR, spans_file: Path = SAMPLE_SPANS) -> Project:
    """Create the sample project at ``path`` (default ``projects/sample.db``); all or nothing."""
    path = path or sample_path()
    project = Project.create(path, title=SAMPLE_TITLE, who=who)
    try:
        with project.transaction():
            files = sample_files(folder)
            if files:
                import_paths(project, files, who)
            if spans_file.exists():
                add_sample_spans(project, spans_file)
    except BaseException:
        project.close()
        path.unlink(missing_ok=True)
        raise
    return project


def open_or_create_sample(who: str = "sample") -> Project:
    path = sample_path()
    if path.exists():
        return Project.open(path)
    try:
        return create_sample_project(path, who)
    except ProjectExists:  # another instance made it meanwhile
        return Project.open(path)


def add_sample_spans(project: Project, spans_file: Path) -> int:
    """Add the spans described in ``spans_file``; returns how many."""
    data = json.loads(spans_file.read_text(encoding="utf-8"))
    by_file = {Path(a.original_file).name: a for a in _articles(project)}
    added = 0
    for entry in data.get("spans", []):
        article = by_file.get(entry["file"])
        if article is None:
            raise ValueError(f"{spans_file}: no sample article from {entry['file']}")
        text = project.article(article.id).text
        start = _nth(text, entry["text"], int(entry.get("occurrence", 1)))
        if start < 0:
            raise ValueError(f"{spans_file}: {entry['text']!r} is not in {entry['file']}")
        project.add_span(article.id, start, start + len(entry["text"]), entry["label"],
                         entry.get("annotator") or "sample", text=entry["text"],
                         note=entry.get("note", ""), origin="imported")
        added += 1
    return added


def _articles(project: Project):
    return [project.article(s.id) for s in project.articles()]


def _nth(text: str, needle: str, n: int) -> int:
    start = -1
    for _ in range(max(1, n)):
        start = text.find(needle, start + 1)
        if start < 0:
            return -1
    return start
