"""Mentions from a file (CSV or JSON lines) as feed items: ``vigie import``'s pure half.

A team that starts with Vigie has history elsewhere: an export from the tool it
used before, a spreadsheet kept by hand, or ``vigie export`` of another store.
Imported, that history gives the spike detector a baseline from the first day
(it otherwise needs a day of warm-up and learns its calibration over four
weeks), and puts the past in the TUI's search and in ``vigie report``.

This module reads the records and turns each into a
:class:`~listener.models.FeedItem` exactly as a fetched entry is normalised
(HTML stripped, clean one-line author, canonical link, UTC date); the command
(:mod:`listener.commands.importing`) sends them through the same brand rules,
sentiment and store writes as the daemon. Column names are matched without
regard to case, spaces or punctuation, with the usual names of other tools'
exports as aliases (:data:`COLUMNS`). A record that cannot be used raises
:class:`ImportRowError` naming its line and column; the others go on.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from listener.analysis.normalise import canonical_url, clean_text, html_to_text, to_utc
from listener.errors import VigieError
from listener.models import FeedItem
from listener.sources.feeds import MAX_TEXT, MAX_TITLE

__all__ = ["COLUMNS", "FORMATS", "ImportRowError", "detect_format", "read_records",
           "item_from_record"]

FORMATS = ("csv", "jsonl")

#: Field → accepted column names (folded: lower case, letters and digits only).
COLUMNS: dict[str, tuple[str, ...]] = {
    "published_at": ("publishedat", "published", "date", "datetime", "createdat", "created",
                     "timestamp", "time", "publicationdate", "pubdate", "postedat",
                     "mentiondate", "dateheure", "datepublication"),
    "text": ("text", "content", "body", "message", "mentioncontent", "snippet", "description",
             "fulltext", "review", "reviewtext", "comment", "texte", "contenu"),
    "title": ("title", "headline", "subject", "titre"),
    "url": ("url", "link", "permalink", "mentionurl", "lien"),
    "author": ("author", "username", "user", "authorname", "screenname", "handle",
               "reviewer", "auteur", "from"),
    "rating": ("rating", "stars", "score", "note", "reviewrating"),
    "reach": ("reach", "followers", "audience", "followerscount", "authorfollowers"),
    "kind": ("kind", "type", "mediatype"),
}
#: What a stored kind may be; anything else in a ``kind`` column is left to the defaults.
_KINDS = {"article", "post", "comment", "review"}
#: A cell a spreadsheet would read as a formula is written with a leading ``'``
#: by ``vigie export --format csv`` (and by spreadsheets): that quote is not text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FOLD = re.compile(r"[^0-9a-z]+")


class ImportRowError(VigieError):
    """One record cannot be imported (the message names its line and column)."""


def _fold(name: str) -> str:
    return _FOLD.sub("", name.casefold())


def detect_format(path: Path, given: str | None) -> str:
    """``given``, or the format the file's name says (``.csv``/``.tsv`` or ``.jsonl``/``.json``)."""
    if given:
        return given
    suffix = path.suffix.casefold()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise VigieError(f"{path}: cannot tell the format from the name; give --format csv or "
                     "--format jsonl")


def _columns(names: list[str], where: str) -> dict[str, str]:
    """Field → the file's column holding it (first alias found)."""
    folded = {_fold(n): n for n in reversed(names)}  # the first of equal names wins
    found: dict[str, str] = {}
    for fieldname, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in folded:
                found[fieldname] = folded[alias]
                break
    missing = [f for f in ("published_at", "text") if f not in found]
    if missing:
        raise VigieError(
            f"{where}: no column for {' and '.join(missing)} among {', '.join(names) or 'none'}"
            f" (accepted names: " + "; ".join(
                f"{f}: {', '.join(COLUMNS[f][:6])}..." for f in missing) + ")")
    return found


