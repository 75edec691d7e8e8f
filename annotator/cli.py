"""``annotator``: the command line. The same operations as the window, headless.

No Qt here: the ``gui`` command (and ``annotator`` with no arguments) imports ``annotator.app``
lazily. User errors (a ``ProjectError``, a bad scheme or input file, an OS error on a file)
print one line, ``annotator: error: ...``, on stderr and exit 1; usage errors exit 2; anything
else is a bug and shows its traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from annotator import __version__
from annotator.core.labels import SchemeError
from annotator.core.model import STATUSES
from annotator.core.names import BadName, check_person_name
from annotator.core.registry import RegistryError
from annotator.core.scheme import load_scheme_file
from annotator.core.sizes import parse_size
from annotator.core.text import TextDecodeError
from annotator.store import ImportCancelled, ImportReport, Project, ProjectError

PROG = "annotator"

TOUR = """\
annotator: a workbench for labelling spans in news articles; one SQLite file per project.

  annotator new news                          create projects/news.db (default labels)
  annotator import news articles/ dump.jsonl  import .txt .md .jsonl .json .csv (recursive)
  annotator list news                         articles with your status and span counts
  annotator status news 12 done               set your status of article 12
  annotator stats news                        spans per label and annotator, articles per status
  annotator export news -f jsonl -o news.jsonl   the native format (import it back anywhere)
  annotator check news                        verify every span against its text
  annotator snapshot news share.db            a consistent single-file copy to share
  annotator labels news                       the label scheme
  annotator article news 12 --delete          rename (--title T), delete or --restore an article
  annotator concordance news --label figure   every figure in context (--csv OUT for a table)
  annotator terms news --add 双十一            words that word snapping keeps whole
  annotator assign news --to alice,bob --overlap 0.2 --out handout/   one file per person
  annotator merge news alice.db bob.db        bring in teammates' work (never deletes)
  annotator guidelines news --set guide.md    the annotation guidelines (Markdown)
  annotator agreement news --html report.html    F1, Cohen/Fleiss kappa, Krippendorff alpha
  annotator gui news                          open the window

