"""The expected count of a bin, learned from the brand's own history.

Model: ``expected = level x shape(hour)`` with a negative-binomial spread
``variance = expected + phi x expected^2``.

- ``level`` is the recent deseasonalised count per bin, an exponentially
  weighted mean (half-life ``level_half_life_hours``);
- ``shape(hour)`` is the hour's usual ratio to the level: the median over the
  last ``season_days`` days of that hour of the day, shrunk towards the median
  over the last ``season_weeks`` weeks of that hour of the week as weekly
  history accumulates (empirical-Bayes weight ``n / (n + noise / prior)``,
  from the first week on: quickly for busy brands, slowly for sparse ones
  whose hourly ratios are mostly noise); an hour of the week not seen yet
  takes the median of that hour on the same kind of day (weekday or weekend);
- ``phi`` is the over-dispersion, estimated by moments from recent residuals
  (``E[(x - mu)^2 - mu] = phi mu^2``) with a prior worth one day of bins.

Every count is winsorised to ``expected +/- winsor_sd`` standard deviations
before it updates the level and the dispersion, so a spike (or an outage)
moves them by a few standard deviations at most. The hourly ratios are
learned from the counts as they are, because a weekly pattern must be
learnable from one week (a brand's first Monday peak is not an outlier to
clip); a past spike is kept from lasting by the medians over days and weeks
(fully once a slot has three weeks of history; before that, one spike raises
its own hour of the next week by up to the empirical-Bayes weight). Hourly
ratios carry a pseudo-count of one mention, which keeps very sparse series
(mostly zero bins) near a flat profile instead of chasing noise.
"""

from __future__ import annotations

import math
from collections import deque

from listener.detection.spike_settings import SpikeSettings

__all__ = ["SeasonalBaseline", "hour_slots"]

_PSEUDO_COUNT = 1.0
_MIN_EXPECTED = 1e-3
_PHI_RANGE = (0.01, 4.0)
#: Prior variance of a week slot's genuine departure from its hour of the day,
#: on the ratio scale (1.0: departures of about +/-100 % are ordinary).
WEEKLY_PRIOR_VAR = 1.0
#: First hour of the week (UTC) that belongs to the weekend: Saturday 00h.
_WEEKEND_START = 5 * 24


