"""What genuine items look like, per target, learned from the stream itself.

Every feature of an item has a rate among the target's items. The account
features (state, lockstep, velocity, extreme history) are counted *jointly*,
because among genuine accounts they go together (an active regular is thin,
fast and meets other regulars): multiplying their separate rates would make
ordinary regulars look rare. Rates are counts with a hierarchical prior: the
target's own counts, shrunk towards the counts of all targets, shrunk towards
fixed defaults. Counts decay with a half-life so the background follows the
population as the stream ages (at the start of a stream everyone is new).

The account make-up changes fastest while a stream is young: everyone starts
new, then regulars come back, so the share of "thin" accounts grows day by
day, and rates learned over the first days would make the returning accounts
of the next ones look rare (on a stream without any campaign, dozens of
ordinary reviews flagged on its third day). Its counts are therefore also kept
at shorter half-lives, and a rate is read at the longest one not above half the
counts' age: from four weeks on, the usual half-life alone.

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


class _Ladder:
    """Account counts kept at several half-lives; read at the one that fits their age."""

    __slots__ = ("rungs", "first", "age_share")

    def __init__(self, half_lives: tuple[timedelta, ...], age_share: float) -> None:
        #: Shortest half-life first; the last is the background's usual one.
        self.rungs = tuple(_Decaying(h) for h in half_lives)
        self.first: datetime | None = None
        self.age_share = age_share

    def add(self, features: dict[str, object], at: datetime, weight: float) -> None:
        if self.first is None:
            self.first = at
        for rung in self.rungs:
            rung.add(features, at, weight)

    def current(self) -> _Decaying:
        """The longest half-life not above ``age_share`` of the counts' age (the
        shortest while younger than that)."""
        last = self.rungs[0].last
        if self.first is None or last is None:
            return self.rungs[-1]
        wanted = (last - self.first).total_seconds() * self.age_share
        chosen = self.rungs[0]
        for rung in self.rungs[1:]:
            if rung.half_life <= wanted:
                chosen = rung
        return chosen


def _is_account(name: str) -> bool:
    return name == "account" or name.startswith("account|")


class Background:
    """Hierarchical, decaying rate estimates of item features (see the module docstring).

    ``young_half_lives`` are the shorter half-lives at which the account
    make-up (features ``account`` and ``account|<group>``) is also counted;
    a rate of it is read at the longest half-life not above ``age_share`` of
    the counts' age (per target for the target's counts).
    """

    def __init__(self, *, target_weight: float = 30.0, global_weight: float = 30.0,
                 half_life: timedelta = timedelta(days=14),
                 young_half_lives: tuple[timedelta, ...] = (),
                 age_share: float = 0.5) -> None:
        self.target_weight = target_weight
        self.global_weight = global_weight
        self.half_life = half_life
        self._ladder = (*sorted(h for h in young_half_lives if h < half_life), half_life)
        self._age_share = age_share
        self._target: dict[str, _Decaying] = {}
        self._global = _Decaying(half_life)
        self._target_accounts: dict[str, _Ladder] = {}
        self._global_accounts = _Ladder(self._ladder, age_share)

    def add(self, target: str, features: dict[str, object], at: datetime,
            weight: float = 1.0) -> None:
        """Count one item with its settled features, counting ``weight`` (0 to 1) of it."""
        accounts = {k: v for k, v in features.items() if _is_account(k)}
        rest = {k: v for k, v in features.items() if not _is_account(k)}
        counts = self._target.get(target)
        if counts is None:
            counts = self._target[target] = _Decaying(self.half_life)
            self._target_accounts[target] = _Ladder(self._ladder, self._age_share)
        counts.add(rest, at, weight)
        self._global.add(rest, at, weight)
        self._target_accounts[target].add(accounts, at, weight)
        self._global_accounts.add(accounts, at, weight)

    def _counts(self, target: str, name: str) -> tuple[_Decaying | None, _Decaying]:
        """(the target's counts or None, all targets' counts) holding feature ``name``."""
        if _is_account(name):
            ladder = self._target_accounts.get(target)
            return (ladder.current() if ladder else None), self._global_accounts.current()
        return self._target.get(target), self._global

    def rate(self, target: str, name: str, value: object) -> float:
        """Estimated probability that an item of ``target`` has ``name == value``."""
        tc, overall = self._counts(target, name)
        g = ((overall.counts[(name, value)] + self.global_weight * _default(name, value))
             / (overall.totals[name] + self.global_weight))
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
        tc, overall = self._counts(target, key)
        g = ((overall.counts[(key, value)] + self.global_weight * parent)
             / (overall.totals[key] + self.global_weight))
        if tc is not None:
            g = ((tc.counts[(key, value)] + self.target_weight * g)
                 / (tc.totals[key] + self.target_weight))
        return min(1.0 - _FLOOR, max(_FLOOR, g))

    def seen(self, target: str) -> float:
        """Decayed number of items of ``target`` counted so far."""
        ladder = self._target_accounts.get(target)
        return ladder.rungs[-1].totals["account"] if ladder is not None else 0.0
