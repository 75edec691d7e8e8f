"""Label scheme reads and writes of ``Project``. Deleting a label in use never cascades."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from annotator.core.keys import reserved_use
from annotator.core.labels import PALETTE, check_color
from annotator.core.model import Label
from annotator.core.names import BadName, check_label_name
from annotator.store.errors import LabelError, LabelInUse, NotFound

if TYPE_CHECKING:
    from annotator.store.project import Project


def _label_name(name: str) -> str:
    """The NFC name of a new or renamed label, or LabelError saying why it is refused."""
    try:
        return check_label_name(name.strip())
    except BadName as exc:
        raise LabelError(str(exc)) from None


class LabelsMixin:
    def labels(self: Project) -> list[Label]:
        rows = self.conn.execute(
            "SELECT name, color, hotkey, description, position FROM labels "
            "ORDER BY position, name"
        )
        return [Label(*r) for r in rows]

    def label(self: Project, name: str) -> Label:
        row = self.conn.execute(
            "SELECT name, color, hotkey, description, position FROM labels WHERE name = ?",
            (name,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no label named '{name}'")
        return Label(*row)

    def label_usage(self: Project) -> dict[str, int]:
        counts = {label.name: 0 for label in self.labels()}
        counts.update(self.conn.execute("SELECT label, count(*) FROM spans GROUP BY label"))
        return counts

    def _bump_scheme(self: Project) -> None:
        self._scheme_cache = None  # Project.scheme() reads it again
        self.conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'scheme_version'"
        )

    def _insert_label_row(self: Project, name: str, position: int, color: str | None = None,
                          hotkey: str | None = None, description: str = "") -> None:
        self.conn.execute(
            "INSERT INTO labels(name, color, hotkey, description, position) VALUES (?,?,?,?,?)",
            (name, color or PALETTE[position % len(PALETTE)], hotkey, description, position),
        )
        self._bump_scheme()

    def insert_label(self: Project, name: str, position: int, color: str | None = None,
                     hotkey: str | None = None, description: str = "") -> None:
        """A label row inside the caller's transaction (merge and import create labels)."""
        with self.transaction():
            self._insert_label_row(name, position, color, hotkey, description)

    def add_label(self: Project, name: str, who: str, *, color: str | None = None,
                  hotkey: str | None = None, description: str = "") -> Label:
        name = _label_name(name)
        if color:
            color = check_color(color)
        with self.transaction():
            _check_hotkey(self, hotkey)
            position = int(self.conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM labels").fetchone()[0])
            try:
                self._insert_label_row(name, position, color, hotkey or None, description)
            except sqlite3.IntegrityError as exc:
                raise LabelError(_conflict(self, name, hotkey)) from exc
            label = self.label(name)
            self._log(who, "label.add", "label", name, {"after": asdict(label)})
        return label

    def update_label(self: Project, name: str, who: str, *, new_name: str | None = None,
                     color: str | None = None, hotkey: str | None = None,
                     description: str | None = None) -> Label:
        """Rename (spans follow), recolor, re-key or re-describe a label. ``hotkey=""``
        removes the hotkey."""
        with self.transaction():
            before = self.label(name)
            after = Label(
                _label_name(new_name) if new_name is not None else name,
                check_color(color) if color is not None else before.color,
                (hotkey or None) if hotkey is not None else before.hotkey,
                description if description is not None else before.description,
                before.position,
            )
            if not after.name:
                raise LabelError("a label needs a name")
            if after.hotkey != before.hotkey:
                _check_hotkey(self, after.hotkey)
            try:
                self.conn.execute(
                    "UPDATE labels SET name = ?, color = ?, hotkey = ?, description = ? "
                    "WHERE name = ?",
                    (after.name, after.color, after.hotkey, after.description, name),
                )
            except sqlite3.IntegrityError as exc:
                raise LabelError(_conflict(self, after.name if after.name != name else "",
                                           after.hotkey if after.hotkey != before.hotkey
                                           else None)) from exc
            self._bump_scheme()
            self._log(who, "label.update", "label", name,
                      {"before": asdict(before), "after": asdict(after)})
        return after

    def delete_label(self: Project, name: str, who: str) -> Label:
        """Delete an unused label; a label in use raises LabelInUse with the span count."""
        with self.transaction():
            before = self.label(name)
            used = int(self.conn.execute(
                "SELECT count(*) FROM spans WHERE label = ?", (name,)).fetchone()[0])
            if used:
                raise LabelInUse(name, used)
            self.conn.execute("DELETE FROM labels WHERE name = ?", (name,))
            self._bump_scheme()
            self._log(who, "label.delete", "label", name, {"before": asdict(before)})
        return before

    def reorder_labels(self: Project, names: Sequence[str], who: str) -> None:
        with self.transaction():
            current = [label.name for label in self.labels()]
            if sorted(current) != sorted(names):
                raise LabelError("reorder needs exactly the project's labels")
            self.conn.executemany(
                "UPDATE labels SET position = ? WHERE name = ?",
                [(i, n) for i, n in enumerate(names)],
            )
            self._bump_scheme()
            self._log(who, "label.reorder", "label", "", {"before": current, "after": list(names)})


def _check_hotkey(project: Project, hotkey: str | None) -> None:
    """A label's hotkey may be neither a key the window keeps nor a choice value's hotkey."""
    if not hotkey:
        return
    use = reserved_use(hotkey)
    if use:
        raise LabelError(f"hotkey '{hotkey}' is reserved by the window ({use})")
    for label, attrs in project.scheme().attributes.items():
        for attr in attrs:
            for value, key in attr.hotkeys:
                if key.lower() == hotkey.lower():
                    raise LabelError(f"hotkey '{hotkey}' is already used by value '{value}' "
                                     f"of attribute '{attr.name}' of label '{label}'")


def _conflict(project: Project, name: str, hotkey: str | None) -> str:
    if name and project.conn.execute("SELECT 1 FROM labels WHERE name = ?", (name,)).fetchone():
        return f"a label named '{name}' already exists"
    if hotkey:
        row = project.conn.execute(
            "SELECT name FROM labels WHERE hotkey = ?", (hotkey,)).fetchone()
        if row:
            return f"hotkey '{hotkey}' is already used by label '{row[0]}'"
    return "the label conflicts with an existing one"
