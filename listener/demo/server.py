"""A local aiohttp server that serves the demo world's feeds in accelerated time.

Usage::

    async with DemoServer(seed=7, speed=360.0) as server:
        config = parse_config(server.config_toml("/tmp/demo.db"))
        ...  # run the daemon against server.base_url
        server.sim_now()  # the simulated time, 1 h per 10 s at speed 360

The server binds 127.0.0.1 only (any port, 0 = a free one), shows each feed
as it is at the current simulated time (never an item from the simulated
future), and behaves like a well-run web server: ``ETag`` and
``Last-Modified`` on every feed, ``304 Not Modified`` on a matching
``If-None-Match`` (or, without one, ``If-Modified-Since``), ``Cache-Control:
max-age=60`` on the slow blogs, gzip when the client accepts it, and the right
content types. The hashtag feeds are also served as the Mastodon API
(``/api/v1/timelines/tag/<tag>``) and Fromagerie Lune's reviews as App Store
customer-reviews JSON, and the English news as Hacker News stories on an
Algolia-like ``/api/v1/search_by_date`` (see :mod:`listener.demo.api`). Two sources are broken on purpose: one answers 404, the other
serves truncated XML.

The server is also the demo's **alert receiver**: ``POST /_hooks/vigie``
accepts the generic signed webhook (schema ``vigie.alert/1``), checks its
``X-Vigie-Signature`` with :data:`WEBHOOK_SECRET`, keeps each event in
:attr:`DemoServer.received` and calls ``on_webhook`` if given; the generated
config (``config_toml(..., alerts=True)``) routes every spike and campaign
event there.

Dates in the feeds and in ``Last-Modified`` are *simulated* times, which run
ahead of the real clock; a client should judge them against
:meth:`DemoServer.sim_now`.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from aiohttp import web
from aiohttp.web import ContentCoding

from listener.alerts.formats import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from listener.demo.api import APPSTORE_APP_ID, appstore_page, hn_search, mastodon_page
from listener.demo.render import render_feed, truncated_feed
from listener.demo.reviews import SimulatedReviews
from listener.demo.scenario import (
    BRANDS,
    DEFAULT_SCENARIO,
    FEEDS,
    FEEDS_BY_KEY,
    FeedSpec,
    Scenario,
)
from listener.demo.world import SUPPORT_ACCOUNT, DemoWorld
from listener.errors import VigieError

__all__ = ["DemoServer", "SimClock", "ReceivedAlert", "WEBHOOK_PATH", "WEBHOOK_SECRET"]

#: Where the demo server receives the daemon's alert webhooks.
WEBHOOK_PATH = "/_hooks/vigie"
#: The HMAC key of the demo webhook channel (a demo, not a secret).
WEBHOOK_SECRET = "vigie-demo-webhook"


@dataclass(frozen=True, slots=True)
class ReceivedAlert:
    """One alert event the demo receiver accepted, and whether its signature was valid."""

    event: dict[str, Any]
    signed: bool
    received_at: float


class SimClock:
    """Simulated time: ``start`` plus the real time elapsed since :meth:`run`, times ``speed``.

    ``monotonic`` is the real clock (injectable for tests). Before :meth:`run`
    the simulated time stands still at ``start``.
    """

    def __init__(self, start: datetime, speed: float,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive (simulated seconds per real second)")
        self.start = start
        self.speed = speed
        self._monotonic = monotonic
        self._t0: float | None = None

    def run(self) -> None:
        """Start the clock (idempotent)."""
        if self._t0 is None:
            self._t0 = self._monotonic()

    def now(self) -> datetime:
        """The current simulated time (UTC)."""
        if self._t0 is None:
            return self.start
        return self.start + timedelta(seconds=(self._monotonic() - self._t0) * self.speed)


class DemoServer:
    """Serves the feeds of a :class:`~listener.demo.world.DemoWorld` over local HTTP.

    ``seed`` picks the world, ``speed`` is simulated seconds per real second,
    ``start`` the simulated start (default: now rounded down to the hour),
    ``scenario`` when the planned events happen, ``reviews_seed`` adds a
    simulated review stream (:mod:`listener.demo.reviews`). ``requests`` counts answers
    by ``(feed key, status)``; ``received`` lists the alert webhooks received,
    and ``on_webhook`` (if given) is called with each one as it arrives.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, seed: int = 7,
                 speed: float = 360.0, start: datetime | None = None, *,
                 scenario: Scenario = DEFAULT_SCENARIO,
                 monotonic: Callable[[], float] = time.monotonic,
                 on_webhook: Callable[[ReceivedAlert], None] | None = None,
                 reviews_seed: int | None = None) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise VigieError(f"the demo server only listens on the loopback interface, "
                             f"not {host!r} (use 127.0.0.1)")
        self.host = host
        self.port = port
        self.world = DemoWorld(seed=seed, start=start, scenario=scenario)
        #: With ``reviews_seed``, the rated targets of that simulated review stream
        #: are served as App Store apps too (``vigie demo --reviews``).
        self.reviews = (SimulatedReviews(reviews_seed, self.world.start)
                        if reviews_seed is not None else None)
        self.clock = SimClock(self.world.start, speed, monotonic)
        self.requests: Counter[tuple[str, int]] = Counter()
        self.received: list[ReceivedAlert] = []
        self.on_webhook = on_webhook
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        # The last rendering of each feed, keyed by (newest item, item count).
        self._cache: dict[str, tuple[tuple[str, int], tuple[bytes, str, str, datetime]]] = {}

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> DemoServer:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.stop()

    async def start(self) -> None:
        """Bind the port, start serving and start the simulated clock."""
        app = web.Application()
        app.router.add_get("/", self._index)
        app.router.add_post(WEBHOOK_PATH, self._webhook)
        app.router.add_get("/{tail:.+}", self._feed)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            self._runner = None
            raise VigieError(f"the demo server cannot listen on {self.host}:{self.port} "
                             f"({exc.strerror}); choose another port or 0 for any") from None
        host, port = self._runner.addresses[0][:2]
        self.port = port
        self._base_url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
        self.clock.run()

    async def stop(self) -> None:
        """Stop serving (idempotent)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ------------------------------------------------------------------ public API

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` once started."""
        if self._base_url is None:
            raise RuntimeError("the demo server is not started (use 'async with DemoServer()')")
        return self._base_url

    def sim_now(self) -> datetime:
        """The current simulated time (UTC)."""
        return self.clock.now()

    def feed_url(self, key: str) -> str:
        """The full URL of the feed with key ``key`` (see :data:`~listener.demo.scenario.FEEDS`)."""
        return self.base_url + FEEDS_BY_KEY[key].path

    def config_toml(self, db_path: str, *, poll_scale: float = 1.0, alerts: bool = False,
                    api_sources: bool = False, language: str | None = None) -> str:
        """A complete Vigie configuration (TOML) watching this world's brands and feeds.

        ``poll_scale`` multiplies every poll interval (0.2: five times more
        often, for fast tests); the detection lag follows. With ``alerts``,
        spike and campaign events are sent to this server's webhook receiver
        (without it, a caller may append its own ``[alerts]`` table). With
        ``api_sources``, the hashtag feeds are polled through the Mastodon API
        (``kind = "mastodon"``) and Fromagerie Lune's reviews through the App Store
        JSON (``kind = "appstore"``) instead of RSS, and a Hacker News search
        (``kind = "hackernews"``) per brand is added. ``language`` (``en`` or
        ``fr``), when given, is the configuration's ``language``: the TUI's and
        the alert messages'.
        """
        if poll_scale <= 0:
            raise ValueError("poll_scale must be positive")
        base = 15 * poll_scale
        lines = [
            "# Vigie configuration for the bundled demo world "
            f"(seed {self.world.seed}, simulated start {self.world.start:%Y-%m-%dT%H:%MZ},",
            f"# {self.clock.speed:g} simulated seconds per real second). Generated; do not edit.",
            "",
            *([f"language = {_toml_str(language)}", ""] if language else []),
            "[storage]",
            f"path = {_toml_str(db_path)}",
            "",
            "[daemon]",
            '# The demo polls fast: the world moves 1 simulated hour every 10 s by default.',
            f'default_interval = "{_secs(base)}"',
            "# Detectors run in simulated time: a bin is judged once a poll (15 s real, i.e.",
            "# 15 x speed simulated seconds) has passed since its end.",
            f'detection_lag = "{int(base * 1.2 * self.clock.speed)}s"',
            "# ... and once the sources polled every 15 s have been polled since (held at",
            "# most 1.8 polls; the slower feeds do not hold the bins).",
            f'detection_hold = "{int(base * 1.8 * self.clock.speed)}s"',
            'detect_every = "2s"',
            "",
        ]
        names = {b.key: b.name for b in BRANDS}
        for brand in BRANDS:
            lines += [
                "[[brands]]",
                f"name = {_toml_str(brand.name)}",
                "queries = [" + ", ".join(_toml_str(q) for q in brand.queries) + "]",
                'languages = ["fr", "en"]',
            ]
            if brand.key == "bleuet":
                handle = SUPPORT_ACCOUNT.handle.lstrip("@").split("@")[0]
                lines += ["# Its support account's apologies during an outage are not mentions.",
                          f"exclude_authors = [{_toml_str(handle)}]"]
            lines.append("")
        for spec in FEEDS:
            kind, url = "feed", self.base_url + spec.path
            if api_sources and spec.shape == "mastodon_tag":
                kind, url = "mastodon", self.base_url + spec.path.removesuffix(".rss")
            elif api_sources and spec.key == _APPSTORE_FEED:
                kind = "appstore"
                url = f"{self.base_url}/ca/app/fromagerie-lune/id{APPSTORE_APP_ID}"
            about = names[spec.about] if spec.about and spec.shape in ("reviews", "gnews") else None
            lines += _source_lines(url, spec.title, kind,
                                   _secs(_parse_secs(spec.interval) * poll_scale), about)
        if self.reviews is not None:
            lines += [f"# The simulated review stream {self.reviews.seed} (vigie simulate "
                      "reviews): one App Store app per rated target.", ""]
            for app in self.reviews.apps.values():
                lines += [
                    "[[brands]]",
                    f"name = {_toml_str(app.name)}",
                    f"queries = [{_toml_str(chr(34) + app.name + chr(34))}]",
                    "",
                ]
                lines += _source_lines(f"{self.base_url}/fr/app/simulated/id{app.app_id}",
                                       f"App Store — {app.name} (simulated)", "appstore",
                                       _secs(base), app.name)
        if api_sources:
            for brand in BRANDS:
                lines += _source_lines(f"{self.base_url}/api/v1/search_by_date?query="
                                       f"{quote(chr(34) + brand.name + chr(34))}",
                                       f"Hacker News — {brand.name}", "hackernews",
                                       _secs(base * 2))
        if not alerts:
            return "\n".join(lines)
        lines += [
            "# Alerts: every spike, campaign and source-health event goes to the demo",
            "# server's receiver, signed like a production webhook. The demo's two broken",
            "# sources raise source.failing once they have failed twice over half a minute.",
            "[alerts]",
            'backoff_base = "1s"',
            'backoff_max = "10s"',
            'source_failing_after = "30s"',
            "",
            "[[alerts.channels]]",
            'name = "demo-receiver"',
            'kind = "webhook"',
            f"url = {_toml_str(self.base_url + WEBHOOK_PATH)}",
            f"secret = {_toml_str(WEBHOOK_SECRET)}",
            "",
            "[[alerts.rules]]",
            'name = "demo-incidents"',
            'events = ["spike.*", "campaign.*", "source.*"]',
            'channels = ["demo-receiver"]',
            "",
        ]
        return "\n".join(lines)

    # ------------------------------------------------------------------ handlers

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.read()
        try:
            event = json.loads(body)
        except ValueError:
            return web.json_response({"error": "body is not JSON"}, status=400)
        if not isinstance(event, dict):
            return web.json_response({"error": "body is not a JSON object"}, status=400)
        signed = verify(WEBHOOK_SECRET, body, request.headers.get(TIMESTAMP_HEADER, ""),
                        request.headers.get(SIGNATURE_HEADER, ""))
        got = ReceivedAlert(event=event, signed=signed, received_at=time.time())
        if any(r.event.get("id") == event.get("id") for r in self.received):
            return web.json_response({"ok": True, "duplicate": True})
        self.received.append(got)
        if self.on_webhook is not None:
            self.on_webhook(got)
        return web.json_response({"ok": True})

    def _route(self, request: web.Request) -> FeedSpec | None:
        params = dict(request.query)
        for spec in FEEDS:
            parts = urlsplit(spec.path)
            if parts.path != request.path:
                continue
            wanted = dict(parse_qsl(parts.query))
            if all(params.get(k) == v for k, v in wanted.items()):
                return spec
        return None

    async def _index(self, request: web.Request) -> web.Response:
        rows = "".join(
            f'<li><a href="{html.escape(s.path)}">{html.escape(s.title)}</a> '
            f"<small>({s.shape})</small></li>" for s in FEEDS)
        page = (f"<!doctype html><html lang=fr><meta charset=utf-8><title>Vigie demo world"
                f"</title><h1>Vigie demo world</h1><p>Simulated time: "
                f"{self.sim_now():%Y-%m-%d %H:%M} UTC</p><ul>{rows}</ul></html>")
        return web.Response(text=page, content_type="text/html")

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        if m := _MASTODON_TAG.match(request.path):
            return self._mastodon(request, m.group(1))
        if request.path == "/api/v1/search_by_date":
            return self._hackernews(request)
        if m := _APPSTORE.match(request.path):
            return self._appstore(m.group(1), int(m.group(2)), m.group(3))
        spec = self._route(request)
        key = spec.key if spec else "?"
        if spec is None or spec.shape == "missing":
            self.requests[(key, 404)] += 1
            return web.Response(status=404, content_type="text/html",
                                text="<!doctype html><title>404 Not Found</title>"
                                     "<h1>Page introuvable</h1><p>Ce blogue a déménagé.</p>")
        body, ctype, etag, modified = self._body(spec)
        headers = {"ETag": etag, "Last-Modified": _http_date(modified),
                   "Vary": "Accept-Encoding"}
        if spec.max_age is not None:
            headers["Cache-Control"] = f"max-age={spec.max_age}"
        if _not_modified(request, etag, modified):
            self.requests[(key, 304)] += 1
            return web.Response(status=304, headers=headers)
        self.requests[(key, 200)] += 1
        resp = web.Response(body=body, headers=headers)
        resp.headers["Content-Type"] = ctype
        if "gzip" in request.headers.get("Accept-Encoding", "").lower():
            resp.enable_compression(ContentCoding.gzip)
        else:
            resp.enable_compression()
        return resp

    def _mastodon(self, request: web.Request, tag: str) -> web.Response:
        """``GET /api/v1/timelines/tag/<tag>``: statuses of the hashtag feed, paged like Mastodon."""
        spec = FEEDS_BY_KEY.get(_TAG_FEEDS.get(tag, ""))
        if spec is None:
            self.requests[("mastodon:?", 404)] += 1
            return web.json_response({"error": "Record not found"}, status=404)
        try:
            limit = min(40, max(1, int(request.query.get("limit", "20"))))
        except ValueError:
            return web.json_response({"error": "limit must be a number"}, status=400)
        items = self.world.latest(spec.key, self.sim_now(), limit=_API_POOL)
        page = mastodon_page(items, since_id=request.query.get("since_id"),
                             max_id=request.query.get("max_id"), limit=limit,
                             host=urlsplit(spec.site).hostname or "pouet.example")
        self.requests[(f"mastodon:{spec.key}", 200)] += 1
        reset = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)
        return web.json_response(page, headers={
            "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "299",
            "X-RateLimit-Reset": reset.isoformat().replace("+00:00", "Z")})

    def _hackernews(self, request: web.Request) -> web.Response:
        """Algolia's ``search_by_date``: stories linking to the world's English news."""
        query = request.query.get("query", "")
        m = re.fullmatch(r"created_at_i(>=|>)(\d+)", request.query.get("numericFilters", ""))
        try:
            page = max(0, int(request.query.get("page", "0")))
            per_page = min(1000, max(1, int(request.query.get("hitsPerPage", "20"))))
        except ValueError:
            return web.json_response({"message": "invalid page or hitsPerPage", "status": 400},
                                     status=400)
        if not query.strip():
            return web.json_response({"message": "query is required", "status": 400},
                                     status=400)
        min_created = (int(m.group(2)) + (m.group(1) == ">")) if m else 0
        now = self.sim_now()
        items = [i for key in _HN_FEEDS for i in self.world.latest(key, now, limit=_API_POOL)
                 if i.lang == "en"]
        self.requests[("hackernews", 200)] += 1
        return web.json_response(hn_search(items, query=query, min_created=min_created,
                                           page=page, per_page=per_page))

    def _appstore(self, country: str, page: int, app_id: str) -> web.Response:
        """Apple's customer-reviews JSON for the demo app (Fromagerie Lune's reviews), or
        for one of the simulated apps of ``--reviews``."""
        simulated = self.reviews.apps.get(app_id) if self.reviews is not None else None
        if (app_id != APPSTORE_APP_ID and simulated is None) or not 1 <= page <= 10:
            self.requests[("appstore:?", 400)] += 1
            return web.json_response({"errorMessage": "Invalid value(s) for key(s): [id, page]",
                                      "status": 400}, status=400)
        now = self.sim_now()
        if simulated is not None and self.reviews is not None:
            key, name = f"sim:{simulated.name}", simulated.name
            items = self.reviews.latest(app_id, now, limit=_API_POOL)
        else:
            key, name = FEEDS_BY_KEY[_APPSTORE_FEED].key, "Fromagerie Lune"
            items = self.world.latest(key, now, limit=_API_POOL)
        body = appstore_page(items, page=page, country=country, app_id=app_id,
                             app_name=name, base_url=self.base_url, now=now)
        self.requests[(f"appstore:{key}", 200)] += 1
        return web.json_response(body)

    def _body(self, spec: FeedSpec) -> tuple[bytes, str, str, datetime]:
        """Body, content type, ETag and last modification of ``spec`` right now."""
        now = self.sim_now()
        if spec.shape == "malformed":
            modified = self.world.history_start
            body, ctype = truncated_feed(spec, base_url=self.base_url, now=modified)
            return body, ctype, _etag(body), modified
        items = self.world.latest(spec.key, now)
        newest = items[0].published if items else self.world.history_start
        signature = (items[0].uid if items else "", len(items))
        cached = self._cache.get(spec.key)
        if cached is None or cached[0] != signature:
            body, ctype = render_feed(spec, items, base_url=self.base_url, now=newest)
            cached = self._cache[spec.key] = (signature, (body, ctype, _etag(body), newest))
        return cached[1]


