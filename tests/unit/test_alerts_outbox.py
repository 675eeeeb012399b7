"""Rules, threads, cooldowns and the outbox state machine (on a real temp SQLite store)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from listener.alerts.config import parse_alerts
from listener.alerts.delivery import retry_delay
from listener.alerts.formats import body_bytes, render, sign, verify
from listener.alerts.outbox import (
    due_rows,
    enqueue,
    enqueue_detection,
    list_rows,
    mark_failed,
    mention_occurrences,
    parse_time,
    requeue,
)
from listener.alerts.rules import Occurrence, keyword_hits, matches
from listener.errors import ConfigError
from listener.store import connect
from listener.store.tx import write_tx

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
_CH = [{"name": "ops", "kind": "command", "command": ["cat"]}]


def _alerts(**rule: object):  # type: ignore[no-untyped-def]
    base: dict[str, object] = {"name": "r", "events": ["spike.*"], "channels": ["ops"]}
    base.update(rule)
    return parse_alerts({"channels": _CH, "rules": [base]}, "v.toml", env={})


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return connect(tmp_path / "a.db")


def _spike(db: sqlite_utils.Database, alerts, kind: str, alert_id: int, at: datetime,  # type: ignore[no-untyped-def]
           severity: str = "major", brand: str = "Bleuet") -> list[str]:
    with write_tx(db):
        return enqueue_detection(db, alerts, kind=kind, item_id=alert_id, brand=brand,
                                 summary="s", at=at, severity=severity, payload={"series": [1]})


def test_one_incident_is_one_thread(db: sqlite_utils.Database) -> None:
    """Escalation and resolution reference the first event; nothing is queued twice."""
    alerts = _alerts()
    first = _spike(db, alerts, "spike.opened", 1, T0)
    esc = _spike(db, alerts, "spike.escalated", 1, T0 + timedelta(minutes=30), "critical")
    again = _spike(db, alerts, "spike.escalated", 1, T0 + timedelta(minutes=30), "critical")
    res = _spike(db, alerts, "spike.resolved", 1, T0 + timedelta(hours=2))
    assert len(first) == len(esc) == len(res) == 1 and again == []
    rows = sorted(list_rows(db), key=lambda r: r.id)
    assert [r.kind for r in rows] == ["spike.opened", "spike.escalated", "spike.resolved"]
    assert {r.thread_id for r in rows} == {first[0]}
    assert [r.event["update"] for r in rows] == [False, True, True]
    assert "series" not in rows[0].event["data"]


def test_resolution_without_a_thread_is_dropped(db: sqlite_utils.Database) -> None:
    """A resolved incident that never alerted (below min severity) sends nothing."""
    alerts = _alerts(min_severity="major")
    assert _spike(db, alerts, "spike.opened", 1, T0, "minor") == []
    assert _spike(db, alerts, "spike.resolved", 1, T0 + timedelta(hours=1), "minor") == []
    # ...but an escalation that reaches the threshold starts the thread.
    assert len(_spike(db, alerts, "spike.escalated", 2, T0, "critical")) == 1


def test_cooldown_per_rule_and_brand(db: sqlite_utils.Database) -> None:
    """Within the cooldown a rule opens no second thread for the same brand."""
    alerts = _alerts(cooldown="1h")
    assert _spike(db, alerts, "spike.opened", 1, T0)
    assert _spike(db, alerts, "spike.opened", 2, T0 + timedelta(minutes=20)) == []
    assert _spike(db, alerts, "spike.opened", 3, T0 + timedelta(minutes=20), brand="Colibri")
    assert _spike(db, alerts, "spike.escalated", 1, T0 + timedelta(minutes=30), "critical")
    assert _spike(db, alerts, "spike.opened", 4, T0 + timedelta(minutes=61))


def test_mention_rule_conditions() -> None:
    """Mention rules: label, minimum reach and whole-word keywords (case and accents ignored)."""
    alerts = _alerts(events=["mention"], labels=["negative"], min_reach=100,
                     keywords=["arnaque", "class action"])
    rule = alerts.rules[0]

    def occ(text: str, label: str = "negative", reach: int | None = 500) -> Occurrence:
        return mention_occurrences(1, ["Bleuet"], title="t", text=text, url=None, author=None,
                                   label=label, compound=-0.5, reach=reach, lang="fr",
                                   published_at=T0, source_id=1)[0]

    assert matches(rule, occ("Quelle ARNAQUE, vraiment"))
    assert matches(rule, occ("a Class-Action is coming"))
    assert not matches(rule, occ("arnaques en série"))  # whole words only
    assert not matches(rule, occ("arnaque", label="neutral"))
    assert not matches(rule, occ("arnaque", reach=20))
    assert not matches(rule, occ("arnaque", reach=None))
    assert keyword_hits(("lawsuit",), "A LAWSUIT was filed") == ["lawsuit"]


def test_mentions_enqueue_per_brand(db: sqlite_utils.Database) -> None:
    """A mention of two brands makes one event per brand the rule covers."""
    alerts = _alerts(events=["mention"], brands=["Bleuet"])
    occs = mention_occurrences(7, ["Bleuet", "Colibri"], title="t", text="x", url="https://a/",
                               author="bob", label="negative", compound=-0.4, reach=None,
                               lang="en", published_at=T0, source_id=1)
    with write_tx(db):
        ids = enqueue(db, alerts, occs)
    assert len(ids) == 1
    assert list_rows(db)[0].event["item"] == {"type": "mention", "id": 7}


def test_dead_letter_and_requeue(db: sqlite_utils.Database) -> None:
    """A dead letter leaves the due queue; requeue brings it back with attempts reset."""
    _spike(db, _alerts(), "spike.opened", 1, T0)
    row = list_rows(db)[0]
    mark_failed(db, [row.id], error="HTTP 500", status=500, retry_at=None)
    later = datetime.now(UTC) + timedelta(days=1)
    assert due_rows(db, later) == []
    assert list_rows(db, failed=True)[0].state == "dead"
    assert requeue(db, row.id) and not requeue(db, row.id)
    again = due_rows(db, later)
    assert [r.id for r in again] == [row.id] and again[0].attempts == 0


def test_retry_delay_backoff_jitter_and_retry_after() -> None:
    """Delays double per attempt within [d/2, d], are capped, and Retry-After wins."""
    rng = random.Random(1)
    for attempt in range(1, 8):
        d = min(60.0, 2.0 * 2 ** (attempt - 1))
        delays = [retry_delay(attempt, base=2, cap=60, rng=rng) for _ in range(50)]
        assert all(d / 2 <= x <= d for x in delays)
        assert len(set(delays)) > 1  # jitter
    assert retry_delay(1, base=2, cap=60, rng=rng, retry_after=17) == 17
    assert retry_delay(1, base=2, cap=60, rng=rng, retry_after=9999) == 60


def test_signature_round_trip_and_tampering() -> None:
    """The receiver accepts the signed body and refuses a changed body, key or old timestamp."""
    body = body_bytes({"schema": "vigie.alert/1", "id": "evt_1"})
    ts, sig = sign("k", body)
    assert verify("k", body, ts, sig)
    assert not verify("k", body + b" ", ts, sig)
    assert not verify("other", body, ts, sig)
    assert not verify("k", body, ts, sig, now=int(ts) + 3600)


def test_slack_and_discord_formats() -> None:
    """Slack gets Block Kit with a fallback text; Discord an embed; updates say so."""
    event = {"id": "evt_2", "thread_id": "evt_1", "update": True, "kind": "spike.escalated",
             "rule": "r", "brand": "Bleuet", "severity": "critical", "summary": "big",
             "occurred_at": "2026-11-24T09:00:00Z", "data": {}}
    slack = render("slack", event)
    assert slack["text"] and slack["blocks"][0]["type"] == "section"
    assert "update of evt_1" in slack["blocks"][-1]["elements"][0]["text"]
    discord = render("discord", event)
    assert discord["embeds"][0]["color"] == 0xD0021B
    assert "update of evt_1" in discord["embeds"][0]["footer"]["text"]
    assert render("webhook", event) is event


def test_slack_and_discord_show_hostile_mention_text_as_typed() -> None:
    """A mention's text is anyone's: no channel ping, no disguised link, no markup.

    Slack reads ``<!channel>`` and ``<url|label>`` in mrkdwn; Discord renders a
    masked link ``[label](url)`` in an embed. Both must show the text as typed,
    and the only link is the item's own http(s) URL.
    """
    hostile = ("<!channel> Bleuet support: <https://evil.example/login|reset your password> "
               "or [click here](https://evil.example) *now* & win")
    event = {"id": "evt_9", "thread_id": "evt_9", "kind": "mention", "rule": "r",
             "brand": "Bleuet", "severity": None, "summary": hostile,
             "occurred_at": "2026-11-24T09:00:00Z",
             "data": {"url": "https://social.example/@x/1|<!here>"}}
    slack = render("slack", event)
    shown = json.dumps(slack)
    assert "<!channel>" not in shown and "<!here>" not in shown
    assert "<https://evil.example" not in shown
    assert "&lt;!channel&gt;" in slack["blocks"][0]["text"]["text"]
    assert "&amp; win" in slack["text"]
    link = slack["blocks"][1]["fields"][-1]["text"]
    assert link == "*Link*\n<https://social.example/@x/1%7C&lt;!here&gt;|open>"
    discord = render("discord", event)
    description = discord["embeds"][0]["description"]
    assert "\\[click here\\](https://evil.example)" in description
    assert "[click here](" not in description.replace("\\[", "").replace("\\]", "")
    assert "\\*now\\*" in discord["content"]
    assert discord["allowed_mentions"] == {"parse": []}
    # Only http(s) links: a javascript: or spaced URL is left out.
    for bad in ("javascript:alert(1)", "https://a.example/x y", 42):
        event["data"] = {"url": bad}
        assert "Link" not in json.dumps(render("slack", event))
        assert "url" not in render("discord", event)["embeds"][0]


def test_spike_messages_say_what_the_mentions_are_about() -> None:
    """Slack and Discord spike messages carry the new words, top sources and the most
    negative mention, escaped like any mention text; other events do not."""
    data = {"new_terms": [{"term": "panne", "window": 21, "baseline": 1},
                          {"term": "<!here>", "window": 3, "baseline": 0}],
            "top_sources": [{"name": "Reddit search", "count": 17}],
            "most_negative": [{"text": "Trois heures [sans réseau](https://evil.example) " * 9}]}
    event = {"id": "evt_3", "thread_id": "evt_3", "kind": "spike.opened", "rule": "r",
             "brand": "Bleuet", "severity": "major", "summary": "38 vs 6",
             "occurred_at": "2026-11-24T09:00:00Z", "data": data}
    details = render("slack", event)["blocks"][1]["text"]["text"]
    assert "*New words:* panne (21 vs 1 before), &lt;!here&gt; (3 vs 0 before)" in details
    assert "*Top sources:* Reddit search (17)" in details
    assert "*Most negative:* “Trois heures" in details and details.endswith("…”")
    fields = {f["name"]: f["value"] for f in render("discord", event)["embeds"][0]["fields"]}
    assert fields["New words"].startswith("panne (21 vs 1 before)")
    assert "\\[sans réseau\\](https://evil.example)" in fields["Most negative"]
    event["kind"], event["data"] = "campaign.opened", data
    assert len(render("slack", event)["blocks"]) == 3
    assert [f["name"] for f in render("discord", event)["embeds"][0]["fields"]] == [
        "Event", "Rule"]


def test_mention_max_age_skips_back_catalogue() -> None:
    """Mentions published long before they were fetched do not alert (default one day)."""
    def occ(days_old: float) -> Occurrence:
        return mention_occurrences(1, ["Bleuet"], title="t", text="arnaque", url=None,
                                   author=None, label="negative", compound=-0.5, reach=None,
                                   lang="fr", published_at=T0 - timedelta(days=days_old),
                                   source_id=1, fetched_at=T0)[0]
    rule = _alerts(events=["mention"]).rules[0]
    assert matches(rule, occ(0.5)) and not matches(rule, occ(3))
    assert matches(_alerts(events=["mention"], max_age=0).rules[0], occ(300))
    assert matches(_alerts(events=["mention"], max_age="7d").rules[0], occ(3))


def test_outbox_rows_commit_or_roll_back_with_their_mentions(
        db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mentions and their outbox rows are one transaction: a failure mid-batch keeps neither."""
    import listener.store.writes as writes
    from listener.analysis.normalise import content_hash
    from listener.config import SourceConfig
    from listener.models import AnalysedItem, FeedItem, SentimentResult

    sid = writes.sync_sources(db, [SourceConfig(url="https://a.example/f")], T0)["https://a.example/f"]
    alerts = _alerts(events=["mention"], keywords=["arnaque"])

    def one(n: int) -> AnalysedItem:
        it = FeedItem(guid=f"g{n}", url=f"https://a.example/{n}", title=f"t{n}",
                      text="une arnaque", published_at=T0)
        return AnalysedItem(item=it, brands=["Bleuet"], sentiment=SentimentResult(
            "fr", -0.6, "negative", "fr", "1"), content_hash=content_hash(f"t{n}", "x"))

    real = writes.enqueue
    calls: list[int] = []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("crash between two mentions")
        return real(*args, **kwargs)
    monkeypatch.setattr(writes, "enqueue", flaky)
    with pytest.raises(RuntimeError):
        writes.ingest_items(db, sid, [one(1), one(2)], T0, None, alerts)
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM alert_outbox").fetchone()[0] == 0
    monkeypatch.setattr(writes, "enqueue", real)
    writes.ingest_items(db, sid, [one(1), one(2)], T0, None, alerts)
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM alert_outbox").fetchone()[0] == 2


