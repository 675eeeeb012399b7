"""Source kinds other than ``feed``, by name."""

from __future__ import annotations

from listener.errors import ConfigError
from listener.sources.appstore import AppStoreSource
from listener.sources.base import ApiSource
from listener.sources.bluesky import BlueskySource
from listener.sources.hackernews import HackerNewsSource
from listener.sources.lemmy import LemmySource
from listener.sources.mastodon import MastodonSource
from listener.sources.stackexchange import StackExchangeSource

__all__ = ["KINDS", "get"]

#: kind name → implementation
KINDS: dict[str, ApiSource] = {
    "mastodon": MastodonSource(),
    "hackernews": HackerNewsSource(),
    "appstore": AppStoreSource(),
    "stackexchange": StackExchangeSource(),
    "bluesky": BlueskySource(),
    "lemmy": LemmySource(),
}


def get(kind: str) -> ApiSource:
    """The implementation of ``kind``."""
    try:
        return KINDS[kind]
    except KeyError:
        raise ConfigError(f"unknown source kind {kind!r}") from None
