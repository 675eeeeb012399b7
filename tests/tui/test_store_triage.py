"""The store API behind the TUI: triage log, concurrency, undo, queue ranking, text cleaning."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from listener.store import connect, parse_iso
from listener.store.incidents import (
    NEEDS_REPLY_WINDOW,
    QueueFilter,
    brand_trends,
    queue_counts,
    queue_page,
)
from listener.store.triage import (
    ItemRef,
    StaleTriageError,
    TriageError,
    apply_action,
    history,
    last_undoable_batch,
    undo,
)
from listener.store.tx import write_tx
from tests.tui.storefix import NOW, build, insert_mention
from tui.clean import clean, one_line
from tui.spark import sparkline


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A connection to the fixed store."""
    conn = connect(build(tmp_path / "s.db"))
    yield conn
    conn.conn.close()


def test_the_log_is_append_only(db) -> None:  # type: ignore[no-untyped-def]
    """Updating or deleting a log row is refused by the database itself."""
    apply_action(db, [ItemRef("mention", 1)], "resolve", who="ana", now=NOW)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE triage_log SET who = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM triage_log")


def test_stale_versions_write_nothing(db) -> None:  # type: ignore[no-untyped-def]
    """A bulk action with one stale item is refused as a whole."""
    a, b = ItemRef("mention", 1), ItemRef("mention", 2)
    apply_action(db, [b], "assign", who="bob", now=NOW, assignee="bob")
    with pytest.raises(StaleTriageError, match="by bob") as info:
        apply_action(db, [a, b], "resolve", who="ana", now=NOW, expected={a: 0, b: 0})
    assert info.value.items == [b]
    assert [e.action for e in history(db, a)] == []


def test_invalid_actions_are_explained(db) -> None:  # type: ignore[no-untyped-def]
    """Unknown items, empty notes and verdicts on mentions raise TriageError."""
    with pytest.raises(TriageError, match="does not exist"):
        apply_action(db, [ItemRef("mention", 999)], "resolve", who="ana", now=NOW)
    with pytest.raises(TriageError, match="empty"):
        apply_action(db, [ItemRef("mention", 1)], "note", who="ana", now=NOW, text="  ")
    with pytest.raises(TriageError, match="campaigns only"):
        apply_action(db, [ItemRef("mention", 1)], "verdict", who="ana", now=NOW,
                     verdict="not_fake")


def test_undo_walks_back_one_action_at_a_time(db) -> None:  # type: ignore[no-untyped-def]
    """Each undo restores the previous action of that person, never someone else's."""
    ref = ItemRef("mention", 1)
    apply_action(db, [ref], "assign", who="ana", now=NOW, assignee="ana")
    apply_action(db, [ref], "tag", who="ana", now=NOW, add=["x"])
    apply_action(db, [ItemRef("mention", 2)], "resolve", who="bob", now=NOW)
    undo(db, last_undoable_batch(db, "ana"), who="ana", now=NOW)  # type: ignore[arg-type]
    undo(db, last_undoable_batch(db, "ana"), who="ana", now=NOW)  # type: ignore[arg-type]
    assert last_undoable_batch(db, "ana") is None
    assert last_undoable_batch(db, "bob") is not None
    from listener.store.triage import get_states

    state = get_states(db, [ref])[ref]
    assert (state.assignee, state.tags, state.version) == (None, (), 4)


def test_expired_snooze_comes_back(db) -> None:  # type: ignore[no-untyped-def]
    """A snoozed mention is out of Needs reply until its time, then back."""
    apply_action(db, [ItemRef("mention", 11)], "snooze", who="ana", now=NOW,
                 duration=timedelta(hours=1))
    before = {r.key for r in queue_page(db, "needs_reply", QueueFilter(), now=NOW)}
    later = NOW + timedelta(hours=2)
    after = {r.key for r in queue_page(db, "needs_reply", QueueFilter(), now=later)}
    assert "m11" not in before and "m11" in after
    assert queue_counts(db, QueueFilter(), now=later)["needs_reply"] == 9


def test_needs_reply_ranking_matches_a_brute_force_ranking(tmp_path: Path) -> None:
    """The pruned, paged ranking equals sorting every active negative by urgency."""
    rng = random.Random(3)
    db = connect(build(tmp_path / "r.db"))
    with write_tx(db):
        for i in range(100, 700):
            insert_mention(db, i, rng.uniform(0, 24 * 40), rng.choice([1, 2, 3]), f"u{i}",
                           ["Colibri"], "negative", -rng.uniform(0.06, 1),
                           rng.choice([None, 3, 300, 30000, 300000]), "en", "t", f"text {i}")
        # Some are rated reviews: one or two stars whose text reads mild or even positive.
        for i in rng.sample(range(100, 700), 60):
            db.execute("UPDATE mentions SET rating = ?, compound = ? WHERE id = ?",
                       [rng.choice([1, 2, 3]), rng.uniform(-0.3, 0.6), i])
    for i in rng.sample(range(100, 700), 50):
        apply_action(db, [ItemRef("mention", i)], rng.choice(["resolve", "ignore", "escalate"]),
                     who="ana", now=NOW)
    pages, after = [], None
    while True:
        page = queue_page(db, "needs_reply", QueueFilter(), now=NOW, limit=37, after=after)
        pages += page
        if len(page) < 37:
            break
        after = page[-1].order

    def urgency(m: tuple) -> float:  # type: ignore[type-arg]
        stars = {1: 0.75, 2: 0.5}.get(m[4], 0.0)
        neg = max(-m[1], stars)
        neg = neg if neg > 0.05 else 0.05
        reach = m[2] or 0
        w = 3.0 if reach >= 100000 else 2.5 if reach >= 10000 else 2.0 if reach >= 1000 else (
            1.5 if reach >= 100 else 1.0)
        age = max(0.0, (NOW - parse_iso(m[3])).total_seconds() / 86400)
        return neg * w / (1 + age)

    rows = db.execute(
        "SELECT m.id, m.compound, m.reach, m.published_at, m.rating FROM mentions m"
        " LEFT JOIN triage t"
        " ON t.kind = 'mention' AND t.item_id = m.id WHERE m.label = 'negative'"
        " AND m.published_at >= ? AND (t.status IS NULL OR t.status IN ('new', 'open',"
        " 'escalated'))", [(NOW - NEEDS_REPLY_WINDOW).strftime("%Y-%m-%dT%H:%M:%SZ")]).fetchall()
    expected = [r[0] for r in sorted(rows, key=lambda m: (-urgency(m), -m[0]))]
    assert [r.ref.id for r in pages] == expected
    assert len(expected) == queue_counts(db, QueueFilter(), now=NOW)["needs_reply"]


