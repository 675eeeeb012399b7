"""The daemon end to end against real local servers and a real SQLite file."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest
from aiohttp import web

from listener.analysis.sentiment.english import EnglishAnalyser
from listener.config import parse_config
from listener.daemon import Daemon
from listener.store import connect
from listener.store.reads import brand_summary, mention_sources, recent_mentions, source_health
from tests.conftest import LocalServer, closed_port
from tests.feeds import atom, item, json_feed, rss

BRANDS = """
[[brands]]
name = "Bleuet Mobile"
queries = ['"Bleuet Mobile" OR bleuetmobile']
[[brands]]
name = "Colibri"
queries = ['Colibri -oiseau']
"""


def make_config(tmp_path: Path, urls: list[str], extra: str = "") -> object:
    srcs = "".join(f'[[sources]]\nurl = "{u}"\n' for u in urls)
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            f'max_redirects = 3\nmax_body_bytes = 5_000_000\n{extra}{BRANDS}{srcs}')
    return parse_config(text, path=tmp_path / "vigie.toml")


def static(body: bytes, ctype: str = "application/rss+xml", etag: str | None = '"v1"',
           status: int = 200):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.Response:
        if etag and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        headers = {"ETag": etag} if etag else {}
        return web.Response(body=body, status=status, headers=headers, content_type=ctype)
    return handler


async def test_ingest_match_dedup_and_revalidate(server: LocalServer, tmp_path: Path) -> None:
    """Three feed formats are stored once per story, with sources linked; a re-poll gets 304."""
    shared = item(1, "<p>Panne chez <b>Bleuet Mobile</b> ce matin, c'est nul.</p>")
    u1 = server.route("/news.rss", static(rss([shared, item(2, "Météo du jour, rien à voir.")])))
    u2 = server.route("/blog.atom", static(atom([shared, item(3, "Colibri livre vite, bravo!")]),
                                           ctype="application/atom+xml"))
    u3 = server.route("/j.json", static(json_feed([item(4, "Love bleuetmobile, great service")]),
                                        ctype="application/feed+json"))
    await server.start()
    cfg = make_config(tmp_path, [u1, u2, u3])
    async with Daemon(cfg, workers=1) as d:
        s1 = await d.run_once()
        s2 = await d.run_once()
    assert (s1.ok, s1.failed, s1.new) == (3, 0, 3)
    assert s1.duplicates == 1
    assert s2.not_modified == 3 and s2.new == 0

    db = connect(cfg.storage.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = recent_mentions(db, limit=10)
    assert len(rows) == 3
    by_text = {r["text"]: r for r in rows}
    panne = by_text["Panne chez Bleuet Mobile ce matin, c'est nul."]
    assert panne["url"] == "https://news.example.org/story/1"  # utm_* stripped
    assert panne["published_at"] == "2026-11-20T12:00:00Z"
    assert panne["lang"] == "fr"
    assert panne["label"] == "negative"
    assert len(mention_sources(db, panne["id"])) == 2
    summary = {b["brand"]: b for b in brand_summary(db)}
    assert summary["Bleuet Mobile"]["mentions"] == 2
    assert summary["Colibri"]["mentions"] == 1
    assert all(h.healthy and h.http_status == 304 for h in source_health(db))


async def test_unchanged_body_with_new_etag_is_not_reparsed(server: LocalServer,
                                                              tmp_path: Path) -> None:
    """A server that changes its ETag every time but serves the same body: no re-parse."""
    body = rss([item(1, "Bleuet Mobile again")])
    counter = 0

    async def handler(request: web.Request) -> web.Response:
        nonlocal counter
        counter += 1
        return web.Response(body=body, headers={"ETag": f'"{counter}"'})

    url = server.route("/f", handler)
    await server.start()
    async with Daemon(make_config(tmp_path, [url]), workers=1) as d:
        first = await d.run_once()
        second = await d.run_once()
    assert first.ok == 1 and first.new == 1
    assert second.unchanged == 1 and second.ok == 0


async def test_bad_sources_fail_alone(server: LocalServer, tmp_path: Path) -> None:
    """Every kind of broken source is a health row with a clear error; good ones still work."""
    good = server.route("/good", static(rss([item(1, "Bleuet Mobile is fine")])))
    truncated = server.route("/trunc", static(rss([item(2, "Bleuet Mobile")])[:120]))
    html = server.route("/html", static(b"<!DOCTYPE html><html><body>Hi</body></html>",
                                        ctype="text/html"))
    empty = server.route("/empty", static(b""))
    missing = server.route("/404", static(b"nope", status=404))
    broken = server.route("/500", static(b"oops", status=500))
    bad_json = server.route("/bad.json", static(b"{not json", ctype="application/json"))

    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop")

    redirect = server.route("/loop", loop)

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(4)
        return web.Response(body=b"")

    timeout = server.route("/slow", slow)

    async def huge(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse()
        await resp.prepare(request)
        try:
            for _ in range(200):
                await resp.write(b"<" * (1 << 20))
        except (ConnectionResetError, RuntimeError):
            pass
        return resp

    big = server.route("/huge", huge)
    refused = f"http://127.0.0.1:{closed_port()}/feed"
    await server.start()
    urls = [good, truncated, html, empty, missing, broken, bad_json, redirect, timeout, big,
            refused]
    cfg = make_config(tmp_path, urls)
    async with Daemon(cfg, workers=1) as d:
        summary = await d.run_once()
    assert summary.ok == 1
    assert summary.failed == len(urls) - 1
    db = connect(cfg.storage.path)
    health = {h.url: h for h in source_health(db)}
    assert health[good].healthy
    expect = {
        truncated: "not a readable feed", html: "HTML page", empty: "empty",
        missing: "404", broken: "500", bad_json: "invalid JSON", redirect: "redirect",
        timeout: "timed out", big: "max_body_bytes", refused: "cannot connect",
    }
    for url, fragment in expect.items():
        h = health[url]
        assert h.consecutive_failures == 1, url
        assert fragment in (h.last_error or ""), (url, h.last_error)
        assert h.next_poll is not None
    assert len(recent_mentions(db)) == 1


async def test_hostile_text_is_stored_intact_and_harmless(server: LocalServer,
                                                          tmp_path: Path) -> None:
    """Rich markup is kept literally; escape sequences and controls are removed; huge titles cut."""
    hostile = ("Bleuet Mobile [bold red]PWNED[/] [link=file:///etc/passwd]x[/link] "
               "\x1b[31mred\x1b[0m zero\u200bwidth '; DROP TABLE mentions; --")
    items = [item(1, hostile), {**item(2, "Bleuet Mobile"), "title": "T" * 100_000},
             {**item(3, "Bleuet Mobile sans date ni lien"), "date": None, "link": None}]
    url = server.route("/h", static(rss(items)))
    await server.start()
    cfg = make_config(tmp_path, [url])
    async with Daemon(cfg, workers=1) as d:
        summary = await d.run_once()
    assert summary.new == 3
    db = connect(cfg.storage.path)
    texts = {r["id"]: r for r in recent_mentions(db)}
    stored = next(r for r in texts.values() if "PWNED" in r["text"])
    assert "[bold red]PWNED[/]" in stored["text"]
    assert "[link=file:///etc/passwd]" in stored["text"]
    assert "\x1b" not in stored["text"]
    assert "DROP TABLE mentions" in stored["text"]
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 3
    long = next(r for r in texts.values() if r["title"].startswith("TTT"))
    assert len(long["title"]) <= 2000
    undated = next(r for r in texts.values() if "sans date" in r["text"])
    assert undated["url"] is None
    assert undated["published_at"] == undated["fetched_at"]


async def test_restart_resumes_with_validators(server: LocalServer, tmp_path: Path) -> None:
    """A new daemon on the same database sends the stored ETag (no re-ingest after restart)."""
    url = server.route("/f", static(rss([item(1, "Bleuet Mobile")])))
    await server.start()
    cfg = make_config(tmp_path, [url])
    async with Daemon(cfg, workers=1) as d:
        await d.run_once()
    async with Daemon(cfg, workers=1) as d:
        summary = await d.run_once()
    assert summary.not_modified == 1
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'


def test_store_rejects_non_database(tmp_path: Path) -> None:
    """Opening a file that is not SQLite gives a StoreError naming it."""
    from listener.errors import StoreError

    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="x.db"):
        connect(bad)
    assert sqlite3.sqlite_version


async def test_broken_feed_stays_broken_on_revalidation(server: LocalServer,
                                                        tmp_path: Path) -> None:
    """A malformed feed with an ETag is not revalidated into a healthy 304."""
    url = server.route("/broken", static(b"<?xml version='1.0'?><rss version='2.0'><channel>"
                                         b"<title>x</title></chan"))
    await server.start()
    cfg = make_config(tmp_path, [url])
    async with Daemon(cfg, workers=1) as d:
        await d.run_once()
        second = await d.run_once()
    assert second.failed == 1
    assert "If-None-Match" not in server.requests[-1].headers
    health = source_health(connect(cfg.storage.path))[0]
    assert health.consecutive_failures == 2


def test_group_commit_isolates_a_failing_request(tmp_path: Path) -> None:
    """In one group commit, a failing request is rolled back alone; the others land."""
    from datetime import UTC, datetime

    from listener.analysis.normalise import content_hash
    from listener.config import SourceConfig
    from listener.models import AnalysedItem, FeedItem, SentimentResult
    from listener.store.writes import IngestResult, ingest_many, sync_sources

    db = connect(tmp_path / "g.db")
    now = datetime(2026, 11, 24, tzinfo=UTC)
    ids = sync_sources(db, [SourceConfig(url="https://a.example/f")], now)
    sid = ids["https://a.example/f"]

    def one(n: int) -> AnalysedItem:
        it = FeedItem(guid=f"g{n}", url=f"https://a.example/{n}", title=f"t{n}", text="x")
        return AnalysedItem(item=it, brands=["B"], sentiment=SentimentResult(
            "en", 0.0, "neutral", "vader-fast", "3.3.2"), content_hash=content_hash(f"t{n}", "x"))

    results = ingest_many(db, [(sid, [one(1)], now), (9999, [one(2)], now), (sid, [one(3)], now)])
    assert isinstance(results[0], IngestResult) and results[0].new == 1
    assert isinstance(results[1], sqlite3.IntegrityError)  # unknown source: foreign key
    assert isinstance(results[2], IngestResult) and results[2].new == 1
    titles = {r[0] for r in db.execute("SELECT title FROM mentions")}
    assert titles == {"t1", "t3"}


def test_identical_reviews_from_two_accounts_are_two_mentions(tmp_path: Path) -> None:
    """A copy-pasted review under two names is kept twice (campaign evidence)."""
    from datetime import UTC, datetime

    from listener.analysis.normalise import content_hash
    from listener.config import SourceConfig
    from listener.models import AnalysedItem, FeedItem, SentimentResult
    from listener.store.writes import ingest_items, sync_sources

    db = connect(tmp_path / "r.db")
    now = datetime(2026, 11, 24, tzinfo=UTC)
    sid = sync_sources(db, [SourceConfig(url="https://a.example/r")], now)["https://a.example/r"]
    senti = SentimentResult("fr", -0.8, "negative", "vigie-fr", "1")

    def review(author: str, kind: str = "review") -> AnalysedItem:
        it = FeedItem(guid=None, url=None, title="Arnaque", text="Ne commandez jamais !",
                      author=author, kind=kind, rating=1 if kind == "review" else None)
        return AnalysedItem(item=it, brands=["B"], sentiment=senti,
                            content_hash=content_hash("Arnaque", "Ne commandez jamais !"))

    res = ingest_items(db, sid, [review("alice"), review("bob"), review("alice")], now)
    assert (res.new, res.duplicates) == (2, 1)
    wire = ingest_items(db, sid, [review("x", "article"), review("y", "article")], now)
    assert (wire.new, wire.duplicates) == (1, 1)


def test_the_campaign_detector_receives_each_mentions_sentiment_label(tmp_path: Path) -> None:
    """A post without rating reaches the campaign detector with its stored sentiment
    label (its only polarity); a review keeps its rating."""
    from datetime import UTC, datetime

    from listener.analysis.normalise import content_hash
    from listener.config import SourceConfig
    from listener.models import AnalysedItem, FeedItem, SentimentResult
    from listener.monitor import CampaignMonitor
    from listener.store.writes import ingest_items, sync_sources

    db = connect(tmp_path / "p.db")
    now = datetime(2026, 11, 24, tzinfo=UTC)
    sid = sync_sources(db, [SourceConfig(url="https://a.example/p")], now)["https://a.example/p"]

    def one(author: str, rating: int | None, label: str) -> AnalysedItem:
        it = FeedItem(guid=None, url=None, title="", text=f"post by {author}", author=author,
                      kind="review" if rating else "post", rating=rating, published_at=now)
        return AnalysedItem(item=it, brands=["B"], sentiment=SentimentResult(
            "en", -0.6 if label == "negative" else 0.0, label, "vigie-en", "1"),
            content_hash=content_hash("", f"post by {author}"))

    ingest_items(db, sid, [one("ann", None, "negative"), one("bo", 4, "neutral")], now)
    ids = [r[0] for r in db.execute("SELECT id FROM mentions ORDER BY id")]
    monitor = CampaignMonitor()
    seen = []
    monitor.detector.observe = lambda item: seen.append(item) or []  # type: ignore[method-assign]
    monitor.detect(CampaignMonitor.load(db, ids))
    by_author = {item.author: item for item in seen}
    assert by_author["ann"].rating is None and by_author["ann"].polarity == "negative"
    assert by_author["bo"].rating == 4


def test_a_campaign_that_opens_and_grows_in_one_batch_is_told_once(tmp_path: Path) -> None:
    """The changes are snapshots taken after the batch: 'opened' already holds the members
    that 'grown' would announce again, so the team gets one webhook, and a later batch's
    growth is still told."""
    from datetime import UTC, datetime

    from listener.detection.campaign_models import Campaign, CampaignEvent
    from listener.monitor import CampaignMonitor

    now = datetime(2026, 11, 24, tzinfo=UTC)
    camp = Campaign(id="c-1", target="B", direction="negative", profile="template",
                    started_at=now, last_member_at=now, last_likely_at=now, score=0.9,
                    members=["1:B", "2:B", "3:B"])
    other = Campaign(id="c-2", target="C", direction="negative", profile="template",
                     started_at=now, last_member_at=now, last_likely_at=now, score=0.9,
                     members=["4:C"])
    monitor = CampaignMonitor()
    batch = [CampaignEvent("opened", now, camp, ("1:B", "2:B")),
             CampaignEvent("grown", now, camp, ("3:B",)),
             CampaignEvent("grown", now, other, ("4:C",)),
             CampaignEvent("grown", now, other, ("5:C",))]
    changes = monitor._snapshot(batch)
    assert [(c.kind, c.record["id"]) for c in changes] == [("opened", "c-1"), ("grown", "c-2")]
    # Mention ids, the campaign's score for members the detector no longer holds, and
    # no likelihood ratio for them.
    assert changes[0].members == [(1, 0.9, None), (2, 0.9, None), (3, 0.9, None)]
    later = monitor._snapshot([CampaignEvent("grown", now, camp, ("6:B",))])
    assert [c.kind for c in later] == ["grown"]


def test_a_campaign_resting_on_timing_alone_says_so_in_its_alert_summary(
        tmp_path: Path) -> None:
    """Chat alerts show the summary, not every reason: a campaign whose reasons end with
    the caution (no copies, no linked accounts) carries it in the summary too, and so
    does the number of members flagged on weak evidence of their own."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from listener.detection.campaign_models import Campaign
    from listener.detection.campaign_reasons import CAUTION
    from listener.monitor import CampaignMonitor, _CampaignChange

    db = connect(tmp_path / "c.db")
    now = datetime(2026, 11, 24, tzinfo=UTC)
    camp = Campaign(id="c-1", target="B", direction="positive", profile="fresh-accounts",
                    started_at=now, last_member_at=now, last_likely_at=now, score=0.8,
                    members=[], reasons=["12 reviews in 6 h from 12 accounts", "mean rating 5.0",
                                         CAUTION])
    camp.figures = {"members": 12, "weak_members": 12}
    plain = replace(camp, id="c-2", target="C", reasons=["12 reviews in 6 h", "9 near-duplicates"],
                    figures={"members": 12, "weak_members": 0})
    events = CampaignMonitor.store(db, [_CampaignChange("opened", now, camp.to_dict(), []),
                                        _CampaignChange("opened", now, plain.to_dict(), [])])
    assert "caution: little ties these accounts together" in events[0].summary
    assert "caution" not in events[1].summary
    # Members flagged for arriving with the others, not for themselves, are counted too.
    assert events[0].summary.endswith("; 12 of 12 members on weak evidence")
    assert "weak" not in events[1].summary


