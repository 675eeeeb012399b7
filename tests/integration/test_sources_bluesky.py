"""``kind = "bluesky"`` through the real daemon against a local stand-in of Bluesky's XRPC API.

The stand-in answers ``com.atproto.server.createSession`` (POST),
``app.bsky.feed.searchPosts`` (login required, as Bluesky's AppView has done since
2025; ``since``, ``sort=latest``, ``cursor`` paging) and ``app.bsky.feed.getAuthorFeed``
(public), with post views shaped as the API documents them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from listener.config import Config, parse_config
from listener.daemon import Daemon
from listener.store import connect
from listener.store.reads import recent_mentions, source_health
from tests.conftest import LocalServer

NOW = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
SEARCH = "/xrpc/app.bsky.feed.searchPosts"
FEED = "/xrpc/app.bsky.feed.getAuthorFeed"
LOGIN = "/xrpc/com.atproto.server.createSession"
PASSWORD = "abcd-efgh-ijkl-mnop"


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def post(rkey: str, handle: str, text: str, created: datetime, *,
         indexed: datetime | None = None, parent: str | None = None, likes: int = 0,
         reposts: int = 0, card: str | None = None) -> dict[str, Any]:
    """A ``app.bsky.feed.defs#postView`` as the AppView returns it."""
    did = "did:plc:" + (handle.split(".")[0] + "x" * 24)[:24]
    uri = f"at://{did}/app.bsky.feed.post/{rkey}"
    record: dict[str, Any] = {"$type": "app.bsky.feed.post", "createdAt": iso(created),
                              "langs": ["fr"], "text": text}
    if parent:
        record["reply"] = {"parent": {"cid": "bafyparent", "uri": parent},
                           "root": {"cid": "bafyparent", "uri": parent}}
    view: dict[str, Any] = {
        "uri": uri, "cid": "bafyrei" + rkey,
        "author": {"did": did, "handle": handle, "displayName": handle.split(".")[0].title(),
                   "avatar": "https://cdn.bsky.app/img/avatar/plain/x.jpg", "labels": [],
                   "createdAt": "2024-02-01T10:00:00.000Z"},
        "record": record, "replyCount": 0, "repostCount": reposts, "likeCount": likes,
        "quoteCount": 0, "indexedAt": iso(indexed or created), "labels": []}
    if card:
        view["embed"] = {"$type": "app.bsky.embed.external#view",
                         "external": {"uri": "https://example.com/a", "title": card,
                                      "description": ""}}
    return view


def sort_at(view: dict[str, Any]) -> datetime:
    times = [datetime.fromisoformat(view["record"]["createdAt"].replace("Z", "+00:00")),
             datetime.fromisoformat(view["indexedAt"].replace("Z", "+00:00"))]
    return min(times)


