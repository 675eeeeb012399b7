"""The demo world and its local HTTP server (``vigie demo``'s data source)."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import aiohttp
import feedparser
import pytest
from multidict import CIMultiDict

from listener.analysis.query import BrandMatcher
from listener.config import parse_config
from listener.demo.render import render_feed
from listener.demo.scenario import BRANDS, FEEDS, FEEDS_BY_KEY, HISTORY, Scenario
from listener.demo.server import DemoServer, SimClock
from listener.demo.world import DemoItem, DemoWorld
from listener.errors import ParseError
from listener.sources.feeds import parse_feed
from tests.clocks import ManualMonotonic

START = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
REAL_FEEDS = [f for f in FEEDS if f.shape not in ("missing", "malformed")]
PUBDATE = re.compile(r"<pubDate>([^<]+)</pubDate>")
ISODATE = re.compile(r'(?:<published>|"date_published": ")([0-9T:Z-]+)')
EXPECTED_TYPES = {"atom_blog": "application/atom+xml", "json_feed": "application/feed+json"}


@pytest.fixture(scope="module")
def world() -> DemoWorld:
    return DemoWorld(seed=7, start=START)


async def _get(session: aiohttp.ClientSession, url: str,
               headers: dict[str, str] | None = None) -> tuple[int, CIMultiDict[str], bytes]:
    async with session.get(url, headers=headers or {}) as resp:
        return resp.status, resp.headers.copy(), await resp.read()


# --------------------------------------------------------------------------- HTTP


async def test_every_feed_answers_with_its_content_type_and_parses() -> None:
    """Each real feed is served with the right type and parses with feedparser / as JSON Feed."""
    async with DemoServer(port=0, seed=7, start=START) as server, aiohttp.ClientSession() as s:
        assert server.base_url.startswith("http://127.0.0.1:")
        for spec in REAL_FEEDS:
            status, headers, body = await _get(s, server.feed_url(spec.key))
            assert status == 200, spec.key
            ctype = headers["Content-Type"].split(";")[0]
            assert ctype == EXPECTED_TYPES.get(spec.shape, "application/rss+xml"), spec.key
            assert headers["ETag"].startswith('"') and headers["Last-Modified"].endswith("GMT")
            if spec.shape == "json_feed":
                data = json.loads(body)
                assert data["version"] == "https://jsonfeed.org/version/1.1"
                assert 20 <= len(data["items"]) <= 50
            else:
                parsed = feedparser.parse(body)
                assert not parsed.bozo, (spec.key, parsed.get("bozo_exception"))
                assert 20 <= len(parsed.entries) <= 50, spec.key
            items = parse_feed(body, url=spec.key, content_type=headers["Content-Type"],
                               now=server.sim_now())
            assert items and all(i.title or i.text for i in items)


async def test_conditional_get_returns_304_and_cache_headers() -> None:
    """A matching ETag or Last-Modified gets 304; a stale ETag gets the body again."""
    clock = ManualMonotonic(1000.0)
    async with DemoServer(seed=7, start=START, monotonic=clock) as server, \
            aiohttp.ClientSession() as s:
        url = server.feed_url("blog")
        status, headers, body = await _get(s, url)
        assert status == 200 and body
        assert headers["Cache-Control"] == "max-age=60"
        status, again, body304 = await _get(s, url, {"If-None-Match": headers["ETag"]})
        assert status == 304 and body304 == b"" and again["ETag"] == headers["ETag"]
        status, _, _ = await _get(s, url, {"If-Modified-Since": headers["Last-Modified"]})
        assert status == 304
        status, _, _ = await _get(s, url, {"If-None-Match": '"stale"',
                                           "If-Modified-Since": headers["Last-Modified"]})
        assert status == 200, "If-None-Match must take precedence over If-Modified-Since"
        status, _, _ = await _get(s, server.feed_url("news_fr"))
        assert status == 200
        assert server.requests[("blog", 304)] == 2


async def test_gzip_is_used_when_the_client_accepts_it() -> None:
    """The body is gzip-compressed for ``Accept-Encoding: gzip`` and plain otherwise."""
    async with DemoServer(seed=7, start=START) as server, \
            aiohttp.ClientSession(auto_decompress=False) as s:
        url = server.feed_url("forum")
        status, headers, raw = await _get(s, url, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip"
        assert gzip.decompress(raw).startswith(b"<?xml")
        status, headers, raw = await _get(s, url, {"Accept-Encoding": "identity"})
        assert "Content-Encoding" not in headers and raw.startswith(b"<?xml")


async def test_broken_sources_fail_the_way_they_should() -> None:
    """One source answers 404; the other serves truncated XML that no parser can read."""
    async with DemoServer(seed=7, start=START) as server, aiohttp.ClientSession() as s:
        status, _, _ = await _get(s, server.feed_url("gone"))
        assert status == 404
        status, _, _ = await _get(s, server.base_url + "/nothing/here.xml")
        assert status == 404
        status, headers, body = await _get(s, server.feed_url("broken"))
        assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
        parsed = feedparser.parse(body)
        assert parsed.bozo and not parsed.entries
        with pytest.raises(ParseError):
            parse_feed(body, url="broken", content_type=headers["Content-Type"],
                       now=server.sim_now())


async def test_config_toml_is_a_valid_vigie_config(tmp_path) -> None:  # noqa: ANN001
    """``config_toml`` passes the strict config parser and covers every brand and feed."""
    async with DemoServer(seed=7, start=START) as server:
        db = tmp_path / "demo's \"db\".sqlite"
        cfg = parse_config(server.config_toml(str(db)))
    assert cfg.storage.path == db
    assert cfg.daemon.default_interval == 15
    assert [b.name for b in cfg.brands] == [b.name for b in BRANDS]
    assert all(set(b.languages) == {"fr", "en"} for b in cfg.brands)
    assert len(cfg.sources) == len(FEEDS)
    assert all(s.url.startswith(server.base_url) and s.kind == "feed" for s in cfg.sources)
    reviews = next(s for s in cfg.sources if s.url.endswith("/avis/colibri-livraison.rss"))
    assert reviews.brands == ("Colibri Livraison",)
    # With alerts, the demo's receiver also hears about its two broken sources.
    async with DemoServer(seed=7, start=START) as server:
        alerting = parse_config(server.config_toml(str(db), alerts=True))
    (rule,) = alerting.alerts.rules
    assert {"spike.opened", "campaign.opened", "source.failing", "source.recovered"} <= set(
        rule.events)
    assert alerting.alerts.source_failing_after == 30


# --------------------------------------------------------------------------- time


def test_sim_clock_runs_at_the_given_speed() -> None:
    """Simulated time stands still until started, then advances ``speed`` times faster."""
    real = ManualMonotonic(1000.0)
    clock = SimClock(START, 360.0, real)
    real.t += 50
    assert clock.now() == START
    clock.run()
    real.t += 10
    assert clock.now() == START + timedelta(hours=1)


async def test_served_feeds_never_show_the_simulated_future() -> None:
    """At several simulated times, every dated item of every feed is at or before ``sim_now``."""
    real = ManualMonotonic(1000.0)
    async with DemoServer(seed=7, start=START, speed=360.0, monotonic=real) as server, \
            aiohttp.ClientSession() as s:
        for step in (25, 61):  # real seconds → +2.5 h and +6.1 h simulated
            real.t = 1000.0 + step
            now = server.sim_now()
            assert now == START + timedelta(seconds=step * 360)
            for spec in REAL_FEEDS:
                _, headers, body = await _get(s, server.feed_url(spec.key))
                assert parsedate_to_datetime(headers["Last-Modified"]) <= now
                text = body.decode()
                dates = [parsedate_to_datetime(d) for d in PUBDATE.findall(text)]
                dates += [datetime.fromisoformat(d) for d in ISODATE.findall(text)]
                assert len(dates) >= 20 and max(dates) <= now, (spec.key, step)


def test_history_spans_seven_days_and_new_items_keep_coming(world: DemoWorld) -> None:
    """Items exist over the 7 days before the start, none earlier, and more after it."""
    before = world.items_between("forum", START - HISTORY - timedelta(days=3), START)
    assert min(i.published for i in before) >= START - HISTORY
    assert min(i.published for i in before) < START - HISTORY + timedelta(hours=12)
    assert len(before) > 100
    after = world.items_between("forum", START, START + timedelta(hours=24))
    assert len(after) > 10
    latest = world.latest("tag_lune", START)
    assert len(latest) == FEEDS_BY_KEY["tag_lune"].window
    assert latest == sorted(latest, key=lambda i: i.published, reverse=True)


def test_same_seed_same_world_other_seed_other_world() -> None:
    """The world is a function of its seed and start only."""
    def snapshot(world: DemoWorld) -> list[tuple[str, str, str, str | None]]:
        now = START + timedelta(hours=9)
        return [(i.uid, i.title, i.text, i.link) for spec in REAL_FEEDS
                for i in world.latest(spec.key, now)]

    a = snapshot(DemoWorld(seed=7, start=START))
    # Build the second world in another order, to prove generation is order-free.
    other = DemoWorld(seed=7, start=START)
    other.latest("forum", START + timedelta(hours=30))
    assert snapshot(other) == a
    assert snapshot(DemoWorld(seed=8, start=START)) != a


async def test_same_seed_serves_the_same_bytes() -> None:
    """Two servers with the same seed and start serve identical feeds (ports aside)."""
    bodies = []
    for _ in range(2):
        async with DemoServer(seed=11, start=START, monotonic=ManualMonotonic(1000.0)) as server, \
                aiohttp.ClientSession() as s:
            got = {}
            for spec in REAL_FEEDS:
                _, _, body = await _get(s, server.feed_url(spec.key))
                got[spec.key] = body.replace(server.base_url.encode(), b"BASE")
            bodies.append(got)
    assert bodies[0] == bodies[1]


# --------------------------------------------------------------------------- events


def test_the_support_account_apologises_under_the_brand_tag_during_the_outage(
        world: DemoWorld) -> None:
    """Five posts by @BleuetAide, spread over the outage, in the #bleuetmobile feed: they
    name the brand and would count as its complaints if the config did not exclude them."""
    sc = world.scenario
    support = [i for i in world.items_between("tag_bleuet", START - HISTORY,
                                              START + timedelta(days=2))
               if i.origin == "support"]
    posts = [i for i in support if i.reply_to is None]
    assert len(posts) == 5 and {i.author.handle for i in posts} == {"@BleuetAide@pouet.example"}
    # It also answers the first four complaints of the hashtag, half an hour after each.
    replies = [i for i in support if i.reply_to is not None]
    assert len(replies) == 4 and all(
        r.reply_to.origin == "incident" and r.reply_to.feed == "tag_bleuet"  # type: ignore[union-attr]
        and r.published - r.reply_to.published == timedelta(minutes=30)  # type: ignore[union-attr]
        for r in replies)
    assert all(START + sc.incident_start <= i.published < START + sc.incident_end
               for i in posts)
    assert all("Bleuet Mobile" in i.text for i in posts) and {i.lang for i in posts} == {"fr", "en"}
    now = START + sc.incident_end
    body, _ = render_feed(FEEDS_BY_KEY["tag_bleuet"], world.latest("tag_bleuet", now),
                          base_url="http://127.0.0.1:8765", now=now)
    assert body.count(b"BleuetAide") >= 5


def test_incident_is_a_growing_then_fading_wave_from_established_authors(
        world: DemoWorld) -> None:
    """Bleuet Mobile's outage: only between +2 h and +8 h, peaking near +4 h, many authors."""
    sc = world.scenario
    incident = [i for spec in REAL_FEEDS
                for i in world.items_between(spec.key, START - HISTORY, START + timedelta(days=2))
                if i.origin == "incident"]
    assert len(incident) == sum(round(v) for v in sc.incident_volume.values())
    offsets = [(i.published - START) / timedelta(hours=1) for i in incident]
    assert min(offsets) >= 2 and max(offsets) < 8
    per_hour = Counter(int(h) for h in offsets)
    assert max(per_hour, key=per_hour.__getitem__) in (3, 4)
    assert per_hour[3] + per_hour[4] > 2 * (per_hour[2] + per_hour[7])
    assert all(i.brands == ("bleuet",) and i.stance == "complaint" for i in incident)
    assert {i.lang for i in incident} == {"fr", "en"}
    assert {i.feed for i in incident} >= {"tag_bleuet", "forum", "reviews_bleuet", "news_fr"}
    assert len({i.text for i in incident}) >= 0.9 * len(incident)
    history_authors = {i.author.handle for spec in REAL_FEEDS
                       for i in world.items_between(spec.key, START - HISTORY, START)}
    social = [i for i in incident if i.feed in ("tag_bleuet", "forum")]
    authors = {i.author.handle for i in social}
    assert len(authors) >= 0.5 * len(social)
    assert sum(i.author.handle in history_authors for i in social) >= 0.7 * len(social)


