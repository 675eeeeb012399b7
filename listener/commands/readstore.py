"""``--db FILE`` for the commands that only read a store (``status``, ``export``).

With ``--db`` no configuration is needed: a kept demo database or a copy can
be read as it is. Without it, the configured ``[storage]`` path is opened.
Either way the connection is read-only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import sqlite_utils

from listener.config import Config, load_config
from listener.errors import VigieError
from listener.store import connect

__all__ = ["add_db_argument", "open_for_reading"]


def add_db_argument(p: argparse.ArgumentParser, extra: str = "") -> None:
    """Add ``--db FILE`` to ``p`` (``extra`` ends its help)."""
    p.add_argument("--db", metavar="FILE", type=Path,
                   help="read this database instead of the configured [storage] path "
                        f"(no configuration needed{extra})")


def open_for_reading(args: argparse.Namespace) -> tuple[sqlite_utils.Database, Config | None]:
    """A read-only connection to ``--db`` or to the configured store, and the
    configuration when one was loaded (None with ``--db``)."""
    if args.db is not None:
        if not args.db.exists():
            raise VigieError(f"--db {args.db}: no such file")
        return connect(args.db, readonly=True), None
    cfg = load_config(args.config)
    return connect(cfg.storage.path, busy_timeout=cfg.storage.busy_timeout, readonly=True), cfg
