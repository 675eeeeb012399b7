"""Each signal of the campaign detector, on its own."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from listener.detection.campaign_background import Background, account_key
from listener.detection.campaign_signals import (
    AuthorHistory,
    DisjointSets,
    VolumeBaseline,
    direction_of,
    excess_shares,
    poisson_log10_sf,
    surge_evidence,
)
from listener.detection.campaign_text import NearDuplicateIndex, normalise_text, shingles
from listener.detection.spike_stats import nb_sf

T0 = datetime(2026, 3, 1, tzinfo=UTC)
BASE = "The delivery never arrived and customer service refused to refund my order"


def test_normalise_text_strips_case_accents_and_punctuation() -> None:
    """Normalisation makes 'Très DÉÇU !!' and 'tres decu' identical."""
    assert normalise_text("Très   DÉÇU !!") == normalise_text("tres decu") == "tres decu"


def test_shingles_are_character_ngrams() -> None:
    """A text yields its overlapping 5-grams; a short one yields itself."""
    assert shingles("abcdef") == {b"abcde", b"bcdef"}
    assert shingles("abc") == {b"abc"}
    assert shingles("") == set()


def test_near_duplicate_survives_typos_and_word_swaps() -> None:
    """An edited copy (typos, a swapped word) is found; an unrelated text is not."""
    index = NearDuplicateIndex()
    assert index.add("a", BASE, T0) == []
    edited = "The delivery never arived and customer support refused to refund my order!!"
    found = index.add("b", edited, T0 + timedelta(minutes=5))
    assert [key for key, _ in found] == ["a"]
    assert found[0][1] >= 0.45
    other = "Lovely terrace, friendly staff and the best croissants in town, we will be back"
    assert index.add("c", other, T0 + timedelta(minutes=6)) == []


def test_near_duplicate_sees_through_doubled_letters() -> None:
    """A copy full of doubled keys ("cammera", "myy") is found once repeats are collapsed."""
    base = "The camera upload broke twice this week. They stole my money."
    copy = "Thee cammera uploadd brooke twicee this weeek. Theyy stolle myy moneey."
    for collapse, found in ((False, []), (True, ["a"])):
        index = NearDuplicateIndex(collapse_repeats=collapse)
        index.add("a", base, T0)
        assert [key for key, _ in index.add("b", copy, T0 + timedelta(minutes=1))] == found
    index = NearDuplicateIndex(collapse_repeats=True)
    index.add("a", base, T0)
    other = "Lovely terrace, friendly staff and the best croissants in town, we will be back"
    assert index.add("c", other, T0 + timedelta(minutes=2)) == []


def test_near_duplicate_ignores_short_texts_and_forgets_old_ones() -> None:
    """Texts under min_chars are not indexed; texts older than the window are dropped."""
    index = NearDuplicateIndex(window=timedelta(days=1))
    assert index.add("s1", "Great app!", T0) == []
    assert index.add("s2", "Great app!", T0) == []
    assert len(index) == 0
    index.add("a", BASE, T0)
    assert index.add("b", BASE, T0 + timedelta(days=2)) == []
    assert len(index) == 1


def test_direction_groups_ratings() -> None:
    """1-2 are negative, 4-5 positive, 3 in no group, None unrated."""
    assert [direction_of(r) for r in (1, 2, 3, 4, 5, None)] == [
        "negative", "negative", None, "positive", "positive", "unrated"]


def test_author_history_extreme_and_co_occurrence() -> None:
    """Two accounts that reviewed two other targets on the same days co-occur twice."""
    a = AuthorHistory(first_seen=T0)
    b = AuthorHistory(first_seen=T0)
    for target, day in (("x", 1), ("y", 5), ("victim", 9)):
        a.record(target, T0 + timedelta(days=day), 5)
        b.record(target, T0 + timedelta(days=day, hours=3), 5)
    a.record("z", T0 + timedelta(days=2), 3)
    b.record("z", T0 + timedelta(days=20), 4)
    shared, expected = a.co_occurrence(b, "victim", timedelta(hours=24), timedelta(days=30))
    assert shared == 2  # x and y; z too far apart; victim excluded
    assert 0 < expected < 0.5
    assert a.history_extreme() is False
    assert b.history_extreme() is False
    c = AuthorHistory(first_seen=T0)
    assert c.history_extreme() is None
    c.record("x", T0, 1)
    assert c.history_extreme() is True


def test_poisson_tail() -> None:
    """log10 P(X >= k) matches closed forms."""
    assert poisson_log10_sf(0, 3.0) == 0.0
    assert poisson_log10_sf(1, 1.0) == pytest.approx(math.log10(1 - math.exp(-1)), abs=1e-9)
    assert poisson_log10_sf(20, 2.0) < -10


def test_surge_evidence_is_a_calibrated_capped_bayes_factor() -> None:
    """``-ln p - ln(-ln p) - 1`` nats for a tail probability p < 1/e, 0 above, at most the cap."""
    assert surge_evidence(3, 3.0, None, 0.0, 0.1, 3.0) == 0.0  # the usual count
    assert surge_evidence(0, 3.0, None, 0.0, 0.1, 3.0) == 0.0
    p = nb_sf(8, 3.0, 0.1)
    s = -math.log(p)
    assert 0.0 < surge_evidence(8, 3.0, None, 0.0, 0.1, 30.0) == pytest.approx(s - math.log(s) - 1)
    assert surge_evidence(40, 3.0, None, 0.0, 0.1, 3.0) == 3.0  # capped
    # Over-dispersion makes the same count less surprising.
    assert surge_evidence(8, 3.0, None, 0.0, 0.5, 30.0) < surge_evidence(8, 3.0, None, 0.0, 0.1, 30.0)


def test_surge_evidence_cancels_what_raises_every_target() -> None:
    """Against the other targets' volume, a holiday (all four times busier) is no surge."""
    usual, others_usual = 4.0, 120.0
    holiday = surge_evidence(16, usual, 480, others_usual, 0.1, 3.0)
    alone = surge_evidence(16, usual, 120, others_usual, 0.1, 3.0)
    assert holiday == 0.0
    assert alone == 3.0


