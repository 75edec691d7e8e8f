"""Errors of team review; each message is one line a user can act on."""

from __future__ import annotations

from annotator.store.errors import CorruptProject, ProjectError


class ReviewError(ProjectError):
    """A review request that cannot be met (unknown annotator or label, too few annotators)."""


class UntrustedFile(CorruptProject):
    """A teammate's file failed a check; the message says which. Nothing was merged."""
