"""``vigie alerts``: test a channel, list the outbox, re-queue a dead letter."""

from __future__ import annotations

import argparse
import asyncio

from listener.alerts.config import resolve_channel
from listener.alerts.delivery import send
from listener.alerts.examples import sample_event
from listener.alerts.outbox import get_row, list_rows, requeue
from listener.analysis.normalise import single_line
from listener.config import load_config
from listener.errors import VigieError
from listener.i18n import translator
from listener.store import connect

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``alerts`` with its ``test``, ``list`` and ``retry`` subcommands."""
    p = sub.add_parser(
        "alerts", help="test alert channels, show the outbox, re-queue dead letters",
        description="Alert webhooks ([alerts] in the config). Events are written to a durable "
                    "outbox in the database together with the alert that causes them, and "
                    "delivered by `vigie run` (and at the end of `vigie once`). See "
                    "docs/alerts.md.")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    t = acts.add_parser(
        "test", help="send a sample event to a channel and print the response",
        description="Send a sample spike event (rule 'vigie-alerts-test') to CHANNEL once, "
                    "without the outbox, and print the receiver's status and body. Exit 0 "
                    "when the receiver accepted it, 1 otherwise.")
    t.add_argument("channel", metavar="CHANNEL", help="name of an [[alerts.channels]] entry")
    t.set_defaults(func=_test)
    ls = acts.add_parser(
        "list", help="show the newest outbox rows",
        description="Show the newest outbox rows: id, state (pending, sent, dead), attempts, "
                    "channel, event kind, brand, idempotency key and the last error.")
    ls.add_argument("--failed", action="store_true",
                    help="only dead letters and pending rows that have failed at least once")
    ls.add_argument("--limit", type=int, default=50, metavar="N",
                    help="rows to show (default 50)")
    ls.set_defaults(func=_list)
    r = acts.add_parser(
        "retry", help="re-queue a dead letter",
        description="Put the dead-letter row ID (see `vigie alerts list --failed`) back in the "
                    "queue with its attempts reset; the running daemon (or the next `vigie "
                    "once`) sends it again with the same idempotency key.")
    r.add_argument("id", type=int, metavar="ID", help="the outbox row id")
    r.set_defaults(func=_retry)


def _test(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    alerts = config.alerts
    for i, channel in enumerate(alerts.channels):
        if channel.name == args.channel:
            resolved = resolve_channel(channel, index=i, path=str(config.path))
            break
    else:
        known = ", ".join(c.name for c in alerts.channels) or "none configured"
        raise VigieError(f"no [[alerts.channels]] named {args.channel!r} (known: {known})")
    event = sample_event()
    attempt = asyncio.run(send(resolved, event, idempotency_key=event["id"],
                               tr=translator(alerts.language)))
    status = "accepted" if attempt.ok else "FAILED"
    what = "exit status" if resolved.kind == "command" else "status"
    print(f"{resolved.name} ({resolved.kind}): {status}"
          + (f", {what} {attempt.status}" if attempt.status is not None else ""))
    if attempt.error:
        print(f"error: {attempt.error}")
    if attempt.retry_after is not None:
        print(f"retry after: {attempt.retry_after:g} s")
    if attempt.response:
        print(attempt.response.rstrip())
    return 0 if attempt.ok else 1


def _list(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    db = connect(config.storage.path)
    try:
        rows = list_rows(db, failed=args.failed, limit=args.limit)
    finally:
        db.conn.close()
    if not rows:
        print("no failed deliveries" if args.failed else "the outbox is empty")
        return 0
    print(f"{'id':>5}  {'state':<7} {'tries':>5}  {'channel':<14} {'kind':<16} "
          f"{'brand':<18} event")
    for r in rows:
        print(f"{r.id:>5}  {r.state:<7} {r.attempts:>5}  {r.channel[:14]:<14} {r.kind:<16} "
              f"{r.brand[:18]:<18} {r.event_id}"
              + (f"  (update of {r.thread_id})" if r.thread_id != r.event_id else ""))
        if r.held:
            print(f"       held until {r.next_attempt_at} (the quiet hours of rule "
                  f"{r.rule!r}, or the digest window of channel {r.channel!r})")
        if r.last_error and r.state != "sent":
            when = f" next try {r.next_attempt_at}" if r.state == "pending" else ""
            print(f"       last error: {single_line(r.last_error)}{when}")
    return 0


def _retry(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    db = connect(config.storage.path)
    try:
        row = get_row(db, args.id)
        if row is None:
            raise VigieError(f"no outbox row {args.id} (see `vigie alerts list`)")
        if not requeue(db, args.id):
            raise VigieError(f"outbox row {args.id} is {row.state}, not dead: only dead "
                             "letters can be re-queued")
    finally:
        db.conn.close()
    print(f"re-queued {args.id} ({row.kind} to {row.channel}, event {row.event_id})")
    return 0
