"""The CPU-bound half of a poll: parse → normalise → match → language + sentiment.

:func:`analyse_body` is a pure function of a fetched body and the analysis
settings; the daemon runs it in a process pool (both cores), tests and the
evaluation commands can call it directly. Worker processes build the brand
matcher and the sentiment analyser once, in :func:`init_worker`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from listener.analysis.authors import AuthorFilter
from listener.analysis.brandnames import name_pattern
from listener.analysis.normalise import content_hash
from listener.analysis.query import BrandMatcher
from listener.analysis.ratings import label_with_rating, rating_from_text
from listener.analysis.sentiment import SentimentAnalyser
from listener.config import Config
from listener.models import AnalysedItem, FeedItem, SentimentResult
from listener.sources.feeds import parse_feed

__all__ = ["AnalysisSettings", "Analyzer", "BrandRules", "analyse_body", "analyse_items", "init_worker",
           "make_executor", "preload"]


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """What a worker needs to analyse items: brands, their languages and excluded authors,
    thresholds."""

    brand_queries: dict[str, list[str]]
    brand_languages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Brand → handles whose posts are not its mentions (``exclude_authors``).
    brand_excluded_authors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    negative_threshold: float = -0.05
    positive_threshold: float = 0.05

    @classmethod
    def from_config(cls, config: Config) -> AnalysisSettings:
        """Settings for the brands and sentiment thresholds of ``config``."""
        return cls(brand_queries=config.brand_queries(),
                   brand_languages={b.name: b.languages for b in config.brands},
                   brand_excluded_authors={b.name: b.exclude_authors for b in config.brands
                                           if b.exclude_authors},
                   negative_threshold=config.sentiment.negative_threshold,
                   positive_threshold=config.sentiment.positive_threshold)


class BrandRules:
    """Which configured brands an item is a mention of, before its sentiment is scored.

    The queries, a source's brand scope, the brands' excluded authors and their
    languages: :class:`Analyzer` applies them to every fetched item, and the
    daemon applies the same methods to stored mentions when the rules changed
    (:mod:`listener.rematch`), so both always agree.
    """

    def __init__(self, settings: AnalysisSettings) -> None:
        self.matcher = BrandMatcher(settings.brand_queries)
        self.languages = settings.brand_languages
        self.excluded = {b: f for b, handles in settings.brand_excluded_authors.items()
                         if (f := AuthorFilter(handles))}

    def brands_of(self, title: str | None, text: str | None, author: str | None, *,
                  only_brands: tuple[str, ...] = (), assume_brands: bool = False,
                  tally: dict[str, int] | None = None) -> list[str]:
        """The brands an item from a source scoped to ``only_brands`` mentions, its
        author's exclusions applied (languages are checked by :meth:`in_languages`).

        With ``assume_brands`` (a source that is about its brands by construction,
        such as an app's store reviews, which rarely name the app), every item
        belongs to ``only_brands`` even when no query matches its text. ``tally``,
        if given, counts under ``"excluded"`` an item left out only because its
        author is excluded by every brand it matched.
        """
        full = f"{title or ''}\n{text}" if text else (title or "")
        brands = self.matcher.match(full)
        if only_brands:
            brands = [b for b in brands if b in only_brands]
            if not brands and assume_brands:
                brands = list(only_brands)
        if self.excluded and brands:  # the brand's own accounts, its staff, bots
            brands = [b for b in brands
                      if b not in self.excluded or not self.excluded[b].excludes(author)]
            if not brands and tally is not None:
                tally["excluded"] = tally.get("excluded", 0) + 1
        return brands

    def in_languages(self, brands: list[str], lang: str) -> list[str]:
        """The ``brands`` watched in ``lang`` (all of them when it is undetermined)."""
        if lang == "und":
            return brands
        langs = self.languages
        return [b for b in brands if not langs.get(b) or lang in langs[b]]


class Analyzer:
    """Brand rules + sentiment analyser built from settings; one per process."""

    def __init__(self, settings: AnalysisSettings) -> None:
        self.settings = settings
        self.rules = BrandRules(settings)
        self.matcher = self.rules.matcher
        # A brand's own name is no opinion ("Best Buy", "Super U"): masked
        # before the sentiment of its mentions is scored.
        self.names = {b: name_pattern(self.matcher.names(b)) for b in self.matcher.brands}
        self.sentiment = SentimentAnalyser(negative_threshold=settings.negative_threshold,
                                           positive_threshold=settings.positive_threshold)

    def sentiment_of(self, title: str | None, text: str | None,
                     brands: Iterable[str]) -> SentimentResult:
        """A mention's sentiment, the names of the ``brands`` it is about masked."""
        return self.sentiment.analyse_mention(title, text, (self.names.get(b) for b in brands))

    def analyse(self, items: list[FeedItem], *, only_brands: tuple[str, ...] = (),
                assume_brands: bool = False,
                tally: dict[str, int] | None = None) -> list[AnalysedItem]:
        """Analysed items that mention at least one brand (of ``only_brands`` if given).

        ``assume_brands`` and ``tally`` as in :meth:`BrandRules.brands_of`.
        """
        out: list[AnalysedItem] = []
        seen_in_feed: set[str] = set()
        for item in items:
            if not item.title and not item.text:
                continue  # nothing to match (e.g. an entry cut by a truncated feed)
            if item.rating is None:
                rating = rating_from_text(item.title, item.text)
                if rating is not None:
                    item.rating, item.kind = rating, "review"
            brands = self.rules.brands_of(item.title, item.text, item.author,
                                          only_brands=only_brands,
                                          assume_brands=assume_brands, tally=tally)
            if not brands:
                continue
            sentiment = label_with_rating(self.sentiment_of(item.title, item.text, brands),
                                          item.rating)
            brands = self.rules.in_languages(brands, sentiment.lang)
            if not brands:
                continue
            chash = content_hash(item.title, item.text)
            key = item.guid or item.url or chash
            if key in seen_in_feed:  # the same item twice in one feed
                continue
            seen_in_feed.add(key)
            out.append(AnalysedItem(item=item, brands=brands, sentiment=sentiment,
                                    content_hash=chash, link_key=item.url))
        return out


_WORKER: Analyzer | None = None


def init_worker(settings: AnalysisSettings) -> None:
    """Process-pool initializer: build this process's :class:`Analyzer`.

    A worker forked from a parent that already called :func:`preload` inherits
    the parent's analyzer (models loaded once, pages shared copy-on-write).
    """
    global _WORKER
    if _WORKER is None or _WORKER.settings != settings:
        _WORKER = Analyzer(settings)


def preload(settings: AnalysisSettings) -> None:
    """Build and warm this process's analyzer (lexicons, language model) before forking."""
    init_worker(settings)
    assert _WORKER is not None
    _WORKER.sentiment.analyse("Le service client est vraiment nul, quelle arnaque !")
    _WORKER.sentiment.analyse("The support team was great and fast, thank you!")
    # Move everything allocated so far out of the collector's reach, so the
    # forked workers' garbage collections do not touch (and copy) these pages.
    gc.collect()
    gc.freeze()


def analyse_body(body: bytes, url: str, content_type: str | None, now: datetime,
                 only_brands: tuple[str, ...] = ()) -> tuple[int, list[AnalysedItem], int]:
    """Parse and analyse one fetched body in a worker: (items in feed, matched items,
    items left out because their author is excluded)."""
    if _WORKER is None:  # pragma: no cover - misuse
        raise RuntimeError("init_worker() was not called in this process")
    items = parse_feed(body, url=url, content_type=content_type, now=now)
    tally: dict[str, int] = {}
    matched = _WORKER.analyse(items, only_brands=only_brands, tally=tally)
    return len(items), matched, tally.get("excluded", 0)


def analyse_items(items: list[FeedItem], only_brands: tuple[str, ...] = (),
                  assume_brands: bool = False) -> tuple[list[AnalysedItem], int]:
    """Analyse already-parsed items in a worker (API sources that parse JSON themselves):
    (matched items, items left out because their author is excluded)."""
    if _WORKER is None:  # pragma: no cover - misuse
        raise RuntimeError("init_worker() was not called in this process")
    tally: dict[str, int] = {}
    matched = _WORKER.analyse(items, only_brands=only_brands, assume_brands=assume_brands,
                              tally=tally)
    return matched, tally.get("excluded", 0)


def make_executor(settings: AnalysisSettings, workers: int = 0) -> Executor:
    """A process pool of ``workers`` (0 = one per core); 1 means a thread in this process.

    Feed parsing and sentiment are pure-Python CPU work: threads would share one
    core under the GIL, processes use them all (see docs/performance.md).
    """
    count = workers or os.cpu_count() or 1
    if count == 1:
        return ThreadPoolExecutor(max_workers=1, initializer=init_worker, initargs=(settings,))
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=init_worker,
                               initargs=(settings,))
