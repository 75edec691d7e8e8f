"""Property tests of merging attribute values, relations and article attributes (issue 11):
merging the same file twice adds nothing, and nothing of either project is dropped. Projects
are drawn from one pool of spans (an id always means the same span) whose values differ
between projects, so merges meet values we lack, equal values and conflicting ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import ArticleRecord
from annotator.core.scheme import AttributeDef
from annotator.review import merge
from annotator.store import Project
from tests.review.helpers import span_records
from tests.review.test_merge_properties import SETTINGS, _folder

TEXTS = ("阿里今年的小目标是新增至少1亿用户。", "京东表示下沉市场增长迅速，县城消费者增多。",
         "Alibaba said the county market grew 3.5% this year.")
ANNOTATORS = ("ann", "bo")
KINDS = (("claim", 0, 8, "certainty", ("certain", "probable", "possible")),
         ("figure", 9, 11, "value", (1, 2.5, 3)),
         ("company", 12, 14, "entity", ("阿里", "京东", " 阿里 ")))
POOL = [(t, who, k) for t in range(len(TEXTS)) for who in ANNOTATORS for k in range(3)]

choice = st.tuples(st.frozensets(st.integers(0, len(POOL) - 1), max_size=len(POOL)),
                   st.integers(0, 3 ** len(POOL)), st.booleans())


def _build(path: Path, drawn: tuple[frozenset[int], int, bool]) -> Path:
    chosen, variants, relate = drawn
    spans = {i: POOL[i] for i in sorted(chosen)}
    with Project.create(path, title=path.stem) as p:
        p.set_attribute_def(None, AttributeDef("topic", "choice", ("a", "b", "c")), "builder")
        texts = sorted({t for t, _, _ in spans.values()})
        p.add_articles([ArticleRecord(text=TEXTS[t], title=f"text {t}", language="", spans=span_records(
            TEXTS[t], [(KINDS[k][1], KINDS[k][2], KINDS[k][0], who, f"s{t}-{who}-{k}")
                       for tt, who, k in spans.values() if tt == t])) for t in texts],
            "builder", create_labels=True)
        ids = {t: p.conn.execute("SELECT id FROM articles WHERE title = ?",
                                 (f"text {t}",)).fetchone()[0] for t in texts}
        for i, (t, who, k) in spans.items():
            variant = variants // 3 ** i % 3
            if variant < 2 or k != 1:  # some spans keep a value unset
                p.set_attribute(f"s{t}-{who}-{k}", KINDS[k][3], KINDS[k][4][variant], who)
            p.set_article_attribute(ids[t], who, "topic", "abc"[variant], who)
            if relate and k == 0 and (t, who, 1) in spans.values():
                p.add_relation(f"s{t}-{who}-0", f"s{t}-{who}-1", "cites", who, f"r{t}-{who}")
    return path


def _state(path: Path) -> dict[str, dict]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            "values": {(s, n): v for s, n, v in conn.execute(
                "SELECT span_id, name, value FROM span_attributes")},
            "articles": {(sha, who, n): v for sha, who, n, v in conn.execute(
                "SELECT a.sha256, x.annotator, x.name, x.value FROM article_attributes x "
                "JOIN articles a ON a.id = x.article_id")},
            "relations": {r[0]: r[1:] for r in conn.execute(
                "SELECT id, from_span, to_span, type FROM relations")},
        }
    finally:
        conn.close()


def _merge(target: Path, source: Path):
    with Project.open(target) as project:
        return merge(project, source, "prop")


@SETTINGS
@given(choice, choice)
def test_merging_twice_adds_nothing_and_nothing_is_ever_dropped(a, b):
    with _folder() as folder:
        pa, pb = _build(folder / "a.db", a), _build(folder / "b.db", b)
        before_a, before_b = _state(pa), _state(pb)
        first = _merge(pa, pb)
        after = _state(pa)
        for part in after:
            # ours stays exactly as it was; every key of theirs is here (theirs or ours)
            assert before_a[part].items() <= after[part].items()
            assert set(after[part]) == set(before_a[part]) | set(before_b[part])
        assert first.attributes_added + first.attribute_conflicts + first.attributes_present \
            == len(before_b["values"])
        second = _merge(pa, pb)
        assert _state(pa) == after
        assert (second.attributes_added, second.article_attributes_added,
                second.relations_added, second.attributes_updated) == (0, 0, 0, 0)
        assert second.attribute_conflicts == first.attribute_conflicts
        assert _state(pb) == before_b
