"""A small fixed store for TUI tests: mentions (some hostile), one spike, one campaign.

Rows are inserted directly (tests may write SQL; the TUI may not) so the data
and the clock are fixed and snapshots are stable.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from listener.detection.spike_explain import headline_message
from listener.detection.spikes import Incident
from listener.i18n import ENGLISH, Message, msg
from listener.store import connect, utc_iso
from listener.store.tx import write_tx

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

SOURCES = [(1, "https://lefil.example/rss", "Le Fil"),
           (2, "https://avis.example/feed", "Avis Clients"),
           (3, "https://forum.example/atom", "Forum Tech")]

HOSTILE = {
    "markup": "[red]ROUGE[/red] [link=https://evil.example]click[/link] [bold]not bold",
    "ansi": "\x1b[31mred via ANSI\x1b[0m and \x1b]8;;https://evil.example\x07osc link\x1b]8;;\x07",
    "bidi": "Bleuet Mobile \u202eesrever\u202c zero\u200bwidth\u200d\ufeff joiners",
    "huge": "Bleuet Mobile est nul. " + "x" * 100_000,
}

#: (id, hours ago, source, author, brands, label, compound, reach, lang, title, text)
MENTIONS: list[tuple[Any, ...]] = [
    (1, 30, 1, "lea", ["Bleuet Mobile"], "negative", -0.62, 12000, "fr",
     "Panne géante", "Panne géante chez Bleuet Mobile ce matin, rien ne marche."),
    (2, 20, 2, "marc", ["Bleuet Mobile"], "negative", -0.81, 50, "fr",
     "Avis", "Service client Bleuet Mobile injoignable, je résilie."),
    (3, 10, 3, "sam", ["Colibri"], "positive", 0.7, 300, "en",
     "Colibri", "Colibri delivered early, great job!"),
    (4, 8, 1, "lea", ["Bleuet Mobile"], "neutral", 0.0, None, "fr",
     "Annonce", "Bleuet Mobile annonce un nouveau forfait."),
    (5, 6, 2, "anon1", ["Colibri"], "negative", -0.55, 5, "en",
     "Terrible", "Colibri lost my parcel, terrible service."),
    (6, 5, 2, "anon2", ["Colibri"], "negative", -0.57, 5, "en",
     "Terrible", "Colibri lost my parcel, awful service."),
    (7, 4, 2, "anon3", ["Colibri"], "negative", -0.58, 5, "en",
     "Terrible", "Colibri lost my package, terrible service."),
    (8, 3, 3, "eve", ["Bleuet Mobile"], "negative", -0.3, 200, "en",
     "[red]hostile[/red]", HOSTILE["markup"]),
    (9, 2, 3, "mallory", ["Bleuet Mobile"], "negative", -0.4, 20, "en",
     "ansi", HOSTILE["ansi"]),
    (10, 1.5, 1, "trudy\u202e", ["Bleuet Mobile"], "negative", -0.2, 10, "fr",
     "bidi", HOSTILE["bidi"]),
    (11, 1, 2, "bob", ["Bleuet Mobile"], "negative", -0.9, 100000, "fr",
     "huge", HOSTILE["huge"]),
    (12, 0.5, 1, "lea", ["Bleuet Mobile", "Colibri"], "positive", 0.5, 30, "fr",
     "Duo", "Bleuet Mobile et Colibri, partenariat réussi."),
]


def insert_mention(db: sqlite_utils.Database, mid: int, hours_ago: float, source: int,
                   author: str | None, brands: list[str], label: str, compound: float,
                   reach: int | None, lang: str, title: str, text: str,
                   now: datetime = NOW) -> None:
    """Insert one mention with its brands and source link (inside the caller's tx)."""
    at = utc_iso(now - timedelta(hours=hours_ago))
    db.execute(
        "INSERT INTO mentions (id, guid, url, title, text, author, kind, reach, published_at,"
        " fetched_at, lang, compound, label, analyser, lang_supported, content_hash, source_id)"
        " VALUES (?, ?, ?, ?, ?, ?, 'post', ?, ?, ?, ?, ?, ?, 'test', 1, ?, ?)",
        [mid, f"g{mid}", f"https://example.org/m/{mid}", title, text, author, reach, at, at,
         lang, compound, label, f"h{mid}", source])
    for b in brands:
        db.execute("INSERT INTO mention_brands (mention_id, brand, published_at, label)"
                   " VALUES (?, ?, ?, ?)", [mid, b, at, label])
    db.execute("INSERT INTO mention_sources (mention_id, source_id, url, seen_at)"
               " VALUES (?, ?, ?, ?)", [mid, source, f"https://example.org/m/{mid}", at])


def insert_alert(db: sqlite_utils.Database, aid: int, brand: str, members: list[int],
                 now: datetime = NOW, state: str = "open") -> None:
    """A count-test spike alert with a 12-point series and evidence."""
    series = [[utc_iso(now - timedelta(hours=11 - i)), t, n, 1.0]
              for i, (t, n) in enumerate([(3, 0), (2, 1), (4, 1), (3, 0), (2, 0), (3, 1),
                                          (4, 1), (3, 1), (5, 2), (7, 4), (9, 6), (12, 9)])]
    # The headline as the daemon writes it (listener.monitor): English text, and the
    # message the TUI renders in the reader's language.
    incident = Incident(id=aid, brand=brand, since=now - timedelta(minutes=50),
                        opened_at=now - timedelta(minutes=50), severity=2, tests={"count"},
                        observed=9, expected=1.2, p_value=0.0004, peak_at=now - timedelta(hours=1),
                        peak_observed=9, peak_expected=1.2, once_in_weeks=12.0, peak_minutes=60)
    message = headline_message(incident)
    evidence = {"new_terms": ["panne", "résilie"], "top_sources": [["Avis Clients", 5]],
                "top_authors": ["marc", "bob"], "sample_ids": members, "series": series,
                "headline_message": message.to_json()}
    db.execute(
        "INSERT INTO alerts (id, brand, test, state, severity, score, opened_at, updated_at,"
        " observed, expected, p_value, summary, evidence) VALUES"
        " (?, ?, 'count', ?, 'high', 0.91, ?, ?, 9, 1.2, 0.0004, ?, ?)",
        [aid, brand, state, utc_iso(now - timedelta(minutes=50)),
         utc_iso(now - timedelta(minutes=10)),
         ENGLISH.render(message), json.dumps(evidence)])
    db.conn.executemany("INSERT INTO alert_mentions (alert_id, mention_id) VALUES (?, ?)",
                   [(aid, m) for m in members])


def insert_campaign(db: sqlite_utils.Database, cid: int, target: str, members: list[int],
                    now: datetime = NOW) -> None:
    """A suspected campaign with reasons, evidence and scored members."""
    # Reasons as listener.detection.campaign_reasons writes them (English text and messages).
    messages = [
        msg("{n} reviews in {hours:.0f} h{within} from {accounts} accounts, {new} first seen "
            "with this item and {thin} with at most {max_prior} earlier items", n=3, hours=2.0,
            within="", accounts=3, new=3, thin=0, max_prior=2),
        Message("{copies} near-duplicates of {n} text across different accounts",
                {"copies": 3}, plural="{copies} near-duplicates of {n} texts across different "
                "accounts", count=1),
        msg("mean rating {mean:.1f}{usual}; {extreme} of {total} ratings are 1 or 5", mean=1.0,
            usual=msg(" vs usual {usual:.1f}", usual=4.2), extreme=3, total=3)]
    reasons = [ENGLISH.render(m) for m in messages]
    db.execute(
        "INSERT INTO campaigns (id, key, target, state, score, first_at, last_at, updated_at,"
        " reasons, evidence) VALUES (?, ?, ?, 'open', 0.86, ?, ?, ?, ?, ?)",
        [cid, f"k{cid}", target, utc_iso(now - timedelta(hours=6)),
         utc_iso(now - timedelta(hours=4)), utc_iso(now - timedelta(hours=4)),
         json.dumps(reasons), json.dumps({
             "figures": {"near_duplicates": 3, "new_accounts": 3, "mean_rating": 1.0},
             "reason_messages": [m.to_json() for m in messages]})])
    db.conn.executemany("INSERT INTO campaign_members (campaign_id, mention_id, score) VALUES (?, ?, ?)",
                   [(cid, m, 0.9 - 0.05 * i) for i, m in enumerate(members)])


def build(path: Path) -> Path:
    """Create the fixed store at ``path`` and return it."""
    db = connect(path)
    with write_tx(db):
        for sid, url, name in SOURCES:
            db.execute("INSERT INTO sources (id, url, name, created_at) VALUES (?, ?, ?, ?)",
                       [sid, url, name, utc_iso(NOW - timedelta(days=30))])
        for m in MENTIONS:
            insert_mention(db, *m)
        insert_alert(db, 1, "Bleuet Mobile", [1, 2, 11])
        insert_campaign(db, 1, "Colibri", [5, 6, 7])
    db.conn.close()
    return path
