"""Spike and campaign alerts from the real detectors reach a webhook through the outbox."""

from __future__ import annotations

import json
import os
from pathlib import Path

from listener.config import parse_config
from listener.daemon import Daemon
from listener.demo.server import DemoServer
from listener.store import connect
from tests.integration.test_alerts_delivery import Receiver
from tests.integration.test_detection_e2e import ManualClock


async def test_demo_outage_alert_is_queued_with_the_alert_and_delivered(tmp_path: Path) -> None:
    """The demo outage's spike.opened is in the outbox for its alert row and was delivered
    with that alert's id; every outbox row points at an alert or campaign that exists."""
    rec = await Receiver().start()
    clock = ManualClock()
    async with DemoServer(seed=7, speed=360.0, monotonic=clock) as server:
        toml = server.config_toml(os.fspath(tmp_path / "demo.db")) + (
            '\n[alerts]\n[[alerts.channels]]\nname = "ops"\nkind = "webhook"\n'
            f'url = "{rec.url}"\n'
            '[[alerts.rules]]\nname = "all"\nevents = ["spike.*", "campaign.*"]\n'
            'channels = ["ops"]\n')
        cfg = parse_config(toml, path=tmp_path / "demo.toml")
        async with Daemon(cfg, workers=1, detect_clock=server.sim_now) as daemon:
            for step in range(14):
                clock.t = step * 5.0
                await daemon.run_once()
    db = connect(cfg.storage.path)
    alert_id = db.execute("SELECT id FROM alerts WHERE brand = 'Bleuet Mobile'").fetchone()[0]
    rows = db.execute("SELECT kind, incident, state, event_id FROM alert_outbox").fetchall()
    opened = [r for r in rows if r[0] == "spike.opened" and r[1] == f"spike:{alert_id}"]
    assert len(opened) == 1 and opened[0][2] == "sent"
    for kind, incident, _, _ in rows:
        table, ident = ("alerts", incident[6:]) if kind.startswith("spike") else (
            "campaigns", incident[9:])
        assert db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [int(ident)]).fetchone()
    bodies = [json.loads(b) for _, b in rec.calls]
    got = [b for b in bodies if b["id"] == opened[0][3]]
    assert got and got[0]["item"] == {"type": "alert", "id": alert_id}
    assert got[0]["severity"] in ("minor", "major", "critical") and "series" not in got[0]["data"]
    await rec.close()


async def test_a_french_team_reads_its_slack_alerts_in_french(tmp_path: Path) -> None:
    """``language = "fr"``: the spike's and the campaign's Slack messages are French
    (titles, labels, summaries rendered from the detectors' messages); the store and
    the TUI's English readers keep the English text."""
    rec = await Receiver().start()
    clock = ManualClock()
    async with DemoServer(seed=7, speed=360.0, monotonic=clock) as server:
        # As `vigie demo --lang fr` writes it.
        toml = server.config_toml(os.fspath(tmp_path / "demo.db"), language="fr") + (
            '\n[alerts]\n[[alerts.channels]]\nname = "equipe"\nkind = "slack"\n'
            f'url = "{rec.url}"\n'
            '[[alerts.rules]]\nname = "all"\nevents = ["spike.*", "campaign.*"]\n'
            'channels = ["equipe"]\n')
        cfg = parse_config(toml, path=tmp_path / "demo.toml")
        assert cfg.alerts.language == "fr"
        async with Daemon(cfg, workers=1, detect_clock=server.sim_now) as daemon:
            for step in range(17):
                clock.t = step * 5.0
                await daemon.run_once()
    texts = [json.loads(b)["text"] for _, b in rec.calls]
    spikes = [t for t in texts if t.startswith("Pic négatif")]
    assert spikes and "mentions négatives contre" in spikes[0], texts
    assert "negative mentions" not in spikes[0]
    campaigns = [t for t in texts if t.startswith("Campagne d’avis suspecte")]
    assert campaigns and " avis en " in campaigns[0] and " reviews in " not in campaigns[0]
    db = connect(cfg.storage.path)
    summary = db.execute("SELECT summary FROM alerts WHERE brand = 'Bleuet Mobile'").fetchone()[0]
    assert "negative mentions vs" in summary
    await rec.close()