def test_a_campaign_that_grows_after_it_was_closed_is_back_in_triage(tmp_path: Path) -> None:
    """Someone resolved a campaign; new members join: it is open again in triage with the
    daemon's note. One judged genuine (verdict not_fake) stays closed when it grows."""
    from datetime import UTC, datetime, timedelta

    from listener.detection.campaign_models import Campaign
    from listener.monitor import CampaignMonitor, _CampaignChange
    from listener.store.triage import ItemRef, apply_action, get_states, history

    db = connect(tmp_path / "c.db")
    now = datetime(2026, 11, 24, tzinfo=UTC)
    refs = []
    for name in ("B", "C"):
        camp = Campaign(id=f"c-{name}", target=name, direction="negative", profile="template",
                        started_at=now, last_member_at=now, last_likely_at=now, score=0.9,
                        members=[], reasons=["12 reviews in 6 h"])
        camp.figures = {"members": 12}
        CampaignMonitor.store(db, [_CampaignChange("opened", now, camp.to_dict(), [])])
        cid = db.execute("SELECT id FROM campaigns WHERE target = ?", [name]).fetchone()[0]
        refs.append((ItemRef("campaign", cid), camp))
    (fake, fake_camp), (genuine, genuine_camp) = refs
    apply_action(db, [fake], "resolve", who="camille", now=now + timedelta(hours=1))
    apply_action(db, [genuine], "verdict", who="camille", now=now + timedelta(hours=1),
                 verdict="not_fake")
    apply_action(db, [genuine], "resolve", who="camille", now=now + timedelta(hours=1))
    later = now + timedelta(hours=3)
    for camp in (fake_camp, genuine_camp):
        camp.figures = {"members": 20}
        CampaignMonitor.store(db, [_CampaignChange("grown", later, camp.to_dict(), [])])
    assert get_states(db, [fake])[fake].status == "open"
    assert get_states(db, [genuine])[genuine].status == "resolved"
    note = history(db, fake)[0]
    assert (note.who, note.action) == ("vigie", "note")
    assert "new members after it was closed: 20 in all" in str(note.payload)


