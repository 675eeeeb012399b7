"""Generated feeds: the fast path either declines or gives exactly feedparser's items.

Hypothesis assembles RSS 2.0 and Atom documents from the element shapes feeds
use (in any order and number: repeated titles, links before or after guids,
second summaries, media groups, authors in every spelling, odd dates, unknown
namespaced elements) filled with awkward values (entities, CDATA, mojibake,
C1 characters, relative and broken links), as RSS 2.0, RSS 1.0 and Atom
documents. For each document,
:func:`parse_feed` and :func:`parse_feed_reference` must agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listener.errors import ParseError
from listener.sources.fastfeed import why_declined
from listener.sources.feeds import parse_feed, parse_feed_reference

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

TEXTS = [
    "Hello", "Café crème", "CafÃ© mojibake", "\x93quoted\x94 \x85", "a &amp; b", "<b>bold</b> text",
    "  spaced \n\n  text  ", "", "Ünïcödé ☃ 😀", "Fromagerie Lune " * 6, "&lt;p&gt;para&lt;/p&gt;",
    "tab\tsep", "\u202ertl", "3 < 5 & 6 > 2", "<p>one</p><p>two</p>", "&eacute;t&eacute; &nbsp;",
    "<img alt=\"😡\" src=\"x.png\"> angry", "x" * 120,
]
URLS = [
    "https://ex.org/a?utm_source=x&b=2", "/relative/path", "http:///triple.example/x", "urn:uuid:1-2",
    "", " https://ex.org/sp ace ", "javascript:alert(1)", "HTTP://EX.ORG:80/Path#frag",
    "https://ex.org/q?a=1&amp;b=2", "tag:ex.org,2026:1", "https://xn--caf-dma.ex/é",
]
DATES = [
    "Tue, 24 Nov 2026 08:30:00 GMT", "Tue, 24 Nov 2026 08:30:00 +0530", "24 Nov 2026 08:30 EST",
    "2026-11-23T20:15:00Z", "2026-11-23T20:15:00.5+01:00", "2026-11-23", "garbage", "",
    "Mon, 23 Nov 26 20:15:00 GMT", "2030-01-01T00:00:00Z", "1990-01-01T00:00:00Z",
    "2026-11-23 20:15:00", "Wed, 31 Dec 2025 23:59:60 GMT",
]
AUTHORS = ["lea@example.org (Léa)", "Léa <lea@example.org>", "Sam", "", "noreply@example.org",
           "  Spaced  Name  ", "(Only parens)"]
TYPES = ["text", "html", "xhtml", "text/html", "text/plain", "TEXT", None]
RELS = ["alternate", "self", "enclosure", "related", "ALTERNATE", None]
LINK_TYPES = ["text/html", "application/pdf", "application/xhtml+xml", None]

text = st.sampled_from(TEXTS)
url = st.sampled_from(URLS)
date = st.sampled_from(DATES)
author = st.sampled_from(AUTHORS)


def _attr(name: str, value: str | None) -> str:
    return "" if value is None else f" {name}={quoteattr(value)}"


def _construct(tag: str, ctype: str | None, value: str) -> str:
    if ctype == "xhtml":
        return (f'<{tag} type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                f"<p>{escape(value)}</p> <b>{escape(value[:5])}</b></div></{tag}>")
    return f"<{tag}{_attr('type', ctype)}>{escape(value)}</{tag}>"


COMMON = [
    st.builds(lambda v: f"<media:title>{escape(v)}</media:title>", text),
    st.builds(lambda a, b: f"<media:group><media:title>{escape(a)}</media:title>"
              f"<media:content url='https://ex.org/v.mp4'/>"
              f"<media:description>{escape(b)}</media:description></media:group>", text, text),
    st.builds(lambda v: f"<media:description>{escape(v)}</media:description>", text),
    st.builds(lambda v: f"<dc:creator>{escape(v)}</dc:creator>", author),
    st.builds(lambda v: f"<dc:date>{escape(v)}</dc:date>", date),
    st.builds(lambda v: f"<dcterms:modified>{escape(v)}</dcterms:modified>", date),
    st.builds(lambda v: f"<dcterms:created>{escape(v)}</dcterms:created>", date),
    st.builds(lambda v: f"<x:thing>{escape(v)}</x:thing>", text),
    st.builds(lambda v: f"<x:thing a='1'>{escape(v)}</x:thing>", text),
    st.builds(lambda v: f"<x:box><title>{escape(v)}</title></x:box>", text),
    st.builds(lambda v: f"<category>{escape(v)}</category>", text),
]

# Less common spellings feedparser also accepts: upper-case names, dc under
# another prefix or as a default namespace, wrappers feedparser looks inside.
ODD = [
    st.builds(lambda v: f"<TITLE>{escape(v)}</TITLE>", text),
    st.builds(lambda v: f"<PubDate>{escape(v)}</PubDate>", date),
    st.builds(lambda v: f"<f:creator>{escape(v)}</f:creator>", author),
    st.builds(lambda v: f"<creator xmlns='http://purl.org/dc/elements/1.1/'>{escape(v)}</creator>",
              author),
    st.builds(lambda v, t: f"<description{_attr('TYPE', t)}>{escape(v)}</description>",
              text, st.sampled_from(TYPES)),
    st.builds(lambda a, b: f"<media:content url='u'><media:title>{escape(a)}</media:title>"
              f"<media:description>{escape(b)}</media:description></media:content>", text, text),
    st.builds(lambda v: f"<content>{escape(v)}</content>", text),
    st.builds(lambda v: f"<summary>{escape(v)}</summary>", text),
    st.builds(lambda v: f"<content src={quoteattr(v)}/>", url),
    st.builds(lambda n: f"<author><name>{escape(n)}</name><x:img a='1'>t</x:img>tail</author>",
              author),
    st.builds(lambda n: f"<contributor><name>{escape(n)}</name></contributor>", author),
    st.builds(lambda v: f"<x:a><link>{escape(v)}</link><guid>{escape(v)}</guid></x:a>", url),
    st.builds(lambda v: f"<x:a><author>{escape(v)}</author></x:a>", author),
    st.builds(lambda v: f"<x:a><description>{escape(v)}</description></x:a>", text),
    st.builds(lambda v: f"<modified>{escape(v)}</modified>", date),
    st.builds(lambda v: f"<dcterms:issued>{escape(v)}</dcterms:issued>", date),
    st.builds(lambda v: f"<link url={quoteattr(v)}/>", url),
    st.builds(lambda v: f"<guid ISPERMALINK='false'>{escape(v)}</guid>", url),
    st.builds(lambda v: "<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><div>"
              f"{escape(v)}</div><p>b</p></div> tail</content>", text),
    st.builds(lambda v: "<summary type='xhtml'><h:div xmlns:h='http://www.w3.org/1999/xhtml'>"
              f"<h:br/>{escape(v)}<h:img alt={quoteattr(v)} src='x'/></h:div></summary>", text),
    st.just("<media:group></media:group>"),
]

RSS_PARTS = st.one_of(*COMMON, *ODD, *[
    st.builds(lambda v: f"<title>{escape(v)}</title>", text),
    st.builds(lambda v: f"<title><![CDATA[{v}]]></title>", text),
    st.builds(lambda v: f"<dc:title>{escape(v)}</dc:title>", text),
    st.builds(lambda v: f"<link>{escape(v)}</link>", url),
    st.just("<link/>"),
    st.builds(lambda u, r, t: f"<atom:link{_attr('href', u)}{_attr('rel', r)}{_attr('type', t)}/>",
              url, st.sampled_from(RELS), st.sampled_from(LINK_TYPES)),
    st.builds(lambda v: f"<guid>{escape(v)}</guid>", url),
    st.builds(lambda v, p: f"<guid isPermaLink={quoteattr(p)}>{escape(v)}</guid>",
              url, st.sampled_from(["true", "false", "True"])),
    st.builds(lambda v: f"<description>{escape(v)}</description>", text),
    st.builds(lambda v: f"<description><![CDATA[{v}]]></description>", text),
    st.builds(lambda v: f"<content:encoded><![CDATA[{v}]]></content:encoded>", text),
    st.builds(lambda v: f"<itunes:summary>{escape(v)}</itunes:summary>", text),
    st.builds(lambda v: f"<dc:description>{escape(v)}</dc:description>", text),
    st.builds(lambda v: f"<author>{escape(v)}</author>", author),
    st.builds(lambda v: f"<itunes:author>{escape(v)}</itunes:author>", author),
    st.builds(lambda v: f"<pubDate>{escape(v)}</pubDate>", date),
    st.builds(lambda v: f"<atom:updated>{escape(v)}</atom:updated>", date),
    st.builds(lambda u, v: f"<source url={quoteattr(u)}>{escape(v)}</source>", url, text),
    st.builds(lambda u: f"<enclosure url={quoteattr(u)} type='audio/mpeg' length='1'/>", url),
    st.builds(lambda u: f"<comments>{escape(u)}</comments>", url),
])

ATOM_PARTS = st.one_of(*COMMON, *ODD, *[
    st.builds(lambda t, v: _construct("title", t, v), st.sampled_from(TYPES), text),
    st.builds(lambda t, v: _construct("summary", t, v), st.sampled_from(TYPES), text),
    st.builds(lambda t, v: _construct("content", t, v), st.sampled_from(TYPES), text),
    st.builds(lambda u, r, t: f"<link{_attr('href', u)}{_attr('rel', r)}{_attr('type', t)}/>",
              url, st.sampled_from(RELS), st.sampled_from(LINK_TYPES)),
    st.builds(lambda v: f"<id>{escape(v)}</id>", url),
    st.builds(lambda n, e, u: "<author>" + (f"<name>{escape(n)}</name>" if n is not None else "")
              + (f"<email>{escape(e)}</email>" if e is not None else "")
              + (f"<uri>{escape(u)}</uri>" if u is not None else "") + "</author>",
              st.none() | author, st.none() | st.sampled_from(["a@ex.org", ""]), st.none() | url),
    st.builds(lambda v: f"<published>{escape(v)}</published>", date),
    st.builds(lambda v: f"<updated>{escape(v)}</updated>", date),
])

FEED_PARTS = st.sampled_from([
    "<description>Feed description</description>", "<itunes:summary>Feed summary</itunes:summary>",
    "<title>Feed</title>", "<image><url>https://ex.org/i.png</url><title>i</title>"
    "<description>img</description></image>",
])

NAMESPACES = ("xmlns:dc='http://purl.org/dc/elements/1.1/' "
              "xmlns:dcterms='http://purl.org/dc/terms/' "
              "xmlns:content='http://purl.org/rss/1.0/modules/content/' "
              "xmlns:media='http://search.yahoo.com/mrss/' "
              "xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd' "
              "xmlns:x='http://unknown.example.org/ns' "
              "xmlns:f='http://purl.org/dc/elements/1.1/'")


def _rss(feed_parts: list[str], items: list[list[str]]) -> bytes:
    body = "".join(f"<item>{''.join(parts)}</item>" for parts in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' {NAMESPACES} "
            f"xmlns:atom='http://www.w3.org/2005/Atom'><channel>{''.join(feed_parts)}"
            f"{body}</channel></rss>").encode()


def _atom(items: list[list[str]]) -> bytes:
    body = "".join(f"<entry>{''.join(parts)}</entry>" for parts in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
            f"{NAMESPACES}><title>Feed</title><id>urn:feed</id>{body}</feed>").encode()


def _rdf(items: list[list[str]]) -> bytes:
    body = "".join(f"<item rdf:about='https://ex.org/{i}'>{''.join(parts)}</item>"
                   for i, parts in enumerate(items))
    return (f"<?xml version='1.0' encoding='utf-8'?><rdf:RDF "
            f"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
            f"xmlns='http://purl.org/rss/1.0/' {NAMESPACES}><channel rdf:about='x'>"
            f"<title>Feed</title></channel>{body}</rdf:RDF>").encode()


def _outcome(parse, body: bytes) -> object:
    try:
        return parse(body, url="https://feeds.example/x", content_type=None, now=NOW)
    except ParseError as exc:
        return f"ParseError: {exc}"


def _agree(body: bytes) -> bool:
    fast = _outcome(parse_feed, body)
    reference = _outcome(parse_feed_reference, body)
    assert fast == reference, body.decode("utf-8")
    return why_declined(body, None) is None


SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(FEED_PARTS, max_size=3),
       st.lists(st.lists(RSS_PARTS, min_size=1, max_size=8), min_size=1, max_size=3))
def test_generated_rss_agrees(feed_parts: list[str], items: list[list[str]]) -> None:
    """Any mix of RSS item elements: same items from both paths."""
    _agree(_rss(feed_parts, items))


@SETTINGS
@given(st.lists(st.lists(ATOM_PARTS, min_size=1, max_size=8), min_size=1, max_size=3))
def test_generated_atom_agrees(items: list[list[str]]) -> None:
    """Any mix of Atom entry elements: same entries from both paths."""
    _agree(_atom(items))


@SETTINGS
@given(st.lists(st.lists(RSS_PARTS, min_size=1, max_size=8), min_size=1, max_size=3))
def test_generated_rdf_agrees(items: list[list[str]]) -> None:
    """Any mix of RSS 1.0 item elements: same items from both paths."""
    _agree(_rdf(items))


@SETTINGS
@given(st.sampled_from([None, "utf-8", "UTF-8", "utf8", "iso-8859-1", "windows-1252", "us-ascii",
                        "latin-1", "bogus"]),
       st.sampled_from(["utf-8", "iso-8859-1", "windows-1252"]),
       st.sampled_from([None, "application/rss+xml", "application/xml; charset=iso-8859-1",
                        "text/xml", "text/xml; charset=utf-8", "text/html; charset=windows-1252",
                        "application/octet-stream", "application/rss+xml; charset=utf-8"]),
       st.sampled_from(["plain ascii", "Été à Besançon", "“quotes” – €5", "CafÃ© mojibake"]),
       st.booleans())
def test_encodings_are_chosen_as_feedparser_does(declared: str | None, actual: str,
                                                 content_type: str | None, title: str,
                                                 bom: bool) -> None:
    """Declared encoding, real encoding, HTTP charset and BOM combined: same items."""
    head = f"<?xml version='1.0' encoding='{declared}'?>" if declared else ""
    doc = (f"{head}\n<rss version='2.0'><channel><title>F</title><item><title>{escape(title)}"
           "</title><link>https://ex.org/1</link></item></channel></rss>")
    try:
        body = doc.encode(actual)
    except UnicodeEncodeError:
        body = doc.encode("utf-8")
    if bom:
        body = b"\xef\xbb\xbf" + body
    outcomes = []
    for parse in (parse_feed, parse_feed_reference):
        try:
            outcomes.append(parse(body, url="u", content_type=content_type, now=NOW))
        except ParseError as exc:
            outcomes.append(f"ParseError: {exc}")
    assert outcomes[0] == outcomes[1]


def test_generated_shapes_mostly_take_the_fast_path() -> None:
    """The generated shapes above are ones the fast path reads (it does not just decline)."""
    rss = _rss(["<description>d</description>"], [[
        "<title>T</title>", "<link>https://ex.org/1</link>", "<dc:creator>Léa</dc:creator>",
        "<media:group><media:title>M</media:title></media:group>", "<x:thing a='1'>z</x:thing>",
        "<description><![CDATA[<p>x</p>]]></description>", "<pubDate>garbage</pubDate>"]])
    atom = _atom([[_construct("title", "xhtml", "T"), "<link href='/r'/>", "<id>urn:x</id>",
                   _construct("content", "html", "<p>c</p>"), "<author><name>N</name></author>",
                   "<updated>2026-11-23T20:15:00Z</updated>"]])
    assert _agree(rss)
    assert _agree(atom)
