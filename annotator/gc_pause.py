"""The cyclic garbage collector held off while the window starts (issue 14: start-up time).

Importing the window's modules and building it allocate some hundred thousand objects that live
as long as the process (classes, functions, enums, widgets' wrappers, the reopened article's
spans); the collections they trigger on the way find nothing to free and cost ~20 ms of the
first paint. :func:`paused` holds collections off around such work; reference counting still
frees everything as usual, and collections resume as soon as the block ends. Importing this
module does nothing: ``app.py`` wraps its imports and ``build_window`` in :func:`paused`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """No automatic collection inside the block; afterwards it is as it was (nested blocks,
    and code that had turned the collector off itself, are left alone). ``freeze``: what
    exists at the end of the block (modules' objects, for the process's life) is moved out
    of the collector's reach (``gc.freeze``), else the first collection after the block
    walks all of it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_on:
            gc.enable()
