"""``kind = "lemmy"``: posts and comments matching a search on a Lemmy instance.

Lemmy is the federated link aggregator (a Reddit without a company) where
much of the French-speaking fediverse discusses: ``jlai.lu`` in France,
``lemmy.ca`` in Canada. A search source polls the instance's own API,
``GET /api/v3/search?q=...&type_=All&sort=New&listing_type=All&limit=50&page=N``,
which sees every community the instance federates with. Results come newest
first; the poll reads pages until it reaches what the previous poll had (the
newest ``published`` time stored, with the ids seen at that instant), or
``max_pages``. The first poll looks back ``lookback`` (default 1 day).

Posts become ``kind="article"`` (title = the post's title, text = its body or
link), comments ``kind="comment"`` (title = their post's title); author =
``name@instance`` of the creator, reach = the score, link = the object's
``ap_id`` (its address on its home instance). Ids are the polled instance's
own: a post keeps ``lemmy:HOST:post:ID`` as its ``post_key``, a comment
``lemmy:HOST:comment:ID``, and a comment's ``reply_to`` names its parent
comment (the second-to-last id of its ``path``) or, for a top-level comment,
its post. A reply by the brand's own account (``exclude_authors``) that the
search finds therefore answers the mention (:mod:`listener.store.answered`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from listener.analysis.normalise import clean_text, html_to_text
from listener.config import SourceConfig
from listener.models import FeedItem
from listener.sources.apicommon import as_int, log_notes, parse_time, require
from listener.sources.base import ApiBatch
from listener.sources.http import Fetcher
from listener.sources.options import resolve

__all__ = ["LemmySource", "PAGE"]

#: Results per page (the API's maximum).
PAGE = 50


def _author(creator: dict[str, Any]) -> str | None:
    """``name@home-instance`` of a creator (as Lemmy writes a federated user)."""
    name = creator.get("name")
    if not isinstance(name, str) or not name:
        return None
    home = urlsplit(str(creator.get("actor_id") or "")).hostname
    return clean_text(f"{name}@{home}" if home else name)[:200]


def _time(obj: dict[str, Any]) -> datetime | None:
    """``published`` (Lemmy before 0.19 wrote it without a zone: UTC)."""
    return parse_time(obj.get("published"))


def _part(view: dict[str, Any], key: str) -> dict[str, Any]:
    """``view[key]`` when it is an object, else an empty one."""
    value = view.get(key)
    return value if isinstance(value, dict) else {}


def _view(view: Any, key: str, url: str) -> tuple[dict[str, Any], dict[str, Any], int]:
    """The ``key`` object of a result view, its creator and its id (checked)."""
    require(isinstance(view, dict) and as_int(_part(view, key).get("id")) is not None,
            f"a {key} without an id", url)
    return view[key], _part(view, "creator"), as_int(view[key]["id"]) or 0


def _post_item(view: Any, host: str, url: str) -> tuple[FeedItem, datetime | None, str]:
    post, creator, pid = _view(view, "post", url)
    counts = _part(view, "counts")
    title = clean_text(str(post.get("name") or ""))
    body = html_to_text(str(post.get("body") or ""))  # Markdown source: no HTML kept
    link = post.get("url") if isinstance(post.get("url"), str) else None
    published = _time(post)
    item = FeedItem(guid=str(post.get("ap_id") or f"lemmy:{host}:post:{pid}"),
                    url=str(post.get("ap_id") or link or "") or None, title=title,
                    text=body or link or title, author=_author(creator),
                    published_at=published, kind="article",
                    reach=as_int(counts.get("score")), post_key=f"lemmy:{host}:post:{pid}")
    return item, published, f"post:{pid}"


def _comment_item(view: Any, host: str, url: str) -> tuple[FeedItem, datetime | None, str]:
    comment, creator, cid = _view(view, "comment", url)
    post, counts = _part(view, "post"), _part(view, "counts")
    path = [p for p in str(comment.get("path") or "").split(".") if p and p != "0"]
    parent = path[-2] if len(path) >= 2 else None
    post_id = as_int(post.get("id")) or as_int(comment.get("post_id"))
    reply_to = (f"lemmy:{host}:comment:{parent}" if parent
                else f"lemmy:{host}:post:{post_id}" if post_id is not None else None)
    published = _time(comment)
    item = FeedItem(guid=str(comment.get("ap_id") or f"lemmy:{host}:comment:{cid}"),
                    url=str(comment.get("ap_id") or "") or None,
                    title=clean_text(str(post.get("name") or "")),
                    text=html_to_text(str(comment.get("content") or "")),
                    author=_author(creator), published_at=published, kind="comment",
                    reach=as_int(counts.get("score")), post_key=f"lemmy:{host}:comment:{cid}",
                    reply_to=reply_to)
    return item, published, f"comment:{cid}"


class LemmySource:
    """``/api/v3/search`` sorted by ``New``, read back to the previous poll's newest item."""

    kind = "lemmy"

    async def fetch(self, fetcher: Fetcher, source: SourceConfig, cursor: dict[str, Any],
                    now: datetime) -> ApiBatch:
        """Posts and comments published since ``cursor["published"]`` (or the lookback)."""
        opts = resolve(self.kind, source.url, source.options)
        stored = parse_time(cursor.get("published"))
        since = stored or now - timedelta(seconds=opts["lookback"])
        boundary = set(cursor.get("ids") or [])
        host = (urlsplit(opts["endpoint"]).hostname or "").lower()
        items: list[FeedItem] = []
        newest, newest_ids = since, set(boundary)
        notes: list[str] = []
        status = 200
        params = [("q", opts["query"]), ("type_", opts["type"]), ("sort", "New"),
                  ("listing_type", "All"), ("limit", str(PAGE))]
        if opts["community"]:
            params.append(("community_name", opts["community"]))
        for page in range(1, opts["max_pages"] + 1):
            res = await fetcher.get_json(opts["endpoint"], params=params + [("page", str(page))])
            if not res.ok:
                raise res.error(now=now)
            status = res.status
            data = res.data
            require(isinstance(data, dict) and isinstance(data.get("posts", []), list)
                    and isinstance(data.get("comments", []), list),
                    "expected an object with 'posts' and 'comments' arrays", res.url)
            more = False
            # Posts and comments are two result lists, each paged on its own.
            for views, read in ((data.get("posts", []), _post_item),
                                (data.get("comments", []), _comment_item)):
                reached = False
                for item, published, key in (read(v, host, res.url) for v in views):
                    if published is not None and (published < since or published == since
                                                  and key in boundary):
                        reached = True
                        continue
                    items.append(item)
                    if published is not None and published > newest:
                        newest, newest_ids = published, {key}
                    elif published == newest:
                        newest_ids.add(key)
                more = more or (len(views) >= PAGE and not reached)
            if not more:
                break
            if page == opts["max_pages"]:
                notes.append(f"more than {opts['max_pages']} pages of new results: older ones "
                             "were skipped (raise max_pages or poll more often)")
        return ApiBatch(items=items, status=status, notes=log_notes(source.label, notes),
                        cursor={"published": newest.isoformat().replace("+00:00", "Z"),
                                "ids": sorted(newest_ids)})