async def test_mentions_scored_by_an_older_analyser_are_scored_again_on_start(
        server: LocalServer, tmp_path: Path) -> None:
    """After an upgrade that changed the analyser, start-up re-scores what it scored
    (mentions and the per-brand labels the spike detector counts), once."""
    complaint = "The Bleuet Mobile support line isn't answering, nothing got fixed."
    url = server.route("/news.rss", static(rss([item(1, complaint),
                                                 item(2, "Colibri livre vite, bravo!")])))
    await server.start()
    cfg = make_config(tmp_path, [url])
    async with Daemon(cfg, workers=1) as d:
        await d.run_once()
    db = connect(cfg.storage.path)
    (mid, label, version), = db.execute(
        "SELECT id, label, analyser_version FROM mentions WHERE text = ?", [complaint]).fetchall()
    assert label == "negative" and version == EnglishAnalyser.version
    # What Vigie 1 stored: VADER read "support" as praise.
    with db.conn:
        db.execute("UPDATE mentions SET label = 'positive', compound = 0.4,"
                   " analyser_version = '1+vader-3.3.2' WHERE id = ?", [mid])
        db.execute("UPDATE mention_brands SET label = 'positive' WHERE mention_id = ?", [mid])
    untouched = db.execute("SELECT id, compound, analyser_version FROM mentions"
                           " WHERE id != ?", [mid]).fetchall()

    async with Daemon(cfg, workers=1) as d:
        assert await d.rescore() == 0  # already done by start-up
    row = db.execute("SELECT label, compound, analyser, analyser_version FROM mentions"
                     " WHERE id = ?", [mid]).fetchone()
    assert row[0] == "negative" and row[1] < 0 and (row[2], row[3]) == ("vigie-en", version)
    assert db.execute("SELECT DISTINCT label FROM mention_brands WHERE mention_id = ?",
                      [mid]).fetchall() == [("negative",)]
    assert db.execute("SELECT id, compound, analyser_version FROM mentions"
                      " WHERE id != ?", [mid]).fetchall() == untouched



