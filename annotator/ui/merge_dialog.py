"""File ▸ Import Teammate's Work…: preview what a merge would add, then merge.

Both steps run off the GUI thread. The preview (``review.merge_all(..., dry_run=True)``) opens
the project read-only in the thread pool: it takes no lock and writes nothing. The merge writes
to our project, and a big teammate file takes seconds (a million spans: ~13 s), so it follows
the import's pattern: the window *suspends* its project (closes its connection and lock), a
pool thread opens the file, runs ``merge_all`` (checks every file first, then one transaction per
file: all or nothing), and the window reopens the project. A window-modal busy dialog blocks
edits meanwhile. A refused file (untrusted, corrupt, not a project, newer schema) is shown with
its one-line message and nothing is merged.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.review import MergeReport, merge_all
from annotator.store import Project, ProjectError
from annotator.ui import interaction
from annotator.ui.context import AppContext
from annotator.ui.tasks import run_task


def _preview(project_path: Path, paths: list[str]) -> list[MergeReport]:
    with Project.open(project_path, readonly=True) as project:
        return merge_all(project, paths, "", dry_run=True)


def _merge(project_path: Path, paths: list[str], who: str) -> list[MergeReport]:
    with Project.open(project_path) as project:
        return merge_all(project, paths, who)


def report_html(reports: list[MergeReport]) -> str:
    """What each file would add (articles, spans per annotator, labels) and skip (and why)."""
    out = []
    for r in reports:
        e = html.escape
        out.append(f"<h3>{e(Path(r.source).name)} <small>({e(r.source_title)})</small></h3>")
        out.append(f"<p><b>{r.articles_added}</b> article(s) and <b>{r.spans_added}</b> "
                   "span(s) to add" + (f", {r.relations_added} relation(s)"
                                       if r.relations_added else "") + "</p>")
        if r.spans_by_annotator:
            rows = "".join(f"<tr><td>{e(name)}</td><td align=right>{n}</td></tr>"
                           for name, n in sorted(r.spans_by_annotator.items()))
            out.append(f"<table border=0 cellspacing=4><tr><th align=left>annotator</th>"
                       f"<th>new spans</th></tr>{rows}</table>")
        if r.labels_created:
            out.append(f"<p>New labels: {e(', '.join(r.labels_created))}</p>")
        out.append(structure_html(r))
        if r.spans_updated:
            out.append("<p>" + e(QCoreApplication.translate(
                "MergeDialog", "%1 of %2's spans edited in this file since the last merge "
                "replace ours (the change log keeps ours)").replace(
                    "%1", str(r.spans_updated)).replace("%2", r.owner)) + "</p>")
        skipped = r.skipped() + list(r.conflict_examples[:5]) + list(r.notes)
        if skipped:
            out.append("<p>Skipped:</p><ul>" + "".join(f"<li>{e(s)}</li>" for s in skipped)
                       + "</ul>")
        if not r.changed:
            out.append("<p><i>Nothing new in this file.</i></p>")
    return "".join(out)


def structure_html(r: MergeReport) -> str:
    """Attribute values, article attributes and relations: added / kept / conflicting, and
    the definitions the file brings (empty when the file has none of them)."""
    translate = QCoreApplication.translate
    names = (translate("MergeDialog", "attribute values"),
             translate("MergeDialog", "article attributes"),
             translate("MergeDialog", "relations"))
    counts = ((r.attributes_added, r.attributes_present, r.attribute_conflicts,
               r.attributes_updated),
              (r.article_attributes_added, r.article_attributes_present,
               r.article_attribute_conflicts, r.article_attributes_updated),
              (r.relations_added, r.relations_present,
               r.relation_conflicts + r.relations_skipped, 0))
    out = []
    if any(any(row) for row in counts):
        heads = ("", translate("MergeDialog", "to add"),
                 translate("MergeDialog", "already here"),
                 translate("MergeDialog", "differ (ours kept)"),
                 translate("MergeDialog", "owner's newer value"))
        head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
        body = "".join(f"<tr><td>{html.escape(name)}</td>" + "".join(
            f"<td align=right>{n}</td>" for n in row) + "</tr>"
            for name, row in zip(names, counts))
        out.append(f"<table border=0 cellspacing=4><tr>{head}</tr>{body}</table>")
    if r.definitions_added:
        out.append("<p>" + html.escape(translate("MergeDialog", "New definitions: %1").replace(
            "%1", ", ".join(r.definitions_added))) + "</p>")
    return "".join(out)


class MergeDialog(QDialog):
    #: The preview ended (list of MergeReport, or None; error message or "").
    previewed = Signal(object, str)
    #: The merge ended (list of MergeReport, or None; error message or "").
    merged = Signal(object, str)

    def __init__(self, ctx: AppContext, paths: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Import teammate's work"))
        self.ctx = ctx
        self.paths = list(paths)
        self.reports: list[MergeReport] | None = None
        self.error = ""
        self.busy: QProgressDialog | None = None
        self.heading = QLabel(self.tr("Checking {count} file(s)…").format(count=len(paths)))
        self.heading.setObjectName("mergeHeading")
        self.heading.setWordWrap(True)
        self.details = QTextBrowser()
        self.details.setObjectName("mergeDetails")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(self.tr("Merge"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)

    # ------------------------------------------------------------------ preview
    def start_preview(self) -> bool:
        path = self.ctx.project_path()
        if path is None:
            return False
        paths = self.paths
        run_task(lambda: _preview(path, paths), self._on_preview, self)
        return True

    def _on_preview(self, reports: list[MergeReport] | None, error: BaseException | None
                    ) -> None:
        if error is not None or reports is None:
            self.error = _one_line(error)
            self.heading.setText(self.tr("Refused: {error}\n\nNothing was merged.").format(error=self.error))
            self.previewed.emit(None, self.error)
            return
        self.reports = reports
        adds = sum(r.articles_added for r in reports), sum(r.spans_added for r in reports)
        changed = any(r.changed for r in reports)
        self.heading.setText(
            self.tr("Merging would add {articles} article(s) and {spans} span(s).").format(
                articles=adds[0], spans=adds[1])
            if changed else self.tr("These files hold nothing new for this project."))
        self.details.setHtml(report_html(reports))
        self.merge_button.setEnabled(changed and self.ctx.writable())
        self.previewed.emit(reports, "")

    # ------------------------------------------------------------------ merge
    def merge(self) -> bool:
        if self.reports is None or not self.ctx.writable():
            return False
        self.merge_button.setEnabled(False)
        busy = QProgressDialog(self.tr("Merging…"), "", 0, 0, self)
        busy.setObjectName("mergeProgress")
        busy.setCancelButton(None)  # one transaction per file; nothing to cancel midway
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(0)
        busy.show()
        self.busy = busy
        path, paths, who = self.ctx.suspend(), self.paths, self.ctx.annotator
        run_task(lambda: _merge(path, paths, who),
                 lambda reports, error: self._on_merged(path, reports, error), self)
        return True

    def _on_merged(self, path: Path, reports: list[MergeReport] | None,
                   error: BaseException | None) -> None:
        if self.busy is not None:
            self.busy.close()
            self.busy.deleteLater()
            self.busy = None
        try:
            self.ctx.resume(path)
        except ProjectError as exc:
            interaction.warn(self, self.tr("Cannot reopen the project"), str(exc))
        if error is not None or reports is None:
            self.error = _one_line(error)
            self.heading.setText(self.tr("Merge failed: {error}\n\nNothing was merged.").format(error=self.error))
            self.merged.emit(None, self.error)
            return
        self.ctx.reload_labels()
        self.merged.emit(reports, "")
        self.accept()


def _one_line(error: BaseException | None) -> str:
    text = str(error) if error is not None else "unknown error"
    return text.splitlines()[0] if text else type(error).__name__
