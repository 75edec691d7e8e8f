"""One call run on a thread of its own while the caller goes on (no Qt): for work that spends
its time inside SQLite, which lets the GIL go, beside work of the caller's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Beside(Generic[T]):
    """``call(*args, **kwargs)`` started now on a thread named ``name``; ``wait()`` returns
    what it returned or raises what it raised, in the waiting thread."""

    def __init__(self, name: str, call: Callable[..., T], *args: Any, **kwargs: Any) -> None:
        self._result: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(call, args, kwargs), name=name)
        self._thread.start()

    def _run(self, call: Callable[..., T], args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> None:
        try:
            self._result = call(*args, **kwargs)
        except BaseException as exc:  # handed to wait()
            self._error = exc

    def running(self) -> bool:
        return self._thread.is_alive()

    def join(self) -> None:
        """Wait for the end, whatever it was (its error is not raised)."""
        self._thread.join()

    def wait(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]  # set when no error was raised
