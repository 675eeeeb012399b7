"""The display time zone: names accepted, local zone, labels, and times shown in the TUI."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from listener.config import parse_config
from listener.errors import ConfigError, VigieError
from listener.timezones import check_zone_name, resolve_zone, zone_label, zone_option
from tui.render import short_time


def test_names_accepted_and_refused() -> None:
    assert check_zone_name("local") is None and check_zone_name("UTC") is None
    assert check_zone_name("utc") is None and check_zone_name("Europe/Paris") is None
    problem = check_zone_name("Europe/Pariss")
    assert problem is not None and "did you mean 'Europe/Paris'" in problem
    assert "America/Toronto" in (check_zone_name("Mars/Base") or "")
    assert check_zone_name("../../etc/passwd") is not None
    assert check_zone_name("  ") is not None


def test_conversion_follows_daylight_saving_time() -> None:
    """A summer time is shown with the summer offset, whatever the season now."""
    montreal = resolve_zone("America/Toronto")
    assert short_time("2026-07-01T12:00:00Z", montreal) == "07-01 08:00"
    assert short_time("2026-12-07T12:00:00+00:00", montreal) == "12-07 07:00"
    assert short_time("2026-12-31T23:30:00Z", resolve_zone("Europe/Paris")) == "01-01 00:30"
    assert short_time("2026-12-07T12:00:00Z", resolve_zone("UTC")) == "12-07 12:00"
    when = datetime(2026, 7, 1, tzinfo=UTC)
    assert zone_label(montreal, when) == "EDT"
    assert zone_label(montreal, datetime(2026, 12, 1, tzinfo=UTC)) == "EST"
    assert zone_label(UTC) == "UTC"
    assert zone_label(ZoneInfo("Asia/Kolkata")) == "IST"
    assert zone_label(ZoneInfo("America/Sao_Paulo")) == "-0300"  # tzdata names it "-03"


def test_a_malformed_time_is_shown_as_it_is() -> None:
    assert short_time(None, UTC) == "" and short_time("", UTC) == ""
    assert short_time("yesterday", UTC) == "yesterday"
    assert short_time("2026-13-45T99:00:00Z", UTC) == "13-45 99:00"


def test_local_reads_the_zone_the_machine_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    zone = resolve_zone("local")
    assert short_time("2026-07-01T12:00:00Z", zone) == "07-01 14:00"
    assert short_time("2026-12-01T12:00:00Z", zone) == "12-01 13:00"
    monkeypatch.setenv("TZ", ":America/Toronto")  # the leading colon of POSIX TZ
    assert short_time("2026-12-01T12:00:00Z", resolve_zone(None)) == "12-01 07:00"


def test_config_key_and_command_line_option() -> None:
    assert parse_config("").timezone == "local"
    assert parse_config('timezone = "America/Toronto"\n').timezone == "America/Toronto"
    with pytest.raises(ConfigError) as err:
        parse_config('timezone = "America/Torronto"\n')
    assert err.value.key == "timezone" and "America/Toronto" in str(err.value)
    with pytest.raises(ConfigError, match="timezone"):
        parse_config("timezone = 5\n")
    assert zone_option(None) is None
    assert zone_option("UTC") is UTC
    with pytest.raises(VigieError, match="--tz 'Paris'"):
        zone_option("Paris")
