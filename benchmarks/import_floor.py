"""The floor processes of the import rows: ``python -m benchmarks.import_floor KIND SOURCE DB``.

Only the standard library (``sqlite3``, ``json``, ``hashlib``, ``uuid``; ``benchmarks.common``
for the store's pragmas): what any import of the same rows must do at least, in a process of its
own. ``DB`` is an empty project file (made by
``Project.create``, not timed), written in one transaction with the store's pragmas.

* ``txt``: read every ``*.txt`` file of the folder SOURCE (UTF-8), hash it, insert one article
  per file.
* ``cluener``: parse the CLUENER JSON lines of SOURCE, insert the labels, the articles (texts
  deduplicated by sha256) and their spans (inclusive ends made exclusive).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import uuid
from pathlib import Path

from benchmarks.common import raw_connect

STAMP = "2026-11-30T08:00:00.000Z"
_ARTICLES = ("INSERT INTO articles(uid, title, language, text, sha256, original_file, imported_at)"
             " VALUES (?,?,?,?,?,?,?)")
_SPANS = ('INSERT INTO spans(id, article_id, label, start, "end", text, annotator, origin, '
          "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")


def _txt(folder: Path, conn: sqlite3.Connection) -> int:
    rows = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        rows.append((uuid.uuid4().hex, text[:80].split("\n", 1)[0], "zh", text,
                     hashlib.sha256(text.encode("utf-8")).hexdigest(), str(path), STAMP))
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(_ARTICLES, rows)
    conn.execute("COMMIT")
    return len(rows)


def _cluener(source: Path, conn: sqlite3.Connection) -> int:
    seen: set[str] = set()
    articles = []
    spans = []
    labels: dict[str, None] = {}
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj["text"]
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            articles.append((uuid.uuid4().hex, text[:80], "zh", text, digest, str(source),
                             STAMP))
            number = len(articles)  # the new file's ids are 1, 2, ...
            for name, surfaces in (obj.get("label") or {}).items():
                labels[name] = None
                for surface, pairs in surfaces.items():
                    for start, end in pairs:
                        spans.append((uuid.uuid4().hex, number, name, start, end + 1, surface,
                                      "bench", "imported", STAMP, STAMP))
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT OR IGNORE INTO labels(name, color, position) VALUES (?, '#888888', ?)",
                     [(name, i) for i, name in enumerate(labels)])
    conn.executemany(_ARTICLES, articles)
    conn.executemany(_SPANS, spans)
    conn.execute("COMMIT")
    return len(articles)


def main(argv: list[str]) -> int:
    kind, source, db = argv
    conn = raw_connect(db)
    try:
        count = (_txt if kind == "txt" else _cluener)(Path(source), conn)
    finally:
        conn.close()
    print(json.dumps({"articles": count, "pid": os.getpid()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
