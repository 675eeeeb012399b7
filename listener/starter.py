"""A starter configuration for new users: brands in, a valid ``vigie.toml`` out.

:func:`starter_config` writes the TOML text that ``vigie init`` saves: one
``[[brands]]`` table per brand (its name as a phrase, plus its run-together
handle such as ``bleuetmobile`` for hashtags and @-mentions) and, for each
brand, public search feeds that need no account:

* Google News search, once per language, in the country given (or the
  language's usual one: ``fr`` -> France, ``en`` -> United States);
* Reddit search (newest first);
* the brand's hashtag on a Mastodon instance (its public RSS feed);
* optionally Hacker News (Algolia search API), for tech brands.

The text is built here and checked by the same parser the daemon uses
(:func:`listener.config.parse_config`) before anyone writes it: a name that
cannot become a valid query is an error naming the brand, not a broken file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

from listener.analysis.textfold import fold_tokens
from listener.config import Config, parse_config
from listener.errors import ConfigError
from listener.sources.config_edit import source_block, toml_string

__all__ = ["StarterOptions", "starter_config", "handle", "DEFAULT_COUNTRY"]

#: The country whose Google News edition a language gets when none is given.
DEFAULT_COUNTRY = {"fr": "FR", "en": "US", "de": "DE", "es": "ES", "it": "IT", "nl": "NL",
                   "pt": "BR"}

#: Google News editions whose interface language carries the country
#: (``hl=fr-CA``); the others take the bare language (``hl=fr`` for France,
#: Belgium, Switzerland). The edition itself is ``ceid``.
_REGIONAL_HL = {"en-US", "en-GB", "en-CA", "en-AU", "en-IN", "en-IE", "en-NZ", "fr-CA",
                "pt-BR", "pt-PT"}

_LANG = re.compile(r"^[a-z]{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$")


@dataclass(slots=True)
class StarterOptions:
    """What ``vigie init`` was asked for (see :func:`starter_config`)."""

    brands: Sequence[str]
    languages: Sequence[str] = ("fr", "en")
    country: str | None = None
    mastodon: str | None = "mastodon.social"
    hackernews: bool = False
    #: A Lemmy instance to search (``jlai.lu``, ``lemmy.ca``), or None.
    lemmy: str | None = None
    reddit: bool = True
    user: str | None = None
    today: date = field(default_factory=date.today)


def handle(name: str) -> str:
    """The brand's name run together, lower case, accents dropped: ``Bleuet Mobile`` -> ``bleuetmobile``.

    This is how a brand is written in hashtags and @-handles: the name's
    words as the query matcher folds them (:func:`~listener.analysis.textfold.fold_tokens`:
    ``Cœur`` -> ``coeur``, ``Straße`` -> ``strasse``), joined; empty when the
    name has no letters or digits.
    """
    return "".join(fold_tokens(name))


def _toml_literal(value: str) -> str:
    """A TOML literal string when ``value`` allows one (queries read better without escapes)."""
    if "'" in value or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return toml_string(value)
    return f"'{value}'"


def _phrase(name: str) -> str:
    """The name as a quoted phrase of the query language (its own quotes dropped)."""
    return '"' + " ".join(name.replace('"', " ").split()) + '"'


def _query(name: str) -> str:
    """The brand's default query: its name as a phrase, or its handle."""
    tag = handle(name)
    phrase = _phrase(name)
    if tag and len(tag) >= 4 and tag != name.strip().lower():
        return f"{phrase} OR {tag}"
    return phrase


def _check(options: StarterOptions) -> None:
    names = [" ".join(n.split()) for n in options.brands]
    if not names:
        raise ConfigError("give at least one brand: vigie init --brand \"Your Brand\"")
    for name in names:
        if not any(ch.isalnum() for ch in name):
            raise ConfigError(f"brand {name!r} has no letters or digits; give the name "
                              "people write, e.g. --brand \"Bleuet Mobile\"")
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise ConfigError(f"brand {name!r} is given twice")
        seen.add(name.casefold())
    for lang in options.languages:
        if not _LANG.match(lang):
            raise ConfigError(f"--lang {lang!r}: expected an ISO 639-1 code such as fr or en")
    if options.country is not None and not _COUNTRY.match(options.country):
        raise ConfigError(f"--country {options.country!r}: expected a two-letter country "
                          "code such as CA, FR, BE, CH or US")
    if options.mastodon is not None and not _HOST.match(options.mastodon):
        raise ConfigError(f"--mastodon {options.mastodon!r}: expected an instance's host "
                          "name such as mastodon.social (no https://, no path)")
    if options.lemmy is not None and not _HOST.match(options.lemmy):
        raise ConfigError(f"--lemmy {options.lemmy!r}: expected an instance's host name such "
                          "as jlai.lu or lemmy.ca (no https://, no path)")


def _google_news(name: str, lang: str, country: str | None) -> tuple[str, str]:
    cc = country or DEFAULT_COUNTRY.get(lang, "US")
    hl = f"{lang}-{cc}" if f"{lang}-{cc}" in _REGIONAL_HL else lang
    params = urlencode({"q": _phrase(name), "hl": hl, "gl": cc,
                        "ceid": f"{cc}:{lang}"}, safe=":")
    return (f"Google News ({lang}, {cc}) — {name}",
            f"https://news.google.com/rss/search?{params}")


