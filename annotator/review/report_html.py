"""``agreement --html OUT``: a self-contained report for a paper's appendix.

One HTML file: inline CSS, tables and inline SVG bar charts; no script, no font, no image and no
link to anything outside the file. Every name from the project (annotators, labels, titles) is
escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from annotator.review.agreement import UNITS_TEXT, AgreementReport, PairResult
from annotator.review.structure import STRUCTURE_TEXT

_CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
       margin: 2em auto; max-width: 60em; color: #222; line-height: 1.4; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; } h3 { font-size: 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: right; }
th:first-child, td.name { text-align: left; }
thead th { background: #eee; }
td.diag { background: #e6f2e6; }
p.note, dl { font-size: 0.85em; color: #444; }
svg { display: block; margin: 0.5em 0 1.5em; font-size: 11px; }
"""
_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")
_PAIR_COLUMNS = (("precision_exact", "P exact"), ("recall_exact", "R exact"),
                 ("f1_exact", "F1 exact"), ("precision_overlap", "P overlap"),
                 ("recall_overlap", "R overlap"), ("f1_overlap", "F1 overlap"),
                 ("cohen_kappa", "Cohen's κ"), ("krippendorff_alpha", "Krippendorff's α"))
_WORST = 20


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return f"{value:,}" if isinstance(value, int) else _e(value)


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]], names: int = 1,
           classes: dict[tuple[int, int], str] | None = None) -> str:
    out = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            css = "name" if c < names else (classes or {}).get((r, c), "")
            text = _e(value) if c < names else _num(value)
            cells.append(f'<td class="{css}">{text}</td>' if css else f"<td>{text}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def bar_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[
        float | None]]], *, maximum: float | None = None, counts: bool = False) -> str:
    """Horizontal grouped bars, one group per category; None values are drawn as "n/a".
    ``counts``: the values are whole numbers (shown without decimals)."""
    values = [v for _, vs in series for v in vs if v is not None]
    high = max([maximum or 0.0, 1e-9, *values])
    low = min([0.0, *values])  # kappa can be negative: the axis then starts below 0
    label_w, plot_w, bar_h, gap = 150, 420, 14, 8
    group_h = bar_h * len(series) + gap
    legend_h = 18 if len(series) > 1 else 0
    height = 28 + legend_h + group_h * len(categories) + 20

    def x(v: float) -> float:
        return label_w + plot_w * (v - low) / (high - low)

    x0 = x(0.0)

    parts = [f'<svg width="{label_w + plot_w + 70}" height="{height}" role="img" '
             f'aria-label="{_e(title)}" viewBox="0 0 {label_w + plot_w + 70} {height}">',
             f'<text x="0" y="14" font-weight="bold">{_e(title)}</text>']
    for k, (name, _) in enumerate(series if len(series) > 1 else ()):
        lx = label_w + k * 130
        parts.append(f'<rect x="{lx}" y="24" width="10" height="10" '
                     f'fill="{_COLORS[k % len(_COLORS)]}"/>'
                     f'<text x="{lx + 14}" y="33">{_e(name)}</text>')
    top = 28 + legend_h
    for g, category in enumerate(categories):
        y = top + g * group_h
        parts.append(f'<text x="{label_w - 6}" y="{y + group_h / 2}" text-anchor="end">'
                     f"{_e(category)}</text>")
        for k, (_, vs) in enumerate(series):
            v = vs[g]
            by = y + k * bar_h
            if v is None or (isinstance(v, float) and math.isnan(v)):
                parts.append(f'<text x="{x0 + 3}" y="{by + bar_h - 3}" fill="#888">n/a</text>')
                continue
            left, right = sorted((x0, x(v)))
            parts.append(f'<rect x="{left:.1f}" y="{by}" width="{max(right - left, 0.5):.1f}" '
                         f'height="{bar_h - 2}" fill="{_COLORS[k % len(_COLORS)]}"/>'
                         f'<text x="{right + 3:.1f}" y="{by + bar_h - 3}">'
                         f"{_num(round(v) if counts else v)}</text>")
    bottom = top + group_h * len(categories)
    parts.append(f'<line x1="{x0:.1f}" y1="{top - 2}" x2="{x0:.1f}" y2="{bottom}" '
                 'stroke="#444"/>')
    parts.append("</svg>")
    return "".join(parts)


