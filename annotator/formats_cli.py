"""Exporting and importing dataset formats by name: what ``annotator export -f NAME`` /
``annotator import --format NAME`` and the Export dialog call (no Qt).

``export_format`` runs a registered writer with the common filters and the format's own options
and returns its manifest (counts, offset unit, files, warnings file); it refuses to replace any
file the export writes (``export_outputs``) unless ``force``, and first sweeps the temporary
files killed exports left beside the output. ``export_to_stream`` is ``-o -``. ``import_format`` reads
files with a registered reader into ONE all-or-nothing ``Project.add_articles`` call, with the
same rules as ``annotator.importing.import_paths``: the first bad record (``file:line: reason``)
aborts the import unless ``skip_bad``; things imported but not exactly as written are in
``report.warnings``. ``EXPORT_OPTIONS`` / ``IMPORT_OPTIONS`` describe each format's options
(keyword, command-line flag, kind, choices, default, help) for the CLI and the dialog.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import inspect
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from annotator import formats
from annotator.formats._common import (
    ExportLog,
    ExportProgress,
    Filters,
    FormatError,
    OwnStatuses,
    sidecar,
    write_manifest,
)
from annotator.formats._reading import collect_files
from annotator.outputs import public_error, refuse_existing, sweep_partials
from annotator.store.article_import import ImportReport, Progress

if TYPE_CHECKING:
    from annotator.store.project import Project

__all__ = ["ANONYMOUS", "EXPORT_OPTIONS", "IMPORT_OPTIONS", "FormatImportReport", "MixedLayers",
           "Option", "annotator_names", "export_format", "exported_layers", "refuse_mixing",
           "export_outputs", "export_to_stream", "import_format", "load_all", "add_cli_options",
           "cli_options"]

MODULES = ("native", "doccano", "label_studio", "brat", "conll", "spacy_docbin", "cluener",
           "csv_spans", "claims_table")
FOLDER_OUTPUT = frozenset({"brat"})
#: formats whose records cannot say who made each span: with several annotators they export
#: one of them, the gold layer, or (asked for by name) everyone mixed (``refuse_mixing``)
ANONYMOUS = frozenset({"doccano", "conll", "cluener", "spacy"})
#: formats that write more than one file (not to standard output): brat a folder, Label Studio
#: its labeling config next to the tasks
MULTI_FILE = frozenset({"brat", "label-studio"})


@dataclass(frozen=True)
class Option:
    """One format option: ``name`` is the writer/reader keyword, ``flag`` the CLI flag
    (``kind`` "choice": ``--flag VALUE``; "flag": a switch that sets ``not default``; "text":
    ``--flag TEXT``)."""

    name: str
    flag: str
    kind: str
    default: Any
    choices: tuple[str, ...] = ()
    help: str = ""


UNITS = ("utf16", "codepoint")
#: doccano 1.8 counts UTF-16 units in its browser UI; Label Studio 1.23 counts code points
DOCCANO_UNIT = Option("unit", "--unit", "choice", "utf16", UNITS,
                      "offsets in UTF-16 code units (what doccano's browser UI counts) or "
                      "code points")
LABEL_STUDIO_UNIT = Option("unit", "--unit", "choice", "codepoint", UNITS,
                           "offsets in code points (what Label Studio 1.23 counts) or UTF-16 "
                           "code units (older Label Studio versions)")
_TOKEN = Option("token", "--token", "choice", "word", ("word", "char"),
                "Chinese tokens: jieba words or single characters (Latin text: words)")
_TEXT_FIELD = Option("text_field", "--text-field", "text", "text",
                     help="the field that holds the article text")

_SPREADSHEET = (Option("excel", "--excel", "flag", False,
                       help="UTF-8 with a byte order mark, for Excel"),
                Option("safe", "--safe", "flag", False,
                       help="spreadsheet-safe: prefix ' to cells starting with = + - @ tab CR"))

EXPORT_OPTIONS: dict[str, tuple[Option, ...]] = {
    "jsonl": (),
    "doccano": (DOCCANO_UNIT, Option("layout", "--layout", "choice", "auto",
                              ("auto", "label", "entities"),
                              "label: [[start, end, label]]; entities: doccano's form with "
                              "relations; auto: entities when there are relations")),
    "label-studio": (LABEL_STUDIO_UNIT,),
    "brat": (),
    "conll": (Option("scheme", "--scheme", "choice", "iob2", ("iob2", "bioes", "bmes"),
                     "tag scheme"),
              _TOKEN,
              Option("docstart", "--no-docstart", "flag", True,
                     help="leave out the -DOCSTART- line before each article"),
              Option("separator", "--separator", "choice", "space", ("space", "tab"),
                     "between token and tag")),
    "spacy": (_TOKEN,
              Option("split", "--no-split-tokens", "flag", True,
                     help="do not split tokens at span edges (such spans are then "
                          "misaligned and left out)"),
              Option("spans_key", "--spans-key", "text", "sc", help="doc.spans key")),
    "cluener": (),
    "csv": _SPREADSHEET,
    "claims": (*_SPREADSHEET,
               Option("claim_label", "--claim-label", "text", "claim",
                      help="the label whose spans are the claims table's rows")),
    "relations": _SPREADSHEET,
}
IMPORT_OPTIONS: dict[str, tuple[Option, ...]] = {
    "doccano": (DOCCANO_UNIT, _TEXT_FIELD),
    "label-studio": (LABEL_STUDIO_UNIT, _TEXT_FIELD),
    "brat": (),
    "conll": (Option("scheme", "--scheme", "choice", "auto", ("auto", "iob2", "bioes", "bmes"),
                     "tag scheme of the file (auto: from the tags)"),
              Option("article", "--article", "choice", "auto", ("auto", "doc", "sentence"),
                     "what makes an article: a -DOCSTART- document or each sentence")),
    "cluener": (),
}
SUFFIXES = {
    "doccano": (".jsonl", ".json"),
    "label-studio": (".json", ".jsonl"),
    "brat": (".ann", ".txt"),
    "conll": (".conll", ".conll03", ".conllx", ".bio", ".bioes", ".bmes", ".iob", ".iob2",
              ".tsv", ".txt", ".char"),
    "cluener": (".json", ".jsonl"),
}


def load_all() -> list[str]:
    """Import every format module (each registers itself); return the format names."""
    for module in MODULES:
        importlib.import_module(f"annotator.formats.{module}")
    return formats.names()


def _check_options(name: str, given: dict[str, Any] | None,
                   table: dict[str, tuple[Option, ...]]) -> dict[str, Any]:
    allowed = {o.name for o in table.get(name, ())}
    unknown = sorted(set(given or {}) - allowed)
    if unknown:
        raise FormatError(f"format '{name}' has no option {', '.join(unknown)} (it takes: "
                          f"{', '.join(sorted(allowed)) or 'none'})")
    return dict(given or {})


def export_outputs(name: str, out: str | os.PathLike[str]) -> list[Path]:
    """Every file (or folder) an export of format ``name`` to ``out`` writes."""
    out = Path(out)
    if name in FOLDER_OUTPUT:
        return [out]
    paths = [out, sidecar(out, "manifest.json"), sidecar(out, "warnings.jsonl")]
    if name == "label-studio":
        paths.append(out.with_name(f"{out.stem}.label_config.xml"))
    return paths


class MixedLayers(FormatError):
    """An export would put several annotators' spans into records that cannot say whose."""


