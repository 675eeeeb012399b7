"""The fast feed path: what it declines, hostile input, dates, and the fallback in parse_feed."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import feedparser
import pytest
from feedparser.datetimes import _parse_date
from hypothesis import given, settings
from hypothesis import strategies as st

from listener.errors import ParseError
from listener.sources.fastfeed import _fast_date, fast_entries, why_declined
from listener.sources.feeds import parse_feed, parse_feed_reference

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

RSS_ITEM = (b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>F</title>"
            b"<item><title>%s</title><link>https://ex.org/1</link>"
            b"<pubDate>Tue, 24 Nov 2026 08:30:00 GMT</pubDate></item></channel></rss>")


def _both(body: bytes, content_type: str | None = None) -> object:
    """parse_feed's and parse_feed_reference's outcomes, asserted equal; returns it."""
    outcomes = []
    for parse in (parse_feed, parse_feed_reference):
        try:
            outcomes.append(parse(body, url="https://ex.org/f", content_type=content_type, now=NOW))
        except ParseError as exc:
            outcomes.append(f"ParseError: {exc}")
    assert outcomes[0] == outcomes[1]
    return outcomes[0]


def test_plain_rss_is_read_fast() -> None:
    """A minimal RSS item is read by the fast path, with feedparser's values."""
    body = RSS_ITEM % b"Hello &amp; welcome"
    entries = fast_entries(body, "application/rss+xml")
    assert entries is not None
    assert entries[0]["title"] == "Hello & welcome"
    assert entries[0]["link"] == "https://ex.org/1"
    items = _both(body, "application/rss+xml")
    assert items[0].title == "Hello & welcome"
    assert items[0].published_at == datetime(2026, 11, 24, 8, 30, tzinfo=UTC)


def test_billion_laughs_is_declined_without_expansion() -> None:
    """Entity declarations never reach the fast path's parser (no expansion, no time spent)."""
    levels = ["<!ENTITY l0 'lol'>"] + [
        f"<!ENTITY l{i} '{('&l' + str(i - 1) + ';') * 10}'>" for i in range(1, 10)]
    body = ("<?xml version='1.0'?><!DOCTYPE rss [" + "".join(levels) + "]>"
            "<rss version='2.0'><channel><item><title>&l9;</title></item></channel></rss>").encode()
    started = time.perf_counter()
    assert fast_entries(body, None) is None
    assert time.perf_counter() - started < 1.0  # expanding 10**9 "lol"s would take minutes
    assert "DOCTYPE" in (why_declined(body, None) or "")


def test_external_entity_is_declined() -> None:
    """A SYSTEM entity (file disclosure) is left to feedparser, which does not fetch it."""
    body = (b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
            b"<rss version='2.0'><channel><item><title>&x;</title></item></channel></rss>")
    assert fast_entries(body, None) is None
    outcome = _both(body)
    assert "root:" not in str(outcome)


@pytest.mark.parametrize(("body", "reason"), [
    (b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>",
     "no entries"),
    (b"<?xml version='1.0'?><opml version='2.0'><body/></opml>", "root element"),
    (b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>cut", "XML error"),
    (b"<rss version='2.0'><channel><item><title>x</title><image><url>u</url></image></item>"
     b"</channel></rss>", "handler"),
    (b"<rss version='2.0' xml:base='https://b.example/'><channel><item><link>p</link></item>"
     b"</channel></rss>", "xml:base"),
    (b"<rss version='2.0'><channel><item><description><p>raw</p></description></item>"
     b"</channel></rss>", "not escaped"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='application/pdf'>"
     b"JVBERi0=</content></entry></feed>", "base64"),
    (b"<rss version='2.0' xmlns:dc='http://purl.org/rss/1.0/modules/content/' "
     b"xmlns:d='http://purl.org/dc/elements/1.1/'><channel><item><d:creator>x</d:creator>"
     b"</item></channel></rss>", "bound to another namespace"),
])
def test_unusual_documents_are_declined_and_still_parsed(body: bytes, reason: str) -> None:
    """Each unusual shape is declined for the stated reason; parse_feed then matches feedparser."""
    declined = why_declined(body, None)
    assert declined is not None and reason in declined
    _both(body)


def test_text_xml_without_charset_follows_rfc3023() -> None:
    """text/xml without charset means US-ASCII to feedparser: non-ASCII bodies are declined."""
    body = RSS_ITEM % "Café".encode()
    assert fast_entries(body, "text/xml") is None
    assert fast_entries(body, "text/xml; charset=utf-8") is not None
    _both(body, "text/xml")
    _both(body, "text/xml; charset=utf-8")


def test_http_charset_overrides_the_xml_declaration() -> None:
    """An application/*+xml charset wins over the declaration, as in feedparser."""
    body = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            "<item><title>Été</title></item></channel></rss>").encode("iso-8859-1")
    assert fast_entries(body, "application/rss+xml; charset=iso-8859-1") is not None
    items = _both(body, "application/rss+xml; charset=iso-8859-1")
    assert items[0].title == "Été"


