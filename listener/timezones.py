"""The time zone a person reads times in.

The store, alerts, webhooks and exports keep every time in UTC; only what a
person reads while triaging (the TUI) is shown in a *display zone*: the
top-level ``timezone`` of the configuration or ``vigie tui --tz``. The
accepted names are ``local`` (the machine's zone, the default), ``UTC``, or
an IANA name such as ``America/Toronto`` or ``Europe/Paris``.

``local`` is read as a full IANA zone when the machine names one (``$TZ``, or
``/etc/localtime``), so that a time from before a daylight-saving change is
shown with the offset it had then, not with today's.
"""

from __future__ import annotations

import os
import zoneinfo
from datetime import UTC, datetime, tzinfo
from functools import lru_cache

from listener.errors import ConfigError, VigieError, did_you_mean

__all__ = ["LOCAL", "ZONE_HELP", "check_zone_name", "resolve_zone", "zone_option", "zone_label"]

#: The name of the machine's own zone.
LOCAL = "local"

#: What a zone name may be, for messages and ``--help``.
ZONE_HELP = ('"local" (this machine\'s zone), "UTC", or an IANA name such as '
             '"America/Toronto" or "Europe/Paris"')


def check_zone_name(name: str) -> str | None:
    """Why ``name`` is not a usable zone name (``None`` when it is)."""
    key = name.strip()
    if key.lower() in (LOCAL, "utc"):
        return None
    if not key:
        return f"expected a time zone: {ZONE_HELP}"
    try:
        zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        hint = did_you_mean(key, _known_zones())
        return f"unknown time zone {key!r}{hint}; use {ZONE_HELP}"
    return None


def resolve_zone(name: str | None) -> tzinfo:
    """The zone called ``name`` (``None`` is ``local``); raises :class:`ConfigError` if unknown."""
    key = (name or LOCAL).strip()
    problem = check_zone_name(key)
    if problem:
        raise ConfigError(problem, key="timezone")
    if key.lower() == LOCAL:
        return _local_zone()
    if key.lower() == "utc":
        return UTC
    return zoneinfo.ZoneInfo(key)


def zone_option(value: str | None, option: str = "--tz") -> tzinfo | None:
    """The zone given on the command line (``None`` when the option was not given)."""
    if value is None:
        return None
    problem = check_zone_name(value)
    if problem:
        raise VigieError(f"{option} {value!r}: {problem}")
    return resolve_zone(value)


def zone_label(zone: tzinfo, at: datetime | None = None) -> str:
    """Short name of ``zone`` at ``at`` (now by default): ``UTC``, ``EST``, ``CET``, ``+0530``."""
    moment = (at or datetime.now(UTC)).astimezone(zone)
    name = moment.tzname() or ""
    if name and len(name) <= 6 and not name.startswith(("+", "-")):
        return name
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _local_zone() -> tzinfo:
    """The machine's zone, with its daylight-saving rules when they can be found."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        try:
            return zoneinfo.ZoneInfo(env)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            # A POSIX rule such as "EST5EDT,M3.2.0,M11.1.0": the C library
            # applies it; take today's offset from it.
            return datetime.now().astimezone().tzinfo or UTC
    try:
        with open("/etc/localtime", "rb") as f:
            return zoneinfo.ZoneInfo.from_file(f, key="localtime")
    except (OSError, ValueError):
        return datetime.now().astimezone().tzinfo or UTC


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    try:
        return frozenset(zoneinfo.available_timezones())
    except (OSError, ValueError):  # pragma: no cover - no zone database at all
        return frozenset()
