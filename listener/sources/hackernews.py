"""``kind = "hackernews"``: stories and comments from the Algolia Hacker News API.

Polls ``GET https://hn.algolia.com/api/v1/search_by_date?query=...&tags=(story,comment)
&numericFilters=created_at_i>=T&hitsPerPage=100&page=N`` where ``T`` is the
creation time of the newest hit already stored (the cursor, with the ids seen
at exactly that second so the boundary is neither skipped nor re-ingested).
The first poll looks back ``lookback`` (default 1 day). Stories become
``kind="article"`` (title, story text or URL), comments ``kind="comment"``
(text, title of their story); reach = points. Every hit keeps its id as a
``post_key`` (``hackernews:ID``) and a comment its ``parent_id`` as
``reply_to``, so that a reply by the brand's own account answers the mention
(:mod:`listener.store.answered`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from listener.analysis.normalise import html_to_text
from listener.config import SourceConfig
from listener.models import FeedItem
from listener.sources.apicommon import as_int, from_epoch, log_notes, parse_time, require
from listener.sources.base import ApiBatch
from listener.sources.http import Fetcher
from listener.sources.options import resolve

__all__ = ["HackerNewsSource", "HN_ITEM"]

HN_ITEM = "https://news.ycombinator.com/item?id={}"


def _hit_item(hit: dict[str, Any]) -> FeedItem:
    tags = hit.get("_tags") or []
    oid = str(hit["objectID"])
    link = HN_ITEM.format(oid)
    published = from_epoch(hit.get("created_at_i")) or parse_time(hit.get("created_at"))
    if "comment" in tags or hit.get("comment_text"):
        parent = as_int(hit.get("parent_id"))
        return FeedItem(guid=f"hn:{oid}", url=link, title=hit.get("story_title") or "",
                        text=html_to_text(hit.get("comment_text") or ""),
                        author=hit.get("author"), published_at=published, kind="comment",
                        reach=as_int(hit.get("points")), post_key=f"hackernews:{oid}",
                        reply_to=f"hackernews:{parent}" if parent is not None else None)
    text = html_to_text(hit.get("story_text") or "") or hit.get("title") or ""
    return FeedItem(guid=f"hn:{oid}", url=hit.get("url") or link, title=hit.get("title") or "",
                    text=text, author=hit.get("author"), published_at=published,
                    kind="article", reach=as_int(hit.get("points")),
                    post_key=f"hackernews:{oid}")


class HackerNewsSource:
    """Algolia ``search_by_date`` with the last seen creation time as cursor."""

    kind = "hackernews"

    async def fetch(self, fetcher: Fetcher, source: SourceConfig, cursor: dict[str, Any],
                    now: datetime) -> ApiBatch:
        """Hits created since ``cursor["created_at_i"]`` (or the lookback), all pages."""
        opts = resolve(self.kind, source.url, source.options)
        since = as_int(cursor.get("created_at_i"))
        if since is None:
            since = int(now.timestamp() - opts["lookback"])
        boundary = set(cursor.get("ids") or [])
        items: list[FeedItem] = []
        newest, newest_ids = since, set(boundary)
        notes: list[str] = []
        status = 200
        for page in range(opts["max_pages"]):
            res = await fetcher.get_json(opts["endpoint"], params={
                "query": opts["query"], "tags": opts["tags"],
                "numericFilters": f"created_at_i>={since}", "hitsPerPage": "100",
                "page": str(page)})
            if not res.ok:
                raise res.error(now=now)
            status = res.status
            data = res.data
            require(isinstance(data, dict) and isinstance(data.get("hits"), list),
                    "expected an object with a 'hits' array", res.url)
            for hit in data["hits"]:
                require(isinstance(hit, dict) and "objectID" in hit, "a hit without objectID",
                        res.url)
                created = as_int(hit.get("created_at_i")) or since
                oid = str(hit["objectID"])
                if created == since and oid in boundary:
                    continue
                items.append(_hit_item(hit))
                if created > newest:
                    newest, newest_ids = created, {oid}
                elif created == newest:
                    newest_ids.add(oid)
            pages = as_int(data.get("nbPages")) or 0
            if not data["hits"] or page + 1 >= pages:
                break
            if page == opts["max_pages"] - 1:
                notes.append(f"more than {opts['max_pages']} pages of new hits: older ones "
                             "were skipped (raise max_pages or poll more often)")
        return ApiBatch(items=items, status=status, notes=log_notes(source.label, notes),
                        cursor={"created_at_i": newest, "ids": sorted(newest_ids)})
