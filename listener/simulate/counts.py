"""Counts per bin of a simulated ordinary brand: no anomaly, only its daily and weekly life.

Used by the spike detector's tests and by ``bench/spike_null.py`` to measure
false alarms: a Poisson-gamma count per 15-minute bin whose mean follows a
daily cycle, half volume at weekends and a strong Monday-morning peak.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import numpy as np

from listener.detection.spikes import BinCounts

__all__ = ["usual_rate", "ordinary_counts"]

BIN = timedelta(minutes=15)


def usual_rate(t: datetime) -> float:
    """Relative mention rate: daily cycle, half volume at weekends, 5x on Monday 9-11h."""
    hour = t.hour + t.minute / 60
    daily = 1 + 0.8 * math.sin((hour - 9) / 24 * 2 * math.pi)
    weekly = 0.5 if t.weekday() >= 5 else 1.0
    peak = 5.0 if (t.weekday() == 0 and 9 <= t.hour < 11) else 1.0
    return daily * weekly * peak


def ordinary_counts(start: datetime, weeks: float, base: float = 8.0, phi: float = 0.1,
                    seed: int = 1) -> list[BinCounts]:
    """Negative counts per 15-minute bin from ``start``: mean ``base x usual_rate``,
    over-dispersion ``phi`` (variance = mean + phi mean^2); no total."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(int(weeks * 7 * 96)):
        t = start + i * BIN
        lam = rng.gamma(1 / phi, base * usual_rate(t) * phi)
        out.append(BinCounts(t, int(rng.poisson(lam))))
    return out
