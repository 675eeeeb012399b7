"""``kind = "mastodon"`` through the real daemon against a local replay of the API."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from listener.config import Config, parse_config
from listener.daemon import Daemon
from listener.sources.apicommon import id_key
from listener.store import connect
from listener.store.reads import recent_mentions, source_health
from tests.conftest import LocalServer

DATA = Path(__file__).parent.parent / "data" / "sources"
NOW = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
TAG_PATH = "/api/v1/timelines/tag/bleuetmobile"


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def make_config(tmp_path: Path, url: str, extra: str = "") -> Config:
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile" OR bleuetmobile\']\n'
            f'[[sources]]\nkind = "mastodon"\nurl = "{url}"\n{extra}')
    return parse_config(text, path=tmp_path / "vigie.toml")


class Timeline:
    """Serves a tag timeline with Mastodon's since_id / max_id / limit semantics."""

    def __init__(self, statuses: list[dict[str, Any]], remaining: int = 299) -> None:
        self.statuses = statuses
        self.remaining = remaining
        self.reset = NOW + timedelta(minutes=5)
        self.queries: list[dict[str, str]] = []

    async def handler(self, request: web.Request) -> web.Response:
        q = request.query
        self.queries.append({k: ",".join(q.getall(k)) for k in q})
        since, max_id = q.get("since_id"), q.get("max_id")
        limit = int(q.get("limit", "20"))
        rows = sorted(self.statuses, key=lambda s: id_key(s["id"]), reverse=True)
        if since:
            rows = [s for s in rows if id_key(s["id"]) > id_key(since)]
        if max_id:
            rows = [s for s in rows if id_key(s["id"]) < id_key(max_id)]
        headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": str(self.remaining),
                   "X-RateLimit-Reset": self.reset.isoformat().replace("+00:00", ".000Z")}
        return web.json_response(rows[:limit], headers=headers)


async def test_since_id_paging_and_restart(server: LocalServer, tmp_path: Path) -> None:
    """First poll takes the newest page; later polls page back to since_id; a restart resumes."""
    timeline = Timeline(load("mastodon_tag_older.json"))
    server.route(TAG_PATH, timeline.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url("/tags/bleuetmobile"), "limit = 2\n")
    assert cfg.sources[0].url == server.url(TAG_PATH)
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
        timeline.statuses += load("mastodon_tag_newest.json")
        s2 = await d.run_once()
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:  # a restart
        s3 = await d.run_once()
    assert (s1.new, s2.new, s3.new) == (1, 2, 0)
    assert s2.duplicates == 0 and s3.items == 0
    assert "since_id" not in timeline.queries[0] and timeline.queries[0]["limit"] == "2"
    # poll 2: a full page (2 = limit) then a walk back with max_id, bounded by since_id
    assert timeline.queries[1]["since_id"] == "113500000000000001"
    assert timeline.queries[2] == {"limit": "2", "since_id": "113500000000000001",
                                   "max_id": "113500000000000002"}
    assert timeline.queries[3]["since_id"] == "113500000000000003"
    db = connect(cfg.storage.path)
    cursor = json.loads(db.execute("SELECT cursor FROM sources").fetchone()[0])
    assert cursor["since_id"] == "113500000000000003"
    assert cursor["rate_limit"]["remaining"] == 299
    rows = {r["author"]: r for r in recent_mentions(db, limit=10)}
    assert set(rows) == {"lea", "sam@other.example", "max"}
    lea = rows["lea"]
    assert lea["kind"] == "post" and lea["reach"] == 1520
    assert lea["text"] == "Encore une panne chez #BleuetMobile, c'est nul."
    assert lea["url"] == "https://mastodon.example/@lea/113500000000000003"
    assert lea["published_at"] == "2026-11-20T12:03:00Z"
    assert rows["sam@other.example"]["text"].startswith("Bleuet Mobile\n")  # content warning
    assert all(h.healthy for h in source_health(db))


async def test_low_rate_limit_budget_delays_next_poll(server: LocalServer,
                                                      tmp_path: Path) -> None:
    """X-RateLimit-Remaining near zero pushes the next poll past X-RateLimit-Reset."""
    timeline = Timeline(load("mastodon_tag_newest.json"), remaining=1)
    timeline.reset = NOW + timedelta(hours=2)
    server.route(TAG_PATH, timeline.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(TAG_PATH), 'interval = "10s"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.new == 2
    health = source_health(connect(cfg.storage.path))[0]
    assert health.healthy
    assert datetime.fromisoformat(health.next_poll.replace("Z", "+00:00")) >= timeline.reset


async def test_closed_timeline_marks_source_unhealthy(server: LocalServer,
                                                      tmp_path: Path) -> None:
    """A 403 with Mastodon's error body says why in the health row and backs off."""
    async def refused(request: web.Request) -> web.Response:
        return web.json_response(load("mastodon_error_403.json"), status=403)

    server.route(TAG_PATH, refused)
    await server.start()
    cfg = make_config(tmp_path, server.url("/tags/bleuetmobile"))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.failed == 1
    health = source_health(connect(cfg.storage.path))[0]
    assert not health.healthy and health.http_status == 403
    assert health.last_error.startswith(
        "source refused access (HTTP 403): This method requires an authenticated user")


async def test_http_429_waits_for_retry_after(server: LocalServer, tmp_path: Path) -> None:
    """A 429 answer is a failure whose next poll honours Retry-After."""
    async def limited(request: web.Request) -> web.Response:
        return web.json_response(load("mastodon_error_429.json"), status=429,
                                 headers={"Retry-After": "3600",
                                          "X-RateLimit-Remaining": "0"})

    server.route(TAG_PATH, limited)
    await server.start()
    cfg = make_config(tmp_path, server.url(TAG_PATH), 'interval = "10s"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        await d.run_once()
    health = source_health(connect(cfg.storage.path))[0]
    assert health.http_status == 429 and "Too many requests" in (health.last_error or "")
    next_poll = datetime.fromisoformat(health.next_poll.replace("Z", "+00:00"))
    assert next_poll >= NOW + timedelta(seconds=3600)


async def test_busy_tag_beyond_max_pages_is_logged(server: LocalServer, tmp_path: Path,
                                                   caplog: Any) -> None:
    """More new posts than max_pages × limit: the newest are stored and a warning says so."""
    timeline = Timeline(load("mastodon_tag_older.json"))
    server.route(TAG_PATH, timeline.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(TAG_PATH), "limit = 1\nmax_pages = 1\n")
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        await d.run_once()
        timeline.statuses += load("mastodon_tag_newest.json")
        s2 = await d.run_once()
    assert s2.new == 1 and len(timeline.queries) == 2
    assert "more than 1 new posts since the last poll" in caplog.text
