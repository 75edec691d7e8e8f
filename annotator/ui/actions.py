"""Every QAction of the workbench and its hotkeys, named in one place.

The keys the window keeps are this module's to answer (:func:`key_use`): the reserved keys of
``core/keys.py`` (which the command line checks scheme files against) and every shortcut in
``SPECS``; a test checks each plain-key shortcut here is among the reserved keys. A label or
choice value whose hotkey is one of them gets no action (:func:`scheme_key_problems` names it).

``Actions`` only creates them; the main window puts them in menus and connects ``triggered`` to
controllers. Label actions come from the project's scheme and are rebuilt when it changes
(:func:`build_label_actions`): each label gets two, its hotkey (snapped selection) and Alt+hotkey
(exact characters).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap, QUndoStack

from annotator.core.keys import reserved_use
from annotator.core.model import Label
from annotator.core.scheme import Scheme

KS = QKeySequence.StandardKey
translate = QCoreApplication.translate


class Spec(NamedTuple):
    """An action's menu text, keys, tip and whether it is checkable (a NamedTuple: no methods
    compiled at start, as a frozen dataclass's are; issue 14)."""

    text: str
    keys: tuple[str | QKeySequence.StandardKey, ...] = ()
    tip: str = ""
    checkable: bool = False


SPECS: dict[str, Spec] = {
    # File
    "new_project": Spec(str(QT_TRANSLATE_NOOP("Actions", "&New Project…")), (KS.New,), str(QT_TRANSLATE_NOOP("Actions", "Create an empty project file"))),
    "open_project": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Open Project…")), (KS.Open,), str(QT_TRANSLATE_NOOP("Actions", "Open a project file"))),
    "import_files": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Import Files…")), ("Ctrl+I",), str(QT_TRANSLATE_NOOP("Actions", "Import articles from files or folders"))),
    "export": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Export…")), ("Ctrl+E",), str(QT_TRANSLATE_NOOP("Actions", "Export articles and spans in a dataset format (native JSONL, doccano, Label Studio, brat, CoNLL, spaCy, CLUENER, CSV)"))),
    "import_teammate": Spec(str(QT_TRANSLATE_NOOP("Actions", "Import &Teammate's Work…")), (), str(QT_TRANSLATE_NOOP("Actions", "Merge teammates' project files into this one, after a preview"))),
    "assign_work": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Assign Work…")), (), str(QT_TRANSLATE_NOOP("Actions", "Split the articles between annotators: one project file per person"))),
    "snapshot": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Snapshot for Sharing…")), (), str(QT_TRANSLATE_NOOP("Actions", "Write a consistent copy to send to others"))),
    "quit": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Quit")), (KS.Quit,), str(QT_TRANSLATE_NOOP("Actions", "Close the window (everything is already saved)"))),
    # Edit
    "delete_span": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Delete Span")), ("Delete",), str(QT_TRANSLATE_NOOP("Actions", "Delete the selected span"))),
    "edit_note": Spec(str(QT_TRANSLATE_NOOP("Actions", "Edit &Note…")), ("N",), str(QT_TRANSLATE_NOOP("Actions", "Edit the note of the selected span"))),
    "add_relation": Spec(str(QT_TRANSLATE_NOOP("Actions", "Add &Relation…")), ("R",), str(QT_TRANSLATE_NOOP("Actions", "From the selected span: pick the target (click, or Tab and Enter), then the type"))),
    "clear_selection": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Clear Selection")), (), str(QT_TRANSLATE_NOOP("Actions", "Clear the text and span selection (Esc)"))),
    "find": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Find in Article…")), (KS.Find,), str(QT_TRANSLATE_NOOP("Actions", "Search the article in the focused pane"))),
    "project_search": Spec(str(QT_TRANSLATE_NOOP("Actions", "Search &Project…")), ("Ctrl+Shift+F",), str(QT_TRANSLATE_NOOP("Actions", "Search every article"))),
    "label_scheme": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Label Scheme…")), (), str(QT_TRANSLATE_NOOP("Actions", "Labels, their attributes and hotkeys, relation types and article attributes"))),
    "terms": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Terms…")), (), str(QT_TRANSLATE_NOOP("Actions", "Words snapping keeps whole (names)"))),
    "keep_word": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Keep as One Word")), (), str(QT_TRANSLATE_NOOP("Actions", "Add the selection to the terms"))),
    "add_alias": Spec(str(QT_TRANSLATE_NOOP("Actions", "Add Selection as &Alias…")), (), str(QT_TRANSLATE_NOOP("Actions", "The selection (or span) becomes another name of a company in the registry"))),
    # Span boundaries: a word with snapping on (else a character), each one undo step
    "span_end_right": Spec(str(QT_TRANSLATE_NOOP("Actions", "Move &End Right")), ("Shift+Alt+Right",), str(QT_TRANSLATE_NOOP("Actions", "Move the span's end right"))),
    "span_end_left": Spec(str(QT_TRANSLATE_NOOP("Actions", "Move E&nd Left")), ("Shift+Alt+Left",), str(QT_TRANSLATE_NOOP("Actions", "Move the span's end left"))),
    "span_start_left": Spec(str(QT_TRANSLATE_NOOP("Actions", "Move &Start Left")), ("Ctrl+Alt+Left",), str(QT_TRANSLATE_NOOP("Actions", "Move the span's start left"))),
    "span_start_right": Spec(str(QT_TRANSLATE_NOOP("Actions", "Move S&tart Right")), ("Ctrl+Alt+Right",), str(QT_TRANSLATE_NOOP("Actions", "Move the span's start right"))),
    "edit_attributes": Spec(str(QT_TRANSLATE_NOOP("Actions", "Edit &Attributes")), ("Ctrl+Shift+I",), str(QT_TRANSLATE_NOOP("Actions", "Move the keyboard to the selected span's attributes in the inspector (Tab: next, Enter: confirm)"))),
    "change_annotator": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Change Annotator…")), (), str(QT_TRANSLATE_NOOP("Actions", "Change the name recorded on new spans"))),
    # Article
    "next_article": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Next Article")), ("Alt+Down",), str(QT_TRANSLATE_NOOP("Actions", "Open the next article of the list"))),
    "previous_article": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Previous Article")), ("Alt+Up",), str(QT_TRANSLATE_NOOP("Actions", "Open the previous article"))),
    "mark_done": Spec(str(QT_TRANSLATE_NOOP("Actions", "Mark &Done")), ("Ctrl+Return", "Ctrl+Enter"), str(QT_TRANSLATE_NOOP("Actions", "Mark the article done (again: back to in progress)"))),
    "open_right": Spec(str(QT_TRANSLATE_NOOP("Actions", "Open in &Right Pane")), (), str(QT_TRANSLATE_NOOP("Actions", "Show this article in the right pane"))),
    # Article > Suggest (issue 12): A/X/Enter outside review mode, on the article views only
    "suggest_figures": Spec(str(QT_TRANSLATE_NOOP("Actions", "Suggest &Figures")), (), str(QT_TRANSLATE_NOOP("Actions", "Suggest every figure of the article (one undo step)"))),
    "suggest_companies": Spec(str(QT_TRANSLATE_NOOP("Actions", "Suggest &Companies")), (), str(QT_TRANSLATE_NOOP("Actions", "Suggest every name of the company registry in the article (one undo step)"))),
    "suggest_repeats": Spec(str(QT_TRANSLATE_NOOP("Actions", "Suggest &Repeats")), (), str(QT_TRANSLATE_NOOP("Actions", "Suggest every other occurrence of a text you labeled (one undo step)"))),
    "suggest_all": Spec(str(QT_TRANSLATE_NOOP("Actions", "Suggest &All")), (), str(QT_TRANSLATE_NOOP("Actions", "Suggest figures, companies and repeats in the article (one undo step)"))),
    "suggest_on_open": Spec(str(QT_TRANSLATE_NOOP("Actions", "Suggest on &Opening an Article")), (), str(QT_TRANSLATE_NOOP("Actions", "Suggest all kinds once when an article opens (never in review mode or a read-only project)")), True),
    "accept_suggestion": Spec(str(QT_TRANSLATE_NOOP("Actions", "Acc&ept Suggestion")), ("A", "Return", "Enter"), str(QT_TRANSLATE_NOOP("Actions", "Make the suggestion under the cursor your own span"))),
    "reject_suggestion": Spec(str(QT_TRANSLATE_NOOP("Actions", "Re&ject Suggestion")), ("X",), str(QT_TRANSLATE_NOOP("Actions", "Remove the suggestion under the cursor; it is never suggested again"))),
    "accept_label_suggestions": Spec(str(QT_TRANSLATE_NOOP("Actions", "Accept All of &This Label")), ("Shift+A",), str(QT_TRANSLATE_NOOP("Actions", "Accept every suggestion of this suggestion's label in the article"))),
    # View
    "toggle_right": Spec(str(QT_TRANSLATE_NOOP("Actions", "Show &Right Pane")), ("Ctrl+\\",), str(QT_TRANSLATE_NOOP("Actions", "Two articles side by side")), True),
    "sync_scroll": Spec(str(QT_TRANSLATE_NOOP("Actions", "S&ynchronized Scrolling")), (), str(QT_TRANSLATE_NOOP("Actions", "Scroll both panes together")), True),
    "show_relations": Spec(str(QT_TRANSLATE_NOOP("Actions", "Show Re&lations")), (), str(QT_TRANSLATE_NOOP("Actions", "Draw relations as arcs between their spans")), True),
    "snapping": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Snap to Words")), (), str(QT_TRANSLATE_NOOP("Actions", "Snap selections to whole words (hold Alt for exact characters)")), True),
    "show_inspector": Spec(str(QT_TRANSLATE_NOOP("Actions", "Show &Inspector")), (), str(QT_TRANSLATE_NOOP("Actions", "The selected span's label, note, attributes and relations")), True),
    "font_bigger": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Bigger Text")), ("Ctrl+=", "Ctrl++"), str(QT_TRANSLATE_NOOP("Actions", "Larger article text"))),
    "font_smaller": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Smaller Text")), ("Ctrl+-",), str(QT_TRANSLATE_NOOP("Actions", "Smaller article text"))),
    "font_reset": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Default Text Size")), ("Ctrl+0",), str(QT_TRANSLATE_NOOP("Actions", "Default article text size"))),
    # Review (the decision keys work only in review mode: label hotkeys there make gold spans)
    "review": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Review Disagreements")), ("Ctrl+Shift+R",), str(QT_TRANSLATE_NOOP("Actions", "Two layers of one article side by side, disagreements marked")), True),
    "dashboard": Spec(str(QT_TRANSLATE_NOOP("Actions", "Agreement &Dashboard…")), ("Ctrl+Shift+D",), str(QT_TRANSLATE_NOOP("Actions", "F1 per label, kappa per pair, progress per annotator"))),
    "review_next": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Next Disagreement")), ("F8",), str(QT_TRANSLATE_NOOP("Actions", "Reveal the next disagreement"))),
    "review_previous": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Previous Disagreement")), ("Shift+F8",), str(QT_TRANSLATE_NOOP("Actions", "Reveal the previous disagreement"))),
    "accept_left": Spec(str(QT_TRANSLATE_NOOP("Actions", "Accept &Left")), ("A",), str(QT_TRANSLATE_NOOP("Actions", "Gold spans from the left pane's side"))),
    "accept_right": Spec(str(QT_TRANSLATE_NOOP("Actions", "Accept &Right")), ("D",), str(QT_TRANSLATE_NOOP("Actions", "Gold spans from the right pane's side"))),
    "accept_both": Spec(str(QT_TRANSLATE_NOOP("Actions", "Accept &Both")), ("B",), str(QT_TRANSLATE_NOOP("Actions", "Gold spans from both sides"))),
    "reject": Spec(str(QT_TRANSLATE_NOOP("Actions", "Re&ject")), ("R",), str(QT_TRANSLATE_NOOP("Actions", "Neither side: no gold span (nor value or relation)"))),
    "edit_gold": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Edit…")), ("E",), str(QT_TRANSLATE_NOOP("Actions", "A gold span over the selection with a label you choose (or select and press a label key); on a value or relation row, the gold value or relation type"))),
    "accept_agreeing": Spec(str(QT_TRANSLATE_NOOP("Actions", "Accept All &Agreeing")), ("G",), str(QT_TRANSLATE_NOOP("Actions", "Gold spans for every span both sides agree on in this article"))),
    # Help
    "shortcuts": Spec(str(QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts…")), ("F1",), str(QT_TRANSLATE_NOOP("Actions", "Every key of the window"))),
    "about": Spec(str(QT_TRANSLATE_NOOP("Actions", "&About Annotator…")), (), str(QT_TRANSLATE_NOOP("Actions", "Versions and the project file"))),
}

#: Actions enabled only outside review mode: their keys mean something else there (R: Reject).
OUTSIDE_REVIEW = ("add_relation",)

#: Suggestion actions, in menu order (Article > Suggest).
SUGGEST = ("suggest_figures", "suggest_companies", "suggest_repeats", "suggest_all")
#: The keys on a suggestion: only while an article view has the focus (Enter confirms
#: elsewhere) and never in review mode (A is Accept Left there).
SUGGESTION_KEYS = ("accept_suggestion", "reject_suggestion", "accept_label_suggestions")

#: The span boundary actions, in menu order.
BOUNDARY = ("span_start_left", "span_start_right", "span_end_left", "span_end_right")

#: Actions enabled only while review mode is on.
REVIEW_ONLY = ("review_next", "review_previous", "accept_left", "accept_right", "accept_both",
               "reject", "edit_gold", "accept_agreeing")


class Actions(QObject):
    """Holds every action as an attribute named like its key in ``SPECS``."""

    def __init__(self, parent: QObject, undo_stack: QUndoStack) -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        for name, spec in SPECS.items():
            spec = _translated(spec)
            action = QAction(spec.text, parent)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
            action.setToolTip(_tip(spec))
            action.setStatusTip(spec.tip)
            action.setCheckable(spec.checkable)
            self._actions[name] = action
        self.undo = undo_stack.createUndoAction(parent, translate("Actions", "Undo"))
        self.undo.setObjectName("undo")
        self.undo.setShortcuts([QKeySequence(KS.Undo)])
        self.redo = undo_stack.createRedoAction(parent, translate("Actions", "Redo"))
        self.redo.setObjectName("redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # The stack renames these on every edit ("Undo label claim"), and a toolbar button
        # showing them re-lays out the toolbar and the whole window on every label key. The
        # toolbar gets steady twins that follow only their enabled state (the Edit menu still
        # names the step).
        self.undo_tool = _steady_twin(self.undo, translate("Actions", "Undo"),
                                      translate("Actions", "Undo the last edit (Ctrl+Z)"), parent)
        self.redo_tool = _steady_twin(self.redo, translate("Actions", "Redo"),
                                      translate("Actions", "Redo (Ctrl+Shift+Z)"), parent)

    def __getattr__(self, name: str) -> QAction:
        actions = self.__dict__.get("_actions", {})
        if name in actions:
            return actions[name]
        raise AttributeError(name)

    def all(self) -> list[QAction]:
        return [*self._actions.values(), self.undo, self.redo]


def _translated(spec: Spec) -> Spec:
    """The spec with its text and tip in the interface's language."""
    return Spec(translate("Actions", spec.text), spec.keys, translate("Actions", spec.tip) if spec.tip else "",
                spec.checkable)


def plain(text: str) -> str:
    """A menu text as a person reads it: no mnemonic (``&Export…``, or ``导出(&E)…`` as
    translations write it), no trailing ellipsis."""
    text = re.sub(r"\(&[^&\s]\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _tip(spec: Spec) -> str:
    text = plain(spec.text)
    keys = [QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in spec.keys]
    return f"{text} ({keys[0]})" if keys and keys[0] else text


def swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def _sequences(key: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    return (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)])


def plain_keys() -> dict[str, str]:
    """Shortcut (portable text) -> action name, for every shortcut of ``SPECS`` that is one
    key without a modifier (R, N, Delete, F1...). Standard keys are left out: some platforms
    add dedicated keys to them (the New, Open or Find key of a multimedia keyboard)."""
    out: dict[str, str] = {}
    for name, spec in SPECS.items():
        for key in spec.keys:
            if isinstance(key, QKeySequence.StandardKey):
                continue
            seq = QKeySequence(key)
            first = seq[0]  # type: ignore[index]
            if seq.count() == 1 and first.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
                out[seq.toString(QKeySequence.SequenceFormat.PortableText)] = name
    return out


def key_use(key: str) -> str | None:
    """What the window uses ``key`` for (a reserved key's use, or the action it triggers), or
    None when a label or a value may have it."""
    use = reserved_use(key)
    if use or not key.strip():
        return use
    spec = _shortcuts().get(QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText))
    return plain(translate("Actions", spec.text)) if spec is not None else None


@cache
def _shortcuts() -> dict[str, Spec]:
    """Every shortcut of ``SPECS`` (portable text, the platform's standard keys included) ->
    its action's spec; built once."""
    out: dict[str, Spec] = {}
    for spec in SPECS.values():
        for k in spec.keys:
            for seq in _sequences(k):
                out.setdefault(seq.toString(QKeySequence.SequenceFormat.PortableText), spec)
    return out


def label_key_use(label: Label) -> str | None:
    """Why ``label``'s hotkey (or Alt+hotkey, its exact twin) cannot be bound, or None."""
    if not label.hotkey:
        return None
    return key_use(label.hotkey) or key_use(f"Alt+{label.hotkey}")


def scheme_key_problems(scheme: Scheme) -> list[str]:
    """One sentence per label or choice value whose hotkey the window keeps (a file written
    before the key was reserved, or by hand): those keys are not bound."""
    out = []
    for label in scheme.labels:
        use = label_key_use(label)
        if use:
            out.append(translate("Actions", "Label “{0}” gets no hotkey: {1} is the window's "
                                 "key ({2})").format(label.name, label.hotkey, use))
        for attr in scheme.attributes_of(label.name):
            for value, key in attr.hotkeys:
                use = key_use(key)
                if use:
                    out.append(translate("Actions", "Value “{0}” of {1} gets no hotkey: {2} is "
                                         "the window's key ({3})").format(
                        value, f"{label.name}.{attr.name}", key, use))
    return out


def build_label_actions(parent: QObject, labels: list[Label]) -> list[tuple[Label, QAction, bool]]:
    """(label, action, exact) for each label with a hotkey the window does not keep for itself
    (see :func:`label_key_use`): the key, and Alt+key for exact."""
    out: list[tuple[Label, QAction, bool]] = []
    for label in labels:
        if not label.hotkey or label_key_use(label):
            continue
        for exact in (False, True):
            key = f"Alt+{label.hotkey}" if exact else label.hotkey
            text = (translate("Actions", "Label %1 (exact)") if exact
                    else translate("Actions", "Label %1"))
            action = QAction(text.replace("%1", label.name), parent)
            action.setObjectName(f"label:{label.name}" + (":exact" if exact else ""))
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setIcon(swatch(label.color))
            out.append((label, action, exact))
    return out


def _steady_twin(action: QAction, text: str, tip: str, parent: QObject) -> QAction:
    """A toolbar action that triggers ``action`` and mirrors its enabled state, with a fixed
    text (no shortcut of its own: ``action`` keeps those)."""
    twin = QAction(text, parent)
    twin.setObjectName(f"{action.objectName()}Tool")
    twin.setToolTip(tip)
    twin.setEnabled(action.isEnabled())
    twin.triggered.connect(action.trigger)
    action.enabledChanged.connect(twin.setEnabled)
    return twin