_ATTR_COLUMNS = (("matched", "matched"), ("observed", "observed"), ("cohen_kappa", "Cohen's κ"),
                 ("krippendorff_alpha", "Krippendorff's α"))
_REL_COLUMNS = (("relations_left", "relations {left}"), ("relations_right", "relations {right}"),
                ("precision_exact", "P exact"), ("recall_exact", "R exact"),
                ("f1_exact", "F1 exact"))


def structure_tables(corpus: dict[str, Any], left: str = "", right: str = "") -> list[str]:
    """Relations, then one table of attributes per label, then the article attributes."""
    out = []
    rel = corpus.get("relations")
    if rel and (rel["relations_left"] or rel["relations_right"]):
        out.append("<h4>Relations</h4>")
        out.append(_table([h.format(left=left or "(summed)", right=right or "(summed)")
                           for _, h in _REL_COLUMNS],
                          [[rel[k] for k, _ in _REL_COLUMNS]], names=0))
    for label, attrs in corpus.get("attributes", {}).items():
        out.append(f"<h4>Attributes of {_e(label)}</h4>")
        out.append(_table(["attribute", *(h for _, h in _ATTR_COLUMNS)],
                          [[name, *(v[k] for k, _ in _ATTR_COLUMNS)]
                           for name, v in attrs.items()]))
    article = corpus.get("article_attributes", {})
    if article:
        out.append("<h4>Article attributes</h4>")
        out.append(_table(["attribute", *(h for _, h in _ATTR_COLUMNS)],
                          [[name, *(v[k] for k, _ in _ATTR_COLUMNS)]
                           for name, v in article.items()]))
    return out


def _pair_name(p: PairResult) -> str:
    return f"{p.left} / {p.right}"


def _pair_sections(p: PairResult, labels: list[str]) -> list[str]:
    out = [f"<h3>{_e(_pair_name(p))}</h3>"]
    per_label = p.corpus.get("per_label", {})
    rows = [[label, per_label[label]["spans_left"], per_label[label]["spans_right"],
             *(per_label[label][k] for k, _ in _PAIR_COLUMNS)] for label in labels]
    out.append(_table(["label", f"spans {p.left}", f"spans {p.right}",
                       *(h for _, h in _PAIR_COLUMNS)], rows))
    out.append(bar_chart(f"F1 per label, {_pair_name(p)}", labels,
                         [("exact", [per_label[lb]["f1_exact"] for lb in labels]),
                          ("overlap", [per_label[lb]["f1_overlap"] for lb in labels])],
                         maximum=1.0))
    out += structure_tables(p.corpus, p.left, p.right)
    axis = p.confusion.get("labels", [])
    matrix = p.confusion.get("matrix", [])
    if axis:
        out.append(f"<p class=note>Label confusion over overlapping spans: rows {_e(p.left)}, "
                   f"columns {_e(p.right)}; O: no overlapping span on the other side.</p>")
        diag = {(r, r + 1): "diag" for r in range(len(axis))}
        out.append(_table([f"{p.left} \\ {p.right}", *axis],
                          [[a, *row] for a, row in zip(axis, matrix)], classes=diag))
    worst = sorted((a for a in p.per_article if a.get("f1_overlap") is not None),
                   key=lambda a: (a["f1_overlap"], a["article_id"]))[:_WORST]
    if worst:
        out.append(f"<p class=note>The {len(worst)} articles with the lowest overlap F1.</p>")
        out.append(_table(["article", "id", "F1 exact", "F1 overlap", "Cohen's κ"],
                          [[a["title"] or "(untitled)", a["article_id"], a["f1_exact"],
                            a["f1_overlap"], a["cohen_kappa"]] for a in worst], names=1))
    return out


