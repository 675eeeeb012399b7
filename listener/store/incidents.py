"""Read queries of the triage interface: queues, details, trends and change marks.

The TUI never writes SQL; it calls these functions on its own connection.
Every list is capped (``limit``) and paged by keyset (``after`` is the
``order`` tuple of the last row already shown), so a store of any size opens
fast. All SQL uses bound parameters.

Queues
    ``needs_reply``  negative mentions not yet resolved/ignored/snoozed, most
                     urgent first (see :data:`URGENCY_SQL`), published within
                     :data:`NEEDS_REPLY_WINDOW`;
    ``spikes``       spike alerts not resolved/ignored by a person;
    ``campaigns``    suspected campaigns not resolved/ignored by a person;
    ``all``          every mention, newest first;
    ``done``         every item resolved or ignored, most recently first;
    ``search``       mentions matching full-text words, newest first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from listener.detection.campaign_reasons import has_caution
from listener.detection.campaign_state import WEAK_EVIDENCE
from listener.store.db import utc_iso
from listener.store.reads import mention_sources
from listener.store.triage import ItemRef, LogEntry, TriageState, history

__all__ = [
    "QUEUES", "NEEDS_REPLY_WINDOW", "URGENCY_SQL", "QueueFilter", "QueueRow", "MentionDetail",
    "AlertDetail", "CampaignDetail", "BrandTrend", "ChangeMarks", "Incident", "queue_page",
    "queue_counts", "mention_detail", "alert_detail", "campaign_detail", "brand_trends",
    "list_brands", "list_sources", "change_marks", "opened_incidents", "rows_by_refs",
    "severity_of_urgency",
]

QUEUES = ("needs_reply", "spikes", "campaigns", "all", "done", "search")
#: Negative mentions older than this leave "Needs reply" (they stay in "All mentions").
NEEDS_REPLY_WINDOW = timedelta(days=30)

#: Urgency of a negative mention, in [0, ~3]: how negative (0.05..1) × reach
#: weight (1 to 3 by order of magnitude of ``reach``) × recency (halved after
#: 24 h, a third after 48 h...). ``:now`` is bound by the caller.
#: How much a mention's author's reach weighs (1 to 3, by order of magnitude).
REACH_WEIGHT_SQL = (
    "(CASE WHEN coalesce(m.reach, 0) >= 100000 THEN 3.0"
    "  WHEN coalesce(m.reach, 0) >= 10000 THEN 2.5 WHEN coalesce(m.reach, 0) >= 1000 THEN 2.0"
    "  WHEN coalesce(m.reach, 0) >= 100 THEN 1.5 ELSE 1.0 END)")
#: How negative a mention is, 0 to 1: its text's score, or its stars when they say
#: worse (one star 0.75, two stars 0.5; a polite one-star review is still a complaint).
NEGATIVITY_SQL = "max(-m.compound, CASE m.rating WHEN 1 THEN 0.75 WHEN 2 THEN 0.5 ELSE 0 END)"
URGENCY_SQL = (
    f"((CASE WHEN {NEGATIVITY_SQL} > 0.05 THEN {NEGATIVITY_SQL} ELSE 0.05 END)"
    f" * {REACH_WEIGHT_SQL}"
    " / (1.0 + max(0.0, julianday(:now) - julianday(m.published_at))))")


def severity_of_urgency(urgency: float) -> str:
    """``low`` / ``medium`` / ``high`` / ``critical`` for an urgency score."""
    if urgency >= 1.5:
        return "critical"
    if urgency >= 0.75:
        return "high"
    if urgency >= 0.3:
        return "medium"
    return "low"


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Filters shared by every queue: a brand, a source (mentions only), search words,
    and an assignee (only the items assigned to that person: "mine")."""

    brand: str | None = None
    source_id: int | None = None
    search: str | None = None
    assignee: str | None = None


def _assigned(filt: QueueFilter, where: list[str], params: dict[str, Any]) -> None:
    """Add the assignee filter over the joined ``triage t`` row, if any."""
    if filt.assignee is not None:
        where.append("t.assignee = :assignee")
        params["assignee"] = filt.assignee


