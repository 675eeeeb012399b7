"""A spike bin is judged once the sources have been fetched past it (real SQLite store).

Mentions reach the store a poll after they are published; the monitor waits
for every healthy, frequently polled source to have been fetched since a
bin's end (at most ``hold``), so a late mention counts in its own bin instead
of being lost to a bin already judged.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from listener.analysis.normalise import content_hash
from listener.config import SourceConfig, parse_config
from listener.detection.spikes import BinCounts
from listener.models import AnalysedItem, FeedItem, SentimentResult
from listener.monitor import SpikeMonitor
from listener.store import connect
from listener.store.writes import FetchOutcome, ingest_items, record_fetch, sync_sources

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday, on a bin boundary
LAG, HOLD = timedelta(minutes=10), timedelta(minutes=30)
URLS = ("https://fast.example/feed", "https://other.example/feed", "https://slow.example/feed")
_NEG = SentimentResult("en", -0.8, "negative", "vader", "1")


def _config(db_path: Path):  # type: ignore[no-untyped-def]
    return parse_config(f"""
[storage]
path = "{db_path}"
[[brands]]
name = "Acme"
queries = ["acme"]
""")


def _mention(n: int, published: datetime) -> AnalysedItem:
    text = f"acme is down again, complaint number {n}"
    item = FeedItem(guid=f"g{n}", url=None, title="", text=text, author=f"user{n}",
                    published_at=published)
    return AnalysedItem(item=item, brands=["Acme"], sentiment=_NEG,
                        content_hash=content_hash("", text))


class _Recorder:
    """Keeps the bins the monitor feeds to the (real) detector."""

    def __init__(self, monitor: SpikeMonitor) -> None:
        self.bins: dict[datetime, int] = {}
        det = monitor.detectors["Acme"]
        observe, replay = det.observe, det.replay

        def observe_and_keep(counts: BinCounts):  # type: ignore[no-untyped-def]
            self.bins[counts.start] = counts.negative
            return observe(counts)

        def replay_and_keep(bins):  # type: ignore[no-untyped-def]
            bins = list(bins)
            for b in bins:
                self.bins[b.start] = b.negative
            return replay(bins)

        det.observe, det.replay = observe_and_keep, replay_and_keep  # type: ignore[method-assign]


def _fetched(db: sqlite_utils.Database, sid: int, at: datetime, every: timedelta,
             ok: bool = True) -> None:
    record_fetch(db, sid, FetchOutcome(attempted_at=at, next_poll=at + every, ok=ok,
                                       status=200 if ok else 500,
                                       error=None if ok else "HTTP 500"))


def _store(tmp_path: Path) -> tuple[sqlite_utils.Database, dict[str, int], SpikeMonitor,
                                    _Recorder]:
    db = connect(tmp_path / "w.db")
    ids = sync_sources(db, [SourceConfig(url=u) for u in URLS], T0 - timedelta(days=2))
    ingest_items(db, ids[URLS[0]], [_mention(0, T0 - timedelta(days=1))], T0 - timedelta(days=1))
    monitor = SpikeMonitor(_config(tmp_path / "w.db"), lag=LAG, hold=HOLD)
    return db, ids, monitor, _Recorder(monitor)


def test_a_late_mention_counts_in_its_own_bin(tmp_path: Path) -> None:
    """The other feed, fetched last at 09:05, holds the 09:00 bin until it is fetched again."""
    db, ids, monitor, rec = _store(tmp_path)
    fast, other, _ = (ids[u] for u in URLS)
    # 09:20: the fast feed has been read up to now, the other one last at 09:05.
    ingest_items(db, fast, [_mention(1, T0 + timedelta(minutes=3))], T0 + timedelta(minutes=20))
    _fetched(db, fast, T0 + timedelta(minutes=20), timedelta(minutes=15))
    _fetched(db, other, T0 + timedelta(minutes=5), timedelta(minutes=15))
    now = T0 + timedelta(minutes=30)
    assert monitor.cutoff(db, now) == T0 + timedelta(minutes=5)
    monitor.tick(db, now)
    assert T0 not in rec.bins, "the 09:00-09:15 bin must wait for the other feed"
    # 09:35: the other feed brings a mention published at 09:12.
    ingest_items(db, other, [_mention(2, T0 + timedelta(minutes=12))], T0 + timedelta(minutes=35))
    _fetched(db, other, T0 + timedelta(minutes=35), timedelta(minutes=15))
    monitor.tick(db, T0 + timedelta(minutes=36))
    assert rec.bins[T0] == 2, rec.bins


def test_without_the_hold_the_late_mention_would_be_lost(tmp_path: Path) -> None:
    """The same story with hold = lag (the behaviour before): the bin is judged with one."""
    db, ids, monitor, rec = _store(tmp_path)
    monitor.hold = LAG
    fast, other, _ = (ids[u] for u in URLS)
    ingest_items(db, fast, [_mention(1, T0 + timedelta(minutes=3))], T0 + timedelta(minutes=20))
    _fetched(db, fast, T0 + timedelta(minutes=20), timedelta(minutes=15))
    _fetched(db, other, T0 + timedelta(minutes=5), timedelta(minutes=15))
    monitor.tick(db, T0 + timedelta(minutes=30))
    ingest_items(db, other, [_mention(2, T0 + timedelta(minutes=12))], T0 + timedelta(minutes=35))
    monitor.tick(db, T0 + timedelta(minutes=36))
    assert rec.bins[T0] == 1


def test_failing_slow_and_overdue_sources_do_not_hold_the_bins(tmp_path: Path) -> None:
    """A failing feed, an hourly feed and a feed overdue by more than the hold are not waited for."""
    db, ids, monitor, _ = _store(tmp_path)
    fast, other, slow = (ids[u] for u in URLS)
    now = T0 + timedelta(minutes=50)
    for minutes in range(60, -1, -10):  # the monitor has been running for an hour
        monitor.tick(db, now - timedelta(minutes=minutes))
    _fetched(db, fast, now - timedelta(minutes=2), timedelta(minutes=15))
    _fetched(db, slow, now - timedelta(minutes=20), timedelta(hours=1))  # polled hourly
    _fetched(db, other, now - timedelta(minutes=25), timedelta(minutes=15))
    _fetched(db, other, now - timedelta(minutes=10), timedelta(minutes=15), ok=False)  # failing
    assert monitor.cutoff(db, now) == now - LAG
    # Read 50 minutes ago and due 35 minutes ago: overdue by more than the hold.
    _fetched(db, other, now - timedelta(minutes=50), timedelta(minutes=15))
    assert monitor.cutoff(db, now) == now - LAG
    # Read 40 minutes ago and due 25 minutes ago: still waited for.
    _fetched(db, other, now - timedelta(minutes=40), timedelta(minutes=15))
    assert monitor.cutoff(db, now) == now - timedelta(minutes=40)


def _downtime_story(tmp_path: Path, hold: timedelta) -> dict[datetime, int]:
    """Fetched at 09:00, the daemon stops, restarts at 12:00 and fetches what was published."""
    db, ids, monitor, rec = _store(tmp_path)
    fast, other, _ = (ids[u] for u in URLS)
    for sid in (fast, other):
        _fetched(db, sid, T0, timedelta(minutes=15))
    restarted = SpikeMonitor(_config(tmp_path / "w.db"), lag=LAG, hold=hold)
    rec = _Recorder(restarted)
    back = T0 + timedelta(hours=3)
    restarted.tick(db, back)  # first tick of the new process, before any fetch
    ingest_items(db, fast, [_mention(1, T0 + timedelta(hours=1)),
                            _mention(2, T0 + timedelta(hours=2))], back + timedelta(minutes=1))
    _fetched(db, fast, back + timedelta(minutes=1), timedelta(minutes=15))
    _fetched(db, other, back + timedelta(minutes=1), timedelta(minutes=15))
    restarted.tick(db, back + timedelta(minutes=2))
    return rec.bins


def test_after_a_restart_the_mentions_of_the_downtime_count(tmp_path: Path) -> None:
    """The restarted monitor waits for the overdue feeds before judging the downtime's bins."""
    bins = _downtime_story(tmp_path, HOLD)
    assert bins[T0 + timedelta(hours=1)] == 1 and bins[T0 + timedelta(hours=2)] == 1


