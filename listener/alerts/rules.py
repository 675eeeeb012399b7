"""Which rules an occurrence matches, and the versioned event it becomes (pure, no I/O).

An :class:`Occurrence` is something that happened in the store: a spike alert
opened/escalated/resolved, a campaign opened/grown/closed, one new mention, or a
source failing for a while / recovered.
:func:`matches` decides whether a rule wants it; :func:`held_until` whether it
waits for the end of the rule's quiet hours; :func:`build_event` turns it
into the generic JSON event (schema ``vigie.alert/1``) that every channel
format is rendered from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from listener.alerts.config import SEVERITY_ORDER, RuleConfig
from listener.analysis.textfold import fold_tokens

__all__ = ["Occurrence", "SCHEMA", "DIGEST_SCHEMA", "matches", "build_event", "event_id_for",
           "keyword_hits", "is_closing"]

SCHEMA = "vigie.alert/1"
DIGEST_SCHEMA = "vigie.digest/1"
_LIST_CAP = 5


@dataclass(slots=True)
class Occurrence:
    """One alertable change: ``incident`` groups the events of one thread (``spike:12``)."""

    kind: str
    incident: str
    item_type: str  # alert | campaign | mention | source
    item_id: int
    brand: str
    summary: str
    at: datetime
    severity: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    #: For mention occurrences: label, reach, and the text the keywords are looked for in.
    label: str | None = None
    reach: int | None = None
    text: str = ""
    #: Seconds between publication and fetch (mentions).
    age: float | None = None


def is_closing(kind: str) -> bool:
    """True for events that end an incident (they never start a thread)."""
    return kind.endswith((".resolved", ".closed", ".recovered"))


def keyword_hits(keywords: tuple[str, ...], text: str) -> list[str]:
    """The keywords found in ``text`` as whole words (case and accents ignored)."""
    tokens = fold_tokens(text)
    hits = []
    for kw in keywords:
        want = fold_tokens(kw)
        n = len(want)
        if n and any(tokens[i:i + n] == want for i in range(len(tokens) - n + 1)):
            hits.append(kw)
    return hits


def matches(rule: RuleConfig, occ: Occurrence) -> bool:
    """Does ``rule`` want ``occ``? (event kind, brand, severity, mention conditions)."""
    if occ.kind not in rule.events:
        return False
    # A source scoped to no brand concerns them all (its events carry no brand).
    if rule.brands and occ.brand not in rule.brands and not (occ.item_type == "source"
                                                             and not occ.brand):
        return False
    if (rule.min_severity and occ.severity is not None
            and SEVERITY_ORDER.get(occ.severity, 0) < SEVERITY_ORDER[rule.min_severity]):
        return False
    if occ.kind == "mention":
        if rule.labels and occ.label not in rule.labels:
            return False
        if rule.min_reach is not None and (occ.reach or 0) < rule.min_reach:
            return False
        if rule.max_age and occ.age is not None and occ.age > rule.max_age:
            return False
        if rule.keywords and not keyword_hits(rule.keywords, occ.text):
            return False
    return True


def held_until(rule: RuleConfig, occ: Occurrence, now: datetime,
               zone: tzinfo) -> datetime | None:
    """When ``occ`` may go out if ``now`` (wall clock) falls in ``rule``'s quiet hours.

    None: it goes now (no quiet hours, outside them, or a spike event of
    severity ``quiet_except`` or above). Otherwise the end of the quiet
    period, in UTC. Quiet hours are wall-clock times in ``zone``: "22:00-07:30"
    ends at 07:30 local time whatever the offset, on the days the clocks change too.
    """
    if rule.quiet_hours is None:
        return None
    if (rule.quiet_except is not None and occ.severity is not None
            and SEVERITY_ORDER.get(occ.severity, 0) >= SEVERITY_ORDER[rule.quiet_except]):
        return None
    start, end = rule.quiet_hours
    local = now.astimezone(zone)
    today = local.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    overnight = end < start
    for day in (-1, 0):  # the period that began yesterday evening, or today
        begins = today + timedelta(days=day, minutes=start)
        ends = today + timedelta(days=day + (1 if overnight else 0), minutes=end)
        first = begins.replace(tzinfo=zone).astimezone(UTC)
        last = ends.replace(tzinfo=zone).astimezone(UTC)
        if first <= now < last:
            return last
    return None


def event_id_for(occ: Occurrence, rule: str, channel: str) -> str:
    """Deterministic idempotency key: the same change for the same rule and channel."""
    basis = "|".join([occ.incident, occ.kind, rule, channel, occ.at.isoformat(),
                      occ.severity or ""])
    return "evt_" + hashlib.sha256(basis.encode()).hexdigest()[:24]


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _trim(data: dict[str, Any]) -> dict[str, Any]:
    """Keep webhook bodies small: no chart series, lists cut to a few items."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "series":
            continue
        if isinstance(value, list) and len(value) > _LIST_CAP:
            value = value[:_LIST_CAP]
        out[key] = value
    return out


def build_event(occ: Occurrence, *, event_id: str, thread_id: str, rule: RuleConfig,
                created_at: datetime, keywords: list[str] | None = None) -> dict[str, Any]:
    """The generic ``vigie.alert/1`` event (see ``docs/alerts.md``)."""
    return {
        "schema": SCHEMA,
        "id": event_id,
        "thread_id": thread_id,
        "update": thread_id != event_id,
        "kind": occ.kind,
        "rule": rule.name,
        "brand": occ.brand,
        "severity": occ.severity,
        "summary": occ.summary,
        "occurred_at": _iso(occ.at),
        "created_at": _iso(created_at),
        "item": {"type": occ.item_type, "id": occ.item_id},
        "keywords": keywords or [],
        "data": _trim(occ.data),
    }
