"""A source that keeps failing raises ``source.failing``, and ``source.recovered`` once back.

The real daemon polls a real local server that answers 500 for a while; the
events reach a real local webhook receiver.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from listener.alerts.outbox import source_occurrences
from listener.commands.status import render_health
from listener.config import parse_config
from listener.daemon import Daemon
from listener.store import connect
from listener.store.reads import source_health
from tests.conftest import LocalServer
from tests.feeds import item, rss
from tests.integration.test_alerts_delivery import Receiver

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


async def test_a_feed_down_for_an_hour_alerts_once_then_recovers(server: LocalServer,
                                                                 tmp_path: Path) -> None:
    down = True

    async def feed(request: web.Request) -> web.Response:
        if down:
            return web.Response(status=503, text="maintenance")
        return web.Response(body=rss([item(1, "Bleuet Mobile revient.")]),
                            content_type="application/rss+xml")

    url = server.route("/avis.rss", feed)
    await server.start()
    rec = await Receiver().start()
    cfg = parse_config(
        f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
        "[[brands]]\nname = 'Bleuet Mobile'\n[[brands]]\nname = 'Colibri'\n"
        f'[[sources]]\nurl = "{url}"\nname = "Avis clients"\nbrands = ["Bleuet Mobile"]\n'
        '[alerts]\nsource_failing_after = "1h"\n'
        f'[[alerts.channels]]\nname = "ops"\nkind = "webhook"\nurl = "{rec.url}"\n'
        '[[alerts.rules]]\nname = "feeds"\nevents = ["source.*"]\nchannels = ["ops"]\n'
        '[[alerts.rules]]\nname = "colibri-only"\nevents = ["source.*"]\n'
        'brands = ["Colibri"]\nchannels = ["ops"]\n',
        path=tmp_path / "vigie.toml")
    now = [T0]
    try:
        async with Daemon(cfg, workers=1, clock=lambda: now[0]) as d:
            for minutes in (0, 40):  # failing, but not for an hour yet
                now[0] = T0 + timedelta(minutes=minutes)
                assert (await d.run_once()).failed == 1
            assert rec.calls == []
            now[0] = T0 + timedelta(minutes=70)
            await d.run_once()
            now[0] = T0 + timedelta(minutes=80)  # still down: no second alert
            await d.run_once()
            events = [json.loads(body) for _, body in rec.calls]
            assert [e["kind"] for e in events] == ["source.failing"]
            failing = events[0]
            assert failing["brand"] == "Bleuet Mobile" and failing["rule"] == "feeds"
            assert failing["summary"] == ("Avis clients: no successful poll for 70 min (3 failed "
                                          "attempts); last error: HTTP 503 Service Unavailable "
                                          "(service unavailable; will retry with backoff)")
            assert failing["data"]["url"] == url and failing["data"]["http_status"] == 503
            assert failing["item"] == {"type": "source", "id": 1}
            # `vigie status` says since when.
            table = render_health(source_health(connect(tmp_path / "v.db")))
            assert "↳ since 2026-11-20T08:00:00Z: HTTP 503" in table
            down = False
            now[0] = T0 + timedelta(minutes=95)
            assert (await d.run_once()).ok == 1
        events = [json.loads(body) for _, body in rec.calls]
        assert [e["kind"] for e in events] == ["source.failing", "source.recovered"]
        recovered = events[1]
        assert recovered["update"] and recovered["thread_id"] == failing["id"]
        assert recovered["summary"] == "Avis clients: polled again after 1.6 h of failures"
    finally:
        await rec.close()


async def test_no_alert_storm_while_every_source_fails(server: LocalServer,
                                                       tmp_path: Path) -> None:
    """Every source failing at once is this machine offline: no message per source. Once
    the others answer again, the one still down raises its single ``source.failing``."""
    offline = True

    def handler(body: bytes, always_down: bool):  # type: ignore[no-untyped-def]
        async def handle(request: web.Request) -> web.Response:
            if offline or always_down:
                return web.Response(status=502, text="bad gateway")
            return web.Response(body=body, content_type="application/rss+xml")
        return handle

    ok_body = rss([item(1, "Bleuet Mobile va bien.")])
    urls = [server.route(f"/f{i}.rss", handler(ok_body, always_down=(i == 0))) for i in range(3)]
    await server.start()
    rec = await Receiver().start()
    sources = "".join(f'[[sources]]\nurl = "{u}"\nname = "Feed {i}"\n' for i, u in enumerate(urls))
    cfg = parse_config(
        f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "2s"\n'
        "[[brands]]\nname = 'Bleuet Mobile'\n" + sources +
        f'[[alerts.channels]]\nname = "ops"\nkind = "webhook"\nurl = "{rec.url}"\n'
        '[[alerts.rules]]\nname = "feeds"\nevents = ["source.*"]\nchannels = ["ops"]\n',
        path=tmp_path / "vigie.toml")
    now = [T0]
    try:
        async with Daemon(cfg, workers=1, clock=lambda: now[0]) as d:
            for minutes in (0, 30, 65, 90):
                now[0] = T0 + timedelta(minutes=minutes)
                assert (await d.run_once()).failed == 3
            assert rec.calls == []
            offline = False
            for minutes in (100, 110):
                now[0] = T0 + timedelta(minutes=minutes)
                assert (await d.run_once()).failed == 1
        events = [json.loads(body) for _, body in rec.calls]
        assert [(e["kind"], e["data"]["name"]) for e in events] == [("source.failing", "Feed 0")]
        # At the first or second poll after the others came back (polls run concurrently,
        # so the others' rows may not say "healthy" yet at the first).
        summary = events[0]["summary"]
        assert events[0]["brand"] == "" and summary.startswith("Feed 0: no successful poll for")
        assert "for 1.7 h (5 failed" in summary or "for 1.8 h (6 failed" in summary
    finally:
        await rec.close()


def _occ(**kw: object) -> list[str]:
    base: dict[str, object] = dict(ok=False, at=T0, error="HTTP 500", status=500, brands=(),
                                   name="Feed", url="http://x/f", failing_since=None,
                                   failures=0, after=3600.0, alerted=False,
                                   others_healthy=True)
    base.update(kw)
    return [f"{o.kind}|{o.brand}|{o.incident}" for o in source_occurrences(7, **base)]


RUN = "2026-11-20T06:59:00Z"


@pytest.mark.parametrize(("case", "expected"), [
    # The first failure never alerts, even with no delay; the second can.
    (dict(after=0.0, failing_since="2026-11-20T08:00:00Z"), []),
    (dict(after=0.0, failures=1, failing_since="2026-11-20T07:59:00Z"),
     ["source.failing||source:7:2026-11-20T07:59:00Z"]),
    # Failing for 59 min: not yet; for 61 min: yes, once per run.
    (dict(failures=3, failing_since="2026-11-20T07:01:00Z"), []),
    (dict(failures=3, failing_since=RUN), [f"source.failing||source:7:{RUN}"]),
    (dict(failures=4, failing_since=RUN, alerted=True), []),
    # Every other source failing too: this machine is offline; not the source's fault.
    (dict(failures=3, failing_since=RUN, others_healthy=False), []),
    (dict(failures=3, failing_since=RUN, others_healthy=None),  # the only source
     [f"source.failing||source:7:{RUN}"]),
    # Recovered after any run (enqueue drops it when the run raised nothing); per brand.
    (dict(ok=True, failures=4, failing_since=RUN, brands=("A", "B")),
     [f"source.recovered|A|source:7:{RUN}", f"source.recovered|B|source:7:{RUN}"]),
    (dict(ok=True), []),
])
def test_failing_and_recovered_transitions(case: dict[str, object], expected: list[str]) -> None:
    assert _occ(**case) == expected
