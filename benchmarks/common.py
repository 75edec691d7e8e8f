"""Shared helpers: timing, rows of the result table, generated corpora."""

from __future__ import annotations

import atexit
import hashlib
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path


@dataclass
class Row:
    """One line of the table: what we measured, next to its floor and the goal for the ratio."""

    name: str
    measured: float
    unit: str  # "s", "ms", "MB", ...
    floor: float | None = None
    floor_name: str = ""
    goal: str = ""  # e.g. "<= 2x" or "p95 <= 1 ms"
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.measured / self.floor


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    return min(timed(fn) for _ in range(repeat))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc), else the peak from getrusage."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


ZH_WORDS = ("阿里", "京东", "拼多多", "苏宁", "今年", "用户", "下沉", "市场", "增长", "电商", "平台",
            "战略", "新增", "至少", "1亿", "双十一", "直播", "零售", "县城", "消费者", "补贴", "物流")
EN_WORDS = ("the", "platform", "said", "growth", "users", "retail", "market", "strategy", "sales",
            "Alibaba", "JD", "Pinduoduo", "rose", "percent", "3.5%", "county", "towns")


def zh_article(rng: random.Random, chars: int = 3000) -> str:
    """A generated Chinese article of about ``chars`` characters in short paragraphs."""
    out: list[str] = []
    size = 0
    para = 0
    while size < chars:
        word = rng.choice(ZH_WORDS)
        out.append(word)
        size += len(word)
        para += len(word)
        if rng.random() < 0.08:
            out.append("，" if rng.random() < 0.7 else "。")
            size += 1
        if para > 200:
            out.append("。\n")
            size += 2
            para = 0
    return "".join(out)


def format_table(rows: list[Row], machine: str) -> str:
    head = f"{'benchmark':<52} {'measured':>12} {'floor':>12} {'ratio':>7}  goal"
    lines = [machine, head, "-" * len(head)]
    for r in rows:
        floor = "" if r.floor is None else f"{r.floor:.4g} {r.unit}"
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}x"
        mark = {True: "ok", False: "MISSED", None: ""}[r.ok]
        lines.append(f"{r.name:<52} {r.measured:>9.4g} {r.unit:<2} {floor:>12} {ratio:>7}  "
                     f"{r.goal} {mark}".rstrip())
        if r.floor_name:
            lines.append(f"{'':<4}floor: {r.floor_name}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- store fixtures
# Added for bench_store / bench_import / bench_export: a generated corpus and one big project
# (articles + spans) built once per process and shared by the modules of one run.

CORPUS_SEED = 20240602


def progress(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


@lru_cache(maxsize=4)
def zh_corpus(count: int, seed: int = CORPUS_SEED, chars: int = 3000) -> tuple[str, ...]:
    """``count`` generated Chinese articles (``zh_article``, fixed seed), each prefixed with its
    number so every text (and sha256) is distinct. Cached: shared by the modules of one run."""
    rng = random.Random(seed)
    return tuple(f"第{i}篇\n{zh_article(rng, chars)}" for i in range(count))


def raw_connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A plain sqlite3 connection with the store's pragmas (the floor of write benchmarks).
    Autocommit mode: callers issue BEGIN / COMMIT themselves."""
    conn = sqlite3.connect(os.fspath(path), isolation_level=None)
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


_TEMP_DIRS: list[tempfile.TemporaryDirectory[str]] = []


def temp_dir(prefix: str = "annotator-bench-") -> Path:
    """A temporary folder removed when the process exits (kept alive across modules)."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    _TEMP_DIRS.append(tmp)
    atexit.register(tmp.cleanup)
    return Path(tmp.name)


@dataclass
class SpanProject:
    """A closed project file with ``articles`` articles and ``spans`` spans (valid: every span's
    text is its article's slice)."""

    path: Path
    articles: int
    spans: int
    lengths: dict[int, int]  # article id -> text length
    build_seconds: float


_BIG: dict[bool, SpanProject] = {}


def span_project(quick: bool) -> SpanProject:
    """The shared big project: 10k articles / 1M spans (quick: 1k / 100k). Articles go in through
    ``Project.add_articles``; spans through one raw ``executemany`` (building the fixture is not
    what we measure). Built once per process."""
    if quick in _BIG:
        return _BIG[quick]
    from annotator.core.model import ArticleRecord
    from annotator.store import Project

    n_articles, n_spans = (1_000, 100_000) if quick else (10_000, 1_000_000)
    texts = zh_corpus(n_articles)
    path = temp_dir() / "big.db"
    t0 = time.perf_counter()
    progress(f"building fixture: {n_articles:,} articles, {n_spans:,} spans ...")
    with Project.create(path, title="bench") as project:
        project.add_articles(
            (ArticleRecord(text=t, title=f"article {i}", source="bench", language="zh")
             for i, t in enumerate(texts)), "bench")
        ids = [r[0] for r in project.conn.execute("SELECT id FROM articles ORDER BY id")]
        labels = [lb.name for lb in project.labels()]
    lengths = {aid: len(t) for aid, t in zip(ids, texts)}
    rng = random.Random(CORPUS_SEED + 1)
    per_article = n_spans // n_articles
    stamp = "2024-06-02T08:00:00.000Z"
    annotators = ("ann", "bo", "chen")
    rand = rng.random
    rows = []
    for aid, text in zip(ids, texts):
        length = len(text)
        for _ in range(per_article):
            start = int(rand() * (length - 40))
            end = start + 1 + int(rand() * 30)
            rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), aid,
                         labels[int(rand() * len(labels))], start, end, text[start:end],
                         annotators[int(rand() * 3)], "", "manual", "{}", stamp, stamp))
    insert_spans_raw(path, rows)
    del rows
    big = SpanProject(path, n_articles, per_article * n_articles, lengths,
                      time.perf_counter() - t0)
    progress(f"fixture built in {big.build_seconds:.1f} s "
             f"({path.stat().st_size / 1e6:.0f} MB)")
    _BIG[quick] = big
    return big


