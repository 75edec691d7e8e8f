"""The annotation scheme beyond label names: typed attributes of spans, relation types
between spans, and attributes of whole articles (issue 10). No Qt, no SQL.

A scheme file is JSON in the shape ``annotator labels PROJECT --json`` prints::

    {"labels": [{"name", "color", "hotkey", "description", "attributes": [ATTR...]}...],
     "relations": [{"name", "from": [LABEL...], "to": [LABEL...], "symmetric", "color",
                    "description"}...],
     "article_attributes": [ATTR...]}

with ATTR = ``{"name", "type", "values", "default", "required", "description", "hotkeys"}``.
A plain list of labels (today's files) and a text file of label names stay valid.

Values as stored and exchanged (native JSONL): choice -> str, multi -> list of str (in the
scheme's order, no repeats), boolean -> bool, number -> int or float, text -> str.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.keys import reserved_use
from annotator.core.labels import DEFAULT_SCHEME, PALETTE, SchemeError
from annotator.core.model import Label
from annotator.core.names import BadName, check_label_name

ATTRIBUTE_TYPES = ("choice", "multi", "boolean", "number", "text")
#: How an attribute value was set; a filler (parser, suggestion, import) never overwrites a
#: value a person set.
SOURCES = ("person", "parsed", "suggested", "imported")
PERSON = "person"

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
__all__ = ["SchemeError", "BadValue", "Scheme", "AttributeDef", "RelationType", "parse_scheme",
           "load_scheme_file", "check_value", "check_attribute_def", "value_hotkeys",
           "check_relation_type",
           "DEFAULT_CLAIM_SCHEME"]
_ATTR_KEYS = {"name", "type", "values", "default", "required", "description", "hotkeys"}
_REL_KEYS = {"name", "from", "to", "symmetric", "color", "description"}
_LABEL_KEYS = {"name", "color", "hotkey", "description", "attributes"}


class BadValue(SchemeError):
    """An attribute value that the scheme does not allow; the message names the attribute."""


def check_identifier(name: object, what: str) -> str:
    """Attribute names, choice values and relation types: letters, digits, ``_`` and ``-``
    (no spaces), so every exchange format carries them unchanged."""
    if not isinstance(name, str) or not 1 <= len(name) <= 64 or any(
            not (c.isalnum() or c in "_-") for c in name):
        raise SchemeError(f"{what} {name!r} is not an identifier (letters, digits, _ and -, "
                          f"no spaces, 1-64 characters)")
    return name


@dataclass(frozen=True)
class AttributeDef:
    """One typed attribute of a label (or of articles): its type, values and default."""

    name: str
    type: str
    values: tuple[str, ...] = ()
    default: Any = None
    required: bool = False
    description: str = ""
    hotkeys: tuple[tuple[str, str], ...] = ()  # (value, key) for choice values

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.type in ("choice", "multi"):
            out["values"] = list(self.values)
        if self.default is not None:
            out["default"] = self.default
        if self.required:
            out["required"] = True
        if self.description:
            out["description"] = self.description
        if self.hotkeys:
            out["hotkeys"] = dict(self.hotkeys)
        return out

    def spec(self) -> dict[str, Any]:
        """What the store keeps beside name and type (JSON)."""
        out = self.to_json()
        del out["name"], out["type"]
        return out

    @classmethod
    def from_spec(cls, name: str, type_: str, spec: Mapping[str, Any]) -> AttributeDef:
        return cls(name, type_, tuple(spec.get("values", ())), spec.get("default"),
                   bool(spec.get("required", False)), str(spec.get("description", "")),
                   tuple(dict(spec.get("hotkeys", {})).items()))


@dataclass(frozen=True)
class RelationType:
    """A relation type: the labels it may go from and to."""

    name: str
    from_labels: tuple[str, ...]
    to_labels: tuple[str, ...]
    symmetric: bool = False
    color: str | None = None
    description: str = ""

    def allows(self, from_label: str, to_label: str) -> bool:
        if from_label in self.from_labels and to_label in self.to_labels:
            return True
        return self.symmetric and to_label in self.from_labels and from_label in self.to_labels

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "from": list(self.from_labels),
                               "to": list(self.to_labels)}
        if self.symmetric:
            out["symmetric"] = True
        if self.color:
            out["color"] = self.color
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class Scheme:
    """The whole scheme: labels, their attributes, relation types, article attributes."""

    labels: tuple[Label, ...]
    attributes: Mapping[str, tuple[AttributeDef, ...]] = field(default_factory=dict, hash=False)
    relations: tuple[RelationType, ...] = ()
    article_attributes: tuple[AttributeDef, ...] = ()

    def attributes_of(self, label: str) -> tuple[AttributeDef, ...]:
        return self.attributes.get(label, ())

    def attribute(self, label: str, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes_of(label) if a.name == name), None)

    def article_attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.article_attributes if a.name == name), None)

    def relation(self, name: str) -> RelationType | None:
        return next((r for r in self.relations if r.name == name), None)

    def relation_types_for(self, from_label: str, to_label: str) -> list[RelationType]:
        """The relation types allowed from a span of ``from_label`` to one of ``to_label``."""
        return [r for r in self.relations if r.allows(from_label, to_label)]

    def label_names(self) -> list[str]:
        return [label.name for label in self.labels]

    def to_json(self) -> dict[str, Any]:
        """The scheme in exactly the file shape, every label key present."""
        return {
            "labels": [{"name": lb.name, "color": lb.color, "hotkey": lb.hotkey,
                        "description": lb.description,
                        "attributes": [a.to_json() for a in self.attributes_of(lb.name)]}
                       for lb in self.labels],
            "relations": [r.to_json() for r in self.relations],
            "article_attributes": [a.to_json() for a in self.article_attributes],
        }


# ----------------------------------------------------------------------------- values
def check_value(attr: AttributeDef, value: Any, owner: str = "") -> Any:
    """The value as stored, or BadValue naming the attribute (``owner``: its label)."""
    where = f"attribute '{attr.name}'" + (f" of {owner}" if owner else "")
    t = attr.type
    if t == "choice":
        if not isinstance(value, str) or value not in attr.values:
            raise BadValue(f"{where}: {value!r} is not one of {', '.join(attr.values)}")
        return value
    if t == "multi":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise BadValue(f"{where}: expected a list of values, got {value!r}")
        bad = [v for v in value if v not in attr.values]
        if bad:
            raise BadValue(f"{where}: {bad[0]!r} is not one of {', '.join(attr.values)}")
        chosen = set(value)
        return [v for v in attr.values if v in chosen]
    if t == "boolean":
        if not isinstance(value, bool):
            raise BadValue(f"{where}: expected true or false, got {value!r}")
        return value
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                isinstance(value, float) and not math.isfinite(value)):
            raise BadValue(f"{where}: expected a number, got {value!r}")
        return value
    if t == "text":
        if not isinstance(value, str):
            raise BadValue(f"{where}: expected text, got {value!r}")
        return value
    raise BadValue(f"{where}: unknown type {t!r}")


def is_empty(value: Any) -> bool:
    """Unset: no value, an empty text or an empty multi selection (never stored)."""
    return value is None or value == "" or value == []


def missing_required(attrs: Iterable[AttributeDef], values: Mapping[str, Any]) -> list[str]:
    return [a.name for a in attrs if a.required and is_empty(values.get(a.name))]


def format_value(value: Any) -> str:
    """A value as one line of text (tables, tooltips): multi joined by " | "."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " | ".join(map(str, value))
    if value is None:
        return ""
    return str(value)


