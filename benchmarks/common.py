"""Shared helpers: timing, rows of the result table, generated corpora."""

from __future__ import annotations

import os
import random
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


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