def test_hostile_text_goes_through_the_same_cleaning() -> None:
    """Bidi overrides, C1 controls and zero-width characters are cleaned as on the reference path."""
    body = RSS_ITEM % b"Mallory&#x202E;gnp.exe &#x9b;31m &#x200B;x &#x85;"
    assert fast_entries(body, None) is not None
    title = _both(body)[0].title
    assert "\u202e" not in title and "\u200b" not in title and "\x9b" not in title


def test_deep_nesting_does_not_crash() -> None:
    """Thousands of nested unknown elements: declined or read, never an exception."""
    depth = 5000
    body = (b"<rss version='2.0'><channel><item><title>t</title>" + b"<q>" * depth
            + b"x" + b"</q>" * depth + b"</item></channel></rss>")
    fast_entries(body, None)
    assert _both(body)[0].title == "t"


def test_fast_path_is_much_faster_than_feedparser() -> None:
    """On a 50-item feed the fast path parses several times faster (loose bound, shared CI)."""
    items = b"".join(
        b"<item><title>Post %d</title><link>https://ex.org/%d</link><description>"
        b"&lt;p&gt;Some text about Fromagerie Lune and its cheese.&lt;/p&gt;</description>"
        b"<pubDate>Tue, 24 Nov 2026 08:30:00 GMT</pubDate><guid>urn:%d</guid></item>" % (i, i, i)
        for i in range(50))
    body = b"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>" + items + \
        b"</channel></rss>"
    def cpu(run) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        return best

    fast = cpu(lambda: fast_entries(body, None))
    slow = cpu(lambda: feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False))
    assert fast * 2.5 < slow


DATE_PARTS = st.tuples(
    st.integers(1990, 2040), st.integers(0, 13), st.integers(0, 32), st.integers(0, 25),
    st.integers(0, 61), st.integers(0, 61),
    st.sampled_from(["Z", "z", "+00:00", "-05:30", "+14:00", "+01:00", "-00:45"]),
    st.sampled_from(["", ".5", ".999999"]),
)
RFC_ZONES = ["GMT", "UT", "Z", "EST", "pdt", "A", "MET", "MEST", "+0100", "-0530", "+0000",
             "XYZ", "gmt+1"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
          "nov", "DEC", "Foo"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(DATE_PARTS)
def test_fast_iso_dates_match_feedparser(parts: tuple) -> None:
    """Where the fast date reader answers for an ISO date, feedparser gives the same tuple."""
    year, month, day, hour, minute, second, zone, fraction = parts
    text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{fraction}{zone}"
    fast = _fast_date(text)
    if fast is not None:
        assert tuple(fast) == tuple(_parse_date(text))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.sampled_from(["", "Mon, ", "Tue, ", "sat, ", "Fri, "]), st.integers(0, 32),
       st.sampled_from(MONTHS), st.integers(1990, 2040), st.integers(0, 25), st.integers(0, 61),
       st.integers(0, 61), st.sampled_from(RFC_ZONES))
def test_fast_rfc822_dates_match_feedparser(weekday: str, day: int, month: str, year: int,
                                            hour: int, minute: int, second: int,
                                            zone: str) -> None:
    """Where the fast date reader answers for an RFC 822 date, feedparser gives the same tuple."""
    text = f"{weekday}{day} {month} {year} {hour:02d}:{minute:02d}:{second:02d} {zone}"
    fast = _fast_date(text)
    if fast is not None:
        assert tuple(fast) == tuple(_parse_date(text))


def test_fast_dates_answer_the_everyday_spellings() -> None:
    """The fast date reader does answer the common spellings (it does not just defer)."""
    for text in ("2026-11-24T08:30:00Z", "2026-11-24T08:30:00.123+01:00",
                 "Tue, 24 Nov 2026 08:30:00 GMT", "Tue, 24 Nov 2026 08:30:00 +0100",
                 "24 Nov 2026 08:30:00 EST"):
        assert _fast_date(text) is not None
        assert tuple(_fast_date(text)) == tuple(_parse_date(text))
    for text in ("2026-02-30T00:00:00Z", "Tue, 24 Nov 2026 08:30:60 GMT", "yesterday", ""):
        assert _fast_date(text) is None
