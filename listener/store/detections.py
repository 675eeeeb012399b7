"""Writes of the detectors' results: spike alerts and suspected campaigns.

Called on the daemon's writer thread by :mod:`listener.monitor`; the TUI reads
these tables through :mod:`listener.store.incidents`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

import sqlite_utils

from listener.store.db import parse_iso, utc_iso

__all__ = ["upsert_alert", "open_alert_keys", "resolve_alert", "upsert_campaign",
           "brand_bin_rows", "mentions_for_explanation", "mentions_by_ids", "first_mention_at",
           "mention_ids_since", "campaigns_among", "fetch_watermark", "Watermark"]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def upsert_alert(db: sqlite_utils.Database, *, key: str, brand: str, test: str, state: str,
                 severity: str, score: float, opened_at: datetime, updated_at: datetime,
                 resolved_at: datetime | None, observed: float, expected: float,
                 p_value: float, summary: str, evidence: dict[str, Any],
                 mention_ids: Iterable[int] = ()) -> tuple[int, bool]:
    """Insert or update the alert of incident ``key``; returns (alert id, created).

    ``score`` only ever rises: the alert keeps the score of its strongest bin.
    """
    conn = db.conn
    row = conn.execute("SELECT id FROM alerts WHERE incident_key = ?", [key]).fetchone()
    values = [brand, test, state, severity, score, utc_iso(opened_at), utc_iso(updated_at),
              utc_iso(resolved_at) if resolved_at else None, observed, expected, p_value,
              summary, _json(evidence)]
    if row:
        alert_id, created = int(row[0]), False
        # The score is the incident's peak: a resolution (a quiet bin) does not lower it.
        conn.execute("UPDATE alerts SET brand = ?, test = ?, state = ?, severity = ?,"
                     " score = max(coalesce(score, 0), ?),"
                     " opened_at = ?, updated_at = ?, resolved_at = ?, observed = ?,"
                     " expected = ?, p_value = ?, summary = ?, evidence = ? WHERE id = ?",
                     [*values, alert_id])
    else:
        cur = conn.execute(
            "INSERT INTO alerts (brand, test, state, severity, score, opened_at, updated_at,"
            " resolved_at, observed, expected, p_value, summary, evidence, incident_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [*values, key])
        alert_id, created = int(cur.lastrowid), True
    conn.executemany("INSERT OR IGNORE INTO alert_mentions (alert_id, mention_id) VALUES (?, ?)",
                     [(alert_id, m) for m in mention_ids])
    return alert_id, created


def open_alert_keys(db: sqlite_utils.Database, brand: str) -> list[str]:
    """Incident keys of the brand's alerts still open in the store."""
    return [r[0] for r in db.conn.execute(
        "SELECT incident_key FROM alerts WHERE brand = ? AND state = 'open'"
        " AND incident_key IS NOT NULL", [brand])]


def resolve_alert(db: sqlite_utils.Database, key: str, at: datetime) -> None:
    """Mark the alert of incident ``key`` resolved at ``at``."""
    db.conn.execute("UPDATE alerts SET state = 'resolved', resolved_at = ?, updated_at = ?"
                    " WHERE incident_key = ? AND state = 'open'",
                    [utc_iso(at), utc_iso(at), key])


