"""Property-based: any bytes spliced into a feed (broken UTF-8, controls, entity tricks,
markup, SQL) make :func:`parse_feed` either raise :class:`ParseError` or return clean,
bounded items; it never crashes with another exception and never resolves an entity
that points outside the document."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from listener.errors import ParseError
from listener.sources.feeds import MAX_TEXT, MAX_TITLE, parse_feed

NOW = datetime(2026, 11, 24, tzinfo=UTC)

FRAGMENTS = st.sampled_from([
    b"&xxe;", b"&lol9;", b"&#0;", b"&#x1b;", b"&#xFFFF;", b"&amp;", b"&", b"<", b">", b"]]>",
    b"<![CDATA[", b"<!--", b"-->", b"<script>alert(1)</script>", b"'; DROP TABLE mentions;--",
    b"\x00", b"\x1b[2J", b"\xff\xfe", b"\xc3\x28", b"\xe2\x80\xae", b"[bold]x[/]",
    b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', b"</item>", b"<item>",
    b"</channel>", b"<title>", b"</title>", b"Bleuet Mobile",
])
SLOTS = st.lists(st.one_of(FRAGMENTS, st.binary(max_size=8)), max_size=6).map(b"".join)


@settings(max_examples=150, deadline=None)
@given(SLOTS, SLOTS, SLOTS, st.sampled_from(["application/rss+xml", "text/xml; charset=latin-1",
                                             None, "application/atom+xml"]))
def test_parse_feed_is_total_and_clean(prolog: bytes, title: bytes, text: bytes,
                                       ctype: str | None) -> None:
    """Only ParseError escapes; titles and texts are printable, bounded, without secrets."""
    body = (b"<?xml version='1.0' encoding='utf-8'?>" + prolog
            + b"<rss version='2.0'><channel><title>t</title><item><title>" + title
            + b"</title><guid>urn:p</guid><description>" + text
            + b"</description></item></channel></rss>")
    try:
        items = parse_feed(body, url="http://127.0.0.1/f", content_type=ctype, now=NOW)
    except ParseError:
        return
    for it in items:
        assert len(it.title) <= MAX_TITLE and len(it.text) <= MAX_TEXT
        for ch in it.title + it.text:
            assert ch in "\n\t " or ch.isprintable(), repr(ch)
        assert "root:x:" not in it.text


def test_surrogate_character_reference() -> None:
    """``&#xD800;`` in a description is a ParseError or dropped, not a crash."""
    body = (b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>t"
            b"</title><item><title>x</title><guid>urn:s</guid><description>a &#xD800; b"
            b"</description></item></channel></rss>")
    with contextlib.suppress(ParseError):
        parse_feed(body, url="http://127.0.0.1/f", content_type="application/rss+xml", now=NOW)