def read_records(stream: IO[str], fmt: str,
                 where: str) -> Iterator[tuple[int, dict[str, Any] | ImportRowError]]:
    """(line number, record with the canonical field names) for each record of ``stream``.

    ``where`` (the file name) prefixes errors. CSV needs a header row naming
    at least a date and a text column (else :class:`VigieError`); its
    delimiter (comma, semicolon, tab) is sniffed from the header. JSON lines:
    one object per line, blank lines skipped, keys matched like CSV column
    names; a line that is not such an object comes as an
    :class:`ImportRowError` in place of its record, and reading goes on.
    """
    if fmt == "csv":
        header_line = stream.readline()
        if not header_line.strip():
            raise VigieError(f"{where}: empty file (expected a header row, e.g. "
                             "published_at,author,text,url)")
        delimiter = max((",", ";", "\t"), key=header_line.count)
        header = next(csv.reader([header_line], delimiter=delimiter))
        columns = _columns(header, where)
        reader = csv.reader(stream, delimiter=delimiter)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            cells = dict(zip(header, row, strict=False))
            yield reader.line_num + 1, {f: _unquote(cells.get(c)) for f, c in columns.items()}
        return
    columns_of: dict[tuple[str, ...], dict[str, str]] = {}
    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield n, ImportRowError(f"{where}:{n}: not a JSON object ({exc.msg}, column "
                                    f"{exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield n, ImportRowError(f"{where}:{n}: expected a JSON object, got "
                                    f"{type(obj).__name__}")
            continue
        keys = tuple(obj)
        if keys not in columns_of:
            try:
                columns_of[keys] = _columns(list(keys), f"{where}:{n}")
            except VigieError as exc:
                yield n, ImportRowError(str(exc))
                continue
        yield n, {f: obj.get(c) for f, c in columns_of[keys].items()}


def _unquote(cell: str | None) -> str | None:
    if cell is not None and cell[:1] == "'" and cell[1:2] and cell[1:2] in _FORMULA_START:
        return cell[1:]
    return cell


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _number(value: object, column: str, where: str, low: float, high: float) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ImportRowError(f"{where}: {column}: expected a number, got {value!r}")
    try:
        number = float(str(value).strip().replace(",", ".").split("/")[0])
    except ValueError:
        raise ImportRowError(f"{where}: {column}: expected a number, got {value!r}") from None
    if not low <= number <= high:
        raise ImportRowError(f"{where}: {column}: {value!r} is out of range ({low:g}-{high:g})")
    return number


def item_from_record(record: dict[str, Any], *, where: str, now: datetime) -> FeedItem:
    """One record as a normalised feed item; raises :class:`ImportRowError`."""
    raw_date = record.get("published_at")
    published = to_utc(raw_date.strip() if isinstance(raw_date, str) else raw_date, now=now)
    if published is None:
        shown = "empty" if raw_date in (None, "") else repr(raw_date)
        raise ImportRowError(f"{where}: published_at: {shown} is not a date Vigie can read "
                             "(ISO 8601 such as 2026-11-24T08:30:00Z or 2026-11-24, RFC 822, "
                             "or POSIX seconds; not before 1995 nor in the future)")
    title = html_to_text(_text(record.get("title")))[:MAX_TITLE]
    text = html_to_text(_text(record.get("text")))[:MAX_TEXT]
    if not title.strip() and not text.strip():
        raise ImportRowError(f"{where}: text: empty (nothing to match or score)")
    rating = _number(record.get("rating"), "rating", where, 1, 5)
    reach = _number(record.get("reach"), "reach", where, 0, 1e12)
    author = clean_text(_text(record.get("author")))[:200] or None
    link = _text(record.get("url")).strip()
    kind = _text(record.get("kind")).strip().casefold()
    if kind not in _KINDS:
        kind = "review" if rating is not None else ("article" if title else "post")
    return FeedItem(guid=None, url=canonical_url(link) if link else None, title=title,
                    text=text, author=author, published_at=published, kind=kind,
                    rating=int(round(rating)) if rating is not None else None,
                    reach=int(reach) if reach is not None else None)
