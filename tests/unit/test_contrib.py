"""The systemd units in contrib/ call Vigie with arguments it accepts."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from listener.cli import build_parser

CONTRIB = Path(__file__).resolve().parents[2] / "contrib"
VIGIE = "/opt/vigie/bin/vigie"


def _commands(unit: Path) -> list[list[str]]:
    out = []
    for line in unit.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("ExecStart", "ExecStartPre") and value.startswith(VIGIE):
            out.append(shlex.split(value)[1:])
    return out


@pytest.mark.parametrize("unit", sorted(CONTRIB.glob("*.service")), ids=lambda p: p.name)
def test_every_vigie_command_of_a_unit_parses(unit: Path) -> None:
    commands = _commands(unit)
    assert commands, f"{unit.name} runs no {VIGIE} command"
    for argv in commands:
        args = build_parser().parse_args(argv)  # exits (fails the test) on a bad option
        assert getattr(args, "func", None) is not None, argv


def test_the_check_timer_runs_the_check_service() -> None:
    timer = (CONTRIB / "vigie-check.timer").read_text(encoding="utf-8")
    assert "OnUnitActiveSec=" in timer and "WantedBy=timers.target" in timer
    assert _commands(CONTRIB / "vigie-check.service") == [["status", "--check"]]
