"""OPML import and export of ``[[sources]]`` (the config edits are in :mod:`.config_edit`).

OPML (the feed-reader subscription format) lists feeds as ``<outline
xmlUrl="..." text="...">`` elements, possibly nested in folders. Import reads
every outline with an ``xmlUrl``; export writes one outline per source. API
kinds are exported with ``type="vigie"`` and a ``vigieKind`` attribute holding
the kind, and their canonical URL, so an export imports back to the same
sources (per-kind keys that are not part of the URL, such as ``max_pages`` or
``key``, are not exported).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from listener.config import SOURCE_KINDS, SourceConfig, check_http_url
from listener.errors import ParseError

__all__ = ["OpmlEntry", "parse_opml", "to_opml"]


@dataclass(frozen=True, slots=True)
class OpmlEntry:
    """One subscription read from an OPML file."""

    url: str
    kind: str = "feed"
    name: str | None = None


def parse_opml(data: bytes | str, *, origin: str = "<opml>") -> list[OpmlEntry]:
    """The subscriptions of an OPML document, in document order, without repeats.

    Refuses documents with a DOCTYPE (entity expansion attacks); raises
    :class:`ParseError` naming ``origin`` when the XML is broken or is not OPML,
    or when an outline's URL is not http(s).
    """
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise ParseError(f"{origin}: OPML files with a DOCTYPE or entities are not accepted")
    try:
        root = ET.fromstring(text.lstrip("\ufeff").lstrip())
    except ET.ParseError as exc:
        raise ParseError(f"{origin}: not well-formed XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise ParseError(f"{origin}: not an OPML file (the root element is <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise ParseError(f"{origin}: OPML without a <body>")
    entries: list[OpmlEntry] = []
    seen: set[str] = set()
    for outline in body.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue  # a folder
        reason = check_http_url(url)
        if reason:
            raise ParseError(f"{origin}: outline {outline.get('text') or url!r}: {reason}")
        kind = outline.get("vigieKind") or "feed"
        if kind not in SOURCE_KINDS:
            raise ParseError(f"{origin}: outline {url!r}: unknown vigieKind {kind!r} "
                             f"(known: {', '.join(SOURCE_KINDS)})")
        if url in seen:
            continue
        seen.add(url)
        name = (outline.get("title") or outline.get("text") or "").strip() or None
        entries.append(OpmlEntry(url=url, kind=kind, name=name))
    return entries


def to_opml(sources: Iterable[SourceConfig], *, title: str = "Vigie sources") -> str:
    """An OPML 2.0 document listing ``sources``."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{_escape(title)}</title></head>", "  <body>"]
    for s in sources:
        attrs = {"text": s.label, "title": s.label}
        if s.kind == "feed":
            attrs["type"] = "rss"
        else:
            attrs["type"] = "vigie"
            attrs["vigieKind"] = s.kind
        attrs["xmlUrl"] = s.url
        rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
