"""Logging as one line per event with ``key=value`` fields.

Use :func:`log_event` (or ``logger.info("msg", extra={"kv": {...}})``) so that
every line reads ``2026-11-24T02:30:00Z INFO fetch.ok source=3 status=200``.
Values are quoted when they contain spaces and stripped of control characters
(log lines may carry attacker-controlled text such as feed titles).
"""

from __future__ import annotations

import logging
import re
import sys
import time
from typing import Any

__all__ = ["setup_logging", "log_event", "format_kv"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _value(value: Any) -> str:
    text = _CONTROL.sub("?", str(value))
    if len(text) > 300:
        text = text[:297] + "..."
    if not text or any(c in text for c in ' ="'):
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def format_kv(fields: dict[str, Any]) -> str:
    """Render ``fields`` as ``k=v k2="v 2"`` (None values are skipped)."""
    return " ".join(f"{k}={_value(v)}" for k, v in fields.items() if v is not None)


class _KVFormatter(logging.Formatter):
    converter = time.gmtime

    def format(self, record: logging.LogRecord) -> str:
        stamp = self.formatTime(record, "%Y-%m-%dT%H:%M:%SZ")
        line = f"{stamp} {record.levelname:<5} {_CONTROL.sub('?', record.getMessage())}"
        kv = getattr(record, "kv", None)
        if kv:
            line += " " + format_kv(kv)
        if record.exc_info and record.levelno >= logging.ERROR:
            line += "\n" + self.formatException(record.exc_info)
        return line


def setup_logging(verbosity: int = 0, stream: Any = None) -> None:
    """Configure the root ``vigie`` logger; 0 = INFO, 1+ = DEBUG, -1 = WARNING, -2 = ERROR."""
    level = {-2: logging.ERROR, -1: logging.WARNING, 0: logging.INFO}.get(
        max(-2, min(verbosity, 1)), logging.DEBUG
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(_KVFormatter())
    root = logging.getLogger("vigie")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def log_event(logger: logging.Logger, level: int, event: str, **fields: Any) -> None:
    """Log ``event`` with ``fields`` rendered as ``key=value``."""
    logger.log(level, event, extra={"kv": fields})
