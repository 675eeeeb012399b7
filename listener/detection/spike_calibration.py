"""Calibrating a test statistic on the brand's own history (peaks over threshold).

Social-media counts burst far more often than any count model predicts: on
NAB's Twitter series, bins that a fitted negative binomial calls a one in a
million event occur a few times a day. A fixed p-value threshold would alert
daily. The decision is instead taken on a *calibrated* rate: how often does
this brand produce an episode whose statistic is at least this large?

:class:`TailCalibrator` applies the peaks-over-threshold method of extreme
value theory to *declustered* history, the textbook treatment of dependent
extremes (one burst spans several bins but is one event):

1. consecutive bins whose statistic exceeds ``base`` form a cluster, closed
   after ``gap`` bins at or below ``base``; only each cluster's maximum is kept
   (for the last ``capacity`` bins);
2. above ``u``, the ``1 - tail_fraction`` quantile of those maxima, the
   excesses follow a generalised Pareto distribution (shape ``xi`` in
   ``[0, XI_MAX]``, scale ``sigma``, fitted by probability-weighted moments);
3. the rate, per bin, of episodes reaching ``s`` is then
   ``(clusters above u / bins observed) * (1 + xi (s - u) / sigma) ** (-1 / xi)``
   (``exp(-(s - u) / sigma)`` at ``xi = 0``), which extrapolates beyond the
   largest episode seen, so that "once in ten weeks" can be estimated from
   four weeks of history;
4. within the episodes seen, the fitted tail may not claim a rate below the
   one observed: the rate is at least ``(episodes reaching s) / bins
   observed`` (stop 27). On NAB's Twitter series the build-up test's
   statistic has a tail heavier than the fit (its alert level was crossed
   2.2 times as often as promised), and the fit alone let ordinary episodes
   of the brand's own history pass for rare ones.

The fit is refreshed once per ``refresh`` bins and never includes the
episode being tested. Until ``min_points`` bins have been seen the rate is
reported as 1.0: no alert without history. A history of ``quiet_points``
bins or more (a week, in the detector) with fewer than ``min_clusters`` episodes has no excess of surprises
to correct for, and the rate is reported as 0.0 (the detector then relies on
the model's own p-value).
"""

from __future__ import annotations

import bisect
import math
from collections import deque

__all__ = ["TailCalibrator"]

#: Largest tail shape allowed: the PWM estimator needs a finite mean (xi < 1).
XI_MAX = 0.9


