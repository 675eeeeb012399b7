"""Configuration: find, parse (``tomllib``) and validate ``vigie.toml``.

The file is found via ``--config``, then ``$VIGIE_CONFIG``, then ``./vigie.toml``.
Validation is strict: unknown keys are errors, every error names the file, the
dotted key (``sources[2].interval``) and what is expected. Relative paths are
resolved against the directory of the config file.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from listener.alerts.config import AlertsConfig, parse_alerts
from listener.errors import ConfigError, QueryError, did_you_mean
from listener.i18n import AUTO, LANGUAGES
from listener.timezones import LOCAL, ZONE_HELP, check_zone_name

_T = TypeVar("_T")

__all__ = [
    "Config",
    "StorageConfig",
    "HttpConfig",
    "SentimentConfig",
    "BrandConfig",
    "SourceConfig",
    "SOURCE_KINDS",
    "find_config_path",
    "load_config",
    "parse_config",
    "parse_duration",
]

#: Source kinds the daemon knows how to poll (``feed`` plus the API kinds of
#: :mod:`listener.sources.options`; README "Sources" lists the URL each polls).
SOURCE_KINDS = ("feed", "mastodon", "hackernews", "appstore", "stackexchange", "bluesky",
                "lemmy")

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def parse_duration(value: object) -> float:
    """Seconds from ``90``, ``"90s"``, ``"15m"``, ``"1h"``, ``"2d"``; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError("expected a duration")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return float(value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return float(m.group(1)) * _UNITS[m.group(2)]
    raise ValueError('expected a duration such as 900, "90s", "15m", "1h" or "1d"')


@dataclass(frozen=True, slots=True)
class StorageConfig:
    """``[storage]``: where the SQLite database lives, how long mentions are kept.

    ``keep_days`` (0 = forever) prunes mentions published longer ago, except
    those still under triage; ``maintenance_every`` is how often the prune and
    ``ANALYZE`` run, ``vacuum_every`` how often ``VACUUM`` gives space back.
    """

    path: Path = Path("vigie.db")
    busy_timeout: float = 10.0
    keep_days: int = 0
    maintenance_every: float = 86_400.0
    vacuum_every: float = 7 * 86_400.0


@dataclass(frozen=True, slots=True)
class HttpConfig:
    """``[http]``: how politely and safely sources are fetched."""

    user_agent: str = "Vigie/0.1 (social listening; +https://github.com/vigie-listening/vigie)"
    connect_timeout: float = 10.0
    timeout: float = 30.0
    max_connections: int = 32
    max_per_host: int = 2
    max_body_bytes: int = 20_000_000
    max_redirects: int = 5
    #: "auto" (the environment's https_proxy / http_proxy / no_proxy), "none",
    #: or a proxy URL; loopback hosts are always reached directly.
    proxy: str = "auto"


@dataclass(frozen=True, slots=True)
class SentimentConfig:
    """``[sentiment]``: compound thresholds that turn a score into a label."""

    negative_threshold: float = -0.05
    positive_threshold: float = 0.05


@dataclass(frozen=True, slots=True)
class DaemonConfig:
    """``[daemon]``: scheduling defaults and analysis workers."""

    default_interval: float = 900.0
    jitter: float = 0.1
    workers: int = 0  # 0 = one per CPU core
    detection_lag: float = 600.0
    detection_hold: float = 1800.0
    detect_every: float = 30.0
    #: Resolve a mention one of the brands' own accounts (``exclude_authors``) replied
    #: to on the platform (listener.store.answered).
    resolve_answered: bool = True


@dataclass(frozen=True, slots=True)
class BrandConfig:
    """``[[brands]]``: a brand to watch and the queries that find its mentions."""

    name: str
    queries: tuple[str, ...]
    languages: tuple[str, ...] = ()
    sensitivity: str = "balanced"
    spikes: dict[str, Any] = field(default_factory=dict)
    #: Handles whose posts are not mentions of this brand (its own accounts, staff, bots).
    exclude_authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """``[[sources]]``: one feed or API endpoint polled on an interval.

    For API kinds ``url`` is the canonical endpoint (see
    :func:`listener.sources.options.configure`) and ``options`` the resolved
    per-kind keys (``tag``, ``query``, ``app_id``, ``country``, ``site`` ...).
    """

    url: str
    kind: str = "feed"
    name: str | None = None
    interval: float | None = None
    brands: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        """Human name: the configured name or the URL."""
        return self.name or self.url

    @property
    def identity(self) -> str:
        """What makes two sources the same one: the URL, except that a Mastodon account's
        name ignores case (``@BleuetAide`` and ``@bleuetaide`` are one account)."""
        if self.kind == "mastodon" and self.options.get("account"):
            return self.url.lower()
        return self.url


@dataclass(frozen=True, slots=True)
class Config:
    """The whole validated configuration."""

    path: Path | None
    storage: StorageConfig = field(default_factory=StorageConfig)
    http: HttpConfig = field(default_factory=HttpConfig)
    sentiment: SentimentConfig = field(default_factory=SentimentConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    brands: tuple[BrandConfig, ...] = ()
    sources: tuple[SourceConfig, ...] = ()
    user: str | None = None
    #: Zone the TUI shows times in: "local", "UTC" or an IANA name (the store keeps UTC).
    timezone: str = "local"
    #: Interface language of the TUI and of alert messages: "auto" (the locale's), "en", "fr".
    language: str = "auto"
    #: Reply templates: language → template name → text (``{author}``, ``{brand}``, ``{link}``).
    templates: dict[str, dict[str, str]] = field(default_factory=dict)
    alerts: AlertsConfig = field(default_factory=AlertsConfig)

    def brand_queries(self) -> dict[str, list[str]]:
        """Brand name → its queries, in config order (what the matcher needs)."""
        return {b.name: list(b.queries) for b in self.brands}


class _Reader:
    """Validates one table, collecting the keys it reads to refuse the rest.

    A wrong value is recorded (:meth:`report`) and the key's default used in
    its place, so that the rest of the table is still checked; :meth:`finish`
    raises every mistake of the table at once (:class:`_TableErrors`).
    """

    def __init__(self, data: dict[str, Any], where: str, path: str | None) -> None:
        if not isinstance(data, dict):
            raise ConfigError("expected a table", path=path, key=where or None)
        self.data = data
        self.where = where
        self.path = path
        self.seen: set[str] = set()
        self.errors: list[ConfigError] = []

    def key(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def error(self, name: str, message: str) -> ConfigError:
        return ConfigError(message, path=self.path, key=self.key(name))

    def report(self, name: str, message: str) -> None:
        """Record a mistake at ``name``; the table goes on being checked."""
        self.errors.append(self.error(name, message))

    def get(self, name: str, kind: type | tuple[type, ...], default: Any, what: str) -> Any:
        self.seen.add(name)
        if name not in self.data:
            return default
        value = self.data[name]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            self.report(name, f"expected {what}, got {value!r}")
            return default
        if not isinstance(value, kind):
            self.report(name, f"expected {what}, got {type(value).__name__} {value!r}")
            return default
        return value

    def number(self, name: str, default: float, *, minimum: float = 0, integer: bool = False,
               maximum: float | None = None) -> Any:
        kind: tuple[type, ...] = (int,) if integer else (int, float)
        what = "an integer" if integer else "a number"
        value = self.get(name, kind, default, what)
        if value < minimum or (maximum is not None and value > maximum):
            bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
            self.report(name, f"expected {what} {bound}, got {value!r}")
            return default
        return value

    def duration(self, name: str, default: float | None) -> float | None:
        self.seen.add(name)
        if name not in self.data:
            return default
        try:
            return parse_duration(self.data[name])
        except ValueError as exc:
            self.report(name, f"{exc}, got {self.data[name]!r}")
            return default

    def strings(self, name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.get(name, list, list(default), "a list of strings")
        if not all(isinstance(v, str) and v.strip() for v in value):
            self.report(name, "expected a list of non-empty strings")
            return default
        return tuple(value)

    def finish(self) -> None:
        """Raise the table's mistakes, unknown keys included (each one named)."""
        unknown = sorted(set(self.data) - self.seen)
        known = ", ".join(sorted(self.seen))
        for name in unknown:
            self.report(name, "unknown key" + did_you_mean(name, self.seen)
                        + f"; known keys here: {known}")
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise _TableErrors(self.errors)


class _TableErrors(ConfigError):
    """Several mistakes of one table, raised together; :class:`_Problems` lists them."""

    def __init__(self, errors: list[ConfigError]) -> None:
        super().__init__("; ".join(str(e) for e in errors), path=errors[0].path,
                         key=errors[0].key)
        self.errors = errors


def find_config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The config file to use: ``explicit``, ``$VIGIE_CONFIG`` or ``./vigie.toml``."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("VIGIE_CONFIG")
    if env:
        return Path(env)
    return Path("vigie.toml")


def load_config(explicit: str | os.PathLike[str] | None = None) -> Config:
    """Find, read and validate the configuration file."""
    path = find_config_path(explicit)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        hint = ("write a starter one with `vigie init --brand NAME`, or pass --config FILE "
                "or set $VIGIE_CONFIG; config.example.toml explains every key")
        raise ConfigError(f"configuration file not found: {hint}", path=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the file: {exc.strerror}", path=str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 (byte {exc.start})", path=str(path)) from None
    return parse_config(text, path=path)


def parse_config(text: str, *, path: Path | None = None) -> Config:
    """Parse and validate TOML ``text``; ``path`` is used for messages and relative paths."""
    spath = str(path) if path else "<config>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=spath) from None
    base = path.parent if path else Path.cwd()
    top = _Reader(data, "", spath)
    # Every section is checked even when an earlier one is wrong, so that one
    # run of `vigie check-config` names every mistake (see _Problems).
    problems = _Problems(spath)
    attempt = problems.attempt

    storage = attempt(lambda: _storage(_Reader(
        top.get("storage", dict, {}, "a [storage] table"), "storage", spath), base))
    http = attempt(lambda: _http(_Reader(
        top.get("http", dict, {}, "an [http] table"), "http", spath)))
    sentiment = attempt(lambda: _sentiment(_Reader(
        top.get("sentiment", dict, {}, "a [sentiment] table"), "sentiment", spath)))
    daemon = attempt(lambda: _daemon(_Reader(
        top.get("daemon", dict, {}, "a [daemon] table"), "daemon", spath)))
    user = attempt(lambda: top.get("user", str, None,
                                   "a string (your name, recorded on triage actions)"))
    timezone = attempt(lambda: _timezone(top))
    language = attempt(lambda: _language(top))
    templates = attempt(lambda: _templates(
        top.get("templates", dict, {}, "a [templates.<lang>] table"), spath))
    alerts = attempt(lambda: parse_alerts(
        top.get("alerts", dict, {}, "an [alerts] table"), spath))

    brands_raw = attempt(lambda: top.get("brands", list, [], "an array of [[brands]] tables")) or []
    parsed = [attempt(lambda i=i, b=b: _brand(_Reader(b, f"brands[{i}]", spath)))
              for i, b in enumerate(brands_raw)]
    brands = tuple(b for b in parsed if b is not None)
    # A brand with a mistake elsewhere still names itself, for the sources' brands lists.
    names = [b.name if b is not None else raw.get("name") if isinstance(raw, dict) else None
             for b, raw in zip(parsed, brands_raw, strict=True)]
    for i, name in enumerate(names):
        if name is not None and names.index(name) != i:
            problems.add(ConfigError(f"duplicate brand name {name!r}", path=spath,
                                     key=f"brands[{i}].name"))

    if brands:
        from listener.analysis.query import BrandMatcher

        try:
            BrandMatcher({b.name: list(b.queries) for b in brands})
        except QueryError as exc:
            problems.add(ConfigError(f"invalid brand queries: {exc}", path=spath,
                                     key="brands"))
    known = {n for n in names if isinstance(n, str)}
    sources_raw = attempt(lambda: top.get("sources", list, [],
                                          "an array of [[sources]] tables")) or []
    sources = tuple(s for s in (
        attempt(lambda i=i, s=s: _source(_Reader(s, f"sources[{i}]", spath), known))
        for i, s in enumerate(sources_raw)) if s is not None)
    urls = [s.identity for s in sources]
    for i, url in enumerate(urls):
        first = urls.index(url)
        if first != i:
            why = (f" (the same account as sources[{first}]: account names ignore case)"
                   if sources[i].url != sources[first].url else "")
            problems.add(ConfigError(f"duplicate source URL {sources[i].url!r}{why}",
                                     path=spath, key=f"sources[{i}].url"))
    attempt(top.finish)
    problems.raise_if_any()
    assert storage and http and sentiment and daemon and templates is not None and alerts
    # Alerts follow an explicit language only: a server's locale says little about
    # who reads the channel ("auto" keeps them in English).
    alerts = dataclasses.replace(alerts, timezone=timezone or LOCAL,
                                 language=language if language in LANGUAGES else "en")
    return Config(path=path, storage=storage, http=http, sentiment=sentiment, daemon=daemon,
                  brands=brands, sources=sources, user=user, templates=templates,
                  alerts=alerts, timezone=timezone or LOCAL, language=language or AUTO)


class _Problems:
    """The configuration's mistakes, collected section by section.

    One mistake is raised as it is (its key and message unchanged); several
    are raised as one :class:`ConfigError` that lists them all, keyed by the
    first.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[ConfigError] = []

    def add(self, error: ConfigError) -> None:
        self.errors.extend(error.errors if isinstance(error, _TableErrors) else [error])

    def attempt(self, parse: Callable[[], _T]) -> _T | None:
        """``parse()``, or None after recording its :class:`ConfigError`."""
        try:
            return parse()
        except ConfigError as exc:
            self.add(exc)
            return None

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            lines = "\n".join(f"  - {e}" for e in self.errors)
            error = ConfigError(f"{len(self.errors)} problems in the configuration:\n{lines}")
            error.path, error.key = self.path, self.errors[0].key
            raise error


def _language(top: _Reader) -> str:
    value = top.get("language", str, AUTO, "a string: " + ", ".join((AUTO, *LANGUAGES)))
    if value != AUTO and value not in LANGUAGES:
        top.report("language", f"expected one of {', '.join((AUTO, *LANGUAGES))} (\"auto\" "
                   f"follows the locale, LANG or LC_ALL), got {value!r}")
        return AUTO
    return value


def _timezone(top: _Reader) -> str:
    name = top.get("timezone", str, LOCAL, f"a string: {ZONE_HELP}")
    problem = check_zone_name(name)
    if problem:
        top.report("timezone", problem)
        return LOCAL
    return name.strip()


def _templates(data: dict[str, Any], path: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for lang, entries in data.items():
        key = f"templates.{lang}"
        if not _LANG.match(lang):
            raise ConfigError(f"expected a language code like 'fr' or 'en', got {lang!r}",
                              path=path, key=key)
        if not isinstance(entries, dict):
            raise ConfigError("expected a table of name = \"reply text\"", path=path, key=key)
        for name, text in entries.items():
            if not isinstance(text, str) or not text.strip():
                raise ConfigError("expected a non-empty reply text", path=path,
                                  key=f"{key}.{name}")
        out[lang] = dict(entries)
    return out


def _storage(r: _Reader, base: Path) -> StorageConfig:
    raw = r.get("path", str, "vigie.db", "a file path")
    busy = r.duration("busy_timeout", 10.0)
    keep = int(r.number("keep_days", 0, minimum=0, integer=True))
    every = r.duration("maintenance_every", 86_400.0) or 86_400.0
    if every < 60:
        r.report("maintenance_every", "must be at least 60 seconds")
    vacuum = r.duration("vacuum_every", 7 * 86_400.0)
    r.finish()
    p = Path(os.path.expanduser(raw))
    return StorageConfig(path=p if p.is_absolute() else base / p, busy_timeout=busy or 10.0,
                         keep_days=keep, maintenance_every=every,
                         vacuum_every=vacuum if vacuum is not None else 0.0)


def _http(r: _Reader) -> HttpConfig:
    d = HttpConfig()
    cfg = HttpConfig(
        user_agent=r.get("user_agent", str, d.user_agent, "a string"),
        connect_timeout=r.duration("connect_timeout", d.connect_timeout) or d.connect_timeout,
        timeout=r.duration("timeout", d.timeout) or d.timeout,
        max_connections=r.number("max_connections", d.max_connections, minimum=1, integer=True),
        max_per_host=r.number("max_per_host", d.max_per_host, minimum=1, integer=True),
        max_body_bytes=r.number("max_body_bytes", d.max_body_bytes, minimum=1024, integer=True),
        max_redirects=r.number("max_redirects", d.max_redirects, minimum=0, maximum=30,
                               integer=True),
        proxy=r.get("proxy", str, d.proxy, 'a string: "auto", "none" or a proxy URL').strip(),
    )
    from listener.sources.proxy import check_proxy_setting

    problem = check_proxy_setting(cfg.proxy)
    if problem:
        r.report("proxy", f"{problem}, got {cfg.proxy!r}")
    r.finish()
    return cfg


def _sentiment(r: _Reader) -> SentimentConfig:
    neg = r.number("negative_threshold", -0.05, minimum=-1, maximum=1)
    pos = r.number("positive_threshold", 0.05, minimum=-1, maximum=1)
    if neg > pos:
        r.report("negative_threshold", f"must be <= positive_threshold ({pos})")
    r.finish()
    return SentimentConfig(negative_threshold=float(neg), positive_threshold=float(pos))


def _daemon(r: _Reader) -> DaemonConfig:
    interval = r.duration("default_interval", 900.0) or 900.0
    if interval < 10:
        r.report("default_interval", "must be at least 10 seconds (be polite to servers)")
    lag = r.duration("detection_lag", 600.0)
    lag = lag if lag is not None else 600.0
    hold = r.duration("detection_hold", max(1800.0, lag))
    hold = hold if hold is not None else max(1800.0, lag)
    if hold < lag:
        r.report("detection_hold", f"must be at least detection_lag ({lag:g} s): a bin "
                                        "is never judged before the lag has passed")
    every = r.duration("detect_every", 30.0)
    if not every or every < 1:
        r.report("detect_every", "must be at least 1 second")
        every = 30.0
    cfg = DaemonConfig(
        default_interval=interval,
        jitter=r.number("jitter", 0.1, minimum=0, maximum=0.5),
        workers=r.number("workers", 0, minimum=0, maximum=64, integer=True),
        detection_lag=lag,
        detection_hold=hold,
        detect_every=every,
        resolve_answered=r.get("resolve_answered", bool, True, "true or false"),
    )
    r.finish()
    return cfg


_SENSITIVITIES = ("low", "balanced", "high")
_LANG = re.compile(r"^[a-z]{2,3}$")


def _brand(r: _Reader) -> BrandConfig:
    name = r.get("name", str, None, "a non-empty string")
    if not name or not name.strip():
        r.report("name", "every brand needs a non-empty name")
        name = ""
    # Without a name there is no default query to check (the name is the mistake).
    queries = r.strings("queries", (f'"{name}"',) if name else ())
    if not queries and name:
        r.report("queries", "expected at least one query")
    from listener.analysis.query import compile_query

    for i, q in enumerate(queries):
        try:
            compile_query(q)
        except QueryError as exc:
            r.report(f"queries[{i}]", f"invalid query: {exc}")
    languages = r.strings("languages", ())
    for i, lang in enumerate(languages):
        if not _LANG.match(lang):
            r.report(f"languages[{i}]", f"expected an ISO 639-1 code like 'fr', got {lang!r}")
    exclude_authors = r.strings("exclude_authors", ())
    sensitivity = r.get("sensitivity", str, "balanced", "one of low, balanced, high")
    if sensitivity not in _SENSITIVITIES:
        r.report("sensitivity", f"expected one of low, balanced, high, got {sensitivity!r}")
        sensitivity = "balanced"
    spikes = r.get("spikes", dict, {}, "a table of spike-detector overrides")
    from listener.detection.spike_settings import settings_from_mapping

    try:
        settings_from_mapping({"sensitivity": sensitivity, **spikes}, path=r.path,
                              key=r.key("spikes"))
    except ConfigError as exc:
        r.errors.append(exc)
    r.finish()
    return BrandConfig(name=name.strip(), queries=queries, languages=languages,
                       sensitivity=sensitivity, spikes=dict(spikes),
                       exclude_authors=tuple(h.strip() for h in exclude_authors))


def check_http_url(url: str) -> str | None:
    """None when ``url`` is an absolute http(s) URL with a host, else the reason it is not."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"only http:// and https:// URLs are polled, got scheme {parts.scheme!r}"
    if not parts.hostname:
        return "the URL has no host"
    return None


def _source(r: _Reader, brand_names: set[str]) -> SourceConfig:
    url = r.get("url", str, None, "an http(s) URL")
    reason = "every source needs a url" if not url else check_http_url(url)
    if reason:
        r.report("url", f"{reason}: {url!r}" if url else reason)
    kind = r.get("kind", str, "feed", f"one of {', '.join(SOURCE_KINDS)}")
    if kind not in SOURCE_KINDS:
        r.report("kind", f"expected one of {', '.join(SOURCE_KINDS)}, got {kind!r}")
    interval = r.duration("interval", None)
    if interval is not None and interval < 10:
        r.report("interval", "must be at least 10 seconds (be polite to servers)")
    brands = r.strings("brands", ())
    for i, b in enumerate(brands):
        if b not in brand_names:
            known = ", ".join(sorted(brand_names)) or "none defined"
            r.report(f"brands[{i}]", f"no [[brands]] entry is named {b!r} (known: {known})")
    name = r.get("name", str, None, "a string")
    from listener.sources.options import API_KINDS, OptionError, configure

    options: dict[str, Any] = {}
    if kind not in SOURCE_KINDS:
        # Its options cannot be judged: they are not reported as unknown keys too.
        r.seen.update(r.data)
    elif kind in API_KINDS:
        own = {k: v for k, v in r.data.items() if k not in r.seen}
        if url and not reason:
            try:
                url, options = configure(kind, url, own)
            except OptionError as exc:
                r.report(exc.key, str(exc))
        r.seen.update(own)
    r.finish()
    return SourceConfig(url=url, kind=kind, name=name, interval=interval, brands=brands,
                        options=options)
