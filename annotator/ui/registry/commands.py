"""Undoable registry edits: add, edit (rename relinks company spans), delete an entry, and
"Add Selection as Alias" (the alias joins an entry, or a new one, and a company span under it
links to that entry), each one step on the window's undo stack.

``redo``/``undo`` call the store only; the project's terms follow each change (the segmenter
is told at once, so snapping keeps a new alias whole). A refusal of the registry (an alias of
another entry) is reported like any store error and the command is dropped."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core import segment
from annotator.core.model import Span
from annotator.core.registry import Company, RegistryError, make_company
from annotator.store import Project
from annotator.store.errors import InvariantError
from annotator.store.registry import ENTITY
from annotator.store.scheme_store import AttributeValue
from annotator.ui.commands import StoreCommand, excerpt
from annotator.ui.context import AppContext

translate = QCoreApplication.translate


class RegistryCommand(StoreCommand):
    """A store command whose registry refusals are reported as store errors, and after which
    the segmenter takes the project's terms."""

    def _run(self, step) -> None:
        def checked(project: Project) -> None:
            try:
                step(project)
            except RegistryError as exc:
                raise InvariantError(str(exc)) from exc
            segment.set_terms(project.terms())

        super()._run(checked)


class AddCompany(RegistryCommand):
    def __init__(self, ctx: AppContext, entry: Company) -> None:
        super().__init__(ctx, translate("RegistryCommands", "Add company {0}").format(
            excerpt(entry.name)))
        self.entry = entry

    def _redo(self, project: Project) -> None:
        if project.company(self.entry.name) is not None:
            raise RegistryError(f"{self.entry.name!r} is already in the company registry")
        project.add_companies([self.entry], self.who)

    def _undo(self, project: Project) -> None:
        project.delete_company(self.entry.name, self.who)


class EditCompany(RegistryCommand):
    """Replace an entry (a rename sets the ``entity`` of its company spans to the new name)."""

    def __init__(self, ctx: AppContext, name: str, entry: Company) -> None:
        super().__init__(ctx, translate("RegistryCommands", "Edit company {0}").format(
            excerpt(entry.name)))
        self.name = name
        self.entry = entry
        self.before: Company | None = None
        self.relinked = 0

    def _redo(self, project: Project) -> None:
        self.before, self.relinked = project.update_company(self.name, self.entry, self.who)

    def _undo(self, project: Project) -> None:
        assert self.before is not None
        project.update_company(self.entry.name, self.before, self.who)


class DeleteCompany(RegistryCommand):
    def __init__(self, ctx: AppContext, name: str) -> None:
        super().__init__(ctx, translate("RegistryCommands", "Delete company {0}").format(
            excerpt(name)))
        self.name = name
        self.before: Company | None = None

    def _redo(self, project: Project) -> None:
        self.before = project.delete_company(self.name, self.who)

    def _undo(self, project: Project) -> None:
        assert self.before is not None
        project.add_companies([self.before], self.who)


class AddAlias(RegistryCommand):
    """``alias`` joins the entry ``name`` (made when it is not there yet); a company ``span``
    gets ``entity`` = ``name``. One transaction, one undo step."""

    def __init__(self, ctx: AppContext, name: str, alias: str, span: Span | None) -> None:
        super().__init__(ctx, translate("RegistryCommands", "Add alias {0} to {1}").format(
            excerpt(alias), excerpt(name)))
        self.name, self.alias, self.span = name, alias, span
        self.before: Company | None = None  # the entry as it was (None: this command made it)
        self.entity_before: AttributeValue | None = None
        self.linked = False

    def _redo(self, project: Project) -> None:
        with project.transaction():
            self.before = project.company(self.name)
            if self.before is None:
                aliases = [self.alias] if self.alias != self.name else []
                project.add_companies([make_company(self.name, aliases)], self.who)
            elif self.alias not in self.before.names():
                project.add_alias(self.name, self.alias, self.who)
            self.linked = (self.span is not None
                           and self.span.label in project.company_label_names())
            if self.linked:
                assert self.span is not None
                self.entity_before = project.set_attribute(self.span.id, ENTITY, self.name,
                                                           self.who)
        if self.linked:
            assert self.span is not None
            self.ctx.notify_attributes(self.span.id)

    def _undo(self, project: Project) -> None:
        with project.transaction():
            if self.linked:
                assert self.span is not None
                project.restore_attribute(self.span.id, self.entity_before, ENTITY, self.who)
            if self.before is None:
                project.delete_company(self.name, self.who)
            else:
                project.update_company(self.name, self.before, self.who)
        if self.linked:
            assert self.span is not None
            self.ctx.notify_attributes(self.span.id)


class ImportCompanies(RegistryCommand):
    """Entries read from a registry CSV (checked as a whole before): added, or widening the
    entries of the same name. Undo puts every touched entry back as it was."""

    def __init__(self, ctx: AppContext, entries: list[Company], source: str) -> None:
        super().__init__(ctx, translate("RegistryCommands", "Import companies from {0}").format(
            excerpt(source, 32)))
        self.entries = entries
        self.before: dict[str, Company | None] = {}
        self.counts = (0, 0)

    def _redo(self, project: Project) -> None:
        with project.transaction():
            self.before = {c.name: project.company(c.name) for c in self.entries}
            self.counts = project.add_companies(self.entries, self.who)

    def _undo(self, project: Project) -> None:
        with project.transaction():
            for name, before in self.before.items():
                if before is None:
                    project.delete_company(name, self.who)
                else:
                    project.update_company(name, before, self.who)
