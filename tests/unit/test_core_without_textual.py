"""The core never imports Textual, and the TUI never writes SQL of its own."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "PRAGMA ", "DROP ",
             "REPLACE INTO", "BEGIN ", "COMMIT")
# Lower-case SQL too, without flagging English ("Select or unselect the row").
SQL_SHAPE = re.compile(r"\b(select\b.+\bfrom|insert\s+into|update\b.+\bset|delete\s+from)\b",
                       re.IGNORECASE | re.DOTALL)


def looks_like_sql(text: str) -> bool:
    """Upper-case SQL keywords, or the shape of a statement in any case."""
    return any(word in text for word in SQL_WORDS) or SQL_SHAPE.search(text) is not None


def test_importing_the_core_does_not_import_textual() -> None:
    """``import listener`` and its CLI, daemon and store keep Textual out of sys.modules."""
    code = ("import sys, listener, listener.cli, listener.daemon, listener.store,"
            " listener.store.incidents, listener.store.triage, listener.commands.tui;"
            " listener.cli.build_parser();"
            " print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout


def _string_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


@pytest.mark.parametrize("path", sorted((ROOT / "tui").rglob("*.py")), ids=lambda p: p.name)
def test_tui_has_no_sql(path: Path) -> None:
    """No string literal in ``tui/`` is SQL: the TUI goes through ``listener.store``."""
    found = [(line, text[:60]) for line, text in _string_literals(path)
             if looks_like_sql(text)]
    assert not found, f"{path}: SQL-looking strings {found}"


def test_the_sql_check_would_catch_sql(tmp_path: Path) -> None:
    """The literal scan does see SQL (so the test above can fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text('Q = "SELECT id FROM mentions"\n', encoding="utf-8")
    assert _string_literals(bad) == [(1, "SELECT id FROM mentions")]
    assert looks_like_sql("SELECT id FROM mentions")
    assert looks_like_sql("update triage set status = 'x'")
    assert not looks_like_sql("Select or unselect the cursor row.")
