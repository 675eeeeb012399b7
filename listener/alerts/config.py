"""``[alerts]`` configuration: rules (what to tell) and channels (where to tell it).

Secrets come from the environment: any string value of a channel may contain
``${VAR}``, replaced at load time. A channel that a rule uses and that names an
unset variable is a :class:`~listener.errors.ConfigError` naming the key and
the variable; an unused channel is checked only when it is used (for example by
``vigie alerts test CHANNEL``). Resolved secrets are kept out of ``repr`` so a
logged config never shows them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from listener.errors import ConfigError, did_you_mean

__all__ = ["AlertsConfig", "RuleConfig", "ChannelConfig", "EVENT_KINDS", "CHANNEL_KINDS",
           "SEVERITY_ORDER", "parse_alerts", "resolve_channel"]

#: Event kinds a rule may name (``campaign.suspected`` is accepted for ``campaign.opened``).
EVENT_KINDS = ("spike.opened", "spike.escalated", "spike.resolved", "campaign.opened",
               "campaign.grown", "campaign.closed", "mention", "source.failing",
               "source.recovered")
_ALIASES = {"campaign.suspected": "campaign.opened"}
CHANNEL_KINDS = ("webhook", "slack", "discord", "teams", "email", "command")
SEVERITY_ORDER = {"minor": 1, "major": 2, "critical": 3}
LABELS = ("negative", "neutral", "positive")
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


@dataclass(frozen=True, slots=True)
class RuleConfig:
    """``[[alerts.rules]]``: which events, for which brands, go to which channels.

    ``events`` are kinds from :data:`EVENT_KINDS` (``spike.*`` and
    ``campaign.*`` expand). ``brands`` empty = every brand. ``min_severity``
    filters spike events (campaign and mention events carry no severity and
    pass). ``labels``, ``min_reach``, ``keywords`` and ``max_age`` are
    conditions on single mentions (``mention`` events); ``max_age`` (seconds,
    default one day, 0 = no limit) skips mentions published long before they
    were fetched, so a new feed's back catalogue does not page anyone. ``cooldown`` (seconds): after a rule opens an
    alert thread for a brand, it opens no other thread for that brand until the
    cooldown has passed (updates to an open thread always go).
    ``quiet_hours`` (minutes after midnight, start and end, in the
    configuration's ``timezone``; the end may be the next day): the rule's
    events that arise then are held until it ends, except spike events of
    severity ``quiet_except`` or above (None: every event is held).
    """

    name: str
    events: tuple[str, ...]
    channels: tuple[str, ...]
    brands: tuple[str, ...] = ()
    min_severity: str | None = None
    labels: tuple[str, ...] = ()
    min_reach: int | None = None
    keywords: tuple[str, ...] = ()
    cooldown: float = 0.0
    max_age: float = 86400.0
    quiet_hours: tuple[int, int] | None = None
    quiet_except: str | None = "critical"


@dataclass(frozen=True, slots=True)
class ChannelConfig:
    """``[[alerts.channels]]``: one destination (generic webhook, Slack, Discord, Teams,
    email over SMTP, command).

    ``url``/``secret``/``headers`` (and an email channel's ``username`` and
    ``password``) hold the *raw* strings (``${VAR}`` kept);
    :func:`resolve_channel` returns a copy with the variables replaced. An
    email channel's ``url`` is ``smtp://host[:port]`` (STARTTLS when the
    server offers it, required to send a password) or ``smtps://host[:port]``
    (TLS from the start); ``sender`` and ``recipients`` are its ``from`` and ``to``.
    """

    name: str
    kind: str
    url: str | None = field(default=None, repr=False)
    secret: str | None = field(default=None, repr=False)
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    command: tuple[str, ...] = field(default=(), repr=False)
    timeout: float = 10.0
    max_attempts: int | None = None
    digest: float | None = None
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    sender: str | None = None
    recipients: tuple[str, ...] = ()
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class AlertsConfig:
    """Validated ``[alerts]`` table."""

    rules: tuple[RuleConfig, ...] = ()
    channels: tuple[ChannelConfig, ...] = ()
    max_attempts: int = 8
    backoff_base: float = 5.0
    backoff_max: float = 3600.0
    #: A source failing (twice or more in a row) for this long raises ``source.failing``.
    source_failing_after: float = 3600.0
    extra: dict[str, Any] = field(default_factory=dict)
    #: The zone of the rules' ``quiet_hours`` (the configuration's ``timezone``).
    timezone: str = "local"
    #: The language of summaries, chat messages and emails (the configuration's
    #: ``language``, resolved: ``en`` or ``fr``).
    language: str = "en"

    def channel(self, name: str) -> ChannelConfig | None:
        """The channel called ``name`` (None when there is none)."""
        for c in self.channels:
            if c.name == name:
                return c
        return None

    def attempts_for(self, channel: ChannelConfig) -> int:
        """Attempts before a delivery to ``channel`` goes to the dead-letter state."""
        return channel.max_attempts or self.max_attempts


def _duration(value: object, path: str, key: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return float(m.group(1)) * _UNITS[m.group(2)]
    raise ConfigError(f'expected a duration such as 30, "90s", "15m" or "1h", got {value!r}',
                      path=path, key=key)


class _Table:
    """Reads one table, refusing unknown keys."""

    def __init__(self, data: object, key: str, path: str) -> None:
        if not isinstance(data, dict):
            raise ConfigError("expected a table", path=path, key=key)
        self.data, self.key, self.path, self.seen = data, key, path, set[str]()

    def err(self, name: str, message: str) -> ConfigError:
        return ConfigError(message, path=self.path, key=f"{self.key}.{name}")

    def get(self, name: str, kind: type | tuple[type, ...], default: Any, what: str) -> Any:
        self.seen.add(name)
        if name not in self.data:
            return default
        value = self.data[name]
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            raise self.err(name, f"expected {what}, got {value!r}")
        return value

    def text(self, name: str, default: str | None = None, required: bool = False) -> Any:
        value = self.get(name, str, default, "a string")
        if required and not (value or "").strip():
            raise self.err(name, "required: a non-empty string")
        return value

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.get(name, list, [], "a list of strings")
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise self.err(name, "expected a list of non-empty strings")
        return tuple(value)

    def integer(self, name: str, default: int | None, minimum: int) -> Any:
        value = self.get(name, int, default, "an integer")
        if value is not None and value < minimum:
            raise self.err(name, f"expected an integer >= {minimum}, got {value}")
        return value

    def duration(self, name: str, default: float | None) -> Any:
        self.seen.add(name)
        if name not in self.data:
            return default
        return _duration(self.data[name], self.path, f"{self.key}.{name}")

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise self.err(unknown[0], "unknown key" + did_you_mean(unknown[0], self.seen)
                           + f"; known keys here: {', '.join(sorted(self.seen))}")


def _events(t: _Table) -> tuple[str, ...]:
    raw = t.strings("events")
    if not raw:
        raise t.err("events", f"required: a list of event kinds among {', '.join(EVENT_KINDS)}")
    out: list[str] = []
    for name in raw:
        name = _ALIASES.get(name, name)
        if name.endswith(".*"):
            expanded = [k for k in EVENT_KINDS if k.startswith(name[:-1])]
        else:
            expanded = [name] if name in EVENT_KINDS else []
        if not expanded:
            raise t.err("events", f"unknown event kind {name!r} (known: "
                        f"{', '.join(EVENT_KINDS)}, campaign.suspected, spike.*, campaign.*, "
                        "source.*)")
        out += [k for k in expanded if k not in out]
    return tuple(out)


def _rule(t: _Table, index: int, channels: set[str]) -> RuleConfig:
    name = t.text("name", f"rule{index + 1}")
    events = _events(t)
    targets = t.strings("channels")
    if not targets:
        raise t.err("channels", "required: the names of [[alerts.channels]] to send to")
    for c in targets:
        if c not in channels:
            raise t.err("channels", f"no [[alerts.channels]] named {c!r} (known: "
                        f"{', '.join(sorted(channels)) or 'none'})")
    severity = t.text("min_severity")
    if severity is not None and severity not in SEVERITY_ORDER:
        raise t.err("min_severity", f"expected one of {', '.join(SEVERITY_ORDER)}, got "
                    f"{severity!r}")
    labels = t.strings("labels")
    for label in labels:
        if label not in LABELS:
            raise t.err("labels", f"expected labels among {', '.join(LABELS)}, got {label!r}")
    quiet = _quiet_hours(t)
    quiet_except = t.text("quiet_except")
    if quiet_except is not None:
        if quiet is None:
            raise t.err("quiet_except", "only used with quiet_hours (add quiet_hours, e.g. "
                        '"22:00-07:30", or remove it)')
        if quiet_except not in (*SEVERITY_ORDER, "none"):
            raise t.err("quiet_except", f"expected one of {', '.join(SEVERITY_ORDER)} or none "
                        f"(hold every event), got {quiet_except!r}")
    rule = RuleConfig(name=name, events=events, channels=targets, brands=t.strings("brands"),
                      min_severity=severity, labels=labels,
                      min_reach=t.integer("min_reach", None, 0),
                      keywords=t.strings("keywords"), cooldown=t.duration("cooldown", 0.0),
                      max_age=t.duration("max_age", 86400.0), quiet_hours=quiet,
                      quiet_except=None if quiet_except == "none" else quiet_except or "critical")
    t.finish()
    return rule


_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def _quiet_hours(t: _Table) -> tuple[int, int] | None:
    """``"22:00-07:30"`` as minutes after midnight (start, end); None when absent."""
    text = t.text("quiet_hours")
    if text is None:
        return None
    parts = [p.strip() for p in text.split("-")]
    times = [_CLOCK.fullmatch(p) for p in parts] if len(parts) == 2 else []
    if len(times) != 2 or not all(times):
        raise t.err("quiet_hours", 'expected "HH:MM-HH:MM" in 24-hour local time, e.g. '
                    f'"22:00-07:30" (the end may be the next morning), got {text!r}')
    start, end = (int(m[1]) * 60 + int(m[2]) for m in times if m)
    if start == end:
        raise t.err("quiet_hours", f"start and end are the same time ({text!r}): give a "
                    "period, or remove quiet_hours")
    return start, end


def _channel(t: _Table) -> ChannelConfig:
    name = t.text("name", required=True)
    kind = t.text("kind", required=True)
    if kind not in CHANNEL_KINDS:
        raise t.err("kind", f"expected one of {', '.join(CHANNEL_KINDS)}, got {kind!r}")
    url = t.text("url")
    command = t.strings("command")
    headers = t.get("headers", dict, {}, "a table of header names to strings")
    if not all(isinstance(v, str) for v in headers.values()):
        raise t.err("headers", "expected string values")
    if kind == "command":
        if not command:
            raise t.err("command", 'required for kind = "command": the program and its '
                        'arguments, e.g. ["mail", "-s", "Vigie alert", "ops@example.org"]')
        if url is not None:
            raise t.err("url", 'not used by kind = "command" (remove it)')
    elif kind == "email":
        if not url:
            raise t.err("url", 'required for kind = "email": the SMTP server, e.g. '
                        '"smtp://smtp.example.org:587" (STARTTLS) or "smtps://smtp.example.org"')
        if not _VAR.search(url) and _smtp_problem(url):
            raise t.err("url", f"expected smtp://host[:port] or smtps://host[:port] "
                               f"({_smtp_problem(url)}), got {url!r}")
        for unused, value in (("command", command), ("headers", headers)):
            if value:
                raise t.err(unused, 'not used by kind = "email" (remove it)')
    else:
        if not url:
            raise t.err("url", f"required for kind = {kind!r}: the webhook URL")
        if not _VAR.search(url) and _http_problem(url):
            raise t.err("url", f"expected an http:// or https:// URL with a host "
                               f"({_http_problem(url)}), got {url!r}")
        if command:
            raise t.err("command", f"not used by kind = {kind!r} (remove it)")
    secret = t.text("secret")
    if secret is not None and kind != "webhook":
        raise t.err("secret", 'only kind = "webhook" signs its requests (remove it)')
    username, password, sender, recipients = _email_fields(t, kind)
    channel = ChannelConfig(name=name, kind=kind, url=url, secret=secret, headers=dict(headers),
                            command=command, timeout=t.duration("timeout", 10.0) or 10.0,
                            max_attempts=t.integer("max_attempts", None, 1),
                            digest=t.duration("digest", None), username=username,
                            password=password, sender=sender, recipients=recipients)
    t.finish()
    return channel


def _expand(value: str, key: str, path: str | None, env: Mapping[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        var = m.group(1)
        if var not in env:
            raise ConfigError(f"environment variable {var} is not set (export it, or remove "
                              "the channel from every rule)", path=path, key=key)
        return env[var]
    return _VAR.sub(sub, value)


_ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


def _email_fields(t: _Table, kind: str) -> tuple[str | None, str | None, str | None,
                                                 tuple[str, ...]]:
    """``username``, ``password``, ``from`` and ``to`` of an email channel (refused elsewhere)."""
    username, password = t.text("username"), t.text("password")
    sender = t.text("from")
    recipients = t.strings("to")
    if kind != "email":
        for key, value in (("username", username), ("password", password), ("from", sender),
                           ("to", recipients)):
            if value:
                raise t.err(key, 'only kind = "email" uses it (remove it)')
        return None, None, None, ()
    if (username is None) != (password is None):
        raise t.err("password" if password is None else "username",
                    "username and password go together (both, or neither for a relay "
                    "that needs no login)")
    if not sender:
        raise t.err("from", 'required for kind = "email": the sender, e.g. '
                    '"Vigie <vigie@example.org>"')
    if not recipients:
        raise t.err("to", 'required for kind = "email": the addresses to write to, e.g. '
                    '["support@example.org"]')
    for key, value in (("from", sender), *(("to", r) for r in recipients)):
        if not _VAR.search(value) and (not _ADDRESS.search(value) or "\n" in value
                                       or "\r" in value):
            raise t.err(key, f"expected an email address, got {value!r}")
    return username, password, sender, recipients


def _smtp_problem(url: str) -> str | None:
    """Why ``url`` is not ``smtp://host[:port]`` or ``smtps://host[:port]``, or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "not a valid URL"
    if parts.scheme not in ("smtp", "smtps"):
        return f"scheme {parts.scheme!r} is not smtp or smtps"
    if not parts.hostname:
        return "no host"
    if parts.username or parts.password:
        return "put the login in username and password, not in the URL"
    return None


