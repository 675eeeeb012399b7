"""``vigie demo`` headless: the demo world, the real daemon over HTTP, and what it found."""

from __future__ import annotations

import io
from pathlib import Path

from listener.commands.demo import print_summary, run_demo
from listener.demo.server import ReceivedAlert
from listener.store import connect


async def test_headless_demo_detects_the_outage_and_delivers_its_alert(tmp_path: Path) -> None:
    """In ~22 s at 1800x, the summary lists every brand, the source health (the two broken
    sources failing), the Bleuet Mobile spike, and the signed webhook it caused."""
    out = io.StringIO()
    received: list[ReceivedAlert] = []
    config = await run_demo(duration=22, seed=7, speed=1800.0, db_path=tmp_path / "demo.db",
                            out=out, poll_scale=10 / 15, received=received)
    print_summary(config, out=out, received=received)
    text = out.getvalue()
    for brand in ("Bleuet Mobile", "Colibri Livraison", "Fromagerie Lune"):
        assert brand in text.split("== Source health ==")[0]
    health = text.split("== Source health ==")[1].split("== Spikes")[0]
    assert health.count("FAIL") == 2 and "Ancien blogue" in health and health.count("ok  ") >= 10
    assert "== Spikes detected: 0 ==" not in text and "== Campaigns suspected: " in text
    db = connect(config.storage.path, readonly=True)
    brands = {r[0] for r in db.execute("SELECT brand FROM alerts").fetchall()}
    assert brands == {"Bleuet Mobile"}
    assert any(r.event["kind"] == "spike.opened" and r.event["brand"] == "Bleuet Mobile"
               and r.signed for r in received)
    sent = db.execute("SELECT count(*) FROM alert_outbox WHERE state = 'sent'").fetchone()[0]
    assert 1 <= sent <= len(received) and f"== Alerts delivered: {sent} ==" in text
    assert "received spike.opened Bleuet Mobile" in text
    # The API source kinds poll the world too: Mastodon statuses carry a reach, App Store
    # reviews a rating.
    kinds = dict(db.execute("SELECT kind, sum(consecutive_failures = 0 AND items_seen > 0)"
                            " FROM sources GROUP BY kind").fetchall())
    assert kinds["mastodon"] == 3 and kinds["appstore"] == 1
    hn = db.execute("SELECT count(*), sum(http_status = 200 AND consecutive_failures = 0)"
                    " FROM sources WHERE kind = 'hackernews'").fetchone()
    assert hn == (3, 3)
    rated = db.execute(
        "SELECT count(*), min(m.rating), max(m.rating) FROM mentions m JOIN sources s"
        " ON s.id = m.source_id WHERE s.kind = 'appstore'").fetchone()
    assert rated[0] >= 10 and 1 <= rated[1] <= rated[2] <= 5
    # Bleuet Mobile's support account posted its apologies under the brand's tag during
    # the outage: polled, but not stored as mentions (exclude_authors in the demo config).
    bleuet = next(b for b in config.brands if b.name == "Bleuet Mobile")
    assert bleuet.exclude_authors == ("BleuetAide",)
    assert db.execute("SELECT count(*) FROM mentions WHERE author LIKE '%BleuetAide%'"
                      " OR text LIKE '%Nos équipes sont dessus, désolés%'").fetchone()[0] == 0
    reach = db.execute("SELECT count(*) FROM mentions m JOIN sources s ON s.id = m.source_id"
                       " WHERE s.kind = 'mastodon' AND m.reach > 0").fetchone()[0]
    assert reach >= 20
