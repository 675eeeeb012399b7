"""The ``vigie`` command line: a thin layer over the library.

Each subcommand lives in its own module under :mod:`listener.commands` and
exposes ``register(subparsers)``. Expected failures (:class:`VigieError`) are
printed as one clear line, without a traceback, and exit with status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator, Sequence

from listener import __version__
from listener.errors import VigieError
from listener.logsetup import setup_logging

__all__ = ["main", "build_parser", "COMMAND_MODULES"]

#: Modules under ``listener.commands`` whose ``register`` adds a subcommand,
#: in the order ``vigie --help`` lists them.
COMMAND_MODULES = (
    "init",
    "run",
    "check_config",
    "status",
    "score",
    "demo",
    "evaluate",
    "simulate",
    "sources",
    "alerts",
    "export",
    "importing",
    "report",
    "tui",
)

DESCRIPTION = """\
Vigie watches public feeds and mention sources for the brands you defend,
scores sentiment in English and French, stores everything in SQLite, and flags
negative spikes and suspected fake-review campaigns.

The configuration is read from --config, $VIGIE_CONFIG, or ./vigie.toml
(see config.example.toml for every key). New here? `vigie init --brand NAME`
writes a starter one, and `vigie demo` shows everything on a demo world."""


def build_parser() -> argparse.ArgumentParser:
    """Build the full argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="vigie",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"vigie {__version__}")
    parser.add_argument(
        "-c", "--config", metavar="FILE",
        help="configuration file (default: $VIGIE_CONFIG, then ./vigie.toml)",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more log output (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="count", default=0,
                        help="less log output (-qq for errors only)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"listener.commands.{name}")
        module.register(sub)
    for command in _subparsers(parser):
        _accept_global_options(command)
    return parser


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every command's parser under ``parser``, nested ones included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in dict.fromkeys(action.choices.values()):
                yield command
                yield from _subparsers(command)


def _accept_global_options(command: argparse.ArgumentParser) -> None:
    """Let ``--config``, ``-v`` and ``-q`` follow the command too.

    ``vigie check-config --config FILE`` is how people type it. The options
    default to nothing here, so that the ones given before the command stay.
    """
    group = command.add_argument_group("global options (also accepted before the command)")
    group.add_argument("-c", "--config", metavar="FILE", default=argparse.SUPPRESS,
                       help="configuration file")
    group.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                       help="more log output")
    group.add_argument("-q", "--quiet", action="count", default=argparse.SUPPRESS,
                       help="less log output")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vigie`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    setup_logging(verbosity=args.verbose - args.quiet)
    try:
        return int(args.func(args) or 0)
    except VigieError as exc:
        print(f"vigie: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