# ----------------------------------------------------------------------------- parsing
def _attribute(entry: Any, where: str, label_keys: set[str]) -> AttributeDef:
    if not isinstance(entry, dict):
        raise SchemeError(f"{where}: an attribute must be an object, got {entry!r}")
    unknown = set(entry) - _ATTR_KEYS
    if unknown:
        raise SchemeError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    name = check_identifier(entry.get("name"), f"{where}: attribute name")
    where = f"{where} '{name}'"
    type_ = entry.get("type")
    if type_ not in ATTRIBUTE_TYPES:
        raise SchemeError(f"{where}: unknown type {type_!r} (one of {', '.join(ATTRIBUTE_TYPES)})")
    values: tuple[str, ...] = ()
    if type_ in ("choice", "multi"):
        raw = entry.get("values")
        if not isinstance(raw, list) or not raw:
            raise SchemeError(f"{where}: a {type_} attribute needs a list of values")
        values = tuple(check_identifier(v, f"{where}: value") for v in raw)
        if len(set(values)) != len(values):
            dup = next(v for v in values if values.count(v) > 1)
            raise SchemeError(f"{where}: value '{dup}' is given twice")
    elif "values" in entry:
        raise SchemeError(f"{where}: only choice and multi attributes have values")
    hotkeys_raw = entry.get("hotkeys") or {}
    if not isinstance(hotkeys_raw, dict):
        raise SchemeError(f"{where}: hotkeys must map values to keys")
    if hotkeys_raw and type_ != "choice":
        raise SchemeError(f"{where}: only choice values have hotkeys")
    seen: dict[str, str] = {}
    for value, key in hotkeys_raw.items():
        if value not in values:
            raise SchemeError(f"{where}: hotkey for {value!r}, which is not one of its values")
        if not isinstance(key, str) or len(key) != 1 or not key.strip():
            raise SchemeError(f"{where}: hotkey {key!r} of '{value}' must be one key")
        _check_key(key, f"{where}: hotkey '{key}' of '{value}'")
        if key.lower() in label_keys:
            raise SchemeError(f"{where}: hotkey '{key}' of '{value}' is a label's hotkey")
        if key.lower() in seen:
            raise SchemeError(f"{where}: hotkey '{key}' is given to '{seen[key.lower()]}' and "
                              f"'{value}'")
        seen[key.lower()] = value
    attr = AttributeDef(name, type_, values, None, bool(entry.get("required", False)),
                        str(entry.get("description") or ""), tuple(hotkeys_raw.items()))
    if entry.get("default") is not None:
        try:
            default = check_value(attr, entry["default"])
        except BadValue:
            raise SchemeError(f"{where}: default {entry['default']!r} is not an allowed value"
                              + (f" ({', '.join(values)})" if values else
                                 f" for a {type_} attribute")) from None
        attr = AttributeDef(name, type_, values, default, attr.required, attr.description,
                            attr.hotkeys)
    return attr


