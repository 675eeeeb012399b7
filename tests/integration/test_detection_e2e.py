"""Detectors inside the daemon, on the demo world polled over real HTTP in simulated time."""

from __future__ import annotations

import os
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
