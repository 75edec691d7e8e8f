"""What other programs do to a project file: shared by the store, CLI and window tests.

Each attack in ``UNDER_THE_WINDOW`` acts on the path of a project that is open for writing and
returns the path of a file that must never be written by us afterwards (or None).
"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

from annotator.store import Project


def _other_project(path: Path) -> Path:
    other = path.with_name("someone-else.db")
    Project.create(other, title="someone else's").close()
    return other


def delete(path: Path) -> Path | None:
    path.unlink()
    return None


def replace_with_another_project(path: Path) -> Path | None:
    os.replace(_other_project(path), path)
    return path


def rename_away(path: Path) -> Path | None:
    path.rename(path.with_name("moved-away.db"))
    return None


def put_an_empty_file_in_its_place(path: Path) -> Path | None:
    path.unlink()
    path.write_bytes(b"")
    return path


UNDER_THE_WINDOW: dict[str, Callable[[Path], Path | None]] = {
    "delete": delete,
    "replace": replace_with_another_project,
    "rename-away": rename_away,
    "empty-file": put_an_empty_file_in_its_place,
}


def truncate_half(path: Path) -> None:
    os.truncate(path, os.path.getsize(path) // 2)


def random_body(path: Path) -> None:
    """Keep the 100-byte header (so it still looks like ours) and fill the rest with noise."""
    size = os.path.getsize(path)
    with open(path, "r+b") as fh:
        fh.seek(100)
        fh.write(random.Random(size).randbytes(size - 100))


def damage_an_index_page(path: Path) -> None:
    """Overwrite one index page: the file opens and reads, but ``quick_check`` fails."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master "
                            "WHERE name = 'sqlite_autoindex_articles_1'").fetchone()[0]
    finally:
        conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)
