"""Re-scoring stored mentions after the sentiment analyser changed.

Each mention stores the analyser and version that scored it
(``mentions.analyser``, ``analyser_version``). When Vigie is upgraded and an
analyser's version changes, the mentions it scored before would keep the old
labels while new ones get the new labels: the spike detector, which replays
the stored negative counts on start-up, would then compare today's counts
with a history counted differently. :func:`stale_batch` finds the mentions
scored by a version that is no longer current and :func:`update_batch` stores
their new scores (``mentions`` and the per-brand copy of the label in
``mention_brands``), one short transaction per batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from listener.models import SentimentResult
from listener.store.tx import write_tx

__all__ = ["StaleMention", "count_stale", "stale_batch", "update_batch"]


@dataclass(frozen=True, slots=True)
class StaleMention:
    """A mention to score again, with the brands whose names are masked when scoring."""

    id: int
    title: str | None
    text: str | None
    brands: tuple[str, ...]


def _stale_where(current: Sequence[tuple[str, str]]) -> tuple[str, list[str]]:
    pairs = " OR ".join("(m.analyser = ? AND m.analyser_version = ?)" for _ in current)
    params = [value for pair in current for value in pair]
    return f"NOT (m.analyser IS NOT NULL AND m.analyser_version IS NOT NULL AND ({pairs}))", params


def count_stale(db: sqlite_utils.Database, current: Sequence[tuple[str, str]]) -> int:
    """How many mentions were scored by an analyser version not in ``current``."""
    where, params = _stale_where(current)
    return int(db.execute(f"SELECT count(*) FROM mentions m WHERE {where}", params).fetchone()[0])


def stale_batch(db: sqlite_utils.Database, current: Sequence[tuple[str, str]],
                after_id: int = 0, limit: int = 500) -> list[StaleMention]:
    """Up to ``limit`` stale mentions with an id above ``after_id``, in id order."""
    where, params = _stale_where(current)
    rows = db.execute(
        "SELECT m.id, m.title, m.text, group_concat(b.brand, char(31))"
        " FROM mentions m LEFT JOIN mention_brands b ON b.mention_id = m.id"
        f" WHERE m.id > ? AND {where} GROUP BY m.id ORDER BY m.id LIMIT ?",
        [after_id, *params, limit]).fetchall()
    return [StaleMention(int(r[0]), r[1], r[2], tuple(r[3].split("\x1f")) if r[3] else ())
            for r in rows]


def update_batch(db: sqlite_utils.Database,
                 scores: Sequence[tuple[int, SentimentResult]]) -> int:
    """Store new scores; returns how many mentions changed label."""
    if not scores:
        return 0
    changed = 0
    with write_tx(db):
        conn = db.conn
        for mention_id, s in scores:
            row = conn.execute("SELECT label FROM mentions WHERE id = ?", [mention_id]).fetchone()
            if row is None:
                continue  # pruned meanwhile
            changed += row[0] != s.label
            conn.execute(
                "UPDATE mentions SET lang = ?, compound = ?, label = ?, analyser = ?,"
                " analyser_version = ?, lang_supported = ? WHERE id = ?",
                [s.lang, s.compound, s.label, s.analyser, s.version, int(s.supported),
                 mention_id])
            conn.execute("UPDATE mention_brands SET label = ? WHERE mention_id = ?",
                         [s.label, mention_id])
    return changed