def test_campaign_is_a_burst_of_near_duplicate_one_star_reviews_from_new_accounts(
        world: DemoWorld) -> None:
    """The fake reviews land in Colibri's reviews feed within the planned span."""
    sc = world.scenario
    reviews = world.items_between(sc.campaign_feed, START - HISTORY, START + timedelta(days=2))
    fake = [i for i in reviews if i.origin == "campaign"]
    assert len(fake) == sc.campaign_reviews
    lo, hi = START + sc.campaign_start, START + sc.campaign_start + sc.campaign_duration
    assert all(lo <= i.published < hi for i in fake)
    assert all(i.rating is not None and i.rating <= 2 for i in fake)
    genuine = [i for i in reviews if i.origin != "campaign"]
    assert sum(i.rating or 0 for i in genuine) / len(genuine) > 3.3
    before = [i.author for spec in REAL_FEEDS
              for i in world.items_between(spec.key, START - HISTORY, lo)]
    seen = {a.handle for a in before} | {a.name for a in before}
    assert not seen & ({i.author.handle for i in fake} | {i.author.name for i in fake})
    assert len({i.author.name for i in fake}) == len(fake)

    def shingles(text: str) -> set[str]:
        words = re.findall(r"\w+", text.lower())
        return {" ".join(words[k:k + 2]) for k in range(len(words) - 1)}

    def has_twin(item: DemoItem, others: list[DemoItem]) -> bool:
        mine = shingles(item.text)
        return any(len(mine & shingles(o.text)) / max(1, len(mine | shingles(o.text))) >= 0.5
                   for o in others if o is not item)

    assert sum(has_twin(i, fake) for i in fake) >= 0.8 * len(fake)
    assert sum(has_twin(i, genuine) for i in genuine) <= 0.15 * len(genuine)


