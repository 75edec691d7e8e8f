"""Agreement metrics: hand-computed cases, and independent implementations (scikit-learn's
``cohen_kappa_score``, the ``krippendorff`` package, a direct Fleiss formula) used only here."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from annotator.review import GOLD, Doc, agreement, load_docs
from annotator.review.agreement import (
    OUTSIDE,
    confusion_counts,
    token_bounds,
    token_categories,
)
from annotator.review.metrics import cohen_kappa, fleiss_kappa, krippendorff_alpha
from tests.review.helpers import make_project

krippendorff = pytest.importorskip("krippendorff")
sklearn_metrics = pytest.importorskip("sklearn.metrics")
np = pytest.importorskip("numpy")


# ------------------------------------------------------------------------------- hand cases
def test_token_category_is_the_innermost_span():
    starts, ends = token_bounds("abcdefgh", mode="char")
    cats = token_categories(starts, ends, [(0, 6, "claim"), (2, 4, "figure")])
    assert cats == ["claim", "claim", "figure", "figure", "claim", "claim", OUTSIDE, OUTSIDE]


def test_equal_length_ties_go_to_the_earliest_then_the_first_label():
    starts, ends = token_bounds("abcd", mode="char")
    assert token_categories(starts, ends, [(1, 3, "y"), (0, 2, "x")])[:3] == ["x", "x", "y"]
    assert token_categories(starts, ends, [(0, 2, "b"), (0, 2, "a")])[:2] == ["a", "a"]


def test_a_span_covering_part_of_a_word_labels_the_word():
    starts, ends = token_bounds("Alibaba said so", mode="word")
    assert token_categories(starts, ends, [(0, 3, "company")]) == ["company", OUTSIDE, OUTSIDE]


def test_char_tokens_skip_whitespace():
    assert token_bounds("a b\n c", mode="char") == ([0, 2, 5], [1, 3, 6])


def test_cohen_kappa_textbook_table():
    table = {("y", "y"): 20, ("y", "n"): 5, ("n", "y"): 10, ("n", "n"): 15}
    assert cohen_kappa(table) == pytest.approx(0.4)  # p_o = 0.7, p_e = 0.5


def test_fleiss_kappa_of_fleiss_1971_example():
    rows = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    patterns: Counter[tuple[str, ...]] = Counter()
    for row in rows:
        patterns[tuple(str(c) for c, k in enumerate(row) for _ in range(k))] += 1
    assert fleiss_kappa(patterns) == pytest.approx(0.20993, abs=1e-4)


def test_krippendorff_alpha_hand_case():
    # values a,a | a,b | b,b | b,b: n = 8, n_a = 3, n_b = 5, o_ab + o_ba = 2
    patterns = Counter({("a", "a"): 1, ("a", "b"): 1, ("b", "b"): 2})
    assert krippendorff_alpha(patterns) == pytest.approx(1 - 7 * 2 / 30)


def test_coefficients_are_none_when_undefined():
    only_o = Counter({(OUTSIDE, OUTSIDE): 10})
    assert cohen_kappa(only_o) is None
    assert fleiss_kappa(only_o) is None and krippendorff_alpha(only_o) is None
    assert cohen_kappa({}) is None


def test_span_f1_exact_and_overlap_hand_case():
    text = "x" * 30
    left = [(0, 2, "company"), (5, 8, "figure"), (10, 12, "claim")]
    right = [(0, 2, "company"), (5, 9, "figure"), (20, 22, "claim")]
    report = agreement([Doc(1, text, "en", {"l": left, "r": right})], ["l", "r"], tokens="char")
    scores = report.pairs[0].corpus["all"]
    assert scores["precision_exact"] == scores["recall_exact"] == pytest.approx(1 / 3)
    assert scores["f1_exact"] == pytest.approx(1 / 3)
    assert scores["f1_overlap"] == pytest.approx(2 / 3)
    per_label = report.pairs[0].corpus["per_label"]
    assert per_label["company"]["f1_exact"] == 1.0 and per_label["claim"]["f1_overlap"] == 0.0
    article, = report.pairs[0].per_article
    assert article["f1_exact"] == pytest.approx(1 / 3)
    assert article["per_label"]["figure"] == {"spans_left": 1, "spans_right": 1,
                                              "f1_exact": 0.0, "f1_overlap": 1.0}
    assert per_label["figure"]["f1_exact"] == 0.0 and per_label["figure"]["f1_overlap"] == 1.0


def test_span_f1_is_the_harmonic_mean_when_precision_and_recall_differ():
    # left 4 spans, right 2, both of right's match: precision 1, recall 1/2, F1 2/3 (the mean of
    # precision and recall would be 3/4)
    text = "x" * 40
    left = [(0, 2, "company"), (5, 8, "figure"), (10, 12, "claim"), (20, 25, "claim")]
    right = [(0, 2, "company"), (5, 8, "figure")]
    report = agreement([Doc(1, text, "en", {"l": left, "r": right})], ["l", "r"], tokens="char")
    scores = report.pairs[0].corpus["all"]
    assert scores["precision_exact"] == 1.0 and scores["recall_exact"] == pytest.approx(0.5)
    assert scores["f1_exact"] == pytest.approx(2 / 3)
    assert scores["f1_overlap"] == pytest.approx(2 / 3)


def test_overlap_needs_the_same_label():
    doc = Doc(1, "x" * 10, "en", {"l": [(0, 4, "a")], "r": [(1, 4, "b")]})
    assert agreement([doc], ["l", "r"], tokens="char").pairs[0].corpus["all"]["f1_overlap"] == 0


def test_confusion_counts_every_overlapping_pair():
    counts = confusion_counts([(0, 4, "claim")],
                              [(0, 2, "company"), (2, 4, "figure"), (6, 8, "figure")])
    assert counts == {("claim", "company"): 1, ("claim", "figure"): 1, (OUTSIDE, "figure"): 1}
    doc = Doc(1, "x" * 10, "en", {"l": [(0, 4, "claim")], "r": [(0, 2, "company")]})
    confusion = agreement([doc], ["l", "r"], tokens="char").pairs[0].confusion
    assert confusion["labels"] == ["claim", "company", "O"]
    assert confusion["matrix"][0] == [0, 1, 0]


def test_only_articles_someone_annotated_count():
    docs = [Doc(1, "abcdef", "en", {"l": [(0, 2, "a")], "r": [(0, 2, "a")]}),
            Doc(2, "ghijkl", "en", {})]
    report = agreement(docs, ["l", "r"], tokens="char")
    assert report.pairs[0].articles == 1 and report.pairs[0].tokens == 6


def test_label_filter_leaves_other_spans_out():
    doc = Doc(1, "abcdef", "en", {"l": [(0, 2, "a"), (3, 5, "b")], "r": [(0, 2, "a")]})
    report = agreement([doc], ["l", "r"], labels=["a"], tokens="char")
    assert report.labels == ["a"] and report.pairs[0].corpus["all"]["f1_exact"] == 1.0
    assert report.pairs[0].corpus["all"]["cohen_kappa"] == 1.0


def test_chinese_word_tokens_come_from_jieba():
    text = "阿里今年的小目标是新增至少1亿用户。"
    doc = Doc(1, text, "zh", {"l": [(0, 2, "company")], "r": [(0, 2, "company"),
                                                             (13, 15, "figure")]})
    word = agreement([doc], ["l", "r"], tokens="word").pairs[0]
    char = agreement([doc], ["l", "r"], tokens="char").pairs[0]
    assert word.tokens < char.tokens == len(text)
    assert 0 < word.corpus["all"]["cohen_kappa"] < 1


def test_json_has_the_issue_key_names():
    docs = [Doc(i, "abcdefghij", "en", {n: [(i % 3, 4 + (k + i) % 4, "ab"[k % 2])]
                                        for k, n in enumerate(("l", "m", "r"))})
            for i in range(6)]
    data = json.loads(json.dumps(agreement(docs, ["l", "m", "r"], tokens="char").to_dict()))
    pair = data["pairs"][0]
    assert {"f1_exact", "f1_overlap", "cohen_kappa", "krippendorff_alpha"} <= set(
        pair["corpus"]["all"])
    assert {"f1_exact", "cohen_kappa"} <= set(pair["per_article"][0])
    assert {"fleiss_kappa", "krippendorff_alpha", "f1_exact", "f1_overlap"} <= set(
        data["overall"]["corpus"]["all"])
    assert set(data["overall"]["corpus"]["per_label"]) == {"a", "b"}
    assert len(data["pairs"]) == 3 and len(data["overall"]["per_article"]) == 6


# ------------------------------------------------------------------------------- vs others
def _random_docs(rng: random.Random, names: list[str], count: int = 30) -> list[Doc]:
    docs = []
    for i in range(count):
        text = "".join(rng.choice("abcdefg hij") for _ in range(rng.randint(5, 40)))
        layers = {}
        for name in names:
            spans = []
            for _ in range(rng.randint(0, 4)):
                s = rng.randrange(len(text) - 1)
                spans.append((s, rng.randint(s + 1, min(len(text), s + 8)), rng.choice("xyz")))
            layers[name] = spans
        docs.append(Doc(i, text, "en", layers))
    return docs


def _char_labels(doc: Doc, name: str) -> list[str]:
    """Independent per-character reading of the innermost rule (used only here)."""
    spans = set(doc.layers.get(name, ()))
    out = []
    for i, ch in enumerate(doc.text):
        if ch.isspace():
            continue
        covering = [(e - s, s, label) for s, e, label in spans if s <= i < e]
        out.append(min(covering)[2] if covering else "O")
    return out


def _sequences(docs: list[Doc], names: list[str]) -> list[list[str]]:
    seqs: list[list[str]] = [[] for _ in names]
    for doc in docs:
        if any(doc.layers.get(n) for n in names):
            for seq, name in zip(seqs, names):
                seq += _char_labels(doc, name)
    return seqs


@pytest.mark.parametrize("seed", range(8))
def test_cohen_kappa_matches_scikit_learn(seed):
    docs = _random_docs(random.Random(seed), ["l", "r"])
    report = agreement(docs, ["l", "r"], tokens="char", units="all")  # _sequences' units
    a, b = _sequences(docs, ["l", "r"])
    pair = report.pairs[0]
    assert pair.tokens == len(a)
    assert pair.corpus["all"]["cohen_kappa"] == pytest.approx(
        sklearn_metrics.cohen_kappa_score(a, b))
    for label in ("x", "y", "z"):
        binary_a = [c == label for c in a]
        binary_b = [c == label for c in b]
        if len(set(binary_a) | set(binary_b)) > 1:
            assert pair.corpus["per_label"][label]["cohen_kappa"] == pytest.approx(
                sklearn_metrics.cohen_kappa_score(binary_a, binary_b))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("names", [["l", "r"], ["l", "m", "r"]])
def test_krippendorff_alpha_matches_the_krippendorff_package(seed, names):
    docs = _random_docs(random.Random(100 + seed), names)
    report = agreement(docs, names, tokens="char", units="all")  # _sequences' units
    seqs = _sequences(docs, names)
    codes = {c: i for i, c in enumerate(sorted({c for s in seqs for c in s}))}
    data = np.array([[codes[c] for c in s] for s in seqs], dtype=float)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert report.overall is not None
    assert report.overall.corpus["all"]["krippendorff_alpha"] == pytest.approx(expected)
    pair = report.pairs[0]  # its own units: articles where l or m has a span
    pair_data = np.array([[codes[c] for c in s] for s in _sequences(docs, names[:2])],
                         dtype=float)
    assert pair.corpus["all"]["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=pair_data, level_of_measurement="nominal"))


def _fleiss_direct(seqs: list[list[str]]) -> float:
    """Fleiss (1971), written out over a subjects x categories count matrix."""
    cats = sorted({c for s in seqs for c in s})
    counts = np.array([[sum(1 for s in seqs if s[i] == c) for c in cats]
                       for i in range(len(seqs[0]))], dtype=float)
    n_sub, m = counts.shape[0], len(seqs)
    p_j = counts.sum(axis=0) / (n_sub * m)
    p_i = ((counts * counts).sum(axis=1) - m) / (m * (m - 1))
    p_bar, p_e = p_i.mean(), (p_j * p_j).sum()
    return float((p_bar - p_e) / (1 - p_e))


@pytest.mark.parametrize("seed", range(8))
def test_fleiss_kappa_matches_the_direct_formula(seed):
    names = ["l", "m", "r"]
    docs = _random_docs(random.Random(200 + seed), names)
    report = agreement(docs, names, tokens="char", units="all")  # _sequences' units
    assert report.overall is not None
    assert report.overall.corpus["all"]["fleiss_kappa"] == pytest.approx(
        _fleiss_direct(_sequences(docs, names)))


# ------------------------------------------------------------------------------- projects
def test_load_docs_reads_human_layers_and_gold(tmp_path):
    text = "阿里今年的小目标是新增至少1亿用户。"
    path = make_project(tmp_path / "p.db", [
        ("a", text, [(0, 2, "company", "ann"), (0, 2, "company", "bo")]),
        ("b", "京东表示下沉市场增长迅速。", []),
    ])
    from annotator.store import Project

    with Project.open(path) as project:
        art = project.articles()[0].id
        project.add_span(art, 13, 15, "figure", "ann", origin="suggested")
        project.add_span(art, 0, 2, "company", "judge", origin="adjudicated")
        docs, names = load_docs(project)
        assert names == ["ann", "bo"] and len(docs) == 1
        assert docs[0].layers == {"ann": [(0, 2, "company")], "bo": [(0, 2, "company")]}
        docs, names = load_docs(project, ["ann", GOLD])
        assert docs[0].layers[GOLD] == [(0, 2, "company")]
        report = agreement(docs, names)
        assert report.pairs[0].corpus["all"]["f1_exact"] == 1.0


def test_word_agreement_with_a_helper_process_is_the_same_and_fills_the_token_cache(
        monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """A big batch of word tokens is shared with a helper process (issue 14): same report as
    segmenting here, and its tokens are cached, so the next run needs no helper."""
    from annotator.core import segment_helper, token_cache

    rng = random.Random(3)
    words = ["阿里", "京东", "彭小军", "今年", "用户", "增长", "，", "3.5%", "Alibaba", " "]
    docs = []
    for i in range(120):
        text = "".join(rng.choice(words) for _ in range(rng.randint(3, 25)))
        layers = {name: [(s, min(len(text), s + rng.randint(1, 5)), rng.choice("xy"))
                         for s in rng.sample(range(len(text)), min(3, len(text)))]
                  for name in ("l", "r")}
        docs.append(Doc(i, text, rng.choice(("zh", "en", "")), layers))
    here = agreement(docs, ["l", "r"], tokens="word", cache=False).to_dict()

    started: list[object] = []
    init = segment_helper._Helper.__init__
    monkeypatch.setattr(segment_helper._Helper, "__init__",
                        lambda self, *a: (started.append(self), init(self, *a))[-1])
    monkeypatch.setattr(segment_helper, "MIN_CHARS", 0)
    monkeypatch.setattr(segment_helper.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(token_cache, "folder", lambda: tmp_path / "tokens")
    assert agreement(docs, ["l", "r"], tokens="word").to_dict() == here
    assert len(started) == 1
    cached = {(doc.text, doc.lang) for doc in docs}
    assert len(list((tmp_path / "tokens").glob("*.tok"))) == len(cached)
    assert agreement(docs, ["l", "r"], tokens="word").to_dict() == here
    assert len(started) == 1  # every token came from the cache