class FakeBluesky:
    """Posts in memory; the endpoints filter and page them like the real ones."""

    def __init__(self, *, page_size: int = 100) -> None:
        self.posts: list[dict[str, Any]] = []
        self.reposts: list[dict[str, Any]] = []
        self.page_size = page_size
        self.logins: list[dict[str, Any]] = []
        self.searches: list[dict[str, str]] = []
        self.feeds: list[dict[str, str]] = []
        self.expired: set[str] = set()
        self.public_search = False

    def install(self, server: LocalServer) -> None:
        server.route(SEARCH, self.search)
        server.route(FEED, self.author_feed)
        server.app.router.add_post(LOGIN, self.login)

    async def login(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.logins.append(body)
        if body.get("password") != PASSWORD:
            return web.json_response({"error": "AuthenticationRequired",
                                      "message": "Invalid identifier or password"}, status=401)
        return web.json_response({"did": "did:plc:watcher", "handle": body["identifier"],
                                  "accessJwt": f"tok-{len(self.logins)}",
                                  "refreshJwt": "refresh", "active": True})

    def _page(self, views: list[Any], request: web.Request) -> tuple[list[Any], str | None]:
        start = int(request.query.get("cursor", "0"))
        limit = min(int(request.query.get("limit", "25")), self.page_size)
        chunk = views[start:start + limit]
        more = start + limit < len(views)
        return chunk, str(start + limit) if more else None

    async def search(self, request: web.Request) -> web.Response:
        q = dict(request.query)
        self.searches.append({**q, "auth": request.headers.get("Authorization", "")})
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not token and not self.public_search:
            return web.json_response({"error": "AuthMissing",
                                      "message": "Authentication Required"}, status=403)
        if token in self.expired:
            return web.json_response({"error": "ExpiredToken",
                                      "message": "Token has expired"}, status=400)
        assert q["sort"] == "latest"
        since = datetime.fromisoformat(q["since"].replace("Z", "+00:00"))
        words = q["q"].lower().strip('"')
        hits = [p for p in self.posts if words in p["record"]["text"].lower()
                and sort_at(p) >= since]
        hits.sort(key=sort_at, reverse=True)
        chunk, cursor = self._page(hits, request)
        return web.json_response({"posts": chunk, "hitsTotal": len(hits),
                                  **({"cursor": cursor} if cursor else {})})

    async def author_feed(self, request: web.Request) -> web.Response:
        q = dict(request.query)
        self.feeds.append(q)
        mine = [p for p in self.posts if p["author"]["handle"] == q["actor"]]
        if not mine:
            return web.json_response({"error": "InvalidRequest",
                                      "message": "Profile not found"}, status=400)
        entries = [{"post": p} for p in mine] + self.reposts
        entries.sort(key=lambda e: e.get("sort", sort_at(e["post"])), reverse=True)
        entries = [{k: v for k, v in e.items() if k != "sort"} for e in entries]
        chunk, cursor = self._page(entries, request)
        return web.json_response({"feed": chunk, **({"cursor": cursor} if cursor else {})})


def make_config(tmp_path: Path, sources: str, brand: str = "") -> Config:
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
            f'{brand}{sources}')
    return parse_config(text, path=tmp_path / "vigie.toml")


def search_source(server: LocalServer, extra: str = "") -> str:
    return (f'[[sources]]\nkind = "bluesky"\nurl = "{server.url("")}"\n'
            f'query = "bleuet mobile"\n{extra}')


LOGGED_IN = 'login = "vigie-watch.bsky.social"\napp_password = "${VIGIE_TEST_BSKY}"\n'


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIGIE_TEST_BSKY", PASSWORD)


async def test_search_logs_in_pages_and_resumes_with_an_overlap(
        server: LocalServer, tmp_path: Path, password: None) -> None:
    """A logged-in search reads every page; the next poll asks from the newest post minus
    the overlap, finds a post indexed late, and skips what it already has."""
    bsky = FakeBluesky(page_size=2)
    bsky.install(server)
    await server.start()
    t0 = NOW - timedelta(hours=3)
    bsky.posts = [
        post("3la1", "marie.bsky.social", "Bleuet Mobile coupe encore le réseau à Québec",
             t0, likes=4, reposts=1),
        post("3la2", "paul.bsky.social", "Merci Bleuet Mobile pour le remboursement rapide",
             t0 + timedelta(minutes=20)),
        post("3la3", "zoe.bsky.social", "Bleuet Mobile: panne chez moi aussi",
             t0 + timedelta(minutes=40), card="Panne chez Bleuet Mobile"),
        post("3old", "ancien.bsky.social", "Bleuet Mobile, mon premier forfait",
             NOW - timedelta(days=3)),
    ]
    cfg = make_config(tmp_path, search_source(server, LOGGED_IN))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
        # Created before the newest stored post but indexed only now: inside the overlap.
        bsky.posts.append(post("3la4", "luc.bsky.social", "Bleuet Mobile ne répond plus",
                               t0 + timedelta(minutes=35), indexed=NOW))
        s2 = await d.run_once()
    assert (s1.new, s2.new, s2.items) == (3, 1, 1)
    assert [q.get("cursor") for q in bsky.searches] == [None, "2", None]
    assert bsky.searches[0]["since"] == iso(NOW - timedelta(days=1))
    assert bsky.searches[2]["since"] == iso(t0 + timedelta(minutes=25))
    assert {q["auth"] for q in bsky.searches} == {"Bearer tok-1"}
    assert bsky.logins == [{"identifier": "vigie-watch.bsky.social", "password": PASSWORD}]
    db = connect(cfg.storage.path)
    rows = {r["author"]: r for r in recent_mentions(db, limit=10)}
    assert set(rows) == {"marie.bsky.social", "paul.bsky.social", "zoe.bsky.social",
                         "luc.bsky.social"}
    marie = rows["marie.bsky.social"]
    assert marie["url"] == "https://bsky.app/profile/marie.bsky.social/post/3la1"
    assert marie["reach"] == 5 and marie["kind"] == "post"
    assert rows["zoe.bsky.social"]["title"] == "Panne chez Bleuet Mobile"
    cursor = json.loads(db.execute("SELECT cursor FROM sources").fetchone()[0])
    assert cursor["since"] == iso(t0 + timedelta(minutes=40))
    assert sorted(cursor["seen"]) == sorted(p["uri"] for p in bsky.posts
                                            if p["record"]["text"].startswith(("Bleuet Mobile:",
                                                                               "Bleuet Mobile ne")))
    assert "abcd" not in json.dumps(cursor)


