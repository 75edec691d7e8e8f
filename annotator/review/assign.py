"""Assignment without a server (issue 9): split a project's articles between annotators and
write one project file (a package) per person.

A package holds the scheme (labels, attribute and relation definitions), the terms, the
guidelines, that person's articles (with their ids in the master) and that person's own spans
in them, with their attribute values and relations, and that person's own article attributes;
nobody else's, so shared articles are annotated blind, for agreement. An ``overlap`` share of the articles goes to everyone. Its meta
``assigned_from`` names the master, the plan, the annotator and a random token that the master
keeps in its plan (``Project.record_plan``): merging the file back proves it is that person's
package, and only then may it replace that person's own spans with newer versions of them
(``review/merge.py``).

Each package is built in ``DIR/.assign.PID.partial/NAME.db`` (a fresh project, then ``INSERT
... SELECT`` from the master ATTACHed read-only: no Python round trip per row) and moved into
``DIR`` only when every package is complete; the plan is recorded in the master last. A killed
run leaves only that folder, which the next run sweeps (``outputs.sweep_partials``).
"""

from __future__ import annotations

import json
import os
import random
import re
import secrets
import shutil
import sqlite3
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.names import check_person_name
from annotator.outputs import refuse_existing, sweep_partials
from annotator.store import connection as cx
from annotator.store.assignments import ASSIGNED_FROM, GUIDELINES_KEY
from annotator.store.errors import ProjectError
from annotator.store.scheme_checks import has_scheme_tables

if TYPE_CHECKING:
    from annotator.store.project import Project

_MASTER = "master"
#: Meta keys a package takes from the master (its title, creation time and origin are its own).
#: The scheme beyond labels (m009), copied whole into each package.
_CARRIED_META = ("segmentation", GUIDELINES_KEY, "scheme_version")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


@dataclass
class Package:
    annotator: str
    path: Path
    articles: int
    shared: int
    spans: int = 0


@dataclass
class AssignReport:
    plan: str
    overlap: float
    packages: list[Package] = field(default_factory=list)
    seconds: float = 0.0
    #: What ``record`` writes into the master: who, when, the folder, and per annotator
    #: (file name, token, (article id, shared) pairs).
    who: str = ""
    at: str = ""
    folder: str = ""
    plan_rows: dict[str, tuple[str, str, list[tuple[int, bool]]]] = field(
        default_factory=dict, repr=False)

    def lines(self) -> list[str]:
        return [f"{p.path}: {p.annotator}, {p.articles} article(s) ({p.shared} shared), "
                f"{p.spans} span(s) of their own" for p in self.packages]


def split(article_ids: Sequence[int], people: Sequence[str], overlap: float,
          seed: int | None = None) -> dict[str, list[tuple[int, bool]]]:
    """annotator -> sorted (article id, shared) pairs: ``round(overlap x N)`` articles go to
    everyone (none with a single annotator), the rest round-robin over a shuffled order, so
    shares differ by at most one article."""
    if not 0 <= overlap <= 1:
        raise ProjectError(f"--overlap must be between 0 and 1, not {overlap}")
    order = list(article_ids)
    random.Random(seed).shuffle(order)
    n_shared = round(overlap * len(order)) if len(people) > 1 else 0
    out: dict[str, list[tuple[int, bool]]] = {p: [(i, True) for i in order[:n_shared]]
                                              for p in people}
    for k, article_id in enumerate(order[n_shared:]):
        out[people[k % len(people)]].append((article_id, False))
    return {p: sorted(items) for p, items in out.items()}


def package_names(people: Sequence[str]) -> dict[str, str]:
    """annotator -> file name (``alice.db``); refuses bad or duplicate names, and two names
    that would give one file name (``a/b`` and ``a_b``; ``Alice`` and ``alice`` on a
    case-insensitive disk)."""
    if not people:
        raise ProjectError("assign needs at least one annotator (--to alice,bob)")
    names: dict[str, str] = {}
    seen: dict[str, str] = {}
    for raw in people:
        try:
            name = check_person_name(raw.strip())
        except ValueError as exc:
            raise ProjectError(f"--to: {exc}") from None
        file = _UNSAFE.sub("_", name)
        file = ("_" + file[1:] if file.startswith(".") else file) + ".db"
        key = file.casefold()
        if name in names or key in seen:
            other = seen.get(key, name)
            raise ProjectError(f"--to: {name!r} and {other!r} would share the file {file}")
        names[name] = file
        seen[key] = name
    return names


def assign(project: Project, people: Sequence[str], out_dir: str | os.PathLike[str], who: str,
           *, overlap: float = 0.0, seed: int | None = None, force: bool = False
           ) -> AssignReport:
    """Split ``project``'s articles between ``people``, write their packages into
    ``out_dir`` and record the plan in ``project``; see the module doc."""
    return record(project, write_packages(project, people, out_dir, who, overlap=overlap,
                                          seed=seed, force=force))


