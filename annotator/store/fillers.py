"""Attribute values filled for a person (issue 12): a figure span's ``value``, ``unit``,
``approx`` and ``basis`` parsed from its text in its sentence (``core.figures``), stored with
source ``parsed``. The store never lets a filler overwrite a person's or an imported value.

``figure_fields(scheme)`` says which labels are figure labels: those whose scheme defines a
number attribute ``value`` (and so the parser's other fields it defines are filled too)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from annotator.core.model import Span
from annotator.core.scheme import AttributeDef, BadValue, Scheme, check_value, is_empty

if TYPE_CHECKING:
    from annotator.core.figures import Figure
    from annotator.store.project import Project

__all__ = ["FIGURE_FIELDS", "PARSED", "figure_fields", "figure_values",
           "fill_figure_attributes", "parsed_values"]

#: The attributes the figure parser fills, by name.
FIGURE_FIELDS = ("value", "unit", "approx", "basis")
PARSED = "parsed"


def figure_fields(scheme: Scheme) -> dict[str, dict[str, AttributeDef]]:
    """label -> {attribute name: definition} of the parser's fields it defines, for every
    label with a number attribute ``value`` (the figure labels)."""
    out: dict[str, dict[str, AttributeDef]] = {}
    for label, attrs in scheme.attributes.items():
        by_name = {a.name: a for a in attrs if a.name in FIGURE_FIELDS}
        if "value" in by_name and by_name["value"].type == "number":
            out[label] = by_name
    return out


def figure_values(fields: Mapping[str, AttributeDef], figure: Figure | None,
                  owner: str = "") -> dict[str, Any]:
    """The stored values of ``figure``'s fields that the label defines; a field the parser
    left unset, or whose value the scheme does not take (a choice it lacks), is left out."""
    if figure is None:
        return {}
    out: dict[str, Any] = {}
    for name, attr in fields.items():
        value = getattr(figure, name)
        if is_empty(value):
            continue
        try:
            out[name] = check_value(attr, value, owner)
        except BadValue:
            continue
    return out


def parsed_values(fields: Mapping[str, AttributeDef], span_text: str, article_text: str,
                  start: int, owner: str = "") -> dict[str, Any]:
    """``figure_values`` of the figure a span's text holds, read in its article."""
    # the parser's tables cost ~25 ms to import: only when a figure is parsed, never at start
    from annotator.core.figures import parse_figure

    return figure_values(fields, parse_figure(span_text, article_text, start), owner)


def fill_figure_attributes(project: Project, span: Span, who: str) -> dict[str, Any]:
    """Parse a figure span and set its attributes with source ``parsed`` in one transaction
    (what the window calls when a person makes a figure span). A value a person set, or an
    import brought, is kept. Returns the values parsed ({} for a span of another label, or
    without a number)."""
    fields = figure_fields(project.scheme()).get(span.label)
    if not fields:
        return {}
    values = parsed_values(fields, span.text, project._text_of(span.article_id), span.start,
                           span.label)
    if values:
        project.set_attributes(span.id, values, who, source=PARSED)
    return values
