"""Schema migrations, applied in order and recorded in ``PRAGMA user_version``.

Add a migration by appending a function to :data:`MIGRATIONS`; never edit one
that has shipped. Each runs in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

__all__ = ["MIGRATIONS", "migrate", "schema_version"]

Migration = Callable[[sqlite_utils.Database], None]


def _m001_initial(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'feed',
            name TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            cursor TEXT,
            last_attempt TEXT,
            last_success TEXT,
            http_status INTEGER,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_poll TEXT,
            items_seen INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            guid TEXT,
            url TEXT,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            author TEXT,
            kind TEXT NOT NULL DEFAULT 'post',
            rating INTEGER,
            reach INTEGER,
            published_at TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            lang TEXT NOT NULL DEFAULT 'und',
            compound REAL NOT NULL DEFAULT 0,
            label TEXT NOT NULL DEFAULT 'neutral',
            analyser TEXT,
            analyser_version TEXT,
            lang_supported INTEGER NOT NULL DEFAULT 0,
            content_hash TEXT NOT NULL,
            source_id INTEGER NOT NULL REFERENCES sources(id)
        )""")
    db.execute("CREATE INDEX mentions_published ON mentions(published_at)")
    db.execute("""
        CREATE TABLE mention_brands (
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
            brand TEXT NOT NULL,
            published_at TEXT NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (mention_id, brand)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX mention_brands_brand_time ON mention_brands(brand, published_at)")
    db.execute("""
        CREATE TABLE mention_sources (
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            url TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (mention_id, source_id)
        ) WITHOUT ROWID""")
    db.execute("""
        CREATE TABLE mention_keys (
            key TEXT PRIMARY KEY,
            mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX mention_keys_mention ON mention_keys(mention_id)")
    # Full-text search over mentions (external content table kept in sync by triggers).
    db.execute("""
        CREATE VIRTUAL TABLE mentions_fts USING fts5(
            title, text, author, content='mentions', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""")
    db.execute("""
        CREATE TRIGGER mentions_ai AFTER INSERT ON mentions BEGIN
            INSERT INTO mentions_fts(rowid, title, text, author)
            VALUES (new.id, new.title, new.text, new.author);
        END""")
    db.execute("""
        CREATE TRIGGER mentions_ad AFTER DELETE ON mentions BEGIN
            INSERT INTO mentions_fts(mentions_fts, rowid, title, text, author)
            VALUES ('delete', old.id, old.title, old.text, old.author);
        END""")
    db.execute("""
        CREATE TRIGGER mentions_au AFTER UPDATE OF title, text, author ON mentions BEGIN
            INSERT INTO mentions_fts(mentions_fts, rowid, title, text, author)
            VALUES ('delete', old.id, old.title, old.text, old.author);
            INSERT INTO mentions_fts(rowid, title, text, author)
            VALUES (new.id, new.title, new.text, new.author);
        END""")


MIGRATIONS: list[Migration] = [_m001_initial]


def schema_version(db: sqlite_utils.Database) -> int:
    """The number of migrations applied to ``db``."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database) -> int:
    """Apply pending migrations; returns the new schema version."""
    version = schema_version(db)
    if version > len(MIGRATIONS):
        from listener.errors import StoreError

        raise StoreError(f"database schema version {version} is newer than this Vigie "
                         f"({len(MIGRATIONS)}): upgrade Vigie")
    for index in range(version, len(MIGRATIONS)):
        conn = db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[index](db)
            conn.execute(f"PRAGMA user_version = {index + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)
