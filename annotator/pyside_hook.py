"""PySide's import hook, answered quickly (issue 14: start-up time).

Once PySide6 is imported, every module imported after it (and each one an import statement
names for the first time since) goes through its ``__feature__`` hook, which asks whether the
module uses PySide by ``inspect.getsource(module)`` and a search for "PySide6" (PYSIDE-2029):
~0.25 ms per module, ~30 ms for the ~120 modules the window names before its first paint. The
same search is made here in the bytes of the module's ``.py`` file, read once (Python source is
in an ASCII-compatible encoding, so the ASCII bytes of "PySide6" are found where the text has
it). A module without a source file, or one that cannot be read, still gets PySide's own check.
Importing this module installs it (app.py does, before it imports the rest of the package);
without PySide loaded, or when PySide no longer has that function, it does nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType


def uses_pyside(module: ModuleType, pyside_check: Callable[[ModuleType], bool]) -> bool:
    """Whether ``module``'s source mentions PySide6, as PySide's own check answers it."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return pyside_check(module)
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return pyside_check(module)


def install() -> bool:
    """Put ``uses_pyside`` in front of PySide's check; True when it is (now) installed."""
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(check):
        return False
    if getattr(check, "__wrapped__", None) is not None:  # installed already
        return True

    def quick(module: ModuleType) -> bool:
        return uses_pyside(module, check)

    quick.__wrapped__ = check  # type: ignore[attr-defined]
    feature._mod_uses_pyside = quick  # type: ignore[attr-defined]
    return True


install()
