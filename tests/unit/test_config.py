"""Configuration loading: defaults, strict validation, errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from listener.config import find_config_path, load_config, parse_config, parse_duration
from listener.errors import ConfigError

GOOD = """
user = "camille"
[storage]
path = "data/vigie.db"
[http]
timeout = "20s"
max_per_host = 3
[[brands]]
name = "Bleuet Mobile"
queries = ['"Bleuet Mobile" OR bleuetmobile']
languages = ["fr", "en"]
[[sources]]
url = "https://example.org/feed.xml"
interval = "10m"
brands = ["Bleuet Mobile"]
"""


def test_parses_and_resolves_relative_paths(tmp_path: Path) -> None:
    """Durations are parsed and the database path is relative to the config file."""
    cfg = parse_config(GOOD, path=tmp_path / "vigie.toml")
    assert cfg.storage.path == tmp_path / "data" / "vigie.db"
    assert cfg.http.timeout == 20
    assert cfg.http.max_per_host == 3
    assert cfg.sources[0].interval == 600
    assert cfg.brands[0].languages == ("fr", "en")
    assert cfg.user == "camille"


def test_example_config_is_valid() -> None:
    """The documented example in the repository validates."""
    example = Path(__file__).parents[2] / "config.example.toml"
    cfg = load_config(example)
    assert cfg.brands and cfg.sources


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ("[storage]\npaht = 'x.db'\n", "storage.paht", "unknown key (did you mean 'path'?)"),
        ("colour = 1\n", "colour", "unknown key; known keys here"),
        ("[[brands]]\nname = 'A'\nsensitivty = 'high'\n", "brands[0].sensitivty",
         "did you mean 'sensitivity'?"),
        ("[[brands]]\nname = 'A'\n[brands.spikes]\nfalse_alarms_per_wek = 2\n",
         "brands[0].spikes.false_alarms_per_wek", "did you mean 'false_alarms_per_week'?"),
        ("[http]\ntimeout = 'soon'\n", "http.timeout", "duration"),
        ("[http]\nmax_per_host = 0\n", "http.max_per_host", ">= 1"),
        ("[[sources]]\nurl = 'file:///etc/passwd'\n", "sources[0].url", "http"),
        ("[[sources]]\nurl = 'https://x.org/f'\nkind = 'gopher'\n", "sources[0].kind", "one of"),
        ("[[brands]]\nname = 'A'\nqueries = ['(a OR']\n", "brands[0].queries[0]", "position"),
        ("[[brands]]\nname = 'A'\n[[sources]]\nurl = 'https://x.org/f'\nbrands = ['B']\n",
         "sources[0].brands[0]", "no [[brands]]"),
        ("[[brands]]\nname = 'A'\n[[brands]]\nname = 'A'\n", "brands[1].name", "duplicate"),
        ("[[brands]]\nname = 'A'\nsensitivity = 'paranoid'\n", "brands[0].sensitivity", "low"),
        ("[sentiment]\nnegative_threshold = 0.5\npositive_threshold = 0.1\n",
         "sentiment.negative_threshold", "positive_threshold"),
        ("[daemon]\ndetection_lag = '20m'\ndetection_hold = '15m'\n", "daemon.detection_hold",
         "at least detection_lag"),
    ],
)
def test_errors_name_file_and_key(text: str, key: str, fragment: str, tmp_path: Path) -> None:
    """Every invalid key is refused with the file, the dotted key and what is expected."""
    path = tmp_path / "bad.toml"
    with pytest.raises(ConfigError) as info:
        parse_config(text, path=path)
    message = str(info.value)
    assert str(path) in message and fragment in message
    assert info.value.key == key
    assert fragment in message


def test_invalid_toml_reports_line(tmp_path: Path) -> None:
    """A TOML syntax error says where."""
    with pytest.raises(ConfigError, match="line 2"):
        parse_config("[storage]\npath = \n", path=tmp_path / "x.toml")


def test_missing_file_explains_how_to_fix(tmp_path: Path) -> None:
    """A missing config tells the three ways to provide one."""
    with pytest.raises(ConfigError, match="VIGIE_CONFIG"):
        load_config(tmp_path / "nope.toml")


def test_config_discovery_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--config beats $VIGIE_CONFIG beats ./vigie.toml."""
    monkeypatch.chdir(tmp_path)
    assert find_config_path(None) == Path("vigie.toml")
    monkeypatch.setenv("VIGIE_CONFIG", "/etc/vigie.toml")
    assert find_config_path(None) == Path("/etc/vigie.toml")
    assert find_config_path("mine.toml") == Path("mine.toml")