async def test_a_start_up_checks_only_mentions_newer_than_its_last_check(
        server: LocalServer, tmp_path: Path) -> None:
    """The versions checked and the last mention id are recorded: later start-ups skip
    what was checked and still catch newer mentions an older Vigie scored (a downgrade)."""
    from listener.analysis.sentiment import CURRENT_ANALYSERS
    from listener.store import maintenance, rescore

    first = item(1, "Bleuet Mobile support line isn't answering.")
    later = item(2, "Colibri customer support never called back, no reply at all.")
    feed: list[dict[str, str]] = [first]

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=rss(feed), content_type="application/rss+xml")

    url = server.route("/news.rss", handler)
    await server.start()
    cfg = make_config(tmp_path, [url])
    db = connect(cfg.storage.path)
    async with Daemon(cfg, workers=1) as d:
        await d.run_once()
        assert await d.rescore() == 0  # nothing stale; the check is recorded
    (m1,), = db.execute("SELECT id FROM mentions").fetchall()
    detail = maintenance.last_detail(db, rescore.MARKER_TASK)
    assert rescore.checked_up_to(detail, CURRENT_ANALYSERS) == m1
    assert rescore.checked_up_to(detail, [("vigie-en", "1+vader-3.3.2")]) == 0

    feed.append(later)
    async with Daemon(cfg, workers=1) as d:
        await d.run_once()
    (m2,), = db.execute("SELECT id FROM mentions WHERE id != ?", [m1]).fetchall()
    with db.conn:  # both as an older Vigie would have stored them
        db.execute("UPDATE mentions SET label = 'positive', analyser_version = '1+vader-3.3.2'")
    async with Daemon(cfg, workers=1):
        pass
    labels = dict(db.execute("SELECT id, label FROM mentions").fetchall())
    assert labels == {m1: "positive", m2: "negative"}  # m1 was checked before; m2 is new


