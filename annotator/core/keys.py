"""The single keys the window keeps for itself, with their use (no Qt: the command line checks
a scheme file against the same list). ``ui/actions.py`` builds its shortcuts over this list and a
test checks every plain-key shortcut there appears here, so a label or a choice value can never
be given a key the window already answers to."""

from __future__ import annotations

RESERVED_KEYS: dict[str, str] = {
    "R": "create a relation; Reject in review mode",
    "N": "edit the span's note",
    "A": "Accept Left in review mode; accept a suggestion",
    "D": "Accept Right in review mode",
    "B": "Accept Both in review mode",
    "E": "Edit in review mode",
    "G": "Accept All Agreeing in review mode",
    "X": "reject a suggestion",
    "Delete": "delete the selected span or relation",
    "Enter": "confirm; accept a suggestion",
    "Return": "confirm; accept a suggestion",
    "Tab": "move between fields and relation targets",
    "Esc": "clear the selection",
    "Space": "scroll the article",
    "F1": "the keyboard shortcut sheet",
    "F8": "the next disagreement in review mode",
}

#: Other spellings of the same keys (Qt writes "Del", a person may type "escape").
_ALIASES = {"DEL": "DELETE", "ESCAPE": "ESC", " ": "SPACE"}
_BY_UPPER = {key.upper(): use for key, use in RESERVED_KEYS.items()}


def reserved_use(key: str) -> str | None:
    """What the window uses ``key`` for (any case, either spelling), or None when it is free."""
    upper = key.strip().upper() if key.strip() else key.upper()
    return _BY_UPPER.get(_ALIASES.get(upper, upper))
