"""The Article dock: the one place that edits an article's metadata (title, source, URL,
published date, language) and its article attributes for the current annotator, each edit one
undo command. Other annotators' values of the same attributes are shown read-only beside, so
a reviewer sees them.

The dock's contents are built the first time it is shown (start-up time is measured); until
then it only remembers which article is current. It reads the article's fields without its
text (``Project.article_fields``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates import iso_like
from annotator.core.scheme import AttributeDef, format_value
from annotator.store import ProjectError
from annotator.ui.claims.article_commands import EditArticleFields, SetArticleAttribute
from annotator.ui.claims.attribute_editors import AttributeEditor, make_editor
from annotator.ui.commands import RenameArticle, push
from annotator.ui.context import AppContext


def tint(label: QLabel, color: str) -> None:
    """Colored text through the palette (a style sheet per label costs a style of its own)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    label.setPalette(palette)


#: The line edits of the panel, in order (``title`` is renamed with ``rename_article``).
FIELDS = ("title", "source", "url", "published", "language")


class ArticlePanel(QDockWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlePanel")
        self.setWindowTitle(self.tr("Article"))
        self.ctx = ctx
        self.article_id: int | None = None
        self.fields: dict[str, QLineEdit] = {}
        self.editors: dict[str, AttributeEditor] = {}
        self.others: dict[str, QLabel] = {}
        self._built = False
        self._scheme_attrs: tuple[AttributeDef, ...] | None = None
        self.visibilityChanged.connect(self._on_visibility)
        ctx.articleAttributesChanged.connect(self._on_attributes_changed)
        ctx.labelsChanged.connect(lambda _labels: self.refresh())
        ctx.annotatorChanged.connect(lambda _name: self.refresh())
        ctx.articleEdited.connect(self._on_article_edited)
        ctx.fileLost.connect(lambda _why: self.refresh())  # no more edits

    # ------------------------------------------------------------------ public
    def set_article(self, article: object) -> None:
        """The current pane's article (an Article, or None)."""
        self.article_id = getattr(article, "id", None)
        self.refresh()

    def refresh(self) -> None:
        """Show the current article's values (nothing happens while the dock is hidden)."""
        if not self.isVisible():
            return
        self._build()
        project = self.ctx.project
        has = project is not None and self.article_id is not None \
            and project.has_article(self.article_id)
        values = (project.article_fields(self.article_id)  # type: ignore[union-attr,arg-type]
                  if has else {})
        editable = has and self.ctx.writable()
        for name, line in self.fields.items():
            line.setText(values.get(name, ""))
            line.setEnabled(editable)
        self._warn_published()
        self._fill_attributes(editable)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        form = QFormLayout()
        captions = {"title": self.tr("Title"), "source": self.tr("Source"),
                    "url": self.tr("URL"), "published": self.tr("Published"),
                    "language": self.tr("Language")}
        for name in FIELDS:
            line = QLineEdit()
            line.setObjectName(f"article:{name}")
            line.editingFinished.connect(lambda n=name: self._field_edited(n))
            self.fields[name] = line
            form.addRow(captions[name], line)
        self.fields["published"].setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.fields["language"].setPlaceholderText(self.tr("zh, en…"))
        self.date_warning = QLabel()
        self.date_warning.setObjectName("publishedWarning")
        tint(self.date_warning, "#a15c00")
        self.date_warning.setWordWrap(True)
        form.addRow("", self.date_warning)
        self.attributes_box = QGroupBox(self.tr("Article attributes"))
        self.attributes_box.setObjectName("articleAttributes")
        self.attributes_form = QFormLayout(self.attributes_box)
        self.error = QLabel()
        self.error.setObjectName("articlePanelError")
        tint(self.error, "#b00020")
        self.error.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addWidget(self.attributes_box)
        column.addWidget(self.error)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)

    def _fill_attributes(self, editable: bool) -> None:
        project = self.ctx.project
        attrs = project.scheme().article_attributes if project is not None else ()
        if attrs != self._scheme_attrs:  # the scheme changed: editors anew
            self._scheme_attrs = attrs
            while self.attributes_form.rowCount():
                self.attributes_form.removeRow(0)
            self.editors, self.others = {}, {}
            for attr in attrs:
                editor = make_editor(attr)
                editor.committed.connect(
                    lambda value, n=attr.name: self._attribute_edited(n, value))
                editor.refused.connect(self.error.setText)
                other = QLabel()
                other.setObjectName(f"others:{attr.name}")
                tint(other, "#666666")
                other.setWordWrap(True)
                cell = QWidget()
                column = QVBoxLayout(cell)
                column.setContentsMargins(0, 0, 0, 0)
                column.addWidget(editor)
                column.addWidget(other)
                caption = attr.name + (" *" if attr.required else "")
                self.attributes_form.addRow(caption, cell)
                self.editors[attr.name], self.others[attr.name] = editor, other
        self.attributes_box.setVisible(bool(attrs))
        if not attrs:
            return
        everyone = (project.article_attributes(self.article_id)
                    if project is not None and self.article_id is not None else {})
        mine = everyone.get(self.ctx.annotator, {})
        for name, editor in self.editors.items():
            editor.set_value(mine.get(name))
            editor.setEnabled(editable)
            others = [(who, values[name]) for who, values in sorted(everyone.items())
                      if who != self.ctx.annotator and name in values]
            self.others[name].setText("  ·  ".join(f"{who}: {format_value(v)}"
                                                   for who, v in others))
            self.others[name].setVisible(bool(others))

    # ------------------------------------------------------------------ edits
    def _field_edited(self, name: str) -> None:
        project = self.ctx.project
        if project is None or self.article_id is None or not self.ctx.writable():
            return
        text = " ".join(self.fields[name].text().split())
        stored = project.article_fields(self.article_id)
        if text == stored[name]:
            self._warn_published()
            return
        if name == "title":
            if not text:
                self.error.setText(self.tr("An article needs a title; it stays “{0}”.")
                                   .format(stored["title"]))
                self.fields[name].setText(stored["title"])
                return
            command: Any = RenameArticle(self.ctx, self.article_id, stored["title"], text)
        else:
            command = EditArticleFields(self.ctx, self.article_id, {name: text})
        self._push(command)

    def _attribute_edited(self, name: str, value: Any) -> None:
        if self.article_id is not None and self.ctx.writable():
            self._push(SetArticleAttribute(self.ctx, self.article_id, name, value))

    def _push(self, command: Any) -> None:
        error: ProjectError | None = push(self.ctx, command)
        self.error.setText(str(error) if error else "")
        self.refresh()

    def _warn_published(self) -> None:
        text = self.fields["published"].text()
        self.date_warning.setText("" if iso_like(text) else self.tr(
            "“{0}” is not an ISO date (2024-03-01, 2024-03 or 2024): it is kept as typed, but "
            "sorting and exports expect ISO.").format(text))
        self.date_warning.setVisible(not iso_like(text))

    def _on_visibility(self, shown: bool) -> None:
        if shown:
            self.refresh()

    def _on_attributes_changed(self, article_id: int) -> None:
        if article_id == self.article_id:
            self.refresh()

    def _on_article_edited(self, article_id: int) -> None:
        if article_id == self.article_id:
            self.refresh()
