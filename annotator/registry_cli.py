"""The `registry` and `suggest` commands (issue 12; no Qt; registered by ``cli.build_parser``):
the project's company registry, and suggested spans for one annotator."""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.cli import _error, default_annotator
from annotator.core.registry import join_list, make_company, read_registry_csv, registry_csv_rows
from annotator.outputs import public_error, refuse_existing, sweep_partials
from annotator.store import Project
from annotator.store.suggest import KINDS, suggest


def cmd_registry(args: argparse.Namespace) -> int:
    who = args.annotator or default_annotator()
    if args.action == "list":
        with Project.open(args.project, readonly=True) as project:
            entries = project.companies()
        for c in entries:
            line = [c.name, join_list(c.aliases), join_list(c.tickers), c.note]
            print("\t".join(line).rstrip("\t"))
        if not entries:
            print("(the registry is empty)")
        return 0
    if args.action == "export":
        if args.target is None:
            return _error("registry export needs FILE.csv")
        with Project.open(args.project, readonly=True) as project:
            entries = project.companies()
        write_registry_csv(entries, Path(args.target), force=args.force)
        print(f"wrote {len(entries)} compan{'y' if len(entries) == 1 else 'ies'} to "
              f"{args.target}")
        return 0
    if args.target is None:
        return _error(f"registry {args.action} needs "
                      f"{'FILE.csv' if args.action == 'import' else 'NAME'}")
    with Project.open(args.project) as project:
        if args.action == "import":
            entries = read_registry_csv(args.target, project.company_names())
        else:
            entries = [make_company(args.target, args.alias or (), args.ticker or (),
                                    args.note or "")]
        added, widened = project.add_companies(entries, who)
    print(f"{added} compan{'y' if added == 1 else 'ies'} added, {widened} given new aliases, "
          f"tickers or note")
    return 0


def write_registry_csv(entries: list[Any], out: Path, *, force: bool) -> None:
    from annotator.formats._common import atomic_path

    refuse_existing(out, force)
    sweep_partials(out.parent)
    try:
        with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(registry_csv_rows(entries))
    except OSError as exc:
        error = public_error(exc, out)
        raise error from (None if error is exc else exc)


def cmd_suggest(args: argparse.Namespace) -> int:
    annotator = args.annotator or default_annotator()
    kinds = [k for k in KINDS if getattr(args, k)] or list(KINDS)
    with Project.open(args.project, readonly=args.dry_run) as project:
        ids = None
        if args.article:
            ids = [project.article_id_by_ref(ref) for ref in args.article]
        report = suggest(project, annotator, kinds=kinds, article_ids=ids,
                         dry_run=args.dry_run, who=default_annotator())
    for note in report.notes:
        print(f"note: {note}")
    verb = "would suggest" if args.dry_run else "suggested"
    print(f"{verb} for {annotator} in {report.articles} article(s): "
          + ", ".join(f"{report.counts[k]} {k}" for k in kinds))
    return 0


def add_parsers(sub: Any, command: Callable[..., Any], project_help: str,
                person_arg: Callable[[str], str]) -> None:
    """Register ``registry`` and ``suggest`` on the ``annotator`` subparsers."""
    p = command(sub, "registry", cmd_registry,
                "Show or edit the project's company registry (names, aliases, tickers).",
                "annotator registry news list\n"
                "annotator registry news add 阿里巴巴 --alias 阿里 --alias 'Alibaba Group' "
                "--ticker BABA --ticker 9988.HK\n"
                "annotator registry news import companies.csv   # name,aliases,tickers,note\n"
                "annotator registry news export companies.csv")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("action", choices=("list", "import", "export", "add"), metavar="ACTION",
                   help="list | import FILE.csv | export FILE.csv | add NAME")
    p.add_argument("target", metavar="FILE.csv|NAME", nargs="?",
                   help="the CSV to read or write (columns name,aliases,tickers,note; aliases "
                        "and tickers separated by |), or the company's canonical name")
    p.add_argument("--alias", action="append", metavar="A",
                   help="another name of the company in texts (repeatable)")
    p.add_argument("--ticker", action="append", metavar="T", help="a ticker (repeatable)")
    p.add_argument("--note", metavar="TEXT", help="a note on the company")
    p.add_argument("--force", action="store_true", help="export: replace an existing file")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="who makes the change")

    p = command(sub, "suggest", cmd_suggest,
                "Suggest spans (figures, registry companies, repeats of your labels) for one "
                "annotator; each is accepted or rejected in the window.",
                "annotator suggest news\n"
                "annotator suggest news --figures --article 12\n"
                "annotator suggest news --companies --annotator alice --dry-run")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("--figures", action="store_true",
                   help="every figure the parser finds, with value, unit, approx and basis")
    p.add_argument("--companies", action="store_true",
                   help="every registry name or alias in the text, longest first, with "
                        "entity = the canonical name")
    p.add_argument("--repeats", action="store_true",
                   help="every other occurrence of a text you labeled, with the same label")
    p.add_argument("--article", action="append", metavar="ID",
                   help="only this article (repeatable; default: all)")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="whose suggestions (default: $ANNOTATOR_USER or the OS user)")
    p.add_argument("--dry-run", action="store_true",
                   help="print how many would be suggested, per kind; write nothing")
