"""Undo commands call the store, are durable step by step, and tell the views."""

from __future__ import annotations

import gc

import pytest
from workbench_helpers import ZH_ASTRAL

from annotator.core.model import ArticleRecord
from annotator.store import Project
from annotator.ui import commands
from annotator.ui.context import AppContext
from annotator.ui.settings import Settings


@pytest.fixture
def ctx(qapp, project_path):
    with Project.create(project_path, title="cmd") as p:
        p.add_articles([ArticleRecord(text=ZH_ASTRAL, title="one", where="t:1")], "setup")
    context = AppContext(Settings(), "tester")
    context.set_project(Project.open(project_path))
    events: list[tuple[str, object]] = []
    for name in ("spanAdded", "spanRemoved", "spanChanged"):
        getattr(context, name).connect(lambda s, n=name: events.append((n, s.id)))
    context.statusChanged.connect(lambda i, s: events.append(("status", s)))
    context.errorOccurred.connect(lambda m: events.append(("error", m)))
    context.events = events  # type: ignore[attr-defined]
    yield context
    context.close_project()


def on_disk(ctx):
    """What another connection sees: every step is committed."""
    with Project.open(ctx.project.path, readonly=True) as p:
        return [(s.id, s.label, s.start, s.end, s.text, s.note) for s in p.spans(1)]


def test_add_undo_redo_keeps_the_span_id(ctx):
    stack = ctx.undo_stack
    command = commands.AddSpan(ctx, 1, 2, 4, "claim", "阿里")
    assert commands.push(ctx, command) is None
    sid = command.span.id
    assert on_disk(ctx) == [(sid, "claim", 2, 4, "阿里", "")]
    assert stack.undoText() == "Add claim 阿里"
    assert ctx.project.article_status(1, ctx.annotator) == "in-progress"
    gc.collect()  # the stack owns the command; Python's wrapper must stay alive
    stack.undo()
    assert on_disk(ctx) == [] and ctx.project.article_status(1, ctx.annotator) == "todo"
    stack.redo()
    assert on_disk(ctx) == [(sid, "claim", 2, 4, "阿里", "")]
    assert ctx.events == [("spanAdded", sid), ("status", "in-progress"), ("spanRemoved", sid),
                          ("status", "todo"), ("spanAdded", sid), ("status", "in-progress")]


def test_delete_relabel_note_and_their_undo(ctx):
    span = ctx.project.add_span(1, 2, 4, "claim", "tester", text="阿里")
    stack = ctx.undo_stack
    commands.push(ctx, commands.Relabel(ctx, span, "company"))
    commands.push(ctx, commands.EditNote(ctx, ctx.project.span(span.id), "公司名"))
    assert on_disk(ctx) == [(span.id, "company", 2, 4, "阿里", "公司名")]
    commands.push(ctx, commands.DeleteSpan(ctx, ctx.project.span(span.id)))
    assert on_disk(ctx) == []
    assert stack.undoText() == "Delete company 阿里"
    stack.undo()
    restored = ctx.project.span(span.id)
    assert (restored.annotator, restored.created_at) == (span.annotator, span.created_at)
    assert on_disk(ctx) == [(span.id, "company", 2, 4, "阿里", "公司名")]
    stack.undo()
    assert on_disk(ctx)[0][5] == ""
    stack.undo()
    assert on_disk(ctx)[0][1] == "claim"
    assert ctx.events[-1] == ("spanChanged", span.id)


def test_undoing_the_delete_of_a_gold_span_brings_back_its_sources_and_adjudicator(ctx):
    """Provenance went with the delete: a gold span came back with no sources, and a suggested
    one with no kind (the review and the dashboard read both)."""
    source = ctx.project.add_span(1, 2, 4, "claim", "ann", text="阿里")
    gold = ctx.project.add_span(1, 2, 4, "claim", "tester", text="阿里", origin="adjudicated",
                                provenance={"from": [source.id], "decision": "left"})
    before = ctx.project.span_provenance(gold.id)
    assert before["from"] == [source.id] and before["adjudicator"] == "tester"
    commands.push(ctx, commands.DeleteSpan(ctx, gold))
    ctx.undo_stack.undo()
    assert ctx.project.span_provenance(gold.id) == before
    assert ctx.project.span(gold.id).annotator == gold.annotator == "@gold"


def test_set_status_undo_restores_the_previous_status(ctx):
    commands.push(ctx, commands.SetStatus(ctx, 1, "done", "one"))
    assert ctx.project.article_status(1, ctx.annotator) == "done"
    assert ctx.undo_stack.undoText() == "Mark one done"
    ctx.undo_stack.undo()
    assert ctx.project.article_status(1, ctx.annotator) == "todo"


def test_a_store_error_is_reported_and_leaves_no_stack_entry(ctx):
    error = commands.push(ctx, commands.AddSpan(ctx, 1, 2, 4, "no-such-label", "阿里"))
    assert error is not None and "unknown label" in str(error)
    assert ctx.undo_stack.count() == 0
    assert ctx.events == [("error", str(error))]
    error = commands.push(ctx, commands.AddSpan(ctx, 1, 2, 4, "claim", "not the text"))
    assert error is not None and ctx.undo_stack.count() == 0 and on_disk(ctx) == []


def test_undo_that_fails_drops_the_command(ctx):
    command = commands.AddSpan(ctx, 1, 2, 4, "claim", "阿里")
    commands.push(ctx, command)
    ctx.project.delete_span(command.span.id, "someone")  # behind the stack's back
    ctx.undo_stack.undo()
    assert ctx.undo_stack.count() == 0
    assert ctx.events[-1][0] == "error"


def test_excerpt_is_one_short_line():
    assert commands.excerpt("阿里\n今年") == "阿里 今年"
    assert commands.excerpt("x" * 40) == "x" * 15 + "…"
