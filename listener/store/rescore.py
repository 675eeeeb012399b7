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

A label also depends on the ``[sentiment]`` thresholds of the configuration:
the marker records them (:func:`thresholds_key`), and when they differ from
today's every stored mention is scored again (``current=None``), so that a
mention of last month and one of today labelled ``negative`` mean the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from listener.models import SentimentResult
from listener.store.tx import write_tx

__all__ = ["StaleMention", "MARKER_TASK", "marker", "checked_up_to", "thresholds_key",
           "thresholds_of", "last_id", "count_stale", "stale_batch", "update_batch"]

#: Row of the ``maintenance`` table whose ``detail`` says up to which mention the
#: store was brought to which analyser versions (see :func:`marker`).
MARKER_TASK = "rescore"


def thresholds_key(negative: float, positive: float) -> str:
    """The ``[sentiment]`` thresholds as the marker records them, and ``+stars``: rated
    mentions are labelled by their stars (stop 33; a store labelled before relabels once)."""
    return f"labels={negative:g}/{positive:g}+stars"


def marker(current: Sequence[tuple[str, str]], up_to: int, thresholds: str) -> str:
    """``detail`` of :data:`MARKER_TASK` once mentions up to id ``up_to`` are scored by
    ``current`` and labelled with ``thresholds`` (:func:`thresholds_key`): a later
    start-up with the same versions and thresholds checks only newer mentions (an
    older Vigie run on the same file in between wrote only those)."""
    return f"{_versions(current)} {thresholds} @{up_to}"


def _versions(current: Sequence[tuple[str, str]]) -> str:
    return " ".join(f"{name}={version}" for name, version in current)


def _parts(detail: str | None) -> tuple[str, str, int] | None:
    """``(versions, thresholds, up_to)`` of a marker; None when absent or unreadable."""
    if detail is None or " @" not in detail:
        return None
    head, _, up_to = detail.rpartition(" @")
    versions, _, thresholds = head.rpartition(" ")
    if not up_to.isdigit() or not thresholds.startswith("labels="):
        return None  # also a marker of stop 25, which did not record the thresholds
    return versions, thresholds, int(up_to)


def thresholds_of(detail: str | None) -> str | None:
    """The thresholds a marker records; None when there is no readable marker."""
    parts = _parts(detail)
    return parts[1] if parts else None


def checked_up_to(detail: str | None, current: Sequence[tuple[str, str]]) -> int:
    """Mention id up to which ``detail`` (see :func:`marker`) vouches for ``current``; else 0."""
    parts = _parts(detail)
    if parts is None or parts[0] != _versions(current):
        return 0
    return parts[2]


def last_id(db: sqlite_utils.Database) -> int:
    """The highest mention id (0 when there is none)."""
    return int(db.execute("SELECT coalesce(max(id), 0) FROM mentions").fetchone()[0])


@dataclass(frozen=True, slots=True)
class StaleMention:
    """A mention to score again, with the brands whose names are masked when scoring."""

    id: int
    title: str | None
    text: str | None
    brands: tuple[str, ...]
    label: str
    rating: int | None = None


def _stale_where(current: Sequence[tuple[str, str]] | None) -> tuple[str, list[str]]:
    if current is None:  # the thresholds changed: every mention
        return "1", []
    pairs = " OR ".join("(m.analyser = ? AND m.analyser_version = ?)" for _ in current)
    params = [value for pair in current for value in pair]
    return f"NOT (m.analyser IS NOT NULL AND m.analyser_version IS NOT NULL AND ({pairs}))", params


def count_stale(db: sqlite_utils.Database, current: Sequence[tuple[str, str]] | None,
                after_id: int = 0) -> int:
    """How many mentions above ``after_id`` an analyser version not in ``current`` scored
    (every mention above it when ``current`` is None)."""
    where, params = _stale_where(current)
    return int(db.execute(f"SELECT count(*) FROM mentions m WHERE m.id > ? AND {where}",
                          [after_id, *params]).fetchone()[0])


def stale_batch(db: sqlite_utils.Database, current: Sequence[tuple[str, str]] | None,
                after_id: int = 0, limit: int = 500) -> list[StaleMention]:
    """Up to ``limit`` stale mentions with an id above ``after_id``, in id order."""
    where, params = _stale_where(current)
    rows = db.execute(
        "SELECT m.id, m.title, m.text, group_concat(b.brand, char(31)), m.label, m.rating"
        " FROM mentions m LEFT JOIN mention_brands b ON b.mention_id = m.id"
        f" WHERE m.id > ? AND {where} GROUP BY m.id ORDER BY m.id LIMIT ?",
        [after_id, *params, limit]).fetchall()
    return [StaleMention(int(r[0]), r[1], r[2], tuple(r[3].split("\x1f")) if r[3] else (),
                         r[4], r[5]) for r in rows]


def update_batch(db: sqlite_utils.Database,
                 scores: Sequence[tuple[int, SentimentResult]]) -> None:
    """Store new scores (a mention pruned meanwhile is skipped by its ``UPDATE``)."""
    with write_tx(db):
        conn = db.conn
        conn.executemany(
            "UPDATE mentions SET lang = ?, compound = ?, label = ?, analyser = ?,"
            " analyser_version = ?, lang_supported = ? WHERE id = ?",
            [(s.lang, s.compound, s.label, s.analyser, s.version, int(s.supported), mention_id)
             for mention_id, s in scores])
        conn.executemany("UPDATE mention_brands SET label = ? WHERE mention_id = ?",
                         [(s.label, mention_id) for mention_id, s in scores])