def annotator_names(project: Project) -> list[str]:
    """The people with a layer in ``project`` (the gold layer not counted)."""
    from annotator.review.layers import GOLD, layer_names

    return [n for n in layer_names(project) if n != GOLD]


def refuse_mixing(project: Project, name: str, annotators: Iterable[str] | None,
                  gold_only: bool, all_annotators: bool) -> None:
    """MixedLayers when format ``name`` cannot say who made each span, the project has more
    than one annotator and nobody was chosen (no annotator, not gold only, not everyone)."""
    if name not in ANONYMOUS or annotators is not None or gold_only or all_annotators:
        return
    people = annotator_names(project)
    if len(people) > 1:
        shown = ", ".join(people[:5]) + (", ..." if len(people) > 5 else "")
        raise MixedLayers(
            f"{name} records cannot say who made each span and {project.path.name} has "
            f"{len(people)} annotators ({shown}); nothing was written: choose --annotator NAME, "
            "--gold-only or --all-annotators")


def exported_layers(project: Project, annotators: Iterable[str] | None,
                    gold_only: bool) -> list[str]:
    """The layers an export takes: the gold layer, the annotators asked for, or every layer."""
    from annotator.review.layers import GOLD, layer_names

    if gold_only:
        return [GOLD]
    return list(annotators) if annotators is not None else layer_names(project)


def _add_to_manifest(path: Path, entries: dict[str, Any]) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        manifest: dict[str, Any] = json.load(fh)
    manifest.update(entries)
    write_manifest(path, manifest)
    return manifest


