"""A reply by the brand's own account on Mastodon answers the mention it replies to.

Through the real daemon against a local Mastodon tag timeline: the support
account (``exclude_authors``) replies to complaints; the complaints leave
"Needs reply" (resolved by ``vigie`` with a note naming the account and the
reply), except those a person already closed or escalated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from listener.config import Config, parse_config
from listener.daemon import Daemon
from listener.store import connect
from listener.store.triage import ItemRef, apply_action, get_states, history
from tests.conftest import LocalServer
from tests.integration.test_sources_mastodon import NOW, TAG_PATH, Timeline

SUPPORT = "BleuetAide@pouet.example"


def status(sid: str, author: str, text: str, reply_to: str | None = None) -> dict[str, Any]:
    """A status as Mastodon's API gives it (the fields Vigie reads)."""
    return {"id": sid, "uri": f"https://pouet.example/users/{author}/statuses/{sid}",
            "url": f"https://pouet.example/@{author}/{sid}", "content": f"<p>{text}</p>",
            "created_at": "2026-11-20T11:00:00.000Z", "in_reply_to_id": reply_to,
            "account": {"acct": author, "followers_count": 10}}


def make_config(tmp_path: Path, url: str, daemon: str = "") -> Config:
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            f'[daemon]\n{daemon}\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile" OR bleuetmobile\']\n'
            f'exclude_authors = ["bleuetaide"]\n'
            # A watched competitor, with its own support account.
            '[[brands]]\nname = "Colibri"\nqueries = ["Colibri"]\n'
            'exclude_authors = ["colibriaide"]\n'
            f'[[sources]]\nkind = "mastodon"\nurl = "{url}"\n')
    return parse_config(text, path=tmp_path / "vigie.toml")


def mention_id(db: Any, sid: str) -> int:
    return int(db.execute("SELECT id FROM mentions WHERE guid LIKE ?", [f"%/{sid}"]).fetchone()[0])


async def test_the_support_accounts_replies_answer_the_complaints(server: LocalServer,
                                                                  tmp_path: Path) -> None:
    timeline = Timeline([
        status("101", "alice", "Bleuet Mobile: pas de réseau depuis ce matin"),
        status("102", "bob", "Bleuet Mobile m'a facturé deux fois"),
        status("103", "carol", "Bleuet Mobile, encore une panne"),
        status("104", "gina", "Bleuet Mobile me lâche encore"),
    ])
    server.route(TAG_PATH, timeline.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(TAG_PATH))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        await d.run_once()
        db = connect(cfg.storage.path)
        alice, bob, carol = (mention_id(db, s) for s in ("101", "102", "103"))
        apply_action(db, [ItemRef("mention", bob)], "escalate", who="ana", now=NOW)
        apply_action(db, [ItemRef("mention", carol)], "ignore", who="ana", now=NOW)
        timeline.statuses += [
            status("201", SUPPORT, "@alice désolés, Bleuet Mobile rétablit le réseau", "101"),
            status("202", SUPPORT, "@bob Bleuet Mobile vous écrit en privé", "102"),
            status("203", SUPPORT, "@carol Bleuet Mobile est désolé", "103"),
            status("204", "dave", "@alice pareil chez Bleuet Mobile", "101"),
            status("205", SUPPORT, "@eve Bleuet Mobile vous répond", "999"),
            # A complaint and its answer in the same poll: the answer finds it stored.
            status("206", "frank", "Bleuet Mobile, mon forfait a disparu"),
            status("207", SUPPORT, "@frank Bleuet Mobile regarde votre compte", "206"),
            # The competitor's support answering Bleuet Mobile's complainer: no answer.
            status("208", "ColibriAide@pouet.example", "@gina essayez Colibri !", "104"),
        ]
        summary = await d.run_once()
    assert summary.new == 2  # dave's and frank's posts; the support account's are no mentions
    frank, dave, gina = (mention_id(db, s) for s in ("206", "204", "104"))
    states = get_states(db, [ItemRef("mention", m)
                             for m in (alice, bob, carol, dave, frank, gina)])
    status_of = {ref.id: s.status for ref, s in states.items()}
    assert status_of == {alice: "resolved", bob: "escalated", carol: "ignored", dave: "new",
                         frank: "resolved", gina: "new"}
    log = sorted(history(db, ItemRef("mention", alice)), key=lambda e: e.id)
    assert [(e.who, e.action) for e in log] == [("vigie", "resolve"), ("vigie", "note")]
    assert log[-1].payload["text"] == (
        f"answered on the platform by {SUPPORT}: https://pouet.example/@{SUPPORT}/201")
    # Escalated on purpose: the note is added, the status kept; closed: left alone.
    assert [e.action for e in sorted(history(db, ItemRef("mention", bob)),
                                     key=lambda e: e.id)] == ["escalate", "note"]
    assert [e.action for e in history(db, ItemRef("mention", carol))] == ["ignore"]


