"""The store API: every write is checked against invariant 3 and logged."""

from __future__ import annotations

import pytest

from annotator.core.model import ArticleRecord
from annotator.store import InvariantError, LabelError, LabelInUse, Project

TEXT = "😀𠮷阿里今年的小目标是新增至少1亿用户。"


@pytest.fixture
def art(project: Project) -> int:
    project.add_articles([ArticleRecord(text=TEXT, title="阿里")], "ann")
    return project.articles()[0].id


def test_add_span_after_astral_characters_stores_code_point_slice(project, art):
    start = TEXT.index("阿里")
    span = project.add_span(art, start, start + 2, "company", "ann")
    assert span.text == "阿里" == TEXT[span.start:span.end]
    assert project.spans(art) == [span]
    assert project.check() == []


def test_span_text_must_match_the_slice(project, art):
    with pytest.raises(InvariantError, match="does not match"):
        project.add_span(art, 2, 4, "company", "ann", text="阿")
    assert project.spans(art) == []


@pytest.mark.parametrize("start,end", [(-1, 2), (3, 3), (5, 4), (0, len(TEXT) + 1)])
def test_out_of_range_offsets_are_refused(project, art, start, end):
    with pytest.raises(InvariantError):
        project.add_span(art, start, end, "claim", "ann")
    assert project.spans(art) == []


def test_unknown_label_is_refused(project, art):
    with pytest.raises(LabelError, match="unknown label"):
        project.add_span(art, 2, 4, "person", "ann")


def test_update_delete_restore_and_log(project, art):
    span = project.add_span(art, 2, 4, "company", "ann")
    relabeled = project.update_span(span.id, "rev", label="claim", note="check")
    assert (relabeled.label, relabeled.note, relabeled.id) == ("claim", "check", span.id)
    moved = project.update_span(span.id, "rev", start=2, end=10)
    assert moved.text == TEXT[2:10]
    deleted = project.delete_span(span.id, "rev")
    assert project.spans(art) == []
    log = project.changes("span", span.id)
    assert [c["action"] for c in log] == ["span.delete", "span.update", "span.update", "span.add"]
    assert log[0]["data"]["before"]["text"] == TEXT[2:10]
    restored = project.restore_span(deleted, "rev")
    assert restored.id == span.id and restored.created_at == span.created_at
    assert project.spans(art)[0].text == TEXT[2:10]


def test_change_log_is_append_only(project, art):
    import sqlite3

    project.add_span(art, 2, 4, "company", "ann")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        project.conn.execute("DELETE FROM changes")


def test_two_annotators_same_characters_are_two_spans(project, art):
    a = project.add_span(art, 2, 4, "company", "alice")
    b = project.add_span(art, 2, 4, "company", "bob")
    assert a.id != b.id
    assert sorted(s.annotator for s in project.spans(art)) == ["alice", "bob"]
    assert project.spans(art, annotator="bob") == [b]


def test_status_and_counts(project, art):
    assert project.set_status(art, "done", "ann") == "todo"
    assert project.status_counts("ann") == {"todo": 0, "in-progress": 0, "done": 1}
    with pytest.raises(InvariantError):
        project.set_status(art, "finished", "ann")


def test_labels_crud_never_cascades_a_delete(project, art):
    project.add_span(art, 2, 4, "company", "ann")
    with pytest.raises(LabelInUse) as info:
        project.delete_label("company", "ann")
    assert info.value.count == 1
    assert project.spans(art)[0].label == "company"
    project.update_label("company", "ann", new_name="firm", color="#123456")
    assert project.spans(art)[0].label == "firm"
    with pytest.raises(LabelError, match="already used by label 'claim'"):
        project.add_label("person", "ann", hotkey="1")
    person = project.add_label("person", "ann", hotkey="5", color="#aa00aa")
    assert person.position == 4
    project.reorder_labels(["person", "claim", "figure", "firm", "strategy"], "ann")
    assert project.labels()[0].name == "person"
    project.delete_label("person", "ann")
    assert "person" not in project.label_usage()


def test_stats(project, art):
    project.add_span(art, 2, 4, "company", "alice")
    project.add_span(art, 4, 6, "figure", "bob")
    stats = project.stats()
    assert stats["spans"] == 2
    assert stats["spans_per_label"]["company"] == 1
    assert stats["spans_per_annotator"] == {"alice": 1, "bob": 1}


