"""Lockstep: accounts of a group that meet on other targets far more often than chance.

A farm's accounts work job after job together, so the accounts that reviewed
a target with the same rating keep meeting on other targets within a day.
:class:`LockstepTracker` compares each arriving account with the recent
accounts of its group (at most ``lockstep_max_partners``), keeps per item the
number of partners met on at least one and on at least two other targets and
the number expected by chance (from
:meth:`~listener.detection.campaign_signals.AuthorHistory.co_occurrence`), and
turns the item's ``lockstep`` feature on when a Poisson tail says the meetings
are far more than chance (:func:`is_lockstep`).

A farm working two targets at once often meets on the second only after the
pair was compared on the first: when an account posts, its earlier items still
in their scan windows are compared again with their latest partners who
reviewed this target too (:meth:`LockstepTracker.recompare`), and the counts
of both sides move by the difference.

Pure: the stream time comes with the items; the tracker reads the detector's
account histories and group windows and tells it, through ``refresh``, which
items changed.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import islice

from listener.detection.campaign_models import CampaignConfig
from listener.detection.campaign_signals import AuthorHistory, poisson_log10_sf
from listener.detection.campaign_state import Entry, GroupWindow

__all__ = ["LockstepTracker", "is_lockstep"]

#: Latest items kept per account for the re-comparison.
_RECENT_ITEMS = 8

GroupKey = tuple[str, str]


def is_lockstep(entry: Entry) -> bool:
    """Accounts of the group met this one on other targets far more often than chance.

    Two tests, each needing two partners and a Poisson tail below 1 %: partners
    met on at least one other target, or on at least two.
    """
    if entry.lock_seen < 2:
        return False
    return (poisson_log10_sf(entry.lock_seen, entry.lock_expected) <= -2.0
            or (entry.lock_seen2 >= 2
                and poisson_log10_sf(entry.lock_seen2, entry.lock_expected2) <= -2.0))


class LockstepTracker:
    """Lockstep comparisons of arriving accounts, and their re-comparison later.

    ``authors`` and ``groups`` are the detector's own account histories and
    group windows (read only); ``refresh`` recounts an item in its groups
    after its ``lockstep`` feature turned on.
    """

    def __init__(self, config: CampaignConfig, authors: dict[str, AuthorHistory],
                 groups: dict[GroupKey, GroupWindow], refresh: Callable[[Entry], None],
                 max_window: timedelta) -> None:
        self.config = config
        self._authors = authors
        self._groups = groups
        self._refresh = refresh
        self._max_window = max_window
        #: Each account's latest items (see ``recompare``).
        self._recent: dict[str, deque[Entry]] = {}

    def compare(self, entry: Entry, history: AuthorHistory,
                span: timedelta) -> set[GroupKey]:
        """Compare the account with the recent accounts of its group (see :func:`is_lockstep`).

        Only accounts that gave the same rating (or, on unrated targets, any
        recent account of the group) are compared: lockstep is accounts doing
        the same thing together, and leaving out the regulars who merely
        reviewed the same target with another rating keeps their chance
        meetings from diluting a farm's. ``span`` is the stream time over
        which the accounts' histories were seen. Returns the groups of
        earlier items that turned lockstep.
        """
        cfg = self.config
        within = timedelta(hours=cfg.lockstep_hours)
        window = self._groups.get((entry.item.target, entry.direction or ""))
        latest = window.latest if window is not None else {}
        limit = entry.at - self._max_window
        touched: set[GroupKey] = set()
        checked = 0
        for other in reversed(latest.values()):
            if other.at < limit:
                break
            if other.author == entry.author:
                continue
            if other.item.rating != entry.item.rating:
                # Partners are accounts doing the same thing here: a farm's job
                # gives one rating; two regulars who happen to meet rarely do.
                continue
            other_history = self._authors.get(other.author)
            if other_history is None or other_history.count > cfg.lockstep_max_prior + 1:
                continue
            checked += 1
            if checked > cfg.lockstep_max_partners:
                break
            shared, expected = history.co_occurrence(other_history, entry.item.target,
                                                     within, span)
            if expected <= 0:
                continue
            # Chance of meeting on >= 1 and on >= 2 other targets (Poisson).
            p1 = 1.0 - math.exp(-expected)
            p2 = 1.0 - math.exp(-expected) * (1.0 + expected)
            for a, b in ((entry, other.author), (other, entry.author)):
                a.lock_partners[b] = shared
                a.lock_seen += shared >= 1
                a.lock_expected += p1
                a.lock_seen2 += shared >= 2
                a.lock_expected2 += p2
            self._update(other, touched)
        entry.features["lockstep"] = is_lockstep(entry)
        entry.suspicion.evidence["lockstep"] = entry.features["lockstep"]
        return touched

    def recompare(self, entry: Entry, history: AuthorHistory,
                  span: timedelta) -> set[GroupKey]:
        """Count meetings that happen after two accounts were compared.

        Lockstep pairs are compared when the second of them arrives in a
        group; a farm working two targets at once often meets on the second
        only later. When this account posts on a target, its earlier items
        still in their scan windows are compared again with those partners
        who reviewed this target too, and the counts of both sides move by
        the difference. ``history`` must already hold this item.
        """
        cfg = self.config
        within = timedelta(hours=cfg.lockstep_hours)
        target = entry.item.target
        fraction = 2.0 * within / span  # as in AuthorHistory.co_occurrence
        touched: set[GroupKey] = set()
        for old in self._recent.get(entry.author, ()):
            if (old.item.target == target or not old.lock_partners
                    or entry.at - old.at > self._max_window):
                continue
            window = self._groups.get((old.item.target, old.direction or ""))
            if window is None:
                continue
            changed: list[Entry] = []
            # The latest partners, as many as a comparison looks at.
            for partner in list(islice(reversed(old.lock_partners), cfg.lockstep_max_partners)):
                other_history = self._authors.get(partner)
                if other_history is None:
                    continue
                met, delta = history.meeting_change(other_history, target, entry.at,
                                                    within, fraction)
                if delta <= 0.0 and not met:
                    continue
                other = window.latest.get(partner)
                sides = [(old, partner)]
                if other is not None and entry.author in other.lock_partners:
                    sides.append((other, entry.author))
                for a, b in sides:
                    # The pair's expected meetings grow by ``delta``; the chance
                    # of meeting at least once (twice) grows by at most
                    # 1 - exp(-delta) (delta / e): the figure errs towards chance.
                    a.lock_expected += 1.0 - math.exp(-delta)
                    a.lock_expected2 += delta / math.e
                    if met:
                        was = a.lock_partners[b]
                        a.lock_partners[b] = was + 1
                        a.lock_seen += was == 0
                        a.lock_seen2 += was == 1
                    changed.append(a)
            for a in changed:
                self._update(a, touched)
        return touched

    def remember(self, entry: Entry) -> None:
        """Keep the item among its account's latest, for later re-comparisons."""
        recent = self._recent.get(entry.author)
        if recent is None:
            recent = self._recent[entry.author] = deque(maxlen=_RECENT_ITEMS)
        recent.append(entry)

    def prune(self, now: datetime) -> None:
        """Forget accounts whose latest item left every scan window."""
        done = [key for key, recent in self._recent.items()
                if now - recent[-1].at > self._max_window]
        for key in done:
            del self._recent[key]

    def _update(self, entry: Entry, touched: set[GroupKey]) -> None:
        """Turn lockstep on for an earlier item whose counts now pass the test.

        Its groups are recounted and added to ``touched`` for re-evaluation.
        """
        if not entry.features["lockstep"] and is_lockstep(entry):
            entry.features["lockstep"] = True
            entry.suspicion.evidence["lockstep"] = True
            self._refresh(entry)
            touched.add((entry.item.target, entry.direction or ""))
