"""Import of generated Chinese articles: ``Project.add_articles`` vs raw ``executemany``.

The floor inserts the very same rows (sha256 and ids computed beforehand) into an identical empty
project file (created by ``Project.create``: same table, indexes and pragmas) in one transaction.
``add_articles`` additionally hashes each text, dedupes by sha256, checks every record and writes
the change log, all in one transaction.

The user's paths are whole processes: ``annotator import`` of a folder of .txt files, and of
CLUENER2020's train.json with ``--format cluener`` (when the shared data is present), each next to
a process that does the least any import must (``benchmarks/import_floor.py``: read or parse,
hash, raw insert of the same rows, standard library only).
"""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path

from benchmarks.common import (
    Row,
    progress,
    raw_connect,
    sha256_hex,
    timed,
    zh_corpus,
)
from benchmarks.processes import cli_seconds, process_seconds

#: CLUENER2020's train.json, where the team keeps shared data (next to the checkout or its parent).
CLUENER = [Path(__file__).resolve().parents[up] / "shared" / "data" / "cluener" / "train.json"
           for up in (2, 3)]
STAMP = "2024-06-02T08:00:00.000Z"
FLOOR_NAME = "raw executemany of the same rows, same schema/pragmas, one transaction"


def _records(texts):
    from annotator.core.model import ArticleRecord

    return [ArticleRecord(text=t, title=f"article {i}", source="bench", language="zh",
                          where=f"bench:{i + 1}") for i, t in enumerate(texts)]


def _remove(path: Path) -> None:
    for f in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        f.unlink(missing_ok=True)


def _empty_project(folder: Path, name: str) -> Path:
    from annotator.store import Project

    path = folder / f"{name}.db"
    Project.create(path, title=name).close()
    return path


def _floor(folder: Path, name: str, rows: list[tuple]) -> float:
    path = _empty_project(folder, name)
    conn = raw_connect(path)
    try:
        def insert() -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO articles(uid, title, source, url, published, language, text, "
                "sha256, status, original_file, external_id, imported_at, meta) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            conn.execute("COMMIT")
        return timed(insert)
    finally:
        conn.close()
        _remove(path)


def _store(folder: Path, name: str, records: list) -> float:
    from annotator.store import Project

    path = _empty_project(folder, name)
    with Project.open(path) as project:
        seconds = timed(lambda: project.add_articles(records, "bench"))
        added = project.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    _remove(path)
    assert added == len(records), (added, len(records))
    return seconds


def _from_files(folder: Path, name: str, paths: list[Path], expect: int | None,
                format: str | None = None) -> float:
    from annotator.importing import import_paths
    from annotator.store import Project

    path = _empty_project(folder, name)
    with Project.open(path) as project:
        seconds = timed(lambda: import_paths(project, paths, "bench", format=format))
        added = project.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    _remove(path)
    assert added == expect if expect is not None else added > 0, (added, expect)
    return seconds


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="annotator-bench-import-") as tmp:
        return _run(quick, Path(tmp))


