"""Merging a teammate's company registry into ours (issue 12; the lead calls it from merge).

``registry_problems(conn)`` checks every registry row of a teammate's (untrusted) file; merge
refuses the file when it finds any. ``merge_registry`` unions the registries in one
transaction: a company we lack is added, one we have gains the teammate's new aliases and
tickers (and their note when ours has none). A conflict, one name or alias under two
companies, is reported and left out, never guessed."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import partial

from annotator.core.names import check_registry_name
from annotator.core.registry import SEPARATOR, Company
from annotator.review.validate import MAX_NOTE, _is_text, _name_problem, _short, _too_long
from annotator.store.project import Project
from annotator.store.registry import has_registry, read_companies

__all__ = ["RegistryMerge", "merge_registry", "registry_problems"]


@dataclass
class RegistryMerge:
    """What a registry merge did: companies added, companies given new aliases or tickers,
    and the conflicts left out (one line each)."""

    added: int = 0
    widened: int = 0
    conflicts: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"registry: {self.added} compan(ies) added, {self.widened} widened"
        return text + (f"; {len(self.conflicts)} conflict(s) left out: "
                       + "; ".join(self.conflicts) if self.conflicts else "")


def registry_problems(conn: sqlite3.Connection) -> list[str]:
    """Every bad registry row of a teammate's file, named (an empty list: all good). A file
    older than the registry (m010) has none."""
    if not has_registry(conn):
        return []
    problems = []
    for name, note, stamp in conn.execute("SELECT name, note, updated_at FROM companies"):
        where = f"companies row {_short(name)}"
        why = _name_problem(name, check_registry_name, "company")
        if why or SEPARATOR in str(name):
            problems.append(f"{where}: {why or 'the name holds ' + repr(SEPARATOR)}")
        elif not _is_text(note) or _too_long(note, MAX_NOTE) or not _is_text(stamp):
            problems.append(f"{where}: its note or time is not text, or the note is too long")
    for table, column in (("company_aliases", "alias"), ("company_tickers", "ticker")):
        check = partial(check_registry_name, what=column)
        for value, company in conn.execute(f"SELECT {column}, company FROM {table}"):
            why = _name_problem(value, check, column)
            if why or not _is_text(company) or (column == "alias" and SEPARATOR in value):
                problems.append(f"{table} row {_short(value)}: {why or 'not a valid ' + column}")
    orphans = conn.execute(
        "SELECT count(*) FROM (SELECT company FROM company_aliases UNION ALL SELECT company "
        "FROM company_tickers) WHERE company NOT IN (SELECT name FROM companies)").fetchone()[0]
    if orphans:
        problems.append(f"{orphans} alias or ticker row(s) name no company")
    return problems


def merge_registry(project: Project, teammate_conn: sqlite3.Connection, who: str
                   ) -> RegistryMerge:
    """Union the teammate's registry into ours (one transaction); conflicts are reported in
    the result and left out. Check ``registry_problems`` first."""
    result = RegistryMerge()
    theirs = read_companies(teammate_conn)
    if not theirs:
        return result
    with project.transaction():
        ours = {c.name: c for c in project.companies()}
        owner = {text: c.name for c in ours.values() for text in c.names()}
        keep: list[Company] = []
        for c in theirs:
            if owner.get(c.name, c.name) != c.name:
                result.conflicts.append(f"their company {c.name!r} is an alias of our "
                                        f"{owner[c.name]!r}")
                continue
            aliases = []
            for alias in c.aliases:
                if owner.get(alias, c.name) != c.name:
                    result.conflicts.append(f"their alias {alias!r} of {c.name!r} names our "
                                            f"{owner[alias]!r}")
                else:
                    aliases.append(alias)
                    owner[alias] = c.name
            owner[c.name] = c.name
            mine = ours.get(c.name)
            note = c.note if mine is None or not mine.note else ""
            keep.append(Company(c.name, tuple(aliases), c.tickers, note, c.name))
        result.added, result.widened = project.add_companies(keep, who)
    return result
