"""Undoable edits of the article panel and the scheme editor's value rename: one small
QUndoCommand each, whose redo/undo call the store only (see ``ui/commands.py``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from annotator.store import Project
from annotator.ui.commands import StoreCommand, excerpt
from annotator.ui.context import AppContext

translate = QCoreApplication.translate


class EditArticleFields(StoreCommand):
    """Source, URL, published or language of one article (title: ``RenameArticle``)."""

    def __init__(self, ctx: AppContext, article_id: int, after: dict[str, str]) -> None:
        super().__init__(ctx, translate("ArticleCommands", "Edit article {0}: {1}").format(
            ", ".join(after), excerpt(" ".join(after.values()))))
        self.article_id = article_id
        self.after = after
        self.before: dict[str, str] = {}

    def _redo(self, project: Project) -> None:
        self.before = project.update_article_fields(self.article_id, self.who, **self.after)
        self.ctx.notify_article(self.article_id)

    def _undo(self, project: Project) -> None:
        project.update_article_fields(self.article_id, self.who, **self.before)
        self.ctx.notify_article(self.article_id)


class SetArticleAttribute(StoreCommand):
    """One article attribute of one annotator (None, "" or []: cleared)."""

    def __init__(self, ctx: AppContext, article_id: int, name: str, value: Any) -> None:
        super().__init__(ctx, translate("ArticleCommands", "Set article {0}").format(name))
        self.article_id = article_id
        self.annotator = ctx.annotator
        self.name = name
        self.after = value
        self.before: Any = None

    def _redo(self, project: Project) -> None:
        self.before = project.set_article_attribute(self.article_id, self.annotator, self.name,
                                                    self.after, self.who)
        self.ctx.notify_article_attributes(self.article_id)

    def _undo(self, project: Project) -> None:
        project.set_article_attribute(self.article_id, self.annotator, self.name, self.before,
                                      self.who)
        self.ctx.notify_article_attributes(self.article_id)


class RenameChoiceValue(StoreCommand):
    """A choice or multi value renamed in the scheme and across every stored value (undo:
    renamed back). ``label`` None: an article attribute."""

    def __init__(self, ctx: AppContext, label: str | None, name: str, old: str,
                 new: str) -> None:
        super().__init__(ctx, translate("ArticleCommands", "Rename value {0} to {1}").format(
            old, new))
        self.args = (label, name)
        self.old, self.new = old, new
        self.changed = 0

    def _redo(self, project: Project) -> None:
        self.changed = project.rename_choice_value(*self.args, self.old, self.new, self.who)
        self.ctx.reload_labels()

    def _undo(self, project: Project) -> None:
        project.rename_choice_value(*self.args, self.new, self.old, self.who)
        self.ctx.reload_labels()