async def test_an_expired_token_logs_in_again(server: LocalServer, tmp_path: Path,
                                              password: None) -> None:
    """``ExpiredToken`` renews the session once, and the poll goes on."""
    bsky = FakeBluesky()
    bsky.install(server)
    await server.start()
    bsky.posts = [post("3lb1", "marie.bsky.social", "Bleuet Mobile encore en panne",
                       NOW - timedelta(hours=1))]
    cfg = make_config(tmp_path, search_source(server, LOGGED_IN))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        await d.run_once()
        bsky.expired.add("tok-1")
        bsky.posts.append(post("3lb2", "paul.bsky.social", "Bleuet Mobile, toujours rien",
                               NOW - timedelta(minutes=5)))
        s2 = await d.run_once()
    assert s2.new == 1 and s2.failed == 0
    assert [q["auth"] for q in bsky.searches] == ["Bearer tok-1", "Bearer tok-1",
                                                  "Bearer tok-2"]


async def test_a_search_without_login_says_what_to_set(server: LocalServer,
                                                       tmp_path: Path) -> None:
    """The AppView's 403 to an anonymous search becomes a health message naming the keys."""
    bsky = FakeBluesky()
    bsky.install(server)
    await server.start()
    cfg = make_config(tmp_path, search_source(server))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.failed == 1
    health = source_health(connect(cfg.storage.path))[0]
    assert health.http_status == 403
    assert "AuthMissing: Authentication Required" in (health.last_error or "")
    assert "set login and app_password" in (health.last_error or "")


async def test_an_anonymous_search_works_where_the_appview_allows_it(
        server: LocalServer, tmp_path: Path) -> None:
    """Without a login the search goes to the AppView in the URL, with no token."""
    bsky = FakeBluesky()
    bsky.public_search = True
    bsky.install(server)
    await server.start()
    bsky.posts = [post("3lc1", "marie.bsky.social", "Bleuet Mobile coupe le réseau",
                       NOW - timedelta(hours=1))]
    cfg = make_config(tmp_path, search_source(server, 'lang = "fr"\n'))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.new == 1
    assert bsky.searches[0]["auth"] == "" and bsky.searches[0]["lang"] == "fr"
    assert bsky.logins == []


@pytest.mark.parametrize("env, expected", [
    ("wrong-password", "Bluesky refused the login of vigie-watch.bsky.social (HTTP 401: "
                       "AuthenticationRequired: Invalid identifier or password)"),
    (None, "environment variable VIGIE_TEST_BSKY is not set"),
])
async def test_a_login_problem_is_named(server: LocalServer, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, env: str | None,
                                        expected: str) -> None:
    """A refused login or a missing variable fails the poll with what to fix, never the
    password."""
    if env is None:
        monkeypatch.delenv("VIGIE_TEST_BSKY", raising=False)
    else:
        monkeypatch.setenv("VIGIE_TEST_BSKY", env)
    bsky = FakeBluesky()
    bsky.install(server)
    await server.start()
    cfg = make_config(tmp_path, search_source(server, LOGGED_IN))
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.failed == 1
    error = source_health(connect(cfg.storage.path))[0].last_error or ""
    assert expected in error
    assert "wrong-password" not in error and bsky.searches == []


