"""What a period looked like, per brand: the figures of ``vigie report``.

A reputation team reports every week or month: how much the brand was talked
about and how negatively, compared with the period before; which spikes and
suspected campaigns happened; how fast the team answered; where the talk came
from; and the few negative mentions that mattered most. :func:`brand_report`
reads all of it for one brand and one period, with the store's own queries
(read-only, index-driven).
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlite_utils

from listener.store.db import parse_iso, utc_iso
from listener.store.incidents import NEGATIVITY_SQL, REACH_WEIGHT_SQL
from listener.store.triage import DONE_STATUSES

__all__ = ["Counts", "Incident", "Sample", "BrandReport", "brand_report", "report_brands"]

_DONE = ", ".join(f"'{s}'" for s in DONE_STATUSES)


@dataclass(frozen=True, slots=True)
class Counts:
    """Mentions of a brand in a period, by label."""

    total: int = 0
    negative: int = 0
    positive: int = 0

    @property
    def negative_share(self) -> float | None:
        """Negative mentions over all (None without mentions)."""
        return self.negative / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Incident:
    """A spike alert or a suspected campaign of the period."""

    kind: str  # spike | campaign
    id: int
    at: str
    severity: str | None
    summary: str
    status: str
    #: The summary as a stored message (JSON text), for readers of other languages.
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Sample:
    """One negative mention worth naming in a report."""

    id: int
    at: str
    author: str | None
    source: str
    reach: int | None
    compound: float
    text: str
    status: str


@dataclass(slots=True)
class BrandReport:
    """Everything ``vigie report`` says about one brand for one period."""

    brand: str
    start: datetime
    end: datetime
    now: Counts
    before: Counts
    sources: list[tuple[str, int]] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    #: Negative mentions of the period someone resolved, ignored or escalated.
    answered: int = 0
    #: Negative mentions of the period still waiting (no triage, or open / snoozed).
    waiting: int = 0
    #: Median hours from publication to the first triage action on a negative mention.
    median_hours_to_action: float | None = None
    samples: list[Sample] = field(default_factory=list)


def report_brands(db: sqlite_utils.Database, start: datetime, end: datetime) -> list[str]:
    """Brands with mentions in ``[start, end)``, by volume."""
    return [r[0] for r in db.execute(
        "SELECT brand FROM mention_brands WHERE published_at >= ? AND published_at < ?"
        " GROUP BY brand ORDER BY count(*) DESC, brand", [utc_iso(start), utc_iso(end)])]


def _counts(db: sqlite_utils.Database, brand: str, start: datetime, end: datetime) -> Counts:
    row = db.execute(
        "SELECT count(*), coalesce(sum(label = 'negative'), 0), coalesce(sum(label = 'positive'), 0)"
        " FROM mention_brands WHERE brand = ? AND published_at >= ? AND published_at < ?",
        [brand, utc_iso(start), utc_iso(end)]).fetchone()
    return Counts(int(row[0]), int(row[1]), int(row[2]))


def brand_report(db: sqlite_utils.Database, brand: str, start: datetime, end: datetime,
                 *, samples: int = 3) -> BrandReport:
    """The report of ``brand`` for ``[start, end)``, compared with the period just before."""
    span = end - start
    params: dict[str, Any] = {"brand": brand, "start": utc_iso(start), "end": utc_iso(end)}
    report = BrandReport(brand=brand, start=start, end=end,
                         now=_counts(db, brand, start, end),
                         before=_counts(db, brand, start - span, start))
    report.sources = [(r[0], int(r[1])) for r in db.execute(
        "SELECT coalesce(s.name, s.url), count(*) FROM mention_brands b"
        " JOIN mentions m ON m.id = b.mention_id JOIN sources s ON s.id = m.source_id"
        " WHERE b.brand = :brand AND b.published_at >= :start AND b.published_at < :end"
        " GROUP BY s.id ORDER BY count(*) DESC, 1 LIMIT 5", params)]
    spikes = db.execute(
        "SELECT a.id, a.opened_at, a.severity, a.summary, coalesce(t.status, 'new'),"
        " json_extract(a.evidence, '$.headline_message') FROM alerts a"
        " LEFT JOIN triage t ON t.kind = 'alert' AND t.item_id = a.id"
        " WHERE a.brand = :brand AND a.opened_at >= :start AND a.opened_at < :end"
        " ORDER BY a.opened_at", params).fetchall()
    campaigns = db.execute(
        "SELECT c.id, c.first_at, NULL, c.reasons, coalesce(t.status, 'new'),"
        " json_extract(c.evidence, '$.reason_messages[0]') FROM campaigns c"
        " LEFT JOIN triage t ON t.kind = 'campaign' AND t.item_id = c.id"
        " WHERE c.target = :brand AND c.first_at >= :start AND c.first_at < :end"
        " ORDER BY c.first_at", params).fetchall()
    report.incidents = sorted(
        [Incident("spike", int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in spikes]
        + [Incident("campaign", int(r[0]), r[1], None, _first_reason(r[3]), r[4], r[5])
           for r in campaigns], key=lambda i: i.at)
    # The brand's negative mentions of the period, with their source and triage state.
    negatives = (
        " FROM mention_brands b JOIN mentions m ON m.id = b.mention_id"
        " JOIN sources s ON s.id = m.source_id"
        " LEFT JOIN triage t ON t.kind = 'mention' AND t.item_id = m.id"
        " WHERE b.brand = :brand AND b.label = 'negative'"
        " AND b.published_at >= :start AND b.published_at < :end")
    answered, waiting = db.execute(
        f"SELECT coalesce(sum(t.status IN ({_DONE}, 'escalated')), 0),"
        f" coalesce(sum(t.status IS NULL OR t.status NOT IN ({_DONE}, 'escalated')), 0)"
        + negatives, params).fetchone()
    report.answered, report.waiting = int(answered), int(waiting)
    delays = [(parse_iso(first) - parse_iso(published)).total_seconds() / 3600
              for published, first in db.execute(
                  "SELECT m.published_at, (SELECT min(l.at) FROM triage_log l"
                  " WHERE l.kind = 'mention' AND l.item_id = m.id)" + negatives, params)
              if first is not None]
    report.median_hours_to_action = statistics.median(delays) if delays else None
    rows = db.execute(
        "SELECT m.id, m.published_at, m.author, coalesce(s.name, s.url), m.reach, m.compound,"
        " CASE WHEN m.title != '' AND instr(m.text, m.title) != 1"
        " THEN m.title || ' · ' || substr(m.text, 1, 300) ELSE substr(m.text, 1, 300) END,"
        " coalesce(t.status, 'new')" + negatives
        + f" ORDER BY {NEGATIVITY_SQL} * {REACH_WEIGHT_SQL} DESC, m.published_at DESC LIMIT :n",
        {**params, "n": samples})
    report.samples = [Sample(int(r[0]), r[1], r[2], r[3], r[4], float(r[5]), r[6], r[7])
                      for r in rows]
    return report


def _first_reason(text: str | None) -> str:
    """The first reason of a campaign record (its ``reasons`` JSON list)."""
    try:
        reasons = json.loads(text or "[]")
    except ValueError:
        return ""
    return str(reasons[0]) if isinstance(reasons, list) and reasons else ""
