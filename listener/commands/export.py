"""``vigie export``: stream stored mentions, with sentiment and triage state, as CSV or JSON lines.

Rows are read from the store in batches (see
:func:`listener.store.reads.export_mentions`) and written as they come, so an
export of millions of mentions uses little memory; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import textwrap
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

from listener.commands.readstore import add_db_argument, open_for_reading
from listener.config import parse_duration
from listener.errors import VigieError
from listener.store import parse_iso, utc_iso
from listener.store.db import now_utc
from listener.store.reads import EXPORT_FIELDS, export_mentions

__all__ = ["register", "parse_since", "write_csv", "write_jsonl"]

#: Seconds between two progress lines on stderr.
PROGRESS_EVERY = 2.0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``export``."""
    p = sub.add_parser(
        "export", help="export mentions with sentiment and triage state (CSV or JSON lines)",
        description=textwrap.fill("Stream the stored mentions, oldest first, with their brands, source, "
                    "language, sentiment (label and compound score), rating, reach, triage "
                    "state (status, assignee, tags, verdict) and the ids of suspected "
                    "campaigns they belong to. Reads the database in batches, so any size "
                    "works; progress is printed on stderr every few seconds. For a full "
                    "backup copy the SQLite file instead (see the README).", 78),
        epilog="examples:\n"
               "  vigie export --brand 'Bleuet Mobile' --since 7d --format csv -o bleuet.csv\n"
               "  vigie export --since 2026-11-01 --until 2026-12-01 > november.jsonl\n"
               "  vigie export --db demo.db --format csv | head",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--brand", metavar="NAME",
                   help="only mentions of this brand (its name as in [[brands]]); default all")
    p.add_argument("--since", metavar="WHEN",
                   help="only mentions published at or after WHEN: an ISO date or time "
                        "(2026-11-01, 2026-11-01T08:00Z) or a duration back from now "
                        "(90m, 24h, 7d); default: from the first")
    p.add_argument("--until", metavar="WHEN",
                   help="only mentions published before WHEN (same forms as --since)")
    p.add_argument("--format", choices=("csv", "jsonl"), default="jsonl",
                   help="csv (one header row; lists joined with '|'; a text cell that a "
                        "spreadsheet would read as a formula, such as =HYPERLINK(...), "
                        "starts with a ' so that it stays text) or jsonl (one JSON object "
                        "per line, texts as stored; the default)")
    p.add_argument("-o", "--output", metavar="FILE", type=Path,
                   help="write to FILE (replaced atomically when done) instead of stdout")
    add_db_argument(p)
    p.set_defaults(func=_cmd)


def parse_since(text: str, *, option: str = "--since") -> str:
    """``text`` (an ISO date/time or a duration back from now) as a UTC ISO string."""
    if text.strip()[-1:].isalpha():  # a duration needs its unit: "2026" is not 2026 s
        try:
            seconds = parse_duration(text)
        except ValueError:
            pass
        else:
            return utc_iso(now_utc() - timedelta(seconds=seconds))
    try:
        return utc_iso(parse_iso(text.strip()))
    except ValueError:
        raise VigieError(f"{option} {text!r}: expected an ISO date or time (2026-11-01, "
                         "2026-11-01T08:00Z) or a duration such as 24h or 7d") from None


#: A text cell starting with one of these is a formula to a spreadsheet
#: (``=HYPERLINK(...)``, ``@SUM(...)``, ``+cmd|...``): OWASP's list for CSV injection.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: Any) -> Any:
    """A cell: lists joined with ``|``; text a spreadsheet would run kept as text.

    Mention texts, titles and authors are anyone's, and a community manager
    opens the export in a spreadsheet: a text cell that would start a formula
    gets a leading ``'`` (the spreadsheet convention for "this is text").
    Numbers stay numbers (a compound of -0.84 is not text).
    """
    if isinstance(value, list):
        value = "|".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> Iterable[None]:
    """Write ``rows`` as CSV with a header; yields once per row (for progress)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_FIELDS)
    for row in rows:
        writer.writerow([_csv_value(row[k]) for k in EXPORT_FIELDS])
        yield None


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> Iterable[None]:
    """Write ``rows`` as JSON lines (UTF-8, not ASCII-escaped); yields once per row."""
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        yield None


def _cmd(args: argparse.Namespace) -> int:
    db, _ = open_for_reading(args)
    since = parse_since(args.since) if args.since else None
    until = parse_since(args.until, option="--until") if args.until else None
    if args.brand is not None:
        known = {r[0] for r in db.execute("SELECT DISTINCT brand FROM mention_brands")}
        if args.brand not in known:
            names = ", ".join(sorted(known)) or "none yet"
            raise VigieError(f"--brand {args.brand!r}: no mention of this brand is stored "
                             f"(brands with mentions: {names})")
    rows = export_mentions(db, brand=args.brand, since=since, until=until)
    write = write_csv if args.format == "csv" else write_jsonl
    if args.output is None:
        count = _stream(write, rows, sys.stdout)
    else:
        tmp = args.output.with_name(args.output.name + ".part")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as out:
                count = _stream(write, rows, out)
            os.replace(tmp, args.output)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise VigieError(f"cannot write {args.output}: {exc.strerror}") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    print(f"vigie export: {count} mentions" + (f" written to {args.output}" if args.output
                                                else ""), file=sys.stderr)
    db.conn.close()
    return 0


def _stream(write: Any, rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    last = time.monotonic()
    try:
        for _ in write(rows, out):
            count += 1
            if count % 1000 == 0 and time.monotonic() - last >= PROGRESS_EVERY:
                last = time.monotonic()
                print(f"vigie export: {count} mentions…", file=sys.stderr, flush=True)
        out.flush()
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return count
