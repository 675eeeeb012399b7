"""Streaming detection of coordinated fake-review and mention campaigns.

The detector looks for *coordination* (timing, duplicated text, account
histories, ratings), never for a writing style. It is pure: no I/O, and the
only clock is the stream time (the items' ``published_at``, or ``now`` given
to :meth:`CampaignDetector.tick`), so the daemon and ``vigie eval campaigns``
run exactly the same code.

Use from the daemon::

    detector = CampaignDetector(CampaignConfig())
    for item in new_items:                      # ReviewItem, in arrival order
        for event in detector.observe(item):    # CampaignEvent
            store.save_campaign(event.campaign.to_dict()); alert(event)
        store.save_suspicion(detector.suspicion(item.id).to_dict())
    detector.tick(now)                          # closes quiet campaigns

``observe`` returns ``opened`` / ``grown`` / ``closed`` events; the
:class:`~listener.detection.campaign_models.ItemSuspicion` of an item is
updated in place while the item stays in a scan window (72 h by default), so
keep the object or ask again later. Suspicion only grows.

How it decides
--------------
Each item gets features from what the stream showed before it: account state
(``new``: first item of the account; ``thin``: 1-5 earlier items;
``established``; an item with no author, or under a platform's placeholder
for unidentified reviewers such as "Amazon Customer" or "[deleted]", is an
account of its own), near-duplicate (at least two other accounts posted a text
within Jaccard 0.4 of it in the last 7 days; MinHash over character
shingles, repeated letters collapsed; its genuine rate is learned per length
class, short, medium and long, because one shared sentence makes two short
texts copies, and a campaign's copies are taken to be short no more often
than the target's texts are), lockstep (accounts of its group that gave the
same rating met this one on other targets within 24 h far more often than
chance; a meeting that happens after the two were compared, a farm working
two targets at once, is counted when it happens), velocity (another item by
the account in the last 24 h), whether every earlier rating of the account
was extreme, and its rating.

For each feature the detector knows its rate among the target's items
(learned online, per rating direction for the account make-up, see
:mod:`~listener.detection.campaign_background`; lockstep has a fixed genuine
rate because it is already a test against chance) and its rate among members
of each campaign kind (:data:`~listener.detection.campaign_models.DEFAULT_PROFILES`).
Their ratio, multiplied over features, is the item's likelihood ratio ``LR``.

Items of one target and rating direction (``negative`` 1-3, ``positive``
3-5, ``unrated``; a 3-star review sits in both rated groups, as evidence that
ratings are spread) inside a scan window (6 h, 24 h, 72 h) form a group,
modelled as a mixture: a share ``pi`` are campaign members, the rest genuine.
The group's log-likelihood ratio is ``max over pi and kind of
sum(log(1 - pi + pi * LR))``; it is at most 0 on average for genuine items,
whatever their volume. That is the point: a genuine complaint wave or a
holiday peak changes volume, not the make-up of the accounts and texts, nor
the spread of ratings within a direction, so a burst or a drop of the mean
rating is not evidence by itself. The campaign probability is
``sigmoid(LLR - prior_log_odds)``; each item's suspicion is that probability
times its posterior membership ``p*LR / (1 - p + p*LR)`` with ``p = min(pi,
membership_prior)``. Items reaching ``flag_threshold`` whose own ``LR`` is at
least ``min_flag_ratio`` are flagged and join the open campaign of their group,
or open one when at least ``min_accounts`` accounts are likely members and at
least ``min_accounts`` are flagged together (fewer wait, unflagged, for more:
a campaign of one or two reviews is not one a person can judge).

State is in memory and bounded. After a restart, replay the stored items of
the last weeks (thousands of items take under a second); nothing is reported
until ``warmup_items`` items have settled into the background (a day after
their publication) over at least ``warmup_days``, and while the stream is
younger than ``young_days`` a campaign needs ``young_extra_log_odds`` more
evidence (the account make-up is still settling). ``retention_days`` bounds
the items kept, the near-duplicate index keeps ``duplicate_days``, and an
account history is forgotten after ``author_horizon_days`` without activity.

Cost per item is bounded: at most ``NearDuplicateIndex.max_candidates`` recent
near-duplicate candidates and ``lockstep_max_partners`` recent accounts are
compared, and groups are scored from per-window counts of item signatures
(updated incrementally), not from their items.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np

from listener.detection.campaign_background import Background, account_key
from listener.detection.campaign_lockstep import LockstepTracker
from listener.detection.campaign_models import (
    Campaign,
    CampaignConfig,
    CampaignEvent,
    ItemSuspicion,
    ReviewItem,
)
from listener.detection.campaign_reasons import describe
from listener.detection.campaign_signals import (
    AuthorHistory,
    account_name,
    direction_of,
    groups_of,
    poisson_log10_sf,
)
from listener.detection.campaign_state import CampaignStats, Entry, GroupWindow
from listener.detection.campaign_text import NearDuplicateIndex, normalise_text
from listener.detection.campaign_volume import PI_GRID, StreamVolume

__all__ = ["CampaignDetector", "CampaignConfig", "ReviewItem", "Campaign", "CampaignEvent",
           "ItemSuspicion"]

_RATE_REFRESH = timedelta(hours=6)
_MAX_DUP_AUTHORS = 16


def _slug(text: str) -> str:
    """``Hôtel des Pins`` -> ``hotel-des-pins`` (for campaign ids)."""
    return "-".join(normalise_text(text).split())[:40] or "target"


class CampaignDetector:
    """Streaming campaign detector; see the module docstring for the method."""

    def __init__(self, config: CampaignConfig | None = None) -> None:
        self.config = cfg = config or CampaignConfig()
        self._now: datetime | None = None
        self._start: datetime | None = None
        self._authors: dict[str, AuthorHistory] = {}
        self._volume = StreamVolume(cfg)
        self._entries: dict[str, Entry] = {}
        self._order: deque[Entry] = deque()
        # (published_at, arrival number, entry): items reach the detector out
        # of order (the daemon polls feeds one by one, each with days of
        # backlog), and an item must mature by its own time, not wait behind
        # a newer item that arrived first.
        self._unmatured: list[tuple[datetime, int, Entry]] = []
        self._arrivals = 0
        self._groups: dict[tuple[str, str], GroupWindow] = {}
        self._open: dict[tuple[str, str], Campaign] = {}
        self._campaigns: list[Campaign] = []
        self._clusters: dict[str, CampaignStats] = {}
        self._background = Background(target_weight=cfg.target_prior_weight,
                                      global_weight=cfg.global_prior_weight,
                                      half_life=timedelta(days=cfg.background_half_life_days),
                                      young_half_lives=tuple(
                                          timedelta(days=d)
                                          for d in cfg.background_young_half_lives_days))
        self._ratings: dict[str, list[float]] = {}
        #: Per target, settled mentions without rating: [negative, positive, with a label].
        self._polarity: dict[str, list[int]] = {}
        self._tables: dict[str, tuple[datetime, dict[tuple[object, ...], np.ndarray]]] = {}
        self._profile_cache: dict[tuple[object, ...], tuple[np.ndarray, ...]] = {}
        #: Each profile's share of near-duplicates among its members.
        self._dup_shares = np.array([p.duplicate for p in cfg.profiles])
        self._dups = NearDuplicateIndex(
            threshold=cfg.duplicate_threshold, window=timedelta(days=cfg.duplicate_days),
            min_chars=cfg.duplicate_short_chars, collapse_repeats=cfg.duplicate_collapse_repeats)
        self._max_window = timedelta(hours=max(cfg.window_hours))
        self._lockstep = LockstepTracker(cfg, self._authors, self._groups, self._refresh,
                                         self._max_window)
        self._anon = 0
        self._matured = 0
        self._last_prune: datetime | None = None

    # ----------------------------------------------------------------- public API

    @property
    def campaigns(self) -> list[Campaign]:
        """Every campaign found so far, open and closed, oldest first."""
        return list(self._campaigns)

    def suspicion(self, item_id: str) -> ItemSuspicion | None:
        """The live suspicion record of a retained item (None once forgotten)."""
        entry = self._entries.get(item_id)
        return entry.suspicion if entry else None

    def observe(self, item: ReviewItem) -> list[CampaignEvent]:
        """Take one item (in stream order); return the campaign events it caused."""
        at = item.published_at
        if at.tzinfo is None:
            raise ValueError(f"item {item.id}: published_at must be timezone-aware")
        now = at if self._now is None else max(self._now, at)
        if self._start is None:
            self._start = at
        events = self.tick(now)
        entry, touched = self._add(item, now)
        groups = set(touched)
        for group in entry.groups:
            groups.add((item.target, group))
        for key in sorted(groups):
            events.extend(self._evaluate(key, now))
        return events

    def tick(self, now: datetime) -> list[CampaignEvent]:
        """Advance the stream clock: mature old items, close quiet campaigns."""
        if self._now is not None and now < self._now:
            now = self._now
        self._now = now
        self._mature(now)
        events = []
        quiet = timedelta(hours=self.config.quiet_hours)
        for key, campaign in list(self._open.items()):
            # Quiet since its last likely member, or since it was opened when
            # it was found late: a campaign stays open a full quiet period
            # after the person first hears of it, and stragglers still join it.
            if now - max(campaign.last_likely_at, campaign.opened_at or now) > quiet:
                campaign.status = "closed"
                campaign.closed_at = now
                del self._open[key]
                self._clusters.pop(campaign.id, None)
                # Its members are explained: they must not help open a new
                # campaign out of the ordinary items around them.
                old = self._groups.get(key)
                if old is not None:
                    fresh = self._groups[key] = GroupWindow(key[1], len(self.config.window_hours))
                    for e in old.entries:
                        e.positions.pop(key[1], None)
                        if e.suspicion.campaign_id != campaign.id:
                            fresh.append(e)
                events.append(CampaignEvent("closed", now, campaign))
        return events

    # --------------------------------------------------------------- arrival

    def _add(self, item: ReviewItem, now: datetime) -> tuple[Entry, set[tuple[str, str]]]:
        cfg = self.config
        at = item.published_at
        named = account_name(item.author)
        if named is not None:
            author_key = named
        else:
            self._anon += 1
            author_key = f"\x00anonymous-{self._anon}"
        history = self._authors.get(author_key)
        prior = history.count if history else 0
        if prior == 0:
            state = "new"
        elif prior <= cfg.thin_max_prior:
            state = "thin"
        else:
            state = "established"
        direction = direction_of(item.rating)
        velocity = bool(history and history.last_at is not None
                        and at - history.last_at <= timedelta(hours=cfg.velocity_hours))
        features: dict[str, object] = {
            "state": state,
            "duplicate": False,
            "lockstep": False,
            "velocity": velocity,
            "history_extreme": history.history_extreme() if history else None,
        }
        features["rating"] = item.rating

        volume = self._volume.add_target(item.target, at)
        count, expected = volume.burst(at, timedelta(hours=cfg.burst_hours))
        log10p = poisson_log10_sf(count, expected) if expected is not None else 0.0
        suspicion = ItemSuspicion(item.id, item.target, evidence={
            "author_state": state, "author_prior_items": prior, "direction": direction,
            "burst_count": count,
            "burst_expected": round(expected, 3) if expected is not None else None,
            "burst_log10_p": round(log10p, 3),
        })
        # The entry keeps the item without its text: only the features are
        # needed later, and posts can be long.
        kept = replace(item, text="", title=None) if item.text or item.title else item
        entry = Entry(kept, at, author_key, direction, groups_of(item.rating), features,
                       suspicion, ts=at.timestamp())

        touched: set[tuple[str, str]] = set()
        text = " ".join(part for part in (item.title, item.text) if part)
        norm = normalise_text(text)
        entry.length = ("short" if len(norm) < cfg.duplicate_min_chars
                        else "medium" if len(norm) < cfg.duplicate_medium_chars else "long")
        for other_id, _sim in self._dups.add(item.id, text, at, normalised=norm):
            other = self._entries.get(other_id)
            if other is None or other.author == author_key:
                continue
            entry.duplicate_of.add(other_id)
            entry.dup_authors.add(other.author)
            if len(other.dup_authors) < _MAX_DUP_AUTHORS:  # only ">= 2" matters
                other.dup_authors.add(author_key)
            if (not other.features["duplicate"]
                    and len(other.dup_authors) >= cfg.duplicate_min_accounts):
                other.features["duplicate"] = True
                other.suspicion.evidence["near_duplicate"] = True
                self._refresh(other)
                touched.update((other.item.target, g) for g in other.groups)
        features["duplicate"] = len(entry.dup_authors) >= cfg.duplicate_min_accounts
        suspicion.evidence["near_duplicate"] = features["duplicate"]

        # Stream time over which account histories were seen (lockstep chance):
        # the stream's age, not a longer floor, or in a young stream accounts
        # that merely posted in the same few days would meet "far more often
        # than chance" (on a stream without any campaign, two days in).
        span = max(at - (self._start or at), timedelta(hours=cfg.lockstep_hours))
        if direction is not None and history and 0 < prior <= cfg.lockstep_max_prior:
            touched |= self._lockstep.compare(entry, history, span)

        if history is None:
            history = self._authors[author_key] = AuthorHistory(first_seen=at)
        history.record(item.target, at, item.rating)
        if cfg.lockstep_recheck and prior <= cfg.lockstep_max_prior:
            touched |= self._lockstep.recompare(entry, history, span)
        self._lockstep.remember(entry)

        self._entries[item.id] = entry
        self._order.append(entry)
        self._arrivals += 1
        heapq.heappush(self._unmatured, (at, self._arrivals, entry))
        self._volume.add_groups(entry)
        for group in entry.groups:
            window = self._groups.get((item.target, group))
            if window is None:
                window = self._groups[(item.target, group)] = GroupWindow(
                    group, len(cfg.window_hours))
            window.append(entry)
        return entry, touched

    def _refresh(self, entry: Entry) -> None:
        """Recount ``entry`` in its groups after one of its features changed."""
        for group in entry.groups:
            window = self._groups.get((entry.item.target, group))
            if window is not None:
                window.refresh(entry)

    # --------------------------------------------------------------- maturity

    def _mature(self, now: datetime) -> None:
        settle = now - timedelta(hours=self.config.background_delay_hours)
        while self._unmatured and self._unmatured[0][0] < settle:
            entry = heapq.heappop(self._unmatured)[2]
            entry.matured = True
            self._matured += 1
            f = entry.features
            account = account_key(str(f["state"]), False, bool(f["velocity"]),
                                  f["history_extreme"])  # type: ignore[arg-type]
            settled: dict[str, object] = {
                "account": account,
                "duplicate": entry.duplicate_class(),
                "length": entry.length,
            }
            for group in entry.groups:
                settled[f"account|{group}"] = account
                if group != "unrated":
                    settled[f"rating:{group}"] = f["rating"]
            self._background.add(entry.item.target, settled, entry.at,
                                 self._volume.usual_weight(
                entry, now, timedelta(hours=self.config.background_volume_half_hours)))
            if entry.item.rating is not None:
                sums = self._ratings.setdefault(entry.item.target, [0.0, 0.0])
                sums[0] += entry.item.rating
                sums[1] += 1.0
            elif entry.item.polarity is not None:
                counts = self._polarity.setdefault(entry.item.target, [0, 0, 0])
                counts[0] += entry.item.polarity == "negative"
                counts[1] += entry.item.polarity == "positive"
                counts[2] += 1
        limit = now - self._max_window
        for window in self._groups.values():
            window.trim(limit)
        self._volume.trim(limit)
        horizon = timedelta(days=self.config.author_horizon_days)
        if self._last_prune is None or now - self._last_prune >= timedelta(days=1):
            # Accounts silent for longer than the horizon are forgotten: memory
            # stays bounded, and such an account counts as new when it returns.
            self._last_prune = now
            stale = [key for key, h in self._authors.items()
                     if h.last_at is not None and now - h.last_at > horizon]
            for key in stale:
                del self._authors[key]
            # Items older than the widest scan window are no longer re-compared.
            self._lockstep.prune(now)
        forget = now - timedelta(days=self.config.retention_days)
        while self._order and self._order[0].at < forget:
            entry = self._order.popleft()
            self._entries.pop(entry.item.id, None)

    # ------------------------------------------------------------- likelihoods

    def _table(self, target: str, now: datetime) -> dict[tuple[object, ...], np.ndarray]:
        cached = self._tables.get(target)
        if cached is None or now - cached[0] >= _RATE_REFRESH:
            cached = (now, {})
            self._tables[target] = cached
        return cached[1]

    def _profile_rates(self, signature: tuple[object, ...]) -> tuple[np.ndarray, ...]:
        """Each campaign kind's probability of the item's features (cached per signature)."""
        cached = self._profile_cache.get(signature)
        if cached is not None:
            return cached
        state, dup, lock, vel, hist, direction, rating = signature
        q_acc, q_lock, q_dup, q_rating = [], [], [], []
        for prof in self.config.profiles:
            if state == "new":
                q_account = prof.new
            else:
                q_account = prof.thin if state == "thin" else prof.established
                q_account *= prof.velocity if vel else 1.0 - prof.velocity
                if hist is None:
                    q_account *= 0.05
                else:
                    q_account *= 0.95 * (prof.history_extreme if hist
                                         else 1.0 - prof.history_extreme)
            q_acc.append(q_account)
            q_lock.append(prof.lockstep if lock else 1.0 - prof.lockstep)
            if dup == "none":
                q_dup.append(1.0 - prof.duplicate)
            else:
                share = prof.short_duplicate if dup == "short" else 1.0 - prof.short_duplicate
                q_dup.append(prof.duplicate * share)
            if rating is not None:
                q_rating.append(prof.rating_probability(str(direction), int(rating)))  # type: ignore[call-overload]
        cached = (np.array(q_acc), np.array(q_lock), np.array(q_dup), np.array(q_rating))
        self._profile_cache[signature] = cached
        return cached

    def _ratios(self, target: str, signature: tuple[object, ...]) -> np.ndarray:
        state, dup, lock, vel, hist, direction, rating = signature
        cap = self.config.ratio_cap
        rate = self._background.rate
        q_acc, q_lock, q_dup, q_rating = self._profile_rates(signature)

        def ratio(q: np.ndarray, p: float) -> np.ndarray:
            """``q / p`` per profile, at most ``cap`` and at least ``1 / cap``.

            The upper bound floors the genuine rate ``p`` (the estimate not
            trusted below ``max(q) / cap``), the same for every profile, rather
            than clipping each ratio: clipping made every kind that expects a
            rare feature at all equally likely (a copy under ``template``, 90 %
            copies, and under ``fresh-accounts``, 30 %), so the kind a campaign
            was said to fit was decided by its other features.
            """
            p = max(p, float(np.max(q)) / cap)
            return np.maximum(1.0 / cap, q / p)

        # Lockstep is a chance-corrected test, so its genuine rate is fixed
        # (lockstep_genuine_rate) rather than learned: a farm's own earlier
        # jobs on a target must not teach that target that lockstep is normal.
        p_account = self._background.rate_within(
            target, str(direction), "account",
            account_key(str(state), False, bool(vel), hist))  # type: ignore[arg-type]
        lr = ratio(q_acc, p_account)
        if state != "new":
            p_lock = self.config.lockstep_genuine_rate
            lr *= ratio(q_lock, p_lock) if lock else ratio(q_lock, 1.0 - p_lock)
        if dup in ("medium", "long") and (self.config.duplicate_medium_chars
                                          > self.config.duplicate_min_chars):
            # A campaign's copies are as long as the target's texts usually
            # are: of its copies of at least duplicate_min_chars, the share in
            # this length class is the genuine share. The ratio then compares
            # the chance of a copy within the class.
            medium, long_ = rate(target, "length", "medium"), rate(target, "length", "long")
            q_dup = q_dup * ((medium if dup == "medium" else long_) / (medium + long_))
        if dup == "short":
            # A campaign's copies are short texts at most as often as the
            # target's texts are (the profile's short share is a ceiling): on
            # a target whose reviews are seldom short, "Keeps crashing" written
            # by several customers after one bad update is no rare event among
            # short texts. The probability taken from short copies is not given
            # to longer ones, which can only lower the evidence of a copy.
            q_dup = np.minimum(q_dup, self._dup_shares * rate(target, "length", "short"))
        lr *= ratio(q_dup, rate(target, "duplicate", dup))
        if rating is not None:
            lr *= ratio(q_rating, rate(target, f"rating:{direction}", rating))
        return lr

    def _lr_rows(self, target: str, sigs: list[tuple[object, ...]],
                 now: datetime) -> np.ndarray:
        table = self._table(target, now)
        rows = []
        for sig in sigs:
            lr = table.get(sig)
            if lr is None:
                lr = table[sig] = self._ratios(target, sig)
            rows.append(lr)
        return np.vstack(rows)

    # -------------------------------------------------------------- evaluation

    def _evaluate(self, key: tuple[str, str], now: datetime) -> list[CampaignEvent]:
        cfg = self.config
        window = self._groups.get(key)
        if window is None or len(window) < cfg.min_accounts:
            return []
        target = key[0]
        if not self._warm(now):
            return []
        window.advance(now, cfg.window_hours)
        end = window.end()
        # The windows are nested (each ends at the newest item), so the
        # signatures of the widest hold all the others'.
        widest = max(range(len(cfg.window_hours)), key=lambda w: cfg.window_hours[w])
        sigs = list(window.counts[widest])
        if not sigs:
            return []
        lr = self._lr_rows(target, sigs, now)  # (S, P)
        # (G, S, P): log(1 - pi + pi * LR) of one item of each signature
        terms = np.log1p(PI_GRID[:, None, None] * (lr - 1.0)[None, :, :])
        best: tuple[float, int, int, float, int] | None = None  # llr, start, profile, pi, w
        per_window = []
        for w in range(len(cfg.window_hours)):
            counts = window.counts[w]
            weights = np.array([counts.get(sig, 0) for sig in sigs], dtype=float)
            middle = sum(c for sig, c in zip(sigs, weights, strict=True)
                         if sig[-1] is not None and sig[-1] not in (1, 5))
            per_window.append((weights, end - window.starts[w], int(middle)))
        volume = None
        if cfg.volume_evidence_cap > 0:
            extreme_rate = None
            if key[1] != "unrated":
                extreme_rate = self._background.rate(target, f"rating:{key[1]}",
                                                     1 if key[1] == "negative" else 5)
            volume = self._volume.evidence(key, [(n, mid) for _, n, mid in per_window], now,
                                           self._start, extreme_rate)
        for w, (weights, n, _) in enumerate(per_window):
            if n < cfg.min_accounts:
                continue
            totals = np.einsum("s,gsp->gp", weights, terms)  # (G, P)
            if volume is not None:
                totals = totals + volume[w]
            g, p = np.unravel_index(int(np.argmax(totals)), totals.shape)
            llr = float(totals[g, p])
            if best is None or llr > best[0]:
                best = (llr, window.starts[w], int(p), float(PI_GRID[g]), w)
        if best is None or best[0] <= 0:
            return []
        llr, start, prof, pi, w_best = best
        z = llr - cfg.prior_log_odds
        if self._start is not None and now - self._start < timedelta(days=cfg.young_days):
            # The background is still settling (every account is new at first):
            # ask for more evidence rather than stay silent.
            z -= cfg.young_extra_log_odds
        prob = 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
        # Membership uses at most ``membership_prior`` as the prior share of
        # fakes: a review needs evidence of its own (LR > 1) to be flagged, the
        # group's evidence alone never suffices.
        prior = min(pi, cfg.membership_prior)
        sig_lr = {sig: float(x) for sig, x in zip(sigs, lr[:, prof], strict=True)}
        sig_post = {sig: prior * x / (1.0 - prior + prior * x) for sig, x in sig_lr.items()}
        # Fewer likely items than min_accounts: no need to look at the items.
        if sum(window.counts[w_best].get(sig, 0) for sig, m in sig_post.items()
               if m >= 0.5) < cfg.min_accounts:
            return []
        members = window.members(start)
        local = self._volume.local_priors(key, window, start, now, prior)
        # At least min_accounts distinct accounts among the likely members
        # (stop counting once there are enough).
        likely: set[str] = set()
        for e, p_local in zip(reversed(members), reversed(local), strict=True):
            x = sig_lr[e.signatures[key[1]]]
            if p_local * x / (1.0 - p_local + p_local * x) >= 0.5:
                likely.add(e.author)
                if len(likely) >= cfg.min_accounts:
                    break
        if len(likely) < cfg.min_accounts:
            return []
        flagged: list[tuple[Entry, float]] = []  # with membership at flagging
        for entry, p_local in zip(members, local, strict=True):
            sig = entry.signatures[key[1]]
            lr_item = sig_lr[sig]
            m = p_local * lr_item / (1.0 - p_local + p_local * lr_item)
            s = prob * m
            sus = entry.suspicion
            if s > sus.score:
                sus.score = s
                sus.evidence["likelihood_ratio"] = round(lr_item, 3)
                sus.evidence["membership"] = round(m, 3)
                sus.evidence["profile"] = cfg.profiles[prof].name
            if (sus.score >= cfg.flag_threshold and sus.flagged_at is None
                    and lr_item >= cfg.min_flag_ratio):
                flagged.append((entry, m))
        # A campaign opens with at least min_accounts accounts flagged: items
        # that cannot join an open one wait (unflagged, their score kept) for
        # enough others to be flagged with them.
        if (flagged and key not in self._open
                and len({e.author for e, _ in flagged}) < cfg.min_accounts):
            flagged = []
        for entry, _ in flagged:
            entry.suspicion.flagged_at = now
        if not flagged:
            campaign = self._open.get(key)
            if campaign is not None:
                campaign.score = max(campaign.score, prob)
            return []
        return [self._grow(key, flagged, prob, llr, cfg.profiles[prof].name, now)]

    def _warm(self, now: datetime) -> bool:
        """Whether the detector has seen enough of the stream to report.

        Measured in evidence, not calendar time: ``warmup_items`` items must
        have settled into the background (each a day after it was published,
        so a backlog of older items counts at once), over at least
        ``warmup_days`` of stream.
        """
        cfg = self.config
        if self._start is None or now - self._start < timedelta(days=cfg.warmup_days):
            return False
        return self._matured >= cfg.warmup_items

    def _new_id(self, key: tuple[str, str], first: datetime) -> str:
        """``campaign-<target>-<direction>-<first member time>``: stable when a
        restarted daemon replays the same items."""
        base = f"campaign-{_slug(key[0])}-{key[1]}-{first.strftime('%Y%m%dT%H%M')}"
        taken = {c.id for c in self._campaigns}
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def _grow(self, key: tuple[str, str], flagged: list[tuple[Entry, float]], prob: float,
              llr: float, profile: str, now: datetime) -> CampaignEvent:
        """Add newly flagged items (with their membership) to the group's open campaign,
        opening one if none is open."""
        campaign = self._open.get(key)
        kind = "grown"
        if campaign is None:
            kind = "opened"
            first = min(e.at for e, _ in flagged)
            campaign = Campaign(
                id=self._new_id(key, first),
                target=key[0], direction=key[1], profile=profile, started_at=first,
                last_member_at=first, last_likely_at=first, score=prob, opened_at=now)
            self._campaigns.append(campaign)
            self._open[key] = campaign
        for entry, membership in flagged:
            entry.suspicion.campaign_id = campaign.id
            campaign.members.append(entry.item.id)
            campaign.started_at = min(campaign.started_at, entry.at)
            campaign.last_member_at = max(campaign.last_member_at, entry.at)
            # Doubtful members join but do not prolong it (extend_min_membership).
            if kind == "opened" or membership >= self.config.extend_min_membership:
                campaign.last_likely_at = max(campaign.last_likely_at, entry.at)
        campaign.score = max(campaign.score, prob)
        campaign.profile = profile
        self._describe(campaign, llr)
        return CampaignEvent(kind, now, campaign, tuple(e.item.id for e, _ in flagged))

    # --------------------------------------------------------------- reasons

    def _describe(self, campaign: Campaign, llr: float) -> None:
        stats = self._clusters.get(campaign.id)
        if stats is None:
            stats = self._clusters[campaign.id] = CampaignStats()
        stats.update(campaign.members, self._entries)
        if not stats.n:
            return
        sums = self._ratings.get(campaign.target)
        usual = sums[0] / sums[1] if sums and sums[1] >= 5 else None
        describe(campaign, stats, self.config, llr, usual_rating=usual,
                 usual_polarity=self._polarity.get(campaign.target))
