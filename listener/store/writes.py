"""Write operations of the store. Only the daemon's single writer calls these.

All SQL here uses bound parameters; mention text never reaches a SQL string.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from listener.alerts.config import AlertsConfig
from listener.alerts.outbox import (
    enqueue,
    mention_occurrences,
    source_incident,
    source_occurrences,
)
from listener.analysis.normalise import single_line
from listener.config import SourceConfig
from listener.i18n import translator
from listener.models import AnalysedItem
from listener.store.db import utc_iso
from listener.store.tx import write_tx

__all__ = ["IngestResult", "FetchOutcome", "sync_sources", "record_fetch", "ingest_items",
           "dedup_keys", "ingest_many"]


@dataclass(slots=True)
class IngestResult:
    """What one batch did to the store: new mentions and duplicates merged."""

    new: int = 0
    duplicates: int = 0
    new_ids: list[int] | None = None
    items: int = 0
    #: Items of the poll left out because their author is excluded (``exclude_authors``).
    excluded: int = 0


@dataclass(slots=True)
class FetchOutcome:
    """The fetch state of one poll, written to the source's health row."""

    attempted_at: datetime
    next_poll: datetime
    ok: bool
    status: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    cursor: dict[str, Any] | None = None
    keep_validators: bool = True
    #: The brands the source is scoped to (its ``source.*`` alert events name them).
    brands: tuple[str, ...] = ()


def sync_sources(db: sqlite_utils.Database, sources: Sequence[SourceConfig],
                 now: datetime) -> dict[str, int]:
    """Insert configured sources that are new, reactivate/deactivate the rest.

    Returns URL → source id for the configured sources; fetch state of known
    sources is kept (so a restart resumes with the same validators and cursor).
    """
    ids: dict[str, int] = {}
    with write_tx(db):
        db.execute("UPDATE sources SET active = 0")
        for s in sources:
            row = db.execute("SELECT id FROM sources WHERE url = ?", [s.url]).fetchone()
            if row:
                db.execute("UPDATE sources SET active = 1, kind = ?, name = ? WHERE id = ?",
                           [s.kind, s.name, row[0]])
                ids[s.url] = row[0]
            else:
                cur = db.execute(
                    "INSERT INTO sources (url, kind, name, active, created_at) VALUES (?, ?, ?, 1, ?)",
                    [s.url, s.kind, s.name, utc_iso(now)])
                ids[s.url] = int(cur.lastrowid)
    return ids


def record_fetch(db: sqlite_utils.Database, source_id: int, outcome: FetchOutcome,
                 alerts: AlertsConfig | None = None) -> None:
    """Update the health row of ``source_id`` after a poll."""
    with write_tx(db):
        _record_fetch(db, source_id, outcome, alerts)


def _record_fetch(db: sqlite_utils.Database, source_id: int, o: FetchOutcome,
                  alerts: AlertsConfig | None = None) -> None:
    if alerts is not None and alerts.rules:
        _source_alerts(db, source_id, o, alerts)
    sets = ["last_attempt = ?", "http_status = ?", "next_poll = ?"]
    params: list[Any] = [utc_iso(o.attempted_at), o.status, utc_iso(o.next_poll)]
    if o.ok:
        sets += ["last_success = ?", "consecutive_failures = 0", "last_error = NULL",
                 "failing_since = NULL"]
        params.append(utc_iso(o.attempted_at))
        if o.keep_validators:
            sets += ["etag = ?", "last_modified = ?"]
            params += [o.etag, o.last_modified]
        if o.body_hash is not None:
            sets.append("body_hash = ?")
            params.append(o.body_hash)
        if o.cursor is not None:
            sets.append("cursor = ?")
            params.append(json.dumps(o.cursor, sort_keys=True))
    else:
        sets += ["consecutive_failures = consecutive_failures + 1", "last_error = ?",
                 "failing_since = coalesce(failing_since, ?)"]
        # An error can quote the server (an API's error_message): one clean line.
        params += [single_line(o.error) if o.error else o.error, utc_iso(o.attempted_at)]
    params.append(source_id)
    db.execute(f"UPDATE sources SET {', '.join(sets)} WHERE id = ?", params)


def _source_alerts(db: sqlite_utils.Database, source_id: int, o: FetchOutcome,
                   alerts: AlertsConfig) -> None:
    """Queue ``source.failing`` / ``source.recovered`` for this poll (before its row is updated)."""
    before = db.execute("SELECT name, url, failing_since, consecutive_failures FROM sources"
                        " WHERE id = ?", [source_id]).fetchone()
    if before is None or (o.ok and before[2] is None):  # healthy and staying so: most polls
        return
    name, url, failing_since, failures = before
    # A run of failures starts with this poll when none is under way.
    run = failing_since or utc_iso(o.attempted_at)
    alerted = others_healthy = None
    if not o.ok:
        alerted = db.execute(
            "SELECT 1 FROM alert_outbox WHERE incident = ? AND kind = 'source.failing' LIMIT 1",
            [source_incident(source_id, run)]).fetchone() is not None
        others, healthy = db.execute(
            "SELECT count(*), coalesce(sum(consecutive_failures = 0), 0) FROM sources"
            " WHERE active = 1 AND id != ?", [source_id]).fetchone()
        others_healthy = bool(healthy) if others else None
    enqueue(db, alerts, source_occurrences(
        source_id, ok=o.ok, at=o.attempted_at, error=o.error, status=o.status, brands=o.brands,
        name=name or url, url=url, failing_since=run, failures=failures,
        after=alerts.source_failing_after, alerted=bool(alerted), others_healthy=others_healthy,
        tr=translator(alerts.language)))


