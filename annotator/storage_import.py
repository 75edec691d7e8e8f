"""sqlite-utils imported without numpy and pandas (no Qt, no other module of ours): what
``annotator.store`` does first, and what the benchmarks' floors do to stand for "the storage
library imported"."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def import_sqlite_utils() -> ModuleType:
    """Import sqlite-utils without letting it pull in numpy and pandas.

    sqlite-utils imports both at import time when they are installed (to map their types), which
    costs ~0.3 s of start-up and ~22 MB in the window; we never store numpy or pandas values.
    The block is lifted right after, so anything else may import them normally.
    """
    loaded = sys.modules.get("sqlite_utils")
    if loaded is not None:
        return loaded
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        return importlib.import_module("sqlite_utils")
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
