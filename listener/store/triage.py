"""Triage actions on mentions, spike alerts and campaigns: state, log, undo.

Every action is one short ``BEGIN IMMEDIATE`` transaction that updates the
current state of each item (table ``triage``) and appends one row per item to
the append-only ``triage_log`` (who, when, action, payload, state before and
after). The rows of one action share a ``batch`` id; undo replays the
``before`` states of the last batch of a person and logs an ``undo`` row.

Concurrency between two people triaging the same store is optimistic: each
state carries a ``version`` that every write bumps. Callers pass the versions
they displayed (``expected``); if another person changed an item since, the
whole action is refused with :class:`StaleTriageError` (nothing is written) and
the caller refreshes. Without ``expected`` the action is last-writer-wins, and
the log still records who overwrote what.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from listener.errors import StoreError
from listener.store.db import utc_iso
from listener.store.tx import write_tx

__all__ = [
    "KINDS", "STATUSES", "DONE_STATUSES", "VERDICTS", "ACTIONS", "SNOOZE_CHOICES",
    "ItemRef", "TriageState", "LogEntry", "ActionResult", "TriageError", "StaleTriageError",
    "get_states", "apply_action", "undo", "last_undoable_batch", "history",
]

KINDS = ("mention", "alert", "campaign")
STATUSES = ("new", "open", "resolved", "ignored", "escalated", "snoozed")
#: Statuses that take an item out of the working queues (into "Done").
DONE_STATUSES = ("resolved", "ignored")
VERDICTS = ("not_fake", "confirmed_fake")
ACTIONS = ("open", "resolve", "ignore", "escalate", "reopen", "snooze", "assign", "tag",
           "note", "verdict")
#: Snooze durations offered to people (label → duration).
SNOOZE_CHOICES = {"1h": timedelta(hours=1), "4h": timedelta(hours=4), "1d": timedelta(days=1)}

_STATUS_OF = {"open": "open", "resolve": "resolved", "ignore": "ignored",
              "escalate": "escalated", "reopen": "open"}
_TABLE_OF = {"mention": "mentions", "alert": "alerts", "campaign": "campaigns"}


class TriageError(StoreError):
    """A triage action is invalid (unknown item, action or argument)."""


class StaleTriageError(TriageError):
    """Someone else changed an item since it was displayed; nothing was written."""

    def __init__(self, message: str, *, items: Sequence[ItemRef]) -> None:
        self.items = list(items)
        super().__init__(message)


@dataclass(frozen=True, slots=True, order=True)
class ItemRef:
    """A triageable item: ``kind`` is mention, alert or campaign."""

    kind: str
    id: int

    @property
    def key(self) -> str:
        """Short stable key (``m12``, ``a3``, ``c7``), used as a row key by the TUI."""
        return self.kind[0] + str(self.id)

    @classmethod
    def from_key(cls, key: str) -> ItemRef:
        """Inverse of :attr:`key`."""
        kind = {"m": "mention", "a": "alert", "c": "campaign"}.get(key[:1])
        if kind is None or not key[1:].isdigit():
            raise TriageError(f"not an item key: {key!r} (expected m123, a4 or c5)")
        return cls(kind, int(key[1:]))


@dataclass(frozen=True, slots=True)
class TriageState:
    """Current triage state of one item; ``version`` 0 means never triaged."""

    status: str = "new"
    snoozed_until: str | None = None
    assignee: str | None = None
    tags: tuple[str, ...] = ()
    verdict: str | None = None
    notes: int = 0
    version: int = 0
    updated_at: str | None = None
    updated_by: str | None = None

    def active_status(self, now_iso: str) -> str:
        """The status as queues see it: an expired snooze is back to ``open``."""
        if self.status == "snoozed" and (self.snoozed_until or "") <= now_iso:
            return "open"
        return self.status

    def content(self) -> tuple[object, ...]:
        """The triage fields, without version and authorship (what undo compares)."""
        return (self.status, self.snoozed_until, self.assignee, tuple(self.tags), self.verdict,
                self.notes)

    def to_json(self) -> str:
        """The fields undo restores, as JSON (stored in the log)."""
        return json.dumps({"status": self.status, "snoozed_until": self.snoozed_until,
                           "assignee": self.assignee, "tags": list(self.tags),
                           "verdict": self.verdict, "notes": self.notes,
                           "version": self.version}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> TriageState:
        """Inverse of :meth:`to_json` (``None`` is the untriaged state)."""
        if not text:
            return cls()
        d = json.loads(text)
        return cls(status=d["status"], snoozed_until=d.get("snoozed_until"),
                   assignee=d.get("assignee"), tags=tuple(d.get("tags") or ()),
                   verdict=d.get("verdict"), notes=int(d.get("notes", 0)),
                   version=int(d.get("version", 0)))


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One row of an item's history."""

    id: int
    at: str
    who: str
    action: str
    ref: ItemRef
    batch: str
    payload: dict[str, Any]
    undoes: str | None = None


