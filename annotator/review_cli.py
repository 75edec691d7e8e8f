"""The team-review commands, ``merge`` and ``agreement``: ``add_parsers(subparsers)`` registers
them on the ``annotator`` command line (``annotator/cli.py``). No Qt; jieba only loads when
``agreement`` segments Chinese words.

User errors raise ``ProjectError`` subclasses with one-line messages; ``cli.main`` prints them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from annotator.core.names import check_layer_name, check_person_name
from annotator.store import Project

_PROJECT_HELP = "project NAME (projects/NAME.db) or path to a .db file"


def _who(given: str | None) -> str:
    if given:
        return given
    from annotator.cli import default_annotator

    return default_annotator()


def _size(text: str) -> int:
    """``--max-size``: a size such as 500M or 2G (argparse reports a bad one as a usage error)."""
    from annotator.core.sizes import parse_size

    try:
        size = parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive size")
    return size


def _name_arg(check: Any) -> Any:
    def parse(text: str) -> str:
        try:
            return str(check(text))
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = "name"  # argparse names the type in its messages
    return parse


#: argparse ``type=`` for names given on the command line (``--annotator``, ``--who``, ``-a``).
person_arg = _name_arg(check_person_name)
layer_arg = _name_arg(check_layer_name)


# ------------------------------------------------------------------------------- merge
def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.review.merge import merge_all
    from annotator.review.untrusted import MAX_SIZE

    with Project.open(args.project, readonly=args.dry_run) as project:
        reports = merge_all(project, args.teammates, _who(args.who), dry_run=args.dry_run,
                            max_size=args.max_size or MAX_SIZE)
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=1))
        return 0
    for report in reports:
        print(report.summary())
        for line in [*report.conflict_examples, *report.notes]:
            print(f"  {line}")
    if args.dry_run:
        print("dry run: nothing was changed")
    return 0


# ------------------------------------------------------------------------------- agreement
def cmd_agreement(args: argparse.Namespace) -> int:
    from annotator.review.agreement import agreement  # annotator.review: only when used
    from annotator.review.errors import ReviewError
    from annotator.review.layers import GOLD, layer_names, load_docs

    with Project.open(args.project, readonly=True) as project:
        known = layer_names(project)
        names = list(dict.fromkeys(args.annotators or [n for n in known if n != GOLD]))
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ReviewError(f"no spans by {', '.join(unknown)} in {project.path} "
                              f"(annotators: {', '.join(known) or 'none'})")
        if len(names) < 2:
            raise ReviewError(f"agreement needs two annotators; {project.path} has "
                              f"{', '.join(known) or 'none'} (choose with -a NAME -a NAME)")
        labels = list(dict.fromkeys(args.labels or []))
        missing = sorted(set(labels) - {label.name for label in project.labels()})
        if missing:
            raise ReviewError(f"unknown label(s) {', '.join(missing)} in {project.path}")
        docs, names = load_docs(project, names, labels or None)
        title = project.title
        scheme = project.scheme()
    if args.html:
        from annotator.outputs import refuse_existing

        refuse_existing(args.html, args.force)
    report = agreement(docs, names, labels or None, tokens=args.tokens, units=args.units,
                       scheme=scheme)
    if args.html:
        from annotator.review.report_html import render

        _write_text(Path(args.html), render(report, title=title))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        _print_report(report)
        if args.html:
            print(f"report written to {args.html}")
    return 0


def _write_text(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all; an error names ``path``, not the temporary file."""
    from annotator.outputs import public_error

    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise public_error(exc, path) from exc


def _fmt(value: Any) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def _print_report(report: Any, out: Any = None) -> None:
    from annotator.review.agreement import UNITS_TEXT

    out = out or sys.stdout
    print(f"tokens: {report.tokens}; labels: {', '.join(report.labels) or '(none)'}; "
          f"units: {report.units}: {UNITS_TEXT[report.units]}", file=out)
    for name in report.annotators:
        s = report.annotator_summary[name]
        print(f"  {name}: {s['spans']} span(s) in {s['articles']} article(s)", file=out)
    print(f"{'pair':<28} {'articles':>8}  {'left out':>8}  F1exact  F1overl  kappa   alpha",
          file=out)
    for p in report.pairs:
        a = p.corpus["all"]
        print(f"{(p.left + ' / ' + p.right)[:28]:<28} {p.articles:>8}  "
              f"{p.articles_left_out:>8}  {_fmt(a['f1_exact'])}"
              f"   {_fmt(a['f1_overlap'])}  {_fmt(a['cohen_kappa'])}  "
              f"{_fmt(a['krippendorff_alpha'])}", file=out)
    if report.overall is not None and len(report.annotators) > 2:
        a = report.overall.corpus["all"]
        print(f"{'overall':<28} {report.overall.articles:>8}  "
              f"{report.overall.articles_left_out:>8}  {_fmt(a['f1_exact'])}   "
              f"{_fmt(a['f1_overlap'])}  {_fmt(a['fleiss_kappa'])}  "
              f"{_fmt(a['krippendorff_alpha'])}   (kappa: Fleiss)", file=out)
    _print_structure(report, out)
    if report.overall is not None and report.labels:
        per_label = report.overall.corpus["per_label"]
        print(f"{'label':<28} {'':>8}  {'':>8}  F1exact  F1overl  Fleiss  alpha", file=out)
        for label in report.labels:
            a = per_label[label]
            print(f"{label[:28]:<28} {'':>8}  {'':>8}  {_fmt(a['f1_exact'])}   {_fmt(a['f1_overlap'])}  "
                  f"{_fmt(a['fleiss_kappa'])}  {_fmt(a['krippendorff_alpha'])}", file=out)


