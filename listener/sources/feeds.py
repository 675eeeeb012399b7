"""Parsing fetched bodies into :class:`FeedItem` records.

RSS 0.9x/1.0/2.0 and Atom go through ``feedparser`` (the reference parser),
or, for the common shapes, through :mod:`listener.sources.fastfeed`, which
gives the same entries about seven times faster (``bench/parse_speed.py``)
and declines anything it cannot promise to read as feedparser does (the body
then goes to feedparser, as before);
JSON Feed 1.0/1.1 is read here (feedparser does not). Text is stripped of HTML
and hostile characters, dates are normalised to UTC (missing → fetch time is
decided by the store), links canonicalised.

This runs in the analysis worker processes, off the event loop.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import feedparser

from listener.analysis.normalise import canonical_url, clean_text, html_to_text, to_utc
from listener.errors import ParseError
from listener.models import FeedItem
from listener.sources.fastfeed import fast_entries

__all__ = ["parse_feed", "parse_feed_reference", "is_json_feed", "MAX_TITLE", "MAX_TEXT"]

#: Longest title / text kept for one item (characters); longer ones are cut.
MAX_TITLE = 2_000
MAX_TEXT = 100_000


def is_json_feed(body: bytes, content_type: str | None) -> bool:
    """True when the body looks like a JSON Feed rather than XML."""
    ctype = (content_type or "").lower()
    if "json" in ctype:
        return True
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def parse_feed(body: bytes, *, url: str, content_type: str | None,
               now: datetime) -> list[FeedItem]:
    """Items of a feed body; raises :class:`ParseError` saying what is wrong.

    Common RSS/Atom shapes are read by the fast path, the rest by feedparser;
    both give the same items (``tests/unit/test_fastfeed_corpus.py``).
    """
    return _parse(body, url=url, content_type=content_type, now=now, fast=True)


def parse_feed_reference(body: bytes, *, url: str, content_type: str | None,
                         now: datetime) -> list[FeedItem]:
    """:func:`parse_feed` with feedparser only: the reference for tests and benchmarks."""
    return _parse(body, url=url, content_type=content_type, now=now, fast=False)


def _parse(body: bytes, *, url: str, content_type: str | None, now: datetime,
           fast: bool) -> list[FeedItem]:
    if not body.strip():
        raise ParseError(f"{url}: empty response body (expected a feed)")
    if is_json_feed(body, content_type):
        return list(_json_feed_items(body, url=url, now=now))
    entries = fast_entries(body, content_type) if fast else None
    if entries is not None:
        return [_entry_item(entry, now=now) for entry in entries]
    try:
        return list(_xml_feed_items(body, url=url, content_type=content_type, now=now))
    except UnicodeError as exc:  # e.g. feedparser on a character reference to a surrogate
        raise ParseError(f"{url}: not a readable feed: invalid character ({exc.reason})") from None


def _xml_feed_items(body: bytes, *, url: str, content_type: str | None,
                    now: datetime) -> Iterable[FeedItem]:
    headers = {"content-type": content_type} if content_type else {}
    # We strip all HTML ourselves, so feedparser's (slow) sanitiser is not needed.
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not entries:
        head = body[:2048].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise ParseError(f"{url}: this is an HTML page, not a feed (look for its "
                             "<link rel=\"alternate\" type=\"application/rss+xml\"> URL)")
        exc = parsed.get("bozo_exception")
        if parsed.get("bozo") and (not version or _is_xml_error(exc)):
            raise ParseError(f"{url}: not a readable feed: {_bozo(exc)}")
        return []
    for entry in entries:
        yield _entry_item(entry, now=now)


def _is_xml_error(exc: Any) -> bool:
    """True for well-formedness errors (truncated or broken XML), not encoding notices."""
    return exc is not None and type(exc).__name__ in ("SAXParseException", "SAXException",
                                                      "ExpatError")


def _bozo(exc: Any) -> str:
    if exc is None:
        return "unknown format"
    text = str(exc)
    line = getattr(exc, "getLineNumber", None)
    if callable(line):
        with contextlib.suppress(Exception):  # sax internals may not know the line
            text += f" (line {line()})"
    return f"{type(exc).__name__}: {text}"


def _entry_item(entry: Any, *, now: datetime) -> FeedItem:
    title = html_to_text(entry.get("title") or "")[:MAX_TITLE]
    body = ""
    contents = entry.get("content") or []
    if contents:
        body = max((c.get("value") or "" for c in contents), key=len)
    if not body:
        body = entry.get("summary") or entry.get("description") or ""
    text = html_to_text(body)[:MAX_TEXT]
    link = entry.get("link")
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # ``in`` first: FeedParserDict.get("updated_parsed") falls back to
        # published_parsed (already tried) with a DeprecationWarning.
        value = entry.get(key) if key in entry else None
        if value:
            published = to_utc(value, now=now)
            if published:
                break
    author = entry.get("author") or (entry.get("author_detail") or {}).get("name")
    guid = entry.get("id") or None
    return FeedItem(
        guid=clean_text(guid)[:1000] if guid else None,
        url=canonical_url(link) if link else None,
        title=title,
        text=text,
        author=clean_text(author)[:200] if author else None,
        published_at=published,
        kind="article" if title else "post",  # untitled entries are microblog posts
    )


def _json_feed_items(body: bytes, *, url: str, now: datetime) -> Iterable[FeedItem]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"{url}: invalid JSON: {exc}") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
            "https://jsonfeed.org/version/"):
        raise ParseError(f"{url}: JSON but not a JSON Feed (no \"version\": "
                         "\"https://jsonfeed.org/version/1.1\")")
    items = data.get("items")
    if not isinstance(items, list):
        raise ParseError(f"{url}: JSON Feed without an \"items\" array")
    feed_authors = data.get("authors") or ([data["author"]] if data.get("author") else [])
    for raw in items:
        if not isinstance(raw, dict):
            continue
        title = html_to_text(str(raw.get("title") or ""))[:MAX_TITLE]
        if raw.get("content_html"):
            text = html_to_text(str(raw["content_html"]))
        else:
            text = clean_text(str(raw.get("content_text") or raw.get("summary") or ""))
        authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else feed_authors)
        author = None
        if authors and isinstance(authors[0], dict) and authors[0].get("name"):
            author = clean_text(str(authors[0]["name"]))[:200]
        published = None
        for key in ("date_published", "date_modified"):
            if raw.get(key):
                published = to_utc(str(raw[key]), now=now)
                if published:
                    break
        link = raw.get("url") or raw.get("external_url")
        guid = raw.get("id")
        yield FeedItem(
            guid=clean_text(str(guid))[:1000] if guid is not None else None,
            url=canonical_url(str(link)) if link else None,
            title=title,
            text=text[:MAX_TEXT],
            author=author,
            published_at=published,
            kind="article" if title else "post",
        )
