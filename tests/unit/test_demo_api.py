"""The demo world's Mastodon and App Store responses page like the real APIs."""

from __future__ import annotations

from datetime import timedelta

from listener.demo.api import (
    APPSTORE_APP_ID,
    APPSTORE_PER_PAGE,
    appstore_page,
    mastodon_page,
    review_id,
    status_id,
)
from listener.demo.world import DemoWorld
from listener.sources.appstore import _last_page, _review
from listener.sources.mastodon import _status_item


def _items(feed: str, limit: int = 300):  # type: ignore[no-untyped-def]
    world = DemoWorld(seed=7)
    return world.latest(feed, world.start + timedelta(hours=6), limit=limit)


def test_mastodon_pages_walk_back_without_gaps_or_repeats() -> None:
    """Following max_id from the newest page visits every status once, newest first;
    since_id returns only newer ones; the real source parses every status."""
    items = _items("tag_bleuet")
    seen: list[str] = []
    max_id = None
    while page := mastodon_page(items, since_id=None, max_id=max_id, limit=40, host="p.example"):
        seen += [s["id"] for s in page]
        max_id = page[-1]["id"]
    assert len(seen) == len(set(seen)) == len(items)
    assert seen == sorted(seen, key=lambda i: (len(i), i), reverse=True)
    newer = mastodon_page(items, since_id=seen[10], max_id=None, limit=40, host="p.example")
    assert [s["id"] for s in newer] == seen[:10]
    first = mastodon_page(items, since_id=None, max_id=None, limit=5, host="p.example")
    parsed = [_status_item(s, "http://demo") for s in first]
    assert all(p.text and p.author and p.reach and p.published_at for p in parsed)
    assert status_id(items[0]) == first[0]["id"]


def test_appstore_pages_hold_every_review_once_with_its_rating() -> None:
    """Pages of 50, the app entry first on page 1, a ``last`` link the source reads, and
    review ids growing with time."""
    items = _items("reviews_lune", limit=120)
    pages = [appstore_page(items, page=n, country="fr", app_id=APPSTORE_APP_ID,
                           app_name="Colibri", base_url="http://demo", now=items[0].published)
             for n in (1, 2, 3, 4)]
    expected_last = -(-len(items) // APPSTORE_PER_PAGE)
    assert _last_page(pages[0]["feed"], 10) == expected_last
    reviews = [r for p in pages for e in p["feed"].get("entry", [])
               if (r := _review(e, "fr", APPSTORE_APP_ID)) is not None]
    assert len(reviews) == len(items)
    ids = [rid for rid, _ in reviews]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert all(1 <= item.rating <= 5 and item.kind == "review" for _, item in reviews)
    by_time = sorted(items, key=lambda i: i.published)
    assert [review_id(i) for i in by_time] == sorted(review_id(i) for i in by_time)


def test_hn_search_matches_every_query_word_and_pages() -> None:
    """Only stories holding all the query words (accents and case ignored) created at or
    after the filter, newest first, in pages; the real source parses each hit."""
    from listener.demo.api import hn_search
    from listener.sources.hackernews import _hit_item

    items = _items("news_en", limit=200)
    everything = hn_search(items, query="the", min_created=0, page=0, per_page=1000)
    assert everything["nbHits"] > 5
    one = hn_search(items, query="THE", min_created=0, page=0, per_page=3)
    assert one["nbPages"] == -(-everything["nbHits"] // 3) and len(one["hits"]) == 3
    assert [h["objectID"] for h in one["hits"]] == \
        [h["objectID"] for h in everything["hits"][:3]]
    cut = everything["hits"][4]["created_at_i"]
    later = hn_search(items, query="the", min_created=cut, page=0, per_page=1000)
    assert all(h["created_at_i"] >= cut for h in later["hits"])
    assert len(later["hits"]) < everything["nbHits"]
    none = hn_search(items, query="the zzzunlikelyword", min_created=0, page=0, per_page=10)
    assert none["hits"] == [] and none["nbPages"] == 0
    story = _hit_item(one["hits"][0])
    assert story.kind == "article" and story.url and story.title and story.reach