def dedup_keys(a: AnalysedItem) -> list[str]:
    """Keys under which an item is known: canonical link, guid, content hash.

    The content hash identifies a story syndicated in several feeds; for items
    written by accounts (reviews, posts, comments) it is paired with the author.
    """
    keys = []
    if a.link_key:
        keys.append("url:" + a.link_key)
    if a.item.guid:
        keys.append("guid:" + a.item.guid)
    if a.item.post_key:
        # How replies on the platform name it (listener.store.answered).
        keys.append("post:" + a.item.post_key)
    if a.item.kind == "article" and a.item.rating is None:
        keys.append("hash:" + a.content_hash)
    else:
        # Reviews, posts and comments are written by accounts: the same words from
        # two accounts are two mentions (and the evidence of a copy-paste campaign).
        keys.append("hash:" + a.content_hash + "|" + (a.item.author or "").casefold())
    return keys


def ingest_items(db: sqlite_utils.Database, source_id: int, items: Iterable[AnalysedItem],
                 fetched_at: datetime, outcome: FetchOutcome | None = None,
                 alerts: AlertsConfig | None = None) -> IngestResult:
    """Store analysed items of one source in one transaction (with its health row).

    An item already known under any of its dedup keys (same story in another
    feed, or seen again in this one) is not stored twice: the link from this
    source is added to the existing mention instead. ``alerts``: mention rules
    whose outbox rows are written in the same transaction as the new mentions.
    """
    with write_tx(db):
        return _ingest_in_tx(db, source_id, items, fetched_at, outcome, alerts)


def ingest_many(db: sqlite_utils.Database,
                requests: Sequence[tuple[Any, ...]]) -> list[IngestResult | BaseException]:
    """Several :func:`ingest_items` calls (argument tuples) in ONE transaction (group commit).

    Each request runs in its own savepoint: one that fails is rolled back alone
    and its exception returned in its place; the others are committed together.
    Committing once per batch instead of once per feed is what keeps the single
    writer ahead of the analysis workers (full-text index merges happen at commit).
    """
    out: list[IngestResult | BaseException] = []
    conn = db.conn
    with write_tx(db):
        for args in requests:
            conn.execute("SAVEPOINT ingest")
            try:
                out.append(_ingest_in_tx(db, *args))
            except Exception as exc:  # handed back to the waiting caller
                conn.execute("ROLLBACK TO ingest")
                out.append(exc)
            conn.execute("RELEASE ingest")
    return out


def _known_keys(conn: Any, keys: set[str]) -> dict[str, int]:
    """Which of ``keys`` are already known, and as which mention (one query per 500 keys)."""
    found: dict[str, int] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(
            f"SELECT key, mention_id FROM mention_keys WHERE key IN ({marks})", chunk).fetchall())
    return found


def _ingest_in_tx(db: sqlite_utils.Database, source_id: int, items: Iterable[AnalysedItem],
                  fetched_at: datetime, outcome: FetchOutcome | None = None,
                  alerts: AlertsConfig | None = None) -> IngestResult:
    result = IngestResult(new_ids=[])
    fetched = utc_iso(fetched_at)
    conn = db.conn
    items = list(items)
    keys_of = [dedup_keys(a) for a in items]
    known = _known_keys(conn, {k for keys in keys_of for k in keys})
    for a, keys in zip(items, keys_of, strict=True):
        existing = next((known[k] for k in keys if k in known), None)
        if existing is not None:
            result.duplicates += 1
            mention_id = existing
        else:
            it, s = a.item, a.sentiment
            published = utc_iso(it.published_at) if it.published_at else fetched
            cur = conn.execute(
                "INSERT INTO mentions (guid, url, title, text, author, kind, rating, reach,"
                " published_at, fetched_at, lang, compound, label, analyser,"
                " analyser_version, lang_supported, content_hash, source_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [it.guid, it.url, it.title, it.text, it.author, it.kind, it.rating, it.reach,
                 published, fetched, s.lang, s.compound, s.label, s.analyser, s.version,
                 int(s.supported), a.content_hash, source_id])
            mention_id = int(cur.lastrowid)
            result.new += 1
            result.new_ids.append(mention_id)
            conn.executemany(
                "INSERT OR IGNORE INTO mention_brands (mention_id, brand, published_at, label)"
                " VALUES (?, ?, ?, ?)",
                [(mention_id, b, published, s.label) for b in a.brands])
            if alerts is not None and alerts.rules:
                enqueue(db, alerts, mention_occurrences(
                    mention_id, a.brands, title=it.title, text=it.text, url=it.url,
                    author=it.author, label=s.label, compound=s.compound, reach=it.reach,
                    lang=s.lang, published_at=it.published_at or fetched_at,
                    source_id=source_id, fetched_at=fetched_at))
        conn.executemany("INSERT OR IGNORE INTO mention_keys (key, mention_id) VALUES (?, ?)",
                         [(k, mention_id) for k in keys])
        for k in keys:
            known.setdefault(k, mention_id)
        conn.execute("INSERT OR IGNORE INTO mention_sources (mention_id, source_id, url, seen_at)"
                     " VALUES (?, ?, ?, ?)", [mention_id, source_id, a.item.url, fetched])
    if result.new:
        conn.execute("UPDATE sources SET items_seen = items_seen + ? WHERE id = ?",
                     [result.new, source_id])
    if outcome is not None:
        _record_fetch(db, source_id, outcome, alerts)
    return result