def render(report: AgreementReport, *, title: str = "") -> str:
    """The whole report as one HTML document."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    heading = f"Inter-annotator agreement{': ' + title if title else ''}"
    body = [f"<h1>{_e(heading)}</h1>",
            f"<p class=note>{_e(stamp)}; tokens: {_e(report.tokens)}; annotators: "
            f"{_e(', '.join(report.annotators))}; labels: {_e(', '.join(report.labels))}.</p>",
            f"<p class=note id=units>Units: {_e(report.units)}: {_e(UNITS_TEXT[report.units])}; "
            "“left out” counts the articles one of them worked on that this rule left "
            "out.</p>",
            f"<p class=note id=structure>Attributes and relations: {_e(STRUCTURE_TEXT)}.</p>"]
    names = report.annotators
    summary = report.annotator_summary
    body.append("<h2>Annotators</h2>")
    body.append(_table(["annotator", "spans", "articles"],
                       [[n, summary[n]["spans"], summary[n]["articles"]] for n in names]))
    body.append(bar_chart("Spans per annotator", names,
                          [("spans", [float(summary[n]["spans"]) for n in names])],
                          counts=True))
    if report.overall is not None:
        o = report.overall.corpus["all"]
        body.append("<h2>Overall</h2>")
        body.append(_table(["annotators", "articles", "left out", "tokens", "F1 exact",
                            "F1 overlap", "Fleiss' κ", "Krippendorff's α"],
                           [[", ".join(names), report.overall.articles,
                             report.overall.articles_left_out, report.overall.tokens,
                             o["f1_exact"], o["f1_overlap"], o["fleiss_kappa"],
                             o["krippendorff_alpha"]]]))
        per_label = report.overall.corpus["per_label"]
        body.append(_table(["label", "F1 exact", "F1 overlap", "Fleiss' κ", "Krippendorff's α"],
                           [[lb, per_label[lb]["f1_exact"], per_label[lb]["f1_overlap"],
                             per_label[lb]["fleiss_kappa"], per_label[lb]["krippendorff_alpha"]]
                            for lb in report.labels]))
        body.append(bar_chart("F1 per label (all pairs)", report.labels,
                              [("exact", [per_label[lb]["f1_exact"] for lb in report.labels]),
                               ("overlap", [per_label[lb]["f1_overlap"]
                                            for lb in report.labels])], maximum=1.0))
        body += structure_tables(report.overall.corpus)
    if report.pairs:
        body.append("<h2>Annotator pairs</h2>")
        body.append(_table(["pair", "articles", "left out", "tokens",
                            *(h for _, h in _PAIR_COLUMNS), "relation F1"],
                           [[_pair_name(p), p.articles, p.articles_left_out, p.tokens,
                             *(p.corpus["all"][k] for k, _ in _PAIR_COLUMNS),
                             p.corpus.get("relations", {}).get("f1_exact")]
                            for p in report.pairs]))
        pairs = [_pair_name(p) for p in report.pairs]
        body.append(bar_chart("Agreement per annotator pair", pairs, [
            ("Cohen's κ", [p.corpus["all"]["cohen_kappa"] for p in report.pairs]),
            ("F1 overlap", [p.corpus["all"]["f1_overlap"] for p in report.pairs])],
            maximum=1.0))
        for p in report.pairs:
            body += _pair_sections(p, report.labels)
    body.append(_DEFINITIONS)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(heading)}</title><style>{_CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


_DEFINITIONS = """<h2>Definitions</h2><dl>
<dt>Precision, recall, F1</dt><dd>Of spans, per pair, the first annotator as reference.
Exact: same start, end and label. Overlap: a span of the other side with the same label shares at
least one character. Overall: counts of all pairs added up.</dd>
<dt>Tokens</dt><dd>word: jieba words in Chinese, words in Latin script, every other
non-space character; char: every non-space character. A token takes the label of the shortest
span overlapping it, else O.</dd>
<dt>Cohen's κ, Fleiss' κ, Krippendorff's α</dt><dd>Over tokens, nominal; per label, that label
against everything else.</dd>
<dt>Units</dt><dd>touched (the default): an article counts for a pair when both worked on it
(a span, or a status other than todo: "nothing to label here" is a judgement), for overall when
every compared annotator did; done: only articles all of them marked done; all: any of them has
a span there.</dd>
<dt>Attributes</dt><dd>Per label and attribute, on span pairs matched exactly where both
annotators set the attribute (a value set on one side only is left out): matched pairs, observed
agreement, Cohen's κ and Krippendorff's α; nominal for choice, boolean, multi (as a set) and text
(trimmed); interval α for numbers (no κ). Overall: α over every annotator (units with one value
left out), κ only for two annotators. Article attributes: the same over the articles compared.</dd>
<dt>Relations</dt><dd>A relation matches when both ends match exactly and the type is the same;
precision, recall and F1 as for spans. Overall: counts of all pairs added up.</dd>
<dt>–</dt><dd>Undefined (for example every token in one category).</dd></dl>"""
