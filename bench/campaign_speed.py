"""Speed and memory of the streaming campaign detector on a dense stream.

Usage::

    .venv/bin/python bench/campaign_speed.py [--items 1000 5000 20000] [--seed 1]
    .venv/bin/python bench/campaign_speed.py --simulated 301     # a simulator stream

The dense stream is the worst case measured for the daemon: 3 targets, one
item every 10 s (8,640 a day), 300 authors, texts of 300-2,000 characters
built from ``bench/farm.py``'s small sentence bank (so many texts share whole
sentences and the near-duplicate index returns many candidates), ratings
1-5. For each size, prints the CPU time per item (``time.process_time``, so a
busy shared machine does not inflate it), the items flagged, and the peak
memory allocated by Python while observing (``tracemalloc``, measured in a
second, separate pass because tracing slows the run down).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from farm import _text  # noqa: E402

from listener.detection.campaign_models import CampaignConfig, ReviewItem  # noqa: E402
from listener.detection.campaigns import CampaignDetector  # noqa: E402

TARGETS = ["Bleuet Mobile", "Colibri Livraison", "Fromagerie Lune"]


def dense_stream(n: int, seed: int) -> list[ReviewItem]:
    """``n`` items: 3 targets, 300 authors, one item every 10 s."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    items = []
    for i in range(n):
        lang = "fr" if rng.random() < 0.4 else "en"
        items.append(ReviewItem(
            id=f"m{i}", target=rng.choice(TARGETS), author=f"user{rng.randrange(300)}",
            text=_text(rng, lang), published_at=start + timedelta(seconds=10 * i),
            rating=rng.choice((1, 2, 3, 4, 5, None))))
    return items


def simulated_stream(seed: int) -> list[ReviewItem]:
    """The simulator's stream for ``seed`` (full size)."""
    from listener.evaluation.campaigns import review_from_dict
    from listener.simulate import simulate_reviews

    sim = simulate_reviews(seed)
    return [review_from_dict(obj, f"seed {seed}") for obj in sim.reviews]


def run(items: list[ReviewItem], trace: bool) -> tuple[float, int, int]:
    """Observe every item; return (CPU seconds, flagged items, peak bytes or 0)."""
    detector = CampaignDetector(CampaignConfig())
    if trace:
        tracemalloc.start()
    t0 = time.process_time()
    flagged = 0
    for item in items:
        detector.observe(item)
        sus = detector.suspicion(item.id)
        flagged += bool(sus and sus.flagged_at)
    cpu = time.process_time() - t0
    peak = 0
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return cpu, flagged, peak


def main() -> None:
    """Print ms/item and peak memory for each stream size."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, nargs="+", default=[1000, 5000, 20000],
                    help="stream sizes to time (dense stream)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the dense stream")
    ap.add_argument("--simulated", type=int, default=None,
                    help="time the simulator's stream of this seed instead")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    args = ap.parse_args()
    if args.simulated is not None:
        streams = [(f"simulated seed {args.simulated}", simulated_stream(args.simulated))]
    else:
        streams = [(f"dense {n}", dense_stream(n, args.seed)) for n in args.items]
    for name, items in streams:
        cpu, flagged, _ = run(items, trace=False)
        line = (f"{name:>22}: {len(items):6d} items  {1000 * cpu / len(items):7.3f} ms/item  "
                f"{flagged} flagged")
        if not args.no_memory:
            _, _, peak = run(items, trace=True)
            line += f"  peak {peak / 2**20:7.1f} MiB"
        print(line, flush=True)


if __name__ == "__main__":
    main()
