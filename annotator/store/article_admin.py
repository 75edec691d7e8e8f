"""Renaming, deleting and restoring an article (``Project`` methods; schema m007).

A delete moves the article's row, and every row that hangs on it (spans, their relations, and
rows of any table with a foreign key to ``articles`` or ``spans``), into ``deleted_articles`` as
JSON, in one transaction, logged. The kept counts follow through their triggers (m003). The
article's sha256 stays remembered: an import or merge of the same text reports it instead of
bringing it back (``deleted_shas``); ``restore_article`` puts the very rows back (same id, same
span ids), which is also what undo in the window calls. Ids are never reused, so the search
index (which grows by id) and an undo never meet another article under the same id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from annotator.core.model import dataclass_api
from annotator.core.scheme import BadValue, check_value
from annotator.store import connection as cx
from annotator.store.errors import InvariantError, NotFound
from annotator.store.scheme_store import renamed

if TYPE_CHECKING:
    from annotator.store.project import Project

#: Kept by triggers from the spans themselves: never saved, never written back.
_DERIVED = frozenset({"span_counts"})
#: The metadata ``update_article_fields`` edits (the title has ``rename_article``; the text
#: never changes after import).
ARTICLE_FIELDS = ("source", "url", "published", "language")


class DeletedArticle(NamedTuple):
    """An article deleted from the project: its row and the spans it took with it, kept.
    A NamedTuple that ``dataclasses`` still takes (``dataclass_api``)."""

    article_id: int
    sha256: str
    title: str
    deleted_at: str
    deleted_by: str
    spans: int


dataclass_api(DeletedArticle)


def next_article_id(conn: sqlite3.Connection) -> int:
    """The id a new article gets: above every present and every deleted one."""
    return int(conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM articles), 0), "
        "coalesce((SELECT max(article_id) FROM deleted_articles), 0)) + 1").fetchone()[0])


def _children(conn: sqlite3.Connection, parent: str) -> Iterator[tuple[str, str]]:
    """(table, column) of every table whose foreign key points at ``parent``."""
    for (table,) in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name").fetchall():
        if table in _DERIVED:
            continue
        for row in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            if row[2] == parent:
                yield table, row[3]


def _rows(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, args)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows without repeats, in their order (a relation between two spans of the
    article is found through each of its ends)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for row in rows:
        key = tuple(row.items())
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


class ArticleAdminMixin:
    def rename_article(self: Project, article_id: int, title: str, who: str) -> str:
        """Give the article a new title; returns the old one."""
        title = " ".join(title.split())
        if not title:
            raise InvariantError("an article title cannot be empty")
        with self.transaction():
            row = self.conn.execute("SELECT title FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"no article with id {article_id}")
            self.conn.execute("UPDATE articles SET title = ? WHERE id = ?", (title, article_id))
            self._log(who, "article.title", "article", article_id,
                      {"before": row[0], "after": title})
        return str(row[0])

    def article_fields(self: Project, article_id: int) -> dict[str, str]:
        """title, source, url, published and language of an article (not its text)."""
        row = self.conn.execute(
            f"SELECT title, {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = ?",
            (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return dict(zip(("title", *ARTICLE_FIELDS), row, strict=True))

    def update_article_fields(self: Project, article_id: int, who: str,
                              **fields: str) -> dict[str, str]:
        """Set some of source, url, published and language (one line each, spaces trimmed;
        "" clears) in one transaction, logged; returns the values before, for undo. Published
        stays free text ("2024年3月", "spring 2023"): ``core.dates.iso_like`` says when to
        warn."""
        unknown = set(fields) - set(ARTICLE_FIELDS)
        if unknown:
            raise InvariantError(f"an article has no field {', '.join(sorted(unknown))} "
                                 f"(fields: {', '.join(ARTICLE_FIELDS)})")
        after = {name: " ".join(str(value).split()) for name, value in fields.items()}
        with self.transaction():
            before = self.article_fields(article_id)
            before = {name: before[name] for name in after}
            changed = {k: v for k, v in after.items() if v != before[k]}
            if changed:
                self.conn.execute(
                    f"UPDATE articles SET {', '.join(f'{k} = ?' for k in changed)} "
                    "WHERE id = ?", (*changed.values(), article_id))
                self._log(who, "article.fields", "article", article_id,
                          {"before": {k: before[k] for k in changed}, "after": changed})
        return before

    def article_span_count(self: Project, article_id: int) -> int:
        """Spans of every annotator in the article, suggestions left out (the kept count, not
        a recount; schema m012)."""
        row = self.conn.execute("SELECT spans FROM span_counts WHERE article_id = ?",
                                (article_id,)).fetchone()
        return int(row[0]) if row else 0

    def delete_article(self: Project, article_id: int, who: str) -> DeletedArticle:
        """Delete the article with its spans (and what hangs on them), remembering it."""
        conn = self.conn
        with self.transaction():
            articles = _rows(conn, "SELECT * FROM articles WHERE id = ?", (article_id,))
            if not articles:
                raise NotFound(f"no article with id {article_id}")
            article = articles[0]
            saved: dict[str, list[dict[str, Any]]] = {"articles": articles}
            order: list[tuple[str, str, tuple[Any, ...]]] = []  # children first when deleting
            for table, column in _children(conn, "articles"):
                saved.setdefault(table, []).extend(
                    _rows(conn, f'SELECT * FROM "{table}" WHERE "{column}" = ?', (article_id,)))
                order.append((table, column, (article_id,)))
            span_sql = "(SELECT id FROM spans WHERE article_id = ?)"
            grandchildren = []
            for table, column in _children(conn, "spans"):
                saved.setdefault(table, []).extend(_rows(
                    conn, f'SELECT * FROM "{table}" WHERE "{column}" IN {span_sql}',
                    (article_id,)))
                grandchildren.append((table, column))
            for table in {t for t, _ in grandchildren}:  # a relation hangs on both its spans
                saved[table] = _unique(saved[table])
            for table, column in grandchildren:
                conn.execute(f'DELETE FROM "{table}" WHERE "{column}" IN {span_sql}',
                             (article_id,))
            for table, column, args in order:
                conn.execute(f'DELETE FROM "{table}" WHERE "{column}" = ?', args)
            conn.execute("DELETE FROM span_counts WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            spans = len(saved.get("spans", []))
            gone = DeletedArticle(article_id, article["sha256"], article["title"], cx.now(), who,
                                  spans)
            conn.execute(
                "INSERT OR REPLACE INTO deleted_articles(sha256, article_id, title, deleted_at, "
                "deleted_by, saved) VALUES (?,?,?,?,?,?)",
                (gone.sha256, article_id, gone.title, gone.deleted_at, who,
                 json.dumps(saved, ensure_ascii=False)))
            self._log(who, "article.delete", "article", article_id,
                      {"title": gone.title, "sha256": gone.sha256, "spans": spans})
        self._texts.pop(article_id, None)
        return gone

    def deleted_articles(self: Project) -> list[DeletedArticle]:
        """The remembered deleted articles, newest first."""
        return [DeletedArticle(*row) for row in self.conn.execute(
            "SELECT article_id, sha256, title, deleted_at, deleted_by, "
            "coalesce(json_array_length(saved, '$.spans'), 0) FROM deleted_articles "
            "ORDER BY deleted_at DESC, article_id DESC")]

    def deleted_shas(self: Project) -> dict[str, int]:
        """sha256 -> id of every remembered deleted article."""
        return dict(self.conn.execute("SELECT sha256, article_id FROM deleted_articles"))

    def restore_article(self: Project, article_id: int, who: str) -> int:
        """Bring a deleted article back with its id, spans and relations; returns how many
        spans came back. Raises NotFound when the id is not a remembered deleted article."""
        with self.transaction():
            spans = self._restore_saved(article_id)
            self._log(who, "article.restore", "article", article_id, {"spans": spans})
        return spans

    def _restore_saved(self: Project, article_id: int) -> int:
        """The write of ``restore_article``, inside the caller's transaction."""
        conn = self.conn
        row = conn.execute("SELECT saved, sha256 FROM deleted_articles WHERE article_id = ?",
                           (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"article {article_id} is not a deleted article (see "
                           "`annotator article PROJECT --deleted`)")
        if conn.execute("SELECT 1 FROM articles WHERE sha256 = ? OR id = ?",
                        (row[1], article_id)).fetchone():
            raise InvariantError(f"article {article_id} is already in the project again")
        saved: dict[str, list[dict[str, Any]]] = json.loads(row[0])
        self._follow_renames(article_id, saved)
        self._check_saved_values(article_id, saved)
        first = ["articles", "spans"]
        for table in [*first, *(t for t in saved if t not in first)]:
            rows = _unique(saved.get(table, []))  # saved before duplicates were removed
            if not rows:
                continue
            names = list(rows[0])  # every row of a table was saved with the same columns
            columns = ", ".join(f'"{c}"' for c in names)
            marks = ", ".join("?" * len(names))
            try:
                conn.executemany(f'INSERT INTO "{table}"({columns}) VALUES ({marks})',
                                 [tuple(item[c] for c in names) for item in rows])
            except sqlite3.IntegrityError as exc:
                raise InvariantError(f"article {article_id} cannot come back: {exc} "
                                     f"(in {table})") from exc
        conn.execute("DELETE FROM deleted_articles WHERE article_id = ?", (article_id,))
        return len(saved.get("spans", []))

    def _follow_renames(self: Project, article_id: int,
                        saved: dict[str, list[dict[str, Any]]]) -> None:
        """Rename the saved choice values renamed (``rename_choice_value``) since the delete,
        as the rename did to every stored value."""
        since = self.last_change("article", article_id, "article.delete")
        if since is None:
            return
        labels = {s["id"]: s["label"] for s in saved.get("spans", [])}
        by_label: dict[str | None, dict[str, list[tuple[Any, Any]]]] = {}
        for table in ("span_attributes", "article_attributes"):
            for v in saved.get(table, []):
                label = labels.get(v["span_id"], "") if table == "span_attributes" else None
                if label not in by_label:
                    by_label[label] = self.value_renames_since(since, label)
                pairs = by_label[label].get(v["name"])
                if pairs:
                    v["value"] = json.dumps(renamed(json.loads(v["value"]), pairs),
                                            ensure_ascii=False)

    def _check_saved_values(self: Project, article_id: int,
                            saved: dict[str, list[dict[str, Any]]]) -> None:
        """The saved attribute values and relations still fit the scheme (it may have
        changed since the delete: a value removed, an attribute's type changed); else the
        restore is refused, naming the first that does not."""
        scheme = self.scheme()
        labels = {s["id"]: s["label"] for s in saved.get("spans", [])}
        why = None
        for v in saved.get("span_attributes", []):
            label = labels.get(v["span_id"], "")
            attr = scheme.attribute(label, v["name"])
            try:
                if attr is None:
                    raise BadValue(f"label '{label}' has no attribute '{v['name']}'")
                check_value(attr, json.loads(v["value"]), label)
            except BadValue as exc:
                why = f"span {v['span_id']}: {exc}"
                break
        for v in saved.get("article_attributes", []) if why is None else ():
            attr = scheme.article_attribute(v["name"])
            try:
                if attr is None:
                    raise BadValue(f"the scheme has no article attribute '{v['name']}'")
                check_value(attr, json.loads(v["value"]), "the article")
            except BadValue as exc:
                why = f"{v['annotator']}'s {exc}"
                break
        for r in saved.get("relations", []) if why is None else ():
            rel = scheme.relation(r["type"])
            ends = labels.get(r["from_span"], ""), labels.get(r["to_span"], "")
            if rel is None or not rel.allows(*ends):
                why = f"relation {r['id']} ({r['type']}, {ends[0]} -> {ends[1]}) is not " \
                      "allowed by the scheme"
                break
        if why is not None:
            raise InvariantError(f"article {article_id} cannot come back: {why} (the scheme "
                                 "changed since it was deleted; change it back first)")
