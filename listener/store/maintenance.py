"""Scheduled store maintenance (prune, ANALYZE, VACUUM) and storage-fault handling.

The schedule survives restarts: each task's last run is stored in the
``maintenance`` table, and :func:`due_tasks` compares it with the configured
periods. Storage faults (disk full, read-only file or directory, I/O error)
are recognised by :func:`storage_fault`, which turns SQLite's terse message
into one that says what to do; :func:`probe_write` tells when space is back
without leaving anything behind.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from listener.config import StorageConfig
from listener.store.db import parse_iso, utc_iso
from listener.store.tx import write_tx

__all__ = ["TASKS", "due_tasks", "mark_done", "last_runs", "last_detail", "analyze", "vacuum",
           "storage_fault", "probe_write"]

#: Maintenance tasks, in the order they run.
TASKS = ("prune", "analyze", "vacuum")

_FAULTS = {
    "database or disk is full": "the disk holding the database is full",
    "readonly database": "the database file or its directory is read-only",
    "read-only": "the database file or its directory is read-only",
    "disk i/o error": "the disk reported an I/O error",
    "unable to open database file": "the database file cannot be opened any more",
}


def last_runs(db: sqlite_utils.Database) -> dict[str, datetime]:
    """Task → when it last ran."""
    return {task: parse_iso(at) for task, at in
            db.execute("SELECT task, last_run FROM maintenance").fetchall()}


def last_detail(db: sqlite_utils.Database, task: str) -> str | None:
    """The detail recorded by ``task``'s last run, or None if it never ran."""
    row = db.execute("SELECT detail FROM maintenance WHERE task = ?", [task]).fetchone()
    return None if row is None else row[0]


def due_tasks(db: sqlite_utils.Database, storage: StorageConfig, now: datetime) -> list[str]:
    """The maintenance tasks whose period has elapsed (a task never run is due)."""
    runs = last_runs(db)
    periods = {"prune": storage.maintenance_every if storage.keep_days else 0.0,
               "analyze": storage.maintenance_every, "vacuum": storage.vacuum_every}
    due = []
    for task in TASKS:
        period = periods[task]
        if period <= 0:
            continue
        last = runs.get(task)
        if last is None or now - last >= timedelta(seconds=period):
            due.append(task)
    return due


def mark_done(db: sqlite_utils.Database, task: str, now: datetime, detail: str = "") -> None:
    """Record that ``task`` ran at ``now``."""
    with write_tx(db):
        db.execute("INSERT INTO maintenance (task, last_run, detail) VALUES (?, ?, ?)"
                   " ON CONFLICT(task) DO UPDATE SET last_run = excluded.last_run,"
                   " detail = excluded.detail", [task, utc_iso(now), detail])


def analyze(db: sqlite_utils.Database) -> None:
    """Refresh the query planner's statistics (``PRAGMA optimize`` after ``ANALYZE``)."""
    db.execute("ANALYZE")
    db.execute("PRAGMA optimize")


def vacuum(db: sqlite_utils.Database) -> int:
    """``VACUUM`` and truncate the WAL; returns the bytes given back to the disk."""
    before = _size(db)
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return max(0, before - _size(db))


def _size(db: sqlite_utils.Database) -> int:
    page = db.execute("PRAGMA page_size").fetchone()[0]
    return int(db.execute("PRAGMA page_count").fetchone()[0]) * int(page)


def storage_fault(exc: BaseException, path: str | Path) -> str | None:
    """A clear message when ``exc`` is a storage fault (disk full, read-only...), else None."""
    if not isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    text = str(exc).lower()
    for needle, meaning in _FAULTS.items():
        if needle in text:
            return (f"{path}: cannot write the database: {meaning} ({exc}); ingest is paused "
                    "and resumes by itself once the database is writable again (free disk "
                    "space, or fix the permissions of the file and its directory)")
    return None


def probe_write(db: sqlite_utils.Database, size: int = 65_536) -> None:
    """Write ``size`` bytes in a transaction and roll it back: raises while writes still fail."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT OR REPLACE INTO maintenance (task, last_run, detail)"
                     " VALUES ('probe', '', zeroblob(?))", [size])
    finally:
        conn.execute("ROLLBACK")
