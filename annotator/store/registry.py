"""The company registry in the project file (m010), as ``Project`` methods: canonical names,
aliases (each names one company only), tickers, a note. Names and aliases without whitespace
join the project's terms, so segmentation keeps them whole."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from annotator.core.registry import Company, check_entries
from annotator.store import connection as cx

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["RegistryMixin", "has_registry", "read_companies"]


def has_registry(conn: object) -> bool:
    """Does this file have the registry tables (m010)? A file older than that has none."""
    return conn.execute(  # type: ignore[attr-defined, no-any-return]
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'companies'"
    ).fetchone() is not None


def read_companies(conn: object) -> list[Company]:
    """Every entry of the registry in ``conn`` (ours or a teammate's), by name."""
    if not has_registry(conn):
        return []
    aliases: dict[str, list[str]] = defaultdict(list)
    tickers: dict[str, list[str]] = defaultdict(list)
    for alias, company in conn.execute(  # type: ignore[attr-defined]
            "SELECT alias, company FROM company_aliases ORDER BY alias"):
        aliases[company].append(alias)
    for company, ticker in conn.execute(  # type: ignore[attr-defined]
            "SELECT company, ticker FROM company_tickers ORDER BY ticker"):
        tickers[company].append(ticker)
    return [Company(name, tuple(aliases[name]), tuple(tickers[name]), note, name)
            for name, note in conn.execute(  # type: ignore[attr-defined]
                "SELECT name, note FROM companies ORDER BY name")]


class RegistryMixin:
    def companies(self: Project) -> list[Company]:
        """The registry's entries, by canonical name."""
        return read_companies(self.conn)

    def company_names(self: Project) -> dict[str, str]:
        """Every name and alias -> its company's canonical name."""
        return {text: c.name for c in self.companies() for text in c.names()}

    def add_companies(self: Project, entries: Sequence[Company], who: str) -> tuple[int, int]:
        """Add entries to the registry in one transaction; an entry whose name is there already
        gains its aliases and tickers (and its note, when it has one). A name or alias that
        would name two companies refuses the whole call (RegistryError naming the entry).
        Returns (companies added, companies widened)."""
        added = widened = 0
        with self.transaction():
            have = {c.name: c for c in self.companies()}
            known = {text: c.name for c in have.values() for text in c.names()}
            entries = check_entries(entries, known)
            stamp = cx.now()
            for c in entries:
                old = have.get(c.name)
                new_aliases = [a for a in c.aliases if a not in known]
                new_tickers = [t for t in c.tickers if not old or t not in old.tickers]
                if old is None:
                    self.conn.execute("INSERT INTO companies(name, note, updated_at) "
                                      "VALUES (?,?,?)", (c.name, c.note, stamp))
                    added += 1
                elif new_aliases or new_tickers or (c.note and c.note != old.note):
                    if c.note:
                        self.conn.execute("UPDATE companies SET note = ?, updated_at = ? "
                                          "WHERE name = ?", (c.note, stamp, c.name))
                    widened += 1
                else:
                    continue
                self.conn.executemany("INSERT INTO company_aliases(alias, company) VALUES (?,?)",
                                      [(a, c.name) for a in new_aliases])
                self.conn.executemany("INSERT INTO company_tickers(company, ticker) "
                                      "VALUES (?,?)", [(c.name, t) for t in new_tickers])
                known.update((a, c.name) for a in new_aliases)
                self._log(who, "registry.add", "company", c.name,
                          {"aliases": new_aliases, "tickers": new_tickers, "note": c.note,
                           "new": old is None})
            self._registry_terms(entries, who)
        return added, widened

    def _registry_terms(self: Project, entries: Iterable[Company], who: str) -> None:
        """Names and aliases without whitespace join the project's terms (one write)."""
        terms = set(self.terms())
        words = {t for c in entries for t in c.names() if not any(ch.isspace() for ch in t)}
        if not words <= terms:
            self.set_terms(terms | words, who)
