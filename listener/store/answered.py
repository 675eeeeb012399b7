"""Mentions the brand answered on the platform leave "Needs reply" by themselves.

A post by one of the brand's own accounts (``exclude_authors``: its support
account, its staff) that replies to a stored mention (Mastodon's
``in_reply_to_id``, kept as the mention's ``post:`` key) means someone already
answered it where it was written. The mention is resolved by ``vigie`` with a
note naming the account and the reply's link, so the person triaging neither
answers twice nor wonders who did. A mention someone already closed is left
alone; an escalated one keeps its status (someone chose to hand it on) and
only gets the note. Runs on the writer thread; each action is its own
transaction, like a person's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from listener.i18n import ENGLISH, msg
from listener.store.triage import DONE_STATUSES, ItemRef, apply_action, get_states

__all__ = ["DAEMON_ACTOR", "OwnReply", "resolve_answered"]

#: Who the triage log names for what the daemon does itself.
DAEMON_ACTOR = "vigie"


@dataclass(frozen=True, slots=True)
class OwnReply:
    """A reply by one of a brand's own accounts: the ``post_key`` it answers, who, where,
    and the ``brands`` whose own account the author is."""

    parent: str
    author: str
    url: str | None = None
    brands: tuple[str, ...] = ()


def resolve_answered(db: sqlite_utils.Database, replies: Sequence[OwnReply],
                     now: datetime) -> list[int]:
    """Resolve the stored mentions ``replies`` answer; returns the ids acted on.

    A reply whose parent is not stored (not a mention, or not fetched yet) is
    ignored: nothing waits for it; so is one to a mention of none of the
    reply's ``brands`` (a watched competitor's support answering someone is no
    answer from the brand the mention is about).
    """
    acted: list[int] = []
    for reply in replies:
        row = db.execute("SELECT mention_id FROM mention_keys WHERE key = ?",
                         ["post:" + reply.parent]).fetchone()
        if row is None:
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
    return acted
