"""``vigie status``: the health of every source, as a table."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

import sqlite_utils

from listener.config import Config, load_config
from listener.store import connect
from listener.store.reads import SourceHealth, brand_summary, mention_count, source_health

__all__ = ["register", "render_health", "detection_line"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``status``."""
    p = sub.add_parser(
        "status", help="show the health of every source and mention counts",
        description="Print one row per source: last attempt, last success, HTTP status, "
                    "consecutive failures, next poll and the last error; then how far spike "
                    "detection can judge (the feed it is waiting for, if any) and the mentions "
                    "per brand.")
    p.add_argument("--all", action="store_true", help="include sources no longer in the config")
    p.set_defaults(func=_cmd)


def _short(text: str | None, width: int) -> str:
    text = text or "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def render_health(rows: list[SourceHealth]) -> str:
    """A fixed-width table of source health."""
    head = (f"{'id':>4}  {'state':<6} {'http':>4} {'fail':>4}  {'last success':<20} "
            f"{'next poll':<20} {'items':>6}  source / last error")
    out = [head, "-" * len(head)]
    for r in rows:
        state = "ok" if r.healthy else "FAIL"
        if r.last_attempt is None:
            state = "new"
        out.append(f"{r.id:>4}  {state:<6} {r.http_status or '-':>4} {r.consecutive_failures:>4}  "
                   f"{_short(r.last_success, 20):<20} {_short(r.next_poll, 20):<20} "
                   f"{r.items_seen:>6}  {_short(r.name or r.url, 60)}")
        if r.last_error:
            out.append(f"{'':>44}  ↳ {_short(r.last_error, 100)}")
    return "\n".join(out)


def detection_line(db: sqlite_utils.Database, cfg: Config, now: datetime) -> str:
    """How far spike detection can judge now, and which source holds it back."""
    from listener.monitor import detection_cutoff  # the detectors load numpy: only here

    lag = timedelta(seconds=cfg.daemon.detection_lag)
    hold = timedelta(seconds=cfg.daemon.detection_hold)
    cutoff, holder = detection_cutoff(db, now, lag, hold)
    line = f"\nSpike bins complete up to {cutoff:%Y-%m-%d %H:%M} UTC"
    if holder is None:
        return line + f" (now - detection_lag {cfg.daemon.detection_lag / 60:g} min)"
    return line + (f" (waiting for {holder.source}, last fetched {holder.at:%H:%M}; "
                   f"at most detection_hold {cfg.daemon.detection_hold / 60:g} min)")


def _cmd(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    db = connect(cfg.storage.path, busy_timeout=cfg.storage.busy_timeout, readonly=True)
    print(render_health(source_health(db, include_inactive=args.all)))
    print(detection_line(db, cfg, datetime.now(UTC)))
    print()
    print(f"{mention_count(db)} mentions")
    for b in brand_summary(db):
        print(f"  {b['brand']}: {b['mentions']} ({b['negative']} negative, {b['neutral']} neutral,"
              f" {b['positive']} positive)")
    return 0
