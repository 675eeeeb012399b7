"""Soak benchmark: the real daemon against N local sources with faults, for a long time.

Usage (from the repository root)::

    .venv/bin/python bench/soak.py --sources 1000 --minutes 30 [--interval 20]

A separate server process serves ``--sources`` feeds on 127.0.0.1. Every
``--epoch`` seconds each feed gains one new item (so ingest never stops), and a
fixed share of the sources misbehave, by ``i % 20``:

* 0: slow (answers after 2-12 s, past the 6 s timeout half of the time)
* 1: flapping (HTTP 500 every other epoch)
* 2: malformed body (truncated XML, then binary garbage)
* 3: huge body (3 MB, over the 2 MB ``max_body_bytes``)
* 4: redirect loop
* 5: connection reset (the socket is closed without an answer)

The daemon runs in this process (``Daemon.run_forever``, the code ``vigie
run`` uses) with accelerated polling: ``--interval`` seconds instead of 15
minutes, ``keep_days`` retention replaced by ``--keep-minutes`` of pruning so
the database reaches its steady state within the run. Every ``--sample``
seconds it records RSS (this process and its analysis workers), open file
descriptors, the database and WAL size, mentions stored, and stalled sources;
at the end it prints a report with poll-interval adherence (how late each poll
started against its schedule).

A source is *stalled* when its scheduled poll is more than ``max(60 s,
2 x interval)`` overdue, or a poll has been running for more than the HTTP
timeout plus 30 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FAULTS = {0: "slow", 1: "flapping", 2: "malformed", 3: "huge", 4: "redirect_loop", 5: "reset"}


def fault_of(i: int) -> str:
    """The fault a source injects ("ok" for a healthy one)."""
    return FAULTS.get(i % 20, "ok")


# --------------------------------------------------------------------------- server


def _feed(i: int, epoch: int, items: int) -> bytes:
    """Feed ``i`` at ``epoch``: its latest ``items`` items, one new per epoch (RSS 2.0)."""
    from farm import BRANDS, _text

    base = datetime(2026, 11, 24, tzinfo=UTC)
    parts = ["<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>",
             f"<title>Soak {i}</title><link>https://soak{i}.example.org/</link>"]
    for k in range(epoch, max(-1, epoch - items), -1):
        rng = random.Random(i * 1_000_003 + k)
        lang = "fr" if (i + k) % 2 else "en"
        text = _text(rng, lang)[:600]
        title = f"{rng.choice(BRANDS)} #{i}-{k}"
        link = f"https://soak{i}.example.org/p/{k}"
        when = base + timedelta(minutes=k)
        parts.append(f"<item><title>{escape(title)}</title><link>{link}</link><guid>{link}</guid>"
                     f"<pubDate>{format_datetime(when)}</pubDate>"
                     f"<description>{escape(text)}</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def serve(port: int, epoch_seconds: float, items: int) -> None:
    """Run the fault-injecting feed server until killed."""
    from aiohttp import web

    started = time.monotonic()
    cache: dict[tuple[int, int], bytes] = {}
    huge = b"<rss><channel>" + b"<item><title>x</title></item>" * 110_000 + b"</channel></rss>"

    def epoch() -> int:
        return int((time.monotonic() - started) // epoch_seconds)

    async def feed(request: web.Request) -> web.StreamResponse:
        i = int(request.match_info["i"])
        e = epoch()
        fault = fault_of(i)
        if fault == "slow":
            await asyncio.sleep(random.uniform(2, 12))
        elif fault == "flapping" and e % 2:
            return web.Response(status=500, text="internal error")
        elif fault == "malformed":
            body = b"<?xml version='1.0'?><rss><channel><item><title>cut" if e % 2 \
                else os.urandom(4096)
            return web.Response(body=body, content_type="application/rss+xml")
        elif fault == "huge":
            return web.Response(body=huge, content_type="application/rss+xml")
        elif fault == "redirect_loop":
            raise web.HTTPFound(f"/loop/{i}/{random.randint(0, 1)}")
        elif fault == "reset":
            transport = request.transport
            if transport is not None:
                transport.abort()
            return web.Response(status=500)
        body = cache.get((i, e))
        if body is None:
            body = cache[(i, e)] = _feed(i, e, items)
            cache.pop((i, e - 2), None)
        etag = f'"{i}-{e}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type="application/rss+xml",
                            headers={"ETag": etag})

    async def loop(request: web.Request) -> web.StreamResponse:
        i = request.match_info["i"]
        raise web.HTTPFound(f"/loop/{i}/{random.randint(0, 1)}")

    app = web.Application()
    app.router.add_get("/feed/{i}.xml", feed)
    app.router.add_get("/loop/{i}/{n}", loop)
    print(f"ready {port}", flush=True)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


# --------------------------------------------------------------------------- measurements


def tree_rss_kb(pid: int, *, children: bool = True) -> int:
    """RSS of ``pid`` plus (unless ``children`` is false) its analysis workers, in kB."""
    total = 0
    pids = [pid]
    try:
        if children:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def open_fds(pid: int) -> int:
    """Open file descriptors of ``pid`` (sockets, database, WAL, pipes)."""
    return len(os.listdir(f"/proc/{pid}/fd"))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


# --------------------------------------------------------------------------- daemon side


async def soak(args: argparse.Namespace, port: int, db_path: Path) -> dict[str, Any]:
    """Run the daemon for ``args.minutes`` and return the measurements."""
    from listener.config import (
        BrandConfig,
        Config,
        DaemonConfig,
        HttpConfig,
        SourceConfig,
        StorageConfig,
    )
    from listener.daemon import Daemon
    from listener.store import connect
    from listener.store.retention import prune_batch

    sources = tuple(SourceConfig(url=f"http://127.0.0.1:{port}/feed/{i}.xml")
                    for i in range(args.sources))
    config = Config(
        path=None,
        storage=StorageConfig(path=db_path, keep_days=0),
        http=HttpConfig(timeout=6.0, connect_timeout=3.0, max_connections=64,
                        max_per_host=64, max_body_bytes=2_000_000, max_redirects=5),
        daemon=DaemonConfig(default_interval=args.interval, jitter=0.1, workers=args.workers,
                            detect_every=30.0),
        brands=(BrandConfig(name="Bleuet Mobile", queries=('"Bleuet Mobile"',)),
                BrandConfig(name="Colibri Livraison", queries=('"Colibri Livraison"',)),
                BrandConfig(name="Fromagerie Lune", queries=('"Fromagerie Lune"',))),
        sources=sources)

    lateness: list[float] = []
    seen, worst, rng = [0], [0.0], random.Random(1)
    outcomes: dict[str, int] = {}
    polls_by_fault: dict[str, int] = {}
    running: dict[int, float] = {}
    errors: list[str] = []

    class Instrumented(Daemon):
        async def poll(self, state: Any) -> Any:
            scheduled = state.next_poll
            now = self.clock()
            if scheduled is not None:  # a bounded reservoir: the benchmark must not grow either
                late = (now - scheduled).total_seconds()
                seen[0] += 1
                if len(lateness) < 20_000:
                    lateness.append(late)
                elif (k := rng.randrange(seen[0])) < 20_000:
                    lateness[k] = late
                worst[0] = max(worst[0], late)
            running[state.id] = time.monotonic()
            try:
                status, result = await super().poll(state)
            except Exception as exc:  # not CancelledError: in-flight polls cancelled at stop
                errors.append(f"{state.config.url}: {type(exc).__name__}: {exc}")
                raise
            finally:
                running.pop(state.id, None)
            outcomes[status] = outcomes.get(status, 0) + 1
            fault = fault_of(int(state.config.url.rsplit("/", 1)[1].split(".")[0]))
            polls_by_fault[fault] = polls_by_fault.get(fault, 0) + 1
            return status, result

    samples: list[dict[str, Any]] = []
    stop = asyncio.Event()
    pid = os.getpid()
    started = time.monotonic()
    pruned = 0

    async with Instrumented(config, workers=args.workers) as daemon:
        runner = asyncio.create_task(daemon.run_forever(stop))
        reader = connect(db_path, readonly=True)
        next_prune = time.monotonic() + 60
        while time.monotonic() - started < args.minutes * 60:
            await asyncio.sleep(args.sample)
            now = daemon.clock()
            overdue = max(60.0, 2 * args.interval)
            stalled = [s.id for s in daemon.states
                       if s.id not in running and s.next_poll is not None
                       and (now - s.next_poll).total_seconds() > overdue]
            stalled += [sid for sid, t in running.items()
                        if time.monotonic() - t > config.http.timeout + 30]
            if args.keep_minutes and time.monotonic() >= next_prune:
                # Retention at the accelerated pace: items are "published" one minute
                # apart per epoch, so keep the newest --keep-minutes of them.
                newest = reader.execute("SELECT max(published_at) FROM mentions").fetchone()[0]
                if newest:
                    from listener.store import parse_iso
                    cutoff = parse_iso(newest) - timedelta(minutes=args.keep_minutes)
                    while True:
                        step = await daemon.writer.call(prune_batch, cutoff)
                        pruned += step.mentions
                        if not step.mentions:
                            break
                next_prune = time.monotonic() + 60
            mentions = reader.execute("SELECT count(*) FROM mentions").fetchone()[0]
            size = db_path.stat().st_size
            wal = Path(str(db_path) + "-wal")
            sample = {
                "t": round(time.monotonic() - started),
                "rss_mb": round(tree_rss_kb(pid) / 1024, 1),
                "main_rss_mb": round(tree_rss_kb(pid, children=False) / 1024, 1),
                "fds": open_fds(pid),
                "db_mb": round(size / 1e6, 2),
                "wal_mb": round(wal.stat().st_size / 1e6, 2) if wal.exists() else 0.0,
                "mentions": mentions,
                "pruned": pruned,
                "polls": sum(outcomes.values()),
                "inflight": len(running),
                "stalled": len(stalled),
                "paused": daemon.paused is not None,
            }
            samples.append(sample)
            print(json.dumps(sample), flush=True)
        stop.set()
        await runner
        reader.conn.close()

    return {"samples": samples, "lateness": lateness, "worst_lateness": worst[0], "outcomes": outcomes,
            "polls_by_fault": polls_by_fault, "errors": errors[:20],
            "error_count": len(errors)}


def report(args: argparse.Namespace, data: dict[str, Any]) -> str:
    """A plain-text report of a soak run."""
    samples = data["samples"]
    late = data["lateness"]
    warm = [s for s in samples if s["t"] >= 120] or samples
    first, last = warm[0], warm[-1]
    hours = max(1e-9, (last["t"] - first["t"]) / 3600)
    lines = [
        f"soak: {args.sources} sources, {args.minutes} min, interval {args.interval} s, "
        f"epoch {args.epoch} s, workers {args.workers}",
        f"polls: {sum(data['outcomes'].values())} {data['outcomes']}",
        f"polls by fault: {data['polls_by_fault']}",
        f"uncaught poll exceptions: {data['error_count']} {data['errors'][:3]}",
        f"lateness of polls vs schedule (s): p50 {_pct(late, .5):.2f}, p95 {_pct(late, .95):.2f},"
        f" p99 {_pct(late, .99):.2f}, max {data['worst_lateness']:.2f}",
        f"RSS MB (after 2 min warm-up): first {first['rss_mb']}, last {last['rss_mb']}, "
        f"max {max(s['rss_mb'] for s in warm)}, "
        f"median first half {statistics.median(s['rss_mb'] for s in warm[:len(warm)//2 or 1])}, "
        f"median second half {statistics.median(s['rss_mb'] for s in warm[len(warm)//2:])}",
        f"daemon process alone RSS MB: first {first['main_rss_mb']}, last {last['main_rss_mb']}, "
        f"max {max(s['main_rss_mb'] for s in warm)}",
        f"open fds: min {min(s['fds'] for s in warm)}, max {max(s['fds'] for s in warm)}, "
        f"last {last['fds']}",
        f"stalled sources: max {max(s['stalled'] for s in samples)}, "
        f"last {last['stalled']}",
        f"ingest paused (storage fault) in {sum(s['paused'] for s in samples)} samples",
        f"database: {last['db_mb']} MB + WAL {last['wal_mb']} MB, {last['mentions']} mentions "
        f"stored, {last['pruned']} pruned",
        f"mentions/hour (steady state, stored + pruned): "
        f"{((last['mentions'] + last['pruned']) - (first['mentions'] + first['pruned'])) / hours:.0f}",
    ]
    if last["mentions"]:
        lines.append(f"bytes per stored mention (file / rows): "
                     f"{last['db_mb'] * 1e6 / last['mentions']:.0f}")
    return "\n".join(lines)


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=1000, help="number of sources (1000)")
    parser.add_argument("--minutes", type=float, default=30.0, help="run time (30)")
    parser.add_argument("--interval", type=float, default=20.0,
                        help="accelerated poll interval in seconds (20; production is 900)")
    parser.add_argument("--epoch", type=float, default=60.0,
                        help="seconds between new items in each feed (60)")
    parser.add_argument("--items", type=int, default=10, help="items per feed (10)")
    parser.add_argument("--workers", type=int, default=2, help="analysis processes (2)")
    parser.add_argument("--sample", type=float, default=15.0, help="seconds between samples")
    parser.add_argument("--keep-minutes", type=float, default=20.0,
                        help="retention window in published minutes (20; 0 = no pruning)")
    parser.add_argument("--db", type=Path, default=None, help="database (default: a temp file)")
    parser.add_argument("--json", type=Path, default=None, help="also write the samples here")
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.epoch, args.items)
        return
    logging.basicConfig(level=logging.ERROR, format="%(asctime)s %(name)s %(message)s")
    port = _free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--epoch",
                               str(args.epoch), "--items", str(args.items)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        server.stdout.readline()
        with tempfile.TemporaryDirectory() as tmp:
            db = args.db or Path(tmp) / "soak.db"
            data = asyncio.run(soak(args, port, db))
        text = report(args, data)
        print(text)
        if args.json:
            args.json.write_text(json.dumps(data, indent=1, default=str))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
