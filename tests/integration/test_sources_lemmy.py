"""``kind = "lemmy"`` through the real daemon against a local stand-in of Lemmy's v3 API.

The stand-in answers ``GET /api/v3/search`` like Lemmy 0.19: ``q`` a substring of
titles, bodies and comments, ``type_``, ``sort=New``, ``page``/``limit`` paging
each of the ``posts`` and ``comments`` lists on its own, views shaped as the API
documents them.
"""

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

NOW = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
SEARCH = "/api/v3/search"


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def creator(name: str, home: str = "jlai.lu") -> dict[str, Any]:
    return {"id": abs(hash(name)) % 10_000, "name": name, "display_name": None,
            "actor_id": f"https://{home}/u/{name}", "local": home == "jlai.lu",
            "banned": False, "deleted": False, "bot_account": False,
            "published": "2023-06-20T08:00:00.000000Z", "instance_id": 1}


def post_view(pid: int, author: str, title: str, body: str, published: datetime, *,
              home: str = "jlai.lu", score: int = 1) -> dict[str, Any]:
    return {"post": {"id": pid, "name": title, "body": body, "url": None,
                     "creator_id": 1, "community_id": 7, "removed": False, "locked": False,
                     "published": stamp(published), "deleted": False, "nsfw": False,
                     "ap_id": f"https://{home}/post/{pid + 9000}", "local": home == "jlai.lu",
                     "language_id": 37, "featured_community": False, "featured_local": False},
            "creator": creator(author, home),
            "community": {"id": 7, "name": "quebec", "title": "Québec",
                          "actor_id": "https://lemmy.ca/c/quebec"},
            "counts": {"post_id": pid, "comments": 0, "score": score, "upvotes": score,
                       "downvotes": 0, "published": stamp(published)},
            "subscribed": "NotSubscribed", "saved": False, "read": False,
            "creator_blocked": False, "unread_comments": 0}


def comment_view(cid: int, author: str, text: str, published: datetime, post: dict[str, Any],
                 *, parents: tuple[int, ...] = (), score: int = 1) -> dict[str, Any]:
    path = ".".join(["0", *(str(p) for p in parents), str(cid)])
    return {"comment": {"id": cid, "creator_id": 2, "post_id": post["post"]["id"],
                        "content": text, "removed": False, "published": stamp(published),
                        "deleted": False, "ap_id": f"https://jlai.lu/comment/{cid + 5000}",
                        "local": True, "path": path, "distinguished": False,
                        "language_id": 37},
            "creator": creator(author), "post": post["post"], "community": post["community"],
            "counts": {"comment_id": cid, "score": score, "upvotes": score, "downvotes": 0,
                       "published": stamp(published), "child_count": 0},
            "creator_banned_from_community": False, "subscribed": "NotSubscribed",
            "saved": False, "creator_blocked": False}


def published(view: dict[str, Any]) -> str:
    return (view.get("comment") or view["post"])["published"]


