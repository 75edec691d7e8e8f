"""Whole processes timed from the outside: what the user waits for at the command line, start-up
imports included, next to a floor that is a process too."""

from __future__ import annotations

import subprocess
import sys
import time

from benchmarks.common import ROOT, child_env, warm_bytecode


def process_seconds(args: list[str], env_extra: dict[str, str] | None = None) -> float:
    """Wall time of ``python ARGS`` (this interpreter, this checkout first on the path), its
    output discarded; raises with the end of stderr if it fails."""
    warm_bytecode()
    env = child_env(env_extra)
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, timeout=3600, check=False)
    seconds = time.perf_counter() - t0
    if result.returncode != 0:
        raise RuntimeError(f"python {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return seconds


def cli_seconds(args: list[str], env_extra: dict[str, str] | None = None) -> float:
    """Wall time of ``annotator ARGS`` as a user runs it (``python -m annotator``)."""
    return process_seconds(["-m", "annotator", *args], env_extra)
