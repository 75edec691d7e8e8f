"""Files and folders -> ArticleRecords -> one all-or-nothing import (no Qt).

``read_records`` yields records lazily (a 50 MB JSONL file is streamed, never held as a list),
each with ``where`` = "file:line" for messages. A record that cannot become an article is yielded
as a ``BadRecord``; a file that is unusable as a whole raises ``ReadError``. ``import_paths``
turns both into the import's rules: without ``skip_bad`` the first one aborts the whole import
(one transaction, rolled back: nothing is imported); with it they are reported as skipped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import ArticleRecord
from annotator.importing.readers import read_file, read_records
from annotator.importing.records import checked_names
from annotator.importing.source import (
    FORMATS,
    MAX_ARTICLE_SIZE,
    BadRecord,
    ReadError,
    collect,
    noting_encodings,
    size_problem,
)
from annotator.store.article_import import ImportReport, Progress
from annotator.store.errors import ImportFailed

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = [
    "FORMATS", "MAX_ARTICLE_SIZE", "BadRecord", "ImportReport", "ReadError", "check_paths",
    "collect", "import_files", "import_paths", "read_file",
    "read_records",
]


def import_paths(project: Project, paths: Iterable[str | os.PathLike[str]], who: str, *,
                 skip_bad: bool = False, create_labels: bool = False, text_field: str = "text",
                 format: str | None = None, progress: Progress | None = None,
                 max_size: int = MAX_ARTICLE_SIZE, restore: bool = False) -> ImportReport:
    """Import every article under ``paths`` into ``project`` in one transaction.

    Raises ReadError before anything starts when a path does not exist (or a folder holds
    nothing importable); ImportFailed ("where: reason; nothing was imported") for the first bad
    record, unusable file or article over ``max_size`` bytes unless ``skip_bad``;
    ImportCancelled when ``progress`` returns False. Pipes, devices and broken or looping
    links are never opened: they are named in ``report.unread``.
    """
    refused: list[str] = []
    files = collect(paths, format=format, skipped=refused)
    return import_files(project, files, lambda path: read_file(
        path, text_field=text_field, format=format, max_size=max_size), who, skip_bad=skip_bad,
        create_labels=create_labels, progress=progress, max_size=max_size, refused=refused,
        restore=restore)


def import_files(project: Project, files: Iterable[Path],
                 read: Callable[[Path], Iterable[ArticleRecord | BadRecord]], who: str, *,
                 skip_bad: bool = False, create_labels: bool = False,
                 progress: Progress | None = None, max_size: int = MAX_ARTICLE_SIZE,
                 refused: Iterable[str] = (), restore: bool = False) -> ImportReport:
    """The import's rules over any reader: ``read(path)`` yields records or BadRecords and may
    raise ReadError for a whole file; without ``skip_bad`` the first problem aborts the one
    transaction, with it the problem is reported in ``report.skipped``. A record whose text is
    over ``max_size`` bytes (UTF-8) is a bad record. ``refused`` (files never opened, with
    why) becomes ``report.unread``; ``report.encodings`` names every file that was not
    UTF-8. An article deleted from the project before is left out and named in
    ``report.deleted``, unless ``restore`` brings it back."""
    skipped: list[str] = []

    def records() -> Generator[ArticleRecord, None, None]:
        for path in files:
            yielded = False
            try:
                for item in read(path):
                    if not isinstance(item, BadRecord):
                        problem = size_problem(item.text, max_size)
                        if problem is not None:
                            item = BadRecord(item.where, problem)
                    if isinstance(item, ArticleRecord):
                        item = checked_names(item)
                    if isinstance(item, BadRecord):
                        if not skip_bad:
                            raise ImportFailed(f"{item}; nothing was imported")
                        skipped.append(str(item))
                    else:
                        yielded = True
                        yield item
            except ReadError as exc:
                if not skip_bad:
                    raise ImportFailed(f"{exc}; nothing was imported") from exc
                rest = "the rest of the file" if yielded else "file"
                skipped.append(f"{exc} ({rest} skipped)")

    stream = records()
    with noting_encodings() as encodings:
        try:
            report = project.add_articles(stream, who, skip_bad=skip_bad,
                                          create_labels=create_labels, progress=progress,
                                          restore=restore)
        finally:
            stream.close()  # an aborted import leaves no file open
    report.skipped[:0] = skipped
    report.unread = list(refused)
    report.encodings = encodings
    return report


class _Rollback(Exception):
    """Raised to undo a trial import (see ``check_paths``)."""


def check_paths(project: Project, paths: Iterable[str | os.PathLike[str]], who: str,
                **options: Any) -> ImportReport:
    """What ``import_paths(..., skip_bad=True)`` would do, written nowhere: the same import
    in a transaction that is rolled back. Its report names every bad file and record with
    its line (``skipped``), and counts the good ones (``added``)."""
    options["skip_bad"] = True
    report = ImportReport()
    try:
        with project.transaction():
            report = import_paths(project, paths, who, **options)
            raise _Rollback
    except _Rollback:
        pass
    return report
