"""The registry's questions, each behind a module-level function tests replace (as
``ui/interaction.py``): an entry's fields, the entry a selection becomes an alias of, and the
CSV files to read and write."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.registry import Company, RegistryError, join_list, make_company, split_list
from annotator.ui.concordance import CSV_FILTER

translate = QCoreApplication.translate


class CompanyDialog(QDialog):
    """Name, aliases and tickers (separated by |) and a note; OK only with a valid entry."""

    def __init__(self, title: str, entry: Company | None, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("companyDialog")
        self.entry: Company | None = None
        self.name = QLineEdit(entry.name if entry else "")
        self.name.setObjectName("companyName")
        self.aliases = QLineEdit(join_list(entry.aliases) if entry else "")
        self.aliases.setObjectName("companyAliases")
        self.aliases.setPlaceholderText(self.tr("阿里 | Alibaba Group"))
        self.tickers = QLineEdit(join_list(entry.tickers) if entry else "")
        self.tickers.setObjectName("companyTickers")
        self.tickers.setPlaceholderText(self.tr("BABA | 9988.HK"))
        self.note = QLineEdit(entry.note if entry else "")
        self.note.setObjectName("companyNote")
        self.error = QLabel()
        self.error.setObjectName("companyError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c62828")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Aliases"), self.aliases)
        form.addRow(self.tr("&Tickers"), self.tickers)
        form.addRow(self.tr("N&ote"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(QLabel(self.tr("Separate aliases and tickers with |")))
        column.addWidget(self.error)
        column.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def accept(self) -> None:
        try:
            self.entry = make_company(self.name.text(), split_list(self.aliases.text()),
                                      split_list(self.tickers.text()), self.note.text())
        except RegistryError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


def ask_company(parent: QWidget | None, title: str, entry: Company | None = None
                ) -> Company | None:
    """A new or edited entry (None: cancelled)."""
    dialog = CompanyDialog(title, entry, parent)
    try:
        return dialog.entry if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class AliasDialog(QDialog):
    """Which entry ``alias`` names: an existing one (the combo completes as you type) or a new
    one (a name not in the list)."""

    def __init__(self, alias: str, names: list[str], suggested: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add Selection as Alias"))
        self.setObjectName("aliasDialog")
        self.combo = QComboBox()
        self.combo.setObjectName("aliasCompany")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(names)
        completer = QCompleter(names, self.combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.combo.setCompleter(completer)
        self.combo.setEditText(suggested)
        self.hint = QLabel()
        self.hint.setObjectName("aliasHint")
        self.hint.setWordWrap(True)
        self.combo.editTextChanged.connect(self._hint)
        text = QLabel(self.tr("“{0}” is another name of:").format(alias))
        text.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.names = set(names)
        column = QVBoxLayout(self)
        column.addWidget(text)
        column.addWidget(self.combo)
        column.addWidget(self.hint)
        column.addWidget(buttons)
        self._hint(suggested)
        self.resize(380, self.sizeHint().height())

    def _hint(self, text: str) -> None:
        text = text.strip()
        self.hint.setText("" if not text or text in self.names
                          else self.tr("A new entry “{0}” will be made").format(text))

    def choice(self) -> str:
        return self.combo.currentText().strip()


def ask_alias_company(parent: QWidget | None, alias: str, names: list[str],
                      suggested: str = "") -> str | None:
    """The canonical name ``alias`` joins (an existing entry or a new one; None: cancelled)."""
    dialog = AliasDialog(alias, names, suggested, parent)
    try:
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.choice() or None if ok else None
    finally:
        dialog.deleteLater()


def open_csv(parent: QWidget | None, folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, translate("RegistryDock", "Import a company registry"), folder,
        translate("interaction", CSV_FILTER))
    return path or None


def save_csv(parent: QWidget | None, suggested: str) -> str | None:
    """Where to export; the dialog itself asks before an existing file is replaced."""
    path, _ = QFileDialog.getSaveFileName(
        parent, translate("RegistryDock", "Export the company registry"), suggested,
        translate("interaction", CSV_FILTER))
    return path or None
