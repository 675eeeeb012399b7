"""What the negative-spike detector reports: bins in, verdicts, incidents and events out.

:class:`BinCounts` is one bin of a brand's mentions fed to
:class:`~listener.detection.spikes.SpikeDetector`; :class:`BinVerdict` (with
one :class:`TestResult` per test) is what the detector concluded about it;
:class:`Incident` is one spike from its first trigger to its resolution, and
:class:`AlertEvent` a change in its life (opened, escalated, resolved), the
unit the daemon stores and sends. Plain data with JSON-ready views; no
decisions are taken here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from listener.detection.spike_stats import surprise

__all__ = ["BinCounts", "TestResult", "BinVerdict", "Incident", "AlertEvent", "SEVERITIES"]

#: Severity names by level (1, 2, 3).
SEVERITIES = ("minor", "major", "critical")


@dataclass(frozen=True, slots=True)
class BinCounts:
    """Mentions of one brand in the bin ``[start, start + bin)``.

    ``negative`` is the monitored count (negative mentions in the daemon, the
    series value in ``vigie eval spikes``); ``total`` is all mentions, or None
    to disable the share test.
    """

    start: datetime
    negative: int
    total: int | None = None


@dataclass(frozen=True, slots=True)
class TestResult:
    """One test's outcome on one bin.

    ``p_value`` is the calibrated tail probability (how often this brand shows
    a statistic this large), ``model_p_value`` the model's own (negative
    binomial, beta-binomial or CUSUM run length) and ``strength`` the
    calibrated surprise in multiples of the alert threshold (1.0 = at it).
    """

    name: str
    p_value: float
    strength: float
    triggered: bool
    model_p_value: float = 1.0
    #: Count tests: the counts they judged, summed over their window of ``minutes``.
    observed: int | None = None
    expected: float | None = None
    minutes: float | None = None


@dataclass(frozen=True, slots=True)
class BinVerdict:
    """Everything the detector concluded about one bin (also used by the evaluation)."""

    start: datetime
    observed: int
    expected: float
    dispersion: float
    tests: tuple[TestResult, ...]
    warming_up: bool

    @property
    def strength(self) -> float:
        """Largest test strength (1.0 = exactly at the alert threshold)."""
        return max((t.strength for t in self.tests), default=0.0)

    @property
    def triggered(self) -> bool:
        """True when at least one test crossed its threshold."""
        return any(t.triggered for t in self.tests)

    @property
    def anomaly_score(self) -> float:
        """Strength mapped to [0, 1): 0.5 at the threshold, 0.8 at four times it."""
        s = self.strength
        return s / (s + 1.0) if s > 0 else 0.0


@dataclass(slots=True)
class Incident:
    """One negative-spike incident of a brand, from its first trigger to its resolution."""

    id: int
    brand: str
    since: datetime
    opened_at: datetime
    severity: int
    tests: set[str]
    observed: int
    expected: float
    p_value: float
    peak_at: datetime
    peak_observed: int
    peak_expected: float
    model_p_value: float = 1.0
    once_in_weeks: float | None = None
    peak_test: str = ""
    #: Length of the window ``peak_observed`` / ``peak_expected`` count (one bin if None).
    peak_minutes: float | None = None
    share: float | None = None
    usual_share: float | None = None
    #: Past weeks of the peak's hour of the week in the brand's profile (0: the
    #: usual level at that hour was inferred from other days) and days of history.
    hour_weeks_seen: int | None = None
    history_days: float | None = None
    last_trigger_at: datetime | None = None
    resolved_at: datetime | None = None
    triggers: int = 0
    #: Re-opened within the cooldown after its resolution was announced, and not
    #: announced since (no escalation): its next resolution is not news either.
    reopened_quietly: bool = False
    #: The brand's ordinary negative mentions per day when the incident opened
    #: (the yardstick of its size; None before the detector set it).
    usual_per_day: float | None = None

    @property
    def excess(self) -> float:
        """Negative mentions above the expected level over the incident's bins so far."""
        return max(0.0, self.observed - self.expected)

    @property
    def size_days(self) -> float | None:
        """:attr:`excess` in days of the brand's ordinary negative mentions."""
        if not self.usual_per_day:
            return None
        return self.excess / self.usual_per_day

    @property
    def severity_name(self) -> str:
        """``minor``, ``major`` or ``critical``."""
        return SEVERITIES[self.severity - 1]

    @property
    def is_open(self) -> bool:
        """True until the incident is resolved."""
        return self.resolved_at is None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready view (ISO 8601 times)."""
        return {
            "id": self.id,
            "brand": self.brand,
            "since": self.since.isoformat(),
            "opened_at": self.opened_at.isoformat(),
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "severity": self.severity_name,
            "tests": sorted(self.tests),
            "observed": self.observed,
            "expected": round(self.expected, 2),
            "p_value": self.p_value,
            "model_p_value": self.model_p_value,
            "model_surprise": round(surprise(self.model_p_value), 2),
            "once_in_weeks": (round(self.once_in_weeks, 1)
                              if self.once_in_weeks is not None else None),
            "peak_test": self.peak_test,
            "peak_at": self.peak_at.isoformat(),
            "peak_observed": self.peak_observed,
            "peak_expected": round(self.peak_expected, 2),
            "peak_minutes": self.peak_minutes,
            "share": self.share,
            "usual_share": self.usual_share,
            "hour_weeks_seen": self.hour_weeks_seen,
            "history_days": (round(self.history_days, 1)
                             if self.history_days is not None else None),
            "excess": round(self.excess, 1),
            "usual_per_day": (round(self.usual_per_day, 2)
                              if self.usual_per_day is not None else None),
            "size_days": (round(self.size_days, 1)
                          if self.size_days is not None else None),
        }


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """A change in an incident's life: ``opened``, ``escalated``, ``reopened`` or ``resolved``.

    ``at`` is the end of the bin that caused it. ``incident`` is a snapshot.
    ``reopened`` (a trigger within the cooldown after the resolution, no more
    severe than before) and a later ``resolved`` of the same quiet episode
    (``incident.reopened_quietly``) keep the stored state right but are not
    news: :attr:`is_news` is False for them, and nothing is sent.
    """

    kind: str
    at: datetime
    incident: Incident
    verdict: BinVerdict | None = None

    @property
    def is_alarm(self) -> bool:
        """True for the events that call for attention (opened or escalated)."""
        return self.kind in ("opened", "escalated")

    @property
    def is_news(self) -> bool:
        """True for the events worth telling people about (alerts, webhooks)."""
        if self.kind == "reopened":
            return False
        return not (self.kind == "resolved" and self.incident.reopened_quietly)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready view of the event and its incident."""
        return {"kind": self.kind, "at": self.at.isoformat(), "incident": self.incident.to_dict()}
