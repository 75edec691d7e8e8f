"""File ▸ Export… (formats, filters, options, progress, cancel) and File ▸ Import Teammate's
Work… (preview, merge, refusal)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit
from workbench_helpers import ARTICLES, ZH_ASTRAL, ZH_PLAIN

from annotator.core.model import ArticleRecord
from annotator.store import Project
from annotator.ui import interaction

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def add_spans(path, who="tester"):
    with Project.open(path) as project:
        ids = {a.title: a.id for a in project.articles()}
        start = ZH_ASTRAL.index("阿里")
        project.add_span(ids["阿里的小目标"], start, start + 2, "company", who)
        start = ZH_PLAIN.index("100亿元")
        project.add_span(ids["拼多多的补贴"], start, start + 5, "figure", who)


@pytest.fixture
def export_window(qtbot, workbench_project, no_leaked_widgets, monkeypatch):
    from annotator.app import build_window

    add_spans(workbench_project)
    win = build_window(workbench_project, "tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    told: list[str] = []
    monkeypatch.setattr(interaction, "inform", lambda _p, _t, text: told.append(text))
    win.told = told
    return win


def run_export(qtbot, win, fmt, out, **options):
    win.acts.export.trigger()
    dialog = win.ops.export_dialog
    dialog.set_format(fmt)
    dialog.out.setText(str(out))
    for name, value in options.items():
        widget = dialog.option_widgets[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        else:
            widget.setCurrentText(value) if isinstance(widget, QComboBox) else widget.setChecked(
                value)
    with qtbot.waitSignal(dialog.exported, timeout=30000) as done:
        dialog.export_button.click()
    return done.args


def test_export_dialog_writes_doccano(qtbot, export_window, tmp_path):
    out = tmp_path / "out.jsonl"
    manifest, error = run_export(qtbot, export_window, "doccano", out, unit="codepoint")
    assert error == "" and manifest["format"] == "doccano"
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_text = {r["text"]: r for r in rows}
    start = ZH_ASTRAL.index("阿里")
    assert by_text[ZH_ASTRAL]["label"] == [[start, start + 2, "company"]]
    assert manifest["offset_unit"] == "code points"
    summary = export_window.told[-1]
    assert "code points" in summary and "0 warning(s)" in summary and "warnings.jsonl" in summary


def test_export_dialog_lists_the_claims_and_relations_tables(qtbot, export_window, tmp_path):
    import csv

    out = tmp_path / "figures.csv"
    manifest, error = run_export(qtbot, export_window, "claims", out, claim_label="figure")
    assert error == "" and manifest["format"] == "claims"
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == ["100亿元"]
    assert "attr:value" in rows[0] and "rel:of" in rows[0]
    dialog = export_window.ops.export_dialog
    assert dialog.format.findData("relations") >= 0


def test_export_dialog_writes_conll_with_filters(qtbot, export_window, tmp_path):
    out = tmp_path / "out.conll"
    export_window.acts.export.trigger()
    dialog = export_window.ops.export_dialog
    dialog.set_format("conll")
    dialog.out.setText(str(out))
    dialog.skip_empty.setChecked(True)
    dialog.option_widgets["token"].setCurrentText("char")
    with qtbot.waitSignal(dialog.exported, timeout=30000) as done:
        dialog.export_button.click()
    assert done.args[1] == ""
    text = out.read_text(encoding="utf-8")
    assert "阿 B-company\n里 I-company\n" in text
    assert "100 B-figure\n亿 I-figure\n元 I-figure\n" in text  # Latin digits: one token
    assert "Harbor" not in text  # the English article has no span: skipped


def test_cancel_leaves_no_file(qtbot, export_window, tmp_path):
    out = tmp_path / "cancelled.jsonl"
    export_window.acts.export.trigger()
    dialog = export_window.ops.export_dialog
    dialog.set_format("doccano")  # the native JSONL writer is one SQL pass: not cancellable
    dialog.out.setText(str(out))
    dialog.started.connect(dialog.cancel)  # before the worker's first progress call
    with qtbot.waitSignal(dialog.exported, timeout=30000) as done:
        dialog.export_button.click()
    assert done.args == [None, "cancelled"]
    assert not [p.name for p in tmp_path.iterdir() if "cancelled" in p.name]
    dialog.reject()


def test_option_widgets_follow_the_format(export_window):
    export_window.acts.export.trigger()
    dialog = export_window.ops.export_dialog
    dialog.set_format("conll")
    kinds = {n: type(w) for n, w in dialog.option_widgets.items()}
    assert kinds == {"scheme": QComboBox, "token": QComboBox, "docstart": QCheckBox,
                     "separator": QComboBox}
    assert dialog.options() == {"scheme": "iob2", "token": "word", "docstart": True,
                                "separator": "space"}
    assert dialog.out.text().endswith(".conll")
    dialog.set_format("csv")
    assert set(dialog.option_widgets) == {"excel", "safe"}
    dialog.set_format("spacy")
    assert isinstance(dialog.option_widgets["spans_key"], QLineEdit)
    dialog.set_format("brat")
    assert dialog.option_widgets == {} and dialog.options_box.isHidden()
    assert dialog.out.text().endswith("-brat")
    names = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert {"jsonl", "doccano", "label-studio", "brat", "conll", "cluener", "csv"} <= set(names)
    dialog.reject()


def test_export_dialog_asks_before_replacing_and_keeps_the_file_on_no(qtbot, export_window,
                                                                       tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.manifest.json").write_text("mine", encoding="utf-8")  # only this
    asked: list[list[str]] = []
    answer = [False]
    monkeypatch.setattr(interaction, "confirm_replace",
                        lambda _p, paths: asked.append(paths) or answer[0])
    export_window.acts.export.trigger()
    dialog = export_window.ops.export_dialog
    dialog.set_format("doccano")
    dialog.out.setText(str(out))
    dialog.export_button.click()
    assert asked == [[str(tmp_path / "out.jsonl.manifest.json")]]
    assert not out.exists() and dialog.isVisible() and dialog.export_button.isEnabled()
    assert (tmp_path / "out.jsonl.manifest.json").read_text(encoding="utf-8") == "mine"
    answer[0] = True
    with qtbot.waitSignal(dialog.exported, timeout=30000) as done:
        dialog.export_button.click()
    assert done.args[1] == "" and out.exists() and len(asked) == 2
    manifest = json.loads((tmp_path / "out.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "doccano"


def test_export_dialog_does_not_ask_for_a_new_file(qtbot, export_window, tmp_path,
                                                   monkeypatch):
    monkeypatch.setattr(interaction, "confirm_replace",
                        lambda *_a: pytest.fail("asked about a new file"))
    _manifest, error = run_export(qtbot, export_window, "csv", tmp_path / "new.csv")
    assert error == ""


#: every format's option defaults in the dialog, written out: a changed default is noticed
DEFAULTS = {"jsonl": {}, "doccano": {"unit": "utf16", "layout": "auto"},
            "label-studio": {"unit": "codepoint"}, "brat": {}, "cluener": {},
            "conll": {"scheme": "iob2", "token": "word", "docstart": True,
                      "separator": "space"},
            "spacy": {"token": "word", "split": True, "spans_key": "sc"},
            "csv": {"excel": False, "safe": False},
            "claims": {"excel": False, "safe": False, "claim_label": "claim"},
            "relations": {"excel": False, "safe": False}}


def test_export_dialog_default_options_of_every_format_are_pinned(export_window):
    export_window.acts.export.trigger()
    dialog = export_window.ops.export_dialog
    for name, expected in DEFAULTS.items():
        dialog.set_format(name)
        assert dialog.options() == expected, name
    dialog.reject()


@pytest.mark.parametrize("fmt,unit", [("doccano", "UTF-16 code units"),
                                      ("label-studio", "code points")])
def test_export_dialog_default_unit_reaches_the_file(qtbot, export_window, tmp_path, fmt,
                                                     unit):
    manifest, error = run_export(qtbot, export_window, fmt, tmp_path / f"out-{fmt}.json")
    assert error == "" and manifest["offset_unit"] == unit


def test_snapshot_onto_a_file_the_save_dialog_agreed_to_replace(export_window, tmp_path,
                                                                monkeypatch):
    """The save dialog asks before replacing; once the user agreed, the snapshot does it
    (it used to fail with "already exists" after the dialog had asked)."""
    out = tmp_path / "share.db"
    out.write_bytes(b"last week's copy")
    warned: list[str] = []
    monkeypatch.setattr(interaction, "save_path", lambda *a: str(out))
    monkeypatch.setattr(interaction, "warn", lambda _p, _t, text: warned.append(text))
    export_window.acts.snapshot.trigger()
    assert warned == []
    with Project.open(out, readonly=True) as copy:
        assert copy.span_count() == 2


# ------------------------------------------------------------------------------ merge
@pytest.fixture
def teammate(tmp_path):
    path = tmp_path / "mate.db"
    with Project.create(path, title="Mate") as project:
        project.add_articles([
            ArticleRecord(text=ARTICLES[0][1], title="same text", language="zh", where="m:0"),
            ArticleRecord(text="美团宣布新增骑手补贴。\n", title="new one", language="zh",
                          where="m:1")], "mate")
        ids = {a.title: a.id for a in project.articles()}
        project.add_label("person", "mate")
        start = ZH_ASTRAL.index("京东")
        project.add_span(ids["same text"], start, start + 2, "company", "mate")
        project.add_span(ids["new one"], 0, 2, "company", "mate")
        project.add_span(ids["new one"], 6, 8, "person", "lee")
    return path


def test_merge_preview_then_merge(qtbot, export_window, teammate):
    win = export_window
    before = teammate.read_bytes()
    dialog = win.ops.import_teammate([str(teammate)])
    with qtbot.waitSignal(dialog.previewed, timeout=30000) as shown:
        pass
    reports, error = shown.args
    assert error == "" and len(reports) == 1
    report = reports[0]
    assert (report.articles_added, report.articles_present, report.spans_added) == (1, 1, 3)
    assert report.spans_by_annotator == {"mate": 2, "lee": 1}
    assert report.labels_created == ["person"]
    assert "1 article(s) and 3 span(s)" in dialog.heading.text()
    assert "person" in dialog.details.toPlainText()
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.merged, timeout=30000) as merged:
        dialog.merge_button.click()
    assert merged.args[1] == "" and merged.args[0][0].spans_added == 3
    project = win.ctx.project
    assert project is not None and not project.readonly
    assert len(project.articles()) == 4
    assert set(project.annotators()) == {"tester", "mate", "lee"}
    assert "person" in [label.name for label in win.ctx.labels()]
    assert win.articles.model.rowCount() == 4
    assert teammate.read_bytes() == before


def test_a_corrupt_file_is_refused_and_nothing_changes(qtbot, export_window, tmp_path):
    win = export_window
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    counts = (len(win.ctx.project.articles()), win.ctx.project.span_count())
    dialog = win.ops.import_teammate([str(bad)])
    with qtbot.waitSignal(dialog.previewed, timeout=30000) as shown:
        pass
    reports, error = shown.args
    assert reports is None and error and "\n" not in error
    assert dialog.heading.text().startswith("Refused: ")
    assert not dialog.merge_button.isEnabled()
    assert not dialog.merge()
    assert (len(win.ctx.project.articles()), win.ctx.project.span_count()) == counts
    dialog.reject()


def test_merge_preview_counts_attribute_values_and_relations(qtbot, export_window, teammate):
    with Project.open(teammate) as project:
        ids = {a.title: a.id for a in project.articles()}
        claim = project.add_span(ids["new one"], 0, 8, "claim", "mate")
        company = next(s for s in project.spans(ids["new one"]) if s.label == "company")
        project.set_attribute(claim.id, "certainty", "probable", "mate")
        project.set_attribute(company.id, "entity", "美团", "mate")
        project.add_relation(claim.id, company.id, "about", "mate")
    dialog = export_window.ops.import_teammate([str(teammate)])
    with qtbot.waitSignal(dialog.previewed, timeout=30000) as shown:
        pass
    report = shown.args[0][0]
    assert (report.attributes_added, report.relations_added) == (2, 1)
    text = dialog.details.toPlainText()
    assert "attribute values" in text and "relations" in text and "differ (ours kept)" in text