async def test_new_sentiment_thresholds_relabel_the_stored_mentions_on_start(
        server: LocalServer, tmp_path: Path) -> None:
    """Changing ``[sentiment]`` thresholds in the configuration relabels what is stored
    (mentions and per-brand labels) at the next start, once; going back restores them."""
    from listener.store import maintenance, rescore

    mild = "Bleuet Mobile coverage is a bit disappointing."
    url = server.route("/news.rss", static(rss([item(1, mild)])))
    await server.start()
    async with Daemon(make_config(tmp_path, [url]), workers=1) as d:
        await d.run_once()
    db = connect(tmp_path / "v.db")
    (mid, compound, label), = db.execute("SELECT id, compound, label FROM mentions").fetchall()
    assert -0.8 < compound <= -0.05 and label == "negative"

    def labels() -> tuple[str, str]:
        return db.execute("SELECT m.label, b.label FROM mentions m JOIN mention_brands b"
                          " ON b.mention_id = m.id WHERE m.id = ?", [mid]).fetchone()

    stricter = make_config(tmp_path, [url], '[sentiment]\nnegative_threshold = -0.8\n')
    async with Daemon(stricter, workers=1) as d:
        assert labels() == ("neutral", "neutral")
        assert await d.rescore() == 0  # done once, at start-up
    assert rescore.thresholds_of(maintenance.last_detail(db, rescore.MARKER_TASK)) == (
        rescore.thresholds_key(-0.8, 0.05))
    async with Daemon(make_config(tmp_path, [url]), workers=1):
        pass
    assert labels() == ("negative", "negative")


