"""One fetch of one source, analysed as the daemon would, stored nowhere.

``vigie sources preview`` answers the question a person has before adding a
feed or changing a query: does this URL work, and which of its items would
become mentions of which brand, with which sentiment? It fetches once over
real HTTP with the configured ``[http]`` settings, parses or calls the API as
the daemon does, and runs the same :class:`~listener.pipeline.Analyzer` with
the source's brand scope; nothing is written to the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from listener.config import Config, SourceConfig
from listener.models import AnalysedItem, FeedItem
from listener.pipeline import AnalysisSettings, Analyzer
from listener.sources.base import BRAND_SCOPED_KINDS, api_source
from listener.sources.feeds import parse_feed
from listener.sources.http import Fetcher

__all__ = ["Preview", "preview_source"]

@dataclass(slots=True)
class Preview:
    """What one fetch of a source gave, and what the daemon would store from it."""

    source: SourceConfig
    items: list[FeedItem]
    matched: list[AnalysedItem]
    #: Items left out only because their author is excluded by every brand they matched.
    excluded: int

    @property
    def unmatched(self) -> list[FeedItem]:
        """The items that mention no brand (or were left out)."""
        kept = {id(a.item) for a in self.matched}
        return [i for i in self.items if id(i) not in kept]


async def preview_source(config: Config, source: SourceConfig, now: datetime) -> Preview:
    """Fetch ``source`` once and analyse its items; raises ``FetchError`` / ``ParseError``."""
    async with Fetcher(config.http) as fetcher:
        if source.kind == "feed":
            res = await fetcher.fetch(source.url)
            items = parse_feed(res.body or b"", url=res.url, content_type=res.content_type,
                               now=now)
            assume = False
        else:
            batch = await api_source(source.kind).fetch(fetcher, source, {}, now)
            items = batch.items
            assume = source.kind in BRAND_SCOPED_KINDS
    analyzer = Analyzer(AnalysisSettings.from_config(config))
    tally: dict[str, int] = {}
    matched = analyzer.analyse(items, only_brands=source.brands, assume_brands=assume,
                               tally=tally)
    return Preview(source=source, items=items, matched=matched,
                   excluded=tally.get("excluded", 0))
