"""Errors the store raises. Each message is one line a user can act on."""

from __future__ import annotations


class ProjectError(Exception):
    """Base class: a known, user-facing problem with a project file."""


class ProjectNotFound(ProjectError):
    pass


class NotAProject(ProjectError):
    pass


class NewerSchema(ProjectError):
    pass


class ProjectLocked(ProjectError):
    pass


class CorruptProject(ProjectError):
    pass


class ProjectExists(ProjectError):
    pass


class InvariantError(ProjectError):
    """A span whose offsets or covered text do not match its article."""


class NotFound(ProjectError):
    pass


class LabelError(ProjectError):
    pass


class LabelInUse(LabelError):
    def __init__(self, name: str, count: int) -> None:
        super().__init__(f"label '{name}' is used by {count} span(s); relabel or delete them first")
        self.name = name
        self.count = count


class ImportFailed(ProjectError):
    """A bad record aborted an import; nothing was imported."""


class ReadOnlyProject(ProjectError):
    pass


class ProjectFileLost(ProjectError):
    """The path no longer names the file this project opened: it was deleted, replaced, moved
    away or emptied by another program. Writes are refused for the rest of the session."""
