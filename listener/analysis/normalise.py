"""Turn untrusted feed fields into clean, comparable values.

Everything a feed sends is attacker-controlled: titles may carry HTML, ANSI
escape sequences, bidi overrides or zero-width characters meant to spoof what
a terminal displays, and links carry tracking parameters. The functions here
are pure, never raise on garbage, and run in linear time (no regular
expression here can backtrack catastrophically: 100 KB of hostile input is
cleaned in milliseconds).

* :func:`clean_text`: remove control characters (except newline and tab),
  terminal escape sequences and invisible spoofing characters, collapse
  whitespace. For plain-text fields (author names, JSON ``content_text``).
  :func:`single_line` does the same on one line (error messages).
* :func:`html_to_text`: strip HTML to plain text (then :func:`clean_text`).
* :func:`canonical_url`: one spelling per link, without tracking parameters.
* :func:`to_utc`: feed dates to aware UTC datetimes, absurd ones to None.
* :func:`content_hash`: the same story seen in several feeds gets one hash.
* :func:`fold`: lower case without accents (re-exported from
  :mod:`listener.analysis.textfold`, shared with brand matching).

Text that looks like Rich markup (``[bold red]``) is kept literally: the store
keeps the text intact and the TUI must display it without interpreting it.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
import unicodedata
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urlunsplit

from listener.analysis.textfold import fold

__all__ = [
    "TRACKING_PARAMS",
    "canonical_url",
    "clean_text",
    "single_line",
    "content_hash",
    "fold",
    "html_to_text",
    "to_utc",
]

# --------------------------------------------------------------------------- clean_text

# Every line break spelling becomes "\n" (CR LF, CR, VT, FF, NEL, LS, PS).
_NEWLINES = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")

# Terminal escape sequences, removed whole (not just their ESC byte, which
# would leave "[31m" behind): CSI (7- and 8-bit), OSC (hyperlinks, window
# titles) terminated by BEL or ST, DCS/SOS/PM/APC strings, and the short
# two-or-three-byte escapes. Each character class excludes the next ESC, so
# an unterminated sequence costs one scan to the next ESC at most.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)

# Characters deleted outright: C0 controls except \t and \n, DEL, C1
# controls; bidi embeddings/overrides/isolates and marks (they reorder what a
# terminal shows: U+202E turns "txt.exe" into "exe.txt"); zero-width and
# other invisible characters (zero-width space, word joiner, soft hyphen,
# BOM, Mongolian vowel separator, Hangul fillers used as "blank" names,
# interlinear annotations, Unicode tag characters); lone surrogates and
# non-characters (they cannot even be stored as UTF-8).
# Kept on purpose: ZWJ/ZWNJ (U+200C/U+200D), needed by emoji sequences and by
# Persian and Indic spelling; variation selectors (emoji presentation).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f"
    "\u00ad\u034f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\u3164\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff\ud800-\udfff"
    "\U000e0000-\U000e007f]"
)

_ASCII_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Remove control characters, escape sequences and invisible characters; tidy spaces.

    Line breaks are kept (at most one blank line in a row); any other run of
    whitespace becomes one space; lines are stripped, so is the result, which
    is NFC-normalised. Idempotent: ``clean_text(clean_text(s)) == clean_text(s)``.
    """
    if not isinstance(text, str):
        text = str(text)
    ascii_only = text.isascii()
    if "\r" in text or "\x0b" in text or "\x0c" in text or not ascii_only and (
            "\x85" in text or "\u2028" in text or "\u2029" in text):
        text = _NEWLINES.sub("\n", text)
    if "\x1b" in text or "\x9b" in text:
        text = _ANSI.sub("", text)
    text = _ASCII_CONTROL.sub("", text) if ascii_only else _INVISIBLE.sub("", text)
    if "\n" in text:
        text = "\n".join([" ".join(line.split()) for line in text.split("\n")]).strip()
        if "\n\n\n" in text:
            text = _BLANK_LINES.sub("\n\n", text)
    else:
        text = " ".join(text.split())
    if not ascii_only:
        text = unicodedata.normalize("NFC", text)
    return text


def single_line(text: str) -> str:
    """:func:`clean_text` on one line: for messages shown in a table or a log line.

    Error messages can carry a server's words (an API's ``error_message``, an
    HTTP reason phrase): they are stored and printed through this, so that no
    escape sequence reaches the terminal of ``vigie status``.
    """
    return " ".join(clean_text(text).split())


