"""The Registry dock (View ▸ Registry): the project's company registry as a filterable table
(name, aliases, tickers, note, and how many company spans link to each entry), with Add,
Edit, Delete (each one undo step; a rename relinks the entry's company spans), Import CSV…
(a bad file shows its file:line and imports nothing) and Export CSV….

A double-click (or Enter) on an entry opens its **next** company span after the place shown
(article and selected span), wrapping round: pressing it again walks every span of the company.

Nothing is built (no widgets, no query) until the dock is first shown; while hidden it only
notes that the registry may have changed, and reads it again when shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.registry import Company, RegistryError, read_registry_csv
from annotator.core.text import TextDecodeError
from annotator.store import ProjectError
from annotator.ui import commands, interaction
from annotator.ui.context import AppContext
from annotator.ui.lazy_dock import LazyDock
from annotator.ui.models import FlatTableModel
from annotator.ui.registry import dialogs
from annotator.ui.registry.commands import (
    AddCompany,
    DeleteCompany,
    EditCompany,
    ImportCompanies,
)
from annotator.ui.tables import row_table


class RegistryModel(FlatTableModel):
    """The entries shown (those matching the filter), each with its count of linked spans."""

    HEADERS = (str(QT_TRANSLATE_NOOP("Headers", "Name")),
               str(QT_TRANSLATE_NOOP("Headers", "Aliases")),
               str(QT_TRANSLATE_NOOP("Headers", "Tickers")),
               str(QT_TRANSLATE_NOOP("Headers", "Spans")),
               str(QT_TRANSLATE_NOOP("Headers", "Note")))
    NAME, ALIASES, TICKERS, SPANS, NOTE = range(5)
    ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                       Qt.ItemDataRole.TextAlignmentRole})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[tuple[Company, int]] = []
        self._rows: list[tuple[Company, int]] = []
        self._filter = ""

    def set_entries(self, entries: list[Company], counts: dict[str, int]) -> None:
        self._all = [(c, counts.get(c.name, 0)) for c in entries]
        self._apply()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().casefold()
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        needle = self._filter
        self._rows = [row for row in self._all if not needle or any(
            needle in part.casefold() for part in (*row[0].names(), *row[0].tickers,
                                                   row[0].note))]
        self.endResetModel()

    def company(self, row: int) -> Company | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, name: str) -> int:
        return next((i for i, (c, _) in enumerate(self._rows) if c.name == name), -1)

    def total(self) -> int:
        return len(self._all)

    def _row_count(self) -> int:
        return len(self._rows)

    def _row(self, row: int) -> tuple[Company, int] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _value(self, source: tuple[Company, int], col: int, role: int) -> Any:
        company, spans = source
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    if col == self.SPANS else None)
        text = (company.name, ", ".join(company.aliases), ", ".join(company.tickers),
                str(spans), company.note)[col]
        return text if role == Qt.ItemDataRole.DisplayRole or col != self.SPANS else None


class RegistryDock(LazyDock):
    #: Open this place (article id, start, end): an entry's next company span.
    spanWanted = Signal(int, int, int)
    #: The table was read again (no payload): tests wait for it.
    refreshed = Signal()

    def __init__(self, ctx: AppContext, where: Callable[[], tuple[int, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Registry"), parent)
        self.setObjectName("registryDock")
        self.ctx = ctx
        self._where = where  # (article id, start) the window shows: where "next" starts
        self._last: tuple[str, tuple[int, int]] | None = None  # the entry's span opened last

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.model = RegistryModel(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("registryFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter names, aliases, tickers, notes…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.table = row_table(self.model, "registryTable")
        self.table.setToolTip(self.tr("Double-click: the company's next span"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for section, width in ((RegistryModel.NAME, 130), (RegistryModel.ALIASES, 170),
                              (RegistryModel.TICKERS, 100), (RegistryModel.SPANS, 50)):
            header.resizeSection(section, width)
        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.import_button = QPushButton(self.tr("&Import CSV…"))
        self.export_button = QPushButton(self.tr("E&xport CSV…"))
        self.status = QLabel()
        self.status.setObjectName("registryStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.filter_edit)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        column.addWidget(self.status)
        self.setWidget(box)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.add_button.clicked.connect(lambda: self.add_entry())
        self.edit_button.clicked.connect(lambda: self.edit_entry())
        self.delete_button.clicked.connect(lambda: self.delete_entry())
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.table.activated.connect(self._activate)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        # bound methods: disconnected when the dock goes (the context outlives it)
        self.ctx.undo_stack.indexChanged.connect(self.content_changed)
        self.ctx.projectChanged.connect(self.content_changed)
        self.ctx.articlesChanged.connect(self.content_changed)  # a merge brings a registry

    # ------------------------------------------------------------------ reading
    def reload(self) -> None:
        """Read the registry and the span counts again; the selected entry stays selected."""
        self._stale = False
        project = self.ctx.project
        selected = self.selected()
        try:
            entries = project.companies() if project is not None else []
            counts = project.company_span_counts() if project is not None else {}
        except ProjectError as exc:
            entries, counts = [], {}
            self.status.setText(str(exc))
        self.model.set_entries(entries, counts)
        self._select(selected.name if selected else None)
        self._count()
        self._enable()
        self.refreshed.emit()

    def _on_filter(self, text: str) -> None:
        selected = self.selected()
        self.model.set_filter(text)
        self._select(selected.name if selected else None)
        self._count()

    def _count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.status.setText(self.tr("%n company(ies)", "", total) if shown == total
                            else self.tr("%1 of %2 companies").replace("%1", str(shown))
                            .replace("%2", str(total)))

    def _select(self, name: str | None) -> None:
        row = self.model.row_of(name) if name else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()

    def selected(self) -> Company | None:
        if not self._built:
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.model.company(rows[0].row()) if rows else None

    def _enable(self) -> None:
        writable = self.ctx.writable()
        chosen = self.selected() is not None
        for button in (self.add_button, self.import_button):
            button.setEnabled(writable)
        self.edit_button.setEnabled(writable and chosen)
        self.delete_button.setEnabled(writable and chosen)
        self.export_button.setEnabled(self.ctx.project is not None)

    # ------------------------------------------------------------------ editing
    def _push(self, command: commands.StoreCommand) -> bool:
        error = commands.push(self.ctx, command)
        if error is not None:
            self.status.setText(str(error))
        return error is None

    def add_entry(self) -> bool:
        if not self.ctx.writable():
            return False
        entry = dialogs.ask_company(self, self.tr("Add Company"))
        if entry is None or not self._push(AddCompany(self.ctx, entry)):
            return False
        self._select(entry.name)
        return True

    def edit_entry(self) -> bool:
        company = self.selected()
        if company is None or not self.ctx.writable():
            return False
        entry = dialogs.ask_company(self, self.tr("Edit Company"), company)
        if entry is None or entry == company:
            return False
        command = EditCompany(self.ctx, company.name, entry)
        if not self._push(command):
            return False
        self._select(entry.name)
        if command.relinked:
            self.status.setText(self.tr("%n company span(s) now name “{0}”", "",
                                        command.relinked).format(entry.name))
        return True

    def delete_entry(self) -> bool:
        company = self.selected()
        if company is None or not self.ctx.writable():
            return False
        project = self.ctx.require_project()
        spans = project.company_span_counts().get(company.name, 0)
        question = self.tr("Delete “{0}” from the registry?").format(company.name)
        if spans:
            question += " " + self.tr("%n company span(s) keep naming it; the inspector "
                                      "will show it is not in the registry.", "", spans)
        if not interaction.confirm(self, self.tr("Delete Company"), question):
            return False
        return self._push(DeleteCompany(self.ctx, company.name))

    def import_csv(self, path: str | None = None) -> bool:
        """Read a registry CSV (every line checked first: a bad file imports nothing and its
        file:line message is shown), then add its entries as one undo step."""
        project = self.ctx.project
        if project is None or not self.ctx.writable():
            return False
        path = path or dialogs.open_csv(self, str(project.path.parent))
        if not path:
            return False
        try:
            entries = read_registry_csv(path, project.company_names())
        except (RegistryError, TextDecodeError, OSError) as exc:
            message = str(exc) if not isinstance(exc, OSError) else (
                f"{path}: {exc.strerror or exc}")
            self.status.setText(message)
            interaction.warn(self, self.tr("Registry not imported"),
                             message + "\n\n" + self.tr("Nothing was imported."))
            return False
        command = ImportCompanies(self.ctx, entries, Path(path).name)
        if not self._push(command):
            return False
        added, widened = command.counts
        self.status.setText(self.tr("Imported from {0}: {1} added, {2} given new aliases, "
                                    "tickers or note").format(Path(path).name, added, widened))
        return True

    def export_csv(self, path: str | None = None) -> bool:
        project = self.ctx.project
        if project is None:
            return False
        path = path or dialogs.save_csv(self, str(project.path.with_suffix(".companies.csv")))
        if not path:
            return False
        from annotator.registry_cli import write_registry_csv

        entries = project.companies()
        try:
            # the file dialog asked before replacing an existing file
            write_registry_csv(entries, Path(path), force=True)
        except (OSError, ProjectError) as exc:
            self.status.setText(str(exc))
            interaction.warn(self, self.tr("Registry not exported"), str(exc))
            return False
        self.status.setText(self.tr("Wrote %n company(ies) to {0}", "", len(entries))
                            .format(path))
        return True

    # ------------------------------------------------------------------ spans
    def _activate(self, index: QModelIndex) -> None:
        company = self.model.company(index.row())
        if company is not None:
            self.open_next_span(company.name)

    def open_next_span(self, name: str) -> bool:
        """Open the entry's next company span after the place shown (wrapping round)."""
        project = self.ctx.project
        if project is None:
            return False
        here = self._where()
        if self._last is not None and self._last[0] == name and here[0] == self._last[1][0]:
            here = self._last[1]  # the article still shows the span opened last: go on
        found = project.next_company_span(name, here)
        if found is None:
            self.status.setText(self.tr("No company span names “{0}” yet").format(name))
            return False
        self._last = (name, (found[0], found[1]))
        self.spanWanted.emit(*found)
        return True


