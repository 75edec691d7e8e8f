"""Issue 14: ``suggest`` writes its rows 80 to an ``INSERT`` statement (``insert_many``), with
ids counted up (UUIDv7). These tests hold it to what the row-by-row writer it replaced wrote:
the same spans, labels, offsets, texts, attributes, sources, provenance and counts, in one
transaction."""

from __future__ import annotations

import json
import shutil
import uuid

import pytest

from annotator.core.model import ArticleRecord
from annotator.core.registry import make_company
from annotator.store import connection as cx
from annotator.store import suggest as module
from annotator.store.project import Project
from annotator.store.spans import new_id, ordered_ids
from annotator.store.suggest import suggest

TEXTS = (
    "😀𠮷阿里巴巴集团今年收入约2.5亿元，同比增长9%。阿里表示，京东方不是京东。双十一的销量增长三成。",
    "Alibaba Group said revenue rose 9% to $1.1 billion; BABA rose. Alibabas is no company.",
    "京东“双十一”期间成交额达3,000亿元，较去年增长约12.5%，拼多多（PDD）未公布。\n\n第二段：阿里巴巴、京东。",
    "带引号的\"文本\"与反斜杠\\、制表符\t以及 emoji 👍🏽 之后的双十一和直播，约三千五百万元。",
)


