"""``vigie import``: store past mentions from a CSV or JSON-lines file.

Each record goes through what a polled item goes through: normalised
(:mod:`listener.importer`), matched against the configured brands
(:class:`~listener.pipeline.Analyzer`: queries, excluded authors, languages),
scored, de-duplicated against the store and written with
:func:`~listener.store.writes.ingest_items`, one short transaction per batch,
so a running daemon keeps polling meanwhile. Imported mentions raise no
mention alert (they are history, not news) and, unless ``--as-new``, are
stored as resolved by "vigie import" so that the triage queues keep showing
only what Vigie itself finds.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sqlite3
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path
from typing import IO

from listener.config import Config, load_config
from listener.errors import VigieError
from listener.importer import FORMATS, ImportRowError, detect_format, item_from_record, read_records
from listener.models import AnalysedItem, FeedItem
from listener.pipeline import AnalysisSettings, Analyzer
from listener.store import connect
from listener.store.db import now_utc
from listener.store.imports import import_source
from listener.store.triage import ItemRef, apply_action
from listener.store.writes import ingest_items

__all__ = ["register", "PROGRESS_EVERY", "BATCH"]

#: Seconds between two progress lines on stderr.
PROGRESS_EVERY = 2.0
#: Records analysed and written per transaction.
BATCH = 500
#: Row errors printed in full (the rest are counted).
SHOWN_ERRORS = 10
#: Who the resolution of imported mentions is recorded as.
IMPORT_USER = "vigie import"


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``import``."""
    p = sub.add_parser(
        "import", help="store past mentions from a CSV or JSON-lines file (history from "
                       "another tool, or vigie export)",
        description=textwrap.fill(
            "Store the mentions of a CSV or JSON-lines file in the database of the "
            "configuration, as if Vigie had polled them: matched against the configured "
            "brands (a record that names no brand is left out; with --brand every record is "
            "about that brand), scored in English or French, and not stored twice (a record "
            "already stored, or imported before, is counted as a duplicate). The spike "
            "detector then has a baseline from the first day (restart `vigie run` so that it "
            "replays the imported history), and the past is in the TUI's search and in "
            "`vigie report`. Records need a date and a text; the other columns are optional. "
            "Column names are matched without regard to case or punctuation, with the usual "
            "names of other tools' exports: date/published_at/created_at, text/content/"
            "message/snippet, title, url/link, author/username, rating/stars (1-5), reach/"
            "followers, kind. A record that cannot be used is reported with its line and "
            "skipped; the others are imported. Progress goes to stderr.", 78),
        epilog="examples:\n"
               "  vigie import history.csv --dry-run      # what would be stored\n"
               "  vigie import mentions-2026.csv\n"
               "  vigie import avis-appstore.jsonl --brand 'Bleuet Mobile'\n"
               "  vigie export --db old.db > all.jsonl && vigie import all.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", type=Path, metavar="FILE", help="the CSV (with a header row) or "
                   "JSON-lines file")
    p.add_argument("--format", choices=FORMATS,
                   help="the file's format (default: from its name, .csv/.tsv or .jsonl/.json)")
    p.add_argument("--brand", metavar="NAME",
                   help="every record is a mention of this configured brand, named or not "
                        "(an export of one brand's alert, or its reviews); default: the "
                        "brands' queries decide")
    p.add_argument("--as-new", action="store_true",
                   help="leave the imported mentions in the triage queues (default: stored "
                        "as resolved by 'vigie import')")
    p.add_argument("--encoding", default="utf-8-sig", metavar="NAME",
                   help="the file's character encoding (default UTF-8, with or without a "
                        "byte-order mark; an Excel CSV saved on Windows is often cp1252)")
    p.add_argument("--dry-run", action="store_true",
                   help="read, match and score every record and print the summary, but "
                        "store nothing")
    p.set_defaults(func=_cmd)


class _Tally:
    """What happened to the records, for the progress lines and the summary."""

    def __init__(self) -> None:
        self.records = self.new = self.duplicates = self.no_brand = self.too_old = 0
        self.errors: list[str] = []
        self.error_count = 0
        self.first: str | None = None
        self.last: str | None = None

    def error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < SHOWN_ERRORS:
            self.errors.append(message)

    def stored_range(self, items: list[AnalysedItem]) -> None:
        for a in items:
            if a.item.published_at is None:
                continue
            day = a.item.published_at.strftime("%Y-%m-%d")
            self.first = day if self.first is None or day < self.first else self.first
            self.last = day if self.last is None or day > self.last else self.last


