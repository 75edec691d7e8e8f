"""The cyclic garbage collector held off while the window starts (issue 14: start-up time).

Importing the window's modules and building it allocate some hundred thousand objects that live
as long as the process or the article (classes, functions, enums, widgets' wrappers, the
reopened article's spans); the collections they trigger on the way find nothing to free and
cost ~20 ms before the first paint. Reference counting still frees everything as usual while
the collector is held off.

- :func:`paused`: a block without collections (``app.py``'s imports, then frozen: they live
  as long as the process).
- :func:`hold` / :func:`release`: ``build_window`` holds collections off until the window has
  painted once (``release`` then), so the first collection, which walks everything the build
  made, runs after the user sees the window.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_held = False  # hold() turned the collector off and release() has not turned it on yet


@contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """No automatic collection inside the block; afterwards it is as it was (nested blocks,
    and code that had turned the collector off itself, are left alone). ``freeze``: what
    exists at the end of the block is moved out of the collector's reach (``gc.freeze``),
    else the first collection after the block walks all of it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_on:
            gc.enable()


def hold() -> None:
    """Turn automatic collection off until :func:`release` (if it is on)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Turn collection back on after :func:`hold` (again: nothing)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def held() -> bool:
    return _held
