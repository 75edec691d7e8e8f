"""Suggestions in the window (issue 12): Article ▸ Suggest, and the keys on a suggestion.

``Suggestions`` runs ``store.suggest`` on the current pane's article as the current annotator
(one undo step, :mod:`suggestion_commands`), optionally once when an article opens, and
accepts (A, Enter), rejects (X) or accepts every suggestion of a label (Shift+A). The keys act
on the selected span when it is one of the annotator's suggestions, else on the suggestion at
the text cursor; they are enabled only then, never in review mode (A is Accept Left there),
and only while an article view has the focus (Enter confirms in fields, lists and dialogs).
After an accept or a reject the next suggestion is selected, so A, A, X... walks through them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu, QWidget

from annotator.core.model import Article, Span
from annotator.store.suggest import KINDS, SuggestReport
from annotator.ui import commands
from annotator.ui import settings as S
from annotator.ui.actions import SUGGEST, SUGGESTION_KEYS, Actions
from annotator.ui.context import AppContext
from annotator.ui.pane import ArticlePane
from annotator.ui.suggestion_commands import (
    AcceptSuggestions,
    RejectSuggestion,
    RunSuggest,
    is_suggestion,
)
from annotator.ui.workbench import Workbench

if TYPE_CHECKING:
    from annotator.ui.review_mode import ReviewMode

#: Article ▸ Suggest's actions and the kinds each one suggests.
KINDS_OF = {"suggest_figures": ("figures",), "suggest_companies": ("companies",),
            "suggest_repeats": ("repeats",), "suggest_all": KINDS}


#: How each kind is counted in the status bar: (one, several), translated where shown.
KIND_WORDS = {"figures": (QT_TRANSLATE_NOOP("Suggestions", "1 figure"),
                          QT_TRANSLATE_NOOP("Suggestions", "{0} figures")),
              "companies": (QT_TRANSLATE_NOOP("Suggestions", "1 company"),
                            QT_TRANSLATE_NOOP("Suggestions", "{0} companies")),
              "repeats": (QT_TRANSLATE_NOOP("Suggestions", "1 repeat"),
                          QT_TRANSLATE_NOOP("Suggestions", "{0} repeats"))}


def report_text(report: SuggestReport | None) -> str:
    """"Suggested 5 figures, 2 companies" or "No new suggestions" (translated)."""
    translate = QCoreApplication.translate
    counts = report.counts if report is not None else {}
    parts = [translate("Suggestions", str(KIND_WORDS[kind][n != 1])).format(n)
             for kind in ("figures", "companies", "repeats") if (n := counts.get(kind, 0))]
    if not parts:
        text = translate("Suggestions", "No new suggestions")
    else:
        text = translate("Suggestions", "Suggested {0}").format(", ".join(parts))
    notes = report.notes if report is not None else []
    return "; ".join([text, *notes])  # the store's notes are data: not translated


class Suggestions(QObject):
    #: A short message for the status bar (payload: text).
    message = Signal(str)

    def __init__(self, ctx: AppContext, workbench: Workbench, actions: Actions,
                 review: ReviewMode, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.workbench, self.acts = ctx, workbench, actions
        self.review_active: Callable[[], bool] = review.active
        review.activeChanged.connect(lambda _on: self.update())
        self._opened: set[tuple[str, str, int]] = set()  # suggested on opening, this session
        self.menu = QMenu(self.tr("&Suggest"), parent)
        self.menu.setObjectName("suggestMenu")
        a = actions
        for name in SUGGEST:
            self.menu.addAction(getattr(a, name))
        self.menu.addSeparator()
        self.menu.addAction(a.suggest_on_open)
        self.menu.addSeparator()
        for name in SUGGESTION_KEYS:
            action = getattr(a, name)
            self.menu.addAction(action)
            # only while an article view has the focus: Enter confirms everywhere else
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            for pane in workbench.panes():
                pane.view.addAction(action)
        a.suggest_on_open.setChecked(ctx.settings.get(S.SUGGEST_ON_OPEN))
        self._enabled: tuple[bool, bool] | None = None  # what update() last set
        self._connect()
        self.update()

    def _connect(self) -> None:
        a, ctx = self.acts, self.ctx
        for name, kinds in KINDS_OF.items():
            getattr(a, name).triggered.connect(lambda _c=False, k=kinds: self.suggest(k))
        a.suggest_on_open.toggled.connect(lambda on: ctx.settings.set(S.SUGGEST_ON_OPEN, on))
        a.accept_suggestion.triggered.connect(self.accept)
        a.reject_suggestion.triggered.connect(self.reject)
        a.accept_label_suggestions.triggered.connect(self.accept_label)
        for pane in self.workbench.panes():
            pane.view.selectedSpanChanged.connect(lambda _id: self.update())
            pane.view.cursorPositionChanged.connect(self.update)
            pane.articleChanged.connect(lambda art, p=pane: self._on_opened(p, art))
        self.workbench.currentPaneChanged.connect(lambda _pane: self.update())
        for signal in (ctx.spanAdded, ctx.spanRemoved, ctx.spanChanged):
            signal.connect(lambda _span: self.update())
        for signal in (ctx.projectChanged, ctx.fileLost, ctx.annotatorChanged):
            signal.connect(lambda _x: self.update())

    # ------------------------------------------------------------------ state
    def _editable(self, pane: ArticlePane) -> bool:
        project = self.ctx.project
        return (project is not None and not project.readonly and self.ctx.lost is None
                and not pane.is_read_only() and not self.review_active())

    def target(self) -> Span | None:
        """The annotator's suggestion the keys act on: the selected span, else the one at the
        text cursor (innermost first); None in review mode or a read-only pane."""
        pane = self.workbench.current()
        if pane.article() is None or not self._editable(pane):
            return None
        if not pane.view.highlighter().has_suggestions():
            return None  # the article has none (most do not): no span to look at
        mine = self.ctx.annotator
        span = pane.selected_span()
        if span is not None:
            return span if is_suggestion(span) and span.annotator == mine else None
        view = pane.view
        cp = view.offsets().from_utf16(view.textCursor().position(), snap="left")
        return next((s for s in view.spans_at(cp)
                     if is_suggestion(s) and s.annotator == mine), None)

    def update(self) -> None:
        """Enable the suggestion actions that can act now (called several times a label key:
        the actions are touched only when that changes)."""
        pane = self.workbench.current()
        can_suggest = pane.article() is not None and self._editable(pane)
        state = (can_suggest, can_suggest and self.target() is not None)
        if state == self._enabled:
            return
        self._enabled = state
        for name in SUGGEST:
            getattr(self.acts, name).setEnabled(state[0])
        for name in SUGGESTION_KEYS:
            getattr(self.acts, name).setEnabled(state[1])

    # ------------------------------------------------------------------ actions
    def suggest(self, kinds: Sequence[str] = KINDS,
                pane: ArticlePane | None = None) -> SuggestReport | None:
        """Article ▸ Suggest in ``pane`` (the current one): one undo step; the status bar
        says how many by kind."""
        pane = pane or self.workbench.current()
        article = pane.article()
        if article is None or not self._editable(pane) or not self.ctx.writable():
            return None
        command = RunSuggest(self.ctx, article.id, kinds)
        result = command.result
        if commands.push(self.ctx, command) is None:
            self.message.emit(report_text(result.report))
        return result.report

    def accept(self) -> bool:
        span = self.target()
        if span is None or not self.ctx.writable():
            return False
        return self._push(AcceptSuggestions(self.ctx, [span]), span)

    def reject(self) -> bool:
        span = self.target()
        if span is None or not self.ctx.writable():
            return False
        return self._push(RejectSuggestion(self.ctx, span), span)

    def accept_label(self) -> bool:
        """Every suggestion of the target's label in the article (mine): one undo step."""
        span = self.target()
        if span is None or not self.ctx.writable():
            return False
        same = [s for s in self.workbench.current().view.spans()
                if is_suggestion(s) and s.annotator == span.annotator and s.label == span.label]
        text = QCoreApplication.translate("commands", "Accept {0} suggestion(s) of {1}").format(
            len(same), span.label)
        if not self._push(AcceptSuggestions(self.ctx, same, text), span):
            return False
        self.message.emit(self.tr("Accepted {0} suggestion(s) of {1}").format(
            len(same), span.label))
        return True

    def _push(self, command: commands.StoreCommand, span: Span) -> bool:
        error = commands.push(self.ctx, command)
        if error is not None:
            self.message.emit(str(error))
            return False
        self._select_next(span)
        return True

    def _select_next(self, after: Span) -> None:
        """Select the annotator's next suggestion in text order (the first one past the end
        wraps to the first of the article); nothing when none is left."""
        view = self.workbench.current().view
        left = [s for s in view.spans()
                if is_suggestion(s) and s.annotator == self.ctx.annotator]
        following = next((s for s in left if (s.start, s.end) > (after.start, after.end)),
                         left[0] if left else None)
        if following is not None:
            view.select_span(following.id)
        self.update()

    # ------------------------------------------------------------------ on opening
    def _on_opened(self, pane: ArticlePane, article: Article | None) -> None:
        """Suggest on Opening an Article: once per article, annotator and project file in
        this session; after the pane has shown what it read."""
        if article is not None and self.acts.suggest_on_open.isChecked():
            QTimer.singleShot(0, self, lambda: self._suggest_opened(pane, article.id))

    def _suggest_opened(self, pane: ArticlePane, article_id: int) -> None:
        project = self.ctx.project
        if project is None or pane.article_id() != article_id or not self._editable(pane):
            return  # another article by now, review mode, a read-only pane or file
        key = (str(project.path), self.ctx.annotator, article_id)
        if key not in self._opened:
            self._opened.add(key)
            self.suggest(KINDS, pane)