def _cmd(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    if not config.brands:
        raise VigieError("the configuration has no [[brands]]: add the brands to match "
                         "before importing their mentions (vigie init --brand NAME)")
    brands = tuple(b.name for b in config.brands)
    if args.brand is not None and args.brand not in brands:
        raise VigieError(f"--brand {args.brand!r}: not a configured brand (configured: "
                         f"{', '.join(brands)})")
    path: Path = args.file
    fmt = detect_format(path, args.format)
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        raise VigieError(f"--encoding {args.encoding!r}: not an encoding Python knows (e.g. "
                         "utf-8, cp1252, latin-1)") from None
    try:
        stream = open(path, encoding=args.encoding, newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise VigieError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    with stream:
        return _import(args, config, stream, fmt, path)


def _import(args: argparse.Namespace, config: Config, stream: IO[str], fmt: str,
            path: Path) -> int:
    now = now_utc()
    analyzer = Analyzer(AnalysisSettings.from_config(config))
    only = (args.brand,) if args.brand else ()
    keep = config.storage.keep_days
    cutoff = now - timedelta(days=keep) if keep else None
    db = connect(config.storage.path, busy_timeout=config.storage.busy_timeout)
    source_id = None if args.dry_run else import_source(db, path, brands=only, now=now)
    size = max(1, path.stat().st_size)
    tally = _Tally()
    started = time.monotonic()
    next_report = started + PROGRESS_EVERY
    batch: list[FeedItem] = []

    def flush() -> None:
        fresh = [it for it in batch if not (cutoff and it.published_at
                                            and it.published_at < cutoff)]
        tally.too_old += len(batch) - len(fresh)
        analysed = analyzer.analyse(fresh, only_brands=only, assume_brands=bool(only))
        tally.no_brand += len(fresh) - len(analysed)
        batch.clear()
        if not analysed:
            return
        if args.dry_run:
            tally.new += len(analysed)  # duplicates are not checked without writing
            tally.stored_range(analysed)
            return
        assert source_id is not None
        result = ingest_items(db, source_id, analysed, now)
        tally.new += result.new
        tally.duplicates += result.duplicates
        tally.stored_range(analysed)
        if result.new_ids and not args.as_new:
            apply_action(db, [ItemRef("mention", i) for i in result.new_ids], "resolve",
                         who=IMPORT_USER, now=now)

    try:
        for line, record in read_records(stream, fmt, str(path)):
            tally.records += 1
            try:
                if isinstance(record, ImportRowError):
                    raise record
                batch.append(item_from_record(record, where=f"{path}:{line}", now=now))
            except ImportRowError as exc:
                tally.error(str(exc))
            if len(batch) >= BATCH:
                flush()
            if time.monotonic() >= next_report:
                next_report = time.monotonic() + PROGRESS_EVERY
                done = _position(stream) / size
                print(f"import: {tally.records:,} records read ({done:.0%}), {tally.new:,} "
                      f"new, {tally.duplicates:,} already stored, {tally.no_brand:,} about "
                      f"no brand, {tally.error_count:,} unreadable", file=sys.stderr,
                      flush=True)
        flush()
    except sqlite3.DatabaseError as exc:
        raise VigieError(
            f"{config.storage.path}: cannot write the database ({exc}): free disk space or "
            "fix the permissions of the file and its directory; if it is locked, another "
            f"program holds it, try again. {tally.new:,} mentions were stored before; "
            "importing again counts them as already stored") from None
    except UnicodeDecodeError as exc:
        flush()  # what was read before the bad byte
        raise VigieError(f"{path}: not {args.encoding} text ({exc.reason} after "
                         f"{tally.records:,} records, of which {tally.new:,} were stored): give "
                         "its encoding with --encoding (an Excel CSV saved on Windows is often "
                         "cp1252), or save it as UTF-8; importing again counts the stored ones "
                         "as already stored") from None
    finally:
        db.conn.close()
    _summary(args, tally, path, time.monotonic() - started, keep)
    if tally.records and tally.error_count == tally.records:
        return 2
    return 0


def _position(stream: IO[str]) -> int:
    """Bytes of the file read so far (read-ahead included), for the progress line."""
    try:
        return int(stream.buffer.tell())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return 0


def _summary(args: argparse.Namespace, tally: _Tally, path: Path, seconds: float,
             keep: float | None) -> None:
    verb = "would store" if args.dry_run else "stored"
    lines = [f"{path}: {tally.records:,} records in {seconds:.1f} s; {verb} {tally.new:,} new "
             "mentions"]
    if tally.first:
        lines.append(f"  mentions of the brands dated {tally.first} to {tally.last}")
    if not args.dry_run:
        lines.append(f"  {tally.duplicates:,} already stored (not stored twice)")
    lines.append(f"  {tally.no_brand:,} about none of the configured brands"
                 + ("" if args.brand else " (queries, excluded authors and languages as "
                    "configured; --brand NAME takes every record as that brand's)"))
    if tally.too_old:
        lines.append(f"  {tally.too_old:,} published more than [storage] keep_days ({keep:g}) "
                     "ago: left out, retention would delete them")
    if tally.error_count:
        lines.append(f"  {tally.error_count:,} unreadable records, left out:")
        lines += [f"    {e}" for e in tally.errors]
        if tally.error_count > len(tally.errors):
            lines.append(f"    ... and {tally.error_count - len(tally.errors):,} more")
    if tally.new and not args.dry_run:
        lines.append("  " + ("left in the triage queues (--as-new)" if args.as_new
                             else f"stored as resolved by {IMPORT_USER!r} (--as-new keeps "
                                  "them in the queues)"))
        lines.append("  restart `vigie run` (if it is running) so that the spike detector "
                     "replays this history")
    try:
        print("\n".join(lines), flush=True)
    except BrokenPipeError:  # the reader (head, less) went away: the import is done anyway
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