Run `annotator COMMAND --help` for the options and examples of each command.
"""


def default_annotator() -> str:
    """$ANNOTATOR_USER, else the OS user name; BadName when it is not a valid name."""
    name = os.environ.get("ANNOTATOR_USER", "").strip()
    where = "$ANNOTATOR_USER"
    if not name:
        where = "the OS user name"
        try:
            name = getpass.getuser()
        except (OSError, KeyError):  # no user name in this environment
            return "unknown"
    try:
        return check_person_name(name)
    except BadName as exc:
        raise BadName(f"{where}: {exc} (give a name with --annotator)") from None


# ------------------------------------------------------------------------------- commands
def cmd_new(args: argparse.Namespace) -> int:
    scheme = load_scheme_file(args.labels) if args.labels else None
    with Project.create(args.project, title=args.title or "", scheme=scheme,
                        who=default_annotator()) as project:
        names = ", ".join(label.name for label in project.labels())
        print(f"created {project.path} (labels: {names})")
    return 0


class ImportProgress:
    """``read N records (R/s)`` on stderr: rewritten in place on a terminal, else a line
    every ``interval`` seconds. "read", not "imported": nothing is imported until the one
    transaction commits, and a failing import must not seem to have imported anything."""

    def __init__(self, stream: TextIO | None = None, interval: float = 3.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = interval
        self.last = time.monotonic()
        self.shown = False

    def __call__(self, count: int, rate: float) -> None:
        text = f"read {count:,} records ({rate:,.0f}/s)"
        if self.tty:
            self.stream.write(f"\r{text}")
            self.stream.flush()
            self.shown = True
        elif time.monotonic() - self.last >= self.interval:
            self.stream.write(text + "\n")
            self.stream.flush()
            self.last = time.monotonic()

    def finish(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _print_list(title: str, items: Sequence[str], limit: int = 20) -> None:
    if not items:
        return
    print(f"{title}:")
    for item in items[:limit]:
        print(f"  {item}")
    if len(items) > limit:
        print(f"  ... and {len(items) - limit} more")


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.formats_cli import IMPORT_OPTIONS, cli_options, import_format

    who = args.annotator or default_annotator()
    with Project.open(args.project) as project:
        progress = ImportProgress()
        try:
            if args.format in (None, "auto"):
                from annotator.importing import import_paths

                cli_options(args, "auto", IMPORT_OPTIONS)
                report = import_paths(project, args.paths, who, skip_bad=args.skip_bad,
                                      create_labels=args.create_labels, restore=args.restore,
                                      text_field=args.text_field, progress=progress,
                                      max_size=args.max_size)
            else:
                report = import_format(
                    project, args.format, args.paths, who, skip_bad=args.skip_bad,
                    create_labels=args.create_labels, progress=progress,
                    options=cli_options(args, args.format, IMPORT_OPTIONS),
                    max_size=args.max_size, restore=args.restore)
        finally:
            progress.finish()
        indexed = _refresh_search_index(project, report)
    print(f"{report.summary()} in {report.seconds:.1f} s")
    if indexed:
        print(f"search index: {indexed} new article(s) indexed")
    _print_list("not read (not regular files)", report.unread)
    _print_list("decoded as something other than UTF-8", report.encodings)
    _print_list("skipped (bad)", report.skipped)
    _print_list("already in the project", report.duplicates)
    _print_list("deleted from the project before (left out; --restore brings them back)",
                report.deleted)
    _print_list("deleted before, restored", report.restored)
    _print_list("warnings", getattr(report, "warnings", []))
    return 0


def _refresh_search_index(project: Project, report: ImportReport) -> int:
    """Index the new articles while their texts are in the page cache, when this machine has
    the project's search index (store/search_index.py; the window builds it otherwise)."""
    if not (report.added or report.restored):
        return 0
    from annotator.store.search_index import refresh_index

    return refresh_index(project.conn, project.path)


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.formats_cli import EXPORT_OPTIONS, cli_options, export_format, export_to_stream
    from annotator.outputs import is_stdout

    options = cli_options(args, args.format, EXPORT_OPTIONS)
    # --status means the status of the one --annotator given, else the current user's
    status_of = args.annotators[0] if args.annotators and len(args.annotators) == 1 else (
        default_annotator())
    kwargs: dict[str, Any] = {
        "annotators": args.annotators, "labels": args.labels, "statuses": args.statuses,
        "gold_only": args.gold_only, "all_annotators": args.all_annotators,
        "skip_empty": args.skip_empty, "options": options, "status_of": status_of,
        "include_suggested": args.include_suggested}
    to_stdout = is_stdout(args.output)
    with Project.open(args.project, readonly=True) as project:
        if to_stdout:
            manifest = export_to_stream(project, args.format, sys.stdout.buffer, **kwargs)
        else:
            manifest = export_format(project, args.format, args.output, force=args.force,
                                     **kwargs)
    report = sys.stderr if to_stdout else sys.stdout  # standard output holds the data
    counts = dict(manifest.get("counts", {}))
    warned = counts.pop("warnings", 0)
    what = ", ".join(f"{n} {k}" for k, n in counts.items() if isinstance(n, int))
    unit = manifest.get("offset_unit")
    where = "standard output" if to_stdout else args.output
    print(f"exported {what} to {where}" + (f" (offsets in {unit})" if unit else ""),
          file=report)
    for line in manifest.get("attention", []):
        print(line, file=report)
    if warned and to_stdout:
        reasons = "; ".join(f"{n} {r}" for r, n in manifest.get("warnings_by_reason", {}).items())
        print(f"{warned} span(s) could not be carried exactly ({reasons}); export to a file "
              "for the warnings file", file=report)
    elif warned:
        print(f"{warned} span(s) could not be carried exactly: see {manifest['warnings_file']}",
              file=report)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    who = args.annotator or default_annotator()
    with Project.open(args.project, readonly=True) as project:
        rows = project.articles(status=args.status, annotator=who)
        everyone = len(project.progress().keys() | {who})
    width = max([len(str(r.id)) for r in rows] + [2])
    # status: who's; done: by how many of the annotators who set a status anywhere
    print(f"{'id':>{width}}  {'status':<11}  {'done':>5}  {'spans':>5}  title")
    for r in rows:
        title = r.title if len(r.title) <= 70 else r.title[:69] + "…"
        done = f"{r.done_by}/{everyone}"
        print(f"{r.id:>{width}}  {r.status:<11}  {done:>5}  {r.span_count:>5}  {title}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        stats = project.stats(args.annotator or default_annotator())
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0

    def counts(d: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in d.items()) or "none"

    print(f"project: {stats['title']}")
    print(f"articles: {stats['articles']} ({counts(stats['articles_per_status'])}: "
          f"{args.annotator or default_annotator()}'s statuses)")
    for name, progress in stats["progress"].items():
        print(f"  {name}: {counts(progress)}")
    print(f"spans: {stats['spans']}")
    print(f"  per label: {counts(stats['spans_per_label'])}")
    print(f"  per annotator: {counts(stats['spans_per_annotator'])}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        problems = project.check()
        stats = None if problems else project.stats()  # a damaged file: no statistics
        warnings = [] if problems and problems[0].startswith("quick_check") else (
            project.check_warnings())
    for problem in problems:
        print(problem)
    for warning in warnings:  # incomplete spans: reported, not an error
        print(f"warning: {warning}")
    also = f" ({len(warnings)} warning(s), not errors)" if warnings else ""
    if stats is None:
        print(f"{PROG}: error: {len(problems)} problem(s) in {project.path}{also}",
              file=sys.stderr)
        return 1
    print(f"ok: {stats['articles']} articles, {stats['spans']} spans{also}")
    return 0


def cmd_snapshot(args: argparse.Namespace) -> int:
    from annotator.outputs import refuse_existing

    refuse_existing(args.output, args.force)
    with Project.open(args.project, readonly=True) as project:
        out = project.snapshot(args.output, replace=args.force)
    print(f"wrote {out}")
    return 0


def cmd_terms(args: argparse.Namespace) -> int:
    readonly = not (args.add or args.remove)
    with Project.open(args.project, readonly=readonly) as project:
        terms = project.terms()
        if not readonly:
            remove = set(args.remove or [])
            terms = project.set_terms([t for t in terms if t not in remove] + (args.add or []),
                                      args.annotator or default_annotator())
    print("\n".join(terms) if terms else "(no terms)")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    # ---- GUI entry point (owned by the GUI engineer): Qt is imported here, never above ----
    from annotator.display import no_display_reason

    reason = no_display_reason()
    if reason is not None:  # Qt's own message would blame a library that is installed
        print(reason, file=sys.stderr)
        return 1
    try:
        from annotator.app import main as gui_main
    except ModuleNotFoundError as exc:
        if exc.name != "annotator.app":
            raise
        print(TOUR, end="")
        return 0
    return int(gui_main(args) or 0)


# ------------------------------------------------------------------------------- parser
_Formatter = argparse.RawDescriptionHelpFormatter


def _size_arg(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _command(sub: Any, name: str, func: Callable[[argparse.Namespace], int], summary: str,
             examples: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=summary, description=summary, formatter_class=_Formatter,
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples.strip().splitlines()))
    parser.set_defaults(func=func)
    return parser


def build_parser() -> argparse.ArgumentParser:
    from annotator.review_cli import layer_arg, person_arg

    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=_Formatter,
        description="Label spans (claim, figure, company, strategy...) in news articles. "
                    "A project is one SQLite file: a bare NAME means projects/NAME.db "
                    "(or $ANNOTATOR_PROJECTS/NAME.db); anything with a slash or ending in .db "
                    "is a path. Without a command, opens the window.",
        epilog=TOUR)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    project_help = "project NAME (projects/NAME.db) or path to a .db file"

    p = _command(sub, "new", cmd_new, "Create a new, empty project file.",
                 "annotator new news\n"
                 "annotator new ~/research/outlets.db --title 'Outlets 2024'\n"
                 "annotator new finance --labels my-scheme.json")
    p.add_argument("project", metavar="NAME|PATH", help=project_help)
    p.add_argument("--labels", metavar="FILE",
                   help="scheme file: JSON as `annotator labels PROJECT --json` prints it "
                        "({labels (with attributes), relations, article_attributes}), a JSON "
                        "list of {name, color, hotkey, description}, or a text file with one "
                        "label name per line (default: the claim model: claim, figure, "
                        "company, strategy with their attributes and relations)")
    p.add_argument("--title", metavar="T", help="project title (default: the file name)")

    p = _command(sub, "import", cmd_import,
                 "Import articles from files and folders, all or nothing.",
                 "annotator import news articles/\n"
                 "annotator import news dump.jsonl --text-field content\n"
                 "annotator import news export.jsonl --create-labels   # a native export\n"
                 "annotator import news messy/ --skip-bad\n"
                 "annotator import news collection/ --format brat --create-labels\n"
                 "annotator import news train.json --format cluener --create-labels")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("paths", metavar="PATH", nargs="+",
                   help="files (.txt .md .markdown .jsonl .json .csv) or folders (searched "
                        "recursively)")
    p.add_argument("--skip-bad", action="store_true",
                   help="import the good records and report the bad ones (default: the first "
                        "bad record aborts the import and nothing is imported)")
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="JSON field / CSV column holding the article text (default: text)")
    from annotator.importing.source import MAX_ARTICLE_SIZE

    p.add_argument("--max-size", type=_size_arg, default=MAX_ARTICLE_SIZE, metavar="SIZE",
                   help="the largest text one article may have, e.g. 500M or 2G (default: "
                        "200M; per article, not per JSONL/CSV file)")
    p.add_argument("--create-labels", action="store_true",
                   help="add labels that imported spans use but the project lacks")
    p.add_argument("--restore", action="store_true",
                   help="bring back articles deleted from the project before (they are left "
                        "out and listed otherwise)")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="who is importing (default: $ANNOTATOR_USER or the OS user)")
    p.add_argument("--format", metavar="FORMAT", default=None,
                   help="read the files as a dataset format: doccano, label-studio, brat, "
                        "conll, cluener (default: by suffix: .txt .md .jsonl/.json incl. the "
                        "native format, .csv)")
    from annotator.formats_cli import EXPORT_OPTIONS, IMPORT_OPTIONS, add_cli_options

    add_cli_options(p, IMPORT_OPTIONS)

    p = _command(sub, "export", cmd_export, "Export a dataset file (read-only on the project).",
                 "annotator export news -f jsonl -o news.jsonl\n"
                 "annotator export news -f jsonl -o alice.jsonl --annotator alice "
                 "--status done\n"
                 "annotator export news -f conll -o train.conll --scheme bioes --token char\n"
                 "annotator export news -f doccano -o doccano.jsonl --gold-only\n"
                 "annotator export news -f brat -o brat-folder/\n"
                 "annotator export news -f csv -o spans.csv --excel --safe")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("-f", "--format", required=True, metavar="FORMAT",
                   help="jsonl (native), doccano, label-studio, brat (a folder), conll, "
                        "spacy, cluener, csv")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="file (or folder, for brat) to write; - writes a single-file format "
                        "to standard output (the summary goes to standard error)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing output (and its manifest and warnings files)")
    p.add_argument("--annotator", dest="annotators", action="append", metavar="A",
                   type=layer_arg, help="only spans by this annotator (repeatable)")
    p.add_argument("--label", dest="labels", action="append", metavar="L",
                   help="only spans with this label (repeatable)")
    p.add_argument("--status", dest="statuses", action="append", choices=STATUSES,
                   metavar="S", help=f"only articles with this status: {', '.join(STATUSES)} "
                                     "(repeatable), the status of the one --annotator given, "
                                     "else yours ($ANNOTATOR_USER or the OS user)")
    p.add_argument("--gold-only", action="store_true",
                   help="only the adjudicated (gold) layer")
    p.add_argument("--all-annotators", action="store_true",
                   help="everyone's spans together, also in formats that cannot say who made "
                        "each span (doccano, conll, cluener, spacy refuse to mix several "
                        "annotators without a choice)")
    p.add_argument("--skip-empty", action="store_true", help="leave out articles without spans")
    p.add_argument("--include-suggested", action="store_true",
                   help="also suggested spans (`annotator suggest`) in formats that cannot mark "
                        "a suggestion (doccano, conll, cluener, spacy, csv), which leave them "
                        "out otherwise; jsonl, brat and label-studio always carry them, marked")
    add_cli_options(p, EXPORT_OPTIONS)

    p = _command(sub, "list", cmd_list, "List articles with their status and span counts.",
                 "annotator list news\nannotator list news --status done\n"
                 "annotator list news --annotator alice --status in-progress")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("--status", choices=STATUSES, metavar="S",
                   help=f"only articles with this status ({', '.join(STATUSES)}) of the "
                        "annotator")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="whose status to show and filter by (default: $ANNOTATOR_USER or the "
                        "OS user)")

    from annotator.article_cli import add_parsers as add_article_parsers

    add_article_parsers(sub, _command, project_help, person_arg)
    from annotator.concordance_cli import add_parsers as add_concordance_parsers

    add_concordance_parsers(sub, _command, project_help)
    from annotator.registry_cli import add_parsers as add_registry_parsers

    add_registry_parsers(sub, _command, project_help, person_arg)

    p = _command(sub, "stats", cmd_stats,
                 "Count spans per label and annotator, articles per status.",
                 "annotator stats news\nannotator stats news --json\n"
                 "annotator stats news --annotator alice")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="whose statuses `articles per status` counts (default: "
                        "$ANNOTATOR_USER or the OS user); every annotator's are listed too")

    p = _command(sub, "check", cmd_check,
                 "Verify the file, every span against its text, and every attribute value "
                 "and relation against the scheme; exit 1 on any problem (spans missing a "
                 "required attribute are warnings: exit 0).",
                 "annotator check news")
    p.add_argument("project", metavar="PROJECT", help=project_help)

    p = _command(sub, "snapshot", cmd_snapshot,
                 "Write a consistent single-file copy of a project, for sharing.",
                 "annotator snapshot news news-2024-06-01.db")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("output", metavar="OUT.db", help="the copy to write (must not exist)")
    p.add_argument("--force", action="store_true", help="replace an existing OUT.db")

    from annotator.scheme_cli import add_parsers as add_scheme_parsers

    add_scheme_parsers(sub, _command, project_help)

    p = _command(sub, "terms", cmd_terms,
                 "Show or edit the project's terms: words segmentation must keep whole.",
                 "annotator terms news\nannotator terms news --add 双十一 --add 拼多多\n"
                 "annotator terms news --remove 双十一")
    p.add_argument("project", metavar="PROJECT", help=project_help)
    p.add_argument("--add", action="append", metavar="TERM", help="add a term (repeatable)")
    p.add_argument("--remove", action="append", metavar="TERM",
                   help="remove a term (repeatable)")
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="who makes the change")

    from annotator.review_cli import add_parsers as add_review_parsers

    add_review_parsers(sub)
    from annotator.team_cli import add_parsers as add_team_parsers

    add_team_parsers(sub)

    p = _command(sub, "gui", cmd_gui, "Open the annotation window.",
                 "annotator gui\nannotator gui news")
    p.add_argument("project", metavar="PROJECT", nargs="?", help=project_help)
    p.add_argument("--annotator", metavar="NAME", type=person_arg,
                   help="your name on new spans (default: remembered, else asked once)")
    return parser


# ------------------------------------------------------------------------------- main
USER_ERRORS = (ProjectError, SchemeError, TextDecodeError, ImportCancelled, BadName,
               RegistryError)


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    from annotator.formats import UnknownFormat
    from annotator.importing import ReadError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors (2)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    if args.command is None:
        args = argparse.Namespace(command="gui", func=cmd_gui, project=None, annotator=None)
    try:
        return int(args.func(args))
    except (*USER_ERRORS, ReadError, UnknownFormat) as exc:
        return _error(str(exc))
    except BrokenPipeError:  # `annotator list news | head`: stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _error(f"{where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
