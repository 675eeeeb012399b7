"""Negative-spike detection: one streaming detector per brand.

The detector is pure: it sees one completed bin at a time, in time order, and
its only clock is the bins' own timestamps. The daemon and ``vigie eval
spikes`` run exactly this code.

Three tests, each with a meaning a person can check:

``count`` (and ``count_1h``)
    The negative count is improbably high for this hour of the week given the
    brand's recent level: the upper tail probability of a negative binomial
    (Poisson-gamma) whose mean is the seasonal baseline and whose
    over-dispersion is estimated from recent residuals
    (:mod:`listener.detection.spike_baseline`). No Gaussian z-score. The test
    runs at ``count_scales`` (2) time scales: the last ``spike_minutes`` (15)
    of counts, then 4x that (1 h; a third scale adds 4 h), each a test of its
    own with its own dispersion and calibration. A sudden burst shows at 15
    minutes; a surge that lasts an hour, each bin only moderately high, shows
    at the hour (slower waves are the build-up test's). Scales are set in
    time, not bins, so 5-minute evaluation bins and the daemon's 15-minute
    bins agree.
``share``
    The negative share of all mentions jumps, even if the volume does not:
    beta-binomial tail of the negative count given the total and the brand's
    usual share, over the shortest of the windows of 15 min, 1 h and 4 h
    that holds ``share_min_total`` mentions, so that small brands get a
    share test too. Skipped when a bin carries no total.
``buildup``
    A wave that grows over hours, each bin only a little above normal: a
    one-sided CUSUM of standardised residuals (clipped, so one huge bin is the
    count test's business), with its decision interval set from the wanted
    in-control run length by Siegmund's approximation. It triggers only while
    the wave is still growing (this bin's residual above the drift).

Thresholds are not knobs fitted to data. The sensitivity preset states how
many alerts per week the brand's ordinary life may cause; that budget is split
evenly between the active tests and over the bins of a week (Bonferroni), which
gives each test a per-bin level ``alpha``. Social-media counts burst far more
often than any count model predicts, so a test's model p-value is not compared
with ``alpha`` directly: it is *calibrated* on the brand's own history
(:mod:`listener.detection.spike_calibration`: declustered peaks over threshold,
generalised Pareto tail) and a test triggers when bursts at least this
surprising occur, for this brand, less often than ``alpha`` per bin -- and the
model p-value is below ``alpha`` too. A trigger also needs ``min_excess`` more
mentions than expected, so a brand that usually gets none does not alert on
its first two complaints. No test triggers during ``warmup_hours``, and the
calibration then collects another ``warmup_hours`` of history (surprises
measured against a baseline still settling are not kept), so a new brand's
first alert can come after twice the warm-up (48 h with ``balanced``).

Alert lifecycle (one incident = one alert): a trigger *opens* an incident; a
later trigger of higher severity *escalates* it; after ``quiet_hours`` of
normal bins (every test below half of its threshold on the log scale:
hysteresis) it is *resolved*; a trigger within ``cooldown_hours`` of the
resolution re-opens the same incident silently: a ``reopened`` event keeps the
stored state right, but it is not news (``AlertEvent.is_news``), nor is the
resolution that follows; an escalation event comes only if it is more severe
than before. Severity is the larger of two levels. *Rarity*: the surprise
measured in multiples of the threshold, ``minor`` (x1), ``major`` (x2),
``critical`` (x4), calibrated on the brand's own bursts (a brand used to
bursts finds the next one ordinary).
*Size*: the incident's excess negative mentions so far (observed minus
expected over its bins) in days of the brand's ordinary negative mentions
(the baseline's level when it opened): ``major`` from one day's worth,
``critical`` from a week's worth (``major_after_days``,
``critical_after_days``), and at least 2x / 5x ``min_excess`` mentions, so
that a quiet brand's handful of complaints stays minor. A rare burst and a
large one are both worth a person's attention, and a long outage that the
calibration finds ordinary bin by bin (a brand that has had outages before)
still grows in size; the size can escalate an open incident on a bin that
does not trigger by itself, as long as the incident is still going.

Integration API (for the daemon, store, TUI and webhooks)::

    from listener.detection.spikes import BinCounts, SpikeDetector, bin_counts
    from listener.detection.spike_settings import settings_from_mapping
    from listener.detection.spike_explain import MentionRecord, explain_incident

    settings = settings_from_mapping(brand_table.get("spikes", {}), path=cfg, key=...)
    detector = SpikeDetector("acme", settings)
    # On start: replay settings.replay_hours of stored history to rebuild state;
    # the events it returns are historical and can be ignored or reconciled.
    detector.replay(bin_counts(stamps_and_flags, start, end, settings.bin_seconds))
    # Then, each time a bin is complete (bin end <= now, injected clock; see
    # completed_bin_starts(detector.next_bin_start, now, settings.bin_seconds)):
    for event in detector.observe(BinCounts(start, negative=n_neg, total=n_all)):
        # event.kind in {"opened", "escalated", "resolved"}; event.incident
        # carries id, since, severity, tests, observed/expected, p-values,
        # once_in_weeks. Alarm-worthy events: event.is_alarm (opened/escalated).
        explanation = explain_incident(event.incident, window_mentions, baseline_mentions)
        store_and_notify(event, explanation)        # integrator's code

``event.to_dict()`` / ``explanation.to_dict()`` give JSON-ready dicts for the
store and webhooks. Incident ids are per detector (per brand) and restart at 1
on a fresh replay: store them with the brand and ``since`` as the natural key.
Bins must be contiguous for the seasonality to mean anything: feed zero-count
bins for quiet periods, and decide yourself what to do with periods when the
daemon was not fetching (e.g. skip them: a gap is tolerated).
``detector.next_bin_start`` says which bin is expected next
(:func:`completed_bin_starts` lists the bins that a clock reading has closed).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from listener.detection.spike_baseline import SeasonalBaseline
from listener.detection.spike_calibration import TailCalibrator
from listener.detection.spike_models import (
    SEVERITIES,
    AlertEvent,
    BinCounts,
    BinVerdict,
    Incident,
    TestResult,
)
from listener.detection.spike_settings import SpikeSettings
from listener.detection.spike_stats import (
    betabinom_sf,
    cusum_threshold,
    nb_sf,
)

__all__ = [
    "BinCounts",
    "TestResult",
    "BinVerdict",
    "Incident",
    "AlertEvent",
    "SpikeDetector",
    "SEVERITIES",
    "bin_counts",
    "completed_bin_starts",
    "floor_to_bin",
    "count_test_names",
]

#: The surprise multiple each severity level (1, 2, 3) needs.
_SEVERITY_MULTIPLES = (1.0, 2.0, 4.0)
#: Size severity: the excess in multiples of ``min_excess`` at least (major, critical).
_SIZE_MIN_EXCESS = (2.0, 5.0)
_RESOLVE_MULTIPLE = 0.5
#: The share test looks at spike_minutes, 4x and 16x it (15 min, 1 h, 4 h).
_SHARE_SCALES = 3


@dataclass(slots=True)
class _ShareState:
    negative: float = 0.0
    total: float = 0.0
    bins: int = 0


@dataclass(slots=True)
class _CusumState:
    value: float = 0.0
    since: datetime | None = None
    observed: int = 0
    expected: float = 0.0
    bins: int = 0


class _Window:
    """Running sums of counts and expectations over the last ``size`` bins."""

    __slots__ = ("bins", "size", "x", "mu")

    def __init__(self, size: int) -> None:
        self.bins: deque[tuple[int, float]] = deque()
        self.size = size
        self.x = 0
        self.mu = 0.0

    def push(self, x: int, mu: float) -> None:
        """Add the newest bin, dropping the oldest once the window is full."""
        self.bins.append((x, mu))
        self.x += x
        self.mu += mu
        if len(self.bins) > self.size:
            old_x, old_mu = self.bins.popleft()
            self.x -= old_x
            self.mu -= old_mu


class _CountScale:
    """State of the count test at one time scale: its window and latest quarter, dispersion,
    calibration."""

    __slots__ = ("name", "span", "window", "quarter", "disp", "calibrator")

    def __init__(self, name: str, span: int, calibrator: TailCalibrator) -> None:
        self.name = name
        self.span = span
        self.window = _Window(span)
        self.quarter = _Window(max(1, span // 4))
        self.disp = [0.0, 0.0]
        self.calibrator = calibrator


def _scale_bins(settings: SpikeSettings, k: int) -> int:
    """Bins in the window of time scale ``k``: ``spike_minutes`` x 4^k (at least one bin)."""
    return max(1, round(settings.spike_minutes * 4 ** k / settings.bin_minutes))


def count_test_names(settings: SpikeSettings) -> list[str]:
    """Names of the count test at each of its time scales: ``count``, ``count_1h``, ...

    The shortest scale keeps the plain name ``count``.
    """
    names = []
    for k in range(settings.count_scales):
        minutes = settings.spike_minutes * 4 ** k
        if k == 0:
            names.append("count")
        elif minutes % 60 == 0:
            names.append(f"count_{minutes / 60:g}h")
        else:
            names.append(f"count_{minutes:g}m")
    return names


@dataclass(slots=True)
class _Lifecycle:
    incident: Incident | None = None
    quiet_bins: int = 0
    next_id: int = 1
    history: list[Incident] = field(default_factory=list)


class SpikeDetector:
    """Streaming negative-spike detector for one brand.

    Feed completed bins in time order with :meth:`observe`; it returns the
    alert events (usually none). :meth:`verdict_stream` is the same loop for
    batch use, yielding each bin's :class:`BinVerdict` and events.
    """

    def __init__(self, brand: str, settings: SpikeSettings | None = None, *,
                 share_test: bool = True) -> None:
        self.brand = brand
        self.settings = settings or SpikeSettings()
        self.share_test = share_test
        s = self.settings
        self.baseline = SeasonalBaseline(s)
        n_tests = s.count_scales + (2 if share_test else 1)
        self.alpha = s.alpha / n_tests
        self._log_alpha = -math.log(self.alpha)
        bins_per_week = 168 * s.bins_per_hour
        self.cusum_h = cusum_threshold(n_tests * bins_per_week / s.false_alarms_per_week,
                                       s.cusum_drift)
        self._bin = timedelta(seconds=s.bin_seconds)
        self._warmup_bins = s.hours_to_bins(s.warmup_hours)
        self._quiet_bins = s.hours_to_bins(s.quiet_hours)
        self._cooldown = timedelta(hours=s.cooldown_hours)
        self._a_share = 1.0 - 0.5 ** (1.0 / s.hours_to_bins(s.share_half_life_hours))
        self._share = _ShareState()
        self._cusum = _CusumState()
        self._a_span_disp = 1.0 - 0.5 ** (1.0 / s.hours_to_bins(s.dispersion_half_life_hours))
        self._life = _Lifecycle()
        capacity = s.hours_to_bins(24 * s.calibration_days)
        hour = s.bins_per_hour

        def calibrator(base: float, gap: int, min_scale: float) -> TailCalibrator:
            return TailCalibrator(capacity, hour, base=base, gap=gap,
                                  tail_fraction=s.calibration_tail_fraction,
                                  min_clusters=s.calibration_min_episodes,
                                  min_points=s.hours_to_bins(s.warmup_hours),
                                  min_scale=min_scale, quiet_points=hour * 24 * 7)

        # Episodes: bins with p < 5 % under the model, merged across gaps shorter
        # than an hour (or than the scale); CUSUM excursions (from leaving zero to
        # returning to it).
        self._scales = []
        for k, name in enumerate(count_test_names(s)):
            span = _scale_bins(s, k)
            self._scales.append(
                _CountScale(name, span, calibrator(-math.log(0.05), max(hour, span), 0.5)))
        self._cal_cusum = calibrator(0.0, 1, 0.25)
        self._cal_share = calibrator(-math.log(0.05), hour, 0.5)
        # The share test's windows do not depend on count_scales: 15 min, 1 h, 4 h.
        self._share_windows = [(_Window(span), _Window(max(1, span // 4)))
                               for span in (_scale_bins(s, k) for k in range(_SHARE_SCALES))]
        self._warming = True
        self.next_bin_start: datetime | None = None

    # -- public API ----------------------------------------------------
    @property
    def open_incident(self) -> Incident | None:
        """The incident currently open, if any."""
        inc = self._life.incident
        return inc if inc is not None and inc.is_open else None

    @property
    def incidents(self) -> list[Incident]:
        """Every incident opened so far, oldest first."""
        return list(self._life.history)

    def observe(self, counts: BinCounts) -> list[AlertEvent]:
        """Process one completed bin and return the events it caused."""
        return self.step(counts)[1]

    def replay(self, bins: Iterable[BinCounts]) -> list[AlertEvent]:
        """Process many bins (e.g. stored history on start-up); return all events."""
        events: list[AlertEvent] = []
        for counts in bins:
            events.extend(self.step(counts)[1])
        return events

    def verdict_stream(self, bins: Iterable[BinCounts]) -> Iterator[tuple[BinVerdict, list[AlertEvent]]]:
        """Yield ``(verdict, events)`` for each bin, in order."""
        for counts in bins:
            yield self.step(counts)

    def step(self, counts: BinCounts) -> tuple[BinVerdict, list[AlertEvent]]:
        """Test one bin against the baseline, then learn from it."""
        start = counts.start
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        if self.next_bin_start is not None and start < self.next_bin_start:
            raise ValueError(
                f"bins must arrive in time order: got {start.isoformat()}, "
                f"expected {self.next_bin_start.isoformat()} or later"
            )
        epoch = start.timestamp()
        x = int(counts.negative)
        mu, phi = self.baseline.expected(epoch)
        warming = self.baseline.bins_seen < self._warmup_bins
        self._warming = warming
        tests = [self._count_test(scale, x, mu, phi, warming) for scale in self._scales]
        tests.append(self._cusum_test(start, x, mu, phi, warming))
        share_info: tuple[float, float] | None = None
        if self.share_test and counts.total is not None:
            result, share_info = self._share_test(x, max(int(counts.total), x), warming)
            tests.append(result)
        verdict = BinVerdict(start, x, mu, phi, tuple(tests), warming)
        self.baseline.update(epoch, x, mu, phi)
        end = start + self._bin
        self.next_bin_start = end
        events = self._lifecycle(verdict, end, share_info)
        return verdict, events

    # -- tests ---------------------------------------------------------
    def _strength(self, p_value: float) -> float:
        return -math.log(max(p_value, 1e-300)) / self._log_alpha

    def _decide(self, name: str, calibrator: TailCalibrator, statistic: float,
                model_p: float, ok: bool, *, speaks: bool = True,
                observed: int | None = None, expected: float | None = None,
                minutes: float | None = None) -> TestResult:
        """Calibrate ``statistic`` on history, decide, then add it to the history.

        A test that does not ``speak`` (its surge is over: the statistic stays
        high while it drains) reports no strength and no trigger, so that the
        incident can resolve. ``observed`` / ``expected`` / ``minutes`` are the
        counts the test judged, for the explanation.
        """
        p = max(calibrator.tail(statistic), model_p)
        strength = self._strength(p) if p < 1.0 and speaks else 0.0
        triggered = speaks and ok and p < self.alpha
        if not self._warming:
            # Surprises measured against a baseline that is still settling say
            # nothing about the brand: they stay out of the calibration history.
            calibrator.add(statistic)
        return TestResult(name, p, strength, triggered, model_p,
                          observed=observed, expected=expected, minutes=minutes)

    def _count_test(self, scale: _CountScale, x: int, mu: float, phi: float,
                    warming: bool) -> TestResult:
        # The test's time scale is fixed in minutes, not in bins: sum the last
        # span of counts and of expectations, with a dispersion estimated for
        # such sums (adjacent bins share part of their rate error).
        scale.window.push(x, mu)
        scale.quarter.push(x, mu)
        # Longer windows speak only while their latest quarter is above normal.
        rising = scale.quarter.x > scale.quarter.mu
        if scale.span > 1:
            x, mu = scale.window.x, scale.window.mu
            phi = self._span_dispersion(scale.disp, x, mu, phi)
        # Sums within 1.5 standard deviations of the expectation are not episodes
        # (p > 0.05 for these distributions); skipping their exact tail saves time.
        near = x - mu < 1.5 * math.sqrt(mu + phi * mu * mu)
        model_p = 1.0 if near else nb_sf(x, mu, phi)
        statistic = -math.log(max(model_p, 1e-300))
        ok = not warming and x - mu >= self.settings.min_excess
        # A long window keeps a finished surge in its sum for hours: it speaks
        # only while its latest quarter is still above normal.
        return self._decide(scale.name, scale.calibrator, statistic, model_p, ok,
                            speaks=rising, observed=x, expected=mu,
                            minutes=len(scale.window.bins) * self.settings.bin_minutes)

    def _span_dispersion(self, d: list[float], x: int, mu: float, phi_bin: float) -> float:
        """Over-dispersion of counts summed over a span, estimated like the bins'.

        ``d`` holds the span's running moments. Returns the estimate *before*
        learning from this span (no look-ahead).
        """
        if d[1] <= 0.0:
            d[0], d[1] = phi_bin * mu * mu, mu * mu
        phi = min(4.0, max(0.01, d[0] / d[1])) if d[1] > 0 else phi_bin
        sd = math.sqrt(mu + phi * mu * mu)
        w = self.settings.winsor_sd
        clipped = min(max(float(x), mu - w * sd, 0.0), mu + w * sd)
        a = self._a_span_disp
        d[0] += a * ((clipped - mu) ** 2 - mu - d[0])
        d[1] += a * (mu * mu - d[1])
        return phi

    def _cusum_test(self, start: datetime, x: int, mu: float, phi: float,
                    warming: bool) -> TestResult:
        s = self.settings
        c = self._cusum
        z = (x - mu) / math.sqrt(mu + phi * mu * mu)
        z = min(z, s.cusum_clip)
        if warming:
            z = min(z, 0.0)  # the baseline is still settling: accumulate nothing yet
        if c.value <= 0.0:
            c.since = start
            c.observed, c.expected, c.bins = 0, 0.0, 0
        c.value = max(0.0, c.value + z - s.cusum_drift)
        c.observed += x
        c.expected += mu
        c.bins += 1
        # Under the model (independent residuals) the statistic passes h about
        # once per in-control run length: that is the model's "p-value".
        model_p = 1.0 if c.value < self.cusum_h else self.alpha * math.exp(
            -(c.value - self.cusum_h) * 2.0 * s.cusum_drift)
        growing = z > s.cusum_drift
        ok = not warming and c.observed - c.expected >= s.min_excess
        # A wave that has stopped growing no longer calls for attention; the
        # explanation counts the wave since it began (the CUSUM left zero).
        return self._decide("buildup", self._cal_cusum, c.value, model_p, ok,
                            speaks=growing, observed=c.observed, expected=c.expected,
                            minutes=c.bins * s.bin_minutes)

    def _share_test(self, k: int, n: int, warming: bool) -> tuple[TestResult, tuple[float, float]]:
        s = self.settings
        st = self._share
        prior_n = 20.0
        usual = (st.negative + 0.1 * prior_n) / (st.total + prior_n)
        # The share is judged on the shortest of the windows (15 min, 1 h, 4 h)
        # that holds share_min_total mentions, so that a small brand,
        # whose 15 minutes rarely hold ten mentions, still gets a share test.
        k_w, n_w, minutes = k, n, s.bin_minutes
        rising = True
        for window, quarter in self._share_windows:
            window.push(k, n)
            quarter.push(k, n)
        for window, quarter in self._share_windows:
            if window.mu >= s.share_min_total:
                k_w, n_w = window.x, int(window.mu)
                minutes = len(window.bins) * s.bin_minutes
                # A long window speaks only while its latest quarter is above the usual share.
                rising = quarter.x > usual * quarter.mu
                break
        share = k_w / n_w if n_w else 0.0
        big_enough = (rising and n_w >= s.share_min_total
                      and share - usual >= s.share_min_jump)
        model_p = betabinom_sf(k_w, n_w, usual, s.share_concentration) if big_enough else 1.0
        statistic = -math.log(max(model_p, 1e-300))
        result = self._decide("share", self._cal_share, statistic, model_p,
                              not warming and big_enough, speaks=rising, observed=k_w,
                              expected=usual * n_w, minutes=minutes)
        # Learn the usual share, clipping this bin's share to usual + min_jump.
        if n > 0:
            k_used = min(k, (usual + s.share_min_jump) * n)
            a = self._a_share
            st.negative = st.negative * (1.0 - a) + k_used
            st.total = st.total * (1.0 - a) + n
            st.bins += 1
        return result, (share, usual)

    # -- lifecycle -----------------------------------------------------
    def _severity(self, verdict: BinVerdict) -> int:
        strength = max((t.strength for t in verdict.tests if t.triggered), default=0.0)
        level = 0
        for i, multiple in enumerate(_SEVERITY_MULTIPLES):
            if strength >= multiple:
                level = i + 1
        return max(level, 1)

    def usual_per_day(self) -> float:
        """The brand's ordinary (deseasonalised) negative mentions per day."""
        return (self.baseline.level or 0.0) * self.settings.bins_per_hour * 24

    def _size_severity(self, inc: Incident) -> int:
        """Severity of ``inc``'s size: its excess in days of ordinary negative mentions.

        The yardstick is the level when the incident opened: a long incident
        raises the level it is measured against as it goes.
        """
        if inc.usual_per_day is None:
            inc.usual_per_day = self.usual_per_day()
        excess = inc.excess
        level = 1
        s = self.settings
        days_of = (s.major_after_days, s.critical_after_days)
        for i, (days, floor) in enumerate(zip(days_of, _SIZE_MIN_EXCESS, strict=True)):
            if excess >= max(days * inc.usual_per_day, floor * s.min_excess):
                level = i + 2
        return level

    def _lifecycle(self, verdict: BinVerdict, end: datetime,
                   share_info: tuple[float, float] | None) -> list[AlertEvent]:
        life = self._life
        inc = life.incident
        if verdict.triggered:
            life.quiet_bins = 0
            buildup = any(t.triggered and t.name == "buildup" for t in verdict.tests)
            since = (self._cusum.since or verdict.start) if buildup else verdict.start
            severity = self._severity(verdict)
            names = {t.name for t in verdict.tests if t.triggered}
            if inc is not None and (inc.is_open or end - inc.resolved_at <= self._cooldown):
                reopened = not inc.is_open
                inc.resolved_at = None
                inc.triggers += 1
                inc.last_trigger_at = end
                inc.tests |= names
                inc.observed += verdict.observed
                inc.expected += verdict.expected
                severity = max(severity, self._size_severity(inc))
                if severity > inc.severity:
                    inc.severity = severity
                    inc.reopened_quietly = False
                    self._set_peak(inc, verdict, share_info)
                    return [AlertEvent("escalated", end, _snapshot(inc), verdict)]
                if reopened:
                    # Open again for the store and the TUI, without a new alert.
                    inc.reopened_quietly = True
                    return [AlertEvent("reopened", end, _snapshot(inc), verdict)]
                return []
            inc = Incident(
                id=life.next_id, brand=self.brand, since=since, opened_at=end,
                severity=severity, tests=names, observed=verdict.observed,
                expected=verdict.expected, p_value=1.0, peak_at=verdict.start,
                peak_observed=verdict.observed, peak_expected=verdict.expected,
                last_trigger_at=end, triggers=1,
            )
            inc.severity = max(severity, self._size_severity(inc))
            self._set_peak(inc, verdict, share_info)
            life.next_id += 1
            life.incident = inc
            life.history.append(inc)
            return [AlertEvent("opened", end, _snapshot(inc), verdict)]
        if inc is None or not inc.is_open:
            return []
        if verdict.strength < _RESOLVE_MULTIPLE:
            life.quiet_bins += 1
        else:
            life.quiet_bins = 0
            inc.observed += verdict.observed
            inc.expected += verdict.expected
            # Still going: it may have grown into a bigger incident than it opened as.
            severity = self._size_severity(inc)
            if severity > inc.severity:
                inc.severity = severity
                inc.reopened_quietly = False
                return [AlertEvent("escalated", end, _snapshot(inc), verdict)]
        if life.quiet_bins >= self._quiet_bins:
            inc.resolved_at = end
            life.quiet_bins = 0
            return [AlertEvent("resolved", end, _snapshot(inc), verdict)]
        return []

    def _set_peak(self, inc: Incident, verdict: BinVerdict,
                  share_info: tuple[float, float] | None) -> None:
        best = min((t for t in verdict.tests if t.triggered), key=lambda t: t.p_value)
        inc.p_value = best.p_value
        inc.model_p_value = best.model_p_value
        inc.peak_test = best.name
        inc.once_in_weeks = 1.0 / max(best.p_value * 168 * self.settings.bins_per_hour, 1e-12)
        inc.peak_at = verdict.start
        if best.observed is not None and best.expected is not None:
            inc.peak_observed = best.observed
            inc.peak_expected = best.expected
            wider = best.minutes is not None and best.minutes > self.settings.bin_minutes
            inc.peak_minutes = best.minutes if wider else None
        else:
            inc.peak_observed = verdict.observed
            inc.peak_expected = verdict.expected
            inc.peak_minutes = None
        if share_info is not None:
            inc.share, inc.usual_share = share_info
        inc.hour_weeks_seen = self.baseline.weeks_seen(verdict.start.timestamp())
        inc.history_days = self.baseline.bins_seen * self.settings.bin_minutes / 1440.0


