"""The command line builds and documents every subcommand."""

from listener.cli import build_parser, main


def test_help_lists_every_command(capsys) -> None:
    """``vigie --help`` exits 0 and names the subcommands."""
    assert main([]) == 0
    out = capsys.readouterr().out
    for name in ("run", "check-config", "status", "eval"):
        assert name in out
    assert build_parser().prog == "vigie"
