"""``annotator check`` and ``annotator stats``: read-only inspections of a project."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.store.project import Project


def check_project(project: Project) -> list[str]:
    conn = project.conn
    problems: list[str] = []
    result = [r[0] for r in conn.execute("PRAGMA quick_check")]
    if result != ["ok"]:
        problems += [f"quick_check: {r}" for r in result[:20]]
        return problems
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent} row")
    for art_id, title, text, sha in conn.execute("SELECT id, title, text, sha256 FROM articles"):
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
            problems.append(f"article {art_id} ({title}): text does not match its sha256")
    bad = conn.execute(
        'SELECT s.id, s.article_id, s.start, s."end", s.text, '
        'substr(a.text, s.start + 1, s."end" - s.start), length(a.text) '
        "FROM spans s JOIN articles a ON a.id = s.article_id "
        'WHERE s.start < 0 OR s."end" <= s.start OR s."end" > length(a.text) '
        'OR substr(a.text, s.start + 1, s."end" - s.start) != s.text'
    )
    for span_id, art_id, start, end, text, actual, length in bad:
        if end > length or start < 0 or end <= start:
            problems.append(f"span {span_id} in article {art_id}: [{start}, {end}) is outside "
                            f"the text (length {length})")
        else:
            problems.append(f"span {span_id} in article {art_id}: stored text {text!r} but the "
                            f"article has {actual!r} at [{start}, {end})")
    orphans = conn.execute(
        "SELECT count(*) FROM spans WHERE label NOT IN (SELECT name FROM labels)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} span(s) carry a label missing from the scheme")
    return problems


def project_stats(project: Project) -> dict[str, Any]:
    conn = project.conn
    return {
        "title": project.title,
        "articles": int(conn.execute("SELECT count(*) FROM articles").fetchone()[0]),
        "spans": project.span_count(),
        "articles_per_status": project.status_counts(),
        "spans_per_label": project.label_usage(),
        "spans_per_annotator": dict(conn.execute(
            "SELECT annotator, count(*) FROM spans GROUP BY annotator ORDER BY annotator")),
    }
