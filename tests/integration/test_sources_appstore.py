"""``kind = "appstore"`` through the real daemon against a local replay of Apple's review feed."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from listener.config import Config, parse_config
from listener.daemon import Daemon
from listener.store import connect
from listener.store.reads import brand_summary, recent_mentions, source_health
from tests.conftest import LocalServer

DATA = Path(__file__).parent.parent / "data" / "sources"
NOW = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def make_config(tmp_path: Path, url: str, extra: str = "") -> Config:
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
            f'[[sources]]\nkind = "appstore"\nurl = "{url}"\n{extra}')
    return parse_config(text, path=tmp_path / "vigie.toml")


class Reviews:
    """Serves /<cc>/rss/customerreviews/page=N/id=<id>/sortby=mostrecent/json."""

    def __init__(self, pages: list[Any]) -> None:
        self.pages = pages
        self.paths: list[str] = []

    async def handler(self, request: web.Request) -> web.Response:
        self.paths.append(request.path)
        rest = request.match_info["rest"]
        assert rest.endswith("/id=284882215/sortby=mostrecent/json")
        page = int(rest.split("/")[0].removeprefix("page="))
        if page > len(self.pages):
            return web.json_response(load("appstore_reviews_empty.json"))
        return web.json_response(self.pages[page - 1])


async def test_pages_stop_at_the_newest_stored_review(server: LocalServer,
                                                      tmp_path: Path) -> None:
    """Reviews carry rating and kind; later polls stop at the cursor and never re-ingest."""
    reviews = Reviews([load("appstore_reviews_page1.json"), load("appstore_reviews_page2.json")])
    server.route("/ca/rss/customerreviews/{rest:.*}", reviews.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url("/ca/rss/customerreviews/id=284882215/"
                                           "sortby=mostrecent/json"))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
        s2 = await d.run_once()
        first = reviews.pages[0]
        newer = copy.deepcopy(first["feed"]["entry"][0])
        newer["id"]["label"] = "11004"
        newer["im:rating"]["label"] = "1"
        newer["content"]["label"] = "Bleuet Mobile: plus jamais, remboursez-moi."
        first["feed"]["entry"] = [newer, *first["feed"]["entry"]]
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:  # a restart
        s3 = await d.run_once()
    assert (s1.new, s2.new, s2.items, s3.new, s3.items) == (3, 0, 0, 1, 1)
    assert [p.split("/")[4] for p in reviews.paths] == ["page=1", "page=2", "page=1", "page=1"]
    db = connect(cfg.storage.path)
    cursor = json.loads(db.execute("SELECT cursor FROM sources").fetchone()[0])
    assert cursor == {"last_id": "11004"}
    rows = {r["author"]: r for r in recent_mentions(db, limit=10)}
    assert set(rows) == {"Julie_Q", "MarcoPolo", "dev_ottawa"}  # 11004 reuses Julie_Q
    julie = [r for r in recent_mentions(db, limit=10) if r["author"] == "Julie_Q"]
    assert sorted(r["rating"] for r in julie) == [1, 1]
    marco = rows["MarcoPolo"]
    assert marco["kind"] == "review" and marco["rating"] == 5 and marco["title"] == "Super appli"
    assert marco["published_at"] == "2026-11-20T10:50:00Z"
    assert rows["dev_ottawa"]["rating"] == 2  # a page whose single entry is an object
    assert all(h.healthy for h in source_health(db))


async def test_empty_feed_and_app_page_url(server: LocalServer, tmp_path: Path) -> None:
    """An apps.apple.com style URL with app_id/country keys; an app without reviews is fine."""
    reviews = Reviews([load("appstore_reviews_empty.json")])
    server.route("/ca/rss/customerreviews/{rest:.*}", reviews.handler)
    await server.start()
    cfg = make_config(tmp_path, server.url("/"), 'app_id = "284882215"\ncountry = "CA"\n')
    assert cfg.sources[0].url == server.url(
        "/ca/rss/customerreviews/id=284882215/sortby=mostrecent/json")
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert (s1.ok, s1.items, s1.new) == (1, 0, 0)
    assert reviews.paths == ["/ca/rss/customerreviews/page=1/id=284882215/sortby=mostrecent/json"]


async def test_unknown_app_is_a_failure(server: LocalServer, tmp_path: Path) -> None:
    """A 404 (no such app in that store) is a failure with a hint in the health row."""
    async def missing(request: web.Request) -> web.Response:
        return web.Response(status=404, text="<html>Not Found</html>", content_type="text/html")

    server.route("/us/rss/customerreviews/{rest:.*}", missing)
    await server.start()
    cfg = make_config(tmp_path, server.url("/us/rss/customerreviews/id=999999999/json"))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.failed == 1
    health = source_health(connect(cfg.storage.path))[0]
    assert health.http_status == 404 and "check the URL" in (health.last_error or "")


async def test_reviews_belong_to_the_sources_brand_without_naming_it(server: LocalServer,
                                                                     tmp_path: Path) -> None:
    """An app's reviews rarely name the app: with `brands = [...]` they are all that brand's."""
    page = load("appstore_reviews_page1.json")
    for entry in page["feed"]["entry"]:
        if "content" in entry:
            entry["content"]["label"] = "L'appli plante à chaque mise à jour."
            entry["title"]["label"] = "Bof"
    reviews = Reviews([page])
    server.route("/ca/rss/customerreviews/{rest:.*}", reviews.handler)
    await server.start()
    url = server.url("/ca/rss/customerreviews/id=284882215/sortby=mostrecent/json")
    unscoped = make_config(tmp_path, url)
    async with Daemon(unscoped, workers=1, clock=lambda: NOW) as d:
        assert (await d.run_once()).new == 0
    (tmp_path / "v.db").unlink()
    scoped = make_config(tmp_path, url, 'brands = ["Bleuet Mobile"]\n')
    async with Daemon(scoped, workers=1, clock=lambda: NOW) as d:
        summary = await d.run_once()
    assert summary.new >= 2
    db = connect(scoped.storage.path)
    assert {b["brand"] for b in brand_summary(db)} == {"Bleuet Mobile"}
