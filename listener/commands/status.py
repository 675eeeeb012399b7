"""``vigie status``: the health of every source, as a table."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

import sqlite_utils

from listener.alerts.outbox import FAILING_AFTER, OutboxSummary, outbox_summary
from listener.analysis.normalise import single_line
from listener.commands.readstore import add_db_argument, open_for_reading
from listener.config import Config, DaemonConfig
from listener.detection.campaign_reasons import CAUTION_SHORT
from listener.store import short_time
from listener.store.incidents import QueueFilter, QueueRow, queue_counts, queue_page
from listener.store.reads import SourceHealth, brand_summary, mention_count, source_health

__all__ = ["register", "render_health", "detection_line", "triage_lines", "short_cell",
           "alert_line", "check_problems"]

#: Spikes and campaigns listed by ``vigie status`` (the TUI shows them all).
TRIAGE_LIMIT = 5


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``status``."""
    p = sub.add_parser(
        "status", help="show the health of every source and mention counts",
        description="Print one row per source: last attempt, last success, HTTP status, "
                    "consecutive failures, next poll and the last error; then how far spike "
                    "detection can judge (the feed it is waiting for, if any), the alerts "
                    "not delivered yet (waiting, held back for quiet hours or a digest, retried, dead "
                    "letters), what awaits "
                    "triage (negative mentions to answer, the latest spikes and suspected "
                    "campaigns not yet resolved or ignored) and the mentions per brand. "
                    "Open `vigie tui` to triage them.")
    p.add_argument("--all", action="store_true", help="include sources no longer in the config")
    p.add_argument("--check", action="store_true",
                   help="for monitoring (cron, systemd, Nagios-style checks): print only the "
                        "problems, one per line (sources failing twice or more in a row, "
                        "alerts not delivered, no poll for a long time: the daemon stopped), "
                        "and exit with 1 if there is any, 0 otherwise")
    add_db_argument(p, "; the [daemon] detection settings then take their defaults")
    p.set_defaults(func=_cmd)


def short_cell(text: str | None, width: int) -> str:
    """``text`` on one clean line, cut to ``width`` with an ellipsis (``-`` when empty)."""
    # Stored errors can quote a server: no escape sequence reaches the terminal.
    text = single_line(text or "") or "-"
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
                   f"{short_cell(r.last_success, 20):<20} {short_cell(r.next_poll, 20):<20} "
                   f"{r.items_seen:>6}  {short_cell(r.name or r.url, 60)}")
        if r.last_error:
            since = f"since {r.failing_since}: " if r.failing_since else ""
            out.append(f"{'':>44}  ↳ {since}{short_cell(r.last_error, 100)}")
    return "\n".join(out)


def detection_line(db: sqlite_utils.Database, daemon: DaemonConfig, now: datetime) -> str:
    """How far spike detection can judge now, and which source holds it back."""
    from listener.monitor import detection_cutoff  # the detectors load numpy: only here

    lag = timedelta(seconds=daemon.detection_lag)
    hold = timedelta(seconds=daemon.detection_hold)
    cutoff, holder = detection_cutoff(db, now, lag, hold)
    line = f"\nSpike bins complete up to {cutoff:%Y-%m-%d %H:%M} UTC"
    if holder is None:
        return line + f" (now - detection_lag {daemon.detection_lag / 60:g} min)"
    return line + (f" (waiting for {holder.source}, last fetched {holder.at:%H:%M}; "
                   f"at most detection_hold {daemon.detection_hold / 60:g} min)")


def _spike_line(row: QueueRow) -> str:
    extra = row.extra
    state = "open" if extra.get("detector_state") == "open" else "over"
    return (f"  {row.key:<6} {short_time(row.at) or '-'}  {state:<4}  "
            f"{str(extra.get('severity') or '-'):<8}  {short_cell(row.title, 90)}")