#: ``GET /api/v1/timelines/tag/<tag>`` (Mastodon).
_MASTODON_TAG = re.compile(r"^/api/v1/timelines/tag/([^/]+)$")
#: ``GET /<cc>/rss/customerreviews/page=<n>/id=<app id>/sortby=mostrecent/json`` (App Store).
_APPSTORE = re.compile(r"^/([a-z]{2})/rss/customerreviews/page=(\d+)/id=(\d+)"
                       r"/sortby=mostrecent/json$")
#: Hashtag → feed key of the Mastodon-like tag feeds.
_TAG_FEEDS = {f.path.rsplit("/", 1)[1].removesuffix(".rss"): f.key
              for f in FEEDS if f.shape == "mastodon_tag"}
#: Feeds whose English items Hacker News links to.
_HN_FEEDS = ("news_en", "techblog")
#: The reviews feed also served as App Store reviews.
_APPSTORE_FEED = "reviews_lune"
#: How many of a feed's latest items an API endpoint can page through.
_API_POOL = 500


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _http_date(when: datetime) -> str:
    return email.utils.format_datetime(when.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _not_modified(request: web.Request, etag: str, modified: datetime) -> bool:
    """RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since only without it."""
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
        return "*" in tags or etag in tags
    since = request.if_modified_since
    return since is not None and modified.replace(microsecond=0) <= since


def _parse_secs(text: str) -> float:
    """``"15s"`` → 15.0 (the demo's intervals are all in seconds)."""
    return float(text.removesuffix("s"))


def _secs(value: float) -> str:
    """A duration in whole seconds (at least 1) as the config writes it."""
    return f"{max(1, round(value))}s"


def _source_lines(url: str, name: str, kind: str, interval: str,
                  brand: str | None = None) -> list[str]:
    """One ``[[sources]]`` table of the generated configuration (and a blank line)."""
    lines = ["[[sources]]", f"url = {_toml_str(url)}", f"name = {_toml_str(name)}",
             f"kind = {_toml_str(kind)}", f"interval = {_toml_str(interval)}"]
    if brand is not None:
        lines.append(f"brands = [{_toml_str(brand)}]")
    return [*lines, ""]


def _toml_str(value: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML escapes)."""
    return json.dumps(value, ensure_ascii=False)
