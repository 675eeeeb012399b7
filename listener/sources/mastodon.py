"""``kind = "mastodon"``: a hashtag timeline of a Mastodon instance.

Polls ``GET https://<instance>/api/v1/timelines/tag/<tag>?limit=40&any[]=...``
with ``since_id`` = the newest status already stored. When a page is full the
poll walks back with ``max_id`` (still bounded by ``since_id``) for up to
``max_pages`` pages, so a busy tag is not cut at 40 posts. The first poll (no
cursor) takes one page. ``X-RateLimit-Remaining`` / ``X-RateLimit-Reset`` are
kept in the cursor: when the budget is nearly spent the next poll waits until
the reset. HTML content becomes plain text; author = ``account.acct``,
reach = ``account.followers_count``.

An *account* source (``https://<instance>/@<name>``, or ``account = "name"``)
polls that account's own statuses instead
(``/api/v1/accounts/<id>/statuses``, its id looked up once with
``/api/v1/accounts/lookup`` and kept in the cursor), with the same paging.
Meant for the brand's support account: its posts are no mentions (list it in
``exclude_authors``), but its replies answer the mentions they reply to, also
when they do not carry the hashtag the other sources watch.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from listener.analysis.normalise import html_to_text
from listener.config import SourceConfig
from listener.errors import ParseError
from listener.models import FeedItem
from listener.sources.apicommon import as_int, id_key, log_notes, parse_time, require
from listener.sources.base import ApiBatch
from listener.sources.http import Fetcher, JsonResult
from listener.sources.options import resolve

__all__ = ["MastodonSource", "rate_limit_state", "LOW_BUDGET"]

#: Below this many remaining requests the next poll waits for the reset.
LOW_BUDGET = 5


def rate_limit_state(res: JsonResult, now: datetime) -> tuple[dict[str, Any] | None, float | None]:
    """``X-RateLimit-Remaining/Reset`` as cursor state, and the wait they impose (seconds)."""
    remaining = as_int(res.headers.get("X-RateLimit-Remaining"))
    reset = parse_time(res.headers.get("X-RateLimit-Reset"))
    if remaining is None:
        return None, None
    state: dict[str, Any] = {"remaining": remaining,
                             "reset": reset.isoformat() if reset else None}
    wait = None
    if remaining < LOW_BUDGET and reset is not None:
        wait = max(0.0, (reset - now).total_seconds())
    return state, wait


def _status_item(st: Any, url: str) -> FeedItem:
    require(isinstance(st, dict) and isinstance(st.get("id"), str), "a status without an id", url)
    account = st.get("account") if isinstance(st.get("account"), dict) else {}
    text = html_to_text(st.get("content") or "")
    warning = (st.get("spoiler_text") or "").strip()
    if warning:
        text = f"{warning}\n{text}" if text else warning
    # Status ids are the instance's own: a reply names its parent by the id this
    # instance gave it, so both are qualified by the instance polled.
    host = (urlsplit(url).hostname or "").lower()
    parent = st.get("in_reply_to_id")
    return FeedItem(guid=st.get("uri") or st.get("url") or f"mastodon:{st['id']}",
                    url=st.get("url") or st.get("uri"), title="", text=text,
                    author=account.get("acct"), published_at=parse_time(st.get("created_at")),
                    kind="post", reach=as_int(account.get("followers_count")),
                    post_key=f"mastodon:{host}:{st['id']}",
                    reply_to=f"mastodon:{host}:{parent}" if isinstance(parent, str) and parent
                    else None)


class MastodonSource:
    """Hashtag (or account) timeline of one instance, paged with ``since_id`` / ``max_id``."""

    kind = "mastodon"

    async def _lookup(self, fetcher: Fetcher, opts: dict[str, Any], now: datetime) -> str:
        """The instance's id of ``opts["account"]`` (a clear error when it has none)."""
        res = await fetcher.get_json(f"{opts['base']}/api/v1/accounts/lookup",
                                     params=[("acct", opts["account"])])
        if res.status == 404:
            raise ParseError(f"{res.url}: no account @{opts['account']} on this instance; "
                             "check the name in the source's URL (https://INSTANCE/@NAME)")
        if not res.ok:
            raise res.error(now=now)
        data = res.data
        require(isinstance(data, dict) and isinstance(data.get("id"), str),
                "expected an account object with an 'id'", res.url)
        return str(data["id"])

    async def fetch(self, fetcher: Fetcher, source: SourceConfig, cursor: dict[str, Any],
                    now: datetime) -> ApiBatch:
        """New statuses since ``cursor["since_id"]``."""
        opts = resolve(self.kind, source.url, source.options)
        limit = opts["limit"]
        since = cursor.get("since_id")
        params = [("limit", str(limit))] + [("any[]", t) for t in opts["any"]]
        endpoint = opts["endpoint"]
        account_id: str | None = None
        if opts.get("account") is not None or opts.get("account_id") is not None:
            account_id = opts.get("account_id") or cursor.get("account_id")
            if account_id is None:
                account_id = await self._lookup(fetcher, opts, now)
            endpoint = f"{opts['base']}/api/v1/accounts/{account_id}/statuses"
            params.append(("exclude_reblogs", "true"))
        if since:
            params.append(("since_id", since))
        items: list[FeedItem] = []
        newest = since
        max_id: str | None = None
        notes: list[str] = []
        wait: float | None = None
        rate: dict[str, Any] | None = cursor.get("rate_limit")
        status = 200
        for page in range(opts["max_pages"]):
            res = await fetcher.get_json(endpoint, params=params + (
                [("max_id", max_id)] if max_id else []))
            rate, wait = rate_limit_state(res, now)
            rate = rate or cursor.get("rate_limit")
            if not res.ok:
                raise res.error(retry_after=wait if res.status == 429 else None, now=now)
            status = res.status
            statuses = res.data
            require(isinstance(statuses, list), "expected a JSON array of statuses", res.url)
            if not statuses:
                break
            page_items = [_status_item(st, res.url) for st in statuses]
            items.extend(page_items)
            ids = [st["id"] for st in statuses]
            top = max(ids, key=id_key)
            if newest is None or id_key(top) > id_key(newest):
                newest = top
            if since is None or len(statuses) < limit:
                break
            if wait is not None:
                notes.append("rate limit nearly spent: stopped paging; older posts may be "
                             "missing")
                break
            max_id = min(ids, key=id_key)
            if page == opts["max_pages"] - 1:
                notes.append(f"more than {opts['max_pages'] * limit} new posts since the last "
                             "poll: older ones were skipped (raise max_pages or poll more "
                             "often)")
        new_cursor: dict[str, Any] = {"since_id": newest} if newest else {}
        if rate:
            new_cursor["rate_limit"] = rate
        if account_id is not None and opts.get("account_id") is None:
            new_cursor["account_id"] = account_id
        return ApiBatch(items=items, cursor=new_cursor, status=status, retry_after=wait,
                        notes=log_notes(source.label, notes))
