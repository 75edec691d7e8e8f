"""Merging a teammate's company registry into ours (issue 12; the lead calls it from merge).

``registry_problems(conn)`` checks every registry row of a teammate's (untrusted) file; merge
refuses the file when it finds any. ``merge_registry`` unions the registries in one
transaction: a company we lack is added, one we have gains the teammate's new aliases and
tickers (and their note when ours has none). A conflict, one name or alias under two
companies, is reported and left out, never guessed.

``merge_rejections`` unions the suggestions teammates rejected (``suggestion_rejections``),
matched to our articles by text (sha256): idempotent, never deleting;
``rejection_problems`` names each bad row first."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import partial

from annotator.core.names import check_label_name, check_person_name, check_registry_name
from annotator.core.registry import SEPARATOR, Company
from annotator.review.validate import (
    _STAMP,
    MAX_NOTE,
    _is_text,
    _name_problem,
    _short,
    _too_long,
)
from annotator.store.project import Project
from annotator.store.registry import has_registry, read_companies

__all__ = ["RegistryMerge", "merge_registry", "merge_rejections", "registry_problems",
           "rejection_problems"]


@dataclass
class RegistryMerge:
    """What a registry merge did: companies added, companies given new aliases or tickers,
    and the conflicts left out (one line each)."""

    added: int = 0
    widened: int = 0
    conflicts: list[str] = field(default_factory=list)
    rejections: int = 0  # rejected suggestions we did not have (merge_rejections)

    def summary(self) -> str:
        text = f"registry: {self.added} compan(ies) added, {self.widened} widened"
        if self.rejections:
            text += f", {self.rejections} rejected suggestion(s) remembered"
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


def rejection_problems(conn: sqlite3.Connection) -> list[str]:
    """Every bad ``suggestion_rejections`` row of a teammate's file, named by its annotator,
    article and offsets: an article that does not exist, offsets outside its text or a text
    that is not the article's there, a label or annotator that is not a valid name, a time
    that is not a timestamp. A file older than m010 has none."""
    if not has_registry(conn):
        return []
    problems = []
    rows = conn.execute(
        'SELECT r.annotator, r.article_id, r.start, r."end", r.label, r.text, r.rejected_at, '
        "a.id IS NOT NULL, length(a.text), "
        'substr(a.text, r.start + 1, r."end" - r.start) IS r.text '
        "FROM suggestion_rejections r LEFT JOIN articles a ON a.id = r.article_id")
    for annotator, art_id, start, end, label, text, stamp, exists, length, same in rows:
        where = (f"suggestion_rejections row ({_short(annotator)}, article {art_id!r}, "
                 f"{start!r}-{end!r})")
        why: str | None
        if not exists:
            why = "its article does not exist"
        elif type(start) is not int or type(end) is not int or not 0 <= start < end <= length:
            why = f"[{start!r}, {end!r}) is not inside the text (length {length})"
        elif not same or not _is_text(text):
            why = f"its text {_short(text)} is not the article's text there"
        else:
            why = (_name_problem(annotator, check_person_name, "annotator")
                   or _name_problem(label, check_label_name, "label")
                   or (None if _is_text(stamp) and _STAMP.fullmatch(stamp)
                       else f"rejected_at {_short(stamp)} is not a timestamp"))
        if why:
            problems.append(f"{where}: {why}")
    return problems


def merge_rejections(project: Project, schema: str) -> int:
    """Add the rejected suggestions of the teammate's file ATTACHed as ``schema`` (checked
    with ``rejection_problems``) that we lack, each on our article with the same text (an
    article we do not have, or deleted here, takes none). Never deletes; merging again adds
    nothing. Call inside the merge's transaction. Returns how many were added."""
    conn = project.conn
    if not (has_registry(conn) and conn.execute(
            f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND "
            "name = 'suggestion_rejections'").fetchone()):
        return 0
    return int(conn.execute(
        'INSERT OR IGNORE INTO main.suggestion_rejections(annotator, article_id, start, "end", '
        'label, text, rejected_at) SELECT r.annotator, m.id, r.start, r."end", r.label, '
        f"r.text, r.rejected_at FROM {schema}.suggestion_rejections r "
        f"JOIN {schema}.articles t ON t.id = r.article_id "
        "JOIN main.articles m ON m.sha256 = t.sha256").rowcount)
