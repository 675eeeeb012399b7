"""Small helpers shared by the API source kinds: times, ids, body checks."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from listener.errors import ParseError

__all__ = ["parse_time", "from_epoch", "id_key", "require", "as_int", "log_notes"]

log = logging.getLogger("listener.sources")


def log_notes(label: str, notes: list[str]) -> list[str]:
    """Log each note of a poll (skipped pages, rate limits) as a warning; return them."""
    for note in notes:
        log.warning("%s: %s", label, note)
    return notes


def parse_time(value: Any) -> datetime | None:
    """A UTC datetime from an ISO 8601 string (``Z`` or an offset), None if unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def from_epoch(value: Any) -> datetime | None:
    """A UTC datetime from Unix seconds, None if not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value, UTC)


def id_key(value: str) -> tuple[int, str]:
    """Sort key of a numeric-string id (Mastodon snowflakes): longer is newer."""
    return (len(value), value)


def as_int(value: Any) -> int | None:
    """``value`` as an int when it is one (or a digit string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def require(condition: bool, what: str, url: str) -> None:
    """Raise :class:`ParseError` saying the answer of ``url`` is not the documented format."""
    if not condition:
        raise ParseError(f"{url}: unexpected answer ({what}); is this the right kind of source?")