def _http_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) URL with a host, or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "not a valid URL"
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme!r} is not http or https"
    if not parts.hostname:
        return "no host"
    return None


def resolve_channel(channel: ChannelConfig, *, index: int | None = None, path: str | None = None,
                    env: Mapping[str, str] | None = None) -> ChannelConfig:
    """``channel`` with each ``${VAR}`` replaced from ``env`` (default ``os.environ``)."""
    if channel.resolved:
        return channel
    env = os.environ if env is None else env
    key = f"alerts.channels[{index}]" if index is not None else f"alerts.channels.{channel.name}"
    url = _expand(channel.url, f"{key}.url", path, env) if channel.url else None
    check = _smtp_problem if channel.kind == "email" else _http_problem
    if url is not None and check(url):  # the value may hold a secret: not shown
        raise ConfigError(f"after expanding its variables, the URL is not usable: "
                          f"{check(url)}", path=path, key=f"{key}.url")
    secret = _expand(channel.secret, f"{key}.secret", path, env) if channel.secret else None
    headers = {k: _expand(v, f"{key}.headers.{k}", path, env) for k, v in channel.headers.items()}
    command = tuple(_expand(a, f"{key}.command", path, env) for a in channel.command)

    def opt(value: str | None, name: str) -> str | None:
        return _expand(value, f"{key}.{name}", path, env) if value is not None else None
    return ChannelConfig(name=channel.name, kind=channel.kind, url=url, secret=secret,
                         headers=headers, command=command, timeout=channel.timeout,
                         max_attempts=channel.max_attempts, digest=channel.digest,
                         username=opt(channel.username, "username"),
                         password=opt(channel.password, "password"),
                         sender=opt(channel.sender, "from"),
                         recipients=tuple(_expand(r, f"{key}.to", path, env)
                                          for r in channel.recipients),
                         resolved=True)


