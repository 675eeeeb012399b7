"""The durable outbox: alert events written in the same transaction as their cause.

:func:`enqueue` is called *inside* the ``write_tx`` that stores an alert, a
campaign or a mention, so either both are committed or neither is. Rows are
then delivered by :mod:`listener.alerts.delivery`, which only ever moves a row
forward (``pending`` → ``sent`` or ``dead``) after the receiver answered, so a
killed daemon re-sends at most the rows it was sending, with the same
idempotency key (``event_id``).

Threads and cooldowns are decided here, from what the outbox already holds:
the first event of an incident for a (rule, channel) starts a thread, later
ones carry its ``thread_id``; a rule with a cooldown starts no new thread for
the same brand and channel within the cooldown; a closing event (resolved,
closed) whose incident never started a thread is dropped.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from listener.alerts.config import AlertsConfig
from listener.alerts.rules import (
    Occurrence,
    build_event,
    event_id_for,
    held_until,
    is_closing,
    keyword_hits,
)
from listener.alerts.rules import matches as rule_matches
from listener.analysis.normalise import single_line
from listener.i18n import ENGLISH, Translator
from listener.timezones import resolve_zone

__all__ = ["OutboxRow", "enqueue", "enqueue_detection", "mention_occurrences",
           "source_occurrences", "source_incident", "due_rows",
           "claim_due", "claim_digest", "lease_owner", "digest_rows", "mark_sent", "mark_failed",
           "list_rows", "get_row", "requeue", "utc_iso", "parse_time", "OutboxSummary",
           "outbox_summary", "FAILING_AFTER", "HELD_SQL"]

_ISO = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_iso(moment: datetime) -> str:
    """Sortable UTC timestamp with microseconds (retry delays can be sub-second in tests)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_ISO)


def parse_time(text: str) -> datetime:
    """Inverse of :func:`utc_iso`."""
    return datetime.strptime(text, _ISO).replace(tzinfo=UTC)


@dataclass(slots=True)
class OutboxRow:
    """One delivery: an event for one channel, and where its delivery stands."""

    id: int
    event_id: str
    thread_id: str
    rule: str
    channel: str
    kind: str
    brand: str
    severity: str | None
    state: str
    attempts: int
    next_attempt_at: str
    created_at: str
    sent_at: str | None
    last_status: int | None
    last_error: str | None
    event: dict[str, Any]

    @property
    def held(self) -> bool:
        """Held back on purpose, never tried: a rule's quiet hours or a digest window
        (:data:`HELD_SQL`)."""
        return (self.state == "pending" and not self.attempts
                and self.next_attempt_at > self.created_at)


_COLUMNS = ("id, event_id, thread_id, rule, channel, kind, brand, severity, state, attempts,"
            " next_attempt_at, created_at, sent_at, last_status, last_error, event")


def _row(r: tuple[Any, ...]) -> OutboxRow:
    return OutboxRow(*r[:-1], event=json.loads(r[-1]))  # type: ignore[misc]


def _wall() -> datetime:
    return datetime.now(UTC)