def test_without_the_hold_the_downtime_is_judged_empty(tmp_path: Path) -> None:
    bins = _downtime_story(tmp_path, LAG)
    assert bins[T0 + timedelta(hours=1)] == 0 and bins[T0 + timedelta(hours=2)] == 0


def test_no_source_fetched_yet_falls_back_to_the_lag(tmp_path: Path) -> None:
    db, _, monitor, _ = _store(tmp_path)
    assert monitor.cutoff(db, T0) == T0 - LAG


def test_status_says_which_source_holds_the_bins(tmp_path: Path) -> None:
    """`vigie status` names the feed that spike detection is waiting for."""
    from listener.commands.status import detection_line

    db, ids, monitor, _ = _store(tmp_path)
    now = T0 + timedelta(minutes=50)
    _fetched(db, ids[URLS[0]], now - timedelta(minutes=2), timedelta(minutes=15))
    _fetched(db, ids[URLS[1]], now - timedelta(minutes=25), timedelta(minutes=15))
    line = detection_line(db, _config(tmp_path / "w.db").daemon, now)
    assert "complete up to 2026-11-23 09:25 UTC" in line
    assert f"waiting for {URLS[1]}, last fetched 09:25" in line
    assert "detection_hold 30 min" in line


def test_status_lists_what_awaits_triage(tmp_path: Path) -> None:
    """Queue sizes, then the spikes and campaigns not resolved, as plain lines."""
    from listener.commands.status import triage_lines
    from listener.store.triage import ItemRef, apply_action
    from tests.tui.storefix import NOW, build

    db = connect(build(tmp_path / "s.db"))
    lines = triage_lines(db, NOW)
    assert lines[0].startswith("Awaiting triage:") and "1 spike, 1 suspected campaign" in lines[0]
    assert lines[1].startswith("Spikes (1;") and lines[2].split()[0] == "a1"
    assert "open" in lines[2] and "Bleuet Mobile: count spike (major), 9 negative mentions" in lines[2]
    assert lines[3].startswith("Suspected campaigns (1;") and lines[4].split()[0] == "c1"
    assert "Colibri: 3 reviews in 2 h from 3 accounts" in lines[4] and "caution" not in lines[4]

    apply_action(db, [ItemRef("alert", 1)], "resolve", who="test", now=NOW)
    lines = triage_lines(db, NOW)
    assert "0 spikes" in lines[0] and not any(line.startswith("Spikes") for line in lines)

    # A campaign resting on timing, accounts and ratings alone says so.
    import json

    from listener.detection.campaign_reasons import CAUTION
    db.execute("UPDATE campaigns SET reasons = ? WHERE id = 1",
               [json.dumps(["12 reviews in 6 h from 12 accounts", CAUTION])])
    db.conn.commit()
    line = next(ln for ln in triage_lines(db, NOW) if ln.split()[:1] == ["c1"])
    assert line.endswith("(caution: little ties these accounts together)")


