"""`vigie status --check`: the problems a monitoring script should hear about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from listener.alerts.outbox import OutboxSummary
from listener.cli import main
from listener.commands.status import check_problems
from listener.store import connect, utc_iso
from listener.store.reads import SourceHealth
from listener.store.tx import write_tx

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _source(sid: int, failures: int = 0, attempt: datetime = NOW, active: bool = True,
            error: str | None = None) -> SourceHealth:
    return SourceHealth(id=sid, url=f"https://ex.org/{sid}", kind="feed", name=f"Feed {sid}",
                        active=active, last_attempt=utc_iso(attempt), last_success=None,
                        http_status=None, consecutive_failures=failures, last_error=error,
                        next_poll=None, items_seen=0,
                        failing_since=utc_iso(NOW - timedelta(hours=2)) if failures else None)


def test_each_problem_is_one_line_and_all_well_is_none() -> None:
    hour = timedelta(hours=1)
    assert check_problems([_source(1), _source(2, failures=1)], OutboxSummary(), NOW, hour) == []
    problems = check_problems(
        [_source(1, failures=3, error="HTTP 404 \x1b[2J gone"), _source(2),
         _source(3, failures=5, active=False)],
        OutboxSummary(pending=1, dead=2), NOW, hour)
    assert problems == [
        "source failing since 2026-12-07T10:00:00Z (3 in a row): Feed 1: HTTP 404 gone",
        "2 alerts not delivered (vigie alerts list --failed)"]
    stale = check_problems([_source(1, attempt=NOW - 2 * hour)], OutboxSummary(), NOW, hour)
    assert stale == ["no poll since 2026-12-07 10:00 UTC (more than 60 min): is `vigie run` "
                     "running?"]


def test_the_exit_status_says_whether_there_is_a_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.tui import storefix

    store = storefix.build(tmp_path / "v.db")
    db = connect(store)
    with write_tx(db):  # polled a minute ago, all well
        db.execute("UPDATE sources SET last_attempt = ?",
                   [utc_iso(datetime.now(UTC) - timedelta(minutes=1))])
    assert main(["status", "--check", "--db", str(store)]) == 0
    assert capsys.readouterr().out.strip() == "OK: sources polled, alerts delivered"
    with write_tx(db):
        db.execute("UPDATE sources SET consecutive_failures = 2, last_error = 'HTTP 503'"
                   " WHERE id = 2")
    db.conn.close()
    assert main(["status", "--check", "--db", str(store)]) == 1
    assert "(2 in a row): Avis Clients: HTTP 503" in capsys.readouterr().out
