"""Plain data records passed between the pipeline stages.

They carry no behaviour and no I/O, so they can cross process boundaries
(pickled to the analysis pool) and be built by hand in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["FeedItem", "SentimentResult", "AnalysedItem", "MENTION_KINDS", "LABELS"]

MENTION_KINDS = ("post", "comment", "article", "review")
LABELS = ("negative", "neutral", "positive")


@dataclass(slots=True)
class FeedItem:
    """One entry of a fetched feed, normalised (plain text, UTC dates, clean link)."""

    guid: str | None
    url: str | None
    title: str
    text: str
    author: str | None = None
    published_at: datetime | None = None
    kind: str = "post"
    rating: int | None = None
    reach: int | None = None
    #: The platform's own name of the post (``mastodon:host:id``, ``hackernews:id``), by
    #: which replies name it.
    post_key: str | None = None
    #: The ``post_key`` of the post this one replies to, when the platform says.
    reply_to: str | None = None


@dataclass(slots=True, frozen=True)
class SentimentResult:
    """Language and sentiment of one text.

    ``compound`` is in [-1, 1]; ``supported`` is False when the language has no
    analyser (the score is then a neutral 0.0, never an English guess).
    """

    lang: str
    compound: float
    label: str
    analyser: str
    version: str
    supported: bool = True


@dataclass(slots=True)
class AnalysedItem:
    """A feed item after brand matching, language and sentiment analysis."""

    item: FeedItem
    brands: list[str]
    sentiment: SentimentResult
    content_hash: str
    link_key: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
