"""What the adjudicator picks when editing an attribute, relation or article-attribute row
(review mode's E): a value in the attribute's own editor, or a relation type the two ends'
labels allow. Both asked through :mod:`annotator.ui.interaction` (tests answer them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from annotator.core.scheme import Scheme
from annotator.review.adjudicate_structure import StructureRow
from annotator.ui import interaction

translate = QCoreApplication.translate


def ask_structure_value(parent: QWidget, scheme: Scheme, row: StructureRow
                        ) -> tuple[Any] | None:
    """``(value,)`` for gold (a relation: its type), or None when cancelled or nothing fits."""
    if row.kind == "relation":
        assert row.key is not None and row.to_key is not None
        types = [t.name for t in scheme.relation_types_for(row.key[2], row.to_key[2])]
        names = list(dict.fromkeys([row.name, *types]))
        chosen = interaction.ask_choice(
            parent, translate("ReviewMode", "Gold relation"),
            translate("ReviewMode", "Relation type from {0} to {1}:").format(
                row.key[2], row.to_key[2]), names)
        return None if chosen is None else (chosen,)
    attr = (scheme.attribute(row.key[2], row.name) if row.key is not None
            else scheme.article_attribute(row.name))
    if attr is None:
        return None
    current = row.left if row.left is not None else row.right
    return interaction.ask_attribute_value(
        parent, translate("ReviewMode", "Gold value"),
        translate("ReviewMode", "{0} of the gold {1}:").format(
            row.name, row.key[2] if row.key else translate("ReviewMode", "article")),
        attr, current)