def insert_spans_raw(path: Path, rows: list[tuple]) -> None:
    """Span rows (id, article_id, label, start, end, text, annotator, note, origin, provenance,
    created_at, updated_at) in one raw transaction: building a fixture is not what we measure."""
    conn = raw_connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            'INSERT INTO spans(id, article_id, label, start, "end", text, annotator, note, '
            "origin, provenance, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_dir() -> Path:
    """~/.cache/annotator-bench: generated projects (scale.py) and our bytecode (child_env)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "annotator-bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


ROOT = Path(__file__).resolve().parents[1]


def child_env(env_extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a timed child process: this checkout first on the path, and Python's
    bytecode cache on, kept in ``cache_dir()/pycache`` (never in the checkout).

    A user's installed package loads its modules compiled, and so do PySide6 and sqlite-utils
    (installed with their .pyc files) in the floors. Under PYTHONDONTWRITEBYTECODE, which this
    machine's sessions set, every child compiled our ~60 modules from source on each start
    (about 0.2 s of the window's start-up, none of the floor's): a cost no user pays."""
    env = dict(os.environ, **(env_extra or {}))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


@cache
def warm_bytecode() -> None:
    """Compile what the timed children import into the bytecode cache once, before anything
    is timed (what installing a package does). With a cache prefix Python keeps every .pyc
    there, the installed libraries' too, so they are warmed here as well; a module none of
    these import is compiled by the first child that needs it, once per machine."""
    import subprocess
    import sys

    modules = ("annotator.app", "annotator.cli", "annotator.formats", "annotator.importing",
               "annotator.review.merge", "annotator.review_cli", "annotator.ui.dashboard",
               "jieba", "charset_normalizer")
    code = (f"import importlib\nfor m in {modules!r}:\n"
            "    try: importlib.import_module(m)\n    except Exception: pass")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False, capture_output=True,
                   env=child_env({"QT_QPA_PLATFORM": "offscreen"}), timeout=900)


def spawn_child(module: str, mode: str, path: Path, quick: bool,
                env_extra: dict[str, str] | None = None) -> dict:
    """Run ``python -m module mode path`` offscreen in a fresh process (honest start-up and
    memory figures) and return the JSON object its last stdout line prints."""
    import json
    import subprocess
    import sys

    warm_bytecode()
    root = ROOT
    env = child_env({"QT_QPA_PLATFORM": "offscreen", **(env_extra or {})})
    result = subprocess.run(
        [sys.executable, "-m", module, mode, str(path), "--quick" if quick else "--full"],
        cwd=root, env=env, capture_output=True, text=True, timeout=900, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{module} {mode} failed:\n{result.stderr[-3000:]}")
    out: dict = json.loads(result.stdout.strip().splitlines()[-1])
    return out
