"""The command line builds and documents every subcommand."""

from pathlib import Path

import pytest

from listener.cli import build_parser, main


def test_help_lists_every_command(capsys) -> None:
    """``vigie --help`` exits 0 and names the subcommands."""
    assert main([]) == 0
    out = capsys.readouterr().out
    for name in ("run", "check-config", "status", "eval"):
        assert name in out
    assert build_parser().prog == "vigie"


def test_check_config_prints_alerts_without_secrets(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """check-config lists spike overrides, channels and rules; a webhook URL shows its host only."""
    monkeypatch.setenv("HOOK_SECRET", "sh4red")
    monkeypatch.setenv("SLACK_URL", "https://hooks.slack.com/services/XYZ")
    path = tmp_path / "vigie.toml"
    path.write_text("""
[[brands]]
name = "Acme"
[brands.spikes]
count_scales = 3

[alerts]
[[alerts.channels]]
name = "ops"
kind = "webhook"
url = "https://hooks.example.org/services/T0PS3CRET"
secret = "${HOOK_SECRET}"

[[alerts.channels]]
name = "slack"
kind = "slack"
url = "${SLACK_URL}"
digest = "15m"

[[alerts.rules]]
name = "all"
events = ["spike.*"]
channels = ["ops", "slack"]
min_severity = "major"
""", encoding="utf-8")
    assert main(["--config", str(path), "check-config"]) == 0
    out = capsys.readouterr().out
    assert "Acme (languages: any; sensitivity: balanced, count_scales=3)" in out
    assert "alerts.channels: 2" in out and "alerts.rules: 1" in out
    assert "ops [webhook] url: https://hooks.example.org/…" in out and "signed" in out
    assert "slack [slack] url: https://hooks.slack.com/…" in out and "digest every 900 s" in out
    assert "all: spike.opened, spike.escalated, spike.resolved for all brands -> ops, slack" in out
    assert "T0PS3CRET" not in out and "sh4red" not in out and "XYZ" not in out


def test_global_options_may_follow_the_command(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """``vigie check-config --config FILE`` reads FILE, as ``vigie --config FILE
    check-config`` does; options given before the command are kept when the command
    does not repeat them."""
    path = tmp_path / "mine.toml"
    path.write_text("[[brands]]\nname = 'Acme'\n", encoding="utf-8")
    assert main(["check-config", "--config", str(path)]) == 0
    assert "Acme" in capsys.readouterr().out
    parser = build_parser()
    args = parser.parse_args(["-vv", "-c", "a.toml", "status"])
    assert (args.verbose, args.config) == (2, "a.toml")
    args = parser.parse_args(["eval", "spikes", "--nab", "d", "-q", "-c", "b.toml"])
    assert (args.quiet, args.config) == (1, "b.toml")


def test_demo_refuses_an_existing_database(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """The demo world starts from scratch: on an earlier demo's database its
    reviewers would not be new any more, so the file is refused, not reused."""
    old = tmp_path / "demo.db"
    old.write_bytes(b"SQLite format 3\x00" + bytes(100))
    assert main(["demo", "--no-tui", "--for", "1", "--db", str(old)]) == 2
    err = capsys.readouterr().err
    assert f"--db {old}: this file already exists" in err
    assert f"vigie tui --db {old}" in err
    assert old.read_bytes().startswith(b"SQLite format 3")  # left as it was
