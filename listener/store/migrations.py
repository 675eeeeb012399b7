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


def _m002_triage_and_incidents(db: sqlite_utils.Database) -> None:
    """Spike alerts and suspected campaigns (written by the daemon), triage state and log.

    ``triage`` holds the current state of an item (mention, alert or campaign)
    with a ``version`` that every write bumps, so two people triaging the same
    store detect stale updates (optimistic concurrency). ``triage_log`` is the
    append-only history (who, when, what, before/after) that undo replays;
    triggers refuse updates and deletes on it.
    """
    db.execute("""
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            brand TEXT NOT NULL,
            test TEXT NOT NULL,
            state TEXT NOT NULL,
            severity TEXT NOT NULL,
            score REAL NOT NULL,
            opened_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            resolved_at TEXT,
            observed REAL,
            expected REAL,
            p_value REAL,
            summary TEXT NOT NULL,
            evidence TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX alerts_state_opened ON alerts(state, opened_at)")
    db.execute("CREATE INDEX alerts_brand_opened ON alerts(brand, opened_at)")
    db.execute("CREATE INDEX alerts_updated ON alerts(updated_at)")
    db.execute("""
        CREATE TABLE alert_mentions (
            alert_id INTEGER REFERENCES alerts(id) ON DELETE CASCADE,
            mention_id INTEGER REFERENCES mentions(id) ON DELETE CASCADE,
            PRIMARY KEY (alert_id, mention_id)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX alert_mentions_mention ON alert_mentions(mention_id)")
    db.execute("""
        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            target TEXT NOT NULL,
            state TEXT NOT NULL,
            score REAL NOT NULL,
            first_at TEXT NOT NULL,
            last_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            reasons TEXT NOT NULL,
            evidence TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX campaigns_state_last ON campaigns(state, last_at)")
    db.execute("CREATE INDEX campaigns_target_last ON campaigns(target, last_at)")
    db.execute("CREATE INDEX campaigns_updated ON campaigns(updated_at)")
    db.execute("""
        CREATE TABLE campaign_members (
            campaign_id INTEGER REFERENCES campaigns(id) ON DELETE CASCADE,
            mention_id INTEGER REFERENCES mentions(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            PRIMARY KEY (campaign_id, mention_id)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX campaign_members_mention ON campaign_members(mention_id)")
    db.execute("""
        CREATE TABLE triage (
            kind TEXT NOT NULL CHECK (kind IN ('mention', 'alert', 'campaign')),
            item_id INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN
                ('new', 'open', 'resolved', 'ignored', 'escalated', 'snoozed')),
            snoozed_until TEXT,
            assignee TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            verdict TEXT CHECK (verdict IS NULL OR verdict IN ('not_fake', 'confirmed_fake')),
            notes INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            PRIMARY KEY (kind, item_id)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX triage_status_updated ON triage(status, updated_at)")
    db.execute("CREATE INDEX triage_updated ON triage(updated_at)")
    db.execute("""
        CREATE TABLE triage_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT NOT NULL,
            item_id INTEGER NOT NULL,
            batch TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}',
            before TEXT,
            after TEXT,
            undoes TEXT
        )""")
    db.execute("CREATE INDEX triage_log_item ON triage_log(kind, item_id, id)")
    db.execute("CREATE INDEX triage_log_batch ON triage_log(batch)")
    db.execute("CREATE INDEX triage_log_who ON triage_log(who, id)")
    db.execute("CREATE INDEX triage_log_undoes ON triage_log(undoes) WHERE undoes IS NOT NULL")
    db.execute("""
        CREATE TRIGGER triage_log_no_update BEFORE UPDATE ON triage_log BEGIN
            SELECT RAISE(ABORT, 'triage_log is append-only');
        END""")
    db.execute("""
        CREATE TRIGGER triage_log_no_delete BEFORE DELETE ON triage_log BEGIN
            SELECT RAISE(ABORT, 'triage_log is append-only');
        END""")
    # Queues of the TUI: negatives by time (covering what urgency needs, so ranking the
    # "needs reply" queue never reads the big mention rows), per source, per author,
    # per brand and label.
    db.execute("CREATE INDEX mentions_label_published ON mentions(label, published_at, compound,"
               " reach)")
    db.execute("CREATE INDEX mentions_source_published ON mentions(source_id, published_at)")
    db.execute("CREATE INDEX mentions_author_published ON mentions(author, published_at)")
    db.execute("CREATE INDEX mention_brands_brand_label ON mention_brands(brand, label, published_at)")
    db.execute("CREATE INDEX mention_brands_published ON mention_brands(published_at, brand, label)")


def _m003_incident_keys(db: sqlite_utils.Database) -> None:
    """A stable key per spike incident, so a restarted daemon updates the same alert."""
    db.execute("ALTER TABLE alerts ADD COLUMN incident_key TEXT")
    db.execute("CREATE UNIQUE INDEX alerts_incident_key ON alerts(incident_key)"
               " WHERE incident_key IS NOT NULL")


def _m004_outbox(db: sqlite_utils.Database) -> None:
    """The alert outbox: one row per (event, channel), written with the change that causes it.

    ``state`` is ``pending`` (due at ``next_attempt_at``), ``sent`` or ``dead``
    (gave up after the configured attempts; ``vigie alerts retry`` re-queues).
    ``event_id`` is the idempotency key, stable across retries and restarts;
    ``thread_id`` is the ``event_id`` of the first event of the same incident.
    """
    db.execute("""
        CREATE TABLE alert_outbox (
            id INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            thread_id TEXT NOT NULL,
            incident TEXT NOT NULL,
            rule TEXT NOT NULL,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL,
            brand TEXT NOT NULL,
            severity TEXT,
            occurred_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            event TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            sent_at TEXT,
            digest_id TEXT,
            last_status INTEGER,
            last_error TEXT
        )""")
    db.execute("CREATE INDEX alert_outbox_due ON alert_outbox(state, next_attempt_at)")
    db.execute("CREATE INDEX alert_outbox_incident ON alert_outbox(incident, rule, channel, id)")
    db.execute("CREATE INDEX alert_outbox_rule_brand ON alert_outbox(rule, brand, occurred_at)")
    db.execute("CREATE INDEX alert_outbox_channel_sent ON alert_outbox(channel, sent_at)")


def _m005_maintenance(db: sqlite_utils.Database) -> None:
    """When each maintenance task (prune, analyze, vacuum) last ran, so restarts keep the schedule."""
    db.execute("""
        CREATE TABLE maintenance (
            task TEXT PRIMARY KEY,
            last_run TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID""")


def _m006_outbox_leases(db: sqlite_utils.Database) -> None:
    """Outbox rows claimed by a delivering process (``vigie run`` and ``vigie once`` side by side).

    ``lease_owner`` is ``host:pid``; ``lease_until`` the time after which another
    process may take the row. A lease of a process that no longer runs on this
    host is void at once.
    """
    db.execute("ALTER TABLE alert_outbox ADD COLUMN lease_owner TEXT")
    db.execute("ALTER TABLE alert_outbox ADD COLUMN lease_until TEXT")


def _m007_member_evidence(db: sqlite_utils.Database) -> None:
    """Each campaign member's own likelihood ratio (its evidence without the others).

    NULL for members stored before this migration: the TUI then shows no mark.
    """
    db.execute("ALTER TABLE campaign_members ADD COLUMN likelihood_ratio REAL")


def _m008_source_failing_since(db: sqlite_utils.Database) -> None:
    """When a source's current run of failures began (NULL while it is healthy)."""
    db.execute("ALTER TABLE sources ADD COLUMN failing_since TEXT")


def _m009_pending_replies(db: sqlite_utils.Database) -> None:
    """Replies by a brand's own accounts whose parent post is not stored yet.

    Kept until the parent arrives (another source, a later poll) or for a week
    (:mod:`listener.store.answered`).
    """
    db.execute("""
        CREATE TABLE pending_replies (
            parent TEXT NOT NULL,
            author TEXT NOT NULL,
            url TEXT,
            brands TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (parent, author)
        )""")
    db.execute("CREATE INDEX pending_replies_seen ON pending_replies(seen_at)")


MIGRATIONS: list[Migration] = [_m001_initial, _m002_triage_and_incidents, _m003_incident_keys,
                               _m004_outbox, _m005_maintenance, _m006_outbox_leases,
                               _m007_member_evidence, _m008_source_failing_since,
                               _m009_pending_replies]


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
