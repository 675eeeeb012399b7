"""Retention: delete mentions older than ``[storage] keep_days``, keep those under triage.

A mention is *under triage* when its own triage state, or that of a spike
alert or campaign it is evidence of, is one that still needs a person (not
``resolved`` / ``ignored``). Those are kept whatever their age, so nobody's
queue loses an item. Deletion runs in small transactions (``batch`` rows each)
so the single writer stays responsive; the foreign keys cascade to brands,
dedup keys, sources and alert / campaign evidence, and a trigger keeps the
full-text index in sync. Sent or dead alert outbox rows older than the cutoff
go too. The append-only ``triage_log`` is never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from listener.store.db import utc_iso
from listener.store.triage import DONE_STATUSES
from listener.store.tx import write_tx

__all__ = ["PruneResult", "UNDER_TRIAGE_SQL", "delete_mentions", "prune_batch", "prune", "prunable_count"]

_DONE = ", ".join(f"'{s}'" for s in DONE_STATUSES)

#: SQL condition on ``mentions m``: someone still has to act on the mention (its own
#: triage state, or that of a spike alert or campaign it is evidence of).
UNDER_TRIAGE_SQL = f"""(
    EXISTS (SELECT 1 FROM triage t WHERE t.kind = 'mention' AND t.item_id = m.id
            AND t.status NOT IN ({_DONE}))
    OR EXISTS (SELECT 1 FROM alert_mentions am JOIN triage t
                 ON t.kind = 'alert' AND t.item_id = am.alert_id
               WHERE am.mention_id = m.id AND t.status NOT IN ({_DONE}))
    OR EXISTS (SELECT 1 FROM campaign_members cm JOIN triage t
                 ON t.kind = 'campaign' AND t.item_id = cm.campaign_id
               WHERE cm.mention_id = m.id AND t.status NOT IN ({_DONE})))"""

# Mentions older than the cutoff that no open triage item needs.
_CANDIDATES = f"""
    SELECT m.id FROM mentions m
    WHERE m.published_at < :cutoff AND NOT {UNDER_TRIAGE_SQL}
"""


@dataclass(slots=True)
class PruneResult:
    """What a prune deleted."""

    mentions: int = 0
    outbox: int = 0


def prunable_count(db: sqlite_utils.Database, cutoff: datetime) -> int:
    """How many mentions a prune at ``cutoff`` would delete."""
    return int(db.execute(f"SELECT count(*) FROM ({_CANDIDATES})",
                          {"cutoff": utc_iso(cutoff)}).fetchone()[0])


def delete_mentions(conn: Any, ids: Sequence[int]) -> int:
    """Delete the mentions ``ids`` and their triage rows (inside the caller's transaction).

    The foreign keys cascade to their brands, dedup keys, sources and alert /
    campaign evidence; a trigger keeps the full-text index in sync.
    """
    if not ids:
        return 0
    marks = ", ".join("?" * len(ids))
    conn.execute(f"DELETE FROM triage WHERE kind = 'mention' AND item_id IN ({marks})", ids)
    return int(conn.execute(f"DELETE FROM mentions WHERE id IN ({marks})", ids).rowcount)


def prune_batch(db: sqlite_utils.Database, cutoff: datetime, *, batch: int = 500) -> PruneResult:
    """Delete up to ``batch`` prunable mentions (and old delivered outbox rows) in one transaction."""
    result = PruneResult()
    params = {"cutoff": utc_iso(cutoff), "batch": batch}
    with write_tx(db):
        conn = db.conn
        ids = [row[0] for row in conn.execute(_CANDIDATES + " LIMIT :batch", params)]
        result.mentions = delete_mentions(conn, ids)
        result.outbox = conn.execute(
            "DELETE FROM alert_outbox WHERE id IN (SELECT id FROM alert_outbox"
            " WHERE state IN ('sent', 'dead') AND created_at < :cutoff LIMIT :batch)",
            params).rowcount
    return result


def prune(db: sqlite_utils.Database, cutoff: datetime, *, batch: int = 500) -> PruneResult:
    """Delete every prunable mention published before ``cutoff``, ``batch`` rows per transaction.

    For callers that own the connection (tests, commands); the daemon calls
    :func:`prune_batch` through its writer so other writes interleave.
    """
    total = PruneResult()
    while True:
        step = prune_batch(db, cutoff, batch=batch)
        total.mentions += step.mentions
        total.outbox += step.outbox
        if step.mentions < batch and step.outbox < batch:
            return total
