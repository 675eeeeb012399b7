"""``kind = "appstore"``: Apple App Store customer reviews of one app in one country.

Polls ``https://itunes.apple.com/<cc>/rss/customerreviews/page=<n>/id=<app id>/sortby=mostrecent/json``
for pages 1 to ``max_pages`` (Apple serves at most 10), newest first, and stops
at the first review already stored: the cursor is the highest review id seen
(review ids grow over time). Each entry becomes ``kind="review"`` with its
``rating`` (1–5), title, text and author; they feed the campaign detector.
The app version of a review (``im:version``) has no field in
:class:`~listener.models.FeedItem` and is dropped. Apple gives no per-review
link: the item URL is the app's review page with ``&review=<id>`` so that each
review stays its own mention.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from listener.config import SourceConfig
from listener.models import FeedItem
from listener.sources.apicommon import as_int, parse_time, require
from listener.sources.base import ApiBatch
from listener.sources.http import Fetcher
from listener.sources.options import resolve

__all__ = ["AppStoreSource", "page_url"]


def page_url(base: str, country: str, app_id: str, page: int) -> str:
    """URL of one page of the customer-reviews JSON feed."""
    return (f"{base}/{country}/rss/customerreviews/page={page}/id={app_id}"
            "/sortby=mostrecent/json")


def _label(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if isinstance(value, dict):
        label = value.get("label")
        return label if isinstance(label, str) else None
    return None


def _review(entry: dict[str, Any], country: str, app_id: str) -> tuple[int, FeedItem] | None:
    """(review id, item) of an entry; None for the app's own entry (no rating)."""
    rating = as_int(_label(entry, "im:rating"))
    rid = as_int(_label(entry, "id"))
    if rating is None or rid is None:
        return None
    author = entry.get("author") if isinstance(entry.get("author"), dict) else {}
    name = _label(author, "name")
    # The entry's own link is the app's review page, the same for every review:
    # it would make the store take all reviews for one item (it dedups by link).
    return rid, FeedItem(
        guid=f"appstore:{country}:{app_id}:{rid}",
        url=f"https://apps.apple.com/{country}/app/id{app_id}?see-all=reviews&review={rid}",
        title=_label(entry, "title") or "", text=_label(entry, "content") or "",
        author=name, published_at=parse_time(_label(entry, "updated")), kind="review",
        rating=min(5, max(1, rating)))


class AppStoreSource:
    """Most recent customer reviews, pages 1–10, stopping at the stored cursor."""

    kind = "appstore"

    async def fetch(self, fetcher: Fetcher, source: SourceConfig, cursor: dict[str, Any],
                    now: datetime) -> ApiBatch:
        """Reviews newer than ``cursor["last_id"]``."""
        opts = resolve(self.kind, source.url, source.options)
        last = as_int(cursor.get("last_id")) or 0
        newest = last
        items: list[FeedItem] = []
        status = 200
        for page in range(1, opts["max_pages"] + 1):
            res = await fetcher.get_json(page_url(opts["base"], opts["country"], opts["app_id"],
                                                  page))
            if not res.ok:
                raise res.error(now=now)
            status = res.status
            data = res.data
            require(isinstance(data, dict) and isinstance(data.get("feed"), dict),
                    "expected an object with a 'feed' object", res.url)
            entries = data["feed"].get("entry") or []
            if isinstance(entries, dict):  # a page with one entry is not an array
                entries = [entries]
            require(isinstance(entries, list), "'feed.entry' is not an array", res.url)
            reviews = [r for e in entries if isinstance(e, dict)
                       if (r := _review(e, opts["country"], opts["app_id"])) is not None]
            if not reviews:
                break
            reached = False
            for rid, item in reviews:
                if rid <= last:
                    reached = True
                    continue
                items.append(item)
                newest = max(newest, rid)
            if reached or page >= _last_page(data["feed"], opts["max_pages"]):
                break
        return ApiBatch(items=items, status=status,
                        cursor={"last_id": str(newest)} if newest else {})


def _last_page(feed: dict[str, Any], default: int) -> int:
    """The page number of the feed's ``rel="last"`` link (``default`` if absent)."""
    links = feed.get("link") or []
    if isinstance(links, dict):
        links = [links]
    for link in links:
        attrs = link.get("attributes") if isinstance(link, dict) else None
        if isinstance(attrs, dict) and attrs.get("rel") == "last":
            href = str(attrs.get("href", ""))
            marker = href.find("page=")
            if marker >= 0:
                digits = "".join(ch for ch in href[marker + 5:].split("/")[0] if ch.isdigit())
                if digits:
                    return int(digits)
    return default
