"""The reasons and figures of a suspected campaign, as a person reads them.

:func:`describe` turns a campaign's accumulated member figures
(:class:`~listener.detection.campaign_state.CampaignStats`) into its
``reasons`` (sentences with their numbers, e.g. "14 reviews in 6 h from 13
accounts, 13 first seen with this item ...") and ``figures`` (the same
numbers for the store, the TUI and webhooks). Pure: it reads the statistics
and writes the two fields of the campaign, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from listener.detection.campaign_models import Campaign, CampaignConfig
from listener.detection.campaign_state import WEAK_EVIDENCE, CampaignStats
from listener.i18n import ENGLISH, Message, Translator, message_from_json, msg

__all__ = ["CAUTION", "CAUTION_SHORT", "campaign_summary", "describe", "has_caution", "is_caution",
           "polarity_message", "short_copies_caution", "short_copies_message"]

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
    return ENGLISH.render(short_copies_message(min_chars))


def short_copies_message(min_chars: int) -> Message:
    """:func:`short_copies_caution` as a :class:`~listener.i18n.Message`."""
    return msg("caution: its copied texts are all short (under {n} characters), which "
               "customers describing the same problem also write, and no two accounts acted "
               "together elsewhere; a genuine crowd (after an incident, press coverage) can "
               "look like this, so read the reviews before acting", n=min_chars)


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

    core_n, core_s = stats.core()
    core_h = core_s / 3600
    # "38 reviews in 12 h" where 31 came in 2 h: say where the campaign happened.
    within: Message | str = (
        msg(" ({core} of them within {duration})", core=core_n, duration=_duration(core_h))
        if n >= 5 and span_h >= 2 and core_h <= span_h / 2 else "")
    figures = {"n": n, "hours": span_h, "within": within, "accounts": len(accounts), "new": new,
               "thin": thin, "max_prior": cfg.thin_max_prior}
    messages = [
        msg("{n} reviews in {hours:.0f} h{within} from {accounts} accounts, {new} first seen "
            "with this item and {thin} with at most {max_prior} earlier items", **figures)
        if ratings else
        msg("{n} mentions in {hours:.0f} h{within} from {accounts} accounts, {new} first seen "
            "with this item and {thin} with at most {max_prior} earlier items", **figures)]
    if dup_members:
        messages.append(Message(
            "{copies} near-duplicates of {n} text across different accounts",
            {"copies": len(dup_members)},
            plural="{copies} near-duplicates of {n} texts across different accounts",
            count=clusters))
    if lock:
        messages.append(msg("{n} accounts reviewed the same other targets together (lockstep)",
                            n=lock))
    if fast:
        messages.append(msg("{n} accounts posted another item within {hours:.0f} h", n=fast,
                            hours=cfg.velocity_hours))
    if ratings:
        mean = sum(ratings) / len(ratings)
        extreme = sum(r in (1, 5) for r in ratings)
        usual: Message | str = ("" if usual_rating is None
                                else msg(" vs usual {usual:.1f}", usual=usual_rating))
        messages.append(msg("mean rating {mean:.1f}{usual}; {extreme} of {total} ratings are "
                            "1 or 5", mean=mean, usual=usual, extreme=extreme,
                            total=len(ratings)))
    polar = polarity_message(stats.polarities, usual_polarity)
    if polar is not None:
        messages.append(polar[0])
    if ev.get("burst_expected") is not None:
        messages.append(msg("{count} items on the target in {hours:.0f} h vs {expected:.1f} "
                            "expected", count=ev["burst_count"], hours=cfg.burst_hours,
                            expected=ev["burst_expected"]))
    messages.append(msg("fits the '{profile}' pattern; log-likelihood ratio {llr:.1f} against "
                        "genuine activity", profile=campaign.profile, llr=llr))
    weak = len(stats.weak)
    if weak:
        # Members flagged for the campaign around them rather than for
        # themselves: where a real crowd overlaps a campaign (a holiday, an
        # incident), these are the genuine customers at risk.
        messages.append(Message(
            "{weak} of {n} members carry little evidence of their own (likelihood ratio "
            "under {limit:.0f} each): they are flagged for arriving with the others; check "
            "them before acting", {"weak": weak, "n": n, "limit": WEAK_EVIDENCE},
            plural="{weak} of {n} members carry little evidence of their own (likelihood "
            "ratio under {limit:.0f} each): they are flagged for arriving with the others; "
            "check them before acting", count=weak))
    short_copies = sum(1 for e in dup_members if e.length == "short")
    if len(dup_members) - short_copies < 2 and lock < 2:
        # Only timing, accounts and ratings: the same traces a genuine crowd
        # leaves (the worst mistake is calling real customers fake). One
        # text copied elsewhere is no trace of a crowd acting together, nor
        # is one account, nor are short texts that customers hit by the same
        # problem write alike ("Keeps crashing").
        messages.append(msg(CAUTION) if len(dup_members) < 2
                        else short_copies_message(cfg.duplicate_min_chars))
    campaign.reason_messages = messages
    reasons = [ENGLISH.render(m) for m in messages]
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


def campaign_summary(record: Mapping[str, Any], tr: Translator = ENGLISH) -> str:
    """A campaign's one-line summary (alerts, chat): its first two reasons, then the
    caution and the weak members in a few words; in ``tr``'s language when the record
    holds its ``reason_messages``, else in English."""
    reasons = [str(r) for r in record.get("reasons") or []]
    shown = reasons
    stored = record.get("reason_messages")
    if tr.lang != "en" and isinstance(stored, list) and len(stored) == len(reasons):
        messages = [message_from_json(m) for m in stored]
        if all(m is not None for m in messages):
            shown = [tr.render(m) for m in messages if m is not None]
    sep = tr("; ")
    summary = sep.join(shown[:2]) or tr("suspected campaign on {target}",
                                        target=str(record.get("target")))
    if has_caution(reasons):
        # Chat messages show the summary, not every reason.
        summary += sep + tr("caution: little ties these accounts together, could be a "
                            "genuine crowd")
    figures = record.get("figures") or {}
    weak = int(figures.get("weak_members", 0) or 0)
    if weak:
        summary += sep + tr("{weak} of {n} members on weak evidence", weak=weak,
                            n=figures.get("members", "?"))
    return summary


def _duration(hours: float) -> Message:
    """``45 min`` under an hour, else ``2.3 h``."""
    if hours < 1:
        return msg("{minutes} min", minutes=max(1, round(hours * 60)))
    return msg("{hours:.1f} h", hours=hours)


def polarity_message(labels: list[str], usual: list[int] | None
                     ) -> tuple[Message, dict[str, float]] | None:
    """Uniform polarity of the members without rating, against the target's mentions.

    ``labels`` are the members' sentiment labels; ``usual`` the target's
    settled unrated mentions as ``[negative, positive, labelled]``. Returns the
    reason as a :class:`~listener.i18n.Message` and its figures, or None when no
    member carries a label.
    """
    if not labels:
        return None
    n = len(labels)
    neg = labels.count("negative")
    pos = labels.count("positive")
    side, count, index = ("negative", neg, 0) if neg >= pos else ("positive", pos, 1)
    figures: dict[str, float] = {"negative_mentions": neg, "positive_mentions": pos,
                                 "labelled_mentions": n}
    usually: Message | str = ""
    if usual is not None and usual[2] >= 20:
        share = usual[index] / usual[2]
        usually = msg(" vs {share:.0f} % of this target's mentions usually", share=100 * share)
        figures[f"usual_{side}_share"] = round(share, 3)
    if side == "negative":
        return msg("{count} of {n} mentions negative by sentiment{usually}", count=count, n=n,
                   usually=usually), figures
    return msg("{count} of {n} mentions positive by sentiment{usually}", count=count, n=n,
               usually=usually), figures
