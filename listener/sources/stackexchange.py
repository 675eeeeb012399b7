"""``kind = "stackexchange"``: new questions matching a search on a Stack Exchange site.

Polls ``GET https://api.stackexchange.com/2.3/search/advanced?order=desc&sort=creation
&q=...&site=...&fromdate=T&page=N&pagesize=100&filter=withbody`` where ``T`` is
the creation date of the newest question stored (ids seen at that second are
kept to skip them). The API's ``backoff`` field (seconds before calling the
same method again) stops paging and is stored in the cursor as ``not_before``;
``quota_remaining`` = 0 waits for the daily quota reset (midnight UTC). Error
bodies (``error_id``, ``error_name``, ``error_message``) become the health
message; a ``throttle_violation`` waits for the seconds it names.

When paging stops early because of ``backoff`` or the quota, the cursor is not
advanced, so the next poll starts from the same date (what was stored meanwhile
is recognised as duplicates): nothing is skipped.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from listener.analysis.normalise import html_to_text
from listener.config import SourceConfig
from listener.models import FeedItem
from listener.sources.apicommon import as_int, from_epoch, log_notes, require
from listener.sources.base import ApiBatch
from listener.sources.http import Fetcher, JsonResult
from listener.sources.options import resolve

__all__ = ["StackExchangeSource", "seconds_to_quota_reset"]

_AVAILABLE_IN = re.compile(r"available in (\d+) seconds")


def seconds_to_quota_reset(now: datetime) -> float:
    """Seconds until the next midnight UTC, when Stack Exchange quotas reset."""
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - now).total_seconds()


def _question(q: dict[str, Any]) -> FeedItem:
    owner = q.get("owner") if isinstance(q.get("owner"), dict) else {}
    title = html_to_text(q.get("title") or "")
    return FeedItem(guid=f"se:{q['question_id']}", url=q.get("link"), title=title,
                    text=html_to_text(q.get("body") or "") or title,
                    author=owner.get("display_name"),
                    published_at=from_epoch(q.get("creation_date")), kind="post",
                    reach=as_int(q.get("view_count")))


def _error(res: JsonResult, now: datetime) -> Exception:
    data = res.data if isinstance(res.data, dict) else {}
    name, message = data.get("error_name"), data.get("error_message")
    detail = ": ".join(str(x) for x in (name, message) if x) or None
    wait = None
    if name == "throttle_violation" and isinstance(message, str):
        m = _AVAILABLE_IN.search(message)
        wait = float(m.group(1)) if m else None
    backoff = as_int(data.get("backoff"))
    if backoff is not None:
        wait = max(wait or 0.0, float(backoff))
    return res.error(detail, retry_after=wait, now=now)


class StackExchangeSource:
    """``/2.3/search/advanced`` sorted by creation, obeying ``backoff`` and the quota."""

    kind = "stackexchange"

    async def fetch(self, fetcher: Fetcher, source: SourceConfig, cursor: dict[str, Any],
                    now: datetime) -> ApiBatch:
        """Questions created since ``cursor["fromdate"]`` (or the lookback)."""
        opts = resolve(self.kind, source.url, source.options)
        not_before = as_int(cursor.get("not_before"))
        if not_before is not None and not_before > now.timestamp():
            return ApiBatch(items=[], cursor=cursor,
                            retry_after=not_before - now.timestamp(),
                            notes=["waiting for the API's backoff / quota reset"])
        since = as_int(cursor.get("fromdate"))
        if since is None:
            since = int(now.timestamp() - opts["lookback"])
        boundary = set(cursor.get("ids") or [])
        items: list[FeedItem] = []
        newest, newest_ids = since, set(boundary)
        notes: list[str] = []
        wait: float | None = None
        quota: dict[str, Any] = dict(cursor.get("quota") or {})
        complete = True
        status = 200
        for page in range(1, opts["max_pages"] + 1):
            params = {"order": "desc", "sort": "creation", "q": opts["query"],
                      "site": opts["site"], "fromdate": str(since), "page": str(page),
                      "pagesize": "100", "filter": "withbody"}
            if opts.get("key"):
                params["key"] = opts["key"]
            res = await fetcher.get_json(opts["endpoint"], params=params)
            if not res.ok:
                raise _error(res, now)
            status = res.status
            data = res.data
            require(isinstance(data, dict) and isinstance(data.get("items"), list),
                    "expected an object with an 'items' array", res.url)
            for q in data["items"]:
                require(isinstance(q, dict) and "question_id" in q,
                        "an item without question_id", res.url)
                created = as_int(q.get("creation_date")) or since
                qid = str(q["question_id"])
                if created == since and qid in boundary:
                    continue
                items.append(_question(q))
                if created > newest:
                    newest, newest_ids = created, {qid}
                elif created == newest:
                    newest_ids.add(qid)
            remaining = as_int(data.get("quota_remaining"))
            if remaining is not None:
                quota = {"remaining": remaining, "max": as_int(data.get("quota_max"))}
            has_more = bool(data.get("has_more"))
            backoff = as_int(data.get("backoff"))
            if backoff:
                wait = float(backoff)
            if remaining == 0:
                wait = max(wait or 0.0, seconds_to_quota_reset(now))
                notes.append("Stack Exchange quota used up; waiting for the daily reset "
                             "(set key = \"...\" for a larger quota)")
            if not has_more:
                break
            if wait is not None:
                complete = False
                break
            if page == opts["max_pages"]:
                notes.append(f"more than {opts['max_pages']} pages of new questions: older ones "
                             "were skipped (raise max_pages or poll more often)")
        new_cursor: dict[str, Any] = ({"fromdate": newest, "ids": sorted(newest_ids)} if complete
                                      else {k: v for k, v in cursor.items()
                                            if k in ("fromdate", "ids")})
        if quota:
            new_cursor["quota"] = quota
        if wait is not None:
            new_cursor["not_before"] = int(now.timestamp() + wait)
        return ApiBatch(items=items, cursor=new_cursor, status=status, retry_after=wait,
                        notes=log_notes(source.label, notes))
