"""``[alerts]`` configuration: rules and channels (placeholder until the alerts issue lands)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from listener.errors import ConfigError

__all__ = ["AlertsConfig", "parse_alerts"]


@dataclass(frozen=True, slots=True)
class AlertsConfig:
    """Validated ``[alerts]`` table."""

    rules: tuple[Any, ...] = ()
    channels: tuple[Any, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def parse_alerts(table: dict[str, Any], path: str) -> AlertsConfig:
    """Validate the ``[alerts]`` table of the config file at ``path``."""
    if table:
        raise ConfigError("alert rules and channels are not supported yet", path=path,
                          key="alerts")
    return AlertsConfig()