def upsert_campaign(db: sqlite_utils.Database, *, key: str, target: str, state: str,
                    score: float, first_at: datetime, last_at: datetime, updated_at: datetime,
                    reasons: Sequence[str], evidence: dict[str, Any],
                    members: Iterable[tuple[int, float, float | None]]) -> tuple[int, bool]:
    """Insert or update campaign ``key`` and its members; returns (campaign id, created).

    ``members`` are ``(mention id, suspicion score, own likelihood ratio or None)``.
    """
    conn = db.conn
    row = conn.execute("SELECT id FROM campaigns WHERE key = ?", [key]).fetchone()
    values = [target, state, score, utc_iso(first_at), utc_iso(last_at), utc_iso(updated_at),
              _json(list(reasons)), _json(evidence)]
    if row:
        cid, created = int(row[0]), False
        conn.execute("UPDATE campaigns SET target = ?, state = ?, score = ?, first_at = ?,"
                     " last_at = ?, updated_at = ?, reasons = ?, evidence = ? WHERE id = ?",
                     [*values, cid])
    else:
        cur = conn.execute("INSERT INTO campaigns (target, state, score, first_at, last_at,"
                           " updated_at, reasons, evidence, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [*values, key])
        cid, created = int(cur.lastrowid), True
    conn.executemany("INSERT INTO campaign_members (campaign_id, mention_id, score,"
                     " likelihood_ratio) VALUES (?, ?, ?, ?)"
                     " ON CONFLICT (campaign_id, mention_id) DO UPDATE SET score = excluded.score,"
                     " likelihood_ratio = excluded.likelihood_ratio",
                     [(cid, m, s, lr) for m, s, lr in members])
    return cid, created


def first_mention_at(db: sqlite_utils.Database, brand: str) -> datetime | None:
    """Publication time of the brand's oldest stored mention."""
    row = db.conn.execute("SELECT min(published_at) FROM mention_brands WHERE brand = ?",
                          [brand]).fetchone()
    return parse_iso(row[0]) if row and row[0] else None


def brand_bin_rows(db: sqlite_utils.Database, brand: str, start: datetime,
                   end: datetime) -> list[tuple[datetime, bool]]:
    """(published_at, is_negative) of the brand's mentions in ``[start, end)``."""
    rows = db.conn.execute(
        "SELECT published_at, label = 'negative' FROM mention_brands"
        " WHERE brand = ? AND published_at >= ? AND published_at < ?",
        [brand, utc_iso(start), utc_iso(end)]).fetchall()
    return [(parse_iso(r[0]), bool(r[1])) for r in rows]


class Watermark(NamedTuple):
    """Time up to which the sources have been fetched, and the source holding it there."""

    at: datetime
    source: str


def fetch_watermark(db: sqlite_utils.Database, now: datetime, hold: float,
                    resumed_at: datetime | None = None) -> Watermark | None:
    """The time up to which every source worth waiting for has been fetched.

    Worth waiting for: active, its last fetch succeeded, polled at least every
    ``hold`` seconds (its next poll is scheduled at most ``hold`` after its
    last success: a source polled hourly cannot complete a bin in time, and a
    source backing off after a 429 stops counting), and not overdue by more
    than ``hold``: its next poll, or ``resumed_at`` (when the daemon started
    or woke up: every source is overdue then, through no fault of its own), is
    at most ``hold`` before ``now``. A mention published before the returned
    time has had its chance to be fetched from every such source. None when
    no source qualifies.
    """
    horizon = now - timedelta(seconds=hold)
    if resumed_at is not None and resumed_at >= horizon:
        overdue_sql, params = "", [hold]
    else:
        overdue_sql, params = " AND next_poll >= ?", [hold, utc_iso(horizon)]
    row = db.conn.execute(
        "SELECT last_success, coalesce(name, url) FROM sources WHERE active = 1"
        " AND consecutive_failures = 0 AND last_success IS NOT NULL AND next_poll IS NOT NULL"
        " AND (julianday(next_poll) - julianday(last_success)) * 86400.0 <= ?" + overdue_sql +
        " ORDER BY last_success, id LIMIT 1", params).fetchone()
    return Watermark(parse_iso(row[0]), str(row[1])) if row else None


_EXPLAIN_SQL = (
    "SELECT m.id, m.title, m.text, m.published_at, coalesce(s.name, s.url), m.author,"
    " m.compound, m.reach, m.url FROM mention_brands b JOIN mentions m ON m.id = b.mention_id"
    " JOIN sources s ON s.id = m.source_id"
    " WHERE b.brand = ? AND b.label = 'negative' AND b.published_at >= ? AND b.published_at < ?"
    " ORDER BY b.published_at DESC LIMIT ?")


def mentions_for_explanation(db: sqlite_utils.Database, brand: str, start: datetime,
                             end: datetime, limit: int = 2000) -> list[dict[str, Any]]:
    """The brand's negative mentions in ``[start, end)`` with what an explanation needs."""
    rows = db.conn.execute(_EXPLAIN_SQL, [brand, utc_iso(start), utc_iso(end), limit]).fetchall()
    keys = ("id", "title", "text", "published_at", "source", "author", "compound", "reach", "url")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def mention_ids_since(db: sqlite_utils.Database, start: datetime, *,
                      campaign_kinds: bool = False) -> list[int]:
    """Ids of mentions published at or after ``start`` (only reviews, posts and
    comments with ``campaign_kinds``: what the campaign detector looks at)."""
    sql = "SELECT id FROM mentions WHERE published_at >= ?"
    if campaign_kinds:
        sql += " AND (rating IS NOT NULL OR kind != 'article')"
    return [r[0] for r in db.conn.execute(sql + " ORDER BY published_at, id", [utc_iso(start)])]


def campaigns_among(db: sqlite_utils.Database, mention_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Suspected campaigns that count some of ``mention_ids`` among their members.

    One dict per campaign, most members first: ``id``, ``target``, ``state`` and
    ``members`` (how many of the given mentions it holds).
    """
    found: dict[int, dict[str, Any]] = {}
    for chunk_start in range(0, len(mention_ids), 500):
        chunk = list(mention_ids[chunk_start:chunk_start + 500])
        marks = ",".join("?" * len(chunk))
        for campaign_id, target, state, n in db.conn.execute(
                "SELECT m.campaign_id, c.target, c.state, count(*) FROM campaign_members m"
                " JOIN campaigns c ON c.id = m.campaign_id"
                f" WHERE m.mention_id IN ({marks}) GROUP BY m.campaign_id", chunk):
            entry = found.setdefault(campaign_id, {"id": campaign_id, "target": target,
                                                   "state": state, "members": 0})
            entry["members"] += n
    return sorted(found.values(), key=lambda c: (-c["members"], c["id"]))


def mentions_by_ids(db: sqlite_utils.Database, ids: Sequence[int], *,
                    campaign_kinds: bool = False) -> list[dict[str, Any]]:
    """Mentions with their brands and source name, for the campaign detector (by publication)."""
    out: list[dict[str, Any]] = []
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start:chunk_start + 500])
        marks = ",".join("?" * len(chunk))
        rows = db.conn.execute(
            "SELECT m.id, m.title, m.text, m.author, m.rating, m.published_at,"
            " coalesce(s.name, s.url), group_concat(b.brand, char(31)), m.kind, m.label"
            " FROM mentions m JOIN sources s ON s.id = m.source_id"
            " JOIN mention_brands b ON b.mention_id = m.id"
            f" WHERE m.id IN ({marks})"
            + (" AND (m.rating IS NOT NULL OR m.kind != 'article')" if campaign_kinds else "")
            + " GROUP BY m.id", chunk).fetchall()
        for r in rows:
            out.append({"id": r[0], "title": r[1], "text": r[2], "author": r[3], "rating": r[4],
                        "published_at": parse_iso(r[5]), "source": r[6],
                        "brands": (r[7] or "").split("\x1f"), "kind": r[8], "label": r[9]})
    out.sort(key=lambda m: (m["published_at"], m["id"]))
    return out