def export_format(project: Project, name: str, out: str | os.PathLike[str], *,
                  annotators: Iterable[str] | None = None, labels: Iterable[str] | None = None,
                  statuses: Iterable[str] | None = None, gold_only: bool = False,
                  all_annotators: bool = False, skip_empty: bool = False,
                  options: dict[str, Any] | None = None,
                  progress: ExportProgress | None = None, force: bool = False,
                  status_of: str = "", include_suggested: bool = False) -> dict[str, Any]:
    """Export with format ``name``; return the manifest (with ``layers``: what it took).
    Refuses (MixedLayers) to mix several annotators in a format that cannot say who made each
    span unless they were chosen (``annotators``, ``gold_only``, ``all_annotators``); refuses
    (OutputExists) to replace any file the export writes unless ``force``; first removes the
    temporary files that killed exports left in the output's folder. ``statuses`` and the
    exported status are ``status_of``'s (each annotator has their own). Formats that cannot
    mark a suggestion leave suggested spans out unless ``include_suggested``; the others carry
    them marked."""
    load_all()
    statuses = None if statuses is None else OwnStatuses(statuses, status_of)
    fmt = formats.get(name)
    if fmt.writer is None:
        raise formats.UnknownFormat(f"format '{name}' can only be read, not written")
    if annotators is not None:
        annotators = list(annotators)
    refuse_mixing(project, name, annotators, gold_only, all_annotators)
    layers: dict[str, Any] = {"layers": exported_layers(project, annotators, gold_only)}
    opts = _check_options(name, options, EXPORT_OPTIONS)
    params = inspect.signature(fmt.writer).parameters
    if "include_suggested" in params and not include_suggested:
        layers["suggested"] = "left out: this format cannot mark a suggestion"
    for key, value in (("gold_only", gold_only), ("skip_empty", skip_empty),
                       ("progress", progress), ("include_suggested", include_suggested)):
        if key in params:
            opts[key] = value
        elif value and key not in ("progress", "include_suggested"):
            raise FormatError(f"format '{name}' cannot export with {key}")
    if name not in FOLDER_OUTPUT and Path(out).is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(out))
    if "status_of" in params:
        opts["status_of"] = status_of
    if "force" in params:
        opts["force"] = force  # a folder output checks (and replaces) itself
    else:
        refuse_existing(export_outputs(name, out), force)
    sweep_partials(Path(out).parent)
    try:
        counts = fmt.writer(project, out, annotators=annotators, labels=labels,
                            statuses=statuses, **opts)
    except OSError as exc:
        error = public_error(exc, out)
        if error is exc:
            raise
        raise error from exc
    if name != "jsonl":
        return _add_to_manifest(
            sidecar(Path(out), "manifest.json", folder=name in FOLDER_OUTPUT), layers)
    # the native writer has no manifest of its own: it carries everything and warns nothing
    filters = Filters.make(annotators, labels, statuses, gold_only, skip_empty)
    return ExportLog(Path(out), name).finish(
        project, unit="code points", filters=filters, options=opts, counts=counts,
        files=[Path(out)], notes=["start_utf16/end_utf16 give each span in UTF-16 units too"],
        extra=layers)


def export_to_stream(project: Project, name: str, stream: IO[bytes],
                     **kwargs: Any) -> dict[str, Any]:
    """``-o -``: export a single-file format to ``stream``; no manifest or warnings file is
    left anywhere (the manifest is returned, its warnings summarized by reason)."""
    if name in MULTI_FILE:
        what = "a folder" if name in FOLDER_OUTPUT else "the tasks and a labeling config"
        raise FormatError(f"format '{name}' writes {what}, which standard output cannot hold; "
                          "give a path with -o")
    with tempfile.TemporaryDirectory(prefix="annotator-export-") as folder:
        out = Path(folder) / f"export.{name}"
        manifest = export_format(project, name, out, **kwargs)
        with open(out, "rb") as fh:
            shutil.copyfileobj(fh, stream)
        stream.flush()
    manifest["files"] = ["-"]
    manifest.pop("warnings_file", None)
    return manifest


@dataclass
class FormatImportReport(ImportReport):
    """An ImportReport with the warnings of the reader (imported, but not exactly as
    written: a discontinuous brat span split, an unsupported line skipped...)."""

    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = super().summary()
        return f"{text}, {len(self.warnings)} warning(s)" if self.warnings else text


