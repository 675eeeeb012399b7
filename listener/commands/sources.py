"""``vigie sources``: list sources with their health, add or remove one, import/export OPML.

``add`` and ``import-opml`` append ``[[sources]]`` tables to the configuration
file and ``remove`` cuts one out (never rewriting the rest), validate the
result as ``vigie check-config`` would, and only then replace the file
(:mod:`listener.sources.config_edit`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from listener.analysis.authors import AuthorFilter
from listener.commands.status import short_cell
from listener.config import SOURCE_KINDS, Config, SourceConfig, find_config_path, load_config
from listener.errors import ConfigError, FetchError, ParseError, StoreError, VigieError
from listener.models import FeedItem
from listener.sources.config_edit import append_sources, remove_source, source_block
from listener.sources.opml import parse_opml, to_opml
from listener.sources.options import OptionError, configure, password_variable
from listener.sources.preview import Preview, preview_source
from listener.store import connect
from listener.store.reads import SourceHealth, source_health

__all__ = ["register", "render_preview", "render_sources"]

#: How a running daemon picks up a change of the file.
_RELOAD = ("a running `vigie run` applies it on SIGHUP (`systemctl reload vigie`, or "
           "`kill -HUP <pid>`)")

KINDS_HELP = """\
source kinds and the URL each takes:
  feed           any RSS/Atom/JSON Feed URL (Google News, Reddit, Mastodon tag .rss,
                 YouTube channel, Discourse, Google Alerts feeds...)
  mastodon       https://INSTANCE/tags/TAG (polls /api/v1/timelines/tag/TAG), or
                 https://INSTANCE/@NAME: an account's own posts (your support account,
                 listed in exclude_authors: its replies resolve the mentions they answer)
  hackernews     https://hn.algolia.com/api/v1/search_by_date?query=WORDS
  appstore       https://apps.apple.com/CC/app/NAME/idNNN or
                 https://itunes.apple.com/CC/rss/customerreviews/id=NNN/sortby=mostrecent/json
  stackexchange  https://api.stackexchange.com/2.3/search/advanced?q=WORDS&site=SITE
  bluesky        https://bsky.app/search?q=WORDS (Bluesky searches only for logged-in
                 clients: --set login=HANDLE --set 'app_password=${VAR}'), or
                 https://bsky.app/profile/HANDLE: an account's own posts (no login)
  lemmy          https://INSTANCE/search?q=WORDS (jlai.lu, lemmy.ca...), or
                 https://INSTANCE/c/COMMUNITY with --set query=WORDS"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``sources`` and its subcommands."""
    p = sub.add_parser(
        "sources", help="list, add, remove, import or export the sources you poll",
        description="Manage the [[sources]] of the configuration file: list them with their "
                    "health, add or remove one, import feed subscriptions from OPML or "
                    "export them.",
        epilog=KINDS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=_help(p))
    ssub = p.add_subparsers(dest="sources_command", metavar="SUBCOMMAND")

    ls = ssub.add_parser(
        "list", help="every configured source with its kind, brands and health",
        description="One row per source of the configuration: kind, state (ok, FAIL, new), "
                    "consecutive failures, last success and the last error, read from the "
                    "database when there is one.")
    ls.set_defaults(func=_list)

    add = ssub.add_parser(
        "add", help="append one source to the configuration file",
        description="Append a [[sources]] table for URL to the configuration file, after "
                    "checking that the result is valid and that the source is not already "
                    "configured.",
        epilog=KINDS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    add.add_argument("kind", metavar="KIND", choices=SOURCE_KINDS,
                     help=f"source kind: {', '.join(SOURCE_KINDS)}")
    add.add_argument("url", metavar="URL", help="the feed or API URL (see below)")
    add.add_argument("--brand", "-b", action="append", default=[], metavar="NAME",
                     help="only match this [[brands]] name in this source (repeatable; "
                          "default: every brand)")
    add.add_argument("--name", help="a human name shown in `vigie status` and the TUI")
    add.add_argument("--interval", metavar="DURATION",
                     help='poll interval such as "15m" (default: [daemon] default_interval)')
    add.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="keys",
                     help="one of the kind's own keys (repeatable), e.g. --set lang=fr, "
                          "--set login=me.bsky.social --set 'app_password=${VAR}'; digits "
                          "are written as a number")
    add.set_defaults(func=_add)

    rm = ssub.add_parser(
        "remove", help="remove one source from the configuration file",
        description="Remove the [[sources]] table whose URL or name is SOURCE from the "
                    "configuration file (only its lines; the rest of the file, comments "
                    "included, is kept as written), after checking that the result is valid "
                    "and holds every other source unchanged. The mentions already stored "
                    "from it stay in the database (`vigie status --all` still lists it). "
                    "A running daemon picks the change up on SIGHUP or at its next start.")
    rm.add_argument("which", metavar="SOURCE",
                    help="the source's URL or name, as `vigie sources list` shows it")
    rm.add_argument("--dry-run", action="store_true",
                    help="print the lines that would be removed instead of removing them")
    rm.set_defaults(func=_remove)

    pre = ssub.add_parser(
        "preview", help="fetch a source once and show what would become mentions",
        description=textwrap.fill(
                    "Fetch one source once (over HTTP with the [http] settings), analyse its "
                    "items exactly as the daemon would (brand queries, the source's brand "
                    "scope, excluded authors, languages, sentiment) and print the ones that "
                    "would be stored as mentions, then a few that match no brand. Nothing is "
                    "written: try a URL before `vigie sources add`, or a query change before "
                    "restarting the daemon. SOURCE is a configured source's URL or name, or "
                    "KIND URL for one that is not configured yet.", 78),
        epilog=KINDS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    pre.add_argument("source", metavar="SOURCE", nargs="+",
                     help="a configured source's URL or name, or KIND URL")
    pre.add_argument("--brand", "-b", action="append", default=[], metavar="NAME",
                     help="with KIND URL: only match this [[brands]] name (repeatable)")
    pre.add_argument("--limit", type=int, default=20, metavar="N",
                     help="mentions shown at most (default 20)")
    pre.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="keys",
                     help="with KIND URL: one of the kind's own keys, as for `sources add`")
    pre.set_defaults(func=_preview)

    imp = ssub.add_parser(
        "import-opml", help="append the feeds of an OPML file to the configuration",
        description="Read the subscriptions of an OPML file (as exported by feed readers or "
                    "by `vigie sources export-opml`) and append one [[sources]] table per "
                    "subscription that is not configured yet.")
    imp.add_argument("file", metavar="FILE", help="the OPML file ('-' for standard input)")
    imp.add_argument("--brand", "-b", action="append", default=[], metavar="NAME",
                     help="only match this [[brands]] name in the imported sources "
                          "(repeatable; default: every brand)")
    imp.add_argument("--dry-run", action="store_true",
                     help="print the [[sources]] tables instead of writing them")
    imp.set_defaults(func=_import)

    exp = ssub.add_parser(
        "export-opml", help="write the configured sources as OPML",
        description="Write every configured source as an OPML 2.0 outline (API kinds carry a "
                    "vigieKind attribute so the file imports back into Vigie).")
    exp.add_argument("-o", "--output", metavar="FILE",
                     help="write to FILE instead of standard output")
    exp.set_defaults(func=_export)


