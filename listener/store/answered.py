"""Mentions the brand answered on the platform leave "Needs reply" by themselves.

A post by one of the brand's own accounts (``exclude_authors``: its support
account, its staff) that replies to a stored mention (Mastodon's
``in_reply_to_id``, Hacker News' ``parent_id``, a Bluesky reply's parent URI, a
Lemmy comment's path; the mention keeps its own id as a ``post:`` key) means someone already
answered it where it was written. The mention is resolved by ``vigie`` with a
note naming the account and the reply's link, so the person triaging neither
answers twice nor wonders who did. A mention someone already closed is left
alone; an escalated one keeps its status (someone chose to hand it on) and
only gets the note. Runs on the writer thread; each action is its own
transaction, like a person's.

A reply can be fetched before the post it answers: the brand's own timeline
polled before the hashtag that carries the complaint, or a complaint found
by a later search. Such a reply waits in ``pending_replies`` and answers its
parent when the parent is stored, for up to :data:`PENDING_DAYS` days.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from listener.i18n import ENGLISH, msg
from listener.store.db import utc_iso
from listener.store.triage import DONE_STATUSES, ItemRef, apply_action, get_states
from listener.store.tx import write_tx

__all__ = ["DAEMON_ACTOR", "PENDING_DAYS", "OwnReply", "resolve_answered", "pending_replies"]

#: Who the triage log names for what the daemon does itself.
DAEMON_ACTOR = "vigie"
#: How long a reply whose parent is not stored waits for it.
PENDING_DAYS = 7


@dataclass(frozen=True, slots=True)
class OwnReply:
    """A reply by one of a brand's own accounts: the ``post_key`` it answers, who, where,
    and the ``brands`` whose own account the author is."""

    parent: str
    author: str
    url: str | None = None
    brands: tuple[str, ...] = ()


def pending_replies(db: sqlite_utils.Database) -> list[OwnReply]:
    """The replies still waiting for their parent post, oldest first."""
    return [OwnReply(parent, author, url, tuple(json.loads(brands)))
            for parent, author, url, brands in db.execute(
                "SELECT parent, author, url, brands FROM pending_replies"
                " ORDER BY seen_at, parent, author")]


def _arrived(db: sqlite_utils.Database) -> list[OwnReply]:
    """Pending replies whose parent is now stored (:func:`_settle` forgets them after)."""
    return [OwnReply(parent, author, url, tuple(json.loads(brands)))
            for parent, author, url, brands in db.execute(
                "SELECT p.parent, p.author, p.url, p.brands FROM pending_replies p"
                " JOIN mention_keys k ON k.key = 'post:' || p.parent ORDER BY p.seen_at")]


def _settle(db: sqlite_utils.Database, answered: Sequence[OwnReply],
            waiting: Sequence[OwnReply], now: datetime) -> None:
    """Forget the pending replies ``answered``, keep ``waiting`` for their parents,
    and drop those that waited longer than PENDING_DAYS."""
    if not answered and not waiting and db.execute(
            "SELECT 1 FROM pending_replies LIMIT 1").fetchone() is None:
        return  # nothing waits: no write transaction on every poll
    with write_tx(db):
        db.conn.executemany("DELETE FROM pending_replies WHERE parent = ? AND author = ?",
                            [(r.parent, r.author) for r in answered])
        db.conn.executemany(
            "INSERT OR IGNORE INTO pending_replies (parent, author, url, brands, seen_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(r.parent, r.author, r.url, json.dumps(list(r.brands)), utc_iso(now))
             for r in waiting])
        db.conn.execute("DELETE FROM pending_replies WHERE seen_at < ?",
                        [utc_iso(now - timedelta(days=PENDING_DAYS))])


def resolve_answered(db: sqlite_utils.Database, replies: Sequence[OwnReply],
                     now: datetime) -> list[int]:
    """Resolve the stored mentions ``replies`` answer; returns the ids acted on.

    Replies that waited for their parent (:func:`pending_replies`) are tried
    first, so call this after each poll that stored posts, even one without
    replies. A reply whose parent is not stored (not fetched yet, or no
    mention at all) waits for it; one to a mention of none of the reply's
    ``brands`` is ignored (a watched competitor's support answering someone
    is no answer from the brand the mention is about).
    """
    acted: list[int] = []
    waiting: list[OwnReply] = []
    arrived = _arrived(db)
    for reply in [*arrived, *replies]:
        row = db.execute("SELECT mention_id FROM mention_keys WHERE key = ?",
                         ["post:" + reply.parent]).fetchone()
        if row is None:
            waiting.append(reply)
            continue
        ref = ItemRef("mention", int(row[0]))
        about = {b for (b,) in db.execute(
            "SELECT brand FROM mention_brands WHERE mention_id = ?", [ref.id])}
        if not about & set(reply.brands):
            continue
        state = get_states(db, [ref])[ref]
        if state.status in DONE_STATUSES:
            continue
        if state.status != "escalated":
            apply_action(db, [ref], "resolve", who=DAEMON_ACTOR, now=now)
        note = msg("answered on the platform by {author}: {url}", author=reply.author,
                   url=reply.url or "—")
        apply_action(db, [ref], "note", who=DAEMON_ACTOR, now=now, text=ENGLISH.render(note),
                     message=note.to_json())
        acted.append(ref.id)
    # Removed only now: a process killed above tries them again (a closed
    # mention is skipped then).
    _settle(db, arrived, waiting, now)
    return acted
