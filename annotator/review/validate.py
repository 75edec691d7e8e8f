"""Row validation of a teammate's file (its schema already matched ours exactly).

SQLite columns accept any type whatever their declaration, and a file can hold text that is not
valid UTF-8, so every row is read once in Python: types, non-empty names, known statuses and
origins, JSON objects, article ``sha256`` equal to the hash of its text, span offsets inside the
text and ``text[start:end] == span.text`` (invariant 3), spans pointing to an existing article
and label, relations joining two existing spans of one article. Reading a row decodes its text,
so invalid UTF-8 anywhere is caught too; the one text not decoded is one that no span points to
and whose bytes hash to the sha256 of one of our texts (so they are our text: valid, and never
copied by a merge). Rows are checked in one fast test each; a row that fails it is read again
and goes through the checks that name what is wrong. Names pass the checks of ``core/names.py`` (visible
text, NFC, at most 64 characters; ``@gold`` only and always on an adjudicated span), and fields have caps: a
note at most 64 KB, a title 1 KB, an article's text 200 MB (UTF-8).

Span offsets are checked here and not in SQL: ``substr``/``length`` rescan the article's UTF-8
from its start for every span (measured: 8.5 s for 1M spans over 3,000-character articles, 0.9 s
for the same check in Python over texts held in a dict).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from annotator.core.beside import Beside
from annotator.core.model import ORIGINS, STATUSES
from annotator.core.names import (
    GOLD,
    GOLD_ORIGIN,
    check_label_name,
    check_person_name,
    check_span_annotator,
)
from annotator.core.scheme import SOURCES
from annotator.core.sizes import format_size
from annotator.core.text import sha256_text
from annotator.store.scheme_checks import SchemeReport, check_scheme_rows

if TYPE_CHECKING:
    from annotator.review.untrusted import Teammate

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
#: A status's ``changed_at`` as ``store.connection.now()`` writes it (merge compares them as text)
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z")
_SHOWN = 3
#: Field caps in UTF-8 bytes: a teammate's file cannot make every list and report carry
#: megabytes (the names' cap, 64 characters, is in core/names.py).
MAX_NOTE = 64 << 10
MAX_TITLE = 1 << 10
MAX_TEXT = 200 << 20


class _Problems:
    """Collects row problems; ``raise_if_any`` refuses the file naming the first few."""

    def __init__(self, teammate: Teammate) -> None:
        self.teammate = teammate
        self.items: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.items) < _SHOWN:
            self.items.append(message)

    def raise_if_any(self) -> None:
        if self.count:
            from annotator.review.untrusted import refuse

            more = f" (and {self.count - _SHOWN} more)" if self.count > _SHOWN else ""
            raise refuse(self.teammate.path, "invalid rows: " + "; ".join(self.items) + more)


class _ValuesBeside:
    """``check_scheme_rows`` of the copy on a thread and a connection of its own, started
    before the span pass: its long statement (every value joined to its span's label and
    grouped, ~2-4 s per 750k values) runs inside SQLite without the GIL while Python checks
    the spans (~3-6 s per million), so on two CPUs the user waits for the longer of the two.
    Its report is read only once the spans, relations and statuses have passed."""

    def __init__(self, teammate: Teammate) -> None:
        from annotator.review.untrusted import _connect  # (untrusted imports this module)

        self._conn = _connect(teammate.copy, any_thread=True)
        self._check = Beside("validate values", check_scheme_rows, self._conn, warnings=False)

    def report(self) -> SchemeReport:
        return self._check.wait()

    def close(self) -> None:
        """Stop the statement if it still runs (the file was refused), then let go."""
        if self._check.running():
            self._conn.interrupt()
        self._check.join()
        self._conn.close()


def validate(teammate: Teammate, ours: Callable[[list[str]], set[str]] | None = None) -> str:
    """Check every row of the copy; return the teammate project's title. ``ours(sha256s)``:
    those our project has an article with (see ``_articles``)."""
    problems = _Problems(teammate)
    title = _meta(teammate, problems)
    labels = _labels(teammate, problems)
    ids, texts = _articles(teammate, problems, ours)
    problems.raise_if_any()  # spans are checked against articles and labels known to be good
    values = _ValuesBeside(teammate) if teammate.has_scheme_tables else None
    try:
        _spans(teammate, texts, labels, problems)
        _relations(teammate, problems)
        _statuses(teammate, ids, problems)
        problems.raise_if_any()  # values are checked against spans and articles known good
        if values is not None:
            _scheme_rows(teammate, ids, problems, values.report())
            problems.raise_if_any()
    finally:
        if values is not None:
            values.close()
    from annotator.review.registry_merge import registry_problems, rejection_problems  # cycle

    for problem in (*registry_problems(teammate.conn), *rejection_problems(teammate.conn)):
        problems.add(problem)
    problems.raise_if_any()
    return title


def _short(value: Any) -> str:
    """``repr(value)``, cut to about 60 characters (a row can hold megabytes)."""
    shown = repr(value[:61] if isinstance(value, str | bytes) else value)
    return shown if len(shown) <= 62 else shown[:58] + "..." + shown[-1]


def _is_text(value: Any, empty: bool = True) -> bool:
    return type(value) is str and (empty or value != "")


def _too_long(value: str, cap: int) -> bool:
    """More than ``cap`` bytes of UTF-8 (encoded only when it might be: 4 bytes a character)."""
    return len(value) * 4 > cap and len(value.encode("utf-8", "surrogatepass")) > cap


def _name_problem(name: Any, check: Any, what: str) -> str | None:
    """Why ``name`` is not a valid name, stored as is (None: it is)."""
    try:
        nfc = check(name)
    except ValueError as exc:
        return str(exc)
    return None if nfc == name else f"{what} name {name!r} is not in Unicode NFC form"


def _json_object(value: Any) -> bool:
    if type(value) is not str:
        return False
    try:
        return isinstance(json.loads(value), dict)
    except ValueError:
        return False


def _meta(teammate: Teammate, problems: _Problems) -> str:
    title = ""
    for key, value in teammate.conn.execute("SELECT key, value FROM meta"):
        if not (_is_text(key) and _is_text(value)):
            problems.add(f"meta {key!r} is not text")
        elif key == "title" and _too_long(value, MAX_TITLE):
            problems.add(f"meta 'title' is longer than {format_size(MAX_TITLE)}")
        elif key == "title":
            title = value
    return title or teammate.path.stem


def _labels(teammate: Teammate, problems: _Problems) -> set[str]:
    names: set[str] = set()
    rows = teammate.conn.execute(
        "SELECT name, color, hotkey, description, position FROM labels")
    for name, color, hotkey, description, position in rows:
        if (why := _name_problem(name, check_label_name, "label")) is not None:
            problems.add(why)
        elif not (_is_text(color) and _COLOR.fullmatch(color)):
            problems.add(f"label {name!r} has color {color!r}, not #rrggbb")
        elif not (hotkey is None or _is_text(hotkey)) or not _is_text(description) \
                or type(position) is not int:
            problems.add(f"label {name!r} has a hotkey, description or position of the wrong "
                         "type")
        else:
            names.add(name)
    return names


_ARTICLE = ("SELECT id, uid, title, source, url, published, language, {text}, sha256, status, "
            "original_file, external_id, imported_at, meta FROM articles")
#: The common case's types, tested by SQLite in the same pass (no Python step per field): an
#: integer id, every other field text, a uid and a text that are not empty.
_TEXT_FIELDS = ("uid", "title", "source", "url", "published", "language", "text", "sha256",
                "status", "original_file", "external_id", "imported_at", "meta")
_FAST_ARTICLE = (
    "SELECT id, CAST(text AS BLOB), sha256, status, meta, title, typeof(id) = 'integer' AND "
    + " AND ".join(f"typeof({name}) = 'text'" for name in _TEXT_FIELDS)
    + " AND uid != '' AND text != '' FROM articles")


def _articles(teammate: Teammate, problems: _Problems,
              ours: Callable[[list[str]], set[str]] | None) -> tuple[set[int], dict[int, str]]:
    """The ids of the articles, and the texts the span checks need. Each text is read as its
    UTF-8 bytes and hashed as they are (no re-encoding). It is then decoded (which refuses
    invalid UTF-8) unless no span of the file points to it and its sha256 is one of ``ours``:
    bytes with our text's sha256 are our text (valid UTF-8), and a merge never copies a text
    we have. In a merge-back, most packages hold no span at all."""
    ids: set[int] = set()
    texts: dict[int, str] = {}
    with_spans = {row[0] for row in teammate.conn.execute("SELECT DISTINCT article_id FROM spans")}
    known = ours([row[0] for row in teammate.conn.execute(
        "SELECT sha256 FROM articles WHERE typeof(sha256) = 'text' "
        "AND id NOT IN (SELECT article_id FROM spans)")]) if ours is not None else set()
    statuses, sha256 = set(STATUSES), hashlib.sha256
    for art_id, raw, sha, status, meta, title, typed in teammate.conn.execute(_FAST_ARTICLE):
        # the common case in one test; a row that fails it is read again as it is, and the
        # chain below names what is wrong with it
        if (typed and status in statuses and b"\x00" not in raw
                and sha256(raw).hexdigest() == sha
                and (meta == "{}" or _json_object(meta))
                and not (_too_long(title, MAX_TITLE) or len(raw) > MAX_TEXT)):
            if art_id not in with_spans and sha in known:
                ids.add(art_id)
                continue
            try:
                texts[art_id] = raw.decode("utf-8")
                ids.add(art_id)
                continue
            except UnicodeDecodeError:
                pass
        row = teammate.conn.execute(_ARTICLE.format(text="text") + " WHERE id = ?",
                                    (art_id,)).fetchone()
        art_id, uid, title, text, sha, status, meta = (row[0], row[1], row[2], row[7], row[8],
                                                      row[9], row[13])
        where = f"article {art_id} ({title[:60]!r})" if _is_text(title) else f"article {art_id}"
        if type(art_id) is not int:
            problems.add(f"article id {art_id!r} is not an integer")
        elif not (_is_text(text, empty=False) and "\x00" not in text):
            problems.add(f"{where} has no text, or text with a NUL character")
        elif not _is_text(sha) or sha256_text(text) != sha:
            problems.add(f"{where}: its text does not match its sha256")
        elif status not in STATUSES:
            problems.add(f"{where} has unknown status {status!r}")
        elif not (_is_text(uid, empty=False) and all(_is_text(v) for v in row[2:7])
                  and all(_is_text(v) for v in row[10:13])):
            problems.add(f"{where} has a field that is not text")
        elif not _json_object(meta):
            problems.add(f"{where}: meta is not a JSON object")
        elif _too_long(title, MAX_TITLE) or _too_long(text, MAX_TEXT):
            problems.add(f"{where}: its title is longer than {format_size(MAX_TITLE)} or "
                         f"its text longer than {format_size(MAX_TEXT)}")
        else:
            texts[art_id] = text
            ids.add(art_id)
    return ids, texts


def _spans(teammate: Teammate, texts: dict[int, str], labels: set[str],
           problems: _Problems) -> None:
    """One pass over every span (about 3 s per million on the benchmark machine)."""
    lengths = {art_id: len(text) for art_id, text in texts.items()}
    good_provenance = {"{}"}
    good_annotators: set[tuple[Any, Any]] = set()  # each (name, origin) is checked once
    str_, int_, short_note = str, int, MAX_NOTE // 4
    rows = teammate.conn.execute(
        'SELECT id, article_id, label, start, "end", text, annotator, note, origin, provenance, '
        "created_at, updated_at FROM spans")
    for span_id, art_id, label, start, end, text, annotator, note, origin, provenance, \
            created, updated in rows:
        length = lengths.get(art_id)
        if (length is not None and type(start) is int_ and type(end) is int_
                and 0 <= start < end <= length and texts[art_id][start:end] == text
                and label in labels and (annotator, origin) in good_annotators and type(span_id) is str_ and span_id
                and type(note) is str_ and len(note) <= short_note
                and type(created) is str_ and type(updated) is str_
                and provenance in good_provenance):
            continue
        reason = _span_problem(span_id, art_id, label, start, end, text, annotator, note,
                               origin, created, updated, length, texts, labels)
        if reason is None and not _json_object(provenance):
            reason = "its provenance is not a JSON object"
        if reason is None:
            good_provenance.add(provenance)
            good_annotators.add((annotator, origin))
        else:
            problems.add(f"span {_short(span_id)} in article {art_id!r}: {reason}")


def _span_problem(span_id: Any, art_id: Any, label: Any, start: Any, end: Any, text: Any,
                  annotator: Any, note: Any, origin: Any, created: Any, updated: Any,
                  length: int | None, texts: dict[int, str], labels: set[str]) -> str | None:
    """Why a span failed the fast test (None: only its provenance is still to be checked)."""
    if not _is_text(span_id, empty=False):
        return "its id is not text"
    if length is None:
        return "its article does not exist"
    if type(start) is not int or type(end) is not int:
        return f"offsets {start!r}, {end!r} are not integers"
    if not 0 <= start < end <= length:
        return f"[{start}, {end}) is outside the text (length {length})"
    if texts[art_id][start:end] != text:
        return (f"its text {text!r} is not the article's text {texts[art_id][start:end]!r} "
                f"at [{start}, {end})")
    if label not in labels:
        return f"unknown label {label!r}"
    if origin not in ORIGINS:
        return f"unknown origin {origin!r}"
    if (why := _name_problem(annotator, lambda n: check_span_annotator(n, origin),
                             "annotator")) is not None:
        return why
    if origin == GOLD_ORIGIN and annotator != GOLD:
        return f"it is adjudicated (gold) but its annotator is {annotator!r}, not {GOLD!r}"
    if not (_is_text(note) and _is_text(created) and _is_text(updated)):
        return "its note or timestamps are not text"
    if _too_long(note, MAX_NOTE):
        return f"its note is longer than {format_size(MAX_NOTE)}"
    return None


def _relations(teammate: Teammate, problems: _Problems) -> None:
    rows = teammate.conn.execute(
        "SELECT r.id, r.from_span, r.to_span, r.type, r.annotator, r.created_at, "
        "a.article_id, b.article_id "
        "FROM relations r LEFT JOIN spans a ON a.id = r.from_span "
        "LEFT JOIN spans b ON b.id = r.to_span")
    for rel_id, from_span, to_span, type_, annotator, created, art_a, art_b in rows:
        if not (_is_text(rel_id, empty=False) and _is_text(type_, empty=False)
                and _is_text(from_span) and _is_text(to_span)
                and _is_text(annotator) and _is_text(created)):
            problems.add(f"relation {_short(rel_id)} has a field that is not text")
        elif annotator and (why := _name_problem(annotator, check_person_name,
                                                  "annotator")) is not None:
            problems.add(f"relation {_short(rel_id)}: {why}")
        elif art_a is None or art_b is None:
            problems.add(f"relation {_short(rel_id)} joins a span that does not exist")
        elif art_a != art_b:
            problems.add(f"relation {_short(rel_id)} joins spans of two articles")


def _statuses(teammate: Teammate, articles: set[int], problems: _Problems) -> None:
    """Each annotator's status: an existing article, a valid name, a known status and a
    timestamp as the store writes it (merge keeps the later change)."""
    good_annotators: set[str] = set()
    rows = teammate.conn.execute(
        "SELECT article_id, annotator, status, changed_at FROM article_statuses")
    for art_id, annotator, status, changed_at in rows:
        where = f"status of {_short(annotator)} in article {art_id!r}"
        if art_id not in articles:
            problems.add(f"{where}: its article does not exist")
        elif annotator not in good_annotators and (
                why := _name_problem(annotator, check_person_name, "annotator")) is not None:
            problems.add(f"{where}: {why}")
        elif status not in STATUSES:
            problems.add(f"{where}: unknown status {_short(status)}")
        elif not (_is_text(changed_at) and _STAMP.fullmatch(changed_at)):
            problems.add(f"{where}: changed_at {_short(changed_at)} is not a timestamp")
        else:
            good_annotators.add(annotator)


def _scheme_rows(teammate: Teammate, articles: set[int], problems: _Problems,
                 report: SchemeReport) -> None:
    """The m009 rows: the teammate's own scheme (definitions) must pass ``parse_scheme``, and
    every value and relation must fit it (``store/scheme_checks.py``, which also names a value
    of a span that does not exist and a relation of an undefined type); then the columns a
    value row carries: a known source, a timestamp, a valid annotator name, an existing
    article, a value at most 64 KB. ``report``: ``check_scheme_rows`` of the copy."""
    teammate.span_value_groups = report.value_groups
    for error in report.errors:
        problems.add(error)
    if report.scheme is None:
        return
    for span_id, name, raw, source, updated in teammate.conn.execute(
            "SELECT span_id, name, value, source, updated_at FROM span_attributes "
            "WHERE source NOT IN ('person', 'parsed', 'suggested', 'imported') "
            "OR typeof(updated_at) != 'text' OR typeof(value) != 'text' "
            "OR length(CAST(value AS BLOB)) > ?", (MAX_NOTE,)):
        why = _value_row_problem(raw, source, updated)
        if why is not None:
            problems.add(f"the value of attribute {_short(name)} of span {_short(span_id)}: "
                         f"{why}")
    good_annotators: set[str] = set()
    for art_id, annotator, name, raw, source, updated in teammate.conn.execute(
            "SELECT article_id, annotator, name, value, source, updated_at "
            "FROM article_attributes"):
        where = f"article attribute {_short(name)} of {_short(annotator)} in article {art_id!r}"
        why = "its article does not exist" if art_id not in articles else (
            None if annotator in good_annotators else
            _name_problem(annotator, lambda n: check_span_annotator(n, GOLD_ORIGIN),
                          "annotator"))  # a person, or the gold layer
        why = why or _value_row_problem(raw, source, updated)
        if why is None:
            good_annotators.add(annotator)
        else:
            problems.add(f"{where}: {why}")


def _value_row_problem(raw: Any, source: Any, updated: Any) -> str | None:
    """What is wrong with a value row's columns besides its value (checked against the
    scheme in ``check_scheme_rows``)."""
    if source not in SOURCES:
        return f"unknown source {_short(source)}"
    if not _is_text(updated):
        return "its updated_at is not text"
    if not _is_text(raw):
        return "its value is not JSON text"
    if _too_long(raw, MAX_NOTE):
        return f"its value is longer than {format_size(MAX_NOTE)}"
    return None
