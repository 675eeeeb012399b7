"""Opening the database: WAL, busy timeout, foreign keys, migrations."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from listener.errors import StoreError
from listener.store.migrations import migrate

__all__ = ["connect", "utc_iso", "parse_iso"]

_ISO = "%Y-%m-%dT%H:%M:%SZ"


def utc_iso(moment: datetime) -> str:
    """``moment`` as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC (sorts lexicographically)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_ISO)


def short_time(iso: str | None) -> str:
    """``MM-DD HH:MM`` from a stored timestamp (anything shorter comes back as it is)."""
    if not iso or len(iso) < 16:
        return iso or ""
    return f"{iso[5:10]} {iso[11:16]}"


def parse_iso(text: str) -> datetime:
    """Inverse of :func:`utc_iso` (also accepts any ISO 8601 with an offset)."""
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def connect(path: str | Path, *, busy_timeout: float = 10.0, readonly: bool = False,
            check_same_thread: bool = True) -> sqlite_utils.Database:
    """Open (and migrate, unless ``readonly``) the database at ``path``.

    Raises :class:`StoreError` with the path and a hint when the file cannot be
    opened or is not a Vigie database.
    """
    path = Path(path)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(f"{path}: database not found (run `vigie once` or `vigie run` "
                                 "first, or check [storage] path)")
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                   timeout=busy_timeout, check_same_thread=check_same_thread)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=busy_timeout,
                                   check_same_thread=check_same_thread)
        conn.isolation_level = None  # explicit transactions only (BEGIN IMMEDIATE ... COMMIT)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"{path}: cannot switch the database to WAL mode (got {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        if not readonly:
            migrate(db)
        return db
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open the database: {exc} (is it a Vigie SQLite "
                         "file? check [storage] path)") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the database: {exc.strerror}") from None


def now_utc() -> datetime:
    """The current time in UTC (the store's default clock)."""
    return datetime.now(UTC)