def enqueue(db: sqlite_utils.Database, alerts: AlertsConfig | None,
            occurrences: Iterable[Occurrence], *, now: datetime | None = None) -> list[str]:
    """Write the outbox rows the rules want for ``occurrences``; returns their event ids.

    Call inside the caller's write transaction. ``now`` (wall clock) is when
    the rows become due, or the end of the rule's quiet hours
    (:func:`~listener.alerts.rules.held_until`); cooldowns compare the
    occurrences' own times.
    """
    if alerts is None or not alerts.rules:
        return []
    created = now or _wall()
    conn = db.conn
    ids: list[str] = []
    zone = None
    for occ in occurrences:
        for rule in alerts.rules:
            if not rule_matches(rule, occ):
                continue
            due = created
            if rule.quiet_hours is not None:
                zone = zone or resolve_zone(alerts.timezone)
                due = held_until(rule, occ, created, zone) or created
            for channel in rule.channels:
                first = conn.execute(
                    "SELECT event_id FROM alert_outbox WHERE incident = ? AND rule = ?"
                    " AND channel = ? ORDER BY id LIMIT 1",
                    [occ.incident, rule.name, channel]).fetchone()
                event_id = event_id_for(occ, rule.name, channel)
                if first is not None:
                    thread_id = first[0]
                elif is_closing(occ.kind):
                    continue
                else:
                    if rule.cooldown > 0 and _cooling(conn, rule.name, channel, occ,
                                                      rule.cooldown):
                        continue
                    thread_id = event_id
                hits = keyword_hits(rule.keywords, occ.text) if rule.keywords else []
                event = build_event(occ, event_id=event_id, thread_id=thread_id, rule=rule,
                                    created_at=created, keywords=hits)
                cur = conn.execute(
                    "INSERT OR IGNORE INTO alert_outbox (event_id, thread_id, incident, rule,"
                    " channel, kind, brand, severity, occurred_at, created_at, event,"
                    " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [event_id, thread_id, occ.incident, rule.name, channel, occ.kind, occ.brand,
                     occ.severity, utc_iso(occ.at), utc_iso(created),
                     json.dumps(event, ensure_ascii=False, sort_keys=True),
                     utc_iso(due)])
                if cur.rowcount:
                    ids.append(event_id)
                if first is not None and due == created and rule.quiet_hours is not None:
                    # An update that may go now (a spike turned critical during
                    # quiet hours) takes the held messages of its thread with it.
                    conn.execute("UPDATE alert_outbox SET next_attempt_at = ? WHERE incident = ?"
                                 f" AND rule = ? AND channel = ? AND {HELD_SQL}"
                                 " AND next_attempt_at > ?",
                                 [utc_iso(created), occ.incident, rule.name, channel,
                                  utc_iso(created)])
    return ids


def _cooling(conn: Any, rule: str, channel: str, occ: Occurrence, cooldown: float) -> bool:
    since = utc_iso(occ.at - timedelta(seconds=cooldown))
    row = conn.execute(
        "SELECT 1 FROM alert_outbox WHERE rule = ? AND brand = ? AND channel = ?"
        " AND thread_id = event_id AND occurred_at > ? AND occurred_at <= ? LIMIT 1",
        [rule, occ.brand, channel, since, utc_iso(occ.at)]).fetchone()
    return row is not None


def enqueue_detection(db: sqlite_utils.Database, alerts: AlertsConfig | None, *, kind: str,
                      item_id: int, brand: str, summary: str, at: datetime,
                      severity: str | None, payload: dict[str, Any]) -> list[str]:
    """Outbox rows for one spike or campaign change (inside the caller's transaction)."""
    item_type = "alert" if kind.startswith("spike.") else "campaign"
    prefix = "spike" if item_type == "alert" else "campaign"
    occ = Occurrence(kind=kind, incident=f"{prefix}:{item_id}", item_type=item_type,
                     item_id=item_id, brand=brand, summary=summary, at=at, severity=severity,
                     data=payload)
    return enqueue(db, alerts, [occ])


def _span(seconds: float, tr: Translator = ENGLISH) -> str:
    """A duration for people: "45 min", "3.5 h", "2 days"."""
    minutes = seconds / 60
    if minutes < 90:
        return tr("{minutes} min", minutes=max(1, round(minutes)))
    if minutes < 48 * 60:
        return tr("{hours:g} h", hours=round(minutes / 60, 1))
    return tr("{days:g} days", days=round(minutes / 1440, 1))


#: Failures in a row after which a source counts as failing (one is a blip): for its
#: ``source.failing`` event, ``vigie status --check`` and the TUI's "⚠ sources failing".
FAILING_AFTER = 2


