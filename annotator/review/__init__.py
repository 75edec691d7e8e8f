"""Team review (no Qt): merging teammates' files, agreement metrics, adjudication.

The GUI and the CLI call these; see each module's doc for the rules.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.review.adjudicate import (
        KINDS,
        Disagreement,
        accept_all_agreeing,
        accept_both,
        accept_left,
        accept_right,
        agreeing,
        disagreements,
        edit,
        reject,
        restore_gold,
        unreject,
    )
    from annotator.review.agreement import (
        AgreementReport,
        Doc,
        OverallResult,
        PairResult,
        agreement,
    )
    from annotator.review.errors import ReviewError, UntrustedFile
    from annotator.review.layers import GOLD, layer_names, layer_spans, load_docs, provenance
    from annotator.review.merge import MergeReport, merge, merge_all, preview

#: Where each name lives: a name is imported when first used, so the window's start-up (which
#: needs only the review mode's layers) does not load merging and teammate files (issue 14).
_HOME = {
    **dict.fromkeys(("KINDS", "Disagreement", "accept_all_agreeing", "accept_both",
                     "accept_left", "accept_right", "agreeing", "disagreements", "edit",
                     "reject", "restore_gold", "unreject"), "adjudicate"),
    **dict.fromkeys(("AgreementReport", "Doc", "OverallResult", "PairResult", "agreement"),
                    "agreement"),
    **dict.fromkeys(("ReviewError", "UntrustedFile"), "errors"),
    **dict.fromkeys(("GOLD", "layer_names", "layer_spans", "load_docs", "provenance"),
                    "layers"),
    **dict.fromkeys(("MergeReport", "merge", "merge_all", "preview"), "merge"),
}


#: Functions named like their module (``agreement``, ``merge``): the package's name is the
#: function, as when everything was imported here at once, even after the module is imported.
_SHADOWED = frozenset(name for name, home in _HOME.items() if name == home)


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # importing annotator.review.merge sets the package's "merge" to that module: keep the
        # function (the module stays in sys.modules, where `from ... import` finds it)
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'annotator.review' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"annotator.review.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "GOLD", "KINDS", "AgreementReport", "Disagreement", "Doc", "MergeReport", "OverallResult",
    "PairResult", "ReviewError", "UntrustedFile", "accept_all_agreeing", "accept_both",
    "accept_left", "accept_right", "agreeing", "agreement", "disagreements", "edit",
    "layer_names", "layer_spans", "load_docs", "merge", "merge_all", "preview", "provenance",
    "reject", "restore_gold", "unreject",
]