def hour_slots(epoch_seconds: float) -> tuple[int, int, int]:
    """Return ``(hour index since epoch, hour of day, hour of week)``, Monday 00h = 0 (UTC)."""
    hour_index = int(epoch_seconds // 3600)
    day = hour_index // 24
    hour_of_day = hour_index % 24
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday
    return hour_index, hour_of_day, weekday * 24 + hour_of_day


def _median(values: deque[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2.0


def _decay(half_life_bins: float) -> float:
    return 1.0 - 0.5 ** (1.0 / max(half_life_bins, 1.0))


class SeasonalBaseline:
    """Streaming estimate of a bin's expected count and its over-dispersion.

    Call :meth:`expected` for a bin, then :meth:`update` with its observed
    count; never the other way round (the test must not see its own bin).
    """

    def __init__(self, settings: SpikeSettings) -> None:
        self.settings = settings
        bins_per_hour = settings.bins_per_hour
        self._a_level = _decay(settings.level_half_life_hours * bins_per_hour)
        self._a_disp = _decay(settings.dispersion_half_life_hours * bins_per_hour)
        self._prior_bins = 24 * bins_per_hour
        self.level: float | None = None
        self.bins_seen = 0
        self._disp_num = 0.0
        self._disp_den = 0.0
        self._day: list[deque[float]] = [deque(maxlen=settings.season_days) for _ in range(24)]
        self._daytype: list[list[deque[float]]] = [
            [deque(maxlen=settings.season_days) for _ in range(24)] for _ in range(2)]
        self._week: list[deque[float]] = [
            deque(maxlen=settings.season_weeks) for _ in range(168)
        ]
        self._hour_index: int | None = None
        self._hour_slots = (0, 0)
        self._hour_sum_x = 0.0
        self._hour_sum_level = 0.0
        self._shape_cache: dict[int, float] = {}
        self._norm = 1.0

    # -- reading -------------------------------------------------------
    @property
    def ready(self) -> bool:
        """True once at least one bin has been seen."""
        return self.level is not None

    @property
    def dispersion(self) -> float:
        """Current over-dispersion ``phi`` (variance = mu + phi mu^2)."""
        if self._disp_den <= 0.0:
            return self.settings.prior_dispersion
        lo, hi = _PHI_RANGE
        return min(hi, max(lo, self._disp_num / self._disp_den))

    def shape(self, epoch_seconds: float) -> float:
        """Usual ratio of this hour's count to the level (1.0 without history)."""
        _, hod, how = hour_slots(epoch_seconds)
        cached = self._shape_cache.get(how)
        if cached is not None:
            return cached
        day = self._day[hod]
        week = self._week[how]
        daily = _median(day) if day else 1.0
        if week:
            # Empirical-Bayes shrinkage of the hour-of-week median towards the
            # hour-of-day one: n weekly observations, each with relative noise
            # variance 1 / (hourly count + 1) + phi, against a prior spread
            # WEEKLY_PRIOR_VAR of genuine week-specific departures. From the
            # first week on: a busy brand's Monday peak, seen once, is already
            # mostly expected the next Monday (the weight says how much).
            hourly = (self.level or 0.0) * daily / self._norm * self.settings.bins_per_hour
            noise = 1.0 / (hourly + 1.0) + self.dispersion
            n = len(week)
            w = n / (n + noise / WEEKLY_PRIOR_VAR)
            value = w * _median(week) + (1.0 - w) * daily
        else:
            # An hour of the week never seen yet (a new brand's first week) is
            # expected like the same hour of the same kind of day: a first
            # Monday morning like Friday's, not like the weekend just seen.
            same = self._daytype[how >= _WEEKEND_START][hod]
            value = _median(same) if same else daily
        value /= self._norm
        self._shape_cache[how] = value
        return value

    def weeks_seen(self, epoch_seconds: float) -> int:
        """How many past weeks of this hour of the week the profile holds (0: a guess)."""
        return len(self._week[hour_slots(epoch_seconds)[2]])

    def expected(self, epoch_seconds: float) -> tuple[float, float]:
        """Return ``(mu, phi)`` for the bin starting at ``epoch_seconds``."""
        if self.level is None:
            return _MIN_EXPECTED, self.settings.prior_dispersion
        mu = max(_MIN_EXPECTED, self.level * self.shape(epoch_seconds))
        return mu, self.dispersion

    # -- learning ------------------------------------------------------
    def update(self, epoch_seconds: float, count: float, mu: float, phi: float) -> float:
        """Learn from one observed bin; return the winsorised count that was used."""
        s = self.settings
        self._roll_hour(epoch_seconds)
        if self.level is None:
            self.level = float(count) + 0.1
            self.bins_seen = 1
            self._hour_sum_x += count
            self._hour_sum_level += self.level
            mu0 = max(self.level, 1.0)
            self._disp_num = s.prior_dispersion * mu0 * mu0
            self._disp_den = mu0 * mu0
            return float(count)
        sd = math.sqrt(mu + phi * mu * mu)
        clipped = min(max(float(count), mu - s.winsor_sd * sd, 0.0), mu + s.winsor_sd * sd)
        shape = self.shape(epoch_seconds)
        self.bins_seen += 1
        a = max(self._a_level, 1.0 / (self.bins_seen + 1))
        self.level += a * (clipped / max(shape, 1e-3) - self.level)
        self.level = max(self.level, 0.0)
        # Dispersion: weighted moments with a one-day prior.
        a_d = max(self._a_disp, 1.0 / (self.bins_seen + self._prior_bins))
        resid2 = (clipped - mu) ** 2 - mu
        self._disp_num += a_d * (resid2 - self._disp_num)
        self._disp_den += a_d * (mu * mu - self._disp_den)
        self._hour_sum_x += count
        self._hour_sum_level += self.level
        return clipped

    def _roll_hour(self, epoch_seconds: float) -> None:
        hour_index, hod, how = hour_slots(epoch_seconds)
        if hour_index == self._hour_index:
            return
        if self._hour_index is not None and self._hour_sum_level > 0.0:
            ratio = (self._hour_sum_x + _PSEUDO_COUNT) / (self._hour_sum_level + _PSEUDO_COUNT)
            prev_hod, prev_how = self._hour_slots
            self._day[prev_hod].append(ratio * self._norm)
            self._daytype[prev_how >= _WEEKEND_START][prev_hod].append(ratio * self._norm)
            self._week[prev_how].append(ratio * self._norm)
            self._renormalise()
        self._hour_index = hour_index
        self._hour_slots = (hod, how)
        self._hour_sum_x = 0.0
        self._hour_sum_level = 0.0
        self._shape_cache.clear()

    def _renormalise(self) -> None:
        """Keep the daily profile's mean at 1 once most hours are known."""
        medians = [_median(d) for d in self._day if d]
        if len(medians) >= 20:
            self._norm = max(sum(medians) / len(medians), 1e-3)
