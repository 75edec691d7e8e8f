"""Every span is a decision (issue 9, item 2): a span not matched exactly on the other side is in
exactly one disagreement, a decision settles the spans it names and nothing else, and after
"accept all agreeing" and a decision on every row each source span is in gold (its id in a gold
span's provenance) or recorded as rejected."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import review
from annotator.review import GOLD
from annotator.review.adjudicate import _settled
from annotator.store import Project
from tests.review.helpers import ALICE, BOB, CLAIM, CLAIM_BO, TEXT, make_project


def _rows(project, art=1):
    return {d.span_ids: d for d in review.disagreements(project, art, "alice", "bob")}


def _in_gold(project, art=1) -> set[str]:
    gold = [s.id for s in review.layer_spans(project, art, GOLD)]
    return {i for prov in review.provenance(project, gold).values() for i in prov["from"]}


def _rejected(project, art=1) -> set[str]:
    latest: dict[str, str] = {}
    for change in project.changes("review", str(art), limit=10_000)[::-1]:
        for span_id in change["data"]["spans"]:
            latest[span_id] = change["action"]
    return {i for i, action in latest.items() if action == "review.reject"}


def test_the_nested_figure_is_its_own_row_and_accepting_the_claim_leaves_it_open(tmp_path):
    path = make_project(tmp_path / "p.db", [("天猫", TEXT, ALICE + BOB)])
    with Project.open(path) as project:
        review.accept_all_agreeing(project, 1, "alice", "bob", "judge")
        rows = _rows(project)
        assert sorted((d.kind, TEXT[d.start:d.end]) for d in rows.values()) == [
            ("boundary", TEXT[CLAIM[0]:CLAIM[1]]), ("left_only", "70%")]
        review.accept_right(project, rows["a-claim", "b-claim"], "judge")  # D on the claim
        after = _rows(project)
        assert after["a-claim", "b-claim"].resolved and not after["a-70",].resolved
        assert [TEXT[s.start:s.end] for s in review.layer_spans(project, 1, GOLD)] == [
            "阿里巴巴", "天猫", TEXT[CLAIM_BO[0]:CLAIM_BO[1]]]
        review.accept_left(project, after["a-70",], "judge")
        assert all(d.resolved for d in _rows(project).values())
        every = {s[4] for s in ALICE + BOB}
        assert _in_gold(project) == every - {"a-claim"} and _rejected(project) == {"a-claim"}


def test_a_claim_and_its_figure_left_only_are_two_rows(tmp_path):
    path = make_project(tmp_path / "p.db", [("天猫", TEXT, ALICE + BOB[:2])])
    with Project.open(path) as project:
        rows = _rows(project)
        assert {ids: d.kind for ids, d in rows.items()} == {
            ("a-claim",): "left_only", ("a-70",): "left_only"}
        review.reject(project, rows["a-claim",], "judge")
        assert not _rows(project)["a-70",].resolved
    with Project.open(path, readonly=True) as later:  # a later session: still decided
        assert {ids: d.resolved for ids, d in _rows(later).items()} == {
            ("a-claim",): True, ("a-70",): False}


# ------------------------------------------------------------------ random layers, random decisions
LABELS = ("claim", "figure")
SHORT = "京东表示下沉市场增长迅速，拼多多补贴了100亿元。"


@st.composite
def layers(draw):
    def spans(who: str) -> list[tuple]:
        out = []
        for i in range(draw(st.integers(0, 6))):
            start = draw(st.integers(0, len(SHORT) - 1))
            end = draw(st.integers(start + 1, min(len(SHORT), start + 12)))
            out.append((start, end, draw(st.sampled_from(LABELS)), who, f"{who}-{i}"))
        return out
    return spans("alice") + spans("bob")


DECISIONS = st.sampled_from(["left", "right", "both", "reject", "edit"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spans=layers(), data=st.data())
def test_random_layers_and_decisions_drop_no_span_silently(spans, data):
    with tempfile.TemporaryDirectory() as tmp:
        path = make_project(Path(tmp) / "p.db", [("t", SHORT, spans)])
        with Project.open(path) as project:
            every = {s[4] for s in spans}
            review.accept_all_agreeing(project, 1, "alice", "bob", "judge")
            rows = review.disagreements(project, 1, "alice", "bob")
            listed = [i for d in rows for i in d.span_ids]
            # each span is in at most one row; those not in a row agree exactly
            assert len(listed) == len(set(listed))
            agreeing = every - set(listed)
            assert agreeing <= _in_gold(project)
            for d in rows:
                before = _settled(project, 1, sorted(every))
                decision = data.draw(DECISIONS)
                if decision == "reject":
                    review.reject(project, d, "judge")
                elif decision == "edit":
                    start = data.draw(st.integers(0, len(SHORT) - 1))
                    review.edit(project, d, "judge", start, start + 1,
                                data.draw(st.sampled_from(LABELS)))
                else:
                    getattr(review, f"accept_{decision}")(project, d, "judge")
                settled_now = _settled(project, 1, sorted(every))
                assert set(d.span_ids) <= settled_now  # the row is decided ...
                assert settled_now - before <= set(d.span_ids)  # ... and nothing else
            assert all(d.resolved for d in review.disagreements(project, 1, "alice", "bob"))
            gold, rejected = _in_gold(project), _rejected(project)
            assert every <= gold | rejected
            assert not (gold & rejected)  # a span accepted is never also rejected