def parse_alerts(table: dict[str, Any], path: str, *,
                 env: Mapping[str, str] | None = None) -> AlertsConfig:
    """Validate the ``[alerts]`` table of the config file at ``path``."""
    if not table:
        return AlertsConfig()
    top = _Table(table, "alerts", path)
    raw_channels = top.get("channels", list, [], "an array of [[alerts.channels]] tables")
    channels = [_channel(_Table(c, f"alerts.channels[{i}]", path))
                for i, c in enumerate(raw_channels)]
    names = [c.name for c in channels]
    for i, n in enumerate(names):
        if names.index(n) != i:
            raise ConfigError(f"duplicate channel name {n!r}", path=path,
                              key=f"alerts.channels[{i}].name")
    raw_rules = top.get("rules", list, [], "an array of [[alerts.rules]] tables")
    rules = tuple(_rule(_Table(r, f"alerts.rules[{i}]", path), i, set(names))
                  for i, r in enumerate(raw_rules))
    used = {c for r in rules for c in r.channels}
    channels = [resolve_channel(c, index=i, path=path, env=env) if c.name in used else c
                for i, c in enumerate(channels)]
    max_attempts = top.integer("max_attempts", 8, 1)
    base = top.duration("backoff_base", 5.0)
    cap = top.duration("backoff_max", 3600.0)
    if cap < base:
        raise top.err("backoff_max", f"must be >= backoff_base ({base} s)")
    failing_after = top.duration("source_failing_after", 3600.0)
    top.finish()
    return AlertsConfig(rules=rules, channels=tuple(channels), max_attempts=max_attempts,
                        backoff_base=base, backoff_max=cap, source_failing_after=failing_after)
