"""The demo world's fake-review campaign, polled by the real daemon in simulated time.

``vigie demo`` serves a world where 36 fake one-star reviews from fresh
accounts (templated texts with small edits) hit Colibri Livraison between
simulated +5 h and +7 h 30, while Bleuet Mobile suffers a genuine outage (a
burst of real complaints). The daemon, fed feed by feed as it polls, must
store a campaign against Colibri Livraison holding most of the fake reviews,
and none against Bleuet Mobile.
"""

from __future__ import annotations

import json
import sqlite3
import string
from pathlib import Path

from listener.config import parse_config
from listener.daemon import Daemon
from listener.demo.server import DemoServer
from listener.i18n import ENGLISH, Message, message_from_json, translator
from listener.i18n.fr import MESSAGES
from tests.clocks import ManualMonotonic


async def _run_demo(tmp_path: Path) -> tuple[list[tuple], dict[int, set[int]], set[int],
                                              list[tuple], dict[int, float | None]]:
    """Poll the demo for 8 simulated hours; return campaigns, their members, fake mention ids,
    the spike alerts (brand, summary, evidence) and each member's own likelihood ratio."""
    db_path = tmp_path / "demo.db"
    mono = ManualMonotonic()
    async with DemoServer(seed=7, speed=360.0, monotonic=mono) as server:
        cfg = parse_config(server.config_toml(str(db_path)))
        async with Daemon(cfg, workers=1, detect_clock=server.sim_now) as daemon:
            for step in range(17):
                mono.t = step * 5.0  # 30 simulated minutes per pass
                await daemon.run_once()
        world = server.world
        fakes = [item for item in world.items_between("reviews_colibri", world.history_start,
                                                      server.sim_now())
                 if item.origin == "campaign"]
    db = sqlite3.connect(db_path)
    try:
        campaigns = db.execute("SELECT id, target, state, reasons, evidence FROM campaigns"
                               ).fetchall()
        members: dict[int, set[int]] = {}
        ratios: dict[int, float | None] = {}
        for cid, mid, ratio in db.execute(
                "SELECT campaign_id, mention_id, likelihood_ratio FROM campaign_members"):
            members.setdefault(cid, set()).add(mid)
            ratios[mid] = ratio
        links = [item.link for item in fakes]
        fake_ids = {row[0] for row in db.execute(
            f"SELECT id FROM mentions WHERE url IN ({','.join('?' * len(links))})", links)}
        alerts = db.execute("SELECT brand, summary, evidence FROM alerts").fetchall()
    finally:
        db.close()
    assert len(fakes) >= 30, "the demo should have posted its fake reviews by now"
    assert len(fake_ids) >= 0.8 * len(fakes), "the daemon should have stored the fake reviews"
    return campaigns, members, fake_ids, alerts, ratios


async def test_demo_campaign_found_and_outage_left_alone(tmp_path: Path) -> None:
    campaigns, members, fake_ids, alerts, ratios = await _run_demo(tmp_path)
    colibri = [c for c in campaigns if c[1] == "Colibri Livraison"]
    assert colibri, f"no campaign against Colibri Livraison: {campaigns}"
    best = max(colibri, key=lambda c: len(members.get(c[0], set()) & fake_ids))
    caught = members.get(best[0], set()) & fake_ids
    assert len(caught) > len(fake_ids) / 2, (
        f"only {len(caught)} of {len(fake_ids)} fake reviews in {json.loads(best[3])}")
    # Each member keeps its own evidence (the triage view marks the weak ones).
    assert all(ratios[m] is not None and ratios[m] > 0 for m in members[best[0]])
    bleuet = [c for c in campaigns if c[1] == "Bleuet Mobile"]
    assert not bleuet, f"the genuine outage was reported as a campaign: {bleuet}"
    # The genuine outage's spike is not said to be made of a campaign's reviews.
    outage = [a for a in alerts if a[0] == "Bleuet Mobile"]
    assert outage, "the outage should have opened a spike alert"
    for _, summary, evidence in outage:
        assert "suspected campaign" not in summary and json.loads(evidence)["campaigns"] == []


def _ids(message: Message) -> list[str]:
    """Every message id of a message tree."""
    out = [message.id]
    for value in message.fields.values():
        for inner in value if isinstance(value, list) else [value]:
            if isinstance(inner, Message):
                out += _ids(inner)
    return out


def _french(stored: object) -> str:
    """A stored message rendered in French, after checking French has every id of it."""
    message = message_from_json(stored)
    assert message is not None, stored
    # An id with no words outside its fields ("{n:.1f}") needs no translation.
    missing = [i for i in _ids(message) if i not in MESSAGES
               and any(text.strip() for text, *_ in string.Formatter().parse(i))]
    assert not missing, f"no French for {missing}"
    return translator("fr").render(message)


async def test_the_daemons_explanations_read_the_same_from_their_messages_and_in_french(
        tmp_path: Path) -> None:
    """What the daemon stores for the TUI's French readers: each spike's headline and
    each campaign's reasons as messages, which render to the stored English text
    exactly, and in French from the catalogue."""
    campaigns, _, _, alerts, _ = await _run_demo(tmp_path)
    assert alerts and campaigns
    for _, summary, evidence in alerts:
        stored = json.loads(evidence)["headline_message"]
        assert ENGLISH.render(message_from_json(stored)) == summary  # type: ignore[arg-type]
        french = _french(stored)
        assert "mentions négatives contre" in french and "negative mentions" not in french
    for _, _, _, reasons, evidence in campaigns:
        messages = json.loads(evidence)["reason_messages"]
        assert [ENGLISH.render(message_from_json(m)) for m in messages] == json.loads(reasons)  # type: ignore[arg-type]
        french = [_french(m) for m in messages]
        assert french[0].split(" ")[1] in ("avis", "mentions") and " from " not in french[0]