def _text_elements(card: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (element type, text) pair in an Adaptive Card, nested ones included."""
    out: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                out.append((str(node.get("type")), node["text"]))
            for key in ("title", "value"):
                if isinstance(node.get(key), str) and node.get("type") != "Action.OpenUrl":
                    out.append((f"{node.get('type')}.{key}", node[key]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(card)
    return out


def test_teams_gets_one_adaptive_card_with_outside_text_as_plain_runs() -> None:
    """Teams: a message with one Adaptive Card. A mention's text (markdown links, stars)
    and a spike's evidence sit only in TextRun elements, which show text as typed; the
    only button is the item's own http(s) link."""
    from listener.alerts.formats import TEAMS_CARD

    hostile = "Bleuet support: [reset your password](https://evil.example) **now** _vite_"
    event = {"id": "evt_9", "thread_id": "evt_9", "kind": "mention", "rule": "r",
             "brand": "Bleuet", "severity": None, "summary": hostile,
             "occurred_at": "2026-11-24T09:00:00Z",
             "data": {"url": "https://social.example/@x/1"}}
    message = render("teams", event)
    assert message["type"] == "message"
    (attachment,) = message["attachments"]
    assert attachment["contentType"] == TEAMS_CARD
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    texts = _text_elements(card)
    assert ("TextRun", hostile) in texts
    assert {kind for kind, _ in texts} == {"TextRun"}  # no markdown-reading element at all
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "Open",
                                "url": "https://social.example/@x/1"}]
    for bad in ("javascript:alert(1)", "https://a.example/x y", 42):
        event["data"] = {"url": bad}
        assert "actions" not in render("teams", event)["attachments"][0]["content"]

    # A spike: its new words and most negative mention, as plain runs; severity colour.
    spike = {"id": "evt_3", "thread_id": "evt_1", "update": True, "kind": "spike.escalated",
             "rule": "r", "brand": "Bleuet", "severity": "critical", "summary": "38 vs 6",
             "occurred_at": "2026-11-24T09:00:00Z",
             "data": {"new_terms": [{"term": "[x](https://evil.example)", "window": 3,
                                     "baseline": 0}],
                      "most_negative": [{"text": "Trois heures sans réseau"}]}}
    card = render("teams", spike)["attachments"][0]["content"]
    texts = [t for _, t in _text_elements(card)]
    assert card["body"][0]["inlines"][0]["color"] == "attention"
    assert "[x](https://evil.example) (3 vs 0 before)" in texts
    assert "“Trois heures sans réseau”" in texts
    assert any("update of evt_1" in t for t in texts)
    assert {kind for kind, _ in _text_elements(card)} == {"TextRun"}

    # A digest: one card listing the events, the title being Vigie's own words.
    digest = {"schema": "vigie.digest/1", "id": "dig_1", "events": [event, spike] * 20}
    card = render("teams", digest)["attachments"][0]["content"]
    texts = _text_elements(card)
    assert texts[0] == ("TextBlock", "Vigie digest: 40 events")
    assert {kind for kind, _ in texts[1:]} == {"TextRun"}
    assert ("TextRun", "… and 10 more") in texts


