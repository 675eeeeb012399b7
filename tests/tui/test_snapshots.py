"""Snapshot tests of each main screen, with fixed data and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.storefix import NOW, build
from tui.app import VigieApp


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., VigieApp]:
    """An app on the fixed store (no poll timer: only the first poll runs)."""
    path = build(tmp_path / "snap.db")

    def factory(**kwargs: Any) -> VigieApp:
        return VigieApp(path, user="ana", clock=lambda: NOW, poll_interval=None, **kwargs)

    return factory


def settled(*keys: str) -> Callable[[Pilot[None]], Any]:
    """A ``run_before`` that waits for the first poll, then presses ``keys``."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)  # the detail pane follows the cursor after 80 ms

    return run_before


def test_needs_reply_80x24(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """The first screen in a small terminal: queue bar, list, footer (hostile rows literal)."""
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settled())


def test_needs_reply_with_detail(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """Wide terminal: trends and the detail of the markup-laden mention."""
    assert snap_compare(make_app(), terminal_size=(150, 40),
                        run_before=settled("down", "down", "down", "down", "down", "down"))


def test_spike_detail(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """Spikes queue: the alert's explanation, chart, evidence and members."""
    assert snap_compare(make_app(), terminal_size=(150, 40), run_before=settled("2"))


def test_campaign_detail(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """Campaigns queue: reasons, evidence and scored members."""
    assert snap_compare(make_app(), terminal_size=(150, 40), run_before=settled("3"))


def test_all_mentions_light_theme(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """All mentions in the light theme."""
    assert snap_compare(make_app(theme="textual-light"), terminal_size=(120, 30),
                        run_before=settled("4"))


def test_detail_screen_narrow(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """Enter in a narrow terminal opens the full-screen detail."""
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settled("down", "enter"))


def test_help_screen(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """The ? help lists every key."""
    assert snap_compare(make_app(), terminal_size=(100, 40), run_before=settled("question_mark"))


def test_trends_screen(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """Per-brand trends over 24 h and 7 d."""
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=settled("g"))


def test_spike_detail_in_french(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """French: queue bar, list headers, the spike's explanation (rendered from its stored
    message, numbers with decimal commas), its figures and the footer's keys."""
    assert snap_compare(make_app(lang="fr"), terminal_size=(150, 40), run_before=settled("2"))


def test_campaign_detail_in_french(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """French: the campaign's reasons, evidence figures and members."""
    assert snap_compare(make_app(lang="fr"), terminal_size=(150, 40), run_before=settled("3"))


def test_help_screen_in_french(snap_compare: Any, make_app: Callable[..., VigieApp]) -> None:
    """French: the ? help."""
    assert snap_compare(make_app(lang="fr"), terminal_size=(100, 40),
                        run_before=settled("question_mark"))
