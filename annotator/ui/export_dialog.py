"""File ▸ Export…: format, output, filters and the format's own options; runs in the background.

The formats and their options come from the registry (``formats.names(writable=True)``) and
``formats_cli.EXPORT_OPTIONS``: a choice becomes a combo box, a flag a check box, text a line
edit. The export runs in the thread pool on a read-only connection (no lock; the window keeps
its own) with a window-modal progress dialog; Cancel makes the progress callback return False,
the writer stops and removes its temporary output: no file is left. Before it starts, the
dialog asks (``interaction.confirm_replace``) when the export would replace a file (output,
manifest, warnings file, labeling config) or an earlier export's folder. The manifest's summary
(counts, offset unit, what needs attention, warnings and the warnings file) is shown at the end.

Layers: the dialog starts on the gold layer when the project has one, else on the current
annotator's spans; a line warns while the choice mixes layers, and a format that cannot say who
made each span refuses a mix nobody chose (``formats_cli.refuse_mixing``: checking every name
is a choice). The format and folder of the last export are remembered per project file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import STATUSES
from annotator.formats_cli import (
    ANONYMOUS,
    EXPORT_OPTIONS,
    FOLDER_OUTPUT,
    MixedLayers,
    Option,
    export_format,
    export_outputs,
    load_all,
    refuse_mixing,
)
from annotator.outputs import existing
from annotator.review.layers import GOLD, layer_names
from annotator.store import Project
from annotator.ui import interaction
from annotator.ui import settings as S
from annotator.ui.context import AppContext
from annotator.ui.models import status_text
from annotator.ui.tasks import run_task

SUFFIX = {"jsonl": ".jsonl", "doccano": ".jsonl", "label-studio": ".json", "conll": ".conll",
          "spacy": ".spacy", "cluener": ".json", "csv": ".csv", "claims": ".csv",
          "relations": ".csv"}


class _Progress(QObject):
    """Crosses from the worker to the GUI thread (queued): done, total."""

    step = Signal(int, int)


def summary(manifest: dict[str, Any]) -> str:
    counts = manifest.get("counts", {})
    parts = [f"{k.replace('_', ' ')}: {v}" for k, v in counts.items() if k != "warnings"]
    translate = QCoreApplication.translate
    lines = [translate("ExportDialog", "Format {format}; ").format(format=manifest.get("format", "?"))
             + ", ".join(parts)]
    if "offset_unit" in manifest:
        lines.append(translate("ExportDialog", "Offsets in {unit} (end {end})").format(
            unit=manifest["offset_unit"], end=manifest.get("end", "exclusive")))
    if manifest.get("layers"):
        lines.append(translate("ExportDialog", "Layers: {names}").format(
            names=", ".join(manifest["layers"])))
    warnings = counts.get("warnings", 0)
    if "warnings_file" in manifest:
        lines.append(translate("ExportDialog", "{count} warning(s): {file}").format(
            count=warnings, file=manifest["warnings_file"]))
    lines += list(manifest.get("attention", []))
    lines += [translate("ExportDialog", "Written: {file}").format(file=f)
              for f in manifest.get("files", [])[:5]]
    return "\n".join(lines)


def _checklist(names: list[str], name: str,
               shown: Callable[[str], str] | None = None) -> QListWidget:
    """Checkable ``names``; ``shown`` gives an item's visible text (``checked`` still returns
    the names)."""
    widget = QListWidget()
    widget.setObjectName(name)
    for text in names:
        item = QListWidgetItem(shown(text) if shown is not None else text)
        item.setData(Qt.ItemDataRole.UserRole, text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(110)
    widget.setToolTip(QCoreApplication.translate("ExportDialog", "None checked: all"))
    return widget


def checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class ExportDialog(QDialog):
    #: The export ended (manifest dict, error: "" on success, "cancelled", or a message).
    exported = Signal(object, str)
    #: The background export was queued (tests cancel through :meth:`cancel`).
    started = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self.ctx = ctx
        project = ctx.require_project()
        self._cancel = threading.Event()
        self.progress_dialog: QProgressDialog | None = None
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        load_all()
        from annotator import formats

        names = formats.names(writable=True)  # the native JSONL first: it carries everything
        for name in sorted(names, key=lambda n: (n != "jsonl", n)):
            self.format.addItem(name, name)
        self.out = QLineEdit()
        self.out.setObjectName("exportPath")
        self._auto_path = True  # follows the format until the user types or browses
        self.out.textEdited.connect(lambda _t: setattr(self, "_auto_path", False))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        self.annotators = _checklist(project.annotators(), "exportAnnotators")
        self.labels = _checklist([label.name for label in ctx.labels()], "exportLabels")
        self.statuses = _checklist(list(STATUSES), "exportStatuses", status_text)
        self.statuses.setToolTip(self.tr("Your own status of the article (each annotator has "
                                         "their own)"))
        self.gold_only = QCheckBox(self.tr("Gold layer only (adjudicated spans)"))
        self.layers = layer_names(project)
        self.mix_warning = QLabel()
        self.mix_warning.setObjectName("exportMixWarning")
        self.mix_warning.setWordWrap(True)
        self.mix_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.mix_warning.setStyleSheet("color: #a94400;")
        self.skip_empty = QCheckBox(self.tr("Skip articles without spans"))
        self.options_box = QGroupBox(self.tr("Options of this format"))
        self.options_form = QFormLayout(self.options_box)
        self.option_widgets: dict[str, QWidget] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)

        path_row = QHBoxLayout()
        path_row.addWidget(self.out, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Save to"), path_row)
        filters = QGroupBox(self.tr("Filters (none checked: all)"))
        filter_form = QFormLayout(filters)
        filter_form.addRow(self.tr("Annotators"), self.annotators)
        filter_form.addRow(self.tr("Labels"), self.labels)
        filter_form.addRow(self.tr("Status"), self.statuses)
        filter_form.addRow(self.gold_only)
        filter_form.addRow(self.mix_warning)
        filter_form.addRow(self.skip_empty)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(filters)
        layout.addWidget(self.options_box)
        layout.addWidget(self.buttons)

        self._preselect_layer()
        self.format.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.annotators.itemChanged.connect(lambda _i: self._update_mix_warning())
        self.gold_only.toggled.connect(lambda _on: self._update_mix_warning())
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        remembered = ctx.settings.get_for(project.path, S.EXPORT_FORMAT)
        if self.format.findData(remembered) > 0:
            self.set_format(remembered)  # _format_changed follows
        else:
            self._format_changed()

    # ------------------------------------------------------------------ layers
    def _preselect_layer(self) -> None:
        """The gold layer when there is one, else the current annotator's spans."""
        if GOLD in self.layers:
            self.gold_only.setChecked(True)
            return
        for i in range(self.annotators.count()):
            item = self.annotators.item(i)
            if item.text() == self.ctx.annotator:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen_layers(self) -> list[str]:
        """The layers the export would take, as the manifest will name them."""
        if self.gold_only.isChecked():
            return [GOLD]
        return checked(self.annotators) or list(self.layers)

    def _update_mix_warning(self) -> None:
        layers = self.chosen_layers()
        mixed = len(layers) > 1
        if mixed:
            names = ", ".join(layers[:6]) + (", …" if len(layers) > 6 else "")
            if self.format_name() in ANONYMOUS:
                text = self.tr("This mixes {n} layers ({names}) in one file, and {fmt} cannot "
                               "say who made each span.").format(
                    n=len(layers), names=names, fmt=self.format_name())
            else:
                text = self.tr("This mixes {n} layers ({names}); each span keeps its "
                               "annotator's name.").format(n=len(layers), names=names)
            self.mix_warning.setText(text)
        self.mix_warning.setVisible(mixed)

    # ------------------------------------------------------------------ format and options
    def format_name(self) -> str:
        return str(self.format.currentData())

    def set_format(self, name: str) -> None:
        self.format.setCurrentIndex(self.format.findData(name))

    def _format_changed(self) -> None:
        name = self.format_name()
        while self.options_form.rowCount():
            self.options_form.removeRow(0)  # deletes the widgets
        self.option_widgets = {}
        for option in EXPORT_OPTIONS.get(name, ()):
            widget = self._option_widget(option)
            widget.setToolTip(option.help)
            self.option_widgets[option.name] = widget
            label = option.name.replace("_", " ")
            if isinstance(widget, QCheckBox):
                self.options_form.addRow(widget)
            else:
                self.options_form.addRow(label, widget)
        self.options_box.setVisible(bool(self.option_widgets))
        self._update_mix_warning()
        path = self.ctx.project_path()
        if path is not None and self._auto_path:
            folder = Path(self.ctx.settings.get_for(path, S.EXPORT_FOLDER) or path.parent)
            stem = (folder if folder.is_dir() else path.parent) / path.stem
            self.out.setText(str(stem.with_name(f"{stem.name}-{name}") if name in FOLDER_OUTPUT
                                 else stem.with_suffix(SUFFIX.get(name, ".out"))))

    @staticmethod
    def _option_widget(option: Option) -> QWidget:
        if option.kind == "choice":
            combo = QComboBox()
            combo.addItems(list(option.choices))
            combo.setCurrentText(str(option.default))
            return combo
        if option.kind == "flag":
            box = QCheckBox(option.help or option.name)
            box.setChecked(bool(option.default))
            return box
        edit = QLineEdit(str(option.default))
        return edit

    def options(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.option_widgets.items():
            if isinstance(widget, QComboBox):
                out[name] = widget.currentText()
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif isinstance(widget, QLineEdit):
                out[name] = widget.text()
        return out

    def browse(self) -> None:
        name = self.format_name()
        chosen = interaction.export_path(self, name, self.out.text(), name in FOLDER_OUTPUT)
        if chosen:
            self._auto_path = False
            self.out.setText(chosen)

    # ------------------------------------------------------------------ running
    def start(self) -> bool:
        path = self.ctx.project_path()
        out = self.out.text().strip()
        if path is None or not out:
            interaction.warn(self, self.tr("Export"), self.tr("Choose where to save the export first"))
            return False
        name = self.format_name()
        annotators = checked(self.annotators) or None
        try:
            refuse_mixing(self.ctx.require_project(), name, annotators,
                          self.gold_only.isChecked(), False)
        except MixedLayers:
            interaction.warn(self, self.tr("Export"), self.tr(
                "{fmt} cannot say who made each span, and this project has several annotators: "
                "check the annotators to export (checking all of them mixes them on purpose) "
                "or the gold layer. Nothing was written.").format(fmt=name))
            return False
        replaced = existing(export_outputs(name, out))
        if replaced and not interaction.confirm_replace(self, [str(p) for p in replaced]):
            return False
        kwargs: dict[str, Any] = {
            "annotators": annotators,
            "labels": checked(self.labels) or None,
            "statuses": checked(self.statuses) or None,
            "gold_only": self.gold_only.isChecked(), "skip_empty": self.skip_empty.isChecked(),
            "options": self.options(), "force": bool(replaced),
            "status_of": self.ctx.annotator}  # the Status filter means your own status
        self._cancel.clear()
        relay = _Progress(self)
        dialog = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, 0, self)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        relay.step.connect(lambda done, total: self._on_step(dialog, done, total))
        self.progress_dialog = dialog
        self.export_button.setEnabled(False)
        dialog.show()
        cancel = self._cancel

        def progress(done: int, total: int) -> bool:
            relay.step.emit(done, total)
            return not cancel.is_set()

        def work() -> dict[str, Any]:
            with Project.open(path, readonly=True) as project:
                return export_format(project, name, out, progress=progress, **kwargs)

        self.started.emit()
        run_task(work, lambda manifest, error: self._finished(relay, out, manifest, error),
                 self)
        return True

    def cancel(self) -> None:
        """Stop the export (thread-safe flag); the writer leaves no file."""
        self._cancel.set()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr("Cancelling: nothing is written…"))

    @staticmethod
    def _on_step(dialog: QProgressDialog, done: int, total: int) -> None:
        if not dialog.wasCanceled():
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            dialog.setLabelText(QCoreApplication.translate(
                "ExportDialog", "Exporting… {done} / {total} article(s)").format(
                done=done, total=total))

    def _finished(self, relay: QObject, out: str, manifest: dict[str, Any] | None,
                  error: BaseException | None) -> None:
        relay.deleteLater()
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self.export_button.setEnabled(True)
        if error is None and manifest is not None:
            project = self.ctx.project_path()
            if project is not None:  # remembered for this project file's next export
                self.ctx.settings.set_for(project, S.EXPORT_FORMAT, self.format_name())
                self.ctx.settings.set_for(project, S.EXPORT_FOLDER,
                                          str(Path(out).resolve().parent))
            interaction.inform(self, self.tr("Export finished"), summary(manifest))
            self.exported.emit(manifest, "")
            self.accept()
        elif self._cancel.is_set():
            self.exported.emit(None, "cancelled")
        else:
            interaction.warn(self, self.tr("Export failed"), str(error))
            self.exported.emit(None, str(error))
