"""Concurrent use: the daemon ingesting while two people triage the same store.

Two "TUIs" (threads, each with its own connection, as two ``vigie tui`` processes would
have) tag, annotate and change the status of the same mentions as fast as they can while
the daemon's writer commits a stream of new mentions. Nobody may ever see "database is
locked", and no update may be lost: every tag a person added is there at the end, and each
item's version equals the number of actions that succeeded on it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import sqlite3
import threading
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web

from listener.config import parse_config
from listener.daemon import Daemon
from listener.errors import StoreError
from listener.store import connect
from listener.store.reads import recent_mentions
from listener.store.triage import ItemRef, StaleTriageError, apply_action, get_states
from tests.conftest import LocalServer
from tests.feeds import item, rss

FEEDS = 6


def _person(path: Path, who: str, seed: int, refs: list[ItemRef], stop: threading.Event,
            use_versions: bool, out: dict[str, object]) -> None:
    """Triage random items until ``stop``; record successes, stale refusals and errors."""
    rng = random.Random(seed)
    db = connect(path, busy_timeout=10.0)
    done: Counter[ItemRef] = Counter()
    tags: dict[ItemRef, set[str]] = {}
    stale = 0
    errors: list[str] = []
    n = 0
    while not stop.is_set():
        ref = rng.choice(refs)
        action = rng.choice(["tag", "tag", "note", "open", "escalate"])
        n += 1
        args: dict[str, object] = {}
        if action == "tag":
            args["add"] = [f"{who}{n}"]
        elif action == "note":
            args["text"] = f"{who} note {n}"
        for _attempt in range(50):
            expected = None
            if use_versions:
                expected = {ref: get_states(db, [ref])[ref].version}
                recent_mentions(db, limit=50)  # a queue refresh between reading and acting
            try:
                apply_action(db, [ref], action, who=who, now=datetime.now(UTC),
                             expected=expected, **args)
            except StaleTriageError:
                stale += 1
                continue
            except (StoreError, sqlite3.Error) as exc:
                errors.append(str(exc))
                break
            done[ref] += 1
            if action == "tag":
                tags.setdefault(ref, set()).add(f"{who}{n}")
            break
    db.conn.close()
    out.update(done=done, tags=tags, stale=stale, errors=errors)


async def test_daemon_and_two_tuis_share_the_store(server: LocalServer, tmp_path: Path) -> None:
    """No "database is locked" reaches a person and no triage update is lost under load."""
    step = {"n": 1}

    def feed(i: int):  # type: ignore[no-untyped-def]
        async def handler(request: web.Request) -> web.Response:
            step["n"] += 1
            items = [item(i * 10_000 + j, f"Bleuet Mobile message {i}-{j} " + "z" * 800)
                     for j in range(step["n"] * 4)]
            return web.Response(body=rss(items), content_type="application/rss+xml")
        return handler

    urls = [server.route(f"/f{i}", feed(i)) for i in range(FEEDS)]
    await server.start()
    path = tmp_path / "v.db"
    cfg = parse_config(f'[storage]\npath = "{path}"\n[[brands]]\nname = "Bleuet Mobile"\n'
                       'queries = [\'"Bleuet Mobile"\']\n'
                       + "".join(f'[[sources]]\nurl = "{u}"\n' for u in urls),
                       path=tmp_path / "vigie.toml")
    cfg = dataclasses.replace(cfg, daemon=dataclasses.replace(cfg.daemon, default_interval=1.0,
                                                              jitter=0.0))
    stop_daemon = asyncio.Event()
    async with Daemon(cfg, workers=1) as daemon:
        runner = asyncio.create_task(daemon.run_forever(stop_daemon))
        await daemon.run_once()
        reader = connect(path, readonly=True)
        refs = [ItemRef("mention", r[0])
                for r in reader.execute("SELECT id FROM mentions ORDER BY id LIMIT 8")]
        before = reader.execute("SELECT count(*) FROM mentions").fetchone()[0]
        stop = threading.Event()
        results: list[dict[str, object]] = [{}, {}]
        people = [threading.Thread(target=_person, args=(path, who, k, refs, stop, k == 0,
                                                         results[k]))
                  for k, who in enumerate(("ana", "bob"))]
        for p in people:
            p.start()
        await asyncio.sleep(4.0)
        stop.set()
        for p in people:
            await asyncio.to_thread(p.join)
        stop_daemon.set()
        await runner
    after = reader.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert after > before + 100, "the daemon did not write during the test"
    for res in results:
        assert res["errors"] == [], res["errors"]
    done: Counter[ItemRef] = results[0]["done"] + results[1]["done"]  # type: ignore[operator]
    assert sum(done.values()) > 50
    assert results[0]["stale"], "the two people never raced on an item"
    states = get_states(reader, refs)
    for ref in refs:
        assert states[ref].version == done[ref], ref
        want = set().union(*(r["tags"].get(ref, set()) for r in results))  # type: ignore[attr-defined]
        assert want <= set(states[ref].tags), (ref, want - set(states[ref].tags))
    logged = reader.execute("SELECT count(*) FROM triage_log WHERE action != 'undo'").fetchone()[0]
    assert logged == sum(done.values())
    assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reader.conn.close()
