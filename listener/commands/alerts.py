"""`vigie alerts`: placeholder until its issue lands (not implemented yet)."""

from __future__ import annotations

import argparse

from listener.errors import VigieError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the subcommand to ``sub``."""
    p = sub.add_parser("alerts", help="(not implemented yet)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    raise VigieError("this command is not implemented yet")
