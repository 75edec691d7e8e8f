"""The `labels` command: the project's scheme as a readable table, or (``--json``) as the
scheme file that ``annotator new --labels FILE`` reads back (registered by
``cli.build_parser``). No Qt."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping
from typing import Any

from annotator.core.scheme import AttributeDef, Scheme, format_value
from annotator.store import Project


def cmd_labels(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        scheme = project.scheme()
        usage = project.label_usage()
    if args.json:  # the scheme file's shape, every key present
        print(json.dumps(scheme.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(scheme_lines(scheme, usage)))
    return 0


def attribute_line(attr: AttributeDef) -> str:
    """``choice  certain | hedged  (default certain; required; hotkeys hedged=h)``."""
    kind = attr.type
    if attr.values:
        kind += "  " + " | ".join(attr.values)
    extras = []
    if attr.default is not None:
        extras.append(f"default {format_value(attr.default)}")
    if attr.required:
        extras.append("required")
    if attr.hotkeys:
        extras.append("hotkeys " + ", ".join(f"{v}={k}" for v, k in attr.hotkeys))
    return kind + (f"  ({'; '.join(extras)})" if extras else "")


def scheme_lines(scheme: Scheme, usage: Mapping[str, int]) -> list[str]:
    """The labels table (key, label, color, spans, description), then the attributes of each
    label, the relation types (``from -> to``) and the article attributes."""
    labels = scheme.labels
    width = max([len(label.name) for label in labels] + [5])
    lines = [f"key  {'label':<{width}}  color    spans  description"]
    for label in labels:
        lines.append(f"{label.hotkey or '-':<3}  {label.name:<{width}}  {label.color}  "
                     f"{usage.get(label.name, 0):>5}  {label.description}".rstrip())
    attrs = [(f"{label.name}.{a.name}", a) for label in labels
             for a in scheme.attributes_of(label.name)]
    sections: list[tuple[str, list[tuple[str, str, str]]]] = [
        ("attributes", [(name, attribute_line(a), a.description) for name, a in attrs]),
        ("relations", [(r.name, f"{' | '.join(r.from_labels)} -> {' | '.join(r.to_labels)}"
                        + ("  (symmetric)" if r.symmetric else ""), r.description)
                       for r in scheme.relations]),
        ("article attributes", [(a.name, attribute_line(a), a.description)
                                for a in scheme.article_attributes]),
    ]
    for title, rows in sections:
        if not rows:
            continue
        name_w = max(len(r[0]) for r in rows)
        what_w = max(len(r[1]) for r in rows)
        lines.append(f"{title}:")
        lines += [f"  {name:<{name_w}}  {what:<{what_w}}  {desc}".rstrip()
                  for name, what, desc in rows]
    return lines


def add_parsers(sub: Any, command: Callable[..., Any], project_help: str) -> None:
    """Register ``labels`` on the ``annotator`` subparsers."""
    p = command(sub, "labels", cmd_labels,
                "Show the project's scheme: labels, their attributes, relation types and "
                "article attributes.",
                "annotator labels news\n"
                "annotator labels news --json > scheme.json   # a scheme file for new --labels")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("--json", action="store_true",
                   help="print the scheme as a scheme file (every key present), which "
                        "`annotator new --labels FILE` reads back")
