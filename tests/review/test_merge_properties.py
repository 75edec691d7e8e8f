"""Property tests of merging: merge(A, A) = A, the order of merges does not matter, and nothing
in either project is lost. Projects are drawn from one pool of texts and spans in which a span
id always means the same span (teammates' files share spans only by merging)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.review import merge
from annotator.store import Project
from tests.review.helpers import make_project, normalized, snapshot

TEXTS = (
    "阿里今年的小目标是新增至少1亿用户。",
    "京东表示下沉市场增长迅速，县城消费者增多。",
    "Alibaba said the county market grew 3.5% this year.",
    "拼多多的补贴战略吸引了县城消费者。",
    "JD's same-day delivery now reaches 90% of counties.",
)
LABELS = ("claim", "figure", "company", "person")  # "person" is not in the default scheme
ANNOTATORS = ("ann", "bo", "chen")


def _pool() -> list[tuple[str, int, int, int, str, str]]:
    """(id, text index, start, end, label, annotator): three spans per text per annotator."""
    pool = []
    for t, text in enumerate(TEXTS):
        for a, who in enumerate(ANNOTATORS):
            for k in range(3):
                start = (t + a + 3 * k) % (len(text) - 6)
                end = start + 2 + (a + k) % 4
                pool.append((f"span-{t}-{who}-{k}", t, start, end, LABELS[(t + k + a) % 4], who))
    return pool


POOL = _pool()

project_choice = st.tuples(
    st.frozensets(st.integers(0, len(TEXTS) - 1), max_size=len(TEXTS)),
    st.frozensets(st.integers(0, len(POOL) - 1), max_size=12),
)


def _build(path: Path, choice: tuple[frozenset[int], frozenset[int]]) -> Path:
    texts, spans = choice
    articles = []
    for t in sorted(texts):
        mine = [(s, e, label, who, span_id) for span_id, tt, s, e, label, who in
                (POOL[i] for i in sorted(spans)) if tt == t]
        articles.append((f"text {t}", TEXTS[t], mine))
    return make_project(path, articles)


@contextmanager
def _folder() -> Iterator[Path]:
    folder = tempfile.mkdtemp(prefix="annotator-prop-")
    try:
        yield Path(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _merge(target: Path, source: Path) -> None:
    with Project.open(target) as project:
        merge(project, source, "prop")


SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(project_choice)
def test_merging_a_project_with_itself_changes_nothing(a):
    with _folder() as folder:
        path = _build(folder / "a.db", a)
        before = normalized(path)
        _merge(path, path)
        _merge(path, snapshot(path, folder / "a-copy.db"))
        assert normalized(path) == before


@SETTINGS
@given(project_choice, project_choice, project_choice)
def test_the_order_of_merges_does_not_change_the_result(a, b, c):
    with _folder() as folder:
        base, pb, pc = (_build(folder / f"{n}.db", x) for n, x in (("a", a), ("b", b), ("c", c)))
        first, second = folder / "abc.db", folder / "acb.db"
        shutil.copyfile(base, first)
        shutil.copyfile(base, second)
        _merge(first, pb)
        _merge(first, pc)
        _merge(second, pc)
        _merge(second, pb)
        assert normalized(first) == normalized(second)


@SETTINGS
@given(project_choice, project_choice)
def test_nothing_in_either_project_is_lost(a, b):
    with _folder() as folder:
        pa, pb = _build(folder / "a.db", a), _build(folder / "b.db", b)
        before_a, before_b = normalized(pa), normalized(pb)
        _merge(pa, pb)
        after = normalized(pa)
        for part in ("articles", "spans", "labels", "relations"):
            assert set(before_a[part]) <= set(after[part])
            assert set(before_b[part]) <= set(after[part])
        assert len(after["spans"]) == len({s[0] for s in before_a["spans"] + before_b["spans"]})
        assert normalized(pb) == before_b
