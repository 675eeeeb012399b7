"""Source kinds other than ``feed``, by name (filled in by the sources issue)."""

from __future__ import annotations

from listener.errors import ConfigError
from listener.sources.base import ApiSource

__all__ = ["KINDS", "get"]

#: kind name → implementation
KINDS: dict[str, ApiSource] = {}


def get(kind: str) -> ApiSource:
    """The implementation of ``kind``."""
    try:
        return KINDS[kind]
    except KeyError:
        raise ConfigError(f"unknown source kind {kind!r}") from None
