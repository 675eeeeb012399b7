"""``vigie demo``: the daemon on a bundled demo world served from 127.0.0.1.

Starts the demo world's HTTP server (feeds in French and English about three
fictional brands, a broken source or two), writes a config for it in a
temporary directory, runs the real daemon against it (the production code
path, over real HTTP), and prints what it found: mentions per brand, source
health, the spikes and campaigns detected, and the alerts the demo server's
webhook receiver got.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from listener.demo.server import ReceivedAlert

from listener.analysis.normalise import single_line
from listener.config import Config, parse_config
from listener.daemon import Daemon
from listener.errors import VigieError
from listener.i18n import LANGUAGES, resolve_language
from listener.store import connect
from listener.store.reads import (
    brand_summary,
    campaign_list,
    mention_count,
    outbox_summary,
    recent_mentions,
    source_health,
    spike_alerts,
)
from listener.timezones import ZONE_HELP, resolve_zone, zone_option

__all__ = ["register", "run_demo", "print_summary"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``demo``."""
    p = sub.add_parser(
        "demo", help="run the daemon on a bundled demo world (offline)",
        description="Serve a bundled demo world (news, blogs, a forum, review feeds, the "
                    "Mastodon API, App Store review JSON and a Hacker News search, in French "
                    "and English, about three fictional brands) on 127.0.0.1, "
                    "in accelerated time, run the real daemon against it over HTTP with a "
                    "temporary database, and open the triage TUI on it. Within about a minute "
                    "a network outage at Bleuet Mobile becomes a negative spike, and its alert "
                    "reaches the demo's signed-webhook receiver (a notification in the TUI). "
                    "Stop with Ctrl-C (or q in the TUI). With --no-tui --for SECONDS it runs "
                    "headless for that long and prints what was detected: mentions per brand, "
                    "source health, spikes, campaigns and alerts delivered (for scripts and CI).")
    p.add_argument("--no-tui", action="store_true",
                   help="do not open the triage TUI; print progress and a summary instead")
    p.add_argument("--for", dest="duration", type=float, default=None, metavar="SECONDS",
                   help="stop after this many seconds (default: run until Ctrl-C)")
    p.add_argument("--seed", type=int, default=7, help="demo world seed (default 7)")
    p.add_argument("--speed", type=float, default=360.0,
                   help="simulated seconds per real second (default 360: 1 h per 10 s)")
    p.add_argument("--reviews", type=int, default=None, metavar="SEED",
                   help="also play the simulated review stream SEED of 'vigie simulate "
                        "reviews' (size small): its rated targets become App Store apps "
                        "watched as brands, timed so that its first planted campaign starts "
                        "3 simulated hours (30 s at the default speed) in; the headless "
                        "summary lists what the simulator planted beside what was detected")
    p.add_argument("--db", type=Path, default=None, metavar="FILE",
                   help="keep the demo database at this path, which must not exist yet "
                        "(default: a temporary file, "
                        "deleted at exit), with the generated vigie-demo.toml beside it; "
                        "open it later with 'vigie tui --db FILE', 'vigie export --db FILE' "
                        "or Datasette")
    p.add_argument("--tz", metavar="ZONE", default=None,
                   help=f"time zone of the times shown in the TUI: {ZONE_HELP} (default: "
                        "local)")
    p.add_argument("--lang", choices=("auto", *LANGUAGES), default=None,
                   help="language of the TUI (default: auto, the locale's, from LANG or "
                        "LC_ALL); en or fr also sets the demo configuration's language, so "
                        "its alerts are written in it")
    p.set_defaults(func=_cmd)