class FakeLemmy:
    """Posts and comments in memory, searched and paged like Lemmy's ``/api/v3/search``."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.comments: list[dict[str, Any]] = []
        self.queries: list[dict[str, str]] = []

    async def search(self, request: web.Request) -> web.Response:
        q = dict(request.query)
        self.queries.append(q)
        assert (q["sort"], q["listing_type"]) == ("New", "All")
        word = q["q"].lower()
        limit = min(int(q["limit"]), 50)
        start = (int(q["page"]) - 1) * limit

        def page(views: list[dict[str, Any]], *fields: str) -> list[dict[str, Any]]:
            hits = [v for v in views if any(word in str(v[f[0]][f[1]] or "").lower()
                                            for f in (x.split(".") for x in fields))]
            hits.sort(key=published, reverse=True)
            return hits[start:start + limit]

        want = q.get("type_", "All")
        posts = page(self.posts, "post.name", "post.body") if want in ("All", "Posts") else []
        comments = page(self.comments, "comment.content") if want in ("All", "Comments") else []
        return web.json_response({"type_": want, "comments": comments, "posts": posts,
                                  "communities": [], "users": []})


def make_config(tmp_path: Path, url: str, extra: str = "", brand: str = "") -> Config:
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
            f'{brand}[[sources]]\nkind = "lemmy"\nurl = "{url}"\n{extra}')
    return parse_config(text, path=tmp_path / "vigie.toml")


async def test_pages_each_list_and_resumes_where_it_stopped(server: LocalServer,
                                                            tmp_path: Path) -> None:
    """Every page of new posts and comments is read; the next poll stops at what it has,
    and finds what was published since."""
    lemmy = FakeLemmy()
    server.route(SEARCH, lemmy.search)
    await server.start()
    t0 = NOW - timedelta(hours=9)
    thread = post_view(101, "marie", "Bleuet Mobile en panne à Québec?",
                       "Plus de réseau depuis ce matin.", t0, score=12)
    lemmy.posts = [thread,
                   post_view(102, "paul", "Forfaits: Bleuet Mobile ou Fizz?", "",
                             t0 + timedelta(hours=1), home="lemmy.ca"),
                   post_view(103, "luc", "Bleuet Mobile baisse ses prix", "Enfin.",
                             t0 + timedelta(hours=2)),
                   post_view(90, "ancien", "Bleuet Mobile, 2 ans après", "",
                             NOW - timedelta(days=3))]
    # A busy morning: 50 more posts after those, so the first poll needs two pages of posts.
    lemmy.posts += [post_view(300 + n, f"voisin{n}", f"Bleuet Mobile, sujet {n}", "",
                              t0 + timedelta(hours=3, minutes=n)) for n in range(50)]
    lemmy.comments = [comment_view(501, "zoe", "Pareil chez moi, Bleuet Mobile ne répond pas",
                                   t0 + timedelta(minutes=30), thread, score=3)]
    cfg = make_config(tmp_path, server.url("/search?q=bleuet+mobile&type=All"))
    assert cfg.sources[0].url == server.url(SEARCH + "?q=bleuet+mobile")
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
        lemmy.comments.append(comment_view(502, "marie", "Bleuet Mobile: ça revient!",
                                           NOW - timedelta(minutes=5), thread,
                                           parents=(501,)))
        s2 = await d.run_once()
    assert (s1.new, s2.new, s2.items) == (54, 1, 1)
    assert [q["page"] for q in lemmy.queries] == ["1", "2", "1"]
    db = connect(cfg.storage.path)
    rows = {r["author"]: r for r in recent_mentions(db, limit=100)
            if not r["author"].startswith("voisin")}
    assert set(rows) == {"marie@jlai.lu", "paul@lemmy.ca", "luc@jlai.lu", "zoe@jlai.lu"}
    assert rows["zoe@jlai.lu"]["kind"] == "comment"
    assert rows["zoe@jlai.lu"]["title"] == "Bleuet Mobile en panne à Québec?"
    assert rows["zoe@jlai.lu"]["url"] == "https://jlai.lu/comment/5501"
    assert rows["paul@lemmy.ca"]["url"] == "https://lemmy.ca/post/9102"
    assert rows["marie@jlai.lu"]["reach"] == 12
    cursor = json.loads(db.execute("SELECT cursor FROM sources").fetchone()[0])
    assert cursor == {"published": "2026-12-08T11:55:00Z", "ids": ["comment:502"]}


async def test_a_reply_by_the_brands_account_answers_the_comment(server: LocalServer,
                                                                 tmp_path: Path) -> None:
    """The brand's account answering a comment (its path names the parent) resolves that
    comment; answering the post itself resolves the post."""
    from listener.store.triage import ItemRef, get_states

    lemmy = FakeLemmy()
    server.route(SEARCH, lemmy.search)
    await server.start()
    thread = post_view(201, "marie", "Bleuet Mobile en panne", "Depuis hier.",
                       NOW - timedelta(hours=3))
    complaint = comment_view(601, "zoe", "Bleuet Mobile, toujours rien ici",
                             NOW - timedelta(hours=2), thread)
    lemmy.posts = [thread]
    lemmy.comments = [complaint,
                      comment_view(602, "BleuetAide", "Bleuet Mobile: on regarde, Zoé",
                                   NOW - timedelta(hours=1), thread, parents=(601,)),
                      comment_view(603, "BleuetAide", "Bleuet Mobile: panne réparée",
                                   NOW - timedelta(minutes=30), thread)]
    cfg = make_config(tmp_path, server.url(""), 'query = "bleuet mobile"\n',
                      brand='exclude_authors = ["BleuetAide@jlai.lu"]\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        summary = await d.run_once()
    assert summary.new == 2
    db = connect(cfg.storage.path)
    ids = {r["author"]: r["id"] for r in recent_mentions(db, limit=10)}
    states = get_states(db, [ItemRef("mention", i) for i in ids.values()])
    assert {a: states[ItemRef("mention", i)].status for a, i in ids.items()} == {
        "marie@jlai.lu": "resolved", "zoe@jlai.lu": "resolved"}


async def test_an_error_answer_is_the_health_message(server: LocalServer,
                                                     tmp_path: Path) -> None:
    """Lemmy's ``{"error": ...}`` body (rate limit, unknown community) names the problem."""
    async def limited(request: web.Request) -> web.Response:
        return web.json_response({"error": "rate_limit_error"}, status=429)

    server.route(SEARCH, limited)
    await server.start()
    cfg = make_config(tmp_path, server.url(""), 'query = "bleuet"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert s1.failed == 1
    health = source_health(connect(cfg.storage.path))[0]
    assert health.http_status == 429 and "rate_limit_error" in (health.last_error or "")


async def test_a_malformed_answer_is_named_and_stores_nothing(server: LocalServer,
                                                              tmp_path: Path) -> None:
    """A result without an id (not Lemmy's API, or a broken proxy) fails the poll clearly;
    the cursor stays where it was."""
    async def broken(request: web.Request) -> web.Response:
        return web.json_response({"posts": [{"post": {"name": "Bleuet Mobile"}}],
                                  "comments": []})

    server.route(SEARCH, broken)
    await server.start()
    cfg = make_config(tmp_path, server.url(""), 'query = "bleuet"\n')
    async with Daemon(cfg, workers=1, clock=lambda: NOW) as d:
        s1 = await d.run_once()
    assert (s1.failed, s1.new) == (1, 0)
    db = connect(cfg.storage.path)
    error = source_health(db)[0].last_error or ""
    assert "unexpected answer (a post without an id)" in error
    assert db.execute("SELECT cursor FROM sources").fetchone()[0] in (None, "{}", "null")