def record(project: Project, report: AssignReport) -> AssignReport:
    """Record the plan of packages ``write_packages`` wrote (the window: on the GUI thread,
    after a worker wrote them through its own read-only connection)."""
    project.record_plan(report.plan, report.who, report.overlap, report.folder,
                        report.plan_rows, report.at)
    return report


def write_packages(project: Project, people: Sequence[str], out_dir: str | os.PathLike[str],
                   who: str, *, overlap: float = 0.0, seed: int | None = None,
                   force: bool = False) -> AssignReport:
    """Write every package (``project`` may be open read-only); the plan is not recorded."""
    started = time.perf_counter()
    files = package_names(people)
    folder = Path(out_dir).expanduser()
    targets = {name: folder / file for name, file in files.items()}
    refuse_existing(targets.values(), force)
    if folder.exists() and not folder.is_dir():
        raise ProjectError(f"{folder} is a file, not a folder; nothing was written")
    folder.mkdir(parents=True, exist_ok=True)
    sweep_partials(folder)
    ids = [row[0] for row in project.conn.execute("SELECT id FROM articles ORDER BY id")]
    if not ids:
        raise ProjectError(f"{project.path} has no articles to assign; nothing was written")
    shares = split(ids, list(files), overlap, seed)
    plan, stamp = secrets.token_hex(8), cx.now()
    report = AssignReport(plan, overlap, who=who, at=stamp, folder=str(folder.resolve()))
    tokens = {name: secrets.token_hex(16) for name in files}
    staging = folder / f".assign.{os.getpid()}.partial"  # swept by a later run if killed
    staging.mkdir()
    partials = {name: staging / file for name, file in files.items()}
    try:
        for name, share in shares.items():
            origin = {"master": project.path.name, "master_path": str(project.path.resolve()),
                      "master_title": project.title, "plan": plan,
                      "annotator": name, "token": tokens[name], "at": stamp, "by": who}
            spans = _write_package(project, partials[name], targets[name], name,
                                   [i for i, _ in share], origin)
            report.packages.append(Package(name, targets[name], len(share),
                                           sum(1 for _, s in share if s), spans))
        for name in files:
            os.replace(partials[name], targets[name])
    except OSError as exc:  # about the staging folder: name the file the user asked for
        where = Path(os.fsdecode(exc.filename)) if exc.filename else None
        if where is not None and where.parent == staging:
            raise OSError(exc.errno, exc.strerror, str(folder / where.name)) from exc
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.plan_rows = {name: (files[name], tokens[name], shares[name]) for name in files}
    report.seconds = time.perf_counter() - started
    return report


# ------------------------------------------------------------------------------- internals
def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]


