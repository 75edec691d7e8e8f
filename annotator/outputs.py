"""Files a command writes (no Qt): never replace one without being told, clean up after
killed runs, and name the user's file in errors rather than a hidden temporary one.

Every command that writes a file or folder (``export`` with its manifest and warnings files,
``agreement --html``, ``snapshot``, and the commands to come: ``assign --out``,
``registry export``, ``concordance --csv``) calls :func:`refuse_existing` before writing; the
window asks the user instead (``existing`` tells what would be replaced) and passes
``force=True`` once they agree.

Temporary files are ``.NAME.PID.partial`` (or ``.NAME.warnings.PID.partial``) next to the
output; :func:`sweep_partials` removes those whose process is gone (a killed export), and
:func:`public_error` turns an ``OSError`` about one of them into one about the output.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from annotator.store.errors import ProjectError

__all__ = ["OutputExists", "existing", "is_stdout", "public_error", "refuse_existing",
           "sweep_partials"]

#: ``.NAME.PID.partial``: what our writers name their temporary files and folders.
PARTIAL = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.partial$")


class OutputExists(ProjectError):
    """An output exists and ``--force`` was not given; nothing was written."""


def is_stdout(out: str | os.PathLike[str]) -> bool:
    """``-o -``: standard output."""
    return os.fspath(out) == "-"


def existing(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The paths that already exist (an empty folder does not count: nothing is lost)."""
    found = []
    for path in map(Path, paths):
        if path.is_dir() and not path.is_symlink():
            if any(path.iterdir()):
                found.append(path)
        elif path.exists() or path.is_symlink():
            found.append(path)
    return found


def refuse_existing(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
                    force: bool, *, flag: str = "--force") -> None:
    """Raise OutputExists naming the first of ``paths`` that exists, unless ``force``."""
    if force:
        return
    many = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    found = existing(many)
    if found:
        more = f" (and {len(found) - 1} more file(s) it writes)" if len(found) > 1 else ""
        raise OutputExists(f"{found[0]} already exists{more}; nothing was written (use "
                           f"{flag} to replace it)")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or we cannot tell: keep its file
    return True


def sweep_partials(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove our temporary files (and folders) in ``folder`` whose process is gone; return
    them. Anything else, and the files of a running export, stay."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = PARTIAL.match(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def public_error(exc: OSError, out: str | os.PathLike[str]) -> OSError:
    """``exc`` about ``out`` instead of our temporary file next to it (the same error when it
    is about something else)."""
    name = exc.filename
    if name is None or not PARTIAL.match(Path(os.fspath(name)).name):
        return exc
    return OSError(exc.errno or errno.EIO, exc.strerror or str(exc), os.fspath(out))
