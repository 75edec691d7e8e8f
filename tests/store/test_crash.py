"""Crash tests (guide invariant 4): a ``kill -9`` loses at most the action in flight.

A child process writes through the store API and prints what the store acknowledged; the parent
kills it with SIGKILL at seeded random moments, then reopens the project and checks that the lock
was released, ``check()`` is clean and every acknowledged write is there. Synchronization is on the
child's stdout lines only (no sleeps). The child imports only ``annotator.store`` so that a round
costs an interpreter start-up, not jieba.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from annotator.core.model import ArticleRecord
from annotator.store import Project

ROOT = Path(__file__).resolve().parents[2]
LINE_TIMEOUT = 30.0  # seconds to wait for one line from the child before failing

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


class Child:
    """A child Python process whose stdout lines arrive on a queue (read by a thread), so the
    parent can wait for a line with a timeout and kill the child at that exact point."""

    def __init__(self, script: Path, *args: str, stderr_path: Path) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        env["PYTHONUNBUFFERED"] = "1"
        self.stderr_path = stderr_path
        self._stderr = open(stderr_path, "wb")  # noqa: SIM115 - closed in finish()
        self.proc = subprocess.Popen(
            [sys.executable, str(script), *args], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=self._stderr, env=env, cwd=str(ROOT),
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.seen: list[str] = []  # complete lines received so far, in order

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            if raw.endswith(b"\n"):  # a line cut short by the kill is not an acknowledgement
                self.lines.put(raw.decode("utf-8").rstrip("\n"))
        self.lines.put(None)

    def next_line(self) -> str:
        """The next complete line; fails clearly (with the child's stderr) if it died first."""
        try:
            line = self.lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            self.kill()
            pytest.fail(f"child sent nothing for {LINE_TIMEOUT} s; stderr:\n{self.finish()}")
        if line is None:
            code = self.proc.wait()
            pytest.fail(f"child exited early (code {code}); stderr:\n{self.finish()}")
        self.seen.append(line)
        return line

    def wait_for(self, predicate) -> str:
        while True:
            line = self.next_line()
            if predicate(line):
                return line

    def kill(self) -> list[str]:
        """SIGKILL, reap, and return every complete line the child wrote (before and after
        the moment we decided to kill: all of them were printed after a commit returned)."""
        self.proc.send_signal(signal.SIGKILL)
        if self.proc.wait() != -signal.SIGKILL:  # it had died on its own before the kill
            pytest.fail(f"child exited early (code {self.proc.returncode}); stderr:\n"
                        f"{self.finish()}")
        self._reader.join()
        while True:
            line = self.lines.get()
            if line is None:
                break
            self.seen.append(line)
        return self.seen

    def finish(self) -> str:
        """Close pipes and files; return the child's stderr."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(timeout=LINE_TIMEOUT)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._stderr.close()
        return self.stderr_path.read_text(errors="replace")


# sqlite-utils imports pandas and numpy whenever they are installed (+0.3 s per start): the
# store needs neither, so the children refuse them to keep 50 rounds quick.
CHILD_PRELUDE = "import sys\nsys.modules.update(pandas=None, numpy=None)\n"


# --------------------------------------------------------------------------- spans

SPAN_CHILD = CHILD_PRELUDE + textwrap.dedent(
    """
    import random, sys
    from annotator.store import Project

    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    project = Project.open(path)
    articles = [(a.id, len(project.article(a.id).text)) for a in project.articles()]
    labels = [lb.name for lb in project.labels()]
    print("opened", flush=True)
    while True:
        article_id, length = rng.choice(articles)
        start = rng.randrange(length - 1)
        end = rng.randrange(start + 1, min(length, start + 30) + 1)
        span = project.add_span(article_id, start, end, rng.choice(labels), "crash-test")
        print(span.id, flush=True)
    """
)

TEXTS = (
    "阿里今年的小目标是新增至少1亿用户，京东和拼多多在下沉市场的竞争也更激烈了。\n" * 4,
    "Emoji 😀 and 𠮷 come before this: Alibaba aims for 100 million new users this year.\n" * 3,
    "双十一的直播带货成交额同比增长3.5%，县城消费者占比上升。\nNBSP\u00a0和\u2028保持原样。",
)


def _stored_spans(project: Project) -> dict[str, int]:
    return dict(project.conn.execute("SELECT id, article_id FROM spans"))


def _logged_span_adds(project: Project) -> set[str]:
    return {r[0] for r in project.conn.execute(
        "SELECT entity_id FROM changes WHERE action = 'span.add'")}


def test_spans_survive_sigkill_at_random_moments(tmp_path: Path):
    path = tmp_path / "crash.db"
    with Project.create(path, title="crash") as project:
        project.add_articles([ArticleRecord(text=t, title=f"t{i}") for i, t in enumerate(TEXTS)],
                             "setup")
    script = tmp_path / "span_child.py"
    script.write_text(SPAN_CHILD, encoding="utf-8")
    rng = random.Random(20240602)
    acknowledged: set[str] = set()
    rounds = 50
    for round_no in range(rounds):
        child = Child(script, str(path), str(rng.randrange(1 << 30)),
                      stderr_path=tmp_path / f"span_child_{round_no}.err")
        try:
            mode = rng.random()
            if round_no == 0 or mode < 0.08:
                pass  # kill right after start: before (or while) it opens the project
            elif mode < 0.16:
                child.wait_for(lambda ln: ln == "opened")  # opened, nothing written yet
            else:
                child.wait_for(lambda ln: ln == "opened")
                for _ in range(rng.randint(1, 40)):  # then kill after that many acks
                    child.next_line()
            lines = child.kill()
        finally:
            stderr = child.finish()
        acked = {ln for ln in lines if ln != "opened"}
        assert all(len(a) == 36 for a in acked), (lines, stderr)

        # The kernel dropped the flock: a writable open works; the file is whole.
        with Project.open(path) as project:
            assert project.check() == [], f"round {round_no}"
            stored = _stored_spans(project)
            missing = (acknowledged | acked) - stored.keys()
            assert not missing, f"round {round_no}: acknowledged spans lost: {sorted(missing)}"
            # at most the one action in flight got in without being acknowledged
            extra = stored.keys() - acknowledged - acked
            assert len(extra) <= 1, f"round {round_no}: {len(extra)} unacknowledged spans"
            # span row and its change-log entry commit together, or neither does
            assert _logged_span_adds(project) == stored.keys()
            acknowledged = set(stored)
    assert len(acknowledged) >= rounds  # the test did write something most rounds


# --------------------------------------------------------------------------- import

IMPORT_CHILD = CHILD_PRELUDE + textwrap.dedent(
    """
    import signal, sys
    from annotator.core.model import ArticleRecord
    from annotator.store import Project

    path, total, marker_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    BODY = "阿里今年的小目标是新增至少1亿用户。京东和拼多多在下沉市场的竞争也更激烈了。\\n" * 5

    def records():
        for i in range(total):
            if i == marker_at:
                print("midway", i, flush=True)
            yield ArticleRecord(text=f"第{i}篇\\n{BODY}", title=f"article {i}",
                                where=f"gen:{i + 1}")
        print("exhausted", flush=True)

    project = Project.open(path)
    print("started", flush=True)
    report = project.add_articles(records(), "crash-test")
    print("committed", report.added, flush=True)
    signal.pause()  # stay alive, holding the project open, until killed
    """
)

IMPORT_TOTAL = 3000


def _import_state(path: Path) -> tuple[int, int, list[str]]:
    """(articles, import log entries, check problems) after reopening for writing."""
    with Project.open(path) as project:
        count = int(project.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        logged = int(project.conn.execute(
            "SELECT count(*) FROM changes WHERE action = 'import'").fetchone()[0])
        return count, logged, project.check()


_MARKS = random.Random(7).sample(range(50, IMPORT_TOTAL - 50), 3)


@pytest.mark.parametrize(
    "kill_on, marker_at, expect",
    [
        ("started", -1, {0}),  # just before add_articles' transaction, or early inside it
        ("midway", 1, {0}),  # the generator is mid-way: the transaction is open
        *[("midway", m, {0}) for m in _MARKS],
        ("exhausted", -1, {0, IMPORT_TOTAL}),  # the kill lands in or around the COMMIT
        ("committed", -1, {IMPORT_TOTAL}),  # add_articles returned: all of it is durable
    ],
    ids=["started", "midway-first", *[f"midway-{m}" for m in _MARKS], "exhausted",
         "committed"],
)
def test_import_killed_midway_is_all_or_nothing(tmp_path: Path, kill_on: str, marker_at: int,
                                                expect: set[int]):
    path = tmp_path / "import.db"
    Project.create(path, title="import crash").close()
    script = tmp_path / "import_child.py"
    script.write_text(IMPORT_CHILD, encoding="utf-8")
    child = Child(script, str(path), str(IMPORT_TOTAL), str(marker_at),
                  stderr_path=tmp_path / "import_child.err")
    try:
        child.wait_for(lambda ln: ln.split()[0] == kill_on)
        lines = child.kill()
    finally:
        stderr = child.finish()
    count, logged, problems = _import_state(path)
    assert problems == []
    assert count in expect, (f"{count} of {IMPORT_TOTAL} articles after the kill; "
                             f"child said {lines}; stderr:\n{stderr}")
    assert logged == (1 if count else 0)  # the import's change-log entry is part of it
    if any(ln.startswith("committed") for ln in lines):
        assert count == IMPORT_TOTAL
    # the project still takes a full import afterwards
    with Project.open(path) as project:
        report = project.add_articles(
            [ArticleRecord(text=f"after the crash {i}") for i in range(3)], "after")
        assert report.added == 3
        assert project.check() == []


# --------------------------------------------------------------------------- POSIX locks

SAME_PROCESS_CHILD = CHILD_PRELUDE + textwrap.dedent(
    """
    import subprocess, sys
    from annotator.core.model import ArticleRecord
    from annotator.store import Project, ProjectLocked

    path = sys.argv[1]
    project = Project.open(path)
    article_id = project.articles()[0].id
    project.add_span(article_id, 0, 2, "company", "crash-test")
    try:  # the same project again in this process (a second window, a retry): refused...
        Project.open(path)
        raise SystemExit("a second writable open in the same process was allowed")
    except ProjectLocked:
        pass
    Project.open(path, readonly=True).close()  # ... and a read-only look at it
    # another program (sqlite3 shell, DB Browser) opens the live file for writing and closes it;
    # had the refused open closed a descriptor of the file, our POSIX locks would be gone and
    # it would delete the WAL under our connection as "the last user"
    foreign = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM spans').fetchone(); c.close()"
    subprocess.run([sys.executable, "-c", foreign, path], check=True)
    span = project.add_span(article_id, 2, 4, "claim", "crash-test")
    print(span.id, flush=True)
    import signal
    signal.pause()
    """
)


def test_refused_reopen_in_same_process_keeps_sqlite_locks(tmp_path: Path):
    """Closing any descriptor of a SQLite file drops the process's POSIX locks on it
    (sqlite.org/howtocorrupt.html 2.2); a refused second open must not do that."""
    path = tmp_path / "locks.db"
    with Project.create(path, title="locks") as project:
        project.add_articles([ArticleRecord(text=TEXTS[0])], "setup")
    script = tmp_path / "same_process_child.py"
    script.write_text(SAME_PROCESS_CHILD, encoding="utf-8")
    child = Child(script, str(path), stderr_path=tmp_path / "same_process_child.err")
    try:
        acked = child.next_line()
        child.kill()
    finally:
        child.finish()
    with Project.open(path) as project:
        assert project.check() == []
        assert acked in _stored_spans(project), "an acknowledged span was lost"
        assert project.span_count() == 2