async def test_a_storage_fault_during_the_rescore_does_not_stop_the_start_up(
        server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """A full disk while re-scoring is logged and left for the next start."""
    import sqlite3 as sqlite

    from listener.store import rescore

    url = server.route("/news.rss", static(rss([item(1, "Bleuet Mobile support is useless.")])))
    await server.start()
    cfg = make_config(tmp_path, [url])
    async with Daemon(cfg, workers=1) as d:
        await d.run_once()
    db = connect(cfg.storage.path)
    with db.conn:
        db.execute("UPDATE mentions SET analyser_version = '1+vader-3.3.2'")

    def full(*args: object) -> None:
        raise sqlite.OperationalError("database or disk is full")

    monkeypatch.setattr(rescore, "update_batch", full)
    # The "vigie" logger does not propagate (and an earlier CLI test may have left
    # it a closed stream): route its records to caplog for this test only.
    vigie_log = logging.getLogger("vigie")
    monkeypatch.setattr(vigie_log, "propagate", True)
    monkeypatch.setattr(vigie_log, "handlers", [])
    with caplog.at_level(logging.WARNING, logger="vigie"):
        async with Daemon(cfg, workers=1) as d:
            summary = await d.run_once()
    assert summary.failed == 0
    assert "sentiment.rescore_skipped" in caplog.text
    assert db.execute("SELECT analyser_version FROM mentions").fetchone()[0] == "1+vader-3.3.2"
    monkeypatch.undo()
    async with Daemon(cfg, workers=1):
        pass
    assert db.execute("SELECT analyser_version FROM mentions").fetchone()[0] == (
        EnglishAnalyser.version)


async def test_a_brands_own_account_is_not_stored_as_its_mention(server: LocalServer,
                                                                 tmp_path: Path) -> None:
    """exclude_authors: the support account's apologies during an outage are polled
    but not stored (nor counted for the spike); a customer's complaint is."""
    url = server.route("/tags/bleuetmobile.rss", static(rss([
        item(1, "Bleuet Mobile : désolés, panne réseau à Montréal, nos équipes sont dessus.",
             author="BleuetMobile"),
        item(2, "Toujours aucun réseau avec Bleuet Mobile depuis midi, c'est nul.",
             author="lea"),
        item(3, "Bleuet Mobile: sorry for the outage, service is coming back.",
             author="@bleuetmobile@mastodon.social"),
    ])))
    await server.start()
    text = (f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
            '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'
            'exclude_authors = ["bleuetmobile"]\n'
            f'[[sources]]\nurl = "{url}"\n')
    cfg = parse_config(text, path=tmp_path / "vigie.toml")
    async with Daemon(cfg, workers=1) as d:
        stats = await d.run_once()
    assert (stats.ok, stats.new, stats.excluded) == (1, 1, 2)
    rows = recent_mentions(connect(cfg.storage.path), limit=10)
    assert [r["author"] for r in rows] == ["lea"]


async def test_a_rated_review_is_labelled_by_its_stars(server: LocalServer,
                                                       tmp_path: Path) -> None:
    """One or two stars are negative and four or five positive whatever the words say;
    three stars leave it to the text. A store labelled before this relabels once."""
    from listener.store import maintenance, rescore
    from listener.store.tx import write_tx

    url = server.route("/avis.rss", static(rss([
        item(1, "Note : 1/5. Bleuet Mobile, super appli, tout marchait bien... avant la mise "
                "à jour."),
        item(2, "Note : 4/5. Bleuet Mobile : quelques pannes et un service client lent, "
                "dommage."),
        item(3, "Note : 3/5. Bleuet Mobile : le réseau est nul le soir."),
        item(4, "Bleuet Mobile, super appli, tout marchait bien."),  # no rating
    ])))
    await server.start()
    cfg = make_config(tmp_path, [url])
    async with Daemon(cfg, workers=1) as d:
        await d.run_once()
    db = connect(tmp_path / "v.db")

    def labels() -> dict[int | None, tuple[str, str]]:
        return {r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT m.rating, m.label, b.label FROM mentions m JOIN mention_brands b"
            " ON b.mention_id = m.id").fetchall()}

    assert labels() == {1: ("negative", "negative"), 4: ("positive", "positive"),
                        3: ("negative", "negative"), None: ("positive", "positive")}
    # The words alone would say the opposite for the one- and four-star reviews.
    texts = dict(db.execute("SELECT rating, compound FROM mentions").fetchall())
    assert texts[1] > 0.05 and texts[4] < -0.05
    # A store whose marker predates the rule (text labels only) is relabelled at start.
    with write_tx(db):
        db.execute("UPDATE mentions SET label = 'positive' WHERE rating = 1")
        db.execute("UPDATE mentions SET label = 'negative' WHERE rating = 4")
        db.execute("UPDATE mention_brands SET label = (SELECT label FROM mentions m"
                   " WHERE m.id = mention_id)")
        db.execute("UPDATE maintenance SET detail = replace(detail, '+stars', '')"
                   " WHERE task = ?", [rescore.MARKER_TASK])
    assert "+stars" not in (maintenance.last_detail(db, rescore.MARKER_TASK) or "+stars")
    async with Daemon(cfg, workers=1):
        pass
    assert labels() == {1: ("negative", "negative"), 4: ("positive", "positive"),
                        3: ("negative", "negative"), None: ("positive", "positive")}