def import_format(project: Project, name: str, paths: Iterable[str | os.PathLike[str]],
                  who: str, *, skip_bad: bool = False, create_labels: bool = False,
                  options: dict[str, Any] | None = None, progress: Progress | None = None,
                  max_size: int | None = None, restore: bool = False) -> FormatImportReport:
    """Import ``paths`` (files, or folders searched for the format's files) with format
    ``name`` in one transaction (``restore``: articles deleted before come back). Raises
    ReadError before anything starts for a missing path, ImportFailed for the first bad record
    unless ``skip_bad``."""
    load_all()
    from annotator.importing import MAX_ARTICLE_SIZE, import_files, import_paths

    if name == "jsonl":
        _check_options(name, options, {"jsonl": (_TEXT_FIELD,)})
        report = import_paths(project, paths, who, skip_bad=skip_bad,
                              create_labels=create_labels, progress=progress, restore=restore,
                              text_field=(options or {}).get("text_field", "text"),
                              max_size=MAX_ARTICLE_SIZE if max_size is None else max_size)
        return FormatImportReport(**vars(report))
    fmt = formats.get(name)
    if fmt.reader is None:
        raise formats.UnknownFormat(f"format '{name}' can only be written, not read")
    opts = _check_options(name, options, IMPORT_OPTIONS)
    if not create_labels and "labels" in inspect.signature(fmt.reader).parameters:
        opts["labels"] = frozenset(label.name for label in project.labels())
    if "label_scheme" in inspect.signature(fmt.reader).parameters:
        opts["label_scheme"] = project.scheme()  # its attributes become attributes
    refused: list[str] = []
    files = _files(name, paths, refused)
    warnings: list[str] = []
    reader = fmt.reader
    report = import_files(project, files, lambda path: reader(path, warn=warnings.append, **opts),
                          who, skip_bad=skip_bad, create_labels=create_labels, progress=progress,
                          max_size=MAX_ARTICLE_SIZE if max_size is None else max_size,
                          refused=refused, restore=restore)
    return FormatImportReport(**vars(report), warnings=warnings)


def _files(name: str, paths: Iterable[str | os.PathLike[str]], refused: list[str]
           ) -> list[Path]:
    files = collect_files(paths, SUFFIXES.get(name, ()), name, refused)
    if name != "brat":
        return files
    stems: dict[Path, Path] = {}  # one document per stem: its .ann (or its .txt alone)
    for f in files:
        if f.suffix.lower() in (".ann", ".txt"):
            stems.setdefault(f.with_suffix(""), f)
    return list(stems.values())


# ------------------------------------------------------------------ command-line flags
def add_cli_options(parser: argparse.ArgumentParser,
                    table: dict[str, tuple[Option, ...]]) -> None:
    """One flag per distinct format option; which formats take it is in its help, and where
    formats give the flag different meanings or defaults, each one's."""
    variants: dict[str, dict[Option, list[str]]] = {}
    for fmt, opts in table.items():
        for opt in opts:
            variants.setdefault(opt.flag, {}).setdefault(opt, []).append(fmt)
    taken = {a for action in parser._actions for a in action.option_strings}
    for flag, by_option in variants.items():
        if flag in taken:
            continue
        opt = next(iter(by_option))
        dest = "fmt_" + flag.lstrip("-").replace("-", "_")
        if opt.kind == "flag":
            parser.add_argument(flag, dest=dest, action="store_true", default=None,
                                help="; ".join(f"{o.help} [{', '.join(fmts)}]"
                                               for o, fmts in by_option.items()))
            continue
        helps = "; ".join(f"{', '.join(fmts)}: {o.help} (default: {o.default})"
                          for o, fmts in by_option.items())
        if len(by_option) == 1:
            helps = f"{opt.help} (default: {opt.default}) [{', '.join(by_option[opt])}]"
        if opt.kind == "choice":
            parser.add_argument(flag, dest=dest, choices=opt.choices, default=None, help=helps)
        else:
            parser.add_argument(flag, dest=dest, metavar="TEXT", default=None, help=helps)


def cli_options(args: argparse.Namespace, fmt: str,
                table: dict[str, tuple[Option, ...]]) -> dict[str, Any]:
    """The options of format ``fmt`` the user gave; a flag the format does not take is an
    error rather than silently ignored."""
    taken = {opt.flag: opt for opt in table.get(fmt, ())}
    out: dict[str, Any] = {}
    for key, value in vars(args).items():
        if not key.startswith("fmt_") or value is None:
            continue
        flag = "--" + key.removeprefix("fmt_").replace("_", "-")
        opt = taken.get(flag)
        if opt is None:
            raise FormatError(f"{flag} does not apply to format '{fmt}'")
        out[opt.name] = (not opt.default) if opt.kind == "flag" else value
    if "--text-field" in taken and getattr(args, "text_field", "text") != "text":
        out[taken["--text-field"].name] = args.text_field
    return out
