"""``vigie run`` (poll forever) and ``vigie once`` (one pass, for cron and tests)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sqlite3
import sys

from listener.config import Config, load_config
from listener.daemon import Daemon, PassSummary
from listener.errors import VigieError
from listener.logsetup import log_event
from listener.store.rematch import RematchCounts

__all__ = ["register", "rematch_message", "run_daemon", "run_once"]

log = logging.getLogger("vigie.daemon")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``run`` and ``once``."""
    p = sub.add_parser(
        "run", help="poll the configured sources forever",
        description="Poll every [[sources]] entry on its interval (with jitter, conditional GET "
                    "and backoff), analyse new items and store brand mentions. Stops cleanly on "
                    "SIGINT/SIGTERM (Ctrl-C): no new poll starts, writes in flight finish, exit 0. "
                    "SIGHUP (systemctl reload) re-reads the configuration file and goes on with "
                    "it; an invalid one is logged and the previous one kept.")
    p.set_defaults(func=_cmd_run)
    o = sub.add_parser(
        "once", help="poll every source once and exit (for cron and tests)",
        description="Poll every configured source once, store what is new, print a summary and "
                    "exit. Exit status 0 even when some sources fail (see `vigie status`); 2 on a "
                    "configuration or database error.")
    o.set_defaults(func=_cmd_once)
    for parser in (p, o):
        parser.add_argument("--workers", type=int, default=None, metavar="N",
                            help="analysis processes (default: [daemon] workers, 0 = one per core)")


async def run_once(config: Config, workers: int | None = None) -> PassSummary:
    """One pass over every source with a fresh daemon."""
    summary, _ = await _once(config, workers)
    return summary


async def _once(config: Config,
                workers: int | None) -> tuple[PassSummary, RematchCounts | None]:
    async with Daemon(config, workers=workers) as daemon:
        return await daemon.run_once(), daemon.rematched


def rematch_message(counts: RematchCounts | None) -> str | None:
    """What the start-up's re-check of the stored mentions changed, for a person."""
    if counts is None or not (counts.links or counts.kept):
        return None
    brands = ", ".join(f"{b} {n}" for b, n in sorted(counts.links.items()))
    text = (f"brand rules changed since the last start: {sum(counts.links.values())} stored "
            f"mention links no longer match them and were removed ({brands})")
    if counts.mentions:
        text += f"; {counts.mentions} mentions of no other brand were deleted"
    if counts.kept:
        text += (f"; {counts.kept} kept as they were because someone is still working on them "
                 "(resolve or ignore them in the TUI)")
    return text


async def run_daemon(config: Config, workers: int | None = None,
                     stop: asyncio.Event | None = None,
                     reload: asyncio.Event | None = None) -> None:
    """Run the daemon until SIGINT/SIGTERM (or ``stop`` is set).

    SIGHUP (or ``reload``) re-reads the configuration file. When it validates
    and differs, the daemon stops as on SIGTERM (polls in flight finish) and
    starts again with it, in the same process, so that ``systemctl reload
    vigie`` applies an edited configuration (or ``vigie sources add``)
    without a restart. A file that does not validate is logged with what is
    wrong, and the daemon goes on undisturbed with the configuration it had.
    """
    stop = stop or asyncio.Event()
    reload = reload or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig, event in ((signal.SIGINT, stop), (signal.SIGTERM, stop), (signal.SIGHUP, reload)):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # non-main thread
            loop.add_signal_handler(sig, event.set)
    previous: Config | None = None  # the configuration to go back to if a reloaded one fails
    while True:
        ended = asyncio.Event()  # this daemon's run ends: stop, or a new configuration
        newer: list[Config] = []
        watcher = asyncio.create_task(_watch(config, stop, reload, ended, newer))
        started = False
        try:
            async with Daemon(config, workers=workers) as daemon:
                started = True
                await daemon.run_forever(ended)
        except (VigieError, OSError, sqlite3.Error) as exc:
            if previous is None or started:
                raise
            # It validated but cannot run (a database path it cannot open, say).
            log_event(log, logging.ERROR, "config.reload_failed", path=str(config.path),
                      error=f"the daemon could not start with it: {exc}",
                      action="running on with the previous configuration")
            config, previous = previous, None
            continue
        finally:
            watcher.cancel()
        if stop.is_set() or not newer:
            return
        config, previous = newer[0], config


async def _watch(config: Config, stop: asyncio.Event, reload: asyncio.Event,
                 ended: asyncio.Event, newer: list[Config]) -> None:
    """Set ``ended`` on ``stop``, or on ``reload`` once a valid, different file is read
    (appended to ``newer``)."""
    while True:
        waiters = [asyncio.ensure_future(e.wait()) for e in (stop, reload)]
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waiters:
                w.cancel()
        if stop.is_set():
            ended.set()
            return
        reload.clear()
        new = await asyncio.to_thread(_reread, config)
        if new is not None:
            newer.append(new)
            ended.set()
            return


def _reread(config: Config) -> Config | None:
    """``config``'s file read again when it validates and differs, else None (logged)."""
    if config.path is None:
        log_event(log, logging.ERROR, "config.reload_failed", error="the configuration was not "
                  "read from a file", action="running on with the one given")
        return None
    try:
        new = load_config(config.path)
    except VigieError as exc:
        log_event(log, logging.ERROR, "config.reload_failed", path=str(config.path),
                  error=str(exc), action="fix the file and send SIGHUP again (`vigie "
                  "check-config` says what is wrong); running on with the previous one")
        return None
    changed = _changed_sections(config, new)
    log_event(log, logging.WARNING, "config.reloaded", path=str(config.path),
              brands=len(new.brands), sources=len(new.sources),
              changed=",".join(changed) or "nothing")
    return new if changed else None


def _changed_sections(old: Config, new: Config) -> list[str]:
    """The top-level parts of the configuration that differ (for the log)."""
    names = ("storage", "http", "sentiment", "daemon", "brands", "sources", "alerts",
             "templates", "timezone", "user")
    return [n for n in names if getattr(old, n) != getattr(new, n)]


def _cmd_run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    asyncio.run(run_daemon(config, workers=args.workers))
    return 0


def _cmd_once(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    summary, rematched = asyncio.run(_once(config, args.workers))
    if (message := rematch_message(rematched)) is not None:
        print(message)
    print(f"{summary.sources} sources: {summary.ok} fetched, {summary.not_modified} not modified, "
          f"{summary.unchanged} unchanged, {summary.failed} failed; {summary.items} items, "
          f"{summary.new} new mentions, {summary.duplicates} duplicates"
          + (f", {summary.excluded} by excluded authors left out" if summary.excluded else "")
          + f" in {summary.seconds:.2f} s")
    if summary.sources and summary.failed == summary.sources:
        print("every source failed: `vigie status` shows each error; when they all say "
              "\"cannot connect\", check the network connection or the proxy ([http] proxy, "
              "or the environment's https_proxy)", file=sys.stderr)
    return 0
