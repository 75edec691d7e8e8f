"""The team commands ``assign`` and ``guidelines``: ``add_parsers(subparsers)`` registers them
on the ``annotator`` command line (``annotator/cli.py``). No Qt.

User errors raise ``ProjectError`` subclasses with one-line messages; ``cli.main`` prints them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from annotator.review_cli import _PROJECT_HELP, _who, person_arg
from annotator.store import Project
from annotator.store.errors import ProjectError


def _share(text: str) -> float:
    """``--overlap``: a share between 0 and 1 (0.2), or a percentage (20%)."""
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share such as 0.2 or 20%") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 1 (0%-100%)")
    return value


def cmd_assign(args: argparse.Namespace) -> int:
    from annotator.review.assign import assign

    people = [name for name in args.to.split(",") if name.strip()]
    with Project.open(args.project) as project:
        report = assign(project, people, args.out, _who(args.annotator), overlap=args.overlap,
                        seed=args.seed, force=args.force)
    for line in report.lines():
        print(line)
    print(f"plan {report.plan} recorded in {args.project}; merge the returned files with "
          f"`annotator merge {args.project} FILE.db ...`")
    return 0


def cmd_guidelines(args: argparse.Namespace) -> int:
    if args.set is None:
        with Project.open(args.project, readonly=True) as project:
            text = project.guidelines()
        print(text if text else "(no guidelines; set them with --set FILE.md)")
        return 0
    source = Path(args.set)
    try:
        text = sys.stdin.read() if args.set == "-" else source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProjectError(f"{source}: not UTF-8 text (byte {exc.start}); nothing was "
                           "changed") from None
    with Project.open(args.project) as project:
        stored = project.set_guidelines(text, _who(args.annotator))
    print(f"guidelines set: {len(stored.splitlines())} line(s)")
    return 0


def add_parsers(sub: Any) -> None:
    """Register ``assign`` and ``guidelines`` on the ``annotator`` subparsers."""
    fmt = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "assign", formatter_class=fmt,
        help="Split the articles between annotators: one project file per person.",
        description="Write one project file per annotator into DIR (NAME.db: the scheme, "
                    "terms, guidelines, that person's articles and their own spans), and record "
                    "the plan in PROJECT. An --overlap share of the articles goes to everyone, "
                    "for agreement. Merging the returned files (annotator merge) fills the "
                    "progress per annotator, and brings back the spans each one edited.",
        epilog="examples:\n  annotator assign news --to alice,bob,carol --out handout/\n"
               "  annotator assign news --to alice,bob --overlap 0.2 --out handout/")
    p.add_argument("project", metavar="PROJECT", help=_PROJECT_HELP)
    p.add_argument("--to", required=True, metavar="NAMES",
                   help="the annotators, separated by commas")
    p.add_argument("--overlap", type=_share, default=0.0, metavar="SHARE",
                   help="share of the articles everyone gets, for agreement (0.2 or 20%%; "
                        "default 0)")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="folder for the files (created when missing)")
    p.add_argument("--force", action="store_true", help="replace files already in DIR")
    p.add_argument("--seed", type=int, help="a fixed shuffle, to repeat a split")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="who assigns, for the change log (default: $ANNOTATOR_USER or the OS "
                        "user)")
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser(
        "guidelines", formatter_class=fmt,
        help="Show or set the project's annotation guidelines (Markdown).",
        description="Print the guidelines, or replace them with --set FILE.md (- reads "
                    "standard input). The window shows them in a dock; assign carries them.",
        epilog="examples:\n  annotator guidelines news\n"
               "  annotator guidelines news --set guidelines.md")
    p.add_argument("project", metavar="PROJECT", help=_PROJECT_HELP)
    p.add_argument("--set", metavar="FILE.md", help="replace the guidelines with this file")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="who makes the change")
    p.set_defaults(func=cmd_guidelines)