async def test_polling_goes_on_while_the_campaign_detector_replays_its_history(
        server: LocalServer, tmp_path: Path) -> None:
    """A restart does not wait for the campaign detector's rebuild (seconds on a big
    store): new mentions are stored meanwhile, and the detector sees them after the
    stored history, in order. Stopping during the replay stops it."""
    import threading
    from datetime import UTC, datetime

    first = server.route("/a.rss", static(rss([
        item(1, "Note : 1/5. Bleuet Mobile: aucun réseau ce matin."),
        item(2, "Note : 5/5. Colibri livre vite, bravo!")])))
    later = server.route("/b.rss", static(rss([
        item(3, "Note : 2/5. Bleuet Mobile, facture fausse encore.")])))
    await server.start()
    # The detectors' clock a day after the reviews: they are the recent history.
    def clock() -> datetime:
        return datetime(2026, 11, 21, tzinfo=UTC)

    async with Daemon(make_config(tmp_path, [first]), workers=1, detect_clock=clock) as d:
        await d.run_once()
    cfg = make_config(tmp_path, [first, later])
    gate = threading.Event()
    seen: list[list[str]] = []
    async with Daemon(cfg, workers=1, detect_clock=clock) as d:
        real = d.campaigns.detect

        def gated(rows: list[dict], cancel: threading.Event | None = None) -> list:  # type: ignore[type-arg]
            if not seen:  # the replay: held until the test lets it go
                assert gate.wait(10)
            seen.append([r["text"] for r in rows])
            return real(rows, cancel)

        d.campaigns.detect = gated  # type: ignore[method-assign]
        polling = asyncio.create_task(d.run_once())
        db = connect(cfg.storage.path)
        for _ in range(400):  # the new mention is stored while the replay is held
            if db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 3:
                break
            await asyncio.sleep(0.01)
        assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 3
        assert not polling.done() and seen == []
        gate.set()
        summary = await polling
    assert summary.new == 1
    assert [sorted(batch) for batch in seen] == [
        ["Note : 1/5. Bleuet Mobile: aucun réseau ce matin.",
         "Note : 5/5. Colibri livre vite, bravo!"],
        ["Note : 2/5. Bleuet Mobile, facture fausse encore."]]

    # Shut down during a replay: the detector thread stops at its next check.
    stopped: list[bool] = []
    async with Daemon(cfg, workers=1, detect_clock=clock) as d:
        real = d.campaigns.detect

        def slow(rows: list[dict], cancel: threading.Event | None = None) -> list:  # type: ignore[type-arg]
            assert cancel is not None and cancel.wait(10)
            stopped.append(True)
            return real(rows, cancel)

        d.campaigns.detect = slow  # type: ignore[method-assign]
        await asyncio.sleep(0)
    assert stopped == [True]


def test_a_cancelled_campaign_replay_observes_nothing() -> None:
    """CampaignMonitor.detect with its cancel flag set returns no change and feeds
    the detector nothing."""
    import threading
    from datetime import UTC, datetime

    from listener.monitor import CampaignMonitor

    rows = [{"id": i, "text": f"avis {i}", "brands": ["Colibri"], "author": f"a{i}",
             "published_at": datetime(2026, 11, 20, 12, i, tzinfo=UTC), "rating": 1,
             "title": None, "source": "store", "label": "negative", "kind": "review"}
            for i in range(5)]
    cancel = threading.Event()
    cancel.set()
    monitor = CampaignMonitor()
    assert monitor.detect(rows, cancel) == []
    assert monitor.detector.suspicion("0:Colibri") is None
    assert monitor.detect(rows) == [] and monitor.detector.suspicion("0:Colibri") is not None
