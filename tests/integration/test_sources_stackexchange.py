"""``kind = "stackexchange"`` through the real daemon against a local replay of the API."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from listener.config import Config, parse_config
from listener.daemon import Daemon
from listener.store import connect
from listener.store.reads import recent_mentions, source_health
from tests.conftest import LocalServer

DATA = Path(__file__).parent.parent / "data" / "sources"
NOW = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
PATH = "/2.3/search/advanced"


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def make_config(tmp_path: Path, url: str, extra: str = "") -> Config:
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
            f'[[sources]]\nkind = "stackexchange"\nurl = "{url}"\ninterval = "10s"\n{extra}')
    return parse_config(text, path=tmp_path / "vigie.toml")


class Api:
    """Replays the recorded pages, filtered by ``fromdate`` (inclusive) like the real API."""

    def __init__(self, pages: list[dict[str, Any]]) -> None:
        self.pages = pages
        self.queries: list[dict[str, str]] = []

    async def handler(self, request: web.Request) -> web.Response:
        q = dict(request.query)
        self.queries.append(q)
        assert (q["order"], q["sort"], q["site"], q["q"]) == ("desc", "creation", "android",
                                                              "bleuet mobile")
        page = dict(self.pages[int(q["page"]) - 1])
        page["items"] = [i for i in page["items"] if i["creation_date"] >= int(q["fromdate"])]
        if len(page["items"]) < len(self.pages[int(q["page"]) - 1]["items"]):
            page["has_more"] = False  # older questions were filtered out: nothing further
        if not page["items"]:
            return web.json_response(load("se_search_empty.json"))
        return web.json_response(page)


def next_poll(cfg: Config) -> datetime:
    health = source_health(connect(cfg.storage.path))[0]
    return datetime.fromisoformat(health.next_poll.replace("Z", "+00:00"))


async def test_pages_cursor_and_restart(server: LocalServer, tmp_path: Path) -> None:
    """Both pages are read; the next polls send fromdate and do not re-ingest the boundary."""
    api = Api([load("se_search_page1.json"), load("se_search_page2.json")])
    server.route(PATH, api.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH + "?q=bleuet+mobile&site=android"))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
        s2 = await d.run_once()
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:  # a restart
        s3 = await d.run_once()
    assert (s1.new, s2.new, s2.items, s3.new, s3.items) == (3, 0, 0, 0, 0)
    assert [q["page"] for q in api.queries] == ["1", "2", "1", "1"]
    assert api.queries[0]["fromdate"] == str(int(NOW.timestamp()) - 86400)
    assert api.queries[2]["fromdate"] == "1795177200"
    assert api.queries[0]["filter"] == "withbody"
    db = connect(cfg.storage.path)
    cursor = json.loads(db.execute("SELECT cursor FROM sources").fetchone()[0])
    assert cursor["fromdate"] == 1795177200 and cursor["ids"] == ["260003"]
    assert cursor["quota"] == {"remaining": 9990, "max": 10000}
    rows = {r["author"]: r for r in recent_mentions(db, limit=10)}
    aline = rows["Aline T."]
    assert aline["title"] == "Bleuet Mobile eSIM not activating on Pixel"
    assert aline["text"] == 'My Bleuet Mobile eSIM shows "No service" since the update.'
    assert aline["reach"] == 57 and aline["kind"] == "post"
    assert aline["published_at"] == "2026-11-20T12:20:00Z"


async def test_backoff_stops_paging_and_is_obeyed(server: LocalServer, tmp_path: Path) -> None:
    """A ``backoff`` field stops paging, keeps the cursor and delays the next request."""
    page1 = {**load("se_search_page1.json"), "backoff": 600}
    api = Api([page1, load("se_search_page2.json")])
    server.route(PATH, api.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH),
                      'query = "bleuet mobile"\nsite = "android"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
        assert next_poll(cfg) >= NOW + timedelta(seconds=600)
        s2 = await d.run_once()  # too early: no request at all
    assert (s1.new, s2.items) == (2, 0)
    assert len(api.queries) == 1
    db = connect(cfg.storage.path)
    cursor = json.loads(db.execute("SELECT cursor FROM sources").fetchone()[0])
    assert "fromdate" not in cursor  # the window was not finished: start it again later
    assert cursor["not_before"] == int(NOW.timestamp()) + 600


async def test_quota_used_up_waits_for_midnight(server: LocalServer, tmp_path: Path) -> None:
    """``quota_remaining`` 0 delays the next poll to the daily reset (midnight UTC)."""
    last = {**load("se_search_page2.json"), "quota_remaining": 0}
    api = Api([last])
    server.route(PATH, api.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH),
                      'query = "bleuet mobile"\nsite = "android"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.new == 1
    assert next_poll(cfg) >= datetime(2026, 11, 21, tzinfo=UTC)


async def test_throttle_violation_and_refused_key(server: LocalServer, tmp_path: Path) -> None:
    """Error bodies are the health message; a throttle names its wait, a 403 says refused."""
    answers = [(400, "se_error_throttle.json"), (403, "se_error_key.json")]

    async def error(request: web.Request) -> web.Response:
        status, name = answers.pop(0)
        return web.json_response(load(name), status=status)

    server.route(PATH, error)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH),
                      'query = "bleuet mobile"\nsite = "android"\nkey = "k3y"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
        health = source_health(connect(cfg.storage.path))[0]
        assert "throttle_violation: too many requests" in (health.last_error or "")
        assert next_poll(cfg) >= NOW + timedelta(seconds=7200)
        s2 = await d.run_once()
    assert s1.failed == s2.failed == 1
    health = source_health(connect(cfg.storage.path))[0]
    assert health.consecutive_failures == 2 and health.http_status == 403
    assert health.last_error.startswith("source refused access (HTTP 403): access_denied: `key`")
