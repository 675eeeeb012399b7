"""A fast reader for the common feed shapes that gives exactly what feedparser gives.

``feedparser`` stays the reference parser, but it costs 0.2 to 0.9 ms per
item depending on the machine's load (a SAX parse with a Python callback per
event and a large state machine); this module takes about 30 µs
(``bench/parse_speed.py``).
:func:`fast_entries` reads the shapes that make up nearly all real feeds (RSS
2.0 and 0.9x, RSS 1.0 / RDF, Atom 1.0, with the ``content``, ``dc``,
``dcterms``, ``media``, ``itunes`` modules) with the C-accelerated
``xml.etree.ElementTree`` and reproduces feedparser's choices for the fields
Vigie uses: title, link, id, author, content / summary and the
published / updated / created dates. It returns entry dictionaries with the
same keys and values as feedparser's entries (for those fields), so one
function (``listener.sources.feeds._entry_item``) turns both into
:class:`~listener.models.FeedItem`.

Anything it is not sure to read exactly as feedparser does makes it decline
(return ``None``), and the caller falls back to feedparser: a DOCTYPE or
entity declaration (which also keeps entity expansion and external entities
out of this path), malformed XML, a byte order mark other than UTF-8's, an
encoding feedparser would have to guess, ``xml:base``, an unknown root
element, a namespace prefix feedparser would read differently, an element
with a feedparser handler this module does not emulate, markup that is not
escaped where text is expected, base64 content, Atom 0.3, no entries at all.

How feedparser's choices are reproduced (feedparser 6.0): every text field
is stripped, then feedparser's "UTF-8 read as ISO-8859-1" repair and its
windows-1252 mapping of C1 characters are applied (as feedparser's ``pop``
does); ``link``/``id`` go through feedparser's own URI joiner with an empty
base; dates are parsed by feedparser's own date parser, except the two
everyday spellings, read here with the same arithmetic; the title, summary,
content, link, id and author rules (first non-empty title at the shallowest
depth, a second description becoming content, ``guid isPermaLink`` acting as
link when there is no link element, the last ``rel=alternate`` HTML link
winning, Atom authors as ``name (email)``) follow feedparser's handlers, and
the agreement tests (``tests/unit/test_fastfeed*.py``) compare both paths on
a corpus of real-world feed shapes and on generated documents.

feedparser's own helpers are reused where they decide a value (date parser
for unusual spellings, URI joiner, windows-1252 table, namespace table,
encoding regular expressions). They are private names of feedparser 6.0; a
feedparser upgrade that changes them shows up in the agreement tests.

Why ElementTree and not lxml: on the benchmark farm's feeds lxml parses
about 1.4 µs/item faster but walking its tree from Python costs about
1.4 µs/item more; parsing is a quarter of this module's time anyway, the
rest being the replay of feedparser's rules, which a faster parser does not
change. No new dependency.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from xml.sax.saxutils import escape

from feedparser.datetimes import _parse_date
from feedparser.datetimes.rfc822 import timezone_names as _RFC822_ZONES
from feedparser.encodings import RE_XML_DECLARATION, RE_XML_PI_ENCODING, parse_content_type
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin
from feedparser.util import FeedParserDict

__all__ = ["fast_entries", "why_declined"]

Entry = dict[str, Any]

ATOM_NS = "http://www.w3.org/2005/Atom"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# feedparser's namespace table: lower-cased URI -> standard prefix ('' = core).
_KNOWN_NS: dict[str, str] = {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()}
_ALL_STANDARD = frozenset(_KNOWN_NS.values())
_HTML_TYPES = frozenset(_FeedParserMixin.html_types)
_TEXT_TYPES = frozenset(("text/plain", "text/html", "application/xhtml+xml"))
_XHTML = "application/xhtml+xml"

# Encodings feedparser reads with a plain codec, where this module does too.
_BOMS = (codecs.BOM_UTF32_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)
_WIDE_MARKERS = (b"\x4c\x6f\xa7\x94", b"\x00\x3c\x00\x3f", b"\x3c\x00\x3f\x00",
                 b"\x00\x00\x00\x3c", b"\x3c\x00\x00\x00")
_UTF8_NAMES = frozenset(("", "utf-8", "utf8"))

_XMLNS = re.compile(rb"""xmlns(?::([^\s=/>]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_XML_BASE = f"{{{XML_NS}}}base"
_NO_ATTRS: dict[str, str] = {}
_C1 = re.compile("[\x80-\x9f]")
_LINK_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_EMAIL = re.compile(
    r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"""
    r"""([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?""")

# Keys of feedparser's entries this module produces or that an unknown
# element must not overwrite (an element without handler is stored under its
# own name, through FeedParserDict's key aliases).
_RESERVED_KEYS = frozenset((
    "title", "link", "links", "id", "guidislink", "author", "author_detail", "authors",
    "summary", "content", "published", "updated", "created", "published_parsed",
    "updated_parsed", "created_parsed", "description", "guid", "date", "date_parsed",
    "modified", "modified_parsed", "issued", "issued_parsed", "source", "category",
    "enclosures", "license", "href", "url",
)) | frozenset(FeedParserDict.keymap)

# Elements with a feedparser handler that leave every field above alone.
_HARMLESS = frozenset((
    "category", "keywords", "dc:subject", "enclosure", "comments", "language", "dc:language",
    "rights", "copyright", "dc:rights", "subtitle", "tagline", "itunes:subtitle",
    "itunes:image", "itunes:keywords", "itunes:category", "itunes:block", "itunes:explicit",
    "media:category", "media:keywords", "media:thumbnail", "media:player", "media:credit",
    "media:rating", "media:restriction", "media:license", "cc:license", "generator",
    "dcterms:valid", "expirationdate",
))
# Elements whose children feedparser reads as if they were the entry's.
_TRANSPARENT = frozenset(("media:group", "media:content"))

_TITLES = frozenset(("title", "dc:title", "media:title"))
_DESCRIPTIONS = frozenset(("description", "dc:description", "media:description"))
_SUMMARIES = frozenset(("summary", "itunes:summary"))
_CONTENTS = {"content": "text/plain", "content:encoded": "text/html"}
_AUTHORS = frozenset(("author", "dc:creator", "dc:author", "itunes:author"))
_AUTHOR_PARTS = {"name": "name", "email": "email", "uri": "href", "url": "href",
                 "homepage": "href"}
_DATES = {
    "published": "published", "issued": "published", "pubdate": "published",
    "dcterms:issued": "published",
    "updated": "updated", "modified": "updated", "lastbuilddate": "updated",
    "dc:date": "updated", "dcterms:modified": "updated",
    "created": "created", "dcterms:created": "created",
}
_GUIDS = frozenset(("guid", "id"))
# Elements whose handlers read or set feedparser's "has content" flag.
_CONTENT_FLAGGING = frozenset(
    (*_DESCRIPTIONS, *_SUMMARIES, *_CONTENTS, "body", "xhtml:body", "fullitem", "source"))


class _Decline(Exception):
    """The fast path cannot promise feedparser's result for this body."""


def fast_entries(body: bytes, content_type: str | None) -> list[Entry] | None:
    """Entries of a feed body as feedparser would give them, or None to let feedparser read it.

    Each entry is a dict with feedparser's keys for the fields Vigie uses
    (``title``, ``link``, ``id``, ``author``, ``author_detail``, ``summary``,
    ``content`` as a list of ``{"value": ...}``, ``published_parsed``,
    ``updated_parsed``, ``created_parsed``). Never raises: an unexpected
    error also means "let feedparser read it".
    """
    try:
        return _read(body, content_type)
    except _Decline:
        return None
    except Exception:  # noqa: BLE001 - a surprise here must not lose the feed: feedparser reads it
        return None


def why_declined(body: bytes, content_type: str | None) -> str | None:
    """Why :func:`fast_entries` declines this body, or None if it reads it (for tests, tools)."""
    try:
        _read(body, content_type)
    except _Decline as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - reported, as fast_entries would decline
        return f"{type(exc).__name__}: {exc}"
    return None


# --------------------------------------------------------------------------- document


def _decoded(body: bytes, content_type: str | None) -> bytes:
    """The document as expat should read it, choosing the encoding as feedparser does."""
    if body[:4] in _BOMS or body[:2] in _BOMS or body[:4] in _WIDE_MARKERS:
        raise _Decline("UTF-16/32 or EBCDIC document")
    if body[:3] == codecs.BOM_UTF8:
        body = body[3:]
    match = _declared_encoding(body)
    xml_encoding = match.group(1).decode("utf-8").lower() if match else ""
    mime, http_encoding = parse_content_type(content_type or "")
    if not content_type:
        encoding = xml_encoding or "utf-8"
    elif mime in ("application/xml", "application/xml-dtd",
                  "application/xml-external-parsed-entity") or (
            mime.startswith("application/") and mime.endswith("+xml")):
        encoding = http_encoding or xml_encoding or "utf-8"
    elif mime.startswith("text/"):
        encoding = http_encoding or "us-ascii"
    else:
        encoding = xml_encoding or "utf-8"
    encoding = encoding.lower()
    if encoding == "gb2312" or "16" in encoding or "32" in encoding or "ucs" in encoding:
        raise _Decline(f"encoding {encoding}")
    if encoding in _UTF8_NAMES and xml_encoding in ("", "utf-8"):  # expat reads it as is
        if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
            raise _Decline("DOCTYPE or ENTITY declaration")
        return body
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _Decline(f"not {encoding}: {exc}") from None
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise _Decline("DOCTYPE or ENTITY declaration")
    if RE_XML_DECLARATION.search(text):
        text = RE_XML_DECLARATION.sub("<?xml version='1.0' encoding='utf-8'?>", text)
    return text.encode("utf-8")


def _declared_encoding(body: bytes) -> re.Match[bytes] | None:
    """feedparser's ``RE_XML_PI_ENCODING.match`` without its quadratic scan of a long first line.

    The pattern cannot cross a line break; on a one-line document its ``.*``
    would scan (and backtrack over) the whole body. When the first line holds
    one ``encoding=`` inside the XML declaration, matching the declaration
    alone gives the same answer.
    """
    if not body.startswith(b"<?"):
        return None
    end = body.find(b"\n")
    if end < 0:
        end = len(body)
    count = body.count(b"encoding=", 0, end)
    if count == 0:
        return None
    close = body.find(b"?>", 0, end)
    if count > 1 or close < 0 or body.find(b"encoding=", 0, end) > close:
        raise _Decline("unusual XML declaration")
    return RE_XML_PI_ENCODING.match(body[:close + 2])


class _Names:
    """feedparser's name for each element tag (``dc:creator``, ``pubdate``...)."""

    def __init__(self, source: bytes) -> None:
        # feedparser keeps one document-wide prefix table (no scoping): it names
        # an element of a known namespace by the standard prefix, then maps
        # that through the document's prefixes; an element of an unknown
        # namespace by the document's prefix. Declarations that make those
        # tables ambiguous are declined.
        self.prefixes: dict[str, str] = {}  # unknown URI -> the document's prefix
        unknown_bound: dict[str, str] = {}  # the document's prefix -> unknown URI
        standard: set[str] = set()
        known_bound: set[str] = set()
        self.shadowed: set[str] = set()  # standard prefixes the document binds to another namespace
        for raw_prefix, dq, sq in _XMLNS.findall(source):
            prefix, uri = raw_prefix.decode("utf-8"), (dq or sq).decode("utf-8")
            known = _known_prefix(uri)
            if known is not None:
                standard.add(known)
                if prefix:
                    known_bound.add(prefix)
                    if prefix != known and prefix in _ALL_STANDARD:
                        self.shadowed.add(prefix)
            elif (prefix == "" or self.prefixes.setdefault(uri, prefix) != prefix
                    or unknown_bound.setdefault(prefix, uri) != uri):
                raise _Decline(f"namespace {uri} read differently by feedparser")
        clash = (standard | known_bound) & set(unknown_bound)
        if clash:
            raise _Decline(f"prefix {clash.pop()} used for a known and an unknown namespace")
        self.cache: dict[str, str] = {}

    def __call__(self, tag: str) -> str:
        name = self.cache.get(tag)
        if name is None:
            name = self.cache[tag] = self._name(tag)
        return name

    def _name(self, tag: str) -> str:
        if not isinstance(tag, str):
            raise _Decline("comment or processing instruction in the tree")
        if tag[0] != "{":
            return tag.lower()
        uri, local = tag[1:].split("}", 1)
        prefix = _known_prefix(uri)
        if prefix is None:
            if uri not in self.prefixes:
                raise _Decline(f"namespace {uri} not seen in a declaration")
            prefix = self.prefixes[uri]
        elif prefix in self.shadowed:
            raise _Decline(f"prefix {prefix} is bound to another namespace in this document")
        return f"{prefix}:{local.lower()}" if prefix else local.lower()


def _known_prefix(uri: str) -> str | None:
    lower = uri.lower()
    if "backend.userland.com/rss" in lower:
        return ""
    return _KNOWN_NS.get(lower)


def _read(body: bytes, content_type: str | None) -> list[Entry]:
    source = _decoded(body, content_type)
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise _Decline(f"XML error: {exc}") from None
    names = _Names(source)
    root_name = names(root.tag)
    if root_name == "rss" and root.tag == "rss":
        channels = [c for c in root if names(c.tag) == "channel"]
        if len(channels) != 1:
            raise _Decline("rss without exactly one channel")
        feed, atom = channels[0], False
        item_name = "item"
    elif root.tag == f"{{{RDF_NS}}}RDF":
        feed, atom, item_name = root, False, "item"
    elif root.tag == f"{{{ATOM_NS}}}feed":
        feed, atom, item_name = root, True, "entry"
    else:
        raise _Decline(f"root element {root.tag}")
    reader = _Reader(names, atom=atom)
    entries: list[Entry] = []
    depth = 2 if feed is root else 3
    for child in feed:
        name = names(child.tag)
        if name == item_name:
            entries.append(reader.entry(child, depth))
        else:
            reader.feed_level(child, name)
    if not entries:
        raise _Decline("no entries")
    total = 0
    for el in root.iter():
        if names(el.tag) in ("item", "entry"):
            total += 1
        if el.attrib and ("base" in el.attrib or _XML_BASE in el.attrib
                          or any(key.lower() == "base" for key in el.attrib)):
            raise _Decline("xml:base (feedparser would resolve links against it)")
    if total != len(entries):
        raise _Decline("item or entry elements outside the usual place")
    return entries


# --------------------------------------------------------------------------- text


def _post(value: str, resolve: bool = False) -> str:
    """What feedparser's ``pop`` makes of an element's text (sanitiser off)."""
    value = value.strip()
    if resolve and value:
        value = _resolve(value)
    if value.isascii():
        return value
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        value = value.encode("iso-8859-1").decode("utf-8")
    if _C1.search(value):  # str.translate with a dict is slow: only when needed
        value = value.translate(_cp1252)
    return value


def _resolve(uri: str) -> str:
    """feedparser's ``resolve_uri`` with no base: only ``scheme:///x`` loses slashes.

    Its URI joiner removes the slashes after a leading ``scheme://``, then
    joins with the empty base, which returns the URI as is.
    """
    return _urljoin("", uri) if ":///" in uri else uri


def _map_type(value: str) -> str:
    value = value.lower()
    return {"text": "text/plain", "plain": "text/plain", "html": "text/html",
            "xhtml": _XHTML}.get(value, value)


def _attrs(el: ET.Element) -> dict[str, str]:
    """Attributes as feedparser's strict parser names them (lower-cased keys, rel/type values)."""
    out: dict[str, str] = {}
    for key, value in el.attrib.items():
        if key[0] == "{":
            uri, local = key[1:].split("}", 1)
            prefix = _known_prefix(uri) or ""
            key = f"{prefix}:{local}" if prefix else local
        key = key.lower()
        out[key] = value.lower() if key in ("rel", "type") else value
    return out


def _plain_text(el: ET.Element) -> str:
    if len(el):
        raise _Decline(f"markup not escaped inside <{el.tag}>")
    return el.text or ""


def _check_unknown(name: str) -> None:
    """Decline an element feedparser has a handler for, or whose name is a field's."""
    method = name.replace(":", "_")
    if hasattr(_FeedParserMixin, "_start_" + method) or hasattr(_FeedParserMixin, "_end_" + method):
        raise _Decline(f"element <{name}> has a feedparser handler")
    if method in _RESERVED_KEYS:
        raise _Decline(f"element <{name}> would overwrite a field")


class _Reader:
    """Replays feedparser's handlers for the elements of one document."""

    def __init__(self, names: _Names, *, atom: bool) -> None:
        self.names = names
        self.atom = atom
        self.has_content = False  # feedparser resets it at the end of an item only
        self.feed_summary = False
        # per entry
        self.ctx: Entry = {}
        self.depths: dict[str, int] = {}
        self.title_depth = -1
        self.handlers = self._handlers()

    # ---------------------------------------------------------------- feed level

    def feed_level(self, el: ET.Element, name: str) -> None:
        """Track the feed-level state that leaks into entries (a content flag)."""
        if name in ("image", "textinput"):
            return
        if name == "channel":  # RSS 1.0: the channel is a sibling of the items
            for child in el:
                self.feed_level(child, self.names(child.tag))
            return
        if name in ("body", "xhtml:body", "fullitem", "source"):
            raise _Decline(f"feed-level <{name}>")
        for sub in el.iter():
            if sub is not el and self.names(sub.tag) in _CONTENT_FLAGGING:
                raise _Decline(f"feed-level <{name}> holding a summary or content")
        if name in _CONTENTS:
            if _map_type(_attrs(el).get("type", _CONTENTS[name])) not in _TEXT_TYPES:
                raise _Decline(f"feed-level <{name}> of an unusual type")
            self.has_content = self.feed_summary = True
        elif name in _SUMMARIES or name in _DESCRIPTIONS:
            # A second summary of the feed is read as its content, and the
            # flag stays up until the end of the next item.
            if self.feed_summary and not self.has_content:
                self.has_content = True
            elif name in _SUMMARIES:
                self.feed_summary = True

    # ---------------------------------------------------------------- entries

    def entry(self, el: ET.Element, depth: int) -> Entry:
        """One entry, replaying feedparser's handlers on its elements in document order."""
        self.ctx = {}
        self.depths = {}
        self.title_depth = -1
        for key, value in _attrs(el).items():
            if key == "rdf:about":
                if value:
                    self.ctx["id"] = value
            elif key not in ("xml:lang", "lang"):
                raise _Decline(f"attribute {key} on an entry")
        self.children(el, depth + 1)
        self.has_content = False
        return self.ctx

    def children(self, parent: ET.Element, depth: int) -> None:
        cache, names = self.names.cache, self.names
        for child in parent:
            tag = child.tag
            self.element(child, cache.get(tag) or names(tag), depth)

    def element(self, el: ET.Element, name: str, depth: int) -> None:
        handler = self.handlers.get(name)
        if handler is None:
            _check_unknown(name)
            if len(el):
                self.children(el, depth + 1)
        else:
            handler(el, name, depth)

    def _handlers(self) -> dict[str, Callable[[ET.Element, str, int], None]]:
        table: dict[str, Callable[[ET.Element, str, int], None]] = {"link": self.link}
        for names, handler in ((_TITLES, self.title), (_DATES, self.date), (_GUIDS, self.guid),
                               (_DESCRIPTIONS, self.description), (_SUMMARIES, self.summary),
                               (_CONTENTS, self.content_element), (_AUTHORS, self.author),
                               (("source",), self.source), (_TRANSPARENT, self.transparent),
                               (_HARMLESS, self.harmless), (("contributor",), self.contributor)):
            table.update(dict.fromkeys(names, handler))
        return table

    def source(self, el: ET.Element, name: str, depth: int) -> None:
        if len(el):
            raise _Decline("source element with children")
        self.title_depth = -1

    def transparent(self, el: ET.Element, name: str, depth: int) -> None:
        self.children(el, depth + 1)

    def harmless(self, el: ET.Element, name: str, depth: int) -> None:
        if len(el):
            raise _Decline(f"<{name}> with children")

    def contributor(self, el: ET.Element, name: str, depth: int) -> None:
        for part in el:
            if self.names(part.tag) not in _AUTHOR_PARTS or len(part):
                raise _Decline("unusual contributor")

    def store(self, key: str, value: str, depth: int) -> None:
        """feedparser's store of a popped value: a shallower or equal element wins."""
        old = self.depths.get(key)
        if old is None or depth <= old:
            self.depths[key] = depth
            self.ctx[key] = value

    # ---------------------------------------------------------------- text constructs

    def construct(self, el: ET.Element, default_type: str) -> tuple[str, str]:
        """(type, value) of a text construct: plain or escaped HTML text, or inline XHTML."""
        attrs = _attrs(el) if el.attrib else _NO_ATTRS
        if "mode" in attrs:
            raise _Decline("mode attribute on a text construct")
        ctype = _map_type(attrs.get("type", default_type))
        if ctype not in _TEXT_TYPES:
            if not (ctype.endswith("+xml") or ctype.endswith("/xml") or ctype.startswith("text/")):
                raise _Decline(f"base64 content type {ctype}")
            raise _Decline(f"content type {ctype}")
        if ctype == _XHTML:
            if not self.atom:
                raise _Decline("inline XHTML outside Atom")
            return ctype, _post(_xhtml(el, self.names))
        return ctype, _post(_plain_text(el))

    def title(self, el: ET.Element, name: str, depth: int) -> None:
        _, value = self.construct(el, "text/plain")
        if not (-1 < self.title_depth <= depth):
            self.store("title", value, depth)
        if value and name != "media:title":
            self.title_depth = depth

    def description(self, el: ET.Element, name: str, depth: int) -> None:
        if "summary" in self.ctx and not self.has_content:
            self.content(el, "text/plain")
        else:
            _, value = self.construct(el, "text/html")
            self.store("summary", value, depth)

    def summary(self, el: ET.Element, name: str, depth: int) -> None:
        if "summary" in self.ctx and not self.has_content:
            self.content(el, "text/plain")
        else:
            _, value = self.construct(el, "text/plain")
            self.store("summary", value, depth)

    def content_element(self, el: ET.Element, name: str, depth: int) -> None:
        self.content(el, _CONTENTS[name])

    def content(self, el: ET.Element, default_type: str) -> None:
        self.has_content = True
        ctype, value = self.construct(el, default_type)
        self.ctx.setdefault("content", []).append({"value": value})
        if ctype in _TEXT_TYPES:
            self.ctx.setdefault("summary", value)

    # ---------------------------------------------------------------- links, ids, dates

    def link(self, el: ET.Element, name: str, depth: int) -> None:
        attrs = _attrs(el)
        rel = attrs.setdefault("rel", "alternate")
        ctype = attrs.setdefault("type", "application/atom+xml" if rel == "self" else "text/html")
        href = attrs.get("url", attrs.get("uri", attrs.get("href")))
        if href:
            attrs["href"] = href
        if "href" in attrs:
            if len(el) or (el.text or "").strip():
                raise _Decline("link with both href and text")
            if rel == "alternate" and _map_type(ctype) in _HTML_TYPES:
                self.ctx["link"] = _resolve(attrs["href"])
            return
        value = _post(_plain_text(el), resolve=True)
        value = _LINK_ENTITY.sub(r"&\g<1>", value.replace("&amp;", "&"))
        self.ctx["link"] = value

    def guid(self, el: ET.Element, name: str, depth: int) -> None:
        is_link = _attrs(el).get("ispermalink", "true") == "true"
        value = _post(_plain_text(el), resolve=is_link)
        self.store("id", value, depth)
        if is_link:
            self.ctx.setdefault("link", value)

    def date(self, el: ET.Element, name: str, depth: int) -> None:
        value = _post(_plain_text(el))
        self.ctx[_DATES[name] + "_parsed"] = _fast_date(value) or _parse_date(value)

    # ---------------------------------------------------------------- authors

    def author(self, el: ET.Element, name: str, depth: int) -> None:
        ctx = self.ctx
        ctx.setdefault("authors", []).append({})
        pieces = [el.text or ""]
        for part in el:
            part_name = self.names(part.tag)
            key = _AUTHOR_PARTS.get(part_name)
            if len(part):
                raise _Decline("unusual author element")
            if key is None:
                _check_unknown(part_name)
                if part.attrib:  # not pushed: its text joins the author's
                    pieces.append(part.text or "")
                pieces.append(part.tail or "")
                continue
            raw = part.text or ""
            value = _post(raw, resolve=True) if key == "href" else raw.strip()
            self._save_author(key, value)
            pieces.append(part.tail or "")
        self.store("author", _post("".join(pieces)), depth)
        self._sync_author()

    def _save_author(self, key: str, value: str) -> None:
        ctx = self.ctx
        ctx.setdefault("author_detail", {})[key] = value
        self._sync_author()
        ctx.setdefault("authors", [{}])[-1][key] = value

    def _sync_author(self) -> None:
        """feedparser's ``_sync_author_detail``: Atom-style detail or "email (name)" text."""
        ctx = self.ctx
        detail = ctx.get("authors", [{}])[-1]
        if detail:
            name, email = detail.get("name"), detail.get("email")
            if name and email:
                ctx["author"] = f"{name} ({email})"
            elif name:
                ctx["author"] = name
            elif email:
                ctx["author"] = email
            return
        author, email = ctx.get("author"), None
        if not author:
            return
        match = _EMAIL.search(author)
        if match:
            email = match.group(0)
            author = author.replace(email, "").replace("()", "").replace("<>", "")
            author = author.replace("&lt;&gt;", "").strip()
            if author and author[0] == "(":
                author = author[1:]
            if author and author[-1] == ")":
                author = author[:-1]
            author = author.strip()
        if author or email:
            ctx.setdefault("author_detail", detail)
        if author:
            detail["name"] = author
        if email:
            detail["email"] = email


# --------------------------------------------------------------------------- dates

_ISO_DATE = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|([+-])(\d\d):(\d\d))\Z")
_RFC822_DATE = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun), )?(\d\d?) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r" (\d{4}) (\d\d):(\d\d):(\d\d) (?:([+-])(\d\d)(\d\d)|([a-z]+))\Z")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _fast_date(value: str) -> time.struct_time | None:
    """feedparser's reading of the two everyday date spellings, or None to ask feedparser.

    ``2026-11-24T08:30:00(.123)Z|+01:00`` is what feedparser's W3DTF parser
    (tried first) reads; ``Tue, 24 Nov 2026 08:30:00 +0100|GMT|EST`` is what
    its W3DTF parser rejects and its RFC 822 parser (tried next) reads. The
    same arithmetic is done here; anything else, or any impossible date
    (which feedparser would hand to its other parsers), returns None.
    """
    match = _ISO_DATE.match(value)
    if match:
        year, month, day, hour, minute, second, sign, tzh, tzm = match.groups()
        offset_h, offset_m = (int(tzh), int(tzm)) if sign else (0, 0)
    else:
        match = _RFC822_DATE.match(value.lower())
        if not match:
            return None
        day, mon, year, hour, minute, second, sign, tzh, tzm, zone = match.groups()
        month = _MONTHS[mon]
        if sign:
            offset_h, offset_m = int(tzh), int(tzm)
        elif zone in _RFC822_ZONES:
            offset_h, offset_m = _RFC822_ZONES[zone], 0
        else:
            return None
    if sign == "-":
        offset_h, offset_m = -offset_h, -offset_m
    try:
        stamp = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
        return (stamp - timedelta(hours=offset_h, minutes=offset_m)).utctimetuple()
    except (ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------- inline XHTML


def _xhtml(el: ET.Element, names: Callable[[str], str]) -> str:
    """feedparser's serialisation of inline XHTML content (wrapping ``div`` removed)."""
    pieces: list[str] = []
    if el.text:
        pieces.append(escape(el.text))
    for child in el:
        _xhtml_element(child, pieces, names)
        if child.tail:
            pieces.append(escape(child.tail))
    while len(pieces) > 1 and not pieces[-1].strip():
        del pieces[-1]
    while len(pieces) > 1 and not pieces[0].strip():
        del pieces[0]
    if pieces and (pieces[0] == "<div>" or pieces[0].startswith("<div ")) \
            and pieces[-1] == "</div>":
        depth = 0
        for piece in pieces[:-1]:
            if piece.startswith("</"):
                depth -= 1
                if depth == 0:
                    break
            elif piece.startswith("<") and not piece.endswith("/>"):
                depth += 1
        else:
            pieces = pieces[1:-1]
    return "".join(pieces)


def _xhtml_element(el: ET.Element, pieces: list[str], names: Callable[[str], str]) -> None:
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith("{" + XHTML_NS + "}"):
        raise _Decline("inline content outside the XHTML namespace")
    name = names(tag)  # "xhtml:p"; declines if the document rebinds the prefix
    local = name.split(":", 1)[-1]
    if hasattr(_FeedParserMixin, "_end_" + name.replace(":", "_")):
        raise _Decline(f"inline XHTML <{local}> has a feedparser handler")
    attrs = "".join(f' {k}="{escape(v, {chr(34): "&quot;"})}"' for k, v in _attrs(el).items())
    pieces.append(f"<{local}{attrs}>")
    if el.text:
        pieces.append(escape(el.text))
    for child in el:
        _xhtml_element(child, pieces, names)
        if child.tail:
            pieces.append(escape(child.tail))
    pieces.append(f"</{local}>")
