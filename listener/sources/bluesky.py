"""``kind = "bluesky"``: a post search, or one account's posts, on Bluesky (AT Protocol).

A *search* source (``https://bsky.app/search?q=WORDS``, or ``query = "..."``,
optionally ``lang = "fr"``) polls ``GET /xrpc/app.bsky.feed.searchPosts?q=...
&sort=latest&limit=100&since=T`` and follows the answer's ``cursor`` for up to
``max_pages`` pages. ``T`` is the newest ``sortAt`` stored (the earlier of a
post's ``createdAt`` and ``indexedAt``, the order the AppView sorts by) minus
:data:`OVERLAP`, so that a post indexed a few minutes late is still found; the
posts already seen in that overlap are kept in the cursor and skipped. The
first poll looks back ``lookback`` (default 1 day).

Bluesky's public AppView has answered post searches only to logged-in clients
since 2025. A search source therefore usually needs ``login`` (the handle of
any Bluesky account, a dedicated one is best) and ``app_password`` (an *app
password* of that account, named as an environment variable:
``app_password = "${BLUESKY_APP_PASSWORD}"``; never the account's password).
The source then logs in with ``com.atproto.server.createSession`` on ``pds``
(default ``https://bsky.social``) and sends its requests there with the access
token; the token is kept in memory only (not in the database), renewed when it
expires. Without a login, a 401/403 answer says what to set.

An *account* source (``https://bsky.app/profile/NAME``, or ``account = "NAME"``)
polls ``app.bsky.feed.getAuthorFeed`` (public, no login needed), newest first,
until it reaches posts it already has. Meant for the brand's support account:
list it in ``exclude_authors``; its replies then answer the mentions they reply
to (:mod:`listener.store.answered`). Reposts are skipped.

Each post becomes ``kind="post"``: text = the post's text (plain text, cleaned
of control characters), title = the title of a link card when there is one,
author = the handle, link = ``https://bsky.app/profile/HANDLE/post/RKEY``,
reach = likes + reposts + quotes (a post view carries no follower count).
``post_key`` is ``bluesky:`` + the post's ``at://`` URI, and a reply's
``reply_to`` the same for its parent: URIs are global, so a reply found by any
Bluesky source answers a mention found by any other.
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime, timedelta
from typing import Any

from listener.analysis.normalise import clean_text
from listener.config import SourceConfig
from listener.errors import FetchError, ParseError
from listener.models import FeedItem
from listener.sources.apicommon import as_int, log_notes, parse_time, require
from listener.sources.base import ApiBatch
from listener.sources.http import Fetcher, JsonResult, json_error_detail
from listener.sources.options import password_variable, resolve

__all__ = ["BlueskySource", "OVERLAP", "post_url"]

#: How far before the newest stored post each poll looks again (late indexing).
OVERLAP = timedelta(minutes=15)
#: Posts per page (the API's maximum).
PAGE = 100
#: Error names with which an expired or revoked access token is refused.
_TOKEN_ERRORS = frozenset({"ExpiredToken", "InvalidToken"})


def post_url(uri: str, handle: str | None) -> str | None:
    """The web address of the post ``at://DID/app.bsky.feed.post/RKEY``."""
    parts = uri.removeprefix("at://").split("/")
    if len(parts) != 3 or parts[1] != "app.bsky.feed.post":
        return None
    return f"https://bsky.app/profile/{handle or parts[0]}/post/{parts[2]}"


def _sort_at(post: dict[str, Any], record: dict[str, Any]) -> datetime | None:
    created = parse_time(record.get("createdAt"))
    indexed = parse_time(post.get("indexedAt"))
    known = [t for t in (created, indexed) if t is not None]
    return min(known) if known else None


