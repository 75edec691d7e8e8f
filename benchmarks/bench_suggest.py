"""``suggest`` (issue 12) over the cached 10k-article project (``scale.py``; 1,000 of its
articles with ``--quick``): figures, registry companies and repeats for one annotator, written
in one transaction, next to the floor the issue names: tokenizing the same texts with the
project's segmenter (jieba with the project's terms, which the registry's names join), measured
in the same run. Goal: suggest <= 3x tokenizing."""

from __future__ import annotations

from benchmarks.common import Row, progress, timed
from benchmarks.scale import fresh_copy

REGISTRY = (("阿里巴巴", ("阿里", "Alibaba")), ("京东", ("JD",)), ("拼多多", ("Pinduoduo",)),
            ("苏宁", ()))
WHO = "dana"


def run(quick: bool) -> list[Row]:
    from annotator.core import segment
    from annotator.core.registry import make_company
    from annotator.store import Project
    from annotator.store.suggest import suggest

    path = fresh_copy(10_000)
    with Project.open(path) as project:
        project.add_companies([make_company(n, a) for n, a in REGISTRY], "bench")
        for n in range(2, 200):  # a few hundred distinct fake names: a registry of some size
            project.add_companies([make_company(f"公司{n:03d}号", [f"Corp{n:03d}"])], "bench")
        ids = project.article_ids()[1:1001 if quick else None]  # not the 100k-char article
        text = project._text_of(ids[0])
        start = text.index("双十一")
        project.add_span(ids[0], start, start + 3, "strategy", WHO)  # something to repeat
        start = text.index("直播")
        project.add_span(ids[0], start, start + 2, "strategy", WHO)
        texts = [project.article(i).text for i in ids]
        terms = project.terms()
        chars = sum(map(len, texts))
        progress(f"suggest over {len(ids):,} articles ({chars / 1e6:.1f}M characters) ...")
        report = None

        def go() -> None:
            nonlocal report
            report = suggest(project, WHO, article_ids=ids)

        measured = timed(go)
    segment.set_terms(terms)
    segment.warm_up()
    floor = timed(lambda: [segment.tokens(t, "zh") for t in texts])
    assert report is not None
    made = sum(report.counts.values())
    ratio = measured / floor
    return [Row(f"suggest: {len(ids):,} articles, {made:,} suggestions", measured, "s",
                floor=floor, floor_name="segment.tokens (jieba + project terms) of the same "
                                        "texts", goal="<= 3x", ok=ratio <= 3)]