def _print_structure(report: Any, out: Any) -> None:
    """Relation F1 per pair, and the attributes both annotators of a pair set."""
    from annotator.review.structure import STRUCTURE_TEXT

    rows = []
    for p in report.pairs:
        name = (p.left + " / " + p.right)[:28]
        rel = p.corpus.get("relations", {})
        if rel.get("relations_left") or rel.get("relations_right"):
            rows.append(f"{name:<28} relations {rel['relations_left']:>5} / "
                        f"{rel['relations_right']:<5}  F1exact {_fmt(rel['f1_exact'])}")
        attrs = [(f"{label}.{attr}", v) for label, named in p.corpus.get("attributes", {}).items()
                 for attr, v in named.items()]
        attrs += [(f"article.{attr}", v)
                  for attr, v in p.corpus.get("article_attributes", {}).items()]
        rows += [f"{name:<28} {what[:30]:<30} {v['matched']:>6}  {_fmt(v['observed'])}  "
                 f"{_fmt(v['cohen_kappa'])}  {_fmt(v['krippendorff_alpha'])}"
                 for what, v in attrs if v["matched"]]
    if rows:
        print(f"attributes and relations: {STRUCTURE_TEXT}", file=out)
        print(f"{'pair':<28} {'attribute':<30} {'pairs':>6}  observ   kappa   alpha", file=out)
        for row in rows:
            print(row, file=out)


# ------------------------------------------------------------------------------- parsers
def add_parsers(sub: Any) -> None:
    """Register ``merge`` and ``agreement`` on the ``annotator`` subparsers."""
    fmt = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "merge", formatter_class=fmt,
        help="Merge teammates' project files into a project (never deletes or overwrites).",
        description="Merge teammates' project files into PROJECT. Each file is copied and "
                    "checked (header, schema, every row) before anything is written; one bad "
                    "file means nothing is merged. Articles match by their text (sha256); "
                    "spans keep their ids, annotators and provenance; spans already here are "
                    "skipped, so merging the same file twice adds nothing. One transaction "
                    "per file.",
        epilog="examples:\n  annotator merge news alice.db bob.db\n"
               "  annotator merge news alice.db --dry-run")
    p.add_argument("project", metavar="PROJECT", help=_PROJECT_HELP)
    p.add_argument("teammates", metavar="TEAMMATE.db", nargs="+",
                   help="a teammate's project file (best: made with `annotator snapshot`)")
    p.add_argument("--dry-run", action="store_true",
                   help="check the files and report what would be added; change nothing")
    p.add_argument("--who", metavar="NAME", type=person_arg,
                   help="who merges, for the change log (default: $ANNOTATOR_USER or the OS "
                        "user)")
    p.add_argument("--max-size", metavar="SIZE", type=_size, default=None,
                   help="refuse a teammate's file larger than this (default: 2G; e.g. 500M, "
                        "4G)")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser(
        "agreement", formatter_class=fmt,
        help="Inter-annotator agreement: span F1, Cohen's/Fleiss' kappa, Krippendorff's alpha.",
        description="Agreement between annotators, per pair and overall, per label and for all "
                    "labels, per article and over the corpus (read-only). By default an "
                    "article counts for a pair only when both worked on it (a span, or a "
                    "status other than todo); see --units. Use @gold to compare with the "
                    "adjudicated layer.",
        epilog="examples:\n  annotator agreement news\n"
               "  annotator agreement news -a alice -a bob --label company --json\n"
               "  annotator agreement news --html agreement.html --tokens char\n"
               "  annotator agreement news --units done")
    p.add_argument("project", metavar="PROJECT", help=_PROJECT_HELP)
    p.add_argument("-a", "--annotator", dest="annotators", action="append", metavar="NAME",
                   type=layer_arg,
                   help="compare this annotator (repeatable; default: every annotator)")
    p.add_argument("--label", dest="labels", action="append", metavar="L",
                   help="only spans with this label (repeatable; default: all labels)")
    p.add_argument("--tokens", choices=("word", "char"), default="word",
                   help="token unit of kappa and alpha: jieba words for Chinese and words for "
                        "Latin text (default), or characters")
    p.add_argument("--units", choices=("touched", "done", "all"), default="touched",
                   help="which articles count: touched (default): both annotators of a pair "
                        "(every one, for overall) have a span or a status other than todo "
                        "there; done: all of them marked it done; all: any of them has a span "
                        "there")
    p.add_argument("--json", action="store_true",
                   help="print every number as JSON (with per-article results)")
    p.add_argument("--html", metavar="OUT",
                   help="also write a self-contained HTML report (tables and charts)")
    p.add_argument("--force", action="store_true", help="replace an existing --html file")
    p.set_defaults(func=cmd_agreement)
