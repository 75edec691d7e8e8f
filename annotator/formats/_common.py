"""What every dataset export shares (no Qt): filters, the article/span stream, atomic output,
the manifest and the warnings file.

A writer calls :func:`iter_export` for ``(article, spans)`` pairs: articles in id order, each
with its spans sorted by (start, end, label, text, id), every span checked against the article
text (invariant 3) before anything is written. Output goes to a temporary name and is renamed
when complete (:func:`atomic_path`), so an interrupted or cancelled export never leaves a half
file under the real name. :class:`ExportLog` then writes two files next to the output:

- ``OUT.manifest.json``: format, offset unit, counts, filters, options, annotator version, time;
- ``OUT.warnings.jsonl``: one JSON object per span (or relation) the format could not carry
  exactly, with the reason. It is always written; an empty file means nothing was lost.

For an output that is a folder (brat) the two files are ``manifest.json`` and
``warnings.jsonl`` inside it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from annotator import __version__
from annotator.core.model import STATUSES
from annotator.outputs import OutputExists
from annotator.store.articles import status_sql
from annotator.store.errors import InvariantError, ProjectError

if TYPE_CHECKING:
    from annotator.store.project import Project

#: ``progress(done, total)`` during an export; returning False cancels it.
ExportProgress = Callable[[int, int], "bool | None"]

GOLD_ORIGIN = "adjudicated"


class FormatError(ProjectError):
    """A user-facing problem with an export or import (bad option, unusable output path)."""


class ExportCancelled(FormatError):
    """The progress callback asked to stop; no output file was left behind."""


class ExportArticle(NamedTuple):
    id: int
    uid: str
    title: str
    text: str
    language: str
    status: str
    source: str
    url: str
    published: str
    external_id: str
    meta: str  # JSON text, parsed only by the formats that use it


class ExportSpan(NamedTuple):
    """A span as exported; the field order is the order of the raw rows (``raw=True``)."""

    article_id: int
    start: int
    end: int
    label: str
    text: str
    id: str
    annotator: str
    note: str
    origin: str


# indexes into a raw span row, for the fast paths (doccano, CSV)
S_START, S_END, S_LABEL, S_TEXT, S_ID, S_ANNOTATOR, S_NOTE, S_ORIGIN = range(1, 9)

ARTICLE_COLUMNS = (f"id, uid, title, text, language, {status_sql('a', ':status_of')}, "
                   "source, url, published, external_id, meta")
_ARTICLE_SQL = f"SELECT {ARTICLE_COLUMNS} FROM articles a"
OPTIONAL = frozenset({"id", "annotator", "note", "origin"})


def span_sql(fields: frozenset[str]) -> str:
    """The span columns; one not in ``fields`` is read as '' (no string made per row), except
    that the id of a span with a note is always read (warnings name it)."""
    cols = {f: f"s.{f}" if f in fields else "''" for f in OPTIONAL}
    if "id" not in fields and "note" in fields:
        cols["id"] = "CASE WHEN s.note <> '' THEN s.id ELSE '' END"
    return (f'SELECT s.article_id, s.start, s."end", s.label, s.text, {cols["id"]}, '
            f'{cols["annotator"]}, {cols["note"]}, {cols["origin"]} FROM spans s')


class OwnStatuses(tuple[str, ...]):
    """A ``statuses`` filter with whose statuses it means (each annotator has their own):
    what ``export_format`` hands the writers, so they need no parameter of their own."""

    annotator: str = ""

    def __new__(cls, statuses: Iterable[str], annotator: str) -> OwnStatuses:
        made = super().__new__(cls, statuses)
        made.annotator = annotator
        return made


@dataclass(frozen=True)
class Filters:
    """Which articles and spans an export takes. ``None`` means no filter; an empty list
    matches nothing. ``gold_only`` keeps the adjudicated layer (origin "adjudicated");
    ``skip_empty`` drops articles left without spans; ``no_suggested`` leaves out suggestions
    (origin "suggested"), for formats that cannot mark them."""

    annotators: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    gold_only: bool = False
    skip_empty: bool = False
    status_of: str = ""  # whose statuses ``statuses`` and the exported status are
    no_suggested: bool = False

    @classmethod
    def make(cls, annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
             statuses: Iterable[str] | None = None, gold_only: bool = False,
             skip_empty: bool = False, include_suggested: bool = True) -> Filters:
        status_list = None if statuses is None else tuple(statuses)
        for status in status_list or ():
            if status not in STATUSES:
                raise FormatError(f"unknown status '{status}' (use one of "
                                  f"{', '.join(STATUSES)})")
        return cls(None if annotators is None else tuple(annotators),
                   None if labels is None else tuple(labels), status_list,
                   bool(gold_only), bool(skip_empty), getattr(statuses, "annotator", ""),
                   not include_suggested)

    def article_where(self, params: dict[str, Any]) -> str:
        params["status_of"] = self.status_of
        return _in(status_sql("a", ":status_of"), "st", self.statuses, params)

    def span_where(self, params: dict[str, Any], alias: str = "s") -> str:
        sql = (_in(f"{alias}.annotator", f"{alias}an", self.annotators, params)
               + _in(f"{alias}.label", f"{alias}lb", self.labels, params))
        if self.gold_only:
            params["gold"] = GOLD_ORIGIN
            sql += f" AND {alias}.origin = :gold"
        if self.no_suggested:
            sql += f" AND {alias}.origin != 'suggested'"
        if self.statuses is not None:
            sql += (f" AND {alias}.article_id IN (SELECT a.id FROM articles a WHERE 1"
                    f"{self.article_where(params)})")
        return sql

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "annotators": _listed(self.annotators), "labels": _listed(self.labels),
            "statuses": _listed(self.statuses), "gold_only": self.gold_only,
            "skip_empty": self.skip_empty}
        if self.statuses is not None:  # whose statuses they are
            out["statuses_of"] = self.status_of
        return out


def _listed(values: tuple[str, ...] | None) -> list[str] | None:
    return None if values is None else list(values)


def _in(column: str, name: str, values: Sequence[str] | None, params: dict[str, Any]) -> str:
    if values is None:
        return ""
    keys = []
    for i, value in enumerate(values):
        params[f"{name}{i}"] = value
        keys.append(f":{name}{i}")
    return f" AND {column} IN ({', '.join(keys)})" if keys else " AND 0"


def iter_export(project: Project, filters: Filters, *, progress: ExportProgress | None = None,
                raw: bool = False, fields: frozenset[str] = OPTIONAL
                ) -> Iterator[tuple[ExportArticle, list[Any]]]:
    """``(article, spans)`` for every exported article, in id order. Spans are ExportSpan
    (plain tuples in the same field order with ``raw=True``); of the ``OPTIONAL`` fields only
    those in ``fields`` are read (the others are ''). Raises InvariantError when a span's text
    is not its article's slice, ExportCancelled when ``progress`` says stop."""
    params: dict[str, Any] = {}
    art_where = filters.article_where(params)
    span_where = filters.span_where(params)
    conn = project.conn
    total = int(conn.execute(f"SELECT count(*) FROM articles a WHERE 1{art_where}",
                             params).fetchone()[0])
    articles = conn.execute(f"{_ARTICLE_SQL} WHERE 1{art_where} ORDER BY a.id", params)
    # (article_id, start) is the index order: no sort in SQL; ties are sorted per article
    spans = conn.execute(f"{span_sql(fields)} WHERE 1{span_where} "
                         "ORDER BY s.article_id, s.start",
                         params)
    groups = groupby(spans, itemgetter(0))
    group = next(groups, None)
    make = ExportSpan._make
    ticks = Ticks(progress, total)
    for row in articles:
        article = ExportArticle(*row)
        while group is not None and group[0] < article.id:
            group = next(groups, None)  # spans of an article the filters left out
        rows: list[Any] = []
        if group is not None and group[0] == article.id:
            rows = sorted(group[1])
            group = next(groups, None)
            check_rows(article, rows)
            if not raw:
                rows = list(map(make, rows))
        ticks.tick()
        if rows or not filters.skip_empty:
            yield article, rows
    ticks.end()


