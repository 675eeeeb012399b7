"""Records of the campaign detector: its input, its settings and its output.

Plain dataclasses without I/O, so the daemon can store them, the TUI can show
them and the evaluation can write them as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from listener.i18n import Message

__all__ = [
    "ReviewItem",
    "CampaignConfig",
    "FakeProfile",
    "DEFAULT_PROFILES",
    "ItemSuspicion",
    "Campaign",
    "CampaignEvent",
]


@dataclass(slots=True, frozen=True)
class ReviewItem:
    """One review (``rating`` 1-5) or plain mention (``rating`` None) about ``target``.

    ``author`` None means anonymous: the item counts as a first-seen account.
    """

    id: str
    target: str
    author: str | None
    text: str
    published_at: datetime
    rating: int | None = None
    title: str | None = None
    source: str | None = None
    #: Sentiment label of the text (``negative``, ``neutral``, ``positive``) as
    #: the daemon scored it. For a mention without rating it is the only
    #: polarity there is, reported in a campaign's reasons.
    polarity: str | None = None


@dataclass(slots=True, frozen=True)
class FakeProfile:
    """How the members of one kind of campaign look, feature by feature.

    Each number is the probability of the feature among campaign members; the
    detector compares it with the same probability among the target's genuine
    items (learned from the stream), which gives a likelihood ratio per item.
    """

    name: str
    new: float
    thin: float
    duplicate: float
    lockstep: float
    velocity: float
    history_extreme: float
    extreme: float
    #: Share of the near-duplicates that are short texts (under duplicate_min_chars),
    #: at most: on a target whose texts are less often short, that share instead.
    short_duplicate: float = 0.3

    def rating_probability(self, direction: str, rating: int) -> float:
        """P(rating | member) within a direction group (ratings 1-3 or 3-5).

        ``extreme`` goes to 1 (or 5); of the rest, 85 % to 2 (or 4) and 15 % to 3.
        """
        distance = rating - 1 if direction == "negative" else 5 - rating
        if distance == 0:
            return self.extreme
        if distance == 1:
            return (1.0 - self.extreme) * 0.85
        if distance == 2:
            return (1.0 - self.extreme) * 0.15
        return 1e-6

    @property
    def established(self) -> float:
        """Probability that a member account is established."""
        return max(0.0, 1.0 - self.new - self.thin)


def _variants() -> tuple[FakeProfile, ...]:
    """Three kinds of coordination, each in a few strengths.

    A burst of fresh accounts, a bot network posting one template, and a farm
    of aged accounts working together. Each kind comes in variants (how
    uniform the accounts and the ratings are) so that a wave made only of new
    accounts is not judged against a profile that expects a quarter of old
    ones; the best-fitting variant is used, at the cost of a slightly higher
    threshold for having tried several.
    """
    out = []
    for extreme in (0.8, 0.97):
        for new in (0.75, 0.95):
            out.append(FakeProfile("fresh-accounts", new=new, thin=(1 - new) * 0.8,
                                   duplicate=0.3, lockstep=0.05, velocity=0.10,
                                   history_extreme=0.5, extreme=extreme))
        out.append(FakeProfile("template", new=0.55, thin=0.35, duplicate=0.9, lockstep=0.10,
                               velocity=0.15, history_extreme=0.5, extreme=extreme,
                               short_duplicate=0.3))
        for lockstep in (0.05, 0.5, 0.85):
            out.append(FakeProfile("account-farm", new=0.10, thin=0.80, duplicate=0.15,
                                   lockstep=lockstep, velocity=0.35, history_extreme=0.6,
                                   extreme=extreme))
    return tuple(out)


#: The campaign kinds compared (see :func:`_variants`).
DEFAULT_PROFILES = _variants()


@dataclass(slots=True)
class CampaignConfig:
    """Settings of :class:`~listener.detection.campaigns.CampaignDetector`.

    Durations are in hours unless the name says otherwise.
    """

    #: Scan windows, ending at the newest item, in which groups are scored.
    window_hours: tuple[float, ...] = (6.0, 24.0, 72.0)
    #: A campaign closes when no new member arrived for this long (counted from
    #: its opening when it was found after its members).
    quiet_hours: float = 24.0
    #: Only members at least three times as likely to belong to the campaign as
    #: not (posterior membership >= 0.75; flagging needs even odds) keep it open
    #: for another ``quiet_hours``. Ordinary reviews that look a little like its
    #: members (a new account, an extreme rating) can be flagged while the
    #: campaign is in the scan window; without this a busy period after a
    #: campaign (a holiday) kept it open for days, each look-alike flagged
    #: because the campaign was still there (0: every member prolongs it, the
    #: behaviour before).
    extend_min_membership: float = 0.75
    #: Near-duplicate search: look-back, Jaccard threshold, shortest "long" text.
    duplicate_days: float = 7.0
    duplicate_threshold: float = 0.4
    duplicate_min_chars: int = 30
    #: Texts from ``duplicate_min_chars`` up to this many characters are
    #: "medium": one shared sentence can make two of them near-duplicates, so
    #: their genuine rate of near-duplicates is learned apart from longer
    #: texts' (as the short texts' is). At most ``duplicate_min_chars``: no
    #: medium class.
    duplicate_medium_chars: int = 100
    #: Compare texts with repeated letters collapsed ("uupload", "thiss"):
    #: a doubled key is a common slip, and an edited copy's typos should not
    #: hide it.
    duplicate_collapse_repeats: bool = True
    #: Texts shorter than this are not compared at all; between the two limits a
    #: copy counts as a "short" near-duplicate, whose rate is learned separately
    #: (short praise such as "great app" repeats naturally).
    duplicate_short_chars: int = 8
    #: A text is a near-duplicate when this many other accounts posted a copy
    #: (two coincidences are much rarer than one, even in a busy week).
    duplicate_min_accounts: int = 2
    #: Accounts with at most this many earlier items are "thin" (1..N), none is "new".
    thin_max_prior: int = 5
    #: "Many reviews in a short span": another item by the author within this time.
    velocity_hours: float = 24.0
    #: Lockstep: two accounts reviewed the same other target within this time.
    lockstep_hours: float = 24.0
    #: Rate of lockstep among genuine items. Lockstep is a test at the 1 % level
    #: against chance meetings (genuine rate measured on simulated streams,
    #: seeds 1-6 and 101-103: 0.06 % of non-new genuine items, 0.3 % in holiday
    #: peaks), so the rate is fixed at the test's level rather than learned
    #: per target.
    lockstep_genuine_rate: float = 0.01
    #: Compare lockstep pairs again when one of them posts on a new target.
    lockstep_recheck: bool = True
    #: Accounts with more earlier items than this are not checked for lockstep.
    lockstep_max_prior: int = 30
    #: At most this many recent accounts of the group (the latest first) are
    #: compared with a new item's account: bounds the cost on busy targets.
    lockstep_max_partners: int = 50
    #: Volume burst (for reasons and the burst baseline): look-back and baseline span.
    burst_hours: float = 6.0
    baseline_days: float = 28.0
    #: Prior log-odds against a campaign; the campaign probability is
    #: sigmoid(log-likelihood ratio - prior_log_odds).
    prior_log_odds: float = 8.0
    #: Highest prior share of campaign members used for an item's membership
    #: (the share fitted to a window can reach 0.97; capping it keeps reviews
    #: with little evidence of their own below the flag threshold).
    membership_prior: float = 0.7
    #: Half-widths (hours) of the intervals around an item in which the share
    #: of items in excess of the group's usual volume caps its prior
    #: membership (see ``StreamVolume.local_priors``); empty: no cap.
    membership_half_hours: tuple[float, ...] = (3.0, 12.0)
    #: Scale that usual volume by the other targets' volume in the same
    #: interval (time of day, holidays raise every target's volume).
    membership_context: bool = True
    #: Volume evidence: a group's count in a scan window that ordinary traffic
    #: would rarely reach is evidence, at most ``volume_evidence_cap`` nats,
    #: for a share of members that explains it (0: volume is not evidence).
    volume_evidence_cap: float = 3.0
    #: Over-dispersion of a window's ordinary count (negative binomial phi;
    #: for the share of the stream, the same relative variance).
    volume_dispersion: float = 0.1
    #: A campaign explains a surge only if the non-extreme ratings (2-3 or
    #: 3-4 stars) it leaves behind look ordinary too: a genuine surge raises
    #: them, a campaign does not. False only to measure what this check does.
    volume_middle_ratings: bool = True
    #: Item suspicion at or above which an item is flagged...
    flag_threshold: float = 0.5
    #: ...provided its own likelihood ratio is at least this: the group's
    #: evidence alone never flags a review.
    min_flag_ratio: float = 1.2
    #: Fewest distinct accounts among members for a group to be a campaign.
    min_accounts: int = 4
    #: Each feature's likelihood ratio lies in [1/cap, cap]: the genuine rate
    #: is floored at (largest campaign kind's rate) / cap, so the kinds keep
    #: their order, and no ratio falls under 1/cap.
    ratio_cap: float = 25.0
    #: Items enter the background of genuine activity this long after arrival
    #: (once later near-duplicates and lockstep partners have been seen).
    background_delay_hours: float = 24.0
    #: The background forgets half its weight in this many days.
    background_half_life_days: float = 14.0
    #: The account make-up is also counted at these shorter half-lives (days)
    #: and read at the longest one not above half the counts' age: a young
    #: stream's make-up changes fast (everyone starts new, and the share of
    #: returning "thin" accounts grows day by day). Empty: the usual one only.
    background_young_half_lives_days: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)
    #: An item counts in the background as its group's usual share of the
    #: items within this many hours of it (``(e + 3 sqrt(e)) / seen`` with ``e``
    #: expected at the 28-day rate; at most 1), so bursts do not teach that
    #: their make-up is usual. 0 counts every item fully. At most
    #: ``background_delay_hours`` / 2 (the items after it must have arrived).
    background_volume_half_hours: float = 12.0
    #: No campaign is reported before ``warmup_items`` items have settled into
    #: the background of genuine activity (each ``background_delay_hours``
    #: after its publication, so a backlog of older items counts at once) and
    #: the detector has watched at least ``warmup_days`` of stream. A target
    #: first seen later starts from the background of all targets.
    warmup_items: int = 150
    warmup_days: float = 1.0
    #: While the stream is younger than ``young_days``, the account make-up of
    #: genuine traffic is still settling (at first every account is new, then
    #: regulars come back as "thin"), so a campaign needs
    #: ``young_extra_log_odds`` more evidence than later.
    young_days: float = 7.0
    young_extra_log_odds: float = 4.0
    #: An account silent for this many days is forgotten (bounded memory); it
    #: counts as new if it comes back.
    author_horizon_days: float = 90.0
    #: Strength (pseudo-counts) of the global and default priors on background rates.
    target_prior_weight: float = 30.0
    global_prior_weight: float = 30.0
    #: Campaign kinds compared; the best-fitting one is reported.
    profiles: tuple[FakeProfile, ...] = DEFAULT_PROFILES
    #: Items older than this are dropped from memory (scores already reported).
    retention_days: float = 10.0


@dataclass(slots=True)
class ItemSuspicion:
    """Suspicion of one item; updated in place while the item is in a scan window.

    ``score`` is the highest suspicion reached so far, ``flagged_at`` the
    stream time at which it first reached the flag threshold. ``evidence``
    holds the item's features (``author_state``, ``duplicate_of``...) and
    ``burst`` the target's volume burst when the item arrived.
    """

    item_id: str
    target: str
    score: float = 0.0
    flagged_at: datetime | None = None
    campaign_id: str | None = None
    evidence: dict[str, object] = field(default_factory=dict)

    @property
    def likelihood_ratio(self) -> float | None:
        """The item's own likelihood ratio when it was last scored (None if never)."""
        value = self.evidence.get("likelihood_ratio")
        return float(value) if isinstance(value, int | float) else None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {
            "id": self.item_id,
            "target": self.target,
            "score": round(self.score, 6),
            "flagged_at": self.flagged_at.isoformat() if self.flagged_at else None,
            "campaign": self.campaign_id,
            "evidence": dict(self.evidence),
        }


