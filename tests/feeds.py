"""Builders of small, realistic feed bodies for tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

BASE = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def rss(items: list[dict[str, str | None]], *, title: str = "Feed") -> bytes:
    """An RSS 2.0 body; item keys: title, link, guid, description, date (ISO), author."""
    parts = [f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
             f"<title>{escape(title)}</title><link>http://example.org/</link>"]
    for it in items:
        parts.append("<item>")
        if it.get("title") is not None:
            parts.append(f"<title>{escape(str(it['title']))}</title>")
        if it.get("link"):
            parts.append(f"<link>{escape(str(it['link']))}</link>")
        if it.get("guid"):
            parts.append(f"<guid isPermaLink='false'>{escape(str(it['guid']))}</guid>")
        if it.get("description") is not None:
            parts.append(f"<description>{escape(str(it['description']))}</description>")
        if it.get("author"):
            parts.append(f"<author>{escape(str(it['author']))}</author>")
        if it.get("date"):
            when = datetime.fromisoformat(str(it["date"]))
            parts.append(f"<pubDate>{format_datetime(when)}</pubDate>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def atom(items: list[dict[str, str | None]], *, title: str = "Blog") -> bytes:
    """An Atom 1.0 body with HTML content."""
    parts = ["<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
             f"<title>{escape(title)}</title><id>urn:x</id><updated>2026-11-20T12:00:00Z</updated>"]
    for it in items:
        parts.append("<entry>")
        parts.append(f"<title>{escape(str(it.get('title') or ''))}</title>")
        parts.append(f"<id>{escape(str(it.get('guid') or it.get('link')))}</id>")
        if it.get("link"):
            parts.append(f"<link href='{escape(str(it['link']))}'/>")
        if it.get("date"):
            parts.append(f"<updated>{it['date']}</updated>")
        parts.append(f"<author><name>{escape(str(it.get('author') or 'anon'))}</name></author>")
        parts.append(f"<content type='html'>{escape(str(it.get('description') or ''))}</content>")
        parts.append("</entry>")
    parts.append("</feed>")
    return "".join(parts).encode("utf-8")


def json_feed(items: list[dict[str, str | None]]) -> bytes:
    """A JSON Feed 1.1 body."""
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "JSON blog",
        "items": [{"id": it.get("guid") or it.get("link"), "url": it.get("link"),
                   "title": it.get("title"), "content_html": it.get("description"),
                   "date_published": it.get("date"),
                   "authors": [{"name": it.get("author") or "anon"}]} for it in items],
    }).encode("utf-8")


def item(n: int, text: str, *, link: str | None = "auto", hours: float = 0,
         author: str = "lea") -> dict[str, str | None]:
    """One item dict numbered ``n``."""
    return {"title": f"Post {n}", "description": text,
            "link": f"https://news.example.org/story/{n}?utm_source=rss" if link == "auto" else link,
            "guid": f"urn:story:{n}", "date": (BASE + timedelta(hours=hours)).isoformat(),
            "author": author}