@dataclass(slots=True)
class ActionResult:
    """What an action wrote: its batch id and the new state of each item."""

    batch: str
    action: str
    states: dict[ItemRef, TriageState] = field(default_factory=dict)


_STATE_COLS = ("status, snoozed_until, assignee, tags, verdict, notes, version, updated_at,"
               " updated_by")


def _state_from_row(row: Sequence[Any]) -> TriageState:
    return TriageState(status=row[0], snoozed_until=row[1], assignee=row[2],
                       tags=tuple(json.loads(row[3] or "[]")), verdict=row[4], notes=row[5],
                       version=row[6], updated_at=row[7], updated_by=row[8])


def get_states(db: sqlite_utils.Database, refs: Iterable[ItemRef]) -> dict[ItemRef, TriageState]:
    """Current state of each item (the default state for items never triaged)."""
    out: dict[ItemRef, TriageState] = {}
    for ref in refs:
        row = db.execute(f"SELECT {_STATE_COLS} FROM triage WHERE kind = ? AND item_id = ?",
                         [ref.kind, ref.id]).fetchone()
        out[ref] = _state_from_row(row) if row else TriageState()
    return out


def _check_refs(db: sqlite_utils.Database, refs: Sequence[ItemRef]) -> None:
    for ref in refs:
        if ref.kind not in KINDS:
            raise TriageError(f"unknown item kind {ref.kind!r} (expected one of {KINDS})")
        row = db.execute(f"SELECT 1 FROM {_TABLE_OF[ref.kind]} WHERE id = ?", [ref.id]).fetchone()
        if row is None:
            raise TriageError(f"{ref.kind} {ref.id} does not exist (deleted, or another store?)")


def _clean_tags(tags: Iterable[str]) -> list[str]:
    out = []
    for t in tags:
        t = " ".join(str(t).split())[:40]
        if t and t not in out:
            out.append(t)
    return out


def _transition(action: str, state: TriageState, args: Mapping[str, Any],
                now: datetime) -> tuple[TriageState, dict[str, Any]]:
    """The new state and the payload logged for ``action`` (pure)."""
    if action in _STATUS_OF:
        return replace(state, status=_STATUS_OF[action], snoozed_until=None), {}
    if action == "snooze":
        duration = args.get("duration")
        if not isinstance(duration, timedelta) or duration <= timedelta(0):
            raise TriageError("snooze needs a positive duration (e.g. 1h, 4h, 1d)")
        until = utc_iso(now + duration)
        return (replace(state, status="snoozed", snoozed_until=until),
                {"until": until, "seconds": int(duration.total_seconds())})
    if action == "assign":
        name = args.get("assignee")
        name = " ".join(str(name).split())[:80] if name else None
        return replace(state, assignee=name or None), {"assignee": name or None}
    if action == "tag":
        add = _clean_tags(args.get("add", ()))
        remove = set(_clean_tags(args.get("remove", ())))
        tags = [t for t in state.tags if t not in remove]
        tags += [t for t in add if t not in tags]
        return replace(state, tags=tuple(tags)), {"add": add, "remove": sorted(remove)}
    if action == "note":
        text = str(args.get("text") or "").strip()
        if not text:
            raise TriageError("a note cannot be empty")
        payload: dict[str, Any] = {"text": text[:4000]}
        message = args.get("message")
        if isinstance(message, dict):
            # The daemon's own notes, for readers of other languages (listener.i18n).
            payload["message"] = message
        return replace(state, notes=state.notes + 1), payload
    if action == "verdict":
        verdict = args.get("verdict")
        if verdict not in (*VERDICTS, None):
            raise TriageError(f"unknown verdict {verdict!r} (expected one of {VERDICTS})")
        # A verdict answers the campaign's question: it leaves the queue (undo brings it back).
        status = "resolved" if verdict else state.status
        return (replace(state, verdict=verdict, status=status, snoozed_until=None),
                {"verdict": verdict})
    raise TriageError(f"unknown action {action!r} (expected one of {', '.join(ACTIONS)})")


