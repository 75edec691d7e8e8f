"""Attributes in Label Studio (no Qt): per-region controls and their results, task-level
controls for article attributes, both ways.

A span attribute is a per-region control named ``LABEL.NAME`` (``perRegion="true"``), shown
when a region of its label is selected (``<View visibleWhen="region-selected"
whenTagName="label" whenLabelValue="LABEL">``): a choice is ``<Choices choice="single">``, a
multi ``<Choices choice="multiple">``, a boolean ``<Choices>`` of ``true`` and ``false``, a
number ``<Number>``, a text ``<TextArea>``. Its result shares the span's region ``id`` and
carries the region's position, as Label Studio writes it::

    {"id": REGION, "from_name": "claim.certainty", "to_name": "text", "type": "choices",
     "value": {"start", "end", "text", "choices": ["probable"]}}
    {"id": REGION, "from_name": "figure.value", "type": "number", "value": {..., "number": 9}}
    {"id": REGION, "from_name": "claim.speaker", "type": "textarea",
     "value": {"start", "end", "text": ["京东 CFO"]}}

(a textarea's ``value.text`` is its list of texts, not the region's text). An article attribute
is a task-level control named ``article.NAME`` whose result has no position.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from annotator.core.scheme import AttributeDef, Scheme, check_value

ARTICLE = "article."
VALUE_KEY = {"choices": "choices", "number": "number", "textarea": "text"}
RESULT_TYPES = frozenset(VALUE_KEY)


def _control(parent: ET.Element, attr: AttributeDef, name: str, per_region: bool) -> None:
    common = {"name": name, "toName": "text"}
    if per_region:
        common["perRegion"] = "true"
    ET.SubElement(parent, "Header", value=attr.name)
    if attr.type in ("choice", "multi", "boolean"):
        tag = ET.SubElement(parent, "Choices", common,
                            choice="multiple" if attr.type == "multi" else "single",
                            showInline="true")
        for value in (("true", "false") if attr.type == "boolean" else attr.values):
            ET.SubElement(tag, "Choice", value=value)
    elif attr.type == "number":
        ET.SubElement(parent, "Number", common)
    else:
        ET.SubElement(parent, "TextArea", common, editable="true", maxSubmissions="1",
                      rows="1")


def add_controls(view: ET.Element, scheme: Scheme, labels: list[str]) -> None:
    """The per-region controls of ``labels``' attributes and the article attributes."""
    for label in labels:
        attrs = scheme.attributes_of(label)
        if attrs:
            box = ET.SubElement(view, "View", visibleWhen="region-selected",
                                whenTagName="label", whenLabelValue=label)
            for attr in attrs:
                _control(box, attr, f"{label}.{attr.name}", True)
    if scheme.article_attributes:
        box = ET.SubElement(view, "View")
        for attr in scheme.article_attributes:
            _control(box, attr, ARTICLE + attr.name, False)


def _result_value(attr: AttributeDef, value: Any) -> tuple[str, Any]:
    if attr.type in ("choice", "multi", "boolean"):
        shown = (["true" if value else "false"] if attr.type == "boolean"
                 else [value] if attr.type == "choice" else list(value))
        return "choices", shown
    if attr.type == "number":
        return "number", value
    return "textarea", [value]


def region_results(region: dict[str, Any], label: str, values: dict[str, Any],
                   scheme: Scheme) -> list[dict[str, Any]]:
    """The results of one span's attributes, sharing its region's id and position."""
    out = []
    position = {k: region["value"][k] for k in ("start", "end", "text")}
    for attr in scheme.attributes_of(label):
        if attr.name in values:
            kind, shown = _result_value(attr, values[attr.name])
            out.append({"id": region["id"], "from_name": f"{label}.{attr.name}",
                        "to_name": "text", "type": kind,
                        "value": {**position, VALUE_KEY[kind]: shown}})
    return out


def article_results(values: dict[str, Any], scheme: Scheme, key: str) -> list[dict[str, Any]]:
    """Task-level results of one annotator's article attributes (ids from ``key``)."""
    out = []
    for attr in scheme.article_attributes:
        if attr.name in values:
            kind, shown = _result_value(attr, values[attr.name])
            out.append({"id": f"{key}-{attr.name}", "from_name": ARTICLE + attr.name,
                        "to_name": "text", "type": kind, "value": {VALUE_KEY[kind]: shown}})
    return out


def attribute_name(from_name: str, label: str | None) -> str:
    """The attribute a result's control names: ``LABEL.NAME`` or ``article.NAME`` as we write
    them, or a control named after the attribute alone (a config written by hand)."""
    prefix = ARTICLE if label is None else f"{label}."
    return from_name[len(prefix):] if from_name.startswith(prefix) else from_name


def read_value(attr: AttributeDef, kind: str, value: dict[str, Any], owner: str) -> Any:
    """A result's value as the scheme stores it; BadValue (a SchemeError) when it is not one
    the attribute allows."""
    raw = value.get(VALUE_KEY.get(kind, ""))
    if attr.type == "boolean" and kind == "choices" and isinstance(raw, list) and len(raw) == 1:
        raw = {"true": True, "false": False}.get(raw[0], raw[0])
    elif attr.type in ("choice", "text") and isinstance(raw, list) and len(raw) == 1:
        raw = raw[0]
    return check_value(attr, raw, owner)
