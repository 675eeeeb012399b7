"""Read queries of the store, used by ``vigie status``, the demo summary and the TUI.

Readers open their own connection (:func:`listener.store.connect`); these
functions only take a database and bound parameters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlite_utils

__all__ = ["SourceHealth", "source_health", "brand_summary", "mention_count", "recent_mentions",
           "search_mentions", "mention_sources", "spike_alerts", "campaign_list",
           "outbox_summary", "EXPORT_FIELDS", "export_mentions"]


@dataclass(slots=True)
class SourceHealth:
    """One row of ``vigie status``: the fetch state of a source."""

    id: int
    url: str
    kind: str
    name: str | None
    active: bool
    last_attempt: str | None
    last_success: str | None
    http_status: int | None
    consecutive_failures: int
    last_error: str | None
    next_poll: str | None
    items_seen: int
    #: The first failed attempt of the current run of failures (None while healthy).
    failing_since: str | None = None

    @property
    def healthy(self) -> bool:
        """True when the last attempt succeeded (or nothing was attempted yet)."""
        return self.consecutive_failures == 0


def source_health(db: sqlite_utils.Database, *, include_inactive: bool = False) -> list[SourceHealth]:
    """Fetch state of every (active) source, by id."""
    sql = ("SELECT id, url, kind, name, active, last_attempt, last_success, http_status,"
           " consecutive_failures, last_error, next_poll, items_seen, failing_since FROM sources")
    if not include_inactive:
        sql += " WHERE active = 1"
    sql += " ORDER BY id"
    return [SourceHealth(*row[:4], bool(row[4]), *row[5:]) for row in db.execute(sql).fetchall()]


def brand_summary(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Per brand: mentions, and how many are negative / neutral / positive."""
    rows = db.execute(
        "SELECT brand, count(*),"
        " sum(label = 'negative'), sum(label = 'neutral'), sum(label = 'positive')"
        " FROM mention_brands GROUP BY brand ORDER BY count(*) DESC, brand").fetchall()
    return [{"brand": r[0], "mentions": r[1], "negative": r[2], "neutral": r[3],
             "positive": r[4]} for r in rows]


def mention_count(db: sqlite_utils.Database) -> int:
    """Number of stored mentions (each story once, whatever its sources)."""
    return int(db.execute("SELECT count(*) FROM mentions").fetchone()[0])


_MENTION_COLS = ("m.id, m.published_at, m.fetched_at, m.title, m.text, m.author, m.url, m.kind,"
                 " m.rating, m.reach, m.lang, m.compound, m.label, m.source_id")
_MENTION_KEYS = ("id", "published_at", "fetched_at", "title", "text", "author", "url", "kind",
                 "rating", "reach", "lang", "compound", "label", "source_id")


def _rows(cursor: Any) -> list[dict[str, Any]]:
    return [dict(zip(_MENTION_KEYS, row, strict=True)) for row in cursor.fetchall()]