@dataclass(slots=True)
class QueueRow:
    """One line of a queue list (texts are cut to a snippet; see the detail calls)."""

    ref: ItemRef
    at: str
    brand: str
    source: str
    author: str | None
    label: str
    title: str
    text: str
    url: str | None
    state: TriageState
    order: tuple[Any, ...]
    compound: float | None = None
    reach: int | None = None
    lang: str | None = None
    urgency: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The row key (``m12``, ``a3``, ``c7``)."""
        return self.ref.key


_SNIPPET = 300
_STATE_SQL = ("t.status, t.snoozed_until, t.assignee, t.tags, t.verdict, t.notes, t.version,"
              " t.updated_at, t.updated_by")
_ACTIVE_SQL = ("(t.status IS NULL OR t.status IN ('new', 'open', 'escalated')"
               " OR (t.status = 'snoozed' AND t.snoozed_until <= :now))")


def _state(row: Sequence[Any]) -> TriageState:
    if row[0] is None:
        return TriageState()
    return TriageState(status=row[0], snoozed_until=row[1], assignee=row[2],
                       tags=tuple(json.loads(row[3] or "[]")), verdict=row[4], notes=row[5],
                       version=row[6], updated_at=row[7], updated_by=row[8])


_MENTION_SELECT = (
    "SELECT m.id, m.published_at, m.author, m.url, m.label, m.compound, m.reach, m.lang,"
    f" substr(m.title, 1, {_SNIPPET}), substr(m.text, 1, {_SNIPPET}), coalesce(s.name, s.url),"
    " (SELECT group_concat(brand, ', ') FROM mention_brands b WHERE b.mention_id = m.id),"
    f" {_STATE_SQL}")


def _mention_row(r: Sequence[Any], order: tuple[Any, ...], urgency: float | None = None
                 ) -> QueueRow:
    return QueueRow(ref=ItemRef("mention", r[0]), at=r[1], author=r[2], url=r[3], label=r[4],
                    compound=r[5], reach=r[6], lang=r[7], title=r[8] or "", text=r[9] or "",
                    source=r[10] or "", brand=r[11] or "", state=_state(r[12:21]), order=order,
                    urgency=urgency)


def _mention_from(filt: QueueFilter, label: str | None) -> tuple[str, list[str], dict[str, Any]]:
    """FROM clause, WHERE parts and params for mentions, driven by the best index."""
    params: dict[str, Any] = {}
    where: list[str] = []
    if filt.brand is not None:
        frm = ("FROM mention_brands mb JOIN mentions m ON m.id = mb.mention_id")
        where.append("mb.brand = :brand")
        params["brand"] = filt.brand
        if label:
            where.append("mb.label = :label")
    else:
        frm = "FROM mentions m"
        if label:
            where.append("m.label = :label")
    if label:
        params["label"] = label
    frm += (" JOIN sources s ON s.id = m.source_id"
            " LEFT JOIN triage t ON t.kind = 'mention' AND t.item_id = m.id")
    if filt.source_id is not None:
        where.append("m.source_id = :source_id")
        params["source_id"] = filt.source_id
    _assigned(filt, where, params)
    return frm, where, params


def _time_col(filt: QueueFilter) -> str:
    return "mb.published_at" if filt.brand is not None else "m.published_at"


#: Highest possible urgency before the recency factor (most negative × widest reach).
_URGENCY_CEILING = 3.0


def _negatives_where(filt: QueueFilter) -> tuple[list[str], dict[str, Any]]:
    """WHERE parts over ``mentions m`` for active negatives (index-only until the page)."""
    where = ["m.label = 'negative'", "m.published_at >= :since", _ACTIVE_SQL]
    params: dict[str, Any] = {}
    if filt.brand is not None:
        where.append("EXISTS (SELECT 1 FROM mention_brands b WHERE b.mention_id = m.id"
                     " AND b.brand = :brand)")
        params["brand"] = filt.brand
    if filt.source_id is not None:
        where.append("m.source_id = :source_id")
        params["source_id"] = filt.source_id
    _assigned(filt, where, params)
    return where, params


def _needs_reply(db: sqlite_utils.Database, filt: QueueFilter, now: datetime, limit: int,
                 after: tuple[Any, ...] | None) -> list[QueueRow]:
    """Top urgency first. Exact, but pruned: a mention older than ``w`` days has an
    urgency of at most ``3 / (1 + w)``, so when a page taken from the last ``w``
    days is full and its lowest urgency is above that bound, older mentions
    cannot enter it and the wider window is never read."""
    where, params = _negatives_where(filt)
    if after is not None:
        where.append(f"({URGENCY_SQL} < :au OR ({URGENCY_SQL} = :au AND m.id < :aid))")
        params.update(au=after[0], aid=after[1])
    sql = (f"SELECT m.id, {URGENCY_SQL} AS u FROM mentions m"
           " LEFT JOIN triage t ON t.kind = 'mention' AND t.item_id = m.id"
           f" WHERE {' AND '.join(where)} ORDER BY u DESC, m.id DESC LIMIT :limit")
    params.update(now=utc_iso(now), limit=limit)
    windows = [w for w in (timedelta(days=2), timedelta(days=7)) if w < NEEDS_REPLY_WINDOW]
    top: list[tuple[int, float]] = []
    for window in [*windows, NEEDS_REPLY_WINDOW]:
        params["since"] = utc_iso(now - window)
        top = [(r[0], r[1]) for r in db.execute(sql, params)]
        bound = _URGENCY_CEILING / (1.0 + window.total_seconds() / 86400)
        if len(top) == limit and top[-1][1] > bound:
            break
    found = rows_by_refs(db, [ItemRef("mention", i) for i, _ in top], now=now)
    out = []
    for mention_id, urgency in top:
        row = found.get(ItemRef("mention", mention_id))
        if row is not None:
            row.urgency, row.order = urgency, (urgency, mention_id)
            out.append(row)
    return out


def _all(db: sqlite_utils.Database, filt: QueueFilter, now: datetime, limit: int,
         after: tuple[Any, ...] | None) -> list[QueueRow]:
    frm, where, params = _mention_from(filt, None)
    tcol = _time_col(filt)
    idcol = "mb.mention_id" if filt.brand is not None else "m.id"
    params.update(now=utc_iso(now), limit=limit)
    if after is not None:
        where.append(f"({tcol} < :at OR ({tcol} = :at AND {idcol} < :aid))")
        params.update(at=after[0], aid=after[1])
    sql = f"{_MENTION_SELECT} {frm}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {tcol} DESC, {idcol} DESC LIMIT :limit"
    return [_mention_row(r, (r[1], r[0])) for r in db.execute(sql, params)]


def _search(db: sqlite_utils.Database, filt: QueueFilter, now: datetime, limit: int,
            after: tuple[Any, ...] | None) -> list[QueueRow]:
    words = [w for w in "".join(c if c.isalnum() else " " for c in filt.search or "").split()]
    if not words:
        return []
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    params: dict[str, Any] = {"match": match, "limit": limit}
    where = ["m.id IN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH :match)"]
    if filt.brand is not None:
        where.append("m.id IN (SELECT mention_id FROM mention_brands WHERE brand = :brand)")
        params["brand"] = filt.brand
    if filt.source_id is not None:
        where.append("m.source_id = :source_id")
        params["source_id"] = filt.source_id
    _assigned(filt, where, params)
    if after is not None:
        where.append("(m.published_at < :at OR (m.published_at = :at AND m.id < :aid))")
        params.update(at=after[0], aid=after[1])
    sql = (f"{_MENTION_SELECT} FROM mentions m JOIN sources s ON s.id = m.source_id"
           " LEFT JOIN triage t ON t.kind = 'mention' AND t.item_id = m.id"
           f" WHERE {' AND '.join(where)} ORDER BY m.published_at DESC, m.id DESC LIMIT :limit")
    return [_mention_row(r, (r[1], r[0])) for r in db.execute(sql, params)]


_ALERT_SELECT = ("SELECT a.id, a.opened_at, a.brand, a.test, a.state, a.severity, a.score,"
                 " a.summary, a.observed, a.expected, a.updated_at,"
                 " (SELECT count(*) FROM alert_mentions am WHERE am.alert_id = a.id),"
                 f" {_STATE_SQL}, json_extract(a.evidence, '$.headline_message') FROM alerts a"
                 " LEFT JOIN triage t ON t.kind = 'alert' AND t.item_id = a.id")


def _alert_row(r: Sequence[Any], order: tuple[Any, ...]) -> QueueRow:
    return QueueRow(ref=ItemRef("alert", r[0]), at=r[1], brand=r[2], source=r[3],
                    author=None, label=r[5], title=r[7], text=r[7], url=None,
                    state=_state(r[12:21]), order=order,
                    extra={"test": r[3], "detector_state": r[4], "severity": r[5],
                           "score": r[6], "observed": r[8], "expected": r[9],
                           "updated_at": r[10], "members": r[11],
                           # The summary as a message, for readers of other languages.
                           "summary_message": r[21]})


_CAMPAIGN_SELECT = ("SELECT c.id, c.last_at, c.target, c.state, c.score, c.reasons, c.first_at,"
                    " c.updated_at,"
                    " (SELECT count(*) FROM campaign_members cm WHERE cm.campaign_id = c.id),"
                    f" {_STATE_SQL}, json_extract(c.evidence, '$.reason_messages[0]')"
                    " FROM campaigns c"
                    " LEFT JOIN triage t ON t.kind = 'campaign' AND t.item_id = c.id")


def _reasons(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return [str(text)]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _campaign_row(r: Sequence[Any], order: tuple[Any, ...]) -> QueueRow:
    reasons = _reasons(r[5])
    first = reasons[0] if reasons else "suspected coordinated campaign"
    return QueueRow(ref=ItemRef("campaign", r[0]), at=r[1], brand=r[2], source="campaign",
                    author=None, label="campaign", title=first, text=first, url=None,
                    state=_state(r[9:18]), order=order,
                    extra={"detector_state": r[3], "score": r[4], "first_at": r[6],
                           "updated_at": r[7], "members": r[8], "reasons": reasons,
                           # Only timing, accounts and ratings: a genuine crowd looks the same.
                           "caution": has_caution(reasons),
                           # The first reason as a message, for readers of other languages.
                           "title_message": r[18]})


_NOT_DONE = ("(t.status IS NULL OR (t.status NOT IN ('resolved', 'ignored')"
             " AND NOT (t.status = 'snoozed' AND t.snoozed_until > :now)))")


def _incident_queue(db: sqlite_utils.Database, filt: QueueFilter, now: datetime, limit: int,
                    after: tuple[Any, ...] | None, *, select: str, brand_column: str,
                    time_column: str, id_column: str,
                    to_row: Callable[[Sequence[Any], tuple[Any, ...]], QueueRow]
                    ) -> list[QueueRow]:
    """Not-done incidents of one kind, newest first, after the keyset ``after``."""
    where, params = [_NOT_DONE], {"now": utc_iso(now), "limit": limit}
    if filt.brand is not None:
        where.append(f"{brand_column} = :brand")
        params["brand"] = filt.brand
    _assigned(filt, where, params)
    if after is not None:
        where.append(f"({time_column} < :at OR ({time_column} = :at AND {id_column} < :aid))")
        params.update(at=after[0], aid=after[1])
    sql = (f"{select} WHERE {' AND '.join(where)}"
           f" ORDER BY {time_column} DESC, {id_column} DESC LIMIT :limit")
    return [to_row(r, (r[1], r[0])) for r in db.execute(sql, params)]


def _spikes(db: sqlite_utils.Database, filt: QueueFilter, now: datetime, limit: int,
            after: tuple[Any, ...] | None) -> list[QueueRow]:
    return _incident_queue(db, filt, now, limit, after, select=_ALERT_SELECT,
                           brand_column="a.brand", time_column="a.opened_at",
                           id_column="a.id", to_row=_alert_row)


def _campaigns(db: sqlite_utils.Database, filt: QueueFilter, now: datetime, limit: int,
               after: tuple[Any, ...] | None) -> list[QueueRow]:
    return _incident_queue(db, filt, now, limit, after, select=_CAMPAIGN_SELECT,
                           brand_column="c.target", time_column="c.last_at",
                           id_column="c.id", to_row=_campaign_row)


def _done_keys_sql(filt: QueueFilter) -> tuple[str, dict[str, Any]]:
    """Union of done items of every kind as (kind, id, updated_at), filtered."""
    params: dict[str, Any] = {}
    mention_where = ["t.kind = 'mention'", "t.status IN ('resolved', 'ignored')"]
    if filt.brand is not None:
        mention_where.append("t.item_id IN (SELECT mention_id FROM mention_brands"
                             " WHERE brand = :brand)")
        params["brand"] = filt.brand
    if filt.source_id is not None:
        mention_where.append("t.item_id IN (SELECT id FROM mentions WHERE source_id = :source_id)")
        params["source_id"] = filt.source_id
    _assigned(filt, mention_where, params)
    parts = ["SELECT t.kind AS kind, t.item_id AS id, t.updated_at AS at FROM triage t"
             f" WHERE {' AND '.join(mention_where)}"]
    if filt.source_id is None:
        for kind, table, col in (("alert", "alerts", "brand"), ("campaign", "campaigns", "target")):
            w = [f"t.kind = '{kind}'", "t.status IN ('resolved', 'ignored')"]
            if filt.brand is not None:
                w.append(f"t.item_id IN (SELECT id FROM {table} WHERE {col} = :brand)")
            if filt.assignee is not None:
                w.append("t.assignee = :assignee")
            parts.append(f"SELECT t.kind, t.item_id, t.updated_at FROM triage t"
                         f" WHERE {' AND '.join(w)}")
    return " UNION ALL ".join(parts), params


def _done(db: sqlite_utils.Database, filt: QueueFilter, now: datetime, limit: int,
          after: tuple[Any, ...] | None) -> list[QueueRow]:
    union, params = _done_keys_sql(filt)
    sql = f"SELECT kind, id, at FROM ({union})"
    if after is not None:
        sql += " WHERE (at < :at OR (at = :at AND (kind < :ak OR (kind = :ak AND id < :aid))))"
        params.update(at=after[0], ak=after[1], aid=after[2])
    sql += " ORDER BY at DESC, kind DESC, id DESC LIMIT :limit"
    params["limit"] = limit
    keys = db.execute(sql, params).fetchall()
    found = rows_by_refs(db, [ItemRef(k, i) for k, i, _ in keys], now=now)
    out = []
    for kind, item_id, at in keys:
        row = found.get(ItemRef(kind, item_id))
        if row is not None:
            row.order = (at, kind, item_id)
            out.append(row)
    return out


def rows_by_refs(db: sqlite_utils.Database, refs: Sequence[ItemRef], *,
                 now: datetime) -> dict[ItemRef, QueueRow]:
    """Queue rows of the given items (any kind), for refreshing rows in place."""
    out: dict[ItemRef, QueueRow] = {}
    by_kind: dict[str, list[int]] = {}
    for ref in refs:
        by_kind.setdefault(ref.kind, []).append(ref.id)
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            if kind == "mention":
                sql = (f"{_MENTION_SELECT}, {URGENCY_SQL.replace(':now', '?')}"
                       " FROM mentions m JOIN sources s ON s.id = m.source_id"
                       " LEFT JOIN triage t ON t.kind = 'mention' AND t.item_id = m.id"
                       f" WHERE m.id IN ({marks})")
                for r in db.execute(sql, [utc_iso(now), *chunk]):
                    row = _mention_row(r, (r[1], r[0]), urgency=r[21])
                    out[row.ref] = row
            elif kind == "alert":
                for r in db.execute(f"{_ALERT_SELECT} WHERE a.id IN ({marks})", chunk):
                    row = _alert_row(r, (r[1], r[0]))
                    out[row.ref] = row
            elif kind == "campaign":
                for r in db.execute(f"{_CAMPAIGN_SELECT} WHERE c.id IN ({marks})", chunk):
                    row = _campaign_row(r, (r[1], r[0]))
                    out[row.ref] = row
    return out


_QUEUE_FUNCS = {"needs_reply": _needs_reply, "all": _all, "search": _search, "spikes": _spikes,
                "campaigns": _campaigns, "done": _done}


def queue_page(db: sqlite_utils.Database, queue: str, filt: QueueFilter, *, now: datetime,
               limit: int = 200, after: tuple[Any, ...] | None = None) -> list[QueueRow]:
    """Up to ``limit`` rows of ``queue`` in queue order, after the keyset ``after``.

    ``now`` fixes the clock of urgency and snoozes: keep the same value while
    paging one queue so the order stays stable.
    """
    try:
        func = _QUEUE_FUNCS[queue]
    except KeyError:
        raise ValueError(f"unknown queue {queue!r} (expected one of {QUEUES})") from None
    return func(db, filt, now, max(1, min(int(limit), 5000)), after)


def queue_counts(db: sqlite_utils.Database, filt: QueueFilter, *, now: datetime
                 ) -> dict[str, int]:
    """Number of items in each queue (``search`` only when ``filt.search`` is set)."""
    counts: dict[str, int] = {}
    where, params = _negatives_where(filt)
    params.update(now=utc_iso(now), since=utc_iso(now - NEEDS_REPLY_WINDOW))
    counts["needs_reply"] = db.execute(
        "SELECT count(*) FROM mentions m LEFT JOIN triage t ON t.kind = 'mention'"
        f" AND t.item_id = m.id WHERE {' AND '.join(where)}", params).fetchone()[0]
    now_p: dict[str, Any] = {"now": utc_iso(now)}
    a_where, c_where = [_NOT_DONE], [_NOT_DONE]
    if filt.brand is not None:
        now_p["brand"] = filt.brand
        a_where.append("a.brand = :brand")
        c_where.append("c.target = :brand")
    _assigned(filt, a_where, now_p)
    _assigned(filt, c_where, now_p)
    counts["spikes"] = db.execute(
        "SELECT count(*) FROM alerts a LEFT JOIN triage t ON t.kind = 'alert' AND t.item_id = a.id"
        f" WHERE {' AND '.join(a_where)}", now_p).fetchone()[0]
    counts["campaigns"] = db.execute(
        "SELECT count(*) FROM campaigns c LEFT JOIN triage t ON t.kind = 'campaign'"
        f" AND t.item_id = c.id WHERE {' AND '.join(c_where)}", now_p).fetchone()[0]
    if filt.assignee is not None:
        frm, where, p = _mention_from(filt, None)
        counts["all"] = db.execute(f"SELECT count(*) {frm} WHERE {' AND '.join(where)}",
                                   p).fetchone()[0]
    elif filt.brand is None and filt.source_id is None:
        counts["all"] = db.execute("SELECT count(*) FROM mentions").fetchone()[0]
    elif filt.brand is None:
        counts["all"] = db.execute("SELECT count(*) FROM mentions WHERE source_id = ?",
                                   [filt.source_id]).fetchone()[0]
    else:
        sql = ("SELECT count(*) FROM mention_brands mb JOIN mentions m ON m.id = mb.mention_id"
               " WHERE mb.brand = :brand")
        p: dict[str, Any] = {"brand": filt.brand}
        if filt.source_id is not None:
            sql += " AND m.source_id = :source_id"
            p["source_id"] = filt.source_id
        counts["all"] = db.execute(sql, p).fetchone()[0]
    union, params = _done_keys_sql(filt)
    counts["done"] = db.execute(f"SELECT count(*) FROM ({union})", params).fetchone()[0]
    if filt.search:
        counts["search"] = len(_search(db, filt, now, 1000, None))
    return counts


@dataclass(slots=True)
class MentionDetail:
    """Everything the detail pane shows about one mention."""

    row: QueueRow
    title: str
    text: str
    kind: str
    rating: int | None
    fetched_at: str
    analyser: str | None
    lang_supported: bool
    brands: list[str]
    sources: list[dict[str, Any]]
    author_other: list[QueueRow]
    alerts: list[int]
    campaigns: list[int]
    history: list[LogEntry]


def mention_detail(db: sqlite_utils.Database, mention_id: int, *, now: datetime,
                   other_limit: int = 10) -> MentionDetail | None:
    """Full text, sources, the author's other mentions, incidents and history."""
    ref = ItemRef("mention", mention_id)
    row = rows_by_refs(db, [ref], now=now).get(ref)
    if row is None:
        return None
    r = db.execute("SELECT title, text, kind, rating, fetched_at, analyser, lang_supported"
                   " FROM mentions WHERE id = ?", [mention_id]).fetchone()
    brands = [b[0] for b in db.execute(
        "SELECT brand FROM mention_brands WHERE mention_id = ? ORDER BY brand", [mention_id])]
    other: list[QueueRow] = []
    if row.author:
        ids = [x[0] for x in db.execute(
            "SELECT id FROM mentions WHERE author = ? AND id != ?"
            " ORDER BY published_at DESC, id DESC LIMIT ?", [row.author, mention_id, other_limit])]
        found = rows_by_refs(db, [ItemRef("mention", i) for i in ids], now=now)
        other = [found[ItemRef("mention", i)] for i in ids if ItemRef("mention", i) in found]
    alerts = [x[0] for x in db.execute(
        "SELECT alert_id FROM alert_mentions WHERE mention_id = ? ORDER BY alert_id", [mention_id])]
    campaigns = [x[0] for x in db.execute(
        "SELECT campaign_id FROM campaign_members WHERE mention_id = ? ORDER BY campaign_id",
        [mention_id])]
    return MentionDetail(row=row, title=r[0] or "", text=r[1] or "", kind=r[2], rating=r[3],
                         fetched_at=r[4], analyser=r[5], lang_supported=bool(r[6]),
                         brands=brands, sources=mention_sources(db, mention_id),
                         author_other=other, alerts=alerts, campaigns=campaigns,
                         history=history(db, ref))


