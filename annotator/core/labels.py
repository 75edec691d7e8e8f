"""Label schemes: the default one and reading a scheme file."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.model import Label

DEFAULT_SCHEME: tuple[Label, ...] = (
    Label("claim", "#d62728", "1", "An assertion the article makes or reports", 0),
    Label("figure", "#1f77b4", "2", "A number, amount, share or date that carries a fact", 1),
    Label("company", "#2ca02c", "3", "A company, brand or platform named in the text", 2),
    Label("strategy", "#ff7f0e", "4", "A plan, tactic or strategic move of a company", 3),
)

#: Colors handed to labels created without one, chosen to stay apart from each other.
PALETTE = (
    "#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd",
    "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
)

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class SchemeError(ValueError):
    pass


def check_color(color: str) -> str:
    if not _COLOR.match(color):
        raise SchemeError(f"'{color}' is not a color of the form #rrggbb")
    return color.lower()


def load_scheme(path: str | Path) -> list[Label]:
    """The labels of a scheme file (any shape ``core.scheme.load_scheme_file`` reads; its
    attributes and relations are read and checked too, and dropped here)."""
    from annotator.core.scheme import load_scheme_file

    return list(load_scheme_file(path).labels)
