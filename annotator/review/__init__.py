"""Team review (no Qt): merging teammates' files, agreement metrics, adjudication.

The GUI and the CLI call these; see each module's doc for the rules.
"""

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
from annotator.review.agreement import AgreementReport, Doc, OverallResult, PairResult, agreement
from annotator.review.errors import ReviewError, UntrustedFile
from annotator.review.layers import GOLD, layer_names, layer_spans, load_docs, provenance
from annotator.review.merge import MergeReport, merge, merge_all, preview

__all__ = [
    "GOLD", "KINDS", "AgreementReport", "Disagreement", "Doc", "MergeReport", "OverallResult",
    "PairResult", "ReviewError", "UntrustedFile", "accept_all_agreeing", "accept_both",
    "accept_left", "accept_right", "agreeing", "agreement", "disagreements", "edit",
    "layer_names", "layer_spans", "load_docs", "merge", "merge_all", "preview", "provenance",
    "reject", "restore_gold", "unreject",
]