def _json_object(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(slots=True)
class AlertDetail:
    """A spike alert with its evidence and member mentions."""

    row: QueueRow
    resolved_at: str | None
    p_value: float | None
    evidence: dict[str, Any]
    members: list[QueueRow]
    member_count: int
    history: list[LogEntry]


def _members(db: sqlite_utils.Database, sql: str, item_id: int, limit: int, now: datetime
             ) -> list[QueueRow]:
    ids = [x[0] for x in db.execute(sql, [item_id, limit])]
    found = rows_by_refs(db, [ItemRef("mention", i) for i in ids], now=now)
    return [found[ItemRef("mention", i)] for i in ids if ItemRef("mention", i) in found]


def alert_detail(db: sqlite_utils.Database, alert_id: int, *, now: datetime,
                 members_limit: int = 50) -> AlertDetail | None:
    """The alert, its parsed evidence (missing keys tolerated) and member mentions."""
    ref = ItemRef("alert", alert_id)
    row = rows_by_refs(db, [ref], now=now).get(ref)
    if row is None:
        return None
    r = db.execute("SELECT resolved_at, p_value, evidence FROM alerts WHERE id = ?",
                   [alert_id]).fetchone()
    members = _members(db, "SELECT am.mention_id FROM alert_mentions am JOIN mentions m"
                           " ON m.id = am.mention_id WHERE am.alert_id = ?"
                           " ORDER BY m.published_at DESC LIMIT ?", alert_id, members_limit, now)
    return AlertDetail(row=row, resolved_at=r[0], p_value=r[1], evidence=_json_object(r[2]),
                       members=members, member_count=int(row.extra["members"]),
                       history=history(db, ref))


@dataclass(slots=True)
class CampaignDetail:
    """A suspected campaign with its reasons, evidence and members (with their scores)."""

    row: QueueRow
    reasons: list[str]
    evidence: dict[str, Any]
    members: list[QueueRow]
    member_scores: dict[int, float]
    member_count: int
    history: list[LogEntry]
    member_times: list[str] = field(default_factory=list)
    #: Listed members on weak evidence: their own likelihood ratio is under
    #: ``WEAK_EVIDENCE``, they were flagged for arriving with the others (the
    #: count over all members is the detector's figure ``weak_members``).
    weak_ids: set[int] = field(default_factory=set)


def campaign_detail(db: sqlite_utils.Database, campaign_id: int, *, now: datetime,
                    members_limit: int = 50) -> CampaignDetail | None:
    """The campaign, its reasons and evidence, members by decreasing score (as shown,
    two decimals), the newest first among equal scores."""
    ref = ItemRef("campaign", campaign_id)
    row = rows_by_refs(db, [ref], now=now).get(ref)
    if row is None:
        return None
    r = db.execute("SELECT reasons, evidence FROM campaigns WHERE id = ?",
                   [campaign_id]).fetchone()
    listed = db.execute(
        "SELECT cm.mention_id, cm.score, cm.likelihood_ratio FROM campaign_members cm"
        " JOIN mentions m ON m.id = cm.mention_id WHERE cm.campaign_id = ?"
        " ORDER BY round(cm.score, 2) DESC, m.published_at DESC, cm.mention_id LIMIT ?",
        [campaign_id, members_limit]).fetchall()
    scores = {x[0]: x[1] for x in listed}
    weak_ids = {x[0] for x in listed if x[2] is not None and x[2] < WEAK_EVIDENCE}
    found = rows_by_refs(db, [ItemRef("mention", i) for i in scores], now=now)
    members = [found[ItemRef("mention", i)] for i in scores if ItemRef("mention", i) in found]
    times = [x[0] for x in db.execute(
        "SELECT m.published_at FROM campaign_members cm JOIN mentions m ON m.id = cm.mention_id"
        " WHERE cm.campaign_id = ? ORDER BY m.published_at LIMIT 5000", [campaign_id])]
    return CampaignDetail(row=row, reasons=_reasons(r[0]), evidence=_json_object(r[1]),
                          members=members, member_scores=scores,
                          member_count=int(row.extra["members"]), history=history(db, ref),
                          member_times=times, weak_ids=weak_ids)


@dataclass(slots=True)
class BrandTrend:
    """Mentions and negatives of one brand per time bucket, oldest bucket first."""

    brand: str
    start: str
    bucket_seconds: int
    totals: list[int]
    negatives: list[int]

    @property
    def negative_share(self) -> list[float | None]:
        """Negative share per bucket (None for empty buckets)."""
        return [n / t if t else None for t, n in zip(self.totals, self.negatives, strict=True)]


def brand_trends(db: sqlite_utils.Database, *, now: datetime, span: timedelta,
                 buckets: int, brands: Sequence[str] | None = None) -> list[BrandTrend]:
    """Per brand, counts over ``span`` ending at ``now`` in ``buckets`` equal buckets."""
    width = max(1, int(span.total_seconds()) // buckets)
    end = int(now.timestamp())
    start = end - width * buckets
    rows = db.execute(
        "SELECT brand, (CAST(strftime('%s', published_at) AS INTEGER) - :start) / :width AS b,"
        " count(*), sum(label = 'negative') FROM mention_brands"
        " WHERE published_at >= :since AND published_at < :until GROUP BY brand, b",
        {"start": start, "width": width, "since": utc_iso(datetime.fromtimestamp(start, now.tzinfo)),
         "until": utc_iso(datetime.fromtimestamp(end, now.tzinfo))}).fetchall()
    names = list(brands) if brands is not None else list_brands(db)
    out = {b: BrandTrend(b, utc_iso(datetime.fromtimestamp(start, now.tzinfo)), width,
                         [0] * buckets, [0] * buckets) for b in names}
    for brand, b, total, neg in rows:
        if brand in out and 0 <= b < buckets:
            out[brand].totals[b] += total
            out[brand].negatives[b] += neg or 0
    return list(out.values())


def list_brands(db: sqlite_utils.Database) -> list[str]:
    """Every brand with at least one mention, alert or campaign, sorted."""
    rows = db.execute(
        "WITH RECURSIVE b(x) AS (SELECT min(brand) FROM mention_brands UNION ALL"
        " SELECT (SELECT min(brand) FROM mention_brands WHERE brand > b.x) FROM b"
        " WHERE b.x IS NOT NULL) SELECT x FROM b WHERE x IS NOT NULL"
        " UNION SELECT brand FROM alerts UNION SELECT target FROM campaigns").fetchall()
    return sorted({r[0] for r in rows if r[0] is not None})


def list_sources(db: sqlite_utils.Database) -> list[tuple[int, str]]:
    """(id, name or URL) of every source, sorted by name."""
    rows = db.execute("SELECT id, coalesce(name, url) FROM sources ORDER BY 2, 1").fetchall()
    return [(r[0], r[1]) for r in rows]


@dataclass(frozen=True, slots=True)
class ChangeMarks:
    """Cheap fingerprints of the store; when one moves, the queues are re-read."""

    mention_id: int = 0
    log_id: int = 0
    alerts: tuple[Any, ...] = ()
    campaigns: tuple[Any, ...] = ()


def change_marks(db: sqlite_utils.Database) -> ChangeMarks:
    """The current :class:`ChangeMarks` (four indexed look-ups)."""
    return ChangeMarks(
        mention_id=db.execute("SELECT coalesce(max(id), 0) FROM mentions").fetchone()[0],
        log_id=db.execute("SELECT coalesce(max(id), 0) FROM triage_log").fetchone()[0],
        alerts=tuple(db.execute("SELECT coalesce(max(id), 0), max(updated_at) FROM alerts"
                                ).fetchone()),
        campaigns=tuple(db.execute("SELECT coalesce(max(id), 0), max(updated_at) FROM campaigns"
                                   ).fetchone()))


@dataclass(frozen=True, slots=True)
class Incident:
    """A spike alert or campaign that opened, for a notification."""

    ref: ItemRef
    brand: str
    summary: str
    severity: str
    #: The summary as a stored message (JSON text), for readers of other languages.
    message: str | None = None


def opened_incidents(db: sqlite_utils.Database, *, after_alert_id: int,
                     after_campaign_id: int) -> list[Incident]:
    """Open alerts and campaigns with ids above the given ones, oldest first."""
    out = [Incident(ItemRef("alert", r[0]), r[1], r[2], r[3], r[4]) for r in db.execute(
        "SELECT id, brand, summary, severity, json_extract(evidence, '$.headline_message')"
        " FROM alerts WHERE id > ? AND state = 'open' ORDER BY id", [after_alert_id])]
    for r in db.execute("SELECT id, target, reasons, score,"
                        " json_extract(evidence, '$.reason_messages[0]') FROM campaigns"
                        " WHERE id > ? AND state = 'open' ORDER BY id", [after_campaign_id]):
        reasons = _reasons(r[2])
        out.append(Incident(ItemRef("campaign", r[0]), r[1],
                            reasons[0] if reasons else "suspected coordinated campaign",
                            "high" if r[3] >= 0.8 else "medium", r[4] if reasons else None))
    return out

