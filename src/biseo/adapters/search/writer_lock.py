"""Waiting for another process's index writer: try, and while it is busy, try again until a deadline."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from biseo.domain.errors import IndexBusy

T = TypeVar("T")
_PAUSE_SECONDS = 0.2


def when_free(attempt: Callable[[], T], busy: Callable[[Exception], bool], seconds: float, what: str) -> T:
    """``attempt()`` once the other writer lets go; ``IndexBusy`` if it still holds on after ``seconds``.
    Errors that ``busy`` does not recognise pass through at once."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return attempt()
        except Exception as exc:
            if not busy(exc):
                raise
            if time.monotonic() >= deadline:
                raise IndexBusy(f"{what} is locked by another writer: {exc}") from exc
        time.sleep(_PAUSE_SECONDS)