def print_summary(config: Config, out: TextIO = sys.stdout,
                  received: list[ReceivedAlert] | None = None) -> None:
    """Mentions per brand, source health, detections, alerts delivered, latest negatives."""
    db = connect(config.storage.path, readonly=True)
    total = mention_count(db)
    print(f"\n== What Vigie found: {total} mentions ==", file=out)
    print(f"{'brand':<24} {'mentions':>8} {'negative':>9} {'neutral':>8} {'positive':>9}",
          file=out)
    for b in brand_summary(db):
        print(f"{b['brand']:<24} {b['mentions']:>8} {b['negative']:>9} {b['neutral']:>8} "
              f"{b['positive']:>9}", file=out)
    print("\n== Source health ==", file=out)
    for h in source_health(db):
        state = "ok  " if h.healthy else "FAIL"
        name = (h.name or h.url)[:50]
        line = f"{state} {name:<50} http={h.http_status or '-'} items={h.items_seen}"
        if h.last_error:
            line += f"\n       ↳ {single_line(h.last_error)[:110]}"
        print(line, file=out)
    _print_detections(db, out, received)
    negatives = recent_mentions(db, label="negative", limit=5)
    if negatives:
        print("\n== Latest negative mentions ==", file=out)
        for m in negatives:
            text = (m["title"] or m["text"]).replace("\n", " ")[:90]
            print(f"{m['published_at']} [{m['lang']}] {m['compound']:+.2f} {text!r}", file=out)
    db.conn.close()


def _print_detections(db: Any, out: TextIO, received: list[ReceivedAlert] | None) -> None:
    spikes = spike_alerts(db)
    print(f"\n== Spikes detected: {len(spikes)} ==", file=out)
    for a in spikes:
        end = f", resolved {a['resolved_at']}" if a["resolved_at"] else ""
        print(f"{a['opened_at']} {a['brand']:<20} {a['severity']:<8} {a['state']:<9} "
              f"{a['summary'][:80]}{end}", file=out)
    campaigns = campaign_list(db)
    print(f"\n== Campaigns suspected: {len(campaigns)} ==", file=out)
    for c in campaigns:
        print(f"{c['first_at']} → {c['last_at']} {c['target']:<20} {c['state']:<9} "
              f"score {c['score']:.2f}, {c['members']} reviews", file=out)
    deliveries = outbox_summary(db)
    sent = sum(d["count"] for d in deliveries if d["state"] == "sent")
    print(f"\n== Alerts delivered: {sent} ==", file=out)
    for d in deliveries:
        print(f"{d['channel']:<16} {d['kind']:<16} {d['state']:<8} {d['count']}", file=out)
    for r in received or []:
        e = r.event
        sig = "signature ok" if r.signed else "BAD SIGNATURE"
        print(f"  received {e.get('kind')} {e.get('brand') or 'all brands'} "
              f"({e.get('severity') or '-'}, "
              f"{sig}): {str(e.get('summary'))[:70]}", file=out)


async def run_demo(*, duration: float | None, seed: int, speed: float, db_path: Path,
                   out: TextIO = sys.stdout, tui: bool = False, poll_scale: float = 1.0,
                   received: list[ReceivedAlert] | None = None,
                   reviews_seed: int | None = None,
                   planted: list[tuple[str, str, datetime, int]] | None = None,
                   zone: tzinfo | None = None, lang: str | None = None) -> Config:
    """Serve the demo world and run the daemon on it; returns the config used.

    ``poll_scale`` multiplies the poll intervals (at least 10 s each);
    ``received``, if given, is filled with the alert webhooks the demo
    receiver accepted. ``reviews_seed`` adds a simulated review stream
    (:mod:`listener.demo.reviews`); the events it planted that began before
    the run ended are appended to ``planted``. The TUI shows times in
    ``zone`` (default: the machine's), in ``lang`` (default: the locale's).
    """
    from listener.demo.server import DemoServer

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    notify: list[Callable[[ReceivedAlert], None]] = []

    def on_webhook(alert: ReceivedAlert) -> None:
        if received is not None:
            received.append(alert)
        e = alert.event
        line = (f"alert received: {e.get('kind')} {e.get('brand') or 'all brands'} "
                f"({e.get('severity') or '-'}): {e.get('summary')}")
        if notify:
            notify[0](alert)
        else:
            print(line, file=out, flush=True)

    async with DemoServer(host="127.0.0.1", port=0, seed=seed, speed=speed,
                          on_webhook=on_webhook, reviews_seed=reviews_seed) as server:
        toml = server.config_toml(str(db_path), poll_scale=poll_scale, alerts=True,
                                  api_sources=True, language=lang)
        config = parse_config(toml, path=db_path.parent / "vigie-demo.toml")
        (db_path.parent / "vigie-demo.toml").write_text(toml, encoding="utf-8")
        print(f"Demo world on {server.base_url} ({len(config.sources)} sources, "
              f"{len(config.brands)} brands); database {db_path}", file=out)
        if not tui:
            print("Polling… (Ctrl-C to stop)" if duration is None
                  else f"Polling for {duration:g} s…", file=out)
        if duration is not None:
            loop.call_later(duration, stop.set)
        async with Daemon(config, detect_clock=server.sim_now) as daemon:
            if tui:
                await _run_with_tui(daemon, config, db_path, stop, clock=server.sim_now,
                                    notify=notify, zone=zone, lang=lang)
            else:
                await daemon.run_forever(stop)
        if server.reviews is not None and planted is not None:
            now = server.sim_now()
            planted.extend(t for t in server.reviews.truth if t[2] <= now)
    return config