class Ticks:
    """An export's ``progress(done, total)`` calls: at the start, every 100 articles and at
    the end; ExportCancelled when it returns False."""

    def __init__(self, progress: ExportProgress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0
        if progress is not None and progress(0, total) is False:
            raise ExportCancelled("export cancelled; nothing was written")

    def tick(self) -> None:
        self.done += 1
        if (self.progress is not None and self.done % 100 == 0
                and self.progress(self.done, self.total) is False):
            raise ExportCancelled("export cancelled; nothing was written")

    def end(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.total)


def check_rows(article: ExportArticle, rows: list[Any]) -> None:
    """Invariant 3 for one article's raw span rows (sorted): InvariantError naming the first
    span whose text is not its slice. At C speed: article texts never hold NUL, so the
    NUL-joined slices equal the NUL-joined span texts only when each pair is equal."""
    text = article.text
    if "\0".join([text[r[1]:r[2]] for r in rows]) != "\0".join([r[4] for r in rows]):
        _culprit(article, rows)


def _culprit(article: ExportArticle, rows: list[Any]) -> None:
    text = article.text
    for r in rows:
        if text[r[1]:r[2]] != r[4]:
            raise InvariantError(
                f"article {article.id} ({article.title}): span {r[5] or ''} [{r[1]}, {r[2]}) "
                f"says {r[4]!r} but the text there is {text[r[1]:r[2]]!r}; nothing was "
                "exported (run `annotator check`)")


def project_relations(project: Project, filters: Filters) -> dict[int, list[tuple[str, ...]]]:
    """Relations between exported spans, by article: ``(id, from_span, to_span, type,
    annotator)``."""
    params: dict[str, Any] = {}
    where = filters.span_where(params, "s") + filters.span_where(params, "t")
    rows = project.conn.execute(
        "SELECT s.article_id, r.id, r.from_span, r.to_span, r.type, r.annotator "
        "FROM relations r JOIN spans s ON s.id = r.from_span JOIN spans t ON t.id = r.to_span "
        f"WHERE 1{where} ORDER BY s.article_id, r.created_at, r.rowid", params)
    out: dict[int, list[tuple[str, ...]]] = {}
    for article_id, *rest in rows:
        out.setdefault(article_id, []).append(tuple(rest))
    return out


class ValueStream:
    """Attribute values of the exported spans (or articles), grouped by article and read in
    article order alongside :func:`iter_export`: ``get(article_id)`` gives that article's
    ``{key: {name: value}}`` (key: span id, or annotator for article attributes) and must be
    called with rising ids. One query for the whole export; no more than one article's values
    in memory."""

    def __init__(self, rows: Iterable[tuple[Any, ...]], *, decode: bool = True) -> None:
        self._groups = groupby(rows, itemgetter(0))
        self._group = next(self._groups, None)
        self._decode = decode

    def get(self, article_id: int) -> dict[str, dict[str, Any]]:
        while self._group is not None and self._group[0] < article_id:
            self._group = next(self._groups, None)
        if self._group is None or self._group[0] != article_id:
            return {}
        out: dict[str, dict[str, Any]] = {}
        if self._decode:
            loads = json.loads
            for _aid, key, name, raw in self._group[1]:
                out.setdefault(key, {})[name] = loads(raw)
        else:
            for _aid, key, name, shown in self._group[1]:
                out.setdefault(key, {})[name] = shown
        self._group = next(self._groups, None)
        return out


def _has_values(project: Project) -> bool:
    return bool(project._has_m009())


def _any_row(project: Project, table: str) -> bool:
    return project.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None


#: a stored value (JSON) as ``core.scheme.format_value`` shows it, computed by SQLite: a text
#: unquoted, a list joined by " | ", true/false and numbers as written (json.dumps wrote them,
#: so the first character says the type)
SHOWN_SQL = ("CASE substr(v.value, 1, 1) WHEN '\"' THEN json_extract(v.value, '$') "
             "WHEN '[' THEN (SELECT group_concat(j.value, ' | ') FROM json_each(v.value) j) "
             "ELSE v.value END")


def span_values(project: Project, filters: Filters, *, shown: bool = False) -> ValueStream:
    """The attribute values of the exported spans (see :class:`ValueStream`); ``shown``: as
    text (``format_value``), without decoding JSON in Python."""
    if not _has_values(project):
        return ValueStream(())
    params: dict[str, Any] = {}
    where = filters.span_where(params)
    value = SHOWN_SQL if shown else "v.value"
    return ValueStream(project.conn.execute(
        f"SELECT s.article_id, v.span_id, v.name, {value} FROM spans s JOIN span_attributes v "
        f"ON v.span_id = s.id WHERE 1{where} ORDER BY s.article_id", params), decode=not shown)


def article_values(project: Project, filters: Filters, *, shown: bool = False) -> ValueStream:
    """The article attributes of the exported annotators, ``{annotator: {name: value}}`` per
    article (see :class:`ValueStream`; ``shown`` as for :func:`span_values`)."""
    if not _has_values(project):
        return ValueStream(())
    params: dict[str, Any] = {}
    where = _in("v.annotator", "van", filters.annotators, params)
    value = SHOWN_SQL if shown else "v.value"
    return ValueStream(project.conn.execute(
        f"SELECT v.article_id, v.annotator, v.name, {value} FROM article_attributes v "
        f"WHERE 1{where} ORDER BY v.article_id", params), decode=not shown)


def value_counts(project: Project, filters: Filters) -> tuple[list[tuple[str, str, int]],
                                                              list[tuple[str, int]], int]:
    """What an export holds beyond spans: ``[(label, attribute, values)]`` of the exported
    spans, ``[(article attribute, values)]`` of the exported annotators, and the number of
    relations between exported spans."""
    params: dict[str, Any] = {}
    where = filters.span_where(params)
    rel_params: dict[str, Any] = {}
    rel_where = filters.span_where(rel_params, "s") + filters.span_where(rel_params, "t")
    relations = int(project.conn.execute(
        "SELECT count(*) FROM relations r JOIN spans s ON s.id = r.from_span "
        f"JOIN spans t ON t.id = r.to_span WHERE 1{rel_where}", rel_params).fetchone()[0])
    if not _has_values(project):
        return [], [], relations
    spans = [tuple(r) for r in project.conn.execute(
        "SELECT s.label, v.name, count(*) FROM spans s JOIN span_attributes v ON "
        f"v.span_id = s.id WHERE 1{where} GROUP BY s.label, v.name ORDER BY 1, 2", params)
    ] if _any_row(project, "span_attributes") else []  # else the join scans every span
    art_params: dict[str, Any] = {}
    art_where = _in("v.annotator", "van", filters.annotators, art_params)
    if filters.statuses is not None:
        art_where += (" AND v.article_id IN (SELECT a.id FROM articles a WHERE 1"
                      f"{filters.article_where(art_params)})")
    articles = [tuple(r) for r in project.conn.execute(
        f"SELECT v.name, count(*) FROM article_attributes v WHERE 1{art_where} "
        "GROUP BY v.name ORDER BY 1", art_params)]
    return spans, articles, relations  # type: ignore[return-value]


def warn_not_carried(log: ExportLog, project: Project, filters: Filters, fmt: str,
                     not_carried: Sequence[str] = (), *, relations: bool = True,
                     span_attributes: bool = True) -> list[str]:
    """One warning per attribute (and one for the relations) that format ``fmt`` cannot hold,
    with how many values were left out; returns ``not_carried`` (the manifest's list) with
    what was left out added."""
    spans, articles, n_relations = value_counts(project, filters)
    out = [n for n in not_carried if n != "relations"]
    if span_attributes:
        for label, name, count in spans:
            log.summary(f"attribute left out: {fmt} cannot hold span attributes",
                        label=label, attribute=name, values=count)
        if spans:
            out.append("span attributes")
    for name, count in articles:
        log.summary(f"article attribute left out: {fmt} cannot hold article attributes",
                    attribute=name, values=count)
    if articles:
        out.append("article attributes")
    if relations and n_relations:
        log.summary(f"relations left out: {fmt} cannot hold relations", relations=n_relations)
    if relations:
        out.append("relations")
    return out


# ------------------------------------------------------------------------------ output files
def sidecar(out: Path, name: str, *, folder: bool = False) -> Path:
    """``OUT.NAME`` next to a file output, or ``OUT/NAME`` inside a folder output."""
    return out / name if folder else out.with_name(f"{out.name}.{name}")


def _partial(out: Path) -> Path:
    return out.with_name(f".{out.name}.{os.getpid()}.partial")


def check_parent(out: Path) -> None:
    if not out.parent.is_dir():
        raise FileNotFoundError(2, "the folder does not exist", str(out.parent))


@contextmanager
def atomic_path(out: Path, *, folder: bool = False, replace: bool = False) -> Iterator[Path]:
    """A temporary path to write; renamed to ``out`` when the block completes, removed when
    it fails. A folder output may replace an empty folder; one with files in it only with
    ``replace`` and only when it holds an earlier export (its ``manifest.json``)."""
    check_parent(out)
    old: Path | None = None
    if folder and out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not replace:
            raise OutputExists(f"{out} already exists and is not an empty folder; nothing was "
                               "written (choose a new folder, or use --force to replace an "
                               "earlier export)")
        if not (out / "manifest.json").is_file():
            raise OutputExists(f"{out} holds files that are not an annotator export (no "
                               "manifest.json); nothing was written: choose a new folder")
        old = out.with_name(f".{out.name}.old.{os.getpid()}.partial")
    tmp = _partial(out)
    if folder:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
    try:
        yield tmp
        if folder:
            if old is not None:
                os.replace(out, old)
            elif out.is_dir():
                out.rmdir()
        else:
            _fsync(tmp)
        os.replace(tmp, out)
    except BaseException:
        if folder:
            shutil.rmtree(tmp, ignore_errors=True)
            if old is not None and old.exists() and not out.exists():
                os.replace(old, out)  # put the earlier export back
        else:
            tmp.unlink(missing_ok=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


class Writeback:
    """Starts the kernel writing out what an export has written so far, every ``step`` bytes,
    so the fsync before the rename waits for the last stretch only (a 400 MB native JSONL:
    ~1 s of fsync became ~0.1 s, the disk writing while the lines are built). Call it after
    each article (it costs one lseek: the file's offset is what has left Python's buffer).
    ``POSIX_FADV_DONTNEED`` starts the writeback of dirty pages without waiting for it and
    drops the pages already written from the cache; where posix_fadvise is missing or refused
    (macOS, Windows, an odd file system) it does nothing."""

    step = 8 << 20

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.done = 0
        self.on = hasattr(os, "posix_fadvise")

    def __call__(self) -> None:
        if not self.on:
            return
        try:
            pos = os.lseek(self.fd, 0, os.SEEK_CUR)
            if pos - self.done >= self.step:
                os.posix_fadvise(self.fd, self.done, pos - self.done, os.POSIX_FADV_DONTNEED)
                self.done = pos
        except OSError:
            self.on = False


#: json.dumps(entry, ensure_ascii=False) without building an encoder per warning
_warning_json = json.JSONEncoder(ensure_ascii=False).encode


class ExportLog:
    """Collects an export's warnings and counts; :meth:`finish` writes the manifest and the
    warnings file. Warnings are streamed to a temporary file, so a million of them cost no
    memory."""

    def __init__(self, out: Path, fmt: str, *, folder: bool = False) -> None:
        self.out = Path(out)
        self.format = fmt
        self.folder = folder
        self.count = 0
        self.reasons: dict[str, int] = {}
        self._path = sidecar(self.out, "warnings.jsonl", folder=folder)
        # beside the output, not in it: a folder output only exists once it is complete
        self._tmp = self.out.with_name(f".{self.out.name}.warnings.{os.getpid()}.partial")
        self._fh: Any = None

    def span(self, article: ExportArticle, span: Any, reason: str, **extra: Any) -> None:
        """Record that ``span`` (an ExportSpan or raw row) was not carried exactly."""
        entry = {"article_id": article.id, "article_uid": article.uid, "title": article.title,
                 "span_id": span[S_ID], "label": span[S_LABEL], "start": span[S_START],
                 "end": span[S_END], "text": span[S_TEXT], "annotator": span[S_ANNOTATOR],
                 "reason": reason, **extra}
        self._write(entry, reason)

    def other(self, article: ExportArticle, reason: str, **extra: Any) -> None:
        """A warning about something other than a span (a relation, a whole article)."""
        self._write({"article_id": article.id, "article_uid": article.uid,
                     "title": article.title, "reason": reason, **extra}, reason)

    def summary(self, reason: str, **extra: Any) -> None:
        """A warning about the whole export (what a format left out, with counts)."""
        self._write({"scope": "export", "reason": reason, **extra}, reason)

    def _write(self, entry: dict[str, Any], reason: str) -> None:
        if self._fh is None:
            self._fh = open(self._tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self._fh.write(_warning_json(entry))
        self._fh.write("\n")
        self.count += 1
        key = reason.split(":")[0]
        self.reasons[key] = self.reasons.get(key, 0) + 1

    def abort(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._tmp.unlink(missing_ok=True)

    def finish(self, project: Project, *, unit: str, filters: Filters, options: dict[str, Any],
               counts: dict[str, int], files: Sequence[Path], end: str = "exclusive",
               not_carried: Sequence[str] = (), notes: Sequence[str] = (),
               extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Write ``warnings.jsonl`` and ``manifest.json``; return the manifest."""
        if self._fh is None:
            self._tmp.write_text("", encoding="utf-8")
        else:
            self._fh.close()
            self._fh = None
        os.replace(self._tmp, self._path)
        manifest_path = sidecar(self.out, "manifest.json", folder=self.folder)
        manifest = {
            "format": self.format,
            "offset_unit": unit,
            "end": end,
            "files": [str(f) for f in files],
            "counts": {**counts, "warnings": self.count},
            "warnings_file": str(self._path),
            "warnings_by_reason": self.reasons,
            "not_carried": list(not_carried),
            "notes": list(notes),
            "filters": filters.describe(),
            "options": options,
            "project": {"title": project.title, "file": project.path.name},
            **(extra or {}),
            "annotator_version": __version__,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        write_manifest(manifest_path, manifest)
        return manifest


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """``manifest`` as indented JSON at ``path``, through a temporary name and a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


class SafeNames:
    """Names made safe for a format (``unsafe`` characters become ``_``), each mapped back to
    the original in ``mapped`` when they differ; two names never share a safe form."""

    def __init__(self, unsafe: re.Pattern[str]) -> None:
        self.unsafe = unsafe
        self.mapped: dict[str, str] = {}
        self._used: dict[str, str] = {}

    def __call__(self, name: str, unsafe: re.Pattern[str] | None = None) -> str:
        """``name`` made safe (with ``unsafe`` instead of the usual pattern, if given)."""
        safe = (unsafe or self.unsafe).sub("_", name) or "_"
        while self._used.get(safe, name) != name:
            safe += "_"
        self._used[safe] = name
        if safe != name:
            self.mapped[safe] = name
        return safe


def choice(name: str, value: Any, choices: Sequence[str]) -> str:
    """Validate a string option against its choices."""
    if value not in choices:
        raise FormatError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return str(value)