async def test_events_show_up_in_the_served_feeds_at_their_time() -> None:
    """The outage wave and the fake-review burst appear in the served feeds when planned."""
    real = ManualMonotonic(1000.0)
    async with DemoServer(seed=3, start=START, speed=3600.0, monotonic=real) as server, \
            aiohttp.ClientSession() as s:
        async def recent(key: str, hours: float, stars: str = "") -> int:
            """Entries of ``key`` published in the last ``hours`` simulated hours."""
            _, _, body = await _get(s, server.feed_url(key))
            since = server.sim_now() - timedelta(hours=hours)
            return sum(1 for e in feedparser.parse(body).entries
                       if e.get("published_parsed") and e.get("title", "").startswith(stars)
                       and datetime(*e.published_parsed[:6], tzinfo=UTC) >= since)

        real.t += 1.9  # simulated +1.9 h: nothing planned yet
        quiet_tag, quiet_forum = await recent("tag_bleuet", 3), await recent("forum", 3)
        quiet_reviews = await recent("reviews_colibri", 3, "★☆☆☆☆")
        real.t += 3.1  # +5 h: the outage is at its height
        assert await recent("tag_bleuet", 3) >= quiet_tag + 25
        assert await recent("forum", 3) >= quiet_forum + 5
        real.t += 2.5  # +7.5 h: the campaign has just ended
        assert await recent("reviews_colibri", 3, "★☆☆☆☆") >= quiet_reviews + 25
    assert quiet_tag <= 5 and quiet_reviews <= 3