async def test_resolve_answered_off_leaves_the_queue_to_people(server: LocalServer,
                                                               tmp_path: Path) -> None:
    timeline = Timeline([
        status("101", "alice", "Bleuet Mobile: pas de réseau"),
        status("201", SUPPORT, "@alice Bleuet Mobile est désolé", "101"),
    ])
    server.route(TAG_PATH, timeline.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(TAG_PATH), "resolve_answered = false")
    assert cfg.daemon.resolve_answered is False
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        await d.run_once()
    db = connect(cfg.storage.path)
    ref = ItemRef("mention", mention_id(db, "101"))
    assert get_states(db, [ref])[ref].status == "new" and history(db, ref) == []


async def test_the_demo_support_account_answers_complaints_which_leave_the_queue(
        tmp_path: Path) -> None:
    """In the demo world @BleuetAide answers the outage's first complaints on the
    hashtag: the daemon polling its Mastodon API resolves them, the rest wait."""
    import os

    from listener.demo.server import DemoServer
    from tests.integration.test_detection_e2e import ManualClock

    clock = ManualClock()
    async with DemoServer(seed=7, speed=360.0, monotonic=clock) as server:
        cfg = parse_config(server.config_toml(os.fspath(tmp_path / "demo.db"), api_sources=True),
                           path=tmp_path / "demo.toml")
        async with Daemon(cfg, workers=1, detect_clock=server.sim_now) as daemon:
            for step in range(12):
                clock.t = step * 5.0
                await daemon.run_once()
    db = connect(cfg.storage.path)
    answered = db.execute(
        "SELECT t.item_id, m.author FROM triage t JOIN mentions m ON m.id = t.item_id"
        " WHERE t.kind = 'mention' AND t.status = 'resolved' AND t.updated_by = 'vigie'"
        ).fetchall()
    assert len(answered) == 4, answered
    notes = [e for mid, _ in answered for e in history(db, ItemRef("mention", mid))
             if e.action == "note"]
    assert notes and all("answered on the platform by BleuetAide@pouet.example" in
                         e.payload["text"] for e in notes)
    waiting = db.execute("SELECT count(*) FROM mentions m JOIN mention_brands b"
                         " ON b.mention_id = m.id WHERE b.label = 'negative'"
                         " AND m.id NOT IN (SELECT item_id FROM triage)").fetchone()[0]
    assert waiting > 20  # the others still need a reply


