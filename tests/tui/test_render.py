"""Small pure helpers of the TUI's renderers."""

from __future__ import annotations

import pytest

from tui.render import short_tests


@pytest.mark.parametrize(("stored", "shown"), [
    ("count", "count"),
    ("count+count_1h", "count 15m/1h"),
    ("count_4h", "count 4h"),
    ("buildup", "buildup"),
    ("buildup+count_1h", "count 1h+buildup"),
    ("count+count_1h+count_4h+share", "count 15m/1h/4h+share"),
    (None, ""),
])
def test_spike_tests_are_shown_compactly(stored: str | None, shown: str) -> None:
    """The alert queue's test column names the count test's time scales once."""
    assert short_tests(stored) == shown