def test_brand_trends_count_per_hour(db) -> None:  # type: ignore[no-untyped-def]
    """Hourly buckets add up to the brand's mentions of the last 24 h."""
    trends = {t.brand: t for t in brand_trends(db, now=NOW, span=timedelta(hours=24),
                                                buckets=24)}
    assert sum(trends["Colibri"].totals) == 5  # m3, m5, m6, m7, m12
    assert sum(trends["Colibri"].negatives) == 3
    assert trends["Colibri"].totals[-1] == 1  # m12, 30 minutes ago


def test_clean_neutralises_hostile_text() -> None:
    """Controls become visible pictures, bidi overrides a marker, invisibles vanish."""
    assert clean("a\x1b[31mb") == "a␛[31mb"
    assert clean("x\u202ey\u2066z") == "x⇄y⇄z"
    assert clean("zero\u200bwidth\ufeff") == "zerowidth"
    assert clean("a\u0301\u0301\u0301\u0301b") == "a\u0301\u0301b"
    assert clean("[red]x[/red]") == "[red]x[/red]"
    assert clean("a\nb") == "a b" and clean("a\nb", keep_newlines=True) == "a\nb"
    cut = clean("y" * 50, max_chars=10)
    assert cut.startswith("y" * 10) and "40 more characters" in cut
    assert one_line("\n\n  first   line \nsecond", 8) == "first l…"


def test_sparkline_scales_to_the_maximum() -> None:
    """Zero is the lowest bar, the maximum the highest, None a gap."""
    assert sparkline([0, 4, 8, None]) == "▁▅█ "
    assert sparkline([1, 1], maximum=0) == "▁▁"


def test_a_locked_database_is_a_clear_error(tmp_path: Path) -> None:
    """When another program holds the write lock too long, the action fails with a StoreError."""
    from listener.errors import StoreError

    path = build(tmp_path / "l.db")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    db = connect(path, busy_timeout=0.1)
    try:
        with pytest.raises(StoreError, match="another program holds the database"):
            apply_action(db, [ItemRef("mention", 1)], "resolve", who="ana", now=NOW)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.conn.close()


def test_the_assignee_filter_keeps_what_is_assigned_to_one_person_in_every_queue(
        db) -> None:  # type: ignore[no-untyped-def]
    """ "Mine": every queue and every count shows only the items assigned to that
    person; the others stay as they were."""
    ana = QueueFilter(assignee="ana")
    everyone = queue_counts(db, QueueFilter(), now=NOW)
    assert all(n == 0 for q, n in queue_counts(db, ana, now=NOW).items())
    mentions = [r.ref for r in queue_page(db, "needs_reply", QueueFilter(), now=NOW)[:3]]
    apply_action(db, mentions, "assign", who="bob", now=NOW, assignee="ana")
    apply_action(db, [mentions[2]], "resolve", who="ana", now=NOW)
    apply_action(db, [ItemRef("alert", 1)], "assign", who="ana", now=NOW, assignee="ana")
    apply_action(db, [ItemRef("campaign", 1)], "assign", who="ana", now=NOW, assignee="bob")
    counts = queue_counts(db, ana, now=NOW)
    assert counts == {"needs_reply": 2, "spikes": 1, "campaigns": 0, "all": 3, "done": 1}
    for queue, n in counts.items():
        rows = queue_page(db, queue, ana, now=NOW)
        assert len(rows) == n, queue
        assert all(r.state.assignee == "ana" for r in rows), queue
    assert {r.ref for r in queue_page(db, "needs_reply", ana, now=NOW)} == set(mentions[:2])
    assert queue_counts(db, QueueFilter(assignee="bob"), now=NOW)["campaigns"] == 1
    # With a brand too: both filters hold.
    brand = queue_page(db, "all", QueueFilter(), now=NOW)[0].brand
    both = QueueFilter(brand=brand, assignee="ana")
    assert all(r.brand == brand or brand in r.brand for r in queue_page(db, "all", both, now=NOW))
    assert queue_counts(db, QueueFilter(), now=NOW)["all"] == everyone["all"]