def source_occurrences(source_id: int, *, ok: bool, at: datetime, error: str | None,
                       status: int | None, brands: Iterable[str], name: str, url: str,
                       failing_since: str | None, failures: int, after: float,
                       alerted: bool, others_healthy: bool | None,
                       tr: Translator = ENGLISH) -> list[Occurrence]:
    """``source.failing`` / ``source.recovered`` for one poll, from the source's row before it.

    A source is *failing* once it has failed at least twice in a row over at
    least ``after`` seconds since its first failed attempt: one event per run
    of failures (``alerted``: this run already raised one). Not while every
    other source fails too (``others_healthy`` False): that is this machine
    losing the network, not the source, and one message per source would be
    spam (``vigie once`` and the log say it); the event goes out on a later
    failed poll once the others are back. The first success after a run of
    failures is *recovered*, in the same thread (dropped by :func:`enqueue`
    when the run raised nothing). ``failing_since`` is when the run of
    failures began (this poll's time when it begins one; None when a healthy
    source stays healthy), ``failures`` the failures in a row before this
    poll. One occurrence per brand the source is scoped to, or one for every
    brand (``brand`` empty) when it is not scoped. Summaries are in ``tr``'s language.
    """
    since = _any_iso(failing_since) if failing_since else None
    if ok:
        if since is None:
            return []
        kind = "source.recovered"
        summary = tr("{name}: polled again after {span} of failures", name=name,
                     span=_span((at - since).total_seconds(), tr))
    else:
        down = (at - (since or at)).total_seconds()
        if alerted or failures + 1 < FAILING_AFTER or down < after or others_healthy is False:
            return []
        kind = "source.failing"
        summary = tr("{name}: no successful poll for {span} ({n} failed attempts); last "
                     "error: {error}", name=name, span=_span(down, tr), n=failures + 1,
                     error=error or tr("unknown"))
    data = {"source_id": source_id, "name": name, "url": url, "error": error,
            "http_status": status, "failures": failures + (0 if ok else 1),
            "failing_since": failing_since}
    return [Occurrence(kind=kind, incident=source_incident(source_id, failing_since or ""),
                       item_type="source", item_id=source_id, brand=b, summary=summary[:300],
                       at=at, data=data)
            for b in (tuple(brands) or ("",))]


def source_incident(source_id: int, failing_since: str) -> str:
    """The incident of one run of failures of a source (named by its first failure)."""
    return f"source:{source_id}:{failing_since}"


def _any_iso(text: str) -> datetime:
    """A stored ISO 8601 time (``Z`` or an offset) as an aware UTC datetime."""
    value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def mention_occurrences(mention_id: int, brands: Iterable[str], *, title: str, text: str,
                        url: str | None, author: str | None, label: str, compound: float,
                        reach: int | None, lang: str, published_at: datetime,
                        source_id: int, fetched_at: datetime | None = None) -> list[Occurrence]:
    """One ``mention`` occurrence per matched brand of a newly stored mention."""
    full = f"{title}. {text}" if text else title
    data = {"title": title, "text": text[:500], "url": url, "author": author, "label": label,
            "compound": round(compound, 3), "reach": reach, "lang": lang,
            "source_id": source_id}
    return [Occurrence(kind="mention", incident=f"mention:{mention_id}:{b}", item_type="mention",
                       item_id=mention_id, brand=b, summary=(title or text)[:200],
                       at=published_at, data=data, label=label, reach=reach, text=full,
                       age=(fetched_at - published_at).total_seconds() if fetched_at else None)
            for b in brands]