def _alerting_monitor(tmp_path: Path) -> SpikeMonitor:
    return SpikeMonitor(parse_config(f"""
[storage]
path = "{tmp_path / 'r.db'}"
[[brands]]
name = "Acme"
queries = ["acme"]
[[alerts.channels]]
name = "ops"
kind = "command"
command = ["cat"]
[[alerts.rules]]
name = "spikes"
events = ["spike.*"]
channels = ["ops"]
"""), lag=LAG, hold=HOLD)


def _incident(severity: int = 2):  # type: ignore[no-untyped-def]
    from listener.detection.spikes import Incident

    return Incident(id=1, brand="Acme", since=T0, opened_at=T0, severity=severity,
                    tests={"count"}, observed=50, expected=5.0, p_value=1e-6, peak_at=T0,
                    peak_observed=50, peak_expected=5.0)


def test_an_escalation_brings_a_closed_spike_back_to_triage(tmp_path: Path) -> None:
    """Someone resolved the alert while it was minor; it escalates: it is open again in
    triage, with the daemon's note saying why, and its webhook goes out. A quiet re-opening
    (no more severe) leaves the person's decision alone."""
    from listener.detection.spikes import AlertEvent
    from listener.store.triage import ItemRef, apply_action, get_states, history

    db = connect(tmp_path / "r.db")
    monitor = _alerting_monitor(tmp_path)
    inc = _incident(severity=1)
    monitor._store(db, AlertEvent("opened", T0, replace(inc)), T0)
    ref = ItemRef("alert", db.execute("SELECT id FROM alerts").fetchone()[0])
    apply_action(db, [ref], "resolve", who="camille", now=T0 + timedelta(minutes=5))
    inc.reopened_quietly = True
    at = T0 + timedelta(minutes=30)
    assert monitor._store(db, AlertEvent("reopened", at, replace(inc)), at) == []
    assert get_states(db, [ref])[ref].status == "resolved"
    inc.severity, inc.reopened_quietly, inc.peak_observed = 3, False, 400
    at = T0 + timedelta(hours=1)
    told = monitor._store(db, AlertEvent("escalated", at, replace(inc)), at)
    assert [e.kind for e in told] == ["spike.escalated"]
    assert get_states(db, [ref])[ref].status == "open"
    log = history(db, ref)  # newest first
    assert [(e.who, e.action) for e in log] == [("vigie", "note"), ("vigie", "reopen"),
                                                ("camille", "resolve")]
    assert "escalated to critical after it was closed: 400 vs 5.0 expected" in str(
        log[0].payload)



