"""Label schemes: the default one and reading a scheme file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from annotator.core.model import Label
from annotator.core.names import BadName, check_label_name

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
    """Read a label scheme: a JSON list of objects (name, color, hotkey, description) or a
    plain text file with one label name per line."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"{path}: cannot read the label scheme ({exc})") from exc
    entries: list[dict]
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise SchemeError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
        if isinstance(data, dict):
            data = data.get("labels", [])
        if not isinstance(data, list):
            raise SchemeError(f"{path}: expected a list of labels")
        entries = [e if isinstance(e, dict) else {"name": e} for e in data]
    else:
        entries = [{"name": line.strip()} for line in raw.splitlines() if line.strip()]
    labels: list[Label] = []
    seen_names: set[str] = set()
    seen_keys: set[str] = set()
    for i, entry in enumerate(entries):
        try:
            name = check_label_name(str(entry.get("name", "")).strip())
        except BadName as exc:
            raise SchemeError(f"{path}: label {i + 1}: {exc}") from None
        if name in seen_names:
            raise SchemeError(f"{path}: label '{name}' appears twice")
        hotkey = entry.get("hotkey", str(i + 1) if i < 9 else None)
        hotkey = str(hotkey) if hotkey not in (None, "") else None
        if hotkey is not None and hotkey in seen_keys:
            raise SchemeError(f"{path}: hotkey '{hotkey}' is given to two labels")
        seen_names.add(name)
        if hotkey:
            seen_keys.add(hotkey)
        color = check_color(str(entry.get("color") or PALETTE[i % len(PALETTE)]))
        labels.append(Label(name, color, hotkey, str(entry.get("description", "")), i))
    if not labels:
        raise SchemeError(f"{path}: the scheme has no labels")
    return labels