def due_rows(db: sqlite_utils.Database, now: datetime, limit: int = 100) -> list[OutboxRow]:
    """Pending rows whose next attempt is due and that no live process has claimed, oldest first."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM alert_outbox WHERE state = 'pending'"
                      " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
                      " ORDER BY next_attempt_at, id LIMIT ?",
                      [utc_iso(now), utc_iso(now), limit]).fetchall()
    return [_row(r) for r in rows]


#: A pending row held back on purpose, never tried and due after its creation: by a
#: rule's quiet hours (:func:`enqueue`) or a digest channel's window (:func:`defer`).
HELD_SQL = "(state = 'pending' AND attempts = 0 AND next_attempt_at > created_at)"


def digest_rows(db: sqlite_utils.Database, channel: str,
                now: datetime | None = None) -> list[OutboxRow]:
    """Every pending row of a digest channel (they go out together) not claimed by another process.

    Except rows still held (:data:`HELD_SQL`, not due yet): an urgent event
    during a rule's quiet hours goes out without them.
    """
    stamp = utc_iso(now or _wall())
    rows = db.execute(f"SELECT {_COLUMNS} FROM alert_outbox WHERE state = 'pending'"
                      " AND channel = ? AND (lease_until IS NULL OR lease_until <= ?"
                      f" OR lease_owner = ?) AND NOT ({HELD_SQL} AND next_attempt_at > ?)"
                      " ORDER BY id", [channel, stamp, lease_owner(), stamp]).fetchall()
    return [_row(r) for r in rows]


def lease_owner() -> str:
    """This process as a lease owner: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(owner: str) -> bool:
    """False when ``owner`` is a process of this host that no longer runs."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's process: trust its lease until it expires
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _release_dead(db: sqlite_utils.Database, now: str) -> None:
    owners = [r[0] for r in db.execute(
        "SELECT DISTINCT lease_owner FROM alert_outbox WHERE state = 'pending'"
        " AND lease_until > ? AND lease_owner IS NOT NULL", [now]).fetchall()]
    dead = [(o,) for o in owners if o != lease_owner() and not _alive(o)]
    if dead:
        db.conn.executemany("UPDATE alert_outbox SET lease_owner = NULL, lease_until = NULL"
                            " WHERE lease_owner = ? AND state = 'pending'", dead)


def claim_due(db: sqlite_utils.Database, now: datetime, lease_seconds: float,
              limit: int = 100) -> list[OutboxRow]:
    """:func:`due_rows`, each leased to this process for ``lease_seconds``, in one transaction.

    Two processes delivering from the same database (``vigie run`` and
    ``vigie once``) never send the same row at the same time: the second one
    does not see rows the first has claimed until their lease ends. Leases of
    killed processes of this host are released first, so a restart delivers at
    once.
    """
    return _claim(db, now, lease_seconds, lambda: due_rows(db, now, limit))


def claim_digest(db: sqlite_utils.Database, channel: str, now: datetime,
                 lease_seconds: float) -> list[OutboxRow]:
    """:func:`digest_rows`, leased to this process like :func:`claim_due`."""
    return _claim(db, now, lease_seconds, lambda: digest_rows(db, channel, now))


def _claim(db: sqlite_utils.Database, now: datetime, lease_seconds: float,
           fetch: Callable[[], list[OutboxRow]]) -> list[OutboxRow]:
    """In one write transaction: void dead processes' leases, ``fetch`` rows, lease them."""
    until = utc_iso(now + timedelta(seconds=lease_seconds))
    owner = lease_owner()
    with _tx(db):
        _release_dead(db, utc_iso(now))
        rows = fetch()
        db.conn.executemany("UPDATE alert_outbox SET lease_owner = ?, lease_until = ?"
                            " WHERE id = ?", [(owner, until, r.id) for r in rows])
    return rows


def last_sent_at(db: sqlite_utils.Database, channel: str) -> datetime | None:
    """When ``channel`` last received a message (for digest spacing)."""
    row = db.execute("SELECT max(sent_at) FROM alert_outbox WHERE channel = ?",
                     [channel]).fetchone()
    return parse_time(row[0]) if row and row[0] else None


def mark_sent(db: sqlite_utils.Database, ids: list[int], now: datetime, status: int | None,
              digest_id: str | None = None) -> None:
    """Rows ``ids`` were accepted by their receiver."""
    with _tx(db):
        db.conn.executemany(
            "UPDATE alert_outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?,"
            " last_status = ?, last_error = NULL, digest_id = ?, lease_owner = NULL,"
            " lease_until = NULL WHERE id = ?",
            [(utc_iso(now), status, digest_id, i) for i in ids])