def _source(lines: list[str], name: str, url: str, brand: str, interval: str,
            kind: str = "feed") -> None:
    lines.append(source_block(url, kind=kind, name=name, brands=[brand], interval=interval))


def starter_config(options: StarterOptions) -> str:
    """The TOML text of a starter configuration; raises :class:`ConfigError` on bad options.

    The text is parsed with :func:`listener.config.parse_config` before it is
    returned, so what it returns is a configuration the daemon accepts.
    """
    _check(options)
    names = [" ".join(n.split()) for n in options.brands]
    lines = [
        f"# Vigie configuration written by `vigie init` on {options.today.isoformat()}.",
        "# Every key is explained in config.example.toml (in Vigie's repository) and",
        "# checked by:  vigie check-config --config THIS_FILE",
        "",
    ]
    if options.user:
        lines += ["# Your name on triage actions in the TUI.", f"user = {toml_string(options.user)}", ""]
    lines += ["# The zone the TUI shows times in: \"local\" (this machine's), \"UTC\", or a name",
              "# such as \"America/Toronto\" or \"Europe/Paris\". The database keeps UTC.",
              '# timezone = "local"', "",
              "# The language of the TUI, of `vigie report` and of alert messages: \"auto\"",
              "# (the TUI follows the locale, alerts stay in English), \"en\" or \"fr\".",
              '# language = "auto"', ""]
    lines += [
        "[storage]",
        "# The SQLite database, relative to this file.",
        'path = "vigie.db"',
        "# Mentions older than this many days are deleted (0 keeps them forever).",
        "keep_days = 365",
        "",
        "[http]",
        "# Sent with every request: put an address where site owners can reach you.",
        'user_agent = "Vigie/{version} (social listening; contact: you@example.org)"',
        "",
        "[daemon]",
        '# How often a source is polled when it does not say (its own "interval").',
        'default_interval = "15m"',
        "",
        "# Brands to watch: a mention is kept when a query matches it (whole words,",
        "# case and accents ignored). Narrow a query that catches unrelated things,",
        "# e.g. 'Colibri AND (livraison OR commande) -oiseau'.",
    ]
    langs = "[" + ", ".join(toml_string(lang) for lang in options.languages) + "]"
    for name in names:
        lines += ["[[brands]]", f"name = {toml_string(name)}",
                  f"queries = [{_toml_literal(_query(name))}]",
                  "# Keep only mentions in these languages (empty: every language).",
                  f"languages = {langs}",
                  "# The brand's own accounts, staff and bots: their posts are not its mentions.",
                  "# exclude_authors = [\"yourbrand\", \"yourbrand_support@mastodon.social\"]",
                  '# Spike alerts: "low", "balanced" (about one a week from ordinary life) or "high".',
                  'sensitivity = "balanced"', ""]
    lines += ["# Sources: public search feeds, no account needed. `vigie sources add` adds",
              "# more (App Store reviews, a forum, a subreddit, Stack Exchange...),",
              "# `vigie sources preview KIND URL` shows first what one would give, and",
              "# `vigie sources list` shows how each one is doing.", ""]
    for name in names:
        for lang in options.languages:
            title, url = _google_news(name, lang, options.country)
            _source(lines, title, url, name, "30m")
        if options.reddit:
            url = "https://www.reddit.com/search.rss?" + urlencode(
                {"q": _phrase(name), "sort": "new"})
            _source(lines, f"Reddit search — {name}", url, name, "20m")
        tag = handle(name)
        if options.mastodon and tag:
            url = f"https://{options.mastodon}/tags/{quote(tag)}.rss"
            _source(lines, f"Mastodon #{tag} ({options.mastodon})", url, name, "15m")
        if options.hackernews:
            url = "https://hn.algolia.com/api/v1/search_by_date?" + urlencode(
                {"query": _phrase(name)})
            _source(lines, f"Hacker News — {name}", url, name, "15m", kind="hackernews")
        if options.lemmy:
            url = f"https://{options.lemmy}/search?" + urlencode({"q": name})
            _source(lines, f"Lemmy ({options.lemmy}) — {name}", url, name, "20m", kind="lemmy")
    lines += ["# Alerts (webhooks, Slack, Discord, Teams, email) are off until you add channels and rules:",
              "# see the [alerts] part of config.example.toml and docs/alerts.md, then",
              "# `vigie alerts test` sends a test event to each channel.", ""]
    text = "\n".join(lines)
    _validate(text)
    return text


def _validate(text: str) -> Config:
    """Parse ``text`` as the daemon would; a failure here is a brand name the queries cannot hold."""
    try:
        return parse_config(text, path=Path("vigie.toml"))
    except ConfigError as exc:
        raise ConfigError(f"the starter configuration would not be valid: {exc}; "
                          "write the brand's name as people write it, without "
                          "query operators") from None
