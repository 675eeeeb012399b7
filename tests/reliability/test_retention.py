"""Retention and maintenance: ``[storage] keep_days`` prunes old mentions but never those
under triage, the schedule survives restarts, and the daemon does not store what it would
prune at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from listener.config import StorageConfig, parse_config
from listener.daemon import Daemon
from listener.errors import ConfigError
from listener.store import connect, utc_iso
from listener.store.maintenance import analyze, due_tasks, last_runs, mark_done, vacuum
from listener.store.retention import prunable_count, prune
from listener.store.triage import ItemRef, apply_action
from tests.conftest import LocalServer
from tests.feeds import BASE, item, rss

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _mention(db, source: int, published: datetime, text: str) -> int:  # type: ignore[no-untyped-def]
    when = utc_iso(published)
    cur = db.conn.execute(
        "INSERT INTO mentions (title, text, published_at, fetched_at, content_hash, source_id)"
        " VALUES (?, ?, ?, ?, ?, ?)", ["t", text, when, when, text, source])
    mid = int(cur.lastrowid)
    db.conn.execute("INSERT INTO mention_brands VALUES (?, 'B', ?, 'negative')", [mid, when])
    db.conn.execute("INSERT INTO mention_keys VALUES (?, ?)", [f"k{mid}", mid])
    db.conn.execute("INSERT INTO mention_sources VALUES (?, ?, NULL, ?)", [mid, source, when])
    return mid


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = connect(tmp_path / "r.db")
    db.conn.execute("INSERT INTO sources (url, created_at) VALUES ('http://x/f', ?)",
                    [utc_iso(NOW)])
    yield db
    db.conn.close()


def test_prune_keeps_recent_and_triaged_mentions(db) -> None:  # type: ignore[no-untyped-def]
    """Old mentions go with their brands, keys and search entries; recent ones, ones a person
    has open, and evidence of an alert under triage stay; resolved ones go."""
    old = NOW - timedelta(days=400)
    gone = [_mention(db, 1, old - timedelta(hours=i), f"ancient{i}") for i in range(1200)]
    recent = _mention(db, 1, NOW - timedelta(days=3), "recent")
    opened = _mention(db, 1, old, "opened")
    resolved = _mention(db, 1, old, "resolved")
    evidence = _mention(db, 1, old, "evidence")
    db.conn.execute("INSERT INTO alerts (id, brand, test, state, severity, score, opened_at,"
                    " updated_at, summary, evidence) VALUES (1, 'B', 't', 'open', 'high', 1,"
                    " ?, ?, 's', '{}')", [utc_iso(old), utc_iso(old)])
    db.conn.execute("INSERT INTO alert_mentions VALUES (1, ?)", [evidence])
    apply_action(db, [ItemRef("mention", opened)], "open", who="ana", now=NOW)
    apply_action(db, [ItemRef("mention", resolved)], "resolve", who="ana", now=NOW)
    apply_action(db, [ItemRef("alert", 1)], "escalate", who="ana", now=NOW)
    cutoff = NOW - timedelta(days=365)
    assert prunable_count(db, cutoff) == len(gone) + 1

    result = prune(db, cutoff, batch=500)

    assert result.mentions == len(gone) + 1
    left = {r[0] for r in db.execute("SELECT id FROM mentions")}
    assert left == {recent, opened, evidence}
    for table in ("mention_brands", "mention_keys", "mention_sources"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 3, table
    hits = db.execute("SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'ancient5'")
    assert hits.fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM triage WHERE kind = 'mention' AND item_id = ?",
                      [resolved]).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM triage_log").fetchone()[0] == 3  # history kept
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert prune(db, cutoff).mentions == 0


def test_vacuum_gives_space_back(db) -> None:  # type: ignore[no-untyped-def]
    """After a large prune, VACUUM shrinks the file; ANALYZE fills the planner statistics."""
    for i in range(2000):
        _mention(db, 1, NOW - timedelta(days=500), f"x{i} " + "long text " * 50)
    prune(db, NOW - timedelta(days=1))
    assert vacuum(db) > 500_000
    analyze(db)
    assert db.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0


def test_schedule_survives_restarts(tmp_path: Path) -> None:
    """Every task is due on a new database; once done, only when its period has passed, and
    the record lives in the database (a restart does not VACUUM again)."""
    storage = StorageConfig(path=tmp_path / "s.db", keep_days=30, maintenance_every=3600,
                            vacuum_every=7 * 86400)
    db = connect(storage.path)
    assert due_tasks(db, storage, NOW) == ["prune", "analyze", "vacuum"]
    for task in ("prune", "analyze", "vacuum"):
        mark_done(db, task, NOW)
    db.conn.close()
    db = connect(storage.path)
    assert set(last_runs(db)) == {"prune", "analyze", "vacuum"}
    assert due_tasks(db, storage, NOW + timedelta(minutes=30)) == []
    assert due_tasks(db, storage, NOW + timedelta(hours=2)) == ["prune", "analyze"]
    assert due_tasks(db, storage, NOW + timedelta(days=8)) == ["prune", "analyze", "vacuum"]
    forever = StorageConfig(path=storage.path, keep_days=0, vacuum_every=0)
    assert due_tasks(db, forever, NOW + timedelta(days=8)) == ["analyze"]


def test_storage_keys_are_parsed_and_checked(tmp_path: Path) -> None:
    """keep_days, maintenance_every and vacuum_every are read; bad values name the key."""
    cfg = parse_config('[storage]\nkeep_days = 90\nmaintenance_every = "6h"\n'
                       'vacuum_every = "0"\n', path=tmp_path / "v.toml")
    assert (cfg.storage.keep_days, cfg.storage.maintenance_every,
            cfg.storage.vacuum_every) == (90, 21600, 0)
    assert parse_config("", path=tmp_path / "v.toml").storage.keep_days == 0
    with pytest.raises(ConfigError, match="storage.keep_days"):
        parse_config("[storage]\nkeep_days = -1\n", path=tmp_path / "v.toml")
    with pytest.raises(ConfigError, match="storage.maintenance_every"):
        parse_config('[storage]\nmaintenance_every = "5s"\n', path=tmp_path / "v.toml")


async def test_daemon_skips_and_prunes_items_older_than_keep_days(server: LocalServer,
                                                                 tmp_path: Path) -> None:
    """With keep_days the daemon does not store items it would prune at once (so a feed that
    still lists them cannot bring them back), and its maintenance pass prunes the rest."""
    body = rss([item(1, "Bleuet Mobile neuf"), item(2, "Bleuet Mobile vieux", hours=-24 * 40)])

    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")

    url = server.route("/f", feed)
    await server.start()
    cfg = parse_config(f'[storage]\npath = "{tmp_path / "v.db"}"\nkeep_days = 30\n'
                       '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
                       f'[[sources]]\nurl = "{url}"\n', path=tmp_path / "vigie.toml")
    clock = [BASE + timedelta(hours=1)]
    async with Daemon(cfg, workers=1, clock=lambda: clock[0]) as d:
        summary = await d.run_once()
        assert (summary.items, summary.new) == (2, 1)
        assert set(await d.maintain()) == {"prune", "analyze", "vacuum"}
        assert await d.maintain() == {}  # nothing due again so soon
        clock[0] += timedelta(days=31)
        done = await d.maintain()
        assert done["prune"] == "mentions=1 outbox=0"
    db = connect(cfg.storage.path)
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0
    db.conn.close()
