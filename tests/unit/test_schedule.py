"""Poll scheduling: jitter, Cache-Control floor, exponential backoff, Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from listener.schedule import MAX_BACKOFF, next_poll_after_failure, next_poll_after_success

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _wait(when: datetime) -> float:
    return (when - NOW).total_seconds()


def test_success_interval_is_jittered_within_bounds() -> None:
    """Intervals vary by at most ±jitter, and do vary."""
    rng = random.Random(1)
    waits = {_wait(next_poll_after_success(NOW, 900, jitter=0.1, rng=rng)) for _ in range(50)}
    assert all(810 <= w <= 990 for w in waits)
    assert len(waits) > 10


def test_max_age_is_a_floor() -> None:
    """A server asking for max-age longer than the interval is obeyed."""
    assert _wait(next_poll_after_success(NOW, 60, jitter=0, max_age=600)) == 600
    assert _wait(next_poll_after_success(NOW, 900, jitter=0, max_age=60)) == 900


def test_backoff_grows_and_is_capped() -> None:
    """Each failure roughly doubles the wait, up to the cap."""
    rng = random.Random(2)
    waits = [_wait(next_poll_after_failure(NOW, 900, n, rng=rng)) for n in range(1, 16)]
    assert 30 <= waits[0] <= 60
    assert waits[4] > waits[0] * 4
    assert max(waits) <= MAX_BACKOFF


def test_retry_after_is_honoured() -> None:
    """Retry-After longer than the backoff wins."""
    assert _wait(next_poll_after_failure(NOW, 900, 1, retry_after=3600)) >= 3600
