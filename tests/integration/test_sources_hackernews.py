"""``kind = "hackernews"`` through the real daemon against a local replay of Algolia's API."""

from __future__ import annotations

import json
from datetime import UTC, datetime
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
PATH = "/api/v1/search_by_date"


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def make_config(tmp_path: Path, url: str, extra: str = "", brand: str = "") -> Config:
    """One brand (``brand``: more of its keys), one hackernews source (``extra``: its keys)."""
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
            f'{brand}[[sources]]\nkind = "hackernews"\nurl = "{url}"\n{extra}')
    return parse_config(text, path=tmp_path / "vigie.toml")


class Algolia:
    """Replays the recorded pages; filters on ``created_at_i>=T`` like the real API."""

    def __init__(self) -> None:
        self.pages = [load("hn_search_page0.json"), load("hn_search_page1.json")]
        self.extra: list[dict[str, Any]] = []
        self.queries: list[dict[str, str]] = []

    async def handler(self, request: web.Request) -> web.Response:
        q = dict(request.query)
        self.queries.append(q)
        assert q["tags"] == "(story,comment)" and q["query"] == "bleuet mobile"
        since = int(q["numericFilters"].removeprefix("created_at_i>="))
        hits = self.extra + [h for p in self.pages for h in p["hits"]]
        hits = [h for h in hits if h["created_at_i"] >= since]
        if len(hits) == 3 and not self.extra:  # the recorded two-page answer
            return web.json_response(self.pages[int(q["page"])])
        if not hits:
            return web.json_response(load("hn_search_empty.json"))
        return web.json_response({"hits": hits, "nbHits": len(hits), "nbPages": 1,
                                  "page": 0, "hitsPerPage": 100})


async def test_pages_cursor_and_boundary(server: LocalServer, tmp_path: Path) -> None:
    """Both pages are read; the next polls send the cursor and skip only what was seen."""
    algolia = Algolia()
    server.route(PATH, algolia.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH + "?query=bleuet+mobile"))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
        s2 = await d.run_once()
        algolia.extra.append({**algolia.pages[0]["hits"][0], "objectID": "42000011",
                              "author": "zed", "comment_text": "Bleuet Mobile refunded me."})
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:  # a restart
        s3 = await d.run_once()
    assert (s1.new, s2.new, s2.items, s3.new) == (3, 0, 0, 1)
    assert [q["page"] for q in algolia.queries] == ["0", "1", "0", "0"]
    assert algolia.queries[0]["numericFilters"] == f"created_at_i>={int(NOW.timestamp()) - 86400}"
    assert algolia.queries[2]["numericFilters"] == "created_at_i>=1795176600"
    db = connect(cfg.storage.path)
    cursor = json.loads(db.execute("SELECT cursor FROM sources").fetchone()[0])
    assert cursor == {"created_at_i": 1795176600, "ids": ["42000010", "42000011"]}
    rows = {r["author"]: r for r in recent_mentions(db, limit=10)}
    assert rows["pgl"]["kind"] == "comment" and rows["pgl"]["title"] == "Canadian carriers compared"
    assert rows["pgl"]["url"] == "https://news.ycombinator.com/item?id=42000010"
    assert rows["rdv"]["kind"] == "article" and rows["rdv"]["reach"] == 128
    assert rows["rdv"]["url"] == "https://blog.example.org/bleuet-billing"
    assert rows["ask"]["text"] == "Ask HN: anyone using Bleuet Mobile eSIMs while travelling?"
    assert rows["ask"]["url"] == "https://news.ycombinator.com/item?id=41999999"
    assert rows["ask"]["published_at"] == "2026-11-20T12:00:00Z"


async def test_error_body_is_the_health_message(server: LocalServer, tmp_path: Path) -> None:
    """A 400 with Algolia's JSON error body fails the poll with that message."""
    async def bad(request: web.Request) -> web.Response:
        return web.json_response(load("hn_error_400.json"), status=400)

    server.route(PATH, bad)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH), 'query = "bleuet mobile"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.failed == 1
    health = source_health(connect(cfg.storage.path))[0]
    assert health.http_status == 400
    assert "Invalid syntax for numeric value" in (health.last_error or "")


