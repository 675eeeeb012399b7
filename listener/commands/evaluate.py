"""``vigie eval``: evaluation commands that run the daemon's own detectors."""

from __future__ import annotations

import argparse

from listener.commands import eval_campaigns, eval_spikes


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``vigie eval spikes`` and ``vigie eval campaigns``."""
    p = sub.add_parser(
        "eval",
        help="evaluate the spike and campaign detectors on labelled data",
        description="Run the daemon's detectors in stream order on a file and score them.",
    )
    evalsub = p.add_subparsers(dest="eval_command", metavar="WHAT", required=True)
    eval_spikes.register(evalsub)
    eval_campaigns.register(evalsub)
