"""The demo world's items as API responses: Mastodon, App Store reviews, Hacker News search.

The shapes are those the production source kinds read (see
:mod:`listener.sources.mastodon`, :mod:`listener.sources.appstore` and the
fixtures in ``tests/data/sources/``): a Mastodon ``/api/v1/timelines/tag/<tag>``
array of statuses, newest first, paged with ``since_id`` / ``max_id`` /
``limit``; Apple's ``customerreviews/page=N/.../json`` object, 50 reviews
a page, newest first; and Algolia's Hacker News ``search_by_date`` object
(stories linking to the world's English news, newest first, filtered by
``query`` words and ``created_at_i``). Ids grow with the publication time, as real ones do, so
the sources' cursors work. Pure functions: the server picks the items.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from listener.demo.render import rfc3339
from listener.demo.world import DemoItem

__all__ = ["status_id", "review_id", "mastodon_page", "appstore_page", "hn_search",
           "APPSTORE_PER_PAGE", "APPSTORE_APP_ID"]

#: Reviews per page of Apple's customer-reviews feed.
APPSTORE_PER_PAGE = 50
#: The fictional App Store id of the demo's Fromagerie Lune app.
APPSTORE_APP_ID = "6470001234"


def _salt(item: DemoItem, size: int) -> int:
    digest = hashlib.blake2b(item.uid.encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % size


def status_id(item: DemoItem) -> str:
    """A Mastodon-style snowflake id: milliseconds since the epoch, shifted, plus a salt."""
    return str((int(item.published.timestamp() * 1000) << 16) | _salt(item, 1 << 16))


def review_id(item: DemoItem) -> int:
    """An App Store review id that grows with the publication time."""
    return int(item.published.timestamp()) * 1000 + _salt(item, 1000)


def _followers(handle: str) -> int:
    """A stable, plausible follower count for ``handle`` (long-tailed)."""
    h = int.from_bytes(hashlib.blake2b(handle.encode("utf-8"), digest_size=4).digest(), "big")
    return int(12 * (1.0 + (h % 1000) / 40.0) ** 2)


def _status(item: DemoItem, tag_host: str) -> dict[str, Any]:
    acct = item.author.handle.lstrip("@")
    user, _, host = acct.partition("@")
    host = host or tag_host
    sid = status_id(item)
    url = item.link or f"https://{host}/@{user}/{sid}"
    body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in item.paragraphs)
    tags = " ".join(f'<a href="https://{host}/tags/{t}" class="mention hashtag" rel="tag">'
                    f"#<span>{html.escape(t)}</span></a>" for t in item.tags)
    if tags:
        body += f"<p>{tags}</p>"
    return {
        "id": sid, "created_at": rfc3339(item.published), "language": item.lang,
        "uri": url, "url": url, "content": body, "spoiler_text": "", "sensitive": False,
        "visibility": "public",
        "account": {"id": str(_salt(item, 10**9)), "username": user, "acct": acct,
                    "display_name": item.author.name,
                    "followers_count": _followers(item.author.handle)},
        "tags": [{"name": t, "url": f"https://{host}/tags/{t}"} for t in item.tags],
        "in_reply_to_id": status_id(item.reply_to) if item.reply_to is not None else None,
    }


def _id_key(value: str) -> tuple[int, str]:
    return (len(value), value)


def mastodon_page(items: Sequence[DemoItem], *, since_id: str | None, max_id: str | None,
                  limit: int, host: str) -> list[dict[str, Any]]:
    """Statuses of ``items`` with ``since_id < id < max_id``, newest first, at most ``limit``."""
    out = []
    for item in sorted(items, key=lambda i: _id_key(status_id(i)), reverse=True):
        sid = status_id(item)
        if max_id is not None and _id_key(sid) >= _id_key(max_id):
            continue
        if since_id is not None and _id_key(sid) <= _id_key(since_id):
            break
        out.append(_status(item, host))
        if len(out) >= limit:
            break
    return out


def _review_entry(item: DemoItem) -> dict[str, Any]:
    rid = review_id(item)
    return {
        "author": {"uri": {"label": f"https://itunes.apple.com/fr/reviews/id{_salt(item, 10**8)}"},
                   "name": {"label": item.author.name}, "label": ""},
        "updated": {"label": item.published.isoformat(timespec="seconds")},
        "im:rating": {"label": str(item.rating or 3)},
        "im:version": {"label": "4.2.0"},
        "id": {"label": str(rid)},
        "title": {"label": item.title},
        "content": {"label": item.text, "attributes": {"type": "text"}},
        "im:voteSum": {"label": "0"}, "im:voteCount": {"label": "0"},
    }


def appstore_page(items: Sequence[DemoItem], *, page: int, country: str, app_id: str,
                  app_name: str, base_url: str, now: datetime) -> dict[str, Any]:
    """Page ``page`` (1-based) of the customer-reviews JSON of ``items`` (newest first)."""
    ordered = sorted(items, key=review_id, reverse=True)
    last = max(1, -(-len(ordered) // APPSTORE_PER_PAGE))
    chunk = ordered[(page - 1) * APPSTORE_PER_PAGE: page * APPSTORE_PER_PAGE]

    def link(rel: str, n: int) -> dict[str, Any]:
        return {"attributes": {"rel": rel, "href": f"{base_url}/{country}/rss/customerreviews/"
                               f"page={n}/id={app_id}/sortby=mostrecent/json"}}

    app = {"im:name": {"label": app_name}, "id": {"label": f"{base_url}/{country}/app/id{app_id}"}}
    feed: dict[str, Any] = {
        "author": {"name": {"label": "iTunes Store"}, "uri": {"label": base_url}},
        "updated": {"label": now.isoformat(timespec="seconds")},
        "title": {"label": "iTunes Store: Customer Reviews"},
        "id": {"label": f"{base_url}/{country}/rss/customerreviews/id={app_id}/json"},
        "link": [link("self", page), link("first", 1), link("last", last)],
    }
    if chunk:
        # Apple puts the app itself first on page 1 (no rating: the source skips it).
        feed["entry"] = ([app] if page == 1 else []) + [_review_entry(i) for i in chunk]
    return {"feed": feed}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _story_hit(item: DemoItem) -> dict[str, Any]:
    oid = str(40_000_000 + review_id(item) % 10_000_000)
    created = int(item.published.timestamp())
    user = re.sub(r"[^a-z0-9_]", "", _fold(item.author.name).replace(" ", "_"))[:15] or "hn_user"
    return {"_tags": ["story", f"author_{user}", f"story_{oid}"], "author": user,
            "created_at": rfc3339(item.published), "created_at_i": created,
            "num_comments": _salt(item, 60), "objectID": oid, "points": 1 + _salt(item, 300),
            "story_text": None, "title": item.title, "url": item.link,
            "updated_at": rfc3339(item.published)}


def hn_search(items: Sequence[DemoItem], *, query: str, min_created: int, page: int,
              per_page: int) -> dict[str, Any]:
    """``search_by_date``: stories of ``items`` whose title and text hold every ``query``
    word (case and accents ignored) created at or after ``min_created``, newest first."""
    words = _fold(query).replace('"', " ").split()
    hits = []
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        if not item.link or int(item.published.timestamp()) < min_created:
            continue
        hay = _fold(f"{item.title} {item.text}")
        if all(re.search(rf"\b{re.escape(w)}\b", hay) for w in words):
            hits.append(_story_hit(item))
    pages = -(-len(hits) // per_page)
    return {"hits": hits[page * per_page:(page + 1) * per_page], "hitsPerPage": per_page,
            "nbHits": len(hits), "nbPages": pages, "page": page, "processingTimeMS": 1,
            "query": query, "exhaustiveNbHits": True}
