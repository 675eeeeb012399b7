"""Benchmark of the triage TUI on a large store: first screen, memory, keypress latency.

Usage::

    .venv/bin/python bench/tui_open.py [--mentions 200000] [--db /tmp/vigie-bench-tui.db]

Builds (once, cached at ``--db``) a store of N mentions over 30 days with
3 brands, 40 sources, ~25 % negatives, 60 spike alerts, 20 campaigns and some
triage history, then in a fresh process (so the build does not count):

* time from ``VigieApp(...)`` to the first screen usable (app mounted, the
  first queue's rows and the queue counts shown), headless via ``run_test``;
* peak RSS of that process (``ru_maxrss``);
* latency of keypresses: from posting the key to the first frame Textual
  composes after it (the screen showing the result), for cursor moves, queue
  switches, a resolve (write + refresh) and an undo; also the Pilot wall time
  (until the app is idle again, harness waits included) and process CPU time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
BRANDS = ["Bleuet Mobile", "Colibri", "Maison Ardoise"]
WORDS_NEG = ["panne", "nul", "arnaque", "terrible", "awful", "broken", "scam", "lent", "bug"]
WORDS_POS = ["super", "merci", "great", "love", "rapide", "parfait", "excellent"]
FILLER = ["le", "service", "la", "livraison", "mon", "forfait", "the", "app", "my", "order", "today", "again", "this", "week", "client", "support", "réseau", "facture", "colis", "package", "delivery", "network"]


def build(path: Path, n: int, seed: int = 7) -> None:
    """Create the store with ``n`` mentions (executemany in one transaction per table)."""
    from listener.store import connect, utc_iso
    from listener.store.tx import write_tx

    rng = random.Random(seed)
    db = connect(path)
    conn = db.conn
    t0 = time.perf_counter()
    with write_tx(db):
        conn.executemany("INSERT INTO sources (id, url, name, created_at) VALUES (?, ?, ?, ?)",
                         [(i, f"https://src{i}.example/feed", f"Source {i}", utc_iso(NOW))
                          for i in range(1, 41)])
        mentions, brands = [], []
        span = 30 * 86400
        for i in range(1, n + 1):
            at = utc_iso(NOW - timedelta(seconds=span * (1 - i / n) + rng.random()))
            r = rng.random()
            label, compound = (("negative", -rng.uniform(0.06, 1)) if r < 0.25 else
                               ("positive", rng.uniform(0.06, 1)) if r < 0.6 else ("neutral", 0.0))
            brand = rng.choice(BRANDS)
            mood = WORDS_NEG if label == "negative" else WORDS_POS if label == "positive" else []
            words = rng.sample(FILLER, 8) + rng.sample(mood, min(2, len(mood)))
            rng.shuffle(words)
            text = f"{brand} " + " ".join(words) + f" #{i}"
            reach = int(10 ** rng.uniform(0, 5.5)) if rng.random() < 0.8 else None
            mentions.append((i, f"g{i}", f"https://example.org/p/{i}", text[:40], text,
                             f"user{rng.randrange(n // 4)}", reach, at, at,
                             rng.choice(["fr", "en"]), compound, label, f"h{i}",
                             rng.randrange(1, 41)))
            brands.append((i, brand, at, label))
        conn.executemany(
            "INSERT INTO mentions (id, guid, url, title, text, author, kind, reach, published_at,"
            " fetched_at, lang, compound, label, analyser, lang_supported, content_hash,"
            " source_id) VALUES (?, ?, ?, ?, ?, ?, 'post', ?, ?, ?, ?, ?, ?, 'bench', 1, ?, ?)",
            mentions)
        conn.executemany("INSERT INTO mention_brands (mention_id, brand, published_at, label)"
                         " VALUES (?, ?, ?, ?)", brands)
        for a in range(1, 61):
            opened = utc_iso(NOW - timedelta(hours=12 * a))
            series = [[utc_iso(NOW - timedelta(hours=h)), 10, 3, 2.0] for h in range(48)]
            conn.execute(
                "INSERT INTO alerts (id, brand, test, state, severity, score, opened_at,"
                " updated_at, observed, expected, p_value, summary, evidence) VALUES"
                " (?, ?, 'count', ?, 'high', 0.9, ?, ?, 30, 8, 0.001, ?, ?)",
                [a, BRANDS[a % 3], "open" if a < 5 else "resolved", opened, opened,
                 f"{BRANDS[a % 3]}: 30 negatives in an hour, 8 expected",
                 json.dumps({"series": series, "new_terms": ["panne"]})])
            conn.executemany("INSERT INTO alert_mentions VALUES (?, ?)",
                             [(a, n - a * 50 - k) for k in range(40)])
        for c in range(1, 21):
            conn.execute(
                "INSERT INTO campaigns (id, key, target, state, score, first_at, last_at,"
                " updated_at, reasons, evidence) VALUES (?, ?, ?, 'open', 0.8, ?, ?, ?, ?, ?)",
                [c, f"k{c}", BRANDS[c % 3], utc_iso(NOW - timedelta(days=c)),
                 utc_iso(NOW - timedelta(days=c, hours=-2)), utc_iso(NOW),
                 json.dumps(["12 near-duplicate reviews in 2 hours"]), "{}"])
            conn.executemany("INSERT INTO campaign_members (campaign_id, mention_id, score)"
                             " VALUES (?, ?, 0.9)",
                             [(c, n - 5000 - c * 30 - k) for k in range(12)])
    from listener.store.triage import ItemRef, apply_action

    for k in range(200):  # some triage history by two people
        apply_action(db, [ItemRef("mention", n - 10 * k)], rng.choice(["resolve", "ignore"]),
                     who=rng.choice(["ana", "bob"]), now=NOW)
    db.execute("ANALYZE")
    conn.close()
    print(f"built {n:,} mentions in {time.perf_counter() - t0:.1f} s -> {path} "
          f"({path.stat().st_size / 1e6:.0f} MB)", file=sys.stderr)


def _stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}  # e.g. a key bound to nothing composes no frame
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return {"median_ms": round(statistics.median(values) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1), "max_ms": round(values[-1] * 1000, 1),
            "n": len(values)}


async def measure(path: Path, lang: str = "en") -> dict[str, object]:
    """Open the app on ``path`` and time the first screen and keypresses."""
    from tui.app import VigieApp

    t0 = time.perf_counter()
    app = VigieApp(path, user="bench", clock=lambda: NOW, poll_interval=None, lang=lang)
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.main.table.row_count:
            await asyncio.sleep(0.001)
        out["first_rows_s"] = round(time.perf_counter() - t0, 3)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["first_screen_with_counts_and_trends_s"] = round(time.perf_counter() - t0, 3)
        out["rows_shown"] = app.main.table.row_count
        out["counts"] = app.main.counts

        # Every frame Textual composes goes through App._display (a no-op write when
        # headless): the first frame after a key is the screen updated for that key.
        frames: list[float] = []
        display = app._display

        def spy(screen: object, renderable: object) -> None:
            frames.append(time.perf_counter())
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = spy  # type: ignore[method-assign]

        async def timed(name: str, keys: list[str]) -> None:
            firsts, walls, cpus = [], [], []
            for key in keys:
                await pilot.pause(0.1)  # let debounced work (detail pane) finish first
                seen = len(frames)
                t, c = time.perf_counter(), time.process_time()
                await pilot.press(key)
                walls.append(time.perf_counter() - t)
                cpus.append(time.process_time() - c)
                await app.workers.wait_for_complete()  # the poll an action starts
                await pilot.pause()
                if len(frames) > seen:
                    firsts.append(frames[seen] - t)
            out[name] = {"to_first_frame": _stats(firsts), "pilot_wall": _stats(walls),
                         "cpu": _stats(cpus)}

        # Pilot itself waits for the app to be idle after each key: a key bound to
        # nothing measures that harness overhead, to subtract when reading the rest.
        await timed("no_op_key_baseline", ["f12"] * 30)
        await timed("down", ["down"] * 60)
        await timed("queue_switch", ["4", "1", "2", "3", "5", "1"] * 3)
        await pilot.press("1")
        await timed("resolve", ["r"] * 10)
        await timed("undo", ["u"] * 10)
        await app.workers.wait_for_complete()
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> int:
    """Build if needed, then measure in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/vigie-bench-tui.db"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="the interface language measured (default en)")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:
        print(json.dumps(asyncio.run(measure(args.db, args.lang)), indent=2))
        return 0
    if args.rebuild or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        build(args.db, args.mentions)
    # Work on a copy so the resolves/undos of one run do not change the next.
    copy = args.db.with_suffix(".run.db")
    for suffix in ("", "-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    copy.write_bytes(args.db.read_bytes())
    return subprocess.call([sys.executable, __file__, "--measure-only", "--db", str(copy),
                            "--lang", args.lang])


if __name__ == "__main__":
    raise SystemExit(main())
