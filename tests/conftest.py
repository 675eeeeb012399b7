"""Shared fixtures: a real local HTTP server, temp configs, and isolation from the user's env."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep a developer's own $VIGIE_CONFIG / ./vigie.toml and locale out of tests."""
    monkeypatch.delenv("VIGIE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    # The interface language "auto" follows the locale: tests read English whatever
    # the developer's locale (a test that wants French asks for it).
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


class LocalServer:
    """A real aiohttp server on 127.0.0.1 with routes added by the test."""

    def __init__(self) -> None:
        self.app = web.Application()
        self.runner: web.AppRunner | None = None
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.hits: dict[str, int] = {}
        self.requests: list[web.Request] = []

    def route(self, path: str, handler: Handler) -> str:
        async def counted(request: web.Request) -> web.StreamResponse:
            self.hits[path] = self.hits.get(path, 0) + 1
            self.requests.append(request)
            return await handler(request)

        self.app.router.add_get(path, counted)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def start(self) -> None:
        self.runner = web.AppRunner(self.app)
        await self.runner.setup()
        site = web.SockSite(self.runner, self._sock)
        await site.start()

    async def close(self) -> None:
        if self.runner:
            await self.runner.cleanup()
        else:
            self._sock.close()


@pytest.fixture
async def server() -> AsyncIterator[LocalServer]:
    """A :class:`LocalServer`: add routes, then ``await server.start()`` (the router freezes)."""
    srv = LocalServer()
    yield srv
    await srv.close()


def closed_port() -> int:
    """A local port with nothing listening (connection refused)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def write_config(tmp: Path, body: str) -> Path:
    """Write a config file with a DB in ``tmp`` and return its path."""
    path = tmp / "vigie.toml"
    path.write_text(body, encoding="utf-8")
    return path


os.environ.setdefault("VIGIE_TESTING", "1")