def _campaign_line(row: QueueRow) -> str:
    extra = row.extra
    state = "open" if extra.get("detector_state") == "open" else "over"
    caution = f" ({CAUTION_SHORT})" if extra.get("caution") else ""
    return (f"  {row.key:<6} {short_time(row.at) or '-'}  {state:<4}  "
            f"{short_cell(row.brand, 20)}: {short_cell(row.title, 80)}{caution}")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def triage_lines(db: sqlite_utils.Database, now: datetime,
                 limit: int = TRIAGE_LIMIT) -> list[str]:
    """What awaits a person: queue sizes, then the latest spikes and campaigns not done.

    Texts come from the store, where mention text is already cleaned; the
    lines are printed as plain text (no markup is interpreted).
    """
    filt = QueueFilter()
    counts = queue_counts(db, filt, now=now)
    out = ["Awaiting triage: " + ", ".join((
        _count(counts["needs_reply"], "negative mention", "negative mentions") + " to answer",
        _count(counts["spikes"], "spike", "spikes"),
        _count(counts["campaigns"], "suspected campaign", "suspected campaigns")))]
    for queue, title, line in (("spikes", "Spikes", _spike_line),
                               ("campaigns", "Suspected campaigns", _campaign_line)):
        total = counts[queue]
        if not total:
            continue
        rows = queue_page(db, queue, filt, now=now, limit=limit)
        more = f", latest {len(rows)} shown" if total > len(rows) else ""
        out.append(f"{title} ({total}{more}; open = the detector still sees it):")
        out.extend(line(r) for r in rows)
    return out


def alert_line(summary: OutboxSummary) -> str | None:
    """Alerts not delivered yet (None when the outbox holds nothing to worry about)."""
    if not (summary.pending or summary.dead):
        return None
    parts = [f"{summary.pending} waiting"]
    if summary.held:
        parts.append(f"{summary.held} held back until "
                     f"{short_time(summary.held_until) or summary.held_until} UTC (quiet "
                     "hours, digest windows)")
    if summary.retrying:
        parts.append(f"{summary.retrying} being retried after a failure")
    line = "Alerts: " + ", ".join(parts)
    if summary.dead:
        line += (f"; {summary.dead} NOT DELIVERED (dead letters: `vigie alerts list --failed` "
                 "says why, `vigie alerts retry ID` sends one again)")
    return line


def check_problems(sources: list[SourceHealth], alerts: OutboxSummary, now: datetime,
                   stale_after: timedelta) -> list[str]:
    """What ``vigie status --check`` reports: one line per problem, none when all is well."""
    out = []
    for s in sources:
        if s.active and s.consecutive_failures >= FAILING_AFTER:
            since = f" since {s.failing_since}" if s.failing_since else ""
            out.append(f"source failing{since} ({s.consecutive_failures} in a row): "
                       f"{short_cell(s.name or s.url, 60)}: {short_cell(s.last_error, 120)}")
    if alerts.dead:
        out.append(f"{alerts.dead} alert{'s' if alerts.dead > 1 else ''} not delivered "
                   "(vigie alerts list --failed)")
    attempts = [s.last_attempt for s in sources if s.active and s.last_attempt]
    if attempts:
        newest = datetime.fromisoformat(max(attempts).replace("Z", "+00:00"))
        if now - newest > stale_after:
            out.append(f"no poll since {newest:%Y-%m-%d %H:%M} UTC (more than "
                       f"{stale_after.total_seconds() / 60:g} min): is `vigie run` running?")
    return out


def _stale_after(cfg: Config | None) -> timedelta:
    """Three times the longest poll interval configured (at least an hour)."""
    longest = 900.0
    if cfg is not None:
        intervals = [s.interval for s in cfg.sources if s.interval]
        longest = max([cfg.daemon.default_interval, *intervals])
    return timedelta(seconds=max(3600.0, 3 * longest))


def _cmd(args: argparse.Namespace) -> int:
    db, cfg = open_for_reading(args)
    if args.check:
        now = datetime.now(UTC)
        problems = check_problems(source_health(db), outbox_summary(db, now), now,
                                  _stale_after(cfg))
        print("\n".join(problems) if problems else "OK: sources polled, alerts delivered")
        return 1 if problems else 0
    daemon = cfg.daemon if cfg is not None else DaemonConfig()
    print(render_health(source_health(db, include_inactive=args.all)))
    now = datetime.now(UTC)
    print(detection_line(db, daemon, now))
    print()
    print("\n".join(triage_lines(db, now)))
    alerts = alert_line(outbox_summary(db, now))
    if alerts:
        print()
        print(alerts)
    print()
    print(f"{mention_count(db)} mentions")
    for b in brand_summary(db):
        print(f"  {b['brand']}: {b['mentions']} ({b['negative']} negative, {b['neutral']} neutral,"
              f" {b['positive']} positive)")
    return 0
