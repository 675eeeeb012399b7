"""Disk full and read-only database under the running daemon: a clear error, ingest pauses,
and everything fetched meanwhile is stored once writes succeed again.

The faults are real SQLite errors on the daemon's own writer connection:
``PRAGMA max_page_count`` at the current size makes every growing write fail with
``database or disk is full`` (SQLITE_FULL, what a full disk returns), and
``PRAGMA query_only`` makes writes fail with ``attempt to write a readonly database``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path

import pytest
from aiohttp import web

from listener.config import parse_config
from listener.daemon import Daemon
from listener.store import connect
from tests.conftest import LocalServer
from tests.feeds import item, rss


def _full(db) -> None:  # type: ignore[no-untyped-def]
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


FULL = (_full, lambda db: db.execute("PRAGMA max_page_count = 1073741823"))
READONLY = (lambda db: db.execute("PRAGMA query_only = ON"),
            lambda db: db.execute("PRAGMA query_only = OFF"))


def _config(tmp_path: Path, url: str):  # type: ignore[no-untyped-def]
    cfg = parse_config(f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
                       '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
                       f'[[sources]]\nurl = "{url}"\n', path=tmp_path / "vigie.toml")
    return dataclasses.replace(cfg, daemon=dataclasses.replace(cfg.daemon, default_interval=1.0,
                                                               jitter=0.0))


async def _until(predicate, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize(("fault", "meaning"), [(FULL, "disk holding the database is full"),
                                                (READONLY, "read-only")])
async def test_ingest_pauses_and_resumes(server: LocalServer, tmp_path: Path, fault,
                                         meaning) -> None:
    """While writes fail the daemon logs one clear error and stops polling; when they work
    again it resumes by itself and stores what the feed published meanwhile, once."""
    batches = [[item(1, "Bleuet Mobile un")],
               [item(1, "Bleuet Mobile un"), item(2, "Bleuet Mobile deux " + "x" * 20000),
                item(3, "Bleuet Mobile trois " + "y" * 20000)]]
    version = {"n": 0}

    async def feed(request: web.Request) -> web.Response:
        n = version["n"]
        etag = f'"v{n}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=rss(batches[n]), content_type="application/rss+xml",
                            headers={"ETag": etag})

    url = server.route("/f", feed)
    await server.start()
    cfg = _config(tmp_path, url)
    events = _Events()
    logger = logging.getLogger("vigie.daemon")
    level = logger.level
    logger.addHandler(events)
    logger.setLevel(logging.INFO)
    try:
        await _run(server, cfg, fault, meaning, version)
    finally:
        logger.removeHandler(events)
        logger.setLevel(level)
    assert sum("store.paused" in e for e in events.messages) == 1
    assert any("store.resumed" in e for e in events.messages)


class _Events(logging.Handler):
    """Collects the daemon's log messages (other tests may reconfigure the root handlers)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


async def _run(server: LocalServer, cfg, fault, meaning, version) -> None:  # type: ignore[no-untyped-def]
    stop = asyncio.Event()
    async with Daemon(cfg, workers=1) as d:
        d.probe_every = 0.2
        runner = asyncio.create_task(d.run_forever(stop))
        db = connect(cfg.storage.path, readonly=True)
        count = lambda: db.execute("SELECT count(*) FROM mentions").fetchone()[0]  # noqa: E731
        await _until(lambda: count() == 1)
        assert d.writer is not None
        d.writer.call_sync(fault[0])
        version["n"] = 1
        await _until(lambda: d.paused is not None)
        assert meaning in d.paused and "resumes by itself" in d.paused
        hits = server.hits["/f"]
        await asyncio.sleep(1.5)
        assert server.hits["/f"] == hits  # no polling while paused
        assert count() == 1
        d.writer.call_sync(fault[1])
        await _until(lambda: count() == 3)
        assert d.paused is None
        stop.set()
        await runner
    texts = [r[0] for r in db.execute("SELECT text FROM mentions ORDER BY id")]
    assert [t.split()[2] for t in texts] == ["un", "deux", "trois"]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.conn.close()
