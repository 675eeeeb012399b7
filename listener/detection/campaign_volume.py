"""Volume of a review stream, per target and per group, for campaign detection.

:class:`StreamVolume` keeps each target's and each group's (target, rating
direction) usual rate (:class:`~listener.detection.campaign_signals.VolumeBaseline`)
and the recent item times of every target, and answers the detector's three
volume questions:

- how much a settled item weighs in the background (its share of *usual*
  volume, so that a burst cannot teach a target that its make-up is usual:
  :meth:`StreamVolume.usual_weight`);
- how much evidence a group's surge gives a campaign of each share, once the
  campaign's items are taken out (:meth:`StreamVolume.evidence`);
- how large a share of the items around each review a campaign can be, from
  the group's excess over its usual rate (:meth:`StreamVolume.local_priors`).

The other targets' volume in the same interval is the reference for all of
them (:meth:`StreamVolume.context`): the hour of the day and a holiday raise
every target's volume, a campaign only its own. Pure: times come with the
items and ``now`` is the stream time.
"""

from __future__ import annotations

import math
from collections import deque
from datetime import datetime, timedelta

import numpy as np

from listener.detection.campaign_models import CampaignConfig
from listener.detection.campaign_signals import VolumeBaseline, excess_shares, surge_evidence
from listener.detection.campaign_state import Entry, GroupWindow

__all__ = ["StreamVolume", "PI_GRID"]

#: Shares of campaign members a group's mixture is fitted over.
PI_GRID = np.array([0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97])
_CONTEXT_REFRESH = 600.0  # seconds of stream time
#: Volume surprise below this (nats) is not worth the cost of the per-share test.
_MIN_VOLUME_EVIDENCE = 0.1

GroupKey = tuple[str, str]


