"""The Registry dock's reads (issue 12) over the cached 10k-article project (``scale.py``),
after company suggestions linked its spans to a registry of ~200 entries: the span count per
entry (read again on every undo step while the dock shows) and an entry's next span (a
double-click; a common entry is found by walking the company spans in document order, a rare
one through its own spans), next to the floor of counting the company spans through the label index, in
the same run."""

from __future__ import annotations

import json

from benchmarks.common import Row, best_of, progress
from benchmarks.scale import fresh_copy

WHO = "dana"


def run(quick: bool) -> list[Row]:
    from annotator.core.registry import make_company
    from annotator.store import Project
    from annotator.store.suggest import suggest

    path = fresh_copy(10_000)
    with Project.open(path) as project:
        project.add_companies([make_company("阿里巴巴", ["阿里", "Alibaba"], ["BABA"]),
                               make_company("京东", ["JD"]), make_company("拼多多")], "bench")
        project.add_companies([make_company(f"公司{n:03d}号", [f"Corp{n:03d}"])
                               for n in range(2, 200)], "bench")
        ids = project.article_ids()[1:1001 if quick else None]
        progress(f"linking company spans in {len(ids):,} articles ...")
        suggest(project, WHO, kinds=["companies"], article_ids=ids)
        project.conn.execute("UPDATE spans SET origin = 'manual' WHERE origin = 'suggested'")
        linked = sum(project.company_span_counts().values())
        counts = best_of(project.company_span_counts)
        walk = best_of(lambda: project.next_company_span("京东", (ids[len(ids) // 2], 0)))
        rare = "公司150号"  # 50 spans spread over the project (span ids are random)
        project.conn.execute(
            "UPDATE span_attributes SET value = ? WHERE name = 'entity' AND span_id IN "
            "(SELECT span_id FROM span_attributes WHERE name = 'entity' ORDER BY span_id "
            "LIMIT 50)", (json.dumps(rare, ensure_ascii=False),))
        counts_now = project.company_span_counts()
        rare_walk = best_of(lambda: project.next_company_span(rare, (ids[len(ids) // 2], 0)))
        floor = best_of(lambda: project.conn.execute(
            "SELECT count(*) FROM spans WHERE label = 'company'").fetchone())
    return [
        Row(f"registry: span count per entry ({linked:,} linked spans)", counts * 1e3, "ms",
            floor=floor * 1e3, floor_name="count(*) of the company spans (label index)",
            goal="<= 20x", ok=counts <= 20 * floor),
        Row("registry: an entry's next span (double-click)", walk * 1e3, "ms",
            floor=floor * 1e3, floor_name="count(*) of the company spans (label index)",
            goal="<= 20x", ok=walk <= 20 * floor),
        Row(f"registry: the next span of a rare entry ({counts_now.get(rare, 0):,} spans)", rare_walk * 1e3, "ms", floor=floor * 1e3,
            floor_name="count(*) of the company spans (label index)",
            goal="<= 20x", ok=rare_walk <= 20 * floor),
    ]
