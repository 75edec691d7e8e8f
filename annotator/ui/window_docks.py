"""The main window's docks made on demand (a mixin of ``MainWindow``, issue 14): Search,
Concordance, Registry, Guidelines and Article.

None of them, nor its module, is made before the window's first paint unless the layout saved
at the last close showed it (``DOCKS_SHOWN``, made then before the layout is restored, so it is
in the first paint). Its View entry, a shortcut (Ctrl+Shift+F) or code asking for it
(``window.search``) makes it, wired here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from annotator.ui import settings as S
from annotator.ui.lazy_dock import DockOnDemand

if TYPE_CHECKING:
    from annotator.ui.claims.article_panel import ArticlePanel
    from annotator.ui.concordance import ConcordanceDock
    from annotator.ui.context import AppContext
    from annotator.ui.guidelines import GuidelinesDock
    from annotator.ui.main_window import MainWindow
    from annotator.ui.registry.dock import RegistryDock
    from annotator.ui.search import SearchDock
    from annotator.ui.search_indexer import SearchIndexer

#: Each dock's own title (its class's translation context), so that its View entry reads, and
#: is translated, the same before and after the dock is made.
TITLES: dict[str, tuple[str, str]] = {
    "search": ("SearchDock", str(QT_TRANSLATE_NOOP("SearchDock", "Search Project"))),
    "concordance": ("ConcordanceDock", str(QT_TRANSLATE_NOOP("ConcordanceDock", "Concordance"))),
    "registry": ("RegistryDock", str(QT_TRANSLATE_NOOP("RegistryDock", "Registry"))),
    "guidelines": ("GuidelinesDock", str(QT_TRANSLATE_NOOP("GuidelinesDock", "Guidelines"))),
    "article_panel": ("ArticlePanel", str(QT_TRANSLATE_NOOP("ArticlePanel", "Article"))),
}


def docks_on_demand(window: MainWindow) -> dict[str, DockOnDemand]:
    """Their View entries; the docks the last saved layout showed are made now (before the
    window restores that layout)."""
    area = Qt.DockWidgetArea
    makers = {"search": (_search, area.BottomDockWidgetArea),
              "concordance": (_concordance, area.BottomDockWidgetArea),
              "registry": (_registry, area.BottomDockWidgetArea),
              "guidelines": (_guidelines, area.RightDockWidgetArea),
              "article_panel": (_article_panel, area.RightDockWidgetArea)}
    docks = {name: DockOnDemand(window, QCoreApplication.translate(*TITLES[name]),
                                lambda make=make: make(window), where)  # type: ignore[misc]
             for name, (make, where) in makers.items()}
    st = window.ctx.settings
    shown = st.get(S.DOCKS_SHOWN).split() if not st.get(S.WINDOW_STATE).isEmpty() else []
    for name, slot in docks.items():
        if name in shown or S.EVERY_DOCK in shown:  # EVERY_DOCK: a layout saved before
            slot.dock()
    return docks


def view_entries(docks: dict[str, DockOnDemand]) -> list[QAction]:
    """The View menu's entries of these docks (each dock's own toggle once it is made)."""
    return [slot.dock().toggleViewAction() if slot.made() else slot.action
            for slot in docks.values()]


def docks_shown(docks: dict[str, DockOnDemand]) -> list[str]:
    """The docks on demand shown now (saved at close: made at the next start)."""
    return [name for name, slot in docks.items() if slot.shown()]


class WindowDocksMixin:
    """``window.search`` and the others: each made when first asked for."""

    _on_demand: dict[str, DockOnDemand]

    def made_docks(self, *names: str) -> list[QDockWidget]:
        """Those of ``names`` made so far (a dock not made is hidden)."""
        return [self._on_demand[name].dock() for name in names if self._on_demand[name].made()]

    @property
    def search(self) -> SearchDock:
        return self._on_demand["search"].dock()  # type: ignore[return-value]

    @property
    def concordance(self) -> ConcordanceDock:
        return self._on_demand["concordance"].dock()  # type: ignore[return-value]

    @property
    def registry(self) -> RegistryDock:
        return self._on_demand["registry"].dock()  # type: ignore[return-value]

    @property
    def guidelines(self) -> GuidelinesDock:
        return self._on_demand["guidelines"].dock()  # type: ignore[return-value]

    @property
    def article_panel(self) -> ArticlePanel:
        return self._on_demand["article_panel"].dock()  # type: ignore[return-value]


class IndexerOnDemand:
    """The window's search index builder (issue 14): ``ui/search_indexer.py`` is imported
    when it is made, at the window's first paint (``release``) or by a search dock made before
    it; it builds nothing before the first paint, then follows the project (opened, closed,
    articles added)."""

    def __init__(self, ctx: AppContext, parent: QObject) -> None:
        self._ctx = ctx
        self._parent = parent
        self._indexer: SearchIndexer | None = None
        self._released = False

    def get(self) -> SearchIndexer:
        if self._indexer is None:
            from annotator.ui.search_indexer import SearchIndexer

            ctx = self._ctx
            indexer = SearchIndexer(lambda: ctx.project, self._parent, held=not self._released)
            ctx.projectChanged.connect(indexer.project_changed)
            ctx.articlesChanged.connect(indexer.start)  # imports, merges, restores
            # an edit (a label key, a value, a delete): the build pauses while you work
            ctx.undo_stack.indexChanged.connect(lambda _index: indexer.hold_off())
            self._indexer = indexer
        return self._indexer

    def release(self) -> None:
        """The window has painted: build the project's index, or resume it."""
        self._released = True
        self.get().release()

    def shutdown(self) -> None:
        """The window closes: stop the build after its batch and wait for it."""
        if self._indexer is not None:
            self._indexer.shutdown()


# ---------------------------------------------------------------------- making each
def _search(window: MainWindow) -> SearchDock:
    from annotator.ui.search import SearchDock

    dock = SearchDock(lambda: window.ctx.project, window, indexer=window.search_index.get())
    window.ctx.projectChanged.connect(dock.project_changed)
    dock.hitActivated.connect(window.open_hit)
    return dock


def _concordance(window: MainWindow) -> ConcordanceDock:
    from annotator.ui.concordance import ConcordanceDock

    dock = ConcordanceDock(lambda: window.ctx.project, window)
    window.ctx.projectChanged.connect(dock.project_changed)
    dock.toggleViewAction().toggled.connect(window._on_concordance_toggled)
    dock.lineActivated.connect(window.open_hit)
    return dock


def _registry(window: MainWindow) -> RegistryDock:
    from annotator.ui.registry.alias import place_shown
    from annotator.ui.registry.dock import RegistryDock

    dock = RegistryDock(window.ctx, lambda: place_shown(window.workbench.current()), window)
    dock.spanWanted.connect(window.open_hit)
    return dock


def _guidelines(window: MainWindow) -> GuidelinesDock:
    from annotator.ui.guidelines import GuidelinesDock

    dock = GuidelinesDock(window.ctx, window)
    window.ctx.projectChanged.connect(lambda _p: dock.reload())
    dock.saveFailed.connect(window._on_error)
    dock.toggleViewAction().toggled.connect(lambda on: window._share_right_column(dock, on))
    return dock


def _article_panel(window: MainWindow) -> ArticlePanel:
    from annotator.ui.claims.article_panel import ArticlePanel

    dock = ArticlePanel(window.ctx, window)
    dock.set_article(window.workbench.current().article())
    window.workbench.currentArticleChanged.connect(dock.set_article)
    dock.toggleViewAction().toggled.connect(lambda on: window._share_right_column(dock, on))
    return dock
