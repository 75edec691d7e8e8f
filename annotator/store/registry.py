"""The company registry in the project file (m010), as ``Project`` methods: canonical names,
aliases (each names one company only), tickers, a note. Names and aliases without whitespace
join the project's terms, so segmentation keeps them whole.

``core/registry.py`` (the entries, their checks) is imported by the methods that use it, not
with ``Project``: the window's start never does (issue 14: ~3 ms with its dataclass)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from annotator.store import connection as cx

if TYPE_CHECKING:
    from annotator.core.registry import Company
    from annotator.store.project import Project

__all__ = ["ENTITY", "RegistryMixin", "has_registry", "read_companies"]

#: The text attribute through which a company span names its registry entry.
ENTITY = "entity"
#: Company spans an entry's next span is first looked for among, in document order.
NEXT_WALK = 2000


def has_registry(conn: object) -> bool:
    """Does this file have the registry tables (m010)? A file older than that has none."""
    return conn.execute(  # type: ignore[attr-defined, no-any-return]
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'companies'"
    ).fetchone() is not None


def read_companies(conn: object) -> list[Company]:
    """Every entry of the registry in ``conn`` (ours or a teammate's), by name."""
    from annotator.core.registry import Company

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
        from annotator.core.registry import check_entries

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

    def company(self: Project, name: str) -> Company | None:
        """The entry whose canonical name is ``name``, or None (three indexed reads)."""
        from annotator.core.registry import Company

        if not has_registry(self.conn):
            return None
        row = self.conn.execute("SELECT note FROM companies WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        aliases = [a for (a,) in self.conn.execute(
            "SELECT alias FROM company_aliases WHERE company = ? ORDER BY alias", (name,))]
        tickers = [t for (t,) in self.conn.execute(
            "SELECT ticker FROM company_tickers WHERE company = ? ORDER BY ticker", (name,))]
        return Company(name, tuple(aliases), tuple(tickers), row[0], name)

    def company_label_names(self: Project) -> list[str]:
        """The labels whose spans link to an entry: those with a text attribute ``entity``."""
        return [label for label, attrs in self.scheme().attributes.items()
                if any(a.name == ENTITY and a.type == "text" for a in attrs)]

    def company_span_counts(self: Project) -> dict[str, int]:
        """Canonical name -> how many company spans (any annotator) link to it through
        ``entity``: read from the index on (name, value) (m011) alone when only company
        labels have an attribute named ``entity``, else joined with the spans' labels."""
        labels = self.company_label_names()
        if not labels or not has_registry(self.conn):
            return {}
        others = [lb for lb, attrs in self.scheme().attributes.items()
                  if lb not in labels and any(a.name == ENTITY for a in attrs)]
        if others:  # another label has an 'entity' of its own: count company spans only
            marks = ",".join("?" * len(labels))
            rows = self.conn.execute(
                f"SELECT a.value, count(*) FROM span_attributes a CROSS JOIN spans s "
                f"ON s.id = a.span_id WHERE a.name = ? AND s.label IN ({marks}) "
                f"GROUP BY a.value", (ENTITY, *labels))
        else:
            rows = self.conn.execute("SELECT value, count(*) FROM span_attributes "
                                     "WHERE name = ? GROUP BY value", (ENTITY,))
        counts: dict[str, int] = {}
        for value, n in rows:
            name = _loads(value)
            if isinstance(name, str):
                counts[name] = counts.get(name, 0) + n
        return counts

    def next_company_span(self: Project, name: str, after: tuple[int, int] = (0, -1)
                          ) -> tuple[int, int, int] | None:
        """(article id, start, end) of the first company span linked to ``name`` after the
        place ``after`` (article id, start), in document order, wrapping to the first; None
        when no span links to it.

        Two ways, each fast where the other is slow: the next ``NEXT_WALK`` company spans in
        document order (the index on article and start), checked against the entry (an entry
        with many spans has one among them); failing that, the entry's own spans (the index
        on name and value: few for an entry the walk missed), sorted. At 1.2M linked spans
        the sort alone took 2.6 s for a common entry."""
        labels = self.company_label_names()
        if not labels:
            return None
        value = _dumps(name)
        found, exhausted = self._walk_company_spans(labels, value, after)
        if found is None and not exhausted:
            found = self._entry_span(labels, value, after)
        if found is None:  # nothing after: wrap to the first
            found, exhausted = self._walk_company_spans(labels, value, (0, -1))
            if found is None and not exhausted:
                found = self._entry_span(labels, value, (0, -1))
        return found

    def _walk_company_spans(self: Project, labels: Sequence[str], value: str,
                            after: tuple[int, int]) -> tuple[tuple[int, int, int] | None, bool]:
        """The first of the next NEXT_WALK company spans after ``after`` linked to ``value``,
        and whether the walk reached the last company span."""
        marks = ",".join("?" * len(labels))
        # "+label": walk the index on (article_id, start), not the label index (which would
        # sort every company span first)
        rows = self.conn.execute(
            f'SELECT id, article_id, start, "end" FROM spans WHERE +label IN ({marks}) '
            f"AND (article_id, start) > (?, ?) ORDER BY article_id, start LIMIT {NEXT_WALK}",
            (*labels, *after)).fetchall()
        if rows:
            linked = {span_id for (span_id,) in self.conn.execute(
                "SELECT span_id FROM span_attributes WHERE name = ? AND value = ? AND span_id "
                "IN (SELECT value FROM json_each(?))",
                (ENTITY, value, json.dumps([row[0] for row in rows])))}
            for span_id, article_id, start, end in rows:
                if span_id in linked:
                    return (int(article_id), int(start), int(end)), False
        return None, len(rows) < NEXT_WALK

    def _entry_span(self: Project, labels: Sequence[str], value: str,
                    after: tuple[int, int]) -> tuple[int, int, int] | None:
        marks = ",".join("?" * len(labels))
        # CROSS JOIN: from the entry's values (the index on name, value), never a walk of
        # every span in document order
        row = self.conn.execute(
            f'SELECT s.article_id, s.start, s."end" FROM span_attributes a CROSS JOIN '
            f"spans s ON s.id = a.span_id WHERE a.name = ? AND a.value = ? "
            f"AND s.label IN ({marks}) AND (s.article_id, s.start) > (?, ?) "
            f"ORDER BY s.article_id, s.start LIMIT 1",
            (ENTITY, value, *labels, *after)).fetchone()
        return (int(row[0]), int(row[1]), int(row[2])) if row else None

    def update_company(self: Project, name: str, entry: Company, who: str
                       ) -> tuple[Company, int]:
        """Replace the entry ``name`` by ``entry`` (a new canonical name, aliases, tickers,
        note) in one transaction. An alias or name that belongs to another entry refuses the
        call (RegistryError naming both); the project's terms follow (the old words out
        unless another entry still has them, the new ones in). A rename sets the ``entity``
        of every company span that named the old name to the new one (counted). Returns
        (the entry as it was, spans relinked)."""
        from annotator.core.registry import RegistryError, check_entries

        with self.transaction():
            before = self._company_or_refuse(name)
            rest = [c for c in self.companies() if c.name != name]
            others = {text: c.name for c in rest for text in c.names()}
            taken = {c.name for c in rest}
            if entry.name in taken:
                raise RegistryError(f"{name}: {entry.name!r} already names {entry.name!r} "
                                    f"(the registry); two entries cannot share a name")
            entry = check_entries([entry], others)[0]
            stamp = cx.now()
            self.conn.execute("DELETE FROM company_aliases WHERE company = ?", (name,))
            self.conn.execute("DELETE FROM company_tickers WHERE company = ?", (name,))
            self.conn.execute("UPDATE companies SET name = ?, note = ?, updated_at = ? "
                              "WHERE name = ?", (entry.name, entry.note, stamp, name))
            self._insert_names(entry)
            relinked = self._relink(name, entry.name, who) if entry.name != name else 0
            self._log(who, "registry.update", "company", name,
                      {"before": _entry_dict(before), "after": _entry_dict(entry),
                       "relinked": relinked}, stamp)
            self._registry_terms([entry], who, gone=before.names())
        return before, relinked

    def delete_company(self: Project, name: str, who: str) -> Company:
        """Delete the entry ``name`` with its aliases and tickers (one transaction); its words
        leave the terms unless another entry has them. Company spans keep their ``entity``
        (the inspector shows it is not in the registry); ``add_companies([before])`` brings
        the entry back. Returns it as it was."""
        with self.transaction():
            before = self._company_or_refuse(name)
            self.conn.execute("DELETE FROM companies WHERE name = ?", (name,))
            self._log(who, "registry.delete", "company", name, {"before": _entry_dict(before)})
            self._registry_terms([], who, gone=before.names())
        return before

    def add_alias(self: Project, name: str, alias: str, who: str) -> Company:
        """``alias`` joins the entry ``name`` (and the terms); refused (RegistryError) when it
        names another entry. Returns the entry as it was (``update_company`` undoes it)."""
        from annotator.core.registry import make_company

        with self.transaction():
            before = self._company_or_refuse(name)
            after = make_company(before.name, (*before.aliases, alias), before.tickers,
                                 before.note, where=before.name)
            if after.aliases != before.aliases:
                self.update_company(name, after, who)
        return before

    def _company_or_refuse(self: Project, name: str) -> Company:
        from annotator.core.registry import RegistryError

        found = self.company(name)
        if found is None:
            raise RegistryError(f"{name!r} is not in the company registry")
        return found

    def _insert_names(self: Project, c: Company) -> None:
        self.conn.executemany("INSERT INTO company_aliases(alias, company) VALUES (?,?)",
                              [(a, c.name) for a in c.aliases])
        self.conn.executemany("INSERT INTO company_tickers(company, ticker) VALUES (?,?)",
                              [(c.name, t) for t in c.tickers])

    def _relink(self: Project, old: str, new: str, who: str) -> int:
        """Every company span whose ``entity`` is ``old`` gets ``new`` (its source kept)."""
        labels = self.company_label_names()
        if not labels:
            return 0
        marks = ",".join("?" * len(labels))
        cur = self.conn.execute(
            f"UPDATE span_attributes SET value = ?, updated_at = ? WHERE name = ? AND "
            f"value = ? AND span_id IN (SELECT id FROM spans WHERE label IN ({marks}))",
            (_dumps(new), cx.now(), ENTITY, _dumps(old), *labels))
        if cur.rowcount:
            self._log(who, "registry.relink", "company", new,
                      {"from": old, "spans": cur.rowcount})
        return cur.rowcount

    def _registry_terms(self: Project, entries: Iterable[Company], who: str,
                        gone: Iterable[str] = ()) -> None:
        """Names and aliases without whitespace join the project's terms; ``gone`` words
        leave them unless an entry still has them (one write, when anything changes)."""
        terms = set(self.terms())
        words = {t for c in entries for t in c.names() if not any(ch.isspace() for ch in t)}
        still = set(self.company_names()) if gone else set()
        leaving = {t for t in gone if t not in still and t not in words}
        new = (terms | words) - leaving
        if new != terms:
            self.set_terms(new, who)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _loads(value: str) -> object:
    try:
        return json.loads(value)
    except ValueError:
        return None


def _entry_dict(c: Company) -> dict[str, object]:
    return {"name": c.name, "aliases": list(c.aliases), "tickers": list(c.tickers),
            "note": c.note}
