"""The one exception hierarchy of Vigie.

Every failure that the code expects (a bad config key, a dead feed, a locked
database) is raised as a subclass of :class:`VigieError`, carrying a message a
person can act on. The command line prints these messages without a traceback;
anything else is a bug.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "did_you_mean",
    "VigieError",
    "ConfigError",
    "QueryError",
    "FetchError",
    "ParseError",
    "StoreError",
    "EvaluationError",
]


class VigieError(Exception):
    """Base class of every expected Vigie failure."""


class ConfigError(VigieError):
    """The configuration file is missing, unreadable or invalid.

    ``path`` is the file, ``key`` the dotted key (``sources[2].url``) at fault.
    """

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        where = ""
        if path:
            where += f"{path}: "
        if key:
            where += f"{key}: "
        super().__init__(f"{where}{message}")


class QueryError(VigieError):
    """A brand query cannot be parsed; ``position`` is the 0-based offset."""

    def __init__(self, message: str, *, query: str, position: int) -> None:
        self.query = query
        self.position = position
        pointer = " " * position + "^"
        super().__init__(f"{message} at position {position}\n    {query}\n    {pointer}")


class FetchError(VigieError):
    """A source could not be fetched (network, HTTP status, size limit...)."""

    def __init__(self, message: str, *, url: str, status: int | None = None,
                 retry_after: float | None = None) -> None:
        self.url = url
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class ParseError(VigieError):
    """A fetched body is not a feed Vigie can read."""


class StoreError(VigieError):
    """The database cannot be opened, migrated or written."""


class EvaluationError(VigieError):
    """An evaluation input file is malformed."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for a misspelt key close to one of ``choices``, else ``""``."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""