def test_durations() -> None:
    """Durations accept numbers and unit suffixes, and refuse nonsense."""
    assert parse_duration(90) == 90
    assert parse_duration("15m") == 900
    assert parse_duration("1h") == 3600
    assert parse_duration("1.5d") == 129600
    for bad in ("-1", "soon", True, -5):
        with pytest.raises(ValueError):
            parse_duration(bad)


def _problems(text: str, path: Path,
              keys: tuple[str, ...]) -> tuple[pytest.ExceptionInfo[ConfigError], str]:
    """Parse ``text`` as ``path``: one error listing exactly one problem per key."""
    with pytest.raises(ConfigError) as info:
        parse_config(text, path=path)
    message = str(info.value)
    assert message.startswith(f"{len(keys)} problems in the configuration:")
    for key in keys:
        assert f"{path}: {key}: " in message
    return info, message


def test_every_mistake_is_named_in_one_run(tmp_path: Path) -> None:
    """Three sections with a mistake each: one error that lists the three, keyed by
    the first, so that one `vigie check-config` names them all."""
    text = ("[storage]\npaht = 'x.db'\n"
            "[[brands]]\nname = 'A'\nqueries = ['(a OR']\n"
            "[[brands]]\nname = 'B'\n"
            "[[sources]]\nurl = 'https://x.org/f'\nbrands = ['A', 'C']\n"
            "[[sources]]\nurl = 'file:///etc/passwd'\n")
    path = tmp_path / "bad.toml"
    info, message = _problems(text, path, ("storage.paht", "brands[0].queries[0]",
                                           "sources[0].brands[1]", "sources[1].url"))
    assert info.value.key == "storage.paht" and info.value.path == str(path)
    # The brand with a bad query still names itself: sources[0] may list "A".
    assert "sources[0].brands[0]" not in message


def test_every_mistake_of_one_table_is_named(tmp_path: Path) -> None:
    """Mistakes inside one table are all named too, each with its key; a key that
    is wrong does not hide the next one, and a wrong kind does not also report its
    options as unknown keys."""
    text = ("[daemon]\ndefault_interval = '2s'\njitter = 3\ndetect_evrey = '1m'\n"
            "[[brands]]\nname = 'A'\nsensitivity = 'paranoid'\nquerys = ['a']\n"
            "languages = ['french']\n"
            "[[sources]]\nurl = 'https://x.org/f'\nkind = 'mastodn'\ninterval = 5\n"
            "instance = 'https://m.example'\n")
    info, message = _problems(text, tmp_path / "bad.toml", (
        "daemon.default_interval", "daemon.jitter", "daemon.detect_evrey",
        "brands[0].languages[0]", "brands[0].sensitivity", "brands[0].querys",
        "sources[0].kind", "sources[0].interval"))
    assert "did you mean 'detect_every'" in message
    assert "did you mean 'queries'" in message
    assert "sources[0].instance" not in message
    assert info.value.key == "daemon.default_interval"


def test_one_mistake_is_raised_as_it_is(tmp_path: Path) -> None:
    """A single mistake keeps its own message and key (no "1 problems" list)."""
    with pytest.raises(ConfigError) as info:
        parse_config("[http]\ntimeout = 'soon'\n", path=tmp_path / "c.toml")
    assert info.value.key == "http.timeout"
    assert "problems in the configuration" not in str(info.value)


def test_a_brand_without_a_name_is_one_mistake(tmp_path: Path) -> None:
    """The missing name is the mistake; no default query is checked in its place."""
    with pytest.raises(ConfigError) as info:
        parse_config("[[brands]]\nlanguages = ['fr']\n", path=tmp_path / "c.toml")
    assert info.value.key == "brands[0].name"
    assert "problems in the configuration" not in str(info.value)