def test_span_over_astral_characters_is_checked_in_code_points(project, art):
    span = project.add_span(art, 0, 3, "claim", "ann", text="😀𠮷阿")
    assert span.text == TEXT[0:3]
    with pytest.raises(InvariantError, match="does not match"):
        project.add_span(art, 0, 2, "claim", "ann", text="😀")  # one UTF-16 unit short
    with pytest.raises(InvariantError, match="outside article"):
        project.add_span(art, len(TEXT) - 1, len(TEXT) + 1, "claim", "ann")


def test_writes_to_several_articles_each_check_their_own_text(project, art):
    texts = ["甲乙丙丁", "子丑寅卯", "one two three"]
    project.add_articles([ArticleRecord(text=t, title=t) for t in texts], "ann")
    ids = [a.id for a in project.articles()][1:]
    for _ in range(2):  # the second round after the kept texts were evicted and read again
        for aid, text in zip(ids, texts):
            assert project.article(aid).text == text
            assert project.add_span(aid, 1, 3, "claim", "ann").text == text[1:3]
            with pytest.raises(InvariantError, match="does not match"):
                project.add_span(art, 1, 3, "claim", "ann", text=text[1:3])


def test_an_id_reused_after_a_rolled_back_import_is_checked_against_the_new_text(project, art):
    with pytest.raises(RuntimeError), project.transaction():
        project.add_articles([ArticleRecord(text="rolled back text")], "ann")
        gone = project.articles()[-1].id
        project.add_span(gone, 0, 6, "claim", "ann", text="rolled")  # its text gets kept
        raise RuntimeError("the user's action failed")
    project.add_articles([ArticleRecord(text="imported again")], "ann")
    again = project.articles()[-1].id
    assert again == gone
    with pytest.raises(InvariantError, match="does not match"):
        project.add_span(again, 0, 6, "claim", "ann", text="rolled")
    assert project.add_span(again, 0, 8, "claim", "ann").text == "imported"


def test_spans_read_back_are_the_spans_written_and_stay_frozen(project, art):
    """spans() builds its Span objects without the dataclass __init__ (opening 10k spans):
    they must still equal, hash and refuse changes like any Span."""
    from dataclasses import FrozenInstanceError, asdict, replace

    written = [project.add_span(art, 1, 3, "claim", "ann", note="n"),
               project.add_span(art, 0, 5, "figure", "bo")]
    read = project.spans(art)
    assert sorted(read, key=lambda s: s.id) == sorted(written, key=lambda s: s.id)
    assert {hash(s) for s in read} == {hash(s) for s in written}
    assert [(s.start, s.end) for s in read] == [(0, 5), (1, 3)]
    with pytest.raises(FrozenInstanceError):
        read[0].label = "claim"  # type: ignore[misc]
    assert replace(read[0], note="x").note == "x"
    logged = project.changes("span", written[0].id)[-1]["data"]["after"]  # as asdict gave
    assert logged == asdict(written[0])


def test_spans_come_in_text_order_where_many_start_at_one_place(project, art):
    """spans() sorts the ties of the index's start order itself (issue 14): same start, longer
    first; same extent, older first; same moment, by id. As SQLite's full ORDER BY gives."""
    import random

    rng = random.Random(5)
    stamps = ["2026-11-30T08:00:00.000Z", "2026-11-30T08:00:01.000Z"]
    for i in range(300):
        start = rng.choice([0, 2, 3, len(TEXT) - 2, rng.randrange(len(TEXT) - 1)])
        end = rng.randint(start + 1, min(len(TEXT), start + 3))
        project.add_span(art, start, end, "claim", rng.choice(["ann", "bo"]),
                         created_at=rng.choice(stamps), span_id=f"s{rng.randrange(10**6):06}-{i}")
    expected = project.conn.execute(
        'SELECT id FROM spans WHERE article_id = ? ORDER BY start, "end" DESC, created_at, id',
        (art,)).fetchall()
    assert [s.id for s in project.spans(art)] == [r[0] for r in expected]
    mine = project.conn.execute(
        'SELECT id FROM spans WHERE article_id = ? AND annotator = ? '
        'ORDER BY start, "end" DESC, created_at, id', (art, "bo")).fetchall()
    assert [s.id for s in project.spans(art, annotator="bo")] == [r[0] for r in mine]