async def test_a_reply_fetched_before_the_complaint_waits_for_it(server: LocalServer,
                                                                 tmp_path: Path) -> None:
    """The support account's hashtag is polled before the complaint reaches the brand's
    one: the reply waits (stored) and answers the complaint when it arrives; a reply
    whose parent never comes is forgotten after a week."""
    from datetime import timedelta

    from listener.store.answered import PENDING_DAYS, pending_replies

    complaints, answers = Timeline([]), Timeline([
        status("201", SUPPORT, "@alice Bleuet Mobile rétablit le réseau", "101"),
        status("202", SUPPORT, "@zoe Bleuet Mobile vous répond", "998"),
    ])
    support_path = "/api/v1/timelines/tag/bleuetaide"
    server.route(TAG_PATH, complaints.handler)
    server.route(support_path, answers.handler)
    await server.start()
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile" OR bleuetmobile\']\n'
            'exclude_authors = ["bleuetaide"]\n'
            f'[[sources]]\nkind = "mastodon"\nurl = "{server.url(support_path)}"\n'
            f'[[sources]]\nkind = "mastodon"\nurl = "{server.url(TAG_PATH)}"\n')
    cfg = parse_config(text, path=tmp_path / "vigie.toml")
    now = [NOW]
    async with Daemon(cfg, workers=1, clock=lambda: now[0]) as d:
        await d.run_once()
        db = connect(cfg.storage.path)
        assert {r.parent for r in pending_replies(db)} == {
            "mastodon:127.0.0.1:101", "mastodon:127.0.0.1:998"}
        complaints.statuses += [status("101", "alice", "Bleuet Mobile: pas de réseau"),
                                status("102", "bob", "Bleuet Mobile m'a facturé deux fois")]
        now[0] = NOW + timedelta(hours=1)
        await d.run_once()
        alice, bob = mention_id(db, "101"), mention_id(db, "102")
        states = get_states(db, [ItemRef("mention", alice), ItemRef("mention", bob)])
        assert {ref.id: s.status for ref, s in states.items()} == {alice: "resolved", bob: "new"}
        note = [e for e in history(db, ItemRef("mention", alice)) if e.action == "note"]
        assert note[0].payload["text"] == (
            f"answered on the platform by {SUPPORT}: https://pouet.example/@{SUPPORT}/201")
        assert [r.parent.rsplit(":", 1)[1] for r in pending_replies(db)] == ["998"]
        # A week later (and a post to look at), the reply to nothing known is forgotten.
        complaints.statuses.append(status("103", "carol", "Bleuet Mobile, encore"))
        now[0] = NOW + timedelta(days=PENDING_DAYS, hours=2)
        await d.run_once()
        assert pending_replies(db) == []


async def test_the_support_accounts_own_timeline_answers_without_the_hashtag(
        server: LocalServer, tmp_path: Path) -> None:
    """The support account's replies seldom carry the brand's hashtag: polled as an
    account source (https://INSTANCE/@NAME), they still answer the complaints. Its
    id is looked up once and kept in the cursor; its posts are no mentions."""
    from aiohttp import web

    lookups: list[str] = []

    async def lookup(request: web.Request) -> web.Response:
        lookups.append(request.query["acct"])
        if request.query["acct"] != "BleuetAide":
            return web.json_response({"error": "Record not found"}, status=404)
        return web.json_response({"id": "77", "acct": "BleuetAide"})

    complaints = Timeline([status("101", "alice", "Bleuet Mobile: pas de réseau"),
                           status("102", "bob", "Bleuet Mobile m'a facturé deux fois")])
    own = Timeline([status("201", SUPPORT, "@alice désolés, le réseau revient", "101")])
    server.route(TAG_PATH, complaints.handler)
    server.route("/api/v1/accounts/lookup", lookup)
    server.route("/api/v1/accounts/77/statuses", own.handler)
    await server.start()
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile" OR bleuetmobile\']\n'
            'exclude_authors = ["bleuetaide"]\n'
            f'[[sources]]\nkind = "mastodon"\nurl = "{server.url(TAG_PATH)}"\n'
            f'[[sources]]\nkind = "mastodon"\nurl = "{server.url("/@BleuetAide")}"\n'
            f'[[sources]]\nkind = "mastodon"\nurl = "{server.url("/@Nobody")}"\n')
    cfg = parse_config(text, path=tmp_path / "vigie.toml")
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        first = await d.run_once()
        own.statuses.append(status("202", SUPPORT, "@bob on vous écrit en privé", "102"))
        second = await d.run_once()
    assert (first.new, second.new) == (2, 0)
    db = connect(cfg.storage.path)
    alice, bob = mention_id(db, "101"), mention_id(db, "102")
    states = get_states(db, [ItemRef("mention", alice), ItemRef("mention", bob)])
    assert {r.id: s.status for r, s in states.items()} == {alice: "resolved", bob: "resolved"}
    assert lookups.count("BleuetAide") == 1  # the id is kept in the cursor
    assert all(q.get("exclude_reblogs") == "true" for q in own.queries)
    assert own.queries[-1].get("since_id") == "201"
    from listener.store.reads import source_health

    health = {h.url: h for h in source_health(db)}
    nobody = health[server.url("/@Nobody")]
    assert nobody.consecutive_failures == 2
    assert "no account @Nobody on this instance" in (nobody.last_error or "")