# --------------------------------------------------------------------------- html_to_text

# Removed with their content: comments, CDATA markers, declarations and
# processing instructions; script/style/template elements. A missing end
# marker means "to the end of the text" (as browsers do), which keeps each
# match linear: nothing is rescanned after a failure.
_COMMENTS = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[|\]\]>|<[!?][^<>]*>", re.DOTALL)
_HIDDEN_ELEMENTS = r"<(script|style|template)\b[^<>]*>.*?(?:</\1\s*>|\Z)"

# Tags. Attributes may not contain "<" or ">": this keeps every scan linear
# on "<a <a <a ..." and only mis-strips attributes holding a literal ">"
# (a fragment of the attribute then shows as text).
# Block-level element names (address, article, aside, blockquote, br,
# caption, dd, details, div, dl, dt, fieldset, figcaption, figure, footer,
# form, h1-h6, header, hr, li, main, nav, ol, p, pre, section, summary, table,
# tbody, thead, tfoot, tr, ul), factored by first letter: twice as fast.
_BLOCK_TAG = (
    r"</?(?:a(?:ddress|rticle|side)|b(?:lockquote|r)|caption|d(?:d|etails|iv|l|t)"
    r"|f(?:ieldset|igcaption|igure|ooter|orm)|h(?:[1-6r]|eader)|li|main|nav|ol|p(?:re)?"
    r"|s(?:ection|ummary)|t(?:able|body|head|foot|r)|ul)\b[^<>]*>"
)
_CELL_TAG = r"</?t[dh]\b[^<>]*>"
_IMG_TAG = r"<img\b([^<>]*)>"

# Case-insensitive patterns are 2-3x slower; they are used only when the
# markup has an upper-case tag name.
_UPPER_TAG = re.compile(r"</?[A-Z]")
_LOWER = tuple(re.compile(p, re.DOTALL) for p in (_HIDDEN_ELEMENTS, _BLOCK_TAG, _CELL_TAG, _IMG_TAG))
_ANY_CASE = tuple(
    re.compile(p, re.DOTALL | re.IGNORECASE)
    for p in (_HIDDEN_ELEMENTS, _BLOCK_TAG, _CELL_TAG, _IMG_TAG)
)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)

_BLOCK = "\x00"  # placeholder for a block boundary (NUL is removed from the input first)
_BLOCK_RUN = re.compile("\x00[\x00 ]*")
_MARKUP = re.compile(r"<[a-zA-Z/!?]")


