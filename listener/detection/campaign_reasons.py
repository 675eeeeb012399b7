"""The reasons and figures of a suspected campaign, as a person reads them.

:func:`describe` turns a campaign's accumulated member figures
(:class:`~listener.detection.campaign_state.CampaignStats`) into its
``reasons`` (sentences with their numbers, e.g. "14 reviews in 6 h from 13
accounts, 13 first seen with this item ...") and ``figures`` (the same
numbers for the store, the TUI and webhooks). Pure: it reads the statistics
and writes the two fields of the campaign, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable

from listener.detection.campaign_models import Campaign, CampaignConfig
from listener.detection.campaign_state import WEAK_EVIDENCE, CampaignStats

__all__ = ["CAUTION", "CAUTION_SHORT", "describe", "has_caution", "is_caution",
           "polarity_reason", "short_copies_caution"]

#: Added to the reasons of a campaign with fewer than two copies and two lockstep accounts.
CAUTION = ("caution: at most one copied text and no two accounts acting together elsewhere; "
           "a genuine crowd (after an incident, press coverage) can look like this, so read "
           "the reviews before acting")
#: The caution's wording until 2026-12-07 (it said "no copied texts" even with one),
#: still found in the reasons of campaigns stored before.
_CAUTION_BEFORE = ("caution: no copied texts and no accounts acting together elsewhere; a "
                   "genuine crowd (after an incident, press coverage) can look like this, so "
                   "read the reviews before acting")
#: The cautions in a few words, for one-line summaries (alerts, ``vigie status``).
CAUTION_SHORT = "caution: little ties these accounts together"


#: How the caution of :func:`short_copies_caution` begins, whatever the length limit.
_SHORT_COPIES_START = "caution: its copied texts are all short"


def short_copies_caution(min_chars: int) -> str:
    """The caution of a campaign whose copies are all short texts (under ``min_chars``).

    "Keeps crashing" or "Crashes since the update!" written by several
    customers after the same incident are near-duplicates too: short copies
    are no trace of accounts acting together.
    """
    return (f"{_SHORT_COPIES_START} (under {min_chars} characters), which "
            "customers describing the same problem also write, and no two accounts acted "
            "together elsewhere; a genuine crowd (after an incident, press coverage) can "
            "look like this, so read the reviews before acting")


def is_caution(reason: str) -> bool:
    """Whether ``reason`` is a caution (in its current or an earlier, stored wording)."""
    return reason in (CAUTION, _CAUTION_BEFORE) or reason.startswith(_SHORT_COPIES_START)


def has_caution(reasons: Iterable[str]) -> bool:
    """Whether a campaign's ``reasons`` end with (or hold) the caution."""
    return any(is_caution(reason) for reason in reasons)


