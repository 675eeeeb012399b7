"""Detectors inside the daemon, on the demo world polled over real HTTP in simulated time."""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta
from pathlib import Path

from listener.config import parse_config
from listener.daemon import Daemon
from listener.demo.server import DemoServer
from listener.store import connect


class ManualClock:
    """A monotonic clock the test advances by hand (drives the demo world's time)."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


async def test_outage_becomes_one_spike_alert_with_evidence(tmp_path: Path) -> None:
    """The demo's genuine outage opens a Bleuet Mobile alert, explained, and only one."""
    clock = ManualClock()
    async with DemoServer(seed=7, speed=360.0, monotonic=clock) as server:
        cfg = parse_config(server.config_toml(os.fspath(tmp_path / "demo.db")),
                           path=tmp_path / "demo.toml")
        events = []
        async with Daemon(cfg, workers=1, detect_clock=server.sim_now) as daemon:
            daemon.event_listeners.append(events.extend)
            for step in range(14):  # 0 → 6.5 simulated hours, a pass every 30 minutes
                clock.t = step * 5.0
                await daemon.run_once()
    db = connect(cfg.storage.path)
    alerts = db.execute("SELECT brand, state, severity, summary, evidence FROM alerts").fetchall()
    bleuet = [a for a in alerts if a[0] == "Bleuet Mobile"]
    assert len(bleuet) == 1, alerts
    brand, state, severity, summary, evidence = bleuet[0]
    assert state == "open"
    assert "negative mentions" in summary and "expected" in summary
    assert '"new_terms"' in evidence and '"series"' in evidence
    opened = [e for e in events if e.kind == "spike.opened" and e.brand == "Bleuet Mobile"]
    assert len(opened) == 1


async def test_a_restart_rebuilds_the_spike_detectors_off_the_writer_thread(
        tmp_path: Path) -> None:
    """After a restart the spike detectors replay weeks of bins on a read-only connection
    of their own: writes go through meanwhile, detection waits for the replay, and the
    result is the same as the replay on the writer thread (the first tick's lazy path):
    the same detector state and the same alert rows, with no second "opened" event."""
    import shutil
    import threading

    from listener.monitor import SpikeMonitor

    clock = ManualClock()
    async with DemoServer(seed=7, speed=360.0, monotonic=clock) as server:
        cfg = parse_config(server.config_toml(os.fspath(tmp_path / "demo.db")),
                           path=tmp_path / "demo.toml")
        async with Daemon(cfg, workers=1, detect_clock=server.sim_now) as daemon:
            for step in range(12):
                clock.t = step * 5.0
                await daemon.run_once()
        now = server.sim_now()
    copy = tmp_path / "copy.db"
    shutil.copy(cfg.storage.path, copy)

    gate = threading.Event()
    readers: list[object] = []
    events: list = []
    async with Daemon(cfg, workers=1, detect_clock=lambda: now) as daemon:
        daemon.event_listeners.append(events.extend)
        real = daemon.spikes.replay_history

        def held(reader, at, cancel=None):  # type: ignore[no-untyped-def]
            readers.append(reader)
            assert gate.wait(10)
            return real(reader, at, cancel)

        daemon.spikes.replay_history = held  # type: ignore[method-assign]
        detecting = asyncio.create_task(daemon.detect())
        for _ in range(200):
            if readers:
                break
            await asyncio.sleep(0.01)
        # The replay is running (held): a write goes through the writer at once.
        assert readers and readers[0] is not daemon.writer
        written = await asyncio.wait_for(daemon.writer.call(
            lambda db: db.execute("UPDATE sources SET name = name").rowcount), 2)
        assert written > 0 and not detecting.done()
        gate.set()
        await detecting
        background = {b: (d.next_bin_start, d.open_incident and d.open_incident.since)
                      for b, d in daemon.spikes.detectors.items()}
    db = connect(cfg.storage.path)
    stored = db.execute("SELECT brand, state, severity, observed FROM alerts ORDER BY id"
                        ).fetchall()
    assert [a[0] for a in stored] == ["Bleuet Mobile"]  # the restart opened no second alert
    assert not [e for e in events if e.kind == "spike.opened"]

    # The same restart, the replay on the writer's own connection (the first tick).
    lazy = SpikeMonitor(cfg, lag=timedelta(seconds=cfg.daemon.detection_lag),
                        hold=timedelta(seconds=cfg.daemon.detection_hold))
    other = connect(copy)
    lazy.tick(other, now)
    assert {b: (d.next_bin_start, d.open_incident and d.open_incident.since)
            for b, d in lazy.detectors.items()} == background
    assert other.execute("SELECT brand, state, severity, observed FROM alerts ORDER BY id"
                         ).fetchall() == stored
