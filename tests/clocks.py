"""Clocks that tests move by hand."""

from __future__ import annotations

__all__ = ["ManualMonotonic"]


class ManualMonotonic:
    """A monotonic clock that moves only when a test sets or advances ``t``
    (the demo server's simulated time follows it)."""

    def __init__(self, t: float = 0.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t
