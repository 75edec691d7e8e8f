"""The project file (no Qt). ``Project`` is the one API that reads and writes it."""

import importlib
import sys


def _load_sqlite_utils() -> None:
    """Import sqlite-utils without letting it pull in numpy and pandas.

    sqlite-utils imports both at import time when they are installed (to map their types), which
    costs ~0.3 s of start-up and ~22 MB in the window; we never store numpy or pandas values.
    The block is lifted right after, so anything else may import them normally.
    """
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        importlib.import_module("sqlite_utils")
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


_load_sqlite_utils()

# ruff: noqa: E402

from annotator.store.article_import import ImportCancelled, ImportReport
from annotator.store.connection import projects_home, resolve_path
from annotator.store.errors import (
    CorruptProject,
    ImportFailed,
    InvariantError,
    LabelError,
    LabelInUse,
    NewerSchema,
    NotAProject,
    NotFound,
    ProjectError,
    ProjectExists,
    ProjectFileLost,
    ProjectLocked,
    ProjectNotFound,
    ReadOnlyProject,
)
from annotator.store.project import Project

__all__ = [
    "CorruptProject", "ImportCancelled", "ImportFailed", "ImportReport", "InvariantError",
    "LabelError", "LabelInUse", "NewerSchema", "NotAProject", "NotFound", "Project",
    "ProjectError", "ProjectExists", "ProjectFileLost", "ProjectLocked", "ProjectNotFound",
    "ReadOnlyProject", "projects_home", "resolve_path",
]
