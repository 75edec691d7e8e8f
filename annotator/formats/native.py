"""The native JSONL format: one article per line, with every span and relation (no Qt).

Keys, in this order: ``id`` (the article uid), ``title``, ``text``, ``sha256``, ``source``,
``url``, ``published``, ``language``, ``status`` (the status of the annotator the export acts
for), ``statuses`` (every annotator's: ``{"alice": "done", "bob": "in-progress"}``),
``article_attributes`` (only when the article has some: ``{"alice": {"topic": "finance"}}``,
each annotator's values of the scheme's article attributes), ``external_id``,
``original_file``, ``meta``, ``spans``, ``relations``. Each span: ``id, start, end, text,
label, annotator, origin, note, created_at, updated_at, start_utf16, end_utf16`` (offsets are
code points, end-exclusive; the ``_utf16`` twins are for JavaScript and Qt), then
``attributes`` when the span has any (``{"certainty": "probable", "check_worthy": true,
"sector": ["retail"]}``: a string, boolean, number or list of strings; an unset attribute is
left out, never null). Spans are in (start, end, id) order. ``annotator import`` reads the
file back (see ``annotator.importing``), keeping article uids, span ids, annotators,
timestamps and values (checked against the project's scheme).

Speed: each line is built in SQL (``json_quote``/``json_object``/``group_concat``), which the
guide measured 4x faster than ``json.dumps`` per row. SQL writes the code-point offsets as the
UTF-16 ones too; they differ only when the text holds an astral character (U+10000 and up), and
only such lines are parsed and fixed in Python (see ``has_astral``, an O(1) test; a SQL GLOB or
a regex over every text cost 20% of the whole export). Attribute values are looked up (one
index seek per span, inside SQL) only in articles that have some: the set of those articles is
read once, in one scan of the values, as for relations. Invariant 3 is checked on the spans
each line is built from, in the same walk of them (their offsets and texts come with the line,
see ``_spans``; a second scan of every span took about a fifth of the export), and the spans
are counted there; the file's pages are handed to the kernel as it grows (``Writeback``), so
the fsync before the rename waits for little.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import STATUSES
from annotator.core.offsets import OffsetIndex
from annotator.formats import register
from annotator.formats._common import Writeback
from annotator.store.articles import status_sql
from annotator.store.checks import joined_slices_match, span_mismatches, spans_match_texts
from annotator.store.errors import InvariantError

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["export_jsonl"]

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def _make_astral_test() -> Callable[[str], bool]:
    """An O(1) test for "this string holds a character above U+FFFF".

    CPython (PEP 393) stores every string with 1, 2 or 4 bytes per character, always the
    smallest width that fits its widest character, so a 4-byte string is exactly one with an
    astral character, and ``sys.getsizeof`` tells the width without scanning the text. The
    arithmetic is verified on sample strings here; where it does not hold (PyPy, another
    layout) the test falls back to a regex scan.
    """
    base = sys.getsizeof("\U00010000") - 8  # header of a 4-byte string: 1 char + terminator

    def wide(s: str) -> bool:
        # a string handed to a C API that asked for its UTF-8 (sqlite3 binds do) keeps that
        # copy too, and is larger by it: then only a scan can tell (a 2-byte string of
        # Chinese with its UTF-8 kept is as large as a 4-byte one)
        size, exact = sys.getsizeof(s), base + 4 * (len(s) + 1)
        return size == exact or (size > exact and scan(s))

    def scan(s: str) -> bool:
        return _ASTRAL_RE.search(s) is not None

    samples = ["", "a", "ab" * 40, "\xe9", "\xe9" * 9, "\u4e2d", "\u4e2d\u6587" * 300,
               "\U00020bb7", "x" * 500 + "\U0001f600", "\u4e2d" * 77 + "\U000e0067"]
    return wide if all(wide(s) == scan(s) for s in samples) else scan


has_astral = _make_astral_test()

_SPAN_FIELDS = (
    "'id', s.id, 'start', s.start, 'end', s.\"end\", 'text', s.text, "
    "'label', s.label, 'annotator', s.annotator, 'origin', s.origin, 'note', s.note, "
    "'created_at', s.created_at, 'updated_at', s.updated_at, "
    "'start_utf16', s.start, 'end_utf16', s.\"end\""
)
_SPAN_JSON = f"json_object({_SPAN_FIELDS})"
#: One span's values as a JSON object (NULL when it has none), in name order (the primary key's)
_SPAN_ATTRS = (
    "(SELECT '{' || group_concat(json_quote(v.name) || ':' || json(v.value), ',') || '}' "
    "FROM span_attributes v WHERE v.span_id = s.id)"
)
#: The span's JSON with ``attributes`` last, only when it has some: the object's closing brace
#: is cut (``rtrim``: the last value is a number, so it is the only one) and put back after
#: the values. Built before the sort, as the plain span's JSON: the sorter carries one text.
_SPAN_WITH_ATTRS_JSON = (
    f"rtrim({_SPAN_JSON}, '}}') || coalesce(',\"attributes\":' || {_SPAN_ATTRS}, '') || '}}'"
)
#: ``,"article_attributes":{"alice":{...}}`` of the article, or '' when it has none
_ARTICLE_ATTRS = (
    "coalesce(',\"article_attributes\":{' || (SELECT group_concat(json_quote(o.annotator) || ':' "
    "|| o.attrs, ',') FROM (SELECT v.annotator, '{' || group_concat(json_quote(v.name) || ':' || "
    "json(v.value), ',') || '}' AS attrs FROM (SELECT * FROM article_attributes "
    "WHERE article_id = a.id{annotators} ORDER BY annotator, name) v GROUP BY v.annotator "
    "ORDER BY v.annotator) o) || '}', '')"
)
_RELATION_JSON = (
    "json_object('id', r.id, 'from_span', r.from_span, 'to_span', r.to_span, 'type', r.type, "
    "'annotator', r.annotator, 'created_at', r.created_at)"
)


def _head(article_attrs: str = "") -> str:
    """The article's fields up to ``meta``, as a JSON text without its closing brace
    (``article_attrs``: the SQL of the ``article_attributes`` key, after ``statuses``)."""
    parts = []
    for i, (key, expr) in enumerate((
        ("id", "a.uid"), ("title", "a.title"), ("text", "a.text"), ("sha256", "a.sha256"),
        ("source", "a.source"), ("url", "a.url"), ("published", "a.published"),
        ("language", "a.language"), ("status", status_sql("a", ":status_of")),
        ("external_id", "a.external_id"), ("original_file", "a.original_file"),
    )):
        parts.append(f"'{',' if i else '{'}\"{key}\":' || json_quote({expr})")
        if key == "status":
            parts.append("',\"statuses\":' || (SELECT json_group_object(x.annotator, x.status) "
                         "FROM (SELECT annotator, status FROM article_statuses "
                         "WHERE article_id = a.id ORDER BY annotator) x)")
            if article_attrs:
                parts.append(article_attrs)
    parts.append("',\"meta\":' || json(a.meta)")
    return " || ".join(parts)


def _spans(span_json: str, span_where: str) -> str:
    """An article's spans in one walk of them (NULL: none): their offsets
    ("start,end,start,end,..."), a char(1), their JSON texts joined by commas, a char(1), their
    texts joined by NUL; so invariant 3 is checked as each line is written, without a second
    read of the spans. JSON escapes every control character, so the first two char(1) are the
    separators, found without scanning the JSON in Python (``str.find``). group_concat over a
    sorted subquery: the sorter carries each span's finished JSON text, and nothing is parsed
    again."""
    return (
        "(SELECT group_concat(o, ',') || char(1) || group_concat(j, ',') || char(1) || "
        f"group_concat(t, char(0)) FROM (SELECT {span_json} AS j, "
        f"s.start || ',' || s.\"end\" AS o, s.text AS t FROM spans s WHERE {span_where} "
        "ORDER BY s.start, s.\"end\", s.id))"
    )


def _in(column: str, name: str, values: Sequence[str] | None,
        params: dict[str, Any]) -> str:
    """`` AND column IN (:name0, ...)`` with the values bound, or "" without a filter."""
    if values is None:
        return ""
    keys = []
    for i, value in enumerate(values):
        params[f"{name}{i}"] = value
        keys.append(f":{name}{i}")
    return f" AND {column} IN ({', '.join(keys)})" if keys else " AND 0"


def _queries(annotators: Sequence[str] | None, labels: Sequence[str] | None,
             statuses: Sequence[str] | None, status_of: str = "",
             attributes: bool = True) -> tuple[str, str, dict[str, Any]]:
    """The export's SQL: the lines (rows of the article's text, the line up to its spans, the
    spans as :func:`_spans` gives them, the rest of the line) and the count of relations;
    ``attributes`` False for a file older than schema m009 (read-only, never upgraded), which
    has no values."""
    params: dict[str, Any] = {"status_of": status_of}
    art_filter = _in(status_sql("a", ":status_of"), "st", statuses, params)

    def span_filter(alias: str) -> str:
        return (_in(f"{alias}.annotator", "an", annotators, params)
                + _in(f"{alias}.label", "lb", labels, params))

    rel_filter = span_filter("s") + span_filter("t")  # both ends of a relation are exported
    span_where = f"s.article_id = a.id{span_filter('s')}"
    spans = _spans(_SPAN_JSON, span_where)
    head = _head()
    if attributes:
        with_values = ("SELECT s.article_id FROM span_attributes v "
                       "JOIN spans s ON s.id = v.span_id")
        spans = (f"CASE WHEN a.id IN ({with_values}) THEN "
                 f"{_spans(_SPAN_WITH_ATTRS_JSON, span_where)} ELSE {spans} END")
        article_attrs = _ARTICLE_ATTRS.replace(
            "{annotators}", _in("annotator", "an", annotators, params))
        # the per-article subquery only where there is something (one scan finds those)
        head = _head(f"CASE WHEN a.id IN (SELECT article_id FROM article_attributes) "
                     f"THEN {article_attrs} ELSE '' END")
    related = (
        "SELECT s.article_id FROM relations r JOIN spans s ON s.id = r.from_span "
        "JOIN spans t ON t.id = r.to_span"
    )
    relations = (
        f"(SELECT json_group_array({_RELATION_JSON}) FROM (SELECT r.* FROM relations r "
        "JOIN spans s ON s.id = r.from_span JOIN spans t ON t.id = r.to_span "
        f"WHERE s.article_id = a.id{rel_filter} ORDER BY r.created_at, r.rowid) r)"
    )
    lines = (
        f"SELECT a.text, {head} || ',\"spans\":[', {spans}, "
        f"'],\"relations\":' || CASE WHEN a.id IN ({related}) THEN {relations} ELSE '[]' END "
        f"|| '}}' FROM articles a WHERE 1{art_filter} ORDER BY a.id"
    )
    rel_count = (f"SELECT count(*) FROM relations r JOIN spans s ON s.id = r.from_span "
                 f"JOIN spans t ON t.id = r.to_span JOIN articles a ON a.id = s.article_id "
                 f"WHERE 1{art_filter}{rel_filter}")
    return lines, rel_count, params


def _fix_utf16(line: str) -> str:
    """Recompute the UTF-16 offsets of an article whose text has astral characters."""
    obj = json.loads(line)
    index = OffsetIndex(obj["text"])
    for span in obj["spans"]:
        span["start_utf16"], span["end_utf16"] = index.span_to_utf16(span["start"], span["end"])
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _verify(conn: Any, statuses: list[str] | None, status_of: str) -> None:
    """Invariant 3 before a byte is written: every exported article's spans are its slices
    (checked in bulk; only a failure reads the spans one by one, to name the first)."""
    if not spans_match_texts(conn, *_article_where(statuses, status_of)):
        _name_mismatch(conn, statuses, status_of)


def _article_where(statuses: list[str] | None, status_of: str) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"status_of": status_of}
    return _in(status_sql("a", ":status_of"), "st", statuses, params), params


def _name_mismatch(conn: Any, statuses: list[str] | None, status_of: str) -> None:
    """InvariantError naming the first span of an exported article that is not its slice
    (none when the bulk check's alarm was false: a span text holding NUL)."""
    where, params = _article_where(statuses, status_of)
    for span_id, art_id, start, end, stored, actual, _ in span_mismatches(conn, where, params):
        raise InvariantError(
            f"article {art_id}: span {span_id} [{start}, {end}) says {stored!r} but the text "
            f"there is {actual!r}; nothing was exported (run `annotator check`)")


def export_jsonl(project: Project, out_path: str | os.PathLike[str], *,
                 annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
                 statuses: Iterable[str] | None = None,
                 status_of: str = "") -> dict[str, int]:
    """Write the native JSONL file; return ``{"articles": n, "spans": m, "relations": k}``.

    Filters: only articles with one of ``statuses`` (``status_of``'s, who is also the one
    whose status each line's ``status`` is); only spans by one of ``annotators`` and
    with one of ``labels`` (relations only between exported spans). The file is written under
    a temporary name and renamed when complete, so an interrupted export never leaves a half
    file under the real name.
    """
    out = Path(out_path)
    status_list = None if statuses is None else list(statuses)
    for status in status_list or ():
        if status not in STATUSES:
            raise ValueError(f"unknown status '{status}' (use one of {', '.join(STATUSES)})")
    lines_sql, rel_sql, params = _queries(
        None if annotators is None else list(annotators),
        None if labels is None else list(labels), status_list, status_of,
        attributes=project._has_m009())
    # invariant 3: without a span filter every span of an exported article is in its line,
    # and is checked there (the file is renamed only once complete); with one, the spans left
    # out are checked too, in bulk before the export
    every_span = annotators is None and labels is None
    if not out.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "the folder does not exist", str(out.parent))
    if out.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(out))
    conn = project.conn
    if not every_span:
        _verify(conn, status_list, status_of)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.partial")
    articles = spans = 0
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            write = fh.write
            writeback = Writeback(fh.fileno())
            for text, head, joined, tail in conn.execute(lines_sql, params):
                body = ""
                if joined is not None:
                    cut = joined.find("\x01")
                    end = joined.find("\x01", cut + 1)
                    body = joined[cut + 1:end]
                    offsets = joined[:cut]
                    spans += (offsets.count(",") + 1) // 2
                    if every_span and not joined_slices_match(text, offsets, joined[end + 1:]):
                        _name_mismatch(conn, status_list, status_of)
                if has_astral(head) or has_astral(body) or has_astral(tail):
                    write(_fix_utf16(head + body + tail))
                else:
                    write(head)
                    write(body)
                    write(tail)
                write("\n")
                articles += 1
                writeback()
            fh.flush()
            os.fsync(fh.fileno())
        relations = int(conn.execute(rel_sql, params).fetchone()[0])
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {"articles": articles, "spans": spans, "relations": relations}


register("jsonl", writer=export_jsonl,
         description="native JSONL: one article per line with every span, relation and id "
                     "(import it back with `annotator import`)")
