"""Settings of the spike detector: sensitivity presets and per-brand overrides.

A brand's ``spikes`` table in the configuration picks a preset and may
override any field by name::

    [brands.acme.spikes]
    sensitivity = "balanced"      # low | balanced | high
    bin_minutes = 15
    cooldown_hours = 12           # any SpikeSettings field, in its own unit

The presets differ in how many false alarms per week they accept under the
detector's own model (the per-bin significance level is derived from it, a
Bonferroni-style correction over the bins of a week), in the smallest excess of
mentions worth an alert, and in how long an incident stays one incident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from listener.errors import ConfigError, did_you_mean

__all__ = ["SpikeSettings", "PRESETS", "SENSITIVITIES", "settings_from_mapping"]

SENSITIVITIES = ("low", "balanced", "high")


@dataclass(frozen=True, slots=True)
class SpikeSettings:
    """Every knob of :class:`~listener.detection.spikes.SpikeDetector`, with its unit.

    Times are in hours (or minutes for the bin) so that the same preset means
    the same thing whatever the bin size.
    """

    #: Width of one counting bin.
    bin_minutes: float = 15.0
    #: Alerts per week the brand's ordinary life may cause (split between the tests);
    #: sets the per-bin level of the calibrated tail probability.
    false_alarms_per_week: float = 1.0
    #: An alert needs at least this many more (negative) mentions than expected in a bin.
    min_excess: float = 5.0
    #: Shortest time scale of the count test: it tests the count of the last this-many
    #: minutes (one bin in the daemon's default), so that 5-minute and 15-minute bins agree.
    spike_minutes: float = 15.0
    #: Number of time scales of the count test: spike_minutes, then 4x it, 16x it...
    #: (15 min and 1 h by default; 3 adds 4 h); each scale is a test with its share of
    #: the budget. Two, because a third (4 h) made the NAB score depend on the series'
    #: volume (docs/evaluation-spikes.md, "Robustness to volume").
    count_scales: int = 2
    #: No alert before the brand has this much history.
    warmup_hours: float = 24.0
    #: Severity by size: an incident whose excess of negative mentions reaches this
    #: many days of the brand's ordinary ones is ``major`` / ``critical`` (and at
    #: least 2x / 5x ``min_excess``), however ordinary each of its bins looked.
    major_after_days: float = 1.0
    critical_after_days: float = 7.0
    #: Consecutive normal time needed before an incident is resolved (hysteresis).
    quiet_hours: float = 1.0
    #: After a resolution, a new trigger within this time re-opens the same incident.
    cooldown_hours: float = 6.0
    #: Half-life of the recent level (deseasonalised mentions per bin).
    level_half_life_hours: float = 24.0
    #: Half-life of the over-dispersion estimate.
    dispersion_half_life_hours: float = 72.0
    #: Over-dispersion assumed before the data says otherwise (variance = mu + phi mu^2).
    prior_dispersion: float = 0.5
    #: Past counts are clipped at expected + this many standard deviations
    #: before they update the baseline, so spikes do not inflate it.
    winsor_sd: float = 3.0
    #: Weeks of hour-of-week history kept (medians over them).
    season_weeks: int = 4
    #: Days of hour-of-day history kept (used while weekly history is short).
    season_days: int = 7
    #: Days of history on which each test's statistic is calibrated.
    calibration_days: float = 28.0
    #: Fraction of the history's episodes (largest first) that fit the exponential tail.
    calibration_tail_fraction: float = 0.2
    #: Episodes of history needed before a test can alert.
    calibration_min_episodes: int = 10
    #: CUSUM reference value, in standard deviations per bin (detects shifts of 2x this).
    cusum_drift: float = 0.5
    #: Standardised residuals are clipped at this value before entering the CUSUM.
    cusum_clip: float = 3.0
    #: Share test: smallest number of mentions in a bin.
    share_min_total: int = 10
    #: Share test: smallest rise of the negative share over its usual value.
    share_min_jump: float = 0.2
    #: Share test: beta-binomial concentration (bin-to-bin share stability).
    share_concentration: float = 50.0
    #: Half-life of the usual negative share.
    share_half_life_hours: float = 168.0

    def __post_init__(self) -> None:
        if not 1.0 <= self.bin_minutes <= 60.0 or 3600 % round(self.bin_minutes * 60) != 0:
            raise ValueError("bin_minutes must divide an hour (1 to 60 minutes)")
        if self.false_alarms_per_week <= 0:
            raise ValueError("false_alarms_per_week must be > 0")
        if not 0.0 < self.calibration_tail_fraction <= 0.5:
            raise ValueError("calibration_tail_fraction must be in (0, 0.5]")
        if not 0.0 < self.share_min_jump < 1.0:
            raise ValueError("share_min_jump must be between 0 and 1")
        if not 0.0 < self.major_after_days <= self.critical_after_days:
            raise ValueError("major_after_days must be > 0 and at most critical_after_days")
        if min(self.season_weeks, self.season_days, self.calibration_min_episodes,
               self.count_scales) < 1:
            raise ValueError("season_weeks, season_days, calibration_min_episodes and "
                             "count_scales must be >= 1")
        if min(self.level_half_life_hours, self.dispersion_half_life_hours,
               self.share_half_life_hours, self.calibration_days, self.spike_minutes,
               self.share_concentration, self.cusum_drift, self.winsor_sd) <= 0:
            raise ValueError("half-lives, calibration_days, spike_minutes, "
                             "share_concentration, cusum_drift and winsor_sd must be > 0")

    @property
    def bin_seconds(self) -> int:
        """Width of one bin in seconds."""
        return round(self.bin_minutes * 60)

    @property
    def bins_per_hour(self) -> int:
        """Number of bins in one hour."""
        return 3600 // self.bin_seconds

    def hours_to_bins(self, hours: float) -> int:
        """Convert a duration in hours to a whole number of bins (at least 1)."""
        return max(1, round(hours * self.bins_per_hour))

    @property
    def replay_hours(self) -> float:
        """History worth replaying on start-up to rebuild a detector's full state."""
        return max(24.0 * self.calibration_days, 168.0 * self.season_weeks)

    @property
    def alpha(self) -> float:
        """Per-bin significance level: false alarms per week / bins per week."""
        return min(0.05, self.false_alarms_per_week / (168 * self.bins_per_hour))

    @classmethod
    def preset(cls, sensitivity: str = "balanced", **overrides: Any) -> SpikeSettings:
        """Return the named preset with ``overrides`` applied."""
        if sensitivity not in PRESETS:
            raise ValueError(
                f"unknown sensitivity {sensitivity!r}; use one of {', '.join(SENSITIVITIES)}"
            )
        return replace(PRESETS[sensitivity], **overrides)


