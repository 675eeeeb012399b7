"""The outcome of one delivery attempt, whatever the channel (HTTP, SMTP, command)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Attempt"]


@dataclass(slots=True)
class Attempt:
    """The outcome of one delivery attempt.

    ``status`` is the receiver's code (HTTP status, SMTP reply code, a
    command's exit status); ``permanent`` failures go to the dead letters at
    once, the others are retried (after ``retry_after`` seconds when the
    receiver asked for it).
    """

    ok: bool
    status: int | None = None
    error: str | None = None
    retry_after: float | None = None
    permanent: bool = False
    response: str = ""
