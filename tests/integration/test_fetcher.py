"""The HTTP fetcher against real local servers: validators, limits, failures."""

from __future__ import annotations

import asyncio
import gzip

import pytest
from aiohttp import web

from listener.config import HttpConfig
from listener.errors import FetchError
from listener.sources.http import Fetcher, parse_max_age, parse_retry_after
from tests.conftest import LocalServer, closed_port

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


async def test_conditional_get_sends_validators_exactly(server: LocalServer) -> None:
    """ETag and Last-Modified are sent back exactly as received, and 304 is understood."""
    etag = 'W/"abc-123"'
    lm = "Tue, 24 Nov 2026 01:02:03 GMT"

    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=RSS, headers={"ETag": etag, "Last-Modified": lm,
                                               "Cache-Control": "public, max-age=120"},
                            content_type="application/rss+xml")

    url = server.route("/feed", feed)
    await server.start()
    async with Fetcher(HttpConfig()) as f:
        first = await f.fetch(url)
        assert first.status == 200 and first.body == RSS
        assert (first.etag, first.last_modified, first.max_age) == (etag, lm, 120)
        second = await f.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body is None
    assert server.requests[-1].headers["If-None-Match"] == etag
    assert server.requests[-1].headers["If-Modified-Since"] == lm


async def test_gzip_body_is_decoded(server: LocalServer) -> None:
    """A gzip-encoded body arrives decompressed."""

    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=gzip.compress(RSS), headers={"Content-Encoding": "gzip"})

    url = server.route("/gz", feed)
    await server.start()
    async with Fetcher(HttpConfig()) as f:
        assert (await f.fetch(url)).body == RSS


async def test_huge_body_is_cut_off_while_streaming(server: LocalServer) -> None:
    """A body larger than the limit fails without being read whole (no Content-Length)."""
    sent = 0

    async def huge(request: web.Request) -> web.StreamResponse:
        nonlocal sent
        resp = web.StreamResponse()
        await resp.prepare(request)
        chunk = b"x" * (1 << 20)
        try:
            for _ in range(200):  # 200 MB if nobody stops us
                await resp.write(chunk)
                sent += len(chunk)
        except (ConnectionResetError, RuntimeError):
            pass
        return resp

    url = server.route("/huge", huge)
    await server.start()
    async with Fetcher(HttpConfig(max_body_bytes=2_000_000)) as f:
        with pytest.raises(FetchError, match="max_body_bytes"):
            await f.fetch(url)
    await asyncio.sleep(0.1)
    assert sent < 100 * (1 << 20)


async def test_gzip_bomb_is_cut_off(server: LocalServer) -> None:
    """The size limit applies after decompression (a decompression bomb fails)."""
    bomb = gzip.compress(b"\0" * 50_000_000)

    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=bomb, headers={"Content-Encoding": "gzip"})

    url = server.route("/bomb", feed)
    await server.start()
    async with Fetcher(HttpConfig(max_body_bytes=1_000_000)) as f:
        with pytest.raises(FetchError, match="limit"):
            await f.fetch(url)


@pytest.mark.parametrize("status", [404, 500, 503])
async def test_http_errors_carry_status(server: LocalServer, status: int) -> None:
    """Error statuses become FetchError with the status and a hint."""

    async def fail(request: web.Request) -> web.Response:
        return web.Response(status=status, headers={"Retry-After": "120"})

    url = server.route("/fail", fail)
    await server.start()
    async with Fetcher(HttpConfig()) as f:
        with pytest.raises(FetchError) as info:
            await f.fetch(url)
    assert info.value.status == status
    assert info.value.retry_after == 120
    assert str(status) in str(info.value)


async def test_redirect_loop(server: LocalServer) -> None:
    """A redirect loop stops after max_redirects with a clear message."""

    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop")

    url = server.route("/loop", loop)
    await server.start()
    async with Fetcher(HttpConfig(max_redirects=3)) as f:
        with pytest.raises(FetchError, match="redirect"):
            await f.fetch(url)


async def test_timeout(server: LocalServer) -> None:
    """A server that never answers times out with the configured limit named."""

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(body=RSS)

    url = server.route("/slow", slow)
    await server.start()
    async with Fetcher(HttpConfig(timeout=0.3)) as f:
        with pytest.raises(FetchError, match="timed out"):
            await f.fetch(url)


async def test_connection_refused() -> None:
    """Nobody listening: a FetchError, not a crash."""
    async with Fetcher(HttpConfig()) as f:
        with pytest.raises(FetchError, match="cannot connect"):
            await f.fetch(f"http://127.0.0.1:{closed_port()}/feed")


def test_header_parsing() -> None:
    """Retry-After accepts seconds and HTTP dates; max-age ignores no-cache."""
    assert parse_retry_after("30") == 30
    assert parse_retry_after("garbage") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert parse_max_age("max-age=60") == 60
    assert parse_max_age("no-cache, max-age=60") is None
    assert parse_max_age(None) is None