async def _run_with_tui(daemon: Daemon, config: Config, db_path: Path, stop: asyncio.Event,
                        clock: Callable[[], datetime],
                        notify: list[Callable[[ReceivedAlert], None]],
                        zone: tzinfo | None = None, lang: str | None = None) -> None:
    """The daemon in a task of this loop, the triage TUI in the foreground.

    Alerts reaching the demo receiver show as TUI notifications.
    """
    from tui.app import VigieApp, default_user
    from tui.clean import clean
    from tui.templates import templates_from_config

    app = VigieApp(db_path, user=default_user(config), templates=templates_from_config(config),
                   clock=clock, zone=zone or resolve_zone(config.timezone),
                   lang=lang or resolve_language(config.language))

    def show(alert: ReceivedAlert) -> None:
        # The TUI already toasts each opened spike or campaign with its summary:
        # this one only says that the alert channel delivered it, in one line.
        # A source's failure has no toast of its own: this one says what it is.
        e = alert.event
        tr = app.tr
        title = (tr("Webhook received · signed") if alert.signed
                 else tr("Webhook received · BAD SIGNATURE"))
        what = (e.get("summary") if str(e.get("kind")).startswith("source.")
                else e.get("brand"))
        app.notify(clean(f"{e.get('kind')} — {what}", max_chars=200), title=title,
                   severity="information" if alert.signed else "error", timeout=6,
                   markup=False)

    notify.append(show)
    task = asyncio.create_task(daemon.run_forever(stop), name="daemon")
    stopper = asyncio.create_task(stop.wait())
    ui = asyncio.create_task(app.run_async())
    await asyncio.wait({ui, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if not ui.done():
        app.exit()
        await ui
    stop.set()
    stopper.cancel()
    await task


def _cmd(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="vigie-demo-") as tmp:
        db_path = args.db.resolve() if args.db else Path(tmp) / "demo.db"
        if args.db and db_path.exists() and db_path.stat().st_size > 0:
            # The demo world starts from scratch and replays the same accounts:
            # on an earlier demo's database, its reviewers are no longer new and
            # its sources are stored twice, so the fake-review campaign is missed.
            raise VigieError(
                f"--db {args.db}: this file already exists (an earlier demo's database?). "
                "The demo world starts from scratch: give a new path, or delete the file "
                f"first. To look at that database again: vigie tui --db {args.db}")
        tui = not args.no_tui
        if tui and not sys.stdout.isatty():
            print("vigie demo: standard output is not a terminal; running without the TUI "
                  "(use --no-tui to silence this)", file=sys.stderr)
            tui = False
        if args.speed <= 0:
            raise VigieError(f"--speed must be positive, not {args.speed:g}")
        if args.reviews is not None and args.reviews < 0:
            raise VigieError(f"--reviews takes a simulator seed (a whole number, 0 or more), "
                             f"not {args.reviews}")
        zone = zone_option(args.tz)
        received: list[ReceivedAlert] = []
        planted: list[tuple[str, str, datetime, int]] = []
        config = asyncio.run(run_demo(duration=args.duration, seed=args.seed, speed=args.speed,
                                      db_path=db_path, tui=tui, received=received,
                                      reviews_seed=args.reviews, planted=planted, zone=zone,
                                      lang=resolve_language(args.lang) if args.lang else None))
        print_summary(config, received=received)
        if args.reviews is not None:
            print(f"\n== Planted by the simulator (stream {args.reviews}; demo time) ==")
            for kind, target, at, members in planted:
                print(f"{at:%Y-%m-%dT%H:%M}Z {target:<20} {kind:<15} {members} reviews")
    return 0