def _img(match: re.Match[str]) -> str:
    """Keep the alt text of emoji images, not long descriptions of photos.

    WordPress writes 😡 as ``<img class="emoji" alt="😡" src=...>``.
    """
    alt = _ALT.search(match.group(1))
    if alt:
        value = alt.group(1) or alt.group(2) or alt.group(3) or ""
        if "&" in value:
            value = html.unescape(value)
        if value and len(value) <= 8 and not any(c.isalnum() for c in value):
            return value
    return ""


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (or of plain text that may contain entities).

    Comments, ``<script>``, ``<style>`` and ``<template>`` disappear with their
    content; other tags disappear, block-level ones (``p``, ``div``, ``br``,
    ``li``, headings...) becoming a line break and table cells a space; source
    whitespace is collapsed as a browser would; entities are decoded once
    (``&amp;amp;`` gives ``&amp;``); the alt text of emoji images is kept.
    Input without any tag is taken as plain text: its line breaks are kept.
    The result then goes through :func:`clean_text`. Never raises; malformed
    markup is handled best effort.
    """
    if not isinstance(markup, str):
        markup = str(markup)
    text = markup.replace(_BLOCK, "")
    if _MARKUP.search(text):
        if "<!" in text or "<?" in text or "]]>" in text:
            text = _COMMENTS.sub("", text)
        upper = _UPPER_TAG.search(text) is not None
        hidden, block, cell, img = _ANY_CASE if upper else _LOWER
        if "<s" in text or "<t" in text or upper:
            text = hidden.sub("", text)
        text = block.sub(_BLOCK, text)
        if "<t" in text or "</t" in text or upper:
            text = cell.sub(" ", text)
        if "<i" in text or upper:
            text = img.sub(_img, text)
        text = " ".join(_ANY_TAG.sub("", text).split())  # HTML source whitespace
        if "&" in text:
            text = html.unescape(text)
        text = _BLOCK_RUN.sub("\n", text)
    elif "&" in text:
        text = html.unescape(text)
    return clean_text(text)


# --------------------------------------------------------------------------- canonical_url

#: Query parameters dropped from links (compared case-insensitively; every
#: ``utm_*`` parameter is dropped too). Only parameters that never select
#: content are listed.
TRACKING_PARAMS = frozenset((
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "yclid", "msclkid", "twclid",
    "ttclid", "li_fat_id", "igshid", "igsh", "mc_cid", "mc_eid", "ref_src", "ref_url", "_hsenc",
    "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id",
    "oly_enc_id", "vero_conv", "vero_id", "_ga", "_gl", "srsltid", "s_cid", "wickedid",
    "rb_clickid",
))

_DEFAULT_PORTS = {"http": 80, "https": 443}
_URL_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\]")
_HOST_FORBIDDEN = re.compile(r"[\s/?#@%\\<>\"{}|^`]")


def _keep_param(pair: str) -> bool:
    name = pair.split("=", 1)[0].lower()
    return bool(pair) and not name.startswith("utm_") and name not in TRACKING_PARAMS


def canonical_url(url: str) -> str | None:
    """One canonical spelling of an http(s) link, or None if it is not one.

    Lower-cases the scheme and host, drops user info, default ports, the
    fragment and tracking parameters (:data:`TRACKING_PARAMS`, ``utm_*``),
    sorts the remaining query parameters (their encoding is kept as is) and
    keeps the path's case. An empty path becomes ``/``; spaces are
    percent-encoded. Any other scheme, a missing host, a bad port or control
    characters give None.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > 8192 or _URL_FORBIDDEN.search(url):
        return None
    url = url.replace(" ", "%20")
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            return None
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if not host or _HOST_FORBIDDEN.search(host):
        return None
    if ":" in host:  # IPv6 literal: urlsplit removed the brackets
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = "&".join(sorted(p for p in parts.query.split("&") if _keep_param(p)))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


# --------------------------------------------------------------------------- to_utc

#: Dates before this are treated as garbage (no feed item predates 1995).
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
#: How far in the future a date may be (time zones, clock skew) before it is garbage.
FUTURE_SLACK = timedelta(days=2)


def _parse_date(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time.struct_time) or (
        isinstance(value, tuple) and len(value) >= 6
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value[:6])
    ):
        year, month, day, hour, minute, second = value[:6]
        # feedparser's struct_time is UTC; a leap second (60) is clamped.
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str):
        text = value.strip()
        if not text or len(text) > 100:
            return None
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
        try:
            return parsedate_to_datetime(text)
        except (ValueError, TypeError, IndexError):
            return None
    return None


def to_utc(value: object, *, now: datetime) -> datetime | None:
    """An aware UTC datetime from a feed date, or None if missing, unreadable or absurd.

    Accepts ``time.struct_time`` (feedparser's ``*_parsed``, already UTC),
    ISO 8601 strings (``2026-11-24T08:30:00Z``, ``+01:00`` offsets, a bare
    date), RFC 822 strings (``Tue, 24 Nov 2026 08:30:00 +0100``), datetimes,
    dates and POSIX timestamps. Naive values are taken as UTC. Dates before
    1995 or more than two days after ``now`` give None.
    """
    try:
        parsed = _parse_date(value)
        if parsed is None:
            return None
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            parsed = parsed.replace(tzinfo=UTC)
        else:
            parsed = parsed.astimezone(UTC)
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        if parsed < EARLIEST or parsed > now + FUTURE_SLACK:
            return None
        return parsed
    except (ValueError, TypeError, OverflowError, OSError):
        return None


# --------------------------------------------------------------------------- content_hash


def content_hash(title: str, text: str) -> str:
    """32 hex digits identifying a story whatever its case, accents and spacing.

    blake2b (16 bytes) of the folded, whitespace-normalised title and text,
    so that the same story syndicated by several feeds gets the same hash.
    """
    folded_title = " ".join(fold(title or "").split())
    folded_text = " ".join(fold(text or "").split())
    data = f"{folded_title}\x1f{folded_text}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()