def test_event_times_come_from_the_scenario() -> None:
    """Moving the events in the :class:`Scenario` moves them in the world."""
    later = Scenario(incident_start=timedelta(hours=20), incident_peak=timedelta(hours=21),
                     incident_end=timedelta(hours=23), campaign_start=timedelta(hours=30),
                     campaign_duration=timedelta(hours=1), campaign_reviews=10)
    world = DemoWorld(seed=7, start=START, scenario=later)
    events = [i for spec in REAL_FEEDS
              for i in world.items_between(spec.key, START, START + timedelta(days=2))
              if i.origin in ("incident", "campaign")]
    incident = [(i.published - START) / timedelta(hours=1) for i in events
                if i.origin == "incident"]
    campaign = [(i.published - START) / timedelta(hours=1) for i in events
                if i.origin == "campaign"]
    assert incident and min(incident) >= 20 and max(incident) < 23
    assert len(campaign) == 10 and all(30 <= h < 31 for h in campaign)


# --------------------------------------------------------------------------- content


def test_brand_matching_matters_and_mostly_agrees_with_the_truth(world: DemoWorld) -> None:
    """About 40 % of items name no brand; the configured queries find the real mentions."""
    matcher = BrandMatcher({b.key: list(b.queries) for b in BRANDS})
    names = {b.key: b.name for b in BRANDS}
    items = [(spec, i) for spec in REAL_FEEDS
             for i in world.items_between(spec.key, START - timedelta(days=3), START)]
    no_brand = sum(not i.brands for _, i in items) / len(items)
    assert 0.25 <= no_brand <= 0.5
    assert any(len(i.brands) == 2 for _, i in items)
    agree = 0
    for spec, item in items:
        title = item.title + (f" avis sur {names[spec.about]}" if spec.shape == "reviews"
                              else "")
        agree += set(matcher.match(title + "\n" + item.text)) == set(item.brands)
    assert agree >= 0.93 * len(items)
    texts = [i.text for _, i in items if i.text and i.origin == "chatter"]
    assert len(set(texts)) >= 0.97 * len(texts)