def _write_state(db: sqlite_utils.Database, ref: ItemRef, state: TriageState) -> None:
    db.execute(
        f"INSERT INTO triage (kind, item_id, {_STATE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (kind, item_id) DO UPDATE SET status = excluded.status,"
        " snoozed_until = excluded.snoozed_until, assignee = excluded.assignee,"
        " tags = excluded.tags, verdict = excluded.verdict, notes = excluded.notes,"
        " version = excluded.version, updated_at = excluded.updated_at,"
        " updated_by = excluded.updated_by",
        [ref.kind, ref.id, state.status, state.snoozed_until, state.assignee,
         json.dumps(list(state.tags), ensure_ascii=False), state.verdict, state.notes,
         state.version, state.updated_at, state.updated_by])


def _log(db: sqlite_utils.Database, *, at: str, who: str, action: str, ref: ItemRef, batch: str,
         payload: Mapping[str, Any], before: TriageState, after: TriageState,
         undoes: str | None = None) -> None:
    db.execute(
        "INSERT INTO triage_log (at, who, action, kind, item_id, batch, payload, before, after,"
        " undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, who, action, ref.kind, ref.id, batch, json.dumps(dict(payload), ensure_ascii=False),
         before.to_json() if before.version else None, after.to_json(), undoes])


@contextmanager
def _triage_tx(db: sqlite_utils.Database) -> Iterator[None]:
    """A short write transaction; a lock timeout becomes a StoreError a person can act on."""
    try:
        with write_tx(db):
            yield
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot record the triage action: {exc} (another program holds "
                         "the database; try again in a moment)") from None


def _campaign_members(db: sqlite_utils.Database, campaign_id: int) -> list[ItemRef]:
    rows = db.execute("SELECT mention_id FROM campaign_members WHERE campaign_id = ?"
                      " ORDER BY mention_id", [campaign_id]).fetchall()
    return [ItemRef("mention", r[0]) for r in rows]


def apply_action(db: sqlite_utils.Database, refs: Sequence[ItemRef], action: str, *, who: str,
                 now: datetime, expected: Mapping[ItemRef, int] | None = None,
                 **args: Any) -> ActionResult:
    """Apply ``action`` to every item of ``refs`` in one transaction.

    ``args`` by action: ``snooze(duration=timedelta)``, ``assign(assignee=str|None)``,
    ``tag(add=[...], remove=[...])``, ``note(text=str[, message=dict])``,
    ``verdict(verdict='not_fake'|'confirmed_fake'|None)`` (campaigns only; it is
    applied to every member mention too, and ``confirmed_fake`` also ignores the
    members still waiting in a queue; the campaign itself is resolved). Raises :class:`StaleTriageError` when an
    item's version differs from ``expected`` and :class:`TriageError` for
    invalid input; in both cases nothing is written.
    """
    refs = list(dict.fromkeys(refs))
    if not refs:
        raise TriageError("no item selected")
    if not who or not who.strip():
        raise TriageError("a triage action needs a user name (set `user` in the config)")
    if action == "verdict" and any(r.kind != "campaign" for r in refs):
        raise TriageError("a fake/not-fake verdict applies to campaigns only")
    at = utc_iso(now)
    batch = f"{at}-{secrets.token_hex(4)}"
    result = ActionResult(batch=batch, action=action)
    with _triage_tx(db):
        _check_refs(db, refs)
        states = get_states(db, refs)
        if expected is not None:
            stale = [r for r in refs if r in expected and states[r].version != expected[r]]
            if stale:
                who_else = {states[r].updated_by for r in stale} - {None}
                raise StaleTriageError(
                    f"{len(stale)} item(s) changed since you saw them"
                    f" (by {', '.join(sorted(who_else)) or 'someone'}); refreshed, try again",
                    items=stale)
        for ref in refs:
            new, payload = _transition(action, states[ref], args, now)
            new = replace(new, version=states[ref].version + 1, updated_at=at, updated_by=who)
            _write_state(db, ref, new)
            _log(db, at=at, who=who, action=action, ref=ref, batch=batch, payload=payload,
                 before=states[ref], after=new)
            result.states[ref] = new
            if action == "verdict":
                _propagate_verdict(db, ref, args.get("verdict"), at=at, who=who, batch=batch,
                                   result=result)
    return result