def _help(parser: argparse.ArgumentParser):  # type: ignore[no-untyped-def]
    def show(args: argparse.Namespace) -> int:
        parser.print_help()
        return 0
    return show


def render_sources(config: Config, health: dict[str, SourceHealth]) -> str:
    """A fixed-width table of the configured sources with their health (by URL)."""
    head = (f"{'kind':<13} {'state':<5} {'fail':>4}  {'last success':<20} {'brands':<16} "
            "source / last error")
    out = [head, "-" * len(head)]
    for s in config.sources:
        h = health.get(s.url)
        state, fails, success, error = "new", 0, None, None
        if h is not None:
            fails, success, error = h.consecutive_failures, h.last_success, h.last_error
            if h.last_attempt is not None:
                state = "ok" if h.healthy else "FAIL"
        brands = ", ".join(s.brands) or "all"
        out.append(f"{s.kind:<13} {state:<5} {fails:>4}  {short_cell(success, 20):<20} "
                   f"{short_cell(brands, 16):<16} {short_cell(s.label, 70)}")
        if error and state == "FAIL":
            out.append(f"{'':>62}↳ {short_cell(error, 110)}")
    if not config.sources:
        out.append("(no [[sources]] configured: see `vigie sources add --help`)")
    return "\n".join(out)