def _snapshot(inc: Incident) -> Incident:
    copy = Incident(**{name: getattr(inc, name) for name in Incident.__slots__})
    copy.tests = set(inc.tests)
    return copy


def floor_to_bin(moment: datetime, bin_seconds: int) -> datetime:
    """Return the start of the bin containing ``moment`` (bins are aligned on the epoch)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    epoch = int(moment.timestamp())
    return datetime.fromtimestamp(epoch - epoch % bin_seconds, tz=UTC)


def completed_bin_starts(next_start: datetime, now: datetime, bin_seconds: int) -> list[datetime]:
    """Starts of the bins from ``next_start`` whose end is at or before ``now``."""
    step = timedelta(seconds=bin_seconds)
    out = []
    cursor = next_start
    while cursor + step <= now:
        out.append(cursor)
        cursor += step
    return out


def bin_counts(
    mentions: Iterable[tuple[datetime, bool]],
    start: datetime,
    end: datetime,
    bin_seconds: int,
) -> list[BinCounts]:
    """Count ``(published_at, is_negative)`` pairs into bins over ``[start, end)``.

    Bins with no mention are present with zero counts; mentions outside the
    range are ignored. ``start`` is floored to a bin boundary.
    """
    first = floor_to_bin(start, bin_seconds)
    first_epoch = int(first.timestamp())
    if end.tzinfo is None:
        end = end.replace(tzinfo=UTC)
    n_bins = max(0, math.ceil((end.timestamp() - first_epoch) / bin_seconds))
    totals = [0] * n_bins
    negatives = [0] * n_bins
    for stamp, negative in mentions:
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        i = int((stamp.timestamp() - first_epoch) // bin_seconds)
        if 0 <= i < n_bins:
            totals[i] += 1
            negatives[i] += bool(negative)
    step = timedelta(seconds=bin_seconds)
    return [BinCounts(first + i * step, negatives[i], totals[i]) for i in range(n_bins)]
