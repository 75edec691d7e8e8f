"""The dialogs the main window opens from its menus (dashboard, assign work, help, scheme,
terms, annotator name) and Keep as One Word: a mixin of ``MainWindow``, split off to keep the
window's module small. Strings keep the "MainWindow" translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog

from annotator.core.names import BadName, check_person_name
from annotator.ui import interaction

if TYPE_CHECKING:
    from annotator.ui.assign_dialog import AssignDialog
    from annotator.ui.dashboard import Dashboard
    from annotator.ui.main_window import MainWindow

translate = QCoreApplication.translate


class WindowDialogsMixin:
    def show_dashboard(self: MainWindow) -> Dashboard | None:
        from annotator.ui.dashboard import Dashboard

        if self.ctx.project is None:
            return None
        dashboard = self.dashboard
        if dashboard is None:
            dashboard = self.dashboard = Dashboard(self.ctx, self)
            dashboard.reviewRequested.connect(
                lambda i, left, right, label: self.review.start(i, left, right, label=label))
        dashboard.show()
        dashboard.raise_()
        dashboard.refresh()
        return dashboard

    def assign_work(self: MainWindow) -> AssignDialog | None:
        """File ▸ Assign Work…: one project file per annotator (see assign_dialog)."""
        from annotator.ui.assign_dialog import AssignDialog

        if self.ctx.project is None or not self.ctx.writable():
            return None
        dialog = AssignDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished_assigning.connect(self._on_assigned)
        dialog.open()
        return dialog

    def _on_assigned(self: MainWindow, report: object, _error: str) -> None:
        packages = getattr(report, "packages", None)
        if packages is not None:
            self.statusBar().showMessage(translate("MainWindow", "Assigned: %1 file(s) written").replace(
                "%1", str(len(packages))), 8000)

    def show_shortcuts(self: MainWindow) -> QDialog:
        """Help ▸ Keyboard Shortcuts (F1): every key, read from the actions themselves."""
        from annotator.ui.help import ShortcutSheet

        return self._show_help(ShortcutSheet(self))

    def show_about(self: MainWindow) -> QDialog:
        from annotator.ui.help import AboutDialog

        return self._show_help(AboutDialog(self.ctx.project_path(), self))

    def _show_help(self: MainWindow, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def edit_scheme(self: MainWindow) -> None:
        if self.ctx.project is None:
            return
        from annotator.ui.scheme_editor import SchemeEditor  # imported when first needed

        dialog = SchemeEditor(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def edit_terms(self: MainWindow) -> None:
        if self.ctx.project is None:
            return
        from annotator.ui.terms_editor import TermsEditor  # imported when first needed

        dialog = TermsEditor(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def keep_selection_as_word(self: MainWindow) -> None:
        """Add the selected characters (exact, whitespace trimmed) to the project's terms."""
        pane = self.workbench.current()
        selected = pane.view.selected_range(exact=True)
        article = pane.article()
        if selected is None or article is None or self.ctx.project is None:
            self.statusBar().showMessage(
                translate("MainWindow", "Select the characters to keep together first"), 6000)
            return
        from annotator.ui.terms_editor import keep_as_one_word

        self.statusBar().showMessage(keep_as_one_word(self.ctx, article.text[slice(*selected)]),
                                     6000)

    def change_annotator(self: MainWindow) -> None:
        name = interaction.ask_annotator_name(self, self.ctx.annotator)
        if not name:
            return
        try:
            name = check_person_name(name)
        except BadName as exc:
            interaction.warn(self, translate("MainWindow", "Annotator name"),
                             translate("MainWindow", "{error}. Your name stays “{name}”.").format(
                                 error=exc, name=self.ctx.annotator))
            return
        self.ctx.choose_annotator(name)
