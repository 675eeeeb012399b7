"""Stored mentions brought in line with today's brand rules.

A mention is stored with the brands it matched when it was fetched. When the
configuration narrows a brand afterwards (an ``exclude_authors`` entry for the
brand's own support account, a ``-term`` added to a query, a language
restriction, a source scoped to fewer brands), the mentions stored before
would keep counting for it: the brand's own apologies stay in the negative
queue, and the spike detector, which replays the stored counts on start-up,
compares today's counts with a history counted by other rules.

:func:`rules_fingerprint` sums up the rules; the daemon keeps it in the
``maintenance`` table and, on start-up, when it differs, re-checks every stored
mention with :func:`links_to_drop`, which asks the same
:class:`~listener.pipeline.BrandRules` the fetch path uses. This is pure: the
store side is :mod:`listener.store.rematch`.

Only what today's rules *remove* is applied. A wider rule (a new query, a new
brand) cannot find what was never stored, since a post that matched no brand
was not kept; new posts are matched by it from now on. Links to a brand that
is no longer configured are kept (a renamed or paused brand keeps its history).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from listener.pipeline import AnalysisSettings, BrandRules
from listener.store.rematch import StoredMention

__all__ = ["SourceScope", "rules_fingerprint", "links_to_drop"]


@dataclass(frozen=True, slots=True)
class SourceScope:
    """What a configured source says about the brands of its items."""

    #: The brands the source is limited to (empty: every brand).
    brands: tuple[str, ...] = ()
    #: Its items are about those brands whether or not they name them.
    assume: bool = False


def rules_fingerprint(settings: AnalysisSettings, scopes: Mapping[str, SourceScope]) -> str:
    """A short digest of everything that decides a stored mention's brands.

    ``scopes`` maps each configured source's URL to its scope (only scoped
    sources count). Sentiment thresholds are not part of it (their change re-scores, see
    :mod:`listener.store.rescore`).
    """
    brands = sorted(
        [name, list(queries), sorted(settings.brand_languages.get(name, ())),
         sorted(settings.brand_excluded_authors.get(name, ()))]
        for name, queries in settings.brand_queries.items())
    # An unscoped source constrains nothing (a source no longer configured counts as
    # unscoped too): adding or removing one is no change of the rules.
    sources = sorted([url, sorted(s.brands), s.assume] for url, s in scopes.items() if s.brands)
    blob = json.dumps({"brands": brands, "sources": sources}, ensure_ascii=False,
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def links_to_drop(rules: BrandRules, mention: StoredMention,
                  scopes: Mapping[int, SourceScope]) -> tuple[str, ...]:
    """The brands of ``mention`` that today's rules no longer give it.

    Each source the mention was seen in is asked as the fetch path asks it
    (its scope; a source no longer configured counts as unscoped), and a
    brand is kept if any of them gives it. Brands not configured any more are
    never dropped.
    """
    configured = set(rules.matcher.brands)
    judged = [b for b in mention.brands if b in configured]
    if not judged:
        return ()
    found: set[str] = set()
    for source in mention.sources or (-1,):
        scope = scopes.get(source, SourceScope())
        found.update(rules.brands_of(mention.title, mention.text, mention.author,
                                     only_brands=scope.brands, assume_brands=scope.assume))
    kept = set(rules.in_languages(sorted(found), mention.lang))
    return tuple(b for b in judged if b not in kept)
