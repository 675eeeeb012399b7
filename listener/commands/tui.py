"""``vigie tui``: open the triage interface on the configured store (or ``--db``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from listener.config import find_config_path, load_config
from listener.errors import StoreError
from listener.i18n import LANGUAGES, resolve_language
from listener.timezones import ZONE_HELP, zone_option

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``tui`` subcommand to ``sub``."""
    p = sub.add_parser(
        "tui", help="triage mentions, spikes and campaigns in the terminal",
        description="Open the keyboard-driven triage interface on the store of the "
                    "configuration ([storage] path) or on --db. Queues: needs reply, spikes, "
                    "suspected campaigns, all mentions, done; press ? inside for every key. "
                    "Actions are stored with your name (`user` in the config, else the OS user "
                    "name) so several people can triage the same store; new items appear "
                    "within about a second while `vigie run` is writing.")
    p.add_argument("--db", metavar="PATH", type=Path, default=None,
                   help="SQLite store to open instead of the configured [storage] path "
                        "(no configuration file is needed then)")
    p.add_argument("--user", metavar="NAME", default=None,
                   help="name recorded on your actions (default: `user` in the config, "
                        "else the OS user name)")
    p.add_argument("--poll", metavar="SECONDS", type=float, default=1.0,
                   help="how often the store is checked for new items (default: 1)")
    p.add_argument("--tz", metavar="ZONE", default=None,
                   help=f"time zone of the times shown: {ZONE_HELP} (default: `timezone` in "
                        "the config, else local; the store keeps UTC)")
    p.add_argument("--lang", choices=("auto", *LANGUAGES), default=None,
                   help="language of the TUI and of the explanations shown in it (default: "
                        "`language` in the config, else auto: the locale's, from LANG or "
                        "LC_ALL)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    config = None
    if args.db is not None:
        path = args.db
        # With --db the configuration is optional (user name, reply templates).
        if args.config or find_config_path(None).exists():
            config = load_config(args.config)
    else:
        config = load_config(args.config)
        path = config.storage.path
    if not Path(path).exists():
        raise StoreError(f"{path}: database not found (run `vigie once` or `vigie run` first, "
                         "or pass --db PATH)")
    if args.poll < 0.2:
        raise StoreError("--poll must be at least 0.2 seconds")
    zone = zone_option(args.tz)  # None: run_app reads the config's timezone
    from tui.app import run_app  # imported here: the core never imports Textual

    lang = resolve_language(args.lang) if args.lang else None  # None: the config's language
    run_app(path, config=config, user=args.user, poll_interval=args.poll, zone=zone, lang=lang)
    return 0