class StreamVolume:
    """Usual rates and recent times of a stream's targets and groups (see the module docstring)."""

    def __init__(self, config: CampaignConfig) -> None:
        self.config = config
        self._baseline = timedelta(days=config.baseline_days)
        #: Usual rate of each target and of each group.
        self.targets: dict[str, VolumeBaseline] = {}
        self.groups: dict[GroupKey, VolumeBaseline] = {}
        #: Recent item times (POSIX seconds) per target: the volume of the
        #: other targets around an item says how busy the whole stream was
        #: then (time of day, holidays). ``_contexts`` caches, per target, the
        #: other targets' sorted times for ``_CONTEXT_REFRESH``.
        self._recent: dict[str, deque[float]] = {}
        self._contexts: dict[str, tuple[float, tuple[np.ndarray, float] | None]] = {}

    def add_target(self, target: str, at: datetime) -> VolumeBaseline:
        """Count an item on ``target``; return the target's baseline."""
        volume = self.targets.get(target)
        if volume is None:
            volume = self.targets[target] = VolumeBaseline(self._baseline)
        volume.add(at)
        return volume

    def add_groups(self, entry: Entry) -> None:
        """Count an item in its groups and among its target's recent times."""
        target = entry.item.target
        self._recent.setdefault(target, deque()).append(entry.ts)
        for group in entry.groups:
            volume = self.groups.get((target, group))
            if volume is None:
                volume = self.groups[(target, group)] = VolumeBaseline(self._baseline)
            volume.add(entry.at)

    def trim(self, limit: datetime) -> None:
        """Forget recent times before ``limit`` (the widest scan window)."""
        cut = limit.timestamp()
        for recent in self._recent.values():
            while recent and recent[0] < cut:
                recent.popleft()

    def usual_weight(self, entry: Entry, now: datetime, half: timedelta) -> float:
        """Weight of a settled item in the background: its share of usual volume.

        The background should describe the target's *usual* traffic. Around
        an item whose group received ``count`` items in the day centred on
        it where its 28-day rate expects ``e``, about ``e`` of them are usual
        traffic, so each counts ``min(1, usual / count)`` with ``usual = e +
        3 sqrt(e)`` (ordinary fluctuation, up to three standard deviations,
        keeps full weight). A burst (a campaign, or a genuine complaint wave)
        thus cannot teach the target that its make-up is ordinary, and a
        second attack on the same target is judged against usual traffic too.
        The weight depends on volume only, never on suspicion, so a false
        alarm cannot feed back into the background. An item in two groups (3
        stars) takes the smaller weight. ``half`` is the half-width of the
        interval counted around the item.
        """
        if half <= timedelta(0):
            return 1.0
        weight = 1.0
        for group in entry.groups:
            volume = self.groups.get((entry.item.target, group))
            rate = volume.rate(now) if volume is not None else None
            if volume is None or rate is None:
                continue
            count = volume.count_between(entry.at - half, entry.at + half)
            expected = rate * 2.0 * half.total_seconds()
            usual = expected + 3.0 * math.sqrt(expected)
            if count > usual:
                weight = min(weight, usual / count)
        return weight

    def evidence(self, key: GroupKey, counts: list[tuple[int, int]], now: datetime,
                 start: datetime | None, extreme_rate: float | None) -> list[np.ndarray]:
        """Volume evidence per scan window, per share ``pi`` of the grid and profile (G, P).

        ``counts`` holds, per scan window, the group's items and those with a
        non-extreme rating (2-3 or 3-4 stars). A campaign of share ``pi`` in
        window ``w`` adds ``m = pi n_w`` items to ordinary traffic, all at its
        profile's extreme rating but ``1 - extreme`` of them. It explains the
        window's surge only as far as what it leaves behind looks ordinary in
        every window that holds it, in total and in the non-extreme ratings
        (a genuine surge raises those too; a campaign does not):
        ``E_w(n_w) - max over w' >= w of max(E_w'(n_w' - m), E_mid_w'(mid_w' -
        m (1 - extreme)))``. ``E`` is :func:`surge_evidence`: the other
        targets' items in the same window are the reference (the hour of the
        day and a holiday cancel out), capped at ``volume_evidence_cap``
        because genuine surges happen too: volume alone never makes a campaign.
        ``start`` is the stream's first time, ``extreme_rate`` the usual share
        of the group's items at its extreme rating (1 or 5 stars; None for
        unrated mentions).
        """
        cfg = self.config
        shape = (len(PI_GRID), len(cfg.profiles))
        out = [np.zeros(shape) for _ in counts]
        volume = self.groups.get(key)
        rate = volume.rate(now) if volume is not None else None
        if not rate or start is None:
            return out
        hours = cfg.window_hours
        spans = [min(h * 3600.0, (now - start).total_seconds()) for h in hours]
        context = self.context(key[0], now)
        seen = [0] * len(hours)
        other_rate = 0.0
        if context is not None:
            others, other_rate = context
            seen = [len(others) - int(np.searchsorted(others, now.timestamp() - span))
                    for span in spans]
        mid_rate = rate * (1.0 - extreme_rate) if extreme_rate is not None else 0.0
        cap = cfg.volume_evidence_cap
        cache: dict[tuple[int, int, bool], float] = {}

        def one(v: int, k: int, mid: bool) -> float:
            hit = cache.get((v, k, mid))
            if hit is None:
                hit = cache[(v, k, mid)] = surge_evidence(
                    k, (mid_rate if mid else rate) * spans[v],
                    seen[v] if context is not None else None,
                    other_rate * spans[v], cfg.volume_dispersion, cap)
            return hit

        def surge_of(v: int, ks: np.ndarray, mid: bool) -> np.ndarray:
            """E of window ``v`` for an array of item counts."""
            flat = np.floor(np.maximum(ks, 0.0) + 1e-9).astype(int)
            distinct, where = np.unique(flat, return_inverse=True)
            values = np.array([one(v, k, mid) for k in distinct.tolist()])
            return values[where].reshape(flat.shape)

        use_mid = mid_rate > 0 and cfg.volume_middle_ratings
        ordinary = 0.0
        for v, (n, mid) in enumerate(counts):
            ordinary = max(ordinary, one(v, n, False), one(v, mid, True) if use_mid else 0.0)
        if ordinary < _MIN_VOLUME_EVIDENCE:
            return out
        ns = np.array([n for n, _ in counts], dtype=float)
        mids_seen = np.array([mid for _, mid in counts], dtype=float)
        extremes = sorted({p.extreme for p in cfg.profiles})
        # taken[w, g]: campaign items of share pi_g in window w.
        taken = PI_GRID[None, :] * ns[:, None]
        left = np.zeros((len(counts), len(PI_GRID), len(extremes)))
        for v in range(len(counts)):
            m = np.minimum(taken, ns[v])
            left = np.maximum(left, surge_of(v, ns[v] - m, False)[:, :, None])
            if use_mid:
                for e, ext in enumerate(extremes):
                    rest = surge_of(v, mids_seen[v] - m * (1.0 - ext), True)
                    left[:, :, e] = np.maximum(left[:, :, e], rest)
        gain = ordinary - left  # (W, G, E)
        column = [extremes.index(p.extreme) for p in cfg.profiles]
        return [gain[w][:, column] for w in range(len(counts))]

    def local_priors(self, key: GroupKey, window: GroupWindow, start: int,
                     now: datetime, prior: float) -> list[float]:
        """Prior membership of each item from ``start`` on: ``prior``, capped by timing.

        A campaign adds items to its group's usual volume while it runs, so
        the share of campaign members among the items around a review cannot
        exceed the share of those items in excess of the group's usual rate
        (:func:`~listener.detection.campaign_signals.excess_shares`). An
        ordinary review posted hours before a campaign, in ordinary volume,
        therefore keeps a small prior however well the campaign fits the
        window: it needs strong evidence of its own to be flagged.
        """
        cfg = self.config
        n = window.end() - start
        volume = self.groups.get(key)
        rate = volume.rate(now) if volume is not None else None
        if rate is None or not cfg.membership_half_hours:
            return [prior] * n
        times = np.fromiter((e.ts for e in window.entries), float, len(window))
        order = None
        if len(times) > 1 and np.any(times[1:] < times[:-1]):  # a late arrival
            order = np.argsort(times, kind="stable")
            times = times[order]
        hours = tuple(h * 3600.0 for h in cfg.membership_half_hours)
        context = None
        if cfg.membership_context:
            context = self.context(key[0], now)
        shares = excess_shares(times, rate, float(times[0]), now.timestamp(), hours,
                               context=context)
        if order is not None:
            unsorted = np.empty_like(shares)
            unsorted[order] = shares
            shares = unsorted
        return np.minimum(prior, shares[start - window.base:]).tolist()

    def context(self, target: str, now: datetime) -> tuple[np.ndarray, float] | None:
        """Sorted recent item times of the other targets and their usual rate.

        Cached for ``_CONTEXT_REFRESH`` of stream time: counts over hours
        barely move in a few minutes, and rebuilding the array for every
        evaluation cost a quarter of the detector's time on dense streams.
        """
        ts = now.timestamp()
        cached = self._contexts.get(target)
        if cached is not None and ts - cached[0] < _CONTEXT_REFRESH:
            return cached[1]
        rate = 0.0
        parts = []
        for name, volume in self.targets.items():
            if name == target:
                continue
            r = volume.rate(now)
            if r is None:
                rate = 0.0
                break
            rate += r
            recent = self._recent.get(name)
            if recent:
                parts.append(np.fromiter(recent, float, len(recent)))
        context = None
        if rate > 0:
            times = np.concatenate(parts) if parts else np.zeros(0)
            times.sort()
            context = (times, rate)
        self._contexts[target] = (ts, context)
        return context
