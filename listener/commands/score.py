"""`vigie score`: language and sentiment of JSON-lines texts, as the daemon scores them."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from listener.analysis.sentiment import DEFAULT_NEGATIVE, DEFAULT_POSITIVE, SentimentAnalyser
from listener.errors import VigieError

__all__ = ["register", "score_lines", "MalformedLine"]

DESCRIPTION = """\
Read JSON lines {"id": ..., "text": ...} from FILE (or standard input when FILE
is absent or "-") and write one JSON line {"id", "lang", "compound", "label"}
per input line to standard output, scored exactly as the daemon scores feed
items (SentimentAnalyser.analyse): language detection, then VADER plus the
words and phrases of product and service complaints for English, Vigie's
French analyser for French, and a neutral 0.0 for other languages.

An optional "lang" key (ISO 639-1, e.g. "fr") skips language detection for
that line. Blank lines are ignored.

Malformed lines (not JSON, not an object, "text" missing or not a string) are
reported on standard error with their line number and skipped; scoring goes
on, and the exit status is 1 if any line was skipped. With --strict the first
malformed line stops the command with status 2.

With --text TEXT (repeatable) the texts given on the command line are
scored instead, one JSON line each with its "text" and "id" its position.

Examples:
  echo '{"id": 1, "text": "Service client injoignable, quelle arnaque !"}' | vigie score
  vigie score --text "Great app, love it" --text "Colis jamais reçu"""


class MalformedLine(VigieError):
    """An input line of ``vigie score`` cannot be scored."""

    def __init__(self, source: str, number: int, reason: str, hint: str = "") -> None:
        self.source = source
        self.number = number
        super().__init__(
            f"{source}: line {number}: {reason}; expected a JSON object like "
            '{"id": 1, "text": "..."}' + (f" ({hint})" if hint else "")
        )


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``score`` subcommand to ``sub``."""
    p = sub.add_parser(
        "score",
        help="score the sentiment of JSON-lines texts (stdin or FILE)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="?", default="-", metavar="FILE",
                   help='JSON-lines input (default: standard input; "-" also means stdin)')
    p.add_argument("--negative-threshold", type=float, default=DEFAULT_NEGATIVE, metavar="X",
                   help=f"compound at or below X is labelled negative (default: {DEFAULT_NEGATIVE})")
    p.add_argument("--positive-threshold", type=float, default=DEFAULT_POSITIVE, metavar="X",
                   help=f"compound at or above X is labelled positive (default: {DEFAULT_POSITIVE})")
    p.add_argument("--text", dest="texts", action="append", default=None, metavar="TEXT",
                   help="score this text instead of reading JSON lines (repeatable)")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first malformed line (exit status 2) instead of skipping it")
    p.set_defaults(func=_run)


def score_lines(lines: Iterable[str], analyser: SentimentAnalyser, *, source: str = "<stdin>",
                on_error: Callable[[MalformedLine], None] | None = None,
                ) -> Iterator[dict[str, Any]]:
    """Yield ``{"id", "lang", "compound", "label"}`` per well-formed input line.

    A malformed line is passed to ``on_error`` and skipped; without
    ``on_error`` its :class:`MalformedLine` is raised.
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = _parse(line, source, number)
        except MalformedLine as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        result = analyser.analyse(record["text"], record.get("lang"))
        yield {"id": record.get("id"), "lang": result.lang, "compound": result.compound,
               "label": result.label}


def _parse(line: str, source: str, number: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        plain = not line.lstrip().startswith(("{", "[", '"'))
        raise MalformedLine(source, number, f"not valid JSON ({exc.msg} at column {exc.colno})",
                            "to score plain text: vigie score --text TEXT" if plain else "",
                            ) from None
    if not isinstance(record, dict):
        raise MalformedLine(source, number, f"a JSON {type(record).__name__}, not an object")
    if "text" not in record:
        raise MalformedLine(source, number, 'no "text" key')
    if not isinstance(record["text"], str):
        raise MalformedLine(source, number, '"text" is not a string')
    lang = record.get("lang")
    if lang is not None and not (isinstance(lang, str) and lang.strip()):
        raise MalformedLine(source, number, '"lang" is not a language code such as "fr"')
    return record


def _run(args: argparse.Namespace) -> int:
    try:
        analyser = SentimentAnalyser(args.negative_threshold, args.positive_threshold)
    except ValueError as exc:
        raise VigieError(f"--negative-threshold/--positive-threshold: {exc}") from None
    if args.texts:
        if args.file != "-":
            raise VigieError(f"give either FILE ({args.file}) or --text, not both")
        for number, text in enumerate(args.texts, 1):
            result = analyser.analyse(text)
            print(json.dumps({"id": number, "text": text, "lang": result.lang,
                              "compound": result.compound, "label": result.label},
                             ensure_ascii=False))
        return 0
    if args.file == "-":
        return _score_stream(sys.stdin, "<stdin>", analyser, args.strict)
    try:
        with open(args.file, encoding="utf-8", errors="replace") as stream:
            return _score_stream(stream, args.file, analyser, args.strict)
    except OSError as exc:
        raise VigieError(f"{args.file}: cannot read: {exc.strerror or exc}") from None


def _score_stream(stream: IO[str], source: str, analyser: SentimentAnalyser, strict: bool) -> int:
    skipped: list[int] = []

    def report(exc: MalformedLine) -> None:
        skipped.append(exc.number)
        print(f"vigie: warning: {exc}", file=sys.stderr)

    out = sys.stdout
    for record in score_lines(stream, analyser, source=source,
                              on_error=None if strict else report):
        out.write(json.dumps(record) + "\n")
    out.flush()
    if skipped:
        print(f"vigie: {len(skipped)} malformed line(s) skipped in {source}", file=sys.stderr)
        return 1
    return 0