def test_a_new_incident_of_the_same_wave_brings_its_closed_alert_back_to_triage(
        tmp_path: Path) -> None:
    """A slow build-up whose first incident resolved opens a new one hours later with the
    same start (the wave never ended), so it is stored in the same alert. Someone had
    resolved that alert: it is open again in triage, with the daemon's note, and the
    opening is told (seen in the demo: the alert stayed in Done while its webhook went)."""
    from listener.detection.spikes import AlertEvent
    from listener.store.triage import ItemRef, apply_action, get_states, history

    db = connect(tmp_path / "r.db")
    monitor = _alerting_monitor(tmp_path)
    first = _incident(severity=1)
    monitor._store(db, AlertEvent("opened", T0, replace(first)), T0)
    ref = ItemRef("alert", db.execute("SELECT id FROM alerts").fetchone()[0])
    first.resolved_at = T0 + timedelta(hours=5)
    monitor._store(db, AlertEvent("resolved", first.resolved_at, replace(first)),
                   first.resolved_at)
    apply_action(db, [ref], "resolve", who="camille", now=T0 + timedelta(hours=6))
    at = T0 + timedelta(hours=14)
    second = replace(_incident(severity=1), id=2, opened_at=at, peak_observed=105,
                     peak_expected=11.0)
    told = monitor._store(db, AlertEvent("opened", at, second), at)
    assert [e.kind for e in told] == ["spike.opened"]
    assert db.execute("SELECT count(*) FROM alerts").fetchone()[0] == 1
    assert get_states(db, [ref])[ref].status == "open"
    log = history(db, ref)
    assert [(e.who, e.action) for e in log][:2] == [("vigie", "note"), ("vigie", "reopen")]
    assert "opened again after it was closed: 105 vs 11.0 expected" in str(log[0].payload)

def test_a_quiet_reopening_updates_the_store_and_sends_nothing(tmp_path: Path) -> None:
    """Within the cooldown after its resolution, an incident opens again quietly: the stored
    alert is open again (the TUI shows it), but no webhook goes out, neither for the
    reopening nor for the resolution that follows; the first resolution did go out."""
    from listener.alerts.outbox import list_rows
    from listener.detection.spikes import AlertEvent

    db = connect(tmp_path / "r.db")
    monitor = _alerting_monitor(tmp_path)
    inc = _incident()

    def state() -> str:
        return db.execute("SELECT state FROM alerts").fetchone()[0]

    told = []
    for kind, hours, resolved, quietly in (("opened", 0, False, False),
                                           ("resolved", 3, True, False),
                                           ("reopened", 4, False, True),
                                           ("resolved", 6, True, True)):
        at = T0 + timedelta(hours=hours)
        inc.resolved_at, inc.reopened_quietly = (at if resolved else None), quietly
        told.append([e.kind for e in monitor._store(db, AlertEvent(kind, at, replace(inc)), at)])
        assert state() == ("resolved" if resolved else "open"), kind
    assert told == [["spike.opened"], ["spike.resolved"], [], []]
    assert [r.kind for r in sorted(list_rows(db), key=lambda r: r.id)] == [
        "spike.opened", "spike.resolved"]