def _propagate_verdict(db: sqlite_utils.Database, campaign: ItemRef, verdict: str | None, *,
                       at: str, who: str, batch: str, result: ActionResult) -> None:
    members = _campaign_members(db, campaign.id)
    for ref, state in get_states(db, members).items():
        new = replace(state, verdict=verdict)
        if verdict == "confirmed_fake" and state.status not in DONE_STATUSES:
            new = replace(new, status="ignored", snoozed_until=None)
        new = replace(new, version=state.version + 1, updated_at=at, updated_by=who)
        _write_state(db, ref, new)
        _log(db, at=at, who=who, action="verdict", ref=ref, batch=batch,
             payload={"verdict": verdict, "via_campaign": campaign.id}, before=state, after=new)
        result.states[ref] = new


def last_undoable_batch(db: sqlite_utils.Database, who: str) -> str | None:
    """The most recent batch of ``who`` that is not an undo and was not undone yet."""
    row = db.execute(
        "SELECT batch FROM triage_log l WHERE who = ? AND undoes IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM triage_log u WHERE u.undoes = l.batch)"
        " ORDER BY id DESC LIMIT 1", [who]).fetchone()
    return row[0] if row else None


def undo(db: sqlite_utils.Database, batch: str, *, who: str, now: datetime) -> ActionResult:
    """Restore the states before ``batch`` and log it as an ``undo`` by ``who``.

    Refused (:class:`StaleTriageError`) when an item is no longer in the state
    the batch left it in (someone acted on it since), or :class:`TriageError` when the batch
    does not exist or was already undone.
    """
    at = utc_iso(now)
    new_batch = f"{at}-{secrets.token_hex(4)}"
    with _triage_tx(db):
        rows = db.execute("SELECT kind, item_id, action, after, before FROM triage_log"
                          " WHERE batch = ? ORDER BY id", [batch]).fetchall()
        if not rows:
            raise TriageError(f"nothing to undo: no action {batch!r} in the log")
        if db.execute("SELECT 1 FROM triage_log WHERE undoes = ? LIMIT 1", [batch]).fetchone():
            raise TriageError("that action was already undone")
        action = rows[0][2]
        result = ActionResult(batch=new_batch, action="undo")
        refs = [ItemRef(r[0], r[1]) for r in rows]
        current = get_states(db, refs)
        # Safe to undo when each item is still as the batch left it (later actions that
        # were themselves undone leave it so); anything else would overwrite someone.
        stale = [ref for ref, r in zip(refs, rows, strict=True)
                 if current[ref].content() != TriageState.from_json(r[3]).content()]
        if stale:
            raise StaleTriageError(f"cannot undo {action}: {len(stale)} item(s) changed since"
                                   " (someone acted on them after you)", items=stale)
        for ref, r in zip(refs, rows, strict=True):
            before = TriageState.from_json(r[4])
            restored = replace(before, version=current[ref].version + 1, updated_at=at,
                               updated_by=who)
            _write_state(db, ref, restored)
            _log(db, at=at, who=who, action="undo", ref=ref, batch=new_batch,
                 payload={"undid": action}, before=current[ref], after=restored, undoes=batch)
            result.states[ref] = restored
    return result


def history(db: sqlite_utils.Database, ref: ItemRef, *, limit: int = 50) -> list[LogEntry]:
    """The item's log, newest first (at most ``limit`` rows)."""
    rows = db.execute(
        "SELECT id, at, who, action, kind, item_id, batch, payload, undoes FROM triage_log"
        " WHERE kind = ? AND item_id = ? ORDER BY id DESC LIMIT ?",
        [ref.kind, ref.id, limit]).fetchall()
    return [LogEntry(id=r[0], at=r[1], who=r[2], action=r[3], ref=ItemRef(r[4], r[5]),
                     batch=r[6], payload=json.loads(r[7] or "{}"), undoes=r[8]) for r in rows]
