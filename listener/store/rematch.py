"""Store side of re-checking stored mentions against today's brand rules.

:func:`mention_batch` reads stored mentions in id order with what the rules
look at (:class:`listener.rematch.StoredMention`); :func:`drop_links` removes
the brand links today's rules no longer give, in one short transaction per
batch. A mention left with no brand is deleted, like an expired one (its
brands, keys, sources and alert or campaign evidence cascade, a trigger keeps
the full-text index in sync), unless someone still has to act on it (the
rule of :mod:`listener.store.retention`): then it keeps its links, and is
counted as kept.

The ``maintenance`` row :data:`MARKER_TASK` records the fingerprint of the
rules the store was last brought in line with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlite_utils

from listener.store.retention import UNDER_TRIAGE_SQL, delete_mentions
from listener.store.tx import write_tx

__all__ = ["MARKER_TASK", "StoredMention", "RematchCounts", "marker", "fingerprint_of", "mention_batch",
           "drop_links"]

#: Row of the ``maintenance`` table whose ``detail`` holds the rules' fingerprint.
MARKER_TASK = "rematch"

@dataclass(frozen=True, slots=True)
class StoredMention:
    """What the rules look at in a stored mention."""

    id: int
    title: str
    text: str
    author: str | None
    lang: str
    #: The sources (``sources.id``) the mention was seen in.
    sources: tuple[int, ...]
    #: The brands it is stored as a mention of.
    brands: tuple[str, ...]
    #: Whether someone still has to act on it (its triage state, or that of an
    #: alert or campaign it is evidence of); such a mention is never deleted.
    under_triage: bool = False


def marker(fingerprint: str) -> str:
    """The marker's ``detail`` for rules of this fingerprint."""
    return f"rules={fingerprint}"


def fingerprint_of(detail: str | None) -> str | None:
    """The fingerprint a marker's ``detail`` records (None: never recorded)."""
    if not detail or not detail.startswith("rules="):
        return None
    return detail[len("rules="):]


@dataclass(slots=True)
class RematchCounts:
    """What :func:`drop_links` changed."""

    #: Brand → links removed.
    links: dict[str, int] = field(default_factory=dict)
    #: Mentions deleted because no brand was left.
    mentions: int = 0
    #: Mentions that lost every brand but were kept, someone having to act on them.
    kept: int = 0

    def add(self, other: RematchCounts) -> None:
        """Add ``other``'s counts to these."""
        for brand, n in other.links.items():
            self.links[brand] = self.links.get(brand, 0) + n
        self.mentions += other.mentions
        self.kept += other.kept


def mention_batch(db: sqlite_utils.Database, after_id: int = 0,
                  limit: int = 500) -> list[StoredMention]:
    """Up to ``limit`` mentions with an id above ``after_id``, in id order."""
    rows = db.execute(
        "SELECT m.id, m.title, m.text, m.author, m.lang,"
        " (SELECT group_concat(brand, char(31)) FROM mention_brands b WHERE b.mention_id = m.id),"
        " (SELECT group_concat(source_id) FROM mention_sources s WHERE s.mention_id = m.id),"
        f" m.source_id, {UNDER_TRIAGE_SQL}"
        " FROM mentions m WHERE m.id > ? ORDER BY m.id LIMIT ?", [after_id, limit]).fetchall()
    out = []
    for r in rows:
        sources = {int(s) for s in r[6].split(",")} if r[6] else set()
        sources.add(int(r[7]))
        out.append(StoredMention(
            id=int(r[0]), title=r[1] or "", text=r[2] or "", author=r[3], lang=r[4] or "und",
            sources=tuple(sorted(sources)), brands=tuple(r[5].split("\x1f")) if r[5] else (),
            under_triage=bool(r[8])))
    return out


def drop_links(db: sqlite_utils.Database,
               drops: Sequence[tuple[StoredMention, Sequence[str]]]) -> RematchCounts:
    """Remove each mention's ``brands`` links; delete the mentions left with none."""
    counts = RematchCounts()
    with write_tx(db):
        conn = db.conn
        gone: list[int] = []
        for mention, brands in drops:
            if not brands:
                continue
            if set(brands) >= set(mention.brands):
                if mention.under_triage:
                    counts.kept += 1
                    continue
                gone.append(mention.id)
            else:
                conn.executemany("DELETE FROM mention_brands WHERE mention_id = ? AND brand = ?",
                                 [(mention.id, b) for b in brands])
            for b in brands:
                counts.links[b] = counts.links.get(b, 0) + 1
        counts.mentions = delete_mentions(conn, gone)
    return counts