def _occ(kind: str = "spike.opened", severity: str | None = "major") -> Occurrence:
    return Occurrence(kind=kind, incident="spike:1", item_type="alert", item_id=1,
                      brand="Bleuet", summary="s", at=T0, severity=severity)


def test_quiet_hours_hold_events_until_they_end_in_local_time() -> None:
    """"22:00-07:30" in Montréal: an event at 23:10 or 03:00 local waits for 07:30 local,
    one at 12:00 goes now; a critical spike goes at once (quiet_except); the end is
    07:30 local on the night the clocks change too."""
    from zoneinfo import ZoneInfo

    from listener.alerts.rules import held_until

    zone = ZoneInfo("America/Montreal")
    rule = _alerts(quiet_hours="22:00-07:30").rules[0]
    assert rule.quiet_hours == (22 * 60, 7 * 60 + 30) and rule.quiet_except == "critical"

    def local(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
        return datetime(y, mo, d, h, mi, tzinfo=zone).astimezone(UTC)

    morning = local(2026, 11, 25, 7, 30)
    assert held_until(rule, _occ(), local(2026, 11, 24, 23, 10), zone) == morning
    assert held_until(rule, _occ(), local(2026, 11, 25, 3, 0), zone) == morning
    assert held_until(rule, _occ(), local(2026, 11, 25, 7, 30), zone) is None
    assert held_until(rule, _occ(), local(2026, 11, 25, 12, 0), zone) is None
    assert held_until(rule, _occ(), local(2026, 11, 24, 21, 59), zone) is None
    assert held_until(rule, _occ(severity="critical"), local(2026, 11, 25, 3, 0), zone) is None
    for kind in ("campaign.opened", "mention", "source.failing"):  # no severity: held
        assert held_until(rule, _occ(kind, None), local(2026, 11, 25, 3, 0), zone) == morning
    # Clocks go back on 2026-11-01 in Montréal (UTC-4 -> UTC-5): still 07:30 local.
    end = held_until(rule, _occ(), local(2026, 10, 31, 23, 0), zone)
    assert end == datetime(2026, 11, 1, 12, 30, tzinfo=UTC)
    # A daytime period (no midnight) and quiet_except = "none" (hold everything).
    lunch = _alerts(quiet_hours="12:00-13:30", quiet_except="none").rules[0]
    assert lunch.quiet_except is None
    assert held_until(lunch, _occ(severity="critical"), local(2026, 11, 25, 12, 5),
                      zone) == local(2026, 11, 25, 13, 30)
    assert held_until(lunch, _occ(), local(2026, 11, 25, 13, 30), zone) is None


def test_quiet_hours_keys_are_checked() -> None:
    """A malformed period, an empty one or quiet_except without quiet_hours is an error
    on its key that says what to write."""
    for rule, key, words in (
            ({"quiet_hours": "22h-7h"}, "quiet_hours", '"HH:MM-HH:MM"'),
            ({"quiet_hours": "25:00-07:00"}, "quiet_hours", '"HH:MM-HH:MM"'),
            ({"quiet_hours": "08:00-08:00"}, "quiet_hours", "the same time"),
            ({"quiet_except": "major"}, "quiet_except", "only used with quiet_hours"),
            ({"quiet_hours": "22:00-07:00", "quiet_except": "urgent"}, "quiet_except",
             "critical or none")):
        with pytest.raises(ConfigError) as err:
            _alerts(**rule)
        assert err.value.key == f"alerts.rules[0].{key}" and words in str(err.value), rule


def test_held_events_wait_in_the_outbox_and_a_critical_update_releases_its_thread(
        db: sqlite_utils.Database) -> None:
    """During quiet hours (UTC here) a major spike is queued for their end; its
    critical escalation goes now and takes the held opening with it."""
    from dataclasses import replace

    from listener.alerts.outbox import enqueue

    alerts = replace(_alerts(quiet_hours="22:00-07:00"), timezone="UTC")
    night = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    end = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    with write_tx(db):
        enqueue(db, alerts, [_occ()], now=night)
    (row,) = list_rows(db)
    assert parse_time(row.next_attempt_at) == end
    later = night + timedelta(hours=1)
    with write_tx(db):
        enqueue(db, alerts, [replace(_occ("spike.escalated", "critical"),
                                     at=T0 + timedelta(minutes=30))], now=later)
    rows = sorted(list_rows(db), key=lambda r: r.id)
    assert [r.kind for r in rows] == ["spike.opened", "spike.escalated"]
    assert [parse_time(r.next_attempt_at) for r in rows] == [later, later]
    # Outside quiet hours nothing changes: due at once.
    with write_tx(db):
        enqueue(db, alerts, [replace(_occ(), incident="spike:2", item_id=2)],
                now=datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    newest = max(list_rows(db), key=lambda r: r.id)
    assert parse_time(newest.next_attempt_at) == datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    # On a digest channel an urgent event during quiet hours goes without the held ones.
    from listener.alerts.outbox import digest_rows

    with write_tx(db):
        (held,) = enqueue(db, alerts, [replace(_occ(), incident="spike:3", item_id=3)],
                          now=later)
        (urgent,) = enqueue(db, alerts, [replace(_occ(severity="critical"), incident="spike:4",
                                                 item_id=4)], now=later)
    going = [r.event_id for r in digest_rows(db, "ops", later)]
    assert urgent in going and held not in going
    assert held in [r.event_id for r in digest_rows(db, "ops", end)]


def test_outbox_summary_counts_what_is_not_delivered(db: sqlite_utils.Database) -> None:
    """Waiting rows, those held back (quiet hours, a digest window), those being retried,
    and dead letters."""
    from dataclasses import replace

    from listener.alerts.outbox import enqueue, outbox_summary
    from listener.commands.status import alert_line

    assert alert_line(outbox_summary(db, T0)) is None
    night = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    quiet = replace(_alerts(quiet_hours="22:00-07:00"), timezone="UTC")
    with write_tx(db):
        enqueue(db, quiet, [_occ()], now=night)
        enqueue(db, _alerts(), [replace(_occ(), incident="spike:2", item_id=2)], now=night)
        enqueue(db, _alerts(), [replace(_occ(), incident="spike:3", item_id=3)], now=night)
    rows = sorted(list_rows(db), key=lambda r: r.id)
    mark_failed(db, [rows[1].id], "HTTP 503", 503, night + timedelta(minutes=5))
    mark_failed(db, [rows[2].id], "HTTP 410", 410, None)
    summary = outbox_summary(db, night)
    assert (summary.pending, summary.held, summary.retrying, summary.dead) == (2, 1, 1, 1)
    assert alert_line(summary) == (
        "Alerts: 2 waiting, 1 held back until 11-25 07:00 UTC (quiet hours, digest windows), "
        "1 being retried after a failure; 1 NOT DELIVERED (dead letters: `vigie alerts list --failed` says "
        "why, `vigie alerts retry ID` sends one again)")



def test_a_row_waiting_for_its_digest_window_is_held_like_a_quiet_hours_one(
        db: sqlite_utils.Database) -> None:
    """defer() (a digest channel's window) holds a row back as quiet hours do: one
    definition (HELD_SQL, OutboxRow.held) counts both, and neither is called a retry."""
    from listener.alerts.outbox import defer, outbox_summary

    with write_tx(db):
        enqueue_detection(db, _alerts(), kind="spike.opened", item_id=7, brand="Bleuet",
                          summary="s", at=T0, severity="major", payload={})
    (row,) = list_rows(db)
    assert not row.held
    defer(db, [row.id], datetime.now(UTC) + timedelta(minutes=10))
    (row,) = list_rows(db)
    assert row.held
    summary = outbox_summary(db, datetime.now(UTC))
    assert (summary.pending, summary.held, summary.retrying) == (1, 1, 0)
