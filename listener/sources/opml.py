"""OPML import and export of ``[[sources]]``, and safe appends to the TOML config.

OPML (the feed-reader subscription format) lists feeds as ``<outline
xmlUrl="..." text="...">`` elements, possibly nested in folders. Import reads
every outline with an ``xmlUrl``; export writes one outline per source. API
kinds are exported with ``type="vigie"`` and a ``vigieKind`` attribute holding
the kind, and their canonical URL, so an export imports back to the same
sources (per-kind keys that are not part of the URL, such as ``max_pages`` or
``key``, are not exported).

Config edits never rewrite what is there: new ``[[sources]]`` blocks are
appended as text, the result is validated with
:func:`~listener.config.parse_config` and only then replaces the file
(written to a temporary file in the same directory, then renamed).
"""

from __future__ import annotations

import json
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from listener.config import SOURCE_KINDS, Config, SourceConfig, check_http_url, parse_config
from listener.errors import ConfigError, ParseError

__all__ = ["OpmlEntry", "parse_opml", "to_opml", "source_block", "append_sources"]


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


def _toml_string(value: str) -> str:
    # JSON string escapes are all valid in TOML basic strings.
    return json.dumps(value, ensure_ascii=False)


def source_block(url: str, *, kind: str = "feed", name: str | None = None,
                 brands: Sequence[str] = (), interval: str | None = None) -> str:
    """The TOML text of one ``[[sources]]`` table."""
    lines = ["[[sources]]"]
    if kind != "feed":
        lines.append(f"kind = {_toml_string(kind)}")
    lines.append(f"url = {_toml_string(url)}")
    if name:
        lines.append(f"name = {_toml_string(name)}")
    if brands:
        lines.append(f"brands = [{', '.join(_toml_string(b) for b in brands)}]")
    if interval:
        lines.append(f"interval = {_toml_string(interval)}")
    return "\n".join(lines) + "\n"


def append_sources(path: Path, blocks: Sequence[str]) -> Config:
    """Append ``blocks`` to the config file at ``path``, validated, atomically.

    Raises :class:`ConfigError` (and leaves the file untouched) when the result
    does not validate — a duplicate URL, an unknown brand, a bad per-kind key.
    """
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("configuration file not found; write one first with "
                          "`vigie init --brand NAME`", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the file: {exc}", path=str(path)) from None
    sep = "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
    new = old + sep + "\n".join(blocks)
    try:
        config = parse_config(new, path=path)
    except ConfigError as exc:
        # The key named (sources[N]) is the new source's; say that nothing changed.
        exc.args = (f"{exc.args[0]}\n(nothing was added: {path} is unchanged)",)
        raise
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new)
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"cannot write the file: {exc.strerror}", path=str(path)) from None
    return config
