"""``vigie check-config``: validate the configuration and print it resolved."""

from __future__ import annotations

import argparse
from urllib.parse import urlsplit

from listener.alerts.config import ChannelConfig
from listener.config import Config, find_config_path, load_config
from listener.timezones import LOCAL, resolve_zone, zone_label

__all__ = ["register", "render_config"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``check-config``."""
    p = sub.add_parser(
        "check-config", help="validate the configuration and print it resolved",
        description="Read the configuration (--config, $VIGIE_CONFIG or ./vigie.toml), validate "
                    "every key (unknown keys and invalid brand queries are errors naming the file "
                    "and key) and print the resolved settings with their defaults. Exit 0 when "
                    "valid, 2 otherwise.")
    p.set_defaults(func=_cmd)


def render_config(cfg: Config) -> str:
    """Human-readable resolved configuration."""
    lines = [f"config: {cfg.path}", f"timezone: {_zone_shown(cfg.timezone)}",
             f"storage.path: {cfg.storage.path}",
             f"storage.busy_timeout: {cfg.storage.busy_timeout:g} s"]
    h = cfg.http
    lines += [f"http.user_agent: {h.user_agent}",
              f"http.connect_timeout: {h.connect_timeout:g} s", f"http.timeout: {h.timeout:g} s",
              f"http.max_connections: {h.max_connections}", f"http.max_per_host: {h.max_per_host}",
              f"http.max_body_bytes: {h.max_body_bytes}", f"http.max_redirects: {h.max_redirects}",
              f"http.proxy: {_proxy_shown(h.proxy)}",
              f"sentiment.negative_threshold: {cfg.sentiment.negative_threshold}",
              f"sentiment.positive_threshold: {cfg.sentiment.positive_threshold}",
              f"daemon.default_interval: {cfg.daemon.default_interval:g} s",
              f"daemon.jitter: {cfg.daemon.jitter}",
              f"daemon.workers: {cfg.daemon.workers or 'one per core'}"]
    lines.append(f"brands: {len(cfg.brands)}")
    for b in cfg.brands:
        langs = ", ".join(b.languages) or "any"
        overrides = "".join(f", {k}={v}" for k, v in sorted(b.spikes.items()))
        lines.append(f"  - {b.name} (languages: {langs}; sensitivity: {b.sensitivity}"
                     f"{overrides})")
        if b.exclude_authors:
            lines.append(f"      not mentions when posted by: {', '.join(b.exclude_authors)}")
        for q in b.queries:
            lines.append(f"      query: {q}")
    lines.append(f"sources: {len(cfg.sources)}")
    for s in cfg.sources:
        every = s.interval or cfg.daemon.default_interval
        brands = ", ".join(s.brands) or "all brands"
        lines.append(f"  - [{s.kind}] {s.url} every {every:g} s for {brands}"
                     + (f" ({s.name})" if s.name else ""))
    lines += _alerts_lines(cfg)
    return "\n".join(lines)


def _zone_shown(name: str) -> str:
    """The display zone, with what ``local`` means on this machine."""
    zone = resolve_zone(name)
    if name.lower() == LOCAL:
        return f"local (here {zone_label(zone)}; times in the TUI, the store keeps UTC)"
    return f"{name} ({zone_label(zone)} now; times in the TUI, the store keeps UTC)"


def _proxy_shown(proxy: str) -> str:
    """The proxy setting without a password (``http://user:***@host:port``)."""
    parts = urlsplit(proxy)
    if parts.password:
        return proxy.replace(f":{parts.password}@", ":***@", 1)
    return proxy


def _destination(channel: ChannelConfig) -> str:
    """Where a channel sends, without secrets: ``${VAR}`` as written, else scheme and host only."""
    if channel.kind == "command":
        return f"command: {channel.command[0] if channel.command else '?'} …"
    url = channel.url or ""
    if "${" in url:
        return f"url: {url}"
    parts = urlsplit(url)
    if channel.kind == "email":
        port = f":{parts.port}" if parts.port else ""
        login = "; login" if channel.username else ""
        return (f"{parts.scheme}://{parts.hostname or '?'}{port} from {channel.sender} to "
                f"{', '.join(channel.recipients)}{login}")
    return f"url: {parts.scheme}://{parts.hostname or '?'}/… (path hidden: it may hold a token)"


def _alerts_lines(cfg: Config) -> list[str]:
    a = cfg.alerts
    lines = [f"alerts.max_attempts: {a.max_attempts}",
             f"alerts.backoff_base: {a.backoff_base:g} s",
             f"alerts.backoff_max: {a.backoff_max:g} s",
             f"alerts.source_failing_after: {a.source_failing_after:g} s",
             f"alerts.channels: {len(a.channels)}"]
    for c in a.channels:
        extra = f"; digest every {c.digest:g} s" if c.digest else ""
        attempts = c.max_attempts or a.max_attempts
        lines.append(f"  - {c.name} [{c.kind}] {_destination(c)}; timeout {c.timeout:g} s; "
                     f"{attempts} attempts{extra}"
                     + ("; signed" if c.secret else ""))
    lines.append(f"alerts.rules: {len(a.rules)}")
    for r in a.rules:
        brands = ", ".join(r.brands) or "all brands"
        cond = []
        if r.min_severity:
            cond.append(f"severity >= {r.min_severity}")
        if r.cooldown:
            cond.append(f"cooldown {r.cooldown:g} s")
        if r.quiet_hours:
            start, end = r.quiet_hours
            held = (f"except {r.quiet_except} spikes" if r.quiet_except
                    else "every event held")
            cond.append(f"quiet {start // 60:02d}:{start % 60:02d}-{end // 60:02d}:"
                        f"{end % 60:02d} {a.timezone}, {held}")
        lines.append(f"  - {r.name}: {', '.join(r.events)} for {brands} -> "
                     f"{', '.join(r.channels)}" + (f" ({'; '.join(cond)})" if cond else ""))
    return lines


def _cmd(args: argparse.Namespace) -> int:
    cfg = load_config(args.config)
    print(render_config(cfg))
    print(f"OK: {find_config_path(args.config)} is valid")
    return 0