@dataclass(slots=True)
class Campaign:
    """A suspected coordinated campaign against (or for) one target.

    ``direction`` is ``negative`` (ratings 1-2), ``positive`` (4-5) or
    ``unrated`` (plain mentions). ``reasons`` are sentences with figures;
    ``figures`` the same numbers as a dict. ``status`` is ``open`` until no
    likely member (``CampaignConfig.extend_min_membership``) arrived for
    ``quiet_hours`` after ``last_likely_at`` (or after ``opened_at``, for a
    campaign found after its members), then ``closed``;
    ``last_member_at`` is the newest member of any membership.
    """

    id: str
    target: str
    direction: str
    profile: str
    started_at: datetime
    last_member_at: datetime
    #: Newest member likely enough to keep the campaign open.
    last_likely_at: datetime
    score: float
    members: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    #: The same reasons as messages, for readers of other languages (:mod:`listener.i18n`).
    reason_messages: list[Message] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)
    status: str = "open"
    opened_at: datetime | None = None
    closed_at: datetime | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {
            "id": self.id,
            "target": self.target,
            "direction": self.direction,
            "profile": self.profile,
            "started_at": self.started_at.isoformat(),
            "last_member_at": self.last_member_at.isoformat(),
            "opened_at": self.opened_at.isoformat() if self.opened_at else None,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "score": round(self.score, 6),
            "status": self.status,
            "members": list(self.members),
            "reasons": list(self.reasons),
            "figures": dict(self.figures),
        }


@dataclass(slots=True, frozen=True)
class CampaignEvent:
    """Something the daemon should store or alert on.

    ``kind`` is ``opened`` (a new campaign), ``grown`` (new members, listed in
    ``new_members``) or ``closed``. ``campaign`` is the live record.
    """

    kind: str
    at: datetime
    campaign: Campaign
    new_members: tuple[str, ...] = ()