def _list(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    health: dict[str, SourceHealth] = {}
    if cfg.storage.path.exists():
        try:
            db = connect(cfg.storage.path, busy_timeout=cfg.storage.busy_timeout, readonly=True)
            health = {h.url: h for h in source_health(db, include_inactive=True)}
        except StoreError as exc:
            print(f"vigie: warning: no health shown: {exc}", file=sys.stderr)
    print(render_sources(cfg, health))
    return 0


def _canonical(kind: str, url: str, keys: dict[str, str | int] | None = None
               ) -> tuple[str, dict[str, Any]]:
    """The canonical URL and resolved options of KIND URL (``keys``: from ``--set``)."""
    try:
        return configure(kind, url, dict(keys or {}))
    except OptionError as exc:
        where = f"--set {exc.key}" if exc.key in (keys or {}) else f"{kind} URL {url!r}"
        raise ConfigError(f"{exc}", key=where) from None


def _keys(pairs: list[str]) -> dict[str, str | int]:
    """``--set KEY=VALUE`` pairs (digits become a number)."""
    keys: dict[str, str | int] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise VigieError(f"--set {pair!r}: expected KEY=VALUE, e.g. --set lang=fr")
        keys[key] = int(value) if value.strip().isdigit() else value
    return keys


def _add(args: argparse.Namespace) -> int:
    path = find_config_path(args.config)
    cfg = load_config(path)
    keys = _keys(args.keys)
    url, options = _canonical(args.kind, args.url, keys)
    same = SourceConfig(url=url, kind=args.kind, options=options).identity
    for i, s in enumerate(cfg.sources):
        if s.identity == same:
            raise VigieError(f"{path}: sources[{i}] already polls {s.url} ({s.kind}); nothing "
                             "added")
    block = source_block(url, kind=args.kind, name=args.name, brands=args.brand,
                         interval=args.interval, keys=keys)
    new = append_sources(path, [block])
    added = new.sources[-1]
    print(f"added sources[{len(new.sources) - 1}] to {path}: {added.kind} {added.url}\n"
          + _RELOAD)
    for hint in (_own_account_hint(new, added), _login_hint(added)):
        if hint:
            print(hint)
    return 0


def _login_hint(source: SourceConfig) -> str | None:
    """A note when a Bluesky search has no login (Bluesky answers searches only to
    logged-in clients), or when its password variable is not set here."""
    if source.kind != "bluesky" or source.options.get("query") is None:
        return None
    password = source.options.get("app_password")
    if password is None:
        return ("note: Bluesky answers post searches only to logged-in clients: add "
                "login = \"<handle>\" and app_password = \"${BLUESKY_APP_PASSWORD}\" (an app "
                "password of that account, exported for the daemon) to this source, or "
                "add it again with --set login=... --set 'app_password=${VAR}'.")
    var = password_variable(str(password))
    if not os.environ.get(var):
        return (f"note: {var} is not set in this shell: export it (the app password of "
                f"{source.options.get('login')}) where the daemon runs.")
    return None


def _own_account_hint(cfg: Config, source: SourceConfig) -> str | None:
    """A note when a Mastodon account source polls an account no brand calls its own."""
    account = source.options.get("account") if source.kind == "mastodon" else None
    if not account:
        return None
    host = urlsplit(source.url).hostname or ""
    handles = (account, f"{account}@{host}")
    if any(AuthorFilter(b.exclude_authors).excludes(h) for b in cfg.brands for h in handles):
        return None
    return (f"note: no brand lists {account!r} in exclude_authors. If it is your own "
            "account (say, your support), add it to the exclude_authors of the brand it "
            "speaks for: its posts are then not mentions, and its replies resolve the "
            "mentions they answer.")


def _preview_target(cfg: Config, words: list[str], brands: list[str],
                    keys: dict[str, str | int] | None = None) -> SourceConfig:
    """The source ``vigie sources preview`` was asked about (configured, or KIND URL with
    the kind's own ``keys``)."""
    if keys and len(words) != 2:
        raise VigieError("--set applies to KIND URL; a configured source has its own keys")
    if len(words) == 2:
        kind, url = words
        if kind not in SOURCE_KINDS:
            raise VigieError(f"unknown source kind {kind!r}: expected one of "
                             f"{', '.join(SOURCE_KINDS)} (see `vigie sources preview --help`)")
        canonical, options = _canonical(kind, url, keys)
        known = {b.name for b in cfg.brands}
        for b in brands:
            if b not in known:
                raise VigieError(f"--brand {b!r}: no [[brands]] entry has that name (known: "
                                 f"{', '.join(sorted(known)) or 'none'})")
        return SourceConfig(url=canonical, kind=kind, brands=tuple(brands), options=options)
    if len(words) != 1:
        raise VigieError("expected a configured source (its URL or name) or KIND URL")
    (which,) = words
    for s in cfg.sources:
        if which in (s.url, s.name):
            if brands:
                raise VigieError(f"--brand applies to KIND URL; {which!r} is configured with "
                                 f"its own brands ({', '.join(s.brands) or 'every brand'})")
            return s
    if "://" in which:
        return SourceConfig(url=which, kind="feed", brands=tuple(brands))
    raise VigieError(f"no configured source has the URL or name {which!r} (`vigie sources "
                     "list` shows them); to try a new one, give KIND URL")


def _preview(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    if not cfg.brands:
        raise ConfigError("no [[brands]] to match: add one (or run `vigie init --brand NAME`)",
                          path=str(cfg.path))
    source = _preview_target(cfg, args.source, args.brand, _keys(args.keys))
    now = datetime.now(UTC)
    try:
        result = asyncio.run(preview_source(cfg, source, now))
    except (FetchError, ParseError) as exc:
        message = str(exc)
        raise VigieError(message if source.url in message else f"{source.url}: {message}"
                         ) from None
    print(render_preview(result, limit=args.limit))
    return 0


def render_preview(p: Preview, *, limit: int = 20) -> str:
    """What ``vigie sources preview`` prints (every text cleaned to one line)."""
    s = p.source
    scope = f" (brands: {', '.join(s.brands)})" if s.brands else ""
    head = (f"{short_cell(s.label, 60)} [{s.kind}]{scope}: {len(p.items)} items fetched; "
            f"{len(p.matched)} would be stored as mentions")
    if p.excluded:
        head += f" ({p.excluded} by excluded authors left out)"
    lines = [head]
    for a in p.matched[:max(0, limit)]:
        it = a.item
        when = it.published_at.strftime("%m-%d %H:%M") if it.published_at else "undated"
        rating = f"{it.rating}/5 " if it.rating is not None else ""
        lines.append(f"  {short_cell(', '.join(a.brands), 22):<22} {a.sentiment.label:<8} "
                     f"{when}  {short_cell(it.author, 20)}: {rating}{short_cell(_body(it), 90)}")
    if len(p.matched) > limit:
        lines.append(f"  … and {len(p.matched) - limit} more (--limit N)")
    others = p.unmatched
    if others:
        lines.append(f"{len(others)} items mention no brand"
                     + (" or were left out" if p.excluded else "") + ", e.g.:")
        for it in others[:5]:
            lines.append(f"  {short_cell(it.author, 20)}: {short_cell(_body(it), 100)}")
    return "\n".join(lines)


def _body(item: FeedItem) -> str:
    """Title and text of an item, the title left out when the text starts with it."""
    title = item.title if item.title and not item.text.startswith(item.title) else ""
    return " · ".join(x for x in (title, item.text) if x)


def _remove(args: argparse.Namespace) -> int:
    path = find_config_path(args.config)
    removal = remove_source(path, args.which, dry_run=args.dry_run)
    s = removal.source
    if args.dry_run:
        print(removal.text, end="")
        print(f"would remove sources[{removal.index}] from {path}: {s.kind} {s.url}",
              file=sys.stderr)
        return 0
    print(f"removed sources[{removal.index}] from {path}: {s.kind} {s.url}\n"
          "its stored mentions stay in the database; " + _RELOAD)
    return 0


def _import(args: argparse.Namespace) -> int:
    path = find_config_path(args.config)
    cfg = load_config(path)
    if args.file == "-":
        data, origin = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            data, origin = Path(args.file).read_bytes(), args.file
        except OSError as exc:
            raise VigieError(f"{args.file}: cannot read the OPML file: {exc.strerror}") from None
    entries = parse_opml(data, origin=origin)
    known = {s.identity for s in cfg.sources}
    blocks: list[str] = []
    skipped = 0
    for e in entries:
        url, options = _canonical(e.kind, e.url)
        same = SourceConfig(url=url, kind=e.kind, options=options).identity
        if same in known:
            skipped += 1
            continue
        known.add(same)
        blocks.append(source_block(url, kind=e.kind, name=e.name, brands=args.brand))
    if args.dry_run:
        print("\n".join(blocks), end="")
    elif blocks:
        append_sources(path, blocks)
    verb = "would add" if args.dry_run else "added"
    print(f"{verb} {len(blocks)} source(s) from {origin}; {skipped} already configured",
          file=sys.stderr if args.dry_run else sys.stdout)
    if blocks and not args.dry_run:
        print(_RELOAD)
    return 0


def _export(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    text = to_opml(cfg.sources)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise VigieError(f"{args.output}: cannot write: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
    return 0