def recent_mentions(db: sqlite_utils.Database, *, brand: str | None = None,
                    label: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Latest mentions (optionally of one brand / label), newest first."""
    where, params = [], []
    if brand is not None:
        where.append("m.id IN (SELECT mention_id FROM mention_brands WHERE brand = ?)")
        params.append(brand)
    if label is not None:
        where.append("m.label = ?")
        params.append(label)
    sql = f"SELECT {_MENTION_COLS} FROM mentions m"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY m.published_at DESC, m.id DESC LIMIT ?"
    params.append(limit)
    return _rows(db.execute(sql, params))


def search_mentions(db: sqlite_utils.Database, text: str, *, limit: int = 100) -> list[dict[str, Any]]:
    """Full-text search; ``text`` is treated as plain words, never as FTS syntax."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    if not words:
        return []
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    sql = (f"SELECT {_MENTION_COLS} FROM mentions_fts f JOIN mentions m ON m.id = f.rowid"
           " WHERE mentions_fts MATCH ? ORDER BY m.published_at DESC LIMIT ?")
    return _rows(db.execute(sql, [match, limit]))


def mention_sources(db: sqlite_utils.Database, mention_id: int) -> list[dict[str, Any]]:
    """Every source a mention was seen in (a story can appear in several feeds)."""
    rows = db.execute(
        "SELECT s.id, s.url, s.name, ms.url, ms.seen_at FROM mention_sources ms"
        " JOIN sources s ON s.id = ms.source_id WHERE ms.mention_id = ? ORDER BY ms.seen_at",
        [mention_id]).fetchall()
    return [{"source_id": r[0], "source_url": r[1], "source_name": r[2], "item_url": r[3],
             "seen_at": r[4]} for r in rows]


def spike_alerts(db: sqlite_utils.Database, *, limit: int = 50) -> list[dict[str, Any]]:
    """Spike alerts, oldest first: brand, state, severity, when, and the one-line summary."""
    rows = db.execute(
        "SELECT id, brand, test, state, severity, opened_at, resolved_at, summary FROM alerts"
        " ORDER BY opened_at, id LIMIT ?", [limit]).fetchall()
    keys = ("id", "brand", "test", "state", "severity", "opened_at", "resolved_at", "summary")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def campaign_list(db: sqlite_utils.Database, *, limit: int = 50) -> list[dict[str, Any]]:
    """Suspected campaigns, oldest first: target, state, score, span and member count."""
    rows = db.execute(
        "SELECT c.id, c.target, c.state, c.score, c.first_at, c.last_at,"
        " (SELECT count(*) FROM campaign_members cm WHERE cm.campaign_id = c.id)"
        " FROM campaigns c ORDER BY c.first_at, c.id LIMIT ?", [limit]).fetchall()
    keys = ("id", "target", "state", "score", "first_at", "last_at", "members")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def outbox_summary(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Alert deliveries per channel, event kind and state (``pending``, ``sent``, ``dead``)."""
    rows = db.execute(
        "SELECT channel, kind, state, count(*) FROM alert_outbox"
        " GROUP BY channel, kind, state ORDER BY channel, kind, state").fetchall()
    return [{"channel": r[0], "kind": r[1], "state": r[2], "count": r[3]} for r in rows]


#: Columns of one exported mention, in order (the CSV header).
EXPORT_FIELDS = ("id", "published_at", "fetched_at", "brands", "source", "kind", "lang",
                 "label", "compound", "rating", "reach", "author", "title", "text", "url",
                 "triage_status", "snoozed_until", "assignee", "tags", "verdict", "campaigns")


def export_mentions(db: sqlite_utils.Database, *, brand: str | None = None,
                    since: str | None = None, until: str | None = None,
                    batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Mentions (of ``brand``, published in ``[since, until)``) oldest first, with
    sentiment, every brand, the first source, triage state and campaign ids.

    Reads ``batch`` rows per query (keyset pagination on published time and
    id), so memory stays flat whatever the size of the database. ``since`` and
    ``until`` are :func:`~listener.store.utc_iso` strings.
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    if brand is not None:
        frm, where = "mention_brands mb JOIN mentions m ON m.id = mb.mention_id", "mb.brand = :brand"
        time_col, id_col = "mb.published_at", "mb.mention_id"
    else:
        frm, where = "mentions m", "1"
        time_col, id_col = "m.published_at", "m.id"
    params: dict[str, Any] = {"brand": brand, "since": since, "until": until, "n": batch}
    if since is not None:
        where += f" AND {time_col} >= :since"
    if until is not None:
        where += f" AND {time_col} < :until"
    stmt = (
        "SELECT m.id, m.published_at, m.fetched_at,"
        " (SELECT group_concat(brand, '|') FROM (SELECT brand FROM mention_brands"
        "   WHERE mention_id = m.id ORDER BY brand)),"
        " (SELECT coalesce(s.name, s.url) FROM mention_sources ms JOIN sources s"
        "   ON s.id = ms.source_id WHERE ms.mention_id = m.id ORDER BY ms.seen_at LIMIT 1),"
        " m.kind, m.lang, m.label, m.compound, m.rating, m.reach, m.author, m.title, m.text,"
        " m.url, coalesce(t.status, 'new'), t.snoozed_until, t.assignee, coalesce(t.tags, '[]'),"
        " t.verdict,"
        " (SELECT group_concat(campaign_id, '|') FROM (SELECT campaign_id FROM campaign_members"
        "   WHERE mention_id = m.id ORDER BY campaign_id)),"
        f" {time_col}, {id_col} FROM {frm}"
        " LEFT JOIN triage t ON t.kind = 'mention' AND t.item_id = m.id"
        f" WHERE {where}")
    last: tuple[str, int] | None = None
    while True:
        page_sql = stmt
        if last is not None:
            page_sql += f" AND ({time_col}, {id_col}) > (:last_t, :last_id)"
            params["last_t"], params["last_id"] = last
        page_sql += f" ORDER BY {time_col}, {id_col} LIMIT :n"
        rows = db.execute(page_sql, params).fetchall()
        for r in rows:
            item = dict(zip(EXPORT_FIELDS, r[:len(EXPORT_FIELDS)], strict=True))
            item["brands"] = item["brands"].split("|") if item["brands"] else []
            item["tags"] = json.loads(item["tags"] or "[]")
            item["campaigns"] = ([int(c) for c in item["campaigns"].split("|")]
                                 if item["campaigns"] else [])
            yield item
        if len(rows) < batch:
            return
        last = (rows[-1][-2], rows[-1][-1])