async def test_not_json_is_a_clear_failure(server: LocalServer, tmp_path: Path) -> None:
    """An HTML page where JSON was expected fails with a message, not a crash."""
    async def html(request: web.Request) -> web.Response:
        return web.Response(text="<html>hello</html>", content_type="text/html")

    server.route(PATH, html)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH), 'query = "bleuet mobile"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.failed == 1
    health = source_health(connect(cfg.storage.path))[0]
    assert "not JSON" in (health.last_error or "")


async def test_empty_result_keeps_a_cursor(server: LocalServer, tmp_path: Path) -> None:
    """No hit in the lookback window: a healthy empty poll whose cursor is the window start."""
    algolia = Algolia()
    server.route(PATH, algolia.handler)
    await server.start()
    later = datetime(2026, 12, 20, tzinfo=UTC)
    cfg = make_config(tmp_path, server.url(PATH), 'query = "bleuet mobile"\nlookback = "2h"\n')
    async with Daemon(cfg, workers=1, clock=lambda: later) as d:
        s1 = await d.run_once()
        s2 = await d.run_once()
    assert (s1.ok, s1.items, s2.items) == (1, 0, 0)
    start = int(later.timestamp()) - 7200
    assert [q["numericFilters"] for q in algolia.queries] == [f"created_at_i>={start}"] * 2
    db = connect(cfg.storage.path)
    assert json.loads(db.execute("SELECT cursor FROM sources").fetchone()[0]) == {
        "created_at_i": start, "ids": []}
    assert all(h.healthy for h in source_health(db))


async def test_preview_reads_an_api_source_as_the_first_poll_would(server: LocalServer,
                                                                   tmp_path: Path) -> None:
    """`vigie sources preview` on an API kind: the first poll's pages, analysed, not stored."""
    from listener.sources.preview import preview_source

    server.route(PATH, Algolia().handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH) + "?query=bleuet+mobile")
    result = await preview_source(cfg, cfg.sources[0], NOW)
    assert len(result.items) == 3
    assert result.matched and all(a.brands == ["Bleuet Mobile"] for a in result.matched)
    assert len(result.matched) + len(result.unmatched) == 3
    assert not Path(cfg.storage.path).exists()


async def test_a_reply_by_the_brands_account_answers_the_comment(server: LocalServer,
                                                                 tmp_path: Path) -> None:
    """A comment by the brand's own HN account (exclude_authors) replying to a stored
    comment answers it: the comment leaves "Needs reply", resolved by vigie with a
    note; the other mentions wait."""
    from listener.store.triage import ItemRef, get_states, history

    algolia = Algolia()
    server.route(PATH, algolia.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url(PATH + "?query=bleuet+mobile"),
                      brand='exclude_authors = ["bleuet_support"]\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        await d.run_once()
        algolia.extra.append({**algolia.pages[0]["hits"][0], "objectID": "42000020",
                              "author": "bleuet_support", "parent_id": 42000010,
                              "created_at_i": 1795176900,
                              "comment_text": "Bleuet Mobile support here: we fixed it."})
        summary = await d.run_once()
    assert summary.new == 0  # the brand's own comment is no mention
    db = connect(cfg.storage.path)
    ids = {r["author"]: r["id"] for r in recent_mentions(db, limit=10)}
    refs = {a: ItemRef("mention", i) for a, i in ids.items()}
    states = get_states(db, list(refs.values()))
    assert {a: states[r].status for a, r in refs.items()} == {
        "pgl": "resolved", "rdv": "new", "ask": "new"}
    notes = [e.payload["text"] for e in history(db, refs["pgl"]) if e.action == "note"]
    assert notes == ["answered on the platform by bleuet_support: "
                     "https://news.ycombinator.com/item?id=42000020"]
