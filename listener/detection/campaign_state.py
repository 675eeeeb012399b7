"""State the campaign detector keeps per item, per group and per campaign.

Internal to :mod:`listener.detection.campaigns`: :class:`Entry` is one
retained item with its features and live suspicion; :class:`GroupWindow`
holds the items of one group (target, rating direction) over the scan
windows with per-signature counts; :class:`CampaignStats` accumulates the
figures of one campaign's members for its reasons. No decision is taken
here.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from listener.detection.campaign_models import ItemSuspicion, ReviewItem
from listener.detection.campaign_signals import DisjointSets

__all__ = ["Entry", "GroupWindow", "CampaignStats"]


@dataclass(slots=True)
class Entry:
    """One retained item as the detector sees it: features, groups and live suspicion."""

    item: ReviewItem
    at: datetime
    author: str
    direction: str | None
    groups: tuple[str, ...]
    features: dict[str, object]
    suspicion: ItemSuspicion
    duplicate_of: set[str] = field(default_factory=set)
    dup_authors: set[str] = field(default_factory=set)
    lock_partners: dict[str, int] = field(default_factory=dict)
    lock_seen: int = 0
    lock_expected: float = 0.0
    lock_seen2: int = 0
    lock_expected2: float = 0.0
    matured: bool = False
    #: Length class of the text: ``short`` (under ``duplicate_min_chars``),
    #: ``medium`` (under ``duplicate_medium_chars``) or ``long``.
    length: str = "long"
    #: ``at`` as POSIX seconds (timing computations).
    ts: float = 0.0
    #: Per group: absolute position in the group's window and current signature.
    positions: dict[str, int] = field(default_factory=dict)
    signatures: dict[str, tuple[object, ...]] = field(default_factory=dict)

    def duplicate_class(self) -> str:
        """``none``, or the length class of a near-duplicate (short texts repeat naturally)."""
        if not self.features["duplicate"]:
            return "none"
        return self.length

    def signature(self, group: str) -> tuple[object, ...]:
        """The item's features as seen from one of its groups (a rating direction)."""
        f = self.features
        rating = f["rating"] if group != "unrated" else None
        return (f["state"], self.duplicate_class(), f["lockstep"], f["velocity"],
                f["history_extreme"], group, rating)


class GroupWindow:
    """The items of one group (target, direction) of the last ``max(window_hours)``.

    Keeps, for each scan window, the position of its first item and the count
    of items per signature, updated as items arrive, age out or change
    features, so a group is scored from a few signatures, not all its items.
    """

    __slots__ = ("name", "entries", "base", "starts", "counts", "latest")

    def __init__(self, name: str, windows: int) -> None:
        self.name = name
        self.entries: deque[Entry] = deque()
        self.base = 0
        self.starts = [0] * windows
        self.counts: list[dict[tuple[object, ...], int]] = [{} for _ in range(windows)]
        #: The latest entry of each account, in arrival order (lockstep scan).
        self.latest: dict[str, Entry] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def end(self) -> int:
        """Absolute position after the newest item."""
        return self.base + len(self.entries)

    def append(self, entry: Entry) -> None:
        """Add the newest item (in every scan window)."""
        entry.positions[self.name] = self.end()
        sig = entry.signatures[self.name] = entry.signature(self.name)
        for counts in self.counts:
            counts[sig] = counts.get(sig, 0) + 1
        self.entries.append(entry)
        self.latest.pop(entry.author, None)
        self.latest[entry.author] = entry

    def _leave(self, w: int) -> None:
        entry = self.entries[self.starts[w] - self.base]
        counts = self.counts[w]
        sig = entry.signatures[self.name]
        counts[sig] -= 1
        if not counts[sig]:
            del counts[sig]
        self.starts[w] += 1

    def advance(self, now: datetime, hours: tuple[float, ...]) -> None:
        """Move each scan window's start to its first item newer than ``now - hours``."""
        end = self.end()
        for w, h in enumerate(hours):
            cut = now - timedelta(hours=h)
            while self.starts[w] < end and self.entries[self.starts[w] - self.base].at <= cut:
                self._leave(w)

    def trim(self, limit: datetime) -> None:
        """Forget the oldest items published before ``limit``."""
        while self.entries and self.entries[0].at < limit:
            for w in range(len(self.starts)):
                if self.starts[w] == self.base:
                    self._leave(w)
            old = self.entries.popleft()
            old.positions.pop(self.name, None)
            self.base += 1
            if self.latest.get(old.author) is old:
                del self.latest[old.author]

    def refresh(self, entry: Entry) -> None:
        """Recount an item whose features changed (near-duplicate or lockstep found later)."""
        pos = entry.positions.get(self.name)
        new = entry.signature(self.name)
        old = entry.signatures.get(self.name)
        entry.signatures[self.name] = new
        if pos is None or pos < self.base or old == new:
            return
        for w, counts in enumerate(self.counts):
            if pos >= self.starts[w]:
                counts[old] -= 1
                if not counts[old]:
                    del counts[old]
                counts[new] = counts.get(new, 0) + 1

    def members(self, start: int) -> list[Entry]:
        """The items from absolute position ``start`` to the newest."""
        return list(islice(self.entries, start - self.base, None))


