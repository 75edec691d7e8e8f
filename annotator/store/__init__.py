"""The project file (no Qt). ``Project`` is the one API that reads and writes it."""

from annotator.storage_import import import_sqlite_utils

import_sqlite_utils()  # first: numpy and pandas kept out (storage_import.py)

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