class TailCalibrator:
    """Streaming, declustered exponential-tail calibration of one statistic."""

    def __init__(self, capacity: int, refresh: int, *, base: float = 0.0, gap: int = 1,
                 tail_fraction: float = 0.2, min_clusters: int = 10,
                 min_points: int = 200, min_scale: float = 0.25,
                 quiet_points: int = 0) -> None:
        self.capacity = capacity
        self.refresh = max(1, refresh)
        self.base = base
        self.gap = max(1, gap)
        self.tail_fraction = tail_fraction
        self.min_clusters = max(1, int(min_clusters))
        self.min_points = min_points
        self.min_scale = min_scale
        self.quiet_points = quiet_points
        self._maxima: deque[tuple[int, float]] = deque()
        self._t = 0
        self._cluster_max: float | None = None
        self._below = 0
        self._since_fit = 0
        self.threshold: float | None = None
        self.scale = min_scale
        self.shape = 0.0
        self.rate = 1.0
        self._seen: list[float] = []  # episode maxima at the last fit, ascending
        self._seen_bins = 1

    @property
    def ready(self) -> bool:
        """True once enough history has been seen to estimate a tail."""
        return self.threshold is not None

    @property
    def clusters(self) -> int:
        """Episodes currently in the history."""
        return len(self._maxima)

    def tail(self, value: float) -> float:
        """Estimated rate per bin of episodes whose statistic reaches ``value`` (capped at 1).

        Returns 1.0 before ``min_points`` bins. With ``quiet_points`` bins but fewer than
        ``min_clusters`` episodes the history shows no excess of surprises, and
        0.0 is returned: the test is then taken at its model's word.
        """
        if value <= self.base:
            return 1.0
        if self.threshold is None:
            return 0.0 if self._quiet_history() else 1.0
        if value <= self.threshold:
            return min(1.0, self.rate / self.tail_fraction)
        excess = value - self.threshold
        if self.shape < 1e-6:
            fitted = self.rate * math.exp(-excess / self.scale)
        else:
            fitted = self.rate * (1.0 + self.shape * excess / self.scale) ** (-1.0 / self.shape)
        # The fitted tail extrapolates beyond the episodes seen; within them it
        # may not claim rarer than they were (a tail heavier than the fit).
        seen = len(self._seen) - bisect.bisect_left(self._seen, value)
        return max(fitted, seen / self._seen_bins)

    def _quiet_history(self) -> bool:
        return min(self._t, self.capacity) >= max(self.min_points, self.quiet_points) and (
            len(self._maxima) + (self._cluster_max is not None) < self.min_clusters)

    def add(self, value: float) -> None:
        """Record one bin's statistic (after it has been tested)."""
        self._t += 1
        if value > self.base:
            self._below = 0
            self._cluster_max = value if self._cluster_max is None else max(
                self._cluster_max, value)
        elif self._cluster_max is not None:
            self._below += 1
            if self._below >= self.gap:
                self._maxima.append((self._t, self._cluster_max))
                self._cluster_max = None
        while self._maxima and self._maxima[0][0] <= self._t - self.capacity:
            self._maxima.popleft()
        self._since_fit += 1
        if self._since_fit >= self.refresh:
            self._fit()

    def _fit(self) -> None:
        self._since_fit = 0
        n_bins = min(self._t, self.capacity)
        if n_bins < self.min_points or len(self._maxima) < self.min_clusters:
            return
        maxima = sorted((m for _, m in self._maxima), reverse=True)
        k = max(self.min_clusters, math.ceil(self.tail_fraction * len(maxima)))
        k = min(k, len(maxima) - 1) if len(maxima) > 1 else 1
        u = maxima[k] if k < len(maxima) else self.base
        top = maxima[:k]
        self.threshold = u
        self.rate = k / n_bins
        self._seen = sorted(maxima)
        self._seen_bins = n_bins
        self.shape, self.scale = _gpd_pwm(sorted(m - u for m in top))
        self.scale = max(self.min_scale, self.scale)


def _gpd_pwm(excesses: list[float]) -> tuple[float, float]:
    """Generalised Pareto ``(shape xi, scale sigma)`` by probability-weighted moments.

    Hosking & Wallis (1987): with ``a0`` the mean and ``a1 = mean((1 - p_i) x_(i))``
    over ascending order statistics (``p_i = (i - 0.35) / n``),
    ``xi = 2 - a0 / (a0 - 2 a1)`` and ``sigma = 2 a0 a1 / (a0 - 2 a1)``. The shape is
    kept in ``[0, XI_MAX]``: a bounded tail (``xi < 0``) would promise that no burst
    can ever exceed the largest seen, and the estimator relies on a finite mean
    (``xi < 1``).
    """
    n = len(excesses)
    a0 = sum(excesses) / n
    if n < 3 or a0 <= 0.0:
        return 0.0, a0
    a1 = sum((1.0 - (i + 1 - 0.35) / n) * x for i, x in enumerate(excesses)) / n
    denom = a0 - 2.0 * a1
    if denom <= 0.0:
        return XI_MAX, a0 * (1.0 - XI_MAX)
    xi = min(XI_MAX, max(0.0, 2.0 - a0 / denom))
    # Refit the scale for the clipped shape so that the mean excess is preserved.
    return xi, a0 * (1.0 - xi)
