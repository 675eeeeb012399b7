"""The interface of API source kinds (Mastodon, Hacker News, App Store, ...).

A plain ``feed`` source is fetched and parsed by the daemon itself. Every other
kind is an :class:`ApiSource`: given the shared :class:`~listener.sources.http.Fetcher`,
its configuration and its stored cursor, it returns the new items and the
cursor to store with them (in the same transaction), so a restart neither
re-ingests nor skips items. Rate-limit state travels in the cursor too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from listener.config import SourceConfig
from listener.models import FeedItem
from listener.sources.http import Fetcher

__all__ = ["ApiBatch", "ApiSource", "BRAND_SCOPED_KINDS", "api_source"]

#: Source kinds whose items are about the source's ``brands`` whether or not they
#: name them (an app's store reviews rarely mention the app).
BRAND_SCOPED_KINDS = frozenset({"appstore"})


@dataclass(slots=True)
class ApiBatch:
    """What one poll of an API source returned.

    ``cursor`` replaces the stored cursor once the items are stored;
    ``retry_after`` (seconds) asks the scheduler to wait at least that long
    before the next poll (rate limits, ``backoff`` fields); ``status`` is the
    last HTTP status seen.
    """

    items: list[FeedItem]
    cursor: dict[str, Any]
    status: int = 200
    retry_after: float | None = None
    notes: list[str] = field(default_factory=list)


class ApiSource(Protocol):
    """One source kind that speaks an API rather than a feed format."""

    kind: str

    async def fetch(self, fetcher: Fetcher, source: SourceConfig, cursor: dict[str, Any],
                    now: datetime) -> ApiBatch:
        """Fetch what is new since ``cursor``; raise FetchError / ParseError on failure."""
        ...


def api_source(kind: str) -> ApiSource:
    """The implementation of source ``kind`` (not ``feed``)."""
    from listener.sources import registry

    return registry.get(kind)
