"""``vigie init``: write a starter configuration for the brands given."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from listener.config import find_config_path
from listener.errors import ConfigError
from listener.starter import DEFAULT_COUNTRY, StarterOptions, starter_config

__all__ = ["register"]

DESCRIPTION = """\
Write a starter configuration (./vigie.toml, or --config FILE) for the brands
you watch, with public search feeds that need no account:

  vigie init --brand "Bleuet Mobile" --brand "Colibri Livraison" --country CA

For each brand: a [[brands]] table (its name as a phrase, plus the name run
together, e.g. bleuetmobile, as hashtags and handles write it), and sources
that look for it in Google News (one edition per --lang), Reddit search and
its hashtag on a Mastodon instance (--hn adds Hacker News, for tech brands;
--lemmy jlai.lu a Lemmy instance's search).
The file is checked as the daemon reads it before it is written, and an
existing file is never replaced.

Then:  vigie check-config   (what was written, resolved)
       vigie once           (poll every source once)
       vigie run            (the daemon)   and   vigie tui   (triage)"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``init``."""
    p = sub.add_parser(
        "init", help="write a starter configuration for your brands",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--brand", "-b", action="append", metavar="NAME", default=[],
                   help="a brand to watch, as people write it (repeatable)")
    p.add_argument("--lang", action="append", metavar="CODE", default=None, type=str.lower,
                   help="keep mentions in this language and search Google News in it "
                        "(ISO 639-1, repeatable; default: fr and en)")
    p.add_argument("--country", metavar="CC", type=str.upper, default=None,
                   help="the Google News edition's country, e.g. CA for Québec, FR, BE, CH "
                        f"(default: {DEFAULT_COUNTRY['fr']} for fr, {DEFAULT_COUNTRY['en']} "
                        "for en)")
    p.add_argument("--mastodon", metavar="HOST", default="mastodon.social",
                   help="the Mastodon instance whose hashtag feed to poll (default: "
                        "mastodon.social)")
    p.add_argument("--no-mastodon", dest="mastodon", action="store_const", const=None,
                   help="no Mastodon hashtag feed")
    p.add_argument("--no-reddit", dest="reddit", action="store_false",
                   help="no Reddit search feed")
    p.add_argument("--hn", action="store_true",
                   help="also search Hacker News (for brands discussed there)")
    p.add_argument("--lemmy", metavar="HOST", default=None,
                   help="also search the posts and comments seen by this Lemmy instance, "
                        "e.g. jlai.lu (France) or lemmy.ca (Canada)")
    p.add_argument("--stdout", action="store_true",
                   help="print the configuration instead of writing it")
    p.set_defaults(func=_cmd)


def _user() -> str | None:
    try:
        return getpass.getuser() or None
    except (KeyError, OSError):
        return None


def _cmd(args: argparse.Namespace) -> int:
    options = StarterOptions(brands=args.brand, languages=tuple(args.lang or ("fr", "en")),
                             country=args.country, mastodon=args.mastodon,
                             hackernews=args.hn, lemmy=args.lemmy, reddit=args.reddit,
                             user=_user())
    text = starter_config(options)
    if args.stdout:
        sys.stdout.write(text)
        return 0
    path = find_config_path(args.config)
    if path.exists():
        raise ConfigError("already exists, and vigie init never replaces a configuration; "
                          "add brands by editing it (vigie check-config shows mistakes) or "
                          "sources with `vigie sources add`, or write a new one elsewhere "
                          "with --config NEW.toml", path=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": never replace a file created since the check above.
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ConfigError("already exists; vigie init never replaces a configuration",
                          path=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot write the configuration ({exc.strerror}); choose a "
                          "writable place with --config FILE", path=str(path)) from None
    sources = text.count("[[sources]]")
    shown = path if path.is_absolute() else Path(os.curdir) / path
    flag = "" if args.config is None and "VIGIE_CONFIG" not in os.environ else f" --config {path}"
    print(f"wrote {shown}: {len(args.brand)} brand(s), {sources} source(s)\n"
          f"next:  vigie check-config{flag}   (review it; edit the file to narrow queries)\n"
          f"       vigie once{flag}           (poll every source once)\n"
          f"       vigie run{flag}            (the daemon)   then   vigie tui{flag}")
    return 0
