"""Work handed out without a server, and the project's guidelines: reads and writes of
``Project`` (schema m006; the guidelines live in ``meta``).

A plan records which articles went to whom (``review/assign.py`` writes the packages); each
package carries a random token that only the master and that package know, so a merged file
proves it is the one handed to that annotator (``package_owner``) and only then may bring back
newer versions of that annotator's own spans (``review/merge.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from annotator.core.model import dataclass_api
from annotator.store.errors import ProjectError

if TYPE_CHECKING:
    from annotator.store.project import Project

#: The largest guidelines text (UTF-8 bytes): a Markdown page, not a book.
MAX_GUIDELINES = 1 << 20
GUIDELINES_KEY = "guidelines"
#: The meta key of a package: where it came from (master file, plan, annotator, token, time).
ASSIGNED_FROM = "assigned_from"


class Progress(NamedTuple):
    """One annotator's share of one plan, and how far they are (statuses merged back). A
    NamedTuple that ``dataclasses`` still takes (``dataclass_api``)."""

    plan: str
    created_at: str
    annotator: str
    assigned: int
    done: int
    in_progress: int

    def summary(self) -> str:
        return f"{self.annotator} {self.done}/{self.assigned} done, {self.in_progress} in progress"


dataclass_api(Progress)


class AssignmentsMixin:
    # ----------------------------------------------------------------- guidelines
    def guidelines(self: Project) -> str:
        """The project's annotation guidelines (Markdown; empty when none)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?",
                                (GUIDELINES_KEY,)).fetchone()
        return row[0] if row else ""

    def set_guidelines(self: Project, text: str, who: str) -> str:
        """Replace the guidelines (one logged change); returns them as stored."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if len(text.encode("utf-8", "surrogatepass")) > MAX_GUIDELINES:
            raise ProjectError(f"the guidelines are longer than {MAX_GUIDELINES >> 20} MB; "
                               "nothing was changed")
        if "\x00" in text:
            raise ProjectError("the guidelines contain a NUL character; nothing was changed")
        self.set_meta(GUIDELINES_KEY, text, who)
        return text

    # ----------------------------------------------------------------- assignment plans
    def record_plan(self: Project, plan: str, who: str, overlap: float, folder: str,
                    packages: Mapping[str, tuple[str, str, Iterable[tuple[int, bool]]]],
                    at: str) -> None:
        """Record a plan: ``packages`` maps annotator -> (file name, token, (article id,
        shared) pairs). One transaction, one change-log entry."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO assignment_plans(id, created_at, created_by, overlap, folder) "
                "VALUES (?,?,?,?,?)", (plan, at, who, overlap, folder))
            counts = {}
            for name, (file, token, articles) in packages.items():
                self.conn.execute(
                    "INSERT INTO assignment_packages(plan, annotator, file, token) "
                    "VALUES (?,?,?,?)", (plan, name, file, token))
                rows = [(plan, name, article_id, int(shared)) for article_id, shared in articles]
                self.conn.executemany(
                    "INSERT INTO assignments(plan, annotator, article_id, shared) "
                    "VALUES (?,?,?,?)", rows)
                counts[name] = len(rows)
            self._log(who, "assign", "plan", plan,
                      {"overlap": overlap, "folder": folder, "articles": counts}, at)

    def package_owner(self: Project, origin: str | None) -> str | None:
        """The annotator a package was handed to, when ``origin`` (its ``assigned_from`` meta,
        untrusted JSON) names a plan of ours with that annotator's token; else None."""
        if not origin:
            return None
        try:
            data = json.loads(origin)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        plan, name, token = data.get("plan"), data.get("annotator"), data.get("token")
        if not all(isinstance(v, str) and v for v in (plan, name, token)):
            return None
        row = self.conn.execute(
            "SELECT annotator FROM main.assignment_packages WHERE plan = ? AND annotator = ? "
            "AND token = ?", (plan, name, token)).fetchone()
        return row[0] if row else None

    def assignment_progress(self: Project) -> list[Progress]:
        """Per plan (newest first) and annotator: articles assigned, done and in progress by
        that annotator's own status when the project keeps per-annotator statuses, else by
        the article's status."""
        per_person = self.conn.execute(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'article_statuses'"
        ).fetchone() is not None
        status = ("(SELECT s.status FROM article_statuses s WHERE s.article_id = a.article_id "
                  "AND s.annotator = a.annotator)" if per_person else
                  "(SELECT r.status FROM articles r WHERE r.id = a.article_id)")
        rows = self.conn.execute(
            f"SELECT p.id, p.created_at, a.annotator, count(*), "
            f"coalesce(sum(st = 'done'), 0), coalesce(sum(st = 'in-progress'), 0) "
            f"FROM (SELECT a.plan, a.annotator, {status} AS st FROM assignments a) a "
            f"JOIN assignment_plans p ON p.id = a.plan "
            f"GROUP BY p.id, a.annotator ORDER BY p.created_at DESC, p.id, a.annotator")
        return [Progress(*row) for row in rows]
