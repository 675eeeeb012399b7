"""Hostile input through the real daemon: entity expansion, external entities and DTDs,
decompression bombs, invalid UTF-8, NUL and control characters, enormous fields; and the
config refusing URLs that are not http(s) for sources and webhooks.

(Markup- and SQL-looking text is covered in ``tests/integration/test_daemon.py``; the fast
parser declining DOCTYPEs in ``tests/unit/test_fastfeed.py``. Here every document goes
through fetch, parse, analysis and the store, and the check is on what was stored.)
"""

from __future__ import annotations

import gzip
import resource
import time
from pathlib import Path

import pytest
from aiohttp import web

from listener.config import parse_config
from listener.daemon import Daemon
from listener.errors import ConfigError
from listener.sources.feeds import MAX_TEXT
from listener.store import connect
from listener.store.reads import source_health
from tests.conftest import LocalServer

BRAND = '[[brands]]\nname = "Bleuet Mobile"\nqueries = [\'"Bleuet Mobile"\']\n'

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>x</title>
<item><title>Bleuet Mobile laughs</title><guid>urn:laughs</guid>
<description>Bleuet Mobile &lol9;</description></item></channel></rss>"""


def _xxe(dtd_url: str) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
 <!ENTITY remote SYSTEM "{dtd_url}">
 <!ENTITY % param SYSTEM "{dtd_url}">
 %param;
]>
<rss version="2.0"><channel><title>x</title>
<item><title>Bleuet Mobile secret</title><guid>urn:xxe</guid>
<description>Bleuet Mobile leak: &xxe; and &remote; end</description></item>
</channel></rss>""".encode()


def _rss(description: bytes, title: bytes = b"Bleuet Mobile", guid: bytes = b"urn:x") -> bytes:
    return (b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t</title>"
            b"<item><title>" + title + b"</title><guid>" + guid + b"</guid><description>"
            + description + b"</description></item></channel></rss>")


def _config(tmp_path: Path, urls: list[str]):  # type: ignore[no-untyped-def]
    sources = "".join(f'[[sources]]\nurl = "{u}"\n' for u in urls)
    return parse_config(f'[storage]\npath = "{tmp_path / "v.db"}"\n[http]\ntimeout = "5s"\n'
                        f'max_body_bytes = 5_000_000\n{BRAND}{sources}',
                        path=tmp_path / "vigie.toml")


def _serve(server: LocalServer, path: str, body: bytes, headers: dict[str, str] | None = None
           ) -> str:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, headers={"Content-Type": "application/rss+xml",
                                                **(headers or {})})
    return server.route(path, handler)


async def test_entity_tricks_are_neither_expanded_nor_resolved(server: LocalServer,
                                                              tmp_path: Path) -> None:
    """Billion laughs finishes fast without the expansion in the store; external entities
    (a local file, a URL, a parameter entity) are never read or fetched."""
    dtd = server.route("/evil.dtd", lambda r: _fail("an external DTD was fetched"))
    laughs = _serve(server, "/laughs", LAUGHS)
    xxe = _serve(server, "/xxe", _xxe(dtd))
    await server.start()
    cfg = _config(tmp_path, [laughs, xxe])
    started = time.monotonic()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    async with Daemon(cfg, workers=1) as d:
        await d.run_once()
    assert time.monotonic() - started < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200_000  # kB
    assert server.hits.get("/evil.dtd", 0) == 0
    db = connect(cfg.storage.path)
    for title, text in db.execute("SELECT title, text FROM mentions"):
        assert "lollollol" not in text and len(text) < 10_000, title
        assert "root:" not in text and "/bin/" not in text, title
    texts = sorted(r[0] for r in db.execute("SELECT text FROM mentions"))
    assert len(texts) == 2  # both items are kept, with the entity references left unexpanded
    assert "leak:" in texts[1] and texts[1].endswith("end")
    db.conn.close()


async def _fail(message: str) -> web.Response:
    raise AssertionError(message)


