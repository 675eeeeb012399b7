"""Feed parsing speed: feedparser path vs fast path, on the ingest farm's feeds.

Usage (from the repository root)::

    .venv/bin/python bench/parse_speed.py [--feeds 100] [--items 35] [--repeat 3]

Generates the same bodies as ``bench/farm.py`` (half RSS 2.0, half Atom) and
times, per item, in CPU time of this process (best of ``--repeat`` runs, so
that other load on the machine counts as little as possible):

* ``feedparser.parse`` alone, and :func:`listener.sources.fastfeed.fast_entries`
  alone (the parsing proper);
* :func:`listener.sources.feeds.parse_feed_reference` (feedparser, then the
  normalisation into ``FeedItem``) and :func:`listener.sources.feeds.parse_feed`
  (fast path, same normalisation): what the pipeline pays.

It also checks that both paths give the same items on every feed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import feedparser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from farm import make_feed  # noqa: E402

from listener.sources.fastfeed import fast_entries  # noqa: E402
from listener.sources.feeds import parse_feed, parse_feed_reference  # noqa: E402

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _best(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best CPU seconds, wall seconds of that run) over ``repeat`` runs."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        run()
        result = (time.process_time() - cpu, time.perf_counter() - wall)
        best = min(best, result)
    return best


def main() -> None:
    """Time both paths and print items per second."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=100,
                    help="number of farm feeds to parse (default 100)")
    ap.add_argument("--items", type=int, default=35, help="items per feed (default 35)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per measurement; the fastest is reported (default 3)")
    args = ap.parse_args()

    feeds = [(make_feed(i, args.items, NOW),
              "application/rss+xml" if i % 2 == 0 else "application/atom+xml")
             for i in range(args.feeds)]
    n_items = args.feeds * args.items

    fast = [parse_feed(body, url="u", content_type=ct, now=NOW) for body, ct in feeds]
    ref = [parse_feed_reference(body, url="u", content_type=ct, now=NOW) for body, ct in feeds]
    if fast != ref:
        raise SystemExit("the fast path and feedparser disagree on the farm feeds")
    declined = sum(1 for body, ct in feeds if fast_entries(body, ct) is None)

    rows = [
        ("feedparser.parse", lambda: [feedparser.parse(b, response_headers={"content-type": ct},
                                                       sanitize_html=False,
                                                       resolve_relative_uris=False)
                                      for b, ct in feeds]),
        ("fastfeed.fast_entries", lambda: [fast_entries(b, ct) for b, ct in feeds]),
        ("parse_feed_reference", lambda: [parse_feed_reference(b, url="u", content_type=ct,
                                                               now=NOW) for b, ct in feeds]),
        ("parse_feed (fast path)", lambda: [parse_feed(b, url="u", content_type=ct, now=NOW)
                                            for b, ct in feeds]),
    ]
    print(f"{args.feeds} farm feeds x {args.items} items = {n_items} items; "
          f"fast path declined {declined} feeds; best of {args.repeat} runs")
    print(f"{'':24} {'items/s (CPU)':>14} {'us/item (CPU)':>14} {'wall s':>8}")
    results = {}
    for name, run in rows:
        cpu, wall = _best(run, args.repeat)
        results[name] = cpu
        print(f"{name:24} {n_items / cpu:14,.0f} {cpu / n_items * 1e6:14.1f} {wall:8.2f}")
    print(f"parse only: {results['feedparser.parse'] / results['fastfeed.fast_entries']:.1f}x "
          f"faster; parse + normalise: "
          f"{results['parse_feed_reference'] / results['parse_feed (fast path)']:.1f}x faster")


if __name__ == "__main__":
    main()