def _write_package(project: Project, path: Path, target: Path, name: str,
                   article_ids: list[int], origin: dict[str, str]) -> int:
    """One package at ``path`` (a new file); returns how many of ``name``'s spans it holds."""
    from annotator.store.project import Project as _Project

    title = f"{project.title} ({name})"
    _Project.create(path, title=title, labels=[], who=origin["by"]).close()
    conn = sqlite3.connect(f"file:{urllib.parse.quote(str(path))}", uri=True,
                           isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to hand out
        conn.execute("ATTACH DATABASE ? AS master",
                     (f"file:{urllib.parse.quote(str(project.path))}?mode=ro",))
        conn.execute("BEGIN IMMEDIATE")
        _copy_rows(conn, name, json.dumps(article_ids), origin, title)
        spans = conn.execute("SELECT count(*) FROM main.spans").fetchone()[0]
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE master")
    except sqlite3.Error as exc:
        raise ProjectError(f"could not write {target}: {exc}; nothing was written") from exc
    finally:
        conn.close()
    return int(spans)


def _copy_rows(conn: sqlite3.Connection, name: str, ids: str, origin: dict[str, str],
               title: str) -> None:
    chosen = "(SELECT value FROM json_each(:ids))"
    labels = ", ".join(f'"{c}"' for c in _columns(conn, "labels"))
    conn.execute(f"INSERT INTO main.labels({labels}) SELECT {labels} FROM {_MASTER}.labels")
    conn.execute(
        f"INSERT INTO main.meta(key, value) SELECT key, value FROM {_MASTER}.meta "
        f"WHERE key IN ({', '.join('?' * len(_CARRIED_META))}) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", _CARRIED_META)
    conn.execute("INSERT OR REPLACE INTO main.meta(key, value) VALUES (?, ?)",
                 (ASSIGNED_FROM, json.dumps(origin, ensure_ascii=False)))
    # what the window's status bar says of the file: "alice.db, made from news.db (work for
    # alice) 2026-11-30 10:12", as a snapshot says "a copy of"
    cx.write_origin(conn, json.dumps({"kind": f"work for {name}", "file": origin["master"],
                                      "path": origin["master_path"], "made": origin["at"]},
                                     ensure_ascii=False))
    for table in ("companies", "company_aliases", "company_tickers"):  # the registry travels
        cols = ", ".join(f'"{c}"' for c in _columns(conn, table))
        if cols and conn.execute(f"SELECT 1 FROM {_MASTER}.sqlite_master WHERE type = 'table' "
                                 "AND name = ?", (table,)).fetchone():  # (a master before m010)
            conn.execute(f"INSERT INTO main.{table}({cols}) SELECT {cols} FROM {_MASTER}.{table}")
    articles = [c for c in _columns(conn, "articles") if c != "status"]
    listed = ", ".join(f'"{c}"' for c in articles)
    conn.execute(f"INSERT INTO main.articles({listed}, status) SELECT {listed}, 'todo' "
                 f"FROM {_MASTER}.articles WHERE id IN {chosen} ORDER BY id", {"ids": ids})
    spans = ", ".join(f'"{c}"' for c in _columns(conn, "spans"))
    conn.execute(f"INSERT INTO main.spans({spans}) SELECT {spans} FROM {_MASTER}.spans "
                 f"WHERE annotator = :name AND article_id IN {chosen} ORDER BY rowid",
                 {"name": name, "ids": ids})
    statuses = ", ".join(f'"{c}"' for c in _columns(conn, "article_statuses"))
    if statuses:  # per-annotator statuses (schema m004): that person's own come along
        conn.execute(f"INSERT INTO main.article_statuses({statuses}) SELECT {statuses} "
                     f"FROM {_MASTER}.article_statuses WHERE annotator = :name "
                     f"AND article_id IN {chosen}", {"name": name, "ids": ids})
    _copy_scheme(conn)
    relations = ", ".join(f'"{c}"' for c in _columns(conn, "relations"))
    conn.execute(f"INSERT INTO main.relations({relations}) SELECT {relations} "
                 f"FROM {_MASTER}.relations r WHERE r.from_span IN (SELECT id FROM main.spans) "
                 f"AND r.to_span IN (SELECT id FROM main.spans) "
                 # the master's order: relations made in the same instant keep theirs
                 f"ORDER BY r.created_at, r.rowid")
    _copy_values(conn, name, ids)
    conn.execute(
        "INSERT INTO main.changes(at, who, action, entity, entity_id, data) "
        "VALUES (?, ?, 'assign.receive', 'plan', ?, ?)",
        (origin["at"], origin["by"], origin["plan"],
         json.dumps({"master": origin["master"], "annotator": name, "title": title,
                     "articles": len(json.loads(ids))}, ensure_ascii=False)))


#: The scheme's definitions (m009), copied whole: a package annotates with the master's scheme.
_DEFINITIONS = ("label_attributes", "article_attribute_defs", "relation_types", "relation_ends")


def _copy_scheme(conn: sqlite3.Connection) -> None:
    """The master's attribute and relation definitions; a master older than m009 (read-only,
    never upgraded) has none: the package gets what m009 would have given it."""
    if not has_scheme_tables(conn, _MASTER):
        from annotator.store.scheme_store import install_m009_definitions

        install_m009_definitions(conn)
        return
    for table in _DEFINITIONS:
        columns = ", ".join(f'"{c}"' for c in _columns(conn, table))
        conn.execute(f"INSERT INTO main.{table}({columns}) SELECT {columns} "
                     f"FROM {_MASTER}.{table}")


def _copy_values(conn: sqlite3.Connection, name: str, ids: str) -> None:
    """The attribute values of the spans handed out, and ``name``'s own article attributes of
    the articles handed out (nobody else's: shared articles are annotated blind)."""
    if not has_scheme_tables(conn, _MASTER):
        return
    columns = ", ".join(f'"{c}"' for c in _columns(conn, "span_attributes"))
    conn.execute(f"INSERT INTO main.span_attributes({columns}) SELECT {columns} "
                 f"FROM {_MASTER}.span_attributes WHERE span_id IN (SELECT id FROM main.spans)")
    columns = ", ".join(f'"{c}"' for c in _columns(conn, "article_attributes"))
    conn.execute(f"INSERT INTO main.article_attributes({columns}) SELECT {columns} "
                 f"FROM {_MASTER}.article_attributes WHERE annotator = :name "
                 "AND article_id IN (SELECT value FROM json_each(:ids))",
                 {"name": name, "ids": ids})