def _post_item(post: Any, url: str) -> tuple[FeedItem, datetime | None]:
    require(isinstance(post, dict) and isinstance(post.get("uri"), str)
            and post["uri"].startswith("at://"), "a post without an at:// uri", url)
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    handle = author.get("handle") if isinstance(author.get("handle"), str) else None
    handle = clean_text(handle)[:200] if handle else None
    embed = post.get("embed") if isinstance(post.get("embed"), dict) else {}
    card = embed.get("external") if isinstance(embed.get("external"), dict) else {}
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
    parent = reply.get("parent") if isinstance(reply.get("parent"), dict) else {}
    parent_uri = parent.get("uri") if isinstance(parent.get("uri"), str) else None
    reach = sum(n for n in (as_int(post.get(k)) for k in ("likeCount", "repostCount",
                                                           "quoteCount")) if n is not None)
    uri = post["uri"]
    sort_at = _sort_at(post, record)
    item = FeedItem(guid=uri, url=post_url(uri, handle), title=clean_text(str(card.get("title")
                                                                               or "")),
                    text=clean_text(str(record.get("text") or "")), author=handle,
                    published_at=sort_at,
                    kind="post", reach=reach, post_key=f"bluesky:{uri}",
                    reply_to=f"bluesky:{parent_uri}" if parent_uri else None)
    return item, sort_at


