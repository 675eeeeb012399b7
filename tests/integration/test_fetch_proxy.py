"""``[http] proxy``: requests go through a real local proxy; loopback never does."""

from __future__ import annotations

import pytest
from aiohttp import web

from listener.commands.check_config import render_config
from listener.config import HttpConfig, parse_config
from listener.errors import ConfigError, FetchError
from listener.sources.http import Fetcher
from listener.sources.proxy import proxy_for
from tests.conftest import LocalServer

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


async def test_a_feed_is_fetched_through_the_configured_proxy(server: LocalServer) -> None:
    """The proxy receives the absolute URL of a host this machine cannot resolve, and
    answers for it: the fetch succeeds only because it went through the proxy."""
    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=RSS, content_type="application/rss+xml")

    server.route("/feed.xml", feed)
    await server.start()
    proxy = f"http://127.0.0.1:{server.port}"
    async with Fetcher(HttpConfig(proxy=proxy)) as f:
        result = await f.fetch("http://feeds.vigie-test.invalid/feed.xml")
    assert result.status == 200 and result.body == RSS
    assert server.requests[-1].headers["Host"] == "feeds.vigie-test.invalid"
    assert server.requests[-1].url.host == "feeds.vigie-test.invalid"

    async with Fetcher(HttpConfig(proxy="none")) as f:
        with pytest.raises(FetchError, match="cannot connect"):
            await f.fetch("http://feeds.vigie-test.invalid/feed.xml")


async def test_loopback_is_reached_directly_even_with_a_proxy(server: LocalServer,
                                                              monkeypatch) -> None:
    """A local feed (and `vigie demo`) works with a proxy in the environment or the config."""
    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=RSS, content_type="application/rss+xml")

    url = server.route("/feed.xml", feed)
    await server.start()
    monkeypatch.setenv("http_proxy", "http://192.0.2.1:9")  # TEST-NET: nothing answers
    for setting in ("auto", "http://192.0.2.1:9"):
        async with Fetcher(HttpConfig(proxy=setting, connect_timeout=2)) as f:
            assert (await f.fetch(url)).body == RSS


def test_environment_rules() -> None:
    env = {"https_proxy": "http://p:3128", "HTTP_PROXY": "http://q:8080",
           "NO_PROXY": "intranet.example, .corp.example:443"}
    assert proxy_for("https://news.google.com/rss", "auto", env) == "http://p:3128"
    assert proxy_for("http://blog.example.org/rss", "auto", env) == "http://q:8080"
    assert proxy_for("https://intranet.example/feed", "auto", env) is None
    assert proxy_for("https://wiki.corp.example/feed", "auto", env) is None
    assert proxy_for("https://notcorp.example/feed", "auto", env) == "http://p:3128"
    # A leading dot without a port (the usual form) covers the domain's hosts too.
    dotted = {"https_proxy": "http://p:3128", "no_proxy": ".corp.example"}
    assert proxy_for("https://feeds.corp.example/rss", "auto", dotted) is None
    assert proxy_for("https://corp.example/rss", "auto", dotted) is None
    assert proxy_for("https://notcorp.example/rss", "auto", dotted) == "http://p:3128"
    assert proxy_for("https://news.google.com/rss", "auto", {"ALL_PROXY": "http://a:1"}) \
        == "http://a:1"
    assert proxy_for("https://news.google.com/rss", "auto", {"no_proxy": "*",
                                                              "https_proxy": "http://p:1"}) is None
    assert proxy_for("https://news.google.com/rss", "auto", {}) is None
    assert proxy_for("https://news.google.com/rss", "none", env) is None
    assert proxy_for("https://x.example/", "http://explicit:1", {}) == "http://explicit:1"
    for local in ("http://localhost:8080/", "http://127.0.0.1/", "http://[::1]:9/"):
        assert proxy_for(local, "http://explicit:1", env) is None


def test_a_bad_proxy_setting_names_the_key() -> None:
    with pytest.raises(ConfigError, match=r"http\.proxy.*proxy URL.*'ftp://p'"):
        parse_config('[http]\nproxy = "ftp://p"\n')
    cfg = parse_config('[http]\nproxy = "http://u:pw@proxy.example:3128"\n')
    assert cfg.http.proxy == "http://u:pw@proxy.example:3128"
    shown = render_config(cfg)
    assert "http.proxy: http://u:***@proxy.example:3128" in shown and "pw" not in shown
