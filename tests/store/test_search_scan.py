"""The scan: every hit once, in order, none invented; stopping."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleRecord
from annotator.store import Project, search
from annotator.store.search import search_hits
from annotator.store.search_index import SearchIndex

ALPHABET = "阿里京东aAbB😀𠮷\r\n É"


def _expected(texts: list[str], needle: str) -> list[tuple[int, int, int]]:
    """Every non-overlapping occurrence, found without SQL, bytes or the index (letters
    ignore case: ASCII ones as the search's do, É through Python's folding)."""
    out = []
    for article_id, text in enumerate(texts, start=1):
        haystack, folded, at = text.lower(), needle.lower(), 0
        while (found := haystack.find(folded, at)) >= 0:
            out.append((article_id, found, found + len(needle)))
            at = found + len(needle)
    return out


def _small_pieces(monkeypatch: pytest.MonkeyPatch, data: st.DataObject) -> None:
    """Windows as small as the texts, so every boundary is met."""
    monkeypatch.setattr(search, "WINDOW", data.draw(st.integers(1, 3), label="WINDOW"))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(ALPHABET, min_size=0, max_size=30), min_size=1, max_size=9),
       needle=st.text(ALPHABET.replace("\r", ""), min_size=1, max_size=3),
       indexed=st.integers(min_value=0, max_value=9),
       stop_at=st.none() | st.integers(min_value=1, max_value=6), data=st.data())
def test_the_scan_finds_every_hit_once_even_when_stopped_midway(
        tmp_path_factory, monkeypatch, texts, needle, indexed, stop_at, data):
    """Any needle in any texts, with a partial index and with none: every hit exactly once,
    in order, as code points, none invented; stopped at the ``stop_at``-th progress report,
    exactly the hits up to where it stopped."""
    _small_pieces(monkeypatch, data)
    folder = tmp_path_factory.mktemp("scan")
    with Project.create(folder / "p.db", title="p") as project:
        project.add_articles([ArticleRecord(text=t or "空", title=str(i), where=f"t:{i}")
                              for i, t in enumerate(texts)], "ann", skip_bad=True)
        kept = [row[0] for row in project.conn.execute("SELECT text FROM articles ORDER BY id")]
        with SearchIndex.open(project.conn, project.path, create=True) as index:
            if indexed:
                seen = iter(range(1, indexed))
                index.update(project.conn, batch=1,
                             progress=lambda _done, _last: next(seen, None) is not None)
            reports: list[int] = []

            def progress(done: int, _last: int) -> bool:
                reports.append(done)
                return stop_at is None or len(reports) < stop_at

            hits = [(h.article_id, h.start, h.end) for h in search_hits(
                project.conn, needle, limit=10_000, index=index if indexed else None,
                progress=progress)]
    expected = _expected(kept, needle)
    if stop_at is not None and len(reports) >= stop_at:  # stopped there, and read no further
        assert len(reports) == stop_at
        expected = [hit for hit in expected if hit[0] <= reports[stop_at - 1]]
    assert hits == expected
    assert all(kept[a - 1][s:e].lower() == needle.lower() for a, s, e in hits)
