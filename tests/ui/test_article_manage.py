"""Rename and delete an article from the article list's context menu: a confirmation that
counts the spans, one undo step each, the change log, the panes and list following."""

from __future__ import annotations

from annotator.ui import interaction


def _menu_action(window, article_id: int, text: str):
    summary = window.articles.model.summary(window.articles.model.row_of(article_id))
    menu = window.articles.context_menu(summary)
    action = next(a for a in menu.actions() if a.text() == text)
    return menu, action


def _titles(window) -> list[str]:
    return [s.title for s in window.articles.model.summaries()]


def test_rename_from_the_context_menu_shows_everywhere_and_undoes(window, qtbot, monkeypatch):
    monkeypatch.setattr(interaction, "ask_text", lambda *a: "  Alibaba’s small goal ")
    ctx = window.ctx
    qtbot.waitUntil(lambda: window.workbench.left.article_id() == 1)
    menu, action = _menu_action(window, 1, "Rename…")
    action.trigger()
    menu.deleteLater()
    assert _titles(window)[0] == "Alibaba’s small goal"
    assert window.workbench.left.article().title == "Alibaba’s small goal"
    assert ctx.project.changes("article", "1")[0]["action"] == "article.title"
    ctx.undo_stack.undo()
    assert _titles(window)[0] == "阿里的小目标" == window.workbench.left.article().title


def test_delete_asks_with_the_span_count_then_undo_restores_id_and_spans(window, qtbot,
                                                                          monkeypatch):
    ctx = window.ctx
    qtbot.waitUntil(lambda: window.workbench.left.article_id() == 1)
    ctx.project.add_span(1, 2, 4, "company", "tester")
    ctx.project.add_span(1, 21, 23, "company", "alice")
    asked: list[str] = []
    monkeypatch.setattr(interaction, "confirm", lambda _p, _t, text: asked.append(text) or True)
    menu, action = _menu_action(window, 1, "Delete…")
    action.trigger()
    menu.deleteLater()
    assert len(asked) == 1 and "阿里的小目标" in asked[0] and "2 span(s)" in asked[0]
    assert [s.id for s in window.articles.model.summaries()] == [2, 3]
    assert window.workbench.left.article_id() == 2  # the next article opened
    assert ctx.project.status_counts()["todo"] == 2
    assert ctx.project.changes("article", "1")[0]["action"] == "article.delete"
    assert "Delete article" in ctx.undo_stack.undoText()
    ctx.undo_stack.undo()
    assert [s.id for s in window.articles.model.summaries()] == [1, 2, 3]
    assert sorted(s.annotator for s in ctx.project.spans(1)) == ["alice", "tester"]
    assert ctx.project.check() == []
    ctx.undo_stack.redo()
    assert [s.id for s in window.articles.model.summaries()] == [2, 3]


def test_delete_cancelled_at_the_confirmation_deletes_nothing(window, qtbot, monkeypatch):
    monkeypatch.setattr(interaction, "confirm", lambda *a: False)
    window.articles.delete_article(2)
    assert [s.id for s in window.articles.model.summaries()] == [1, 2, 3]
    assert window.ctx.undo_stack.count() == 0


def test_deleting_the_article_open_in_the_right_pane_empties_that_pane(window, qtbot,
                                                                       monkeypatch):
    monkeypatch.setattr(interaction, "confirm", lambda *a: True)
    wb = window.workbench
    wb.open_article(3, wb.right)
    wb.open_article(1, wb.left)
    window.articles.delete_article(3)
    assert wb.right.article_id() is None and wb.left.article_id() == 1