async def test_hostile_text_missing_fields_and_duplicates_are_served() -> None:
    """Rich markup, ANSI and zero-width text, undated/unlinked items, cross-feed copies."""
    async with DemoServer(seed=7, start=START) as server, aiohttp.ClientSession() as s:
        bodies = {}
        for spec in REAL_FEEDS:
            _, _, bodies[spec.key] = await _get(s, server.feed_url(spec.key))
    assert b"[bold red]PWNED[/]" in bodies["forum"]
    assert "\u200b".encode() in bodies["forum"]
    assert "\u202e".encode() in bodies["tag_bleuet"]
    json_items = json.loads(bodies["techblog"])["items"]
    assert any("\x1b[31m" in i["title"] for i in json_items)
    forum = feedparser.parse(bodies["forum"]).entries
    assert any(not e.get("published") for e in forum)
    news = feedparser.parse(bodies["news_fr"]).entries
    assert any(not e.get("link") for e in news)
    news_links = {e.link for key in ("news_fr", "news_en")
                  for e in feedparser.parse(bodies[key]).entries if e.get("link")}
    search_links = {e.link for key in ("gnews_bleuet", "gnews_colibri", "gnews_lune")
                    for e in feedparser.parse(bodies[key]).entries}
    assert news_links & search_links


def test_some_english_news_is_republished_with_the_same_text(world: DemoWorld) -> None:
    """The tech blog's syndicated copies repeat a news article's title and text, new link."""
    copies = [i for i in world.items_between("techblog", START - HISTORY, START)
              if i.origin == "syndicated"]
    assert copies
    originals = {(i.title, i.text): i.link
                 for i in world.items_between("news_en", START - HISTORY, START)}
    for copy in copies:
        assert (copy.title, copy.text) in originals
        assert originals[(copy.title, copy.text)] != copy.link


def test_sizes_are_realistic(world: DemoWorld) -> None:
    """Most bodies are 200–1,500 characters, with a few long ones."""
    sizes = [len(i.title) + len(i.text) for spec in REAL_FEEDS if spec.shape != "gnews"
             for i in world.items_between(spec.key, START - HISTORY, START)]
    within = sum(200 <= n <= 1500 for n in sizes) / len(sizes)
    assert within >= 0.6
    assert max(sizes) > 2000
