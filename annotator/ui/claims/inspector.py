"""The inspector dock: the selected span's label, text, annotator, origin and note, an editor
for each attribute of its label (generated from the scheme, see ``attribute_editors``) and its
incoming and outgoing relations.

Keyboard-first: Edit ▸ Edit Attributes (Ctrl+Shift+I) brings the keyboard here, Tab walks the
editors, a choice value's hotkey (the scheme's ``hotkeys``) works while the focus is anywhere in
the inspector, and only there; Enter confirms a text or a number, Esc goes back to the article.
Each change is one ``SetAttribute`` on the window's undo stack, saved at once. The inspector
reads values and relations again whenever the undo stack moves (an undo, a redo, a relation
made elsewhere), so it never shows what the file does not hold. A read-only span (another
annotator's pane, review mode, a read-only file) shows its values disabled. A required
attribute still unset has its name marked (property ``missing``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.labels import SchemeError
from annotator.core.model import Relation, Span
from annotator.core.scheme import AttributeDef, Scheme, check_value, is_empty
from annotator.store import ProjectError
from annotator.store.fillers import figure_fields
from annotator.ui import commands
from annotator.ui.claims.inspector_pages import UNSET_NOTE, LabelPages, PageHooks
from annotator.ui.context import AppContext
from annotator.ui.layout_shield import Shield, group_box_interior
from annotator.ui.quiet_scroll import quiet_scroll_bars
from annotator.ui.tasks import after_first_paint
from annotator.ui.text_line import TextLine, line_height
from annotator.ui.wrapped_text import WrappedText

if TYPE_CHECKING:
    from annotator.ui.claims.attribute_editors import AttributeEditor

translate = QCoreApplication.translate
#: Characters of the span's text shown (the rest elided).
TEXT_CHARS = 240
#: A required attribute left unset, and the inspector's error line.
WARNING_COLOR = QColor("#c62828")


class InspectorDock(QDockWidget):
    #: Select this span as the annotation list would (payload: Span): a relation's other end.
    spanRequested = Signal(object)
    #: A short message for the status bar (payload: text).
    message = Signal(str)
    #: Esc in the inspector (no edit to revert, no list open): back to the article.
    leaveRequested = Signal()
    #: "Add to Registry" on a company span its registry lacks (payload: the Span).
    registryRequested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("InspectorDock", "Inspector"), parent)
        self.setObjectName("inspectorDock")
        self.ctx = ctx
        self.span: Span | None = None
        self.read_only = True
        self.editors: dict[str, AttributeEditor] = {}
        self.names: dict[str, QLabel] = {}
        self._built_for: tuple[str, tuple[AttributeDef, ...]] | None = None
        self._shortcuts: list[QShortcut] = []
        self._relations_shown: tuple[str, list[Relation]] | None = None

        self.body = QWidget()
        self.body.setObjectName("inspectorBody")
        self.placeholder = QLabel(self.tr("Click a span to see and edit its attributes"))
        self.placeholder.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("inspectorError")
        warn(self.error)
        self.error.setWordWrap(True)
        self.error.hide()
        # the placeholder, or the span's details: pages of one stack, held at the details'
        # height, so that showing a span after a new selection (which shows the placeholder)
        # lays nothing out again nor moves the scroll bar (issue 14)
        self._pages = QStackedWidget()
        self._placeholder_page = placeholder_page = QWidget()
        column = QVBoxLayout(placeholder_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.placeholder)
        column.addWidget(self.error)
        column.addStretch(1)
        self._pages.addWidget(placeholder_page)
        self._column = QVBoxLayout(self.body)
        self._column.setContentsMargins(6, 6, 6, 6)
        self._column.addWidget(self._pages)
        self._column.addStretch(1)
        self._details_built = False  # the span's rows: built when a first span is shown
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        scroll.setMinimumHeight(24)  # it scrolls: the docks around it keep their room
        # always there: a bar that comes and goes with the label's rows changes the rows'
        # width, which lays out and repaints the whole inspector twice on a label key (issue 14)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        quiet_scroll_bars(scroll)  # nor is it repainted when its slider does not move
        self.setWidget(scroll)

        # bound methods: disconnected when the dock goes (the context outlives it)
        ctx.undo_stack.indexChanged.connect(self._on_stack_moved)
        ctx.spanChanged.connect(self._on_span_changed)
        ctx.spanRemoved.connect(self._on_span_removed)
        ctx.labelsChanged.connect(self._on_labels_changed)
        ctx.projectChanged.connect(self._on_project_changed)
        self.show_span(None)
        # made once the dock has painted, so that the first span shown (a label key) does not
        # wait for them either; then each label's page, one at a time while the window idles
        after_first_paint(self, self._details_then_pages)

    def _details_then_pages(self) -> None:
        self._details()
        self._build_pages_soon()

    def _build_pages_soon(self) -> None:
        """Build the page of every label of the scheme while the window idles."""
        if self._details_built:
            self.pages.build_ahead([label.name for label in self.ctx.labels()],
                                   lambda: self.ctx.project)

    def pages_pending(self) -> bool:
        """Whether label pages are still to be built ahead (idle work)."""
        return bool(self._details_built and self.pages.to_build)

    def _details(self) -> None:
        """The span's rows (header, suggestion, attributes, relations), made when a first
        span is shown: at start the inspector shows only its placeholder (issue 14)."""
        if self._details_built:
            return
        self._details_built = True
        from annotator.ui.claims.suggestion_row import SuggestionRow
        from annotator.ui.registry.company_line import CompanyLine  # noqa: F811 (at run time)

        self.header = QWidget()
        grid = QGridLayout(self.header)  # a form layout cuts a wrapped text to one line
        grid.setContentsMargins(0, 0, 0, 0)
        # one-line texts that change on every label key repaint only themselves (a QLabel's
        # new text lays the inspector out again, and repaints all of it: issue 14)
        self.label_line, self.who_line, self.origin_line = (TextLine(margin=0)
                                                            for _ in range(3))
        # wrapped; selectable to copy; laid out once per text (a selectable QLabel's text
        # document was laid out three or four times on every key)
        self.text_line, self.note_line = WrappedText(), WrappedText()
        for wrapped in (self.text_line, self.note_line):
            # a line of Chinese is taller than one of Latin letters (another font's metrics):
            # as tall either way, so that a span's text after the placeholder's moves nothing
            wrapped.setMinimumHeight(line_height(wrapped.font()))
        for row, (caption, line) in enumerate((
                (QLabel(self.tr("Label")), self.label_line),
                (QLabel(self.tr("Text")), self.text_line),
                (QLabel(self.tr("Annotator")), self.who_line),
                (QLabel(self.tr("Origin")), self.origin_line),
                (QLabel(self.tr("Note")), self.note_line))):
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            # a wrapped text's new value lays out only itself while it keeps its height
            grid.addWidget(Shield(line) if isinstance(line, WrappedText) else line, row, 1)
        grid.setColumnStretch(1, 1)
        # the figure and registry lines of the label shown (its page's; these stand in,
        # hidden, while no figure or company span has been shown)
        self.figure_line, self.company = QLabel(self.body), CompanyLine(self.body)
        self.company.caption.setParent(self.body)
        for spare in (self.figure_line, self.company, self.company.caption):
            spare.hide()
        self.attr_box = QGroupBox(self.tr("Attributes"))
        self.attr_layout = QVBoxLayout(self.attr_box)
        self.attr_layout.setContentsMargins(6, 6, 6, 6)
        # one page per label, in a stack held at the tallest (inspector_pages)
        self.attr_stack = QStackedWidget()
        self.pages = LabelPages(self.attr_stack, PageHooks(
            self.body, self._commit, self._set_error, self._hotkey, self._add_to_registry), self)
        self.attr_rows = self.attr_stack.currentWidget()
        self.attr_shield = Shield(self.attr_stack, grow=True)  # a page's switch or new
        self.attr_layout.addWidget(self.attr_shield)  # texts lay out that page alone
        box = self.attr_box  # opaque: showing another page does not repaint the box's frame
        self.attr_shield.set_background(lambda: group_box_interior(box))
        self.rel_box = QGroupBox(self.tr("Relations"))
        self.relations = QListWidget()
        self.relations.setObjectName("inspectorRelations")
        self.relations.setToolTip(self.tr("Click one to select the span at its other end"))
        rel_layout = QVBoxLayout(self.rel_box)
        rel_layout.setContentsMargins(6, 6, 6, 6)
        rel_layout.addWidget(self.relations)
        self.suggestion_row = SuggestionRow(self.ctx, self._set_error)  # accept it?
        self._details_page = QWidget()
        column = QVBoxLayout(self._details_page)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.header, self.suggestion_row, self.attr_box, self.error,
                       self.rel_box):
            column.addWidget(widget)
        column.addStretch(1)
        self._pages.addWidget(self._details_page)
        self.relations.itemClicked.connect(self._go)
        self.relations.itemActivated.connect(self._go)

    # ------------------------------------------------------------------ what is shown
    def show_span(self, span: Span | None, *, read_only: bool = False) -> None:
        """Inspect ``span`` (None: nothing); ``read_only`` shows its values disabled."""
        self.span = span
        self.read_only = read_only or not self.ctx.writable()
        self._set_error("")
        shown = span is not None and self.ctx.project is not None
        if shown:
            self._details()
        if not self._details_built:
            return
        if shown:
            self._turn_to(self._details_page)
            self.suggestion_row.show_span(None, True)
            self._rebuild()
        elif self._pages.currentWidget() is self._details_page and self.ctx.project is not None:
            self._blank()
        else:
            self._turn_to(self._placeholder_page)

    def _blank(self) -> None:
        """Nothing selected (a new selection, before its label key): the details stay where
        they are, emptied and disabled, with the placeholder's words in the text line. The
        label key that follows only fills them in: showing the details again was half of
        the inspector's cost of a label key (issue 14)."""
        for line in (self.label_line, self.who_line, self.origin_line, self.note_line):
            line.setText(UNSET_NOTE)  # not "": an empty line is not as tall (a new layout)
        self.label_line.set_swatch(None)
        self.text_line.setText(self.placeholder.text())
        self.suggestion_row.show_span(None, True)
        rows = self.pages.shown
        if rows is not None and rows.figure is not None:
            rows.figure.setText(UNSET_NOTE)
        if rows is not None and rows.company is not None:
            rows.company.clear()
        for name, editor in self.editors.items():
            editor.set_value(None)
            editor.setEnabled(False)
            self._mark(name, editor.attr.required)  # as a new span's: no new layout then
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        self._fill_relations(None, "", [])

    def _turn_to(self, page: QWidget) -> None:
        """Show ``page`` of the stack, held at least as tall as the details were laid out (a
        stack is as tall as its current page when a page's height depends on its width)."""
        pages = self._pages
        if pages.currentWidget() is page:
            return
        details = self._details_page
        if details.isVisible() and details.height() > pages.minimumHeight():
            pages.setMinimumHeight(details.height())
        pages.setCurrentWidget(page)

    def refresh(self) -> None:
        """Read the shown span, its values and relations again (the file changed)."""
        project = self.ctx.project
        if self.span is None or project is None:
            return
        try:
            span = project.span(self.span.id)
        except ProjectError:  # deleted meanwhile
            self.show_span(None)
            return
        if span.label != self.span.label:
            self.span = span
            self._rebuild()
            return
        self.span = span
        self._fill(project)

    def focus_first_editor(self) -> bool:
        """Put the keyboard in the first attribute editor (Edit ▸ Attributes)."""
        editor = next(iter(self.editors.values()), None)
        if editor is None or not self.isVisible():
            return False
        editor.focus_target().setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """An Esc no editor took (a text edit reverts first, an open list closes first)."""
        if event.key() == Qt.Key.Key_Escape:
            self.leaveRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ building
    def _rebuild(self) -> None:
        project, span = self.ctx.project, self.span
        if project is None or span is None:
            return
        self._details()
        attrs = project.scheme().attributes_of(span.label)
        turned = self._built_for != (span.label, attrs)
        if turned:
            self._show_rows(project, span.label, attrs)
            self._built_for = (span.label, attrs)
        self._fill(project)
        if turned:
            self.attr_shield.settle()  # the page in place now, not at the next turn

    def _show_rows(self, project, label: str, attrs: tuple[AttributeDef, ...]) -> None:
        """The page of ``label`` (built the first time, or when its attributes changed)."""
        rows = self.pages.show(project, label, attrs)
        self.attr_rows, self.editors, self.names = rows.widget, rows.editors, rows.names
        if rows.figure is not None:
            self.figure_line = rows.figure
        if rows.company is not None:
            self.company = rows.company
        self._shortcuts = rows.shortcuts

    def _fill(self, project) -> None:
        span = self.span
        if span is None:
            return
        label = self.ctx.label(span.label)
        self.label_line.set_swatch(QColor(label.color if label is not None else "#7f7f7f"))
        self.label_line.setText(span.label)
        self.text_line.setText(span.text if len(span.text) <= TEXT_CHARS
                               else span.text[:TEXT_CHARS] + "…")
        self.who_line.setText(span.annotator)
        extra = self.ctx.gold_note(span)
        self.origin_line.setText(f"{span.origin} ({extra})" if extra else span.origin)
        self.note_line.setText(span.note or UNSET_NOTE)
        self.suggestion_row.show_span(span, self.read_only)
        try:
            values = project.attributes(span.id)
            relations = project.relations_of(span.id)
        except ProjectError as exc:
            self._set_error(str(exc))
            return
        rows = self.pages.shown
        if rows is not None and rows.figure is not None:
            rows.figure.setText(figure_line(project.scheme(), span.label, values) or UNSET_NOTE)
        if rows is not None and rows.company is not None:
            rows.company.show_entry(project, span, values, self.read_only)
        for name, editor in self.editors.items():
            editor.set_value(values.get(name))
            editor.setEnabled(not self.read_only)
            self._mark(name, editor.attr.required and is_empty(values.get(name)))
        for shortcut in self._shortcuts:
            shortcut.setEnabled(not self.read_only)
        self._fill_relations(project, span.id, relations)

    def _fill_relations(self, project, span_id: str, relations: list[Relation]) -> None:
        shown = (span_id, relations)
        if shown == self._relations_shown:  # an attribute edit: the list stays as it is
            return
        if not relations and self._relations_shown is not None \
                and not self._relations_shown[1]:
            # "No relations" again (a new span): rebuilding it would lay the list out after
            # the window's paint and paint the inspector a second time (issue 14)
            self._relations_shown = shown
            return
        self._relations_shown = shown
        self.relations.clear()
        for rel in relations:
            outgoing = rel.from_span == span_id
            other_id = rel.to_span if outgoing else rel.from_span
            try:
                other = project.span(other_id)
            except ProjectError:
                continue
            text = (self.tr("→ {type}  {label} “{text}”") if outgoing
                    else self.tr("← {type}  {label} “{text}”")).format(
                type=rel.type, label=other.label, text=commands.excerpt(other.text, 40))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, other_id)
            item.setToolTip(other.text[:TEXT_CHARS])
            self.relations.addItem(item)
        if not relations:
            item = QListWidgetItem(self.tr("No relations"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.relations.addItem(item)
        rows = max(1, min(6, self.relations.count()))
        self.relations.setFixedHeight(rows * self.relations.sizeHintForRow(0)
                                      + 2 * self.relations.frameWidth() + 4)

    def _mark(self, name: str, missing: bool) -> None:
        label = self.names[name]
        if bool(label.property("missing")) == missing:
            return
        label.setProperty("missing", missing)
        label.setToolTip(self.tr("Required, not set yet") if missing
                         else self.editors[name].attr.description)
        warn(label, missing, bold=True)

    # ------------------------------------------------------------------ editing
    def _commit(self, attr: AttributeDef, value: Any) -> None:
        span, project = self.span, self.ctx.project
        if span is None or project is None or self.read_only:
            return
        try:
            if not is_empty(value):
                value = check_value(attr, value, span.label)
        except SchemeError as exc:
            self._set_error(str(exc))
            self.refresh()
            return
        self._set_error("")
        from annotator.ui.claims.attribute_commands import SetAttribute

        error = commands.push(self.ctx, SetAttribute(self.ctx, span, attr.name, value))
        if error is not None:
            self._set_error(str(error))
            self.refresh()

    def _hotkey(self, key: str) -> None:
        """The value with this hotkey: of the focused editor when it has one, else of the
        first attribute that does."""
        focused = self.body.focusWidget()
        owners = [e for e in self.editors.values() if key in e.hotkeys()]
        editor = next((e for e in owners if focused is not None and e.isAncestorOf(focused)),
                      owners[0] if owners else None)
        if editor is not None and not self.read_only:
            editor.choose(editor.hotkeys()[key])

    def _add_to_registry(self) -> None:
        if self.span is not None:
            self.registryRequested.emit(self.span)

    def _set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if text:
            self.message.emit(text)

    def _go(self, item: QListWidgetItem) -> None:
        other_id = item.data(Qt.ItemDataRole.UserRole)
        project = self.ctx.project
        if not other_id or project is None:
            return
        try:
            self.spanRequested.emit(project.span(other_id))
        except ProjectError as exc:
            self._set_error(str(exc))

    def _shows(self, span: Span) -> bool:
        return self.span is not None and span.id == self.span.id

    def _on_stack_moved(self, _index: int) -> None:
        self.refresh()

    def _on_span_changed(self, span: Span) -> None:
        """The span shown, or perhaps a relation's other end (relabelled, moved)."""
        self._relations_shown = None
        self.refresh()

    def _on_span_removed(self, span: Span) -> None:
        if self._shows(span):
            self.show_span(None)

    def _on_labels_changed(self, _labels: object) -> None:
        self._rebuild()

    def _on_project_changed(self, _project: object) -> None:
        self.show_span(None)
        if self._details_built:  # not the last project's rows, emptied: the placeholder
            self._turn_to(self._placeholder_page)
            self._build_pages_soon()



def warn(label: QLabel, on: bool = True, *, bold: bool = False) -> None:
    """Red (and bold) text, or back to the usual: set on the label itself, not through a style
    sheet, which would make every widget of the inspector draw through QStyleSheetStyle
    (slower on every label key, issue 14)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, WARNING_COLOR if on
                     else QApplication.palette(label).color(QPalette.ColorRole.WindowText))
    label.setPalette(palette)
    if bold:
        font = label.font()
        font.setBold(on)
        label.setFont(font)


def figure_line(scheme: Scheme, label: str, values: dict[str, Any]) -> str:
    """"≈ 250,000,000 CNY (yoy)" for a figure label's span with a value; "" otherwise."""
    if label not in figure_fields(scheme) or is_empty(values.get("value")):
        return ""
    from annotator.core.figures import Figure, format_figure  # ~25 ms: not on the start path
    basis = values.get("basis")
    text = format_figure(Figure(values["value"], str(values.get("unit") or ""),
                                str(values.get("approx") or "exact"), basis))
    return f"{text} ({basis})" if basis else text