def mark_failed(db: sqlite_utils.Database, ids: list[int], error: str, status: int | None,
                retry_at: datetime | None) -> None:
    """Rows ``ids`` failed: retry at ``retry_at``, or dead-letter them when it is None."""
    with _tx(db):
        if retry_at is None:
            db.conn.executemany(
                "UPDATE alert_outbox SET state = 'dead', attempts = attempts + 1,"
                " last_status = ?, last_error = ?, lease_owner = NULL, lease_until = NULL"
                " WHERE id = ?",
                [(status, single_line(error)[:500], i) for i in ids])
        else:
            db.conn.executemany(
                "UPDATE alert_outbox SET attempts = attempts + 1, last_status = ?,"
                " last_error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
                " WHERE id = ?",
                [(status, single_line(error)[:500], utc_iso(retry_at), i) for i in ids])


def defer(db: sqlite_utils.Database, ids: list[int], until: datetime) -> None:
    """Postpone rows without counting an attempt (digest windows)."""
    with _tx(db):
        db.conn.executemany("UPDATE alert_outbox SET next_attempt_at = ?, lease_owner = NULL,"
                            " lease_until = NULL WHERE id = ?",
                            [(utc_iso(until), i) for i in ids])


@dataclass(frozen=True, slots=True)
class OutboxSummary:
    """How the alert outbox stands: what waits, what is held, what could not be delivered."""

    pending: int = 0
    #: Pending rows held back (:data:`HELD_SQL`) and not due yet.
    held: int = 0
    #: When the first held row goes (ISO), if any.
    held_until: str | None = None
    #: Pending rows that failed at least once and wait for a retry.
    retrying: int = 0
    dead: int = 0


def outbox_summary(db: sqlite_utils.Database, now: datetime) -> OutboxSummary:
    """Counts of the outbox rows not sent yet, for ``vigie status``."""
    stamp = utc_iso(now)
    row = db.execute(
        "SELECT count(*) FILTER (WHERE state = 'pending'),"
        f" count(*) FILTER (WHERE {HELD_SQL} AND next_attempt_at > ?),"
        f" min(next_attempt_at) FILTER (WHERE {HELD_SQL} AND next_attempt_at > ?),"
        " count(*) FILTER (WHERE state = 'pending' AND attempts > 0),"
        " count(*) FILTER (WHERE state = 'dead')"
        " FROM alert_outbox", [stamp, stamp]).fetchone()
    return OutboxSummary(pending=row[0] or 0, held=row[1] or 0, held_until=row[2],
                         retrying=row[3] or 0, dead=row[4] or 0)


def list_rows(db: sqlite_utils.Database, *, failed: bool = False,
              limit: int = 50) -> list[OutboxRow]:
    """The newest rows; ``failed`` = dead letters and pending rows that have failed."""
    where = "WHERE state = 'dead' OR (state = 'pending' AND attempts > 0)" if failed else ""
    rows = db.execute(f"SELECT {_COLUMNS} FROM alert_outbox {where} ORDER BY id DESC LIMIT ?",
                      [limit]).fetchall()
    return [_row(r) for r in rows]


def get_row(db: sqlite_utils.Database, row_id: int) -> OutboxRow | None:
    """The row ``row_id``, or None."""
    r = db.execute(f"SELECT {_COLUMNS} FROM alert_outbox WHERE id = ?", [row_id]).fetchone()
    return _row(r) if r else None


def requeue(db: sqlite_utils.Database, row_id: int, now: datetime | None = None) -> bool:
    """Put a dead letter back in the queue (attempts reset, due now); False if not dead."""
    with _tx(db):
        cur = db.conn.execute(
            "UPDATE alert_outbox SET state = 'pending', attempts = 0, next_attempt_at = ?,"
            " lease_owner = NULL, lease_until = NULL WHERE id = ? AND state = 'dead'",
            [utc_iso(now or _wall()), row_id])
    return bool(cur.rowcount)


class _tx:  # noqa: N801 - used like a function
    """``BEGIN IMMEDIATE`` … ``COMMIT`` unless already inside a transaction."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.conn = db.conn
        self.own = not self.conn.in_transaction

    def __enter__(self) -> None:
        if self.own:
            self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self.own:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