def _run(quick: bool, folder: Path) -> list[Row]:
    n = 1_000 if quick else 10_000
    repeat = 3
    progress(f"generating {n:,} articles ...")
    texts = zh_corpus(n)
    records = _records(texts)
    rows = [(uuid.uuid4().hex, r.title, r.source, r.url, r.published, r.language, r.text,
             sha256_hex(r.text), r.status, r.original_file, r.external_id, STAMP,
             json.dumps(r.meta)) for r in records]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    floor_s: list[float] = []
    store_s: list[float] = []
    for i in range(repeat):  # interleaved, best of each: both see the same disk and cache state
        floor_s.append(_floor(folder, f"floor{i}", rows))
        store_s.append(_store(folder, f"store{i}", records))
        progress(f"import round {i + 1}/{repeat}: add_articles {store_s[-1]:.2f} s, "
                 f"floor {floor_s[-1]:.2f} s")
    floor = min(floor_s)
    measured = min(store_s)
    out = [Row(f"import {n:,} zh articles ({mb:.0f} MB) add_articles", measured, "s",
               floor, FLOOR_NAME, "<= 2x", measured / floor <= 2.0)]

    src = folder / "txt"
    src.mkdir()
    for i, t in enumerate(texts):
        (src / f"{i:05d}.txt").write_text(t, encoding="utf-8")
    out.append(_process_row(folder, f"import {n:,} .txt files (a folder)", ["txt", src],
                            [src], 3.0, "reading the files + raw insert"))
    out.append(_big_jsonl_row(folder, 10 if quick else 50))
    cluener = next((p for p in CLUENER if p.exists()), None)
    if cluener is None:
        out.append(Row("import --format cluener, CLUENER train: SKIPPED (no shared/data/"
                       "cluener/train.json)", 0.0, "s"))
    else:
        out.append(_process_row(folder, "import --format cluener, CLUENER train", ["cluener",
                                cluener], [cluener, "--format", "cluener", "--create-labels"],
                                2.0, "parsing the JSON lines + raw insert"))
    return out


def _process_row(folder: Path, name: str, floor_args: list, cli_args: list, goal: float,
                 floor_what: str) -> Row:
    """``annotator import PROJECT ...`` against ``python -m benchmarks.import_floor ...``, both
    whole processes (start-up imports count: the user waits for them), into empty projects;
    interleaved, best of three."""
    floor_s: list[float] = []
    cli_s: list[float] = []
    counts = set()
    for i in range(3):
        for kind, times in (("floor", floor_s), ("cli", cli_s)):
            path = _empty_project(folder, f"{kind}-process-{i}")
            if kind == "floor":
                times.append(process_seconds(["-m", "benchmarks.import_floor",
                                              *map(str, floor_args), str(path)]))
            else:
                times.append(cli_seconds(["import", str(path), *map(str, cli_args),
                                          "--annotator", "bench"]))
            conn = raw_connect(path)
            counts.add(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
            conn.close()
            _remove(path)
        progress(f"{name} round {i + 1}/3: annotator import {cli_s[-1]:.2f} s, "
                 f"floor {floor_s[-1]:.2f} s")
    assert len(counts) == 1, f"{name}: the floor and the import disagree: {counts}"
    floor, measured = min(floor_s), min(cli_s)
    return Row(f"{name}, whole process", measured, "s", floor,
               f"a process (stdlib only) {floor_what} of the same rows", f"<= {goal:g}x",
               measured <= goal * floor)


def _write_big_jsonl(path: Path, megabytes: int) -> int:
    """Records of ~9 KB of Chinese with CRLF inside and between them, up to ``megabytes``."""
    block = "".join(zh_corpus(3)).replace("\n", "")[:3000]
    n = size = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        while size < megabytes * 1024 * 1024:
            line = json.dumps({"text": f"第{n}篇\r\n{block}", "id": n}, ensure_ascii=False)
            fh.write(line + "\r\n")
            size += len(line.encode("utf-8")) + 2
            n += 1
    return n


def _big_jsonl_row(folder: Path, megabytes: int) -> Row:
    """The streamed import of one big JSONL file (moved here from a wall-clock limit of 60 s in
    tests/test_importing.py). Floor: reading the file and ``json.loads`` of every line."""
    src = folder / "big.jsonl"
    n = _write_big_jsonl(src, megabytes)

    def parse() -> None:
        with open(src, encoding="utf-8") as fh:
            for line in fh:
                json.loads(line)

    floor = timed(parse)
    seconds = _from_files(folder, "bigjsonl", [src], n)
    progress(f"import_paths of a {megabytes} MB JSONL file ({n:,} records): {seconds:.2f} s")
    src.unlink()
    return Row(f"import a {megabytes} MB JSONL file ({n:,} recs) via import_paths", seconds, "s",
               floor, "read + json.loads of every line", "<= 60 s", seconds <= 60)