class _RowByRow(module._Rows):
    """The writer ``suggest`` had before issue 14: one ``executemany`` row at a time, random
    uuid4 ids. Kept here as the reference the bulk writer must match."""

    def add(self, span, values):
        if self.dry_run:
            return
        span_id = new_id()
        article_id, label, start, end, text, annotator, kind = span
        self.spans.append((span_id, article_id, label, start, end, text, annotator, "",
                           module.SUGGESTED, self.stamp, self.stamp,
                           self._json({"suggested": kind})))
        self.values.extend((span_id, name, self._json(v), source, self.stamp)
                           for name, (v, source) in values.items())
        if len(self.spans) >= self.SIZE:
            self.flush()

    def flush(self):
        conn = self.project.conn
        conn.executemany(
            'INSERT INTO spans(id, article_id, label, start, "end", text, annotator, note, '
            "origin, created_at, updated_at, provenance) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            self.spans)
        conn.executemany(
            "INSERT INTO span_attributes(span_id, name, value, source, updated_at) "
            "VALUES (?,?,?,?,?)", self.values)
        self.spans.clear()
        self.values.clear()


@pytest.fixture
def template(tmp_path):
    """A project with companies, figures and repeats to find, a span of the annotator's own
    (its overlap is left out), a rejection, and another annotator's span."""
    path = tmp_path / "template.db"
    with Project.create(path) as p:
        p.add_articles([ArticleRecord(text=t, title=f"a{i}") for i, t in enumerate(TEXTS)],
                       "alice")
        p.add_companies([make_company("阿里巴巴", ["阿里", "阿里巴巴集团", "Alibaba Group"],
                                      ["BABA"]),
                         make_company("京东"), make_company("京东方"),
                         make_company("拼多多", ["Pinduoduo"], ["PDD"])], "alice")
        p.add_span(1, TEXTS[0].index("双十一"), TEXTS[0].index("双十一") + 3, "strategy", "alice")
        p.add_span(4, TEXTS[3].index("直播"), TEXTS[3].index("直播") + 2, "strategy", "alice")
        at = TEXTS[0].index("约2.5亿元")
        p.add_span(1, at, at + 6, "figure", "alice")  # its own: no 2.5亿元 beside it
        p.add_span(3, 0, 2, "company", "bo")  # another annotator's: blocks nothing
        at = TEXTS[0].rindex("京东")
        with p.transaction():  # rejected before: never suggested again
            p.conn.execute(
                'INSERT INTO suggestion_rejections(annotator, article_id, start, "end", label, '
                "text, rejected_at) VALUES ('alice', 1, ?, ?, 'company', '京东', ?)",
                (at, at + 2, cx.now()))
    return path


def written(path):
    """Everything a run wrote, without ids and stamps: spans with their attributes, the
    article counts, the change log's entry."""
    with Project.open(path, readonly=True) as p:
        conn = p.conn
        stamps = {row for row in conn.execute(
            "SELECT created_at, updated_at FROM spans WHERE origin = 'suggested'")}
        spans = sorted(conn.execute(
            'SELECT article_id, label, start, "end", text, annotator, note, origin, provenance, '
            "(SELECT json_group_array(json_array(name, value, source, "
            "updated_at = s.created_at)) FROM (SELECT * FROM span_attributes "
            "WHERE span_id = s.id ORDER BY name)) FROM spans s").fetchall())
        counts = conn.execute("SELECT article_id, spans FROM span_counts "
                              "ORDER BY article_id").fetchall()
        log = [(who, action, data) for who, action, data in conn.execute(
            "SELECT who, action, data FROM changes WHERE action = 'suggest'")]
        assert p.check() == []  # text[start:end] == span.text, counts, values
    return spans, counts, log, stamps


def run(template, tmp_path, name, monkeypatch, rows_class, size):
    path = tmp_path / name
    shutil.copyfile(template, path)
    with monkeypatch.context() as m:
        m.setattr(module, "_Rows", rows_class)
        m.setattr(rows_class, "SIZE", size)
        with Project.open(path) as p:
            report = suggest(p, "alice")
    return report, written(path)


@pytest.mark.parametrize("size", [3, 20_000])
def test_the_bulk_writer_writes_what_the_row_by_row_writer_wrote(template, tmp_path,
                                                                 monkeypatch, size):
    old_report, old = run(template, tmp_path, "old.db", monkeypatch, _RowByRow, size)
    new_report, new = run(template, tmp_path, "new.db", monkeypatch, module._Rows, size)
    assert new_report.counts == old_report.counts and new_report.articles == 4
    assert all(new_report.counts.values())  # companies, figures and repeats all found
    old_spans, old_counts, old_log, old_stamps = old
    new_spans, new_counts, new_log, new_stamps = new
    assert new_spans == old_spans and len(new_spans) > 20
    assert any(json.loads(attrs) for *_, attrs in new_spans)  # values were compared too
    assert new_counts == old_counts
    assert [(w, a, json.loads(d)) for w, a, d in new_log] == \
        [(w, a, json.loads(d)) for w, a, d in old_log]
    assert len(new_stamps) == 1 and len({*next(iter(new_stamps))}) == 1  # one stamp, as before
    companies = {(s[0], s[2], s[4]) for s in new_spans if s[1] == "company"}
    assert (1, TEXTS[0].index("京东方"), "京东方") in companies
    assert (1, TEXTS[0].rindex("京东"), "京东") not in companies  # rejected before


def test_a_run_that_fails_after_written_batches_leaves_nothing(template, monkeypatch):
    monkeypatch.setattr(module._Rows, "SIZE", 2)
    real, seen = module._Plan.candidates, []

    def candidates(self, text):
        seen.append(text)
        if len(seen) == 3:  # batches of the first two articles are in the file by now
            raise RuntimeError("disk on fire")
        return real(self, text)

    monkeypatch.setattr(module._Plan, "candidates", candidates)
    with Project.open(template) as p:
        before = p.conn.execute("SELECT count(*) FROM spans").fetchone()
        with pytest.raises(RuntimeError, match="disk on fire"):
            suggest(p, "alice")
        assert p.conn.execute("SELECT count(*) FROM spans").fetchone() == before
        assert p.conn.execute("SELECT count(*) FROM span_attributes").fetchone() == (0,)
        assert p.conn.execute("SELECT count(*) FROM changes WHERE action = 'suggest'"
                              ).fetchone() == (0,)
        assert p.check() == []


def test_suggested_ids_are_unique_uuid7_ascending_in_the_order_written(template):
    with Project.open(template) as p:
        suggest(p, "alice")
        ids = [i for i, in p.conn.execute(
            "SELECT id FROM spans WHERE origin = 'suggested' ORDER BY rowid")]
    assert len(ids) > 10 and ids == sorted(ids) and len(set(ids)) == len(ids)
    assert {uuid.UUID(i).version for i in ids} == {7}
    assert {uuid.UUID(i).variant for i in ids} == {uuid.RFC_4122}
    assert all(str(uuid.UUID(i)) == i for i in ids)  # canonical form, as uuid4's were


def test_two_runs_of_ordered_ids_never_meet():
    first, second = ordered_ids(), ordered_ids()
    a = {next(first) for _ in range(1000)}
    b = {next(second) for _ in range(1000)}
    assert len(a) == len(b) == 1000 and not a & b


def test_ordered_ids_carry_past_their_last_twelve_digits(monkeypatch):
    from annotator.store import spans

    monkeypatch.setattr(spans.secrets, "randbits", lambda bits: (1 << 48) - 2)
    ids = [i for i, _ in zip(ordered_ids(), range(4))]
    assert [i[-17:] for i in ids] == ["8000-fffffffffffe", "8000-ffffffffffff",
                                      "8001-000000000000", "8001-000000000001"]
    assert ids == sorted(ids) and {uuid.UUID(i).version for i in ids} == {7}
