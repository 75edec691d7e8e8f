"""The `status` and `article` commands: one annotator's status of an article; rename, delete,
restore an article (registered by ``cli.build_parser``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from annotator.cli import _error, default_annotator
from annotator.core.model import STATUSES
from annotator.store import Project


def cmd_status(args: argparse.Namespace) -> int:
    who = default_annotator()
    annotator = args.annotator or who
    with Project.open(args.project) as project:
        article_id = project.article_id_by_ref(args.article)
        before = project.set_status(article_id, args.status, who, annotator=annotator)
    print(f"article {article_id}: {annotator}'s status {before} -> {args.status}")
    return 0


def cmd_article(args: argparse.Namespace) -> int:
    """Rename, delete or restore one article; or list the deleted ones."""
    who = args.annotator or default_annotator()
    if args.deleted:
        with Project.open(args.project, readonly=True) as project:
            gone = project.deleted_articles()
        for item in gone:
            print(f"{item.article_id}\t{item.title}\t{item.spans} span(s)\tdeleted "
                  f"{item.deleted_at} by {item.deleted_by}")
        if not gone:
            print("(no deleted articles)")
        return 0
    if args.id is None or not (args.title is not None or args.delete or args.restore):
        return _error("give an article ID and one of --title T, --delete, --restore "
                      "(or --deleted to list deleted articles)")
    with Project.open(args.project) as project:
        if args.title is not None:
            before = project.rename_article(args.id, args.title, who)
            print(f"article {args.id}: renamed from {before!r} to "
                  f"{project.article(args.id).title!r}")
        elif args.delete:
            deleted = project.delete_article(args.id, who)
            print(f"article {args.id} ({deleted.title}) deleted with {deleted.spans} span(s); "
                  f"`annotator article {args.project} {args.id} --restore` brings it back")
        else:
            spans = project.restore_article(args.id, who)
            print(f"article {args.id} ({project.article(args.id).title}) restored with "
                  f"{spans} span(s)")
    return 0


def add_parsers(sub: Any, command: Callable[..., Any], project_help: str,
                person_arg: Callable[[str], str]) -> None:
    """Register ``status`` and ``article`` on the ``annotator`` subparsers."""
    p = command(sub, "status", cmd_status,
                 "Set an annotator's status of an article (each annotator has their own).",
                 "annotator status news 12 done\n"
                 "annotator status news 12 in-progress --annotator alice\n"
                 "annotator status news 3f2a9c0e... todo")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("article", metavar="ARTICLE",
                   help="the id `annotator list` prints (all digits), else an article uid")
    p.add_argument("status", choices=STATUSES, metavar="STATUS",
                   help=f"one of {', '.join(STATUSES)}")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="whose status (default: $ANNOTATOR_USER or the OS user, who is also "
                        "the one logged as making the change)")

    p = command(sub, "article", cmd_article,
                 "Rename, delete or restore an article (ID as `annotator list` prints it).",
                 "annotator article news 12 --title 'Alibaba Q3 results'\n"
                 "annotator article news 12 --delete\nannotator article news --deleted\n"
                 "annotator article news 12 --restore")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("id", metavar="ID", type=int, nargs="?", help="the article's id")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--title", metavar="T", help="give the article this title")
    what.add_argument("--delete", action="store_true",
                      help="delete it with its spans (remembered: a re-import or merge of the "
                           "same text is reported, not added)")
    what.add_argument("--restore", action="store_true",
                      help="bring a deleted article back with its id and spans")
    what.add_argument("--deleted", action="store_true", help="list the deleted articles")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="who makes the change")