PRESETS: dict[str, SpikeSettings] = {
    "low": SpikeSettings(
        false_alarms_per_week=0.25, min_excess=10.0, cooldown_hours=12.0, warmup_hours=48.0,
        share_min_jump=0.3,
    ),
    "balanced": SpikeSettings(),
    "high": SpikeSettings(
        false_alarms_per_week=4.0, min_excess=3.0, cooldown_hours=2.0, warmup_hours=12.0,
        share_min_jump=0.15,
    ),
}

_FIELD_TYPES = {f.name: f.type for f in fields(SpikeSettings)}


def settings_from_mapping(
    table: Mapping[str, Any], *, path: str | None = None, key: str = "spikes"
) -> SpikeSettings:
    """Build settings from a brand's ``spikes`` config table.

    ``sensitivity`` picks the preset (default ``balanced``); every other key
    must be a :class:`SpikeSettings` field name. Raises :class:`ConfigError`
    naming ``path`` and the dotted ``key`` at fault.
    """
    sensitivity = table.get("sensitivity", "balanced")
    if sensitivity not in PRESETS:
        raise ConfigError(
            f"unknown sensitivity {sensitivity!r}; use one of {', '.join(SENSITIVITIES)}",
            path=path, key=f"{key}.sensitivity",
        )
    overrides: dict[str, Any] = {}
    for name, value in table.items():
        if name == "sensitivity":
            continue
        if name not in _FIELD_TYPES:
            raise ConfigError(
                "unknown setting" + did_you_mean(name, ["sensitivity", *_FIELD_TYPES])
                + f"; known: sensitivity, {', '.join(sorted(_FIELD_TYPES))}",
                path=path, key=f"{key}.{name}",
            )
        want_int = _FIELD_TYPES[name] in ("int", int)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            want_int and not isinstance(value, int)
        ):
            kind = "an integer" if want_int else "a number"
            raise ConfigError(f"must be {kind}, got {value!r}", path=path, key=f"{key}.{name}")
        if value < 0:
            raise ConfigError(f"must be >= 0, got {value!r}", path=path, key=f"{key}.{name}")
        overrides[name] = value
    try:
        return SpikeSettings.preset(sensitivity, **overrides)
    except ValueError as exc:
        raise ConfigError(str(exc), path=path, key=key) from exc