async def test_the_support_accounts_reply_answers_the_mention(
        server: LocalServer, tmp_path: Path, password: None) -> None:
    """The brand's support account polled as an account source (public, no login): its
    reply resolves the mention found by the search; its reposts are skipped."""
    from listener.store.triage import ItemRef, get_states, history

    bsky = FakeBluesky()
    bsky.install(server)
    await server.start()
    complaint = post("3ld1", "marie.bsky.social", "Bleuet Mobile, trois jours sans réseau",
                     NOW - timedelta(hours=2))
    other = post("3ld2", "paul.bsky.social", "Bleuet Mobile augmente encore ses prix",
                 NOW - timedelta(hours=2))
    answer = post("3ld9", "bleuetaide.bsky.social", "Désolés Marie, on regarde ça en DM",
                  NOW - timedelta(hours=1), parent=complaint["uri"])
    bsky.posts = [complaint, other, answer]
    bsky.reposts = [{"post": other, "sort": NOW - timedelta(minutes=30),
                     "reason": {"$type": "app.bsky.feed.defs#reasonRepost",
                                "by": answer["author"], "indexedAt": iso(NOW)}}]
    sources = (f'[[sources]]\nkind = "bluesky"\nurl = "{server.url("")}/profile/BleuetAide.'
               'bsky.social"\n' + search_source(server, LOGGED_IN))
    cfg = make_config(tmp_path, sources, brand='exclude_authors = ["bleuetaide.bsky.social"]\n')
    assert cfg.sources[0].url == server.url(FEED + "?actor=bleuetaide.bsky.social")
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        summary = await d.run_once()
        again = await d.run_once()
    assert summary.failed == 0 and summary.new == 2 and again.new == 0
    assert bsky.feeds[0]["filter"] == "posts_with_replies"
    db = connect(cfg.storage.path)
    ids = {r["author"]: r["id"] for r in recent_mentions(db, limit=10)}
    refs = {a: ItemRef("mention", i) for a, i in ids.items()}
    states = get_states(db, list(refs.values()))
    assert {a: states[r].status for a, r in refs.items()} == {
        "marie.bsky.social": "resolved", "paul.bsky.social": "new"}
    notes = [e.payload["text"] for e in history(db, refs["marie.bsky.social"])
             if e.action == "note"]
    assert notes == ["answered on the platform by bleuetaide.bsky.social: "
                     "https://bsky.app/profile/bleuetaide.bsky.social/post/3ld9"]


async def test_an_unknown_account_is_named(server: LocalServer, tmp_path: Path) -> None:
    """getAuthorFeed's "Profile not found" says which handle to check."""
    bsky = FakeBluesky()
    bsky.install(server)
    await server.start()
    cfg = make_config(tmp_path, f'[[sources]]\nkind = "bluesky"\nurl = "{server.url("")}"\n'
                                'account = "personne.bsky.social"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.failed == 1
    error = source_health(connect(cfg.storage.path))[0].last_error or ""
    assert "no Bluesky account 'personne.bsky.social'" in error


async def test_preview_takes_the_login_from_set(server: LocalServer, tmp_path: Path,
                                                password: None,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`vigie sources preview bluesky URL --set login=... --set app_password=${VAR}` logs in
    and shows the matches; nothing is stored."""
    import asyncio

    from listener.cli import main

    bsky = FakeBluesky()
    bsky.install(server)
    await server.start()
    bsky.posts = [post("3le1", "marie.bsky.social", "Bleuet Mobile coupe le réseau",
                       NOW - timedelta(hours=1))]
    config = tmp_path / "vigie.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "v.db"}"\n[[brands]]\n'
                      'name = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n',
                      encoding="utf-8")
    args = ["-c", str(config), "sources", "preview", "bluesky",
            server.url("/xrpc/app.bsky.feed.searchPosts?q=bleuet+mobile")]
    assert await asyncio.to_thread(main, args) == 2
    assert "set login and app_password" in capsys.readouterr().err
    assert await asyncio.to_thread(main, args + ["--set", "login=vigie-watch.bsky.social",
                                                 "--set", "app_password=${VIGIE_TEST_BSKY}"]) == 0
    assert "Bleuet Mobile coupe le réseau" in capsys.readouterr().out
    assert len(bsky.logins) == 1 and not (tmp_path / "v.db").exists()