class _Session:
    """An access token of one login, shared by the sources that use it."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.token: str | None = None


class BlueskySource:
    """``searchPosts`` (newest first, ``since`` the last poll) or ``getAuthorFeed``."""

    kind = "bluesky"

    def __init__(self) -> None:
        self._sessions: dict[tuple[str, str], _Session] = {}

    async def _token(self, fetcher: Fetcher, opts: dict[str, Any], *, renew: bool = False
                     ) -> str:
        """An access token for ``opts["login"]`` (logging in when there is none yet)."""
        session = self._sessions.setdefault((opts["pds"], opts["login"]), _Session())
        async with session.lock:
            if session.token is not None and not renew:
                return session.token
            var = password_variable(opts["app_password"])
            password = os.environ.get(var)
            url = f"{opts['pds']}/xrpc/com.atproto.server.createSession"
            if not password:
                raise FetchError(f"environment variable {var} is not set: export the app "
                                 f"password of {opts['login']} for the daemon (app_password "
                                 "of this source)", url=url)
            res = await fetcher.post_json(url, {"identifier": opts["login"],
                                                "password": password})
            if res.status in (400, 401):
                raise FetchError(f"Bluesky refused the login of {opts['login']} (HTTP "
                                 f"{res.status}: {_detail(res) or 'no reason given'}): check "
                                 f"login and the app password in ${var} (Settings > Privacy "
                                 "and security > App passwords)", url=url, status=res.status,
                                 retry_after=3600.0)
            if not res.ok:
                raise res.error()
            data = res.data
            require(isinstance(data, dict) and isinstance(data.get("accessJwt"), str),
                    "expected a session with an 'accessJwt'", res.url)
            session.token = str(data["accessJwt"])
            return session.token

    async def _get(self, fetcher: Fetcher, opts: dict[str, Any], params: list[tuple[str, str]]
                   ) -> JsonResult:
        """One page of ``opts["method"]``, logged in when the source has a login."""
        if opts["login"] is None:
            res = await fetcher.get_json(f"{opts['appview']}/xrpc/{opts['method']}",
                                         params=params)
            if res.status in (401, 403) and opts["method"] == "app.bsky.feed.searchPosts":
                raise FetchError(
                    f"Bluesky answered HTTP {res.status} ({_detail(res) or 'refused'}): its "
                    "public AppView serves post searches only to logged-in clients; set "
                    "login and app_password on this source (README: \"Bluesky search needs "
                    "a login\")",
                    url=res.url, status=res.status)
            return res
        url = f"{opts['pds']}/xrpc/{opts['method']}"
        token = await self._token(fetcher, opts)
        res = await fetcher.get_json(url, params=params,
                                     headers={"Authorization": f"Bearer {token}"})
        if res.status in (400, 401) and _error_name(res) in _TOKEN_ERRORS:
            token = await self._token(fetcher, opts, renew=True)
            res = await fetcher.get_json(url, params=params,
                                         headers={"Authorization": f"Bearer {token}"})
        return res

    async def fetch(self, fetcher: Fetcher, source: SourceConfig, cursor: dict[str, Any],
                    now: datetime) -> ApiBatch:
        """Posts newer than ``cursor["since"]`` (minus the overlap), all pages."""
        opts = resolve(self.kind, source.url, source.options)
        stored = parse_time(cursor.get("since"))
        since = stored - OVERLAP if stored else now - timedelta(seconds=opts["lookback"])
        seen = set(_seen(cursor))
        if opts["account"] is not None:
            base = [("actor", opts["account"]), ("filter", "posts_with_replies"),
                    ("limit", str(PAGE))]
        else:
            base = [("q", opts["query"]), ("sort", "latest"), ("limit", str(PAGE)),
                    ("since", _iso(since))]
            if opts["lang"]:
                base.append(("lang", opts["lang"]))
        items: list[FeedItem] = []
        dated: dict[str, datetime] = {}
        notes: list[str] = []
        status = 200
        page_cursor: str | None = None
        for page in range(opts["max_pages"]):
            res = await self._get(fetcher, opts, base + ([("cursor", page_cursor)]
                                                         if page_cursor else []))
            if not res.ok:
                if opts["account"] is not None and res.status == 400 and \
                        "not found" in (_detail(res) or "").lower():
                    raise ParseError(f"{res.url}: no Bluesky account {opts['account']!r}; "
                                     "check the handle in the source's URL "
                                     "(https://bsky.app/profile/NAME)")
                raise res.error(_detail(res), now=now)
            status = res.status
            data = res.data
            key = "feed" if opts["account"] is not None else "posts"
            require(isinstance(data, dict) and isinstance(data.get(key), list),
                    f"expected an object with a '{key}' array", res.url)
            posts = data[key]
            older = False
            for entry in posts:
                if opts["account"] is not None:
                    require(isinstance(entry, dict), "a feed entry that is not an object",
                            res.url)
                    if entry.get("reason") is not None:  # a repost (or a pinned post)
                        continue
                    entry = entry.get("post")
                item, sort_at = _post_item(entry, res.url)
                if sort_at is not None and sort_at < since:
                    older = True
                    continue
                if item.guid in seen:
                    continue
                seen.add(item.guid or "")
                items.append(item)
                if sort_at is not None:
                    dated[item.guid or ""] = sort_at
            page_cursor = data.get("cursor") if isinstance(data.get("cursor"), str) else None
            if not posts or not page_cursor or older or stored is None and opts["account"]:
                break
            if page == opts["max_pages"] - 1:
                notes.append(f"more than {opts['max_pages'] * PAGE} new posts since the last "
                             "poll: older ones were skipped (raise max_pages or poll more "
                             "often)")
        return ApiBatch(items=items, status=status, notes=log_notes(source.label, notes),
                        cursor=_next_cursor(cursor, stored, dated))


def _next_cursor(cursor: dict[str, Any], stored: datetime | None,
                 dated: dict[str, datetime]) -> dict[str, Any]:
    """The newest ``sortAt`` and the posts seen within :data:`OVERLAP` of it (uri: time)."""
    known = {uri: t for uri, t in ((u, parse_time(v)) for u, v in _seen(cursor).items())
             if t is not None}
    known.update(dated)
    times = list(known.values()) + ([stored] if stored else [])
    if not times:
        return dict(cursor)
    newest = max(times)
    return {"since": _iso(newest),
            "seen": {uri: _iso(t) for uri, t in sorted(known.items()) if t >= newest - OVERLAP}}


def _seen(cursor: dict[str, Any]) -> dict[str, str]:
    seen = cursor.get("seen")
    return {str(k): str(v) for k, v in seen.items()} if isinstance(seen, dict) else {}


def _iso(moment: datetime) -> str:
    """The AT Protocol's datetime form (UTC, milliseconds, ``Z``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _error_name(res: JsonResult) -> str | None:
    data = res.data
    return data.get("error") if isinstance(data, dict) and isinstance(data.get("error"),
                                                                       str) else None


def _detail(res: JsonResult) -> str | None:
    """``error: message`` of an XRPC error body."""
    data = res.data if isinstance(res.data, dict) else {}
    parts = [str(data[k]) for k in ("error", "message") if isinstance(data.get(k), str)]
    return ": ".join(parts)[:300] or json_error_detail(res.data)
