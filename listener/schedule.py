"""When to poll a source next: intervals, jitter, Cache-Control and backoff (pure)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

__all__ = ["next_poll_after_success", "next_poll_after_failure", "MAX_BACKOFF", "MAX_CACHE_WAIT"]

#: Longest wait after repeated failures.
MAX_BACKOFF = 6 * 3600.0
#: Longest wait a server's ``Cache-Control: max-age`` can impose.
MAX_CACHE_WAIT = 24 * 3600.0


def next_poll_after_success(now: datetime, interval: float, *, jitter: float = 0.1,
                            max_age: float | None = None,
                            rng: random.Random | None = None) -> datetime:
    """Next poll after a successful fetch: the interval ± jitter, never before max-age."""
    rng = rng or random
    delay = interval * (1 + rng.uniform(-jitter, jitter))
    if max_age is not None:
        delay = max(delay, min(max_age, MAX_CACHE_WAIT))
    return now + timedelta(seconds=delay)


def next_poll_after_failure(now: datetime, interval: float, failures: int, *,
                            retry_after: float | None = None,
                            rng: random.Random | None = None) -> datetime:
    """Next poll after the ``failures``-th consecutive failure.

    Exponential backoff from a base of min(interval, 60 s), doubled per failure,
    capped at :data:`MAX_BACKOFF` and at least the interval after a few failures,
    with "equal jitter" (half fixed, half random) so many failing sources do not
    retry in lockstep. ``Retry-After`` is a floor.
    """
    rng = rng or random
    base = min(interval, 60.0)
    ceiling = min(base * 2 ** max(0, failures - 1), MAX_BACKOFF)
    delay = ceiling / 2 + rng.uniform(0, ceiling / 2)
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_BACKOFF))
    return now + timedelta(seconds=delay)
