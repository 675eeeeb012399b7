"""Crash safety: ``vigie run`` killed with SIGKILL at random points during ingest and alert
delivery, restarted, loses nothing and duplicates nothing.

A local server publishes 24 feeds whose items keep growing while the daemon runs, and a
webhook receiver that answers slowly enough for kills to land mid-delivery. Each cycle
starts ``vigie run`` and kills it a random few milliseconds after its N-th feed request
(seeded, so a failure replays). Between cycles the sources' ``next_poll`` is moved to now
so the restarted daemon polls at once: the wait itself is not under test, the state it
resumes from is. At the end: every item the server ever published is stored exactly once,
``PRAGMA integrity_check`` is ok, every outbox row was delivered (the receiver saw every
event id), and one more restart revalidates every feed with its stored ETag (all 304).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import sys
from pathlib import Path

import pytest
from aiohttp import web

from tests.conftest import LocalServer
from tests.feeds import item, rss

FEEDS = 24
CYCLES = 5


class Farm:
    """Feeds that grow by one item each time the clock ticks; a webhook that records keys."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.step = 0
        self.published: set[str] = set()
        self.requests = 0
        self.cycle_requests = 0
        self.conditional: list[tuple[str | None, str]] = []
        self.kill_after: int | None = None
        self.trigger = asyncio.Event()
        self.delivered: set[str] = set()
        for i in range(FEEDS):
            server.route(f"/f/{i}.xml", self._feed(i))
        server.app.router.add_post("/hook", self._hook)

    def _items(self, i: int) -> list[dict[str, str | None]]:
        count = min(1 + self.step + i % 3, 40)
        return [item(i * 100 + j, f"Bleuet Mobile arnaque numéro {i}-{j}, service nul.",
                     hours=j) for j in range(count)]

    def _feed(self, i: int):  # type: ignore[no-untyped-def]
        async def handler(request: web.Request) -> web.Response:
            self.requests += 1
            self.cycle_requests += 1
            if self.kill_after is not None and self.cycle_requests >= self.kill_after:
                self.trigger.set()
            items = self._items(i)
            etag = f'"{i}-{len(items)}"'
            self.conditional.append((request.headers.get("If-None-Match"), etag))
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            self.published.update(str(it["guid"]) for it in items)
            return web.Response(body=rss(items), content_type="application/rss+xml",
                                headers={"ETag": etag})
        return handler

    async def _hook(self, request: web.Request) -> web.Response:
        await asyncio.sleep(0.02)
        key = request.headers["Idempotency-Key"]
        await request.read()
        self.delivered.add(key)
        return web.Response(text="ok")


def _config(tmp_path: Path, server: LocalServer) -> Path:
    sources = "".join(f'[[sources]]\nurl = "{server.url(f"/f/{i}.xml")}"\n' for i in range(FEEDS))
    path = tmp_path / "vigie.toml"
    path.write_text(
        f'[storage]\npath = "{tmp_path / "v.db"}"\n[daemon]\ndefault_interval = "10s"\n'
        "workers = 1\n[[brands]]\nname = 'Bleuet Mobile'\nqueries = ['\"Bleuet Mobile\"']\n"
        + sources +
        '[alerts]\nmax_attempts = 50\nbackoff_base = "100ms"\nbackoff_max = "500ms"\n'
        f'[[alerts.channels]]\nname = "ops"\nkind = "webhook"\nurl = "{server.url("/hook")}"\n'
        '[[alerts.rules]]\nname = "all"\nevents = ["mention"]\nmax_age = "3650d"\n'
        'channels = ["ops"]\n', encoding="utf-8")
    return path


def _poll_now(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE sources SET next_poll = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 second')")
    conn.commit()
    conn.close()


def _query(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def _start(config: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "listener", "--config", str(config), "-q", "run",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)


async def _until(predicate, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.1)


@pytest.mark.slow
async def test_sigkill_during_ingest_and_delivery_loses_nothing(server: LocalServer,
                                                               tmp_path: Path) -> None:
    """Five SIGKILLs at random points; then every published item is stored once, the database
    is intact, every alert is delivered, and a restart revalidates from the stored ETags."""
    rng = random.Random(int(os.environ.get("VIGIE_CRASH_SEED", "9")))
    farm = Farm(server)
    await server.start()
    config = _config(tmp_path, server)
    db_path = tmp_path / "v.db"
    kills = 0
    interrupted = 0  # kills after which some published item or alert was still pending
    for _cycle in range(CYCLES):
        farm.step += 2  # the feeds grew while the daemon was down
        farm.cycle_requests = 0
        farm.kill_after = rng.randint(1, FEEDS)
        farm.trigger.clear()
        if db_path.exists():
            _poll_now(db_path)
        proc = await _start(config)
        await asyncio.wait_for(farm.trigger.wait(), timeout=20)
        await asyncio.sleep(rng.uniform(0, 0.4))
        if proc.returncode is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        await proc.wait()
        stored = _query(db_path, "SELECT count(*) FROM mentions")[0][0] if db_path.exists() else 0
        pending = _query(db_path, "SELECT count(*) FROM alert_outbox WHERE state != 'sent'")[0][0] \
            if db_path.exists() else 0
        interrupted += stored < len(farm.published) or pending > 0
    assert kills == CYCLES
    assert interrupted >= 3, "the kills did not land while work was in progress"

    # Last run, feeds frozen: let it finish ingest and delivery, then stop it politely.
    farm.kill_after = None
    _poll_now(db_path)
    proc = await _start(config)
    await _until(lambda: _query(db_path, "SELECT count(*) FROM mentions")[0][0]
                 == len(farm.published))
    await _until(lambda: _query(db_path, "SELECT count(*) FROM alert_outbox"
                                " WHERE state != 'sent'")[0][0] == 0)
    proc.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(proc.wait(), 10) == 0

    guids = [r[0] for r in _query(db_path, "SELECT guid FROM mentions")]
    assert len(guids) == len(set(guids)), "a mention was stored twice"
    assert set(guids) == farm.published, "a published item was lost"
    assert _query(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert _query(db_path, "PRAGMA foreign_key_check") == []
    events = [r[0] for r in _query(db_path, "SELECT event_id FROM alert_outbox")]
    assert len(events) == len(farm.published)  # one alert per mention, none twice
    assert farm.delivered == set(events), "an alert was not delivered"
    assert sum(r[0] for r in _query(db_path, "SELECT items_seen FROM sources")) == len(guids)

    # A restart resumes from the stored validators: every feed answers 304.
    farm.conditional.clear()
    _poll_now(db_path)
    proc = await _start(config)
    await _until(lambda: len(farm.conditional) >= FEEDS)
    proc.send_signal(signal.SIGTERM)
    await asyncio.wait_for(proc.wait(), 10)
    assert all(sent == current for sent, current in farm.conditional[:FEEDS]), \
        json.dumps(farm.conditional[:FEEDS])
