"""The fast feed path and feedparser agree on a corpus of real-world feed shapes.

Every file of ``tests/data/feeds`` is parsed with each Content-Type listed in
its manifest, by :func:`parse_feed` (fast path first) and by
:func:`parse_feed_reference` (feedparser only); the ``FeedItem`` lists (or the
``ParseError`` messages) must be identical. The manifest also says whether the
fast path is expected to read the file, so a fast path that silently declines
everything fails here.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from listener.errors import ParseError
from listener.models import FeedItem
from listener.sources.fastfeed import fast_entries, why_declined
from listener.sources.feeds import parse_feed, parse_feed_reference

CORPUS = Path(__file__).resolve().parents[1] / "data" / "feeds"
MANIFEST: dict[str, list[dict[str, object]]] = json.loads(
    (CORPUS / "manifest.json").read_text(encoding="utf-8"))
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

CASES = [
    pytest.param(name, case["content_type"], case["fast"],
                 id=f"{name}[{case['content_type'] or 'no content-type'}]")
    for name, cases in MANIFEST.items() for case in cases
]


def _outcome(parse, body: bytes, content_type: str | None) -> list[FeedItem] | str:
    try:
        return parse(body, url="https://feeds.example/x", content_type=content_type, now=NOW)
    except ParseError as exc:
        return f"ParseError: {exc}"


def test_manifest_covers_the_corpus() -> None:
    """Every feed file is in the manifest (and the other way round); the corpus is not tiny."""
    files = {p.name for p in CORPUS.glob("*.xml")}
    assert files == set(MANIFEST)
    assert len(files) >= 25
    fast = [name for name, cases in MANIFEST.items() if any(c["fast"] for c in cases)]
    assert len(fast) >= 20


@pytest.mark.parametrize(("name", "content_type", "expect_fast"), CASES)
def test_fast_path_agrees_with_feedparser(name: str, content_type: str | None,
                                          expect_fast: bool) -> None:
    """Same items (or the same error) with and without the fast path; fast path taken as expected."""
    body = (CORPUS / name).read_bytes()
    reason = why_declined(body, content_type)
    if expect_fast:
        assert reason is None, f"fast path declined {name}: {reason}"
    else:
        assert reason is not None, f"fast path read {name}, which it should leave to feedparser"
    fast = _outcome(parse_feed, body, content_type)
    reference = _outcome(parse_feed_reference, body, content_type)
    if isinstance(reference, list) and isinstance(fast, list):
        for index, (got, want) in enumerate(zip(fast, reference, strict=True)):
            assert got == want, f"{name} item {index}"
    assert fast == reference


def test_fast_path_reads_most_items_with_text_and_dates() -> None:
    """The corpus is not trivially empty: the fast path yields titled, dated, linked items."""
    items = []
    for name, cases in MANIFEST.items():
        if cases[0]["fast"]:
            entries = fast_entries((CORPUS / name).read_bytes(), cases[0]["content_type"])
            assert entries
            items.extend(parse_feed((CORPUS / name).read_bytes(), url="u",
                                    content_type=cases[0]["content_type"], now=NOW))
    assert len(items) > 100
    assert sum(1 for i in items if i.published_at) > 60
    assert sum(1 for i in items if i.url) > 80
    assert sum(1 for i in items if i.author) > 30
    assert sum(1 for i in items if len(i.text) > 40) > 20


@pytest.fixture(scope="module")
def farm_feed():
    """``bench/farm.py``'s generator (the ingest benchmark's feeds)."""
    bench = Path(__file__).resolve().parents[2] / "bench"
    sys.path.insert(0, str(bench))
    try:
        from farm import make_feed
    finally:
        sys.path.remove(str(bench))
    return make_feed


@pytest.mark.parametrize("index", [0, 1, 2, 3, 46, 47, 998, 999])
def test_farm_feeds_take_the_fast_path_and_agree(farm_feed, index: int) -> None:
    """The benchmark farm's RSS (even) and Atom (odd) feeds are read fast, identically."""
    body = farm_feed(index, 35, NOW)
    ctype = "application/rss+xml" if index % 2 == 0 else "application/atom+xml"
    assert why_declined(body, ctype) is None
    fast = parse_feed(body, url="u", content_type=ctype, now=NOW)
    assert len(fast) == 35
    assert fast == parse_feed_reference(body, url="u", content_type=ctype, now=NOW)