def test_volume_burst_needs_a_day_of_history() -> None:
    """The expected count is unknown for a young target, then follows the earlier rate."""
    volume = VolumeBaseline(timedelta(days=28))
    for hour in range(0, 48, 2):
        volume.add(T0 + timedelta(hours=hour))
    count, expected = volume.burst(T0 + timedelta(hours=47), timedelta(hours=6))
    assert count == 3
    assert expected == pytest.approx(0.5 * 6, rel=0.2)
    young = VolumeBaseline(timedelta(days=28))
    young.add(T0)
    assert young.burst(T0, timedelta(hours=6)) == (1, None)


def test_volume_counts_around_a_time_include_late_arrivals_and_forget_old_ones() -> None:
    """count_between sees items whatever their arrival order, within the baseline span."""
    volume = VolumeBaseline(timedelta(days=2))
    for hour in range(0, 72):
        volume.add(T0 + timedelta(hours=hour))
    volume.add(T0 + timedelta(hours=60, minutes=30))  # a late arrival
    assert volume.count_between(T0 + timedelta(hours=60), T0 + timedelta(hours=61)) == 3
    # Older than two days before the newest item (71 h): forgotten.
    assert volume.count_between(T0, T0 + timedelta(hours=22)) == 0
    assert volume.count_between(T0 + timedelta(hours=23), T0 + timedelta(hours=71)) == 50
    big = VolumeBaseline(timedelta(hours=1))  # compaction of the sorted list
    for k in range(5000):
        big.add(T0 + timedelta(seconds=10 * k))
    end = T0 + timedelta(seconds=10 * 4999)
    assert big.count_between(end - timedelta(hours=1), end) == 361


def test_background_learns_joint_account_rates_with_shrinkage() -> None:
    """Counted features move the target's rate away from the default, other targets less so."""
    bg = Background(target_weight=10, global_weight=10)
    new = account_key("new", False, False, None)
    before = bg.rate("t", "account", new)
    for i in range(200):
        bg.add("t", {"account": new, "duplicate": False}, T0 + timedelta(minutes=i))
    assert bg.rate("t", "account", new) > 0.9 > before
    assert before < bg.rate("other", "account", new) < bg.rate("t", "account", new)
    assert bg.rate("t", "duplicate", True) < 0.01


def test_disjoint_sets_count_clusters() -> None:
    """Union-find merges linked keys."""
    sets = DisjointSets()
    sets.union("a", "b")
    sets.union("c", "d")
    sets.union("b", "d")
    sets.find("e")
    assert len({sets.find(k) for k in "abcde"}) == 2


def test_excess_shares_follow_the_burst_not_the_window() -> None:
    """Items in ordinary volume get no excess share; items of a burst get most of it."""
    rate = 1 / 3600  # usual volume: one item an hour
    quiet = [T0 + timedelta(hours=h) for h in range(24)]
    burst = [T0 + timedelta(hours=40, minutes=2.5 * k) for k in range(24)]
    times = np.array([t.timestamp() for t in quiet + burst])
    shares = excess_shares(times, rate, T0.timestamp(), (T0 + timedelta(hours=42)).timestamp(),
                           (3 * 3600.0, 12 * 3600.0))
    assert max(shares[:20]) < 0.3  # ordinary hours, far from the burst
    # 24 items in an hour; around them 5 h of stream (the future is unseen): 5 expected
    assert min(shares[24:]) > 0.75
    volume = VolumeBaseline(timedelta(days=28))
    assert volume.rate(T0) is None
    for t in quiet:
        volume.add(t)
    assert volume.rate(T0 + timedelta(hours=23)) is None  # less than a day of data
    assert volume.rate(T0 + timedelta(hours=48)) == pytest.approx(24 / (48 * 3600))


def test_excess_shares_discount_a_peak_seen_on_every_target() -> None:
    """Twice the usual volume everywhere (a holiday) is no excess; on one target it is."""
    hour = 3600.0
    start = T0.timestamp()
    times = np.array([start + k * hour / 2 for k in range(48)])  # 2 an hour, usual 1
    now = float(times[-1])
    alone = excess_shares(times, 1 / hour, start, now, (3 * hour,))
    others_busy = (np.array([start + k * hour / 6 for k in range(144)]), 3 / hour)  # 6 vs 3
    others_usual = (np.array([start + k * hour / 3 for k in range(72)]), 3 / hour)
    busy = excess_shares(times, 1 / hour, start, now, (3 * hour,), context=others_busy)
    usual = excess_shares(times, 1 / hour, start, now, (3 * hour,), context=others_usual)
    assert np.median(alone) == pytest.approx(0.5, abs=0.05)
    assert np.median(usual) == pytest.approx(0.5, abs=0.05)
    # 36 items on the others in 6 h vs 18 usual, shrunk by 10 pseudo-items: x1.64
    assert np.median(busy) < 0.25
