"""Small pure helpers for campaign detection: author history, bursts, grouping.

Kept apart from the detector so that each signal can be tested on its own.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from listener.detection.spike_stats import betabinom_sf, nb_sf

__all__ = [
    "account_name",
    "direction_of",
    "groups_of",
    "AuthorHistory",
    "VolumeBaseline",
    "poisson_log10_sf",
    "DisjointSets",
    "excess_shares",
    "surge_evidence",
]


#: Names that platforms show for reviewers who are not identified, so that one
#: name stands for thousands of different people (Amazon's "Amazon Customer",
#: Google's "A Google user", Reddit's "[deleted]", an anonymous form's
#: "Anonyme"). Casefolded.
PLACEHOLDER_AUTHORS = frozenset({
    "a google user", "un utilisateur de google", "google user", "amazon customer",
    "kindle customer", "client amazon", "client kindle", "anonymous", "anonyme", "anon",
    "[deleted]", "[removed]", "deleted", "unknown", "inconnu", "guest", "invité", "invite",
    "customer", "client", "cliente", "user", "utilisateur", "utilisatrice", "n/a",
})


def account_name(author: str | None) -> str | None:
    """The account an item's author names, casefolded; None when it names no one.

    A missing author and a platform's placeholder for unidentified reviewers
    (:data:`PLACEHOLDER_AUTHORS`) both give None: every such item is then an
    account of its own, never one account with the history of thousands.
    """
    if not author:
        return None
    key = " ".join(author.split()).casefold()
    return None if not key or key in PLACEHOLDER_AUTHORS else key


def direction_of(rating: int | None) -> str | None:
    """Group of a rating: ``negative`` (1-2), ``positive`` (4-5), ``unrated`` (None).

    Three-star reviews return None: they belong to no campaign group.
    """
    if rating is None:
        return "unrated"
    if rating <= 2:
        return "negative"
    if rating >= 4:
        return "positive"
    return None


def groups_of(rating: int | None) -> tuple[str, ...]:
    """The campaign groups an item belongs to.

    1-2 are ``negative``, 4-5 ``positive``, None ``unrated``; a 3-star review
    belongs to both rated groups: no campaign posts it, so it is evidence
    that a wave of ratings is spread, as genuine waves are.
    """
    if rating is None:
        return ("unrated",)
    if rating == 3:
        return ("negative", "positive")
    return ("negative",) if rating < 3 else ("positive",)


def _near(times: list[datetime], at: datetime, within: timedelta) -> bool:
    """Whether one of the sorted ``times`` is within ``within`` of ``at``."""
    i = bisect_left(times, at - within)
    return i < len(times) and times[i] <= at + within


@dataclass(slots=True)
class AuthorHistory:
    """What the stream has shown of one account so far (no look-ahead)."""

    first_seen: datetime
    count: int = 0
    rated: int = 0
    extreme: int = 0
    last_at: datetime | None = None
    by_target: dict[str, list[datetime]] = field(default_factory=dict)

    def record(self, target: str, at: datetime, rating: int | None, keep: int = 50) -> None:
        """Add one item by this account."""
        self.count += 1
        if rating is not None:
            self.rated += 1
            self.extreme += rating in (1, 5)
        self.last_at = at if self.last_at is None else max(self.last_at, at)
        times = self.by_target.setdefault(target, [])
        times.append(at)
        if len(times) > keep:
            del times[0]

    def history_extreme(self) -> bool | None:
        """True when every earlier rating of the account was 1 or 5; None without ratings."""
        if self.rated == 0:
            return None
        return self.extreme == self.rated

    def co_occurrence(self, other: AuthorHistory, exclude: str, within: timedelta,
                      span: timedelta) -> tuple[int, float]:
        """Targets (other than ``exclude``) both accounts reviewed within ``within``.

        Returns the number of such targets and the number expected by chance
        if each account's items were spread at random over ``span``.
        """
        mine, theirs = self.by_target, other.by_target
        if len(theirs) < len(mine):
            mine, theirs = theirs, mine
        window = 2 * within.total_seconds() / max(span.total_seconds(), 1.0)
        shared, expected = 0, 0.0
        for target, times in mine.items():
            if target == exclude or target not in theirs:
                continue
            others = theirs[target]
            expected += min(1.0, len(times) * len(others) * window)
            if any(_near(others, at, within) for at in times):
                shared += 1
        return shared, expected

    def meeting_change(self, other: AuthorHistory, target: str, at: datetime,
                       within: timedelta, window: float) -> tuple[bool, float]:
        """What this account's item at ``at`` on ``target`` (already recorded) changed
        in :meth:`co_occurrence` with ``other``.

        ``window`` is ``2 within / span`` as in :meth:`co_occurrence`. Returns
        whether the two now meet on ``target`` and did not before, and the
        increase of the number of meetings expected by chance there.
        """
        theirs = other.by_target.get(target)
        mine = self.by_target.get(target)
        if not theirs or not mine:
            return False, 0.0
        n, m = len(mine), len(theirs)
        delta = min(1.0, n * m * window) - min(1.0, (n - 1) * m * window)
        met = _near(theirs, at, within) and not any(
            _near(theirs, t, within) for t in mine if t != at)
        return met, delta


class VolumeBaseline:
    """Arrival times of one target (or group) over the baseline span.

    Kept as sorted POSIX seconds (late arrivals included) from index
    ``_head`` on, for burst significance, the usual rate and counts around a
    time.
    """

    def __init__(self, baseline: timedelta) -> None:
        self.baseline = baseline
        self.first_seen: datetime | None = None
        self._sorted: list[float] = []
        self._head = 0

    def add(self, at: datetime) -> None:
        """Record one arrival; forget those older than the baseline span before it."""
        if self.first_seen is None:
            self.first_seen = at
        insort(self._sorted, at.timestamp(), lo=self._head)
        cut = (at - self.baseline).timestamp()
        if self._sorted[self._head] < cut:
            self._head = bisect_left(self._sorted, cut, lo=self._head)
            if self._head > 1024 and self._head * 2 > len(self._sorted):
                del self._sorted[:self._head]
                self._head = 0

    def __len__(self) -> int:
        return len(self._sorted) - self._head

    def count_between(self, start: datetime, end: datetime) -> int:
        """Arrivals kept with ``start <= time <= end``."""
        return (bisect_right(self._sorted, end.timestamp(), self._head)
                - bisect_left(self._sorted, start.timestamp(), self._head))

    def burst(self, now: datetime, span: timedelta) -> tuple[int, float | None]:
        """Items in the last ``span`` and the number expected from the earlier rate.

        The expected count is None while less than a day of earlier data exists.
        """
        recent = len(self._sorted) - bisect_right(self._sorted, (now - span).timestamp(),
                                                  self._head)
        if self.first_seen is None:
            return recent, None
        history = (min(now - self.first_seen, self.baseline) - span).total_seconds()
        if history < 86400:
            return recent, None
        earlier = len(self) - recent
        rate = max(earlier, 0.5) / history
        return recent, rate * span.total_seconds()

    def rate(self, now: datetime) -> float | None:
        """Items per second over the baseline span (None before a day of data)."""
        if self.first_seen is None:
            return None
        span = min(now - self.first_seen, self.baseline).total_seconds()
        if span < 86400:
            return None
        return len(self) / span


def poisson_log10_sf(k: int, mu: float) -> float:
    """log10 P(X >= k) for X ~ Poisson(mu) (0 when k <= 0)."""
    if k <= 0:
        return 0.0
    if mu <= 0:
        return -300.0
    # log pmf(k) then sum the upper tail until terms vanish.
    log_pmf = -mu + k * math.log(mu) - math.lgamma(k + 1)
    total, term, i = 1.0, 1.0, k
    while term > 1e-12 and i < k + 10000:
        i += 1
        term *= mu / i
        total += term
    log_sf = log_pmf + math.log(total)
    return min(0.0, log_sf / math.log(10))


def surge_evidence(k: int, usual: float, others_seen: int | None, others_usual: float,
                   dispersion: float, cap: float) -> float:
    """Evidence (nats, in ``[0, cap]``) that ``k`` items are more than ordinary traffic.

    ``usual`` is the number the group's usual rate expects in the window. With
    a reference (``others_seen`` items of the other targets in the same window,
    ``others_usual`` expected), the test is conditional: ``k`` out of ``k +
    others_seen`` against the group's usual share ``usual / (usual +
    others_usual)``, beta-binomial with over-dispersion ``dispersion`` (the
    share's variance relative to its square), so a busy hour or a holiday that
    raises every target cancels out. Without one, ``k`` is tested against a
    negative binomial of mean ``usual``. The tail probability ``p`` gives
    ``-ln p - ln(-ln p) - 1`` nats for ``p < 1/e``: the largest Bayes factor
    against ordinary traffic that a p-value can carry (Sellke, Bayarri &
    Berger 2001, "Calibration of p values for testing precise null
    hypotheses"), and 0 otherwise.
    """
    if usual <= 0 or k <= 0:
        return 0.0
    if others_seen is not None and others_usual > 0:
        share = usual / (usual + others_usual)
        if k <= share * (k + others_seen):
            return 0.0
        concentration = max(1.0, (1.0 - share) / (share * dispersion) - 1.0)
        # Only p < 1/e carries evidence: no need to sum the tail beyond it.
        p = betabinom_sf(k, k + others_seen, share, concentration, rtol=1e-6,
                         stop_above=math.exp(-1.0))
    else:
        if k <= usual:
            return 0.0
        p = nb_sf(k, usual, dispersion)
    if p >= math.exp(-1.0):
        return 0.0
    surprise = -math.log(p) if p > 0 else 745.0
    return min(cap, surprise - math.log(surprise) - 1.0)


class DisjointSets:
    """Union-find over hashable keys (to count near-duplicate clusters)."""

    def __init__(self) -> None:
        self._parent: dict[object, object] = {}

    def find(self, key: object) -> object:
        """Representative of ``key``'s set."""
        parent = self._parent.setdefault(key, key)
        if parent != key:
            parent = self._parent[key] = self.find(parent)
        return parent

    def union(self, a: object, b: object) -> None:
        """Merge the sets of ``a`` and ``b``."""
        self._parent[self.find(a)] = self.find(b)


def excess_shares(times: np.ndarray, rate: float, start: float, now: float,
                  half_widths: tuple[float, ...],
                  context: tuple[np.ndarray, float] | None = None,
                  context_weight: float = 10.0) -> np.ndarray:
    """For each time, the share of the items around it in excess of the usual volume.

    ``times`` are the sorted times (POSIX seconds) of a group's items seen
    between ``start`` and ``now``, ``rate`` the group's usual items per
    second. For each item and each half-width ``h`` (seconds), the items in
    ``[t - h, t + h]`` (clipped to ``[start, now]``) are counted and compared
    with the number expected at the usual rate; the share ``1 - expected /
    count`` (at least 0) estimates what fraction of the items around ``t`` an
    extra, coordinated source posted. The largest share over the half-widths
    is returned per item.

    ``context`` (sorted times of the *other* targets' items and their usual
    rate) scales the expectation by how busy the rest of the stream was in
    the same interval, ``(count + w) / (expected + w)`` with ``w =
    context_weight`` pseudo-items: the hour of the day and a holiday raise
    every target's volume, a campaign only its own.
    """
    out = np.zeros(len(times))
    for h in half_widths:
        lo_t = np.maximum(times - h, start)
        hi_t = np.minimum(times + h, now)
        count = (np.searchsorted(times, times + h, side="right")
                 - np.searchsorted(times, times - h, side="left"))
        covered = np.maximum(hi_t - lo_t, 0.0)
        expected = rate * covered
        if context is not None:
            others, other_rate = context
            seen = (np.searchsorted(others, hi_t, side="right")
                    - np.searchsorted(others, lo_t, side="left"))
            usual = other_rate * covered
            expected = expected * (seen + context_weight) / (usual + context_weight)
        share = 1.0 - expected / np.maximum(count, 1)
        np.maximum(out, share, out=out)
    return out