def check_attribute_def(attr: AttributeDef, where: str, label_keys: Iterable[str] = (),
                        taken: Mapping[str, str] | None = None) -> AttributeDef:
    """``attr`` checked as a scheme file's entry is (names, values, default, hotkeys reserved
    or equal to one of ``label_keys``); ``taken`` maps the value hotkeys the label's other
    attributes use (lower case) to what uses them. SchemeError names ``where``."""
    checked = _attribute(attr.to_json(), where, {k.lower() for k in label_keys})
    for value, key in checked.hotkeys:
        if taken and key.lower() in taken:
            raise SchemeError(f"{where} '{attr.name}': hotkey '{key}' of '{value}' is already "
                              f"used by {taken[key.lower()]}")
    return checked


def value_hotkeys(attrs: Iterable[AttributeDef], but: str = "") -> dict[str, str]:
    """key (lower case) -> "value 'v' of attribute 'a'" for the attributes other than ``but``."""
    return {key.lower(): f"value '{value}' of attribute '{a.name}'"
            for a in attrs if a.name != but for value, key in a.hotkeys}


def _attributes(raw: Any, where: str, label_keys: set[str]) -> tuple[AttributeDef, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise SchemeError(f"{where}: attributes must be a list")
    out: list[AttributeDef] = []
    for i, entry in enumerate(raw):
        attr = _attribute(entry, f"{where}, attribute {i + 1}", label_keys)
        if any(a.name == attr.name for a in out):
            raise SchemeError(f"{where}: attribute '{attr.name}' is named twice")
        out.append(attr)
    return tuple(out)


def _check_key(key: str, where: str) -> None:
    use = reserved_use(key)
    if use:
        raise SchemeError(f"{where} is reserved by the window ({use})")


def parse_scheme(data: Any, where: str = "scheme") -> Scheme:
    """Validate a scheme in file shape (dict, or a plain list of labels or names)."""
    if isinstance(data, list):
        data = {"labels": data}
    if not isinstance(data, dict):
        raise SchemeError(f"{where}: expected an object with \"labels\" or a list of labels")
    unknown = set(data) - {"labels", "relations", "article_attributes"}
    if unknown:
        raise SchemeError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    entries = data.get("labels")
    if not isinstance(entries, list):
        raise SchemeError(f"{where}: \"labels\" must be a list")
    labels: list[Label] = []
    raw_attrs: list[tuple[str, Any, str]] = []
    keys: dict[str, str] = {}
    for i, entry in enumerate(entries):
        entry = entry if isinstance(entry, dict) else {"name": entry}
        lwhere = f"{where}: label {i + 1}"
        unknown = set(entry) - _LABEL_KEYS
        if unknown:
            raise SchemeError(f"{lwhere}: unknown key(s) {', '.join(sorted(unknown))}")
        try:
            name = check_label_name(str(entry.get("name", "")).strip())
        except BadName as exc:
            raise SchemeError(f"{lwhere}: {exc}") from None
        lwhere = f"{where}: label '{name}'"
        if any(lb.name == name for lb in labels):
            raise SchemeError(f"{where}: label '{name}' appears twice")
        hotkey = entry.get("hotkey", str(i + 1) if i < 9 else None)
        hotkey = str(hotkey) if hotkey not in (None, "") else None
        if hotkey is not None:
            _check_key(hotkey, f"{lwhere}: hotkey '{hotkey}'")
            if hotkey.lower() in keys:
                raise SchemeError(f"{where}: hotkey '{hotkey}' is given to two labels "
                                  f"('{keys[hotkey.lower()]}' and '{name}')")
            keys[hotkey.lower()] = name
        color = entry.get("color") or _palette(i)
        if not isinstance(color, str) or not _COLOR.match(color):
            raise SchemeError(f"{lwhere}: '{color}' is not a color of the form #rrggbb")
        labels.append(Label(name, color.lower(), hotkey, str(entry.get("description") or ""),
                            i))
        raw_attrs.append((name, entry.get("attributes"), lwhere))
    if not labels:
        raise SchemeError(f"{where}: the scheme has no labels")
    attributes = {name: _attributes(raw, lwhere, set(keys)) for name, raw, lwhere in raw_attrs}
    relations = _relations(data.get("relations"), where, [lb.name for lb in labels])
    article_attributes = _attributes(data.get("article_attributes"),
                                     f"{where}: article attributes", set(keys))
    return Scheme(tuple(labels), {k: v for k, v in attributes.items() if v}, relations,
                  article_attributes)


def _relations(raw: Any, where: str, label_names: Sequence[str]) -> tuple[RelationType, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise SchemeError(f"{where}: \"relations\" must be a list")
    out: list[RelationType] = []
    for i, entry in enumerate(raw):
        rwhere = f"{where}: relation {i + 1}"
        if not isinstance(entry, dict):
            raise SchemeError(f"{rwhere}: a relation type must be an object")
        unknown = set(entry) - _REL_KEYS
        if unknown:
            raise SchemeError(f"{rwhere}: unknown key(s) {', '.join(sorted(unknown))}")
        name = check_identifier(entry.get("name"), f"{rwhere}: name")
        rwhere = f"{where}: relation '{name}'"
        if any(r.name == name for r in out):
            raise SchemeError(f"{where}: relation '{name}' is named twice")
        ends: list[tuple[str, ...]] = []
        for side in ("from", "to"):
            names = entry.get(side)
            if isinstance(names, str):
                names = [names]
            if not isinstance(names, list) or not names:
                raise SchemeError(f"{rwhere}: \"{side}\" must list one or more labels")
            for n in names:
                if n not in label_names:
                    raise SchemeError(f"{rwhere}: \"{side}\" names label {n!r}, which the "
                                      f"scheme does not have")
            ends.append(tuple(dict.fromkeys(names)))
        color = entry.get("color")
        if color is not None and (not isinstance(color, str) or not _COLOR.match(color)):
            raise SchemeError(f"{rwhere}: '{color}' is not a color of the form #rrggbb")
        out.append(RelationType(name, ends[0], ends[1], bool(entry.get("symmetric", False)),
                                color.lower() if color else None,
                                str(entry.get("description") or "")))
    return tuple(out)


def check_relation_type(rel: RelationType, label_names: Sequence[str]) -> RelationType:
    """``rel`` checked as a scheme file's entry is (a name, labels on both ends that exist,
    a color); SchemeError says what is wrong."""
    return _relations([rel.to_json()], "relation type", label_names)[0]


def _palette(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def load_scheme_file(path: str | Path) -> Scheme:
    """Read and validate a scheme file (JSON in any accepted shape, or one name per line);
    SchemeError names the file and the entry."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"{path}: cannot read the label scheme ({exc})") from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise SchemeError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    else:
        data = [line.strip() for line in raw.splitlines() if line.strip()]
    return parse_scheme(data, str(path))


#: The default scheme: a claim model a media or finance researcher recognises (README,
#: "The default scheme", says where each field comes from). The four labels and their hotkeys
#: are those of ``core.labels.DEFAULT_SCHEME``.
DEFAULT_CLAIM_SCHEME: Scheme = parse_scheme({
    "labels": [
        {"name": lb.name, "color": lb.color, "hotkey": lb.hotkey, "description": lb.description,
         "attributes": attrs}
        for lb, attrs in zip(DEFAULT_SCHEME, (
            [{"name": "certainty", "type": "choice",
              "values": ["certain", "probable", "possible", "underspecified"],
              "description": "How sure the source is of it (FactBank: CT, PR, PS, or Uu when "
                             "the source does not commit)"},
             {"name": "polarity", "type": "choice", "values": ["positive", "negative"],
              "default": "positive", "description": "Asserted, or denied (FactBank)"},
             {"name": "attribution", "type": "choice",
              "values": ["author", "direct_quote", "indirect_quote"],
              "description": "Who asserts it: the article itself, or a source quoted "
                             "directly or reported (PARC 3.0)"},
             {"name": "speaker", "type": "text",
              "description": "The source the claim is attributed to (PARC 3.0)"},
             {"name": "cue", "type": "text",
              "description": "The words that attribute it: 表示, 认为, said (PARC 3.0)"},
             {"name": "check_worthy", "type": "boolean",
              "description": "Worth fact-checking (ClaimBuster, CLEF CheckThat!)"},
             {"name": "claim_type", "type": "multi",
              "values": ["numerical", "comparison", "forecast", "quote", "causal"],
              "description": "What kind of claim, for choosing how to check it (AVeriTeC)"}],
            [{"name": "value", "type": "number", "description": "In base units (FinNum)"},
             {"name": "unit", "type": "text",
              "description": "ISO 4217 currency, %, pp, x, or the counted noun"},
             {"name": "approx", "type": "choice",
              "values": ["exact", "about", "over", "under", "at_least", "at_most"],
              "description": "The hedge around the number"},
             {"name": "basis", "type": "choice", "values": ["yoy", "qoq"],
              "description": "The basis of a change: year on year, quarter on quarter"},
             {"name": "period", "type": "text",
              "description": "The period the figure covers (2024Q3, FY2023...)"},
             {"name": "category", "type": "choice",
              "values": ["money", "percent", "quantity", "temporal", "indicator", "other"],
              "description": "What the number counts (FinNum categories: monetary, "
                             "percentage, quantity, temporal, indicator)"}],
            [{"name": "entity", "type": "text",
              "description": "The company's canonical name"}],
            [],
        ))
    ],
    "relations": [
        {"name": "cites", "from": ["claim"], "to": ["figure"],
         "description": "The claim rests on this figure"},
        {"name": "about", "from": ["claim"], "to": ["company", "strategy"],
         "description": "The claim is about this company or strategy"},
        {"name": "pursued_by", "from": ["strategy"], "to": ["company"],
         "description": "The company pursuing the strategy"},
        {"name": "of", "from": ["figure"], "to": ["company"],
         "description": "The company the figure belongs to (FinNum attachment)"},
    ],
}, "the default scheme")
