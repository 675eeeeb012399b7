"""The README documents every command, its complete example config loads, and every help runs."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from listener.cli import build_parser, main
from listener.config import parse_config

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
              ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _commands(sub, (*prefix, name))


COMMANDS = sorted(_commands(build_parser()), key=lambda c: c[0])


def test_the_walk_finds_nested_subcommands() -> None:
    """The command walk sees sub-subcommands (so the README check below can fail on them)."""
    paths = {path for path, _ in COMMANDS}
    assert {("eval", "spikes"), ("sources", "add"), ("alerts", "test"), ("export",)} <= paths


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    """`vigie <command>` (as a whole word) appears in README.md for each (sub)command."""
    text = README.read_text(encoding="utf-8")
    pattern = r"vigie " + r"\s+".join(map(re.escape, path)) + r"(?![\w-])"
    assert re.search(pattern, text), f"`vigie {' '.join(path)}` is not documented in README.md"


def test_readme_starts_with_the_two_commands() -> None:
    """The first lines are the title and the `make demo` / `make test` block."""
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Vigie" and lines[2] == "```"
    assert lines[3].startswith("make demo") and lines[4].startswith("make test")


def test_readme_complete_config_example_loads(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's complete TOML example is a valid configuration."""
    text = README.read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", text, re.S) if "[[sources]]" in b]
    assert blocks, "no complete ```toml example with [[sources]] in README.md"
    monkeypatch.setenv("VIGIE_WEBHOOK_SECRET", "s3cret")
    config = parse_config(blocks[0], path=tmp_path / "vigie.toml")
    assert {b.name for b in config.brands} == {"Bleuet Mobile", "Colibri Livraison"}
    assert len(config.sources) >= 4 and config.alerts.rules


def test_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`vigie --help` lists every command with a one-line help."""
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for path, _ in COMMANDS:
        if len(path) == 1:
            assert re.search(rf"^\s+{re.escape(path[0])}\s+\S", out, re.M), path


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_each_help_runs_and_is_complete(path: tuple[str, ...],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`vigie … --help` exits 0, has a description, and every option and argument has help."""
    parser = dict(COMMANDS)[path]
    assert parser.description, f"vigie {' '.join(path)}: no description"
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            missing = [c.dest for c in action._choices_actions if not c.help]
            assert not missing, f"vigie {' '.join(path)}: no help for {missing}"
            continue
        assert action.help, f"vigie {' '.join(path)}: {action.option_strings or action.dest} " \
                            "has no help text"
    with pytest.raises(SystemExit) as exc:
        main([*path, "--help"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("usage: vigie " + " ".join(path))
