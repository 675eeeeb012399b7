"""What genuine items look like, per target, learned from the stream itself.

Every feature of an item has a rate among the target's items. The account
features (state, lockstep, velocity, extreme history) are counted *jointly*,
because among genuine accounts they go together (an active regular is thin,
fast and meets other regulars): multiplying their separate rates would make
ordinary regulars look rare. Rates are counts with a hierarchical prior: the
target's own counts, shrunk towards the counts of all targets, shrunk towards
fixed defaults. Counts decay with a half-life so the background follows the
population as the stream ages (at the start of a stream everyone is new).

Items are counted once their features have settled (the detector calls
:meth:`Background.add` a fixed delay after arrival), flagged or not: leaving
flagged items out would let one false alarm teach the detector that ordinary
regulars are rare, which feeds more false alarms.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import datetime, timedelta

__all__ = ["DEFAULT_RATES", "Background", "account_key"]

#: Default rate of each (feature, value) before anything is seen.
DEFAULT_RATES: dict[tuple[str, object], float] = {
    ("state", "new"): 0.35,
    ("state", "thin"): 0.25,
    ("state", "established"): 0.40,
    ("lockstep", True): 0.03,
    ("velocity", True): 0.10,
    ("history_extreme", True): 0.30,
    ("history_extreme", None): 0.35,
    ("duplicate", "none"): 0.95,
    ("duplicate", "short"): 0.03,
    ("duplicate", "medium"): 0.01,
    ("duplicate", "long"): 0.01,
    ("length", "short"): 0.3,
    ("length", "medium"): 0.4,
    ("length", "long"): 0.3,
    ("rating:negative", 1): 0.50,
    ("rating:negative", 2): 0.25,
    ("rating:negative", 3): 0.25,
    ("rating:positive", 5): 0.55,
    ("rating:positive", 4): 0.30,
    ("rating:positive", 3): 0.15,
}

_FLOOR = 0.002


def account_key(state: str, lockstep: bool, velocity: bool,
                history_extreme: bool | None) -> tuple[object, ...]:
    """The joint value of the account features of one item."""
    return (state, bool(lockstep), bool(velocity), history_extreme)


def _default(name: str, value: object) -> float:
    if name == "account":
        state, lock, vel, hist = value  # type: ignore[misc]
        p = DEFAULT_RATES[("state", state)]
        if state == "new":  # no history: no lockstep, no velocity, no earlier ratings
            return p if not lock and not vel and hist is None else _FLOOR
        p_lock = DEFAULT_RATES[("lockstep", True)]
        p_vel = DEFAULT_RATES[("velocity", True)]
        p *= p_lock if lock else 1 - p_lock
        p *= p_vel if vel else 1 - p_vel
        p_none = DEFAULT_RATES[("history_extreme", None)]
        p_true = DEFAULT_RATES[("history_extreme", True)] * (1 - p_none)
        p *= p_none if hist is None else (p_true if hist else 1 - p_none - p_true)
        return p
    rate = DEFAULT_RATES.get((name, value))
    if rate is None and isinstance(value, bool):
        rate = 1.0 - DEFAULT_RATES.get((name, True), 0.5)
    return rate if rate is not None else 0.5


class _Decaying:
    """Counts that lose half their weight every ``half_life``."""

    __slots__ = ("counts", "totals", "last", "half_life")

    def __init__(self, half_life: timedelta) -> None:
        self.counts: Counter = Counter()
        self.totals: Counter = Counter()
        self.last: datetime | None = None
        self.half_life = half_life.total_seconds()

    def add(self, features: dict[str, object], at: datetime, weight: float = 1.0) -> None:
        if self.last is not None and at > self.last:
            factor = math.pow(0.5, (at - self.last).total_seconds() / self.half_life)
            if factor < 0.999:
                for key in self.counts:
                    self.counts[key] *= factor
                for key in self.totals:
                    self.totals[key] *= factor
                self.last = at
        elif self.last is None:
            self.last = at
        for name, value in features.items():
            if value is None and name != "history_extreme":
                continue
            self.counts[(name, value)] += weight
            self.totals[name] += weight


class Background:
    """Hierarchical, decaying rate estimates of item features (see the module docstring)."""

    def __init__(self, *, target_weight: float = 30.0, global_weight: float = 30.0,
                 half_life: timedelta = timedelta(days=14)) -> None:
        self.target_weight = target_weight
        self.global_weight = global_weight
        self.half_life = half_life
        self._target: dict[str, _Decaying] = {}
        self._global = _Decaying(half_life)

    def add(self, target: str, features: dict[str, object], at: datetime,
            weight: float = 1.0) -> None:
        """Count one item with its settled features, counting ``weight`` (0 to 1) of it."""
        counts = self._target.get(target)
        if counts is None:
            counts = self._target[target] = _Decaying(self.half_life)
        counts.add(features, at, weight)
        self._global.add(features, at, weight)

    def rate(self, target: str, name: str, value: object) -> float:
        """Estimated probability that an item of ``target`` has ``name == value``."""
        g = ((self._global.counts[(name, value)] + self.global_weight * _default(name, value))
             / (self._global.totals[name] + self.global_weight))
        tc = self._target.get(target)
        if tc is not None:
            g = ((tc.counts[(name, value)] + self.target_weight * g)
                 / (tc.totals[name] + self.target_weight))
        return min(1.0 - _FLOOR, max(_FLOOR, g))

    def rate_within(self, target: str, group: str, name: str, value: object) -> float:
        """Rate of ``name == value`` within one ``group`` of the target's items.

        The group's feature is counted as ``f"{name}|{group}"``; its rate is
        shrunk towards the target's rate over all groups (``name``), itself
        shrunk towards all targets. Used for the account make-up per rating
        direction (angry customers are more often first-time reviewers).
        """
        parent = self.rate(target, name, value)
        key = f"{name}|{group}"
        g = ((self._global.counts[(key, value)] + self.global_weight * parent)
             / (self._global.totals[key] + self.global_weight))
        tc = self._target.get(target)
        if tc is not None:
            g = ((tc.counts[(key, value)] + self.target_weight * g)
                 / (tc.totals[key] + self.target_weight))
        return min(1.0 - _FLOOR, max(_FLOOR, g))

    def seen(self, target: str) -> float:
        """Decayed number of items of ``target`` counted so far."""
        tc = self._target.get(target)
        return tc.totals["account"] if tc is not None else 0.0
