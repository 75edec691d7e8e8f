"""The scan in chunks and in two threads: every hit once, in order, none invented; stopping."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleRecord
from annotator.store import Project, search_scan
from annotator.store.connection import connect
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


def _scan_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "search-scan"]


def _small_pieces(monkeypatch: pytest.MonkeyPatch, data: st.DataObject) -> None:
    """Windows, chunks and the look-ahead as small as the texts, so every boundary is met."""
    for name, low, high in (("WINDOW", 1, 3), ("SHARED_WINDOW", 1, 3), ("LOOKAHEAD", 0, 2),
                            ("CHUNK_BYTES", 1, 40), ("FIRST_CHUNK_ROWS", 1, 3)):
        monkeypatch.setattr(search_scan, name, data.draw(st.integers(low, high), label=name))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(ALPHABET, min_size=0, max_size=30), min_size=1, max_size=9),
       needle=st.text(ALPHABET.replace("\r", ""), min_size=1, max_size=3),
       indexed=st.integers(min_value=0, max_value=9), two_threads=st.booleans(),
       stop_at=st.none() | st.integers(min_value=1, max_value=6), data=st.data())
def test_the_chunked_and_two_thread_scans_find_every_hit_once_even_when_stopped_midway(
        tmp_path_factory, monkeypatch, texts, needle, indexed, two_threads, stop_at, data):
    """Any needle in any texts, with a partial index and with none, one thread or two: every
    hit exactly once, in order, as code points, none invented; stopped at the ``stop_at``-th
    progress report, exactly the hits up to where it stopped, and the helper thread gone."""
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

            path = project.path
            hits = [(h.article_id, h.start, h.end) for h in search_hits(
                project.conn, needle, limit=10_000, index=index if indexed else None,
                progress=progress,
                helper=(lambda: connect(path, mode="ro")) if two_threads else None)]
    expected = _expected(kept, needle)
    if stop_at is not None and len(reports) >= stop_at:  # stopped there, and read no further
        assert len(reports) == stop_at
        expected = [hit for hit in expected if hit[0] <= reports[stop_at - 1]]
    assert hits == expected
    assert all(kept[a - 1][s:e].lower() == needle.lower() for a, s, e in hits)
    assert not _scan_threads()


def test_a_search_closed_after_its_first_hit_stops_the_helper_thread(project):
    project.add_articles([ArticleRecord(text=f"第{i}篇京东", title=str(i), where=f"t:{i}")
                          for i in range(40)], "setup")
    hits = search_hits(project.conn, "京东", helper=lambda: connect(project.path, mode="ro"))
    assert next(hits).article_id == 1
    hits.close()
    assert not _scan_threads()


def test_a_helper_that_cannot_connect_leaves_the_whole_scan_to_the_caller(project,
                                                                         monkeypatch):
    monkeypatch.setattr(search_scan, "SHARED_WINDOW", 2)
    project.add_articles([ArticleRecord(text=f"第{i}篇京东", title=str(i), where=f"t:{i}")
                          for i in range(9)], "setup")

    def unreachable():
        raise OSError("the share dropped")

    assert [h.article_id for h in search_hits(project.conn, "京东", helper=unreachable)] == \
        list(range(1, 10))


def test_a_read_error_in_the_helper_thread_reaches_the_caller(project, monkeypatch):
    monkeypatch.setattr(search_scan, "SHARED_WINDOW", 1)
    project.add_articles([ArticleRecord(text=f"第{i}篇京东", title=str(i), where=f"t:{i}")
                          for i in range(6)], "setup")
    real_window = search_scan._Reader.window
    failed = threading.Event()

    def window(self, low, high, stop=None):
        if threading.current_thread().name == "search-scan":
            failed.set()
            raise search_scan.sqlite3.OperationalError("disk I/O error")
        failed.wait(10)  # the caller's first window waits until the helper's read failed
        return real_window(self, low, high, stop)

    monkeypatch.setattr(search_scan._Reader, "window", window)
    hits = search_hits(project.conn, "京东", helper=lambda: connect(project.path, mode="ro"))
    with pytest.raises(search_scan.sqlite3.OperationalError, match="disk I/O error"):
        list(hits)
    assert not _scan_threads()


@pytest.mark.parametrize(("loadavg", "cpus", "helps"), [
    ("0.52 0.61 0.70 1/180 4242\n", 2, True),  # only the scanning thread runs: one CPU free
    ("4.88 4.68 3.56 7/106 18636\n", 2, False),  # a busy machine: a second thread only waits
    ("0.10 0.10 0.10 1/99 1\n", 1, False),  # one CPU: never
    ("garbled", 4, True),  # unreadable: go by the CPUs
])
def test_a_second_scanning_thread_only_when_a_cpu_is_free(loadavg, cpus, helps):
    assert search_scan.spare_cpu(loadavg, cpus) is helps