def describe(campaign: Campaign, stats: CampaignStats, cfg: CampaignConfig, llr: float, *,
             usual_rating: float | None, usual_polarity: list[int] | None) -> None:
    """Set ``campaign.reasons`` and ``campaign.figures`` from its members' ``stats``.

    ``usual_rating`` is the target's mean settled rating (None when too few),
    ``usual_polarity`` its settled unrated mentions as ``[negative, positive,
    labelled]``; ``llr`` is the campaign's log-likelihood ratio.
    """
    n = stats.n
    accounts = stats.accounts
    span_h = (stats.last - stats.first).total_seconds() / 3600  # type: ignore[operator]
    new, thin = len(stats.new_accounts), len(stats.thin_accounts - stats.new_accounts)
    fast = len(stats.fast_accounts)
    dup_members = stats.dup_members
    clusters = stats.clusters
    lock = len(stats.lock_accounts)
    ratings = stats.ratings
    assert stats.burst is not None
    ev = stats.burst.suspicion.evidence

    noun = "reviews" if ratings else "mentions"
    core_n, core_s = stats.core()
    core_h = core_s / 3600
    # "38 reviews in 12 h" where 31 came in 2 h: say where the campaign happened.
    within = (f" ({core_n} of them within {_duration(core_h)})"
              if n >= 5 and span_h >= 2 and core_h <= span_h / 2 else "")
    reasons = [f"{n} {noun} in {span_h:.0f} h{within} from {len(accounts)} accounts, "
               f"{new} first seen with this item and {thin} with at most "
               f"{cfg.thin_max_prior} earlier items"]
    if dup_members:
        reasons.append(f"{len(dup_members)} near-duplicates of {clusters} "
                       f"text{'s' if clusters != 1 else ''} across different accounts")
    if lock:
        reasons.append(f"{lock} accounts reviewed the same other targets together (lockstep)")
    if fast:
        reasons.append(f"{fast} accounts posted another item within "
                       f"{cfg.velocity_hours:.0f} h")
    if ratings:
        mean = sum(ratings) / len(ratings)
        extreme = sum(r in (1, 5) for r in ratings)
        text = f"mean rating {mean:.1f}"
        if usual_rating is not None:
            text += f" vs usual {usual_rating:.1f}"
        reasons.append(f"{text}; {extreme} of {len(ratings)} ratings are 1 or 5")
    polar = polarity_reason(stats.polarities, usual_polarity)
    if polar is not None:
        reasons.append(polar[0])
    if ev.get("burst_expected") is not None:
        reasons.append(f"{ev['burst_count']} items on the target in {cfg.burst_hours:.0f} h "
                       f"vs {ev['burst_expected']:.1f} expected")
    reasons.append(f"fits the '{campaign.profile}' pattern; log-likelihood ratio "
                   f"{llr:.1f} against genuine activity")
    weak = len(stats.weak)
    if weak:
        # Members flagged for the campaign around them rather than for
        # themselves: where a real crowd overlaps a campaign (a holiday, an
        # incident), these are the genuine customers at risk.
        reasons.append(f"{weak} of {n} members carry little evidence of their own "
                       f"(likelihood ratio under {WEAK_EVIDENCE:.0f} each): they are flagged "
                       "for arriving with the others; check them before acting")
    short_copies = sum(1 for e in dup_members if e.length == "short")
    if len(dup_members) - short_copies < 2 and lock < 2:
        # Only timing, accounts and ratings: the same traces a genuine crowd
        # leaves (the worst mistake is calling real customers fake). One
        # text copied elsewhere is no trace of a crowd acting together, nor
        # is one account, nor are short texts that customers hit by the same
        # problem write alike ("Keeps crashing").
        reasons.append(CAUTION if len(dup_members) < 2
                       else short_copies_caution(cfg.duplicate_min_chars))
    campaign.reasons = reasons
    campaign.figures = {
        "members": n, "accounts": len(accounts), "span_hours": round(span_h, 2),
        "core_members": core_n, "core_hours": round(core_h, 2),
        "new_accounts": new, "thin_accounts": thin, "near_duplicates": len(dup_members),
        "duplicate_texts": clusters, "lockstep_accounts": lock, "fast_accounts": fast,
        "mean_rating": round(sum(ratings) / len(ratings), 3) if ratings else -1.0,
        "usual_rating": round(usual_rating, 3) if usual_rating is not None else -1.0,
        "log_likelihood_ratio": round(llr, 3),
        "short_copies": short_copies,
        # Copies of texts of duplicate_min_chars or more, and lockstep accounts.
        "direct_traces": len(dup_members) - short_copies + lock,
        "weak_members": weak,
    }
    if polar is not None:
        campaign.figures.update(polar[1])


def _duration(hours: float) -> str:
    """``45 min`` under an hour, else ``2.3 h``."""
    return f"{max(1, round(hours * 60))} min" if hours < 1 else f"{hours:.1f} h"


def polarity_reason(labels: list[str], usual: list[int] | None
                    ) -> tuple[str, dict[str, float]] | None:
    """Uniform polarity of the members without rating, against the target's mentions.

    ``labels`` are the members' sentiment labels; ``usual`` the target's
    settled unrated mentions as ``[negative, positive, labelled]``. Returns the
    reason and its figures, or None when no member carries a label.
    """
    if not labels:
        return None
    n = len(labels)
    neg = labels.count("negative")
    pos = labels.count("positive")
    side, count, index = ("negative", neg, 0) if neg >= pos else ("positive", pos, 1)
    text = f"{count} of {n} mentions {side} by sentiment"
    figures: dict[str, float] = {"negative_mentions": neg, "positive_mentions": pos,
                                 "labelled_mentions": n}
    if usual is not None and usual[2] >= 20:
        share = usual[index] / usual[2]
        text += f" vs {100 * share:.0f} % of this target's mentions usually"
        figures[f"usual_{side}_share"] = round(share, 3)
    return text, figures