async def test_decompression_bomb_is_cut_off(server: LocalServer, tmp_path: Path) -> None:
    """60 MB of gzip-compressed zeros (60 kB on the wire) fails at max_body_bytes; the
    daemon's memory does not balloon and the next source is still read."""
    bomb = gzip.compress(_rss(b"Bleuet Mobile " + b"0" * 60_000_000), compresslevel=9)
    url = _serve(server, "/bomb", bomb, {"Content-Encoding": "gzip"})
    good = _serve(server, "/good", _rss(b"Bleuet Mobile ok"))
    await server.start()
    cfg = _config(tmp_path, [url, good])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    async with Daemon(cfg, workers=1) as d:
        summary = await d.run_once()
    assert (summary.ok, summary.failed) == (1, 1)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 40_000  # kB
    db = connect(cfg.storage.path)
    health = {h.url: h for h in source_health(db)}
    assert "max_body_bytes" in (health[url].last_error or "")
    db.conn.close()


async def test_broken_bytes_and_enormous_fields_are_stored_safely(server: LocalServer,
                                                                  tmp_path: Path) -> None:
    """Invalid UTF-8, NUL and C0/C1 controls, bidi overrides, a 3 MB description and a
    50 kB guid: the feed is read, the text is clean and bounded, nothing crashes."""
    invalid = _rss(b"Bleuet Mobile caf\xe9 \xff\xfe broken \xc3\x28 bytes", guid=b"urn:bytes")
    controls = _rss("Bleuet Mobile \x01\x02\x08\x0b\x0c\x1f\u0085\u202e\u2066 ctl &#0; &#x1b;[2J"
                    .encode("utf-8", "surrogatepass"), title=b"Bleuet Mobile \x07 bell",
                    guid=b"urn:ctl")
    huge = _rss(b"Bleuet Mobile " + b"mot " * 750_000, guid=b"urn:" + b"g" * 50_000)
    urls = [_serve(server, "/invalid", invalid), _serve(server, "/controls", controls),
            _serve(server, "/huge", huge)]
    await server.start()
    cfg = _config(tmp_path, urls)
    async with Daemon(cfg, workers=1) as d:
        summary = await d.run_once()
    assert summary.ok == 3
    db = connect(cfg.storage.path)
    rows = db.execute("SELECT title, text, guid FROM mentions").fetchall()
    for title, text, _guid in rows:
        for ch in title + text:
            assert ch in "\n\t" or ch.isprintable() or ch == " ", (repr(ch), title)
        assert len(text) <= MAX_TEXT
    assert len(rows) == 3
    assert any("broken" in text for _, text, _ in rows)  # the invalid bytes did not lose the item
    assert max(len(text) for _, text, _ in rows) == MAX_TEXT  # the 3 MB text, cut
    assert max(len(guid) for _, _, guid in rows) <= 2_000  # the 50 kB guid, cut
    assert any("ctl" in text for _, text, _ in rows)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.conn.close()


BAD_URLS = ["file:///etc/passwd", "ftp://example.org/feed", "gopher://example.org/",
            "javascript:alert(1)", "data:text/xml,<rss/>", "http:///nohost", "//example.org/f",
            "unix:/var/run/docker.sock"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_config_refuses_non_http_sources(tmp_path: Path, url: str) -> None:
    """A source URL that is not http(s) with a host is refused, naming the key."""
    with pytest.raises(ConfigError, match=r"sources\[0\]\.url"):
        parse_config(f'[[sources]]\nurl = "{url}"\n', path=tmp_path / "v.toml")


@pytest.mark.parametrize("url", BAD_URLS)
def test_config_refuses_non_http_webhooks(tmp_path: Path, url: str) -> None:
    """A webhook URL that is not http(s) with a host is refused, naming the key."""
    with pytest.raises(ConfigError, match=r"alerts\.channels\[0\]\.url"):
        parse_config(f'[alerts]\n[[alerts.channels]]\nname = "x"\nkind = "webhook"\n'
                     f'url = "{url}"\n', path=tmp_path / "v.toml")
