"""``Fetcher.get_json``, the JSON helper of the API source kinds, against real local servers."""

from __future__ import annotations

import gzip
import json

import pytest
from aiohttp import web

from listener.config import HttpConfig
from listener.errors import FetchError
from listener.sources.http import Fetcher
from tests.conftest import LocalServer, closed_port


async def test_params_headers_and_error_statuses(server: LocalServer) -> None:
    """Repeated params are sent; 2xx and error answers both come back with their body."""
    async def api(request: web.Request) -> web.Response:
        if request.query.get("fail"):
            return web.json_response({"error_message": "bad q"}, status=400,
                                     headers={"Retry-After": "30"})
        return web.json_response({"any": request.query.getall("any[]"),
                                  "accept": request.headers["Accept"]},
                                 headers={"X-RateLimit-Remaining": "7"})

    url = server.route("/api", api)
    await server.start()
    async with Fetcher(HttpConfig()) as f:
        ok = await f.get_json(url, params=[("any[]", "a"), ("any[]", "b")])
        bad = await f.get_json(url, params={"fail": "1"})
    assert ok.ok and ok.data == {"any": ["a", "b"], "accept": "application/json"}
    assert ok.headers["X-RateLimit-Remaining"] == "7"
    assert not bad.ok and bad.status == 400
    err = bad.error()
    assert isinstance(err, FetchError) and err.status == 400 and err.retry_after == 30
    assert str(err) == "HTTP 400: bad q"


async def test_refused_access_message(server: LocalServer) -> None:
    """401/403 say the source refused access, with the server's reason or a default one."""
    async def closed(request: web.Request) -> web.Response:
        return web.Response(status=403, text="nope")

    url = server.route("/closed", closed)
    await server.start()
    async with Fetcher(HttpConfig()) as f:
        res = await f.get_json(url)
    assert res.data is None
    assert str(res.error()).startswith("source refused access (HTTP 403): access refused;")


async def test_size_limit_applies_to_compressed_json(server: LocalServer) -> None:
    """A gzip body that inflates past max_body_bytes is cut off, not held in memory."""
    big = gzip.compress(json.dumps({"x": "a" * 200_000}).encode())

    async def bomb(request: web.Request) -> web.Response:
        return web.Response(body=big, headers={"Content-Encoding": "gzip",
                                               "Content-Type": "application/json"})

    url = server.route("/bomb", bomb)
    await server.start()
    async with Fetcher(HttpConfig(max_body_bytes=50_000)) as f:
        with pytest.raises(FetchError, match="over the limit"):
            await f.get_json(url)


async def test_connection_refused() -> None:
    """Network failures raise FetchError like Fetcher.fetch does."""
    async with Fetcher(HttpConfig(timeout=2)) as f:
        with pytest.raises(FetchError, match="cannot connect"):
            await f.get_json(f"http://127.0.0.1:{closed_port()}/api")
