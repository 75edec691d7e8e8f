"""The fast export paths write what the plain ones would (issue 14): doccano's label layout
reads the spans grouped by article and puts spans that share a start in order itself; CoNLL
writes stretches of single characters with one join. Each is compared with an oracle built
from the plain pieces (the entities layout, one line per token from ``tags_for`` and
``sentences``)."""

from __future__ import annotations

import json
import uuid

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleRecord
from annotator.core.segment import tokens
from annotator.formats.conll import (
    export_conll,
    resolve_overlaps,
    sentences,
    split_tokens,
    tags_for,
)
from annotator.formats_cli import export_format

TEXT = "阿里巴巴今年新增1亿用户。\n京东 JD.com 表示：双十一增长30%！拼多多称下沉市场仍在增长。"


def _doccano_pair(project, tmp_path, **kw) -> tuple[list, list]:
    label, entities = tmp_path / "l.jsonl", tmp_path / "e.jsonl"
    export_format(project, "doccano", label, options={"layout": "label"}, force=True, **kw)
    export_format(project, "doccano", entities, options={"layout": "entities"}, force=True,
                  **kw)
    one = [json.loads(x)["label"] for x in label.read_text(encoding="utf-8").splitlines()]
    two = [[[e["start_offset"], e["end_offset"], e["label"]] for e in json.loads(x)["entities"]]
           for x in entities.read_text(encoding="utf-8").splitlines()]
    return one, two


def test_doccano_labels_of_spans_sharing_a_start_come_in_end_then_label_order(fresh,
                                                                            tmp_path):
    """Spans added longest first, so the index holds each tie in the wrong order; a filter
    by annotator makes SQLite read another index (spans arrive in no order at all)."""
    project = fresh()
    project.add_articles([ArticleRecord(text=TEXT, language="zh")], "setup")
    art = project.articles()[0].id
    for who in ("alice", "bob"):
        project.add_span(art, 0, 12, "claim", who)
        project.add_span(art, 0, 4, "figure", who)
        project.add_span(art, 0, 4, "company", who)
        project.add_span(art, 0, 2, "company", who)
        project.add_span(art, 8, 10, "figure", who)
    for kw in ({"all_annotators": True}, {"annotators": ["bob"]}):
        one, two = _doccano_pair(project, tmp_path, **kw)
        assert one == two
        assert [tuple(x) for x in one[0]] == sorted(tuple(x) for x in one[0])
    assert one[0][:3] == [[0, 2, "company"], [0, 4, "company"], [0, 4, "figure"]]


def _oracle(text: str, spans: list, sep: str = " ") -> str:
    """One line per token from the public pieces (the export before issue 14): a token an
    entity starts or ends inside is split there, as the export always did."""
    kept, _ = resolve_overlaps(spans)
    toks, _ = split_tokens(tokens(text, "en"), {x for s in kept for x in (s.start, s.end)})
    tags, _ = tags_for(toks, kept, "iob2")
    out = []
    for block in sentences(text, toks, tags):
        out += [f"{text[toks[i][0]:toks[i][1]]}{sep}{tags[i]}\n" for i in block]
        out.append("\n")
    return "".join(out)


_CHARS = "阿里京东今年用户增长 。！\nab1%"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=_CHARS, min_size=1, max_size=60),
       cuts=st.lists(st.tuples(st.integers(0, 59), st.integers(1, 8)), max_size=6))
@example(text="京1a！户a", cuts=[(2, 2)])  # an entity starting inside the token "1a"
def test_conll_char_lines_equal_one_line_per_token(fresh, tmp_path, text, cuts):
    """Runs of Chinese characters, Latin words, numbers with %, spaces and line breaks,
    entities (overlapping ones resolved) and sentence ends anywhere."""
    project = fresh("c" + uuid.uuid4().hex)  # a new file each time (hypothesis replays)
    project.add_articles([ArticleRecord(text=text, language="zh")], "setup")
    art = project.articles()[0].id
    for start, width in cuts:
        end = min(start + width, len(text))
        if start < end and text[start:end].strip():
            project.add_span(art, start, end, "company", "alice")
    out = tmp_path / f"{project.path.stem}.conll"
    export_conll(project, out, token="char", docstart=False)
    spans = project.spans(art)
    expected = _oracle(text, spans) if tokens(text, "en") else ""
    assert out.read_text(encoding="utf-8") == expected
