"""Builders and dumps shared by the team-review tests (imported as ``tests.review.helpers``)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from annotator.core.model import ArticleRecord, SpanRecord
from annotator.store import Project

ZH = "阿里今年的小目标是新增至少1亿用户。京东表示下沉市场增长迅速。"
EN = "Alibaba said the county market grew 3.5% this year."
ZH2 = "拼多多的补贴战略吸引了县城消费者。"

#: alice's claim holds the figure "70%"; bob marked the claim with another boundary and no
#: figure (the report of issue 9, item 2). Both marked the two companies.
TEXT = "阿里巴巴表示天猫的销量增长了70%，远超预期。"
CLAIM = (TEXT.index("天猫"), TEXT.index("，"))
CLAIM_BO = (TEXT.index("销量"), TEXT.index("，"))
FIG = (TEXT.index("70%"), TEXT.index("70%") + 3)
ALICE = [(0, 4, "company", "alice", "a-ali"), (6, 8, "company", "alice", "a-tm"),
         (*CLAIM, "claim", "alice", "a-claim"), (*FIG, "figure", "alice", "a-70")]
BOB = [(0, 4, "company", "bob", "b-ali"), (6, 8, "company", "bob", "b-tm"),
       (*CLAIM_BO, "claim", "bob", "b-claim")]

# (start, end, label, annotator[, id])
SpanDef = tuple


def span_records(text: str, spans: Iterable[SpanDef]) -> tuple[SpanRecord, ...]:
    out = []
    for item in spans:
        start, end, label, annotator = item[:4]
        span_id = item[4] if len(item) > 4 else ""
        out.append(SpanRecord(start, end, label, text[start:end], annotator=annotator,
                              origin="manual", id=span_id))
    return tuple(out)


def make_project(path: Path, articles: Sequence[tuple[str, str, Sequence[SpanDef]]],
                 title: str = "", labels: Sequence[str] | None = None) -> Path:
    """A closed project at ``path`` with (title, text, spans) articles; unknown labels are
    created."""
    from annotator.core.labels import DEFAULT_SCHEME
    from annotator.core.model import Label

    scheme = None
    if labels is not None:
        scheme = [Label(n, "#123456", None, "", i) for i, n in enumerate(labels)]
    with Project.create(path, title=title or path.stem,
                        labels=scheme if scheme is not None else DEFAULT_SCHEME) as project:
        project.add_articles(
            [ArticleRecord(text=text, title=art_title, language="",
                           spans=span_records(text, spans))
             for art_title, text, spans in articles], "builder", create_labels=True)
    return path


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_hash(path: Path) -> dict[str, str]:
    """Hashes of the file and of its -wal/-shm, when present."""
    out = {}
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{path}{suffix}")
        if p.exists():
            out[suffix] = file_hash(p)
    return out


def full_dump(path: Path) -> list[str]:
    """Every statement of an SQL dump of the project (read-only)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def normalized(path: Path) -> dict[str, list]:
    """The content that must survive merges, independent of row ids, uids and times."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            "articles": sorted(conn.execute(
                "SELECT sha256, title, text, status, language FROM articles")),
            "spans": sorted(conn.execute(
                'SELECT s.id, a.sha256, s.start, s."end", s.label, s.text, s.annotator, '
                "s.origin, s.note FROM spans s JOIN articles a ON a.id = s.article_id")),
            "labels": sorted(r[0] for r in conn.execute("SELECT name FROM labels")),
            "relations": sorted(conn.execute(
                "SELECT id, from_span, to_span, type, annotator FROM relations")),
        }
    finally:
        conn.close()


def snapshot(src: Path, out: Path) -> Path:
    with Project.open(src, readonly=True) as project:
        project.snapshot(out)
    return out


def bad_copy(theirs: Path, tmp_path: Path, name: str, *statements: str) -> Path:
    """A copy of ``theirs`` changed with raw SQL (a crafted file)."""
    bad = tmp_path / name
    shutil.copyfile(theirs, bad)
    conn = sqlite3.connect(bad, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()
    return bad


def assert_refused(ours: Path, bad: Path, error: type[Exception], match: str) -> None:
    """Merging ``bad`` raises ``error`` with a one-line message; neither file changes."""
    from annotator.review import merge

    before_ours = full_dump(ours)
    before_bad = files_hash(bad)
    with Project.open(ours) as project, pytest.raises(error, match=match) as info:
        merge(project, bad, "ann")
    assert "\n" not in str(info.value)
    assert full_dump(ours) == before_ours
    assert files_hash(bad) == before_bad


def counting_suggestions(conn: sqlite3.Connection) -> None:
    """Back to the span-count triggers of before m012 (suggestions counted, as annotator kept
    them then), and no m012 migration row: what an older file holds."""
    from annotator.store.schema import _M002

    for name in ("span_counts_insert", "span_counts_delete", "span_counts_move"):
        conn.execute(f"DROP TRIGGER {name}")
    for statement in _M002:
        if "TRIGGER span_counts" in statement:
            conn.execute(statement)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm012_suggestions_not_counted'")