#: A member whose own likelihood ratio is under this was flagged mostly for the
#: campaign around it: a Bayes factor under 3 is "not worth more than a bare
#: mention" on Jeffreys' scale.
WEAK_EVIDENCE = 3.0

#: Share of a campaign's members its core holds (``CampaignStats.core``).
CORE_SHARE = 0.8


def _own_evidence(entry: Entry) -> float:
    """The member's own likelihood ratio when it was last scored (0 if never)."""
    return entry.suspicion.likelihood_ratio or 0.0


class CampaignStats:
    """Figures of one campaign's members, extended as members join.

    Recomputing them over all members on every new member made growing
    campaigns quadratic. Near-duplicate and lockstep only ever turn on, so
    the members without them are rechecked; copy clusters are a union-find
    over the members' near-duplicate links with a count of clusters that hold
    members. A member already forgotten (older than ``retention_days``) when
    it would be counted is left out, as before.
    """

    def __init__(self) -> None:
        self.done = 0
        self.n = 0
        self.accounts: set[str] = set()
        self.first: datetime | None = None
        self.last: datetime | None = None
        #: Members' publication times (POSIX seconds), for the campaign's core.
        self.times: list[float] = []
        #: Accounts (not reviews): first seen with a member, with a thin history
        #: at a member (the reasons count those not first seen with another),
        #: posting fast, in lockstep.
        self.new_accounts: set[str] = set()
        self.thin_accounts: set[str] = set()
        self.fast_accounts: set[str] = set()
        self.lock_accounts: set[str] = set()
        self.ratings: list[int] = []
        #: Sentiment labels of the members without rating.
        self.polarities: list[str] = []
        self.burst: Entry | None = None
        self.dup_members: list[Entry] = []
        self.clusters = 0
        self._sets = DisjointSets()
        self._held: dict[object, int] = {}  # cluster root -> members in it
        self._no_dup: list[Entry] = []
        self._no_lock: list[Entry] = []
        #: Members whose own likelihood ratio is under WEAK_EVIDENCE (rechecked:
        #: a copy or a lockstep partner found later raises it).
        self.weak: list[Entry] = []

    def update(self, member_ids: list[str], entries: dict[str, Entry]) -> None:
        """Count the members added since the last call and the features turned on since."""
        for item_id in member_ids[self.done:]:
            e = entries.get(item_id)
            if e is None:
                continue
            self.n += 1
            self.first = e.at if self.first is None else min(self.first, e.at)
            self.last = e.at if self.last is None else max(self.last, e.at)
            self.times.append(e.ts)
            self.accounts.add(e.author)
            if e.features["state"] == "new":
                self.new_accounts.add(e.author)
            elif e.features["state"] == "thin":
                self.thin_accounts.add(e.author)
            if e.features["velocity"]:
                self.fast_accounts.add(e.author)
            if e.item.rating is not None:
                self.ratings.append(e.item.rating)
            elif e.item.polarity is not None:
                self.polarities.append(e.item.polarity)
            p = -float(e.suspicion.evidence["burst_log10_p"])  # type: ignore[arg-type]
            if self.burst is None or p > -float(
                    self.burst.suspicion.evidence["burst_log10_p"]):  # type: ignore[arg-type]
                self.burst = e
            self._no_dup.append(e)
            self._no_lock.append(e)
            self.weak.append(e)
        self.done = len(member_ids)
        self.weak = [e for e in self.weak if _own_evidence(e) < WEAK_EVIDENCE]
        still = []
        for e in self._no_dup:
            if e.features["duplicate"]:
                self._add_copy(e)
            else:
                still.append(e)
        self._no_dup = still
        still = []
        for e in self._no_lock:
            if e.features["lockstep"]:
                self.lock_accounts.add(e.author)
            else:
                still.append(e)
        self._no_lock = still

    def core(self, share: float = CORE_SHARE) -> tuple[int, float]:
        """``(k, seconds)``: the shortest stretch of time holding ``k = ceil(share * n)``
        members. A campaign's span can be stretched by a member or two hours
        away from the rest; the core says where it happened."""
        times = sorted(self.times)
        k = max(1, math.ceil(share * len(times)))
        if len(times) < 2 or k < 2:
            return len(times), 0.0
        return k, min(times[i + k - 1] - times[i] for i in range(len(times) - k + 1))

    def _add_copy(self, e: Entry) -> None:
        sets, held = self._sets, self._held
        root = sets.find(e.item.id)
        if not held.get(root):
            self.clusters += 1
        held[root] = held.get(root, 0) + 1
        for other in e.duplicate_of:
            a, b = sets.find(e.item.id), sets.find(other)
            if a == b:
                continue
            ca, cb = held.pop(a, 0), held.pop(b, 0)
            sets.union(a, b)
            if ca and cb:
                self.clusters -= 1
            if ca + cb:
                held[sets.find(a)] = ca + cb
        self.dup_members.append(e)
