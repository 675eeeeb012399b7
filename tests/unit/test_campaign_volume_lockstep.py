"""The campaign detector's stream volume and lockstep tracker, on their own."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from listener.detection.campaign_lockstep import LockstepTracker, is_lockstep
from listener.detection.campaign_models import CampaignConfig, ItemSuspicion, ReviewItem
from listener.detection.campaign_signals import AuthorHistory, groups_of
from listener.detection.campaign_state import Entry, GroupWindow
from listener.detection.campaign_volume import StreamVolume

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _entry(n: int, at: datetime, *, author: str = "", target: str = "acme",
           rating: int | None = 1) -> Entry:
    item = ReviewItem(f"i{n}", target, author or f"a{n}", "", at, rating=rating)
    direction = "negative" if rating is not None and rating <= 3 else (
        "unrated" if rating is None else "positive")
    features: dict[str, object] = {"state": "thin", "duplicate": False, "lockstep": False,
                                   "velocity": False, "history_extreme": None,
                                   "rating": rating}
    return Entry(item, at, author or f"a{n}", direction, groups_of(rating), features,
                 ItemSuspicion(item.id, target), ts=at.timestamp())


def _ordinary_week(volume: StreamVolume) -> int:
    """Four negative reviews a day on acme for a week (one every 6 h)."""
    n = 0
    for hour in range(0, 7 * 24, 6):
        entry = _entry(n, T0 + timedelta(hours=hour))
        volume.add_target("acme", entry.at)
        volume.add_groups(entry)
        n += 1
    return n


def test_an_item_in_ordinary_volume_weighs_fully_in_the_background() -> None:
    """Usual traffic, within three standard deviations of its rate, counts as one item."""
    volume = StreamVolume(CampaignConfig())
    _ordinary_week(volume)
    now = T0 + timedelta(days=7)
    item = _entry(999, T0 + timedelta(days=5, hours=1))
    assert volume.usual_weight(item, now, timedelta(hours=12)) == 1.0


def test_an_item_in_a_burst_weighs_its_share_of_usual_volume() -> None:
    """Forty reviews in 80 minutes where four a day are usual: each counts (e + 3 sqrt(e)) / count."""
    volume = StreamVolume(CampaignConfig())
    n = _ordinary_week(volume)
    burst_at = T0 + timedelta(days=7, hours=3)
    for k in range(40):
        entry = _entry(n + k, burst_at + timedelta(minutes=2 * k))
        volume.add_target("acme", entry.at)
        volume.add_groups(entry)
    now = burst_at + timedelta(hours=13)
    half = timedelta(hours=12)
    item = _entry(0, burst_at + timedelta(minutes=30))
    rate = volume.groups[("acme", "negative")].rate(now)
    assert rate is not None
    expected = rate * 2 * half.total_seconds()
    count = volume.groups[("acme", "negative")].count_between(item.at - half, item.at + half)
    assert count >= 40
    weight = volume.usual_weight(item, now, half)
    assert weight == pytest.approx((expected + 3 * math.sqrt(expected)) / count)
    assert weight < 0.5


def test_the_context_is_the_other_targets_and_is_forgotten_past_the_window() -> None:
    """A target's context holds the other targets' recent times, not its own."""
    volume = StreamVolume(CampaignConfig())
    n = _ordinary_week(volume)
    for hour in range(0, 7 * 24, 3):
        entry = _entry(n, T0 + timedelta(hours=hour), target="other")
        volume.add_target("other", entry.at)
        volume.add_groups(entry)
        n += 1
    now = T0 + timedelta(days=7)
    context = volume.context("acme", now)
    assert context is not None
    times, rate = context
    assert len(times) == 56 and rate == pytest.approx(8 / 86400, rel=0.05)
    volume.trim(now - timedelta(hours=72))
    later = volume.context("other", now + timedelta(hours=1))  # acme's times, trimmed
    assert later is not None and len(later[0]) == 12


def _history(targets_and_times: list[tuple[str, datetime]]) -> AuthorHistory:
    history = AuthorHistory(first_seen=targets_and_times[0][1])
    for target, at in targets_and_times:
        history.record(target, at, 1)
    return history


def test_two_accounts_that_keep_meeting_elsewhere_are_in_lockstep() -> None:
    """Five accounts that reviewed the same four other targets within hours of each
    other, over a month, are in lockstep; an account that never met them is not."""
    cfg = CampaignConfig()
    groups: dict[tuple[str, str], GroupWindow] = {}
    authors: dict[str, AuthorHistory] = {}
    refreshed: list[Entry] = []
    tracker = LockstepTracker(cfg, authors, groups, refreshed.append,
                              timedelta(hours=max(cfg.window_hours)))
    job = T0 + timedelta(days=30)
    crew_jobs = [(f"shop{k}", T0 + timedelta(days=6 * k + 2)) for k in range(4)]
    window = groups[("acme", "negative")] = GroupWindow("negative", len(cfg.window_hours))
    entries = []
    for i in range(5):
        name = f"crew{i}"
        authors[name] = _history([(t, at + timedelta(minutes=20 * i)) for t, at in crew_jobs])
        entry = _entry(i, job + timedelta(minutes=30 * i), author=name)
        tracker.compare(entry, authors[name], job - T0)
        authors[name].record("acme", entry.at, 1)
        window.append(entry)
        entries.append(entry)
    assert entries[-1].features["lockstep"] is True
    assert is_lockstep(entries[0])  # turned on by the later partners
    assert entries[0] in refreshed

    loner = "loner"
    authors[loner] = _history([(f"shop{k}", T0 + timedelta(days=6 * k + 5))
                               for k in range(4)])
    entry = _entry(9, job + timedelta(hours=2), author=loner)
    tracker.compare(entry, authors[loner], job - T0)
    assert entry.features["lockstep"] is False and entry.lock_seen == 0


def test_the_tracker_forgets_accounts_once_their_items_left_every_window() -> None:
    """Re-comparisons look back one widest scan window, no further."""
    cfg = CampaignConfig()
    tracker = LockstepTracker(cfg, {}, {}, lambda entry: None,
                              timedelta(hours=max(cfg.window_hours)))
    tracker.remember(_entry(1, T0, author="a"))
    tracker.remember(_entry(2, T0 + timedelta(hours=60), author="b"))
    tracker.prune(T0 + timedelta(hours=73))
    assert set(tracker._recent) == {"b"}
