"""``vigie demo --reviews SEED``: a stream of ``vigie simulate reviews`` played in the demo.

The simulated stream's rated targets are served as App Store apps by the demo
server and polled by the real daemon over HTTP; its first planted campaign
starts three simulated hours in. The daemon must store a campaign on that
target holding most of the planted reviews posted so far.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from listener.config import parse_config
from listener.daemon import Daemon
from listener.demo.api import review_id
from listener.demo.reviews import SimulatedReviews
from listener.demo.server import DemoServer
from listener.errors import VigieError
from listener.simulate import simulate_reviews
from tests.clocks import ManualMonotonic


def test_the_stream_is_timed_for_the_demo() -> None:
    start = datetime(2026, 12, 7, 3, tzinfo=UTC)
    reviews = SimulatedReviews(3, start)
    sim = simulate_reviews(3, "small")
    rated = {t["name"] for t in sim.params["targets"] if t["rated"]}  # type: ignore[attr-defined, index]
    assert {a.name for a in reviews.apps.values()} == rated
    assert sum(len(a.items) for a in reviews.apps.values()) == sum(
        1 for r in sim.reviews if r["target"] in rated)
    kind, target, at, members = reviews.truth[0]
    assert at == start + timedelta(hours=3) and kind != "holiday-peak" and members >= 6
    app = next(a for a in reviews.apps.values() if a.name == target)
    before = reviews.latest(app.app_id, at - timedelta(seconds=1), limit=10_000)
    assert before and all(i.origin != "campaign" for i in before[-3:])
    assert reviews.latest(app.app_id, at - timedelta(days=1), limit=5) == [
        i for i in app.items if i.published <= at - timedelta(days=1)][-5:]


def test_a_seed_without_a_rated_campaign_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import listener.demo.reviews as mod

    def no_rated(seed: int, size: str):  # type: ignore[no-untyped-def]
        sim = simulate_reviews(seed, size)
        for t in sim.params["targets"]:  # type: ignore[attr-defined]
            t["rated"] = False
        return sim

    monkeypatch.setattr(mod, "simulate_reviews", no_rated)
    with pytest.raises(VigieError, match="choose another --reviews seed"):
        SimulatedReviews(3, datetime(2026, 12, 7, tzinfo=UTC))


async def test_the_daemon_finds_the_planted_campaign_over_http(tmp_path: Path) -> None:
    db_path = tmp_path / "demo.db"
    mono = ManualMonotonic()
    async with DemoServer(seed=7, speed=360.0, monotonic=mono, reviews_seed=3) as server:
        assert server.reviews is not None
        cfg = parse_config(server.config_toml(str(db_path)))
        kind, target, at, _ = server.reviews.truth[0]
        assert target in {b.name for b in cfg.brands}
        async with Daemon(cfg, workers=1, detect_clock=server.sim_now) as daemon:
            for step in range(15):
                mono.t = step * 5.0  # 30 simulated minutes per pass: 7 h in all
                await daemon.run_once()
        app = next(a for a in server.reviews.apps.values() if a.name == target)
        planted = [i for i in server.reviews.latest(app.app_id, server.sim_now(), 10_000)
                   if i.origin == "campaign" and i.published >= at]
    guids = [f"appstore:fr:{app.app_id}:{review_id(i)}" for i in planted]
    db = sqlite3.connect(db_path)
    try:
        stored = {row[0] for row in db.execute(
            f"SELECT id FROM mentions WHERE guid IN ({','.join('?' * len(guids))})", guids)}
        found = db.execute("SELECT id FROM campaigns WHERE target = ?", [target]).fetchall()
        members = {row[0] for row in db.execute(
            "SELECT mention_id FROM campaign_members WHERE campaign_id IN "
            "(SELECT id FROM campaigns WHERE target = ?)", [target])}
    finally:
        db.close()
    assert len(planted) >= 6 and len(stored) == len(planted), "the planted reviews were polled"
    assert found, f"no campaign on {target} ({kind} planted at {at:%H:%M})"
    assert len(members & stored) > len(stored) / 2, (
        f"{len(members & stored)} of {len(stored)} planted reviews in the campaign")


def test_a_negative_seed_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    from listener.cli import main

    assert main(["demo", "--no-tui", "--for", "1", "--reviews", "-3"]) == 2
    assert "--reviews takes a simulator seed" in capsys.readouterr().err
